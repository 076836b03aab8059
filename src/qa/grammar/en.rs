//! English rules of the `grammar` and `missing_verb` checks.

use super::{feat, Problem};
use crate::text::freq;
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

/// English nouns that take no indefinite article (`advice`, `equipment`, `information`),
/// read from two counts that a countable noun cannot both have: it follows `a`/`an` at
/// most a twentieth as often as `the` in the shipped word-pair counts (what remains is mostly
/// compounds: `an information system`), and its plural forms are all at least a hundred
/// times rarer than it in the shipped word frequencies, or unlisted. A noun the pair list
/// never shows after `a` is not taken as mass on that alone: the list holds only the most
/// frequent pairs (`a crow` is not among them).
fn mass_noun(word: &str) -> bool {
    let b = freq::en_bigrams();
    let the = b.count("the", word);
    let a = b.count("a", word) + b.count("an", word);
    if the < 10_000_000 || a as f64 >= 0.05 * the as f64 {
        return false;
    }
    let Some(z) = freq::zipf(crate::text::Lang::En, word) else {
        return false;
    };
    plural_forms(word)
        .iter()
        .filter_map(|p| freq::zipf(crate::text::Lang::En, p))
        .all(|p| p <= z - 2.0)
}

/// The plural forms an English noun may have: the regular one (`box` → `boxes`, `city` →
/// `cities`) and the irregular patterns (`axis` → `axes`, `knife` → `knives`, `chairman` →
/// `chairmen`, `medium` → `media`, `criterion` → `criteria`, `stimulus` → `stimuli`).
fn plural_forms(word: &str) -> Vec<String> {
    let regular = if word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh")
    {
        format!("{word}es")
    } else if let Some(stem) = word
        .strip_suffix('y')
        .filter(|st| !st.ends_with(['a', 'e', 'i', 'o', 'u']))
    {
        format!("{stem}ies")
    } else {
        format!("{word}s")
    };
    let mut forms = vec![regular];
    let swaps = [
        ("is", "es"),
        ("fe", "ves"),
        ("f", "ves"),
        ("man", "men"),
        ("um", "a"),
        ("on", "a"),
        ("us", "i"),
    ];
    for (from, to) in swaps {
        if let Some(stem) = word.strip_suffix(from) {
            forms.push(format!("{stem}{to}"));
            break;
        }
    }
    forms
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

/// `the` before a place name in the possessive (`the Moscow's mayor`, `the Russia's
/// economy`): Russian has no articles, and a word-for-word rendering of `мэр Москвы` puts
/// `the` before the name; English writes `Moscow's mayor` or `the mayor of Moscow`. Only
/// places that take no article: cities, and countries whose name is not plural or one of
/// those English names with `the` (`the Netherlands'`, `the Gambia's`).
pub(super) fn article_before_possessive_name(s: &[Token], out: &mut Vec<Problem>) {
    use crate::text::names::{english_place, is_city};
    const WITH_THE: &[&str] = &[
        "gambia",
        "congo",
        "vatican",
        "hague",
        "crimea",
        "caucasus",
        "arctic",
        "antarctic",
        "kremlin",
        "bronx",
        "sahara",
        "amazon",
    ];
    for (i, t) in s.iter().enumerate().skip(1) {
        let before = &s[i - 1];
        let Some(poss) = s.get(i + 1) else {
            continue;
        };
        if !before.text.eq_ignore_ascii_case("the")
            || t.upos != "PROPN"
            || !matches!(poss.text.as_str(), "'s" | "’s")
        {
            continue;
        }
        let low = t.text.to_lowercase();
        let Some(place) = english_place(&t.text) else {
            continue;
        };
        if WITH_THE.contains(&low.as_str()) || !is_city(place) && low.ends_with('s') {
            continue;
        }
        out.push(Problem {
            start: before.start,
            end: poss.end,
            message: format!(
                "“the” before the name “{}” in the possessive: `{}{}`, without the article",
                t.text, t.text, poss.text
            ),
        });
    }
}

/// `a`/`an` before a plural noun (`a new cars`) or a mass noun (`an advice`).
pub(super) fn articles(s: &[Token], out: &mut Vec<Problem>) {
    for a in 0..s.len() {
        let art = s[a].text.to_lowercase();
        if art != "a" && art != "an" {
            continue;
        }
        let mut n = a + 1;
        while n < s.len() && matches!(s[n].upos, "ADJ" | "ADV") {
            n += 1;
        }
        let Some(noun) = s.get(n) else { continue };
        if noun.upos != "NOUN" {
            continue;
        }
        // A quantifier that counts plurals takes `a` (`a few days`, `a great many people`,
        // `a dozen eggs`, `a hundred years`).
        if s[a + 1..n].iter().any(|t| {
            matches!(
                t.text.to_lowercase().as_str(),
                "few"
                    | "many"
                    | "couple"
                    | "dozen"
                    | "hundred"
                    | "thousand"
                    | "million"
                    | "billion"
                    | "score"
            )
        }) {
            continue;
        }
        // The noun must end its phrase: `a damage report` is a compound.
        if s.get(n + 1)
            .is_some_and(|t| matches!(t.upos, "NOUN" | "PROPN" | "NUM"))
            || s.get(n + 1)
                .is_some_and(|t| t.text == "-" || t.text == "of")
        {
            continue;
        }
        let low = noun.text.to_lowercase();
        let plural = feat(noun, "Number") == Some("Plur")
            && low.ends_with('s')
            && !low.ends_with("ss")
            && noun.lemma.to_lowercase() != low;
        let message = if plural {
            format!("“{}” before the plural “{}”", s[a].text, noun.text)
        } else if mass_noun(&low) {
            format!(
                "“{}” before “{}”, which takes no indefinite article",
                s[a].text, noun.text
            )
        } else {
            continue;
        };
        out.push(Problem {
            start: s[a].start,
            end: noun.end,
            message,
        });
    }
}

/// How often a noun follows `a`/`an` against `the` in the shipped counts: countable nouns
/// take the indefinite article often.
fn countable(word: &str) -> bool {
    let b = freq::en_bigrams();
    let the = b.count("the", word);
    let a = b.count("a", word) + b.count("an", word);
    the >= 5_000_000 && a as f64 >= 0.25 * the as f64
}

/// The modal auxiliaries, after which a verb stands in the infinitive (`will receive`).
/// (`do` is left out: in a question its subject comes between, `do men return`.)
fn modal(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "will" | "would" | "can" | "could" | "shall" | "should" | "may" | "might" | "must"
    )
}

/// Adjectives that work as determiners: a noun phrase they open takes no article
/// (`last week`, `next time`, `such luck`, `enough time`).
fn determiner_like(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "last"
            | "next"
            | "previous"
            | "following"
            | "this"
            | "that"
            | "every"
            | "each"
            | "another"
            | "such"
            | "same"
            | "other"
            | "much"
            | "more"
            | "most"
            | "less"
            | "least"
            | "few"
            | "little"
            | "enough"
            | "whole"
            | "own"
            | "half"
            | "only"
    )
}

/// A singular countable noun with no determiner where English needs one: as the object
/// of a verb (`He bought car`) or before an `of`-phrase after a preposition (`waiting for
/// decision of the management`).
pub(super) fn missing_article(s: &[Token], out: &mut Vec<Problem>) {
    // Headlines drop articles by convention: only sentences that end as sentences do.
    if !s
        .last()
        .is_some_and(|t| matches!(t.text.as_str(), "." | "!" | "?"))
    {
        return;
    }
    for i in 1..s.len() {
        let n = &s[i];
        if n.upos != "NOUN" || feat(n, "Number") != Some("Sing") {
            continue;
        }
        let prev = &s[i - 1];
        let next = s.get(i + 1);
        if next.is_some_and(|t| matches!(t.upos, "NOUN" | "PROPN" | "PART")) {
            continue; // a compound or a possessive
        }
        let low = n.text.to_lowercase();
        if n.text.chars().next().is_some_and(char::is_uppercase) || !countable(&low) {
            continue;
        }
        // A verb and a bare noun that go together (`took place`, `make sense`) are an idiom.
        let idiom = freq::en_bigrams().count(&prev.text.to_lowercase(), &low) > 10_000_000;
        // Adjectives may stand between the verb and its object (`opened new office`), but
        // not the adjectives that work as determiners (`last month`, `next time`, `such
        // luck`): the noun phrase needs no article then.
        let mut v = i - 1;
        while v > 0 && s[v].upos == "ADJ" && !determiner_like(&s[v].text) {
            v -= 1;
        }
        let verb = &s[v];
        // A finite verb, or an infinitive after a modal or `to` (`will receive certificate`).
        let finite = feat(verb, "VerbForm") == Some("Fin")
            || feat(verb, "VerbForm") == Some("Inf")
                && v > 0
                && (modal(&s[v - 1].text) || s[v - 1].text.eq_ignore_ascii_case("to"));
        // Past the verb's neighbour the noun must be plainly countable: its plural in common
        // use (at most ten times rarer than it; `research`, `pain`, `wine` are read as mass
        // too) and `a`/`an` before it at least half as often as `the` (`financial aid`,
        // `real estate` are mass); not before `of` (`spend part of`).
        let extended = v + 1 < i || feat(verb, "VerbForm") == Some("Inf");
        let plainly_countable = || {
            let z = freq::zipf(crate::text::Lang::En, &low).unwrap_or(0.0);
            plural_forms(&low)
                .iter()
                .filter_map(|p| freq::zipf(crate::text::Lang::En, p))
                .any(|p| p >= z - 1.0)
                && {
                    let b = freq::en_bigrams();
                    (b.count("a", &low) + b.count("an", &low)) as f64
                        >= 0.5 * b.count("the", &low) as f64
                }
                && !next.is_some_and(|t| t.text.eq_ignore_ascii_case("of"))
        };
        // (With adjectives between, `idiom` read the adjective and the noun: `new car` is
        // frequent and no idiom.)
        let idiom = idiom && v + 1 == i;
        let object = verb.upos == "VERB" && finite && !idiom && (!extended || plainly_countable());
        // A preposition and a bare noun before `of` that English writes so (`in charge of`,
        // `in view of`, `on top of`: the pair at least a seventh as frequent as `the` and the
        // noun) are an idiom; a calque (`at beginning of`, `with help of`) is not.
        let bare_idiom = || {
            let b = freq::en_bigrams();
            let bare = b.count(&prev.text.to_lowercase(), &low) as f64;
            bare > 0.0 && bare >= 0.15 * b.count("the", &low) as f64
        };
        let before_of = prev.upos == "ADP"
            && next.is_some_and(|t| t.text.to_lowercase() == "of")
            && !bare_idiom();
        if !object && !before_of {
            continue;
        }
        out.push(Problem {
            start: n.start,
            end: n.end,
            message: format!(
                "“{}” needs an article (a/the) or another determiner",
                n.text
            ),
        });
    }
}
