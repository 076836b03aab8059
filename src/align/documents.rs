//! Documents: how do two files become an alignment, and where does it go?
//!
//! Reads the two texts (validated like every input), splits them into sentences (or takes
//! their lines with `presplit`), aligns paragraph by paragraph when both texts have the same
//! number of paragraphs (paragraphs anchor the alignment) and as a whole otherwise, and renders
//! or stores the beads.

use super::{align_sentences, AlignConfig, Alignment, Bead};
use crate::formats::{self, tmx, Unit};
use crate::memory::{content_hash, DocOutcome, NewSegment};
use crate::text::Lang;
use crate::Result;
use std::path::Path;

/// What to align.
pub struct AlignJob<'a> {
    /// Source file.
    pub src: &'a Path,
    /// Target file.
    pub tgt: &'a Path,
    /// Source language code.
    pub src_lang: &'a str,
    /// Target language code.
    pub tgt_lang: &'a str,
    /// The files hold one sentence per line.
    pub presplit: bool,
}

/// Sentences of both sides and their alignment.
pub struct AlignedTexts {
    /// Source sentences.
    pub src: Vec<String>,
    /// Target sentences.
    pub tgt: Vec<String>,
    /// The alignment (indices into `src` and `tgt`).
    pub alignment: Alignment,
    hash: String,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON lines, one bead each.
    Jsonl,
    /// `source TAB target`.
    Tsv,
    /// TMX 1.4b.
    Tmx,
    /// hunalign ladder.
    Ladder,
}

fn paragraphs(text: &str, lang: &str) -> Vec<Vec<String>> {
    let lang = Lang::from_code(lang)
        .or_else(|| crate::text::detect_lang(text))
        .unwrap_or(Lang::En);
    text.split("\n\n")
        .map(|p| {
            crate::segment::sentences(p, lang)
                .into_iter()
                .map(|s| s.text)
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Word pairs of two Russian–English texts (either direction) that the shipped lexical
/// model holds for likely translations both ways, as (source word, target word): a
/// dictionary for the aligner's first pass.
pub fn lexicon_dictionary(
    src: &[&str],
    tgt: &[&str],
    src_lang: &str,
    tgt_lang: &str,
) -> Vec<(String, String)> {
    use crate::text::bilex::{letter_runs, likely_stem_pairs, stem_key, SHIPPED_TSV};
    use crate::text::Lang;
    use std::sync::OnceLock;
    let ru_src = match (Lang::from_code(src_lang), Lang::from_code(tgt_lang)) {
        (Some(Lang::Ru), Some(Lang::En)) => true,
        (Some(Lang::En), Some(Lang::Ru)) => false,
        _ => return Vec::new(),
    };
    // Likely both ways: a common word's many weak translations stay out.
    static PAIRS: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let pairs = PAIRS.get_or_init(|| likely_stem_pairs(SHIPPED_TSV, 0.3, 0.1));
    let distinct = |texts: &[&str]| {
        let mut w: Vec<String> = texts
            .iter()
            .flat_map(|t| letter_runs(t).into_iter().map(|(_, _, w)| w.to_lowercase()))
            .collect();
        w.sort_unstable();
        w.dedup();
        w
    };
    let (ru_words, en_words) = if ru_src {
        (distinct(src), distinct(tgt))
    } else {
        (distinct(tgt), distinct(src))
    };
    // Stem → the texts' words with that stem.
    let by_stem = |words: &[String]| {
        let mut m: foldhash::HashMap<String, Vec<usize>> = Default::default();
        let mut key = String::new();
        for (i, w) in words.iter().enumerate() {
            stem_key(w, &mut key);
            match m.get_mut(key.as_str()) {
                Some(v) => v.push(i),
                None => {
                    m.insert(key.clone(), vec![i]);
                }
            }
        }
        m
    };
    let ru_stems = by_stem(&ru_words);
    let en_stems = by_stem(&en_words);
    let mut out = Vec::new();
    for &(r, e) in pairs {
        let (Some(rw), Some(ew)) = (ru_stems.get(r), en_stems.get(e)) else {
            continue;
        };
        for &a in rw {
            for &b in ew {
                let (rw, ew) = (ru_words[a].clone(), en_words[b].clone());
                out.push(if ru_src { (rw, ew) } else { (ew, rw) });
            }
        }
    }
    out
}

/// Reads, splits and aligns the two files of `job`.
pub fn align_files(job: &AlignJob<'_>, cfg: &AlignConfig) -> Result<AlignedTexts> {
    let src_bytes = formats::read_bytes(job.src)?;
    let tgt_bytes = formats::read_bytes(job.tgt)?;
    let mut hash_input = src_bytes.clone();
    hash_input.push(0);
    hash_input.extend_from_slice(&tgt_bytes);
    let hash = content_hash(&hash_input);
    let src_text = formats::decode_text(job.src, src_bytes)?;
    let tgt_text = formats::decode_text(job.tgt, tgt_bytes)?;
    // Russian–English texts: the words the shipped lexical model pairs guide the first
    // pass, before a lexicon is learnt from the texts themselves.
    let seeded;
    let cfg = if cfg.learn_lexicon {
        let mut c = cfg.clone();
        c.dictionary.extend(lexicon_dictionary(
            &[src_text.as_str()],
            &[tgt_text.as_str()],
            job.src_lang,
            job.tgt_lang,
        ));
        seeded = c;
        &seeded
    } else {
        cfg
    };
    if job.presplit {
        let src: Vec<String> = src_text.lines().map(str::to_string).collect();
        let tgt: Vec<String> = tgt_text.lines().map(str::to_string).collect();
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let alignment = align_sentences(&s, &t, cfg);
        return Ok(AlignedTexts {
            src,
            tgt,
            alignment,
            hash,
        });
    }
    let sp = paragraphs(&src_text, job.src_lang);
    let tp = paragraphs(&tgt_text, job.tgt_lang);
    let src: Vec<String> = sp.iter().flatten().cloned().collect();
    let tgt: Vec<String> = tp.iter().flatten().cloned().collect();
    let alignment = if sp.len() == tp.len() && sp.len() > 1 {
        // Paragraphs anchor the alignment: align each pair and shift the indices.
        let mut beads = Vec::new();
        let mut low = Vec::new();
        let (mut so, mut to) = (0, 0);
        for (a, b) in sp.iter().zip(&tp) {
            let s: Vec<&str> = a.iter().map(String::as_str).collect();
            let t: Vec<&str> = b.iter().map(String::as_str).collect();
            let part = align_sentences(&s, &t, cfg);
            beads.extend(part.beads.into_iter().map(|bd| Bead {
                src: bd.src.iter().map(|i| i + so).collect(),
                tgt: bd.tgt.iter().map(|j| j + to).collect(),
                score: bd.score,
            }));
            low.extend(
                part.low_confidence
                    .into_iter()
                    .map(|(x, y)| (x.start + so..x.end + so, y.start + to..y.end + to)),
            );
            so += a.len();
            to += b.len();
        }
        Alignment {
            beads,
            low_confidence: low,
        }
    } else {
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        align_sentences(&s, &t, cfg)
    };
    Ok(AlignedTexts {
        src,
        tgt,
        alignment,
        hash,
    })
}

fn join(sentences: &[String], idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| sentences[i].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Renders the alignment in `format`.
pub fn render(a: &AlignedTexts, src_lang: &str, tgt_lang: &str, format: Format) -> String {
    let mut out = String::new();
    match format {
        Format::Jsonl => {
            for b in &a.alignment.beads {
                let row = serde_json::json!({
                    "src": b.src, "tgt": b.tgt, "score": (b.score * 1000.0).round() / 1000.0,
                    "src_text": join(&a.src, &b.src), "tgt_text": join(&a.tgt, &b.tgt),
                });
                out.push_str(&row.to_string());
                out.push('\n');
            }
        }
        Format::Tsv => {
            for b in &a.alignment.beads {
                let clean = |s: String| s.replace(['\t', '\n'], " ");
                out.push_str(&format!(
                    "{}\t{}\n",
                    clean(join(&a.src, &b.src)),
                    clean(join(&a.tgt, &b.tgt))
                ));
            }
        }
        Format::Tmx => out = tmx::write(&units(a, src_lang, tgt_lang)),
        Format::Ladder => {
            let (mut i, mut j) = (0, 0);
            for b in &a.alignment.beads {
                out.push_str(&format!("{i}\t{j}\t{:.3}\n", b.score));
                i += b.src.len();
                j += b.tgt.len();
            }
            out.push_str(&format!("{i}\t{j}\t0\n"));
        }
    }
    out
}

/// The beads with both sides, as translation units.
pub fn units(a: &AlignedTexts, src_lang: &str, tgt_lang: &str) -> Vec<Unit> {
    a.alignment
        .beads
        .iter()
        .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
        .map(|b| Unit {
            src_lang: src_lang.to_string(),
            src: join(&a.src, &b.src),
            tgt_lang: tgt_lang.to_string(),
            tgt: join(&a.tgt, &b.tgt),
            note: None,
            ..Unit::default()
        })
        .collect()
}

/// Stores the alignment in the memory as one document (one transaction): pairs for beads with
/// both sides, monolingual segments for the rest.
pub fn store(
    mem: &mut dyn crate::memory::Store,
    job: &AlignJob<'_>,
    a: &AlignedTexts,
) -> Result<DocOutcome> {
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    let doc = format!("{} ↔ {}", name(job.src), name(job.tgt));
    let segments: Vec<NewSegment> = a
        .alignment
        .beads
        .iter()
        .map(|b| match (b.src.is_empty(), b.tgt.is_empty()) {
            (false, false) => NewSegment {
                src_lang: job.src_lang.to_string(),
                src: join(&a.src, &b.src),
                tgt: Some((job.tgt_lang.to_string(), join(&a.tgt, &b.tgt))),
            },
            (false, true) => NewSegment {
                src_lang: job.src_lang.to_string(),
                src: join(&a.src, &b.src),
                tgt: None,
            },
            _ => NewSegment {
                src_lang: job.tgt_lang.to_string(),
                src: join(&a.tgt, &b.tgt),
                tgt: None,
            },
        })
        .collect();
    mem.ingest_document(&doc, &a.hash, &segments)
}

#[cfg(test)]
mod tests {
    use super::lexicon_dictionary;

    #[test]
    fn the_shipped_lexicon_pairs_the_words_of_russian_english_texts_either_way() {
        let ru = ["Правительство утвердило новый закон о налогах."];
        let en = ["The government approved a new tax law."];
        let d = lexicon_dictionary(&ru, &en, "ru", "en");
        assert!(
            d.iter()
                .any(|(r, e)| r == "правительство" && e == "government"),
            "{d:?}"
        );
        assert!(d.iter().any(|(r, e)| r == "закон" && e == "law"), "{d:?}");
        // Function words with many weak translations stay out.
        assert!(!d.iter().any(|(r, _)| r == "о"), "{d:?}");
        let back = lexicon_dictionary(&en, &ru, "en-US", "ru");
        assert!(back.iter().any(|(e, r)| e == "law" && r == "закон"));
        assert!(
            lexicon_dictionary(&["Die Regierung"], &["Le gouvernement"], "de", "fr").is_empty()
        );
    }
}
