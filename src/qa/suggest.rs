//! Spelling suggestions: which known words are close to a misspelt one?
//!
//! A symmetric-delete index over the frequency lists of `data/lm/` (60,000 English and
//! 100,000 Russian words): every word is filed under itself and under each string made by
//! deleting one of its letters. A query looks up itself, its one-letter deletions and its
//! two-letter deletions, which finds every known word within one edit and most within two
//! (an insertion plus a substitution, two insertions, a transposition plus a substitution).
//! Candidates are checked with the edit distance (with transpositions, `osa_distance`) and ranked by distance,
//! then by frequency; a candidate must also be accepted by the Hunspell dictionary. The index
//! holds hashes, not strings (16 bytes an entry), and is built on first use.

use crate::text::{freq, Lang};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The delete index of one language.
struct Index {
    /// (hash of a key, word id), sorted by hash.
    entries: Vec<(u64, u32)>,
    /// Where the entries whose hash starts with each `RADIX_BITS`-bit prefix begin (one more
    /// at the end): a look-up searches a run of one or two entries, not the whole list.
    starts: Vec<u32>,
    words: &'static [&'static str],
    /// Word ids by first letter, for the slower scan beyond two edits.
    by_first: HashMap<char, Vec<u32>>,
    /// Length of each word in chars.
    lens: Vec<u8>,
    /// Length of the longest word in chars: a word longer by more than three edits has no
    /// candidate, and is not searched (the search grows with the cube of its length).
    max_len: usize,
}

/// Bits of the hash prefix that [`Index::starts`] is indexed by (2^20 prefixes, 4 MB; about
/// one entry a prefix for Russian).
const RADIX_BITS: u32 = 20;

/// A 64-bit hash of a char sequence: FNV-1a over the code points, then a final mix so that
/// the high bits (the sort order) depend on every char.
fn key_hash(chars: impl Iterator<Item = char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        h ^= u64::from(u32::from(c));
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// The hash of `chars` without its char `i` (no string is built).
fn deletion_hash(chars: &[char], i: usize) -> u64 {
    key_hash(chars[..i].iter().chain(&chars[i + 1..]).copied())
}

impl Index {
    fn build(lang: Lang) -> Index {
        let words = &freq::words(lang).ranked;
        let mut entries = Vec::with_capacity(words.len() * 10);
        for (id, w) in words.iter().enumerate() {
            let chars: Vec<char> = w.chars().collect();
            entries.push((key_hash(chars.iter().copied()), id as u32));
            if chars.len() > 2 {
                for i in 0..chars.len() {
                    entries.push((deletion_hash(&chars, i), id as u32));
                }
            }
        }
        entries.sort_unstable();
        entries.dedup();
        let mut starts = vec![0u32; (1 << RADIX_BITS) + 1];
        for e in &entries {
            starts[(e.0 >> (64 - RADIX_BITS)) as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut by_first: HashMap<char, Vec<u32>> = HashMap::new();
        for (id, w) in words.iter().enumerate() {
            if let Some(c) = w.chars().next() {
                by_first.entry(c).or_default().push(id as u32);
            }
        }
        let lens: Vec<u8> = words
            .iter()
            .map(|w| w.chars().count().min(255) as u8)
            .collect();
        let max_len = lens.iter().copied().max().map_or(0, usize::from);
        Index {
            entries,
            starts,
            words,
            by_first,
            lens,
            max_len,
        }
    }

    /// The ids of the words filed under the key hashed to `h`.
    fn lookup(&self, h: u64, out: &mut Vec<u32>) {
        let prefix = (h >> (64 - RADIX_BITS)) as usize;
        let run = &self.entries[self.starts[prefix] as usize..self.starts[prefix + 1] as usize];
        out.extend(run.iter().filter(|e| e.0 == h).map(|e| e.1));
    }
}

fn index(lang: Lang) -> &'static Index {
    static EN: OnceLock<Index> = OnceLock::new();
    static RU: OnceLock<Index> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| Index::build(Lang::En)),
        Lang::Ru => RU.get_or_init(|| Index::build(Lang::Ru)),
    }
}

/// Builds the suggestion index of `lang` now (it is otherwise built on first use).
pub fn preload(lang: Lang) {
    index(lang);
}

/// Known words within two edits of `word` (lower case), best first: (word, distance).
pub fn candidates(lang: Lang, word: &str) -> Vec<(String, usize)> {
    let idx = index(lang);
    if word.chars().count() > idx.max_len + 2 {
        return Vec::new();
    }
    let lower = word.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let mut ids = Vec::new();
    idx.lookup(key_hash(chars.iter().copied()), &mut ids);
    let mut d = Vec::with_capacity(chars.len());
    for i in 0..chars.len() {
        idx.lookup(deletion_hash(&chars, i), &mut ids);
        if chars.len() > 3 {
            d.clear();
            d.extend(chars[..i].iter().chain(&chars[i + 1..]));
            for j in 0..d.len() {
                idx.lookup(deletion_hash(&d, j), &mut ids);
            }
        }
    }
    ids.sort_unstable();
    ids.dedup();
    let mut out: Vec<(String, usize, u32)> = ids
        .into_iter()
        .filter_map(|id| {
            let w = &idx.words[id as usize];
            let d = rapidfuzz::distance::osa::distance(lower.chars(), w.chars());
            (d <= 2 && *w != lower).then(|| (w.to_string(), d, id))
        })
        .collect();
    // Nearer first; among equals, the more frequent (lower id).
    out.sort_by_key(|(_, d, id)| (*d, *id));
    out.into_iter().map(|(w, d, _)| (w, d)).collect()
}

/// Known words up to three edits from `word` (a third of its length at most) that start with
/// the same letter and differ in length by two letters at most, best first: a scan of a few
/// thousand words, for misspellings the delete index cannot reach (`necassery`).
pub fn distant(lang: Lang, word: &str) -> Vec<(String, usize)> {
    let idx = index(lang);
    if word.chars().count() > idx.max_len + 3 {
        return Vec::new();
    }
    let lower = word.to_lowercase();
    let n = lower.chars().count();
    let max = (n / 3).min(3);
    let Some(first) = lower.chars().next() else {
        return Vec::new();
    };
    if max < 2 {
        return Vec::new();
    }
    let mut out: Vec<(usize, u32)> = idx
        .by_first
        .get(&first)
        .map(|ids| {
            ids.iter()
                .filter(|&&id| usize::from(idx.lens[id as usize]).abs_diff(n) <= 2)
                .filter_map(|&id| {
                    let d = rapidfuzz::distance::osa::distance(
                        lower.chars(),
                        idx.words[id as usize].chars(),
                    );
                    (d <= max).then_some((d, id))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort_unstable();
    out.into_iter()
        .map(|(d, id)| (idx.words[id as usize].to_string(), d))
        .collect()
}

/// The best correction of `word` within two edits that `is_known` accepts, in the word's
/// case; remembered per thread.
pub fn suggest_near(lang: Lang, word: &str, is_known: impl Fn(&str) -> bool) -> Option<String> {
    cached(0, lang, word, || {
        first_known(word, candidates(lang, word), &is_known)
    })
}

/// The best correction of `word` that `is_known` accepts: within two edits, else up to three
/// (see [`distant`]); in the word's case, remembered per thread.
pub fn suggest(lang: Lang, word: &str, is_known: impl Fn(&str) -> bool) -> Option<String> {
    if let Some(s) = suggest_near(lang, word, &is_known) {
        return Some(s);
    }
    cached(1, lang, word, || {
        first_known(word, distant(lang, word), &is_known)
    })
}

/// The first of the best 20 candidates, in `word`'s case, that `is_known` accepts.
fn first_known(
    word: &str,
    candidates: Vec<(String, usize)>,
    is_known: impl Fn(&str) -> bool,
) -> Option<String> {
    candidates
        .into_iter()
        .take(20)
        .map(|(w, _)| recase(word, &w))
        .find(|w| is_known(w))
}

/// Per-thread memo of suggestions, one table per search (`kind`) and language, looked up by
/// `&str` (no allocation on a hit); bounded.
fn cached(
    kind: u8,
    lang: Lang,
    word: &str,
    compute: impl FnOnce() -> Option<String>,
) -> Option<String> {
    use crate::text::memo::Memo;
    thread_local! {
        static CACHE: [Memo<Option<String>>; 4] = std::array::from_fn(|_| Memo::new(50_000));
    }
    CACHE.with(|c| c[usize::from(kind) * 2 + lang as usize].get_or(word, compute))
}

/// `s` in the case pattern of `like` (capitalised or all capitals).
fn recase(like: &str, s: &str) -> String {
    if like.chars().count() > 1 && like.chars().all(|c| !c.is_lowercase()) {
        return s.to_uppercase();
    }
    if like.chars().next().is_some_and(char::is_uppercase) {
        return crate::text::capitalize(s);
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(lang: Lang, w: &str) -> Option<String> {
        suggest(lang, w, |_| true)
    }

    #[test]
    fn one_and_two_edits() {
        assert_eq!(best(Lang::En, "relatiomns").as_deref(), Some("relations"));
        assert_eq!(best(Lang::En, "recieve").as_deref(), Some("receive"));
        assert_eq!(best(Lang::En, "goverment").as_deref(), Some("government"));
        assert_eq!(best(Lang::En, "Teh").as_deref(), Some("The"));
        assert_eq!(best(Lang::En, "acommodate").as_deref(), Some("accommodate"));
        assert_eq!(best(Lang::Ru, "превет").as_deref(), Some("привет"));
        assert_eq!(best(Lang::Ru, "сабака").as_deref(), Some("собака"));
        assert_eq!(best(Lang::Ru, "Масква").as_deref(), Some("Москва"));
        assert!(best(Lang::En, "qzxvwk").is_none());
        // Beyond the delete index: two substitutions, three edits.
        assert_eq!(best(Lang::En, "necassery").as_deref(), Some("necessary"));
        assert_eq!(
            best(Lang::Ru, "праслежевается").as_deref(),
            Some("прослеживается")
        );
    }

    #[test]
    fn the_dictionary_has_the_last_word() {
        assert_eq!(
            suggest(Lang::En, "recieve", |w| w != "receive").as_deref(),
            candidates(Lang::En, "recieve")
                .into_iter()
                .map(|c| c.0)
                .find(|w| w != "receive")
                .as_deref()
        );
    }

    #[test]
    fn a_word_longer_than_any_known_one_is_not_searched() {
        for lang in [Lang::En, Lang::Ru] {
            let idx = index(lang);
            // The longest known word with one letter doubled is still found …
            let longest = idx.words[idx
                .lens
                .iter()
                .position(|&l| usize::from(l) == idx.max_len)
                .unwrap()];
            let mut typo: String = longest.chars().take(3).collect();
            typo.extend(longest.chars().skip(2));
            assert!(
                candidates(lang, &typo).iter().any(|(w, _)| w == longest),
                "{typo}"
            );
            // … and a word of 300,000 letters gets no candidate (and no cubic search).
            let huge = "а".repeat(300_000);
            assert!(candidates(lang, &huge).is_empty());
            assert!(distant(lang, &huge).is_empty());
            assert!(suggest(lang, &huge, |_| true).is_none());
        }
    }
}
