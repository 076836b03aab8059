//! Check `sentence_case`: a target that starts with a lower-case letter where the source
//! starts with a capital (or the other way round): the translation lost or invented a
//! sentence start. Sources starting with an acronym or a word like `iPhone` are skipped.

use super::{CheckInfo, Context, Finding, Severity, Side, SideId};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "sentence_case",
    severity: Severity::Warning,
    explanation: "The target's first letter is cased differently from the source's.",
};

/// The first word of a text if the text starts with it (after quotes, brackets, dashes).
fn first_word<'a>(text: &'a str, words: &'a [crate::text::Word<'a>]) -> Option<&'a str> {
    let w = words.first()?;
    let lead = &text[..w.byte_start];
    lead.chars()
        .all(|c| c.is_whitespace() || "\"'“”«»„‘’([{—–-¿¡".contains(c))
        .then_some(w.text)
}

/// Runs the check on the target side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if ctx.side != SideId::Tgt {
        return;
    }
    let src = &ctx.unit.src.text;
    let (Some(s), Some(t)) = (
        first_word(src, ctx.other_words),
        first_word(&side.text, ctx.words),
    ) else {
        return;
    };
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
        let w = &ctx.words[0];
        let fixed = crate::text::capitalize(t);
        out.push(ctx.finding(
            &INFO,
            &side.text,
            w.start,
            w.end,
            "the source starts with a capital letter, the target does not".into(),
            Some(fixed),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

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
}
