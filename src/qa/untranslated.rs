//! Check `untranslated`: text of the source's language left in the target, both ways.
//! - the target equal to the source, or written in the source's script as a whole;
//! - Cyrillic words in an English target (`the посёлка`, `ЖКХ`);
//! - English words copied from the source into a Russian target (`Сильный snowfall`).
//!
//! What is kept on purpose stays allowed: names and brands (capitalised; unless the batch
//! writes the name in Russian letters elsewhere, `Twitter` beside `Твиттер`), acronyms, words
//! with digits, code, commands, file names and URLs (not prose, see `text::markup`), and
//! jargon no English dictionary knows (`chdir`, `zstd`). In a software message (one with
//! code), a single English word copied from the source is a command or keyword (`stat`,
//! `tar`) rather than a slip; two or more in a row are still reported.

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::{is_all_caps, is_capitalized, is_cyrillic, is_latin, Lang, Word};
use std::collections::HashSet;

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "untranslated",
    severity: Severity::Warning,
    explanation: "Text of the source left untranslated in the target.",
};

/// Runs the check on the target of a pair.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if !ctx.is_target_of_pair() {
        return;
    }
    let src = &ctx.unit.src;
    let text = side.text.as_str();
    let (Some(src_lang), Some(tgt_lang)) = (src.lang, side.lang) else {
        return;
    };
    if src_lang == tgt_lang || text.trim().is_empty() {
        return;
    }
    if whole_target(ctx, side, src_lang, out) {
        return;
    }
    match tgt_lang {
        Lang::En => cyrillic_words(ctx, text, out),
        Lang::Ru => copied_english(ctx, text, out),
    }
}

/// The target equal to the source, or in the source's script throughout: one finding for
/// the whole target.
fn whole_target(ctx: &Context<'_>, side: &Side, src_lang: Lang, out: &mut Vec<Finding>) -> bool {
    let text = side.text.as_str();
    let src = ctx.unit.src.text.as_str();
    // Prose words that are ordinary words: not names, acronyms or single letters.
    let plain = ctx
        .words
        .iter()
        .filter(|w| w.text.chars().count() >= 3 && !is_capitalized(w.text) && !has_digit(w.text))
        .count();
    // Software messages that are mostly code (`delta pc +%-4d`) are often left as they are.
    let code = ctx.view.has_code() || ctx.other_view.is_some_and(|v| v.has_code());
    if plain == 0 || (code && ctx.words.len() < 4) {
        return false;
    }
    let in_src_script = |w: &Word<'_>| match src_lang {
        Lang::Ru => w.text.chars().any(is_cyrillic),
        Lang::En => w.text.chars().all(is_latin),
    };
    let message = if src.trim() == text.trim() {
        "the target is the source, untranslated".to_string()
    } else {
        let letters = ctx.words.iter().filter(|w| !has_digit(w.text)).count();
        let foreign = ctx.words.iter().filter(|w| in_src_script(w)).count();
        if letters < 3 || foreign * 10 < letters * 9 {
            return false;
        }
        let name = match src_lang {
            Lang::En => "English",
            Lang::Ru => "Russian",
        };
        format!("the target is in {name}, the language of the source")
    };
    out.push(ctx.whole_side_finding(&INFO, text, message));
    true
}

fn has_digit(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
}

/// Pushes one finding per run of flagged words (words next to each other, only spaces and
/// punctuation between them inside a sentence).
fn runs(
    ctx: &Context<'_>,
    text: &str,
    flagged: &[&Word<'_>],
    min_run: usize,
    message: &str,
    out: &mut Vec<Finding>,
) {
    let words = ctx.words;
    let mut i = 0;
    while i < flagged.len() {
        let mut j = i;
        // Extend while the next flagged word is the next prose word.
        while j + 1 < flagged.len() {
            let a = words.iter().position(|w| w.start == flagged[j].start);
            let next = a.and_then(|a| words.get(a + 1));
            let gap_ok = next.is_some_and(|n| {
                n.start == flagged[j + 1].start
                    && text[flagged[j].byte_start + flagged[j].text.len()..n.byte_start]
                        .chars()
                        .all(|c| c.is_whitespace() || c == '-' || c == '\'')
            });
            if !gap_ok {
                break;
            }
            j += 1;
        }
        if j - i + 1 >= min_run {
            out.push(ctx.finding(
                &INFO,
                text,
                flagged[i].start,
                flagged[j].end,
                message.to_string(),
                None,
            ));
        }
        i = j + 1;
    }
}

/// Cyrillic words in an English target.
fn cyrillic_words(ctx: &Context<'_>, text: &str, out: &mut Vec<Finding>) {
    let flagged: Vec<&Word<'_>> = ctx
        .words
        .iter()
        .filter(|w| {
            // Words mixing scripts are `mixed_script`'s.
            w.text.chars().any(is_cyrillic) && !w.text.chars().any(is_latin)
        })
        .collect();
    runs(
        ctx,
        text,
        &flagged,
        1,
        "Russian words left in the English translation",
        out,
    );
}

/// English words copied from the source into a Russian target.
fn copied_english(ctx: &Context<'_>, text: &str, out: &mut Vec<Finding>) {
    if !ctx
        .words
        .iter()
        .any(|w| w.text.starts_with(|c: char| c.is_ascii_alphabetic()))
    {
        return;
    }
    let source_words: HashSet<String> = ctx
        .other_words
        .iter()
        .map(|w| w.text.to_lowercase())
        .collect();
    let software = ctx.view.has_code() || ctx.other_view.is_some_and(|v| v.has_code());
    let flagged: Vec<&Word<'_>> = ctx
        .words
        .iter()
        .filter(|w| {
            let word = w.text;
            if !word.chars().all(is_latin)
                || word.chars().count() < 2
                || is_all_caps(word)
                || !source_words.contains(&word.to_lowercase())
                || hyphenated(text, w)
            {
                return false;
            }
            // A name counts when the batch writes it in Russian letters elsewhere.
            if is_capitalized(word) {
                return ctx
                    .batch
                    .cyrillic_names
                    .contains(&crate::text::translit::name_key(word));
            }
            // Jargon no dictionary or word list knows is kept on purpose (`chdir`, `zstd`);
            // a word of the lists in a sentence of prose is not (`rebrand`).
            if super::spelling::is_unknown(word)
                && (software || crate::text::freq::zipf(Lang::En, &word.to_lowercase()).is_none())
            {
                return false;
            }
            // Inside a Russian sentence.
            text[..w.byte_start].chars().rev().take(40).any(is_cyrillic)
                || text[w.byte_start..].chars().take(40).any(is_cyrillic)
        })
        .collect();
    runs(
        ctx,
        text,
        &flagged,
        if software { 2 } else { 1 },
        "English words left in the Russian translation",
        out,
    );
}

/// True when the word is part of a hyphenated compound (`commit-graph`): a term of the text
/// kept as it is, not a word of the sentence.
fn hyphenated(text: &str, w: &Word<'_>) -> bool {
    let before = text[..w.byte_start].chars().next_back();
    let after = text[w.byte_start + w.text.len()..].chars().next();
    before == Some('-') || after == Some('-')
}

#[cfg(test)]
mod tests {
    use super::super::{check, QaUnit, Side};

    fn pair_in(src_lang: &str, src: &str, tgt_lang: &str, tgt: &str) -> Vec<String> {
        super::super::tests::target_texts(
            super::super::tests::pair_all(src_lang, src, tgt_lang, tgt)
                .into_iter()
                .filter(|f| f.check == "untranslated"),
        )
    }

    fn pair(src: &str, tgt: &str) -> Vec<String> {
        pair_in("en", src, "ru", tgt)
    }

    #[test]
    fn copied_source_words_are_flagged() {
        assert_eq!(
            pair(
                "Install the latest update now.",
                "Установите latest update сейчас."
            ),
            ["latest update"]
        );
        assert_eq!(
            pair(
                "Heavy snowfall hit the city.",
                "Сильный snowfall обрушился на город."
            ),
            ["snowfall"]
        );
        assert_eq!(pair("Open the file.", "Open the file."), ["Open the file."]);
        assert_eq!(
            pair("Open the file now.", "Open this file right now."),
            ["Open this file right now."]
        );
    }

    #[test]
    fn cyrillic_words_in_an_english_target() {
        assert_eq!(
            pair_in(
                "ru",
                "Спасатели эвакуировали жителей посёлка.",
                "en",
                "Rescuers evacuated the residents of the посёлка."
            ),
            ["посёлка"]
        );
        assert_eq!(
            pair_in(
                "ru",
                "Жалобы на ЖКХ и отдел продаж.",
                "en",
                "Complaints about ЖКХ and the отдел продаж."
            ),
            ["ЖКХ", "отдел продаж"]
        );
        assert_eq!(
            pair_in("ru", "Доступ запрещён.", "en", "Доступ запрещён."),
            ["Доступ запрещён."]
        );
        assert!(pair_in("ru", "Мы купили холодильник.", "en", "We bought a fridge.").is_empty());
    }

    #[test]
    fn a_name_written_in_russian_elsewhere_is_untranslated_here() {
        let units = [
            QaUnit {
                id: 0,
                origin: "t".into(),
                src: Side::new(Some("en"), "Patel asked Twitter for answers."),
                tgt: Some(Side::new(
                    Some("ru"),
                    "Пател потребовала ответов от Twitter.",
                )),
            },
            QaUnit {
                id: 1,
                origin: "t".into(),
                src: Side::new(Some("en"), "Twitter said nothing."),
                tgt: Some(Side::new(Some("ru"), "Твиттер ничего не сказал.")),
            },
        ];
        let f: Vec<_> = check(&units)
            .into_iter()
            .filter(|f| f.check == "untranslated")
            .collect();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].segment, f[0].text.as_str()), (0, "Twitter"));
    }

    #[test]
    fn names_codes_commands_and_translations_pass() {
        assert!(pair(
            "Open Firefox and the NATO site.",
            "Откройте Firefox и сайт NATO."
        )
        .is_empty());
        assert!(pair("Open the file.", "Откройте файл.").is_empty());
        // Options, markup, identifiers, commands and jargon of software messages.
        for (s, t) in [
            (
                "--update given but %s does not exist",
                "указан --update, но %s не существует",
            ),
            (
                "The component is missing a name (<name/> tag).",
                "Компоненту не хватает имени (тег <name/>).",
            ),
            ("cannot stat '%s'", "сбой stat для «%s»"),
            (
                "unknown deb format version: %s",
                "неизвестный формат версии deb: %s",
            ),
            (
                "commit-graph has incorrect order",
                "файл commit-graph содержит неправильный порядок",
            ),
            ("Run chdir now", "Выполните chdir сейчас"),
            ("%s: %s", "%s: %s"),
            ("Ctrl+S", "Ctrl+S"),
        ] {
            assert!(pair(s, t).is_empty(), "{s} → {t}: {:?}", pair(s, t));
        }
        // Two English words in a row are untranslated even in a software message.
        assert_eq!(
            pair("cannot open the file %s", "не удалось open the file %s"),
            ["open the file"]
        );
    }
}
