//! Check `end_punctuation`: the source ends a sentence with `.`, `?`, `!`, `:`, `;` or `…`
//! and the target ends differently (or the other way round). Closing quotes and brackets are
//! looked through; full-width marks (`。？！`) count as their ASCII forms; `...` is `…`.
//! Not differences: the period of an abbreviation (`300 тыс.` = `300,000`), a colon before
//! speech rendered as a comma (`и сказал:` = `and said,`), a question mark the translation
//! gives a question written without one (`Что думаете про…`), two dots read as an ellipsis.

use super::{CheckInfo, Context, Finding, Severity, Side, SideId};
use crate::text::Lang;

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "end_punctuation",
    severity: Severity::Warning,
    explanation: "The target ends with different punctuation than the source.",
};

/// The final mark of a text (after closing quotes and brackets) and its char offset, or
/// `None` with the offset of the end when the text ends without one.
fn final_mark(text: &str) -> (Option<char>, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = chars.len();
    // Closing quotes and brackets, and emoji after the sentence (`в жопе?😢`).
    while i > 0
        && (chars[i - 1].is_whitespace()
            || "\"'”»“’)]}」』".contains(chars[i - 1])
            || crate::text::is_emoji(chars[i - 1]))
    {
        i -= 1;
    }
    if i == 0 {
        return (None, 0);
    }
    let c = match chars[i - 1] {
        '。' | '．' => '.',
        '？' => '?',
        '！' => '!',
        '：' => ':',
        '；' => ';',
        '⋯' => '…',
        c => c,
    };
    if c == '.' && i >= 3 && chars[i - 2] == '.' && chars[i - 3] == '.' {
        return (Some('…'), i - 3);
    }
    if ".?!:;…".contains(c) {
        (Some(c), i - 1)
    } else {
        (None, i)
    }
}

/// The terminal marks right before the final one (`?` and `!` of `?.`, `!.`): a source that
/// ends with a cluster of marks ends with each of them.
fn marks_before(text: &str, at: usize) -> Vec<char> {
    let chars: Vec<char> = text.chars().take(at).collect();
    chars
        .iter()
        .rev()
        .take_while(|c| ".?!:;…".contains(**c))
        .copied()
        .collect()
}

/// True when the final period of `text` (at char `at`) closes an abbreviation rather than
/// the sentence: the letters right before it are one letter (`6299р.`) or an abbreviation
/// the splitter's rules list for the language (`300 тыс.`, `и др.`).
fn closes_abbreviation(text: &str, at: usize, lang: Option<Lang>) -> bool {
    let before: Vec<char> = text.chars().take(at).collect();
    let letters = before
        .iter()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .count();
    let word: String = before[before.len() - letters..].iter().collect();
    match letters {
        0 => false,
        1 => true,
        _ => lang.is_some_and(|l| crate::segment::is_abbreviation(&word, l)),
    }
}

/// True when a text asks by its words, whatever its final mark: it opens with a question
/// word (`Что думаете про…`, `What do you think…`) or has the Russian particle `ли`.
fn asks_by_its_words(text: &str, lang: Option<Lang>) -> bool {
    const EN: &[&str] = &[
        "what", "who", "whom", "whose", "why", "how", "where", "when", "which",
    ];
    let mut words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let Some(first) = words.next() else {
        return false;
    };
    match lang {
        Some(Lang::Ru) => {
            super::clause_commas::wh_word(&first)
                || matches!(first.as_str(), "разве" | "неужели" | "ли")
                || words.any(|w| w == "ли")
        }
        Some(Lang::En) => EN.contains(&first.as_str()),
        None => false,
    }
}

/// Runs the check on the target side of a pair.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if ctx.side != SideId::Tgt || side.text.trim().is_empty() {
        return;
    }
    let src = &ctx.unit.src.text;
    if src.trim().is_empty() {
        return;
    }
    let (mut s, s_at) = final_mark(src);
    let (t, at) = final_mark(&side.text);
    // A final period that closes an abbreviation (`оштрафовали на 300 тыс.` = `fined
    // 300,000`) ends no sentence.
    if s == Some('.') && closes_abbreviation(src, s_at, ctx.unit.src.lang) {
        s = None;
    }
    // A headline without a final mark translated with a full stop is a matter of style.
    if s == t || (s.is_none() && t == Some('.')) {
        return;
    }
    // A colon that introduces what follows, rendered as the comma English and Russian also
    // use for it (`и сказал:` = `and said,`).
    if s == Some(':') && t.is_none() && at > 0 && side.text.chars().nth(at - 1) == Some(',') {
        return;
    }
    // A question written without its mark, given one by the translation.
    if s.is_none() && t == Some('?') && asks_by_its_words(src, ctx.unit.src.lang) {
        return;
    }
    // Two dots are a full stop or a careless ellipsis (`а вот невеста..`).
    if s == Some('.') && t == Some('…') && s_at > 0 && src.chars().nth(s_at - 1) == Some('.') {
        return;
    }
    // A source ending `?.` or `!.` or `:.` ends with either mark.
    if t.is_some_and(|t| marks_before(src, s_at).contains(&t)) {
        return;
    }
    // `?!` and `!` / `?` families: an interrobang ending matches either.
    if matches!((s, t), (Some('!'), Some('?')) | (Some('?'), Some('!'))) {
        let tail: String = side.text.chars().rev().take(3).collect();
        if tail.contains('!') && tail.contains('?') {
            return;
        }
    }
    let name = |m: Option<char>| m.map_or("no final punctuation".to_string(), |c| format!("“{c}”"));
    let end = if t.is_some() { at + 1 } else { at };
    out.push(ctx.finding(
        &INFO,
        &side.text,
        at,
        end,
        format!(
            "the source ends with {}, the target with {}",
            name(s),
            name(t)
        ),
        s.map(|c| c.to_string()),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;
    use super::final_mark;

    #[test]
    fn final_marks() {
        assert_eq!(final_mark("He said «yes.»"), (Some('.'), 12));
        assert_eq!(final_mark("Wait..."), (Some('…'), 4));
        assert_eq!(final_mark("好。"), (Some('.'), 1));
        assert_eq!(final_mark("Title"), (None, 5));
    }

    #[test]
    fn mismatched_endings() {
        let f = pair_findings("Is it true?", "Это правда.", "end_punctuation");
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].start, f[0].end, f[0].suggestion.as_deref()),
            (10, 11, Some("?"))
        );
        let f = pair_findings("It is true.", "Это правда", "end_punctuation");
        assert_eq!((f[0].start, f[0].end), (10, 10));
        assert!(
            pair_findings("He said: “Go.”", "Он сказал: «Идите».", "end_punctuation").is_empty()
        );
        assert!(pair_findings("Wait...", "Подождите…", "end_punctuation").is_empty());
        assert!(pair_findings("Title", "Заголовок", "end_punctuation").is_empty());
        assert!(pair_findings("Title", "Заголовок.", "end_punctuation").is_empty());
        // A cluster of marks ends with each of them; emoji after the mark are looked through.
        for (src, tgt) in [
            (
                "Ну, или хотя бы зону комфорта?.",
                "Well, or at least a comfort zone?",
            ),
            (
                "Есть случаи, когда ученики угрожают учителям:.",
                "There are cases:",
            ),
            ("На сколько я в жопе?😢😁", "How deep in trouble am I?"),
        ] {
            assert!(
                pair_findings(src, tgt, "end_punctuation").is_empty(),
                "{src}"
            );
        }
        assert_eq!(
            pair_findings(
                "Хотя бы зону комфорта?.",
                "At least a comfort zone!",
                "end_punctuation"
            )
            .len(),
            1
        );
        assert_eq!(
            pair_findings("Кто это?😢", "Who is it.", "end_punctuation").len(),
            1
        );
        assert_eq!(
            pair_findings("Title", "Заголовок?", "end_punctuation").len(),
            1
        );
    }

    #[test]
    fn an_abbreviation_a_colon_before_speech_a_bare_question_and_two_dots() {
        for (src, tgt) in [
            // The period of an abbreviation, a listed one or a single letter.
            (
                "Петербуржца оштрафовали на 300 тыс.",
                "A resident was fined 300,000",
            ),
            ("Материнская плата за 6299р.", "A motherboard for RUB 6299"),
            // A colon before speech, rendered as a comma.
            ("Увидел это Иисус и сказал:", "Jesus saw it, and said,"),
            // A question by its words, without its mark.
            (
                "Что думаете про любовь в 15 лет",
                "What do you think about love at 15?",
            ),
            ("Есть ли тут кто-нибудь", "Is anybody here?"),
            ("What do you think about it", "Что вы об этом думаете?"),
            // Two dots: a full stop or a careless ellipsis.
            (
                "Жених согласен, а вот невеста..",
                "The groom agrees, but the bride...",
            ),
            ("Хочу знать ваше мнение..", "I want to know your opinion."),
        ] {
            assert!(
                pair_findings(src, tgt, "end_punctuation").is_empty(),
                "{src}"
            );
        }
        // A period after an ordinary word still ends the sentence; a statement is not a
        // question; a colon is not a full stop.
        for (src, tgt) in [
            (
                "Петербуржца оштрафовали вчера.",
                "A resident was fined yesterday",
            ),
            ("Думаю про любовь в 15 лет", "I think about love at 15?"),
            ("Увидел это Иисус и сказал:", "Jesus saw it and left."),
        ] {
            assert_eq!(pair_findings(src, tgt, "end_punctuation").len(), 1, "{src}");
        }
    }
}
