//! Check `repeated_word`: the same word twice in a row (`the the`, `в в`), ignoring case.
//! Reduplications that languages use on purpose (`had had`, `that that`, `так-так`) pass.

use super::{CheckInfo, Context, Finding, Severity, Side};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "repeated_word",
    severity: Severity::Warning,
    explanation: "The same word twice in a row.",
};

/// Word pairs that are grammatical when doubled.
const ALLOWED: &[&str] = &[
    "had",
    "that",
    "is",
    "bye",
    "very",
    "no",
    "ha",
    "chop",
    "ещё",
    "еще",
    "очень",
    "давно",
    "чуть",
    "едва",
];

/// Runs the check on one side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    let text = side.text.as_str();
    let ws = ctx.words;
    for pair in ws.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.text.len() != b.text.len()
            || !a
                .text
                .chars()
                .flat_map(char::to_lowercase)
                .eq(b.text.chars().flat_map(char::to_lowercase))
            || a.text.chars().any(|c| c.is_numeric())
        {
            continue;
        }
        // Only whitespace between the two: "the, the" or "no. No" is not a repetition.
        let gap: String = text.chars().skip(a.end).take(b.start - a.end).collect();
        if !gap.chars().all(char::is_whitespace) {
            continue;
        }
        if ALLOWED.contains(&a.text.to_lowercase().as_str()) {
            continue;
        }
        // `и и без того`: a conjunction before the fixed `и без того` (`already`).
        let next: Vec<String> = ws
            .iter()
            .skip_while(|w| w.start < b.end)
            .take(2)
            .map(|w| w.text.to_lowercase())
            .collect();
        if a.text.to_lowercase() == "и" && next == ["без", "того"] {
            continue;
        }
        out.push(ctx.finding(
            &INFO,
            text,
            a.start,
            b.end,
            format!("“{}” repeated", a.text),
            Some(a.text.to_string()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::check as run;
    use super::super::tests::unit;

    #[test]
    fn flags_doubled_words_only() {
        let f = run(&[unit("This is the the answer, и и всё.")]);
        let r: Vec<_> = f.iter().filter(|f| f.check == "repeated_word").collect();
        assert_eq!(r.len(), 2, "{f:?}");
        assert_eq!(r[0].text, "the the");
        assert!(run(&[unit("He had had enough. Yes, yes.")]).is_empty());
        assert!(run(&[unit(
            "Рост замедлился, и и без того слабая экономика пострадала."
        )])
        .is_empty());
    }
}
