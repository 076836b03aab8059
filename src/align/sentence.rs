//! Sentence alignment of two parallel texts.
//!
//! Scoring, with nothing downloaded:
//! - length: Gale–Church, with the length ratio measured on the documents themselves;
//! - anchors: numbers, and a spelling-independent key of names and cognates (through
//!   Cyrillic→Latin transliteration, so `Штайнмайер` meets `Steinmeier`);
//! - a translation lexicon learnt from the documents: a first pass aligns with length and
//!   anchors, confident 1-1 beads give word co-occurrence counts (Dice), and a second pass
//!   adds word-translation overlap; a user dictionary (`target @ source` lines) adds entries.
//!
//! Search: dynamic programming inside a band around a coarse path (blocks of sentences aligned
//! first), so time and memory grow linearly with the document length.

use super::Bead;
use crate::text::translit::name_key;
use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

/// Options of the aligner.
#[derive(Debug, Clone)]
pub struct AlignConfig {
    /// Largest number of sentences on one side of a bead (1–3).
    pub max_bead: usize,
    /// Cost of leaving a sentence unaligned (1-0, 0-1), in the units of the bead costs.
    pub del_penalty: f64,
    /// Learn a translation lexicon from a first pass and align again with it.
    pub learn_lexicon: bool,
    /// User dictionary: (source word, target word) pairs.
    pub dictionary: Vec<(String, String)>,
    /// Beads whose confidence is below this are reported as low-confidence regions.
    pub low_confidence: f64,
    /// Expected target/source length ratio; `None` measures it on the two texts.
    pub length_ratio: Option<f64>,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            max_bead: 3,
            del_penalty: 3.5,
            learn_lexicon: true,
            dictionary: Vec::new(),
            low_confidence: 0.2,
            length_ratio: None,
        }
    }
}

/// The result of aligning two texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// Beads in order, covering every sentence of both sides once.
    pub beads: Vec<Bead>,
    /// Stretches (source sentence range, target sentence range) where the beads are unsure.
    pub low_confidence: Vec<(Range<usize>, Range<usize>)>,
}

/// Weight of the similarity (0–1) against the length and prior costs.
const SIM_WEIGHT: f64 = 14.0;
/// Variance of the length difference per character (Gale & Church).
const LEN_VARIANCE: f64 = 6.8;

/// A sentence reduced to what the scorer needs.
#[derive(Debug, Default, Clone)]
struct Feat {
    len: usize,
    /// Keys that mean the same on both sides: numbers, name and cognate keys (sorted, unique).
    anchors: Vec<u32>,
    /// Word stems of the sentence (sorted, unique), in the side's own vocabulary.
    stems: Vec<u32>,
}

/// Interns strings to ids; anchors and stems of both sides share one table.
#[derive(Default)]
struct Interner {
    ids: foldhash::HashMap<String, u32>,
    /// What each distinct word of a side gave (`features`): a word met again costs one lookup.
    words: [foldhash::HashMap<String, WordIds>; 2],
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.ids.len() as u32;
        self.ids.insert(s.to_string(), i);
        i
    }
}

/// The anchor and the stem a word contributes to its sentence's features.
#[derive(Clone, Copy)]
struct WordIds {
    anchor: Option<u32>,
    stem: Option<u32>,
}

/// Stem used for co-occurrence learning: the first five letters, lower-cased.
fn stem(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).take(5).collect()
}

/// The ids of what `word` contributes on `side` (interned on first sight, in this order).
fn word_ids(word: &str, side: char, interner: &mut Interner) -> WordIds {
    if word.chars().any(|c| c.is_ascii_digit()) {
        let digits: String = word.chars().filter(char::is_ascii_digit).collect();
        let anchor = (!digits.is_empty()).then(|| interner.id(&format!("#{digits}")));
        return WordIds { anchor, stem: None };
    }
    let mut anchor = None;
    let letters = word.chars().filter(|&c| crate::text::is_letter(c)).count();
    if letters >= 4 || (letters >= 2 && crate::text::is_all_caps(word)) {
        // Names, acronyms and cognates: the consonant skeleton of the transliteration.
        let key = name_key(word);
        if key.chars().count() >= 3 {
            let k: String = key.chars().take(5).collect();
            anchor = Some(interner.id(&format!("~{k}")));
        }
    }
    let stem = (letters >= 2).then(|| interner.id(&format!("{side}{}", stem(word))));
    WordIds { anchor, stem }
}

fn features(text: &str, side: char, interner: &mut Interner) -> Feat {
    let mut anchors = Vec::new();
    let mut stems = Vec::new();
    let k = usize::from(side == 't');
    for w in crate::text::words(text) {
        let ids = match interner.words[k].get(w.text) {
            Some(&ids) => ids,
            None => {
                let ids = word_ids(w.text, side, interner);
                interner.words[k].insert(w.text.to_string(), ids);
                ids
            }
        };
        anchors.extend(ids.anchor);
        stems.extend(ids.stem);
    }
    anchors.sort_unstable();
    anchors.dedup();
    stems.sort_unstable();
    stems.dedup();
    Feat {
        len: text.chars().count(),
        anchors,
        stems,
    }
}

fn merge(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut v = Vec::with_capacity(a.len() + b.len());
    v.extend_from_slice(a);
    v.extend_from_slice(b);
    v.sort_unstable();
    v.dedup();
    v
}

fn intersection_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A translation table from source stems to target stems.
#[derive(Default)]
struct Lexicon {
    table: HashMap<u32, Vec<u32>>,
}

impl Lexicon {
    fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Target stems that translate the source stems (sorted, unique).
    fn translate(&self, stems: &[u32]) -> Vec<u32> {
        let mut out: Vec<u32> = stems
            .iter()
            .filter_map(|s| self.table.get(s))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Per-sentence material the DP reads, prepared once per pass.
struct Side {
    feats: Vec<Feat>,
    /// Source side: stems translated into target stems; target side: its own stems.
    words: Vec<Vec<u32>>,
    /// `keys[k][i]`: anchors, plus the words when the pass uses them, of sentences
    /// `i..i + k + 1` (sorted, unique), for beads of up to three sentences.
    keys: [Vec<Vec<u32>>; 3],
    /// `prefix[i]`: total length of sentences `0..i`.
    prefix: Vec<usize>,
}

impl Side {
    fn new(feats: Vec<Feat>, words: Vec<Vec<u32>>, use_words: bool) -> Side {
        let one: Vec<Vec<u32>> = feats
            .iter()
            .zip(&words)
            .map(|(f, w)| {
                if use_words {
                    merge(&f.anchors, w)
                } else {
                    f.anchors.clone()
                }
            })
            .collect();
        let two: Vec<Vec<u32>> = (0..one.len())
            .map(|i| match one.get(i + 1) {
                Some(next) => merge(&one[i], next),
                None => one[i].clone(),
            })
            .collect();
        let three: Vec<Vec<u32>> = (0..one.len())
            .map(|i| match one.get(i + 2) {
                Some(next) => merge(&two[i], next),
                None => two[i].clone(),
            })
            .collect();
        let mut prefix = Vec::with_capacity(feats.len() + 1);
        prefix.push(0);
        for f in &feats {
            prefix.push(prefix[prefix.len() - 1] + f.len);
        }
        Side {
            feats,
            words,
            keys: [one, two, three],
            prefix,
        }
    }
}

struct Scorer<'a> {
    src: &'a Side,
    tgt: &'a Side,
    ratio: f64,
    shapes: Vec<(usize, usize, f64)>,
    del_penalty: f64,
}

impl Scorer<'_> {
    fn length_cost(&self, ls: usize, lt: usize) -> f64 {
        let ls = ls as f64;
        let lt = lt as f64;
        let mean = (ls + lt / self.ratio) / 2.0;
        let delta = (lt - ls * self.ratio) / (mean.max(1.0) * LEN_VARIANCE).sqrt();
        let p = 2.0 * (1.0 - std_normal_cdf(delta.abs()));
        -(p.max(1e-12)).ln()
    }

    /// Similarity in 0–1 of source sentences `s` and target sentences `t` (1–3 each).
    fn similarity(&self, s: Range<usize>, t: Range<usize>) -> f64 {
        let a = &self.src.keys[s.len() - 1][s.start];
        let b = &self.tgt.keys[t.len() - 1][t.start];
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        2.0 * intersection_count(a, b) as f64 / (a.len() + b.len()) as f64
    }

    /// [`Scorer::similarity`] of the source sentences `s` ending at the row whose keys are in
    /// `marks` (bit `s.len() - 1` set for each key of `s`): the same count, found by looking
    /// up the target keys instead of merging two sorted lists.
    fn similarity_marked(&self, s: Range<usize>, t: Range<usize>, marks: &[u8]) -> f64 {
        let a = &self.src.keys[s.len() - 1][s.start];
        let b = &self.tgt.keys[t.len() - 1][t.start];
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let bit = 1u8 << (s.len() - 1);
        let n = b
            .iter()
            .filter(|&&k| marks.get(k as usize).is_some_and(|m| m & bit != 0))
            .count();
        2.0 * n as f64 / (a.len() + b.len()) as f64
    }

    /// Cost of the bead `s`×`t` (lower is better) and its similarity.
    fn cost(&self, s: Range<usize>, t: Range<usize>, prior: f64) -> (f64, f64) {
        if s.is_empty() || t.is_empty() {
            return (self.del_penalty, 0.0);
        }
        let ls = self.src.prefix[s.end] - self.src.prefix[s.start];
        let lt = self.tgt.prefix[t.end] - self.tgt.prefix[t.start];
        let sim = self.similarity(s, t);
        (
            -prior.ln() + self.length_cost(ls, lt) - SIM_WEIGHT * sim,
            sim,
        )
    }
}

fn std_normal_cdf(x: f64) -> f64 {
    // Abramowitz & Stegun 7.1.26 approximation of erf.
    let t = 1.0 / (1.0 + 0.327_591_1 * x / std::f64::consts::SQRT_2);
    let y = 1.0
        - (((((1.061_405_429 * t - 1.453_152_027) * t) + 1.421_413_741) * t - 0.284_496_736) * t
            + 0.254_829_592)
            * t
            * (-x * x / 2.0).exp();
    0.5 * (1.0 + y)
}

/// Bead shapes with their prior probabilities.
fn shapes(max_bead: usize) -> Vec<(usize, usize, f64)> {
    let all = [
        (1, 1, 0.80),
        (1, 0, 0.015),
        (0, 1, 0.015),
        (2, 1, 0.06),
        (1, 2, 0.06),
        (2, 2, 0.015),
        (3, 1, 0.005),
        (1, 3, 0.005),
        (3, 2, 0.002),
        (2, 3, 0.002),
    ];
    all.into_iter()
        .filter(|&(a, b, _)| a <= max_bead && b <= max_bead)
        .collect()
}

/// For each source row 0..=n, the allowed target columns (inclusive range).
type Band = Vec<(usize, usize)>;

fn full_band(n: usize, m: usize) -> Band {
    vec![(0, m); n + 1]
}

/// A band of half-width `w` around a path of (i, j) points (monotone, from (0,0) to (n,m)).
fn band_around(path: &[(usize, usize)], n: usize, m: usize, w: usize) -> Band {
    let mut band = vec![(usize::MAX, 0usize); n + 1];
    for &(i, j) in path {
        let lo_i = i.saturating_sub(w);
        let hi_i = (i + w).min(n);
        for row in band.iter_mut().take(hi_i + 1).skip(lo_i) {
            row.0 = row.0.min(j.saturating_sub(w));
            row.1 = row.1.max((j + w).min(m));
        }
    }
    // Rows the path skipped (big gaps) take their neighbours' extent.
    for i in 0..=n {
        if band[i].0 == usize::MAX {
            band[i] = if i > 0 { band[i - 1] } else { (0, 0) };
        }
    }
    // Keep the band monotone so that every cell can be reached.
    for i in 1..=n {
        band[i].0 = band[i].0.min(band[i].1);
        if band[i].0 > band[i - 1].1 {
            band[i].0 = band[i - 1].1;
        }
    }
    for i in (0..n).rev() {
        if band[i].1 < band[i + 1].0 {
            band[i].1 = band[i + 1].0;
        }
    }
    band[0].0 = 0;
    band[n].1 = m;
    band
}

/// Runs the DP inside `band`; returns beads (with their similarity and length cost) in order.
fn dp(
    scorer: &Scorer<'_>,
    n: usize,
    m: usize,
    band: &Band,
) -> Vec<(Range<usize>, Range<usize>, f64, f64)> {
    let width = |i: usize| band[i].1 - band[i].0 + 1;
    let mut cost: Vec<Vec<f64>> = (0..=n).map(|i| vec![f64::INFINITY; width(i)]).collect();
    let mut back: Vec<Vec<u8>> = (0..=n).map(|i| vec![u8::MAX; width(i)]).collect();
    let get = |cost: &Vec<Vec<f64>>, i: usize, j: usize| -> f64 {
        let (lo, hi) = band[i];
        if j < lo || j > hi {
            f64::INFINITY
        } else {
            cost[i][j - lo]
        }
    };
    cost[0][0] = 0.0;
    // The prior part of each shape's cost, as `Scorer::cost` computes it.
    let prior_cost: Vec<f64> = scorer.shapes.iter().map(|&(_, _, p)| -p.ln()).collect();
    // `marks[key]` has bit `d - 1` set when the key belongs to the `d` source sentences
    // ending at the current row (every key of a sentence group is a key of one sentence).
    let universe = scorer.src.keys[0]
        .iter()
        .flatten()
        .max()
        .map_or(0, |&k| k as usize + 1);
    let mut marks = vec![0u8; universe];
    let set_marks = |marks: &mut [u8], i: usize, on: bool| {
        for d in 1..=scorer.src.keys.len().min(i) {
            for &k in &scorer.src.keys[d - 1][i - d] {
                let m = &mut marks[k as usize];
                *m = if on { *m | 1 << (d - 1) } else { 0 };
            }
        }
    };
    for i in 0..=n {
        let (lo, hi) = band[i];
        set_marks(&mut marks, i, true);
        for j in lo..=hi {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f64::INFINITY;
            let mut best_k = u8::MAX;
            for (k, &(di, dj, _)) in scorer.shapes.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let prev = get(&cost, i - di, j - dj);
                if !prev.is_finite() {
                    continue;
                }
                // The same value as `scorer.cost(i - di..i, j - dj..j, prior).0`.
                let c = if di == 0 || dj == 0 {
                    scorer.del_penalty
                } else {
                    // The similarity cannot pass 2·min/(sum) of the key counts: when even
                    // that cannot beat the best so far, the keys need not be compared (the
                    // bound is computed as the similarity is, so rounding keeps it a bound).
                    let na = scorer.src.keys[di - 1][i - di].len();
                    let nb = scorer.tgt.keys[dj - 1][j - dj].len();
                    let ub = if na == 0 || nb == 0 {
                        0.0
                    } else {
                        2.0 * na.min(nb) as f64 / (na + nb) as f64
                    };
                    // Nor the length cost either when the shape loses with none at all (the
                    // length cost is never below -2e-7: the normal CDF's approximation errs by
                    // at most 1.5e-7; the margin covers that).
                    if prev + (prior_cost[k] - SIM_WEIGHT * ub) >= best + 1e-6 {
                        continue;
                    }
                    let ls = scorer.src.prefix[i] - scorer.src.prefix[i - di];
                    let lt = scorer.tgt.prefix[j] - scorer.tgt.prefix[j - dj];
                    let base = prior_cost[k] + scorer.length_cost(ls, lt);
                    if prev + (base - SIM_WEIGHT * ub) >= best {
                        continue;
                    }
                    let sim = scorer.similarity_marked(i - di..i, j - dj..j, &marks);
                    base - SIM_WEIGHT * sim
                };
                if prev + c < best {
                    best = prev + c;
                    best_k = k as u8;
                }
            }
            cost[i][j - lo] = best;
            back[i][j - lo] = best_k;
        }
        set_marks(&mut marks, i, false);
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let k = back[i][j - band[i].0];
        if k == u8::MAX {
            // Unreachable cell (should not happen with a connected band): fall back to a
            // deletion so that every sentence is still covered.
            if i > 0 {
                out.push((i - 1..i, j..j, 0.0, scorer.del_penalty));
                i -= 1;
            } else {
                out.push((i..i, j - 1..j, 0.0, scorer.del_penalty));
                j -= 1;
            }
            continue;
        }
        let (di, dj, prior) = scorer.shapes[k as usize];
        let (c, sim) = scorer.cost(i - di..i, j - dj..j, prior);
        // Keep the length part of the cost: it feeds the bead's confidence.
        let length_cost = c + SIM_WEIGHT * sim + prior.ln();
        out.push((i - di..i, j - dj..j, sim, length_cost));
        i -= di;
        j -= dj;
    }
    out.reverse();
    out
}

/// Largest DP (cells) run without a coarse pass first.
const FULL_DP_CELLS: usize = 400_000;

/// Aligns `src` sentences with `tgt` sentences.
pub fn align_sentences(src: &[&str], tgt: &[&str], cfg: &AlignConfig) -> Alignment {
    let n = src.len();
    let m = tgt.len();
    let mut interner = Interner::default();
    let sf: Vec<Feat> = src
        .iter()
        .map(|s| features(s, 's', &mut interner))
        .collect();
    let tf: Vec<Feat> = tgt
        .iter()
        .map(|s| features(s, 't', &mut interner))
        .collect();
    let total_s: usize = sf.iter().map(|f| f.len).sum();
    let total_t: usize = tf.iter().map(|f| f.len).sum();
    let ratio = if let Some(r) = cfg.length_ratio {
        r
    } else if total_s > 0 && total_t > 0 {
        total_t as f64 / total_s as f64
    } else {
        1.0
    };
    let shapes = shapes(cfg.max_bead.clamp(1, 3));

    // User dictionary entries become lexicon entries between stems.
    let mut lexicon = Lexicon::default();
    for (s, t) in &cfg.dictionary {
        let si = interner.id(&format!("s{}", stem(s)));
        let ti = interner.id(&format!("t{}", stem(t)));
        lexicon.table.entry(si).or_default().push(ti);
    }

    let use_dict = !lexicon.is_empty();
    let src_words: Vec<Vec<u32>> = sf.iter().map(|f| lexicon.translate(&f.stems)).collect();
    let tgt_words: Vec<Vec<u32>> = tf.iter().map(|f| f.stems.clone()).collect();
    let mut src_side = Side::new(sf, src_words, use_dict);
    let mut tgt_side = Side::new(tf, tgt_words, use_dict);

    let band = if (n + 1) * (m + 1) <= FULL_DP_CELLS {
        full_band(n, m)
    } else {
        coarse_band(&src_side, &tgt_side, ratio, cfg)
    };
    let scorer = Scorer {
        src: &src_side,
        tgt: &tgt_side,
        ratio,
        shapes: shapes.clone(),
        del_penalty: cfg.del_penalty,
    };
    let mut beads = dp(&scorer, n, m, &band);

    if cfg.learn_lexicon && n > 0 && m > 0 {
        learn(&mut lexicon, &beads, &src_side, &tgt_side);
        if !lexicon.is_empty() {
            let words = src_side
                .feats
                .iter()
                .map(|f| lexicon.translate(&f.stems))
                .collect();
            src_side = Side::new(src_side.feats, words, true);
            tgt_side = Side::new(tgt_side.feats, tgt_side.words, true);
            let path: Vec<(usize, usize)> = beads
                .iter()
                .flat_map(|(s, t, _, _)| [(s.start, t.start), (s.end, t.end)])
                .collect();
            let band2 = if (n + 1) * (m + 1) <= FULL_DP_CELLS {
                full_band(n, m)
            } else {
                band_around(&path, n, m, 12)
            };
            let scorer = Scorer {
                src: &src_side,
                tgt: &tgt_side,
                ratio,
                shapes,
                del_penalty: cfg.del_penalty,
            };
            beads = dp(&scorer, n, m, &band2);
        }
    }

    let out: Vec<Bead> = beads
        .iter()
        .map(|(s, t, sim, length_cost)| Bead {
            src: s.clone().collect(),
            tgt: t.clone().collect(),
            score: confidence(s, t, *sim, *length_cost),
        })
        .collect();
    let low_confidence = low_regions(&out, cfg.low_confidence);
    Alignment {
        beads: out,
        low_confidence,
    }
}

/// Confidence of a bead in 0–1 from its similarity and how well the lengths fit; beads with an
/// empty side are never sure.
fn confidence(s: &Range<usize>, t: &Range<usize>, sim: f64, length_cost: f64) -> f64 {
    if s.is_empty() || t.is_empty() {
        return 0.1;
    }
    (0.35 * (-length_cost).exp() + 0.65 * (1.5 * sim).min(1.0)).clamp(0.0, 1.0)
}

/// Runs of beads below `threshold`, as sentence ranges of both sides.
fn low_regions(beads: &[Bead], threshold: f64) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut run: Option<(usize, usize, usize, usize)> = None;
    let mut s_pos = 0;
    let mut t_pos = 0;
    for b in beads {
        let s_end = s_pos + b.src.len();
        let t_end = t_pos + b.tgt.len();
        if b.score < threshold {
            run = Some(match run {
                Some((a, _, c, _)) => (a, s_end, c, t_end),
                None => (s_pos, s_end, t_pos, t_end),
            });
        } else if let Some((a, b2, c, d)) = run.take() {
            out.push((a..b2, c..d));
        }
        s_pos = s_end;
        t_pos = t_end;
    }
    if let Some((a, b, c, d)) = run {
        out.push((a..b, c..d));
    }
    out
}

/// Learns source→target stem translations from the confident 1-1 beads of a first pass.
fn learn(
    lexicon: &mut Lexicon,
    beads: &[(Range<usize>, Range<usize>, f64, f64)],
    src: &Side,
    tgt: &Side,
) {
    let mut cs: HashMap<u32, u32> = HashMap::new();
    let mut ct: HashMap<u32, u32> = HashMap::new();
    let mut cst: HashMap<(u32, u32), u32> = HashMap::new();
    let mut pairs = 0;
    for (s, t, _, _) in beads {
        if s.len() != 1 || t.len() != 1 {
            continue;
        }
        pairs += 1;
        let a = &src.feats[s.start].stems;
        let b = &tgt.feats[t.start].stems;
        for &x in a {
            *cs.entry(x).or_default() += 1;
        }
        for &y in b {
            *ct.entry(y).or_default() += 1;
        }
        for &x in a {
            for &y in b {
                *cst.entry((x, y)).or_default() += 1;
            }
        }
    }
    if pairs < 3 {
        return;
    }
    // Sorted, so that ties are broken the same way on every run.
    let mut counted: Vec<((u32, u32), u32)> = cst.into_iter().collect();
    counted.sort_unstable();
    let mut best: HashMap<u32, (f64, u32)> = HashMap::new();
    for &((x, y), c) in &counted {
        if c < 2 {
            continue;
        }
        let dice = 2.0 * c as f64 / (cs[&x] + ct[&y]) as f64;
        if dice < 0.4 {
            continue;
        }
        let e = best.entry(x).or_insert((0.0, y));
        if dice > e.0 {
            *e = (dice, y);
        }
    }
    for (x, (_, y)) in best {
        let v = lexicon.table.entry(x).or_default();
        if !v.contains(&y) {
            v.push(y);
        }
    }
}

/// Sentences per block at each coarser level of the search.
const COARSEN: usize = 4;

/// A band for long texts, coarse to fine: the texts are cut into blocks of four sentences
/// (recursively, until a level is small enough for a full search), each level is aligned by
/// length and anchors inside a band around the path of the level above, and the band for this
/// level follows that path. Every level costs time linear in its length.
fn coarse_band(src: &Side, tgt: &Side, ratio: f64, cfg: &AlignConfig) -> Band {
    let n = src.feats.len();
    let m = tgt.feats.len();
    if (n + 1) * (m + 1) <= FULL_DP_CELLS {
        return full_band(n, m);
    }
    let group = |side: &Side| -> Side {
        let feats: Vec<Feat> = side
            .feats
            .chunks(COARSEN)
            .map(|c| Feat {
                len: c.iter().map(|f| f.len).sum(),
                anchors: c.iter().fold(Vec::new(), |acc, f| merge(&acc, &f.anchors)),
                stems: Vec::new(),
            })
            .collect();
        let words = vec![Vec::new(); feats.len()];
        Side::new(feats, words, false)
    };
    let cs = group(src);
    let ct = group(tgt);
    let cn = cs.feats.len();
    let cm = ct.feats.len();
    let band = coarse_band(&cs, &ct, ratio, cfg);
    let scorer = Scorer {
        src: &cs,
        tgt: &ct,
        ratio,
        shapes: vec![
            (1, 1, 0.9),
            (1, 0, 0.02),
            (0, 1, 0.02),
            (2, 1, 0.03),
            (1, 2, 0.03),
        ],
        del_penalty: cfg.del_penalty * 1.5,
    };
    let coarse = dp(&scorer, cn, cm, &band);
    let path: Vec<(usize, usize)> = coarse
        .iter()
        .flat_map(|(s, t, _, _)| {
            [
                ((s.start * COARSEN).min(n), (t.start * COARSEN).min(m)),
                ((s.end * COARSEN).min(n), (t.end * COARSEN).min(m)),
            ]
        })
        .collect();
    band_around(&path, n, m, 2 * COARSEN + 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes_of(a: &Alignment) -> Vec<(Vec<usize>, Vec<usize>)> {
        a.beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect()
    }

    #[test]
    fn merges_and_deletions() {
        let ru = [
            "Штайнмайер прибыл в Брюссель 6 декабря.",
            "Это длинное предложение, которое переведено двумя предложениями на английский язык.",
            "Столтенберг ответил журналистам.",
            "Лишнее предложение без перевода, которое надо пропустить при выравнивании.",
            "НАТО готово к диалогу.",
        ];
        let en = [
            "Steinmeier arrived in Brussels on December 6.",
            "This is a long sentence,",
            "which is translated into English by two sentences.",
            "Stoltenberg answered the journalists.",
            "NATO is ready for dialogue.",
        ];
        let a = align_sentences(&ru, &en, &AlignConfig::default());
        assert_eq!(
            shapes_of(&a),
            vec![
                (vec![0], vec![0]),
                (vec![1], vec![1, 2]),
                (vec![2], vec![3]),
                (vec![3], vec![]),
                (vec![4], vec![4]),
            ]
        );
        assert!(a.beads.iter().all(|b| (0.0..=1.0).contains(&b.score)));
        assert!(a.beads[3].score < a.beads[0].score);
    }

    #[test]
    fn empty_and_one_sided_inputs() {
        let cfg = AlignConfig::default();
        assert!(align_sentences(&[], &[], &cfg).beads.is_empty());
        let a = align_sentences(&["One.", "Two."], &[], &cfg);
        assert_eq!(a.beads.len(), 2);
        assert!(a.beads.iter().all(|b| b.tgt.is_empty()));
    }

    #[test]
    fn long_inputs_use_the_band_and_cover_everything() {
        let src: Vec<String> = (0..1500)
            .map(|i| format!("Предложение номер {i} о событиях года {}.", 1000 + i))
            .collect();
        let tgt: Vec<String> = (0..1500)
            .filter(|i| i % 97 != 5)
            .map(|i| format!("Sentence number {i} about the events of {}.", 1000 + i))
            .collect();
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let a = align_sentences(&s, &t, &AlignConfig::default());
        let covered_s: usize = a.beads.iter().map(|b| b.src.len()).sum();
        let covered_t: usize = a.beads.iter().map(|b| b.tgt.len()).sum();
        assert_eq!((covered_s, covered_t), (1500, tgt.len()));
        let correct = a
            .beads
            .iter()
            .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
            .filter(|b| t[b.tgt[0]].contains(&format!("number {} ", b.src[0])))
            .count();
        assert!(correct >= 1450, "{correct}");
    }

    #[test]
    fn dictionary_entries_help() {
        let cfg = AlignConfig {
            dictionary: vec![("кошка".into(), "cat".into())],
            learn_lexicon: false,
            ..AlignConfig::default()
        };
        let a = align_sentences(&["Кошка спит."], &["The cat sleeps."], &cfg);
        assert_eq!(a.beads.len(), 1);
        assert!(a.beads[0].score > 0.3, "{}", a.beads[0].score);
    }
}
