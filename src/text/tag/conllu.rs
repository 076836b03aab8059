//! Scoring a tagger on the words of a CoNLL-U file (gold tokens): the share of words whose
//! POS tag, lemma and FEATS it gets right, measured as `data/tagger/train.py` measures them.

use super::Tagger;
use crate::text::Lang;

/// How well a tagger did on a treebank.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// Sentences scored.
    pub sentences: usize,
    /// Share of words with the right universal POS tag.
    pub upos: f64,
    /// Share of words with the right lemma (Russian: `ё` and `е` count as one letter).
    pub lemma: f64,
    /// Share of words with the right FEATS bundle.
    pub feats: f64,
    /// Seconds spent tagging (POS, lemma and FEATS, given the words).
    pub seconds: f64,
}

/// One gold word: form, POS tag, lemma, FEATS.
type Gold<'a> = (&'a str, &'a str, &'a str, &'a str);

/// The sentences of a CoNLL-U text as gold words; multiword ranges and empty nodes are left
/// out (the syntactic words are tagged), as are malformed lines.
pub fn read_conllu(text: &str) -> Vec<Vec<Gold<'_>>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 6 || f[0].contains(['-', '.']) {
            continue;
        }
        cur.push((f[1], f[3], f[2], f[5]));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn fold(s: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
    if lang == Lang::Ru && s.contains(['ё', 'Ё']) {
        s.replace('ё', "е").replace('Ё', "Е").into()
    } else {
        s.into()
    }
}

/// Tags the words of every sentence of `text` (CoNLL-U) and compares with the gold tags.
pub fn score(tagger: &Tagger, text: &str) -> Scores {
    let sents = read_conllu(text);
    let mut s = Scores {
        sentences: sents.len(),
        ..Scores::default()
    };
    let (mut upos, mut lemma, mut feats) = (0usize, 0usize, 0usize);
    let lang = tagger.lang();
    for sent in &sents {
        let words: Vec<&str> = sent.iter().map(|g| g.0).collect();
        let t0 = std::time::Instant::now();
        let tagged = tagger.tag_words(&words);
        s.seconds += t0.elapsed().as_secs_f64();
        for (g, a) in sent.iter().zip(&tagged) {
            s.words += 1;
            let gold_upos = if super::UPOS.contains(&g.1) { g.1 } else { "X" };
            upos += usize::from(a.upos == gold_upos);
            lemma += usize::from(fold(&a.lemma, lang) == fold(g.2, lang));
            feats += usize::from(a.feats == g.3);
        }
    }
    let n = s.words.max(1) as f64;
    s.upos = upos as f64 / n;
    s.lemma = lemma as f64 / n;
    s.feats = feats as f64 / n;
    s
}
