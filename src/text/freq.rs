//! Word frequencies (English, Russian) and English word-pair counts, from the lists shipped in
//! `data/lm/` (see its SOURCES.md). Parsed once, on first use.

use super::Lang;
use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

/// Word lists: word → Zipf frequency (log10 of uses per billion words), in frequency order.
/// The words borrow from the lists built into the binary.
pub struct Frequencies {
    /// Word → Zipf frequency.
    pub zipf: HashMap<&'static str, f32>,
    /// The words, most frequent first.
    pub ranked: Vec<&'static str>,
}

fn parse_words(text: &'static str) -> Frequencies {
    let lines = || text.lines().filter(|l| !l.starts_with('#'));
    let mut zipf = HashMap::with_capacity(lines().count());
    let mut ranked = Vec::with_capacity(zipf.capacity());
    for line in lines() {
        if let Some((w, z)) = line.split_once('\t') {
            if let Ok(z) = z.parse::<f32>() {
                zipf.insert(w, z);
                ranked.push(w);
            }
        }
    }
    Frequencies { zipf, ranked }
}

/// The frequency list of a language.
pub fn words(lang: Lang) -> &'static Frequencies {
    static EN: OnceLock<Frequencies> = OnceLock::new();
    static RU: OnceLock<Frequencies> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| parse_words(include_str!("../../data/lm/en_words.tsv"))),
        Lang::Ru => RU.get_or_init(|| parse_words(include_str!("../../data/lm/ru_words.tsv"))),
    }
}

/// Zipf frequency of a lower-case word, if the list has it.
pub fn zipf(lang: Lang, word: &str) -> Option<f32> {
    words(lang).zipf.get(word).copied()
}

/// English word pairs with their counts, and the total count.
pub struct Bigrams {
    counts: HashMap<(u32, u32), u64>,
    ids: HashMap<&'static str, u32>,
    /// Sum of all counts.
    pub total: f64,
}

impl Bigrams {
    /// The count of the pair `a b` (lower case), 0 when unlisted.
    pub fn count(&self, a: &str, b: &str) -> u64 {
        match (self.ids.get(a), self.ids.get(b)) {
            (Some(&x), Some(&y)) => self.counts.get(&(x, y)).copied().unwrap_or(0),
            _ => 0,
        }
    }
}

/// The English bigram list.
pub fn en_bigrams() -> &'static Bigrams {
    static B: OnceLock<Bigrams> = OnceLock::new();
    B.get_or_init(|| {
        let mut ids: HashMap<&'static str, u32> = HashMap::new();
        let mut counts = HashMap::new();
        let mut total = 0f64;
        for line in include_str!("../../data/lm/en_bigrams.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((pair, c)) = line.split_once('\t') else {
                continue;
            };
            let (Some((a, b)), Ok(c)) = (pair.split_once(' '), c.parse::<u64>()) else {
                continue;
            };
            let n = ids.len() as u32;
            let x = *ids.entry(a).or_insert(n);
            let n = ids.len() as u32;
            let y = *ids.entry(b).or_insert(n);
            counts.insert((x, y), c);
            total += c as f64;
        }
        Bigrams { counts, ids, total }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        assert!(zipf(Lang::En, "the").unwrap() > 7.0);
        assert!(zipf(Lang::Ru, "и").unwrap() > 7.0);
        assert!(zipf(Lang::En, "qzxv").is_none());
        let b = en_bigrams();
        assert!(b.count("of", "the") > b.count("the", "of"));
        assert_eq!(b.count("qzxv", "the"), 0);
    }
}
