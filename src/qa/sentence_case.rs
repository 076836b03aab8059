//! Check `sentence_case`: a sentence that starts in lower case.
//! - The target starts with a lower-case letter where the source starts with a capital: the
//!   translation lost its sentence start (sources starting with an acronym or a word like
//!   `iPhone` are skipped).
//! - Inside a segment, a sentence after the first starts in lower case (`Done. the rest`):
//!   a full stop after a word that is no abbreviation (the splitter's rules, initials,
//!   numbers), then a lower-case word. An ellipsis continues a sentence.
//!
//! Only the side the translator edits is checked: the target of a pair, or a monolingual text.

use super::{CheckInfo, Context, Finding, Severity, Side, SideId};
use crate::text::{Lang, Word};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "sentence_case",
    severity: Severity::Warning,
    explanation: "A sentence of the target starts in lower case.",
};

/// The first word of a text if the text starts with it (after quotes, brackets, dashes).
fn first_word<'a>(text: &'a str, words: &'a [Word<'a>]) -> Option<&'a Word<'a>> {
    let w = words.first()?;
    let lead = &text[..w.byte_start];
    lead.chars()
        .all(|c| c.is_whitespace() || "\"'“”«»„‘’([{—–-¿¡".contains(c))
        .then_some(w)
}

/// Runs the check on the target side (or a monolingual text).
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if ctx.side == SideId::Src && ctx.unit.tgt.is_some() {
        return;
    }
    if ctx.side == SideId::Tgt {
        first_letter(ctx, side, out);
    }
    inner_sentences(ctx, side, out);
}

/// The target's first letter against the source's.
fn first_letter(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    let src = &ctx.unit.src.text;
    let (Some(sw), Some(tw)) = (
        first_word(src, ctx.other_words),
        first_word(&side.text, ctx.words),
    ) else {
        return;
    };
    let (s, t) = (sw.text, tw.text);
    let (Some(sc), Some(tc)) = (s.chars().next(), t.chars().next()) else {
        return;
    };
    if !sc.is_alphabetic() || !tc.is_alphabetic() || crate::text::is_all_caps(s) {
        return;
    }
    // `iPhone`, `eBay`: a lower-case start that is a name.
    if s.chars().skip(1).any(char::is_uppercase) || t.chars().skip(1).any(char::is_uppercase) {
        return;
    }
    if sc.is_uppercase() && tc.is_lowercase() {
        let fixed = crate::text::capitalize(t);
        out.push(ctx.finding(
            &INFO,
            &side.text,
            tw.start,
            tw.end,
            format!("the source starts with a capital letter (“{s}”), the target does not"),
            Some(fixed),
        ));
    }
}

/// Sentences after the first that start in lower case.
fn inner_sentences(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    let Some(lang) = side.lang else {
        return;
    };
    let text = side.text.as_str();
    let rules = crate::segment::Rules::for_lang(lang);
    for pair in ctx.words.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let gap = &text[a.byte_start + a.text.len()..b.byte_start];
        // `word. next`: one full stop, then spaces only.
        let Some(rest) = gap.strip_prefix('.') else {
            continue;
        };
        if rest.is_empty() || !rest.chars().all(|c| c == ' ' || c == '\u{a0}') {
            continue;
        }
        let next = b.text;
        if !next.chars().next().is_some_and(char::is_lowercase)
            || next.chars().skip(1).any(char::is_uppercase)
            || !next.chars().all(char::is_alphabetic)
        {
            continue;
        }
        // Abbreviations, initials and numbers before the stop do not end a sentence.
        let word = a.text;
        if word.chars().count() < 2
            || word.chars().any(|c| c.is_ascii_digit())
            || rules.class(word).is_some()
            || crate::text::is_all_caps(word)
            || (lang == Lang::Ru
                && word.chars().count() <= 3
                && word.chars().all(char::is_lowercase))
        {
            continue;
        }
        // Code or markup right after the stop (`file.txt. see`) leaves the sentence open.
        if ctx.view.in_code(b.start.saturating_sub(1)) {
            continue;
        }
        let fixed = crate::text::capitalize(next);
        out.push(ctx.finding(
            &INFO,
            text,
            b.start,
            b.end,
            format!("a sentence starts in lower case after “{word}.”"),
            Some(fixed),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{findings_of, pair_findings};

    #[test]
    fn lower_case_start() {
        let f = pair_findings(
            "The talks ended.",
            "переговоры закончились.",
            "sentence_case",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].suggestion.as_deref(), Some("Переговоры"));
        assert!(pair_findings(
            "The talks ended.",
            "«Переговоры закончились».",
            "sentence_case"
        )
        .is_empty());
        assert!(pair_findings("and then", "и затем", "sentence_case").is_empty());
        assert!(pair_findings("iPhone sales", "продажи iPhone", "sentence_case").is_empty());
        assert!(pair_findings("42 people", "42 человека", "sentence_case").is_empty());
    }

    #[test]
    fn every_sentence_of_a_segment() {
        let f = pair_findings(
            "Поставки возобновлены. Первая партия прибудет в понедельник.",
            "Deliveries have resumed. the first batch will arrive on Monday.",
            "sentence_case",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].text.as_str(), f[0].side.as_str()), ("the", "tgt"));
        let f = findings_of("ru", "Мы проверили данные. ошибок нет.", "sentence_case");
        assert_eq!(f.len(), 1, "{f:?}");
        // Abbreviations, initials, numbers, ellipses and code do not end sentences.
        for t in [
            "Fruit, vegetables, etc. and more.",
            "He met J. smith and the U.S. team.",
            "See p. 5 and fig. 2 for details.",
            "I don't know... maybe tomorrow.",
            "Open config.yaml. then restart.",
        ] {
            assert!(findings_of("en", t, "sentence_case").is_empty(), "{t}");
        }
        for t in [
            "Это было в 2004 г. и позже.",
            "Овощи, фрукты и т. д. и т. п.",
        ] {
            assert!(findings_of("ru", t, "sentence_case").is_empty(), "{t}");
        }
    }
}
