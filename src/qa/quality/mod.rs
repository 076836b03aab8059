//! How good is a translation, as one number? A learnt quality score for every
//! Russian–English pair (0–1, higher = better), for ranking a batch from worst to best.
//!
//! The signals ([`features`]) are computed from the pair alone (no sibling translations
//! needed) with the bilingual lexical model of [`crate::text::bilex`]; a forest of
//! regression trees ([`trees`]) combines them with weights learnt on human quality scores
//! (the MLQE-PE Russian–English training split, CC0) by `data/qe/train.py`, shipped in
//! `data/qe/model.txt`.

pub mod features;
pub mod trees;
pub mod words;

use super::QaUnit;
use crate::text::bilex::LexicalModel;
use crate::text::Lang;
use std::sync::OnceLock;
use trees::{Forest, ModelError};

/// A forest whose features are mapped onto the columns of [`features::NAMES`].
pub struct QualityModel {
    forest: Forest,
    columns: Vec<usize>,
}

impl QualityModel {
    /// Reads a model in the text form of [`trees`]; every feature it names must be one the
    /// project computes.
    pub fn parse(text: &str) -> Result<QualityModel, ModelError> {
        let forest = Forest::parse(text)?;
        let columns = forest
            .features
            .iter()
            .map(|name| {
                features::NAMES
                    .iter()
                    .position(|n| n == name)
                    .ok_or_else(|| ModelError {
                        line: 1,
                        message: format!("unknown feature {name}"),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(QualityModel { forest, columns })
    }

    /// The shipped model.
    pub fn shipped() -> &'static QualityModel {
        static M: OnceLock<QualityModel> = OnceLock::new();
        M.get_or_init(|| {
            // The shipped file is checked by the tests; an unreadable one scores nothing.
            QualityModel::parse(include_str!("../../../data/qe/model.txt")).unwrap_or(
                QualityModel {
                    forest: Forest::default(),
                    columns: Vec::new(),
                },
            )
        })
    }

    /// The raw prediction (on the scale of the training targets: standardised human scores)
    /// for a row of [`features::features`].
    pub fn predict(&self, row: &[f64]) -> f64 {
        let x: Vec<f64> = self
            .columns
            .iter()
            .map(|&c| row.get(c).copied().unwrap_or(0.0))
            .collect();
        self.forest.predict(&x)
    }

    /// The prediction mapped to 0–1 by a logistic curve around the training mean.
    pub fn score(&self, row: &[f64]) -> f64 {
        let (mean, sd) = self.forest.scale;
        let z = (self.predict(row) - mean) / sd.max(1e-9);
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
    units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let (sl, tl) = pair_langs(u)?;
            let t = u.tgt.as_ref()?;
            Some((
                i,
                features::features(
                    lex,
                    words::WordPrior::shipped(),
                    &u.src.text,
                    &t.text,
                    Some(sl),
                    Some(tl),
                ),
            ))
        })
        .collect()
}

/// The quality score (0–1, higher = better) of every Russian–English pair of the batch:
/// (unit index, score), with the shipped lexical model and weights.
pub fn score_units(units: &[QaUnit]) -> Vec<(usize, f64)> {
    let model = QualityModel::shipped();
    let lex = LexicalModel::shipped();
    feature_rows(lex, units)
        .into_iter()
        .map(|(i, row)| (i, model.score(&row)))
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
        assert_eq!(m.columns.len(), m.forest.features.len());
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
