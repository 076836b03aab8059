//! Check `length`: a target far longer or shorter than its source, measured against the
//! batch's own typical target/source length ratio (so language pairs with different scripts,
//! `zh`→`en` or `en`→`ru`, need no table). Only sources of at least 20 chars are judged, and
//! the difference must be at least 20 chars. Options: `max_ratio` (default 2.5) and
//! `min_ratio` (0.4), relative to the typical ratio.

use super::{CheckInfo, Context, Finding, Severity, Side, SideId};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "length",
    severity: Severity::Warning,
    explanation: "A target much longer or shorter than its source: text may be missing or added.",
};

/// Length of a text in chars, spaces not counted.
pub fn visible_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The median target/source length ratio of the pairs whose source has at least 20 chars;
/// with fewer than 20 such pairs, a usual ratio for the languages (1.1 for English→Russian).
pub fn typical_ratio(units: &[super::QaUnit]) -> f64 {
    let mut r: Vec<f64> = units
        .iter()
        .filter_map(|u| {
            let s = visible_len(&u.src.text);
            let t = visible_len(&u.tgt.as_ref()?.text);
            (s >= 20 && t > 0).then(|| t as f64 / s as f64)
        })
        .collect();
    if r.len() < 20 {
        use crate::text::Lang;
        let langs = units
            .first()
            .map(|u| (u.src.lang, u.tgt.as_ref().and_then(|t| t.lang)));
        return match langs {
            Some((Some(Lang::En), Some(Lang::Ru))) => 1.1,
            Some((Some(Lang::Ru), Some(Lang::En))) => 1.0 / 1.1,
            _ => 1.0,
        };
    }
    r.sort_by(f64::total_cmp);
    r[r.len() / 2]
}

/// Runs the check on the target side of a pair.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if ctx.side != SideId::Tgt {
        return;
    }
    let s = visible_len(&ctx.unit.src.text);
    let t = visible_len(&side.text);
    if s < 20 || t == 0 {
        return;
    }
    let expected = s as f64 * ctx.batch.length_ratio;
    let ratio = t as f64 / expected;
    let max = ctx.profile.number(INFO.id, "max_ratio", 2.5);
    let min = ctx.profile.number(INFO.id, "min_ratio", 0.4);
    if (t as f64 - expected).abs() < 20.0 || (min..=max).contains(&ratio) {
        return;
    }
    let message = if ratio > max {
        format!("the target is {ratio:.1}× as long as expected from the source")
    } else {
        format!(
            "the target is only {:.0} % of the length expected from the source",
            ratio * 100.0
        )
    };
    let n = side.text.chars().count();
    out.push(ctx.finding(&INFO, &side.text, 0, n, message, None));
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    #[test]
    fn outliers_only() {
        let src = "The committee approved the budget for next year.";
        assert!(
            pair_findings(src, "Комитет утвердил бюджет на следующий год.", "length").is_empty()
        );
        assert_eq!(pair_findings(src, "Комитет.", "length").len(), 1);
        let long = "Комитет утвердил бюджет на следующий год, а также обсудил множество других вопросов, включая налоги, пенсии, образование и здравоохранение в регионах страны.";
        assert_eq!(pair_findings(src, long, "length").len(), 1);
        assert!(pair_findings("Short one.", "Коротко.", "length").is_empty());
    }
}
