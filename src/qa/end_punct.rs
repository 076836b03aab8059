//! Check `end_punctuation`: the source ends a sentence with `.`, `?`, `!`, `:`, `;` or `…`
//! and the target ends differently (or the other way round). Closing quotes and brackets are
//! looked through; full-width marks (`。？！`) count as their ASCII forms; `...` is `…`.

use super::{CheckInfo, Context, Finding, Severity, Side, SideId};

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

/// Runs the check on the target side of a pair.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if ctx.side != SideId::Tgt || side.text.trim().is_empty() {
        return;
    }
    let src = &ctx.unit.src.text;
    if src.trim().is_empty() {
        return;
    }
    let (s, s_at) = final_mark(src);
    let (t, at) = final_mark(&side.text);
    // A headline without a final mark translated with a full stop is a matter of style.
    if s == t || (s.is_none() && t == Some('.')) {
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
}
