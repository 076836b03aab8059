//! Check `capitalization`: words cased against the rules of their language, and terms cased
//! differently within one batch.
//! - English names in lower case: a word the English dictionary knows only capitalised
//!   (places, people, weekdays, months, nationalities, languages: `geneva`, `on friday`,
//!   `german`), unless the other side has the same lower-case word (a code or a term);
//! - Russian names in lower case: a word unknown as written that the dictionary knows
//!   capitalised (`в токио`; a form it does not know, `египете` for `Египте`, is a
//!   misspelling for `spelling`);
//! - Russian months, weekdays and nationality or language adjectives capitalised inside a
//!   sentence (`по Пятницам`, `на Испанском`), except after an opening quote or bracket (a
//!   title) or before another capitalised word (a name such as `Русский Музей`);
//! - the same two-word term cased differently within one batch (`NATO general secretary`
//!   here, `NATO General Secretary` there): the less frequent spellings are flagged with the
//!   most frequent one as the suggestion. A word at the start of a sentence does not count,
//!   nor do pairs with an acronym.
//!
//! Only the side the translator edits is checked: the target of a pair, or a monolingual text.

use super::{CheckInfo, Context, Finding, Severity, Side, SideId};
use crate::text::{is_capitalized, is_cyrillic, Lang, Word};
use foldhash::HashMap;
use std::hash::{BuildHasher, Hasher};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "capitalization",
    severity: Severity::Review,
    explanation: "A name written in lower case, a word capitalised that the language writes in lower case, or a term capitalised differently elsewhere in the batch.",
};

/// How each two-word term is written across a batch. Spellings with a capital letter are
/// kept by lower-cased key → spelling → count; all-lower-case ones are only counted, by a hash
/// of the text (most pairs of a batch, and never questioned themselves).
#[derive(Debug, Default)]
pub struct Spellings {
    cased: HashMap<String, HashMap<String, usize>>,
    lower: HashMap<u64, usize>,
}

fn lower_hash(a: &str, b: &str) -> u64 {
    // A fixed seed: the same pair hashes the same on every thread.
    let mut h = foldhash::quality::FixedState::with_seed(0x7e57_ca5e).build_hasher();
    h.write(a.as_bytes());
    h.write_u8(0xff);
    h.write(b.as_bytes());
    h.finish()
}

/// True when the two words form a term candidate: letters only, one space between, not at a
/// sentence start.
fn is_term(text: &str, w: &[Word<'_>]) -> bool {
    w.iter().all(|x| x.text.chars().all(crate::text::is_letter))
        && text[w[0].byte_start + w[0].text.len()..w[1].byte_start] == *" "
        && !super::sentence_initial(text, w[0].byte_start)
}

/// Two-word sequences of letters separated by one space, not starting a sentence, with a
/// capital letter, with their char spans.
/// Also gives the index of each term's first word.
fn cased_terms(text: &str, ws: &[Word<'_>]) -> Vec<(String, usize, usize, usize)> {
    ws.windows(2)
        .enumerate()
        .filter(|(_, w)| {
            w.iter().any(|x| x.text.chars().any(crate::text::is_upper)) && is_term(text, w)
        })
        .map(|(k, w)| {
            (
                format!("{} {}", w[0].text, w[1].text),
                w[0].start,
                w[1].end,
                k,
            )
        })
        .collect()
}

/// Short words that stand lower case inside a title or a name (`The Death of Stalin`,
/// `Servant of the People`).
const TITLE_LINKS: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "и", "в", "на",
];

/// True when the term at words `k`, `k + 1` is part of a longer capitalised name or title: a
/// capitalised word right before it, a capitalised common word right after it, or a
/// capitalised word beyond a single linking word (`the Criminal Code`, `Jesus Will Change
/// Your Life`, `Social Development of Novosibirsk`, `The Death of Stalin`). How such a name is
/// cased is the name's, not the term's.
fn in_title_run(text: &str, ws: &[Word<'_>], k: usize) -> bool {
    let joined = |a: &Word<'_>, b: &Word<'_>| {
        text.get(a.byte_start + a.text.len()..b.byte_start) == Some(" ")
    };
    // Title case: not an acronym (`NATO General Secretary` is the term after a modifier),
    // nor a capital that only starts a sentence (`Then To the shop`).
    let cap = |w: &Word<'_>| {
        is_capitalized(w.text)
            && !crate::text::is_all_caps(w.text)
            && w.text.chars().all(crate::text::is_letter)
            && !super::sentence_initial(text, w.byte_start)
    };
    let link = |w: &Word<'_>| TITLE_LINKS.contains(&w.text);
    let before = k
        .checked_sub(1)
        .map(|j| (j, &ws[j]))
        .filter(|(_, p)| joined(p, &ws[k]));
    let after = ws.get(k + 2).filter(|n| joined(&ws[k + 1], n));
    // A personal name right after is not more of the name: a title before a name (`the NATO
    // General Secretary Jaap de Hoop Scheffer`) is cased as a title, which is the question.
    let common = |w: &Word<'_>| {
        let lower = w.text.to_lowercase();
        !super::spelling::is_unknown(&lower)
            && !super::spelling::is_known_only_capitalized(Lang::En, &lower)
    };
    before.is_some_and(|(j, p)| {
        cap(p) || link(p) && j > 0 && joined(&ws[j - 1], p) && cap(&ws[j - 1])
    }) || after.is_some_and(|n| {
        cap(n) && common(n) || link(n) && ws.get(k + 3).is_some_and(|m| joined(n, m) && cap(m))
    })
}

impl Spellings {
    /// Adds the counts of another part of the batch.
    pub fn merge(&mut self, other: Spellings) {
        for (key, forms) in other.cased {
            let mine = self.cased.entry(key).or_default();
            for (written, n) in forms {
                *mine.entry(written).or_insert(0) += n;
            }
        }
        for (h, n) in other.lower {
            *self.lower.entry(h).or_insert(0) += n;
        }
    }

    /// Counts the spellings of one side's text with its words.
    pub fn add(&mut self, text: &str, ws: &[Word<'_>]) {
        for w in ws.windows(2) {
            let cased = w.iter().any(|x| x.text.chars().any(crate::text::is_upper));
            if !is_term(text, w) {
                continue;
            }
            if cased {
                let written = format!("{} {}", w[0].text, w[1].text);
                *self
                    .cased
                    .entry(written.to_lowercase())
                    .or_default()
                    .entry(written)
                    .or_insert(0) += 1;
            } else {
                *self
                    .lower
                    .entry(lower_hash(w[0].text, w[1].text))
                    .or_insert(0) += 1;
            }
        }
    }
}

/// Runs the check on one side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    // A side in another language (`de`, `zh`) has its own rules of capitals.
    if ctx.side == SideId::Src && ctx.unit.tgt.is_some() || side.lang.is_none() {
        return;
    }
    names_in_lower_case(ctx, side, out);
    if side.lang == Some(Lang::Ru) {
        russian_capitals(ctx, side, out);
    }
    batch_casing(ctx, side, out);
}

/// Names written in lower case (see the module comment).
fn names_in_lower_case(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    let text = side.text.as_str();
    for (i, w) in ctx.words.iter().enumerate() {
        let word = w.text;
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            continue;
        };
        if !first.is_lowercase()
            || word.chars().count() < 2
            || !word
                .chars()
                .all(|c| crate::text::is_letter(c) || c == '\'' || c == '’')
        {
            continue;
        }
        let name = if word.is_ascii() {
            ctx.knowledge(i) == super::spelling::Known::OnlyCapitalized
                || names_a_source_name(ctx, word)
        } else if word.chars().all(is_cyrillic) {
            ctx.knowledge(i) == super::spelling::Known::No
                && super::spelling::lower_case_name(word)
                && super::spelling::is_name_form(word)
        } else {
            false
        };
        // A term both sides write in lower case is written so on purpose.
        if !name || ctx.other_words.iter().any(|o| o.text == word) {
            continue;
        }
        let fixed = crate::text::capitalize(word);
        out.push(ctx.finding(
            &INFO,
            text,
            w.start,
            w.end,
            format!("“{word}” is a name: write “{fixed}”"),
            Some(fixed),
        ));
    }
}

/// True when a lower-case English word of a target stands for a name of its Russian source:
/// a place the source names (`geneva` for `Женеве`), a language or nationality where the
/// source has a nationality adjective (`german` for `немецких`; `polish` alone may be a
/// common word), or a transliteration of a proper noun of the source (`petrova` for
/// `Петровой`; a proper noun being a word capitalised inside a sentence).
pub(crate) fn names_a_source_name(ctx: &Context<'_>, word: &str) -> bool {
    use crate::text::names;
    if ctx.side != SideId::Tgt || ctx.unit.src.lang != Some(Lang::Ru) {
        return false;
    }
    let src = ctx.other_words;
    let unknown = super::spelling::is_unknown(word);
    let place = names::english_place(word);
    let language = names::english_language(word);
    if !unknown && place.is_none() && !language {
        return known_name_of_source(ctx, word);
    }
    if let Some(id) = place {
        if names::places_in(src, Lang::Ru).iter().any(|m| m.id == id) {
            return true;
        }
    }
    if language
        && (unknown
            || src
                .iter()
                .any(|w| names::ru_lower_class(w.text) == Some(names::LowerClass::Nationality)))
    {
        return true;
    }
    // A transliteration only for a word English does not know (`petrova`, not `plane`).
    // Inside a sentence, Russian capitalises proper nouns only.
    let src_text = ctx.unit.src.text.as_str();
    word.chars().count() >= 4
        && unknown
        && src.iter().any(|w| {
            is_capitalized(w.text)
                && !crate::text::is_all_caps(w.text)
                && w.text.chars().all(is_cyrillic)
                && !super::sentence_initial(src_text, w.byte_start)
                && crate::text::translit::like_name(w.text, word)
        })
}

/// True when a known English word in lower case is the exact transliteration of a proper
/// noun of the source and stands next to a capitalised word of the target: a first name or
/// surname that is also a word (`marina Kovalyova` for `Марина Ковалёва`).
fn known_name_of_source(ctx: &Context<'_>, word: &str) -> bool {
    let Some(k) = ctx.words.iter().position(|w| w.text == word) else {
        return false;
    };
    let beside = |i: Option<usize>| {
        i.and_then(|i| ctx.words.get(i))
            .is_some_and(|w| is_capitalized(w.text) && !crate::text::is_all_caps(w.text))
    };
    if !(beside(k.checked_sub(1)) || beside(Some(k + 1))) {
        return false;
    }
    let src_text = ctx.unit.src.text.as_str();
    ctx.other_words.iter().any(|w| {
        is_capitalized(w.text)
            && w.text.chars().all(is_cyrillic)
            && !super::sentence_initial(src_text, w.byte_start)
            && crate::text::translit::same_name(w.text, word)
    })
}

/// Russian words that are capitalised where Russian writes them in lower case.
fn russian_capitals(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    let text = side.text.as_str();
    let ws = ctx.words;
    for (k, w) in ws.iter().enumerate() {
        let word = w.text;
        if !is_capitalized(word)
            || word.chars().skip(1).any(char::is_uppercase)
            || !word.chars().all(is_cyrillic)
            || super::sentence_initial(text, w.byte_start)
        {
            continue;
        }
        // A title or a quoted name starts with a capital: `«Пятница»`, `(Среда)`.
        let before = text[..w.byte_start]
            .trim_end_matches(' ')
            .chars()
            .next_back();
        if before.is_some_and(|c| "«\"“„'(‹[".contains(c)) {
            continue;
        }
        // Part of a name: the next word capitalised too.
        if ws.get(k + 1).is_some_and(|n| {
            is_capitalized(n.text)
                && text[w.byte_start + word.len()..n.byte_start]
                    .trim()
                    .is_empty()
        }) {
            continue;
        }
        // Only months, weekdays and `-ский`/`-цкий` adjectives can be such words.
        if !word.contains("ск")
            && !word.contains("цк")
            && crate::text::names::calendar_word(word).is_none()
        {
            continue;
        }
        let Some(class) = crate::text::names::ru_lower_class(word) else {
            continue;
        };
        // An adjective begins many names (`Британской империи`, `Канарские острова`): only
        // against an English source that shows no such name (`British Empire`, `Canary
        // Islands`: a capitalised word before a capitalised common noun) is it a slip.
        if class == crate::text::names::LowerClass::Nationality
            && (ctx.side != SideId::Tgt
                || ctx.unit.src.lang != Some(Lang::En)
                || has_adjective_name(&ctx.unit.src.text, ctx.other_words))
        {
            continue;
        }
        let what = match class {
            crate::text::names::LowerClass::Month => "months",
            crate::text::names::LowerClass::Weekday => "days of the week",
            crate::text::names::LowerClass::Nationality => "nationality and language adjectives",
        };
        let fixed = word.to_lowercase();
        out.push(ctx.finding(
            &INFO,
            text,
            w.start,
            w.end,
            format!("Russian writes {what} in lower case: “{fixed}”"),
            Some(fixed),
        ));
    }
}

/// True when an English text has a name made of a capitalised word and a capitalised common
/// noun (`Canary Islands`, `British Empire`, `Arab Spring`), whose Russian form capitalises
/// its adjective.
fn has_adjective_name(text: &str, words: &[Word<'_>]) -> bool {
    words.windows(2).any(|w| {
        is_capitalized(w[0].text)
            && is_capitalized(w[1].text)
            && !crate::text::is_all_caps(w[0].text)
            && text[w[0].byte_start + w[0].text.len()..w[1].byte_start] == *" "
            && !super::spelling::is_unknown(&w[1].text.to_lowercase())
            && !super::spelling::is_known_only_capitalized(Lang::En, &w[1].text.to_lowercase())
    })
}

/// Terms cased differently within the batch.
fn batch_casing(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    let text = side.text.as_str();
    for (written, start, end, k) in cased_terms(text, ctx.words) {
        // Only capitalised spellings are questioned, and acronyms read the same in every
        // variant (the term is the other words).
        let parts: Vec<&str> = written.split(' ').collect();
        if !written.chars().any(char::is_uppercase)
            || parts.iter().any(|p| crate::text::is_all_caps(p))
            || in_title_run(text, ctx.words, k)
        {
            continue;
        }
        // A term right after a reference mark, a closing bracket or a separator (`[3] To
        // the`, `(Comedy Club) In addition`, `… | This is`) may start a sentence, and one
        // after an opening quote starts the quotation (`a meme "Have you been banned?"`).
        let before = text[..ctx.words[k].byte_start].trim_end();
        if before.ends_with([']', ')', '|', '"', '“', '«', '„']) {
            continue;
        }
        // After a dash (`Telegram ban - There is`, `2-The question`) or a list number or time
        // code that opens the segment (`2:32 Was the election…`) a title or sentence starts.
        if before.ends_with(['-', '–', '—'])
            || (!before.is_empty()
                && before
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_whitespace() || ":.-)".contains(c)))
        {
            continue;
        }
        // A capital letter with a period is an initial (`with A. Illarionov`), not a word.
        let initial = |i: usize| {
            ctx.words.get(i).is_some_and(|w| {
                w.text.chars().count() == 1 && text[w.byte_start + w.text.len()..].starts_with('.')
            })
        };
        if initial(k) || initial(k + 1) {
            continue;
        }
        let key = written.to_lowercase();
        let Some(variants) = ctx.batch.spellings.cased.get(&key) else {
            continue;
        };
        let lower_n = key
            .split_once(' ')
            .and_then(|(a, b)| ctx.batch.spellings.lower.get(&lower_hash(a, b)))
            .copied()
            .unwrap_or(0);
        let Some((best, &best_n)) = variants
            .iter()
            .chain((lower_n > 0).then_some((&key, &lower_n)))
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        else {
            continue;
        };
        let mine = variants.get(&written).copied().unwrap_or(0);
        // Flag only a clear minority spelling of a term the batch otherwise writes one way.
        if *best != written && best_n >= 3 && mine * 3 <= best_n {
            out.push(ctx.finding(
                &INFO,
                &side.text,
                start,
                end,
                format!("“{written}” is written “{best}” elsewhere ({best_n} times)"),
                Some(best.clone()),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check, QaUnit, Side};

    fn unit(id: i64, t: &str) -> QaUnit {
        QaUnit {
            id,
            origin: "d".into(),
            src: Side::new(Some("en"), t),
            tgt: None,
        }
    }

    fn caps(src_lang: &str, src: &str, tgt_lang: &str, tgt: &str) -> Vec<String> {
        super::super::tests::target_texts(
            super::super::tests::pair_all(src_lang, src, tgt_lang, tgt)
                .into_iter()
                .filter(|f| f.check == "capitalization"),
        )
    }

    #[test]
    fn english_names_in_lower_case() {
        assert_eq!(
            caps(
                "ru",
                "Решение объявят в среду.",
                "en",
                "It will be announced on wednesday."
            ),
            ["wednesday"]
        );
        assert_eq!(
            caps(
                "ru",
                "Встреча пройдёт в Женеве.",
                "en",
                "The meeting will be held in geneva."
            ),
            ["geneva"]
        );
        assert_eq!(
            caps(
                "ru",
                "Проект заинтересовал немецких инвесторов.",
                "en",
                "The project attracted german investors."
            ),
            ["german"]
        );
        assert_eq!(
            caps(
                "ru",
                "Интервью с Анной Петровой.",
                "en",
                "An interview with Anna petrova."
            ),
            ["petrova"]
        );
        // Common words that are names elsewhere, and the source's own lower case.
        assert!(caps(
            "ru",
            "Самолёт приземлился в Пулково.",
            "en",
            "The plane landed at Pulkovo."
        )
        .is_empty());
        assert!(caps("ru", "Мы купили лак.", "en", "We bought some polish.").is_empty());
        assert!(caps(
            "en",
            "Set locale to english.",
            "en",
            "Set locale to english."
        )
        .is_empty());
    }

    #[test]
    fn russian_names_in_lower_case_and_wrong_capitals() {
        assert_eq!(
            caps(
                "en",
                "The delegation arrived in Tokyo.",
                "ru",
                "Делегация прибыла в токио."
            ),
            ["токио"]
        );
        assert_eq!(
            caps(
                "en",
                "The market is busiest on Fridays.",
                "ru",
                "Больше всего покупателей по Пятницам."
            ),
            ["Пятницам"]
        );
        assert_eq!(
            caps(
                "en",
                "Available in English and Spanish.",
                "ru",
                "Доступно на английском и Испанском языках."
            ),
            ["Испанском"]
        );
        assert_eq!(
            caps(
                "en",
                "Sales peaked in December.",
                "ru",
                "Пик продаж пришёлся на Декабрь."
            ),
            ["Декабрь"]
        );
        // Names that start with such a word, titles in quotes, sentence starts.
        for (s, t) in [
            (
                "He received the Order of the British Empire.",
                "Он получил орден Британской империи.",
            ),
            (
                "They went to the Canary Islands.",
                "Они поехали на Канарские острова.",
            ),
            ("The novel “Friday” came out.", "Вышел роман «Пятница»."),
            (
                "Spanish is spoken here.",
                "Испанский язык здесь распространён.",
            ),
            ("See you on Monday.", "Увидимся в понедельник."),
            (
                "Meet at Kazansky railway station.",
                "Встреча на Казанском вокзале.",
            ),
        ] {
            assert!(caps("en", s, "ru", t).is_empty(), "{t}");
        }
    }

    #[test]
    fn minority_casing_of_a_term_is_flagged() {
        let units = [
            unit(0, "Then the NATO general secretary spoke."),
            unit(1, "Later the NATO General Secretary left."),
            unit(2, "According to the NATO general secretary, all is well."),
            unit(3, "The reply of the general secretary came late."),
        ];
        let f: Vec<_> = check(&units)
            .into_iter()
            .filter(|f| f.check == "capitalization")
            .collect();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].segment, f[0].text.as_str()), (1, "General Secretary"));
        assert_eq!(f[0].suggestion.as_deref(), Some("general secretary"));
    }

    #[test]
    fn a_term_inside_a_longer_name_or_after_a_sentence_mark_passes() {
        // The batch writes these terms in lower case many times.
        let mut units: Vec<QaUnit> = (0..9)
            .map(|i| {
                let t = match i % 3 {
                    0 => "They caught the criminal again and went to the river.",
                    1 => "He feared the death of a hero and ran to the shop.",
                    _ => "Nobody saw the criminal or the death of the king, she said to the boy.",
                };
                unit(i, t)
            })
            .collect();
        // A name or title cased as names are (`the Criminal Code`, `The Death of Stalin`), a
        // term after a reference mark or a quoting mark.
        units.push(unit(9, "Faith, not the Criminal Code, protects believers."));
        units.push(unit(
            10,
            "They banned the film The Death of Stalin last year.",
        ));
        units.push(unit(
            11,
            "[3] To the credit of moderators, they only deleted the page.",
        ));
        units.push(unit(12, "> To the passport office we went, as always."));
        // After a dash or a time code a title starts; a capital with a period is an initial.
        units.push(unit(15, "Telegram ban - The criminal ran away."));
        units.push(unit(16, "2:32 The criminal ran away."));
        units.push(unit(17, "Letters on the death of A. Smith."));
        let f: Vec<_> = check(&units)
            .into_iter()
            .filter(|f| f.check == "capitalization")
            .collect();
        assert!(f.is_empty(), "{f:?}");
        // The same terms capitalised on their own are still a minority spelling.
        units.push(unit(13, "They finally caught the Criminal yesterday."));
        units.push(unit(14, "Then To the shop we went."));
        let f: Vec<_> = check(&units)
            .into_iter()
            .filter(|f| f.check == "capitalization")
            .map(|f| (f.segment, f.text))
            .collect();
        assert_eq!(
            f,
            [(13, "the Criminal".to_string()), (14, "To the".to_string())]
        );
    }

    #[test]
    fn consistent_or_sentence_initial_casing_passes() {
        let units = [
            unit(0, "The General Secretary spoke."),
            unit(1, "General secretary positions are rare."),
            unit(2, "Then the General Secretary left."),
        ];
        assert!(check(&units).iter().all(|f| f.check != "capitalization"));
    }
}
