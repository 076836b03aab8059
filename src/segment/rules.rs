//! Abbreviation rules, read from the data files beside this module.

use crate::text::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How a period after an abbreviation behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Never ends a sentence.
    Never,
    /// Does not end a sentence before a number.
    Number,
    /// Ends a sentence only after a number and before a capital.
    Unit,
    /// Ends a sentence only before a capital.
    Abbr,
}

/// The abbreviation rules of one language.
#[derive(Debug, Default)]
pub struct Rules {
    classes: HashMap<String, Class>,
}

impl Rules {
    /// Parses rules in the `CLASS: entry entry …` format of `rules/*.txt`.
    pub fn parse(src: &str) -> Rules {
        let mut classes = HashMap::new();
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((kind, entries)) = line.split_once(':') else {
                continue;
            };
            let class = match kind.trim() {
                "never" => Class::Never,
                "number" => Class::Number,
                "unit" => Class::Unit,
                "abbr" => Class::Abbr,
                _ => continue,
            };
            for e in entries.split_whitespace() {
                classes.entry(e.to_lowercase()).or_insert(class);
            }
        }
        Rules { classes }
    }

    /// The built-in rules for `lang`.
    pub fn for_lang(lang: Lang) -> &'static Rules {
        static EN: OnceLock<Rules> = OnceLock::new();
        static RU: OnceLock<Rules> = OnceLock::new();
        match lang {
            Lang::En => EN.get_or_init(|| Rules::parse(include_str!("rules/en.txt"))),
            Lang::Ru => RU.get_or_init(|| Rules::parse(include_str!("rules/ru.txt"))),
        }
    }

    /// The class of the word before a period (case-insensitive), if it is a known abbreviation.
    pub fn class(&self, word: &str) -> Option<Class> {
        self.classes.get(&word.to_lowercase()).copied()
    }
}
