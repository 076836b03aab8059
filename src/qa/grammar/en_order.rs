//! English rules of the `word_order` check: word order calqued from Russian.

use super::{feat, Problem};
use crate::text::bilex::LexicalModel;
use crate::text::freq;
use crate::text::tag::ru_forms::{case_bits, readings};
use crate::text::tag::Token;

/// Whether the noun or pronoun at `i` sits inside a prepositional phrase: walking back
/// over its determiners, adjectives, numbers and nouns, the first other word is a
/// preposition.
fn in_prepositional_phrase(s: &[Token], i: usize) -> bool {
    // A pronoun is a phrase of its own (`in the end they`).
    if s[i].upos == "PRON" {
        return i > 0 && s[i - 1].upos == "ADP";
    }
    let mut k = i;
    while k > 0 && matches!(s[k - 1].upos, "ADJ" | "NUM" | "NOUN" | "PROPN" | "CCONJ") {
        k -= 1;
    }
    // A determiner or possessive starts the phrase (`On Monday the bank`: `the bank` is
    // another one; `in our town`).
    if k > 0
        && (s[k - 1].upos == "DET"
            || s[k - 1].upos == "PRON" && feat(&s[k - 1], "Poss") == Some("Yes"))
    {
        k -= 1;
    }
    k > 0 && s[k - 1].upos == "ADP"
}

/// Nouns that name a time: a noun phrase of them is an adverbial (`Last month`, `Every
/// morning`, `Yesterday`), not a subject.
const TIME_NOUNS: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "morning",
    "evening",
    "night",
    "afternoon",
    "weekend",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "century",
    "decade",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether the noun at `i` is a time adverbial: a time noun alone (`Yesterday`) or after
/// `last`, `next`, `this`, `every`, `that` (`last month`), or a bare date word.
fn temporal(s: &[Token], i: usize) -> bool {
    let t = &s[i];
    if !matches!(t.upos, "NOUN" | "PROPN" | "ADV") {
        return false;
    }
    let w = t.text.to_lowercase();
    if !TIME_NOUNS.contains(&w.as_str()) {
        return false;
    }
    if matches!(w.as_str(), "yesterday" | "today" | "tomorrow" | "tonight") {
        return true;
    }
    i > 0
        && matches!(
            s[i - 1].text.to_lowercase().as_str(),
            "last" | "next" | "this" | "every" | "that" | "each" | "early" | "late"
        )
}

/// Word order calqued from Russian: a declarative sentence that opens with adverbials and
/// puts its verb before the subject (`About this on Monday reported the press service.`,
/// `In the city opened a new library.`). Every noun before the verb is inside a
/// prepositional phrase, so nothing there can be the subject, and a noun phrase follows the
/// verb. Not reported: questions, quotations (`…, said the minister`), `there`/`here`
/// sentences and the negative inversions English has (`Never have I …`).
pub(super) fn inversion(s: &[Token], out: &mut Vec<Problem>) {
    if s.last().is_some_and(|t| t.text == "?")
        || s.iter().any(|t| {
            matches!(
                t.text.as_str(),
                "\"" | "“" | "”" | "«" | "»" | "'" | "‘" | "’" | ":" | ";"
            )
        })
    {
        return;
    }
    // The verb: the first finite one, or a past form the tagger took for a participle
    // (`On the square gathered thousands`: with no auxiliary before it, it is the finite
    // verb).
    let Some(v) = s.iter().enumerate().position(|(i, t)| {
        matches!(t.upos, "VERB" | "AUX")
            && feat(t, "Mood") != Some("Imp")
            && (feat(t, "VerbForm") == Some("Fin")
                || t.upos == "VERB"
                    && feat(t, "VerbForm") == Some("Part")
                    && feat(t, "Tense") == Some("Past")
                    && !s[..i].iter().any(|a| a.upos == "AUX"))
    }) else {
        return;
    };
    if v == 0 {
        return;
    }
    // Verbs of position and existence invert in English too (`In the corner stood a lamp`).
    const PLACED: &[&str] = &[
        "be", "stand", "sit", "lie", "hang", "live", "remain", "exist", "stretch", "tower", "loom",
        "rise", "dwell", "rest", "lurk", "sprawl",
    ];
    // … but not a passive (`At the plant were produced five tractors`: `be` is its
    // auxiliary). A participle right before a noun or adjective may be the noun's attribute
    // (`In the hall are embroidered panels`), which leaves `be` existential.
    let passive = s[v].lemma == "be"
        && s.get(v + 1)
            .is_some_and(|t| t.upos == "VERB" && feat(t, "VerbForm") == Some("Part"))
        && s.get(v + 2)
            .is_some_and(|t| matches!(t.upos, "DET" | "NUM" | "PROPN"));
    if PLACED.contains(&s[v].lemma.as_str()) && !passive {
        return;
    }
    let first = s[0].text.to_lowercase();
    const OPENERS: &[&str] = &[
        "when", "where", "why", "how", "what", "who", "which", "whom", "whose", "there", "here",
        "never", "rarely", "seldom", "only", "not", "nor", "so", "such", "little", "hardly",
        "neither", "then", "thus", "hence",
    ];
    if OPENERS.contains(&first.as_str()) {
        return;
    }
    // A word that is a preposition and a conjunction (`After the inspectors reached the
    // floor, the gunman fired`): with a comma and another finite verb later, it opened a
    // subordinate clause in normal order, and the main clause follows (not one joined by
    // `and`: `After the war came a famine, and people fled` is inverted).
    const CLAUSE_OPENERS: &[&str] = &["after", "before", "since", "until", "till", "once", "as"];
    if CLAUSE_OPENERS.contains(&first.as_str())
        && s[v + 1..].iter().enumerate().any(|(k, t)| {
            t.text == ","
                && s.get(v + 2 + k).is_some_and(|n| n.upos != "CCONJ")
                && s[v + 2 + k..]
                    .iter()
                    .any(|u| matches!(u.upos, "VERB" | "AUX") && feat(u, "VerbForm") == Some("Fin"))
        })
    {
        return;
    }
    let before = &s[..v];
    if before.iter().any(|t| {
        t.upos == "PUNCT"
            || t.upos == "SCONJ"
            || t.upos == "VERB"
            || t.text.eq_ignore_ascii_case("there")
    }) {
        return;
    }
    // A quantity with its of-phrase is a subject (`One of the boys wrote`, `Some of them
    // left`).
    if (1..v).any(|i| {
        s[i].text.eq_ignore_ascii_case("of")
            && matches!(s[i - 1].upos, "NUM" | "DET" | "PRON" | "ADJ")
            && (i < 2 || s[i - 2].upos != "ADP")
    }) {
        return;
    }
    let nominal = |t: &Token| matches!(t.upos, "NOUN" | "PROPN" | "PRON");
    if !before
        .iter()
        .enumerate()
        .any(|(i, t)| t.upos == "ADP" || t.upos == "ADV" || temporal(s, i))
    {
        return;
    }
    if (0..v).any(|i| nominal(&s[i]) && !in_prepositional_phrase(s, i) && !temporal(s, i)) {
        return;
    }
    // The subject after the verb: a noun phrase (after a participle, for a passive; after
    // a phrasal verb's particle or a light verb's bare noun: `broke out a fire`, `took
    // place a forum`).
    let mut after = v + 1;
    if s.get(after)
        .is_some_and(|t| t.upos == "VERB" && feat(t, "VerbForm") == Some("Part"))
    {
        after += 1;
    }
    let np_start = |t: &Token| matches!(t.upos, "DET" | "ADJ" | "NUM");
    // (An adverb there is the `adverb_placement` rule's: `appeared suddenly a rink`.)
    if s.get(after).is_some_and(|t| {
        (super::verb_particle(t)
            || matches!(t.upos, "NOUN" | "VERB") && feat(t, "Number") != Some("Plur"))
            && feat(t, "VerbForm") != Some("Part")
    }) && s.get(after + 1).is_some_and(np_start)
    {
        after += 1;
    }
    if !s
        .get(after)
        .is_some_and(|t| matches!(t.upos, "DET" | "NOUN" | "PROPN" | "ADJ" | "NUM"))
    {
        return;
    }
    out.push(Problem {
        start: s[0].start,
        end: s[v].end,
        message: format!(
            "the verb “{}” comes before its subject: English puts the subject first",
            s[v].text
        ),
    });
}

/// An adverb between a verb and its object (`I drink usually coffee`, `speaks fluently
/// English`): English keeps them together.
pub(super) fn adverb_placement(s: &[Token], out: &mut Vec<Problem>) {
    for i in 0..s.len().saturating_sub(2) {
        let v = &s[i];
        // A degree word before the adverb (`speaks very well English`).
        let mut k = i + 1;
        if s.get(k + 1).is_some_and(|t| t.upos == "ADV")
            && matches!(
                s[k].text.to_lowercase().as_str(),
                "very" | "quite" | "rather" | "really" | "so" | "too" | "pretty" | "fairly"
            )
        {
            k += 1;
        }
        let (a, Some(o)) = (&s[k], s.get(k + 1)) else {
            continue;
        };
        // A past form right after its subject is finite whatever the tagger says
        // (`The company increased quickly its sales`).
        let past_after_subject = feat(v, "VerbForm") == Some("Part")
            && feat(v, "Tense") == Some("Past")
            && i > 0
            && matches!(s[i - 1].upos, "NOUN" | "PROPN" | "PRON");
        let finite = v.upos == "VERB" && (feat(v, "VerbForm") == Some("Fin") || past_after_subject);
        if !(finite || s_form_after_subject(s, i)) || a.upos != "ADV" {
            continue;
        }
        let adv = a.text.to_lowercase();
        const FREQUENCY: &[&str] = &[
            "usually",
            "often",
            "always",
            "never",
            "sometimes",
            "rarely",
            "seldom",
            "frequently",
            "generally",
            "normally",
            "regularly",
            "constantly",
        ];
        // Manner adverbs without -ly (`well`, `fast`, `hard`) too.
        if !FREQUENCY.contains(&adv.as_str())
            && !adv.ends_with("ly")
            && !matches!(adv.as_str(), "well" | "badly" | "fast" | "hard")
        {
            continue;
        }
        // An -ly word that the shipped counts show after `the` is an adjective of the object
        // (`sprinkled holy water`, `is the only`, `early`, `daily`), not an adverb of the verb.
        if !FREQUENCY.contains(&adv.as_str())
            && adv.ends_with("ly")
            && freq::en_bigrams().count("the", &adv) >= 10_000_000
        {
            continue;
        }
        // After existential `there` the noun phrase is no object (`there are only atheists`);
        // a degree word before a determiner or a number belongs to the noun phrase (`have
        // absolutely no idea`, `heard exactly the same voice`, `were practically 3 series`).
        let existential = i > 0 && s[i - 1].text.eq_ignore_ascii_case("there");
        let degree = matches!(o.upos, "DET" | "NUM")
            && matches!(
                adv.as_str(),
                "absolutely"
                    | "practically"
                    | "exactly"
                    | "nearly"
                    | "almost"
                    | "roughly"
                    | "approximately"
                    | "virtually"
                    | "precisely"
            );
        if existential || degree {
            continue;
        }
        // An -s form right after the adverb is the object's plural noun, whatever the tagger
        // says: a clause has one finite verb there (`publishes regularly reports`).
        let plural_object = o.upos == "VERB"
            && feat(o, "Person") == Some("3")
            && feat(o, "Tense") == Some("Pres")
            && o.text.ends_with('s');
        let object = matches!(o.upos, "DET" | "NOUN" | "PROPN" | "NUM")
            || plural_object
            || o.upos == "PRON"
                && !matches!(
                    o.text.to_lowercase().as_str(),
                    "that" | "what" | "which" | "who" | "how" | "whether" | "if"
                )
            || o.upos == "VERB" && feat(o, "VerbForm") == Some("Inf");
        if !object {
            continue;
        }
        out.push(Problem {
            start: v.start,
            end: o.end,
            message: format!(
                "“{}” separates the verb “{}” from its object",
                a.text, v.text
            ),
        });
    }
}

/// Whether the word at `i`, tagged a plural noun, reads as the third-person verb of the
/// sentence's subject: an -s form right after a singular noun phrase that opens the sentence
/// (`The new employee speaks …`), where the tagger, trained on web text full of compound
/// nouns, often sees a plural noun. Asked only with an adverb and an object after it, which
/// a noun phrase cannot have.
fn s_form_after_subject(s: &[Token], i: usize) -> bool {
    super::en::s_form_after_singular(s, i)
        && s[..i]
            .iter()
            .all(|t| matches!(t.upos, "DET" | "ADJ" | "NOUN" | "PROPN" | "NUM"))
}

/// A chain of `of`-phrases three or more deep (`the question of the increase of the
/// effectiveness of the use of funds`): the Russian genitive chain, which English breaks up.
pub(super) fn genitive_chain(s: &[Token], out: &mut Vec<Problem>) {
    let mut i = 0;
    while i < s.len() {
        if s[i].text.to_lowercase() != "of" {
            i += 1;
            continue;
        }
        // Follow of + noun phrase + of + …
        let start = i;
        let mut links = 0;
        // Links to a common noun: a name (`of the Armed Forces of the Kyrgyz Republic`) is how
        // an institution or title is called, and English chains those too.
        let mut common = 0;
        let mut j = i;
        let mut end = i;
        while j < s.len() && s[j].text.to_lowercase() == "of" {
            links += 1;
            let mut k = j + 1;
            while k < s.len() && matches!(s[k].upos, "DET" | "ADJ" | "NUM") {
                k += 1;
            }
            if k >= s.len() || !matches!(s[k].upos, "NOUN" | "PROPN") {
                break;
            }
            if !s[k].text.starts_with(char::is_uppercase) {
                common += 1;
            }
            while k + 1 < s.len() && matches!(s[k + 1].upos, "NOUN" | "PROPN") {
                k += 1;
            }
            end = k;
            j = k + 1;
        }
        if common >= 3 && end > start {
            // From the head noun before the first `of`.
            let head = (0..start)
                .rev()
                .find(|&h| matches!(s[h].upos, "NOUN" | "PROPN"));
            out.push(Problem {
                start: s[head.unwrap_or(start)].start,
                end: s[end].end,
                message: format!("{links} `of`-phrases in a row: a genitive chain"),
            });
        }
        i = j.max(i + 1);
    }
}

/// Whether a Russian noun and a finite verb agree: in number, and in gender for a singular
/// past form (a masculine noun may take a feminine verb: `врач пришла`).
fn ru_agrees(n: &Token, v: &Token) -> bool {
    let (nn, vn) = (feat(n, "Number"), feat(v, "Number"));
    if nn.is_some() && vn.is_some() && nn != vn {
        return false;
    }
    if feat(v, "Tense") == Some("Past") && vn == Some("Sing") {
        let (ng, vg) = (feat(n, "Gender"), feat(v, "Gender"));
        return ng.is_none() || vg.is_none() || ng == vg || ng == Some("Masc");
    }
    true
}

/// A Russian clause in object–verb–subject order (`Такое мнение высказал директор`): its
/// first noun phrase can be an accusative, an active transitive verb follows, then a
/// nominative noun that agrees with the verb, while the first noun does not, has no
/// nominative reading at all (`Новую версию выпустила компания`), or is a thing and the
/// second a person (`Новый закон подписал президент`). Returns the object's and the
/// subject's nouns.
fn russian_object_first(s: &[Token]) -> Option<(&Token, &Token)> {
    let mut i = 0;
    while i < s.len() && matches!(s[i].upos, "DET" | "ADJ") {
        i += 1;
    }
    if s.get(i).is_some_and(|t| t.upos == "PRON") && i == 0 {
        i += 1; // `Это решение …`
    }
    let obj = s.get(i).filter(|t| t.upos == "NOUN")?;
    // The object's genitive attribute (`новую версию программы`) and one prepositional one
    // (`книгу о блокаде Ленинграда`, `решение о закрытии цеха`).
    let mut k = i + 1;
    while k < s.len() && k <= i + 3 && feat(&s[k], "Case") == Some("Gen") {
        k += 1;
    }
    if s.get(k).is_some_and(|t| t.upos == "ADP") {
        let mut j = k + 1;
        while j < s.len()
            && j <= k + 5
            && matches!(s[j].upos, "ADJ" | "DET" | "NOUN" | "PROPN")
            && !matches!(feat(&s[j], "Case"), None | Some("Nom"))
        {
            j += 1;
        }
        if j > k + 1 && matches!(s[j - 1].upos, "NOUN" | "PROPN") {
            k = j;
        }
    }
    let verb = s
        .get(k)
        .filter(|t| t.upos == "VERB" && feat(t, "VerbForm") == Some("Fin"))?;
    let lemma = verb.lemma.to_lowercase();
    if feat(verb, "Mood") == Some("Imp")
        || feat(verb, "Voice").is_some_and(|v| v != "Act")
        || lemma.ends_with("ся")
        || lemma.ends_with("сь")
    {
        return None;
    }
    let mut j = k + 1;
    while j < s.len() && matches!(s[j].upos, "DET" | "ADJ") {
        j += 1;
    }
    // The subject: a nominative, or a noun the tagger read as an accusative that has a
    // nominative form too (`совет`, `закон`: inanimate masculines look alike in both).
    let subj = s
        .get(j)
        .filter(|t| t.upos == "NOUN" && matches!(feat(t, "Case"), Some("Nom" | "Acc")))?;
    let obj_cases = readings(&obj.text.to_lowercase());
    let acc = obj_cases.is_some_and(|r| r & case_bits(3) != 0);
    let never_subject = obj_cases.is_some_and(|r| r & case_bits(0) == 0);
    let nom = readings(&subj.text.to_lowercase()).is_some_and(|r| r & case_bits(0) != 0);
    if !acc || !nom || !ru_agrees(subj, verb) {
        return None;
    }
    let animate_subject =
        feat(obj, "Animacy") == Some("Inan") && feat(subj, "Animacy") == Some("Anim");
    (!ru_agrees(obj, verb) || animate_subject || never_subject).then_some((obj, subj))
}

/// How strongly the lexical model links an English word and a Russian one (either
/// direction).
fn link(lex: &LexicalModel, en: &str, ru: &str) -> f32 {
    let (Some(e), r) = (lex.en_ids(&[en])[0], lex.ru_ids(&[ru])[0]) else {
        return 0.0;
    };
    let Some(r) = r else { return 0.0 };
    lex.p_en_given_ru(Some(r), e)
        .max(lex.p_ru_given_en(Some(e), r))
}

/// Object–verb–subject order kept from Russian (`Such an opinion expressed the director of
/// the institute.` for `Такое мнение высказал директор института.`): the English sentence
/// opens with a noun phrase, an active verb and another noun phrase, and the lexical model
/// links its first noun to the Russian object and its last to the Russian subject — the
/// roles swapped. `source` gives the Russian sentences, tagged (asked only when the English
/// has the shape).
pub(super) fn object_first<'a>(
    s: &[Token],
    source: impl FnOnce() -> &'a [Vec<Token>],
    out: &mut Vec<Problem>,
) {
    // English: [determiners, adjectives] noun, a finite verb, [determiners, adjectives] noun.
    let mut i = 0;
    while i < s.len() && matches!(s[i].upos, "DET" | "ADJ") {
        i += 1;
    }
    let Some(e1) = s.get(i).filter(|t| t.upos == "NOUN") else {
        return;
    };
    // The first noun's attributes: prepositional phrases (`The new version of the program`,
    // `This book about the siege of Leningrad`) or an infinitive with its object (`The
    // decision to close the workshop`).
    let mut v = i + 1;
    while v < s.len() && v <= i + 10 {
        if s[v].upos == "ADP" {
            match noun_phrase(s, v + 1) {
                Some((_, end)) => v = end,
                None => return,
            }
        } else if s[v].text.eq_ignore_ascii_case("to")
            && s.get(v + 1)
                .is_some_and(|t| t.upos == "VERB" && feat(t, "VerbForm") == Some("Inf"))
        {
            match noun_phrase(s, v + 2) {
                Some((_, end)) => v = end,
                None => return,
            }
        } else {
            break;
        }
    }
    let Some(ev) = s.get(v).filter(|t| {
        t.upos == "VERB"
            && (feat(t, "VerbForm") == Some("Fin")
                || feat(t, "VerbForm") == Some("Part") && feat(t, "Tense") == Some("Past"))
            && feat(t, "Mood") != Some("Imp")
    }) else {
        return;
    };
    let Some((head, _)) = noun_phrase(s, v + 1) else {
        return;
    };
    if head == v + 1 {
        return; // the second phrase has a determiner, as a subject noun phrase does
    }
    let Some(e2) = s.get(head).filter(|t| t.upos == "NOUN") else {
        return;
    };
    let lex = LexicalModel::shipped();
    let (w1, w2) = (e1.text.to_lowercase(), e2.text.to_lowercase());
    for rs in source() {
        let Some((obj, subj)) = russian_object_first(rs) else {
            continue;
        };
        let (o, sj) = (obj.text.to_lowercase(), subj.text.to_lowercase());
        let (a, b) = (link(lex, &w1, &o), link(lex, &w1, &sj));
        let (c, d) = (link(lex, &w2, &sj), link(lex, &w2, &o));
        // The model links at least one of the nouns to its Russian counterpart across the
        // swap, and neither the other way.
        if (a > b || c > d) && a >= b && c >= d {
            out.push(Problem {
                start: s[0].start,
                end: e2.end,
                message: format!(
                    "object–verb–subject order kept from Russian: “{}” is the object of “{}” and “{}” its subject; English puts the subject first",
                    e1.text, ev.text, e2.text
                ),
            });
            return;
        }
    }
}

/// The noun phrase that starts at `j`: determiners, possessives, numbers, adjectives,
/// adverbs, participles and hyphens before nouns and names (`a well-known St Petersburg
/// journalist`, `the loss-making workshop`). Returns its head (the last noun) and the index
/// after it; `None` when no noun ends it.
fn noun_phrase(s: &[Token], j: usize) -> Option<(usize, usize)> {
    let mut head = None;
    let mut k = j;
    while let Some(t) = s.get(k) {
        let modifier = matches!(t.upos, "DET" | "ADJ" | "NUM" | "ADV")
            || t.upos == "PRON" && feat(t, "Poss") == Some("Yes")
            || t.upos == "VERB" && matches!(feat(t, "VerbForm"), Some("Part" | "Ger"));
        // A hyphen joins a compound modifier, also one that starts with a noun.
        let hyphen = t.text == "-" && k > j;
        let after_hyphen = k > j && s[k - 1].text == "-";
        // A verb form inside the phrase right before a finite verb is a noun the tagger
        // misread (`the education reform wrote`: two finite verbs cannot follow each other).
        let misread_noun = t.upos == "VERB"
            && k > j
            && !matches!(feat(t, "VerbForm"), Some("Part" | "Ger"))
            && s.get(k + 1)
                .is_some_and(|n| n.upos == "VERB" && feat(n, "VerbForm") == Some("Fin"));
        if matches!(t.upos, "NOUN" | "PROPN") || misread_noun {
            head = Some(k);
        } else if !(hyphen || modifier && (head.is_none() || after_hyphen)) {
            break;
        }
        k += 1;
    }
    head.map(|h| (h, h + 1))
}

/// Whether `t` is a personal pronoun in the nominative (`I`, `you`, `they` …): a subject.
pub(super) fn subject_pronoun(t: &Token) -> bool {
    t.upos == "PRON"
        && feat(t, "PronType") == Some("Prs")
        && feat(t, "Case") != Some("Acc")
        && matches!(
            t.text.to_lowercase().as_str(),
            "i" | "you" | "he" | "she" | "it" | "we" | "they"
        )
}

/// A question in the word order of a statement, as Russian asks them (`Where you live?`,
/// `Why the prices rose?`, `What you think about it?` for `Где ты живёшь?`): a question that
/// opens with a question word that is not its subject, then the subject, then the finite
/// verb, where English puts an auxiliary before the subject (`Where do you live?`). Not
/// reported: questions whose word is the subject (`Who called?`), `how come` and `what if`,
/// which take a statement's order, and questions without a finite verb.
pub(super) fn question_order(s: &[Token], out: &mut Vec<Problem>) {
    if s.len() < 4 || s.last().is_none_or(|t| t.text != "?") {
        return;
    }
    let first = s[0].text.to_lowercase();
    let mut i = match first.as_str() {
        "why" | "where" | "when" | "how" => 1,
        // `what` and `whom` as objects: only a pronoun subject tells them from a subject
        // question (`What happened?`, `What changes were made?`).
        "what" | "whom" if s.get(1).is_some_and(subject_pronoun) => 1,
        _ => return,
    };
    if first == "how" {
        match s[1].text.to_lowercase().as_str() {
            "come" | "about" => return,
            "much" | "many" | "often" | "long" | "far" | "old" | "soon" => i = 2,
            _ => {}
        }
    }
    // The subject: a personal pronoun, or a noun phrase opened by a determiner or a name.
    let Some(t) = s.get(i) else {
        return;
    };
    let subject_end = if subject_pronoun(t) {
        i + 1
    } else if matches!(t.upos, "DET" | "PROPN") && feat(t, "PronType") != Some("Int") {
        let mut j = i + 1;
        while s
            .get(j)
            .is_some_and(|t| matches!(t.upos, "ADJ" | "NOUN" | "PROPN" | "NUM"))
        {
            j += 1;
        }
        if j == i + 1 && t.upos == "DET"
            || !s[..j].iter().any(|t| matches!(t.upos, "NOUN" | "PROPN"))
        {
            return;
        }
        j
    } else {
        return;
    };
    // Adverbs may stand between the subject and its verb (`Why you never called?`).
    let mut v = subject_end;
    while s.get(v).is_some_and(|t| t.upos == "ADV") {
        v += 1;
    }
    let Some(verb) = s.get(v) else {
        return;
    };
    if !matches!(verb.upos, "VERB" | "AUX") || feat(verb, "VerbForm") != Some("Fin") {
        return;
    }
    // A question word opening a subordinate clause before the question itself (`When you
    // arrive, will you call?`): the inverted main clause follows a comma.
    if let Some(comma) = s[v..].iter().position(|t| t.text == ",") {
        if s[v + comma..].iter().any(|t| t.upos == "AUX") {
            return;
        }
    }
    out.push(Problem {
        start: s[0].start,
        end: verb.end,
        message: format!(
            "a question in the order of a statement: English puts an auxiliary before the subject (`{} do …`, `{} is …`)",
            s[0].text, s[0].text
        ),
    });
}
