//! Which words pull a pair's quality down? Every target word gets a few signals (how well
//! the source explains it and it explains the source, its neighbours', its rarity and
//! position, the word prior's weight for it and how often post-editors changed words of its
//! stem and its neighbours', and the pair's predicted quality); a forest of
//! trees learnt from post-editors' changes (MLQE-PE word tags) turns them into a score, and
//! runs of words above the model's cut are reported as `awkward` spans.

use super::pair::{Latin4, PreparedPair};
use super::words::WordPrior;

/// The names of the word features, in the order of [`word_features`]'s rows.
pub const WORD_NAMES: &[&str] = &[
    "best",
    "reverse",
    "best_prev",
    "best_next",
    "zipf",
    "position",
    "len_tgt",
    "chars",
    "capitalized",
    "translit",
    "unknown",
    "sentence",
    "weight",
    "repeats",
    "first",
    "bad",
    "bad_prev",
    "bad_next",
];

/// One target word with its features: (char start, char end, row).
pub type WordRow = (usize, usize, Vec<f64>);

/// The features of every target word of a Russian–English pair (either direction), read
/// once as `pp`; `sentence` is the pair's predicted quality on the training scale.
pub fn word_features(prior: &WordPrior, pp: &PreparedPair, sentence: f64) -> Vec<WordRow> {
    let (si, ti) = (&pp.src.ids, &pp.tgt.ids);
    let probs = &pp.probs;
    let best: Vec<f64> = ti
        .iter()
        .enumerate()
        .map(|(j, t)| {
            if t.is_none() {
                return 0.0;
            }
            (0..si.len())
                .map(|i| {
                    if si[i].is_some() {
                        probs.fwd(Some(i), j)
                    } else {
                        0.0
                    }
                })
                .fold(probs.fwd(None, j), f32::max)
                .into()
        })
        .collect();
    let latin_src: Vec<&Latin4> = pp.src.latin4.iter().flatten().collect();
    let bad: Vec<f64> = pp.tgt.tokens.iter().map(|&t| prior.token_bad(t)).collect();
    let lows = &pp.tgt.lows;
    let n = pp.tgt.words.len();
    let mut out = Vec::with_capacity(n);
    for (j, &(start, end, w)) in pp.tgt.runs.iter().enumerate() {
        let reverse = if ti[j].is_some() {
            (0..si.len())
                .filter(|&i| si[i].is_some())
                .map(|i| probs.bwd(Some(j), i))
                .fold(0.0f32, f32::max)
        } else {
            0.0
        };
        let chars = w.chars().count();
        let translit = pp.tgt.latin4[j]
            .as_ref()
            .is_some_and(|lat| latin_src.contains(&lat));
        let row = vec![
            best[j],
            f64::from(reverse),
            if j > 0 { best[j - 1] } else { 1.0 },
            best.get(j + 1).copied().unwrap_or(1.0),
            pp.tgt.zipf_e[j].map_or(0.0, f64::from),
            j as f64 / n.max(1) as f64,
            n as f64,
            chars as f64,
            f64::from(u8::from(w.chars().next().is_some_and(char::is_uppercase))),
            f64::from(u8::from(translit)),
            f64::from(u8::from(ti[j].is_none())),
            sentence,
            prior.token_weight(pp.tgt.tokens[j]),
            lows.iter().filter(|x| **x == lows[j]).count() as f64,
            f64::from(u8::from(j == 0)),
            bad[j],
            if j > 0 { bad[j - 1] } else { 0.0 },
            bad.get(j + 1).copied().unwrap_or(0.0),
        ];
        out.push((start, end, row));
    }
    out
}
