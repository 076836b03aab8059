//! QA: what is wrong with these segments?
//!
//! A batch of [`QaUnit`]s (from a TSV, a TMX, a text file or the memory) runs through the
//! checks; each check is one file in this folder and yields [`Finding`]s with char offsets into
//! the side it flags. Checks see the whole batch through [`Context`] (names seen in the batch,
//! the other side of the unit).

mod agreement;
mod brackets;
mod calques;
mod capitalization;
mod clause_commas;
mod confusables;
mod consistency;
mod context;
mod empty;
mod end_punct;
pub mod fluency;
mod garbled;
mod grammar;
pub mod input;
mod length;
mod mixed_script;
mod names;
mod negation;
mod numbers;
mod omission;
mod omission_list;
mod opposites;
pub mod profile;
mod punct_rules;
mod punctuation;
pub mod quality;
mod quotes;
mod repeated;
mod run;
mod sentence_case;
pub mod spelling;
pub mod suggest;
mod tags;
mod terminology;
mod unit;
mod untranslated;
mod whitespace;

pub use context::{CheckInfo, Context};
pub use profile::Profile;
pub use run::{
    bounded_text, bounded_units, check, check_with, preload_in_background, side_cut, Batch,
    MAX_SIDE_CHARS,
};
pub use unit::{to_written, Finding, QaUnit, Severity, Side, SideId};

use std::collections::BTreeMap;

/// All checks this build runs.
pub const CHECKS: &[CheckInfo] = &[
    spelling::INFO,
    tags::INFO,
    punctuation::INFO,
    punct_rules::INFO,
    quotes::INFO,
    capitalization::INFO,
    garbled::INFO,
    agreement::INFO,
    grammar::INFO,
    grammar::MISSING_VERB,
    grammar::WORD_ORDER,
    untranslated::INFO,
    repeated::INFO,
    whitespace::INFO,
    brackets::INFO,
    numbers::INFO,
    empty::INFO,
    length::INFO,
    end_punct::INFO,
    sentence_case::INFO,
    negation::INFO,
    omission::INFO,
    names::INFO,
    mixed_script::INFO,
    terminology::INFO,
    consistency::INFO,
];

/// A check that looks at one side of one unit.
type SideCheck = fn(&Context<'_>, &Side, &mut Vec<Finding>);

/// The per-side checks, in report order, with the id a profile switches them by.
const SIDE_CHECKS: &[(&CheckInfo, SideCheck)] = &[
    (&spelling::INFO, spelling::check),
    (&tags::INFO, tags::check),
    (&punctuation::INFO, punctuation::check),
    (&punct_rules::INFO, punct_rules::check),
    (&quotes::INFO, quotes::check),
    (&capitalization::INFO, capitalization::check),
    (&garbled::INFO, garbled::check),
    (&agreement::INFO, agreement::check),
    (&grammar::INFO, grammar::check),
    (&grammar::MISSING_VERB, grammar::check_missing_verb),
    (&grammar::WORD_ORDER, grammar::check_word_order),
    (&untranslated::INFO, untranslated::check),
    (&repeated::INFO, repeated::check),
    (&whitespace::INFO, whitespace::check),
    (&brackets::INFO, brackets::check),
    (&numbers::INFO, numbers::check),
    (&empty::INFO, empty::check),
    (&length::INFO, length::check),
    (&end_punct::INFO, end_punct::check),
    (&sentence_case::INFO, sentence_case::check),
    (&negation::INFO, negation::check),
    (&omission::INFO, omission::check),
    (&names::INFO, names::check),
    (&mixed_script::INFO, mixed_script::check),
    (&terminology::INFO, terminology::check),
];

/// The char span of `text` without its outer whitespace: where a finding about a whole side
/// (a number or name missing from it) points.
pub(crate) fn trimmed_span(text: &str) -> (usize, usize) {
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    let end = text.chars().count() - text.chars().rev().take_while(|c| c.is_whitespace()).count();
    (lead, end.max(lead))
}

/// Findings counted per check, for summaries.
pub fn count_by_check(findings: &[Finding]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for f in findings {
        *m.entry(f.check).or_insert(0) += 1;
    }
    m
}

/// True when the word at byte `at` starts a sentence: only quotes, brackets, dashes, bullets,
/// quoting marks (`> `) or spaces stand between it and the text start or a sentence-final mark.
pub fn sentence_initial(text: &str, at: usize) -> bool {
    for c in text[..at].chars().rev() {
        if c.is_whitespace() || "\"'“”«»„‘’([{—–-•·*>".contains(c) {
            continue;
        }
        return matches!(c, '.' | '!' | '?' | '…' | ':');
    }
    true
}

#[cfg(test)]
mod tests {
    use super::run::check_in_parts;
    use super::*;
    use crate::text::Lang;

    #[test]
    fn a_side_in_another_language_gets_none_and_a_side_without_a_code_is_detected() {
        // Latin letters in a Chinese side would read as English if detected.
        assert_eq!(Side::new(Some("zh"), "他说NATO会谈将继续").lang, None);
        assert_eq!(Side::new(Some("de-DE"), "Die NATO sagt").lang, None);
        assert_eq!(Side::new(Some("EN-us"), "Die NATO").lang, Some(Lang::En));
        assert_eq!(Side::new(Some("rus"), "NATO").lang, Some(Lang::Ru));
        for code in [None, Some(""), Some(" "), Some("und"), Some("MUL")] {
            assert_eq!(
                Side::new(code, "НАТО заявило").lang,
                Some(Lang::Ru),
                "{code:?}"
            );
            assert_eq!(
                Side::new(code, "NATO said").lang,
                Some(Lang::En),
                "{code:?}"
            );
        }
    }

    #[test]
    fn a_batch_checked_in_parts_gives_the_findings_of_one_part() {
        // Typos (some repeated, so that they count as terms of the batch), names, a term cased
        // two ways, repeated sources with other translations: everything the parts must
        // share through the merged batch.
        let mut units = Vec::new();
        for i in 0..120 {
            let (src, tgt) = match i % 6 {
                0 if i == 0 => (
                    "The relatiomns with Russia were tense.",
                    "Отношения с Россией были напряжёнными.",
                ),
                0 => (
                    "The relations with Russia were tense.",
                    "Отношения с Россией были напряжёнными.",
                ),
                // Capitalised in the first unit only, in lower case in the last units only:
                // only the merged batch sees both.
                1 if i == 1 => (
                    "Then the NATO General Secretary spoke.",
                    "Затем Генеральный Секретарь НАТО выступил.",
                ),
                1 if i > 100 => (
                    "Then the NATO general secretary spoke.",
                    "Затем генеральный секретарь НАТО выступил.",
                ),
                1 => ("Then the minister spoke.", "Затем министр выступил."),
                2 => (
                    "Stoltenberg spoke to Steinmeier.",
                    "Столтенберг говорил со Штайнмайером.",
                ),
                3 => (
                    "Russia''s answer came in 3.7 days.",
                    "Ответ России пришёл через 3,7 дня.",
                ),
                4 => ("Save the file.", "Сохраните файл."),
                _ => ("Save the file.", "Сохранить файл."),
            };
            units.push(QaUnit {
                id: i,
                origin: "t".into(),
                src: Side::new(Some("en"), src),
                tgt: Some(Side::new(Some("ru"), tgt)),
            });
        }
        let profile = Profile::default();
        let one = check_in_parts(&units, &profile, 1, |_| {});
        for check in [
            "spelling",
            "capitalization",
            "inconsistency",
            "doubled_apostrophe",
        ] {
            assert!(one.iter().any(|f| f.check == check), "{check}: {one:?}");
        }
        for threads in [2, 3, 7] {
            let mut seen = Vec::new();
            let parts = check_in_parts(&units, &profile, threads, |n| seen.push(n));
            assert_eq!(parts, one, "{threads} parts");
            assert_eq!(seen.last(), Some(&units.len()));
        }
        // No units, and fewer units than threads.
        assert!(check_in_parts(&[], &profile, 3, |_| {}).is_empty());
        assert_eq!(
            check_in_parts(&units[..2], &profile, 4, |_| {}),
            check_in_parts(&units[..2], &profile, 1, |_| {})
        );
    }

    pub(crate) fn unit(text: &str) -> QaUnit {
        QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(None, text),
            tgt: None,
        }
    }

    /// The findings of check `id` on a one-segment batch of `text` in language `lang`.
    pub(crate) fn findings_of(lang: &str, text: &str, id: &str) -> Vec<Finding> {
        check(&[QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(Some(lang), text),
            tgt: None,
        }])
        .into_iter()
        .filter(|f| f.check == id)
        .collect()
    }

    /// The findings of check `id` on a one-pair batch (English source, Russian target, or
    /// the languages the scripts show).
    /// The flagged texts of findings that must all be on the target side.
    pub(crate) fn target_texts(findings: impl IntoIterator<Item = Finding>) -> Vec<String> {
        findings
            .into_iter()
            .map(|f| {
                assert_eq!(f.side.as_str(), "tgt");
                f.text
            })
            .collect()
    }

    pub(crate) fn pair_findings(src: &str, tgt: &str, id: &str) -> Vec<Finding> {
        check(&[QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(None, src),
            tgt: Some(Side::new(None, tgt)),
        }])
        .into_iter()
        .filter(|f| f.check == id)
        .collect()
    }

    /// All findings of a one-pair batch in the given languages.
    pub(crate) fn pair_all(src_lang: &str, src: &str, tgt_lang: &str, tgt: &str) -> Vec<Finding> {
        check(&[QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(Some(src_lang), src),
            tgt: Some(Side::new(Some(tgt_lang), tgt)),
        }])
    }

    #[test]
    fn code_is_not_prose_for_any_check() {
        // Options, commands, attributes, placeholders, URLs, identifiers and a trailing space
        // the source has too: none is spelling, untranslated English, punctuation, casing,
        // a repeated word, a number or a negation.
        for (s, t) in [
            (
                "Use --max-rate=5 with mkdir.",
                "Используйте --max-rate=5 с mkdir.",
            ),
            (
                "Set href=\"x\" in <a href=\"x\">link</a>.",
                "Задайте href=\"x\" в <a href=\"x\">ссылке</a>.",
            ),
            ("Column %s is NOT NULL", "Столбец %s имеет NOT NULL"),
            (
                "See https://exampel.org/teh_page now.",
                "См. https://exampel.org/teh_page сейчас.",
            ),
            (
                "Call getItem() on MAX_SIZE items.",
                "Вызовите getItem() для MAX_SIZE элементов.",
            ),
            ("Error on line %d: ", "Ошибка в строке %d: "),
            ("Found %1$s in %2$s", "В %2$s найдено %1$s"),
        ] {
            let f = pair_all("en", s, "ru", t);
            assert!(f.is_empty(), "{s} → {t}: {f:?}");
        }
        let f = pair_all(
            "ru",
            "Ошибка в `foo  bar` и %s %s.",
            "en",
            "Error in `foo  bar` and %s %s.",
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn mismatch_findings_are_on_the_target_only() {
        let f = pair_all(
            "en",
            "On May 5 Steinmeier did not sign %s in Berlin.",
            "ru",
            "6 мая министр подписал %d в Берлине.",
        );
        let checks: Vec<&str> = f.iter().map(|f| f.check).collect();
        for c in ["number_mismatch", "names", "negation", "tags"] {
            assert!(checks.contains(&c), "{c}: {f:?}");
        }
        assert!(f.iter().all(|f| f.side == SideId::Tgt), "{f:?}");
        let f = pair_all(
            "ru",
            "5 мая Штайнмайер не подписал %s в Берлине.",
            "en",
            "On May 6 the minister signed %d in Berlin.",
        );
        let checks: Vec<&str> = f.iter().map(|f| f.check).collect();
        for c in ["number_mismatch", "names", "negation", "tags"] {
            assert!(checks.contains(&c), "{c}: {f:?}");
        }
        assert!(f.iter().all(|f| f.side == SideId::Tgt), "{f:?}");
    }

    #[test]
    fn clean_sentence_has_no_findings() {
        let f = check(&[unit(
            "The alliance also froze all military partnership programs.",
        )]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn sentence_start() {
        let t = "He said. “Then we left” — Rogozin";
        assert!(sentence_initial(t, 0));
        assert!(sentence_initial(t, t.find("Then").unwrap()));
        assert!(!sentence_initial(t, t.find("Rogozin").unwrap()));
    }
}
