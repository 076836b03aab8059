//! Lookup: which stored translations match this text, and how well?
//!
//! Candidates come from the memory (the exact normalised text by hash, and the units sharing
//! the most character trigrams); each is re-scored exactly, on both sides of the pair, so an
//! English query finds the Russian translation and a Russian query the English one.
//!
//! Match %, as translators know it from CAT tools:
//! - 101: identical, and the previous segment is the same too (context match);
//! - 100: identical;
//! - 95–99: the same words, differing only in numbers, punctuation, case, spacing or inline
//!   tags (each kind of difference costs a point, numbers two);
//! - below: the higher of the word-based edit similarity (as OmegaT computes it) and the
//!   character-based one, `100 × (1 − edits / longest)`, capped at 94; the character-level
//!   similarity breaks ties.
//!
//! Numbers that differ between the query and the stored source are replaced in the proposed
//! translation, and the differences are shown word by word.

pub mod analyze;

use crate::memory::{Candidate, Segment, Store};
use crate::text::normalize;
use crate::Result;
use rapidfuzz::distance::levenshtein;
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
    /// The stored translation.
    pub target: String,
    /// Its language.
    pub target_lang: String,
    /// The translation proposed for the query: `target` with differing numbers replaced.
    pub proposal: String,
    /// How the stored source differs from the query: `[-removed-]`, `{+added+}` words.
    pub diff: String,
    /// Segment id in the memory.
    pub segment: i64,
    /// Document the segment came from.
    pub doc: Option<String>,
    /// Character-level similarity (tie-breaker), 0–100.
    #[serde(skip)]
    pub char_sim: f64,
}

/// Options of a lookup.
#[derive(Debug, Clone)]
pub struct LookupOptions {
    /// Lowest match % returned.
    pub min_score: u32,
    /// Most matches returned.
    pub limit: usize,
    /// The segment before the query in its document, for context (101 %) matches.
    pub prev: Option<String>,
    /// The query's key in a file that keys its units by id ([`crate::formats::id_key`]): a
    /// stored unit with the same key is a context (101 %) match too.
    pub key: Option<String>,
    /// How many fuzzy candidates are re-scored.
    pub candidates: usize,
}

impl Default for LookupOptions {
    fn default() -> Self {
        LookupOptions {
            min_score: 50,
            limit: 5,
            prev: None,
            key: None,
            candidates: default_candidates(),
        }
    }
}

/// How many fuzzy candidates a lookup re-scores: 30 (`TM_CANDIDATES` overrides it for
/// experiments; read once).
fn default_candidates() -> usize {
    static N: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *N.get_or_init(|| {
        std::env::var("TM_CANDIDATES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(30)
    })
}

/// Numbers of a text, as written (digits with inner separators), outside inline tags.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut untagged = text.to_string();
    for tag in tags(text) {
        untagged = untagged.replacen(tag, " ", 1);
    }
    let chars: Vec<char> = untagged.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inner_sep = matches!(c, '.' | ',')
            && !cur.is_empty()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || inner_sep {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Inline tag placeholders (`{1}`, `{/1}`) of a text.
fn tags(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let tag = &rest[open..open + close + 1];
        if tag.len() <= 8
            && tag[1..tag.len() - 1]
                .trim_start_matches('/')
                .chars()
                .all(|c| c.is_ascii_alphanumeric())
        {
            out.push(tag);
        }
        rest = &rest[open + close + 1..];
    }
    out
}

/// What scoring needs of one text, computed once.
struct Features {
    norm_chars: Vec<char>,
    /// Word keys ([`crate::text::word_keys`]) as hashes: what the word-level edit distance
    /// compares.
    word_ids: Vec<i64>,
    /// Hashes of the words without digits: what must be equal for a 95–99 match.
    plain: Vec<i64>,
}

impl Features {
    fn new(text: &str) -> Features {
        Features::with_words(text, |_, _| {})
    }

    /// The features, and `each(key, has_digits)` called for every word on the way.
    fn with_words(text: &str, mut each: impl FnMut(&str, bool)) -> Features {
        let norm = normalize(text);
        let mut norm_chars = Vec::with_capacity(norm.len());
        norm_chars.extend(norm.chars());
        let mut word_ids = Vec::with_capacity(text.len() / 4);
        let mut plain = Vec::with_capacity(text.len() / 4);
        crate::text::for_each_word_key(text, |word, key| {
            let h = crate::memory::fuzzy::hash64(key);
            word_ids.push(h);
            let digits = word.bytes().any(|b| b.is_ascii_digit());
            if !digits {
                plain.push(h);
            }
            each(key, digits);
        });
        Features {
            norm_chars,
            word_ids,
            plain,
        }
    }
}

/// The scripts a text's letters are written in, as bits: Latin (`LATIN`) and Cyrillic
/// (`CYRILLIC`). Read from the text as written, so that no normalisation is needed; a char
/// counts for every script its normalised (lower-case) form has letters of.
fn scripts(text: &str) -> u8 {
    let mut mask = 0;
    for c in text.chars() {
        mask |= script_of(c);
        if mask == LATIN | CYRILLIC {
            break;
        }
    }
    mask
}

const LATIN: u8 = 1;
const CYRILLIC: u8 = 2;

#[inline]
fn script_of(c: char) -> u8 {
    match c {
        'a'..='z' | 'A'..='Z' => LATIN,
        // Lower to ASCII letters: KELVIN SIGN, LATIN CAPITAL LETTER I WITH DOT ABOVE.
        '\u{212A}' | '\u{0130}' => LATIN,
        '\u{0400}'..='\u{052F}' => CYRILLIC,
        _ => 0,
    }
}

/// A query prepared for scoring many candidates: its features and bit-parallel edit-distance
/// comparators over its characters and its words.
struct Query<'a> {
    text: &'a str,
    features: Features,
    chars: levenshtein::BatchComparator<char>,
    words: levenshtein::BatchComparator<i64>,
    /// Per script (Latin, Cyrillic): how many normalised chars are its letters.
    script_chars: [usize; 2],
    /// The script bits of each word key.
    word_scripts: Vec<u8>,
    /// The script bits of the words without digits (those a 95–99 match must share).
    plain_scripts: u8,
}

impl<'a> Query<'a> {
    fn new(text: &'a str) -> Query<'a> {
        let mut word_scripts = Vec::new();
        let mut plain_scripts = 0;
        let features = Features::with_words(text, |key, digits| {
            let s = scripts(key);
            word_scripts.push(s);
            if !digits {
                plain_scripts |= s;
            }
        });
        let chars = levenshtein::BatchComparator::new(features.norm_chars.iter().copied());
        let words = levenshtein::BatchComparator::new(features.word_ids.iter().copied());
        let mut script_chars = [0; 2];
        for &c in &features.norm_chars {
            match script_of(c) {
                LATIN => script_chars[0] += 1,
                CYRILLIC => script_chars[1] += 1,
                _ => {}
            }
        }
        Query {
            text,
            features,
            chars,
            words,
            script_chars,
            word_scripts,
            plain_scripts,
        }
    }

    /// False when `candidate` cannot score `min` or more, judged from the scripts alone: a
    /// candidate without letters of a script the query uses cannot share those letters or
    /// the words containing them, which bounds both similarities. Cheaper than scoring, and
    /// it rules out the side of a pair written in the other language.
    fn may_reach(&self, candidate: &str, min: u32) -> bool {
        let missing = (LATIN | CYRILLIC) & !scripts(candidate);
        let n = self.features.norm_chars.len();
        let lost_chars = usize::from(missing & LATIN != 0) * self.script_chars[0]
            + usize::from(missing & CYRILLIC != 0) * self.script_chars[1];
        // Nothing lost, or the words a near-exact match needs are all still possible.
        if lost_chars == 0 || self.plain_scripts & missing == 0 {
            return true;
        }
        let char_bound = 100.0 * (n - lost_chars) as f64 / n as f64;
        let kept_words = self
            .word_scripts
            .iter()
            .filter(|&&s| s & missing == 0)
            .count();
        let word_bound = 100.0 * kept_words as f64 / self.word_scripts.len().max(1) as f64;
        char_bound.max(word_bound).floor() as u32 >= min
    }

    /// Match % of `candidate` and the character similarity.
    fn score(&self, candidate: &str) -> (u32, f64) {
        let q = &self.features;
        let c = Features::new(candidate);
        let longest = q.norm_chars.len().max(c.norm_chars.len());
        let char_sim = if longest == 0 {
            100.0
        } else {
            100.0
                * (1.0 - self.chars.distance(c.norm_chars.iter().copied()) as f64 / longest as f64)
        };
        if self.text.trim() == candidate.trim() {
            return (100, 100.0);
        }
        if q.plain == c.plain && !q.plain.is_empty() {
            return (near_exact(self.text, candidate), char_sim);
        }
        let longest = q.word_ids.len().max(c.word_ids.len());
        let word_sim = if longest == 0 {
            0.0
        } else {
            100.0 * (1.0 - self.words.distance(c.word_ids.iter().copied()) as f64 / longest as f64)
        };
        let s = word_sim.max(char_sim).floor() as u32;
        (s.min(94), char_sim)
    }
}

/// 95–99 for texts with the same words: a point off for each kind of difference (numbers,
/// tags, letters' case, punctuation or spacing), two for numbers. Rare enough (the words must
/// be equal) to compute numbers and tags here rather than for every candidate.
fn near_exact(query: &str, candidate: &str) -> u32 {
    let strip_tags = |t: &str| {
        let mut out = t.to_string();
        for tag in tags(t) {
            out = out.replacen(tag, " ", 1);
        }
        out
    };
    let letters = |t: &str| -> String { t.chars().filter(|c| c.is_alphabetic()).collect() };
    let marks = |t: &str| -> String {
        strip_tags(t)
            .chars()
            .filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
            .collect()
    };
    let spaces = |t: &str| -> usize { strip_tags(t).split_whitespace().count() };
    let mut penalty = 0;
    let same_numbers = numbers(query) == numbers(candidate);
    if !same_numbers {
        penalty += 2;
    }
    if tags(query) != tags(candidate) {
        penalty += 1;
    }
    if letters(query) != letters(candidate) {
        penalty += 1;
    }
    if marks(query) != marks(candidate) || (spaces(query) != spaces(candidate) && same_numbers) {
        penalty += 1;
    }
    (100 - penalty.max(1)).clamp(95, 99)
}

/// Match % of `candidate` for `query` (0–100) and the character similarity; see the module docs.
pub fn score_detailed(query: &str, candidate: &str) -> (u32, f64) {
    Query::new(query).score(candidate)
}

/// Match % of `candidate` for `query` (0–100).
///
/// ```
/// assert_eq!(tm::lookup::score("Open the file", "Open the file"), 100);
/// assert_eq!(tm::lookup::score("Open the file", "open the file."), 98);
/// assert_eq!(tm::lookup::score("Open the file now", "Open the folder now"), 84);
/// ```
pub fn score(query: &str, candidate: &str) -> u32 {
    score_detailed(query, candidate).0
}

/// The stored target with the numbers that differ between `query` and `source` replaced.
pub fn propose(query: &str, source: &str, target: &str) -> String {
    let qn = numbers(query);
    let sn = numbers(source);
    if qn.len() != sn.len() || qn == sn {
        return target.to_string();
    }
    let mut out = target.to_string();
    for (old, new) in sn.iter().zip(&qn) {
        if old != new && target.matches(old.as_str()).count() == 1 {
            out = out.replacen(old.as_str(), new, 1);
        }
    }
    out
}

/// Word-level differences from `query` to `source`: `[-query word-]{+source word+}`.
pub fn diff(query: &str, source: &str) -> String {
    let a: Vec<&str> = query.split_whitespace().collect();
    let b: Vec<&str> = source.split_whitespace().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out: Vec<String> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(a[i].to_string());
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(format!("{{+{}+}}", b[j]));
            j += 1;
        } else {
            out.push(format!("[-{}-]", a[i]));
            i += 1;
        }
    }
    out.join(" ")
}

/// A candidate scored on both sides; the better side is the one that matched.
struct Scored {
    score: u32,
    char_sim: f64,
    reversed: bool,
    id: i64,
}

/// Match %, character similarity and whether the target matched, for a pair (`None` for a
/// segment without translation).
fn score_pair(q: &Query<'_>, c: &Candidate, min: u32) -> Option<(u32, f64, bool)> {
    let tgt = c.tgt.as_deref()?;
    // A side that cannot reach `min` would lose to the other side or leave the pair out.
    let side = |text: &str| {
        if q.may_reach(text, min) {
            q.score(text)
        } else {
            (0, 0.0)
        }
    };
    let (fwd, fwd_c) = side(&c.src);
    let (bwd, bwd_c) = side(tgt);
    let reversed = (fwd, fwd_c) < (bwd, bwd_c);
    let (score, char_sim) = if reversed { (bwd, bwd_c) } else { (fwd, fwd_c) };
    Some((score, char_sim, reversed))
}

/// The match shown for a scored segment (proposal and differences computed only here).
fn to_match(query: &str, m: &Scored, s: Segment) -> Match {
    let (src, src_lang) = (s.src, s.src_lang);
    let (tgt, tgt_lang) = (s.tgt.unwrap_or_default(), s.tgt_lang.unwrap_or_default());
    let (source, source_lang, target, target_lang) = if m.reversed {
        (tgt, tgt_lang, src, src_lang)
    } else {
        (src, src_lang, tgt, tgt_lang)
    };
    Match {
        score: m.score,
        proposal: propose(query, &source, &target),
        diff: diff(query, &source),
        source,
        source_lang,
        target,
        target_lang,
        segment: s.id,
        doc: s.doc,
        char_sim: m.char_sim,
    }
}

/// Looks `query` up in the memory; matches at `min_score` % or better, best first.
pub fn lookup(mem: &dyn Store, query: &str, min_score: u32, limit: usize) -> Result<Vec<Match>> {
    lookup_with(
        mem,
        query,
        &LookupOptions {
            min_score,
            limit,
            ..LookupOptions::default()
        },
    )
}

/// Looks `query` up with all options.
pub fn lookup_with(mem: &dyn Store, query: &str, opts: &LookupOptions) -> Result<Vec<Match>> {
    // Whole rows of the exact matches; the fuzzy candidates bring their texts only, and the
    // rows of those kept are fetched at the end.
    let mut rows: std::collections::HashMap<i64, Segment> = std::collections::HashMap::new();
    let mut candidates = Vec::new();
    for s in mem.exact(query)? {
        candidates.push(Candidate::from(&s));
        rows.insert(s.id, s);
    }
    candidates.extend(mem.fuzzy_candidates(&normalize(query), opts.candidates)?);
    let mut seen = std::collections::HashSet::new();
    let q = Query::new(query);
    let prev_hash = opts.prev.as_deref().map(crate::memory::norm_hash);
    let key_hash = opts.key.as_deref().map(crate::memory::context::key_hash);
    let mut scored = Vec::new();
    for c in candidates.iter().filter(|c| seen.insert(c.id)) {
        let Some((mut score, char_sim, reversed)) = score_pair(&q, c, opts.min_score) else {
            continue;
        };
        // A context match: identical, and after the same segment or under the same key.
        if score == 100 && !reversed && (prev_hash.is_some() || key_hash.is_some()) {
            if let std::collections::hash_map::Entry::Vacant(e) = rows.entry(c.id) {
                if let Some(s) = mem.segments_by_id(&[c.id])?.pop() {
                    e.insert(s);
                }
            }
            if rows
                .get(&c.id)
                .is_some_and(|s| s.prev.is_some() && (s.prev == prev_hash || s.prev == key_hash))
            {
                score = 101;
            }
        }
        if score >= opts.min_score {
            scored.push(Scored {
                score,
                char_sim,
                reversed,
                id: c.id,
            });
        }
    }
    scored.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.char_sim.total_cmp(&a.char_sim))
            .then(a.id.cmp(&b.id))
    });
    scored.truncate(opts.limit);
    let missing: Vec<i64> = scored
        .iter()
        .map(|m| m.id)
        .filter(|id| !rows.contains_key(id))
        .collect();
    for s in mem.segments_by_id(&missing)? {
        rows.insert(s.id, s);
    }
    // A row deleted since its texts were read is left out.
    Ok(scored
        .iter()
        .filter_map(|m| {
            let s = rows.remove(&m.id)?;
            s.tgt_lang.is_some().then(|| to_match(query, m, s))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{Memory, NewSegment};

    #[test]
    fn score_bands() {
        assert_eq!(score("Open the file.", "Open the file."), 100);
        // Case and punctuation only.
        assert_eq!(score("Open the file.", "open the file"), 98);
        assert_eq!(score("Open the file.", "Open the file!"), 99);
        // Numbers only.
        assert_eq!(
            score("26 NATO ambassadors met.", "27 NATO ambassadors met."),
            98
        );
        // Tags only.
        assert_eq!(score("Press {1}OK{/1} now", "Press OK now"), 99);
        // One word of four replaced: word similarity 75, characters 1 − 3/19 = 84.2.
        assert_eq!(score("Open the file now", "Open the folder now"), 84);
        assert!(score("Open the file now", "Close every window today") < 50);
        // 85–94: one word of seven replaced; words 6/7 = 85.7, characters 1 − 3/45 = 93.3.
        assert_eq!(
            score(
                "The ministers discussed the new budget today.",
                "The ministers discussed the old budget today."
            ),
            93
        );
        // 50–74: words 4/6 = 66.7 beat characters 1 − 11/32 = 65.6.
        assert_eq!(
            score(
                "The server could not be reached.",
                "The printer could not be found."
            ),
            66
        );
        // Characters 1 − 16/39 = 58.97 beat words 3/6 = 50.
        assert_eq!(
            score(
                "Save all open documents before closing.",
                "Close all open windows before saving."
            ),
            58
        );
        // "a b" vs "c d": no word in common; two of three characters differ.
        assert_eq!(score("a b", "c d"), 33);
    }

    #[test]
    fn numbers_are_replaced_in_the_proposal() {
        assert_eq!(
            propose(
                "27 NATO ambassadors",
                "26 NATO ambassadors",
                "26 послов стран НАТО"
            ),
            "27 послов стран НАТО"
        );
        assert_eq!(
            propose("3.5 GB free", "2.7 GB free", "свободно 2.7 ГБ"),
            "свободно 3.5 ГБ"
        );
    }

    #[test]
    fn diff_marks_words() {
        assert_eq!(
            diff("Open the folder now", "Open the file now"),
            "Open the {+file+} [-folder-] now"
        );
    }

    fn memory() -> Memory {
        let mut m = Memory::open_in_memory().unwrap();
        let seg = |src: &str, tgt: &str| NewSegment {
            src_lang: "en".into(),
            src: src.into(),
            tgt: Some(("ru".into(), tgt.into())),
        };
        m.ingest_document(
            "d",
            "h",
            &[
                seg("The meeting starts.", "Встреча начинается."),
                seg(
                    "NATO is ready to work with Russia",
                    "НАТО готово работать с Россией",
                ),
                seg("26 NATO ambassadors met.", "Встретились 26 послов НАТО."),
            ],
        )
        .unwrap();
        m
    }

    #[test]
    fn finds_in_both_directions_with_context() {
        let m = memory();
        let en = lookup(&m, "NATO is ready to work with Russia", 50, 5).unwrap();
        assert_eq!(en[0].score, 100);
        assert_eq!(en[0].target, "НАТО готово работать с Россией");
        let ru = lookup(&m, "НАТО готово работать с Россией", 50, 5).unwrap();
        assert_eq!(ru[0].target, "NATO is ready to work with Russia");
        let fuzzy = lookup(&m, "NATO is ready to work with Ukraine", 50, 5).unwrap();
        assert!((80..95).contains(&fuzzy[0].score), "{}", fuzzy[0].score);
        assert!(lookup(&m, "completely unrelated words", 50, 5)
            .unwrap()
            .is_empty());
        let ctx = lookup_with(
            &m,
            "NATO is ready to work with Russia",
            &LookupOptions {
                prev: Some("The meeting starts.".into()),
                ..LookupOptions::default()
            },
        )
        .unwrap();
        assert_eq!(ctx[0].score, 101);
    }

    #[test]
    fn number_differences_score_high_and_are_carried_over() {
        let m = memory();
        let r = lookup(&m, "27 NATO ambassadors met.", 50, 5).unwrap();
        assert_eq!(r[0].score, 98);
        assert_eq!(r[0].proposal, "Встретились 27 послов НАТО.");
    }

    #[test]
    fn the_script_of_a_char_covers_the_letters_it_normalises_to() {
        for c in (0..0x30000).filter_map(char::from_u32) {
            let lowered = scripts(&normalize(&c.to_string()));
            assert_eq!(lowered & !script_of(c), 0, "{c:?} ({:04X})", c as u32);
        }
    }

    #[test]
    fn the_other_language_side_is_ruled_out_but_not_shared_names() {
        let q = Query::new("The NATO Council met in Brussels.");
        assert!(!q.may_reach("Совет НАТО собрался в Брюсселе.", 50));
        // Latin names in a Russian sentence keep it in play at a low enough bar.
        assert!(q.may_reach("Council NATO собрался в Brussels.", 30));
        assert!(q.may_reach("The NATO council met.", 90));
        // A query without letters of one script loses nothing to candidates without it.
        assert!(Query::new("1 2 3").may_reach("раз два три", 100));
    }

    proptest::proptest! {
        /// Ruling a candidate out never drops one that scores `min` or more.
        #[test]
        fn ruled_out_candidates_score_below_the_bar(
            query in "[a-cа-в0-9 .]{0,12}",
            candidate in "[a-cа-в0-9 .]{0,12}",
            min in 0u32..=100,
        ) {
            let q = Query::new(&query);
            if !q.may_reach(&candidate, min) {
                proptest::prop_assert!(q.score(&candidate).0 < min);
            }
        }
    }
}
