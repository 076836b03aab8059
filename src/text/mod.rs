//! Text: which language a piece of text is in, how it is normalised for matching,
//! and where its words are.
//!
//! Everything here works on `&str` and reports positions as **char offsets** (what
//! reports and the JSON output use), never byte offsets, unless a name says `byte`.

pub mod bilex;
pub mod freq;
pub mod lexicon;
pub mod markup;
pub mod memo;
pub mod names;
pub mod tag;
pub mod translit;

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// A language the engine has rules for. Other languages pass through as codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// Parses a language code such as `en`, `EN-us`, `ru_RU`; `None` for other languages.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" | "eng" => Some(Lang::En),
            "ru" | "rus" => Some(Lang::Ru),
            _ => None,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Counts of letters by script in a text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ScriptCounts {
    /// Latin letters (A–Z and accented Latin).
    pub latin: usize,
    /// Cyrillic letters.
    pub cyrillic: usize,
    /// Letters of any other script.
    pub other: usize,
}

/// True for letters of the Cyrillic blocks.
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

/// True for Latin letters (Basic Latin and the Latin supplements/extensions).
pub fn is_latin(c: char) -> bool {
    // The ranges first: the Unicode tables are only read for chars inside them.
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{FF21}'..='\u{FF5A}')
            && c.is_alphabetic())
}

/// True for pictographic emoji and the characters that extend them (skin tones, joiners,
/// variation selectors, the keycap mark).
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF
        | 0x200D | 0xFE0F | 0x20E3)
}

/// `char::is_alphabetic` with fast paths for ASCII and the basic Cyrillic letters, which are
/// nearly all the chars this tool sees (the general lookup is a table search).
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if matches!(c, 'А'..='я' | 'Ё' | 'ё') {
        true
    } else {
        c.is_alphabetic()
    }
}

/// `char::is_uppercase` with the same fast paths as [`is_letter`].
#[inline]
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else if matches!(c, 'А'..='Я' | 'Ё') {
        true
    } else if matches!(c, 'а'..='я' | 'ё') {
        false
    } else {
        c.is_uppercase()
    }
}

/// Counts the letters of `text` by script.
pub fn script_counts(text: &str) -> ScriptCounts {
    let mut counts = ScriptCounts::default();
    for c in text.chars().filter(|&c| is_letter(c)) {
        if is_cyrillic(c) {
            counts.cyrillic += 1;
        } else if is_latin(c) {
            counts.latin += 1;
        } else {
            counts.other += 1;
        }
    }
    counts
}

/// Guesses the language of `text` from the share of Cyrillic and Latin letters.
///
/// Russian text routinely contains Latin names and acronyms and English text may quote a
/// Russian word, so the majority script decides; `None` when the text has no letters.
pub fn detect_lang(text: &str) -> Option<Lang> {
    // Words vote by script; capitalised words (names, acronyms) vote weakly, since Russian
    // text quotes Latin names and English text transliterated Russian ones.
    let (mut cyr, mut lat) = (0.0f64, 0.0f64);
    for w in text.unicode_words() {
        let c = script_counts(w);
        if c.cyrillic + c.latin == 0 {
            continue;
        }
        let weight = if is_capitalized(w) { 0.3 } else { 1.0 };
        if c.cyrillic >= c.latin {
            cyr += weight;
        } else {
            lat += weight;
        }
    }
    if cyr + lat == 0.0 {
        None
    } else if cyr >= lat {
        Some(Lang::Ru)
    } else {
        Some(Lang::En)
    }
}

/// Normalises text for matching: lower case, `ё`→`е`, typographic quotes, apostrophes and
/// dashes folded to one form, runs of whitespace collapsed, ends trimmed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(&mut out, text);
    out
}

/// Appends the normalised form of `text` ([`normalize`]) to `out`.
pub fn normalize_into(out: &mut String, text: &str) {
    normalized_chars(text, |c| out.push(c));
}

/// Calls `push` with each char of the normalised form of `text` ([`normalize`]), in order:
/// what [`normalize_into`] appends, for a caller that needs no string (a hash of it).
#[inline]
pub fn normalized_chars(text: &str, mut push: impl FnMut(char)) {
    let mut started = false;
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = started;
            continue;
        }
        if pending_space {
            push(' ');
            pending_space = false;
        }
        started = true;
        push_normalized(&mut push, c);
    }
}

/// The normalised form of one non-space char (see [`normalize`]), one char or more.
#[inline]
fn push_normalized(push: &mut impl FnMut(char), c: char) {
    if c.is_ascii() && c != '`' {
        push(c.to_ascii_lowercase());
        return;
    }
    match c {
        // Russian letters without the Unicode case tables (most non-ASCII text here).
        'а'..='я' => push(c),
        'А'..='Я' => push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        'ё' | 'Ё' => push('е'),
        '‘' | '’' | '‚' | '‛' | '`' | '´' | 'ʼ' => push('\''),
        '“' | '”' | '„' | '‟' | '«' | '»' => push('"'),
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => push('-'),
        _ => c.to_lowercase().for_each(push),
    }
}

/// A word of a text with its char offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as written.
    pub text: &'a str,
    /// Char offset of its first char.
    pub start: usize,
    /// Char offset one past its last char.
    pub end: usize,
    /// Byte offset of its first byte.
    pub byte_start: usize,
}

/// The words of `text` (Unicode word boundaries, UAX #29), with char offsets.
/// Punctuation and whitespace are not words; numbers are.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut char_pos = 0usize;
    let mut byte_pos = 0usize;
    for (byte_start, w) in text.unicode_word_indices() {
        char_pos += text[byte_pos..byte_start].chars().count();
        let len = w.chars().count();
        out.push(Word {
            text: w,
            start: char_pos,
            end: char_pos + len,
            byte_start,
        });
        char_pos += len;
        byte_pos = byte_start + w.len();
    }
    out
}

/// Lower-cased word tokens of `text`, for matching and indexing.
pub fn word_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for_each_word_key(text, |_, key| keys.push(key.to_string()));
    keys
}

/// Calls `f(word, key)` for every word of `text` (Unicode word boundaries) with its key (the
/// word normalised, as in [`word_keys`]), through one buffer instead of a string per word.
pub fn for_each_word_key(text: &str, mut f: impl FnMut(&str, &str)) {
    let mut key = String::new();
    for w in text.unicode_words() {
        key.clear();
        normalize_into(&mut key, w);
        f(w, &key);
    }
}

/// The stem of a word (Snowball stemmer, Russian or English by script), normalised; used to
/// find inflected forms (`работать` → `работ`, `relations` → `relat`).
pub fn stem(word: &str) -> String {
    use rust_stemmers::{Algorithm, Stemmer};
    use std::sync::OnceLock;
    static RU: OnceLock<Stemmer> = OnceLock::new();
    static EN: OnceLock<Stemmer> = OnceLock::new();
    let w = normalize(word);
    let stemmer = if w.chars().any(is_cyrillic) {
        RU.get_or_init(|| Stemmer::create(Algorithm::Russian))
    } else {
        EN.get_or_init(|| Stemmer::create(Algorithm::English))
    };
    stemmer.stem(&w).into_owned()
}

/// The word with its first letter in upper case (`египете` → `Египете`).
pub fn capitalize(word: &str) -> String {
    let mut cs = word.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// True when the word starts with an upper-case letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(is_upper)
}

/// True when every letter of the word is upper case and it has at least two letters (acronyms).
pub fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    #[test]
    fn normalize_lowers_every_char_as_the_standard_library_does() {
        let reference = |c: char| -> String {
            match c {
                'ё' | 'Ё' => "е".into(),
                '‘' | '’' | '‚' | '‛' | '`' | '´' | 'ʼ' => "'".into(),
                '“' | '”' | '„' | '‟' | '«' | '»' => "\"".into(),
                '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => "-".into(),
                _ => c.to_lowercase().collect(),
            }
        };
        for c in (0u32..0x3_0000).filter_map(char::from_u32) {
            if c.is_whitespace() {
                continue;
            }
            assert_eq!(normalize(&c.to_string()), reference(c), "{c:?}");
        }
        assert_eq!(
            normalize("  İstanbul  ЁЖ\tи\n«Ёлка» "),
            "i̇stanbul еж и \"елка\""
        );
    }

    use super::*;

    #[test]
    fn detects_language_by_majority_script() {
        assert_eq!(
            detect_lang("Штайнмайер заявил о готовности НАТО"),
            Some(Lang::Ru)
        );
        assert_eq!(detect_lang("Steinmeier said that NATO"), Some(Lang::En));
        assert_eq!(detect_lang("Встреча NATO и EU в Brussels"), Some(Lang::Ru));
        assert_eq!(detect_lang("2008 — 2009"), None);
    }

    #[test]
    fn normalises_case_quotes_and_space() {
        assert_eq!(
            normalize("  Russia’s  “Ёлка”\t— X "),
            "russia's \"елка\" - x"
        );
    }

    #[test]
    fn words_carry_char_offsets() {
        let text = "«Да», — Russia''s relatiomns";
        let ws = words(text);
        let last = ws.last().unwrap();
        assert_eq!(last.text, "relatiomns");
        let chars: Vec<char> = text.chars().collect();
        let span: String = chars[last.start..last.end].iter().collect();
        assert_eq!(span, "relatiomns");
        assert_eq!(ws[0].text, "Да");
        assert_eq!(ws[0].start, 1);
    }

    #[test]
    fn lang_codes() {
        assert_eq!(Lang::from_code("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_code("RU_ru"), Some(Lang::Ru));
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn caps() {
        assert!(is_all_caps("NATO"));
        assert!(is_all_caps("НАТО"));
        assert!(!is_all_caps("Nato"));
        assert!(!is_all_caps("A"));
        assert!(is_capitalized("Россия"));
    }
}
