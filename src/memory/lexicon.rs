//! The memory's own bilingual lexical model: trained from its Russian–English pairs
//! (`tm lexicon`), kept in the memory beside them (table `lexicon`, one row), and used by
//! QA in place of the shipped model when present.

use super::Memory;
use crate::Result;
use rusqlite::{params, OptionalExtension};

/// Schema of version 3: the memory's lexical model.
pub(super) const SCHEMA_V3: &str = "CREATE TABLE IF NOT EXISTS lexicon (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    pairs INTEGER NOT NULL,
    trained_at TEXT NOT NULL,
    model TEXT NOT NULL
);";

/// A lexical model kept in a memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLexicon {
    /// How many of the memory's pairs it was trained on.
    pub pairs: i64,
    /// When (UTC, `YYYY-MM-DD HH:MM:SS`).
    pub trained_at: String,
    /// The model in the text form of `text::bilex::LexicalModel::to_tsv`.
    pub model: String,
}

impl Memory {
    /// The memory's lexical model, if one was trained.
    pub fn lexicon(&self) -> Result<Option<StoredLexicon>> {
        Ok(self
            .conn
            .query_row(
                "SELECT pairs, trained_at, model FROM lexicon WHERE id = 1",
                [],
                |r| {
                    Ok(StoredLexicon {
                        pairs: r.get(0)?,
                        trained_at: r.get(1)?,
                        model: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Keeps `model` (trained on `pairs` pairs) as the memory's lexical model, replacing
    /// any older one, in one transaction.
    pub fn set_lexicon(&mut self, pairs: i64, model: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO lexicon(id, pairs, trained_at, model)
             VALUES (1, ?1, strftime('%Y-%m-%d %H:%M:%S', 'now'), ?2)
             ON CONFLICT(id) DO UPDATE SET pairs = excluded.pairs,
                 trained_at = excluded.trained_at, model = excluded.model",
            params![pairs, model],
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lexicon_is_kept_and_replaced_whole() {
        let mut m = Memory::open_in_memory().unwrap();
        assert_eq!(m.lexicon().unwrap(), None);
        m.set_lexicon(10, "# a\nдом\thouse\t0.9\t0.8\n").unwrap();
        let l = m.lexicon().unwrap().unwrap();
        assert_eq!(
            (l.pairs, l.model.as_str()),
            (10, "# a\nдом\thouse\t0.9\t0.8\n")
        );
        m.set_lexicon(20, "x").unwrap();
        let l = m.lexicon().unwrap().unwrap();
        assert_eq!((l.pairs, l.model.as_str()), (20, "x"));
        assert_eq!(l.trained_at.len(), 19);
    }
}
