//! Fluency score: how unnatural does a text read? Higher = more garbled. Used to rank
//! segments (`tm qa --scores`), not to flag them: the signals are weak one by one.
//!
//! Six signals, each standardised over the batch and added:
//! - word-pair association (English): for every pair of adjacent words, the pointwise mutual
//!   information from the shipped bigram counts and word frequencies (`data/lm/`), with an
//!   unseen pair of two common words counted as a strong negative; the score is the negated
//!   mean. For Russian sides, where no pair list is shipped, the mean rarity of the words.
//!   Where the batch holds other translations of the same source, the score is taken relative
//!   to theirs: they carry the same names and terms, so what is left is the wording.
//! - agreement with the batch: where the same source has several translations in the batch
//!   (several systems or translators), a translation that shares few words and word pairs with
//!   the others reads worse more often. Learnt from the batch itself; zero elsewhere.
//! - shared wording: how many other translations of the same source are worded exactly the
//!   same (negated): a wording that several systems or translators reached independently is
//!   rarely the garbled one.
//! - clause punctuation per word (commas, semicolons, colons): run-on sentences joined by
//!   commas are typical of word-for-word translation; and, where the batch holds other
//!   translations of the same source, how much more of it a side uses than they do.
//! - unsupported word pairs (English): the share of adjacent pairs that neither the shipped
//!   counts list with non-negative association nor at least two other sides of the batch
//!   use: word pairs learnt from the batch itself vouch for its domain's phrasing.
//!
//! Words are runs of letters joined across an inner apostrophe or hyphen, so a compound
//! (`large-scale`, `self-assembly`) is one word, not a pair to judge.
//!
//! Each signal is standardised within the sides of one language, so that English and Russian
//! sides of a batch are each ranked among their own.

use super::{QaUnit, SideId};
use crate::text::{freq, normalize, Lang};
use foldhash::{HashMap, HashMapExt};

/// The lower-cased words of a text: runs of letters, joined across an inner apostrophe or
/// hyphen (`they're`, `large-scale`: a compound is one lexical item); digits and other marks
/// end a word.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphabetic() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | '-' | '‐' | '‑')
            && !word.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphabetic())
        {
            word.push(if matches!(c, '\'' | '’') { '\'' } else { '-' });
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Pointwise mutual information of an English word pair from the shipped counts:
/// `log10 P(a b) − log10 P(a) − log10 P(b)`; an unseen pair of two common words counts as
/// −3, other unseen pairs as 0. The flag tells whether the pair is listed.
fn pair_pmi(a: &str, b: &str) -> (f64, bool) {
    let z = |w: &str| freq::zipf(Lang::En, w).map(f64::from).unwrap_or(1.0);
    let (za, zb) = (z(a), z(b));
    let bigrams = freq::en_bigrams();
    let c = bigrams.count(a, b);
    if c > 0 {
        // Frequencies per billion words.
        (
            (c as f64 / bigrams.total).log10() - (za - 9.0) - (zb - 9.0),
            true,
        )
    } else if za > 4.0 && zb > 4.0 {
        (-3.0, false)
    } else {
        (0.0, false)
    }
}

/// The association of every adjacent English word pair ([`pair_pmi`]).
fn pair_scores(toks: &[String]) -> Vec<(f64, bool)> {
    toks.windows(2).map(|p| pair_pmi(&p[0], &p[1])).collect()
}

/// Negated mean association of adjacent words (English, from `pairs`, the word pairs'
/// [`pair_scores`]) or mean rarity (Russian, or a single word).
fn association(lang: Lang, toks: &[String], pairs: &[(f64, bool)]) -> f64 {
    if toks.is_empty() {
        return 0.0;
    }
    if lang == Lang::Ru || pairs.is_empty() {
        let z = |w: &str| freq::zipf(lang, w).map(f64::from);
        let rare: f64 = toks.iter().map(|w| 7.0 - z(w).unwrap_or(1.0)).sum();
        return rare / toks.len() as f64;
    }
    -pairs.iter().map(|p| p.0).sum::<f64>() / pairs.len() as f64
}

/// Share of an English side's word pairs that nothing vouches for: neither the shipped
/// counts (as a listed pair of non-negative association; `pairs` from [`pair_scores`]) nor
/// at least two other sides of the batch (n-grams learnt from the batch itself).
fn unsupported(
    toks: &[String],
    pairs: &[(f64, bool)],
    batch: &HashMap<(&str, &str), usize>,
) -> f64 {
    if pairs.is_empty() {
        return 0.0;
    }
    let bad = toks
        .windows(2)
        .zip(pairs)
        .filter(|(p, &(pmi, listed))| {
            let elsewhere = batch
                .get(&(p[0].as_str(), p[1].as_str()))
                .map_or(0, |n| n.saturating_sub(1));
            !(listed && pmi > -1.0) && elsewhere < 2
        })
        .count();
    bad as f64 / pairs.len() as f64
}

/// Dice overlap of the words and word pairs of two token lists.
fn overlap(a: &[String], b: &[String]) -> f64 {
    let grams = |t: &[String]| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for w in t {
            *m.entry(w.clone()).or_insert(0) += 1;
        }
        for p in t.windows(2) {
            *m.entry(format!("{} {}", p[0], p[1])).or_insert(0) += 1;
        }
        m
    };
    let (ga, gb) = (grams(a), grams(b));
    let inter: usize = ga
        .iter()
        .map(|(k, n)| (*n).min(gb.get(k).copied().unwrap_or(0)))
        .sum();
    let total: usize = ga.values().sum::<usize>() + gb.values().sum::<usize>();
    if total == 0 {
        0.0
    } else {
        2.0 * inter as f64 / total as f64
    }
}

/// Each value minus the mean of the others (at least two values).
fn beyond_the_others(values: &[f64]) -> Vec<f64> {
    let others = values.len().saturating_sub(1).max(1) as f64;
    let sum: f64 = values.iter().sum();
    values.iter().map(|v| v - (sum - v) / others).collect()
}

/// For each text, how many of the others are the same text.
fn shared_wording(texts: &[String]) -> Vec<f64> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for t in texts {
        *count.entry(t.as_str()).or_insert(0) += 1;
    }
    texts
        .iter()
        .map(|t| count.get(t.as_str()).map_or(0, |n| n - 1) as f64)
        .collect()
}

fn standardise(v: &mut [f64]) {
    let n = v.len().max(1) as f64;
    let mean = v.iter().sum::<f64>() / n;
    let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
    if sd > 0.0 {
        for x in v.iter_mut() {
            *x = (*x - mean) / sd;
        }
    } else {
        v.iter_mut().for_each(|x| *x = 0.0);
    }
}

/// What one side says on its own.
struct SideReading {
    /// (unit index, side).
    row: (usize, SideId),
    lang: Lang,
    toks: Vec<String>,
    /// The word pairs' association ([`pair_scores`]; English only).
    pairs: Vec<(f64, bool)>,
    assoc: f64,
    /// Clause punctuation per word.
    punct: f64,
}

/// Reads one side (unit index, side, language, text); `None` for a side without words.
fn read_side(&(i, id, lang, text): &(usize, SideId, Lang, &str)) -> Option<SideReading> {
    let toks = tokens(text);
    if toks.is_empty() {
        return None;
    }
    let pairs = if lang == Lang::En {
        pair_scores(&toks)
    } else {
        Vec::new()
    };
    let marks = text
        .chars()
        .filter(|c| matches!(c, ',' | ';' | ':' | '，' | '；' | '：'))
        .count();
    Some(SideReading {
        row: (i, id),
        lang,
        assoc: association(lang, &toks, &pairs),
        punct: marks as f64 / toks.len() as f64,
        toks,
        pairs,
    })
}

/// A fluency score for every English or Russian side of the batch: (unit index, side, score).
pub fn score_units(units: &[QaUnit]) -> Vec<(usize, SideId, f64)> {
    // What each side says on its own, in parallel for large batches.
    let sides: Vec<(usize, SideId, Lang, &str)> = units
        .iter()
        .enumerate()
        .flat_map(|(i, u)| {
            [SideId::Src, SideId::Tgt]
                .into_iter()
                .filter_map(move |id| {
                    let side = u.side(id)?;
                    // Long sides as the checks read them (bounded work per side).
                    Some((i, id, side.lang?, crate::qa::run::bounded_text(&side.text)))
                })
        })
        .collect();
    let threads = if sides.len() < 8000 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    };
    let chunk = sides.len().div_ceil(threads).max(1);
    let read: Vec<SideReading> = std::thread::scope(|scope| {
        let parts: Vec<_> = sides
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().filter_map(read_side).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut rows = Vec::with_capacity(read.len());
    let mut assoc = Vec::with_capacity(read.len());
    let mut punct = Vec::with_capacity(read.len());
    let mut langs = Vec::with_capacity(read.len());
    let mut toks_of = Vec::with_capacity(read.len());
    let mut pairs_of = Vec::with_capacity(read.len());
    for r in read {
        rows.push(r.row);
        langs.push(r.lang);
        assoc.push(r.assoc);
        punct.push(r.punct);
        toks_of.push(r.toks);
        pairs_of.push(r.pairs);
    }
    // Agreement with the other translations of the same source.
    let mut by_src: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, &(i, side)) in rows.iter().enumerate() {
        if side == SideId::Tgt {
            by_src
                .entry(normalize(&units[i].src.text))
                .or_default()
                .push(k);
        }
    }
    let mut disagreement = vec![0.0; rows.len()];
    // Clause punctuation beyond what the other translations of the source use.
    let mut extra_punct = vec![0.0; rows.len()];
    // Fewer of the other translations worded the same way (negated count).
    let mut unshared = vec![0.0; rows.len()];
    // Word-pair association relative to the other translations of the same source, which
    // share its content: rare names and terms then weigh on every translation alike.
    let mut relative_assoc = assoc.clone();
    for ks in by_src.values().filter(|ks| ks.len() > 1) {
        let group = |signal: &[f64]| ks.iter().map(|&k| signal[k]).collect::<Vec<f64>>();
        let mean = ks.iter().map(|&k| punct[k]).sum::<f64>() / ks.len() as f64;
        let relative = beyond_the_others(&group(&assoc));
        let wordings: Vec<String> = ks
            .iter()
            .map(|&k| normalize(units[rows[k].0].side(rows[k].1).map_or("", |s| &s.text)))
            .collect();
        let shared = shared_wording(&wordings);
        for (a, &k) in ks.iter().enumerate() {
            extra_punct[k] = punct[k] - mean;
            relative_assoc[k] = relative[a];
            unshared[k] = -shared[a];
            let sims: Vec<f64> = ks
                .iter()
                .filter(|&&j| j != k)
                .map(|&j| overlap(&toks_of[k], &toks_of[j]))
                .collect();
            disagreement[k] = -sims.iter().sum::<f64>() / sims.len() as f64;
        }
    }
    // In how many English sides of the batch each word pair occurs.
    let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
    for (k, toks) in toks_of.iter().enumerate() {
        if langs[k] != Lang::En {
            continue;
        }
        let mut seen: Vec<(&str, &str)> = toks
            .windows(2)
            .map(|p| (p[0].as_str(), p[1].as_str()))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for p in seen {
            *pairs.entry(p).or_insert(0) += 1;
        }
    }
    let mut unsupported_pairs: Vec<f64> = toks_of
        .iter()
        .enumerate()
        .map(|(k, toks)| {
            if langs[k] == Lang::En {
                unsupported(toks, &pairs_of[k], &pairs)
            } else {
                0.0
            }
        })
        .collect();
    for lang in [Lang::En, Lang::Ru] {
        let idx: Vec<usize> = (0..rows.len()).filter(|&k| langs[k] == lang).collect();
        for signal in [
            &mut relative_assoc,
            &mut disagreement,
            &mut unshared,
            &mut punct,
            &mut extra_punct,
            &mut unsupported_pairs,
        ] {
            let mut v: Vec<f64> = idx.iter().map(|&k| signal[k]).collect();
            standardise(&mut v);
            for (j, &k) in idx.iter().enumerate() {
                signal[k] = v[j];
            }
        }
    }
    rows.iter()
        .enumerate()
        .map(|(k, &(i, side))| {
            let score = relative_assoc[k]
                + disagreement[k]
                + unshared[k]
                + punct[k]
                + extra_punct[k]
                + unsupported_pairs[k];
            (i, side, score)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        tokens(s)
    }

    #[test]
    fn garbled_order_scores_higher_than_natural_order() {
        let assoc = |t: &str| {
            let t = toks(t);
            association(Lang::En, &t, &pair_scores(&t))
        };
        let good = assoc("The minister said that the talks would continue next week.");
        let bad = assoc("Said the minister that talks the continue would week next.");
        assert!(bad > good, "{bad} vs {good}");
    }

    /// The index of the translation (of one `src`) that scores worst, `usize::MAX` when
    /// none scores strictly worse than all the others.
    fn worst_translation(src: &str, tgts: &[&str]) -> usize {
        let units: Vec<QaUnit> = tgts
            .iter()
            .enumerate()
            .map(|(id, t)| QaUnit {
                id: id as i64,
                origin: "t".into(),
                src: super::super::Side::new(Some("zh"), src),
                tgt: Some(super::super::Side::new(Some("en"), *t)),
            })
            .collect();
        let scores = score_units(&units);
        assert!(scores.iter().all(|r| r.1 == SideId::Tgt), "{scores:?}");
        // Strictly worse than every other translation (ties are no answer).
        let worst = scores
            .iter()
            .find(|r| scores.iter().all(|other| other.0 == r.0 || other.2 < r.2));
        worst.map_or(usize::MAX, |r| r.0)
    }

    #[test]
    fn the_odd_translation_out_scores_higher() {
        // Scrambled word order; more clause punctuation than the other translations.
        let cases: [(&str, [&str; 4]); 2] = [
            (
                // Latin letters in a Chinese source do not make it an English side.
                "他说NATO会谈将继续。",
                [
                    "He said the talks would continue.",
                    "He said that the talks would continue.",
                    "He said the talks will continue.",
                    "Talks continue he said would.",
                ],
            ),
            (
                "我们今天展示新的方法。",
                [
                    "Today we show a new method.",
                    "Today we show a new method!",
                    "Today we show a new method.",
                    "Today, we show, a new, method.",
                ],
            ),
        ];
        for (src, tgts) in cases {
            assert_eq!(worst_translation(src, &tgts), 3, "{tgts:?}");
        }
    }

    #[test]
    fn words_keep_compounds_and_inner_apostrophes() {
        assert_eq!(
            toks("They’re large-scale robots-8 feet, 12-foot 'long' rock--n"),
            [
                "they're",
                "large-scale",
                "robots",
                "feet",
                "foot",
                "long",
                "rock",
                "n"
            ]
        );
        assert_eq!(
            toks("Самоорганизация — это по-новому"),
            ["самоорганизация", "это", "по-новому"]
        );
        assert!(toks("12 500, 3.7 -- ...").is_empty());
    }

    #[test]
    fn values_are_taken_beyond_the_mean_of_the_others() {
        assert_eq!(beyond_the_others(&[1.0, 2.0, 3.0]), [-1.5, 0.0, 1.5]);
        // The same value throughout: nothing beyond the others.
        assert_eq!(beyond_the_others(&[4.0, 4.0]), [0.0, 0.0]);
    }

    #[test]
    fn shared_wordings_are_counted_among_the_others() {
        let t = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            shared_wording(&t(&["a", "b", "a", "a"])),
            [2.0, 0.0, 2.0, 2.0]
        );
        assert_eq!(shared_wording(&t(&["a", "b"])), [0.0, 0.0]);
    }

    #[test]
    fn the_wording_several_translations_share_scores_lower() {
        // The wording three translations reached is not the one to review first.
        let tgts = [
            "The talks will continue next week.",
            "The talks will continue next week.",
            "The talks will continue next week.",
            "Talks are to go on the next week.",
        ];
        assert_eq!(worst_translation("会谈下周继续。", &tgts), 3);
    }

    #[test]
    fn word_pairs_the_batch_uses_are_vouched_for() {
        // "widget frobnicates" is in no shipped list: unsupported alone, vouched for once two
        // other sides of the batch use it.
        let t = toks("the widget frobnicates quickly");
        let mut batch: HashMap<(&str, &str), usize> = HashMap::new();
        let scores = pair_scores(&t);
        let alone = unsupported(&t, &scores, &batch);
        batch.insert(("widget", "frobnicates"), 3);
        batch.insert(("frobnicates", "quickly"), 3);
        batch.insert(("the", "widget"), 3);
        let vouched = unsupported(&t, &scores, &batch);
        assert!(alone > vouched, "{alone} vs {vouched}");
        assert_eq!(vouched, 0.0);
        // A common, listed pair needs no vouching.
        let t = toks("of the");
        assert_eq!(unsupported(&t, &pair_scores(&t), &HashMap::new()), 0.0);
    }
}
