//! Russian rules of the `grammar` check.

use super::{feat, Problem};
use crate::text::tag::ru_forms::{case_bits, case_index, readings};
use crate::text::tag::Token;

/// The cases each preposition governs (grammar facts; `Par` and `Loc` variants count as
/// `Gen` and `Loc`).
const GOVERNS: &[(&str, &[&str])] = &[
    ("без", &["Gen"]),
    ("безо", &["Gen"]),
    ("благодаря", &["Dat"]),
    ("в", &["Acc", "Loc"]),
    ("во", &["Acc", "Loc"]),
    ("вдоль", &["Gen"]),
    ("вместо", &["Gen"]),
    ("вне", &["Gen"]),
    ("внутри", &["Gen"]),
    ("возле", &["Gen"]),
    ("вокруг", &["Gen"]),
    ("вопреки", &["Dat"]),
    ("для", &["Gen"]),
    ("до", &["Gen"]),
    ("за", &["Acc", "Ins"]),
    ("из", &["Gen"]),
    ("изо", &["Gen"]),
    ("из-за", &["Gen"]),
    ("из-под", &["Gen"]),
    ("к", &["Dat"]),
    ("ко", &["Dat"]),
    ("кроме", &["Gen"]),
    ("между", &["Ins", "Gen"]),
    ("мимо", &["Gen"]),
    ("над", &["Ins"]),
    ("надо", &["Ins"]),
    ("о", &["Loc", "Acc"]),
    ("об", &["Loc", "Acc"]),
    ("обо", &["Loc", "Acc"]),
    ("около", &["Gen"]),
    ("от", &["Gen"]),
    ("ото", &["Gen"]),
    ("перед", &["Ins"]),
    ("передо", &["Ins"]),
    ("под", &["Acc", "Ins"]),
    ("подо", &["Acc", "Ins"]),
    ("после", &["Gen"]),
    ("при", &["Loc"]),
    ("про", &["Acc"]),
    ("против", &["Gen"]),
    ("ради", &["Gen"]),
    ("с", &["Gen", "Ins", "Acc"]),
    ("со", &["Gen", "Ins", "Acc"]),
    ("сквозь", &["Acc"]),
    ("среди", &["Gen"]),
    ("у", &["Gen"]),
    ("через", &["Acc"]),
];

/// Stems of the verbs of contact that take `о` with the accusative (`удариться о стену`,
/// `споткнуться о камень`, `вытереть руки о полотенце`, `разбиться о скалы`).
const CONTACT_VERBS: &[&str] = &[
    "удар",
    "стук",
    "опер",
    "опир",
    "облок",
    "спотк",
    "тер",
    "бить",
    "бива",
    "точ",
    "чес",
    "шлёп",
    "шлеп",
    "хлоп",
    "звяк",
    "запн",
    "запин",
    "кол",
    "рез",
    "порез",
    "ушиб",
    "туш",
    "гаси",
    "гас",
    "бей",
    "бьё",
    "бью",
    "спор",
];

/// Whether a numeral stands just before (`два новых дома`: the adjective and noun then take
/// different numbers and cases by rule).
fn after_numeral(s: &[Token], i: usize) -> bool {
    s[i.saturating_sub(3)..i]
        .iter()
        .any(|t| t.upos == "NUM" || t.text.chars().any(|c| c.is_ascii_digit()))
}

/// An adjective (or determiner) right before a noun that disagrees with it in number,
/// gender (singular) or case (`новый библиотека`, `в большом городе` is fine).
pub(super) fn adjective_agreement(s: &[Token], out: &mut Vec<Problem>) {
    for i in 0..s.len().saturating_sub(1) {
        let (a, n) = (&s[i], &s[i + 1]);
        if !matches!(a.upos, "ADJ" | "DET") || n.upos != "NOUN" {
            continue;
        }
        // Short and comparative forms do not agree by case; numerals change the rules.
        if feat(a, "Variant") == Some("Short")
            || feat(a, "Degree") == Some("Cmp")
            || after_numeral(s, i)
            || !a.text.chars().all(char::is_alphabetic)
        {
            continue;
        }
        let (an, nn) = (feat(a, "Number"), feat(n, "Number"));
        let (ag, ng) = (feat(a, "Gender"), feat(n, "Gender"));
        // The tagger picks one reading; only forms no reading of which agrees are reported.
        let (Some(ra), Some(rn)) = (
            readings(&a.text.to_lowercase()),
            readings(&n.text.to_lowercase()),
        ) else {
            continue;
        };
        // Reported: forms that share a case but in no reading agree in number and gender
        // within it (`новый библиотека`, `испанском языках`). Forms with no case in common
        // are usually two phrases side by side (`близким терпение`: an indirect object and
        // the direct one; `будущего полиции`: a noun and its genitive), unless a preposition
        // opens them; a wrong case right after a preposition is the government rule's.
        if ra & rn != 0 || rn & case_bits(1) != 0 {
            continue;
        }
        // The adjective's own noun may come after the one it governs (`известных науке
        // форм`: known to science, of forms).
        if number_gender(ra) & number_gender(rn) == 0
            && s.get(i + 2).is_some_and(|m| {
                m.upos == "NOUN" && readings(&m.text.to_lowercase()).is_some_and(|rm| rm & ra != 0)
            })
        {
            continue;
        }
        let share_case = (0..6).any(|c| ra & case_bits(c) != 0 && rn & case_bits(c) != 0);
        // Participles govern objects of their own (`вызывающий тревогу`); coordinated
        // adjectives each name one of several things (`английский и испанский языки`).
        let lemma = a.lemma.to_lowercase();
        let participle = feat(a, "VerbForm").is_some()
            || ["щий", "щийся", "вший", "вшийся", "емый", "имый"]
                .iter()
                .any(|e| lemma.ends_with(e));
        let coordinated = i > 0
            && (s[i - 1].upos == "CCONJ" || s[i - 1].text == ",")
            && feat(n, "Number") == Some("Plur");
        // Right after a preposition, the two are one noun phrase whatever their cases
        // (`без своего багажом`).
        // (When the adjective's own case is wrong for the preposition, that rule reports it.)
        // Demonstratives and quantifiers make a phrase of their own with a preposition
        // (`при этом`, `во всём`), and an adjective standing for people takes an
        // instrumental or dative complement (`среди больных гриппом`): neither is read so.
        let complement = a.upos == "ADJ"
            && feat(a, "Number") == Some("Plur")
            && rn & (case_bits(0) | case_bits(1) | case_bits(3) | case_bits(5)) == 0;
        let after_preposition =
            i > 0 && s[i - 1].upos == "ADP" && !stands_alone(a) && !complement && {
                let p = s[i - 1].text.to_lowercase();
                GOVERNS
                    .iter()
                    .find(|(w, _)| *w == p)
                    .is_some_and(|(_, cases)| {
                        cases
                            .iter()
                            .filter_map(|c| case_index(c))
                            .any(|c| ra & case_bits(c) != 0)
                    })
            };
        if !(share_case || after_preposition) || participle || coordinated {
            continue;
        }
        let what = if an.is_some() && nn.is_some() && an != nn {
            "number"
        } else if an == Some("Sing")
            && nn == Some("Sing")
            && ag.is_some()
            && ng.is_some()
            && ag != ng
            && ng != Some("Com")
        {
            "gender"
        } else {
            "case"
        };
        out.push(Problem {
            start: a.start,
            end: n.end,
            message: format!("“{}” does not agree with “{}” in {what}", a.text, n.text),
        });
    }
}

/// A demonstrative or quantifier that may make a phrase of its own (`при этом`, `во всём`).
fn stands_alone(t: &Token) -> bool {
    t.upos == "DET"
        && matches!(
            t.lemma.to_lowercase().as_str(),
            "этот" | "тот" | "весь" | "сам" | "такой" | "каждый" | "любой" | "всякий"
        )
}

/// An adjective whose lemma has a participle's ending (`известный` is not one, but
/// `вызывающий` is): it may govern an object of its own.
fn participle_like(t: &Token) -> bool {
    let lemma = t.lemma.to_lowercase();
    [
        "щий",
        "щийся",
        "вший",
        "вшийся",
        "емый",
        "имый",
        "нный",
        "тый",
    ]
    .iter()
    .any(|e| lemma.ends_with(e))
}

/// The number and gender bits of readings, whatever their case.
fn number_gender(r: u64) -> u64 {
    (0..6).fold(0, |m, c| m | (r >> (c * 6)) & 0b11_1111)
}

/// The person and number a present or future form's ending shows (`знает`: 3rd singular,
/// `появляемся`: 1st plural), or `None` when the ending does not tell.
fn ending_person(form: &str) -> Option<(&'static str, &'static str)> {
    let f = form
        .strip_suffix("ся")
        .or_else(|| form.strip_suffix("сь"))
        .unwrap_or(form);
    const ENDINGS: &[(&str, &str, &str)] = &[
        ("ешь", "2", "Sing"),
        ("ёшь", "2", "Sing"),
        ("ишь", "2", "Sing"),
        ("ете", "2", "Plur"),
        ("ёте", "2", "Plur"),
        ("ем", "1", "Plur"),
        ("ём", "1", "Plur"),
        ("им", "1", "Plur"),
        ("ет", "3", "Sing"),
        ("ёт", "3", "Sing"),
        ("ит", "3", "Sing"),
        ("ут", "3", "Plur"),
        ("ют", "3", "Plur"),
        ("ат", "3", "Plur"),
        ("ят", "3", "Plur"),
    ];
    ENDINGS
        .iter()
        .find(|(e, _, _)| f.ends_with(e))
        .map(|&(_, p, n)| (p, n))
}

/// An adjective before another adjective and their noun that disagrees with the two
/// (`новое налоговые правила`): the second adjective fixes which readings the noun phrase
/// has, so a genitive reading of the noun no longer excuses the first (as it does for two
/// phrases side by side). Coordinated adjectives (`новые и старые правила`) are left alone.
pub(super) fn adjective_chain_agreement(s: &[Token], out: &mut Vec<Problem>) {
    for i in 0..s.len().saturating_sub(2) {
        let a = &s[i];
        if !matches!(a.upos, "ADJ" | "DET")
            || s[i + 1].upos != "ADJ"
            || feat(a, "Variant") == Some("Short")
            || feat(a, "Degree") == Some("Cmp")
            || feat(a, "VerbForm").is_some()
            || after_numeral(s, i)
            || !a.text.chars().all(char::is_alphabetic)
        {
            continue;
        }
        // Coordinated adjectives each name one of several things (`русская и латинская
        // графические основы`); a demonstrative or quantifier may stand alone (`всё божья
        // роса`).
        if i > 0 && (s[i - 1].upos == "CCONJ" || s[i - 1].text == ",") || stands_alone(a) {
            continue;
        }
        let mut j = i + 1;
        let mut phrase = u64::MAX;
        while s.get(j).is_some_and(|t| t.upos == "ADJ") {
            phrase &= readings(&s[j].text.to_lowercase()).unwrap_or(0);
            j += 1;
        }
        let Some(n) = s.get(j).filter(|t| t.upos == "NOUN") else {
            continue;
        };
        let (Some(ra), Some(rn)) = (
            readings(&a.text.to_lowercase()),
            readings(&n.text.to_lowercase()),
        ) else {
            continue;
        };
        phrase &= rn;
        // The phrase itself must hold together, and not be a genitive.
        if phrase == 0 || phrase & case_bits(1) != 0 || ra & phrase != 0 {
            continue;
        }
        let share_case = (0..6).any(|c| ra & case_bits(c) != 0 && phrase & case_bits(c) != 0);
        if !share_case {
            continue;
        }
        out.push(Problem {
            start: a.start,
            end: n.end,
            message: format!(
                "“{}” does not agree with “{}”",
                a.text,
                s[i + 1..=j]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        });
    }
}

/// A preposition followed by a case it does not govern (`с родителям`, `без помощью`).
pub(super) fn government(s: &[Token], out: &mut Vec<Problem>) {
    for i in 0..s.len() {
        if s[i].upos != "ADP" {
            continue;
        }
        let prep = s[i].text.to_lowercase();
        let Some((_, cases)) = GOVERNS.iter().find(|(p, _)| *p == prep) else {
            continue;
        };
        // The word right after it, if it shows a case (a participle counts: `для
        // отдыхающих`); other words (`кроме как`) leave the phrase unknown.
        let Some(w) = s.get(i + 1).filter(|t| {
            matches!(t.upos, "NOUN" | "ADJ" | "DET" | "PRON" | "PROPN" | "NUM")
                || t.upos == "VERB" && feat(t, "VerbForm") == Some("Part")
        }) else {
            continue;
        };
        if matches!(w.upos, "PROPN" | "NUM") || !w.text.chars().all(char::is_alphabetic) {
            continue;
        }
        let Some(r) = readings(&w.text.to_lowercase()) else {
            continue;
        };
        // `о` takes the accusative only after a verb of contact (`ударился о стену`,
        // `опёрся о стол`); elsewhere it is `о` + prepositional (`говорили о проекте`), and a
        // form read as accusative (`о проект`) is the nominative it looks like.
        // (The verb may stand after the phrase, `об заклад не бейся`, or a few words before.)
        let contact = || {
            s[i.saturating_sub(6)..s.len().min(i + 5)].iter().any(|t| {
                let (l, w) = (t.lemma.to_lowercase(), t.text.to_lowercase());
                (t.upos == "VERB" || participle_like(t))
                    && CONTACT_VERBS.iter().any(|v| l.contains(v) || w.contains(v))
            })
        };
        let allowed = cases
            .iter()
            .filter(|&&c| {
                !(c == "Acc" && matches!(prep.as_str(), "о" | "об" | "обо") && !contact())
            })
            .filter_map(|c| case_index(c))
            .fold(0u64, |m, c| m | case_bits(c));
        // `в` with a plural of people in the old accusative (`выйти в люди`, `пойти в
        // солдаты`), which looks like a nominative.
        let old_accusative =
            |n: &Token| matches!(prep.as_str(), "в" | "во") && feat(n, "Number") == Some("Plur");
        if old_accusative(w) && r & case_bits(0) != 0 {
            continue;
        }
        if r & allowed != 0 {
            // The modifier fits; the phrase's noun after it must too (`без вашей помощью`):
            // reported when the noun has no allowed case and no reading it shares with the
            // modifiers before it.
            // Not read so: a demonstrative or quantifier standing alone (`при этом`), an
            // adjective taking a complement of its own (`за все известные науке`), a noun of
            // another number or gender (another phrase: `в основном форм`), and `в` with a
            // plural of people in the old accusative (`выйти в люди`).
            let mut k = i + 1;
            let mut shared = r;
            while s.get(k).is_some_and(|t| matches!(t.upos, "ADJ" | "DET")) {
                let t = &s[k];
                if stands_alone(t) || feat(t, "VerbForm").is_some() || participle_like(t) {
                    shared = 0;
                }
                shared &= readings(&t.text.to_lowercase()).unwrap_or(u64::MAX);
                k += 1;
            }
            let Some(n) = s.get(k).filter(|t| t.upos == "NOUN" && k > i + 1) else {
                continue;
            };
            let Some(rn) = readings(&n.text.to_lowercase()) else {
                continue;
            };
            // (Modifiers and noun sharing no reading are the agreement rule's finding.)
            if rn & allowed != 0
                || rn & shared == 0
                || shared & allowed == 0
                || number_gender(shared) & number_gender(rn) == 0
                || old_accusative(n)
            {
                continue;
            }
            out.push(Problem {
                start: s[i].start,
                end: n.end,
                message: format!("“{}” does not take “{}” in this case", s[i].text, n.text),
            });
            continue;
        }
        out.push(Problem {
            start: s[i].start,
            end: w.end,
            message: format!("“{}” does not take “{}” in this case", s[i].text, w.text),
        });
    }
}

/// A nominative subject right before a finite verb that disagrees with it.
///
/// Past tense: a plural subject with a singular verb or the other way round, a feminine or
/// neuter singular subject with a verb of another gender (`библиотека открылся`). A masculine
/// noun with a feminine verb is left alone: `врач пришла` speaks of a woman.
/// Present and future: the verb's person and number against the subject's (`дети пойдёт`,
/// `мы читает`, `она говорят`); a noun is a subject of the third person. An adverb may
/// stand between them (`дети завтра пойдёт`).
pub(super) fn subject_agreement(s: &[Token], out: &mut Vec<Problem>) {
    for i in 0..s.len().saturating_sub(1) {
        let n = &s[i];
        let mut vi = i + 1;
        if s[vi].upos == "ADV" && s[vi].text.chars().all(char::is_alphabetic) {
            vi += 1;
        }
        // A negation between them (`я не знает`): the tagger reads the verb's person less
        // surely there, so its ending decides (below).
        let negated = s.get(vi).is_some_and(|t| t.text.to_lowercase() == "не");
        if negated {
            vi += 1;
        }
        let Some(v) = s.get(vi) else { continue };
        let tense = feat(v, "Tense");
        if !matches!(n.upos, "NOUN" | "PRON")
            || !matches!(v.upos, "VERB" | "AUX")
            || feat(n, "Case") != Some("Nom")
            || !matches!(tense, Some("Past" | "Pres" | "Fut"))
            || feat(v, "VerbForm") != Some("Fin")
            || feat(v, "Mood") == Some("Imp")
            || after_numeral(s, i)
        {
            continue;
        }
        // A coordinated subject (`мама и папа пришли`) is plural whatever its last noun.
        if s[..i].iter().rev().take(3).any(|t| t.upos == "CCONJ") {
            continue;
        }
        let low = n.text.to_lowercase();
        // The subject's person and number: personal pronouns by their form, nouns are of the
        // third person.
        let (person, number) = match (n.upos, low.as_str()) {
            ("PRON", "я") => ("1", "Sing"),
            ("PRON", "ты") => ("2", "Sing"),
            ("PRON", "мы") => ("1", "Plur"),
            ("PRON", "вы") => ("2", "Plur"),
            ("PRON", "он" | "она" | "оно") => ("3", "Sing"),
            ("PRON", "они") => ("3", "Plur"),
            ("PRON", _) => continue,
            _ => match feat(n, "Number") {
                Some(num @ ("Sing" | "Plur")) => ("3", num),
                _ => continue,
            },
        };
        // Only a form that can be nothing but a nominative is surely the subject.
        if n.upos == "NOUN" {
            let Some(r) = readings(&low) else { continue };
            if r & !case_bits(0) != 0 {
                continue;
            }
        }
        let vn = feat(v, "Number");
        let bad = if tense == Some("Past") {
            if vi != i + 1 || v.upos != "VERB" {
                continue;
            }
            let (ng, vg) = (feat(n, "Gender"), feat(v, "Gender"));
            match vn {
                Some(b) if b != number => true,
                Some("Sing") if number == "Sing" && (n.upos == "NOUN" || low != "он") => {
                    matches!((ng, vg), (Some("Fem" | "Neut"), Some(g)) if Some(g) != ng)
                }
                _ => false,
            }
        } else {
            // `вы` with a singular verb is never right; a verb of another person or number is
            // wrong for any subject.
            if negated {
                match ending_person(&v.text.to_lowercase()) {
                    Some((p, b)) => b != number || p != person,
                    None => false,
                }
            } else {
                let vp = feat(v, "Person");
                vn.is_some_and(|b| b != number) || vp.is_some_and(|p| p != person)
            }
        };
        if bad {
            out.push(Problem {
                start: n.start,
                end: v.end,
                message: format!("“{}” does not agree with its subject “{}”", v.text, n.text),
            });
        }
    }
}

/// A past or future form of `быть` and the short form after it that disagree in number, or
/// in gender in the singular (`дома был снесены`, `она был рада`, `работы будет закончены`):
/// the two make one predicate. An adverb may stand between them.
pub(super) fn copula_agreement(s: &[Token], out: &mut Vec<Problem>) {
    for i in 0..s.len().saturating_sub(1) {
        let b = &s[i];
        if b.upos != "AUX"
            || b.lemma.to_lowercase() != "быть"
            || !matches!(feat(b, "Tense"), Some("Past" | "Fut"))
        {
            continue;
        }
        let mut k = i + 1;
        if s[k].upos == "ADV" && k + 1 < s.len() {
            k += 1;
        }
        let f = &s[k];
        if feat(f, "Variant") != Some("Short") || !matches!(f.upos, "ADJ" | "VERB") {
            continue;
        }
        let (bn, fnum) = (feat(b, "Number"), feat(f, "Number"));
        let (bg, fg) = (feat(b, "Gender"), feat(f, "Gender"));
        let bad = match (bn, fnum) {
            (Some(x), Some(y)) if x != y => true,
            (Some("Sing"), Some("Sing")) => {
                matches!((bg, fg), (Some(x), Some(y)) if x != y)
            }
            _ => false,
        };
        if bad {
            out.push(Problem {
                start: b.start,
                end: f.end,
                message: format!("“{}” does not agree with “{}”", b.text, f.text),
            });
        }
    }
}
