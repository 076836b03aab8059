//! Server: how do translators reach the memory and the checks from a browser?
//!
//! `tm serve` runs a small HTTP server (axum on tokio) bound to loopback by default. Pages are
//! rendered on the server (`pages`, maud) with a little plain JavaScript; every asset is
//! compiled into the binary. The JSON API (`api`) is what the pages use and what other tools
//! may call. SQLite work runs on blocking threads with connections from a small pool.
//!
//! Safety: every text is escaped (maud on the server, `textContent` in the browser); request
//! bodies are capped (uploads and the rest separately); nothing in a request names a file on
//! this machine; writes (import) need `--allow-write`.

mod api;
pub mod limits;
mod pages;
mod team;

use crate::memory::postgres::PgMemory;
use crate::memory::{Memory, Store};
use crate::{Error, Result};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The memory served.
    pub db: PathBuf,
    /// Address to bind (loopback by default).
    pub bind: String,
    /// Port (0 picks a free one).
    pub port: u16,
    /// Whether write operations (import) are allowed.
    pub allow_write: bool,
    /// Largest upload accepted, in bytes.
    pub max_upload: usize,
    /// Largest body of any other request, in bytes.
    pub max_body: usize,
    /// Lookups remembered (as-you-type search repeats queries); 0 turns the cache off.
    pub cache: usize,
    /// Memory queries run at once (more wait); 0 means two per core.
    pub workers: usize,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            db: PathBuf::from("tm/memory.db"),
            bind: "127.0.0.1".into(),
            port: 8080,
            allow_write: false,
            max_upload: 50 * 1024 * 1024,
            max_body: 64 * 1024,
            cache: 1000,
            workers: 0,
        }
    }
}

/// Bytes of the memory file each server connection maps (the rest is read through SQLite's
/// page cache). Overridable with the environment variable `TM_SERVE_MMAP` for experiments.
const MMAP_BYTES: i64 = 0;

/// One connection to the memory: an SQLite file or a PostgreSQL database.
pub(crate) enum Backend {
    Sqlite(Memory),
    Pg(Box<PgMemory>),
}

/// Open connections to the memory, handed out one request at a time.
pub(crate) struct Pool {
    db: PathBuf,
    free: Mutex<Vec<Backend>>,
    /// Decoded posting lists shared by the pool's connections.
    postings: Arc<crate::memory::fuzzy::PostingCache>,
    /// Pair texts shared by the pool's connections, loaded in the background.
    texts: Arc<crate::memory::texts::TextCache>,
}

/// Bytes of pair texts the server keeps in RAM for re-scoring fuzzy candidates (a million
/// typical units take about 125 MB, and their index 30 MB more); larger memories read
/// candidates from the database. With the posting lists and the connections' page caches,
/// the server stays under 600 MB whatever the memory's size.
const TEXT_CACHE_BYTES: usize = 192 << 20;

/// Bytes of decoded posting lists the server keeps in RAM (about the whole trigram index of
/// a million units).
const POSTING_CACHE_BYTES: usize = 256 << 20;

/// A connection borrowed from the pool; it goes back when dropped.
pub(crate) struct Conn<'a> {
    pool: &'a Pool,
    mem: Option<Backend>,
}

impl std::ops::Deref for Conn<'_> {
    type Target = dyn Store;
    fn deref(&self) -> &(dyn Store + 'static) {
        // Present until drop.
        match self.mem.as_ref().expect("connection present until drop") {
            Backend::Sqlite(m) => m,
            Backend::Pg(m) => &**m,
        }
    }
}

impl std::ops::DerefMut for Conn<'_> {
    fn deref_mut(&mut self) -> &mut (dyn Store + 'static) {
        match self.mem.as_mut().expect("connection present until drop") {
            Backend::Sqlite(m) => m,
            Backend::Pg(m) => &mut **m,
        }
    }
}

impl Drop for Conn<'_> {
    fn drop(&mut self) {
        // A PostgreSQL connection found closed is not kept, nor are the others (the server
        // went away for all of them): the next requests open new ones, and so the server
        // recovers by itself once the database is back.
        let m = self.mem.take();
        if let (Some(m), Ok(mut free)) = (m, self.pool.free.lock()) {
            if matches!(&m, Backend::Pg(p) if p.is_closed()) {
                free.clear();
            } else if free.len() < 16 {
                free.push(m);
            }
        }
    }
}

impl Pool {
    fn new(db: PathBuf) -> Pool {
        Pool {
            db,
            free: Mutex::new(Vec::new()),
            postings: Arc::new(crate::memory::fuzzy::PostingCache::new(POSTING_CACHE_BYTES)),
            texts: Arc::new(crate::memory::texts::TextCache::new(TEXT_CACHE_BYTES)),
        }
    }

    /// Starts loading the pair texts on a thread of its own unless they are loaded, being
    /// loaded, or too large; lookups read rows from the database until they are in.
    fn load_texts(&self) {
        if crate::memory::is_postgres(&self.db) {
            return;
        }
        let Some(generation) = self.texts.begin_load() else {
            return;
        };
        let (db, texts) = (self.db.clone(), self.texts.clone());
        let spawned = std::thread::Builder::new()
            .name("tm-texts".into())
            .spawn(move || {
                // One pass over the table: no mapping and a small page cache, so that the
                // scan does not stay in the server's memory.
                let loaded = Memory::open(&db)
                    .and_then(|m| {
                        m.limit_memory(0, 2 * 1024)?;
                        m.load_texts(texts.cap_bytes())
                    })
                    .map_err(|_| ());
                texts.finish(generation, loaded);
            });
        if spawned.is_err() {
            self.texts.finish(generation, Err(()));
        }
    }

    /// A new connection sharing the pool's caches.
    fn open(&self) -> Result<Backend> {
        if crate::memory::is_postgres(&self.db) {
            // No texts in RAM on PostgreSQL: every single-unit write would drop them, and a
            // team writes all day; candidates' texts are one query away.
            let mut m = PgMemory::open(&self.db.to_string_lossy())?;
            m.share_postings(self.postings.clone());
            m.sync_caches()?;
            return Ok(Backend::Pg(Box::new(m)));
        }
        let mut m = Memory::open(&self.db)?;
        m.share_postings(self.postings.clone());
        m.share_texts(self.texts.clone());
        // Several connections live for the server's lifetime: map at most `MMAP_BYTES` of
        // the file and keep a small page cache each, so that the server stays within a few
        // hundred MB on a memory of a million units.
        let mmap = std::env::var("TM_SERVE_MMAP")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(MMAP_BYTES);
        m.limit_memory(mmap, 16 * 1024)?;
        // A new connection clears the shared caches once (it cannot tell what they saw);
        // before they fill, not in the middle of a load.
        m.sync_caches()?;
        Ok(Backend::Sqlite(m))
    }

    /// Opens `n` connections before any request, then starts loading the texts: opening
    /// them later would clear what had been loaded. Failures are left for requests to meet
    /// and report.
    fn warm(&self, n: usize) {
        if !self.db.exists() && !crate::memory::is_postgres(&self.db) {
            return;
        }
        for _ in 0..n {
            match (self.open(), self.free.lock()) {
                (Ok(m), Ok(mut free)) => free.push(m),
                _ => return,
            }
        }
        self.load_texts();
    }

    /// Forgets the free connections (their database server went away).
    pub(crate) fn drop_free(&self) {
        if let Ok(mut free) = self.free.lock() {
            free.clear();
        }
    }

    /// A connection: a free one, or a new one.
    pub(crate) fn get(&self) -> Result<Conn<'_>> {
        let reused = self.free.lock().ok().and_then(|mut f| f.pop());
        let mem = match reused {
            Some(m) => m,
            None => self.open()?,
        };
        self.load_texts();
        Ok(Conn {
            pool: self,
            mem: Some(mem),
        })
    }
}

/// Recent lookup answers by request, oldest evicted first; cleared by writes.
pub(crate) struct LookupCache {
    cap: usize,
    map: Mutex<(
        std::collections::HashMap<String, serde_json::Value>,
        std::collections::VecDeque<String>,
    )>,
}

impl LookupCache {
    fn new(cap: usize) -> LookupCache {
        LookupCache {
            cap,
            map: Mutex::new(Default::default()),
        }
    }

    /// False when the cache is off (no answer is worth copying for it).
    pub(crate) fn enabled(&self) -> bool {
        self.cap > 0
    }

    pub(crate) fn get(&self, key: &str) -> Option<serde_json::Value> {
        if self.cap == 0 {
            return None;
        }
        self.map.lock().ok()?.0.get(key).cloned()
    }

    pub(crate) fn put(&self, key: String, v: serde_json::Value) {
        if self.cap == 0 {
            return;
        }
        if let Ok(mut g) = self.map.lock() {
            let (map, order) = &mut *g;
            if map.insert(key.clone(), v).is_none() {
                order.push_back(key);
            }
            while order.len() > self.cap {
                if let Some(old) = order.pop_front() {
                    map.remove(&old);
                }
            }
        }
    }

    pub(crate) fn clear(&self) {
        if let Ok(mut g) = self.map.lock() {
            g.0.clear();
            g.1.clear();
        }
    }
}

/// What every handler sees.
pub(crate) struct AppState {
    pub(crate) cfg: ServeConfig,
    pub(crate) pool: Pool,
    /// Bounds the memory queries running at once (and so the connections and their caches).
    pub(crate) workers: tokio::sync::Semaphore,
    /// One job at a time that holds a whole batch in RAM (QA, import, export).
    pub(crate) heavy: tokio::sync::Semaphore,
    pub(crate) cache: LookupCache,
}

/// The router of the pages and the API (also used by tests, without a socket).
pub fn router(cfg: ServeConfig) -> axum::Router {
    let workers = if cfg.workers == 0 {
        // Two per core: a core stays busy while a finished query's answer is handed back.
        2 * std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        cfg.workers
    };
    let pool = Pool::new(cfg.db.clone());
    // On a thread of its own: the PostgreSQL client blocks, which an async caller's thread
    // must not do.
    std::thread::scope(|s| {
        let _ = s.spawn(|| pool.warm(workers)).join();
    });
    let state = Arc::new(AppState {
        pool,
        workers: tokio::sync::Semaphore::new(workers),
        heavy: tokio::sync::Semaphore::new(1),
        cache: LookupCache::new(cfg.cache),
        cfg,
    });
    if crate::memory::is_postgres(&state.cfg.db) {
        team::watch_generation(&state);
    }
    pages::routes()
        .merge(api::routes(&state.cfg))
        .merge(team::routes(&state.cfg))
        .with_state(state)
}

/// Runs the server until interrupted; prints its URL first. Fails with a clear message when
/// the address is taken.
pub fn serve(cfg: ServeConfig) -> Result<()> {
    // Open once up front so that a broken (or absent) memory is reported before the server
    // starts.
    crate::memory::open_store(&cfg.db, false)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server runtime: {e}")))?;
    rt.block_on(async move {
        let addr = format!("{}:{}", cfg.bind, cfg.port);
        let listener = tokio::net::TcpListener::bind(&addr).await.map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
                " (the port is taken: pick another with --port)"
            } else {
                ""
            };
            Error::Usage(format!("cannot listen on {addr}: {e}{hint}"))
        })?;
        let local: SocketAddr = listener
            .local_addr()
            .map_err(|e| Error::Usage(format!("cannot read the bound address: {e}")))?;
        let mode = if cfg.allow_write {
            "read-write"
        } else {
            "read-only"
        };
        println!(
            "tm serve: http://{local}/  (memory {}, {mode})",
            cfg.db.display()
        );
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        let app = router(cfg);
        limits::serve(listener, app, limits::Limits::from_env(), async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
        Ok(())
    })
}
