//! The calque list of the `garbled` check: English renderings of Russian set phrases and
//! idioms, word for word (`in the nearest time`, `with a pitchfork on water`), kept as data
//! in `calques.txt` with the beginnings of the Russian words each one renders.

use crate::text::Word;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One listed calque.
pub(crate) struct Calque {
    /// The English phrase, lower-cased words.
    pub phrase: Vec<String>,
    /// The Russian keys in order: each a set of accepted word beginnings (ё read as е).
    pub keys: Vec<Vec<String>>,
    /// What English says instead, if given.
    pub suggestion: Option<String>,
}

/// The shipped list, longest phrases first.
pub(crate) fn list() -> &'static [Calque] {
    static C: OnceLock<Vec<Calque>> = OnceLock::new();
    C.get_or_init(|| {
        let mut v: Vec<Calque> = include_str!("calques.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(parse)
            .filter(|c| !c.phrase.is_empty())
            .collect();
        v.sort_by_key(|c| std::cmp::Reverse(c.phrase.len()));
        v
    })
}

fn parse(line: &str) -> Calque {
    let mut cols = line.split('\t');
    let phrase = cols
        .next()
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let keys = cols
        .next()
        .map(str::trim)
        .filter(|k| *k != "-")
        .map(|k| {
            k.split_whitespace()
                .map(|alts| alts.split('|').map(norm).collect())
                .collect()
        })
        .unwrap_or_default();
    let suggestion = cols
        .next()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    Calque {
        phrase,
        keys,
        suggestion,
    }
}

/// Lower case, ё as е.
fn norm(w: &str) -> String {
    w.to_lowercase().replace('ё', "е")
}

/// How far (in words) a key may stand after the one before it.
const KEY_WINDOW: usize = 3;

/// Whether the Russian words (normalised by [`norm`]) hold the keys in order, each within
/// [`KEY_WINDOW`] words of the one before.
fn keys_hold(keys: &[Vec<String>], ru: &[String], from: usize, window: usize) -> bool {
    let Some((first, rest)) = keys.split_first() else {
        return true;
    };
    let end = ru.len().min(from.saturating_add(window));
    (from..end).any(|i| {
        first.iter().any(|k| ru[i].starts_with(k.as_str()))
            && keys_hold(rest, ru, i + 1, KEY_WINDOW)
    })
}

/// The listed calques in English words `en`, as word ranges with their entries. `russian`:
/// the Russian counterpart's words, when the text has one (the keys must be there then).
/// A phrase overlapping one already found (a longer one) is not found again.
pub(crate) fn find<'a>(
    en: &[Word<'_>],
    russian: Option<&[Word<'_>]>,
) -> Vec<(usize, usize, &'a Calque)> {
    let lowered: Vec<String> = en.iter().map(|w| w.text.to_lowercase()).collect();
    let by_first = by_first_word();
    let list = list();
    let mut ru: Option<Vec<String>> = None;
    let mut found: Vec<(usize, usize, &Calque)> = Vec::new();
    // Candidates: the entries whose first word is a word of the text, longest first.
    let mut cands: Vec<(usize, usize)> = Vec::new(); // (entry, position)
    for (i, w) in lowered.iter().enumerate() {
        for &e in by_first.get(w.as_str()).map_or(&[][..], Vec::as_slice) {
            cands.push((e, i));
        }
    }
    cands.sort_unstable();
    for (e, i) in cands {
        let c = &list[e];
        let j = i + c.phrase.len();
        if j > lowered.len()
            || lowered[i..j] != c.phrase[..]
            || found.iter().any(|&(a, b, _)| a < j && i < b)
        {
            continue;
        }
        if let Some(ws) = russian {
            let ru = ru.get_or_insert_with(|| ws.iter().map(|w| norm(w.text)).collect());
            if !keys_hold(&c.keys, ru, 0, usize::MAX) {
                continue;
            }
        }
        found.push((i, j, c));
    }
    found.sort_by_key(|&(i, _, _)| i);
    found
}

/// The list's entries by their phrase's first word.
fn by_first_word() -> &'static HashMap<&'static str, Vec<usize>> {
    static M: OnceLock<HashMap<&'static str, Vec<usize>>> = OnceLock::new();
    M.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (e, c) in list().iter().enumerate() {
            if let Some(w) = c.phrase.first() {
                m.entry(w.as_str()).or_default().push(e);
            }
        }
        m
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn phrases(en: &str, ru: Option<&str>) -> Vec<String> {
        let ew = words(en);
        let rw = ru.map(words);
        find(&ew, rw.as_deref())
            .into_iter()
            .map(|(i, j, _)| {
                ew[i..j]
                    .iter()
                    .map(|w| w.text)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn every_line_is_well_formed() {
        for line in include_str!("calques.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() >= 2, "{line}");
            assert_eq!(cols[0], cols[0].to_lowercase(), "{line}");
            assert!(
                cols[1] == "-" || cols[1].chars().any(crate::text::is_cyrillic),
                "{line}"
            );
        }
        assert!(list().len() >= 100);
    }

    #[test]
    fn calques_found_with_their_russian_keys() {
        assert_eq!(
            phrases(
                "The results will be published in the nearest time.",
                Some("Результаты будут опубликованы в ближайшее время.")
            ),
            ["in the nearest time"]
        );
        assert_eq!(
            phrases(
                "Whether the plan works is written with a pitchfork on water.",
                Some("Сработает ли план, ещё вилами по воде писано.")
            ),
            ["with a pitchfork on water"]
        );
        assert_eq!(
            phrases(
                "She took participation in the conference.",
                Some("Она приняла участие в конференции.")
            ),
            ["took participation"]
        );
        // A lone English text is read by the phrase alone.
        assert_eq!(
            phrases("He made an elephant out of a fly again.", None),
            ["elephant out of a fly"]
        );
    }

    #[test]
    fn phrases_without_the_russian_idiom_pass() {
        // The words are there, the Russian idiom is not: a literal statement.
        assert!(phrases(
            "The dog is buried in the garden.",
            Some("Собаку похоронили в саду.")
        )
        .is_empty());
        assert!(phrases("The cat cried all night.", Some("Кот плакал всю ночь.")).is_empty());
        assert!(phrases(
            "The results will be published soon.",
            Some("Результаты будут опубликованы в ближайшее время.")
        )
        .is_empty());
    }
}
