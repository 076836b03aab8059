//! English rules of the `grammar` check on articles: `a`/`an` before a plural or a mass noun
//! (`an advice`), `the` before a place name in the possessive (`the Moscow's mayor`), and a
//! bare singular countable noun where English needs a determiner (`He bought new car`).
//! Countability is read from the shipped word-pair counts, not from lists.

use super::{feat, Problem};
use crate::text::freq;
use crate::text::tag::Token;

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
        // `be` with a noun for its complement (`She is good teacher`): the noun must be
        // plainly countable too (`It is time`, `That was fun` are not).
        // (`'s` may be the possessive: `The company''s profit`.)
        let copula = verb.upos == "AUX"
            && verb.lemma.eq_ignore_ascii_case("be")
            && verb.text.chars().all(|c| c.is_ascii_alphabetic())
            && !verb.text.eq_ignore_ascii_case("s");
        let object = (verb.upos == "VERB" || copula)
            && finite
            && !idiom
            && (!extended && !copula || plainly_countable());
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
