//! Russian rule of the `grammar` check: the case a verb governs (`гордиться` + instrumental,
//! `помочь` + dative), which English renders with a plain object and a translation from
//! English gets wrong (`гордится своего сына`, `помочь наших соседей`).

use super::{feat, Problem};
use crate::text::tag::ru_forms::{case_bits, case_index, readings};
use crate::text::tag::Token;

/// Verbs whose object takes one case only, by lemma (grammar facts). Verbs with a choice of
/// cases (`ждать`, `требовать`, `желать`) are left out.
const GOVERNS: &[(&str, &str)] = &[
    // Dative.
    ("помогать", "Dat"),
    ("помочь", "Dat"),
    ("звонить", "Dat"),
    ("позвонить", "Dat"),
    ("мешать", "Dat"),
    ("помешать", "Dat"),
    ("советовать", "Dat"),
    ("посоветовать", "Dat"),
    ("верить", "Dat"),
    ("поверить", "Dat"),
    ("доверять", "Dat"),
    ("угрожать", "Dat"),
    ("завидовать", "Dat"),
    ("сочувствовать", "Dat"),
    ("подражать", "Dat"),
    ("противоречить", "Dat"),
    ("соответствовать", "Dat"),
    ("способствовать", "Dat"),
    ("препятствовать", "Dat"),
    ("аплодировать", "Dat"),
    // Instrumental.
    ("гордиться", "Ins"),
    ("интересоваться", "Ins"),
    ("заниматься", "Ins"),
    ("заняться", "Ins"),
    ("пользоваться", "Ins"),
    ("воспользоваться", "Ins"),
    ("владеть", "Ins"),
    ("овладеть", "Ins"),
    ("управлять", "Ins"),
    ("руководить", "Ins"),
    ("командовать", "Ins"),
    ("обладать", "Ins"),
    ("увлекаться", "Ins"),
    ("восхищаться", "Ins"),
    ("любоваться", "Ins"),
    ("дорожить", "Ins"),
    ("злоупотреблять", "Ins"),
    ("являться", "Ins"),
    // Genitive.
    ("бояться", "Gen"),
    ("опасаться", "Gen"),
    ("избегать", "Gen"),
    ("избежать", "Gen"),
    ("достигать", "Gen"),
    ("достичь", "Gen"),
    ("достигнуть", "Gen"),
    ("добиваться", "Gen"),
    ("добиться", "Gen"),
    ("придерживаться", "Gen"),
    ("стесняться", "Gen"),
    ("касаться", "Gen"),
    ("коснуться", "Gen"),
    // Accusative.
    ("благодарить", "Acc"),
    ("поблагодарить", "Acc"),
];

/// Nouns of time, which follow any verb in their own case (`позвонил утром`).
const TIME: &[&str] = &[
    "утром",
    "вечером",
    "днём",
    "днем",
    "ночью",
    "весной",
    "летом",
    "осенью",
    "зимой",
    "сегодня",
    "вчера",
    "завтра",
    "раньше",
    "потом",
    "минуту",
    "час",
    "неделю",
    "месяц",
    "год",
    "раз",
];

/// A verb of [`GOVERNS`] right before a noun phrase (its adjectives and determiners, then
/// the noun or pronoun) whose head can be in no reading the case the verb governs, nor a
/// nominative (a subject after its verb: `помогла соседка`).
pub(super) fn verb_government(s: &[Token], out: &mut Vec<Problem>) {
    for i in 0..s.len().saturating_sub(1) {
        let v = &s[i];
        if v.upos != "VERB" || feat(v, "VerbForm") == Some("Part") {
            continue;
        }
        let lemma = v.lemma.to_lowercase();
        let Some(&(_, case)) = GOVERNS.iter().find(|(l, _)| *l == lemma) else {
            continue;
        };
        let Some(c) = case_index(case) else { continue };
        let mut k = i + 1;
        while k < s.len() && k < i + 3 && matches!(s[k].upos, "DET" | "ADJ") {
            k += 1;
        }
        let Some(n) = s.get(k).filter(|t| matches!(t.upos, "NOUN" | "PRON")) else {
            continue;
        };
        let low = n.text.to_lowercase();
        if TIME.contains(&low.as_str()) || !n.text.chars().all(char::is_alphabetic) {
            continue;
        }
        let Some(r) = readings(&low) else { continue };
        if r & case_bits(c) != 0 || r & case_bits(0) != 0 {
            continue;
        }
        out.push(Problem {
            start: v.start,
            end: n.end,
            message: format!(
                "“{}” takes the {} case: “{}” is not in it",
                v.text,
                match case {
                    "Dat" => "dative",
                    "Ins" => "instrumental",
                    "Gen" => "genitive",
                    _ => "accusative",
                },
                n.text
            ),
        });
    }
}
