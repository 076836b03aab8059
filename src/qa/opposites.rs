//! Words rendered by their opposite (`рост` → `fall`, `открыл` → `closed`), read through the
//! pairs of opposite meanings in `opposites.txt`; reported by the `negation` check.

use crate::text::{Lang, Word};
use std::sync::OnceLock;

/// One pole of a pair: its Russian and English word patterns.
struct Pole {
    ru: Patterns,
    en: Patterns,
}

/// Word patterns: whole words, beginnings, excluded beginnings.
#[derive(Default)]
struct Patterns {
    words: Vec<String>,
    prefixes: Vec<String>,
    excluded: Vec<String>,
}

impl Patterns {
    fn parse(text: &str) -> Patterns {
        let mut p = Patterns::default();
        for w in text.split_whitespace() {
            let w = norm(w);
            if let Some(x) = w.strip_prefix('!') {
                p.excluded.push(x.trim_end_matches('*').to_string());
            } else if let Some(x) = w.strip_suffix('*') {
                p.prefixes.push(x.to_string());
            } else {
                p.words.push(w);
            }
        }
        p
    }

    /// Whether a normalised word is one of these.
    fn matches(&self, w: &str) -> bool {
        (self.words.iter().any(|x| x == w) || self.prefixes.iter().any(|x| w.starts_with(x)))
            && !self.excluded.iter().any(|x| w.starts_with(x))
    }
}

impl Pole {
    fn of(&self, lang: Lang) -> &Patterns {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

/// Lower case, ё as е.
fn norm(w: &str) -> String {
    w.to_lowercase().replace('ё', "е")
}

fn pairs() -> &'static [(Pole, Pole)] {
    static P: OnceLock<Vec<(Pole, Pole)>> = OnceLock::new();
    P.get_or_init(|| {
        include_str!("opposites.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (a, b) = l.split_once('\t')?;
                let pole = |p: &str| {
                    let (ru, en) = p.split_once('|')?;
                    Some(Pole {
                        ru: Patterns::parse(ru),
                        en: Patterns::parse(en),
                    })
                };
                Some((pole(a)?, pole(b)?))
            })
            .collect()
    })
}

/// A target word that says the opposite of a source word.
pub(crate) struct Opposite {
    /// Index of the source word.
    pub source: usize,
    /// Index of the target word.
    pub target: usize,
}

/// The key a word is looked up by: its first three chars (patterns are at least that long,
/// or whole words).
fn key(w: &str) -> String {
    w.chars().take(3).collect()
}

/// For each pair and pole (`pair * 2 + pole`), in each language: the patterns whose key is
/// the key, so that each word is compared with a few patterns only.
fn index(lang: Lang) -> &'static std::collections::HashMap<String, Vec<usize>> {
    static I: OnceLock<[std::collections::HashMap<String, Vec<usize>>; 2]> = OnceLock::new();
    let all = I.get_or_init(|| {
        let build = |lang: Lang| {
            let mut m: std::collections::HashMap<String, Vec<usize>> =
                std::collections::HashMap::new();
            for (i, (a, b)) in pairs().iter().enumerate() {
                for (k, pole) in [a, b].into_iter().enumerate() {
                    let p = pole.of(lang);
                    for w in p.words.iter().chain(&p.prefixes) {
                        let e = m.entry(key(w)).or_default();
                        if !e.contains(&(i * 2 + k)) {
                            e.push(i * 2 + k);
                        }
                    }
                }
            }
            m
        };
        [build(Lang::Ru), build(Lang::En)]
    });
    match lang {
        Lang::Ru => &all[0],
        Lang::En => &all[1],
    }
}

/// For each pair and pole (`pair * 2 + pole`), the first word of a side that says it.
fn poles(lang: Lang, ws: &[Word<'_>]) -> std::collections::HashMap<usize, usize> {
    let mut found = std::collections::HashMap::new();
    let idx = index(lang);
    let list = pairs();
    for (wi, w) in ws.iter().enumerate() {
        let n = norm(w.text);
        let Some(cands) = idx.get(&key(&n)) else {
            continue;
        };
        for &c in cands {
            let (a, b) = &list[c / 2];
            let pole = if c % 2 == 0 { a } else { b };
            if pole.of(lang).matches(&n) {
                found.entry(c).or_insert(wi);
            }
        }
    }
    found
}

/// The target words of one pole where the source has the other pole: the source holds pole
/// A and not B, the target B and not A (or the other way round).
pub(crate) fn find(
    src_lang: Lang,
    src: &[Word<'_>],
    tgt_lang: Lang,
    tgt: &[Word<'_>],
) -> Vec<Opposite> {
    let mut out = Vec::new();
    if src_lang == tgt_lang {
        return out;
    }
    let s = poles(src_lang, src);
    if s.is_empty() {
        return out;
    }
    let t = poles(tgt_lang, tgt);
    for (&c, &si) in &s {
        // The other pole of the same pair.
        let o = c ^ 1;
        if s.contains_key(&o) || t.contains_key(&c) {
            continue;
        }
        let Some(&ti) = t.get(&o) else { continue };
        if !out.iter().any(|x: &Opposite| x.target == ti) {
            out.push(Opposite {
                source: si,
                target: ti,
            });
        }
    }
    out.sort_by_key(|o| o.target);
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{pair_findings, target_texts};

    fn opposite(src: &str, tgt: &str) -> Vec<String> {
        target_texts(
            pair_findings(src, tgt, "negation")
                .into_iter()
                .filter(|f| f.message.contains("opposite")),
        )
    }

    #[test]
    fn every_line_has_two_poles_in_both_languages() {
        assert!(super::pairs().len() >= 30);
        // Beginnings are looked up by their first three chars.
        for (a, b) in super::pairs() {
            for pole in [a, b] {
                for p in pole.ru.prefixes.iter().chain(&pole.en.prefixes) {
                    assert!(p.chars().count() >= 3, "{p}");
                }
            }
        }
        for line in include_str!("opposites.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let poles: Vec<&str> = line.split('\t').collect();
            assert_eq!(poles.len(), 2, "{line}");
            for p in poles {
                let (ru, en) = p.split_once('|').expect(line);
                assert!(ru.chars().any(crate::text::is_cyrillic), "{line}");
                assert!(
                    en.trim().chars().all(|c| c.is_ascii() || c == ' '),
                    "{line}"
                );
            }
        }
    }

    #[test]
    fn a_word_rendered_by_its_opposite() {
        assert_eq!(
            opposite(
                "В прошлом году цены на жильё выросли на 8%.",
                "Last year housing prices fell by 8%."
            ),
            ["fell"]
        );
        assert_eq!(
            opposite(
                "The museum opened a new wing in March.",
                "В марте музей закрыл новое крыло."
            ),
            ["закрыл"]
        );
        assert_eq!(
            opposite(
                "Экспорт зерна в этом году вырос вдвое.",
                "Grain imports doubled this year."
            ),
            ["imports"]
        );
        // Weight, distance, timing and decisions.
        for (src, tgt, word) in [
            (
                "Посылка оказалась легче, чем мы думали.",
                "The parcel turned out heavier than we thought.",
                "heavier",
            ),
            (
                "Поезд прибыл на пять минут раньше расписания.",
                "The train arrived five minutes behind schedule.",
                "behind",
            ),
            (
                "Магазин находится ближе к дому, чем аптека.",
                "The shop is further from the house than the pharmacy.",
                "further",
            ),
            (
                "The board of directors rejected the new project.",
                "Совет директоров одобрил новый проект.",
                "одобрил",
            ),
        ] {
            assert_eq!(opposite(src, tgt), [word], "{tgt}");
        }
    }

    #[test]
    fn faithful_renderings_and_paraphrases_pass() {
        for (src, tgt) in [
            (
                "В прошлом году цены на жильё выросли на 8%.",
                "Last year housing prices rose by 8%.",
            ),
            // A negated opposite is a paraphrase (and the negation check's business).
            ("Цены на жильё упали.", "Housing prices did not rise."),
            // Both poles on both sides.
            (
                "Сначала цены выросли, потом упали.",
                "First prices rose, then they fell.",
            ),
            (
                "The museum opened a new wing in March.",
                "В марте музей открыл новое крыло.",
            ),
            (
                "Поезд прибыл на пять минут раньше.",
                "The train arrived five minutes early.",
            ),
            (
                "Дом стоит дальше от дороги, чем сарай.",
                "The house stands further from the road than the shed.",
            ),
            (
                "Эта сумка легче той, но дороже.",
                "This bag is lighter than that one, but more expensive.",
            ),
            (
                "Самолёт задержался из-за тумана.",
                "The plane was delayed because of fog.",
            ),
        ] {
            assert!(opposite(src, tgt).is_empty(), "{tgt}");
        }
    }
}
