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
