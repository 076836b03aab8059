//! Context from the props of imported units: which pairs came with their previous and next
//! source segment named in the file (TMX `prop` `prev`/`x-prev` and `next`/`x-next`, as
//! OmegaT writes its alternative translations; the same props on pairs read from bilingual
//! files), so that a later lookup with the same previous segment is a 101 % match. Both
//! stores give units this context inside the import's transaction: an import is stored with
//! its context or not at all.

use super::norm_hash;
use crate::formats::Unit;

/// The hashes of the previous and next source segments a unit's props name, if any: what an
/// import stores as the unit's context, in its own transaction. A unit of a file that keys
/// its units by id (OmegaT's `id` with `file`) and names no neighbours has its key as its
/// context instead ([`key_hash`]): a lookup that gives the same key is a 101 % match.
pub fn named(unit: &Unit) -> (Option<i64>, Option<i64>) {
    match unit.context() {
        (None, None) => (unit.key().map(|k| key_hash(&k)), None),
        (prev, next) => (prev.map(norm_hash), next.map(norm_hash)),
    }
}

/// The context hash of a unit's key ([`crate::formats::id_key`]): apart from the hash of any
/// segment text, so a key never passes for a previous segment.
pub fn key_hash(key: &str) -> i64 {
    norm_hash(&format!("\u{0}key\u{0}{key}"))
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

    #[test]
    fn a_key_is_the_context_of_a_unit_that_names_no_neighbours() {
        let mut m = Memory::open_in_memory().unwrap();
        let units = [
            unit("Save", "Сохранить", &[]),
            unit(
                "Save",
                "Сохранить файл",
                &[("file", "ui/Menu.properties"), ("id", "menu.save")],
            ),
        ];
        let stats = m.import_units(&units, "import:k.tmx").unwrap();
        assert_eq!((stats.added, stats.with_context), (2, 1));
        let with = |key: Option<String>, prev: Option<&str>| LookupOptions {
            key,
            prev: prev.map(str::to_string),
            ..LookupOptions::default()
        };
        // The same key, the file named with another folder: 101 %.
        let key = Some(crate::formats::id_key(Some("Menu.properties"), "menu.save"));
        let found = lookup_with(&m, "Save", &with(key.clone(), None)).unwrap();
        assert_eq!(
            (found[0].score, found[0].proposal.as_str()),
            (101, "Сохранить файл")
        );
        // Another key, or the key's text given as a previous segment: no context match.
        for opts in [
            with(
                Some(crate::formats::id_key(
                    Some("Menu.properties"),
                    "toolbar.save",
                )),
                None,
            ),
            with(None, Some("menu.save")),
            with(None, key.as_deref()),
        ] {
            let found = lookup_with(&m, "Save", &opts).unwrap();
            assert!(found.iter().all(|f| f.score == 100), "{found:?}");
        }
        // Neighbours named beside a key stay the context.
        let u = unit("Open", "Открыть", &[("id", "menu.open"), ("prev", "Save")]);
        assert_eq!(named(&u), (Some(norm_hash("Save")), None));
    }
}
