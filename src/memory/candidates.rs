//! What both stores share to find fuzzy candidates and keep their posting lists: the byte
//! budget of a lookup, the counting over cached lists, and the changes an edit or a delete
//! makes to a unit's lists. SQLite and PostgreSQL hold the same lists (the encoding of
//! [`fuzzy`]), read them by the same rules, and so return the same candidates.

use super::{fuzzy, Segment};
use crate::text::normalize;
use crate::Result;
use std::sync::Arc;

/// Bytes of encoded posting lists a lookup reads at most (about 1.5 bytes an id).
/// (`TM_FUZZY_BUDGET` overrides it for experiments; read once.)
pub fn fuzzy_budget() -> usize {
    static BUDGET: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *BUDGET.get_or_init(|| {
        std::env::var("TM_FUZZY_BUDGET")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300_000)
    })
}

/// How many of `sized` (encoded length, trigram; rarest first) a lookup reads: lists are
/// taken while their lengths add up to at most `budget` (the first always).
pub fn within_budget(sized: &[(usize, i64)], budget: usize) -> usize {
    let mut used = 0usize;
    let mut within = 0;
    while let Some(&(n, _)) = sized.get(within) {
        if used > 0 && used + n > budget {
            break;
        }
        used += n;
        within += 1;
    }
    within
}

/// The best-counting units over the lists in `sized` (encoded length, trigram; rarest
/// first) that fit in `budget`, with decoded lists kept in the shared cache; `fetch` reads
/// an encoded list the cache lacks, `overlay` gives a store the chance to apply changes kept
/// beside the lists.
///
/// Counting stops after the rarer lists (half of the budget): the best `POOL` units so far
/// are the candidates, and the commoner lists are only searched for them instead of counted
/// whole. A unit that shares none of the rarer trigrams is no fuzzy match.
pub(crate) fn top_cached(
    cache: &fuzzy::PostingCache,
    sized: &[(usize, i64)],
    budget: usize,
    limit: usize,
    fetch: &mut dyn FnMut(i64) -> Result<Vec<u8>>,
    overlay: &dyn Fn(i64, Arc<[u32]>) -> Arc<[u32]>,
) -> Result<Vec<(u32, u8)>> {
    const POOL: usize = 1000;
    let phase1 = budget / 2;
    let sized = &sized[..within_budget(sized, budget)];
    let tokens: Vec<i64> = sized.iter().map(|&(_, g)| g).collect();
    let (mut rare, mut common) = (Vec::new(), Vec::new());
    let mut used = 0usize;
    for (&(n, g), kept) in sized.iter().zip(cache.lists(&tokens)) {
        let is_common = used > 0 && used + n > phase1;
        used += n;
        let ids = match kept {
            Some(ids) => ids,
            None => {
                let blob = fetch(g)?;
                let mut ids = Vec::with_capacity(n);
                fuzzy::decode(&blob, |id| ids.push(id));
                cache.put_list(g, ids)
            }
        };
        let ids = overlay(g, ids);
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

/// The distinct keys a unit is listed under (the trigrams and word starts of its normalised
/// texts, [`fuzzy::unit_keys_into`]), sorted.
pub fn unit_keys(src: &str, tgt: Option<&str>) -> Vec<i64> {
    let mut out = Vec::new();
    fuzzy::unit_keys_into(&normalize(src), &mut out);
    if let Some(t) = tgt {
        fuzzy::unit_keys_into(&normalize(t), &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The keys a unit loses and gains when its texts change from `old` to `new` (both
/// sorted): its id leaves the lists of the first and joins those of the second.
pub fn trigram_changes(old: &[i64], new: &[i64]) -> (Vec<i64>, Vec<i64>) {
    let gone = old
        .iter()
        .filter(|g| new.binary_search(g).is_err())
        .copied()
        .collect();
    let added = new
        .iter()
        .filter(|g| old.binary_search(g).is_err())
        .copied()
        .collect();
    (gone, added)
}

/// An encoded posting list with `id` put in its place (`add`) or taken out; `None` when the
/// list is left empty.
pub fn edit_list(encoded: &[u8], id: u32, add: bool) -> Option<Vec<u8>> {
    let mut ids = Vec::with_capacity(encoded.len());
    fuzzy::decode(encoded, |i| ids.push(i));
    match (ids.binary_search(&id), add) {
        (Err(at), true) => ids.insert(at, id),
        (Ok(at), false) => {
            ids.remove(at);
        }
        _ => {}
    }
    if ids.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(encoded.len() + 5);
    fuzzy::append(&mut out, 0, &ids);
    Some(out)
}

/// Ids of a decoded list with changes applied: `changes` holds (id, present) pairs.
pub fn overlay_list(ids: &[u32], changes: &[(u32, bool)]) -> Vec<u32> {
    let mut out: Vec<u32> = ids.to_vec();
    for &(id, present) in changes {
        match (out.binary_search(&id), present) {
            (Err(at), true) => out.insert(at, id),
            (Ok(at), false) => {
                out.remove(at);
            }
            _ => {}
        }
    }
    out
}

/// The stems a concordance looks for: every run of letters and digits of the query's words,
/// stemmed (Russian or English by script).
pub fn concordance_stems(words: &[String]) -> Vec<String> {
    words
        .iter()
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .map(crate::text::stem)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The keys whose lists hold every unit with a word starting with `stem`: the word start of
/// its first three chars (two for a two-char stem) and the trigrams inside it. None for a
/// one-char stem: any unit may hold it.
pub fn stem_keys(stem: &str) -> Vec<i64> {
    let chars: Vec<(usize, char)> = stem.char_indices().collect();
    if chars.len() < 2 {
        return Vec::new();
    }
    let head_end = chars.get(3).map_or(stem.len(), |c| c.0);
    let mut out = vec![fuzzy::word_start_key(&stem[..head_end])];
    out.extend((0..chars.len().saturating_sub(2)).map(|i| {
        let end = chars.get(i + 3).map_or(stem.len(), |c| c.0);
        fuzzy::hash64(&stem[chars[i].0..end])
    }));
    out.sort_unstable();
    out.dedup();
    out
}

/// The runs of letters and digits of a text (concordance's words), with their byte offsets.
fn runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !fuzzy::is_word_char(c))
        .filter(|r| !r.is_empty())
        .map(move |r| (r.as_ptr() as usize - text.as_ptr() as usize, r))
}

/// Whether every stem starts a word (a run of letters and digits) of `src` or `tgt`
/// normalised: a concordance hit.
pub fn has_stems(src: &str, tgt: Option<&str>, stems: &[String]) -> bool {
    let (src, tgt) = (normalize(src), tgt.map(normalize));
    let words: Vec<&str> = runs(&src)
        .chain(tgt.as_deref().into_iter().flat_map(runs))
        .map(|(_, w)| w)
        .collect();
    stems
        .iter()
        .all(|s| words.iter().any(|w| w.starts_with(s.as_str())))
}

/// `text` with the words that start with one of `stems` (normalised) wrapped in markers.
pub fn highlight(text: &str, stems: &[String], open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for (at, w) in runs(text) {
        let lower = normalize(w);
        if stems.iter().any(|s| lower.starts_with(s.as_str())) {
            out.push_str(&text[last..at]);
            out.push_str(open);
            out.push_str(w);
            out.push_str(close);
            last = at + w.len();
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Where a concordance reads from: the store's posting lists and rows.
pub trait ConcordanceSource {
    /// The whole decoded list of each key (empty for a key with none), changes applied.
    fn lists(&mut self, keys: &[i64]) -> Result<Vec<Vec<u32>>>;
    /// The segments with these ids, in any order.
    fn rows(&mut self, ids: &[i64]) -> Result<Vec<Segment>>;
    /// Up to `n` segments with ids above `after`, in id order.
    fn scan(&mut self, after: i64, n: usize) -> Result<Vec<Segment>>;
}

/// Concordance on either store: the segments holding a word that starts with every stem of
/// `words` (in either language), oldest first, at most `limit`, with those words wrapped in
/// `open`/`close`. Candidates are the units in every list of the stems' keys; a query of
/// one-char stems only reads the rows in id order until `limit` are found.
pub fn concordance(
    source: &mut dyn ConcordanceSource,
    words: &[String],
    limit: usize,
    open: &str,
    close: &str,
) -> Result<Vec<(Segment, String, Option<String>)>> {
    let stems = concordance_stems(words);
    if stems.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let mut keys: Vec<i64> = stems.iter().flat_map(|s| stem_keys(s)).collect();
    keys.sort_unstable();
    keys.dedup();
    let candidates = if keys.is_empty() {
        None
    } else {
        Some(intersect(source.lists(&keys)?))
    };
    // Rows a page at a time, in id order, kept when every stem starts one of their words.
    const PAGE: usize = 512;
    let mut out = Vec::new();
    let mut after = 0i64;
    let mut next = 0usize;
    while out.len() < limit {
        let rows = match &candidates {
            Some(ids) => {
                if next >= ids.len() {
                    break;
                }
                let page: Vec<i64> = ids[next..(next + PAGE).min(ids.len())]
                    .iter()
                    .map(|&i| i64::from(i))
                    .collect();
                next += PAGE;
                let mut rows = source.rows(&page)?;
                rows.sort_by_key(|s| s.id);
                rows
            }
            None => {
                let rows = source.scan(after, PAGE)?;
                match rows.last() {
                    Some(last) => after = last.id,
                    None => break,
                }
                rows
            }
        };
        for seg in rows {
            if out.len() < limit && has_stems(&seg.src, seg.tgt.as_deref(), &stems) {
                out.push(seg);
            }
        }
    }
    Ok(out
        .into_iter()
        .map(|seg| {
            let src = highlight(&seg.src, &stems, open, close);
            let tgt = seg
                .tgt
                .as_deref()
                .map(|t| highlight(t, &stems, open, close));
            (seg, src, tgt)
        })
        .collect())
}

/// The ids in every one of the sorted `lists`, ascending.
pub fn intersect(mut lists: Vec<Vec<u32>>) -> Vec<u32> {
    lists.sort_by_key(|l| l.len());
    let mut it = lists.into_iter();
    let Some(mut acc) = it.next() else {
        return Vec::new();
    };
    for l in it {
        acc.retain(|id| l.binary_search(id).is_ok());
        if acc.is_empty() {
            break;
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(enc: &[u8]) -> Vec<u32> {
        let mut v = Vec::new();
        fuzzy::decode(enc, |i| v.push(i));
        v
    }

    #[test]
    fn lists_take_and_lose_ids_in_place() {
        let mut enc = Vec::new();
        fuzzy::append(&mut enc, 0, &[3, 10, 500]);
        let added = edit_list(&enc, 7, true).unwrap();
        assert_eq!(decoded(&added), [3, 7, 10, 500]);
        let removed = edit_list(&added, 10, false).unwrap();
        assert_eq!(decoded(&removed), [3, 7, 500]);
        // Adding an id present, removing one absent: unchanged.
        assert_eq!(decoded(&edit_list(&removed, 7, true).unwrap()), [3, 7, 500]);
        assert_eq!(
            decoded(&edit_list(&removed, 8, false).unwrap()),
            [3, 7, 500]
        );
        let mut one = Vec::new();
        fuzzy::append(&mut one, 0, &[4]);
        assert_eq!(edit_list(&one, 4, false), None);
        assert_eq!(
            overlay_list(&[3, 7, 500], &[(7, false), (9, true)]),
            [3, 9, 500]
        );
    }

    #[test]
    fn stems_are_found_at_word_starts_only() {
        let stems = vec!["file".to_string(), "отчет".to_string()];
        assert!(has_stems("Open the Files", Some("Откройте отчёты"), &stems));
        assert!(!has_stems(
            "Open the profile",
            Some("Откройте отчёты"),
            &stems
        ));
        // "file": the word start "fil" and the trigrams "fil", "ile".
        let keys = stem_keys("file");
        assert_eq!(keys.len(), 3);
        assert!(keys.contains(&fuzzy::hash64("fil")));
        assert!(keys.contains(&fuzzy::word_start_key("fil")));
        assert_eq!(stem_keys("fi"), [fuzzy::word_start_key("fi")]);
        assert!(stem_keys("f").is_empty());
        // Every key of a stem is a key of a text with a word starting with it.
        let mut text_keys = Vec::new();
        fuzzy::unit_keys_into(&normalize("Open (files) now"), &mut text_keys);
        for stem in ["file", "fi", "op", "now"] {
            assert!(
                stem_keys(stem).iter().all(|k| text_keys.contains(k)),
                "{stem}"
            );
        }
        assert!(!text_keys.contains(&fuzzy::word_start_key("ile")));
        // Words are runs of letters and digits: an apostrophe or a hyphen starts another.
        assert!(has_stems("the e-mail", None, &["mail".to_string()]));
        assert_eq!(
            highlight("An e-mail, e-Mails.", &["mail".to_string()], "[", "]"),
            "An e-[mail], e-[Mails]."
        );
        assert_eq!(
            intersect(vec![vec![1, 3, 5, 9], vec![3, 9, 11], vec![0, 3, 9]]),
            [3, 9]
        );
    }

    #[test]
    fn an_edit_moves_a_unit_between_lists() {
        let old = unit_keys("The council met.", Some("Совет собрался."));
        let new = unit_keys("The board met today.", Some("Совет собрался."));
        let (gone, added) = trigram_changes(&old, &new);
        assert!(!added.is_empty());
        // "council" → "board": its trigrams go.
        assert!(gone.contains(&fuzzy::hash64("cou")));
        assert!(gone.iter().all(|g| new.binary_search(g).is_err()));
        assert!(added.iter().all(|g| old.binary_search(g).is_err()));
        assert_eq!(trigram_changes(&old, &old), (vec![], vec![]));
    }
}
