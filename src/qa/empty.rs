//! Check `empty_target`: a pair whose source has text and whose target is empty or blank.

use super::{CheckInfo, Context, Finding, Severity, Side, SideId};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "empty_target",
    severity: Severity::Error,
    explanation: "The source has text and the target is empty.",
};

/// Runs the check on the target side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if ctx.side != SideId::Tgt || !side.text.trim().is_empty() {
        return;
    }
    if ctx.unit.src.text.chars().any(char::is_alphanumeric) {
        let n = side.text.chars().count();
        out.push(ctx.finding(&INFO, &side.text, 0, n, "empty target".into(), None));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    #[test]
    fn empty_and_blank_targets() {
        assert_eq!(pair_findings("Hello.", "", "empty_target").len(), 1);
        assert_eq!(pair_findings("Hello.", "  ", "empty_target").len(), 1);
        assert!(pair_findings("Hello.", "Привет.", "empty_target").is_empty());
        assert!(pair_findings("", "", "empty_target").is_empty());
    }
}
