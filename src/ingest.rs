//! Ingest: how does a plain-text document become segments in the memory?
//!
//! The document is cut into blocks (paragraphs; lines of different scripts inside a
//! paragraph become separate blocks), each block gets a language from its script, neighbouring
//! blocks in different languages that translate each other are paired ([`crate::align`]),
//! and every block is split into sentences. Paired blocks give aligned sentence pairs;
//! the rest give monolingual segments.

use crate::align::{align_sentences, pair_blocks, AlignConfig, BlockLink};
use crate::formats::read_bytes;
use crate::memory::{content_hash, DocOutcome, NewSegment};
use crate::segment::{flatten, split};
use crate::text::{detect_lang, Lang};
use crate::Result;
use std::path::{Path, PathBuf};

/// A document read and validated, ready to be stored.
#[derive(Debug, Clone)]
pub struct Document {
    /// Name under which it is stored (the file name).
    pub name: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// Content hash (identity for re-ingestion).
    pub hash: String,
    /// The segments it yields, in order.
    pub segments: Vec<NewSegment>,
}

/// A block of a document: a language and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Language of the block.
    pub lang: Lang,
    /// Its text.
    pub text: String,
}

/// Cuts `text` into language blocks: paragraphs, further cut where the script of lines changes.
/// Lines without letters join the block they are in.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for para in text.split("\n\n").flat_map(split_blank_lines) {
        let mut current: Option<Block> = None;
        for line in para.lines() {
            let lang = detect_lang(line).or(current.as_ref().map(|b| b.lang));
            match (&mut current, lang) {
                (Some(b), Some(l)) if b.lang == l => {
                    b.text.push('\n');
                    b.text.push_str(line);
                }
                (Some(b), None) => {
                    b.text.push('\n');
                    b.text.push_str(line);
                }
                (_, Some(l)) => {
                    if let Some(b) = current.take() {
                        out.push(b);
                    }
                    current = Some(Block {
                        lang: l,
                        text: line.to_string(),
                    });
                }
                (None, None) => {}
            }
        }
        if let Some(b) = current {
            if !b.text.trim().is_empty() {
                out.push(Block {
                    lang: b.lang,
                    text: b.text.trim().to_string(),
                });
            }
        }
    }
    out
}

fn split_blank_lines(para: &str) -> Vec<&str> {
    // "\n\n" splitting leaves paragraphs separated by lines of spaces together; cut those too.
    let mut parts = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for line in para.split_inclusive('\n') {
        if line.trim().is_empty() && pos > start {
            parts.push(&para[start..pos]);
            start = pos + line.len();
        }
        pos += line.len();
    }
    if start < para.len() {
        parts.push(&para[start..]);
    }
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

fn sentences_of(text: &str, lang: Lang) -> Vec<String> {
    split(text, lang)
        .into_iter()
        .map(|r| flatten(&text[r]))
        .collect()
}

/// Turns a document's text into segments (see the module docs).
pub fn segment_document(text: &str) -> Vec<NewSegment> {
    let blocks = blocks(text);
    let keyed: Vec<(&str, &str)> = blocks
        .iter()
        .map(|b| (b.lang.code(), b.text.as_str()))
        .collect();
    let mut out = Vec::new();
    for link in pair_blocks(&keyed) {
        match link {
            BlockLink::Single(i) => {
                let b = &blocks[i];
                for s in sentences_of(&b.text, b.lang) {
                    out.push(NewSegment {
                        src_lang: b.lang.code().into(),
                        src: s,
                        tgt: None,
                    });
                }
            }
            BlockLink::Pair(i, j) => {
                let (a, b) = (&blocks[i], &blocks[j]);
                let sa = sentences_of(&a.text, a.lang);
                let sb = sentences_of(&b.text, b.lang);
                let ra: Vec<&str> = sa.iter().map(String::as_str).collect();
                let rb: Vec<&str> = sb.iter().map(String::as_str).collect();
                for bead in align_sentences(&ra, &rb, &AlignConfig::default()).beads {
                    let src = join(&ra, &bead.src);
                    let tgt = join(&rb, &bead.tgt);
                    match (src.is_empty(), tgt.is_empty()) {
                        (false, false) => out.push(NewSegment {
                            src_lang: a.lang.code().into(),
                            src,
                            tgt: Some((b.lang.code().into(), tgt)),
                        }),
                        (false, true) => out.push(NewSegment {
                            src_lang: a.lang.code().into(),
                            src,
                            tgt: None,
                        }),
                        (true, false) => out.push(NewSegment {
                            src_lang: b.lang.code().into(),
                            src: tgt,
                            tgt: None,
                        }),
                        (true, true) => {}
                    }
                }
            }
        }
    }
    out
}

fn join(sentences: &[&str], idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| sentences[i])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads and segments a document file without touching the memory; errors name the file.
pub fn read_document(path: &Path) -> Result<Document> {
    let bytes = read_bytes(path)?;
    let hash = content_hash(&bytes);
    let text = crate::formats::decode_text(path, bytes)?;
    let segments = segment_document(&text);
    if segments.is_empty() {
        return Err(crate::Error::BadInput {
            path: path.to_path_buf(),
            message: "no text to ingest (no letters found)".into(),
        });
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(Document {
        name,
        path: path.to_path_buf(),
        hash,
        segments,
    })
}

/// Expands the command-line inputs: files as given, folders to their `.txt` files (sorted).
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|cause| crate::Error::Io {
                path: p.clone(),
                cause,
            })?;
            let mut files: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(crate::Error::BadInput {
                    path: p.clone(),
                    message: "folder has no .txt documents".into(),
                });
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// The result of ingesting one document.
#[derive(Debug, Clone)]
pub struct IngestReport {
    /// Document name.
    pub name: String,
    /// What the memory did with it.
    pub outcome: DocOutcome,
    /// Pairs among its segments.
    pub pairs: usize,
    /// Monolingual segments.
    pub monolingual: usize,
}

/// Reads every document first (so that a bad file stops the run before anything is written),
/// then stores each one in its own transaction.
pub fn ingest_files(
    mem: &mut dyn crate::memory::Store,
    paths: &[PathBuf],
) -> Result<Vec<IngestReport>> {
    let docs = paths
        .iter()
        .map(|p| read_document(p))
        .collect::<Result<Vec<_>>>()?;
    let mut reports = Vec::new();
    for d in docs {
        let outcome = mem.ingest_document(&d.name, &d.hash, &d.segments)?;
        let pairs = d.segments.iter().filter(|s| s.tgt.is_some()).count();
        reports.push(IngestReport {
            name: d.name,
            outcome,
            pairs,
            monolingual: d.segments.len() - pairs,
        });
    }
    Ok(reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_document_pairs_headlines_and_keeps_body_monolingual() {
        let doc = "NATO is ready to work with Russia\n\nНАТО готово работать с Россией\n\nThe body has two sentences. This is the second one.";
        let segs = segment_document(doc);
        assert_eq!(segs.len(), 3);
        assert_eq!(
            segs[0].tgt,
            Some(("ru".into(), "НАТО готово работать с Россией".into()))
        );
        assert_eq!(segs[0].src_lang, "en");
        assert!(segs[1].tgt.is_none() && segs[2].tgt.is_none());
    }

    #[test]
    fn lines_in_two_scripts_inside_one_paragraph_are_two_blocks() {
        let b = blocks("Hello world\nПривет, мир\n");
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].lang, Lang::Ru);
    }
}
