//! Alignment: which sentences (or blocks) of one language translate which of the other?
//!
//! - [`pair_blocks`]: in a mixed document, which Russian block translates which neighbouring
//!   English block (by length ratio and shared names and numbers);
//! - [`align_sentences`]: sentence alignment of two parallel texts (see `sentence.rs`).

pub mod documents;
mod sentence;

pub use sentence::{align_sentences, AlignConfig, Alignment};

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
}
