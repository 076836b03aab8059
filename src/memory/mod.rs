//! Memory: where are segments kept, and how are they found again?
//!
//! The translation memory is one SQLite file (WAL mode). A segment is either a pair (source and
//! target with their languages) or monolingual (source only: a sentence with no translation yet,
//! still searchable and checked). Documents are remembered by name and content hash, so
//! ingesting the same file twice changes nothing. Every write is one transaction.
//!
//! Schema versions are tracked with `PRAGMA user_version`; [`Memory::open`] migrates.
//! Version 2 keeps, per unit: both texts with hashes of their normalised forms (exact
//! matches), the previous and next source segment (context matches), TMX `tuid`, `prop`s and
//! `note`, inline markup, origin, creation and change dates and users; an FTS5 index for
//! concordance; and the trigram posting lists of [`fuzzy`] for fuzzy candidates.

pub mod context;
pub mod fuzzy;
pub mod lexicon;
pub mod texts;

use crate::formats::Unit;
use crate::text::normalize;
use crate::Result;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashSet;
use std::path::Path;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 3;

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
CREATE VIRTUAL TABLE segments_fts USING fts5(
    src_text, tgt_text, content='segments', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', detail='none', columnsize=0
);
CREATE TRIGGER segments_ai AFTER INSERT ON segments BEGIN
    INSERT INTO segments_fts(rowid, src_text, tgt_text) VALUES (new.id, new.src_text, new.tgt_text);
END;
CREATE TRIGGER segments_ad AFTER DELETE ON segments BEGIN
    INSERT INTO segments_fts(segments_fts, rowid, src_text, tgt_text)
        VALUES ('delete', old.id, old.src_text, old.tgt_text);
END;
CREATE TRIGGER segments_au AFTER UPDATE ON segments BEGIN
    INSERT INTO segments_fts(segments_fts, rowid, src_text, tgt_text)
        VALUES ('delete', old.id, old.src_text, old.tgt_text);
    INSERT INTO segments_fts(rowid, src_text, tgt_text) VALUES (new.id, new.src_text, new.tgt_text);
END;
CREATE TABLE fuzzy_postings(token INTEGER PRIMARY KEY, ids BLOB NOT NULL) WITHOUT ROWID;
";

/// Hash of the normalised form of a text (exact matching ignores case, quotes, spacing).
pub fn norm_hash(text: &str) -> i64 {
    fuzzy::hash64(&normalize(text))
}

/// A stored segment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Segment {
    /// Row id, stable for the life of the segment.
    pub id: i64,
    /// Name of the document it came from, if any.
    pub doc: Option<String>,
    /// Position in that document (0-based).
    pub pos: i64,
    /// Source language code.
    pub src_lang: String,
    /// Source text.
    pub src: String,
    /// Target language code (pairs only).
    pub tgt_lang: Option<String>,
    /// Target text (pairs only).
    pub tgt: Option<String>,
    /// Where it came from: `ingest`, `import:FILE`.
    pub origin: String,
    /// Hash of the normalised source of the previous segment of its document or file
    /// (context), see [`norm_hash`].
    pub prev: Option<i64>,
}

/// A fuzzy candidate: a segment's id and texts, what re-scoring reads (the rest of the row
/// is fetched for the matches kept, [`Store::segments_by_id`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Segment id.
    pub id: i64,
    /// Source text.
    pub src: String,
    /// Target text (pairs only).
    pub tgt: Option<String>,
}

impl From<&Segment> for Candidate {
    fn from(s: &Segment) -> Candidate {
        Candidate {
            id: s.id,
            src: s.src.clone(),
            tgt: s.tgt.clone(),
        }
    }
}

/// A segment to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSegment {
    /// Source language code.
    pub src_lang: String,
    /// Source text.
    pub src: String,
    /// Target language and text, for a pair.
    pub tgt: Option<(String, String)>,
}

/// What ingesting one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocOutcome {
    /// The same content was stored before: nothing changed.
    Unchanged,
    /// A new document: this many segments stored.
    Added(usize),
    /// The document changed: its old segments were replaced by this many.
    Replaced(usize),
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportStats {
    /// Units stored.
    pub added: usize,
    /// Units skipped because the memory already had them.
    pub duplicates: usize,
    /// Units whose existing copies were replaced (`overwrite`).
    pub overwritten: usize,
}

/// What to do with a unit whose source and target are already in the memory (or, for
/// `Overwrite`, whose source is).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OnDuplicate {
    /// Keep the stored unit, drop the new one.
    #[default]
    Skip,
    /// Replace stored units with the same source and languages by the new one.
    Overwrite,
    /// Store the new unit as well.
    KeepBoth,
}

/// Which pairs an export writes.
#[derive(Debug, Clone, Default)]
pub struct ExportFilter {
    /// Source language code prefix (`en` matches `en-US`).
    pub src_lang: Option<String>,
    /// Target language code prefix.
    pub tgt_lang: Option<String>,
    /// Document name (or import origin) to keep.
    pub doc: Option<String>,
    /// Only units created or changed on or after this date (`YYYY-MM-DD`).
    pub since: Option<String>,
}

/// Counts describing a memory.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Documents ingested.
    pub documents: i64,
    /// All segments.
    pub segments: i64,
    /// Segments with a translation.
    pub pairs: i64,
    /// Segments without one.
    pub monolingual: i64,
    /// Segment counts per language direction (`en→ru`, or `en` for monolingual).
    pub by_language: Vec<(String, i64)>,
}

/// What the rest of the engine needs of a translation memory. [`Memory`] (SQLite) is the
/// implementation here; a server backend for teams implements the same calls, and matching,
/// formats and the CLI stay as they are.
pub trait Store {
    /// Stores a document's segments (see [`Memory::ingest_document`]).
    fn ingest_document(
        &mut self,
        name: &str,
        hash: &str,
        segments: &[NewSegment],
    ) -> Result<DocOutcome>;
    /// Imports units from a stream in one transaction (see [`Memory::import_stream`]).
    fn import_stream(
        &mut self,
        units: &mut dyn Iterator<Item = Result<Unit>>,
        origin: &str,
        policy: OnDuplicate,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportStats>;
    /// Segments whose source or target has the same normalised form as `text`.
    fn exact(&self, text: &str) -> Result<Vec<Segment>>;
    /// Segments likely to match the normalised query, best candidates first, with what
    /// re-scoring reads.
    fn fuzzy_candidates(&self, norm: &str, limit: usize) -> Result<Vec<Candidate>>;
    /// The segments with these ids, in that order (ids not found are left out).
    fn segments_by_id(&self, ids: &[i64]) -> Result<Vec<Segment>>;
    /// Segments containing all the words (inflected forms too), highlighted.
    fn concordance(
        &self,
        words: &[String],
        limit: usize,
        open: &str,
        close: &str,
    ) -> Result<Vec<(Segment, String, Option<String>)>>;
    /// All segments in document order.
    fn segments(&self) -> Result<Vec<Segment>>;
    /// The pairs, filtered, as units.
    fn units(&self, filter: &ExportFilter) -> Result<Vec<Unit>>;
    /// Counts.
    fn stats(&self) -> Result<Stats>;
    /// The memory's own lexical model, if one was trained (`tm lexicon`).
    fn lexicon(&self) -> Result<Option<lexicon::StoredLexicon>>;
    /// Keeps a lexical model trained on `pairs` of the memory's pairs, replacing any older.
    fn set_lexicon(&mut self, pairs: i64, model: &str) -> Result<()>;
}

impl Store for Memory {
    fn ingest_document(
        &mut self,
        name: &str,
        hash: &str,
        segments: &[NewSegment],
    ) -> Result<DocOutcome> {
        Memory::ingest_document(self, name, hash, segments)
    }
    fn import_stream(
        &mut self,
        units: &mut dyn Iterator<Item = Result<Unit>>,
        origin: &str,
        policy: OnDuplicate,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportStats> {
        Memory::import_stream(self, units, origin, policy, progress)
    }
    fn exact(&self, text: &str) -> Result<Vec<Segment>> {
        Memory::exact(self, text)
    }
    fn fuzzy_candidates(&self, norm: &str, limit: usize) -> Result<Vec<Candidate>> {
        Memory::fuzzy_candidates(self, norm, limit)
    }
    fn segments_by_id(&self, ids: &[i64]) -> Result<Vec<Segment>> {
        Memory::segments_by_id(self, ids)
    }
    fn concordance(
        &self,
        words: &[String],
        limit: usize,
        open: &str,
        close: &str,
    ) -> Result<Vec<(Segment, String, Option<String>)>> {
        Memory::concordance(self, words, limit, open, close)
    }
    fn segments(&self) -> Result<Vec<Segment>> {
        Memory::segments(self)
    }
    fn units(&self, filter: &ExportFilter) -> Result<Vec<Unit>> {
        Memory::units(self, filter)
    }
    fn stats(&self) -> Result<Stats> {
        Memory::stats(self)
    }
    fn lexicon(&self) -> Result<Option<lexicon::StoredLexicon>> {
        Memory::lexicon(self)
    }
    fn set_lexicon(&mut self, pairs: i64, model: &str) -> Result<()> {
        Memory::set_lexicon(self, pairs, model)
    }
}

/// A translation memory backed by SQLite.
pub struct Memory {
    conn: Connection,
    /// Decoded posting lists shared with other connections of this process, if enabled.
    postings: Option<std::sync::Arc<fuzzy::PostingCache>>,
    /// Pair texts in RAM shared with other connections of this process, if enabled.
    texts: Option<std::sync::Arc<texts::TextCache>>,
    /// `PRAGMA data_version` when the caches were last used: a change means another
    /// connection wrote, and the caches are stale.
    seen_version: std::cell::Cell<i64>,
}

const SEGMENT_COLUMNS: &str =
    "s.id, d.name, s.pos, s.src_lang, s.src_text, s.tgt_lang, s.tgt_text, s.origin, s.prev_hash";

/// Segments whose source or target hashes to `?1` (built once: it runs on every lookup).
static EXACT_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
         WHERE s.src_hash = ?1 UNION ALL
         SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
         WHERE s.tgt_hash = ?1"
    )
});

/// The texts of segment `?1`: what re-scoring a fuzzy candidate reads.
const CANDIDATE_SQL: &str = "SELECT src_text, tgt_text FROM segments WHERE id = ?1";

/// The segment with id `?1`.
static SEGMENT_BY_ID_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
         WHERE s.id = ?1"
    )
});

fn row_to_segment(row: &rusqlite::Row<'_>) -> rusqlite::Result<Segment> {
    Ok(Segment {
        id: row.get(0)?,
        doc: row.get(1)?,
        pos: row.get(2)?,
        src_lang: row.get(3)?,
        src: row.get(4)?,
        tgt_lang: row.get(5)?,
        tgt: row.get(6)?,
        origin: row.get(7)?,
        prev: row.get(8)?,
    })
}

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
    fn caches_changed(&self) {
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
        Ok(())
    }

    /// v1 → v2: rebuild the segments table (hashes instead of normalised texts, new columns),
    /// drop the v1 full-text index, and build the FTS5 and trigram indexes over all rows.
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
        tx.execute_batch("INSERT INTO segments_fts(segments_fts) VALUES ('rebuild');")?;
        // Index every existing row for fuzzy candidates.
        let mut builder = fuzzy::Builder::default();
        {
            let mut read = tx.prepare("SELECT id, src_text, tgt_text FROM segments ORDER BY id")?;
            let mut rows = read.query([])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let src = normalize(&r.get::<_, String>(1)?);
                let tgt = r.get::<_, Option<String>>(2)?.map(|t| normalize(&t));
                let mut norms = vec![src.as_str()];
                if let Some(t) = &tgt {
                    norms.push(t);
                }
                builder.add(id as u32, &norms);
            }
        }
        write_postings(&tx, builder)?;
        tx.pragma_update(None, "user_version", 2)?;
        tx.commit()?;
        self.caches_changed();
        Ok(())
    }

    /// Stores the segments of document `name` whose content hashes to `hash`, replacing an
    /// older version of it; does nothing when the same content was stored before.
    pub fn ingest_document(
        &mut self,
        name: &str,
        hash: &str,
        segments: &[NewSegment],
    ) -> Result<DocOutcome> {
        let tx = self.conn.transaction()?;
        let existing: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, hash FROM documents WHERE name = ?1",
                params![name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let replaced = match existing {
            Some((_, ref h)) if h == hash => return Ok(DocOutcome::Unchanged),
            Some((id, _)) => {
                tx.execute("DELETE FROM segments WHERE doc_id = ?1", params![id])?;
                tx.execute("DELETE FROM documents WHERE id = ?1", params![id])?;
                true
            }
            None => false,
        };
        tx.execute(
            "INSERT INTO documents(name, hash) VALUES (?1, ?2)",
            params![name, hash],
        )?;
        let doc_id = tx.last_insert_rowid();
        let mut builder = fuzzy::Builder::default();
        {
            let mut stmt = tx.prepare(
                "INSERT INTO segments(doc_id, pos, src_lang, src_text, src_hash, tgt_lang, tgt_text,
                    tgt_hash, prev_hash, next_hash, origin, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'ingest', ?11)",
            )?;
            let user = current_user();
            for (pos, s) in segments.iter().enumerate() {
                let (tl, tt) = match &s.tgt {
                    Some((l, t)) => (Some(l.as_str()), Some(t.as_str())),
                    None => (None, None),
                };
                let prev = pos.checked_sub(1).map(|p| norm_hash(&segments[p].src));
                let next = segments.get(pos + 1).map(|n| norm_hash(&n.src));
                stmt.execute(params![
                    doc_id,
                    pos as i64,
                    s.src_lang,
                    s.src,
                    norm_hash(&s.src),
                    tl,
                    tt,
                    tt.map(norm_hash),
                    prev,
                    next,
                    user,
                ])?;
                let id = tx.last_insert_rowid() as u32;
                let src_norm = normalize(&s.src);
                let tgt_norm = tt.map(normalize);
                let mut norms = vec![src_norm.as_str()];
                if let Some(t) = &tgt_norm {
                    norms.push(t);
                }
                builder.add(id, &norms);
            }
        }
        write_postings(&tx, builder)?;
        tx.commit()?;
        self.caches_changed();
        Ok(if replaced {
            DocOutcome::Replaced(segments.len())
        } else {
            DocOutcome::Added(segments.len())
        })
    }

    /// Imports translation units in one transaction, skipping units already in the memory
    /// (same languages and texts).
    pub fn import_units(&mut self, units: &[Unit], origin: &str) -> Result<ImportStats> {
        let mut it = units.iter().cloned().map(Ok);
        self.import_stream(&mut it, origin, OnDuplicate::Skip, &mut |_| {})
    }

    /// Imports units from a stream in one transaction: an error from the stream rolls the
    /// whole import back. `progress` is called with the number of units read so far.
    pub fn import_stream(
        &mut self,
        units: &mut dyn Iterator<Item = Result<Unit>>,
        origin: &str,
        policy: OnDuplicate,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportStats> {
        let was_empty: bool = !self
            .conn
            .prepare("SELECT 1 FROM segments LIMIT 1")?
            .exists([])?;
        let bulk = was_empty && policy != OnDuplicate::Overwrite;
        // A bulk load into an empty file-backed memory runs with a rollback journal: pages are
        // written once instead of to the WAL and again at the checkpoint, and a killed import
        // still leaves the memory as it was (the journal is rolled back on the next open).
        let journal: String = self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        // The switch needs the file to itself: with another connection open (a server's pool,
        // a reader in another process) it is refused, and the import runs in WAL mode.
        let switch_journal = bulk
            && journal.eq_ignore_ascii_case("wal")
            && self
                .conn
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
                .is_ok_and(|m| m.eq_ignore_ascii_case("delete"));
        // Writing through the memory map would count the whole file as resident memory.
        // (In-memory databases have no map: the pragma returns no row there.)
        let mmap: Option<i64> = self
            .conn
            .query_row("PRAGMA mmap_size", [], |r| r.get(0))
            .optional()?;
        if mmap.is_some() {
            self.conn.pragma_update(None, "mmap_size", 0)?;
        }
        let result = self.import_tx(units, origin, policy, progress, was_empty, bulk);
        if let Some(size) = mmap {
            self.conn.pragma_update(None, "mmap_size", size)?;
        }
        if switch_journal {
            self.conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        result
    }

    fn import_tx(
        &mut self,
        units: &mut dyn Iterator<Item = Result<Unit>>,
        origin: &str,
        policy: OnDuplicate,
        progress: &mut dyn FnMut(usize),
        was_empty: bool,
        bulk: bool,
    ) -> Result<ImportStats> {
        let tx = self.conn.transaction()?;
        let mut stats = ImportStats::default();
        if bulk {
            // Into an empty memory, bulk-load: rows first, then the indexes in one go.
            tx.execute_batch(
                "DROP TRIGGER segments_ai; DROP INDEX segments_src_hash; DROP INDEX segments_tgt_hash;",
            )?;
        }
        let mut builder = fuzzy::Builder::default();
        let mut seen: HashSet<(i64, i64)> = HashSet::new();
        let user = current_user();
        {
            let mut exists = tx.prepare(
                "SELECT 1 FROM segments WHERE src_hash = ?1 AND tgt_hash = ?2
                 AND src_text = ?3 AND tgt_text = ?4 LIMIT 1",
            )?;
            let mut delete_same_source = tx.prepare(
                "DELETE FROM segments WHERE src_hash = ?1 AND src_lang = ?2 AND tgt_lang = ?3",
            )?;
            let mut insert = tx.prepare(
                "INSERT INTO segments(src_lang, src_text, src_hash, tgt_lang, tgt_text, tgt_hash,
                    prev_hash, tuid, props, note, src_markup, tgt_markup, origin, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            let mut prev: Option<i64> = None;
            let mut read = 0usize;
            for u in units {
                let u = u?;
                read += 1;
                if read % 4096 == 0 {
                    progress(read);
                }
                let src_norm = normalize(&u.src);
                let tgt_norm = normalize(&u.tgt);
                let sh = fuzzy::hash64(&src_norm);
                let th = fuzzy::hash64(&tgt_norm);
                match policy {
                    OnDuplicate::KeepBoth => {}
                    OnDuplicate::Skip => {
                        let dup_here = !seen.insert((sh, th));
                        let dup_db = !was_empty && exists.exists(params![sh, th, u.src, u.tgt])?;
                        if dup_here || dup_db {
                            stats.duplicates += 1;
                            prev = Some(sh);
                            continue;
                        }
                    }
                    OnDuplicate::Overwrite => {
                        let n = delete_same_source.execute(params![sh, u.src_lang, u.tgt_lang])?;
                        stats.overwritten += n;
                    }
                }
                let props = (!u.props.is_empty())
                    .then(|| serde_json::to_string(&u.props).unwrap_or_default());
                insert.execute(params![
                    u.src_lang,
                    u.src,
                    sh,
                    u.tgt_lang,
                    u.tgt,
                    th,
                    prev,
                    u.tuid,
                    props,
                    u.note,
                    u.src_markup,
                    u.tgt_markup,
                    origin,
                    user,
                ])?;
                let id = tx.last_insert_rowid() as u32;
                builder.add(id, &[&src_norm, &tgt_norm]);
                stats.added += 1;
                prev = Some(sh);
            }
            progress(read);
        }
        if bulk {
            tx.execute_batch(
                "CREATE INDEX segments_src_hash ON segments(src_hash);
                 CREATE INDEX segments_tgt_hash ON segments(tgt_hash);
                 INSERT INTO segments_fts(segments_fts) VALUES ('rebuild');
                 CREATE TRIGGER segments_ai AFTER INSERT ON segments BEGIN
                     INSERT INTO segments_fts(rowid, src_text, tgt_text)
                         VALUES (new.id, new.src_text, new.tgt_text);
                 END;",
            )?;
        }
        write_postings(&tx, builder)?;
        tx.commit()?;
        self.caches_changed();
        Ok(stats)
    }

    /// All segments, in document order (documents by name), imported units last.
    pub fn segments(&self) -> Result<Vec<Segment>> {
        self.query_segments(
            &format!(
                "SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
                 ORDER BY d.name IS NULL, d.name, s.pos, s.id"
            ),
            [],
        )
    }

    /// Segments whose source or target has the same normalised form as `text`.
    pub fn exact(&self, text: &str) -> Result<Vec<Segment>> {
        let h = norm_hash(text);
        // UNION ALL and a dedup here: SQLite's UNION sorts both sides through a temporary
        // index to drop the rare pair whose source and target are the same text.
        let mut segs = self.query_segments(&EXACT_SQL, params![h])?;
        segs.sort_by_key(|s| s.id);
        segs.dedup_by_key(|s| s.id);
        Ok(segs)
    }

    /// Up to `limit` segments sharing the most character trigrams with `norm` (a normalised
    /// query), for exact re-scoring.
    pub fn fuzzy_candidates(&self, norm: &str, limit: usize) -> Result<Vec<Candidate>> {
        let grams = fuzzy::trigrams(norm);
        if grams.is_empty() {
            return Ok(Vec::new());
        }
        // One read transaction for the hundred-odd point queries below instead of one each
        // (each takes and drops the WAL's read lock); inside a caller's transaction, that one.
        let read = if self.conn.is_autocommit() {
            Some(self.conn.unchecked_transaction()?)
        } else {
            None
        };
        let segs = self.fuzzy_candidates_in(&grams, limit)?;
        if let Some(tx) = read {
            tx.commit()?;
        }
        Ok(segs)
    }

    fn fuzzy_candidates_in(&self, grams: &[i64], limit: usize) -> Result<Vec<Candidate>> {
        // Rarest first: the rare trigrams tell the most. Counting stops when the encoded lists
        // read exceed a budget, which bounds the time of a lookup whatever the memory's size;
        // the common trigrams left out would only add to nearly every unit's count. Lengths
        // are read first (without the lists' pages), then only the lists that fit.
        let cache = self.postings.as_deref();
        self.sync_caches()?;
        let mut sized: Vec<(usize, i64)> = Vec::with_capacity(grams.len());
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT length(ids) FROM fuzzy_postings WHERE token = ?1")?;
            let known = match cache {
                Some(c) => c.sizes(grams),
                None => vec![None; grams.len()],
            };
            for (g, known) in grams.iter().zip(known) {
                if let Some(n) = known {
                    sized.push((n, *g));
                    continue;
                }
                if let Some(n) = stmt
                    .query_row(params![g], |r| r.get::<_, i64>(0))
                    .optional()?
                {
                    sized.push((n as usize, *g));
                    if let Some(c) = cache {
                        c.put_size(*g, n as usize);
                    }
                }
            }
        }
        sized.sort_unstable();
        let budget = fuzzy_budget();
        let top = match cache {
            Some(c) => self.top_cached(c, &sized, budget, limit)?,
            None => {
                let mut used = 0usize;
                let mut counter = COUNTER.with(|c| std::mem::take(&mut *c.borrow_mut()));
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT ids FROM fuzzy_postings WHERE token = ?1")?;
                for &(n, g) in &sized {
                    if used > 0 && used + n > budget {
                        break;
                    }
                    used += n;
                    let blob: Vec<u8> = stmt.query_row(params![g], |r| r.get(0))?;
                    counter.add_list(&blob);
                }
                let top = counter.take_top(limit, 1);
                COUNTER.with(|c| *c.borrow_mut() = counter);
                top
            }
        };
        if top.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(texts) = self.texts.as_ref().and_then(|t| t.get()) {
            // Only pairs are kept, and only pairs are matches.
            return Ok(top
                .iter()
                .filter_map(|&(id, _)| {
                    let (src, tgt) = texts.get(i64::from(id))?;
                    Some(Candidate {
                        id: i64::from(id),
                        src: src.to_string(),
                        tgt: Some(tgt.to_string()),
                    })
                })
                .collect());
        }
        // One cached statement per id: parsing a fresh `IN (…)` list costs more than the
        // point lookups themselves.
        let mut stmt = self.conn.prepare_cached(CANDIDATE_SQL)?;
        let mut out = Vec::with_capacity(top.len());
        for &(id, _) in &top {
            let id = i64::from(id);
            if let Some((src, tgt)) = stmt
                .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
            {
                out.push(Candidate { id, src, tgt });
            }
        }
        Ok(out)
    }

    /// The segments with these ids, in that order (ids not found are left out).
    pub fn segments_by_id(&self, ids: &[i64]) -> Result<Vec<Segment>> {
        let mut stmt = self.conn.prepare_cached(&SEGMENT_BY_ID_SQL)?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(seg) = stmt.query_row(params![id], row_to_segment).optional()? {
                out.push(seg);
            }
        }
        Ok(out)
    }

    /// The best-counting units over the lists in `sized` (encoded length, trigram; rarest
    /// first) that fit in `budget`, with decoded lists kept in the shared cache.
    ///
    /// Counting stops after the rarer lists (half of the budget): the best `POOL` units so
    /// far are the candidates, and the commoner lists are only searched for them instead of
    /// counted whole. A unit that shares none of the rarer trigrams is no fuzzy match.
    fn top_cached(
        &self,
        cache: &fuzzy::PostingCache,
        sized: &[(usize, i64)],
        budget: usize,
        limit: usize,
    ) -> Result<Vec<(u32, u8)>> {
        const POOL: usize = 1000;
        let phase1 = budget / 2;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT ids FROM fuzzy_postings WHERE token = ?1")?;
        let (mut rare, mut common) = (Vec::new(), Vec::new());
        let mut used = 0usize;
        let mut within = 0;
        while let Some(&(n, _)) = sized.get(within) {
            if used > 0 && used + n > budget {
                break;
            }
            used += n;
            within += 1;
        }
        let sized = &sized[..within];
        let tokens: Vec<i64> = sized.iter().map(|&(_, g)| g).collect();
        let mut used = 0usize;
        for (&(n, g), kept) in sized.iter().zip(cache.lists(&tokens)) {
            let is_common = used > 0 && used + n > phase1;
            used += n;
            let ids = match kept {
                Some(ids) => ids,
                None => {
                    let blob: Vec<u8> = stmt.query_row(params![g], |r| r.get(0))?;
                    let mut ids = Vec::with_capacity(n);
                    fuzzy::decode(&blob, |id| ids.push(id));
                    cache.put_list(g, ids)
                }
            };
            if is_common || !common.is_empty() {
                common.push(ids);
            } else {
                rare.push(ids);
            }
        }
        let rare: Vec<&[u32]> = rare.iter().map(|l| &l[..]).collect();
        if common.is_empty() {
            return Ok(fuzzy::top_counts(&rare, limit));
        }
        let mut pool = fuzzy::top_counts_unordered(&rare, POOL);
        pool.sort_unstable_by_key(|p| p.0);
        for list in &common {
            fuzzy::count_in(&mut pool, list);
        }
        Ok(fuzzy::best(pool, limit))
    }

    /// Segments matching an FTS5 query, best (bm25) first.
    pub fn full_text(&self, fts_query: &str, limit: usize) -> Result<Vec<Segment>> {
        self.query_segments(
            &format!(
                "SELECT {SEGMENT_COLUMNS} FROM segments_fts f
                 JOIN segments s ON s.id = f.rowid
                 LEFT JOIN documents d ON d.id = s.doc_id
                 WHERE segments_fts MATCH ?1 ORDER BY bm25(segments_fts) LIMIT ?2"
            ),
            params![fts_query, limit as i64],
        )
    }

    fn query_segments<P: rusqlite::Params>(&self, sql: &str, p: P) -> Result<Vec<Segment>> {
        // Cached: the same few statements run for every lookup, and parsing costs more than
        // a point query.
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(p, row_to_segment)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The pairs of the memory as units (for export), filtered.
    pub fn units(&self, filter: &ExportFilter) -> Result<Vec<Unit>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.src_lang, s.src_text, s.tgt_lang, s.tgt_text, s.note, s.tuid, s.props,
                    s.src_markup, s.tgt_markup
             FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
             WHERE s.tgt_text IS NOT NULL
               AND (?1 IS NULL OR lower(s.src_lang) = lower(?1) OR lower(s.src_lang) LIKE lower(?1) || '-%')
               AND (?2 IS NULL OR lower(s.tgt_lang) = lower(?2) OR lower(s.tgt_lang) LIKE lower(?2) || '-%')
               AND (?3 IS NULL OR d.name = ?3 OR s.origin = 'import:' || ?3)
               AND (?4 IS NULL OR coalesce(s.changed_at, s.created_at) >= ?4)
             ORDER BY s.id",
        )?;
        let rows = stmt.query_map(
            params![filter.src_lang, filter.tgt_lang, filter.doc, filter.since],
            |r| {
                let props: Option<String> = r.get(6)?;
                Ok(Unit {
                    src_lang: r.get(0)?,
                    src: r.get(1)?,
                    tgt_lang: r.get(2)?,
                    tgt: r.get(3)?,
                    note: r.get(4)?,
                    tuid: r.get(5)?,
                    props: props
                        .and_then(|p| serde_json::from_str(&p).ok())
                        .unwrap_or_default(),
                    src_markup: r.get(7)?,
                    tgt_markup: r.get(8)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Counts of documents, segments and pairs.
    pub fn stats(&self) -> Result<Stats> {
        let documents = self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        let (segments, pairs): (i64, i64) =
            self.conn
                .query_row("SELECT count(*), count(tgt_text) FROM segments", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        let mut stmt = self.conn.prepare(
            "SELECT CASE WHEN tgt_lang IS NULL THEN src_lang ELSE src_lang || '→' || tgt_lang END AS k,
                    count(*) FROM segments GROUP BY k ORDER BY k",
        )?;
        let by_language = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Stats {
            documents,
            segments,
            pairs,
            monolingual: segments - pairs,
            by_language,
        })
    }

    /// Concordance: segments containing every word of `words` in any inflected form (words are
    /// stemmed, Russian or English by script, and matched as prefixes), in either language,
    /// with the matching words wrapped in `open`/`close` markers; oldest first.
    pub fn concordance(
        &self,
        words: &[String],
        limit: usize,
        open: &str,
        close: &str,
    ) -> Result<Vec<(Segment, String, Option<String>)>> {
        let stems: Vec<String> = words
            .iter()
            .map(|w| crate::text::stem(w))
            .filter(|s| !s.is_empty())
            .collect();
        if stems.is_empty() {
            return Ok(Vec::new());
        }
        let query = stems
            .iter()
            .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" ");
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SEGMENT_COLUMNS}
             FROM segments_fts f JOIN segments s ON s.id = f.rowid
             LEFT JOIN documents d ON d.id = s.doc_id
             WHERE segments_fts MATCH ?1 ORDER BY s.id LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![query, limit as i64], row_to_segment)?;
        let mut out = Vec::new();
        for seg in rows {
            let seg = seg?;
            let src = highlight(&seg.src, &stems, open, close);
            let tgt = seg
                .tgt
                .as_deref()
                .map(|t| highlight(t, &stems, open, close));
            out.push((seg, src, tgt));
        }
        Ok(out)
    }
}

/// `text` with the words that start with one of `stems` (lower-cased) wrapped in markers.
fn highlight(text: &str, stems: &[String], open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for w in crate::text::words(text) {
        let lower = normalize(w.text);
        if stems.iter().any(|s| lower.starts_with(s.as_str())) {
            out.push_str(&text[last..w.byte_start]);
            out.push_str(open);
            out.push_str(w.text);
            out.push_str(close);
            last = w.byte_start + w.text.len();
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Bytes of encoded posting lists a lookup reads at most (about 1.5 bytes an id).
/// (`TM_FUZZY_BUDGET` overrides it for experiments; read once.)
fn fuzzy_budget() -> usize {
    static BUDGET: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *BUDGET.get_or_init(|| {
        std::env::var("TM_FUZZY_BUDGET")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300_000)
    })
}

thread_local! {
    static COUNTER: std::cell::RefCell<fuzzy::Counter> = std::cell::RefCell::new(fuzzy::Counter::default());
}

/// The user recorded as creator of new units (`TM_USER`, else the login name).
fn current_user() -> Option<String> {
    std::env::var("TM_USER")
        .or_else(|_| std::env::var("USER"))
        .ok()
        .filter(|u| !u.is_empty())
}

/// Merges freshly built posting lists into the stored ones (new ids are all larger).
fn write_postings(tx: &rusqlite::Transaction<'_>, builder: fuzzy::Builder) -> Result<()> {
    let mut get = tx.prepare_cached("SELECT ids FROM fuzzy_postings WHERE token = ?1")?;
    let mut put =
        tx.prepare_cached("INSERT OR REPLACE INTO fuzzy_postings(token, ids) VALUES (?1, ?2)")?;
    let mut lists: Vec<(i64, Vec<u8>, u32)> = builder.into_lists().collect();
    lists.sort_unstable_by_key(|l| l.0);
    for (token, enc, _) in lists {
        let existing: Option<Vec<u8>> = get.query_row(params![token], |r| r.get(0)).optional()?;
        let merged = match existing {
            None => enc,
            Some(mut old) => {
                let last = fuzzy::decode(&old, |_| {});
                // Re-encode the new ids relative to the old list's last id.
                let mut ids = Vec::new();
                fuzzy::decode(&enc, |id| ids.push(id));
                fuzzy::append(&mut old, last, &ids);
                old
            }
        };
        put.execute(params![token, merged])?;
    }
    Ok(())
}

/// A stable 64-bit FNV-1a hash of `bytes`, as hex (document identity).
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(src: &str, tgt: &str) -> NewSegment {
        NewSegment {
            src_lang: "en".into(),
            src: src.into(),
            tgt: Some(("ru".into(), tgt.into())),
        }
    }

    /// A memory in RAM holding these pairs as one document.
    fn with_pairs(pairs: &[(&str, &str)]) -> Memory {
        let mut m = Memory::open_in_memory().unwrap();
        let segs: Vec<NewSegment> = pairs.iter().map(|(s, t)| pair(s, t)).collect();
        m.ingest_document("a.txt", "h1", &segs).unwrap();
        m
    }

    #[test]
    fn lookups_reuse_their_prepared_statements() {
        let m = with_pairs(&[
            ("The council met today.", "Совет собрался сегодня."),
            ("The minister spoke.", "Министр выступил."),
        ]);
        for q in ["The council met today.", "The minister spoke.", "Nothing."] {
            m.exact(q).unwrap();
            m.fuzzy_candidates(&crate::text::normalize(q), 30).unwrap();
        }
        let exact = m.conn.prepare_cached(&EXACT_SQL).unwrap();
        assert_eq!(exact.get_status(rusqlite::StatementStatus::Run), 3);
        assert_eq!(exact.get_status(rusqlite::StatementStatus::RePrepare), 0);
        let row = m.conn.prepare_cached(CANDIDATE_SQL).unwrap();
        assert!(row.get_status(rusqlite::StatementStatus::Run) >= 4);
        assert_eq!(row.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }

    #[test]
    fn candidates_from_texts_in_ram_are_those_read_from_the_rows() {
        let mut m = Memory::open_in_memory().unwrap();
        let mut segs = vec![
            pair("The council met today.", "Совет собрался сегодня."),
            pair("The council met yesterday.", "Совет собрался вчера."),
            pair(
                "A minister spoke to the council.",
                "Министр выступил в совете.",
            ),
        ];
        segs.push(NewSegment {
            src_lang: "en".into(),
            src: "The council met again.".into(),
            tgt: None,
        });
        m.ingest_document("a.txt", "h1", &segs).unwrap();
        let norm = normalize("The council met on Monday.");
        let cache = std::sync::Arc::new(texts::TextCache::new(1 << 20));
        m.share_texts(cache.clone());
        let from_rows = m.fuzzy_candidates(&norm, 30).unwrap();
        assert_eq!(from_rows.len(), 4);
        let g = cache.begin_load().unwrap();
        cache.finish(g, Ok(m.load_texts(1 << 20).unwrap()));
        assert_eq!(cache.get().map(|t| t.len()), Some(3));
        // The same candidates, in the same order; the segment without translation is left
        // out, as it cannot be a match.
        let pairs: Vec<Candidate> = from_rows.into_iter().filter(|c| c.tgt.is_some()).collect();
        assert_eq!(m.fuzzy_candidates(&norm, 30).unwrap(), pairs);
        // A write clears them; a budget too small for the texts loads nothing.
        m.ingest_document("b.txt", "h2", &segs[..1]).unwrap();
        assert!(cache.get().is_none());
        assert!(m.load_texts(20).unwrap().is_none());
    }

    #[test]
    fn exact_matches_come_once_each_in_id_order() {
        let m = with_pairs(&[("OK", "OK"), ("Cancel", "Отмена"), ("Отмена", "Cancel")]);
        let ids = |q: &str| -> Vec<i64> { m.exact(q).unwrap().iter().map(|s| s.id).collect() };
        // Source and target are the same text: one segment, not two.
        assert_eq!(ids("ok").len(), 1);
        // Found by its source in one pair and by its target in the other.
        let both = ids("cancel");
        assert_eq!(both.len(), 2);
        assert!(both[0] < both[1]);
    }

    #[test]
    fn ingest_is_idempotent_and_replaces_changed_documents() {
        let mut m = Memory::open_in_memory().unwrap();
        let segs = vec![pair("Hello.", "Привет."), pair("Bye.", "Пока.")];
        assert_eq!(
            m.ingest_document("a.txt", "h1", &segs).unwrap(),
            DocOutcome::Added(2)
        );
        assert_eq!(
            m.ingest_document("a.txt", "h1", &segs).unwrap(),
            DocOutcome::Unchanged
        );
        assert_eq!(m.stats().unwrap().segments, 2);
        assert_eq!(
            m.ingest_document("a.txt", "h2", &segs[..1]).unwrap(),
            DocOutcome::Replaced(1)
        );
        let s = m.stats().unwrap();
        assert_eq!((s.documents, s.segments, s.pairs), (1, 1, 1));
        // The full-text index follows deletions.
        assert!(m.full_text("\"bye\"", 10).unwrap().is_empty());
    }

    #[test]
    fn import_skips_duplicates() {
        let mut m = Memory::open_in_memory().unwrap();
        let u = Unit {
            src_lang: "en".into(),
            src: "Open file".into(),
            tgt_lang: "ru".into(),
            tgt: "Открыть файл".into(),
            note: None,
            ..Unit::default()
        };
        let s = m.import_units(&[u.clone(), u.clone()], "import:x").unwrap();
        assert_eq!(
            s,
            ImportStats {
                added: 1,
                duplicates: 1,
                overwritten: 0
            }
        );
        assert_eq!(m.units(&ExportFilter::default()).unwrap(), vec![u]);
    }

    #[test]
    fn concordance_highlights_both_languages() {
        let mut m = Memory::open_in_memory().unwrap();
        m.ingest_document("d", "h", &[pair("NATO is ready.", "НАТО готово.")])
            .unwrap();
        let hits = m.concordance(&["нато".into()], 10, "[", "]").unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].2.as_deref(), Some("[НАТО] готово."));
    }
}
