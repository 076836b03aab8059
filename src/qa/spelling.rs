//! Check `spelling`: words not in the English or Russian Hunspell dictionary (shipped under
//! `data/dict/`), routed by script. Names (capitalised words inside a sentence or seen so in
//! the batch, capitalised words whose transliteration occurs on the other side), acronyms,
//! words with digits, and code (URLs, paths, placeholders, identifiers: see `text::markup`)
//! are not flagged.

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::lexicon::dictionaries;
use crate::text::memo::Memo;
use crate::text::translit::like_name;
use crate::text::{is_all_caps, is_capitalized, is_cyrillic, is_latin, Lang};
use spellbook::Dictionary;

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "spelling",
    severity: Severity::Error,
    explanation: "A word that is in neither the dictionary nor the batch's names: probably a typo.",
};

/// The language whose dictionary a word belongs to, by its letters; `None` for mixed scripts.
fn word_lang(word: &str) -> Option<Lang> {
    let mut lang = None;
    for c in word.chars().filter(|&c| crate::text::is_letter(c)) {
        let l = if is_cyrillic(c) {
            Lang::Ru
        } else if is_latin(c) {
            Lang::En
        } else {
            return None;
        };
        if lang.is_some_and(|x| x != l) {
            return None;
        }
        lang = Some(l);
    }
    lang
}

/// Prefixes of Russian compounds written solid (`госкомпания`, `кардиопрепарат`): a word made
/// of one of them and a known word is known. Data: `src/qa/ru_prefixes.txt`.
fn ru_prefixes() -> &'static [String] {
    static P: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        include_str!("ru_prefixes.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    })
}

/// Longest word (in chars) the spelling check looks into beyond the dictionary's own answer:
/// no word of either language comes near it (the longest run to about 40 letters), so a
/// longer one is reported unknown as it is, without the searches whose cost grows with its
/// length (`ё` readings, compounds, corrections one edit away).
pub(crate) const MAX_WORD_CHARS: usize = 64;

/// Whether `word` is longer than [`MAX_WORD_CHARS`].
pub(crate) fn too_long(word: &str) -> bool {
    word.len() > MAX_WORD_CHARS && word.chars().count() > MAX_WORD_CHARS
}

/// True when a Russian word is a solid compound of a listed prefix and a known word.
fn is_ru_compound(dict: &Dictionary, word: &str) -> bool {
    if too_long(word) {
        return false;
    }
    let lower = word.to_lowercase();
    ru_prefixes().iter().any(|p| {
        lower
            .strip_prefix(p.as_str())
            .is_some_and(|rest| rest.chars().count() >= 3 && dict.check(rest))
    })
}

/// True when a lower-case Russian word is a name the dictionary knows capitalised, in this
/// form or with a case ending removed (`египете` → `Египет`).
pub(crate) fn lower_case_name(word: &str) -> bool {
    if !word.chars().all(is_cyrillic) || known_cached(Lang::Ru, word) {
        return false;
    }
    // Remembered per thread: each unknown word costs some thirty look-ups.
    thread_local! {
        static CACHE: Memo<bool> = Memo::new(50_000);
    }
    CACHE.with(|c| c.get_or(word, || lower_case_name_uncached(word)))
}

/// True when a lower-case Russian word, capitalised, is a form the dictionary knows
/// (`токио` → `Токио`): only its case is wrong.
pub(crate) fn is_name_form(word: &str) -> bool {
    !is_capitalized(word) && known_cached(Lang::Ru, &crate::text::capitalize(word))
}

fn lower_case_name_uncached(word: &str) -> bool {
    if is_capitalized(word) {
        return false;
    }
    let cap = crate::text::capitalize;
    if known_cached(Lang::Ru, &cap(word)) {
        return true;
    }
    [
        "ами", "ом", "ем", "ой", "ей", "ах", "ов", "а", "я", "у", "ю", "е", "ы", "и",
    ]
    .iter()
    .filter_map(|e| word.strip_suffix(e))
    .filter(|stem| stem.chars().count() >= 3)
    .any(|stem| {
        let c = cap(stem);
        known_cached(Lang::Ru, &c) && !known_cached(Lang::Ru, stem)
    })
}

/// True when a Russian word is known once one of its `е` is read as `ё` (`впечатлен`): Russian
/// text commonly writes `е` for `ё`, and the dictionary lists some words with `ё` only.
fn is_known_with_yo(dict: &Dictionary, word: &str) -> bool {
    if too_long(word) {
        return false;
    }
    let chars: Vec<char> = word.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        let yo = match c {
            'е' => 'ё',
            'Е' => 'Ё',
            _ => return false,
        };
        let mut v = chars.clone();
        v[i] = yo;
        dict.check(&v.into_iter().collect::<String>())
    })
}

/// True when a Russian word is a compound joined by a linking vowel (`сердечнососудистых`,
/// `новоевропейских`, `жизнепродлевающий`): a known word of at least five letters after an
/// `о` or `е`, and before it the stem of a known word (with an ending or without).
fn is_ru_linked_compound(dict: &Dictionary, word: &str) -> bool {
    if too_long(word) {
        return false;
    }
    let lower = word.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    (3..chars.len().saturating_sub(5)).any(|i| {
        if !matches!(chars[i], 'о' | 'е') {
            return false;
        }
        let right: String = chars[i + 1..].iter().collect();
        if !dict.check(&right) {
            return false;
        }
        let left: String = chars[..i].iter().collect();
        ["", "ь", "а", "о", "ый", "ий", "ой", "я"]
            .iter()
            .any(|e| dict.check(&format!("{left}{e}")))
    })
}

/// True when `word` (as written, or lower-cased at a sentence start) is a known word.
pub fn is_known(dict: &Dictionary, word: &str) -> bool {
    known_how(dict, word) != Known::No
}

/// How a dictionary knows a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Known {
    /// Not at all.
    No,
    /// Only capitalised: a name written in lower case (`february`, `geneva`).
    OnlyCapitalized,
    /// As written (or lower-cased, or without a possessive `'s`).
    Written,
}

fn known_how(dict: &Dictionary, word: &str) -> Known {
    let w = word.replace(['’', 'ʼ'], "'");
    if dict.check(&w) {
        return Known::Written;
    }
    let base = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix('\''))
        .filter(|b| !b.is_empty());
    if base.is_some_and(|b| dict.check(b)) {
        return Known::Written;
    }
    let lower = w.to_lowercase();
    if lower != w && dict.check(&lower) {
        return Known::Written;
    }
    // A proper noun written in lower case (`february`) is a capitalisation slip in English,
    // not a misspelling (in Russian, `египете` is a misspelling of `Египте`).
    if lower == w && w.is_ascii() && !w.is_empty() {
        let cap = crate::text::capitalize(base.unwrap_or(&w));
        if dict.check(&crate::text::capitalize(&w)) || dict.check(&cap) {
            return Known::OnlyCapitalized;
        }
    }
    Known::No
}

/// True when a lower-case word is unknown to every dictionary of `lang` as written but known
/// capitalised: a name written in lower case (`geneva`, `friday`, `german`).
pub(crate) fn is_known_only_capitalized(lang: Lang, word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
        && word.is_ascii()
        && knowledge(lang, word) == Known::OnlyCapitalized
}

/// Words the British dictionary is consulted for: British spellings by their shape
/// (`defence`, `colour`, `organise`, `centre`, `catalogue`, `travelled`, `programme`,
/// `anaemia`, `manoeuvre`), and words whose diacritics the British list keeps (`naïve`).
/// Other words must be known to the American dictionary (or be common British words: see
/// [`common_british`]), so that rare variants such as `miniscule`, which only the British list
/// accepts, are still reported.
fn looks_british(word: &str) -> bool {
    if !word.is_ascii() {
        return true;
    }
    let w = word.to_lowercase();
    [
        "our", "ise", "isa", "yse", "ysa", "tre", "ence", "ogue", "ll", "mme", "ae", "oe", "oub",
        "oul",
    ]
    .iter()
    .any(|p| w.contains(p))
}

/// A word the British dictionary knows in lower case that is common in English usage (Zipf
/// ≥ 3: `axe`, `tsar`, `worshippers`, `lockdown`). Lower case, because the British list also
/// holds names (`Oleg`), and a name must stay unknown for the checks of names.
fn common_british(dict: &Dictionary, word: &str) -> bool {
    let w = word.to_lowercase();
    crate::text::freq::zipf(Lang::En, &w).is_some_and(|z| z >= 3.0) && dict.check(&w)
}

/// True when no dictionary of the word's script knows the word (words of mixed or other
/// scripts are not unknown: they are not checked).
pub fn is_unknown(word: &str) -> bool {
    match word_lang(word) {
        Some(lang) => !known_cached(lang, word),
        None => false,
    }
}

/// Whether any dictionary of `lang` knows `word`, remembered per thread: a batch repeats
/// its words a lot, and a dictionary look-up costs microseconds.
fn known_cached(lang: Lang, word: &str) -> bool {
    knowledge(lang, word) != Known::No
}

/// How the dictionaries of its script know `word`: `Written` for words of mixed or other
/// scripts, which are not checked.
pub(crate) fn knowledge_of(word: &str) -> Known {
    match word_lang(word) {
        Some(lang) => knowledge(lang, word),
        None => Known::Written,
    }
}

/// How the dictionaries of `lang` know `word` (the best answer of any), remembered per
/// thread: a batch repeats its words a lot, and a dictionary look-up costs microseconds.
fn knowledge(lang: Lang, word: &str) -> Known {
    // One memo a language.
    thread_local! {
        static CACHE: [Memo<Known>; 2] = [Memo::new(200_000), Memo::new(200_000)];
    }
    CACHE.with(|c| {
        c[lang as usize].get_or(word, || {
            let dicts = dictionaries(lang);
            if dicts.is_empty() {
                return Known::Written;
            }
            let mut best = Known::No;
            for (i, d) in dicts.iter().enumerate() {
                if i == 0 || looks_british(word) {
                    best = best.max(known_how(d, word));
                } else if lang == Lang::En && common_british(d, word) {
                    best = Known::Written;
                }
                if best == Known::Written {
                    break;
                }
            }
            best
        })
    })
}

/// True when the word after char offset `end` (past spaces) is capitalised: the two form a
/// name (`Dmitry Rogozin`).
fn followed_by_name(text: &str, end: usize) -> bool {
    let rest: String = text.chars().skip(end).take(40).collect();
    let mut chars = rest.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first == ' ' && chars.next().is_some_and(char::is_uppercase)
}

/// Runs the check on one side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    // A side in another language (`de`, `zh`) is not spelled as English or Russian, even
    // where its words are written in the same letters.
    if side.lang.is_none() {
        return;
    }
    super::confusables::check(ctx, side, &INFO, out);
    let text = side.text.as_str();
    // Prose words only: code, URLs, paths and identifiers are not words to spell.
    for (i, w) in ctx.words.iter().enumerate() {
        let word = w.text;
        if word.chars().filter(|&c| crate::text::is_letter(c)).count() < 2
            || word.chars().any(|c| c.is_numeric())
            || is_all_caps(word)
        {
            continue;
        }
        let Some(lang) = word_lang(word) else {
            continue;
        };
        let dicts = dictionaries(lang);
        let Some(&primary) = dicts.first() else {
            continue;
        };
        if ctx.knowledge(i) != Known::No
            || (!ctx.profile.user_words.is_empty()
                && ctx.profile.user_words.contains(&word.to_lowercase()))
        {
            continue;
        }
        // A Russian word among the 100,000 most frequent is a word, even where the dictionary
        // lacks the form (`литератур`): misspellings are rarely that frequent (English lists
        // do hold common misspellings, so this is for Russian only).
        if lang == Lang::Ru
            && crate::text::freq::zipf(Lang::Ru, &word.to_lowercase()).is_some()
            && !lower_case_name(word)
        {
            continue;
        }
        if lang == Lang::Ru
            && (is_ru_compound(primary, word)
                || is_known_with_yo(primary, word)
                || is_ru_linked_compound(primary, word))
        {
            continue;
        }
        // A Russian proper noun written in lower case: a matter of case, for the
        // `capitalization` check, when the word is a form of the name (`в токио`); a
        // misspelling when the dictionary knows the name but not this form of it (`египете`
        // for `Египте`).
        if lang == Lang::Ru && lower_case_name(word) {
            if is_name_form(word) {
                continue;
            }
            let cap = crate::text::capitalize(word);
            out.push(ctx.finding(
                &INFO,
                text,
                w.start,
                w.end,
                format!("“{word}” is a name in a form the dictionary does not know: write it with a capital letter and check its ending"),
                Some(cap),
            ));
            continue;
        }
        // An acronym written in lower case (`cpu`, `dll`, `dns`) is a word of software text.
        if word.chars().count() <= 5 && known_cached(lang, &word.to_uppercase()) {
            continue;
        }
        // Abbreviations the sentence splitter knows (`гг`, `вв`, `etc`) are words too.
        if crate::segment::Rules::for_lang(lang).class(word).is_some() {
            continue;
        }
        // The first part of a hyphenated Russian compound ends in a linking vowel
        // (`общинно-родовой`, `сердечно-сосудистый`) and is not a word on its own.
        if lang == Lang::Ru
            && text[w.byte_start + word.len()..].starts_with('-')
            && word.ends_with(['о', 'е'])
        {
            continue;
        }
        // Syllables of a spelt-out abbreviation (`Би-би-си`, `эм-эс`): short parts joined by
        // hyphens.
        let hyphen_before = text[..w.byte_start].ends_with('-');
        let hyphen_after = text[w.byte_start + word.len()..].starts_with('-');
        if (hyphen_before || hyphen_after) && word.chars().count() <= 2 {
            continue;
        }
        // A word used across the batch is a term of the text; close to a known word (two
        // edits at most) and in only a few segments, it is rather a misspelling that repeats.
        let uses = ctx
            .batch
            .terms
            .get(&crate::text::stem(word))
            .copied()
            .unwrap_or(0);
        let near = if uses > 0 {
            super::suggest::suggest_near(lang, word, |c| known_cached(lang, c))
        } else {
            None
        };
        if uses >= 6 || (uses > 0 && near.is_none()) {
            continue;
        }
        if is_capitalized(word) {
            let initial = super::sentence_initial(text, w.byte_start);
            // Inside a sentence a capitalised unknown word is a name; at its start, it is one
            // when the batch shows it capitalised elsewhere.
            if !initial || ctx.batch.names.contains(word) || followed_by_name(text, w.end) {
                continue;
            }
            // A Russian capitalised word nothing ordinary is close to is a name too
            // (`Терхо`), as is a case form of a name (`Федотовым` beside `Федотов`).
            if lang == Lang::Ru {
                let lower = word.to_lowercase();
                let close = super::suggest::suggest_near(lang, &lower, |c| known_cached(lang, c))
                    .filter(|c| {
                        rapidfuzz::distance::damerau_levenshtein::distance(c.chars(), lower.chars())
                            == 1
                    });
                let name_form = lower_case_name(&lower);
                if close.is_none() || name_form {
                    continue;
                }
            }
        }
        // A name candidate (capitalised, unknown) that the other side has transliterated is
        // a name; an ordinary word that merely looks like a transliteration (`sistem` beside
        // `систему`) is still a misspelling.
        //
        // Russian borrows English words by transliterating them (`коммит` for `commit`,
        // `сокет` for `socket`): a Russian word that transliterates a word of the English
        // side is a loan. English borrows no Russian words this way.
        // A loan whose usual spelling is a known word two edits away at most is a misspelling
        // of it when they differ by a doubled letter (`оффис` for `офис`, `коментарий`,
        // the commonest slip in loans) or the known word renders the English word more
        // closely (`рекорт` for `рекорд`, `record`; but `коммит` is no slip for `кормит`).
        // Likewise an English source word that the Russian target transliterates
        // (`validator`, `валидатор`) is a word: the target borrowed it. Only an English
        // target word that looks like its Russian source (`sistem`) is a slip.
        // And an English word that is the very transliteration of its Russian source word,
        // with no English word one edit away, is a loan of the Russian (`pelmeni`); one that
        // only looks like it, or has such a word next to it, is a slip (`gipothesis`,
        // `sistem` for `system`).
        let loan = lang == Lang::Ru
            || is_capitalized(word)
            || (ctx.side == super::SideId::Src && ctx.unit.tgt.is_some())
            || (ctx.other_words.iter().any(|o| transliterates(o.text, word))
                && dictionaries(lang)
                    .iter()
                    .all(|d| one_edit(d, word).is_none()));
        // A name written in lower case (`petrova` for `Петровой`) is `capitalization`'s.
        if ctx.other_words.iter().any(|o| o.text == word)
            || (!is_capitalized(word) && super::capitalization::names_a_source_name(ctx, word))
        {
            continue;
        }
        let mut proposed: Option<Option<String>> = None;
        if loan {
            // Initials glued to a name (`Дм.Травин`, `А.Трефиловой`) are read apart from it.
            if let Some(o) = ctx
                .other_words
                .iter()
                .flat_map(|o| o.text.split('.').filter(|p| !p.is_empty()))
                .find(|o| like_name(word, o))
            {
                // Within two edits, from the frequency lists' index (remembered per word).
                let known_loan = if is_capitalized(word) || lang != Lang::Ru {
                    None
                } else {
                    let s = near.clone().or_else(|| {
                        super::suggest::suggest_near(lang, word, |c| known_cached(lang, c))
                    });
                    if s.is_some() {
                        proposed = Some(s.clone());
                    }
                    s.filter(|s| {
                        like_name(s, o) && (one_doubling_apart(word, s) || closer_to(s, word, o))
                    })
                };
                if known_loan.is_none() {
                    continue;
                }
            }
        }
        let suggestion = match proposed {
            Some(s) => s,
            None => near.or_else(|| suggestion(lang, word)),
        };
        if lang == Lang::En
            && crate::text::lexicon::frequent_en_word(word, suggestion.as_deref(), |p| {
                known_cached(Lang::En, p)
            })
        {
            continue;
        }
        let message = match &suggestion {
            Some(s) => format!("unknown word “{word}”; did you mean “{s}”?"),
            None => format!("unknown word “{word}”"),
        };
        out.push(ctx.finding(&INFO, text, w.start, w.end, message, suggestion));
    }
}

/// True when `latin` is the Cyrillic `word` transliterated, but for a case ending of up to
/// two letters (`pelmeni` for `пельмени`, `dacha` for `даче`).
fn transliterates(word: &str, latin: &str) -> bool {
    if !word.chars().any(is_cyrillic) {
        return false;
    }
    let t = crate::text::translit::to_latin(word);
    let l = latin.to_lowercase();
    let common = t.chars().zip(l.chars()).take_while(|(a, b)| a == b).count();
    common >= 4 && t.chars().count() - common <= 2 && l.chars().count() - common <= 2
}

/// True when the Latin spelling of `a` is nearer to `english` than that of `b`.
fn closer_to(a: &str, b: &str, english: &str) -> bool {
    use crate::text::translit::to_latin;
    let e = english.to_lowercase();
    let d = |x: &str| rapidfuzz::distance::levenshtein::distance(to_latin(x).chars(), e.chars());
    d(a) < d(b)
}

/// True when `a` and `b` differ by one letter doubled in one of them (`оффис`/`офис`).
fn one_doubling_apart(a: &str, b: &str) -> bool {
    let (long, short): (Vec<char>, Vec<char>) = if a.chars().count() > b.chars().count() {
        (a.chars().collect(), b.chars().collect())
    } else {
        (b.chars().collect(), a.chars().collect())
    };
    if long.len() != short.len() + 1 {
        return false;
    }
    (1..long.len())
        .any(|i| long[i] == long[i - 1] && long[..i] == short[..i] && long[i + 1..] == short[i..])
}

/// The correction proposed for an unknown `word` of `lang`: a word of the frequency lists
/// within two edits, else up to three ([`super::suggest::suggest`]); else any word the
/// dictionary knows one edit away (rare forms, which the lists lack).
pub fn suggestion(lang: Lang, word: &str) -> Option<String> {
    if too_long(word) {
        return None;
    }
    super::suggest::suggest(lang, word, |c| known_cached(lang, c)).or_else(|| {
        dictionaries(lang)
            .first()
            .and_then(|primary| suggest_one_edit(primary, word))
    })
}

/// A known word one edit away from `word` (deletion, transposition, substitution, insertion,
/// in that order of preference), in the word's case, if any; the fallback for words the
/// frequency lists of `qa::suggest` lack. Remembered per thread, since a batch asks about the
/// same words again and again.
pub fn suggest_one_edit(dict: &Dictionary, word: &str) -> Option<String> {
    if too_long(word) {
        return None;
    }
    thread_local! {
        static CACHE: Memo<Option<String>> = Memo::new(50_000);
    }
    CACHE.with(|c| c.get_or(word, || one_edit(dict, word)))
}

fn one_edit(dict: &Dictionary, word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let alphabet: Vec<char> = if chars.iter().any(|&c| is_cyrillic(c)) {
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё".chars().collect()
    } else {
        "etaoinshrdlcumwfgypbvkjxqz'".chars().collect()
    };
    edits(&chars, &alphabet)
        .into_iter()
        .find(|c| dict.check(c))
        .map(|hit| {
            if is_capitalized(word) {
                crate::text::capitalize(&hit)
            } else {
                hit
            }
        })
}

/// Candidates one edit away.
fn edits(chars: &[char], alphabet: &[char]) -> Vec<String> {
    let n = chars.len();
    let mut out = Vec::new();
    let build = |v: Vec<char>| v.into_iter().collect::<String>();
    for i in 0..n {
        let mut v = chars.to_vec();
        v.remove(i);
        out.push(build(v));
    }
    for i in 0..n.saturating_sub(1) {
        let mut v = chars.to_vec();
        v.swap(i, i + 1);
        out.push(build(v));
    }
    for i in 0..n {
        for &a in alphabet {
            if a != chars[i] {
                let mut v = chars.to_vec();
                v[i] = a;
                out.push(build(v));
            }
        }
    }
    for i in 0..=n {
        for &a in alphabet {
            let mut v = chars.to_vec();
            v.insert(i, a);
            out.push(build(v));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::unit;
    use super::super::{check as run, QaUnit, Side};

    #[test]
    fn flags_typo_with_suggestion_and_offsets() {
        let text = "It caused a rift in Russia's relatiomns with NATO.";
        let f = run(&[unit(text)]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].check, "spelling");
        assert_eq!(f[0].text, "relatiomns");
        assert_eq!(f[0].suggestion.as_deref(), Some("relations"));
        let start = text.find("relatiomns").unwrap();
        assert_eq!(f[0].start, text[..start].chars().count());
    }

    #[test]
    fn russian_typo_and_names() {
        let f = run(&[unit("Министр Лавров заявил о готовнсти работать.")]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].text, "готовнсти");
        assert_eq!(f[0].suggestion.as_deref(), Some("готовности"));
    }

    fn spelling_of(lang: &str, text: &str) -> Vec<String> {
        super::super::tests::findings_of(lang, text, "spelling")
            .into_iter()
            .map(|f| format!("{}→{}", f.text, f.suggestion.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn british_spellings_pass_and_rare_variants_do_not() {
        // By shape, with the diacritics the British list keeps, and common British words.
        for t in [
            "The defence ministry praised the colour of the new uniform.",
            "That is a naïve idea.",
            "He took one axe for three people.",
            "The tsar and the worshippers left after the lockdown.",
        ] {
            assert!(
                spelling_of("en", t).is_empty(),
                "{t}: {:?}",
                spelling_of("en", t)
            );
        }
        // A rare variant only the British list accepts, and a name it lists (a name is left
        // to the checks of names, which need it unknown) in lower case.
        assert_eq!(
            spelling_of("en", "The difference is miniscule here.").len(),
            1
        );
        assert!(super::is_unknown("Oleg"));
    }

    #[test]
    fn russian_forms_the_dictionary_lacks_pass() {
        // `е` for `ё`, a compound with a linking vowel, a frequent form, a negated participle.
        for t in [
            "Тренер был впечатлен её работой.",
            "Они реже умирают от сердечнососудистых болезней.",
            "Развитие этих литератур шло медленно.",
            "Доля непришедших на выборы велика.",
            "Терхо сейчас отдыхает.",
            "Федотовым был поставлен спектакль.",
        ] {
            assert!(
                spelling_of("ru", t).is_empty(),
                "{t}: {:?}",
                spelling_of("ru", t)
            );
        }
    }

    #[test]
    fn russian_lower_case_names_and_sentence_start_typos() {
        // A name in lower case is the `capitalization` check's; a form of a name the
        // dictionary lacks (`египете` for `Египте`) is a misspelling.
        assert!(spelling_of("ru", "Делегация прибыла в токио.").is_empty());
        let f =
            super::super::tests::findings_of("ru", "Делегация прибыла в токио.", "capitalization");
        assert_eq!(f[0].suggestion.as_deref(), Some("Токио"));
        assert_eq!(
            spelling_of("ru", "Он жил в египете долго."),
            vec!["египете→Египете"]
        );
        assert!(super::super::tests::findings_of(
            "ru",
            "Он жил в египете долго.",
            "capitalization"
        )
        .is_empty());
        assert_eq!(
            spelling_of("ru", "Превет, как дела?"),
            vec!["Превет→Привет"]
        );
    }

    #[test]
    fn two_edit_suggestions() {
        assert_eq!(
            spelling_of("en", "We must acommodate them."),
            vec!["acommodate→accommodate"]
        );
        assert_eq!(
            spelling_of("ru", "Это хорошая сабака."),
            vec!["сабака→собака"]
        );
    }

    #[test]
    fn names_acronyms_urls_and_transliterations_pass() {
        let f = run(&[unit(
            "Dmitry Rogozin told Itar-Tass and the CFE team at https://exampel.org/xyzzy or bob@qwzx.com.",
        )]);
        assert!(f.is_empty(), "{f:?}");
        let pair = QaUnit {
            id: 1,
            origin: "t".into(),
            src: Side::new(Some("en"), "Steinmeier said that NATO is ready"),
            tgt: Some(Side::new(Some("ru"), "Штайнмайер заявил о готовности НАТО")),
        };
        let f = run(&[pair]);
        assert!(f.is_empty(), "{f:?}");
        // A name behind initials glued to it (`Дм.Травин`, `А.Трефиловой`).
        let pair = QaUnit {
            id: 2,
            origin: "t".into(),
            src: Side::new(Some("ru"), "Дм.Травин дал интервью А.Трефиловой"),
            tgt: Some(Side::new(
                Some("en"),
                "Dm. Travin gave an interview to A. Trefilova",
            )),
        };
        let f = run(&[pair]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn words_used_across_the_batch_are_terms() {
        let units: Vec<QaUnit> = (0..3)
            .map(|i| QaUnit {
                id: i,
                origin: "t".into(),
                src: Side::new(
                    Some("ru"),
                    format!("Новые данные о коронавирусе номер {i}."),
                ),
                tgt: None,
            })
            .chain(std::iter::once(unit("It caused a rift in relatiomns.")))
            .collect();
        let f = run(&units);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].text, "relatiomns");
    }

    #[test]
    fn russian_compounds_abbreviations_and_lowercase_names() {
        let f = run(&[unit(
            "В XIX вв. госкомпании и общинно-родовой строй, сердечно-сосудистые болезни.",
        )]);
        assert!(f.is_empty(), "{f:?}");
        // A lower-cased proper noun is a matter of capitalisation, not spelling.
        for t in ["Он уехал в египет.", "It snowed in february."] {
            let f = run(&[unit(t)]);
            assert_eq!(f.len(), 1, "{f:?}");
            assert_eq!(f[0].check, "capitalization");
        }
    }

    #[test]
    fn a_repeated_near_miss_is_still_a_typo() {
        let units: Vec<QaUnit> = (0..3)
            .map(|i| QaUnit {
                id: i,
                origin: "t".into(),
                src: Side::new(Some("ru"), format!("Мне хотется пойти домой номер {i}.")),
                tgt: None,
            })
            .collect();
        let f = run(&units);
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("хочется"));
    }

    #[test]
    fn a_typo_like_a_transliteration_is_still_a_typo() {
        let pair = |src: &str, tgt: &str, sl: &str, tl: &str| {
            super::super::tests::pair_all(sl, src, tl, tgt)
                .into_iter()
                .filter(|f| f.check == "spelling")
                .map(|f| (f.side.as_str(), f.text))
                .collect::<Vec<_>>()
        };
        // An English target word spelt like its Russian source word.
        assert_eq!(
            pair(
                "Реформа затронет пенсионную систему.",
                "The reform will affect the pension sistem.",
                "ru",
                "en"
            ),
            [("tgt", "sistem".to_string())]
        );
        // A name transliterated, a Russian loan of an English word, an English source word the
        // target borrows, a Russian word English borrows: all words.
        assert!(pair("Попробуйте пельмени.", "Try the pelmeni.", "ru", "en").is_empty());
        assert_eq!(
            pair(
                "Он подтвердил гипотезу.",
                "He confirmed the gipothesis.",
                "ru",
                "en"
            ),
            [("tgt", "gipothesis".to_string())]
        );
        assert!(pair(
            "Министр Шойгу прибыл.",
            "Minister Shoigu arrived.",
            "ru",
            "en"
        )
        .is_empty());
        assert!(pair("Apply the commit.", "Примените коммит.", "en", "ru").is_empty());
        assert!(pair("Run the validator.", "Запустите валидатор.", "en", "ru").is_empty());
        // A loan misspelt after its usual form: `оффис` for `офис`, `рекорт` for `рекорд`.
        assert_eq!(
            pair(
                "Спортсмен установил новый мировой рекорт.",
                "The athlete set a new world record.",
                "ru",
                "en"
            ),
            [("src", "рекорт".to_string())]
        );
        assert_eq!(
            pair(
                "The company opened a new office.",
                "Компания открыла новый оффис.",
                "en",
                "ru"
            ),
            [("tgt", "оффис".to_string())]
        );
    }

    #[test]
    fn sentence_initial_typo_is_flagged() {
        let f = run(&[unit("Relatiomns were frozen.")]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("Relations"));
    }
}
