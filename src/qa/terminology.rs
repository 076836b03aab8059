//! Check `terminology`: a glossary term in the source whose required translation the target
//! lacks, reported on the target (the whole target: where the term went is not known) with
//! the source term's span in the message. Terms are matched word by word on stems, so inflected forms count (`Совета
//! Безопасности` matches the entry `совет безопасности`); the glossary's direction is taken
//! from the script of its terms, so one glossary serves both directions. The glossary comes
//! from `--glossary FILE` or the profile.

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::{stem, Word};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "terminology",
    severity: Severity::Error,
    explanation: "A glossary term of the source is not translated as the glossary says.",
};

/// Char span of the first occurrence of the stem sequence `term` in the words `ws` (whose
/// stems are `stems`).
fn find(term: &[String], stems: &[String], ws: &[Word<'_>]) -> Option<(usize, usize)> {
    if term.is_empty() || stems.len() < term.len() {
        return None;
    }
    stems
        .windows(term.len())
        .position(|w| w == term)
        .map(|i| (ws[i].start, ws[i + term.len() - 1].end))
}

fn script_of(text: &str) -> bool {
    text.chars().any(crate::text::is_cyrillic)
}

/// Runs the check on the target of a pair.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if !ctx.is_target_of_pair() || ctx.profile.glossary.is_empty() {
        return;
    }
    let stems = |ws: &[Word<'_>]| -> Vec<String> { ws.iter().map(|w| stem(w.text)).collect() };
    // `mine` are the source's stems: the terms are looked for there.
    let (mine, theirs) = (stems(ctx.other_words), stems(ctx.words));
    let cyr = script_of(&ctx.unit.src.text);
    let text = side.text.as_str();
    let (lead, end) = super::trimmed_span(text);
    for e in &ctx.profile.glossary {
        let forward = script_of(&e.src) == cyr;
        let (from, to, from_stems, to_stems) = if forward {
            (&e.src, &e.tgt, &e.src_stems, &e.tgt_stems)
        } else {
            (&e.tgt, &e.src, &e.tgt_stems, &e.src_stems)
        };
        let (from_others, to_others, to_forbidden) = if forward {
            (&e.src_others, &e.tgt_others, &e.tgt_forbidden)
        } else {
            (&e.tgt_others, &e.src_others, &e.src_forbidden)
        };
        // A forbidden term in the target is an error wherever it is.
        for (term, stems) in to_forbidden {
            if let Some((a, b)) = find(stems, &theirs, ctx.words) {
                out.push(ctx.finding(
                    &INFO,
                    text,
                    a,
                    b,
                    format!("glossary: “{term}” is a forbidden term; use “{to}”"),
                    Some(to.clone()),
                ));
            }
        }
        let found = std::iter::once(from_stems)
            .chain(from_others.iter().map(|(_, s)| s))
            .find_map(|s| find(s, &mine, ctx.other_words));
        let Some((a, b)) = found else {
            continue;
        };
        let translated = std::iter::once(to_stems)
            .chain(to_others.iter().map(|(_, s)| s))
            .any(|s| find(s, &theirs, ctx.words).is_some());
        if !translated {
            out.push(ctx.finding(
                &INFO,
                text,
                lead,
                end,
                format!(
                    "glossary: the source's “{from}” (source {a}..{b}) is to be translated as “{to}”"
                ),
                Some(to.clone()),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::profile::{GlossaryEntry, Profile};
    use super::super::{check_with, QaUnit, Side};

    fn run(src: &str, tgt: &str) -> Vec<super::super::Finding> {
        let mut p = Profile::default();
        p.glossary
            .push(GlossaryEntry::new("Security Council", "Совет Безопасности"));
        let u = QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(None, src),
            tgt: Some(Side::new(None, tgt)),
        };
        check_with(&[u], &p, |_| {})
            .into_iter()
            .filter(|f| f.check == "terminology")
            .collect()
    }

    #[test]
    fn glossary_terms_inflected_and_both_directions() {
        assert!(run("The Security Council met.", "Совет Безопасности собрался.").is_empty());
        assert!(run(
            "Members of the Security Council met.",
            "Члены Совета Безопасности встретились."
        )
        .is_empty());
        let f = run(
            "Members of the Security Council met.",
            "Члены Совбеза встретились.",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].side.as_str(), f[0].text.as_str()),
            ("tgt", "Члены Совбеза встретились.")
        );
        assert!(
            f[0].message.contains("“Security Council” (source 15..31)"),
            "{f:?}"
        );
        assert_eq!(f[0].suggestion.as_deref(), Some("Совет Безопасности"));
        // Russian source: the entry is read the other way.
        let f = run("Совет Безопасности собрался.", "The council met.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].suggestion.as_deref(), Some("Security Council"));
    }
}
