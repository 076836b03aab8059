//! The features of the two perceptrons, the same strings as `features()` and
//! `feat_features()` of `data/tagger/train.py`, hashed with 64-bit FNV-1a as they are built
//! (piece by piece, with no string made), and greedy decoding.

use super::model::{Model, UPOS};

const DIGITS: &str = "0123456789";
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a of the concatenation of `parts`, continuing from state `h`.
#[inline]
pub(crate) fn fnv_from(mut h: u64, parts: &[&str]) -> u64 {
    for p in parts {
        for &b in p.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
    }
    h
}

/// 64-bit FNV-1a of the concatenation of `parts`.
#[inline]
pub(crate) fn fnv(parts: &[&str]) -> u64 {
    fnv_from(FNV_OFFSET, parts)
}

/// The last `n` chars of `s` (all of it when shorter).
#[inline]
pub(crate) fn last_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n - 1) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// The first `n` chars of `s` (all of it when shorter).
#[inline]
fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The key of a word: lower case, and for Russian `ё` → `е` (`norm()` of train.py).
pub(crate) fn key_into(out: &mut String, w: &str, russian: bool) {
    out.clear();
    if w.is_ascii() {
        out.extend(w.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    let low = w.to_lowercase();
    if russian && low.contains('ё') {
        out.extend(low.chars().map(|c| if c == 'ё' { 'е' } else { c }));
    } else {
        out.push_str(&low);
    }
}

/// The shape of a word: runs of upper (X), lower (x), ASCII digits (d) and other chars as
/// themselves, six runs at most.
fn shape_into(out: &mut String, w: &str) {
    out.clear();
    let mut runs = 0;
    let mut last = None;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if last != Some(k) {
            out.push(k);
            last = Some(k);
            runs += 1;
            if runs == 6 {
                break;
            }
        }
    }
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// What the features need of a sentence, computed once per word.
pub(crate) struct Sentence<'a> {
    words: &'a [&'a str],
    keys: Vec<String>,
    shapes: Vec<String>,
    /// Per word, its lexicon value (index into `Model::lex_values`).
    lex: Vec<Option<usize>>,
}

impl<'a> Sentence<'a> {
    pub(crate) fn new(model: &Model, words: &'a [&'a str]) -> Sentence<'a> {
        let russian = model.lang == "ru";
        let mut keys = Vec::with_capacity(words.len());
        let mut shapes = Vec::with_capacity(words.len());
        let mut lex = Vec::with_capacity(words.len());
        for w in words {
            let mut k = String::with_capacity(w.len());
            key_into(&mut k, w, russian);
            let mut s = String::with_capacity(6);
            shape_into(&mut s, w);
            lex.push(if model.has_lexicon {
                model.lexicon.get(fnv(&[&k])).map(|v| v as usize)
            } else {
                None
            });
            keys.push(k);
            shapes.push(s);
        }
        Sentence {
            words,
            keys,
            shapes,
            lex,
        }
    }

    pub(crate) fn key(&self, i: usize) -> &str {
        &self.keys[i]
    }

    fn key_or(&self, i: Option<usize>, edge: &'static str) -> &str {
        match i.filter(|&i| i < self.keys.len()) {
            Some(i) => &self.keys[i],
            None => edge,
        }
    }

    /// The lexicon tags of word `i` (`?` when unknown), or `edge` outside the sentence.
    fn lex_tags<'m>(&self, m: &'m Model, i: Option<usize>, edge: &'static str) -> &'m str {
        match i.filter(|&i| i < self.keys.len()) {
            Some(i) => self.lex[i].map_or("?", |v| m.lex_values[v].0.as_str()),
            None => edge,
        }
    }

    /// The lexicon hint of word `i` (`?` when unknown or outside the sentence).
    fn lex_hint<'m>(&self, m: &'m Model, i: Option<usize>) -> &'m str {
        match i.filter(|&i| i < self.keys.len()) {
            Some(i) => self.lex[i].map_or("?", |v| m.lex_values[v].1.as_str()),
            None => "?",
        }
    }

    /// `word_features()`: the features of word `i` by itself.
    fn word_features(&self, m: &Model, i: usize, emit: &mut impl FnMut(&[&str])) {
        let (w, l) = (self.words[i], self.keys[i].as_str());
        emit(&["w=", l]);
        emit(&["s1=", last_chars(l, 1)]);
        emit(&["s2=", last_chars(l, 2)]);
        emit(&["s3=", last_chars(l, 3)]);
        emit(&["s4=", last_chars(l, 4)]);
        emit(&["s5=", last_chars(l, 5)]);
        emit(&["p1=", first_chars(l, 1)]);
        emit(&["p2=", first_chars(l, 2)]);
        emit(&["p3=", first_chars(l, 3)]);
        emit(&["sh=", &self.shapes[i]]);
        if w.bytes().any(|b| b.is_ascii_digit()) {
            emit(&["num"]);
        }
        if w.contains('-') {
            emit(&["hyph"]);
        }
        if w != l {
            emit(&["W=", w]);
        }
        if m.has_lexicon {
            match self.lex[i] {
                Some(v) => {
                    let (tags, hint) = &m.lex_values[v];
                    emit(&["lex=", tags]);
                    if !hint.is_empty() {
                        emit(&["lexm=", hint]);
                        for (k, part) in hint.split('/').enumerate() {
                            let digit = DIGITS.get(k..k + 1).unwrap_or("?");
                            emit(&["lm", digit, "=", part]);
                        }
                    }
                }
                None => emit(&["lex=?"]),
            }
        }
    }

    /// `features()`: the POS features of word `i` after tags `p1` (just before) and `p2`.
    fn tag_features(
        &self,
        m: &Model,
        i: usize,
        p1: &str,
        p2: &str,
        emit: &mut impl FnMut(&[&str]),
    ) {
        let l = self.keys[i].as_str();
        emit(&["b"]);
        self.word_features(m, i, emit);
        emit(&["t1=", p1]);
        emit(&["t2=", p2, " ", p1]);
        emit(&["t1w=", p1, " ", l]);
        emit(&["t1s=", p1, " ", last_chars(l, 3)]);
        let prev = self.key_or(i.checked_sub(1), "<s>");
        let prev2 = self.key_or(i.checked_sub(2), "<s>");
        let next = self.key_or(Some(i + 1), "</s>");
        let next2 = self.key_or(Some(i + 2), "</s>");
        emit(&["w-1=", prev]);
        emit(&["s-1=", last_chars(prev, 3)]);
        emit(&["w+1=", next]);
        emit(&["s+1=", last_chars(next, 3)]);
        emit(&["w-2=", prev2]);
        emit(&["w+2=", next2]);
        emit(&["s+2=", last_chars(next2, 3)]);
        emit(&["ww+1=", l, " ", next]);
        emit(&["ww-1=", prev, " ", l]);
        if i > 0 && starts_upper(self.words[i]) {
            emit(&["cap"]);
        }
        if i == 0 {
            emit(&["first"]);
        }
        if m.has_lexicon {
            let a = self.lex_tags(m, Some(i), "?");
            let nl = self.lex_tags(m, Some(i + 1), "</s>");
            let pl = self.lex_tags(m, i.checked_sub(1), "<s>");
            let nl2 = self.lex_tags(m, Some(i + 2), "</s>");
            emit(&["lex+1=", nl]);
            emit(&["lex-1=", pl]);
            emit(&["lex+2=", nl2]);
            emit(&["lexc=", a, " ", nl]);
            emit(&["lext=", p1, " ", a]);
        }
    }

    /// `feat_features()` after the `u|POS|` prefix: the FEATS features of word `i` given the
    /// POS tags of the sentence.
    fn feat_features(&self, m: &Model, i: usize, tags: &[&str], emit: &mut impl FnMut(&[&str])) {
        self.word_features(m, i, emit);
        let tag = |j: Option<usize>, edge: &'static str| match j.filter(|&j| j < tags.len()) {
            Some(j) => tags[j],
            None => edge,
        };
        let prev = self.key_or(i.checked_sub(1), "<s>");
        let next = self.key_or(Some(i + 1), "</s>");
        let (pt, nt, pt2) = (
            tag(i.checked_sub(1), "<s>"),
            tag(Some(i + 1), "</s>"),
            tag(i.checked_sub(2), "<s>"),
        );
        emit(&["w-1=", prev]);
        emit(&["s-1=", last_chars(prev, 3)]);
        emit(&["w+1=", next]);
        emit(&["s+1=", last_chars(next, 3)]);
        emit(&["t-1=", pt]);
        emit(&["t+1=", nt]);
        emit(&["t-2=", pt2]);
        emit(&["tw-1=", pt, " ", last_chars(prev, 2)]);
        emit(&["tw+1=", nt, " ", last_chars(next, 2)]);
        if i > 0 && starts_upper(self.words[i]) {
            emit(&["cap"]);
        }
        if m.has_lexicon {
            emit(&["lm-1=", self.lex_hint(m, i.checked_sub(1))]);
            emit(&["lm+1=", self.lex_hint(m, Some(i + 1))]);
        }
    }
}

/// The highest-scoring candidate; ties go to the first.
#[inline]
fn argmax(scores: &[i32], candidates: impl Iterator<Item = usize>) -> Option<usize> {
    let mut best: Option<(usize, i32)> = None;
    for c in candidates {
        let s = scores[c];
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
    }
    best.map(|(c, _)| c)
}

/// Reusable buffers of the decoders.
#[derive(Default)]
struct Scratch {
    hashes: Vec<u64>,
    found: Vec<u32>,
}

/// Greedy left-to-right POS tagging: indices into [`UPOS`].
pub(crate) fn tag(m: &Model, s: &Sentence) -> Vec<u8> {
    let n = s.words.len();
    let mut out: Vec<u8> = Vec::with_capacity(n);
    let mut scores = vec![0i32; m.classes.len()];
    let mut b = Scratch::default();
    for i in 0..n {
        scores.iter_mut().for_each(|x| *x = 0);
        let name = |j: Option<usize>| j.map_or("<s>", |j: usize| UPOS[out[j] as usize]);
        let (p1, p2) = (name(i.checked_sub(1)), name(i.checked_sub(2)));
        b.hashes.clear();
        s.tag_features(m, i, p1, p2, &mut |parts| b.hashes.push(fnv(parts)));
        m.tagger.add_all(&b.hashes, &mut b.found, &mut scores);
        let c = argmax(&scores, 0..scores.len()).unwrap_or(0);
        out.push(m.classes.get(c).copied().unwrap_or(16));
    }
    out
}

/// The FEATS class of every word given its POS tag (`None`: no bundle known for the tag).
pub(crate) fn feats(m: &Model, s: &Sentence, tags: &[u8]) -> Vec<Option<u16>> {
    let names: Vec<&str> = tags.iter().map(|&t| UPOS[t as usize]).collect();
    let mut scores = vec![0i32; m.feat_classes.len()];
    let mut out = Vec::with_capacity(tags.len());
    let mut b = Scratch::default();
    for (i, &t) in tags.iter().enumerate() {
        let class = m.classes.iter().position(|&c| c == t);
        let allowed = class.map_or(&[][..], |c| &m.allowed[c][..]);
        if allowed.len() < 2 {
            out.push(allowed.first().copied());
            continue;
        }
        for &c in allowed {
            scores[c as usize] = 0;
        }
        let u = names[i];
        b.hashes.clear();
        b.hashes.push(fnv(&["u=", u]));
        let prefix = fnv(&["u|", u, "|"]);
        s.feat_features(m, i, &names, &mut |parts| {
            b.hashes.push(fnv_from(prefix, parts))
        });
        m.feats.add_all(&b.hashes, &mut b.found, &mut scores);
        out.push(argmax(&scores, allowed.iter().map(|&c| c as usize)).map(|c| c as u16));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_values() {
        assert_eq!(fnv(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(&["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv(&["foo", "bar"]), fnv(&["foobar"]));
    }

    #[test]
    fn char_slices() {
        assert_eq!(last_chars("слово", 3), "ово");
        assert_eq!(last_chars("да", 5), "да");
        assert_eq!(last_chars("</s>", 3), "/s>");
        assert_eq!(first_chars("ёжик", 2), "ёж");
        assert_eq!(first_chars("a", 3), "a");
    }

    #[test]
    fn shapes_and_keys() {
        let mut s = String::new();
        shape_into(&mut s, "McDonald's-2024");
        assert_eq!(s, "XxXx'x");
        let mut k = String::new();
        key_into(&mut k, "Ёлка", true);
        assert_eq!(k, "елка");
        key_into(&mut k, "Ёлка", false);
        assert_eq!(k, "ёлка");
    }
}
