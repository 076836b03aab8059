//! The lexical model refreshed from a memory: the shipped model (`data/qe/lexicon.tsv`)
//! pooled with one trained on the memory's own Russian–English pairs, so that the quality
//! score and its spans know the memory's terms. Trained on request (`tm lexicon`), kept in
//! the memory, read back by QA.

use crate::memory::{ExportFilter, Store};
use crate::text::bilex::LexicalModel;
use crate::text::Lang;
use crate::Result;

/// Pairs the shipped model was trained on (the post-edited MLQE-PE training split).
pub const SHIPPED_PAIRS: usize = 7000;

/// The fewest Russian–English pairs a memory needs before its own model is trained.
pub const MIN_PAIRS: usize = 2000;

/// The most pairs one training reads (the newest), which bounds its time and memory
/// (100,000 pairs of software strings: 30 s and 300 MB on two cores).
pub const MAX_PAIRS: usize = 100_000;

/// What [`refresh`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refreshed {
    /// Trained on this many pairs and stored.
    Trained { pairs: usize, entries: usize },
    /// The memory has too few Russian–English pairs (this many).
    TooFew(usize),
}

/// The Russian–English pairs of units, either direction, as (Russian, English).
fn ru_en_pairs(units: &[crate::formats::Unit]) -> Vec<(&str, &str)> {
    units
        .iter()
        .filter_map(
            |u| match (Lang::from_code(&u.src_lang), Lang::from_code(&u.tgt_lang)) {
                (Some(Lang::Ru), Some(Lang::En)) => Some((u.src.as_str(), u.tgt.as_str())),
                (Some(Lang::En), Some(Lang::Ru)) => Some((u.tgt.as_str(), u.src.as_str())),
                _ => None,
            },
        )
        .filter(|(r, e)| !r.trim().is_empty() && !e.trim().is_empty())
        .collect()
}

/// Trains a lexical model on the memory's newest Russian–English pairs (at most
/// `max_pairs`, at least `min_pairs`), pools it with the shipped one and keeps it in the
/// memory.
pub fn refresh(store: &mut dyn Store, min_pairs: usize, max_pairs: usize) -> Result<Refreshed> {
    let units = store.units(&ExportFilter::default())?;
    let mut pairs = ru_en_pairs(&units);
    if pairs.len() < min_pairs.max(1) {
        return Ok(Refreshed::TooFew(pairs.len()));
    }
    if pairs.len() > max_pairs {
        pairs.drain(..pairs.len() - max_pairs);
    }
    let own = LexicalModel::train(pairs.iter().copied());
    let pooled = LexicalModel::pooled(&own, pairs.len(), LexicalModel::shipped(), SHIPPED_PAIRS);
    let (a, b) = pooled.len();
    store.set_lexicon(pairs.len() as i64, &pooled.to_tsv())?;
    Ok(Refreshed::Trained {
        pairs: pairs.len(),
        entries: a + b,
    })
}

/// The memory's lexical model if it has one, else `None` (QA then uses the shipped one).
pub fn memory_model(store: &dyn Store) -> Result<Option<LexicalModel>> {
    Ok(store.lexicon()?.map(|l| LexicalModel::from_tsv(&l.model)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Unit;
    use crate::memory::{Memory, OnDuplicate};

    fn unit(src_lang: &str, src: &str, tgt_lang: &str, tgt: &str) -> Unit {
        Unit {
            src_lang: src_lang.into(),
            src: src.into(),
            tgt_lang: tgt_lang.into(),
            tgt: tgt.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_memory_with_enough_pairs_gets_a_model_that_knows_its_terms() {
        let mut m = Memory::open_in_memory().unwrap();
        // A term the shipped model cannot know, in pairs both ways.
        let units: Vec<Unit> = (0..40)
            .map(|i| {
                if i % 2 == 0 {
                    unit(
                        "ru",
                        &format!("Квазитрон номер {i} готов."),
                        "en",
                        &format!("Quasitron number {i} is ready."),
                    )
                } else {
                    unit(
                        "en-US",
                        &format!("The quasitron {i} failed."),
                        "ru",
                        &format!("Квазитрон {i} сломался."),
                    )
                }
            })
            .collect();
        m.import_stream(
            &mut units.into_iter().map(Ok),
            "t",
            OnDuplicate::Skip,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(
            refresh(&mut m, 100, MAX_PAIRS).unwrap(),
            Refreshed::TooFew(40)
        );
        assert!(m.lexicon().unwrap().is_none());
        let Refreshed::Trained { pairs, entries } = refresh(&mut m, 10, MAX_PAIRS).unwrap() else {
            panic!("not trained")
        };
        assert_eq!(pairs, 40);
        assert!(entries > LexicalModel::shipped().len().0);
        let model = memory_model(&m).unwrap().unwrap();
        let (r, e) = (model.ru_ids(&["Квазитрон"]), model.en_ids(&["quasitron"]));
        assert!(model.p_en_given_ru(r[0], e[0].unwrap()) > 0.3);
        // The shipped model's words are still known.
        let (r, e) = (model.ru_ids(&["дом"]), model.en_ids(&["house"]));
        let (sr, se) = (
            LexicalModel::shipped().ru_ids(&["дом"]),
            LexicalModel::shipped().en_ids(&["house"]),
        );
        let shipped = LexicalModel::shipped().p_en_given_ru(sr[0], se[0].unwrap());
        assert!(shipped > 0.1 && model.p_en_given_ru(r[0], e[0].unwrap()) > 0.1);
        // Only the newest pairs are read past the cap.
        let Refreshed::Trained { pairs, .. } = refresh(&mut m, 10, 12).unwrap() else {
            panic!("not trained")
        };
        assert_eq!(pairs, 12);
        assert_eq!(m.lexicon().unwrap().unwrap().pairs, 12);
    }
}
