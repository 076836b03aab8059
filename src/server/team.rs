//! The team memory behind the server: the write API for single units (`POST /api/units`,
//! `GET`/`PUT`/`DELETE /api/units/ID`, writes with `--allow-write`), and, on PostgreSQL, the
//! watch on the database's generation that clears this instance's caches whenever any
//! instance (or any `tm` command) writes, so that servers in front of one database answer
//! alike.

use super::api::{bad, blocking, ApiError};
use super::AppState;
use crate::memory::{NewSegment, UnitChange};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::{Arc, Weak};
use std::time::Duration;

type St = State<Arc<AppState>>;

const GENERATIONS: &str = "SELECT generation, lists_generation FROM tm_state WHERE id = 1";

/// How often a server in front of PostgreSQL reads the database's generation.
const WATCH_EVERY: Duration = Duration::from_millis(200);

pub(super) fn routes(cfg: &super::ServeConfig) -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/units", post(add))
        .route("/api/units/{id}", get(show).put(edit).delete(remove))
        .layer(DefaultBodyLimit::max(cfg.max_body))
}

/// Starts a thread that reads the generations of the PostgreSQL memory every
/// [`WATCH_EVERY`] and clears the lookup answers when any write happened, and the decoded
/// posting lists when the lists changed (single-unit writes leave the lists as they are and
/// are read beside them by every lookup). It ends
/// with the server's state. A database that is down is retried on the next round.
pub(super) fn watch_generation(state: &Arc<AppState>) {
    let weak: Weak<AppState> = Arc::downgrade(state);
    let url = state.cfg.db.to_string_lossy().to_string();
    // The generation before any answer is cached (on a thread: the client blocks); when it
    // cannot be read, the first one read later clears everything cached meanwhile.
    let first = std::thread::scope(|s| {
        s.spawn(|| {
            let mut c = postgres::Config::from_str_or_none(&url)?
                .connect(postgres::NoTls)
                .ok()?;
            let r = c.query_one(GENERATIONS, &[]).ok()?;
            Some((c, (r.get::<_, i64>(0), r.get::<_, i64>(1))))
        })
        .join()
        .ok()
        .flatten()
    });
    let _ = std::thread::Builder::new()
        .name("tm-generation".into())
        .spawn(move || {
            let (mut client, mut seen) = match first {
                Some((c, g)) => (Some(c), Some(g)),
                None => (None, None),
            };
            loop {
                std::thread::sleep(WATCH_EVERY);
                let Some(st) = weak.upgrade() else {
                    return;
                };
                if client.as_ref().is_none_or(|c| c.is_closed()) {
                    client = postgres::Config::from_str_or_none(&url)
                        .and_then(|c| c.connect(postgres::NoTls).ok());
                }
                let Some(c) = client.as_mut() else {
                    // The database is away: the pool's connections are dead too.
                    st.pool.drop_free();
                    continue;
                };
                match c.query_one(GENERATIONS, &[]) {
                    Ok(row) => {
                        let g: (i64, i64) = (row.get(0), row.get(1));
                        // Any write: the answers; a write of the lists: the decoded lists too.
                        if seen.is_none_or(|s| s.0 != g.0) {
                            st.cache.clear();
                        }
                        if seen.is_none_or(|s| s.1 != g.1) {
                            st.pool.postings.clear();
                        }
                        seen = Some(g);
                    }
                    Err(_) => {
                        st.pool.drop_free();
                        client = None;
                    }
                }
            }
        });
}

/// Parsing a connection string without failing the watch.
trait FromStrOrNone: Sized {
    fn from_str_or_none(s: &str) -> Option<Self>;
}

impl FromStrOrNone for postgres::Config {
    fn from_str_or_none(s: &str) -> Option<Self> {
        let mut c: postgres::Config = s.parse().ok()?;
        c.connect_timeout(Duration::from_secs(2));
        Some(c)
    }
}

fn writable(st: &AppState) -> Result<(), ApiError> {
    if st.cfg.allow_write {
        Ok(())
    } else {
        Err(ApiError(
            StatusCode::FORBIDDEN,
            "this server is read-only: start it with --allow-write to change units".into(),
        ))
    }
}

fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    b.map(|Json(t)| t)
        .map_err(|e| bad(format!("bad JSON body: {}", e.body_text())))
}

fn who(user: Option<String>) -> String {
    user.filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "anonymous".into())
}

#[derive(Deserialize)]
struct AddBody {
    source: String,
    target: Option<String>,
    src_lang: String,
    tgt_lang: Option<String>,
    user: Option<String>,
}

async fn add(
    State(st): St,
    b: Result<Json<AddBody>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    writable(&st)?;
    let b = body(b)?;
    let tgt = match (b.target, b.tgt_lang) {
        (Some(t), Some(l)) => Some((l, t)),
        (None, None) => None,
        _ => return Err(bad("give both target and tgt_lang, or neither")),
    };
    let seg = NewSegment {
        src_lang: b.src_lang,
        src: b.source,
        tgt,
    };
    let user = who(b.user);
    let rec = blocking(&st, move |st2| Ok(st2.pool.get()?.add_unit(&seg, &user)?)).await?;
    st.cache.clear();
    Ok((StatusCode::CREATED, Json(json!(rec))))
}

async fn show(State(st): St, Path(id): Path<i64>) -> Result<Json<Value>, ApiError> {
    let rec = blocking(&st, move |st2| Ok(st2.pool.get()?.unit(id)?)).await?;
    match rec {
        Some(r) => Ok(Json(json!(r))),
        None => Err(crate::memory::no_unit(id).into()),
    }
}

#[derive(Deserialize)]
struct EditBody {
    source: Option<String>,
    target: Option<String>,
    /// The version the change was made from: required, so that a change made from an old
    /// copy is refused (409) instead of overwriting someone else's.
    version: Option<i64>,
    user: Option<String>,
}

async fn edit(
    State(st): St,
    Path(id): Path<i64>,
    b: Result<Json<EditBody>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    writable(&st)?;
    let b = body(b)?;
    let Some(version) = b.version else {
        return Err(bad(
            "give the unit's version you changed (`version`, from GET /api/units/ID)",
        ));
    };
    let change = UnitChange {
        source: b.source,
        target: b.target,
        expected_version: Some(version),
        user: who(b.user),
    };
    let rec = blocking(&st, move |st2| {
        Ok(st2.pool.get()?.edit_unit(id, &change)?)
    })
    .await?;
    st.cache.clear();
    Ok(Json(json!(rec)))
}

#[derive(Deserialize, Default)]
struct DeleteParams {
    /// The version the deletion was decided on (refused, 409, when the unit moved on).
    version: Option<i64>,
}

async fn remove(
    State(st): St,
    Path(id): Path<i64>,
    q: Result<Query<DeleteParams>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    writable(&st)?;
    let version = q
        .map_err(|e| bad(format!("bad query parameters: {}", e.body_text())))?
        .0
        .version;
    blocking(&st, move |st2| {
        Ok(st2.pool.get()?.delete_unit(id, version)?)
    })
    .await?;
    st.cache.clear();
    Ok(Json(json!({"deleted": id})))
}
