//! Part of speech and morphology: what is each word of a sentence — its universal POS tag,
//! its lemma and its morphological features (Universal Dependencies conventions), for English
//! and Russian.
//!
//! The models are averaged perceptrons trained by `data/tagger/train.py` on UD treebanks (and,
//! for Russian, the OpenCorpora dictionary); the files are embedded in the binary and read on
//! first use. See `data/tagger/SOURCES.md` for their sources, licence and accuracy.
//!
//! ```
//! use tm::text::tag::Tagger;
//! use tm::text::Lang;
//!
//! let tokens = Tagger::for_lang(Lang::En).tag_sentence("She doesn't like cats.");
//! let tags: Vec<&str> = tokens.iter().map(|t| t.upos).collect();
//! assert_eq!(tags, ["PRON", "AUX", "PART", "VERB", "NOUN", "PUNCT"]);
//! assert_eq!((tokens[2].text.as_str(), tokens[2].start, tokens[2].end), ("n't", 8, 11));
//! assert_eq!(tokens[4].lemma, "cat");
//! ```

pub mod conllu;
mod features;
mod model;
pub mod ru_forms;
mod tokenize;

pub use model::UPOS;
pub use tokenize::tokenize;

use crate::text::Lang;
use features::{last_chars, Sentence};
use model::Model;
use serde::Serialize;
use std::sync::OnceLock;

/// What can go wrong reading a tagger model.
#[derive(Debug, thiserror::Error)]
pub enum TagError {
    /// The model file is malformed.
    #[error("tagger model: {0}")]
    Model(&'static str),
}

/// A word of a tagged text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    /// The word as written.
    pub text: String,
    /// Char offset of its first char in the input.
    pub start: usize,
    /// Char offset one past its last char in the input.
    pub end: usize,
    /// Universal POS tag (one of [`UPOS`]).
    pub upos: &'static str,
    /// Lemma (dictionary form).
    pub lemma: String,
    /// Morphological features, UD style (`Case=Nom|Number=Sing`), `_` when none.
    pub feats: String,
}

/// The analysis of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Universal POS tag (one of [`UPOS`]).
    pub upos: &'static str,
    /// Lemma (dictionary form).
    pub lemma: String,
    /// Morphological features, UD style, `_` when none.
    pub feats: String,
}

/// A POS tagger, lemmatiser and morphological analyser for one language.
#[derive(Debug)]
pub struct Tagger {
    model: Model,
    lang: Lang,
}

static EN_MODEL: &[u8] = include_bytes!("../../../data/tagger/en.model");
static RU_MODEL: &[u8] = include_bytes!("../../../data/tagger/ru.model");

impl Tagger {
    /// Reads a tagger from a model file's bytes (as written by `data/tagger/train.py`).
    pub fn from_bytes(bytes: &[u8], lang: Lang) -> Result<Tagger, TagError> {
        let model = Model::read(bytes)?;
        if model.lang != lang.code() {
            return Err(TagError::Model("model is for another language"));
        }
        Ok(Tagger { model, lang })
    }

    /// The built-in tagger of `lang`, read on first use.
    pub fn try_for_lang(lang: Lang) -> Result<&'static Tagger, &'static TagError> {
        static EN: OnceLock<Result<Tagger, TagError>> = OnceLock::new();
        static RU: OnceLock<Result<Tagger, TagError>> = OnceLock::new();
        let (cell, bytes) = match lang {
            Lang::En => (&EN, EN_MODEL),
            Lang::Ru => (&RU, RU_MODEL),
        };
        cell.get_or_init(|| Tagger::from_bytes(bytes, lang))
            .as_ref()
    }

    /// The built-in tagger of `lang`, read on first use.
    ///
    /// # Panics
    /// When the embedded model is malformed, which the tests rule out.
    pub fn for_lang(lang: Lang) -> &'static Tagger {
        match Tagger::try_for_lang(lang) {
            Ok(t) => t,
            Err(e) => panic!("built-in {lang} {e}"),
        }
    }

    /// The language of the tagger.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Only the POS tags of pre-tokenised words (the fastest call).
    pub fn tag_upos(&self, words: &[&str]) -> Vec<&'static str> {
        let s = Sentence::new(&self.model, words);
        features::tag(&self.model, &s)
            .into_iter()
            .map(|t| UPOS[t as usize])
            .collect()
    }

    /// Tags, lemmas and features of the words of one sentence, already tokenised.
    pub fn tag_words(&self, words: &[&str]) -> Vec<Analysis> {
        let m = &self.model;
        let s = Sentence::new(m, words);
        let tags = features::tag(m, &s);
        let feats = features::feats(m, &s, &tags);
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let upos = UPOS[tags[i] as usize];
                Analysis {
                    upos,
                    lemma: self.lemma(w, s.key(i), upos),
                    feats: feats[i]
                        .map_or_else(|| "_".to_string(), |c| m.feat_classes[c as usize].clone()),
                }
            })
            .collect()
    }

    /// Tokenises and tags one sentence; offsets are char offsets into `sentence`.
    pub fn tag_sentence(&self, sentence: &str) -> Vec<Token> {
        self.tag_span(sentence, 0..sentence.len(), 0)
    }

    /// Splits `text` into sentences (the splitter of [`crate::segment`]) and tags each;
    /// offsets are char offsets into the whole `text`.
    pub fn tag_text(&self, text: &str) -> Vec<Vec<Token>> {
        let mut out = Vec::new();
        let (mut byte_pos, mut char_pos) = (0, 0);
        for r in crate::segment::split(text, self.lang) {
            char_pos += text[byte_pos..r.start].chars().count();
            byte_pos = r.start;
            out.push(self.tag_span(text, r, char_pos));
        }
        out
    }

    /// Tags the tokens of `text[range]`; `char_start` is the char offset of `range.start`.
    fn tag_span(&self, text: &str, range: std::ops::Range<usize>, char_start: usize) -> Vec<Token> {
        let base = range.start;
        let spans = tokenize(&text[range], self.lang);
        let words: Vec<&str> = spans
            .iter()
            .map(|r| &text[base + r.start..base + r.end])
            .collect();
        let analyses = self.tag_words(&words);
        let (mut byte_pos, mut char_pos) = (base, char_start);
        spans
            .iter()
            .zip(analyses)
            .map(|(r, a)| {
                let (s, e) = (base + r.start, base + r.end);
                char_pos += text[byte_pos..s].chars().count();
                let start = char_pos;
                char_pos += text[s..e].chars().count();
                byte_pos = e;
                Token {
                    text: text[s..e].to_string(),
                    start,
                    end: char_pos,
                    upos: a.upos,
                    lemma: a.lemma,
                    feats: a.feats,
                }
            })
            .collect()
    }

    /// The lemma of `form` (whose key is `key`) tagged `upos`: its entry in the lemma table,
    /// or the rule of its longest known ending, or the word itself.
    fn lemma(&self, form: &str, key: &str, upos: &str) -> String {
        let m = &self.model;
        let found = m
            .lemmas
            .get(features::fnv(&[key, "\t", upos]))
            .or_else(|| {
                let n = key.chars().count();
                (1..=5).rev().filter(|&k| n > k).find_map(|k| {
                    m.rules
                        .get(features::fnv(&[upos, "\t", last_chars(key, k)]))
                })
            })
            .and_then(|e| m.edits.get(e as usize).copied());
        let (strip, keep_case, append) = match found {
            Some(e) => (
                e.strip as usize,
                e.keep_case,
                m.appends.get(e.append as usize).map_or("", String::as_str),
            ),
            None => (0, upos == "PROPN", ""),
        };
        let key_len = key.chars().count();
        let strip = strip.min(key_len);
        let base = if keep_case && form.chars().count() == key_len {
            form
        } else {
            key
        };
        let keep = key_len - strip;
        let cut = base.char_indices().nth(keep).map_or(base.len(), |(i, _)| i);
        let mut out = String::with_capacity(cut + append.len());
        out.push_str(&base[..cut]);
        out.push_str(append);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_models_load() {
        for lang in [Lang::En, Lang::Ru] {
            let t = Tagger::try_for_lang(lang).expect("model");
            assert!(t.model.tagger.len() > 1000);
            assert!(t.model.feats.len() > 1000);
        }
        assert!(Tagger::from_bytes(EN_MODEL, Lang::Ru).is_err());
    }

    #[test]
    fn empty_input() {
        let t = Tagger::for_lang(Lang::Ru);
        assert!(t.tag_sentence("").is_empty());
        assert!(t.tag_words(&[]).is_empty());
        assert!(t.tag_text("  \n ").is_empty());
    }
}
