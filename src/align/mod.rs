//! Alignment: which sentences (or blocks) of one language translate which of the other?
//!
//! - [`pair_blocks`]: in a mixed document, which Russian block translates which neighbouring
//!   English block (by length ratio and shared names and numbers);
//! - [`align`]: sentence alignment of two parallel texts by dynamic programming over
//!   Gale–Church length costs, with beads 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2.

use crate::text::translit::name_key;
use crate::text::words;
use serde::Serialize;
use std::collections::HashSet;

/// A bead: source sentence indices aligned with target sentence indices (either may be empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bead {
    /// Source sentence indices, ascending.
    pub src: Vec<usize>,
    /// Target sentence indices, ascending.
    pub tgt: Vec<usize>,
    /// Confidence in 0–1.
    pub score: f64,
}

/// Expected ratio of target to source length in characters, and its variance per character
/// (Gale & Church's parameters; Russian runs about 10 % longer than English).
#[derive(Debug, Clone, Copy)]
pub struct LengthModel {
    /// Mean target/source length ratio.
    pub ratio: f64,
    /// Variance of the length difference per source character.
    pub variance: f64,
}

impl Default for LengthModel {
    fn default() -> Self {
        LengthModel {
            ratio: 1.0,
            variance: 6.8,
        }
    }
}

impl LengthModel {
    /// The model for a language pair given by codes.
    pub fn for_langs(src: &str, tgt: &str) -> LengthModel {
        let weight = |l: &str| if l.starts_with("ru") { 1.1 } else { 1.0 };
        LengthModel {
            ratio: weight(tgt) / weight(src),
            variance: 6.8,
        }
    }

    /// −log probability that texts of `ls` and `lt` chars are translations (length only).
    fn cost(&self, ls: usize, lt: usize) -> f64 {
        if ls == 0 && lt == 0 {
            return 0.0;
        }
        let ls = ls as f64;
        let lt = lt as f64;
        let mean = (ls + lt / self.ratio) / 2.0;
        let delta = (lt - ls * self.ratio) / (mean.max(1.0) * self.variance).sqrt();
        let p = 2.0 * (1.0 - std_normal_cdf(delta.abs()));
        -(p.max(1e-12)).ln()
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

/// Bead shapes with their −log prior probabilities (Gale & Church 1993).
const SHAPES: [(usize, usize, f64); 6] = [
    (1, 1, 0.89),
    (1, 0, 0.0099),
    (0, 1, 0.0099),
    (2, 1, 0.089),
    (1, 2, 0.089),
    (2, 2, 0.011),
];

/// Aligns `src` sentences with `tgt` sentences. Beads are returned in order and cover every
/// sentence exactly once.
pub fn align(src: &[&str], tgt: &[&str], model: LengthModel) -> Vec<Bead> {
    let n = src.len();
    let m = tgt.len();
    let ls: Vec<usize> = src.iter().map(|s| s.chars().count()).collect();
    let lt: Vec<usize> = tgt.iter().map(|s| s.chars().count()).collect();
    let anchors_s: Vec<HashSet<String>> = src.iter().map(|s| anchors(s)).collect();
    let anchors_t: Vec<HashSet<String>> = tgt.iter().map(|s| anchors(s)).collect();
    let inf = f64::INFINITY;
    let mut cost = vec![inf; (n + 1) * (m + 1)];
    let mut back = vec![(0usize, 0usize); (n + 1) * (m + 1)];
    let idx = |i: usize, j: usize| i * (m + 1) + j;
    cost[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = cost[idx(i, j)];
            if here == inf {
                continue;
            }
            for &(di, dj, prior) in &SHAPES {
                if i + di > n || j + dj > m {
                    continue;
                }
                let a: usize = ls[i..i + di].iter().sum();
                let b: usize = lt[j..j + dj].iter().sum();
                let mut c = -prior.ln() + model.cost(a, b);
                if di > 0 && dj > 0 {
                    c -= anchor_bonus(&anchors_s[i..i + di], &anchors_t[j..j + dj]);
                }
                let k = idx(i + di, j + dj);
                if here + c < cost[k] {
                    cost[k] = here + c;
                    back[k] = (di, dj);
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = back[idx(i, j)];
        let step = cost[idx(i, j)] - cost[idx(i - di, j - dj)];
        beads.push(Bead {
            src: (i - di..i).collect(),
            tgt: (j - dj..j).collect(),
            score: (-step / 4.0).exp().clamp(0.0, 1.0),
        });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    beads
}

/// Language-independent anchors of a text: numbers and name keys of capitalised words.
pub fn anchors(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    for w in words(text) {
        if w.text.chars().any(|c| c.is_ascii_digit()) {
            out.insert(w.text.to_string());
        } else if w.text.chars().next().is_some_and(char::is_uppercase) {
            let k = name_key(w.text);
            if k.chars().count() >= 3 {
                out.insert(k);
            }
        }
    }
    out
}

fn anchor_bonus(s: &[HashSet<String>], t: &[HashSet<String>]) -> f64 {
    let a: HashSet<&String> = s.iter().flatten().collect();
    let b: HashSet<&String> = t.iter().flatten().collect();
    let shared = a.intersection(&b).count() as f64;
    shared.min(4.0) * 1.5
}

/// How blocks of a mixed document relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockLink {
    /// Block `0` and block `1` (in document order) translate each other.
    Pair(usize, usize),
    /// The block has no counterpart.
    Single(usize),
}

/// Pairs neighbouring blocks written in different languages when their lengths and anchors
/// fit; `blocks` are `(language code, text)` in document order.
pub fn pair_blocks(blocks: &[(&str, &str)]) -> Vec<BlockLink> {
    let mut candidates: Vec<(f64, usize)> = Vec::new();
    for i in 0..blocks.len().saturating_sub(1) {
        let (la, a) = blocks[i];
        let (lb, b) = blocks[i + 1];
        if la == lb {
            continue;
        }
        let model = LengthModel::for_langs(la, lb);
        let ca = a.chars().count();
        let cb = b.chars().count();
        let ratio = (cb as f64 / model.ratio) / ca.max(1) as f64;
        let length_fit = ratio.ln().abs();
        let shared = {
            let x = anchors(a);
            let y = anchors(b);
            let union = x.union(&y).count().max(1);
            x.intersection(&y).count() as f64 / union as f64
        };
        // Lengths within a factor of ~1.6, or a close fit helped by shared names and numbers.
        let cost = length_fit - shared;
        if cost < 0.5 {
            candidates.push((cost, i));
        }
    }
    candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut used = vec![false; blocks.len()];
    let mut pairs = Vec::new();
    for (_, i) in candidates {
        if !used[i] && !used[i + 1] {
            used[i] = true;
            used[i + 1] = true;
            pairs.push(i);
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        if pairs.contains(&i) {
            out.push(BlockLink::Pair(i, i + 1));
            i += 2;
        } else {
            out.push(BlockLink::Single(i));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_headline_with_headline_not_with_body() {
        let blocks = [
            ("en", "Steinmeier said that NATO is ready to work with Russia"),
            ("ru", "Штайнмайер заявил о готовности НАТО работать вместе с Россией"),
            ("en", "Despite the difficulties, Russia and NATO hope to work together, told journalists the Minister. Relations are burdened by the conflict, but also because of the circumstances. It will not make the conversation easier today."),
        ];
        assert_eq!(
            pair_blocks(&blocks),
            vec![BlockLink::Pair(0, 1), BlockLink::Single(2)]
        );
    }

    #[test]
    fn aligns_one_to_one_and_merges() {
        let src = [
            "Привет.",
            "Это длинное предложение, которое переведено двумя.",
            "Пока.",
        ];
        let tgt = [
            "Hello.",
            "This is a long sentence,",
            "which is translated by two.",
            "Bye.",
        ];
        let beads = align(&src, &tgt, LengthModel::for_langs("ru", "en"));
        let shapes: Vec<(Vec<usize>, Vec<usize>)> = beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        assert_eq!(
            shapes,
            vec![
                (vec![0], vec![0]),
                (vec![1], vec![1, 2]),
                (vec![2], vec![3])
            ]
        );
        assert!(beads.iter().all(|b| (0.0..=1.0).contains(&b.score)));
    }

    #[test]
    fn handles_empty_sides() {
        assert!(align(&[], &[], LengthModel::default()).is_empty());
        let b = align(&["One."], &[], LengthModel::default());
        assert_eq!(b.len(), 1);
        assert!(b[0].tgt.is_empty());
    }
}
