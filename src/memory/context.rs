//! Context from the props of imported units: which pairs came with their previous and next
//! source segment named in the file (TMX `prop` `prev`/`x-prev` and `next`/`x-next`, as
//! OmegaT writes its alternative translations; the same props on pairs read from bilingual
//! files), so that a later lookup with the same previous segment is a 101 % match.

use super::{norm_hash, Memory};
use crate::Result;
use rusqlite::params;

impl Memory {
    /// Gives the pairs imported from `origin` the context their props name (see the module
    /// comment), in one transaction; pairs whose props name none keep the context of the
    /// import (the unit before them in the file). Returns the number of pairs given context.
    pub fn apply_context_props(&mut self, origin: &str) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut changed = 0usize;
        {
            let mut select = tx.prepare(
                "SELECT id, props FROM segments WHERE origin = ?1 AND props IS NOT NULL
                 AND (props LIKE '%prev%' OR props LIKE '%next%')",
            )?;
            let rows: Vec<(i64, String)> = select
                .query_map(params![origin], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut update = tx.prepare(
                "UPDATE segments SET prev_hash = coalesce(?2, prev_hash),
                    next_hash = coalesce(?3, next_hash) WHERE id = ?1",
            )?;
            for (id, json) in rows {
                let Ok(props) = serde_json::from_str::<Vec<(String, String)>>(&json) else {
                    continue;
                };
                let unit = crate::formats::Unit {
                    props,
                    ..Default::default()
                };
                let (prev, next) = unit.context();
                if prev.is_none() && next.is_none() {
                    continue;
                }
                update.execute(params![id, prev.map(norm_hash), next.map(norm_hash)])?;
                changed += 1;
            }
        }
        tx.commit()?;
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Unit;
    use crate::lookup::{lookup_with, LookupOptions};

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
        m.import_units(&units, "import:t.tmx").unwrap();
        assert_eq!(m.apply_context_props("import:t.tmx").unwrap(), 1);
        let opts = |prev: &str| LookupOptions {
            prev: Some(prev.into()),
            ..LookupOptions::default()
        };
        let found = lookup_with(&m, "Open the door.", &opts("The bell rings.")).unwrap();
        assert_eq!(found[0].score, 101, "{found:?}");
        assert_eq!(found[0].proposal, "Открой дверь.");
        let other = lookup_with(&m, "Open the door.", &opts("Something else.")).unwrap();
        assert!(other.iter().all(|f| f.score == 100), "{other:?}");
        // Another origin is left alone.
        assert_eq!(m.apply_context_props("import:other.tmx").unwrap(), 0);
    }
}
