//! QA input: which units does a file or the memory give to check?
//!
//! TSV rows (numbered from 0), TMX units, XLIFF 1.2/2.0 pairs, the sentences of a text document
//! (monolingual, or mixed English/Russian paired as `ingest` pairs them) and the memory's
//! segments.

use super::{QaUnit, Side};
use crate::formats::space::Collapsed;
use crate::formats::{self, tmx, tsv, xliff};

use crate::Result;
use std::path::Path;

/// QA units from a file: TSV rows (numbered from 0), TMX units, or the sentences of a text.
pub fn units_from_file(
    file: &Path,
    src_lang: Option<&str>,
    tgt_lang: Option<&str>,
) -> Result<Vec<QaUnit>> {
    // XML files in any encoding their byte-order mark or declaration names.
    let text = formats::decode_file(file, formats::read_bytes(file)?)?;
    units_from_text(file, &text, src_lang, tgt_lang)
}

/// QA units from text read elsewhere (an upload): `name` gives the format by its extension and
/// labels errors; it is never opened.
pub fn units_from_text(
    file: &Path,
    text: &str,
    src_lang: Option<&str>,
    tgt_lang: Option<&str>,
) -> Result<Vec<QaUnit>> {
    let origin = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let units = match ext.as_str() {
        "tsv" | "tab" => {
            let table = tsv::parse(file, text, true)?;
            let (sl, tl) = match (&table.langs, src_lang, tgt_lang) {
                (_, Some(s), Some(t)) => (Some(s.to_string()), Some(t.to_string())),
                (Some((s, t)), _, _) => (Some(s.clone()), Some(t.clone())),
                _ => (src_lang.map(str::to_string), tgt_lang.map(str::to_string)),
            };
            table
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| QaUnit {
                    id: i as i64,
                    origin: origin.clone(),
                    src: Side::new(sl.as_deref(), r.src.clone()),
                    tgt: Some(Side::new(tl.as_deref(), r.tgt.clone())),
                })
                .collect()
        }
        "tmx" | "xlf" | "xliff" | "sdlxliff" | "mqxliff" => {
            // Each unit with its sides as written, where reading collapsed their layout.
            let read: Vec<(formats::Unit, [Option<Collapsed>; 2])> = if ext == "tmx" {
                tmx::parse(file, text)?
                    .into_iter()
                    .map(|u| (u, [None, None]))
                    .collect()
            } else {
                xliff::parse_document(file, text)?
                    .segments
                    .into_iter()
                    .filter(|s| s.translate && !s.header)
                    .map(|s| (s.unit, s.spaces))
                    .collect()
            };
            // A file with more languages than the pair asked for (a TMX unit in en, de, fr
            // and ru gives three pairs): only the pairs of the asked languages are checked,
            // as `tm import` stores only those. A file with none of them keeps every pair,
            // read in the asked languages.
            let asked = |code: &str, want: Option<&str>| {
                code.is_empty() || want.is_none_or(|w| formats::lang::matches(w, code))
            };
            let wanted = |(u, _): &(formats::Unit, _)| {
                asked(&u.src_lang, src_lang) && asked(&u.tgt_lang, tgt_lang)
            };
            let read = if read.iter().any(wanted) {
                read.into_iter().filter(|u| wanted(u)).collect()
            } else {
                read
            };
            read.into_iter()
                .enumerate()
                .map(|(i, (u, [src_written, tgt_written]))| QaUnit {
                    id: i as i64,
                    origin: origin.clone(),
                    src: Side::new(src_lang.or(Some(u.src_lang.as_str())), u.src)
                        .with_written(src_written),
                    tgt: Some(
                        Side::new(tgt_lang.or(Some(u.tgt_lang.as_str())), u.tgt)
                            .with_written(tgt_written),
                    ),
                })
                .collect()
        }
        _ => crate::ingest::segment_document(text)
            .into_iter()
            .enumerate()
            .map(|(i, s)| QaUnit {
                id: i as i64,
                origin: origin.clone(),
                src: Side::new(Some(&s.src_lang), s.src),
                tgt: s.tgt.map(|(l, t)| Side::new(Some(&l), t)),
            })
            .collect(),
    };
    Ok(units)
}

/// QA units from the memory, optionally only those of the named documents.
pub fn units_from_memory(
    mem: &dyn crate::memory::Store,
    docs: Option<&[String]>,
) -> Result<Vec<QaUnit>> {
    Ok(mem
        .segments()?
        .into_iter()
        .filter(|s| match (docs, &s.doc) {
            (None, _) => true,
            (Some(names), Some(d)) => names.contains(d),
            (Some(_), None) => false,
        })
        .map(|s| QaUnit {
            id: s.id,
            origin: s.doc.clone().unwrap_or_else(|| s.origin.clone()),
            src: Side::new(Some(&s.src_lang), s.src),
            tgt: match (s.tgt_lang, s.tgt) {
                (Some(l), Some(t)) => Some(Side::new(Some(&l), t)),
                _ => None,
            },
        })
        .collect())
}
