//! The signals of a pair that the learnt quality score combines: lexical (how well each
//! side's words are explained by the other's, through the bilingual lexical model), length,
//! word rarity, English word-pair support, and surface marks (foreign script, repeated words,
//! names, punctuation, digits). Every signal is a number; [`NAMES`] lists them in order.

use super::pair::{Latin4, PreparedPair, PreparedSide};
use super::words::WordPrior;
use crate::text::bilex::LexicalModel;
use crate::text::{freq, Lang};

/// The names of the features, in the order of [`features`]'s output (and of the columns
/// the training script reads).
pub const NAMES: &[&str] = &[
    "len_src",
    "len_tgt",
    "len_ratio",
    "chars_src",
    "chars_tgt",
    "chars_ratio",
    "explained_tgt",
    "explained_src",
    "unexplained_tgt",
    "unexplained_src",
    "n_unexplained_src",
    "n_unexplained_tgt",
    "lik_tgt",
    "lik_src",
    "zipf_src_mean",
    "zipf_src_min",
    "zipf_src_max",
    "zipf_tgt_mean",
    "zipf_tgt_min",
    "zipf_tgt_max",
    "oov_src",
    "oov_tgt",
    "rare_src",
    "rare_tgt",
    "pairs_unlisted",
    "pairs_logcount",
    "foreign_tgt",
    "repeated_tgt",
    "caps_src",
    "caps_tgt",
    "punct_src",
    "punct_tgt",
    "questions_src",
    "questions_tgt",
    "digits_diff",
    "translit",
    "lower_start_src",
    "end_src",
    "end_tgt",
    "unknown_stems_src",
    "unknown_stems_tgt",
    "ambiguity_src_mean",
    "ambiguity_src_max",
    "translations_src_mean",
    "distortion_mean",
    "distortion_max",
    "covered_src",
    "fertility_max",
    "rare_unexplained_src",
    "word_length_src",
    "word_prior",
];

/// The lexical probabilities between the words of a pair, looked up once: `fwd(i, j)` is
/// p(target word j | source word i, or the empty word for `None`), `bwd(j, i)` is
/// p(source word i | target word j, or the empty word). Words the model does not know have
/// probability 0.
pub struct Probs {
    ns: usize,
    nt: usize,
    fwd: Vec<f32>,
    bwd: Vec<f32>,
}

impl Probs {
    /// The probabilities of a Russian–English pair (either direction); all zero for other
    /// language combinations.
    pub fn new(
        lex: &LexicalModel,
        si: &[Option<u32>],
        ti: &[Option<u32>],
        src_lang: Option<Lang>,
        tgt_lang: Option<Lang>,
    ) -> Probs {
        let (ns, nt) = (si.len(), ti.len());
        let mut p = Probs {
            ns,
            nt,
            fwd: vec![0.0; (ns + 1) * nt],
            bwd: vec![0.0; (nt + 1) * ns],
        };
        let ru_en = match (src_lang, tgt_lang) {
            (Some(Lang::Ru), Some(Lang::En)) => true,
            (Some(Lang::En), Some(Lang::Ru)) => false,
            _ => return p,
        };
        for (j, t) in ti.iter().enumerate() {
            let Some(t) = *t else { continue };
            let row = j * (ns + 1);
            p.fwd[row] = if ru_en {
                lex.p_en_given_ru(None, t)
            } else {
                lex.p_ru_given_en(None, t)
            };
            for (i, f) in si.iter().enumerate() {
                if f.is_some() {
                    p.fwd[row + i + 1] = if ru_en {
                        lex.p_en_given_ru(*f, t)
                    } else {
                        lex.p_ru_given_en(*f, t)
                    };
                }
            }
        }
        for (i, f) in si.iter().enumerate() {
            let Some(f) = *f else { continue };
            let row = i * (nt + 1);
            p.bwd[row] = if ru_en {
                lex.p_ru_given_en(None, f)
            } else {
                lex.p_en_given_ru(None, f)
            };
            for (j, t) in ti.iter().enumerate() {
                if t.is_some() {
                    p.bwd[row + j + 1] = if ru_en {
                        lex.p_ru_given_en(*t, f)
                    } else {
                        lex.p_en_given_ru(*t, f)
                    };
                }
            }
        }
        p
    }

    /// p(target word `j` | source word `i`, or the empty word).
    pub fn fwd(&self, i: Option<usize>, j: usize) -> f32 {
        self.fwd[j * (self.ns + 1) + i.map_or(0, |i| i + 1)]
    }

    /// p(source word `i` | target word `j`, or the empty word).
    pub fn bwd(&self, j: Option<usize>, i: usize) -> f32 {
        self.bwd[i * (self.nt + 1) + j.map_or(0, |j| j + 1)]
    }
}

/// Where the target's words come from: for every target word, the source word that
/// explains it best (with a probability above 0.1): the mean and largest distance of their
/// relative positions, the share of source words that explain some target word, and the
/// most target words one source word explains.
fn alignment(
    from: &[Option<u32>],
    to: &[Option<u32>],
    p: impl Fn(Option<usize>, usize) -> f32,
) -> [f64; 4] {
    let mut used = vec![0u32; from.len()];
    let (mut sum, mut max, mut n) = (0.0f64, 0.0f64, 0usize);
    let span = |len: usize| len.saturating_sub(1).max(1) as f64;
    for (j, t) in to.iter().enumerate() {
        if t.is_none() {
            continue;
        }
        let (mut best, mut bp) = (None, 0.0f32);
        for (i, f) in from.iter().enumerate() {
            if f.is_none() {
                continue;
            }
            let q = p(Some(i), j);
            if q > bp {
                bp = q;
                best = Some(i);
            }
        }
        if let (Some(i), true) = (best, bp > 0.1) {
            let d = (j as f64 / span(to.len()) - i as f64 / span(from.len())).abs();
            sum += d;
            max = max.max(d);
            n += 1;
            used[i] += 1;
        }
    }
    let covered = used.iter().filter(|&&u| u > 0).count() as f64 / from.len().max(1) as f64;
    let fert = used.iter().copied().max().unwrap_or(0) as f64;
    [if n > 0 { sum / n as f64 } else { 0.0 }, max, covered, fert]
}

/// A probability of a word given the other side's words, below which the word counts as
/// unexplained.
const UNEXPLAINED: f32 = 0.05;

/// Lexical statistics of one direction: for every word of `to`, the best probability of
/// it given a word of `from` or the empty word, and the IBM-1 likelihood term.
fn explain(
    from: &[Option<u32>],
    to: &[Option<u32>],
    p: impl Fn(Option<usize>, usize) -> f32,
) -> (Vec<f32>, f64) {
    let mut best = Vec::with_capacity(to.len());
    let mut lik = 0.0f64;
    for (j, t) in to.iter().enumerate() {
        if t.is_none() {
            best.push(0.0);
            lik += (1e-6f64).ln();
            continue;
        }
        let mut b = p(None, j);
        let mut sum = f64::from(b);
        for (i, f) in from.iter().enumerate() {
            if f.is_none() {
                continue;
            }
            let q = p(Some(i), j);
            sum += f64::from(q);
            b = b.max(q);
        }
        best.push(b);
        lik += (sum / (from.len() + 1) as f64 + 1e-6).ln();
    }
    let n = to.len().max(1) as f64;
    (best, lik / n)
}

fn mean(xs: &[f32]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().map(|&x| f64::from(x)).sum::<f64>() / xs.len() as f64
    }
}

/// Mean, min and max of the Zipf frequencies (0 for an unlisted word), and the share of
/// unlisted words and the number of rare ones (Zipf below 3.5).
fn rarity(side: &PreparedSide) -> [f64; 5] {
    if side.lang.is_none() || side.words.is_empty() {
        return [0.0; 5];
    }
    let (mut sum, mut min, mut max, mut oov, mut rare) = (0.0f64, f64::MAX, 0.0f64, 0usize, 0usize);
    for z in &side.zipf {
        let z = z.map_or(0.0, f64::from);
        sum += z;
        min = min.min(z);
        max = max.max(z);
        if z == 0.0 {
            oov += 1;
        } else if z < 3.5 {
            rare += 1;
        }
    }
    let n = side.words.len() as f64;
    [sum / n, min, max, oov as f64 / n, rare as f64]
}

fn count_marks(text: &str, marks: &[char]) -> f64 {
    text.chars().filter(|c| marks.contains(c)).count() as f64
}

fn ends_sentence(text: &str) -> f64 {
    f64::from(u8::from(
        text.trim_end()
            .chars()
            .last()
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…')),
    ))
}

/// The features of a pair (see [`NAMES`]); `src_lang`/`tgt_lang` pick the lexical
/// direction (Russian→English or English→Russian) and the frequency lists. A pair in another
/// language combination gets the language-free features and zeros for the rest.
pub fn features(
    lex: &LexicalModel,
    prior: &WordPrior,
    src: &str,
    tgt: &str,
    src_lang: Option<Lang>,
    tgt_lang: Option<Lang>,
) -> Vec<f64> {
    pair_features(
        lex,
        prior,
        &PreparedPair::new(lex, prior, src, tgt, src_lang, tgt_lang),
        src,
        tgt,
    )
}

/// [`features`] of a pair read once ([`PreparedPair`] of `src` and `tgt`).
pub fn pair_features(
    lex: &LexicalModel,
    prior: &WordPrior,
    pp: &PreparedPair,
    src: &str,
    tgt: &str,
) -> Vec<f64> {
    let (src_lang, tgt_lang) = (pp.src.lang, pp.tgt.lang);
    let (sw, tw) = (&pp.src.words, &pp.tgt.words);
    let (si, ti) = (&pp.src.ids, &pp.tgt.ids);
    let probs = &pp.probs;
    let pair = pp.ru_en_pair;
    let ((bt, lik_t), (bs, lik_s)) = if pair {
        (
            explain(si, ti, |i, j| probs.fwd(i, j)),
            explain(ti, si, |j, i| probs.bwd(j, i)),
        )
    } else {
        ((vec![0.0; tw.len()], 0.0), (vec![0.0; sw.len()], 0.0))
    };
    let low_share = |b: &[f32]| {
        if b.is_empty() {
            0.0
        } else {
            b.iter().filter(|&&p| p < UNEXPLAINED).count() as f64 / b.len() as f64
        }
    };
    let low_count = |b: &[f32]| b.iter().filter(|&&p| p < UNEXPLAINED).count() as f64;
    let rs = rarity(&pp.src);
    let rt = rarity(&pp.tgt);

    // English word pairs of the target (or the source, when the target is Russian).
    let lows: &[String] = if tgt_lang == Some(Lang::En) {
        &pp.tgt.lows
    } else if src_lang == Some(Lang::En) {
        &pp.src.lows
    } else {
        &[]
    };
    let bigrams = freq::en_bigrams();
    let (mut unlisted, mut logsum) = (0usize, 0.0f64);
    for p in lows.windows(2) {
        let c = bigrams.count(&p[0], &p[1]);
        if c == 0 {
            unlisted += 1;
        } else {
            logsum += (c as f64).log10();
        }
    }
    let npairs = lows.len().saturating_sub(1).max(1) as f64;

    let foreign = |c: char| match tgt_lang {
        Some(Lang::En) => crate::text::is_cyrillic(c),
        Some(Lang::Ru) => c.is_ascii_alphabetic(),
        None => false,
    };
    let foreign_tgt = tw.iter().filter(|w| w.chars().any(foreign)).count() as f64;
    let tlow = &pp.tgt.lows;
    let distinct: std::collections::HashSet<&String> = tlow.iter().collect();
    let caps = |ws: &[&str]| {
        ws.iter()
            .skip(1)
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count() as f64
    };
    let latin_src: Vec<&Latin4> = pp.src.latin4.iter().flatten().collect();
    let latin_tgt: Vec<&Latin4> = pp.tgt.latin4.iter().flatten().collect();
    let (from, to) = if src_lang == Some(Lang::Ru) {
        (&latin_src, &latin_tgt)
    } else {
        (&latin_tgt, &latin_src)
    };
    let translit_hits = to.iter().filter(|w| from.contains(w)).count() as f64;
    // How ambiguous the source words are, where their translations go, and which rare
    // source words nothing in the target explains.
    let spread = |id: Option<u32>| match src_lang {
        Some(Lang::Ru) => lex.ru_spread(id),
        Some(Lang::En) => lex.en_spread(id),
        None => (0.0, 0.0),
    };
    let spreads: Vec<(f32, f32)> = si.iter().map(|&i| spread(i)).collect();
    let amb_mean = spreads.iter().map(|s| f64::from(s.0)).sum::<f64>() / si.len().max(1) as f64;
    let amb_max = spreads.iter().map(|s| f64::from(s.0)).fold(0.0, f64::max);
    let trans_mean = spreads.iter().map(|s| f64::from(s.1)).sum::<f64>() / si.len().max(1) as f64;
    let align = if pair {
        alignment(si, ti, |i, j| probs.fwd(i, j))
    } else {
        [0.0; 4]
    };
    let rare_unexplained = match src_lang {
        Some(_) => pp
            .src
            .zipf_e
            .iter()
            .zip(si)
            .enumerate()
            .filter(|(i, (z, x))| {
                let best = match x {
                    None => 0.0,
                    Some(_) => (0..ti.len())
                        .map(|j| probs.bwd(Some(j), *i))
                        .fold(0.0f32, f32::max),
                };
                best < 0.05 && z.unwrap_or(0.0) < 4.5
            })
            .count() as f64,
        None => 0.0,
    };
    let word_len =
        sw.iter().map(|w| w.chars().count()).sum::<usize>() as f64 / sw.len().max(1) as f64;
    let digits = |t: &str| t.chars().filter(char::is_ascii_digit).count() as f64;
    let punct = [',', ';', ':', '!', '?', '—', '-'];
    let chars = |t: &str| t.chars().count() as f64;

    vec![
        sw.len() as f64,
        tw.len() as f64,
        (tw.len() as f64 + 1.0) / (sw.len() as f64 + 1.0),
        chars(src),
        chars(tgt),
        (chars(tgt) + 1.0) / (chars(src) + 1.0),
        mean(&bt),
        mean(&bs),
        low_share(&bt),
        low_share(&bs),
        low_count(&bs),
        low_count(&bt),
        lik_t,
        lik_s,
        rs[0],
        rs[1],
        rs[2],
        rt[0],
        rt[1],
        rt[2],
        rs[3],
        rt[3],
        rs[4],
        rt[4],
        unlisted as f64 / npairs,
        logsum / npairs,
        foreign_tgt,
        (tlow.len() - distinct.len()) as f64,
        caps(sw),
        caps(tw),
        count_marks(src, &punct),
        count_marks(tgt, &punct),
        count_marks(src, &['?']),
        count_marks(tgt, &['?']),
        (digits(src) - digits(tgt)).abs(),
        translit_hits,
        f64::from(u8::from(src.chars().next().is_some_and(char::is_lowercase))),
        ends_sentence(src),
        ends_sentence(tgt),
        si.iter().filter(|i| i.is_none()).count() as f64 / sw.len().max(1) as f64,
        ti.iter().filter(|i| i.is_none()).count() as f64 / tw.len().max(1) as f64,
        amb_mean,
        amb_max,
        trans_mean,
        align[0],
        align[1],
        align[2],
        align[3],
        rare_unexplained,
        word_len,
        prior.predict_tokens(&[&pp.src.tokens, &pp.tgt.tokens]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_per_name_and_a_missing_translation_lowers_the_explained_share() {
        let lex = LexicalModel::train(
            [
                ("большой дом", "big house"),
                ("старый дом", "old house"),
                ("большой город", "big city"),
                ("старый город", "old city"),
            ]
            .iter()
            .copied(),
        );
        let good = features(
            &lex,
            &WordPrior::default(),
            "большой дом",
            "big house",
            Some(Lang::Ru),
            Some(Lang::En),
        );
        let bad = features(
            &lex,
            &WordPrior::default(),
            "большой дом",
            "old city",
            Some(Lang::Ru),
            Some(Lang::En),
        );
        assert_eq!(good.len(), NAMES.len());
        let at = |n: &str| NAMES.iter().position(|&x| x == n).unwrap();
        assert!(good[at("explained_tgt")] > bad[at("explained_tgt")]);
        assert!(good[at("lik_src")] > bad[at("lik_src")]);
        // The same pair the other way round is read with the other direction of the model.
        let back = features(
            &lex,
            &WordPrior::default(),
            "big house",
            "большой дом",
            Some(Lang::En),
            Some(Lang::Ru),
        );
        assert!(back[at("explained_tgt")] > 0.3);
    }
}
