//! How are segments found again? Exact matches by normalised hash, fuzzy candidates from
//! the trigram posting lists, rows by id, concordance from the word-start lists, export and
//! counts.

use super::{candidates, fuzzy, norm_hash, Candidate, ExportFilter, Memory, Segment, Stats};
use crate::formats::Unit;
use crate::Result;
use rusqlite::{params, OptionalExtension};

const SEGMENT_COLUMNS: &str =
    "s.id, d.name, s.pos, s.src_lang, s.src_text, s.tgt_lang, s.tgt_text, s.origin, s.prev_hash";

/// Segments whose source or target hashes to `?1` (built once: it runs on every lookup).
pub(super) static EXACT_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
         WHERE s.src_hash = ?1 UNION ALL
         SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
         WHERE s.tgt_hash = ?1"
    )
});

/// The texts of segment `?1`: what re-scoring a fuzzy candidate reads.
pub(super) const CANDIDATE_SQL: &str = "SELECT src_text, tgt_text FROM segments WHERE id = ?1";

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
        let budget = super::candidates::fuzzy_budget();
        let top = match cache {
            Some(c) => {
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT ids FROM fuzzy_postings WHERE token = ?1")?;
                super::candidates::top_cached(
                    c,
                    &sized,
                    budget,
                    limit,
                    &mut |g| Ok(stmt.query_row(params![g], |r| r.get(0))?),
                    &|_, ids| ids,
                )?
            }
            None => {
                // The lists within the budget, decoded (blobs read in place) into buffers
                // kept for the next lookup, then counted block by block.
                let mut used = 0usize;
                let mut lists = DECODED.with(|c| std::mem::take(&mut *c.borrow_mut()));
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT ids FROM fuzzy_postings WHERE token = ?1")?;
                let mut k = 0;
                for &(n, g) in &sized {
                    if used > 0 && used + n > budget {
                        break;
                    }
                    used += n;
                    if k == lists.len() {
                        lists.push(Vec::new());
                    }
                    let ids = &mut lists[k];
                    ids.clear();
                    // At most one id a byte.
                    ids.reserve(n);
                    stmt.query_row(params![g], |r| {
                        fuzzy::decode(r.get_ref(0)?.as_blob()?, |id| ids.push(id));
                        Ok(())
                    })?;
                    k += 1;
                }
                let refs: Vec<&[u32]> = lists[..k].iter().map(|l| &l[..]).collect();
                let top = fuzzy::top_counts(&refs, limit);
                drop(refs);
                DECODED.with(|c| *c.borrow_mut() = lists);
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
    /// with the matching words wrapped in `open`/`close` markers; oldest first. Candidates come
    /// from the posting lists, by the rules both stores share ([`candidates::concordance`]).
    pub fn concordance(
        &self,
        words: &[String],
        limit: usize,
        open: &str,
        close: &str,
    ) -> Result<Vec<(Segment, String, Option<String>)>> {
        // One read transaction: the lists and the rows are of one state of the memory.
        let read = if self.conn.is_autocommit() {
            Some(self.conn.unchecked_transaction()?)
        } else {
            None
        };
        let hits = candidates::concordance(&mut Rows(self), words, limit, open, close)?;
        if let Some(tx) = read {
            tx.commit()?;
        }
        Ok(hits)
    }
}

/// What concordance reads from a SQLite memory.
struct Rows<'a>(&'a Memory);

impl candidates::ConcordanceSource for Rows<'_> {
    fn lists(&mut self, keys: &[i64]) -> Result<Vec<Vec<u32>>> {
        let mut stmt = self
            .0
            .conn
            .prepare_cached("SELECT ids FROM fuzzy_postings WHERE token = ?1")?;
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            let mut ids = Vec::new();
            if let Some(enc) = stmt
                .query_row(params![k], |r| r.get::<_, Vec<u8>>(0))
                .optional()?
            {
                fuzzy::decode(&enc, |id| ids.push(id));
            }
            out.push(ids);
        }
        Ok(out)
    }

    fn rows(&mut self, ids: &[i64]) -> Result<Vec<Segment>> {
        self.0.segments_by_id(ids)
    }

    fn scan(&mut self, after: i64, n: usize) -> Result<Vec<Segment>> {
        self.0.query_segments(
            &SCAN_SQL,
            params![after, i64::try_from(n).unwrap_or(i64::MAX)],
        )
    }
}

/// Up to `?2` segments with ids above `?1`, in id order.
static SCAN_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
         WHERE s.id > ?1 ORDER BY s.id LIMIT ?2"
    )
});

thread_local! {
    /// Buffers for the decoded posting lists of a lookup, reused by the next one.
    static DECODED: std::cell::RefCell<Vec<Vec<u32>>> = const { std::cell::RefCell::new(Vec::new()) };
}
