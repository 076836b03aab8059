//! A pair read once for the quality score: the words of both sides, their lower-case forms,
//! frequencies, transliterations, stem ids, word-prior tokens and lexical probabilities,
//! shared by the pair's features ([`super::features`]) and its words' rows ([`super::spans`]).

use super::features::Probs;
use super::words::WordPrior;
use crate::text::bilex::{letter_runs, LexicalModel};
use crate::text::{freq, translit, Lang};

/// One side of a prepared pair.
pub struct PreparedSide<'a> {
    /// Its language, if known.
    pub lang: Option<Lang>,
    /// Its words (runs of letters) with their char offsets.
    pub runs: Vec<(usize, usize, &'a str)>,
    /// The words alone.
    pub words: Vec<&'a str>,
    /// The words in lower case (`str::to_lowercase`).
    pub lows: Vec<String>,
    /// Zipf frequency of each word in lower case, read as `ё`-less when the form with `ё`
    /// is unlisted (`None` when both are unlisted or the language is unknown).
    pub zipf: Vec<Option<f32>>,
    /// Zipf frequency of each word in lower case with `ё` read as `е`.
    pub zipf_e: Vec<Option<f32>>,
    /// The first four letters of each word's transliteration, for words of four letters or
    /// more.
    pub latin4: Vec<Option<Latin4>>,
    /// Stem ids in the lexical model.
    pub ids: Vec<Option<u32>>,
    /// Token indices in the word prior.
    pub tokens: Vec<Option<u32>>,
}

impl<'a> PreparedSide<'a> {
    fn new(lex: &LexicalModel, prior: &WordPrior, text: &'a str, lang: Option<Lang>) -> Self {
        let runs = letter_runs(text);
        let words: Vec<&str> = runs.iter().map(|r| r.2).collect();
        let lows: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let mut zipf = Vec::with_capacity(words.len());
        let mut zipf_e = Vec::with_capacity(words.len());
        for (w, low) in words.iter().zip(&lows) {
            let Some(lang) = lang else {
                zipf.push(None);
                zipf_e.push(None);
                continue;
            };
            // `str::to_lowercase` and char-wise lower-casing differ only for a final sigma.
            let chars_low;
            let low_c: &str = if w.contains('Σ') {
                chars_low = w.chars().flat_map(char::to_lowercase).collect::<String>();
                &chars_low
            } else {
                low
            };
            let plain = freq::zipf(lang, low_c);
            if low.contains('ё') || low_c.contains('ё') {
                let e = freq::zipf(lang, &low.replace('ё', "е"));
                zipf.push(plain.or_else(|| freq::zipf(lang, &low_c.replace('ё', "е"))));
                zipf_e.push(e);
            } else if low_c.len() == low.len() && low_c == low.as_str() {
                zipf.push(plain);
                zipf_e.push(plain);
            } else {
                zipf.push(plain);
                zipf_e.push(freq::zipf(lang, low));
            }
        }
        let latin4 = words
            .iter()
            .map(|w| (w.chars().count() >= 4).then(|| latin_prefix(w)))
            .collect();
        let ids = match lang {
            Some(Lang::Ru) => lex.ru_ids(&words),
            Some(Lang::En) => lex.en_ids(&words),
            None => vec![None; words.len()],
        };
        let mut key = String::new();
        let tokens = match lang {
            Some(l) => words
                .iter()
                .map(|w| prior.token_with(l, w, &mut key))
                .collect(),
            None => vec![None; words.len()],
        };
        PreparedSide {
            lang,
            runs,
            words,
            lows,
            zipf,
            zipf_e,
            latin4,
            ids,
            tokens,
        }
    }
}

/// Up to four chars (a transliteration's first four), compared without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Latin4([char; 4]);

/// The first four chars of a word's transliteration ([`translit::to_latin`]).
fn latin_prefix(w: &str) -> Latin4 {
    Latin4(translit::latin4(w))
}

/// A pair read once (see the module doc).
pub struct PreparedPair<'a> {
    /// The source side.
    pub src: PreparedSide<'a>,
    /// The target side.
    pub tgt: PreparedSide<'a>,
    /// The lexical probabilities between their words.
    pub probs: Probs,
    /// Whether the pair is Russian–English in either direction.
    pub ru_en_pair: bool,
}

impl<'a> PreparedPair<'a> {
    /// Reads a pair; `src_lang`/`tgt_lang` pick the lexical direction and the frequency lists.
    pub fn new(
        lex: &LexicalModel,
        prior: &WordPrior,
        src: &'a str,
        tgt: &'a str,
        src_lang: Option<Lang>,
        tgt_lang: Option<Lang>,
    ) -> PreparedPair<'a> {
        let s = PreparedSide::new(lex, prior, src, src_lang);
        let t = PreparedSide::new(lex, prior, tgt, tgt_lang);
        let probs = Probs::new(lex, &s.ids, &t.ids, src_lang, tgt_lang);
        PreparedPair {
            src: s,
            tgt: t,
            probs,
            ru_en_pair: matches!(
                (src_lang, tgt_lang),
                (Some(Lang::Ru), Some(Lang::En)) | (Some(Lang::En), Some(Lang::Ru))
            ),
        }
    }
}
