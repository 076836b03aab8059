//! English rule of the `grammar` check on verb forms: a past tense where an auxiliary
//! needs the participle (`was gave`, `has went`, `were took`).

use super::Problem;
use crate::text::freq;
use crate::text::tag::Token;

/// A past form that also serves as the participle (`shot`, `found`, `made`): the shipped
/// counts show it after `was`/`were`/`been` at least a fiftieth as often as after a subject
/// pronoun.
fn participle_too(form: &str) -> bool {
    let b = freq::en_bigrams();
    let after_be: u64 = ["was", "were", "been", "be", "is", "are"]
        .iter()
        .map(|a| b.count(a, form))
        .sum();
    let (_, after_subject) = super::en_verbless::have_and_subject_counts(form);
    after_be * 50 >= after_subject
}

/// Adverbs that stand between an auxiliary and its verb (besides those in `-ly`).
const INNER_ADVERBS: &[&str] = &[
    "already", "just", "also", "still", "never", "ever", "always", "often", "even", "only", "yet",
    "then", "soon", "since", "recently", "once", "again", "both", "all",
];

/// A form of `be` or `have` followed (past `not` and adverbs) by a past tense that is never
/// a participle (see [`super::en_verbless::past_only`]): `it was gave to me`, `he has went`.
/// English needs the participle there (`was given`, `has gone`), or no auxiliary at all.
pub(super) fn past_after_auxiliary(s: &[Token], out: &mut Vec<Problem>) {
    for (i, aux) in s.iter().enumerate() {
        let a = aux.text.to_lowercase();
        let auxiliary = matches!(
            a.as_str(),
            "was"
                | "were"
                | "is"
                | "are"
                | "am"
                | "be"
                | "been"
                | "being"
                | "has"
                | "have"
                | "had"
                | "'s"
                | "’s"
        );
        // `'s` is also the possessive; only its verb reading counts.
        if !auxiliary || matches!(a.as_str(), "'s" | "’s") && aux.upos != "AUX" {
            continue;
        }
        // `not` and the adverbs that stand inside a verb phrase (`had already wrote`); an
        // adverb such as `there` or `home` ends it (`who was there saw everything`).
        let mut j = i + 1;
        while s.get(j).is_some_and(|t| {
            let l = t.text.to_lowercase();
            t.upos == "PART" && l != "to"
                || t.upos == "ADV" && (l.ends_with("ly") || INNER_ADVERBS.contains(&l.as_str()))
        }) {
            j += 1;
        }
        let Some(v) = s.get(j) else { continue };
        // The tagger must read a past tense there too: the counts alone take in any word
        // found after a pronoun and seldom after `have` (`like`, `going`).
        // (A form that is its own lemma, `has place`, is a base form the tagger misread.)
        if v.upos != "VERB"
            || super::feat(v, "Tense") != Some("Past")
            || v.lemma.eq_ignore_ascii_case(&v.text)
            || !v.text.chars().all(|c| c.is_ascii_lowercase())
            || !super::en_verbless::past_only(&v.text)
            || participle_too(&v.text)
        {
            continue;
        }
        out.push(Problem {
            start: aux.start,
            end: v.end,
            message: format!(
                "“{}” after “{}”: the auxiliary takes the participle, or the past stands alone",
                v.text, aux.text
            ),
        });
    }
}
