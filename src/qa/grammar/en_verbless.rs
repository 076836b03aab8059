//! English rule of the `missing_verb` check: a sentence with no finite verb where the
//! Russian source has one.

use super::{feat, Problem};
use crate::text::freq;
use crate::text::tag::{Tagger, Token};
use crate::text::Lang;

/// Whether the shipped counts show a word after modal verbs (`will cost`, `can beat`):
/// used as a verb.
fn used_as_verb(word: &str) -> bool {
    let b = freq::en_bigrams();
    ["will", "can", "would", "he", "she", "it", "they", "we"]
        .iter()
        .map(|m| b.count(m, word))
        .sum::<u64>()
        > 1_000_000
}

/// Whether a tagged sentence has a verb or auxiliary.
fn has_verb(s: &[Token]) -> bool {
    s.iter().any(|t| matches!(t.upos, "VERB" | "AUX"))
}

/// What the Russian source has: a finite verb, an imperative.
#[derive(Clone, Copy)]
struct SourceVerbs {
    finite: bool,
    imperative: bool,
    /// A short passive participle stands for the predicate (`работы завершены`): the
    /// English needs a form of `be` (`the work has been completed`).
    short_passive: bool,
}

fn source_verbs(source: &str) -> SourceVerbs {
    let tagged = Tagger::for_lang(Lang::Ru).tag_text(source);
    let fin = |t: &&Token| matches!(t.upos, "VERB" | "AUX") && feat(t, "VerbForm") == Some("Fin");
    SourceVerbs {
        finite: tagged.iter().flatten().any(|t| fin(&t)),
        imperative: tagged
            .iter()
            .flatten()
            .any(|t| fin(&t) && feat(t, "Mood") == Some("Imp")),
        short_passive: tagged.iter().flatten().any(|t| {
            t.upos == "VERB"
                && feat(t, "VerbForm") == Some("Part")
                && feat(t, "Variant") == Some("Short")
                && feat(t, "Voice") == Some("Pass")
        }),
    }
}

/// The past form that stands for a Russian short passive participle with no `be` before it
/// (`The work at the site already completed.` for `Работы уже завершены`): the sentence's
/// only verb, a past form (`-ed` or irregular) right after its subject (adverbs between
/// allowed), and no auxiliary anywhere. A particle after it (`sold out long ago`) makes it a
/// phrasal verb English uses this way.
fn bare_passive(s: &[Token]) -> Option<usize> {
    if s.iter().any(|t| t.upos == "AUX") || s.iter().filter(|t| t.upos == "VERB").count() != 1 {
        return None;
    }
    let v = s.iter().position(|t| t.upos == "VERB")?;
    let t = &s[v];
    if feat(t, "Tense") != Some("Past")
        || t.text.to_lowercase() == t.lemma
        || past_only(&t.text.to_lowercase())
    {
        return None;
    }
    let mut k = v;
    while k > 0 && s[k - 1].upos == "ADV" {
        k -= 1;
    }
    let after_subject = k > 0 && matches!(s[k - 1].upos, "NOUN" | "PROPN" | "PRON");
    // A particle, not a preposition: no noun phrase after it.
    let particle = s.get(v + 1).is_some_and(|n| {
        super::verb_particle(n)
            && s.get(v + 2).is_none_or(|m| {
                !matches!(m.upos, "DET" | "NOUN" | "PROPN" | "PRON" | "NUM" | "ADJ")
            })
    });
    (after_subject && !particle).then_some(v)
}

/// A form that only ever serves as a past participle: the shipped counts show it after
/// `has`/`have`/`had`, and right after a subject pronoun at most a tenth as often (`begun`,
/// `taken`, `gone`: `you gone`, `I seen` are slang or noise, 2–8 %; `sold`, `made`, `come`,
/// past tenses or bare forms too, 20 % and more).
fn participle_only(form: &str) -> bool {
    if form.ends_with("ed") {
        return false;
    }
    let (after_have, after_subject) = have_and_subject_counts(form);
    after_have >= 5_000_000 && after_subject * 10 <= after_have
}

/// How often a form follows `has`/`have`/`had`, and a subject pronoun, in the shipped counts.
pub(super) fn have_and_subject_counts(form: &str) -> (u64, u64) {
    let b = freq::en_bigrams();
    let count = |before: &[&str]| -> u64 { before.iter().map(|a| b.count(a, form)).sum() };
    (
        count(&["has", "have", "had"]),
        count(&["he", "she", "they", "i", "we", "you"]),
    )
}

/// A past form that is never a participle (`gave`, `took`, `wrote`: their participles are
/// `given`, `taken`, `written`): the shipped counts show it right after a subject pronoun, and
/// after `has`/`have`/`had` at most a tenth as often. Such a form is an active past tense
/// (`Aksyonov gave me the number`), never a passive that lost its `be`.
pub(super) fn past_only(form: &str) -> bool {
    if form.ends_with("ed") {
        return false;
    }
    let (after_have, after_subject) = have_and_subject_counts(form);
    after_subject >= 5_000_000 && after_have * 10 <= after_subject
}

/// A word the tagger read as something else that may be a verb: a noun in -s or -ed whose
/// stem is used as a verb (`A ticket costs …`, `will cost` in the shipped counts), a bare
/// noun right after the subject (`Norway beat Sweden`, `sales in 2023 rose`), a rarer word right after the
/// subject that the counts show as a verb (`met` taken for a preposition or an adjective;
/// adverbs such as `already` follow subjects too, and are not).
fn maybe_verb(s: &[Token]) -> bool {
    s.iter().enumerate().skip(1).any(|(i, t)| {
        let l = t.text.to_lowercase();
        // A subject may end in a number (`revenue for 2023 rose`).
        let after_subject = matches!(s[i - 1].upos, "NOUN" | "PROPN" | "PRON" | "NUM");
        let rare = freq::zipf(Lang::En, &l).unwrap_or(0.0) < 6.0;
        let other = matches!(t.upos, "ADP" | "ADJ" | "X" | "PROPN" | "INTJ" | "SYM");
        if after_subject && rare && other && used_as_verb(&l) {
            return true;
        }
        t.upos == "NOUN" && {
            let bare = after_subject && used_as_verb(&l);
            let stem = l
                .strip_suffix("es")
                .filter(|st| st.ends_with("sh") || st.ends_with("ch") || st.ends_with('s'))
                .or_else(|| l.strip_suffix('s').filter(|st| !st.ends_with('s')))
                .or_else(|| l.strip_suffix("ed"));
            bare || stem.is_some_and(|st| {
                used_as_verb(st) || l.ends_with("ed") && used_as_verb(&format!("{st}e"))
            })
        }
    })
}

/// The past participle that stands as the only verb of a sentence with no finite verb
/// (`Work on the bridge already begun.`): a participle-only form after a noun or pronoun.
/// A sentence-initial imperative counts as finite only when the source has an imperative
/// too (`Work on …` may be a noun the tagger read as a verb).
fn bare_participle(s: &[Token], source_imperative: bool) -> Option<usize> {
    let finite = s.iter().enumerate().any(|(i, t)| {
        matches!(t.upos, "VERB" | "AUX")
            && feat(t, "VerbForm") == Some("Fin")
            && !(i == 0 && feat(t, "Mood") == Some("Imp") && !source_imperative)
    });
    if finite {
        return None;
    }
    (1..s.len()).find(|&i| {
        let t = &s[i];
        t.upos == "VERB"
            && feat(t, "VerbForm") == Some("Part")
            && feat(t, "Tense") == Some("Past")
            && !matches!(s[i - 1].upos, "DET" | "ADJ" | "ADP")
            && s[..i]
                .iter()
                .any(|n| matches!(n.upos, "NOUN" | "PROPN" | "PRON"))
            && participle_only(&t.text.to_lowercase())
    })
}

/// The clauses of a sentence: the runs between commas, semicolons, colons, dashes and
/// subordinators (`When we got there, the train already gone.`: two), as index ranges.
fn clauses(s: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in s.iter().enumerate() {
        let cut = matches!(t.text.as_str(), "," | ";" | ":" | "—" | "–") || t.upos == "SCONJ";
        if cut || i + 1 == s.len() {
            let end = if cut { i } else { i + 1 };
            if end > start {
                out.push(start..end);
            }
            start = i + 1;
        }
    }
    out
}

/// Whether a clause is a short reporting one (`the mayor's office said`, `said the
/// minister`): the clause before it is what was said, a clause of its own.
fn reporting(c: &[Token]) -> bool {
    c.iter().filter(|t| t.upos != "PUNCT").count() <= 6
        && c.iter().any(|t| {
            t.upos == "VERB"
                && feat(t, "VerbForm") == Some("Fin")
                && matches!(
                    t.lemma.as_str(),
                    "say"
                        | "report"
                        | "tell"
                        | "announce"
                        | "add"
                        | "note"
                        | "state"
                        | "write"
                        | "explain"
                        | "claim"
                        | "confirm"
                )
        })
}

/// A clause of a longer sentence that lacks its finite verb (the sentence has one
/// elsewhere): a participle-only form after its subject with no auxiliary (`…, the train
/// already gone.`: `had gone`), or a subject pronoun with a predicate adjective and no
/// `be` (`We very glad that you came.`). A participle clause before the main clause is an
/// absolute construction English has (`The work done, we left.`), so a participle counts
/// only in the last clause or before a reporting clause.
fn verbless_clause(s: &[Token], source_imperative: bool) -> Option<(usize, String)> {
    let cs = clauses(s);
    for (n, c) in cs.iter().enumerate() {
        let cl = &s[c.clone()];
        // A sentence-initial imperative counts only when the source has one (`Work on …`).
        if cl.iter().enumerate().any(|(i, t)| {
            t.upos == "AUX"
                || t.upos == "VERB"
                    && feat(t, "VerbForm") == Some("Fin")
                    && !(c.start + i == 0 && feat(t, "Mood") == Some("Imp") && !source_imperative)
        }) {
            continue;
        }
        let last = n + 1 == cs.len() || n + 2 == cs.len() && reporting(&s[cs[n + 1].clone()]);
        for i in 1..cl.len() {
            let t = &cl[i];
            let mut k = i;
            while k > 0 && cl[k - 1].upos == "ADV" {
                k -= 1;
            }
            let after_subject = k > 0 && matches!(cl[k - 1].upos, "NOUN" | "PROPN" | "PRON");
            if last
                && after_subject
                && t.upos == "VERB"
                && feat(t, "VerbForm") == Some("Part")
                && participle_only(&t.text.to_lowercase())
            {
                return Some((
                    c.start + i,
                    format!(
                        "this clause has no finite verb, only the participle “{}”: English needs an auxiliary (“has {}”, “had {}”)",
                        t.text, t.text, t.text
                    ),
                ));
            }
        }
        // A subject pronoun, adverbs, an adjective: the predicate without `be`.
        let mut k = 1;
        if cl.first().is_some_and(super::en_order::subject_pronoun) {
            while cl.get(k).is_some_and(|t| t.upos == "ADV") {
                k += 1;
            }
            if k > 1 && cl.get(k).is_some_and(|t| t.upos == "ADJ") {
                return Some((
                    c.start + k,
                    format!(
                        "“{} … {}” has no verb: English needs a form of “be” after “{}”",
                        cl[0].text, cl[k].text, cl[0].text
                    ),
                ));
            }
        }
    }
    None
}

/// English sentences of five words or more, ending as sentences do, with no finite verb,
/// where the Russian source has one: no verb at all (a verbless Russian sentence — `Москва —
/// столица` — may read verbless in English too only as a title), or a past participle
/// standing alone for the verb (`… already begun.`: `has begun`).
pub(super) fn missing_verbs(sentences: &[Vec<Token>], source: &str, out: &mut Vec<Problem>) {
    let mut src: Option<SourceVerbs> = None;
    for s in sentences {
        let words = s.iter().filter(|t| t.upos != "PUNCT").count();
        let ends = s
            .last()
            .is_some_and(|t| matches!(t.text.as_str(), "." | "?"));
        if words < 5
            || !ends
            || s.iter()
                .any(|t| t.text.chars().any(crate::text::is_cyrillic))
            || maybe_verb(s)
        {
            continue; // untranslated text is another check's
        }
        let (Some(first), Some(last)) = (s.first(), s.last()) else {
            continue;
        };
        let src = *src.get_or_insert_with(|| source_verbs(source));
        if !src.finite && !src.short_passive {
            return;
        }
        if src.short_passive {
            if let Some(p) = bare_passive(s) {
                out.push(Problem {
                    start: first.start,
                    end: last.end,
                    message: format!(
                        "“{}” stands alone where the source is passive: English needs a form of “be” (“has been {}”, “were {}”)",
                        s[p].text, s[p].text, s[p].text
                    ),
                });
                continue;
            }
            if !src.finite {
                continue;
            }
        }
        if !has_verb(s) {
            out.push(Problem {
                start: first.start,
                end: last.end,
                message: "this sentence has no verb; the source's has one".to_string(),
            });
        } else if let Some(p) = bare_participle(s, src.imperative) {
            out.push(Problem {
                start: first.start,
                end: last.end,
                message: format!(
                    "this sentence has no finite verb, only the participle “{}”; the source's has one",
                    s[p].text
                ),
            });
        } else if let Some((p, message)) = verbless_clause(s, src.imperative) {
            out.push(Problem {
                start: s[p].start,
                end: s[p].end,
                message,
            });
        }
    }
}
