//! The pages: Lookup (`/`), QA (`/qa`), Memory (`/memory`), rendered with maud (which escapes
//! every interpolated value), and their embedded assets (`/assets/…`).

use super::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup, DOCTYPE};
use std::sync::Arc;

const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");

pub(super) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(lookup_page))
        .route("/qa", get(qa_page))
        .route("/memory", get(memory_page))
        .route(
            "/assets/style.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE) }),
        )
        .route(
            "/assets/app.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    SCRIPT,
                )
            }),
        )
}

/// The page frame. `write` marks a server started with `--allow-write`: the script then
/// offers editing and deleting the units it shows, and the Memory page a form to add one.
fn layout(title: &str, page: &str, write: bool, body: Markup) -> Html<String> {
    let nav = [
        ("/", "Lookup", "lookup"),
        ("/qa", "QA", "qa"),
        ("/memory", "Memory", "memory"),
    ];
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · tm" }
                    link rel="stylesheet" href="/assets/style.css";
                    script src="/assets/app.js" defer {}
                }
                body data-page=(page) data-write=[write.then_some("1")] {
                    nav {
                        strong { "tm" }
                        @for (href, label, id) in nav {
                            a href=(href) class=[(id == page).then_some("active")] { (label) }
                        }
                    }
                    main { (body) }
                }
            }
        }
        .into_string(),
    )
}

async fn lookup_page(State(st): State<Arc<AppState>>) -> impl IntoResponse {
    layout(
        "Lookup",
        "lookup",
        st.cfg.allow_write,
        html! {
            div.searchbar {
                input #q type="search" autofocus autocomplete="off" spellcheck="false"
                    placeholder="Type or paste a sentence (English or Russian)";
                label.toggle {
                    input #mode-concordance type="checkbox";
                    " Concordance"
                }
            }
            p #status .muted { "Fuzzy matches appear as you type. ↑/↓ select, Enter searches now, Ctrl+C copies the selected proposal." }
            ol #results {}
        },
    )
}

async fn qa_page(State(st): State<Arc<AppState>>) -> impl IntoResponse {
    layout(
        "QA",
        "qa",
        st.cfg.allow_write,
        html! {
            form #qa-form {
                label { "File (TSV, TMX, XLIFF, text) " input #qa-file type="file" name="file"; }
                button #qa-run-file type="submit" { "Check the file" }
                button #qa-run-memory type="button" { "Check the memory" }
                label { " Download as "
                    select #qa-download-format {
                        option value="html" { "HTML" }
                        option value="csv" { "CSV" }
                        option value="jsonl" { "JSONL" }
                    }
                }
                button #qa-download type="button" { "Download" }
            }
            p #qa-status .muted {}
            section #qa-worst hidden {
                h2 { "Lowest quality scores" }
                p.muted { "The learnt quality score (0–1, higher is better) of each Russian–English pair, worst first; marked: the words that pull it down." }
                table #qa-quality {
                    thead { tr { th { "Segment" } th { "Score" } th { "Source" } th { "Target" } } }
                    tbody {}
                }
            }
            div.filters {
                label { "Check " select #f-check { option value="" { "all" } } }
                label { "Severity " select #f-severity { option value="" { "all" } } }
                label { "Order " select #f-order { option value="segment" { "by segment" } option value="quality" { "worst quality first" } } }
                span.muted { span #qa-shown { "0" } " shown" }
            }
            table #qa-findings {
                thead { tr { th { "Segment" } th { "Check" } th { "Source" } th { "Target" } th { "Message" } th { "Suggestion" } } }
                tbody {}
            }
        },
    )
}

async fn memory_page(State(st): State<Arc<AppState>>) -> impl IntoResponse {
    let allow_write = st.cfg.allow_write;
    let db = st.cfg.db.display().to_string();
    let stats = tokio::task::spawn_blocking(move || st.pool.get().and_then(|m| m.stats()))
        .await
        .ok()
        .and_then(Result::ok);
    layout(
        "Memory",
        "memory",
        allow_write,
        html! {
            h2 { "Memory " code { (db) } }
            @if let Some(s) = stats {
                table #stats {
                    tr { th { "Documents" } td { (s.documents) } }
                    tr { th { "Segments" } td { (s.segments) } }
                    tr { th { "Pairs" } td { (s.pairs) } }
                    tr { th { "Monolingual" } td { (s.monolingual) } }
                    @for (k, n) in &s.by_language { tr { th { (k) } td { (n) } } }
                }
            } @else {
                p.error { "The memory could not be read." }
            }
            p { a href="/api/export?format=tmx" download { "Export as TMX" } " · " a href="/api/export?format=tsv" download { "Export as TSV" } }
            @if allow_write {
                h3 { "Add a unit" }
                form #add-form {
                    label { "Source " select name="src_lang" { option value="en" { "en" } option value="ru" { "ru" } } }
                    textarea name="source" rows="2" cols="48" required placeholder="Source text" {}
                    label { "Target " select name="tgt_lang" { option value="ru" { "ru" } option value="en" { "en" } } }
                    textarea name="target" rows="2" cols="48" placeholder="Translation (empty: a monolingual segment)" {}
                    label { "Your name " input #user name="user" type="text" size="14" autocomplete="name"; }
                    button type="submit" { "Add" }
                }
                p #add-status .muted {}
            }
            h3 { "Import" }
            @if allow_write {
                form #import-form {
                    input #import-file type="file" name="file" accept=".tmx,.tsv";
                    select name="on_duplicate" {
                        option value="skip" { "skip duplicates" }
                        option value="overwrite" { "overwrite" }
                        option value="keep-both" { "keep both" }
                    }
                    button type="submit" { "Import" }
                    progress #import-progress max="100" value="0" {}
                }
                p #import-status .muted {}
            } @else {
                p.muted { "This server is read-only. Start it with " code { "tm serve --allow-write" } " to add, edit, delete or import units." }
            }
        },
    )
}
