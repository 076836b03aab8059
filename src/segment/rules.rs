//! Abbreviation rules, read from the data files beside this module.

use crate::text::Lang;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::cell::RefCell;
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
    starters: HashSet<String>,
    pronoun_i: bool,
    lowercase_starts: bool,
    /// Language whose lexicon tells common words from names (`option: common-word-starts`).
    lexicon: Option<Lang>,
}

impl Rules {
    /// Parses rules in the `CLASS: entry entry …` format of `rules/*.txt`.
    pub fn parse(src: &str, lang: Lang) -> Rules {
        let mut classes = HashMap::new();
        let mut starters = HashSet::new();
        let mut pronoun_i = false;
        let mut lowercase_starts = false;
        let mut lexicon = None;
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((kind, entries)) = line.split_once(':') else {
                continue;
            };
            match kind.trim() {
                "starter" => {
                    starters.extend(entries.split_whitespace().map(str::to_lowercase));
                    continue;
                }
                "option" => {
                    for e in entries.split_whitespace() {
                        match e {
                            "pronoun-i" => pronoun_i = true,
                            "lowercase-starts" => lowercase_starts = true,
                            "common-word-starts" => lexicon = Some(lang),
                            _ => {}
                        }
                    }
                    continue;
                }
                _ => {}
            }
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
        Rules {
            classes,
            starters,
            pronoun_i,
            lowercase_starts,
            lexicon,
        }
    }

    /// The built-in rules for `lang`.
    pub fn for_lang(lang: Lang) -> &'static Rules {
        static EN: OnceLock<Rules> = OnceLock::new();
        static RU: OnceLock<Rules> = OnceLock::new();
        match lang {
            Lang::En => EN.get_or_init(|| Rules::parse(include_str!("rules/en.txt"), Lang::En)),
            Lang::Ru => RU.get_or_init(|| Rules::parse(include_str!("rules/ru.txt"), Lang::Ru)),
        }
    }

    /// True when `word` (a capitalised word after a period, maybe with trailing punctuation)
    /// typically starts a sentence: pronouns, determiners, conjunctions, numerals.
    pub fn is_starter(&self, word: &str) -> bool {
        self.starts_sentence(word, true)
    }

    /// As [`Rules::is_starter`]; `lexicon` allows the common-word test, which is off after
    /// initials (surnames are often common words: Л. Н. Толстой).
    pub fn starts_sentence(&self, word: &str, lexicon: bool) -> bool {
        let w = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        // "И." is an initial, not the conjunction.
        let initial = w.chars().count() == 1 && word[w.len()..].starts_with('.');
        if initial || !crate::text::is_capitalized(w) {
            return false;
        }
        if with_lower(w, |l| self.starters.contains(l)) {
            return true;
        }
        // Where only names are capitalised inside a sentence, a capitalised common word
        // (longer than a one-letter preposition) starts one.
        lexicon
            && self.lexicon.is_some_and(|l| {
                w.chars().count() > 1
                    && w.chars().skip(1).all(|c| !c.is_uppercase())
                    && crate::text::lexicon::is_frequent_common_word(l, w)
            })
    }

    /// True when `word` is a title that precedes names (`Mr.`, `Dr.`, `Prof.`).
    pub fn is_title(&self, word: &str) -> bool {
        let w = word.trim_end_matches('.');
        crate::text::is_capitalized(w) && self.class(w) == Some(Class::Never)
    }

    /// True when the language writes the pronoun "I" capitalised mid-sentence and `word` is it
    /// (`I`, `I'm`, `I’d`).
    pub fn is_pronoun_i(&self, word: &str) -> bool {
        self.pronoun_i && (word == "I" || word.starts_with("I'") || word.starts_with("I’"))
    }

    /// True when a period after an ordinary word followed by a lower-case word ends a sentence
    /// (`option: lowercase-starts`, for informal English).
    pub fn lowercase_starts(&self) -> bool {
        self.lowercase_starts
    }

    /// The class of the word before a period (case-insensitive), if it is a known abbreviation.
    pub fn class(&self, word: &str) -> Option<Class> {
        if word.chars().any(char::is_uppercase) {
            with_lower(word, |l| self.classes.get(l).copied())
        } else {
            self.classes.get(word).copied()
        }
    }
}

/// Calls `f` with `word` in lower case, built in a buffer kept per thread: the splitter asks
/// after every period, and a new string each time showed in its profile.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static BUF: RefCell<String> = const { RefCell::new(String::new()) };
    }
    BUF.with(|b| match b.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            buf.extend(word.chars().flat_map(char::to_lowercase));
            f(&buf)
        }
        Err(_) => f(&word.to_lowercase()),
    })
}
