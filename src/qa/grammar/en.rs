//! English rules of the `grammar` and `missing_verb` checks.

use super::{feat, Problem};
use crate::text::tag::Token;

/// Where a clause may start: the sentence start, or after these.
fn opens_clause(prev: Option<&Token>) -> bool {
    match prev {
        None => true,
        Some(t) => {
            matches!(t.upos, "PUNCT" | "CCONJ" | "SCONJ")
                && !matches!(t.text.as_str(), "\"" | "'" | "(" | "“" | "‘")
        }
    }
}

/// The number of a subject noun phrase ending at `head`, or `None` when it cannot be
/// told (collective nouns, quantities, coordinated subjects).
fn subject_number(s: &[Token], first: usize, head: usize) -> Option<&'static str> {
    let h = &s[head];
    let low = h.text.to_lowercase();
    // Nouns whose number agreement varies (collectives, quantity nouns, -s singulars; the
    // list of the `agreement` check), and words that are quantities themselves.
    const ALSO: &[&str] = &[
        "pair",
        "per",
        "family",
        "government",
        "data",
        "media",
        "crew",
        "public",
        "audience",
        "board",
        "committee",
        "council",
        "jury",
        "management",
        "personnel",
        "none",
        "all",
        "some",
        "more",
        "most",
        "any",
    ];
    if crate::qa::agreement::NOT_PLAIN.contains(&low.as_str()) || ALSO.contains(&low.as_str()) {
        return None;
    }
    let quantifier = s[first..head].iter().any(|t| {
        let l = t.text.to_lowercase();
        matches!(l.as_str(), "each" | "every" | "either" | "neither")
    });
    match h.upos {
        "NOUN" | "PROPN" => {
            if s[first..head]
                .iter()
                .any(|t| t.upos == "NUM" || t.upos == "CCONJ")
            {
                return None;
            }
            if quantifier {
                return Some("Sing");
            }
            match feat(h, "Number") {
                Some("Sing") if h.upos == "NOUN" => Some("Sing"),
                Some("Plur") => Some("Plur"),
                _ => None,
            }
        }
        "PRON" if feat(h, "Case") == Some("Nom") => match low.as_str() {
            "he" | "she" | "it" => Some("Sing"),
            "they" | "we" => Some("Plur"),
            _ => None,
        },
        _ => None,
    }
}

/// A subject that opens a clause and the present-tense verb right after it disagree:
/// a singular subject with a bare verb (`Each participant receive`, `he go`), a plural one
/// with a verb in -s (`The figures shows`), or `is`/`are`, `was`/`were` the other way round.
pub(super) fn agreement(s: &[Token], out: &mut Vec<Problem>) {
    for v in 1..s.len() {
        let verb = &s[v];
        if !matches!(verb.upos, "VERB" | "AUX") {
            continue;
        }
        // The subject: a noun or pronoun right before the verb, with its determiners and
        // adjectives, opening a clause.
        let head = v - 1;
        if !matches!(s[head].upos, "NOUN" | "PROPN" | "PRON") {
            continue;
        }
        let mut first = head;
        while first > 0 && matches!(s[first - 1].upos, "DET" | "ADJ" | "NUM" | "CCONJ") {
            first -= 1;
        }
        if !opens_clause(first.checked_sub(1).map(|i| &s[i])) {
            continue;
        }
        // A compound's first noun is not the head (`the price increase`): the verb must not be
        // followed by what makes it a noun.
        if s.get(v + 1)
            .is_some_and(|n| matches!(n.upos, "VERB" | "AUX" | "ADJ"))
            && verb.upos == "VERB"
        {
            continue;
        }
        let Some(number) = subject_number(s, first, head) else {
            continue;
        };
        let form = verb.text.to_lowercase();
        let lemma = verb.lemma.to_lowercase();
        let wrong = match (form.as_str(), number) {
            ("are" | "were", "Sing") => Some(if form == "are" { "is" } else { "was" }),
            ("is" | "was" | "has" | "does", "Plur") => Some(match form.as_str() {
                "is" => "are",
                "was" => "were",
                "has" => "have",
                _ => "do",
            }),
            _ if verb.upos == "VERB" => {
                let bare = form == lemma && lemma != "be";
                let third = third_singular(&form, &lemma);
                // A bare verb after a singular subject (not a past form: `cut`, `put`), where
                // the subject is surely one: led by `each`/`every`, or `he`/`she`/`it` (a
                // noun before a bare verb is too often the first half of a compound).
                let sure = s[head].upos == "PRON"
                    || s[first..head].iter().any(|t| {
                        matches!(
                            t.text.to_lowercase().as_str(),
                            "each" | "every" | "either" | "neither"
                        )
                    });
                match number {
                    "Sing" if bare && sure && !ends_like_past(&form) => Some(""),
                    "Plur" if third => Some(""),
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(fix) = wrong else {
            continue;
        };
        out.push(disagreement(
            verb,
            &s[first..=head],
            fix,
            "does not agree with",
        ));
    }
}

/// Whether the word at `i` is an -s form the tagger read as a plural noun right after a
/// singular noun or name (`employee speaks`, `brother owns`): a verb in -s as often, which
/// the callers tell by what follows or precedes it.
pub(super) fn s_form_after_singular(s: &[Token], i: usize) -> bool {
    let w = &s[i];
    i > 0
        && w.upos == "NOUN"
        && feat(w, "Number") == Some("Plur")
        && w.text.ends_with('s')
        && matches!(s[i - 1].upos, "NOUN" | "PROPN")
        && feat(&s[i - 1], "Number") != Some("Plur")
}

/// The forms of `be`, `have` and `do` that tell their number: (singular, plural).
const NUMBERED_FORMS: [(&str, &str); 4] = [
    ("is", "are"),
    ("was", "were"),
    ("has", "have"),
    ("does", "do"),
];

/// `is`, `was`, `has`, `does`: their plural forms.
fn plural_form(form: &str) -> Option<&'static str> {
    NUMBERED_FORMS.iter().find(|p| p.0 == form).map(|p| p.1)
}

/// `are`, `were`, `have`, `do`: their singular forms.
fn singular_form(form: &str) -> Option<&'static str> {
    NUMBERED_FORMS.iter().find(|p| p.1 == form).map(|p| p.0)
}

/// Whether the word at `k`, tagged a plural noun, is rather a verb in -s: right after a
/// singular noun and right before the start of an object (`his brother owns a bakery`),
/// where the tagger, trained on text full of compound nouns, often reads a plural noun.
fn s_verb(s: &[Token], k: usize) -> bool {
    s_form_after_singular(s, k)
        && s.get(k + 1).is_some_and(|n| {
            matches!(n.upos, "DET" | "NUM") || n.upos == "PRON" && feat(n, "Poss") == Some("Yes")
        })
}

/// A subject of two noun phrases joined by `and` that opens the sentence, and a verb in
/// the singular right after it (`He and his brother owns a bakery`, `The director and his
/// deputy is away`). Only where the phrases are surely two: a pronoun, or a phrase with its
/// own determiner or possessive on at least one side (`Marks and Spencer`, `bread and
/// butter` are one thing), and no `each`/`every` before them.
pub(super) fn coordinated_subject(s: &[Token], out: &mut Vec<Problem>) {
    // One phrase from `i`: a pronoun, or [determiner or possessive] adjectives nouns.
    // Returns its end and whether it is surely one thing of its own.
    let phrase = |i: usize| -> Option<(usize, bool)> {
        let t = s.get(i)?;
        if t.upos == "PRON" && feat(t, "PronType") == Some("Prs") && feat(t, "Poss").is_none() {
            return Some((i + 1, true));
        }
        let mut k = i;
        let determined =
            matches!(t.upos, "DET") || t.upos == "PRON" && feat(t, "Poss") == Some("Yes");
        if determined {
            if matches!(t.text.to_lowercase().as_str(), "each" | "every" | "no") {
                return None;
            }
            k += 1;
        }
        while s.get(k).is_some_and(|t| t.upos == "ADJ") {
            k += 1;
        }
        let start = k;
        while s.get(k).is_some_and(|t| matches!(t.upos, "NOUN" | "PROPN")) && !s_verb(s, k) {
            k += 1;
        }
        (k > start).then_some((k, determined))
    };
    let Some((and, a_sure)) = phrase(0) else {
        return;
    };
    if !s
        .get(and)
        .is_some_and(|t| t.text.eq_ignore_ascii_case("and"))
    {
        return;
    }
    let Some((v, b_sure)) = phrase(and + 1) else {
        return;
    };
    let Some(verb) = s.get(v) else {
        return;
    };
    if !(a_sure || b_sure) || !(matches!(verb.upos, "VERB" | "AUX") || s_verb(s, v)) {
        return;
    }
    let form = verb.text.to_lowercase();
    let fix = if verb.upos == "NOUN" {
        verb.lemma.as_str()
    } else if let Some(p) = plural_form(&form) {
        p
    } else if verb.upos == "VERB"
        && feat(verb, "Tense") == Some("Pres")
        && third_singular(&form, &verb.lemma.to_lowercase())
    {
        verb.lemma.as_str()
    } else {
        return;
    };
    let subject: Vec<&str> = s[..v].iter().map(|t| t.text.as_str()).collect();
    out.push(Problem {
        start: verb.start,
        end: verb.end,
        message: format!(
            "“{}” is singular, but its subject “{}” names two: “{fix}”",
            verb.text,
            subject.join(" ")
        ),
    });
}

/// The finding of a verb that disagrees with its subject: “`verb` `how` its subject
/// “…””, with the right form when there is one (`fix` empty when there is not).
fn disagreement(verb: &Token, subject: &[Token], fix: &str, how: &str) -> Problem {
    let subject: Vec<&str> = subject.iter().map(|t| t.text.as_str()).collect();
    let mut message = format!("“{}” {how} its subject “{}”", verb.text, subject.join(" "));
    if !fix.is_empty() {
        message.push_str(&format!(": “{fix}”"));
    }
    Problem {
        start: verb.start,
        end: verb.end,
        message,
    }
}

/// Whether `form` is the third-person singular of `lemma` (`gives`, `goes`).
fn third_singular(form: &str, lemma: &str) -> bool {
    form != lemma && (form == format!("{lemma}s") || form == format!("{lemma}es"))
}

/// Nouns that name a quantity or a part of what their `of`-phrase names: the verb agrees
/// with that (`the majority of voters are`, `the rest of the money is`).
fn quantity_noun(word: &str) -> bool {
    const Q: &[&str] = &[
        "number",
        "lot",
        "lots",
        "majority",
        "minority",
        "percentage",
        "proportion",
        "rest",
        "half",
        "part",
        "bulk",
        "remainder",
        "portion",
        "share",
        "third",
        "quarter",
        "fraction",
        "plenty",
        "variety",
        "range",
        "couple",
        "kind",
        "sort",
        "type",
        "total",
        "series",
        "set",
        "handful",
        "host",
        "bunch",
        "group",
        "pair",
        "average",
        "maximum",
        "minimum",
    ];
    Q.contains(&word)
}

/// A subject whose head noun is followed by prepositional phrases (`The results of the
/// study`), and a present-tense verb right after them that agrees with the last noun and
/// not with the head (`The results of the study shows`, `The price of the houses are`).
pub(super) fn agreement_after_phrase(s: &[Token], out: &mut Vec<Problem>) {
    for v in 2..s.len() {
        let verb = &s[v];
        if !matches!(verb.upos, "VERB" | "AUX")
            || feat(verb, "VerbForm") != Some("Fin")
            || feat(verb, "Mood") == Some("Imp")
            || !matches!(s[v - 1].upos, "NOUN" | "PROPN")
        {
            continue;
        }
        // Back over the phrase: nouns, determiners, adjectives, numbers and prepositions, a
        // gerund after a preposition (`the cost of maintaining buildings`) and a participle
        // after a noun (`the number of people affected by the flood`).
        // (The tagger reads a preposition before a gerund as a subordinator: `of/SCONJ`.)
        let prep = |i: usize| {
            s[i].upos == "ADP"
                || s[i].upos == "SCONJ"
                    && s.get(i + 1)
                        .is_some_and(|t| t.upos == "VERB" && feat(t, "VerbForm") == Some("Ger"))
        };
        let mut k = v - 1;
        while k > 0 && v - k < 14 && {
            let t = &s[k - 1];
            let before = k.checked_sub(2);
            matches!(t.upos, "DET" | "ADJ" | "NUM" | "NOUN" | "PROPN")
                || prep(k - 1)
                || t.upos == "VERB"
                    && (feat(t, "VerbForm") == Some("Ger") && before.is_some_and(prep)
                        || feat(t, "VerbForm") == Some("Part")
                            && before.is_some_and(|b| matches!(s[b].upos, "NOUN" | "PROPN")))
        } {
            k -= 1;
        }
        if !opens_clause(k.checked_sub(1).map(|i| &s[i])) {
            continue;
        }
        // The head: the last noun before the first preposition, which opens the clause.
        let Some(p) = (k..v).find(|&i| prep(i)) else {
            continue;
        };
        if p == k || !s[p].text.chars().all(|c| c.is_ascii_lowercase()) {
            continue;
        }
        let head = &s[p - 1];
        let low = head.text.to_lowercase();
        // Heads that are singular whatever follows: `each of …`, `either of …`, `one of …`
        // and `the number of …` (where `a number of …` is plural).
        let of = s[p].text == "of";
        let singular_head = of
            && (p - 1 == k && matches!(low.as_str(), "each" | "either" | "neither" | "one")
                || low == "number"
                    && s[k..p - 1]
                        .iter()
                        .any(|t| t.text.eq_ignore_ascii_case("the")));
        let number = if singular_head {
            "Sing"
        } else {
            if head.upos != "NOUN"
                || quantity_noun(&low)
                || s[k..p - 1].iter().any(|t| t.upos == "NUM")
            {
                continue;
            }
            let Some(number) = subject_number(s, k, p - 1) else {
                continue;
            };
            number
        };
        // A plural head must be a plain plural in -s (`results`, not `series`).
        if number == "Plur" && (!low.ends_with('s') || head.lemma.to_lowercase() == low) {
            continue;
        }
        let form = verb.text.to_lowercase();
        let lemma = verb.lemma.to_lowercase();
        // `is`/`are`/`was`/`were` after a preposition and at most three words are the
        // `agreement` check's (one finding for one error).
        if matches!(form.as_str(), "is" | "are" | "was" | "were") && v - p <= 4 {
            continue;
        }
        // The forms of `be`, `have` and `do` tell their number whatever the tagger says.
        let (plural, singular) = (plural_form(&form), singular_form(&form));
        let verb_number = if plural.is_some() {
            Some("Sing")
        } else if singular.is_some() {
            Some("Plur")
        } else {
            feat(verb, "Number")
        };
        let fix = match (number, verb_number) {
            ("Plur", Some("Sing")) => match plural {
                Some(p) => p,
                None if verb.upos == "VERB"
                    && feat(verb, "Tense") == Some("Pres")
                    && third_singular(&form, &lemma) =>
                {
                    ""
                }
                None => continue,
            },
            ("Sing", Some("Plur")) => match singular {
                Some(p) => p,
                None if verb.upos == "VERB"
                    && feat(verb, "Tense") == Some("Pres")
                    && form == lemma
                    && !ends_like_past(&form)
                    && !s
                        .get(v + 1)
                        .is_some_and(|n| matches!(n.upos, "VERB" | "AUX" | "ADJ")) =>
                {
                    ""
                }
                None => continue,
            },
            _ => continue,
        };
        out.push(disagreement(
            verb,
            &s[k..p],
            fix,
            "agrees with the nearest noun, not with",
        ));
    }
}

/// Verbs whose bare form is also their past (`put`, `cut`, `set`, `read`): a bare form
/// after a singular subject may be a past tense.
fn ends_like_past(form: &str) -> bool {
    const SAME: &[&str] = &[
        "put",
        "cut",
        "set",
        "let",
        "hit",
        "cost",
        "read",
        "shut",
        "quit",
        "spread",
        "hurt",
        "bet",
        "cast",
        "burst",
        "split",
        "fit",
        "upset",
        "broadcast",
        "forecast",
    ];
    SAME.contains(&form)
}

/// A negation without its auxiliary, as Russian negates with `не` alone (`I not understand`,
/// `He not knows the answer`, `They not agree` for `Они не согласны`): a subject, `not`, and
/// a verb that is not an auxiliary and not a participle or gerund, where English needs
/// `do not`, `does not`, `did not`. Not reported: `not to` (`told him not to go`), `not
/// only`, or an auxiliary before `not` (`can not agree`).
pub(super) fn negation_without_auxiliary(s: &[Token], out: &mut Vec<Problem>) {
    for (i, t) in s.iter().enumerate().skip(1) {
        if t.text.to_lowercase() != "not" {
            continue;
        }
        let subject = &s[i - 1];
        let Some(verb) = s.get(i + 1) else {
            continue;
        };
        if verb.upos != "VERB" {
            continue;
        }
        let form = feat(verb, "VerbForm");
        let pronoun = super::en_order::subject_pronoun(subject);
        // After a pronoun the tagger may read the bare verb as an infinitive (`I not
        // understand`); after a noun only a finite present form tells a clause (`The company
        // not plans`), since `the results not shown` is a reduced relative.
        let finite = form == Some("Fin") && (pronoun || feat(verb, "Tense") == Some("Pres"))
            || pronoun && form == Some("Inf");
        let noun_subject = matches!(subject.upos, "NOUN" | "PROPN")
            && feat(subject, "Case") != Some("Acc")
            && (i < 2 || !matches!(s[i - 2].upos, "ADP" | "VERB"));
        // A subject after an auxiliary is inverted, and the auxiliary is there (`Do you not
        // believe?`, `How can I not create …?`).
        let inverted = i >= 2 && s[i - 2].upos == "AUX";
        if !finite || !(pronoun || noun_subject) || inverted {
            continue;
        }
        let aux = if feat(verb, "Tense") == Some("Past") {
            "did not"
        } else if feat(verb, "Number") == Some("Sing") && feat(verb, "Person") == Some("3")
            || !pronoun && feat(subject, "Number") == Some("Sing")
            || matches!(subject.text.to_lowercase().as_str(), "he" | "she" | "it")
        {
            "does not"
        } else {
            "do not"
        };
        out.push(Problem {
            start: t.start,
            end: verb.end,
            message: format!(
                "“not {}” without an auxiliary: English negates a verb with `{aux}`",
                verb.text
            ),
        });
    }
}
