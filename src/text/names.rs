//! Names: which places does a text mention, and which words does Russian write in lower case
//! that English capitalises (months, weekdays, languages, nationalities)?
//!
//! Places are countries, world regions and large cities with their English and Cyrillic
//! names (`data/names/places.tsv`: CLDR and GeoNames, see `data/names/SOURCES.md`), so that
//! `Japan` and `Японии` are found to be one place where no transliteration links them.
//! Russian names are matched in any case form (`Японии`, `Китае`, `Мюнхене`).

use super::{is_capitalized, Lang, Word};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A place mentioned in a text: its id in the list and the char span of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceMention {
    /// Index of the place in the list; the same place in either language has the same id.
    pub id: u32,
    /// Char offset of the name's first char.
    pub start: usize,
    /// Char offset one past its last char.
    pub end: usize,
    /// Index of the name's first word in the words given.
    pub word: usize,
    /// Number of words of the name.
    pub words: usize,
}

struct Places {
    /// English name words (lower case) by their first word.
    en: HashMap<String, Vec<(u32, Vec<String>)>>,
    /// Stems of Russian name words by the stem of their first word.
    ru: HashMap<String, Vec<(u32, Vec<String>)>>,
    /// English names by id.
    names: Vec<String>,
    /// Whether each entry is a city (else a country or territory), by id.
    cities: Vec<bool>,
}

/// The stem a Russian name word is matched by: lower case, `ё` as `е`, a final vowel, `й`
/// or `ь` removed (`Япония` → `япони`, `Китай` → `кита`, `Минск` → `минск`).
fn ru_stem(word: &str) -> String {
    let w: String = super::normalize(word);
    let n = w.chars().count();
    if n >= 4 && w.ends_with(['а', 'я', 'о', 'е', 'ы', 'и', 'й', 'ь', 'у', 'ю']) {
        let mut cs = w.chars();
        cs.next_back();
        return cs.as_str().to_string();
    }
    w
}

/// Case endings a Russian name word may carry after its stem.
const RU_ENDINGS: &[&str] = &[
    "", "а", "я", "у", "ю", "е", "и", "ы", "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях", "ами",
    "ями", "ов", "ев", "ого", "его", "ому", "ему", "ые", "ие", "ых", "их", "ым", "им", "ую", "юю",
    "ая", "яя", "ое", "ее", "ий", "ый",
];

/// The rows of `data/names/places.tsv`: English name, Cyrillic names (`|`-separated), kind
/// (`country` or `city`).
fn place_lines() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    include_str!("../../data/names/places.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?, f.next()?, f.next().unwrap_or("city")))
        })
}

fn places() -> &'static Places {
    static P: OnceLock<Places> = OnceLock::new();
    P.get_or_init(|| {
        let mut p = Places {
            en: HashMap::new(),
            ru: HashMap::new(),
            names: Vec::new(),
            cities: Vec::new(),
        };
        // Entries that share a Cyrillic name are one place (`UK`, `Britain` and `United
        // Kingdom` are all `Великобритания`): one id for all, by union-find.
        let lines: Vec<(&str, &str)> = place_lines().map(|(en, ru, _)| (en, ru)).collect();
        let mut parent: Vec<usize> = (0..lines.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        for (k, (_, ru)) in lines.iter().enumerate() {
            for name in ru.split('|') {
                match by_name.get(name) {
                    Some(&other) => {
                        let (a, b) = (root(&mut parent, k), root(&mut parent, other));
                        parent[a] = b;
                    }
                    None => {
                        by_name.insert(name, k);
                    }
                }
            }
        }
        // A place is a city when every entry merged into it is one (`Тунис` is a country
        // and a city).
        let kinds: Vec<bool> = place_lines().map(|(_, _, kind)| kind == "city").collect();
        p.cities = vec![true; lines.len()];
        for (k, &city) in kinds.iter().enumerate() {
            let r = root(&mut parent, k);
            p.cities[r] &= city;
        }
        for (k, &(en, ru)) in lines.iter().enumerate() {
            let id = root(&mut parent, k) as u32;
            p.names.push(en.to_string());
            let ew: Vec<String> = en.split([' ', '-']).map(|w| w.to_lowercase()).collect();
            if let Some(first) = ew.first() {
                p.en.entry(first.clone())
                    .or_default()
                    .push((id, ew.clone()));
            }
            for name in ru.split('|') {
                let rw: Vec<String> = name.split([' ', '-']).map(ru_stem).collect();
                if let Some(first) = rw.first() {
                    p.ru.entry(first.clone())
                        .or_default()
                        .push((id, rw.clone()));
                }
            }
        }
        p
    })
}

/// True when the Russian word is a form of the name word with stem `stem`.
fn ru_form_of(word: &str, stem: &str) -> bool {
    let w = super::normalize(word);
    w.strip_prefix(stem)
        .is_some_and(|e| RU_ENDINGS.contains(&e))
}

thread_local! {
    /// A buffer for lower-cased words (no allocation per word).
    static LOWER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The places the words of a text (in `lang`) name, longest names first where they overlap.
/// Only capitalised words start a name.
pub fn places_in(words: &[Word<'_>], lang: Lang) -> Vec<PlaceMention> {
    let p = places();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].text;
        if !is_capitalized(w) {
            i += 1;
            continue;
        }
        let mut best: Option<(u32, usize)> = None;
        let mut consider = |cands: Option<&Vec<(u32, Vec<String>)>>, ru: bool| {
            for (id, parts) in cands.into_iter().flatten() {
                if i + parts.len() > words.len() {
                    continue;
                }
                let ok = parts.iter().enumerate().all(|(k, part)| {
                    let word = words[i + k].text;
                    if ru {
                        ru_form_of(word, part)
                    } else {
                        word.to_lowercase() == *part
                            || (k + 1 == parts.len()
                                && word
                                    .strip_suffix("'s")
                                    .or_else(|| word.strip_suffix("’s"))
                                    .is_some_and(|b| b.to_lowercase() == *part))
                    }
                });
                if ok && best.is_none_or(|(_, n)| parts.len() > n) {
                    best = Some((*id, parts.len()));
                }
            }
        };
        match lang {
            Lang::En => {
                LOWER.with(|b| {
                    let mut lower = b.borrow_mut();
                    lower.clear();
                    lower.extend(w.chars().flat_map(char::to_lowercase));
                    let bare = lower
                        .strip_suffix("'s")
                        .or_else(|| lower.strip_suffix("’s"))
                        .unwrap_or(&lower);
                    consider(p.en.get(bare), false)
                });
            }
            Lang::Ru => {
                let lower = LOWER.with(|b| {
                    let mut lower = b.borrow_mut();
                    lower.clear();
                    super::normalize_into(&mut lower, w);
                    std::mem::take(&mut *lower)
                });
                // The word's stem: the word less an ending of up to three letters (and at
                // least three left).
                let n = lower.chars().count();
                let mut end = lower.len();
                for cut in 0..=3.min(n.saturating_sub(3)) {
                    if cut > 0 {
                        end = lower[..end]
                            .char_indices()
                            .next_back()
                            .map_or(0, |(i, _)| i);
                    }
                    consider(p.ru.get(&lower[..end]), true);
                }
                // Give the buffer back for the next word.
                LOWER.with(|b| *b.borrow_mut() = lower);
            }
        }
        match best {
            Some((id, n)) => {
                out.push(PlaceMention {
                    id,
                    start: words[i].start,
                    end: words[i + n - 1].end,
                    word: i,
                    words: n,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// The place a single English word names, in any case (`geneva`), if any.
pub fn english_place(word: &str) -> Option<u32> {
    let lower;
    let key = if word.chars().any(char::is_uppercase) {
        lower = word.to_lowercase();
        lower.as_str()
    } else {
        word
    };
    places()
        .en
        .get(key)?
        .iter()
        .find(|(_, parts)| parts.len() == 1)
        .map(|(id, _)| *id)
}

/// True when `word` (any case) is the English name of a language or nationality that CLDR
/// lists with a Russian adjective (`German`, `french`).
pub fn english_language(word: &str) -> bool {
    static L: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    L.get_or_init(|| {
        include_str!("../../data/names/languages.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t').map(|(e, _)| e.to_lowercase()))
            .collect()
    })
    .contains(
        if word.chars().any(char::is_uppercase) {
            std::borrow::Cow::Owned(word.to_lowercase())
        } else {
            std::borrow::Cow::Borrowed(word)
        }
        .as_ref(),
    )
}

/// Whether place `id` is a city (not a country or territory).
pub fn is_city(id: u32) -> bool {
    places().cities.get(id as usize).copied().unwrap_or(false)
}

/// The English name of place `id`.
pub fn place_name(id: u32) -> &'static str {
    places().names.get(id as usize).map_or("", String::as_str)
}

/// A class of words Russian writes in lower case and English capitalises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LowerClass {
    /// `январь`, `января`.
    Month,
    /// `понедельник`, `в среду`.
    Weekday,
    /// `испанский`, `на английском`: a language or nationality adjective.
    Nationality,
}

/// Month and weekday names: class, number (January = 1, Monday = 1), English name, stem of
/// the Russian name (`май` → `ма`, `март` → `март`, `среда` → `сред`).
fn calendar_names() -> &'static [(LowerClass, u32, String, String)] {
    static C: OnceLock<Vec<(LowerClass, u32, String, String)>> = OnceLock::new();
    C.get_or_init(|| {
        let mut out = Vec::new();
        for line in include_str!("../../data/names/calendar.tsv").lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 4 || line.starts_with('#') {
                continue;
            }
            let class = if f[0] == "month" {
                LowerClass::Month
            } else {
                LowerClass::Weekday
            };
            let w = super::normalize(f[3]);
            let stem = w
                .strip_suffix(['ь', 'й', 'а', 'е', 'я'])
                .unwrap_or(&w)
                .to_string();
            out.push((class, f[1].parse().unwrap_or(0), f[2].to_string(), stem));
        }
        out
    })
}

/// The month (1–12) or weekday (1–7, Monday first) a word names, in English (`September`,
/// `Sept`, `Sep.` when followed by its dot) or Russian (`сентября`, `вторник`, `среду`).
/// English names must be capitalised (`may` is a verb).
pub fn calendar_word(word: &str) -> Option<(LowerClass, u32)> {
    // Quick rejections: month and weekday names have three letters or more and start with a
    // letter few words start with in the lists.
    let mut cs = word.chars();
    let first = cs.next()?;
    if word.len() < 3 {
        return None;
    }
    if word.is_ascii() {
        if !"JFMASONDTW".contains(first) {
            return None;
        }
    } else {
        // The first two letters of a Russian month or weekday name.
        const HEADS: &[[char; 2]] = &[
            ['я', 'н'],
            ['ф', 'е'],
            ['м', 'а'],
            ['а', 'п'],
            ['и', 'ю'],
            ['а', 'в'],
            ['с', 'е'],
            ['о', 'к'],
            ['н', 'о'],
            ['д', 'е'],
            ['п', 'о'],
            ['в', 'т'],
            ['с', 'р'],
            ['ч', 'е'],
            ['п', 'я'],
            ['с', 'у'],
            ['в', 'о'],
        ];
        let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
        let head = [lower(first), cs.next().map_or(' ', lower)];
        if !HEADS.contains(&head) {
            return None;
        }
    }
    if word.is_ascii() {
        if !is_capitalized(word) || word.len() > 9 {
            return None;
        }
        let mut buf = [0u8; 9];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return english_calendar().get(&*lower).copied();
    }
    let cal = calendar_names();
    let w = super::normalize(word);
    cal.iter().find_map(|(class, n, _, stem)| {
        w.strip_prefix(stem.as_str())
            .filter(|e| NOUN_ENDINGS.contains(e))
            .map(|_| (*class, *n))
    })
}

/// The month or weekday a word names in any form: [`calendar_word`]; an English name in the
/// plural or possessive or in lower case (`Fridays`, `Friday's`, `march`: the case is the
/// capitalization check's business); a Russian adjective made on a name (`пятничном` =
/// Friday's, `октябрьских` = of October, `майские`, `воскресным`).
pub fn calendar_mention(word: &str) -> Option<(LowerClass, u32)> {
    if let Some(c) = calendar_word(word) {
        return Some(c);
    }
    if word.is_ascii() {
        let bare = ["'s", "s"]
            .iter()
            .find_map(|e| word.strip_suffix(e))
            .unwrap_or(word);
        let mut cs = bare.chars();
        let first = cs.next()?;
        return calendar_word(&format!("{}{}", first.to_ascii_uppercase(), cs.as_str()));
    }
    if let Some(bare) = word.strip_suffix("’s") {
        return calendar_mention(bare);
    }
    if word.chars().count() < 5 {
        return None;
    }
    let w = super::normalize(word);
    calendar_names().iter().find_map(|(class, n, _, stem)| {
        // `май` keeps its `й` (`майский`); `сред` would take in `средний` (middle), and
        // Wednesday has no adjective in use.
        if *class == LowerClass::Weekday && stem.chars().count() < 5 {
            return None;
        }
        let head: String = if stem.chars().count() < 3 {
            format!("{stem}й")
        } else {
            stem.chars().take(5).collect()
        };
        let rest = w.strip_prefix(head.as_str())?;
        ADJ_ENDINGS
            .iter()
            .any(|e| rest.ends_with(e) && rest.chars().count() > e.chars().count())
            .then_some((*class, *n))
    })
}

/// English month and weekday names and their abbreviations (`sep`, `sept`, `tues`), lower
/// case, as bytes.
fn english_calendar() -> &'static HashMap<Vec<u8>, (LowerClass, u32)> {
    static E: OnceLock<HashMap<Vec<u8>, (LowerClass, u32)>> = OnceLock::new();
    E.get_or_init(|| {
        let mut m = HashMap::new();
        for (class, n, en, _) in calendar_names() {
            let full = en.to_ascii_lowercase();
            for abbr in [&full[..3], &full[..full.len().min(4)], full.as_str()] {
                if abbr.len() == 3 || abbr == full || matches!(abbr, "sept" | "tues" | "thur") {
                    m.insert(abbr.as_bytes().to_vec(), (*class, *n));
                }
            }
            if full == "thursday" {
                m.insert(b"thurs".to_vec(), (*class, *n));
            }
        }
        m
    })
}

struct Lower {
    /// Stems of month and weekday names.
    calendar: Vec<(String, LowerClass)>,
    /// Stems of language adjectives (`испанск`) and of country names (`испани`).
    adjective_stems: Vec<String>,
}

fn lower() -> &'static Lower {
    static L: OnceLock<Lower> = OnceLock::new();
    L.get_or_init(|| {
        let mut calendar = Vec::new();
        for (class, _, _, stem) in calendar_names() {
            calendar.push((stem.clone(), *class));
        }
        let mut adjective_stems = Vec::new();
        for line in include_str!("../../data/names/languages.tsv").lines() {
            if let Some((_, ru)) = line.split_once('\t') {
                if !line.starts_with('#') {
                    let w = super::normalize(ru);
                    let stem = ["ий", "ый", "ой"]
                        .iter()
                        .find_map(|e| w.strip_suffix(e))
                        .unwrap_or(&w);
                    adjective_stems.push(stem.to_string());
                }
            }
        }
        // Nationality adjectives are made on country names: `Канада` → `канадский`. (Those
        // made on city names begin many proper names: `Казанский вокзал`.)
        for (_, ru, kind) in place_lines() {
            if kind != "country" {
                continue;
            }
            for name in ru.split('|') {
                if !name.contains(' ') && name.chars().count() >= 4 {
                    adjective_stems.push(ru_stem(name));
                }
            }
        }
        adjective_stems.sort_unstable();
        adjective_stems.dedup();
        Lower {
            calendar,
            adjective_stems,
        }
    })
}

const ADJ_ENDINGS: &[&str] = &[
    "ий", "ый", "ой", "ая", "ое", "ие", "ые", "ого", "его", "ому", "ему", "им", "ым", "ом", "ем",
    "ую", "ей", "их", "ых", "ими", "ыми",
];

const NOUN_ENDINGS: &[&str] = &[
    "", "ь", "й", "а", "я", "у", "ю", "е", "и", "ы", "ом", "ем", "ём", "ой", "ей", "ам", "ям",
    "ами", "ями", "ах", "ях", "ов", "ев",
];

/// The class of a Russian word that is written in lower case: a month or weekday name in any
/// case form, or an adjective in `-ский`/`-цкий` made on a language or country name
/// (`испанском`, `канадских`).
pub fn ru_lower_class(word: &str) -> Option<LowerClass> {
    let w = super::normalize(word);
    let l = lower();
    for (stem, class) in &l.calendar {
        if let Some(e) = w.strip_prefix(stem.as_str()) {
            if NOUN_ENDINGS.contains(&e) {
                return Some(*class);
            }
        }
    }
    // Adjectives: the part before `ск`/`цк` + ending must be a language adjective stem or
    // begin like a country name (`англи` for `английский`, `франц` for `французский`).
    for suffix in ["ск", "цк"] {
        let Some(pos) = w.rfind(suffix) else {
            continue;
        };
        let ending = &w[pos + suffix.len()..];
        if !ADJ_ENDINGS.contains(&ending) {
            continue;
        }
        let adj_stem = &w[..pos + suffix.len()];
        if l.adjective_stems
            .binary_search_by(|s| s.as_str().cmp(adj_stem))
            .is_ok()
        {
            return Some(LowerClass::Nationality);
        }
        let base: String = w[..pos].chars().collect();
        let n = base.chars().count();
        if n < 4 {
            continue;
        }
        // A country stem sharing all but its last two letters with the base (`германи` /
        // `герман`, `франци` / `франц`, `итали` / `итальян`), at least four.
        let head: String = base.chars().take(4).collect();
        let from = l
            .adjective_stems
            .partition_point(|s| s.as_str() < head.as_str());
        for s in l.adjective_stems[from..]
            .iter()
            .take_while(|s| s.starts_with(head.as_str()))
        {
            let common = s
                .chars()
                .zip(base.chars())
                .take_while(|(a, b)| a == b)
                .count();
            if common + 2 >= s.chars().count() {
                return Some(LowerClass::Nationality);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn names(text: &str, lang: Lang) -> Vec<(String, &'static str)> {
        let ws = words(text);
        places_in(&ws, lang)
            .into_iter()
            .map(|m| {
                (
                    text.chars().skip(m.start).take(m.end - m.start).collect(),
                    place_name(m.id),
                )
            })
            .collect()
    }

    #[test]
    fn places_in_both_languages_and_any_case() {
        assert_eq!(
            names(
                "Делегация из Японии прибыла в Минск и в Соединённые Штаты.",
                Lang::Ru
            ),
            [
                ("Японии".to_string(), "Japan"),
                ("Минск".to_string(), "Minsk"),
                // One place under all its names: `United States`, `US`, `America`, `США`.
                (
                    "Соединённые Штаты".to_string(),
                    place_name(english_place("US").unwrap())
                )
            ]
        );
        assert_eq!(
            names(
                "A delegation from China arrived in the United States and Munich's center.",
                Lang::En
            ),
            [
                ("China".to_string(), "China"),
                (
                    "United States".to_string(),
                    place_name(english_place("US").unwrap())
                ),
                ("Munich's".to_string(), "Munich")
            ]
        );
        let ru: Vec<_> = names("Встреча в Китае и в Мюнхене", Lang::Ru)
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(ru, ["China", "Munich"]);
        // Lower-case words are not names.
        assert!(names("he said china is fragile", Lang::En).is_empty());
    }

    #[test]
    fn months_and_weekdays() {
        assert_eq!(calendar_word("September"), Some((LowerClass::Month, 9)));
        assert_eq!(calendar_word("Sept"), Some((LowerClass::Month, 9)));
        assert_eq!(calendar_word("сентября"), Some((LowerClass::Month, 9)));
        assert_eq!(calendar_word("мая"), Some((LowerClass::Month, 5)));
        assert_eq!(calendar_word("May"), Some((LowerClass::Month, 5)));
        assert_eq!(calendar_word("may"), None);
        assert_eq!(calendar_word("среду"), Some((LowerClass::Weekday, 3)));
        assert_eq!(calendar_word("Friday"), Some((LowerClass::Weekday, 5)));
        assert_eq!(calendar_word("Marc"), None);
        assert_eq!(calendar_word("мама"), None);
        // Adjectives made on the names.
        let adj = calendar_mention;
        assert_eq!(adj("пятничном"), Some((LowerClass::Weekday, 5)));
        assert_eq!(adj("Октябрьские"), Some((LowerClass::Month, 10)));
        assert_eq!(adj("майских"), Some((LowerClass::Month, 5)));
        assert_eq!(adj("мартовский"), Some((LowerClass::Month, 3)));
        assert_eq!(adj("маленький"), None);
        assert_eq!(adj("средний"), None);
        // English names in the plural, possessive or lower case.
        assert_eq!(adj("Fridays"), Some((LowerClass::Weekday, 5)));
        assert_eq!(adj("Friday's"), Some((LowerClass::Weekday, 5)));
        assert_eq!(adj("Friday’s"), Some((LowerClass::Weekday, 5)));
        assert_eq!(adj("october"), Some((LowerClass::Month, 10)));
        assert_eq!(adj("Fri"), Some((LowerClass::Weekday, 5)));
        assert_eq!(adj("friend"), None);
    }

    #[test]
    fn russian_lower_case_classes() {
        for (w, c) in [
            ("пятницам", Some(LowerClass::Weekday)),
            ("Декабрь", Some(LowerClass::Month)),
            ("май", Some(LowerClass::Month)),
            ("Среду", Some(LowerClass::Weekday)),
            ("марте", Some(LowerClass::Month)),
            ("мая", Some(LowerClass::Month)),
            ("Испанском", Some(LowerClass::Nationality)),
            ("немецкие", Some(LowerClass::Nationality)),
            ("французского", Some(LowerClass::Nationality)),
            ("канадских", Some(LowerClass::Nationality)),
            ("казанском", None),
            ("московский", None),
            ("американская", Some(LowerClass::Nationality)),
            ("мама", None),
            ("маска", None),
            ("дом", None),
            ("городской", None),
            ("детский", None),
        ] {
            assert_eq!(ru_lower_class(w), c, "{w}");
        }
    }
}
