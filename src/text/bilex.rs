//! A bilingual lexical model: how likely is a word of one language to be translated by a
//! word of the other? IBM model 1, trained by expectation–maximisation in both directions on
//! sentence pairs, over crude stems (the first five letters, lower case, `ё` as `е`) so that
//! the inflections of a small training set pool their counts.
//!
//! The shipped model (`data/qe/lexicon.tsv`) is trained on the post-edited translations of
//! the MLQE-PE Russian–English training split (CC0) by `data/qe/train.py`; a model can also be
//! trained from any list of pairs (a user's memory) with [`LexicalModel::train`].

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

/// Probabilities below this are not kept (in training output and in the shipped file).
pub const MIN_PROB: f32 = 0.01;

/// The lexical key of a word: its first five letters in lower case, `ё` read as `е`.
pub fn stem_key(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars().flat_map(char::to_lowercase).take(5) {
        out.push(if c == 'ё' { 'е' } else { c });
    }
}

/// The words of a text for the lexical model: runs of letters (digits, marks and
/// punctuation end a word), with their char offsets.
pub fn letter_runs(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut ci = 0usize;
    for (bi, c) in text.char_indices() {
        if super::is_letter(c) {
            if start.is_none() {
                start = Some((ci, bi));
            }
        } else if let Some((sc, sb)) = start.take() {
            out.push((sc, ci, &text[sb..bi]));
        }
        ci += 1;
    }
    if let Some((sc, sb)) = start {
        out.push((sc, ci, &text[sb..]));
    }
    out
}

/// Stem ids of the words of one side.
fn ids(vocab: &mut Vocab, text: &str) -> Vec<u32> {
    let mut key = String::new();
    letter_runs(text)
        .into_iter()
        .map(|(_, _, w)| {
            stem_key(w, &mut key);
            vocab.intern(&key)
        })
        .collect()
}

#[derive(Default, Clone)]
struct Vocab {
    ids: HashMap<String, u32>,
}

impl Vocab {
    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.ids.len() as u32 + 1; // 0 is the empty word
        self.ids.insert(key.to_string(), id);
        id
    }
    fn get(&self, key: &str) -> Option<u32> {
        self.ids.get(key).copied()
    }
}

/// The empty word of IBM model 1: what a word aligns to when nothing in the other side
/// explains it.
const NULL: u32 = 0;

fn pair_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// One direction of IBM model 1: `t(target stem | source stem)`, by EM.
fn ibm1(pairs: &[(Vec<u32>, Vec<u32>)], iterations: usize) -> HashMap<u64, f32> {
    let mut t: HashMap<u64, f32> = HashMap::new();
    // Uniform start over the co-occurring pairs.
    for (src, tgt) in pairs {
        for &e in tgt {
            t.insert(pair_key(NULL, e), 1.0);
            for &f in src {
                t.insert(pair_key(f, e), 1.0);
            }
        }
    }
    let mut count: HashMap<u64, f64> = HashMap::with_capacity(t.len());
    let mut total: HashMap<u32, f64> = HashMap::new();
    for _ in 0..iterations {
        count.clear();
        total.clear();
        for (src, tgt) in pairs {
            for &e in tgt {
                let z: f64 = std::iter::once(NULL)
                    .chain(src.iter().copied())
                    .map(|f| f64::from(t.get(&pair_key(f, e)).copied().unwrap_or(0.0)))
                    .sum();
                if z <= 0.0 {
                    continue;
                }
                for f in std::iter::once(NULL).chain(src.iter().copied()) {
                    let c = f64::from(t.get(&pair_key(f, e)).copied().unwrap_or(0.0)) / z;
                    *count.entry(pair_key(f, e)).or_insert(0.0) += c;
                    *total.entry(f).or_insert(0.0) += c;
                }
            }
        }
        for (k, v) in t.iter_mut() {
            let f = (*k >> 32) as u32;
            let tot = total.get(&f).copied().unwrap_or(0.0);
            *v = if tot > 0.0 {
                (count.get(k).copied().unwrap_or(0.0) / tot) as f32
            } else {
                0.0
            };
        }
    }
    t.retain(|_, v| *v >= MIN_PROB);
    t
}

/// Translation probabilities between Russian and English stems, both ways.
#[derive(Clone, Default)]
pub struct LexicalModel {
    ru: Vocab,
    en: Vocab,
    /// `p(en | ru)`, keyed by (ru id, en id); the empty word is id 0.
    en_given_ru: HashMap<u64, f32>,
    /// `p(ru | en)`, keyed by (en id, ru id).
    ru_given_en: HashMap<u64, f32>,
    /// Per Russian stem id: the entropy of its English translations and how many have a
    /// probability above 0.05.
    ru_spread: HashMap<u32, (f32, f32)>,
    /// The same per English stem id.
    en_spread: HashMap<u32, (f32, f32)>,
}

/// Entropy and the number of likely translations of every source stem of a table.
fn spreads(table: &HashMap<u64, f32>) -> HashMap<u32, (f32, f32)> {
    let mut acc: HashMap<u32, (f64, f64, f32)> = HashMap::new();
    for (&k, &p) in table {
        let (f, e) = ((k >> 32) as u32, (k & 0xffff_ffff) as u32);
        if f == NULL || e == NULL || p <= 0.0 {
            continue;
        }
        let a = acc.entry(f).or_insert((0.0, 0.0, 0.0));
        a.0 += f64::from(p);
        a.1 += f64::from(p) * f64::from(p).ln();
        if p > 0.05 {
            a.2 += 1.0;
        }
    }
    acc.into_iter()
        .map(|(f, (z, plnp, n))| (f, ((z.ln() - plnp / z) as f32, n)))
        .collect()
}

/// Number of EM iterations of [`LexicalModel::train`].
pub const ITERATIONS: usize = 5;

/// The rows `(ru_stem, en_stem, p(en|ru), p(ru|en))` of a model's text form, `#` lines and
/// short lines left out.
fn rows(text: &str) -> impl Iterator<Item = (&str, &str, &str, &str)> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            // Fields are cut at tab bytes (ASCII, so every cut is a char boundary): the lines are
            // short and many, and a char searcher per field cost more than the rest of the parse.
            let mut fields = [""; 4];
            let mut n = 0;
            let mut from = 0;
            for (i, &b) in line.as_bytes().iter().enumerate() {
                if b == b'\t' && n < 3 {
                    fields[n] = &line[from..i];
                    n += 1;
                    from = i + 1;
                }
            }
            if n < 3 {
                return None;
            }
            fields[3] = line[from..].split('\t').next().unwrap_or("");
            let [r, e, pe, pr] = fields;
            Some((r, e, pe, pr))
        })
}

/// The text form of the shipped model (`data/qe/lexicon.tsv`).
pub const SHIPPED_TSV: &str = include_str!("../../data/qe/lexicon.tsv");

/// The (Russian stem, English stem) pairs of a model's text form that translate each other
/// likely both ways, `p(en | ru) ≥ min_en` and `p(ru | en) ≥ min_ru`, in file order. Read
/// straight from the text (each pair is one line), without building the model: the aligner
/// needs only these, and building the whole model cost it a sixth of its time.
pub fn likely_stem_pairs(text: &str, min_en: f32, min_ru: f32) -> Vec<(&str, &str)> {
    let at_least = |p: &str, min: f32| p.parse::<f32>().is_ok_and(|p| p >= min && p > 0.0);
    rows(text)
        .filter(|&(r, e, pe, pr)| {
            !r.is_empty() && !e.is_empty() && at_least(pe, min_en) && at_least(pr, min_ru)
        })
        .map(|(r, e, _, _)| (r, e))
        .collect()
}

impl LexicalModel {
    /// Trains both directions on (Russian, English) sentence pairs.
    pub fn train<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> LexicalModel {
        let mut m = LexicalModel::default();
        let mut ru_en = Vec::new();
        for (ru, en) in pairs {
            let r = ids(&mut m.ru, ru);
            let e = ids(&mut m.en, en);
            if !r.is_empty() && !e.is_empty() {
                ru_en.push((r, e));
            }
        }
        m.en_given_ru = ibm1(&ru_en, ITERATIONS);
        let en_ru: Vec<_> = ru_en.into_iter().map(|(r, e)| (e, r)).collect();
        m.ru_given_en = ibm1(&en_ru, ITERATIONS);
        m.index();
        m
    }

    fn index(&mut self) {
        self.ru_spread = spreads(&self.en_given_ru);
        self.en_spread = spreads(&self.ru_given_en);
    }

    /// How ambiguous a Russian stem is: the entropy of its English translations and the
    /// number with a probability above 0.05 (zeros for an unknown stem).
    pub fn ru_spread(&self, ru: Option<u32>) -> (f32, f32) {
        ru.and_then(|r| self.ru_spread.get(&r).copied())
            .unwrap_or((0.0, 0.0))
    }

    /// The same for an English stem.
    pub fn en_spread(&self, en: Option<u32>) -> (f32, f32) {
        en.and_then(|e| self.en_spread.get(&e).copied())
            .unwrap_or((0.0, 0.0))
    }

    /// Reads the tab-separated form written by [`LexicalModel::to_tsv`]: lines
    /// `ru_stem en_stem p(en|ru) p(ru|en)` (an empty stem is the empty word); `#` lines are
    /// comments.
    pub fn from_tsv(text: &str) -> LexicalModel {
        let mut m = LexicalModel::default();
        // Sized once: growing the tables line by line rehashed them a dozen times.
        let lines = text.bytes().filter(|&b| b == b'\n').count();
        m.en_given_ru.reserve(lines);
        m.ru_given_en.reserve(lines);
        for (r, e, pe, pr) in rows(text) {
            let ri = if r.is_empty() { NULL } else { m.ru.intern(r) };
            let ei = if e.is_empty() { NULL } else { m.en.intern(e) };
            if let Ok(p) = pe.parse::<f32>() {
                if p > 0.0 {
                    m.en_given_ru.insert(pair_key(ri, ei), p);
                }
            }
            if let Ok(p) = pr.parse::<f32>() {
                if p > 0.0 {
                    m.ru_given_en.insert(pair_key(ei, ri), p);
                }
            }
        }
        m.index();
        m
    }

    /// The stems of each vocabulary by id (id 0, the empty word, is the empty string).
    fn names(&self) -> (Vec<String>, Vec<String>) {
        let name = |v: &Vocab| {
            let mut names = vec![String::new(); v.ids.len() + 1];
            for (k, &i) in &v.ids {
                names[i as usize] = k.clone();
            }
            names
        };
        (name(&self.ru), name(&self.en))
    }

    /// A model that pools `a`, trained on `na` pairs, and `b`, trained on `nb`: a stem both
    /// know gets the mean of its translation probabilities weighted by those counts; a stem
    /// only one knows keeps that model's. Used to refresh the shipped model with a memory's
    /// own pairs without losing the words the memory lacks.
    pub fn pooled(a: &LexicalModel, na: usize, b: &LexicalModel, nb: usize) -> LexicalModel {
        type Table = std::collections::BTreeMap<(String, String), f32>;
        // One direction of a model by stem strings, and the source stems it covers.
        let table = |m: &LexicalModel, fwd: bool| -> (Table, foldhash::HashSet<String>) {
            let (rn, en) = m.names();
            let (src, tgt, t) = if fwd {
                (&rn, &en, &m.en_given_ru)
            } else {
                (&en, &rn, &m.ru_given_en)
            };
            let mut out = Table::new();
            let mut covered = foldhash::HashSet::default();
            for (&k, &p) in t {
                let (f, e) = ((k >> 32) as usize, (k & 0xffff_ffff) as usize);
                out.insert((src[f].clone(), tgt[e].clone()), p);
                covered.insert(src[f].clone());
            }
            (out, covered)
        };
        let (wa, wb) = (na.max(1) as f32, nb.max(1) as f32);
        let mut m = LexicalModel::default();
        for fwd in [true, false] {
            let ((ta, ca), (tb, cb)) = (table(a, fwd), table(b, fwd));
            let mut keys: Vec<&(String, String)> = ta.keys().chain(tb.keys()).collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                let (pa, pb) = (
                    ta.get(key).copied().unwrap_or(0.0),
                    tb.get(key).copied().unwrap_or(0.0),
                );
                let p = match (ca.contains(&key.0), cb.contains(&key.0)) {
                    (true, true) => (wa * pa + wb * pb) / (wa + wb),
                    (true, false) => pa,
                    _ => pb,
                };
                if p < MIN_PROB {
                    continue;
                }
                let (r, e) = if fwd {
                    (&key.0, &key.1)
                } else {
                    (&key.1, &key.0)
                };
                let ri = if r.is_empty() { NULL } else { m.ru.intern(r) };
                let ei = if e.is_empty() { NULL } else { m.en.intern(e) };
                if fwd {
                    m.en_given_ru.insert(pair_key(ri, ei), p);
                } else {
                    m.ru_given_en.insert(pair_key(ei, ri), p);
                }
            }
        }
        m.index();
        m
    }

    /// The model as tab-separated lines (see [`LexicalModel::from_tsv`]), sorted.
    pub fn to_tsv(&self) -> String {
        let (rn, en) = self.names();
        let mut rows: std::collections::BTreeMap<(String, String), (f32, f32)> = Default::default();
        for (&k, &p) in &self.en_given_ru {
            let (r, e) = ((k >> 32) as usize, (k & 0xffff_ffff) as usize);
            rows.entry((rn[r].clone(), en[e].clone())).or_default().0 = p;
        }
        for (&k, &p) in &self.ru_given_en {
            let (e, r) = ((k >> 32) as usize, (k & 0xffff_ffff) as usize);
            rows.entry((rn[r].clone(), en[e].clone())).or_default().1 = p;
        }
        let mut out = String::from("# ru_stem\ten_stem\tp(en|ru)\tp(ru|en)\n");
        for ((r, e), (pe, pr)) in rows {
            out.push_str(&format!("{r}\t{e}\t{pe:.4}\t{pr:.4}\n"));
        }
        out
    }

    /// The shipped model (loaded once).
    pub fn shipped() -> &'static LexicalModel {
        static M: OnceLock<LexicalModel> = OnceLock::new();
        M.get_or_init(|| LexicalModel::from_tsv(SHIPPED_TSV))
    }

    /// The stem ids of a Russian text's words (`None` for a stem the model never saw).
    pub fn ru_ids(&self, words: &[&str]) -> Vec<Option<u32>> {
        self.lookup(&self.ru, words)
    }

    /// The stem ids of an English text's words.
    pub fn en_ids(&self, words: &[&str]) -> Vec<Option<u32>> {
        self.lookup(&self.en, words)
    }

    fn lookup(&self, vocab: &Vocab, words: &[&str]) -> Vec<Option<u32>> {
        let mut key = String::new();
        words
            .iter()
            .map(|w| {
                stem_key(w, &mut key);
                vocab.get(&key)
            })
            .collect()
    }

    /// `p(en | ru)`; `ru` = `None` is the empty word.
    pub fn p_en_given_ru(&self, ru: Option<u32>, en: u32) -> f32 {
        self.en_given_ru
            .get(&pair_key(ru.unwrap_or(NULL), en))
            .copied()
            .unwrap_or(0.0)
    }

    /// `p(ru | en)`; `en` = `None` is the empty word.
    pub fn p_ru_given_en(&self, en: Option<u32>, ru: u32) -> f32 {
        self.ru_given_en
            .get(&pair_key(en.unwrap_or(NULL), ru))
            .copied()
            .unwrap_or(0.0)
    }

    /// Number of (stem, stem) entries in each direction.
    pub fn len(&self) -> (usize, usize) {
        (self.en_given_ru.len(), self.ru_given_en.len())
    }

    /// Whether the model knows no pair.
    pub fn is_empty(&self) -> bool {
        self.en_given_ru.is_empty() && self.ru_given_en.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn em_learns_the_word_that_recurs_with_its_translation() {
        let pairs = [
            ("большой дом", "big house"),
            ("маленький дом", "small house"),
            ("большой город", "big city"),
            ("старый город", "old city"),
            ("старый дом", "old house"),
        ];
        let m = LexicalModel::train(pairs.iter().copied());
        let ru = m.ru_ids(&["дом", "город"]);
        let en = m.en_ids(&["house", "city", "big"]);
        let house = en[0].unwrap();
        let city = en[1].unwrap();
        assert!(m.p_en_given_ru(ru[0], house) > 0.5);
        assert!(m.p_en_given_ru(ru[0], house) > m.p_en_given_ru(ru[0], city) + 0.3);
        assert!(m.p_en_given_ru(ru[1], city) > m.p_en_given_ru(ru[1], house));
        let dom = ru[0].unwrap();
        assert!(m.p_ru_given_en(en[0], dom) > m.p_ru_given_en(en[2], dom));
    }

    #[test]
    fn likely_pairs_need_both_directions_and_skip_the_empty_word() {
        let tsv = "# ru_stem\ten_stem\tp(en|ru)\tp(ru|en)\n\
                   дом\thouse\t0.8000\t0.6000\n\
                   дом\tthe\t0.4000\t0.0100\n\
                   город\tcity\t0.2000\t0.9000\n\
                   \tthe\t0.5000\t0.5000\n\
                   bad line\n";
        assert_eq!(likely_stem_pairs(tsv, 0.3, 0.1), [("дом", "house")]);
        // The shipped model holds pairs a dictionary needs.
        let shipped = likely_stem_pairs(SHIPPED_TSV, 0.3, 0.1);
        assert!(shipped.len() > 1000, "{}", shipped.len());
    }

    #[test]
    fn the_text_form_reads_back_the_same_probabilities() {
        let pairs = [("большой дом", "big house"), ("большой город", "big city")];
        let m = LexicalModel::train(pairs.iter().copied());
        let back = LexicalModel::from_tsv(&m.to_tsv());
        let (r, e) = (back.ru_ids(&["большого"]), back.en_ids(&["big"]));
        let (r0, e0) = (m.ru_ids(&["большого"]), m.en_ids(&["big"]));
        let a = m.p_en_given_ru(r0[0], e0[0].unwrap());
        let b = back.p_en_given_ru(r[0], e[0].unwrap());
        assert!(a > 0.0 && (a - b).abs() < 1e-3, "{a} {b}");
    }

    #[test]
    fn a_pooled_model_keeps_each_side_s_words_and_weighs_shared_ones_by_pairs() {
        let a = LexicalModel::train(
            [("большой дом", "big house"), ("большой город", "big city")]
                .iter()
                .copied(),
        );
        let b = LexicalModel::train(
            [
                ("сервер упал", "server crashed"),
                ("сервер работает", "server works"),
            ]
            .iter()
            .copied(),
        );
        let p = LexicalModel::pooled(&a, 2, &b, 2);
        let ru = p.ru_ids(&["дом", "сервер"]);
        let en = p.en_ids(&["house", "server"]);
        let (pa, pb) = (a.ru_ids(&["дом"]), a.en_ids(&["house"]));
        let before = a.p_en_given_ru(pa[0], pb[0].unwrap());
        assert!((p.p_en_given_ru(ru[0], en[0].unwrap()) - before).abs() < 1e-6);
        let (sb, eb) = (b.ru_ids(&["сервер"]), b.en_ids(&["server"]));
        let before = b.p_en_given_ru(sb[0], eb[0].unwrap());
        assert!((p.p_en_given_ru(ru[1], en[1].unwrap()) - before).abs() < 1e-6);
        assert!(p.p_ru_given_en(en[1], ru[1].unwrap()) > 0.2);
        // A stem both know: the weighted mean.
        let c = LexicalModel::train([("большой кот", "big cat")].iter().copied());
        let q = LexicalModel::pooled(&a, 3, &c, 1);
        let (r, e) = (q.ru_ids(&["большой"]), q.en_ids(&["big"]));
        let (ra, ea) = (a.ru_ids(&["большой"]), a.en_ids(&["big"]));
        let (rc, ec) = (c.ru_ids(&["большой"]), c.en_ids(&["big"]));
        let want = (3.0 * a.p_en_given_ru(ra[0], ea[0].unwrap())
            + c.p_en_given_ru(rc[0], ec[0].unwrap()))
            / 4.0;
        assert!((q.p_en_given_ru(r[0], e[0].unwrap()) - want).abs() < 1e-4);
    }

    #[test]
    fn letter_runs_end_at_digits_and_marks_and_give_char_offsets() {
        let runs: Vec<_> = letter_runs("Ёлка-2 в «Доме»").into_iter().collect();
        assert_eq!(runs, vec![(0, 4, "Ёлка"), (7, 8, "в"), (10, 14, "Доме")]);
        let mut k = String::new();
        stem_key("Ёлочный", &mut k);
        assert_eq!(k, "елочн");
    }
}
