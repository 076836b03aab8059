//! Memory: where are segments kept, and how are they found again?
//!
//! Everything the engine needs of a memory is the [`Store`] trait; [`open_store`] opens the one
//! `--db` names: an SQLite file ([`Memory`], below) or a PostgreSQL database shared by a team
//! ([`postgres::PgMemory`]). They keep the same rows and the same trigram posting lists and
//! share the rules that read them ([`candidates`]), so lookups answer alike on both.
//!
//! The SQLite memory is one file (WAL mode). A segment is either a pair (source and
//! target with their languages) or monolingual (source only: a sentence with no translation yet,
//! still searchable and checked). Documents are remembered by name and content hash, so
//! ingesting the same file twice changes nothing. Every write is one transaction.
//!
//! Schema versions are tracked with `PRAGMA user_version`; [`Memory::open`] migrates.
//! Version 2 keeps, per unit: both texts with hashes of their normalised forms (exact
//! matches), the previous and next source segment (context matches), TMX `tuid`, `prop`s and
//! `note`, inline markup, origin, creation and change dates and users; and the trigram posting
//! lists of [`fuzzy`] for fuzzy candidates. Version 3 adds the memory's lexical model
//! ([`lexicon`]); version 4 keeps the posting lists in a rowid table (integer keys: finding a
//! list reads no other list); version 5 a version per unit. Version 6 drops the FTS5 index
//! concordance used before: concordance reads the word-start lists that every unit now also
//! has in the posting lists, on both stores (an import no longer builds a second index).

pub mod candidates;
pub mod check;
pub mod context;
pub mod dump;
pub mod fuzzy;
pub mod lexicon;
mod open;
pub mod postgres;
mod read;
pub mod texts;
mod units;
mod write;

use crate::formats::Unit;
use crate::Result;
use rusqlite::Connection;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 6;

pub use units::current_user;

/// True when `--db` names a PostgreSQL database (`postgres://…` or `postgresql://…`) rather
/// than an SQLite file.
pub fn is_postgres(db: &std::path::Path) -> bool {
    let s = db.to_string_lossy();
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// Opens the memory that `--db` names: a PostgreSQL URL opens (and migrates) that database,
/// anything else is an SQLite file, created when `create` is set and else required to exist.
pub fn open_store(db: &std::path::Path, create: bool) -> Result<Box<dyn Store + Send>> {
    if is_postgres(db) {
        Ok(Box::new(postgres::PgMemory::open(&db.to_string_lossy())?))
    } else if create {
        Ok(Box::new(Memory::open(db)?))
    } else {
        Ok(Box::new(Memory::open_existing(db)?))
    }
}

/// A unit as the write commands show it: its texts, its version (raised by every edit) and
/// who changed it last.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnitRecord {
    /// Segment id.
    pub id: i64,
    /// Source language code.
    pub src_lang: String,
    /// Source text.
    pub src: String,
    /// Target language code (pairs only).
    pub tgt_lang: Option<String>,
    /// Target text (pairs only).
    pub tgt: Option<String>,
    /// 1 when stored, one more with every edit.
    pub version: i64,
    /// Who created it.
    pub created_by: Option<String>,
    /// Who changed it last, if anyone did.
    pub changed_by: Option<String>,
    /// When (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    pub changed_at: Option<String>,
}

/// A change to a unit's texts, made by `user`; refused when the unit's version is no longer
/// `expected_version` (someone changed it meanwhile).
#[derive(Debug, Clone, Default)]
pub struct UnitChange {
    /// New source text.
    pub source: Option<String>,
    /// New target text.
    pub target: Option<String>,
    /// The version the change was made from; `None` takes the current one.
    pub expected_version: Option<i64>,
    /// Who changes it.
    pub user: String,
}

/// The refusal of a change to unit `id` made from version `expected` when it is at `current`.
pub fn conflict(id: i64, expected: i64, current: &UnitRecord) -> crate::Error {
    crate::Error::Conflict(format!(
        "unit {id} was changed by {} at {} (now version {}, your change was made from version {expected}): not saved; look at it again and redo your change",
        current.changed_by.as_deref().unwrap_or("someone else"),
        current.changed_at.as_deref().unwrap_or("an unknown time"),
        current.version
    ))
}

/// The error for a unit id that is not in the memory.
pub fn no_unit(id: i64) -> crate::Error {
    crate::Error::NotFound(format!("no unit {id} in the memory"))
}

/// Hash of the normalised form of a text (exact matching ignores case, quotes, spacing).
pub fn norm_hash(text: &str) -> i64 {
    // `fuzzy::hash64(&normalize(text))`, without building the string.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    crate::text::normalized_chars(text, |c| {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    });
    h as i64
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
    /// Units stored with the context their props name (see [`context`]).
    pub with_context: usize,
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

/// What the rest of the engine needs of a translation memory. [`Memory`] (SQLite, one file)
/// and [`postgres::PgMemory`] (a database server shared by a team) implement it; matching,
/// formats, the CLI and the server talk to it only.
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
    /// Stores one unit (`tm add`), created by `user`.
    fn add_unit(&mut self, unit: &NewSegment, user: &str) -> Result<UnitRecord>;
    /// The unit with this id, if any.
    fn unit(&self, id: i64) -> Result<Option<UnitRecord>>;
    /// Changes a unit's texts (one transaction), refused with [`crate::Error::Conflict`]
    /// when its version moved on since `change.expected_version`.
    fn edit_unit(&mut self, id: i64, change: &UnitChange) -> Result<UnitRecord>;
    /// Deletes a unit, refused like an edit when `expected_version` is given and old.
    fn delete_unit(&mut self, id: i64, expected_version: Option<i64>) -> Result<()>;
    /// A number that changes whenever the memory is written, by any connection or process
    /// (what a server compares to know that its caches are stale).
    fn generation(&self) -> Result<i64>;
    /// Writes the whole memory out, from one snapshot (see [`dump`]).
    fn dump(&self, out: &mut dyn FnMut(dump::DumpItem) -> Result<()>) -> Result<()>;
    /// Stores a dump into this memory, which must be empty, in one transaction.
    fn restore(
        &mut self,
        items: &mut dyn Iterator<Item = Result<dump::DumpItem>>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<dump::RestoreStats>;
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
    fn add_unit(&mut self, unit: &NewSegment, user: &str) -> Result<UnitRecord> {
        Memory::add_unit(self, unit, user)
    }
    fn unit(&self, id: i64) -> Result<Option<UnitRecord>> {
        Memory::unit(self, id)
    }
    fn edit_unit(&mut self, id: i64, change: &UnitChange) -> Result<UnitRecord> {
        Memory::edit_unit(self, id, change)
    }
    fn delete_unit(&mut self, id: i64, expected_version: Option<i64>) -> Result<()> {
        Memory::delete_unit(self, id, expected_version)
    }
    fn generation(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
    fn dump(&self, out: &mut dyn FnMut(dump::DumpItem) -> Result<()>) -> Result<()> {
        Memory::dump(self, out)
    }
    fn restore(
        &mut self,
        items: &mut dyn Iterator<Item = Result<dump::DumpItem>>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<dump::RestoreStats> {
        Memory::restore(self, items, progress)
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
    use super::read::{CANDIDATE_SQL, EXACT_SQL};
    use super::*;
    use crate::text::normalize;

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
        // Concordance follows deletions.
        assert!(m
            .concordance(&["bye".into()], 10, "[", "]")
            .unwrap()
            .is_empty());
        assert_eq!(
            m.concordance(&["hello".into()], 10, "[", "]")
                .unwrap()
                .len(),
            1
        );
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
                ..ImportStats::default()
            }
        );
        assert_eq!(m.units(&ExportFilter::default()).unwrap(), vec![u]);
    }

    /// A memory file at `path` with `segs` ingested and then taken back to an older schema by
    /// `downgrade` (SQL), and the fuzzy candidates of `norm` it gave before.
    fn downgraded(
        path: &std::path::Path,
        segs: &[NewSegment],
        norm: &str,
        downgrade: &str,
    ) -> Vec<Candidate> {
        let mut m = Memory::open(path).unwrap();
        m.ingest_document("a.txt", "h1", segs).unwrap();
        let found = m.fuzzy_candidates(norm, 30).unwrap();
        m.conn.execute_batch(downgrade).unwrap();
        found
    }

    /// Opens the memory at `path` (migrating it) and checks it is at this build's version.
    fn reopened(path: &std::path::Path) -> Memory {
        let m = Memory::open(path).unwrap();
        let version: i64 = m
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        m
    }

    #[test]
    fn version_3_memories_keep_their_posting_lists_in_a_rowid_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.db");
        let segs = vec![
            pair("The council met today.", "Совет собрался сегодня."),
            pair("The minister spoke.", "Министр выступил."),
        ];
        let norm = normalize("The council met on Monday.");
        // Back to the version 3 layout: a clustered table.
        let before = downgraded(
            &path,
            &segs,
            &norm,
            "CREATE TABLE old(token INTEGER PRIMARY KEY, ids BLOB NOT NULL) WITHOUT ROWID;
             INSERT INTO old SELECT token, ids FROM fuzzy_postings;
             DROP TABLE fuzzy_postings; ALTER TABLE old RENAME TO fuzzy_postings;
             PRAGMA user_version = 3;",
        );
        assert_eq!(before.len(), 2);
        let m = reopened(&path);
        let sql: String = m
            .conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'fuzzy_postings'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(!sql.contains("WITHOUT ROWID"), "{sql}");
        assert_eq!(m.fuzzy_candidates(&norm, 30).unwrap(), before);
    }

    #[test]
    fn version_5_memories_lose_the_full_text_index_and_gain_word_start_lists() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.db");
        let segs = vec![
            pair("The council met today.", "Совет собрался сегодня."),
            pair("The EU ministers spoke.", "Министры ЕС выступили."),
        ];
        let norm = normalize("The council met on Monday.");
        // Back to a version 5 memory: an FTS5 index with its trigger, and posting lists
        // without the word starts (here: none at all, which the rebuild must not mind).
        let before = downgraded(
            &path,
            &segs,
            &norm,
            "CREATE VIRTUAL TABLE segments_fts USING fts5(src_text, tgt_text,
                 content='segments', content_rowid='id', detail='none');
             CREATE TRIGGER segments_ai AFTER INSERT ON segments BEGIN
                 INSERT INTO segments_fts(rowid, src_text, tgt_text)
                 VALUES (new.id, new.src_text, new.tgt_text);
             END;
             DELETE FROM fuzzy_postings;
             PRAGMA user_version = 5;",
        );
        let mut m = reopened(&path);
        let fts: i64 = m
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name LIKE 'segments_fts%' OR name = 'segments_ai'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(fts, 0);
        assert_eq!(m.fuzzy_candidates(&norm, 30).unwrap(), before);
        // Two-char stems are found through their word-start lists.
        let hits = m.concordance(&["ес".into()], 10, "[", "]").unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].2.as_deref(), Some("Министры [ЕС] выступили."));
        assert!(m.check().unwrap().is_ok());
        // Rows added after the migration are found too.
        m.ingest_document("b.txt", "h2", &[pair("EU law.", "Право ЕС.")])
            .unwrap();
        assert_eq!(
            m.concordance(&["eu".into()], 10, "[", "]").unwrap().len(),
            2
        );
    }

    #[test]
    fn the_hash_of_a_text_is_the_hash_of_its_normalised_form() {
        for text in [
            "",
            "   ",
            "  Open  the\tFILE\n ",
            "«Ёлка» — Ёж İstanbul ΣΑΣ",
            "a\u{00A0}b  ",
        ] {
            assert_eq!(norm_hash(text), fuzzy::hash64(&normalize(text)), "{text:?}");
        }
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
