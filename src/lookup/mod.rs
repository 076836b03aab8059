//! Lookup: which stored translations match this text, and how well?
//!
//! Candidates come from the memory (exact normalised text, then full-text search on the
//! query's words); each is re-scored exactly. Both sides of a pair are tried, so an English
//! query finds the Russian translation and a Russian query the English one.
//!
//! Match %: 100 = identical text; 99 = the same words differing only in case, punctuation,
//! quotes or whitespace; below that, the word-level edit similarity
//! `100 × (1 − word_edits / max(words))`, never rounded up to 99.

use crate::memory::Memory;
use crate::text::{normalize, word_keys};
use crate::Result;
use serde::Serialize;

/// One match found for a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// Match % (see the module docs).
    pub score: u32,
    /// The stored text that matched the query.
    pub source: String,
    /// Its language.
    pub source_lang: String,
    /// The translation proposed for the query.
    pub target: String,
    /// Its language.
    pub target_lang: String,
    /// Segment id in the memory.
    pub segment: i64,
    /// Document the segment came from.
    pub doc: Option<String>,
}

/// How many full-text candidates are re-scored per query.
const CANDIDATES: usize = 200;

/// Match % of `candidate` for `query` (0–100).
///
/// ```
/// assert_eq!(tm::lookup::score("Open the file", "Open the file"), 100);
/// assert_eq!(tm::lookup::score("Open the file", "open the file."), 99);
/// assert_eq!(tm::lookup::score("Open the file now", "Open the folder now"), 75);
/// ```
pub fn score(query: &str, candidate: &str) -> u32 {
    if query.trim() == candidate.trim() {
        return 100;
    }
    let q = word_keys(query);
    let c = word_keys(candidate);
    if q == c {
        return if q.is_empty() && normalize(query) != normalize(candidate) {
            0
        } else {
            99
        };
    }
    let longest = q.len().max(c.len());
    if longest == 0 {
        return 0;
    }
    let edits = strsim::generic_levenshtein(&q, &c);
    let sim = 1.0 - edits as f64 / longest as f64;
    ((sim * 100.0).floor() as u32).min(98)
}

/// Looks `query` up in the memory: pairs whose source or target matches at `min_score` % or
/// better, best first, at most `limit`.
pub fn lookup(mem: &Memory, query: &str, min_score: u32, limit: usize) -> Result<Vec<Match>> {
    let mut segments = mem.by_normalized(&normalize(query))?;
    let mut words = word_keys(query);
    words.sort();
    words.dedup();
    if !words.is_empty() {
        let fts = words
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" OR ");
        segments.extend(mem.full_text(&fts, CANDIDATES)?);
    }
    segments.sort_by_key(|s| s.id);
    segments.dedup_by_key(|s| s.id);

    let mut matches = Vec::new();
    for s in segments {
        let (Some(tgt), Some(tgt_lang)) = (s.tgt.clone(), s.tgt_lang.clone()) else {
            continue;
        };
        let forward = score(query, &s.src);
        let backward = score(query, &tgt);
        let m = if forward >= backward {
            Match {
                score: forward,
                source: s.src,
                source_lang: s.src_lang,
                target: tgt,
                target_lang: tgt_lang,
                segment: s.id,
                doc: s.doc,
            }
        } else {
            Match {
                score: backward,
                source: tgt,
                source_lang: tgt_lang,
                target: s.src,
                target_lang: s.src_lang,
                segment: s.id,
                doc: s.doc,
            }
        };
        if m.score >= min_score {
            matches.push(m);
        }
    }
    matches.sort_by(|a, b| b.score.cmp(&a.score).then(a.segment.cmp(&b.segment)));
    matches.truncate(limit);
    Ok(matches)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::NewSegment;

    #[test]
    fn score_bands() {
        assert_eq!(score("Open the file.", "Open the file."), 100);
        assert_eq!(score("Open the file.", "open the  file"), 99);
        // One word of four replaced: 75 %.
        assert_eq!(score("Open the file now", "Open the folder now"), 75);
        assert_eq!(score("a b", "c d"), 0);
    }

    #[test]
    fn finds_in_both_directions() {
        let mut m = Memory::open_in_memory().unwrap();
        m.ingest_document(
            "d",
            "h",
            &[NewSegment {
                src_lang: "en".into(),
                src: "NATO is ready to work with Russia".into(),
                tgt: Some(("ru".into(), "НАТО готово работать с Россией".into())),
            }],
        )
        .unwrap();
        let en = lookup(&m, "NATO is ready to work with Russia", 50, 5).unwrap();
        assert_eq!(en[0].score, 100);
        assert_eq!(en[0].target, "НАТО готово работать с Россией");
        let ru = lookup(&m, "НАТО готово работать с Россией", 50, 5).unwrap();
        assert_eq!(ru[0].target, "NATO is ready to work with Russia");
        let fuzzy = lookup(&m, "NATO is ready to work with Ukraine", 50, 5).unwrap();
        assert!(
            fuzzy[0].score < 100 && fuzzy[0].score >= 80,
            "{}",
            fuzzy[0].score
        );
        assert!(lookup(&m, "completely unrelated words", 50, 5)
            .unwrap()
            .is_empty());
    }
}
