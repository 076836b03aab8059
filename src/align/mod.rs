//! Alignment: which sentences (or blocks) of one language translate which of the other?
//!
//! - [`pair_blocks`]: in a mixed document, which Russian block translates which neighbouring
//!   English block (by length ratio and shared names and numbers);
//! - [`align_sentences`]: sentence alignment of two parallel texts (see `sentence.rs`).

pub mod documents;
mod sentence;

pub use sentence::{align_sentences, AlignConfig, Alignment};

use serde::Serialize;

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

/// Expected ratio of target to source length in characters for a language pair given by
/// codes (Russian runs about 10 % longer than English; other pairs 1).
pub fn expected_length_ratio(src: &str, tgt: &str) -> f64 {
    let weight = |l: &str| if l.starts_with("ru") { 1.1 } else { 1.0 };
    weight(tgt) / weight(src)
}

/// How blocks of a mixed document relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockLink {
    /// Block `0` and block `1` (in document order) translate each other.
    Pair(usize, usize),
    /// The block has no counterpart.
    Single(usize),
}

/// Pairs the blocks of a mixed document written in different languages that translate each
/// other; `blocks` are `(language code, text)` in document order. The blocks of the two main
/// languages are aligned with the sentence aligner (one block per side of a bead), so pairs
/// keep the document order and blocks without a counterpart stay single.
pub fn pair_blocks(blocks: &[(&str, &str)]) -> Vec<BlockLink> {
    let mut langs: Vec<&str> = blocks.iter().map(|b| b.0).collect();
    langs.sort_unstable();
    langs.dedup();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    if langs.len() >= 2 {
        let count = |l: &str| blocks.iter().filter(|b| b.0 == l).count();
        langs.sort_by_key(|l| std::cmp::Reverse(count(l)));
        let (la, lb) = (langs[0], langs[1]);
        let ia: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].0 == la).collect();
        let ib: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].0 == lb).collect();
        let ta: Vec<&str> = ia.iter().map(|&i| blocks[i].1).collect();
        let tb: Vec<&str> = ib.iter().map(|&i| blocks[i].1).collect();
        // Only some blocks have a counterpart, so the ratio cannot be measured on the texts.
        let cfg = AlignConfig {
            max_bead: 1,
            learn_lexicon: false,
            length_ratio: Some(expected_length_ratio(la, lb)),
            ..AlignConfig::default()
        };
        for bead in align_sentences(&ta, &tb, &cfg).beads {
            if let (Some(&x), Some(&y)) = (bead.src.first(), bead.tgt.first()) {
                let (i, j) = (ia[x], ib[y]);
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    let mut paired = vec![false; blocks.len()];
    let mut links: Vec<BlockLink> = Vec::new();
    for &(i, j) in &pairs {
        paired[i] = true;
        paired[j] = true;
        links.push(BlockLink::Pair(i, j));
    }
    links.extend(
        (0..blocks.len())
            .filter(|&i| !paired[i])
            .map(BlockLink::Single),
    );
    links.sort_by_key(|l| match *l {
        BlockLink::Pair(i, _) | BlockLink::Single(i) => i,
    });
    links
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
    fn pairs_alternating_paragraphs() {
        let blocks = [
            ("en", "The council met in Brussels on Monday."),
            ("ru", "Совет собрался в Брюсселе в понедельник."),
            ("en", "The next meeting is planned for March 15, 2017, in Berlin."),
            ("ru", "Следующая встреча запланирована на 15 марта 2017 года в Берлине."),
            ("en", "An English paragraph that has no translation in this document at all, and is long."),
        ];
        assert_eq!(
            pair_blocks(&blocks),
            vec![
                BlockLink::Pair(0, 1),
                BlockLink::Pair(2, 3),
                BlockLink::Single(4)
            ]
        );
    }
}
