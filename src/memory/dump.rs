//! How does a whole memory move to another store? As rows: every document and every segment
//! with all its columns (ids, document and position, context hashes, TMX ids, props, notes,
//! markup, who and when, versions) and the lexical model. One store writes them out in order
//! ([`Store::dump`](super::Store::dump): documents, segments by id, the lexicon) and another
//! reads them into an empty memory in one transaction
//! ([`Store::restore`](super::Store::restore)), building its own posting lists there; a
//! failure leaves the target as it was. `tm copy` runs the two on two threads, so the rows
//! stream through and the memory is never held whole.
//!
//! The SQLite side lives here; the PostgreSQL one in `postgres/dump.rs`.

use super::{fuzzy, lexicon::StoredLexicon, Memory};
use crate::Result;
use rusqlite::params;

/// A document row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    /// Its id (segments refer to it).
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Hash of its content.
    pub hash: String,
    /// When it was ingested (UTC).
    pub ingested_at: String,
}

/// A segment row with every column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SegmentRow {
    /// Row id, kept by a copy.
    pub id: i64,
    /// Document, if the segment came from one.
    pub doc_id: Option<i64>,
    /// Position in the document.
    pub pos: i64,
    /// Source language.
    pub src_lang: String,
    /// Source text.
    pub src_text: String,
    /// Hash of the normalised source.
    pub src_hash: i64,
    /// Target language (pairs only).
    pub tgt_lang: Option<String>,
    /// Target text (pairs only).
    pub tgt_text: Option<String>,
    /// Hash of the normalised target.
    pub tgt_hash: Option<i64>,
    /// Hash of the previous segment's source (context).
    pub prev_hash: Option<i64>,
    /// Hash of the next segment's source (context).
    pub next_hash: Option<i64>,
    /// TMX `tuid`.
    pub tuid: Option<String>,
    /// Props, as JSON.
    pub props: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Inline markup of the source.
    pub src_markup: Option<String>,
    /// Inline markup of the target.
    pub tgt_markup: Option<String>,
    /// Where it came from.
    pub origin: String,
    /// When it was stored.
    pub created_at: String,
    /// Who stored it.
    pub created_by: Option<String>,
    /// When it was last changed.
    pub changed_at: Option<String>,
    /// Who changed it last.
    pub changed_by: Option<String>,
    /// Raised by every edit.
    pub version: i64,
}

/// One item of a memory's dump, in the order a restore needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DumpItem {
    /// A document (all come before the segments).
    Document(DocumentRow),
    /// A segment (by id).
    Segment(Box<SegmentRow>),
    /// The lexical model (last, if the memory has one).
    Lexicon(StoredLexicon),
}

/// What a restore stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RestoreStats {
    /// Documents.
    pub documents: usize,
    /// Segments with a translation.
    pub pairs: usize,
    /// Segments without one.
    pub monolingual: usize,
    /// Whether a lexical model came along.
    pub lexicon: bool,
}

impl RestoreStats {
    pub(super) fn count(&mut self, s: &SegmentRow) {
        if s.tgt_text.is_some() {
            self.pairs += 1;
        } else {
            self.monolingual += 1;
        }
    }
}

/// A [`SegmentRow`] from a result row whose columns are [`SEGMENT_COLUMNS`], for either
/// store: `segment_row!(row)` for PostgreSQL rows, `segment_row!(row, ?)` for SQLite's,
/// whose `get` returns a `Result`.
macro_rules! segment_row {
    ($r:expr $(, $q:tt)?) => {
        $crate::memory::dump::SegmentRow {
            id: $r.get(0)$($q)?,
            doc_id: $r.get(1)$($q)?,
            pos: $r.get(2)$($q)?,
            src_lang: $r.get(3)$($q)?,
            src_text: $r.get(4)$($q)?,
            src_hash: $r.get(5)$($q)?,
            tgt_lang: $r.get(6)$($q)?,
            tgt_text: $r.get(7)$($q)?,
            tgt_hash: $r.get(8)$($q)?,
            prev_hash: $r.get(9)$($q)?,
            next_hash: $r.get(10)$($q)?,
            tuid: $r.get(11)$($q)?,
            props: $r.get(12)$($q)?,
            note: $r.get(13)$($q)?,
            src_markup: $r.get(14)$($q)?,
            tgt_markup: $r.get(15)$($q)?,
            origin: $r.get(16)$($q)?,
            created_at: $r.get(17)$($q)?,
            created_by: $r.get(18)$($q)?,
            changed_at: $r.get(19)$($q)?,
            changed_by: $r.get(20)$($q)?,
            version: $r.get(21)$($q)?,
        }
    };
}
pub(super) use segment_row;

/// Every column of `segments`, in the order of [`SegmentRow`].
pub(super) const SEGMENT_COLUMNS: &str = "id, doc_id, pos, src_lang, src_text, src_hash, \
    tgt_lang, tgt_text, tgt_hash, prev_hash, next_hash, tuid, props, note, src_markup, \
    tgt_markup, origin, created_at, created_by, changed_at, changed_by, version";

/// The refusal of a restore into a memory that holds something.
pub(super) fn not_empty(documents: i64, segments: i64) -> crate::Error {
    crate::Error::Usage(format!(
        "the target memory already holds {segments} segments and {documents} documents: copy into an empty memory (or use tm export and tm import)"
    ))
}

/// Ids are kept by a copy; the posting lists hold them as 32-bit numbers.
pub(super) fn check_id(id: i64) -> Result<u32> {
    u32::try_from(id).map_err(|_| {
        crate::Error::Usage(format!(
            "segment id {id} is out of the range a memory keeps"
        ))
    })
}

impl Memory {
    /// Writes the whole memory out: documents, segments by id, then the lexical model. Reads
    /// one snapshot (a read transaction), so a copy taken while others write is consistent.
    pub fn dump(&self, out: &mut dyn FnMut(DumpItem) -> Result<()>) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        {
            let mut docs =
                tx.prepare("SELECT id, name, hash, ingested_at FROM documents ORDER BY id")?;
            let mut rows = docs.query([])?;
            while let Some(r) = rows.next()? {
                out(DumpItem::Document(DocumentRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    hash: r.get(2)?,
                    ingested_at: r.get(3)?,
                }))?;
            }
            let mut segs = tx.prepare(&format!(
                "SELECT {SEGMENT_COLUMNS} FROM segments ORDER BY id"
            ))?;
            let mut rows = segs.query([])?;
            while let Some(r) = rows.next()? {
                out(DumpItem::Segment(Box::new(segment_row!(r, ?))))?;
            }
        }
        if let Some(l) = self.lexicon()? {
            out(DumpItem::Lexicon(l))?;
        }
        tx.finish()?;
        Ok(())
    }

    /// Stores a dump into this memory, which must be empty, in one transaction: the rows with
    /// their ids, the posting lists built beside them, the lexical model.
    pub fn restore(
        &mut self,
        items: &mut dyn Iterator<Item = Result<DumpItem>>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<RestoreStats> {
        let tx = self.conn.transaction()?;
        let (docs, segs): (i64, i64) = tx.query_row(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM segments)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if docs > 0 || segs > 0 {
            return Err(not_empty(docs, segs));
        }
        tx.execute_batch("DROP INDEX segments_src_hash; DROP INDEX segments_tgt_hash;")?;
        let mut stats = RestoreStats::default();
        let (stored, builder) = fuzzy::build_beside(true, |lists| -> Result<()> {
            let mut doc = tx.prepare(
                "INSERT INTO documents(id, name, hash, ingested_at) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut seg = tx.prepare(&format!(
                "INSERT INTO segments({SEGMENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                    ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)"
            ))?;
            let mut lex = None;
            for item in items {
                match item? {
                    DumpItem::Document(d) => {
                        doc.execute(params![d.id, d.name, d.hash, d.ingested_at])?;
                        stats.documents += 1;
                    }
                    DumpItem::Segment(s) => {
                        let id = check_id(s.id)?;
                        seg.execute(params![
                            s.id,
                            s.doc_id,
                            s.pos,
                            s.src_lang,
                            s.src_text,
                            s.src_hash,
                            s.tgt_lang,
                            s.tgt_text,
                            s.tgt_hash,
                            s.prev_hash,
                            s.next_hash,
                            s.tuid,
                            s.props,
                            s.note,
                            s.src_markup,
                            s.tgt_markup,
                            s.origin,
                            s.created_at,
                            s.created_by,
                            s.changed_at,
                            s.changed_by,
                            s.version,
                        ])?;
                        stats.count(&s);
                        let n = stats.pairs + stats.monolingual;
                        if n % 4096 == 0 {
                            progress(n);
                        }
                        lists.add(id, s.src_text, s.tgt_text);
                    }
                    DumpItem::Lexicon(l) => lex = Some(l),
                }
            }
            progress(stats.pairs + stats.monolingual);
            if let Some(l) = lex {
                tx.execute(
                    "INSERT INTO lexicon(id, pairs, trained_at, model) VALUES (1, ?1, ?2, ?3)",
                    params![l.pairs, l.trained_at, l.model],
                )?;
                stats.lexicon = true;
            }
            Ok(())
        });
        stored?;
        tx.execute_batch(
            "CREATE INDEX segments_src_hash ON segments(src_hash);
             CREATE INDEX segments_tgt_hash ON segments(tgt_hash);",
        )?;
        super::write::write_postings(&tx, builder)?;
        tx.commit()?;
        self.caches_changed();
        Ok(stats)
    }
}
