//! The JSON API: `GET /api/lookup`, `GET /api/concordance`, `GET /api/stats`, `POST /api/qa`,
//! `POST /api/import` (with `--allow-write`), `GET /api/export`; the single-unit routes are
//! in `team`. Errors are JSON `{"error": message}` with an HTTP status: 400 for bad input, 403
//! for writes to a read-only server, 404 for unknown routes and units, 409 for a change made
//! from an old version of a unit, 413 for bodies over the limit, 500 for failures of the
//! memory, 503 while the memory's database server cannot be reached.

use super::AppState;
use crate::lookup::{lookup_with, LookupOptions};
use crate::memory::{ExportFilter, OnDuplicate};
use crate::qa;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;

type St = State<Arc<AppState>>;

/// Longest query accepted, in chars.
const MAX_QUERY: usize = 2000;

/// An error answered as JSON with a status code.
#[derive(Debug)]
pub(crate) struct ApiError(pub(super) StatusCode, pub(super) String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.0,
            Json(json!({"error": self.1, "status": self.0.as_u16()})),
        )
            .into_response()
    }
}

impl From<crate::Error> for ApiError {
    fn from(e: crate::Error) -> Self {
        let status = match &e {
            crate::Error::BadInput { .. } | crate::Error::Parse { .. } | crate::Error::Usage(_) => {
                StatusCode::BAD_REQUEST
            }
            crate::Error::Conflict(_) => StatusCode::CONFLICT,
            crate::Error::NotFound(_) => StatusCode::NOT_FOUND,
            crate::Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            crate::Error::Io { .. } | crate::Error::Db(_) | crate::Error::Postgres(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        ApiError(status, e.to_string())
    }
}

/// Query parameters, with a malformed query string answered as a JSON 400.
fn params<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| bad(format!("bad query parameters: {}", e.body_text())))
}

/// A `limit` parameter: `default` when absent, else 1–`max`.
fn limit_param(limit: Option<usize>, default: usize, max: usize) -> Result<usize, ApiError> {
    let limit = limit.unwrap_or(default);
    if (1..=max).contains(&limit) {
        Ok(limit)
    } else {
        Err(bad(format!("limit must be 1–{max}")))
    }
}

pub(super) fn bad(msg: impl Into<String>) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, msg.into())
}

/// A permit of `limit`, waiting for one (an error only when the server shuts down).
async fn permit(
    limit: &tokio::sync::Semaphore,
) -> Result<tokio::sync::SemaphorePermit<'_>, ApiError> {
    limit.acquire().await.map_err(|e| {
        ApiError(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("shutting down: {e}"),
        )
    })
}

/// Runs blocking work (SQLite, checks) off the async threads, at most `workers` at a time;
/// the work gets the server's state.
pub(super) async fn blocking<T: Send + 'static>(
    st: &Arc<AppState>,
    f: impl FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let _permit = permit(&st.workers).await?;
    let st = st.clone();
    tokio::task::spawn_blocking(move || f(&st))
        .await
        .map_err(|e| {
            ApiError(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("worker failed: {e}"),
            )
        })?
}

/// Runs a job that holds a whole batch or memory in RAM (QA, import, export) through
/// [`blocking`], one such job at a time: lookups keep their workers, and concurrent uploads
/// cannot multiply the server's memory.
async fn heavy<T: Send + 'static>(
    st: &Arc<AppState>,
    f: impl FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let _permit = permit(&st.heavy).await?;
    blocking(st, f).await
}

pub(super) fn routes(cfg: &super::ServeConfig) -> Router<Arc<AppState>> {
    let uploads = Router::new()
        .route("/api/qa", post(qa_run))
        .route("/api/import", post(import))
        .layer(DefaultBodyLimit::max(cfg.max_upload));
    Router::new()
        .route("/api/lookup", get(lookup))
        .route("/api/concordance", get(concordance))
        .route("/api/stats", get(stats))
        .route("/api/export", get(export))
        .route("/api/{*rest}", get(not_found).post(not_found))
        .layer(DefaultBodyLimit::max(cfg.max_body))
        .merge(uploads)
}

async fn not_found() -> ApiError {
    ApiError(StatusCode::NOT_FOUND, "no such API route".into())
}

fn check_query(q: Option<String>) -> Result<String, ApiError> {
    let q = q.unwrap_or_default();
    if q.trim().is_empty() {
        return Err(bad("parameter q is required"));
    }
    if q.chars().count() > MAX_QUERY {
        return Err(ApiError(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("query longer than {MAX_QUERY} chars"),
        ));
    }
    Ok(q)
}

#[derive(Deserialize)]
struct LookupParams {
    q: Option<String>,
    min: Option<u32>,
    limit: Option<usize>,
    prev: Option<String>,
}

async fn lookup(
    State(st): St,
    p: Result<Query<LookupParams>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let p = params(p)?;
    let q = check_query(p.q)?;
    let min = p.min.unwrap_or(50);
    if min > 101 {
        return Err(bad("min must be 0–101"));
    }
    let limit = limit_param(p.limit, 5, 50)?;
    let started = std::time::Instant::now();
    let key = format!(
        "{min}\u{1}{limit}\u{1}{}\u{1}{q}",
        p.prev.as_deref().unwrap_or("")
    );
    if let Some(mut v) = st.cache.get(&key) {
        v["elapsed_us"] = json!(started.elapsed().as_micros() as u64);
        v["cached"] = json!(true);
        return Ok(Json(v));
    }
    let (q2, matches) = blocking(&st, move |st2| {
        let mem = st2.pool.get()?;
        let opts = LookupOptions {
            min_score: min,
            limit,
            prev: p.prev,
            ..LookupOptions::default()
        };
        let m = lookup_with(&*mem, &q, &opts)?;
        Ok((q, m))
    })
    .await?;
    let v = json!({
        "query": q2,
        "matches": matches,
        "elapsed_us": started.elapsed().as_micros() as u64,
    });
    if st.cache.enabled() {
        st.cache.put(key, v.clone());
    }
    Ok(Json(v))
}

#[derive(Deserialize)]
struct ConcordanceParams {
    q: Option<String>,
    limit: Option<usize>,
}

/// Removes the markers `open`/`close` from `s` and returns the text with the char spans they
/// enclosed.
fn spans(s: &str, open: char, close: char) -> (String, Vec<[usize; 2]>) {
    let mut text = String::with_capacity(s.len());
    let mut out = Vec::new();
    let mut n = 0;
    let mut start = None;
    for c in s.chars() {
        if c == open {
            start = Some(n);
        } else if c == close {
            if let Some(a) = start.take() {
                out.push([a, n]);
            }
        } else {
            text.push(c);
            n += 1;
        }
    }
    (text, out)
}

async fn concordance(
    State(st): St,
    p: Result<Query<ConcordanceParams>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let p = params(p)?;
    let q = check_query(p.q)?;
    let limit = limit_param(p.limit, 20, 200)?;
    let words = crate::text::word_keys(&q);
    if words.is_empty() {
        return Err(bad("the query has no word with letters or digits"));
    }
    let hits = blocking(&st, move |st2| {
        let mem = st2.pool.get()?;
        Ok(mem.concordance(&words, limit, "\u{E000}", "\u{E001}")?)
    })
    .await?;
    let rows: Vec<Value> = hits
        .iter()
        .map(|(s, src, tgt)| {
            let (src, src_spans) = spans(src, '\u{E000}', '\u{E001}');
            let (tgt, tgt_spans) = match tgt {
                Some(t) => {
                    let (t, sp) = spans(t, '\u{E000}', '\u{E001}');
                    (Some(t), sp)
                }
                None => (None, Vec::new()),
            };
            json!({"segment": s.id, "doc": s.doc, "src_lang": s.src_lang, "src": src,
                   "src_spans": src_spans, "tgt_lang": s.tgt_lang, "tgt": tgt,
                   "tgt_spans": tgt_spans})
        })
        .collect();
    Ok(Json(json!({"query": q, "hits": rows})))
}

async fn stats(State(st): St) -> Result<Json<Value>, ApiError> {
    let read_only = !st.cfg.allow_write;
    let s = blocking(&st, move |st2| Ok(st2.pool.get()?.stats()?)).await?;
    let mut v = serde_json::to_value(s).unwrap_or_default();
    v["read_only"] = json!(read_only);
    Ok(Json(v))
}

#[derive(Deserialize)]
struct QaParams {
    source: Option<String>,
    format: Option<String>,
    src_lang: Option<String>,
    tgt_lang: Option<String>,
}

/// The first file part of a multipart body: (file name, bytes), and the text fields.
async fn read_upload(
    mut mp: Multipart,
) -> Result<(Option<(String, Vec<u8>)>, Vec<(String, String)>), ApiError> {
    let mut file = None;
    let mut fields = Vec::new();
    while let Some(field) = mp.next_field().await.map_err(|e| upload_error(&e))? {
        let name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(str::to_string) {
            Some(fname) if file.is_none() => {
                let bytes = field.bytes().await.map_err(|e| upload_error(&e))?;
                // Only the name's last component is kept: it names the format, never a path.
                let base = Path::new(&fname)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "upload".into());
                file = Some((base, bytes.to_vec()));
            }
            _ => {
                let text = field.text().await.map_err(|e| upload_error(&e))?;
                fields.push((name, text));
            }
        }
    }
    Ok((file, fields))
}

fn upload_error(e: &axum::extract::multipart::MultipartError) -> ApiError {
    // An upload fails to read only through its client (a body cut short, a broken stream).
    let status = match e.status() {
        s if s.is_server_error() => axum::http::StatusCode::BAD_REQUEST,
        s => s,
    };
    ApiError(status, format!("upload: {}", e.body_text()))
}

async fn qa_run(
    State(st): St,
    p: Result<Query<QaParams>, QueryRejection>,
    mp: Option<Multipart>,
) -> Result<Response, ApiError> {
    let p = params(p)?;
    let from_memory = p.source.as_deref() == Some("memory");
    let upload = match (from_memory, mp) {
        (true, _) => None,
        (false, Some(mp)) => match read_upload(mp).await?.0 {
            Some(f) => Some(f),
            None => {
                return Err(bad(
                    "send a file (multipart field `file`) or use ?source=memory",
                ))
            }
        },
        (false, None) => {
            return Err(bad(
                "send a file (multipart field `file`) or use ?source=memory",
            ))
        }
    };
    let format = p.format.unwrap_or_else(|| "json".into());
    if !matches!(format.as_str(), "json" | "jsonl" | "csv" | "html") {
        return Err(bad("format must be json, jsonl, csv or html"));
    }
    let (src_lang, tgt_lang) = (p.src_lang, p.tgt_lang);
    let (title, units, findings, quality) = heavy(&st, move |st2| {
        // The memory's own lexical model, when it has one (`tm lexicon`); a file checked
        // on its own needs no memory, so a memory that cannot be read leaves the shipped one.
        let lexicon = st2
            .pool
            .get()
            .ok()
            .and_then(|m| qa::quality::refresh::memory_model(&*m).ok().flatten());
        let (title, units) = match upload {
            None => {
                let mem = st2.pool.get()?;
                (
                    st2.cfg.db.display().to_string(),
                    qa::input::units_from_memory(&*mem, None)?,
                )
            }
            Some((name, bytes)) => {
                let label = Path::new(&name);
                let text = crate::formats::decode_file(label, bytes)?;
                let units = qa::input::units_from_text(
                    label,
                    &text,
                    src_lang.as_deref(),
                    tgt_lang.as_deref(),
                )?;
                (name, units)
            }
        };
        let findings = qa::check(&units);
        let quality = match &lexicon {
            Some(lex) => qa::quality::assess_units_with(&units, lex),
            None => qa::quality::assess_units(&units),
        };
        Ok((title, units, findings, quality))
    })
    .await?;
    let download = |ctype: &str, ext: &str, body: String| -> Response {
        (
            [
                (header::CONTENT_TYPE, ctype.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"qa-report.{ext}\""),
                ),
            ],
            body,
        )
            .into_response()
    };
    Ok(match format.as_str() {
        "jsonl" => download(
            "application/x-ndjson; charset=utf-8",
            "jsonl",
            crate::report::jsonl(&units, &findings),
        ),
        "csv" => download(
            "text/csv; charset=utf-8",
            "csv",
            crate::report::csv(&units, &findings),
        ),
        "html" => download(
            "text/html; charset=utf-8",
            "html",
            crate::report::html_with_quality(&title, &units, &findings, &quality, 50),
        ),
        _ => {
            let score_of: std::collections::HashMap<usize, f64> =
                quality.iter().map(|q| (q.unit, q.score)).collect();
            let rows: Vec<Value> = findings
                .iter()
                .map(|f| {
                    let u = units.get(f.unit);
                    let mut v = serde_json::to_value(f).unwrap_or_default();
                    v["source"] = json!(u.map(|u| u.src.text.as_str()));
                    v["target"] = json!(u.and_then(|u| u.tgt.as_ref()).map(|t| t.text.as_str()));
                    v["origin"] = json!(u.map(|u| u.origin.as_str()));
                    v["quality"] = json!(score_of.get(&f.unit).map(|s| round4(*s)));
                    v
                })
                .collect();
            Json(json!({
                "title": title,
                "units": units.len(),
                "counts": qa::count_by_check(&findings),
                "findings": rows,
                "quality": worst_pairs(&units, &quality, WORST_PAIRS),
            }))
            .into_response()
        }
    })
}

/// How many pairs of lowest quality a QA answer lists.
const WORST_PAIRS: usize = 50;

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// The pairs of lowest quality score first (at most `limit`): segment, origin, score, both
/// texts and the target spans that pull the score down (char offsets).
fn worst_pairs(
    units: &[qa::QaUnit],
    quality: &[qa::quality::PairQuality],
    limit: usize,
) -> Vec<Value> {
    let mut worst: Vec<&qa::quality::PairQuality> = quality.iter().collect();
    worst.sort_by(|a, b| a.score.total_cmp(&b.score));
    worst
        .into_iter()
        .take(limit)
        .filter_map(|q| {
            let u = units.get(q.unit)?;
            Some(json!({
                "segment": u.id,
                "origin": u.origin,
                "score": round4(q.score),
                "source": u.src.text,
                "target": u.tgt.as_ref().map(|t| t.text.as_str()),
                "spans": q.spans,
            }))
        })
        .collect()
}

async fn import(State(st): St, mp: Option<Multipart>) -> Result<Json<Value>, ApiError> {
    if !st.cfg.allow_write {
        return Err(ApiError(
            StatusCode::FORBIDDEN,
            "this server is read-only: start it with --allow-write to import".into(),
        ));
    }
    let Some(mp) = mp else {
        return Err(bad("send a TMX or TSV file (multipart field `file`)"));
    };
    let (file, fields) = read_upload(mp).await?;
    let Some((name, bytes)) = file else {
        return Err(bad("send a TMX or TSV file (multipart field `file`)"));
    };
    let policy = match fields
        .iter()
        .find(|(k, _)| k == "on_duplicate")
        .map(|(_, v)| v.as_str())
    {
        None | Some("skip") => OnDuplicate::Skip,
        Some("overwrite") => OnDuplicate::Overwrite,
        Some("keep-both") => OnDuplicate::KeepBoth,
        Some(o) => return Err(bad(format!("on_duplicate: unknown policy {o}"))),
    };
    let stats = heavy(&st, move |st2| {
        let label = Path::new(&name);
        let ext = label
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let text = crate::formats::decode_file(label, bytes)?;
        let units = match ext.as_str() {
            "tmx" => crate::formats::tmx::parse(label, &text)?,
            "tsv" | "tab" | "txt" => {
                crate::formats::tsv::to_units(&crate::formats::tsv::parse(label, &text, false)?)
            }
            _ => return Err(bad(format!("{name}: expected a .tmx or .tsv file"))),
        };
        let mut mem = st2.pool.get()?;
        let mut it = units.into_iter().map(Ok);
        Ok(mem.import_stream(&mut it, &format!("import:{name}"), policy, &mut |_| {})?)
    })
    .await?;
    st.cache.clear();
    Ok(Json(serde_json::to_value(stats).unwrap_or_default()))
}

#[derive(Deserialize)]
struct ExportParams {
    format: Option<String>,
}

async fn export(
    State(st): St,
    p: Result<Query<ExportParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(p)?;
    let format = p.format.unwrap_or_else(|| "tmx".into());
    if !matches!(format.as_str(), "tmx" | "tsv") {
        return Err(bad("format must be tmx or tsv"));
    }
    let units = heavy(&st, move |st2| {
        Ok(st2.pool.get()?.units(&ExportFilter::default())?)
    })
    .await?;
    let (ctype, body) = if format == "tmx" {
        ("application/x-tmx+xml", crate::formats::tmx::write(&units))
    } else {
        (
            "text/tab-separated-values; charset=utf-8",
            crate::formats::tsv::write(&units),
        )
    };
    Ok((
        [
            (header::CONTENT_TYPE, ctype.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"memory.{format}\""),
            ),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::{blocking, heavy, spans, AppState};
    use std::sync::Arc;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn heavy_jobs_wait_for_each_other_but_not_lookups() {
        let cfg = crate::server::ServeConfig::default();
        let st = Arc::new(AppState {
            pool: crate::server::Pool::new(cfg.db.clone()),
            workers: tokio::sync::Semaphore::new(4),
            heavy: tokio::sync::Semaphore::new(1),
            cache: crate::server::LookupCache::new(0),
            cfg,
        });
        // A QA run in progress holds the heavy permit.
        let running = st.heavy.acquire().await.expect("permit");
        let st2 = st.clone();
        let waiting = tokio::spawn(async move { heavy(&st2, |_| Ok(1)).await });
        // Other work still runs.
        assert_eq!(blocking(&st, |_| Ok(2)).await.ok(), Some(2));
        for _ in 0..20 {
            tokio::task::spawn_blocking(|| {
                std::thread::sleep(std::time::Duration::from_millis(10))
            })
            .await
            .expect("sleep");
            assert!(
                !waiting.is_finished(),
                "a second heavy job ran alongside the first"
            );
        }
        drop(running);
        assert_eq!(waiting.await.expect("join").ok(), Some(1));
    }

    #[test]
    fn marker_spans() {
        let (t, s) = spans(
            "a \u{E000}НАТО\u{E001} b \u{E000}x\u{E001}",
            '\u{E000}',
            '\u{E001}',
        );
        assert_eq!(t, "a НАТО b x");
        assert_eq!(s, vec![[2, 6], [9, 10]]);
    }
}
