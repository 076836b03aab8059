//! How good is a translation, as one number? A learnt quality score for every
//! Russian–English pair (0–1, higher = better), for ranking a batch from worst to best.
//!
//! The signals ([`features`]) are computed from the pair alone (no sibling translations
//! needed) with the bilingual lexical model of [`crate::text::bilex`]; a forest of
//! regression trees ([`trees`]) combines them with weights learnt on human quality scores
//! (the MLQE-PE Russian–English training split, CC0) by `data/qe/train.py`, shipped in
//! `data/qe/model.txt`.

pub mod features;
pub mod pair;
pub mod refresh;
pub mod spans;
pub mod trees;
pub mod words;

use super::QaUnit;
use crate::text::bilex::LexicalModel;
use crate::text::Lang;
use pair::PreparedPair;
use std::sync::OnceLock;
use trees::{Forest, ModelError};

/// A forest whose features are mapped onto the columns of [`features::NAMES`].
pub struct QualityModel {
    forest: Forest,
}

impl QualityModel {
    /// Reads a model in the text form of [`trees`]; every feature it names must be one the
    /// project computes.
    pub fn parse(text: &str) -> Result<QualityModel, ModelError> {
        QualityModel::parse_over(text, features::NAMES)
    }

    /// Reads a model whose features are among `names`.
    pub fn parse_over(text: &str, names: &[&str]) -> Result<QualityModel, ModelError> {
        let mut forest = Forest::parse(text)?;
        let columns: Vec<usize> = forest
            .features
            .iter()
            .map(|name| {
                names
                    .iter()
                    .position(|n| n == name)
                    .ok_or_else(|| ModelError {
                        line: 1,
                        message: format!("unknown feature {name}"),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        forest.remap(&columns);
        Ok(QualityModel { forest })
    }

    /// The shipped model.
    pub fn shipped() -> &'static QualityModel {
        static M: OnceLock<QualityModel> = OnceLock::new();
        M.get_or_init(|| {
            // The shipped file is checked by the tests; an unreadable one scores nothing.
            QualityModel::parse(include_str!("../../../data/qe/model.txt")).unwrap_or(
                QualityModel {
                    forest: Forest::default(),
                },
            )
        })
    }

    /// The shipped model of the words that pull a pair down ([`spans`]).
    pub fn shipped_spans() -> &'static QualityModel {
        static M: OnceLock<QualityModel> = OnceLock::new();
        M.get_or_init(|| {
            QualityModel::parse_over(
                include_str!("../../../data/qe/spans.txt"),
                spans::WORD_NAMES,
            )
            .unwrap_or(QualityModel {
                forest: Forest::default(),
            })
        })
    }

    /// Whether a word row is above the classifier's cut.
    pub fn flags(&self, row: &[f64]) -> bool {
        !self.forest.is_empty() && self.forest.exceeds(row, self.forest.cut)
    }

    /// The raw prediction (on the scale of the training targets: standardised human scores)
    /// for a row of [`features::features`].
    pub fn predict(&self, row: &[f64]) -> f64 {
        self.forest.predict(row)
    }

    /// The prediction mapped to 0–1 by a logistic curve around the training mean.
    pub fn score(&self, row: &[f64]) -> f64 {
        self.to_unit(self.predict(row))
    }

    /// A raw prediction mapped to 0–1 (see [`QualityModel::score`]).
    pub fn to_unit(&self, raw: f64) -> f64 {
        let (mean, sd) = self.forest.scale;
        let z = (raw - mean) / sd.max(1e-9);
        1.0 / (1.0 + (-2.0 * z).exp())
    }
}

/// Whether a unit is a Russian–English pair in either direction.
fn pair_langs(u: &QaUnit) -> Option<(Lang, Lang)> {
    let t = u.tgt.as_ref()?;
    match (u.src.lang?, t.lang?) {
        (a, b) if a != b => Some((a, b)),
        _ => None,
    }
}

/// The feature rows of the Russian–English pairs of a batch: (unit index, row).
pub fn feature_rows(lex: &LexicalModel, units: &[QaUnit]) -> Vec<(usize, Vec<f64>)> {
    let prior = words::WordPrior::shipped();
    units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let (sl, tl) = pair_langs(u)?;
            let t = u.tgt.as_ref()?;
            let pp = PreparedPair::new(lex, prior, &u.src.text, &t.text, Some(sl), Some(tl));
            Some((
                i,
                features::pair_features(lex, prior, &pp, &u.src.text, &t.text),
            ))
        })
        .collect()
}

/// The quality of one pair: its score and the target spans that pull it down.
#[derive(Debug, Clone, PartialEq)]
pub struct PairQuality {
    /// Index of the unit in the batch.
    pub unit: usize,
    /// 0–1, higher = better.
    pub score: f64,
    /// Char spans of the target (start, end), in order.
    pub spans: Vec<(usize, usize)>,
}

/// The quality score (0–1, higher = better) of every Russian–English pair of the batch:
/// (unit index, score), with the shipped lexical model and weights.
pub fn score_units(units: &[QaUnit]) -> Vec<(usize, f64)> {
    assess_units(units)
        .into_iter()
        .map(|q| (q.unit, q.score))
        .collect()
}

/// The quality of every Russian–English pair of the batch, with the target words that pull
/// it down (adjacent flagged words separated only by spaces make one span).
pub fn assess_units(units: &[QaUnit]) -> Vec<PairQuality> {
    assess_units_with(units, LexicalModel::shipped())
}

/// [`assess_units`] with another lexical model (a memory's own, see [`refresh`]).
pub fn assess_units_with(units: &[QaUnit], lex: &LexicalModel) -> Vec<PairQuality> {
    // Long sides are read as the checks read them: the work of one pair stays bounded.
    let units = crate::qa::run::bounded_units(units);
    let units = &units[..];
    let threads = if units.len() < 2000 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    };
    if threads == 1 {
        return assess_part(units, 0, lex);
    }
    let chunk = units.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = units
            .chunks(chunk)
            .enumerate()
            .map(|(k, part)| scope.spawn(move || assess_part(part, k * chunk, lex)))
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// The raw predicted quality of a Russian–English pair and the rows of its target words
/// (`None` for a unit that is not such a pair). One pair at a time, so a batch never holds
/// the word rows of more than one pair.
fn pair_words(
    lex: &LexicalModel,
    model: &QualityModel,
    prior: &words::WordPrior,
    u: &QaUnit,
) -> Option<(f64, Vec<spans::WordRow>)> {
    let (sl, tl) = pair_langs(u)?;
    let t = u.tgt.as_ref()?;
    let pp = PreparedPair::new(lex, prior, &u.src.text, &t.text, Some(sl), Some(tl));
    let row = features::pair_features(lex, prior, &pp, &u.src.text, &t.text);
    let raw = model.predict(&row);
    Some((raw, spans::word_features(prior, &pp, raw)))
}

/// [`assess_units`] on a part of the batch whose first unit has index `offset`.
fn assess_part(units: &[QaUnit], offset: usize, lex: &LexicalModel) -> Vec<PairQuality> {
    let model = QualityModel::shipped();
    let span_model = QualityModel::shipped_spans();
    let prior = words::WordPrior::shipped();
    units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let (raw, words) = pair_words(lex, model, prior, u)?;
            let text = u.tgt.as_ref().map_or("", |t| t.text.as_str());
            let chars: Vec<char> = text.chars().collect();
            let mut spans: Vec<(usize, usize)> = Vec::new();
            for (start, end, wrow) in words {
                if !span_model.flags(&wrow) {
                    continue;
                }
                match spans.last_mut() {
                    Some(last)
                        if chars
                            .get(last.1..start)
                            .is_some_and(|gap| gap.iter().all(|c| c.is_whitespace())) =>
                    {
                        last.1 = end
                    }
                    _ => spans.push((start, end)),
                }
            }
            Some(PairQuality {
                unit: offset + i,
                score: model.to_unit(raw),
                spans,
            })
        })
        .collect()
}

/// The word rows of the Russian–English pairs of a batch (for training the span model):
/// (unit index, start, end, row).
pub fn word_rows(lex: &LexicalModel, units: &[QaUnit]) -> Vec<(usize, usize, usize, Vec<f64>)> {
    let model = QualityModel::shipped();
    let prior = words::WordPrior::shipped();
    units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| Some((i, pair_words(lex, model, prior, u)?.1)))
        .flat_map(|(i, words)| words.into_iter().map(move |(s, e, r)| (i, s, e, r)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qa::Side;

    fn pair(src: &str, tgt: &str) -> QaUnit {
        QaUnit {
            id: 1,
            origin: String::new(),
            src: Side::new(Some("ru"), src),
            tgt: Some(Side::new(Some("en"), tgt)),
        }
    }

    #[test]
    fn the_shipped_model_reads_and_names_only_known_features() {
        let m = QualityModel::parse(include_str!("../../../data/qe/model.txt")).unwrap();
        assert!(!m.forest.is_empty());
        assert!(m.forest.features.len() <= features::NAMES.len());
        assert!(QualityModel::parse("features no_such_feature\ntree\nl 0\n").is_err());
    }

    #[test]
    fn a_faithful_translation_scores_above_an_unrelated_one() {
        let units = [
            pair(
                "Правительство объявило о новых мерах поддержки малого бизнеса.",
                "The government announced new measures to support small businesses.",
            ),
            pair(
                "Правительство объявило о новых мерах поддержки малого бизнеса.",
                "The cat sat quietly on the warm windowsill all afternoon.",
            ),
        ];
        let s = score_units(&units);
        assert_eq!(s.len(), 2);
        assert!(s.iter().all(|&(_, q)| (0.0..=1.0).contains(&q)));
        assert!(s[0].1 > s[1].1, "{s:?}");
    }

    #[test]
    fn only_russian_english_pairs_are_scored() {
        let mono = QaUnit {
            tgt: None,
            ..pair("Текст.", "Text.")
        };
        let same = QaUnit {
            tgt: Some(Side::new(Some("ru"), "Другой текст.")),
            ..pair("Текст.", "Text.")
        };
        assert!(score_units(&[mono, same]).is_empty());
    }
}
