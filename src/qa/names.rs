//! Check `names`: a name in the source of an English–Russian pair that the target does not
//! have in any spelling (`Steinmeier` with no `Штайнмайер`), reported on the source. Names are capitalised words inside
//! a sentence that no dictionary knows (rare names: common ones such as `Germany` are
//! translated, not transliterated); the target matches when it has the same word or one
//! that may be its transliteration in some inflected form (`text::translit::like_name`).

use super::{CheckInfo, Context, Finding, Severity, Side, SideId};
use crate::text::{is_all_caps, is_capitalized, translit};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "names",
    severity: Severity::Warning,
    explanation: "A name in the source that the target does not have in any spelling.",
};

/// Runs the check on the source side of a pair in two scripts.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if ctx.side != SideId::Src {
        return;
    }
    let Some(other) = ctx.other_side() else {
        return;
    };
    let (Some(lang), Some(other_lang)) = (side.lang, other.lang) else {
        return;
    };
    if lang == other_lang || ctx.other_words.len() < 3 {
        return;
    }
    let text = side.text.as_str();
    for w in ctx.words {
        let word = w.text;
        if word.chars().count() < 4
            || !is_capitalized(word)
            || is_all_caps(word)
            || !word.chars().all(crate::text::is_letter)
            || super::sentence_initial(text, w.byte_start)
            || !super::spelling::is_unknown(word)
        {
            continue;
        }
        let found = ctx
            .other_words
            .iter()
            .any(|o| o.text == word || translit::like_name(word, o.text));
        if !found {
            out.push(ctx.finding(
                &INFO,
                text,
                w.start,
                w.end,
                format!("the name “{word}” is not in the target"),
                None,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    #[test]
    fn names_must_appear_on_both_sides() {
        let en = "On Monday Steinmeier met the press in Berlin.";
        assert!(pair_findings(
            en,
            "В понедельник Штайнмайер встретился с прессой в Берлине.",
            "names"
        )
        .is_empty());
        let f = pair_findings(
            en,
            "В понедельник министр встретился с прессой в Берлине.",
            "names",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].side.as_str(), f[0].text.as_str()),
            ("src", "Steinmeier")
        );
        let f = pair_findings(
            "Министр Рогозин встретился с прессой.",
            "The minister met the press.",
            "names",
        );
        assert_eq!((f[0].side.as_str(), f[0].text.as_str()), ("src", "Рогозин"));
        assert!(pair_findings(
            "Министр Рогозин встретился с прессой.",
            "Minister Rogozin met the press.",
            "names"
        )
        .is_empty());
    }
}
