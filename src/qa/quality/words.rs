//! Which words go with good or poor translations? A linear model over the stems of both
//! sides (TF-IDF weighted, ridge regression on human scores, trained by `data/qe/train.py`):
//! some words are hard to translate (idioms, slang, proverbs' archaic words) and some
//! target words mark a translation that went wrong.
//!
//! The text form: a line `intercept B`, then lines `TOKEN IDF WEIGHT [BAD]`, where a token
//! is `r_` or `e_` followed by the stem of a Russian or English word
//! ([`crate::text::bilex::stem_key`]); `BAD`, for target stems, is how much likelier than
//! average post-editors changed a word of that stem (smoothed log-odds, 0 when absent).

use crate::text::bilex::{letter_runs, stem_key};
use crate::text::Lang;
use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

/// The word model: token → (idf, weight).
#[derive(Debug, Default)]
pub struct WordPrior {
    intercept: f64,
    /// Token → index into `params`.
    tokens: HashMap<String, u32>,
    /// (idf, weight) per token.
    params: Vec<(f64, f64)>,
    /// The log-odds that a target word of the token was changed, per token.
    bad: Vec<f64>,
}

impl WordPrior {
    /// Reads the text form; malformed lines are skipped.
    pub fn parse(text: &str) -> WordPrior {
        let mut m = WordPrior {
            intercept: 0.0,
            tokens: HashMap::new(),
            params: Vec::new(),
            bad: Vec::new(),
        };
        for line in text.lines() {
            let mut it = line.split('\t');
            match (it.next(), it.next(), it.next()) {
                (Some("intercept"), Some(b), None) => m.intercept = b.parse().unwrap_or(0.0),
                (Some(t), Some(idf), Some(w)) if !t.starts_with('#') => {
                    if let (Ok(idf), Ok(w)) = (idf.parse(), w.parse()) {
                        m.tokens.insert(t.to_string(), m.params.len() as u32);
                        m.params.push((idf, w));
                        m.bad
                            .push(it.next().and_then(|b| b.parse().ok()).unwrap_or(0.0));
                    }
                }
                _ => {}
            }
        }
        m
    }

    /// The shipped model.
    pub fn shipped() -> &'static WordPrior {
        static M: OnceLock<WordPrior> = OnceLock::new();
        M.get_or_init(|| WordPrior::parse(include_str!("../../../data/qe/words.tsv")))
    }

    /// The weight of one word (`prefix` is `r_` or `e_`), 0 when the model lacks it.
    pub fn weight(&self, prefix: &str, word: &str) -> f64 {
        let mut key = String::from(prefix);
        let mut stem = String::new();
        stem_key(word, &mut stem);
        key.push_str(&stem);
        self.tokens
            .get(&key)
            .map_or(0.0, |&i| self.params[i as usize].1)
    }

    /// The token index of a word of the given language (`None` when the model lacks it).
    pub fn token(&self, lang: Lang, word: &str) -> Option<u32> {
        self.token_with(lang, word, &mut String::with_capacity(16))
    }

    /// [`WordPrior::token`] with a buffer for the key.
    pub fn token_with(&self, lang: Lang, word: &str, key: &mut String) -> Option<u32> {
        key.clear();
        key.push_str(match lang {
            Lang::Ru => "r_",
            Lang::En => "e_",
        });
        for c in word.chars().flat_map(char::to_lowercase).take(5) {
            key.push(if c == 'ё' { 'е' } else { c });
        }
        self.tokens.get(key.as_str()).copied()
    }

    /// The weight of a token of [`WordPrior::token`] (0 for `None`).
    pub fn token_weight(&self, token: Option<u32>) -> f64 {
        token.map_or(0.0, |i| self.params[i as usize].1)
    }

    /// How likely a target word of the token is to be changed by a post-editor (log-odds
    /// relative to the average word; 0 for `None` or a token without the figure).
    pub fn token_bad(&self, token: Option<u32>) -> f64 {
        token.map_or(0.0, |i| self.bad[i as usize])
    }

    /// The model's estimate for a pair: the intercept plus the weights of its tokens, each
    /// taken with its sublinear term frequency times idf, the vector normalised to unit length.
    pub fn predict(&self, sides: &[(&str, Option<Lang>)]) -> f64 {
        let toks: Vec<Vec<Option<u32>>> = sides
            .iter()
            .map(|&(text, lang)| match lang {
                Some(l) => letter_runs(text)
                    .into_iter()
                    .map(|(_, _, w)| self.token(l, w))
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        let refs: Vec<&[Option<u32>]> = toks.iter().map(Vec::as_slice).collect();
        self.predict_tokens(&refs)
    }

    /// [`WordPrior::predict`] from the token indices of each side's words.
    pub fn predict_tokens(&self, sides: &[&[Option<u32>]]) -> f64 {
        // (token index, count): a pair has few distinct tokens, so a list is enough.
        let mut counts: Vec<(u32, f64)> = Vec::new();
        for &i in sides.iter().flat_map(|s| s.iter()).flatten() {
            match counts.iter_mut().find(|c| c.0 == i) {
                Some(c) => c.1 += 1.0,
                None => counts.push((i, 1.0)),
            }
        }
        let mut norm = 0.0f64;
        let mut dot = 0.0f64;
        for &(i, c) in &counts {
            let (idf, w) = self.params[i as usize];
            let v = (1.0 + c.ln()) * idf;
            norm += v * v;
            dot += v * w;
        }
        if norm > 0.0 {
            self.intercept + dot / norm.sqrt()
        } else {
            self.intercept
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_of_the_tokens_present_count_normalised() {
        let m = WordPrior::parse("intercept\t0.5\nr_дом\t1.0\t2.0\ne_house\t1.0\t-1.0\n");
        let one = m.predict(&[("дом", Some(Lang::Ru))]);
        assert!((one - 2.5).abs() < 1e-9);
        let both = m.predict(&[("дом", Some(Lang::Ru)), ("house", Some(Lang::En))]);
        assert!((both - (0.5 + (2.0 - 1.0) / 2f64.sqrt())).abs() < 1e-9);
        assert_eq!(m.predict(&[("кот", Some(Lang::Ru))]), 0.5);
        // The changed-word figure is read where a line has it.
        let b = WordPrior::parse("intercept\t0\ne_house\t1.0\t-1.0\t0.75\ne_cat\t1.0\t0.5\n");
        assert_eq!(b.token_bad(b.token(Lang::En, "Houses")), 0.75);
        assert_eq!(b.token_bad(b.token(Lang::En, "cat")), 0.0);
        assert_eq!(b.token_bad(b.token(Lang::En, "dog")), 0.0);
    }
}
