//! What both stores share to find fuzzy candidates and keep their posting lists: the byte
//! budget of a lookup, the counting over cached lists, and the changes an edit or a delete
//! makes to a unit's lists. SQLite and PostgreSQL hold the same lists (the encoding of
//! [`fuzzy`]), read them by the same rules, and so return the same candidates.

use super::fuzzy;
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

/// The distinct trigrams of a unit's texts (normalised), sorted.
pub fn unit_trigrams(src: &str, tgt: Option<&str>) -> Vec<i64> {
    let mut out = Vec::new();
    fuzzy::trigrams_into(&normalize(src), &mut out);
    if let Some(t) = tgt {
        fuzzy::trigrams_into(&normalize(t), &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The trigrams a unit loses and gains when its texts change from `old` to `new` (both
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

/// The trigrams inside a stem (no word-boundary padding): every text with a word starting with
/// the stem holds them all in its normalised form. Empty for stems shorter than three chars.
pub fn stem_trigrams(stem: &str) -> Vec<i64> {
    let chars: Vec<(usize, char)> = stem.char_indices().collect();
    let mut out: Vec<i64> = (0..chars.len().saturating_sub(2))
        .map(|i| {
            let end = chars.get(i + 3).map_or(stem.len(), |c| c.0);
            fuzzy::hash64(&stem[chars[i].0..end])
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether every stem starts a word of `src` or `tgt` (normalised): a concordance hit.
pub fn has_stems(src: &str, tgt: Option<&str>, stems: &[String]) -> bool {
    let words: Vec<String> = crate::text::words(src)
        .iter()
        .chain(tgt.map(crate::text::words).unwrap_or_default().iter())
        .map(|w| normalize(w.text))
        .collect();
    stems
        .iter()
        .all(|s| words.iter().any(|w| w.starts_with(s.as_str())))
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
        let grams = stem_trigrams("file");
        assert_eq!(grams.len(), 2);
        assert!(grams.contains(&fuzzy::hash64("fil")));
        assert!(stem_trigrams("fi").is_empty());
        assert_eq!(
            intersect(vec![vec![1, 3, 5, 9], vec![3, 9, 11], vec![0, 3, 9]]),
            [3, 9]
        );
    }

    #[test]
    fn an_edit_moves_a_unit_between_lists() {
        let old = unit_trigrams("The council met.", Some("Совет собрался."));
        let new = unit_trigrams("The board met today.", Some("Совет собрался."));
        let (gone, added) = trigram_changes(&old, &new);
        assert!(!added.is_empty());
        // "council" → "board": its trigrams go.
        assert!(gone.contains(&fuzzy::hash64("cou")));
        assert!(gone.iter().all(|g| new.binary_search(g).is_err()));
        assert!(added.iter().all(|g| old.binary_search(g).is_err()));
        assert_eq!(trigram_changes(&old, &old), (vec![], vec![]));
    }
}
