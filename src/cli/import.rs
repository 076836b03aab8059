//! `tm import` of bilingual files (XLIFF, PO) and the language and status selection of every
//! import.

use crate::formats::{lang, po, tmx, xliff, Unit};
use crate::{Error, Result};
use std::path::Path;

/// Which pairs of a file to import.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Selection {
    /// Only pairs with this source language (`en` matches `en-US`, `en-US` only itself); in a
    /// TMX unit of several languages, the side paired with the others. For files that name no
    /// source language (PO), the language of their sources.
    #[arg(long)]
    pub src_lang: Option<String>,
    /// Only pairs with this target language (matched as `--src-lang`).
    #[arg(long)]
    pub tgt_lang: Option<String>,
    /// Only segments confirmed, approved or final: XLIFF and PO (not drafts, not fuzzy); TMX
    /// units whose Trados `x-ConfirmationLevel` is not `Translated` or `Approved…`.
    #[arg(long)]
    pub only_confirmed: bool,
}

impl Selection {
    /// The TMX reading options of this selection.
    pub fn tmx_options(&self) -> tmx::ReadOptions {
        tmx::ReadOptions {
            src_lang: self.src_lang.clone(),
            tgt_lang: self.tgt_lang.clone(),
            skip_invalid: false,
            only_confirmed: self.only_confirmed,
        }
    }
}

/// What an import read and left out.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// The TMX reading's own summary.
    pub tmx: Option<tmx::Summary>,
    /// Segments of a bilingual file (headers and `translate="no"` units not counted).
    pub segments: usize,
    /// Of these, without a translation.
    pub untranslated: usize,
    /// Of these, left out as not confirmed (`--only-confirmed`).
    pub unconfirmed: usize,
    /// Of these, left out for their languages.
    pub other_languages: usize,
}

/// Whether files with this extension are read as bilingual files.
pub fn is_bilingual(ext: &str) -> bool {
    matches!(ext, "xlf" | "xliff" | "sdlxliff" | "mqxliff" | "po")
}

/// Reads the pairs to import from an XLIFF or PO file: translated segments with their
/// previous and next source (`x-prev`, `x-next` props, for context matches), the document
/// name (`file` prop) and the file's language codes.
pub fn read_bilingual(path: &Path, sel: &Selection, summary: &mut Summary) -> Result<Vec<Unit>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    // (unit, confirmed) in document order, untranslated ones too (they are context).
    let mut segs: Vec<(Unit, bool)> = Vec::new();
    let doc_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if ext == "po" {
        let cat = po::read(path)?;
        let src = lang::normalize(sel.src_lang.as_deref().unwrap_or("en"));
        let Some(tgt) = cat
            .language
            .clone()
            .or_else(|| sel.tgt_lang.as_deref().map(lang::normalize))
        else {
            return Err(Error::BadInput {
                path: path.to_path_buf(),
                message: "the PO header names no Language: give --tgt-lang".into(),
            });
        };
        for m in &cat.messages {
            let pairs = m.pairs();
            if pairs.is_empty() {
                segs.push((unit(&src, &m.id, &tgt, "", &doc_name), false));
            }
            for (s, t) in pairs {
                let mut u = unit(&src, s, &tgt, t, &doc_name);
                if let Some(c) = &m.context {
                    u.props.push(("x-msgctxt".into(), c.clone()));
                }
                segs.push((u, !m.fuzzy));
            }
        }
    } else {
        let (_, doc) = xliff::read_document(path)?;
        for s in doc.segments {
            if !s.translate || s.header {
                continue;
            }
            let confirmed = s.confirmed();
            let name = s.file.clone().unwrap_or_else(|| doc_name.clone());
            let mut u = s.unit;
            if u.src_lang.is_empty() {
                u.src_lang = sel
                    .src_lang
                    .as_deref()
                    .map(lang::normalize)
                    .unwrap_or_default();
            }
            if u.tgt_lang.is_empty() {
                u.tgt_lang = sel
                    .tgt_lang
                    .as_deref()
                    .map(lang::normalize)
                    .unwrap_or_default();
            }
            if u.src_lang.is_empty() || u.tgt_lang.is_empty() {
                return Err(Error::BadInput {
                    path: path.to_path_buf(),
                    message: "the file names no source or target language: give --src-lang \
                              and --tgt-lang"
                        .into(),
                });
            }
            u.markup_from_codes(&s.codes);
            u.props.push(("file".into(), name));
            segs.push((u, confirmed));
        }
    }
    let mut out = Vec::new();
    for i in 0..segs.len() {
        summary.segments += 1;
        let (u, confirmed) = &segs[i];
        if u.tgt.trim().is_empty() {
            summary.untranslated += 1;
            continue;
        }
        let wanted = |asked: &Option<String>, code: &str| {
            asked.as_deref().is_none_or(|a| lang::matches(a, code))
        };
        if !wanted(&sel.src_lang, &u.src_lang) || !wanted(&sel.tgt_lang, &u.tgt_lang) {
            summary.other_languages += 1;
            continue;
        }
        if sel.only_confirmed && !confirmed {
            summary.unconfirmed += 1;
            continue;
        }
        let mut u = u.clone();
        // Context: the sources around it in the document, translated or not.
        let prev = segs[..i]
            .iter()
            .rev()
            .map(|(p, _)| &p.src)
            .find(|s| **s != u.src);
        let next = segs[i + 1..]
            .iter()
            .map(|(n, _)| &n.src)
            .find(|s| **s != u.src);
        if let Some(p) = prev {
            u.props.push(("x-prev".into(), p.clone()));
        }
        if let Some(n) = next {
            u.props.push(("x-next".into(), n.clone()));
        }
        out.push(u);
    }
    Ok(out)
}

fn unit(src_lang: &str, src: &str, tgt_lang: &str, tgt: &str, doc: &str) -> Unit {
    Unit {
        src_lang: src_lang.to_string(),
        src: src.to_string(),
        tgt_lang: tgt_lang.to_string(),
        tgt: tgt.to_string(),
        props: vec![("file".into(), doc.to_string())],
        ..Unit::default()
    }
}

/// Tells on standard error what the import left out.
pub fn report(summary: &Summary, with_context: usize) {
    if let Some(t) = &summary.tmx {
        if t.one_language > 0 {
            eprintln!(
                "skipped {} units with one language only (nothing to pair)",
                t.one_language
            );
        }
        if t.not_asked > 0 {
            eprintln!(
                "skipped {} units without the languages asked for",
                t.not_asked
            );
        }
        if t.invalid > 0 {
            eprintln!("skipped {} invalid units", t.invalid);
        }
        if t.unconfirmed > 0 {
            eprintln!("skipped {} units not confirmed", t.unconfirmed);
        }
        if t.pairs > t.units {
            eprintln!(
                "read {} pairs from {} units of several languages",
                t.pairs, t.units
            );
        }
    }
    if summary.segments > 0 {
        eprintln!(
            "{} segments: {} untranslated, {} not confirmed, {} in other languages left out",
            summary.segments, summary.untranslated, summary.unconfirmed, summary.other_languages
        );
    }
    if with_context > 0 {
        eprintln!("{with_context} pairs with their context (previous and next segment)");
    }
}
