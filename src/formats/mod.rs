//! Formats: how do files on disk become text and translation units, and back?
//!
//! - [`read_text_file`]: a plain-text document, validated (exists, not empty, not binary, UTF-8);
//! - [`encoding`]: which encoding an XML file is in (byte-order mark, declaration);
//! - [`lang`]: language codes in BCP 47 case, and which codes match a code asked for;
//! - [`po`]: gettext PO catalogs;
//! - [`space`]: white space as XML reads it, and the way back to the text as written;
//! - [`termbase`]: TBX v2/v3 and CSV/TSV termbases (synonyms, forbidden terms);
//! - [`tmx`]: TMX 1.1–1.4b translation memories;
//! - [`tsv`]: two-column tab-separated pairs;
//! - [`xliff`]: XLIFF 1.0–2.1 files from CAT tools;
//! - [`xmlcheck`]: the checks of tags the XML reader leaves out.

pub mod encoding;
pub mod lang;
pub mod po;
pub mod space;
pub mod termbase;
pub mod tmx;
pub mod tsv;
pub mod xliff;
pub mod xmlcheck;

use crate::{Error, Result};
use std::path::Path;

/// A translation unit as exchanged with files: two sides with their language codes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Unit {
    /// Source language code (`en`, `ru`, `en-US` …).
    pub src_lang: String,
    /// Source text.
    pub src: String,
    /// Target language code.
    pub tgt_lang: String,
    /// Target text.
    pub tgt: String,
    /// A note carried with the unit (TMX `note`).
    pub note: Option<String>,
    /// The unit's id in the file it came from (TMX `tuid`).
    pub tuid: Option<String>,
    /// Properties (TMX `prop type="…"`), in file order.
    pub props: Vec<(String, String)>,
    /// The source `seg` as XML with its inline markup, when it has any.
    pub src_markup: Option<String>,
    /// The target `seg` as XML with its inline markup, when it has any.
    pub tgt_markup: Option<String>,
}

/// The props that name the previous source segment as text, as CAT tools write them:
/// OmegaT (`prev`, `x-prev`), XTM (`x-previous-source-text`, and `x-context-pre` on import),
/// Phrase (`context_prev`).
pub const PREV_PROPS: &[&str] = &[
    "x-prev",
    "prev",
    "x-previous-source-text",
    "x-context-pre",
    "context_prev",
];

/// The props that name the next source segment (see [`PREV_PROPS`]).
pub const NEXT_PROPS: &[&str] = &[
    "x-next",
    "next",
    "x-next-source-text",
    "x-context-post",
    "context_next",
];

/// The props that name a unit's key in a file that keys its units by id (OmegaT writes `id`
/// with `file` for the alternative translations of such files).
pub const ID_PROPS: &[&str] = &["x-id", "id"];

/// The props that name the file a keyed unit comes from (see [`ID_PROPS`]).
pub const FILE_PROPS: &[&str] = &["x-file", "file"];

/// A unit's key: its id in a file that keys units by id, with the file's name (without its
/// folder, so that tools that name the file by a different path agree).
pub fn id_key(file: Option<&str>, id: &str) -> String {
    let file = file.map_or("", |f| f.rsplit(['/', '\\']).next().unwrap_or(f));
    format!("{file}\u{1f}{id}")
}

impl Unit {
    /// The key its props name ([`ID_PROPS`], [`FILE_PROPS`]; see [`id_key`]), if any.
    pub fn key(&self) -> Option<String> {
        let find = |names: &[&str]| {
            self.props
                .iter()
                .find(|(k, _)| names.iter().any(|n| k.eq_ignore_ascii_case(n)))
                .map(|(_, v)| v.as_str())
        };
        let id = find(ID_PROPS).filter(|id| !id.is_empty())?;
        Some(id_key(find(FILE_PROPS), id))
    }

    /// The previous and next source segment its props name (`x-prev`/`prev`,
    /// `x-next`/`next`, as OmegaT and `tm import` of bilingual files write them).
    pub fn context(&self) -> (Option<&str>, Option<&str>) {
        let find = |names: &[&str]| {
            self.props
                .iter()
                .find(|(k, _)| names.iter().any(|n| k.eq_ignore_ascii_case(n)))
                .map(|(_, v)| v.as_str())
        };
        (find(PREV_PROPS), find(NEXT_PROPS))
    }

    /// Gives the unit TMX inline markup for the placeholders of its texts, from the XML of each
    /// placeholder (as read from XLIFF, `{1}` → `<g id="1">`): a paired code as `bpt`/`ept`,
    /// any other as `ph`, numbered as the placeholders are. A text whose placeholders are not
    /// numbered keeps no markup (TMX numbers its codes).
    pub fn markup_from_codes(&mut self, codes: &[(String, String)]) {
        if codes.is_empty() {
            return;
        }
        self.src_markup = tmx_markup(&self.src, codes);
        self.tgt_markup = tmx_markup(&self.tgt, codes);
    }
}

fn tmx_markup(text: &str, codes: &[(String, String)]) -> Option<String> {
    use tmx::escape;
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    let mut any = false;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        let token = &rest[open..open + len + 1];
        let Some((_, xml)) = codes.iter().find(|(t, _)| t == token) else {
            out.push_str(&escape(&rest[..open + len + 1]));
            rest = &rest[open + len + 1..];
            continue;
        };
        let id = token.trim_matches(['{', '}', '/']);
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        out.push_str(&escape(&rest[..open]));
        let closing = format!("{{/{id}}}");
        let xml = escape(xml);
        if token.starts_with("{/") {
            out.push_str(&format!("<ept i=\"{id}\">{xml}</ept>"));
        } else if codes.iter().any(|(t, _)| *t == closing) {
            out.push_str(&format!("<bpt i=\"{id}\">{xml}</bpt>"));
        } else {
            out.push_str(&format!("<ph x=\"{id}\">{xml}</ph>"));
        }
        any = true;
        rest = &rest[open + len + 1..];
    }
    out.push_str(&escape(rest));
    any.then_some(out)
}

/// Reads a whole file as bytes, mapping errors to [`Error::Io`] with the path.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|cause| Error::Io {
        path: path.to_path_buf(),
        cause,
    })
}

/// Whether a file with this name is XML (TMX, XLIFF, TBX), read in the encoding it names.
pub fn is_xml_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        let e = e.to_string_lossy().to_lowercase();
        matches!(
            e.as_str(),
            "tmx" | "xlf" | "xliff" | "sdlxliff" | "mqxliff" | "tbx"
        )
    })
}

/// The text of a file's bytes: XML files ([`is_xml_name`]) in the encoding they name
/// ([`encoding::decode_xml`]), others as a UTF-8 text document ([`decode_text`]).
pub fn decode_file(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if is_xml_name(path) {
        encoding::decode_xml(path, &bytes)
    } else {
        decode_text(path, bytes)
    }
}

/// Reads a text document: it must exist, be non-empty, contain no NUL bytes and be UTF-8.
/// A leading byte-order mark is dropped and CRLF line ends become LF.
pub fn read_text_file(path: &Path) -> Result<String> {
    let bytes = read_bytes(path)?;
    decode_text(path, bytes)
}

/// Validates bytes read from `path` as a text document (see [`read_text_file`]).
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let bad = |message: String| Error::BadInput {
        path: path.to_path_buf(),
        message,
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(bad("empty file: nothing to read".into()));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let (line, col) = line_col_bytes(&bytes, pos);
        return Err(bad(format!(
            "binary file (NUL byte at line {line}, column {col}): expected UTF-8 text"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let pos = e.utf8_error().valid_up_to();
        let (line, col) = line_col_bytes(e.as_bytes(), pos);
        bad(format!(
            "invalid UTF-8 at line {line}, column {col} (byte {pos}): convert the file to UTF-8"
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

/// The parse error at byte `pos` of `text`, read from `path`: its line and column named.
pub fn parse_error_at(path: &Path, text: &str, pos: u64, message: String) -> Error {
    let (line, column) = line_col_bytes(text.as_bytes(), pos as usize);
    Error::Parse {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// The local name of an XML element or attribute name (`xlf:source` → `source`).
pub fn local_name(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_string()
}

/// 1-based line and column (in chars of the valid prefix) of byte `pos`.
pub fn line_col_bytes(bytes: &[u8], pos: usize) -> (usize, usize) {
    let prefix = &bytes[..pos.min(bytes.len())];
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_empty_binary_and_bad_utf8() {
        let p = Path::new("x.txt");
        assert!(decode_text(p, b"  \n".to_vec())
            .unwrap_err()
            .to_string()
            .contains("empty"));
        assert!(decode_text(p, b"ab\0c".to_vec())
            .unwrap_err()
            .to_string()
            .contains("binary"));
        let e = decode_text(p, b"ok\nab\xffc".to_vec())
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2, column 3"), "{e}");
    }

    #[test]
    fn strips_bom_and_crlf() {
        let t = decode_text(Path::new("x"), "\u{feff}a\r\nb".as_bytes().to_vec()).unwrap();
        assert_eq!(t, "a\nb");
    }
}
