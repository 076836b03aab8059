//! Termbases: which terms name the same concept in each language, and which of them are
//! forbidden?
//!
//! - TBX v2 (`martif` → `termEntry` → `langSet` → `tig`/`ntig` → `term`) and TBX v3 / TBX-Basic
//!   (`tbx` → `conceptEntry` → `langSec` → `termSec` → `term`); a term's status comes from
//!   `termNote type="administrativeStatus"` (or `normativeAuthorization`; in TBX v3's DCT style
//!   an `administrativeStatus` element): `preferredTerm-admn-sts` is preferred,
//!   `deprecatedTerm-admn-sts`, `supersededTerm-admn-sts` and any `forbidden…` are forbidden,
//!   the rest admitted.
//! - CSV and TSV glossaries whose first row names each column's language (`en`, `ru-RU`);
//!   a column named `ru:forbidden` (or `ru-forbidden`, `ru forbidden`) holds forbidden terms of
//!   that language; columns with other names (`note`, `definition`) are left out. A cell may
//!   hold synonyms separated by `|` (or `;`), the first of a language's column preferred.
//!   Without a language row, a two-column file is `source TAB target` with the languages taken
//!   from the script (Cyrillic: `ru`, else `en`).
//!
//! Errors name the file, line and column.

use super::lang;
use crate::{Error, Result};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::path::Path;

/// How a term may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The term to use.
    Preferred,
    /// A synonym that may be used.
    Admitted,
    /// Deprecated, superseded or forbidden: a terminology error where it is used.
    Forbidden,
}

/// A term of a concept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Term {
    /// Its language (BCP 47 case).
    pub lang: String,
    /// The term.
    pub text: String,
    /// How it may be used.
    pub status: Status,
}

/// A concept: its terms in every language.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Concept {
    /// Its id in the termbase, if any.
    pub id: Option<String>,
    /// Its definition or note, if any.
    pub definition: Option<String>,
    /// Its terms in file order.
    pub terms: Vec<Term>,
}

impl Concept {
    /// The terms of a language (matched as [`lang::matches`]), preferred first, forbidden last.
    pub fn terms_in(&self, code: &str) -> Vec<&Term> {
        let mut t: Vec<&Term> = self
            .terms
            .iter()
            .filter(|t| lang::matches(code, &t.lang))
            .collect();
        t.sort_by_key(|t| t.status);
        t
    }

    /// The languages of its terms (primary subtags), in file order without repeats.
    pub fn languages(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in &self.terms {
            let p = lang::primary(&t.lang);
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }
}

/// Reads a termbase by its extension: `.tbx` (TBX v2 or v3), `.csv`, or tab-separated text.
pub fn read(path: &Path) -> Result<Vec<Concept>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = super::read_bytes(path)?;
    match ext.as_str() {
        "tbx" | "xml" => parse_tbx(path, &super::encoding::decode_xml(path, &bytes)?),
        "csv" => parse_table(path, &super::decode_text(path, bytes)?, b','),
        _ => parse_table(path, &super::decode_text(path, bytes)?, b'\t'),
    }
}

fn status_of(value: &str) -> Status {
    let v = value.trim().to_ascii_lowercase();
    if v.starts_with("preferred") {
        Status::Preferred
    } else if v.starts_with("deprecated")
        || v.starts_with("superseded")
        || v.starts_with("forbidden")
        || v.starts_with("notrecommended")
    {
        Status::Forbidden
    } else {
        Status::Admitted
    }
}

/// Parses TBX v2 or v3 text read from `path`.
pub fn parse_tbx(path: &Path, text: &str) -> Result<Vec<Concept>> {
    let err_at = |pos: u64, message: String| super::parse_error_at(path, text, pos, message);
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut concepts = Vec::new();
    let mut concept: Option<Concept> = None;
    let mut lang_stack: Vec<Option<String>> = Vec::new();
    let mut term_start: Option<usize> = None; // index of the term group's first term
    let mut reading: Option<String> = None; // what the text goes to: "term", "status", "definition"
    let mut buf = String::new();
    let mut saw_root = false;
    loop {
        let pos = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| err_at(reader.error_position(), format!("malformed XML: {e}")))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                super::xmlcheck::check_start(e).map_err(|m| err_at(pos, m))?;
                let empty = matches!(event, Event::Empty(_));
                let qname = e.name();
                let name = super::local_name(qname.as_ref());
                if !saw_root {
                    if name != "martif" && name != "tbx" {
                        return Err(err_at(
                            pos,
                            format!("root element is <{name}>, expected <martif> or <tbx>"),
                        ));
                    }
                    saw_root = true;
                }
                let mut xml_lang = None;
                let mut kind = None;
                let mut id = None;
                for a in e.attributes().flatten() {
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    match a.key.as_ref() {
                        "xml:lang" | "lang" => xml_lang = Some(lang::normalize(&v)),
                        "type" => kind = Some(v),
                        "id" => id = Some(v),
                        _ => {}
                    }
                }
                if !empty {
                    let inherited = lang_stack.last().cloned().flatten();
                    lang_stack.push(xml_lang.or(inherited));
                }
                match name.as_str() {
                    "termEntry" | "conceptEntry" => {
                        concept = Some(Concept {
                            id,
                            ..Concept::default()
                        });
                        // A term group left open in the concept before names none of these.
                        term_start = None;
                    }
                    "tig" | "ntig" | "termSec" => term_start = None,
                    "term" if concept.is_some() && !empty => {
                        reading = Some("term".into());
                        buf.clear();
                    }
                    "termNote" | "descrip"
                        if concept.is_some()
                            && matches!(
                                kind.as_deref(),
                                Some("administrativeStatus" | "normativeAuthorization")
                            )
                            && !empty =>
                    {
                        reading = Some("status".into());
                        buf.clear();
                    }
                    "administrativeStatus" if concept.is_some() && !empty => {
                        reading = Some("status".into());
                        buf.clear();
                    }
                    "descrip" | "note"
                        if concept.is_some()
                            && !empty
                            && (name == "note" || kind.as_deref() == Some("definition")) =>
                    {
                        reading = Some("definition".into());
                        buf.clear();
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let qname = e.name();
                let name = super::local_name(qname.as_ref());
                let here_lang = lang_stack.pop().flatten();
                match (name.as_str(), reading.as_deref()) {
                    ("term", Some("term")) => {
                        if let Some(c) = concept.as_mut() {
                            let Some(l) = here_lang else {
                                return Err(err_at(pos, "<term> has no language".into()));
                            };
                            let text = buf.trim().to_string();
                            if !text.is_empty() {
                                term_start.get_or_insert(c.terms.len());
                                c.terms.push(Term {
                                    lang: l,
                                    text,
                                    status: Status::Admitted,
                                });
                            }
                        }
                        reading = None;
                    }
                    (_, Some("status")) => {
                        if let (Some(c), Some(start)) = (concept.as_mut(), term_start) {
                            let s = status_of(&buf);
                            for t in c.terms.iter_mut().skip(start) {
                                t.status = s;
                            }
                        }
                        reading = None;
                    }
                    (_, Some("definition")) => {
                        if let Some(c) = concept.as_mut() {
                            if c.definition.is_none() && !buf.trim().is_empty() {
                                c.definition = Some(buf.trim().to_string());
                            }
                        }
                        reading = None;
                    }
                    _ => {}
                }
                if name == "termEntry" || name == "conceptEntry" {
                    if let Some(c) = concept.take() {
                        if !c.terms.is_empty() {
                            concepts.push(c);
                        }
                    }
                }
            }
            Event::Text(ref t) if lang_stack.is_empty() && !t.as_ref().trim().is_empty() => {
                return Err(err_at(pos, "text outside the root element".into()));
            }
            Event::Text(ref t) if reading.is_some() => buf.push_str(&t.xml10_content()),
            Event::CData(ref t) if reading.is_some() => buf.push_str(&t.xml10_content()),
            Event::GeneralRef(ref r) if reading.is_some() => {
                let name = r.xml10_content();
                match r.resolve_char_ref() {
                    Ok(Some(c)) => buf.push(c),
                    _ => match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => buf.push_str(s),
                        None => return Err(err_at(pos, format!("unknown entity &{name};"))),
                    },
                }
            }
            Event::DocType(ref t) => {
                super::xmlcheck::check_doctype(&t.xml10_content()).map_err(|m| err_at(pos, m))?
            }
            Event::PI(ref t) => {
                super::xmlcheck::check_pi(t.as_ref()).map_err(|m| err_at(pos, m))?
            }
            Event::Decl(ref d) => super::xmlcheck::check_decl(d).map_err(|m| err_at(pos, m))?,
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            message: "no <martif> or <tbx> element: not a TBX file".into(),
        });
    }
    if !lang_stack.is_empty() {
        return Err(err_at(
            text.len() as u64,
            "unexpected end of file: elements are not closed".into(),
        ));
    }
    Ok(concepts)
}

/// What a column of a glossary table holds.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    Terms(String),
    Forbidden(String),
    Note,
    Other,
}

fn column_of(header: &str) -> Column {
    let h = header.trim();
    let lower = h.to_ascii_lowercase();
    for sep in [":", "-", " "] {
        if let Some(code) = lower
            .strip_suffix("forbidden")
            .and_then(|c| c.strip_suffix(sep))
        {
            if is_code(code) {
                return Column::Forbidden(lang::normalize(code));
            }
        }
    }
    if is_code(h) {
        return Column::Terms(lang::normalize(h));
    }
    match lower.as_str() {
        "note" | "notes" | "definition" | "comment" | "description" => Column::Note,
        _ => Column::Other,
    }
}

fn is_code(s: &str) -> bool {
    let s = s.trim();
    let primary = s.split(['-', '_']).next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && s.len() <= 12
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Parses a CSV (`sep` `,`) or TSV (`\t`) glossary read from `path` (see the module comment).
pub fn parse_table(path: &Path, text: &str, sep: u8) -> Result<Vec<Concept>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .comment(if sep == b'\t' { Some(b'#') } else { None })
        .quoting(sep == b',')
        .from_reader(text.as_bytes());
    let mut columns: Option<Vec<Column>> = None;
    let mut concepts = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(n + 1, |p| p.line() as usize);
            Error::Parse {
                path: path.to_path_buf(),
                line,
                column: 1,
                message: format!("bad row: {e}"),
            }
        })?;
        let line = record.position().map_or(n + 1, |p| p.line() as usize);
        let cells: Vec<&str> = record.iter().collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if columns.is_none() {
            let header: Vec<Column> = cells.iter().map(|c| column_of(c)).collect();
            let langs = header
                .iter()
                .filter(|c| matches!(c, Column::Terms(_)))
                .count();
            if langs >= 2 {
                columns = Some(header);
                continue;
            }
            if cells.len() < 2 {
                return Err(Error::Parse {
                    path: path.to_path_buf(),
                    line,
                    column: 1,
                    message: "expected a first row of language codes (en, ru …) or \
                              `source term`, `target term` columns"
                        .into(),
                });
            }
            // No language row: source and target by their script.
            let by_script = |t: &str| {
                if t.chars().any(crate::text::is_cyrillic) {
                    "ru".to_string()
                } else {
                    "en".to_string()
                }
            };
            columns = Some(vec![
                Column::Terms(by_script(cells[0])),
                Column::Terms(by_script(cells[1])),
            ]);
        }
        let Some(cols) = columns.as_ref() else {
            continue;
        };
        let mut c = Concept::default();
        for (cell, col) in cells.iter().zip(cols) {
            let terms = cell
                .split(['|', ';'])
                .map(str::trim)
                .filter(|t| !t.is_empty());
            match col {
                Column::Terms(l) => {
                    for (i, t) in terms.enumerate() {
                        c.terms.push(Term {
                            lang: l.clone(),
                            text: t.to_string(),
                            status: if i == 0 {
                                Status::Preferred
                            } else {
                                Status::Admitted
                            },
                        });
                    }
                }
                Column::Forbidden(l) => {
                    for t in terms {
                        c.terms.push(Term {
                            lang: l.clone(),
                            text: t.to_string(),
                            status: Status::Forbidden,
                        });
                    }
                }
                Column::Note if !cell.trim().is_empty() => {
                    c.definition = Some(cell.trim().to_string())
                }
                _ => {}
            }
        }
        if c.terms.iter().any(|t| t.status != Status::Forbidden) {
            concepts.push(c);
        }
    }
    Ok(concepts)
}
