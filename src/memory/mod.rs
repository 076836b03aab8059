//! Memory: where are segments kept, and how are they found again?
//!
//! The translation memory is one SQLite file (WAL mode). A segment is either a pair (source and
//! target with their languages) or monolingual (source only: a sentence with no translation yet,
//! still searchable and checked). Documents are remembered by name and content hash, so
//! ingesting the same file twice changes nothing. Every write is one transaction.
//!
//! Schema versions are tracked with `PRAGMA user_version`; [`Memory::open`] migrates.

use crate::formats::Unit;
use crate::text::normalize;
use crate::Result;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 1;

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
CREATE INDEX segments_doc ON segments(doc_id, pos);
CREATE INDEX segments_src_norm ON segments(src_norm);
CREATE INDEX segments_tgt_norm ON segments(tgt_norm);
CREATE VIRTUAL TABLE segments_fts USING fts5(
    src_text, tgt_text, content='segments', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
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
";

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
}

impl Segment {
    /// True when the segment has a translation.
    pub fn is_pair(&self) -> bool {
        self.tgt.is_some()
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

/// A translation memory backed by SQLite.
pub struct Memory {
    conn: Connection,
}

const SEGMENT_COLUMNS: &str =
    "s.id, d.name, s.pos, s.src_lang, s.src_text, s.tgt_lang, s.tgt_text, s.origin";

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
        Self::setup(conn)
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
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut mem = Memory { conn };
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
        }
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
        {
            let mut stmt = tx.prepare(
                "INSERT INTO segments(doc_id, pos, src_lang, src_text, src_norm, tgt_lang, tgt_text, tgt_norm, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'ingest')",
            )?;
            for (pos, s) in segments.iter().enumerate() {
                let (tl, tt) = match &s.tgt {
                    Some((l, t)) => (Some(l.as_str()), Some(t.as_str())),
                    None => (None, None),
                };
                stmt.execute(params![
                    doc_id,
                    pos as i64,
                    s.src_lang,
                    s.src,
                    normalize(&s.src),
                    tl,
                    tt,
                    tt.map(normalize),
                ])?;
            }
        }
        tx.commit()?;
        Ok(if replaced {
            DocOutcome::Replaced(segments.len())
        } else {
            DocOutcome::Added(segments.len())
        })
    }

    /// Imports translation units in one transaction, skipping units already in the memory
    /// (same languages and texts).
    pub fn import_units(&mut self, units: &[Unit], origin: &str) -> Result<ImportStats> {
        let tx = self.conn.transaction()?;
        let mut stats = ImportStats::default();
        {
            let mut exists = tx.prepare(
                "SELECT 1 FROM segments WHERE src_norm = ?1 AND src_lang = ?2 AND src_text = ?3
                 AND tgt_lang = ?4 AND tgt_text = ?5 LIMIT 1",
            )?;
            let mut insert = tx.prepare(
                "INSERT INTO segments(src_lang, src_text, src_norm, tgt_lang, tgt_text, tgt_norm, note, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for u in units {
                let src_norm = normalize(&u.src);
                if exists.exists(params![src_norm, u.src_lang, u.src, u.tgt_lang, u.tgt])? {
                    stats.duplicates += 1;
                    continue;
                }
                insert.execute(params![
                    u.src_lang,
                    u.src,
                    src_norm,
                    u.tgt_lang,
                    u.tgt,
                    normalize(&u.tgt),
                    u.note,
                    origin
                ])?;
                stats.added += 1;
            }
        }
        tx.commit()?;
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

    /// Segments whose source or target normalises to `norm`.
    pub fn by_normalized(&self, norm: &str) -> Result<Vec<Segment>> {
        self.query_segments(
            &format!(
                "SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
                 WHERE s.src_norm = ?1 OR s.tgt_norm = ?1"
            ),
            params![norm],
        )
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
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(p, row_to_segment)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The pairs of the memory as units (for export).
    pub fn units(&self) -> Result<Vec<Unit>> {
        let mut stmt = self.conn.prepare(
            "SELECT src_lang, src_text, tgt_lang, tgt_text, note FROM segments
             WHERE tgt_text IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Unit {
                src_lang: r.get(0)?,
                src: r.get(1)?,
                tgt_lang: r.get(2)?,
                tgt: r.get(3)?,
                note: r.get(4)?,
            })
        })?;
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

    /// Concordance: segments containing every word of `words` (either side), with the words
    /// wrapped in `open`/`close` markers, best first.
    pub fn concordance(
        &self,
        words: &[String],
        limit: usize,
        open: &str,
        close: &str,
    ) -> Result<Vec<(Segment, String, Option<String>)>> {
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let query = words
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" ");
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SEGMENT_COLUMNS},
                    highlight(segments_fts, 0, ?3, ?4), highlight(segments_fts, 1, ?3, ?4)
             FROM segments_fts f JOIN segments s ON s.id = f.rowid
             LEFT JOIN documents d ON d.id = s.doc_id
             WHERE segments_fts MATCH ?1 ORDER BY bm25(segments_fts) LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![query, limit as i64, open, close], |r| {
            Ok((row_to_segment(r)?, r.get(8)?, r.get(9)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
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
        };
        let s = m.import_units(&[u.clone(), u.clone()], "import:x").unwrap();
        assert_eq!(
            s,
            ImportStats {
                added: 1,
                duplicates: 1
            }
        );
        assert_eq!(m.units().unwrap(), vec![u]);
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
