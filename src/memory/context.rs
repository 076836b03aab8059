//! Context from the props of imported units: which pairs came with their previous and next
//! source segment named in the file (TMX `prop` `prev`/`x-prev` and `next`/`x-next`, as
//! OmegaT writes its alternative translations; the same props on pairs read from bilingual
//! files), so that a later lookup with the same previous segment is a 101 % match. Both
//! stores give units this context inside the import's transaction: an import is stored with
//! its context or not at all.

use super::norm_hash;
use crate::formats::Unit;

/// The hashes of the previous and next source segments a unit's props name, if any: what an
/// import stores as the unit's context, in its own transaction.
pub fn named(unit: &Unit) -> (Option<i64>, Option<i64>) {
    let (prev, next) = unit.context();
    (prev.map(norm_hash), next.map(norm_hash))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lookup::{lookup_with, LookupOptions};
    use crate::memory::Memory;

    fn unit(src: &str, tgt: &str, props: &[(&str, &str)]) -> Unit {
        Unit {
            src_lang: "en".into(),
            src: src.into(),
            tgt_lang: "ru".into(),
            tgt: tgt.into(),
            props: props
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Unit::default()
        }
    }

    #[test]
    fn props_give_the_context_of_a_101_match() {
        let mut m = Memory::open_in_memory().unwrap();
        let units = [
            unit("Open the door.", "Откройте дверь.", &[]),
            unit(
                "Open the door.",
                "Открой дверь.",
                &[("x-prev", "The bell rings."), ("x-next", "Come in.")],
            ),
        ];
        let stats = m.import_units(&units, "import:t.tmx").unwrap();
        assert_eq!((stats.added, stats.with_context), (2, 1));
        let opts = |prev: &str| LookupOptions {
            prev: Some(prev.into()),
            ..LookupOptions::default()
        };
        let found = lookup_with(&m, "Open the door.", &opts("The bell rings.")).unwrap();
        assert_eq!(found[0].score, 101, "{found:?}");
        assert_eq!(found[0].proposal, "Открой дверь.");
        let other = lookup_with(&m, "Open the door.", &opts("Something else.")).unwrap();
        assert!(other.iter().all(|f| f.score == 100), "{other:?}");
        // Without props, the unit before in the file is the context.
        let next = [
            unit("The bell rings.", "Звонок.", &[]),
            unit("Close the door.", "Закройте дверь.", &[]),
        ];
        let stats = m.import_units(&next, "import:u.tmx").unwrap();
        assert_eq!((stats.added, stats.with_context), (2, 0));
        let found = lookup_with(&m, "Close the door.", &opts("The bell rings.")).unwrap();
        assert_eq!(found[0].score, 101, "{found:?}");
    }
}
