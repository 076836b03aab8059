//! How are segments found again in PostgreSQL? Exact matches by hash, fuzzy candidates from
//! the posting lists (by the rules of [`crate::memory::candidates`]), rows by id, concordance
//! from the word-start lists, export, counts and the lexical model.

use super::PgMemory;
use crate::formats::Unit;
use crate::memory::candidates::{self, fuzzy_budget, overlay_list, top_cached, within_budget};
use crate::memory::{
    fuzzy, lexicon, norm_hash, Candidate, ExportFilter, Segment, Stats, UnitRecord,
};
use crate::Result;
use std::collections::HashMap;

const SEGMENT_COLUMNS: &str =
    "s.id, d.name, s.pos, s.src_lang, s.src_text, s.tgt_lang, s.tgt_text, s.origin, s.prev_hash";

/// Segments whose source or target hashes to `$1`.
static EXACT_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
         WHERE s.src_hash = $1::bigint UNION ALL
         SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
         WHERE s.tgt_hash = $1::bigint"
    )
});

/// The segments with the ids `$1`.
static BY_ID_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
         WHERE s.id = ANY($1)"
    )
});

/// A page of segments after id `$1` (concordance on one-char stems).
static SCAN_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
         WHERE s.id > $1 ORDER BY s.id LIMIT $2"
    )
});

const CHANGES_SQL: &str =
    "SELECT token, id, present FROM fuzzy_changes WHERE token = ANY($1) ORDER BY token, id";
const SIZES_SQL: &str = "SELECT token, octet_length(ids) FROM fuzzy_postings WHERE token = ANY($1)";
const LIST_SQL: &str = "SELECT ids FROM fuzzy_postings WHERE token = $1";
const LISTS_SQL: &str = "SELECT token, ids FROM fuzzy_postings WHERE token = ANY($1)";
const TEXTS_SQL: &str = "SELECT id, src_text, tgt_text FROM segments WHERE id = ANY($1)";

/// The columns of a [`UnitRecord`], in its field order.
pub(super) const UNIT_COLUMNS: &str =
    "id, src_lang, src_text, tgt_lang, tgt_text, version, created_by, changed_by, changed_at";

fn row_to_segment(r: &postgres::Row) -> Segment {
    Segment {
        id: r.get(0),
        doc: r.get(1),
        pos: r.get(2),
        src_lang: r.get(3),
        src: r.get(4),
        tgt_lang: r.get(5),
        tgt: r.get(6),
        origin: r.get(7),
        prev: r.get(8),
    }
}

pub(super) fn row_to_unit(r: &postgres::Row) -> UnitRecord {
    UnitRecord {
        id: r.get(0),
        src_lang: r.get(1),
        src: r.get(2),
        tgt_lang: r.get(3),
        tgt: r.get(4),
        version: r.get(5),
        created_by: r.get(6),
        changed_by: r.get(7),
        changed_at: r.get(8),
    }
}

/// The list changes of single-unit writes for these trigrams: token → (id, present), by id.
fn list_changes(
    client: &mut postgres::Client,
    stmt: &postgres::Statement,
    grams: &[i64],
) -> Result<HashMap<i64, Vec<(u32, bool)>>> {
    let mut out: HashMap<i64, Vec<(u32, bool)>> = HashMap::new();
    for r in client.query(stmt, &[&grams])? {
        let id: i64 = r.get(1);
        out.entry(r.get(0)).or_default().push((id as u32, r.get(2)));
    }
    Ok(out)
}

impl PgMemory {
    /// All segments, in document order (documents by name), imported units last.
    pub fn segments(&self) -> Result<Vec<Segment>> {
        let rows = self.client.borrow_mut().query(
            &format!(
                "SELECT {SEGMENT_COLUMNS} FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
                 ORDER BY d.name IS NULL, d.name, s.pos, s.id"
            ),
            &[],
        )?;
        Ok(rows.iter().map(row_to_segment).collect())
    }

    /// Segments whose source or target has the same normalised form as `text`.
    pub fn exact(&self, text: &str) -> Result<Vec<Segment>> {
        let h = norm_hash(text);
        let mut client = self.client.borrow_mut();
        let stmt = self.prepared(&mut client, &EXACT_SQL)?;
        let mut segs: Vec<Segment> = client
            .query(&stmt, &[&h])?
            .iter()
            .map(row_to_segment)
            .collect();
        segs.sort_by_key(|s| s.id);
        segs.dedup_by_key(|s| s.id);
        Ok(segs)
    }

    /// Up to `limit` segments sharing the most character trigrams with `norm`, as the SQLite
    /// memory finds them (same lists, same budget, same counting).
    pub fn fuzzy_candidates(&self, norm: &str, limit: usize) -> Result<Vec<Candidate>> {
        let grams = fuzzy::trigrams(norm);
        if grams.is_empty() {
            return Ok(Vec::new());
        }
        let cache = self.postings.as_deref();
        if cache.is_some() {
            self.sync_caches()?;
        }
        let mut client = self.client.borrow_mut();
        let client = &mut *client;
        let stmt = self.prepared(client, CHANGES_SQL)?;
        let changes = list_changes(client, &stmt, &grams)?;
        let mut sized: Vec<(usize, i64)> = Vec::with_capacity(grams.len());
        let known = match cache {
            Some(c) => c.sizes(&grams),
            None => vec![None; grams.len()],
        };
        let unknown: Vec<i64> = grams
            .iter()
            .zip(&known)
            .filter(|(_, k)| k.is_none())
            .map(|(g, _)| *g)
            .collect();
        let mut found: HashMap<i64, usize> = HashMap::new();
        if !unknown.is_empty() {
            let stmt = self.prepared(client, SIZES_SQL)?;
            for r in client.query(&stmt, &[&unknown])? {
                let n: i32 = r.get(1);
                found.insert(r.get(0), n as usize);
            }
        }
        for (g, k) in grams.iter().zip(known) {
            let n = match k.or_else(|| found.get(g).copied()) {
                Some(n) => {
                    if let Some(c) = cache {
                        c.put_size(*g, n);
                    }
                    Some(n)
                }
                // A trigram only single-unit writes brought: its list is what they added.
                None => changes.get(g).and_then(|ch| {
                    let ids: Vec<u32> = ch.iter().filter(|c| c.1).map(|c| c.0).collect();
                    let mut enc = Vec::new();
                    fuzzy::append(&mut enc, 0, &ids);
                    (!enc.is_empty()).then_some(enc.len())
                }),
            };
            if let Some(n) = n {
                sized.push((n, *g));
            }
        }
        sized.sort_unstable();
        let budget = fuzzy_budget();
        let overlay = |g: i64, ids: Arc<[u32]>| -> Arc<[u32]> {
            match changes.get(&g) {
                Some(ch) => overlay_list(&ids, ch).into(),
                None => ids,
            }
        };
        let top = match cache {
            Some(c) => {
                let stmt = self.prepared(client, LIST_SQL)?;
                let mut fetch = |g: i64| -> Result<Vec<u8>> {
                    Ok(client
                        .query_opt(&stmt, &[&g])?
                        .map(|r| r.get(0))
                        .unwrap_or_default())
                };
                top_cached(c, &sized, budget, limit, &mut fetch, &overlay)?
            }
            None => {
                let take = &sized[..within_budget(&sized, budget)];
                let tokens: Vec<i64> = take.iter().map(|&(_, g)| g).collect();
                let mut blobs: HashMap<i64, Vec<u8>> = HashMap::new();
                let stmt = self.prepared(client, LISTS_SQL)?;
                for r in client.query(&stmt, &[&tokens])? {
                    blobs.insert(r.get(0), r.get(1));
                }
                let lists: Vec<Arc<[u32]>> = tokens
                    .iter()
                    .map(|g| {
                        let mut ids = Vec::new();
                        if let Some(b) = blobs.get(g) {
                            fuzzy::decode(b, |id| ids.push(id));
                        }
                        overlay(*g, ids.into())
                    })
                    .collect();
                let refs: Vec<&[u32]> = lists.iter().map(|l| &l[..]).collect();
                fuzzy::top_counts(&refs, limit)
            }
        };
        if top.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = top.iter().map(|&(id, _)| i64::from(id)).collect();
        let mut by_id: HashMap<i64, Candidate> = HashMap::new();
        let stmt = self.prepared(client, TEXTS_SQL)?;
        for r in client.query(&stmt, &[&ids])? {
            let id: i64 = r.get(0);
            by_id.insert(
                id,
                Candidate {
                    id,
                    src: r.get(1),
                    tgt: r.get(2),
                },
            );
        }
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// The segments with these ids, in that order (ids not found are left out).
    pub fn segments_by_id(&self, ids: &[i64]) -> Result<Vec<Segment>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut client = self.client.borrow_mut();
        let stmt = self.prepared(&mut client, &BY_ID_SQL)?;
        let rows = client.query(&stmt, &[&ids])?;
        let mut by_id: HashMap<i64, Segment> =
            rows.iter().map(row_to_segment).map(|s| (s.id, s)).collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// Concordance: segments containing every word in any inflected form (stems matched as
    /// prefixes), either language, highlighted; oldest first. Candidates come from the posting
    /// lists (with the changes of single-unit writes), by the rules both stores share
    /// ([`candidates::concordance`]).
    pub fn concordance(
        &self,
        words: &[String],
        limit: usize,
        open: &str,
        close: &str,
    ) -> Result<Vec<(Segment, String, Option<String>)>> {
        let mut client = self.client.borrow_mut();
        let mut rows = Rows {
            mem: self,
            client: &mut client,
        };
        candidates::concordance(&mut rows, words, limit, open, close)
    }

    /// The pairs of the memory as units (for export), filtered.
    pub fn units(&self, filter: &ExportFilter) -> Result<Vec<Unit>> {
        let rows = self.client.borrow_mut().query(
            "SELECT s.src_lang, s.src_text, s.tgt_lang, s.tgt_text, s.note, s.tuid, s.props,
                    s.src_markup, s.tgt_markup
             FROM segments s LEFT JOIN documents d ON d.id = s.doc_id
             WHERE s.tgt_text IS NOT NULL
               AND ($1::text IS NULL OR lower(s.src_lang) = lower($1) OR lower(s.src_lang) LIKE lower($1) || '-%')
               AND ($2::text IS NULL OR lower(s.tgt_lang) = lower($2) OR lower(s.tgt_lang) LIKE lower($2) || '-%')
               AND ($3::text IS NULL OR d.name = $3 OR s.origin = 'import:' || $3)
               AND ($4::text IS NULL OR coalesce(s.changed_at, s.created_at) >= $4)
             ORDER BY s.id",
            &[&filter.src_lang, &filter.tgt_lang, &filter.doc, &filter.since],
        )?;
        Ok(rows
            .iter()
            .map(|r| {
                let props: Option<String> = r.get(6);
                Unit {
                    src_lang: r.get(0),
                    src: r.get(1),
                    tgt_lang: r.get(2),
                    tgt: r.get(3),
                    note: r.get(4),
                    tuid: r.get(5),
                    props: props
                        .and_then(|p| serde_json::from_str(&p).ok())
                        .unwrap_or_default(),
                    src_markup: r.get(7),
                    tgt_markup: r.get(8),
                }
            })
            .collect())
    }

    /// Counts of documents, segments and pairs.
    pub fn stats(&self) -> Result<Stats> {
        let mut client = self.client.borrow_mut();
        let documents: i64 = client
            .query_one("SELECT count(*) FROM documents", &[])?
            .get(0);
        let r = client.query_one("SELECT count(*), count(tgt_text) FROM segments", &[])?;
        let (segments, pairs): (i64, i64) = (r.get(0), r.get(1));
        let by_language = client
            .query(
                "SELECT k, n FROM (SELECT CASE WHEN tgt_lang IS NULL THEN src_lang
                        ELSE src_lang || '→' || tgt_lang END AS k, count(*) AS n
                        FROM segments GROUP BY 1) x ORDER BY k COLLATE \"C\"",
                &[],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        Ok(Stats {
            documents,
            segments,
            pairs,
            monolingual: segments - pairs,
            by_language,
        })
    }

    /// The memory's lexical model, if one was trained.
    pub fn lexicon(&self) -> Result<Option<lexicon::StoredLexicon>> {
        Ok(self
            .client
            .borrow_mut()
            .query_opt(
                "SELECT pairs, trained_at, model FROM lexicon WHERE id = 1",
                &[],
            )?
            .map(|r| lexicon::StoredLexicon {
                pairs: r.get(0),
                trained_at: r.get(1),
                model: r.get(2),
            }))
    }

    /// The unit with this id, if any.
    pub fn unit(&self, id: i64) -> Result<Option<UnitRecord>> {
        Ok(self
            .client
            .borrow_mut()
            .query_opt(
                &format!("SELECT {UNIT_COLUMNS} FROM segments WHERE id = $1"),
                &[&id],
            )?
            .as_ref()
            .map(row_to_unit))
    }
}

use std::sync::Arc;

/// What concordance reads from a PostgreSQL memory.
struct Rows<'a> {
    mem: &'a PgMemory,
    client: &'a mut postgres::Client,
}

impl candidates::ConcordanceSource for Rows<'_> {
    fn lists(&mut self, keys: &[i64]) -> Result<Vec<Vec<u32>>> {
        let stmt = self.mem.prepared(self.client, CHANGES_SQL)?;
        let changes = list_changes(self.client, &stmt, keys)?;
        let stmt = self.mem.prepared(self.client, LISTS_SQL)?;
        let mut blobs: HashMap<i64, Vec<u8>> = HashMap::new();
        for r in self.client.query(&stmt, &[&keys])? {
            blobs.insert(r.get(0), r.get(1));
        }
        Ok(keys
            .iter()
            .map(|k| {
                let mut ids = Vec::new();
                if let Some(b) = blobs.get(k) {
                    fuzzy::decode(b, |id| ids.push(id));
                }
                match changes.get(k) {
                    Some(ch) => overlay_list(&ids, ch),
                    None => ids,
                }
            })
            .collect())
    }

    fn rows(&mut self, ids: &[i64]) -> Result<Vec<Segment>> {
        let stmt = self.mem.prepared(self.client, &BY_ID_SQL)?;
        Ok(self
            .client
            .query(&stmt, &[&ids])?
            .iter()
            .map(row_to_segment)
            .collect())
    }

    fn scan(&mut self, after: i64, n: usize) -> Result<Vec<Segment>> {
        let stmt = self.mem.prepared(self.client, &SCAN_SQL)?;
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        Ok(self
            .client
            .query(&stmt, &[&after, &n])?
            .iter()
            .map(row_to_segment)
            .collect())
    }
}
