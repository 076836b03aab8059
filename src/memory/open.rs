//! How is a memory opened, tuned and brought to the current schema? Connections, pragmas,
//! the shared caches of a connection, and the migrations from older schema versions.

use super::write::write_postings;
use super::{fuzzy, lexicon, norm_hash, texts, Memory, SCHEMA_VERSION};
use crate::Result;
use rusqlite::{params, Connection};
use std::path::Path;

const SCHEMA_V1: &str = "
CREATE TABLE documents(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE TABLE segments(
    id INTEGER PRIMARY KEY,
    doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    pos INTEGER NOT NULL DEFAULT 0,
    src_lang TEXT NOT NULL,
    src_text TEXT NOT NULL,
    src_norm TEXT NOT NULL,
    tgt_lang TEXT,
    tgt_text TEXT,
    tgt_norm TEXT,
    note TEXT,
    origin TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
";

/// Version 2 (ids are never reused, so posting lists only grow): the v1 segments table is rebuilt with hashes instead of normalised texts, and
/// context, TMX metadata and user columns; FTS5 and the trigram index are added.
const SCHEMA_V2: &str = "
CREATE TABLE segments2(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    pos INTEGER NOT NULL DEFAULT 0,
    src_lang TEXT NOT NULL,
    src_text TEXT NOT NULL,
    src_hash INTEGER NOT NULL,
    tgt_lang TEXT,
    tgt_text TEXT,
    tgt_hash INTEGER,
    prev_hash INTEGER,
    next_hash INTEGER,
    tuid TEXT,
    props TEXT,
    note TEXT,
    src_markup TEXT,
    tgt_markup TEXT,
    origin TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    created_by TEXT,
    changed_at TEXT,
    changed_by TEXT
);
";

const SCHEMA_V2_INDEXES: &str = "
CREATE INDEX segments_doc ON segments(doc_id, pos);
CREATE INDEX segments_src_hash ON segments(src_hash);
CREATE INDEX segments_tgt_hash ON segments(tgt_hash);
CREATE TABLE fuzzy_postings(token INTEGER PRIMARY KEY, ids BLOB NOT NULL) WITHOUT ROWID;
";

/// v3 → v4: the posting lists move to a rowid table keyed by the trigram hash. Finding a list
/// then compares integer keys only; in the clustered (`WITHOUT ROWID`) table of v2 every key
/// compared on a leaf read the whole list it heads from its overflow pages.
const SCHEMA_V4: &str = "
CREATE TABLE fuzzy_postings4(token INTEGER PRIMARY KEY, ids BLOB NOT NULL);
INSERT INTO fuzzy_postings4(token, ids) SELECT token, ids FROM fuzzy_postings ORDER BY token;
DROP TABLE fuzzy_postings;
ALTER TABLE fuzzy_postings4 RENAME TO fuzzy_postings;
";

/// v4 → v5: a version per unit, raised by every edit (optimistic concurrency of `tm edit`).
const SCHEMA_V5: &str = "ALTER TABLE segments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;";

/// v5 → v6: the FTS5 index of concordance goes (its triggers first); the posting lists are
/// built again with every unit's word starts beside its trigrams.
const SCHEMA_V6: &str = "
DROP TRIGGER IF EXISTS segments_ai; DROP TRIGGER IF EXISTS segments_ad;
DROP TRIGGER IF EXISTS segments_au; DROP TABLE IF EXISTS segments_fts;
DELETE FROM fuzzy_postings;
";

impl Memory {
    /// Opens (creating if needed) the memory at `path`, creating its folder, and migrates it.
    pub fn open(path: &Path) -> Result<Memory> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|cause| crate::Error::Io {
                path: dir.to_path_buf(),
                cause,
            })?;
        }
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // WAL with synchronous=NORMAL cannot corrupt the file; a crash loses at most the
        // transactions not yet checkpointed, never part of one.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -65536)?;
        // Lookups read posting lists straight from the mapped file instead of copying pages.
        conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        Self::setup(conn)
    }

    /// Bounds what this connection keeps in memory: `mmap_bytes` of the file mapped (mapped
    /// pages count as the process's memory once read) and a page cache of `cache_kib`. Long
    /// running readers (the server, with one connection per worker) use it to stay small.
    pub fn limit_memory(&self, mmap_bytes: i64, cache_kib: i64) -> Result<()> {
        self.conn.pragma_update(None, "mmap_size", mmap_bytes)?;
        self.conn.pragma_update(None, "cache_size", -cache_kib)?;
        Ok(())
    }

    /// Shares a cache of decoded posting lists with other connections (see
    /// [`fuzzy::PostingCache`]); this connection's own writes clear it.
    pub fn share_postings(&mut self, cache: std::sync::Arc<fuzzy::PostingCache>) {
        self.postings = Some(cache);
    }

    /// Shares pair texts in RAM with other connections (see [`texts::TextCache`]); this
    /// connection's own writes clear them. Loading is the caller's: [`Memory::load_texts`].
    pub fn share_texts(&mut self, cache: std::sync::Arc<texts::TextCache>) {
        self.texts = Some(cache);
    }

    /// Reads every pair's texts (one read transaction), or `None` when they pass
    /// `cap_bytes`.
    pub fn load_texts(&self, cap_bytes: usize) -> Result<Option<texts::Texts>> {
        let tx = self.conn.unchecked_transaction()?;
        let mut out = texts::Texts::default();
        {
            let mut stmt = tx.prepare(
                "SELECT id, src_text, tgt_text FROM segments WHERE tgt_text IS NOT NULL ORDER BY id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (src, tgt): (String, String) = (r.get(1)?, r.get(2)?);
                if !out.push(r.get(0)?, &src, &tgt, cap_bytes) {
                    return Ok(None);
                }
            }
        }
        tx.commit()?;
        out.finish();
        Ok(Some(out))
    }

    /// Clears the shared caches if another connection (or process) wrote since this one
    /// last looked (`PRAGMA data_version` changed; the first call always clears). Lookups
    /// call it; a pool calls it once per new connection before filling the caches.
    pub fn sync_caches(&self) -> Result<()> {
        if self.postings.is_some() || self.texts.is_some() {
            let v: i64 = self
                .conn
                .prepare_cached("PRAGMA data_version")?
                .query_row([], |r| r.get(0))?;
            if v != self.seen_version.replace(v) {
                self.caches_changed();
            }
        }
        Ok(())
    }

    /// Clears the shared caches, if any (after a write through this connection).
    pub(super) fn caches_changed(&self) {
        if let Some(c) = &self.postings {
            c.clear();
        }
        if let Some(t) = &self.texts {
            t.clear();
        }
    }

    /// Opens an existing memory without creating or migrating it (read-only commands).
    pub fn open_existing(path: &Path) -> Result<Memory> {
        if !path.exists() {
            return Err(crate::Error::BadInput {
                path: path.to_path_buf(),
                message: "no memory here yet: run `tm ingest` or `tm import` first".into(),
            });
        }
        Self::open(path)
    }

    /// A memory that lives only in RAM (tests, one-off checks).
    pub fn open_in_memory() -> Result<Memory> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(conn: Connection) -> Result<Memory> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // A stable query plan: without it SQLite re-plans a cached statement whenever a bound
        // value changes (it compares parameters with literals while planning), and lookups
        // would parse their statements again on every call.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut mem = Memory {
            conn,
            postings: None,
            texts: None,
            seen_version: std::cell::Cell::new(-1),
        };
        mem.migrate()?;
        Ok(mem)
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(crate::Error::Usage(format!(
                "memory schema version {version} is newer than this tm ({SCHEMA_VERSION}): upgrade tm"
            )));
        }
        if version < 1 {
            let tx = self.conn.transaction()?;
            tx.execute_batch(SCHEMA_V1)?;
            tx.pragma_update(None, "user_version", 1)?;
            tx.commit()?;
            self.caches_changed();
        }
        if version < 2 {
            self.migrate_v2()?;
        }
        if version < 3 {
            let tx = self.conn.transaction()?;
            tx.execute_batch(lexicon::SCHEMA_V3)?;
            tx.pragma_update(None, "user_version", 3)?;
            tx.commit()?;
        }
        if version < 4 {
            let tx = self.conn.transaction()?;
            tx.execute_batch(SCHEMA_V4)?;
            tx.pragma_update(None, "user_version", 4)?;
            tx.commit()?;
            self.caches_changed();
        }
        if version < 5 {
            let tx = self.conn.transaction()?;
            // Idempotent: a memory brought back to an older version number keeps the column.
            let has_version: bool = tx
                .prepare("SELECT 1 FROM pragma_table_info('segments') WHERE name = 'version'")?
                .exists([])?;
            if !has_version {
                tx.execute_batch(SCHEMA_V5)?;
            }
            tx.pragma_update(None, "user_version", 5)?;
            tx.commit()?;
        }
        if version < 6 {
            let tx = self.conn.transaction()?;
            tx.execute_batch(SCHEMA_V6)?;
            index_all_rows(&tx)?;
            tx.pragma_update(None, "user_version", 6)?;
            tx.commit()?;
            self.caches_changed();
        }
        Ok(())
    }

    /// v1 → v2: rebuild the segments table (hashes instead of normalised texts, new columns),
    /// drop the v1 full-text index, and build the trigram index over all rows.
    fn migrate_v2(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(
            "DROP TRIGGER IF EXISTS segments_ai; DROP TRIGGER IF EXISTS segments_ad;
             DROP TRIGGER IF EXISTS segments_au; DROP TABLE IF EXISTS segments_fts;
             DROP INDEX IF EXISTS segments_doc; DROP INDEX IF EXISTS segments_src_norm;
             DROP INDEX IF EXISTS segments_tgt_norm;",
        )?;
        tx.execute_batch(SCHEMA_V2)?;
        {
            let mut read = tx.prepare(
                "SELECT id, doc_id, pos, src_lang, src_text, tgt_lang, tgt_text, note, origin, created_at
                 FROM segments ORDER BY id",
            )?;
            let mut write = tx.prepare(
                "INSERT INTO segments2(id, doc_id, pos, src_lang, src_text, src_hash, tgt_lang, tgt_text,
                    tgt_hash, note, origin, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let mut rows = read.query([])?;
            while let Some(r) = rows.next()? {
                let src: String = r.get(4)?;
                let tgt: Option<String> = r.get(6)?;
                write.execute(params![
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    src,
                    norm_hash(&src),
                    r.get::<_, Option<String>>(5)?,
                    tgt,
                    tgt.as_deref().map(norm_hash),
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                ])?;
            }
        }
        tx.execute_batch("DROP TABLE segments; ALTER TABLE segments2 RENAME TO segments;")?;
        tx.execute_batch(SCHEMA_V2_INDEXES)?;
        index_all_rows(&tx)?;
        tx.pragma_update(None, "user_version", 2)?;
        tx.commit()?;
        self.caches_changed();
        Ok(())
    }
}

/// Builds the posting lists of every row (the lists are empty).
fn index_all_rows(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let (read, builder) = fuzzy::build_beside(true, |lists| -> Result<()> {
        let mut read = tx.prepare("SELECT id, src_text, tgt_text FROM segments ORDER BY id")?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            lists.add(id as u32, r.get(1)?, r.get(2)?);
        }
        Ok(())
    });
    read?;
    write_postings(tx, builder)
}
