//! Check `agreement`: a subject and its verb that disagree in number across a prepositional
//! phrase, in English (`But relation with Russia were …` → `was`; `The relations with Russia
//! was …` → `were`). Only the simple, reliable shape is checked: a clause-opening noun (after a
//! sentence start, a conjunction or a determiner), a preposition, at most three words, then
//! `was`/`were`/`is`/`are`.

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::Lang;

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "agreement",
    severity: Severity::Warning,
    explanation: "The verb does not agree in number with its subject.",
};

const OPENERS: &[&str] = &[
    "the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "but", "and", "so",
];
const PREPOSITIONS: &[&str] = &[
    "with", "of", "between", "to", "in", "for", "on", "from", "among", "about",
];
const PLURAL_VERBS: &[(&str, &str)] = &[("were", "was"), ("are", "is")];
const SINGULAR_VERBS: &[(&str, &str)] = &[("was", "were"), ("is", "are")];
/// Nouns in -s that are singular, and collective nouns that take either number.
pub(super) const NOT_PLAIN: &[&str] = &[
    "news",
    "series",
    "species",
    "physics",
    "politics",
    "economics",
    "statistics",
    "means",
    "number",
    "majority",
    "group",
    "team",
    "staff",
    "police",
    "people",
    "couple",
    "percent",
    "rest",
    "lot",
    "half",
    "part",
    "total",
    "variety",
    "range",
    "kind",
    "sort",
    "type",
];

/// Runs the check on one side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if side.lang != Some(Lang::En) {
        return;
    }
    let text = side.text.as_str();
    let ws = ctx.words;
    for h in 0..ws.len() {
        let head = ws[h].text;
        if !head.chars().all(|c| c.is_ascii_lowercase())
            || head.len() < 3
            || NOT_PLAIN.contains(&head)
        {
            continue;
        }
        let opens = h == 0
            || super::sentence_initial(text, ws[h].byte_start)
            || OPENERS.contains(&ws[h - 1].text.to_lowercase().as_str());
        if !opens
            || !ws
                .get(h + 1)
                .is_some_and(|p| PREPOSITIONS.contains(&p.text))
        {
            continue;
        }
        // One to three words of the prepositional phrase, no punctuation in between.
        for v in h + 3..(h + 6).min(ws.len()) {
            let between = &text[ws[h].byte_start..ws[v].byte_start];
            if between.contains([',', ';', ':', '(', '"', '“']) {
                break;
            }
            let verb = ws[v].text;
            let plural_head = head.ends_with('s') && !head.ends_with("ss");
            let table = if plural_head {
                SINGULAR_VERBS
            } else {
                PLURAL_VERBS
            };
            if let Some((_, fix)) = table.iter().find(|(wrong, _)| *wrong == verb) {
                // Only dictionary nouns: an unknown head may be a name or a typo.
                if !crate::qa::spelling::is_unknown(head) {
                    out.push(ctx.finding(
                        &INFO,
                        text,
                        ws[v].start,
                        ws[v].end,
                        format!(
                            "“{verb}” does not agree with the {} subject “{head}”",
                            if plural_head { "plural" } else { "singular" }
                        ),
                        Some(fix.to_string()),
                    ));
                }
                break;
            }
            if ["was", "were", "is", "are", "has", "have", "had"].contains(&verb) {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings_of;

    fn agreement(t: &str) -> Vec<(String, Option<String>)> {
        findings_of("en", t, "agreement")
            .into_iter()
            .map(|f| (f.text, f.suggestion))
            .collect()
    }

    #[test]
    fn flags_disagreeing_verbs() {
        assert_eq!(
            agreement("But relation with Russia were not completely stopped."),
            [("were".to_string(), Some("was".to_string()))]
        );
        assert_eq!(
            agreement("The relations with the alliance was difficult."),
            [("was".to_string(), Some("were".to_string()))]
        );
    }

    #[test]
    fn agreeing_and_unclear_sentences_pass() {
        for t in [
            "But relations with Russia were not completely stopped.",
            "The relation with Russia was difficult.",
            "The number of cases were rising.",
            "The head of the ministers, who were present, spoke.",
            "The news from Brussels was good.",
        ] {
            assert!(agreement(t).is_empty(), "{t}: {:?}", agreement(t));
        }
    }
}
