//! Lexicon: is this a word of the language? The Hunspell dictionaries shipped under
//! `data/dict/` (American and British English, Russian), parsed once on first use.

use super::memo::Memo;
use super::Lang;
use spellbook::Dictionary;
use std::sync::OnceLock;

static EN: OnceLock<Option<Dictionary>> = OnceLock::new();
static EN_GB: OnceLock<Option<Dictionary>> = OnceLock::new();
static RU: OnceLock<Option<Dictionary>> = OnceLock::new();

fn load(
    cell: &'static OnceLock<Option<Dictionary>>,
    aff: &str,
    dic: &str,
) -> Option<&'static Dictionary> {
    cell.get_or_init(|| Dictionary::new(aff, dic).ok()).as_ref()
}

fn en_us() -> Option<&'static Dictionary> {
    load(
        &EN,
        include_str!("../../data/dict/en/en_US.aff"),
        include_str!("../../data/dict/en/en_US.dic"),
    )
}

fn en_gb() -> Option<&'static Dictionary> {
    load(
        &EN_GB,
        include_str!("../../data/dict/en/en_GB.aff"),
        include_str!("../../data/dict/en/en_GB.dic"),
    )
}

fn ru() -> Option<&'static Dictionary> {
    load(
        &RU,
        include_str!("../../data/dict/ru/ru_RU.aff"),
        include_str!("../../data/dict/ru/ru_RU.dic"),
    )
}

/// Loads one dictionary (parsed once per process; `None` if it fails to parse).
pub type Loader = fn() -> Option<&'static Dictionary>;

/// The loaders of `lang`'s dictionaries, one per dictionary: run side by side, they load
/// faster than one after another.
pub fn loaders(lang: Lang) -> &'static [Loader] {
    match lang {
        Lang::En => &[en_us, en_gb],
        Lang::Ru => &[ru],
    }
}

/// The built-in dictionaries for `lang` (parsed on first use): American and British English,
/// or Russian. A word is correct when any of them knows it.
pub fn dictionaries(lang: Lang) -> &'static [&'static Dictionary] {
    static EN_ALL: OnceLock<Vec<&'static Dictionary>> = OnceLock::new();
    static RU_ALL: OnceLock<Vec<&'static Dictionary>> = OnceLock::new();
    let all = match lang {
        Lang::En => &EN_ALL,
        Lang::Ru => &RU_ALL,
    };
    all.get_or_init(|| loaders(lang).iter().filter_map(|load| load()).collect())
}

/// True when the lower-cased `word` is a common word of `lang` (not only a proper noun): a
/// capitalised common word after an abbreviation starts a new sentence in Russian.
pub fn is_common_word(lang: Lang, word: &str) -> bool {
    // Sentence starters repeat a lot; remember the answers (bounded, per thread).
    thread_local! {
        static CACHE: [Memo<bool>; 2] = [Memo::new(50_000), Memo::new(50_000)];
    }
    let lower = word.to_lowercase();
    CACHE.with(|c| {
        c[lang as usize].get_or(&lower, || {
            dictionaries(lang).iter().any(|d| d.check(&lower))
        })
    })
}

/// Frequent Russian forms that are common words (not names), one per line in byte order:
/// `data/lm/ru_common.txt`, built by `examples/build_ru_common.rs` from the frequency list and
/// the Russian dictionary. Searched in place, so asking costs no dictionary load.
const RU_COMMON: &str = include_str!("../../data/lm/ru_common.txt");

/// True when `list` (lines in byte order) holds the line `word`: binary search by bytes.
fn sorted_lines_contain(list: &str, word: &str) -> bool {
    let (bytes, key) = (list.as_bytes(), word.as_bytes());
    // `lo` is always at a line start; `hi` at a line start or the end.
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let end = bytes[start..hi]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(hi, |p| start + p);
        match bytes[start..end].cmp(key) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

/// True when the lower-cased `word` is a frequent common word of `lang`: for Russian, one of
/// the frequent forms the dictionary knows in lower case (nothing to load: the splitter asks
/// this after every abbreviation); for English, [`is_common_word`].
pub fn is_frequent_common_word(lang: Lang, word: &str) -> bool {
    match lang {
        Lang::Ru => sorted_lines_contain(RU_COMMON, &word.to_lowercase()),
        Lang::En => is_common_word(lang, word),
    }
}

/// Zipf frequency from which an English word the dictionary lacks may still be a word of
/// the language (`cybersecurity`, `telecom`, `per annum`).
pub const FREQUENT_EN: f32 = 3.2;

/// True when an English word the dictionary lacks is a word all the same: frequent in
/// running text, while the word proposed for it is not much more frequent (a slip is far
/// rarer than what it stands for: `seperate`, `teh`) and it is not two frequent words run
/// together (`alot`).
pub fn frequent_en_word(
    word: &str,
    suggestion: Option<&str>,
    known: impl Fn(&str) -> bool,
) -> bool {
    use crate::text::freq::zipf;
    let lower = word.to_lowercase();
    let Some(z) = zipf(Lang::En, &lower) else {
        return false;
    };
    if z < FREQUENT_EN {
        return false;
    }
    if suggestion
        .and_then(|s| zipf(Lang::En, &s.to_lowercase()))
        .is_some_and(|zs| zs >= z + 1.0)
    {
        return false;
    }
    let run_together = lower.char_indices().skip(1).any(|(i, _)| {
        let (a, b) = lower.split_at(i);
        [a, b]
            .iter()
            .all(|p| zipf(Lang::En, p).is_some_and(|zp| zp >= 4.5) && known(p))
    });
    !run_together
}

#[cfg(test)]
mod frequent_tests {
    use super::*;

    #[test]
    fn sorted_lines_are_searched_by_bytes() {
        let list = "a\nbb\nc\nкошка\nокно";
        for w in ["a", "bb", "c", "кошка", "окно"] {
            assert!(sorted_lines_contain(list, w), "{w}");
        }
        for w in ["", "b", "bbb", "d", "кот", "окна", "я"] {
            assert!(!sorted_lines_contain(list, w), "{w}");
        }
        assert!(!sorted_lines_contain("", "a"));
        assert!(sorted_lines_contain("a\n", "a"));
    }

    #[test]
    fn frequent_russian_common_words_are_known_without_the_dictionary_but_names_are_not() {
        for w in ["Кошка", "Потом", "Однако", "окно", "Вчера"] {
            assert!(is_frequent_common_word(Lang::Ru, w), "{w}");
            // The list agrees with the dictionary it was built from.
            assert!(is_common_word(Lang::Ru, w), "{w}");
        }
        for w in ["Москва", "Петербург", "Пушкин", "Xyz"] {
            assert!(!is_frequent_common_word(Lang::Ru, w), "{w}");
        }
    }

    fn known(w: &str) -> bool {
        is_common_word(Lang::En, w)
    }

    #[test]
    fn frequent_words_the_dictionary_lacks_are_words_but_frequent_slips_are_not() {
        assert!(frequent_en_word("cybersecurity", None, known));
        assert!(frequent_en_word("telecom", Some("telecoms"), known));
        assert!(!frequent_en_word("alot", Some("allot"), known));
        assert!(!frequent_en_word("teh", Some("the"), known));
        assert!(!frequent_en_word("seperate", Some("separate"), known));
        assert!(!frequent_en_word("qwzrt", None, known));
    }
}
