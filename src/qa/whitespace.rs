//! Check `double_space`: two or more spaces inside a text, and spaces at its start or end.

use super::{CheckInfo, Context, Finding, Severity, Side};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "double_space",
    severity: Severity::Warning,
    explanation: "Several spaces in a row, or spaces at the start or end of a segment.",
};

/// Runs the check on one side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    let text = side.text.as_str();
    let chars: Vec<char> = text.chars().collect();
    let is_space = |c: char| c == ' ' || c == '\u{a0}' || c == '\t';
    let mut i = 0;
    while i < chars.len() {
        if !is_space(chars[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_space(chars[j]) {
            j += 1;
        }
        let at_edge = i == 0 || j == chars.len();
        if j - i >= 2 || at_edge {
            let message = if i == 0 {
                "space at the start of the segment".to_string()
            } else if j == chars.len() {
                "space at the end of the segment".to_string()
            } else {
                format!("{} spaces in a row", j - i)
            };
            let suggestion = if at_edge { String::new() } else { " ".into() };
            out.push(ctx.finding(&INFO, text, i, j, message, Some(suggestion)));
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::super::check as run;
    use super::super::tests::unit;

    #[test]
    fn flags_runs_and_edges() {
        let f = run(&[unit(" Two  spaces here. ")]);
        let spans: Vec<(usize, usize)> = f.iter().map(|f| (f.start, f.end)).collect();
        assert_eq!(spans, vec![(0, 1), (4, 6), (18, 19)], "{f:?}");
        assert!(run(&[unit("One space each.")]).is_empty());
    }
}
