//! Which character encoding is an XML file in, and what is its text?
//!
//! The byte-order mark decides first (UTF-8, UTF-16 LE/BE); then the byte pattern of the first
//! `<` (UTF-16 without a mark); then the `encoding` of the XML declaration (`windows-1251`,
//! `ISO-8859-1`, … through `encoding_rs`); UTF-8 otherwise. A UTF-16 label on a file whose bytes
//! are plainly one byte per character is read as UTF-8 (the label is stale, as when a tool
//! re-saved the file).

use crate::{Error, Result};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::path::Path;

/// The encoding of an XML document from its first bytes, and the length of its byte-order mark.
/// An encoding name the declaration gives but no decoder knows is an error message.
pub fn sniff(head: &[u8]) -> std::result::Result<(&'static Encoding, usize), String> {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok((UTF_8, 3));
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Ok((UTF_16LE, 2));
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Ok((UTF_16BE, 2));
    }
    // Without a mark, UTF-16 shows as a zero byte beside every ASCII character.
    let first = head
        .iter()
        .position(|&b| b != 0 && !b.is_ascii_whitespace());
    if let Some(i) = first {
        if head[i] == b'<' {
            if i > 0 && head[i - 1] == 0 {
                return Ok((UTF_16BE, 0));
            }
            if head.get(i + 1) == Some(&0) {
                return Ok((UTF_16LE, 0));
            }
        }
    }
    Ok((declared(head)?.unwrap_or(UTF_8), 0))
}

/// The encoding named by the XML declaration at the start of `head`, if any (ASCII-compatible
/// encodings only: a UTF-16 label there is stale and reads as UTF-8).
fn declared(head: &[u8]) -> std::result::Result<Option<&'static Encoding>, String> {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let rest = &head[start..];
    if !rest.starts_with(b"<?xml") {
        return Ok(None);
    }
    let end = rest
        .windows(2)
        .position(|w| w == b"?>")
        .unwrap_or(rest.len());
    let decl = String::from_utf8_lossy(&rest[..end]);
    let Some(at) = decl.find("encoding") else {
        return Ok(None);
    };
    let after = decl[at + "encoding".len()..].trim_start();
    let Some(after) = after.strip_prefix('=') else {
        return Ok(None);
    };
    let after = after.trim_start();
    let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        return Ok(None);
    };
    let label: String = after[1..].chars().take_while(|c| *c != quote).collect();
    match Encoding::for_label(label.trim().as_bytes()) {
        Some(e) if e == UTF_16LE || e == UTF_16BE => Ok(Some(UTF_8)),
        Some(e) => Ok(Some(e)),
        None => Err(format!(
            "unknown encoding \"{label}\" in the XML declaration"
        )),
    }
}

/// Decodes an XML document read from `path` to UTF-8 text (see the module comment), without its
/// byte-order mark. Bytes that are not valid in the encoding are an error naming their line and
/// column; so is an empty file.
pub fn decode_xml(path: &Path, bytes: &[u8]) -> Result<String> {
    let bad = |message: String| Error::BadInput {
        path: path.to_path_buf(),
        message,
    };
    let (enc, bom) = sniff(&bytes[..bytes.len().min(1024)]).map_err(bad)?;
    let body = &bytes[bom..];
    if enc == UTF_8 {
        let text = std::str::from_utf8(body).map_err(|e| {
            let pos = bom + e.valid_up_to();
            let (line, col) = super::line_col_bytes(bytes, pos);
            bad(format!(
                "invalid UTF-8 at line {line}, column {col} (byte {pos}): the file declares no \
                 other encoding"
            ))
        })?;
        return non_empty(path, text.to_string());
    }
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    if had_errors {
        let pos = text.find('\u{fffd}').unwrap_or(0);
        let (line, col) = super::line_col_bytes(text.as_bytes(), pos);
        return Err(bad(format!(
            "bytes that are not {} at line {line}, column {col}",
            enc.name()
        )));
    }
    non_empty(path, text.into_owned())
}

/// The document with its XML declaration naming UTF-8 (the encoding it is written in after
/// [`decode_xml`]), when it named another.
pub fn declare_utf8(text: &str) -> String {
    let Some(rest) = text.strip_prefix("<?xml") else {
        return text.to_string();
    };
    let Some(end) = rest.find("?>") else {
        return text.to_string();
    };
    let decl = &rest[..end];
    let Some(at) = decl.find("encoding") else {
        return text.to_string();
    };
    let after = &decl[at..];
    let Some(q) = after.find(['"', '\'']) else {
        return text.to_string();
    };
    let quote = &after[q..q + 1];
    let Some(len) = after[q + 1..].find(quote) else {
        return text.to_string();
    };
    let start = 5 + at + q + 1;
    format!("{}UTF-8{}", &text[..start], &text[start + len..])
}

/// Decodes a byte stream in `encoding` to UTF-8 as it is read (bounded memory); bytes that are
/// not valid in the encoding are an `InvalidData` error.
pub struct DecodingReader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    len: usize,
    done: bool,
}

impl<R: std::io::Read> DecodingReader<R> {
    /// A reader of `inner` (its byte-order mark already skipped) in `encoding`.
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        DecodingReader {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            raw: vec![0; 1 << 16],
            out: Vec::new(),
            pos: 0,
            len: 0,
            done: false,
        }
    }
}

impl<R: std::io::Read> std::io::Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use encoding_rs::DecoderResult;
        while self.pos == self.len {
            if self.done {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.raw)?;
            let last = n == 0;
            let need = self
                .decoder
                .max_utf8_buffer_length_without_replacement(n)
                .unwrap_or(n * 3 + 16);
            self.out.resize(need.max(16), 0);
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.raw[..n],
                &mut self.out,
                last,
            );
            if let DecoderResult::Malformed(..) = result {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("bytes that are not {}", self.decoder.encoding().name()),
                ));
            }
            if read < n {
                return Err(std::io::Error::other("the decoder's buffer was too small"));
            }
            self.pos = 0;
            self.len = written;
            self.done = last;
        }
        let k = buf.len().min(self.len - self.pos);
        buf[..k].copy_from_slice(&self.out[self.pos..self.pos + k]);
        self.pos += k;
        Ok(k)
    }
}

fn non_empty(path: &Path, text: String) -> Result<String> {
    if text.trim().is_empty() {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            message: "empty file: nothing to read".into(),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for u in s.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn every_utf16_form_and_legacy_declarations_decode() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>Привет</a>";
        for le in [true, false] {
            for bom in [true, false] {
                let t = decode_xml(Path::new("x"), &utf16(doc, le, bom)).unwrap();
                assert_eq!(t, doc, "le={le} bom={bom}");
            }
        }
        let cp1251 =
            b"<?xml version='1.0' encoding='windows-1251'?><a>\xcf\xf0\xe8\xe2\xe5\xf2</a>";
        assert!(decode_xml(Path::new("x"), cp1251)
            .unwrap()
            .contains("Привет"));
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9</a>";
        assert!(decode_xml(Path::new("x"), latin1).unwrap().contains("café"));
        // A stale UTF-16 label on UTF-8 bytes, and a UTF-8 mark.
        let stale = "<?xml version=\"1.0\" encoding=\"utf-16\"?><a>é</a>";
        assert_eq!(decode_xml(Path::new("x"), stale.as_bytes()).unwrap(), stale);
        let marked = [&[0xEF, 0xBB, 0xBF][..], b"<a/>"].concat();
        assert_eq!(decode_xml(Path::new("x"), &marked).unwrap(), "<a/>");
    }

    #[test]
    fn the_stream_decoder_agrees_with_the_whole_file_one() {
        use std::io::Read;
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>Привет 𝔘 мир</a>".repeat(5000);
        let bytes = utf16(&doc, false, false);
        let mut out = String::new();
        DecodingReader::new(&bytes[..], UTF_16BE)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, doc);
        let mut broken = utf16("<a>x</a>", true, false);
        broken.extend([0x00, 0xD8, 0x41, 0x00]);
        let mut out = String::new();
        assert!(DecodingReader::new(&broken[..], UTF_16LE)
            .read_to_string(&mut out)
            .is_err());
    }

    #[test]
    fn the_declaration_is_rewritten_to_utf8() {
        assert_eq!(
            declare_utf8("<?xml version=\"1.0\" encoding='UTF-16'?><a/>"),
            "<?xml version=\"1.0\" encoding='UTF-8'?><a/>"
        );
        assert_eq!(declare_utf8("<a/>"), "<a/>");
    }

    #[test]
    fn bad_bytes_unknown_labels_and_empty_files_are_errors() {
        let e = decode_xml(Path::new("b.tmx"), b"<a>\n\xff</a>")
            .unwrap_err()
            .to_string();
        assert!(e.contains("b.tmx") && e.contains("line 2, column 1"), "{e}");
        let e = decode_xml(
            Path::new("b.tmx"),
            b"<?xml version='1.0' encoding='klingon'?><a/>",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("unknown encoding"), "{e}");
        assert!(decode_xml(Path::new("b.tmx"), &utf16("  ", true, true)).is_err());
        // An unpaired surrogate is not UTF-16.
        let mut broken = utf16("<a>x</a>", true, true);
        broken.splice(8..8, [0x00, 0xD8]);
        assert!(decode_xml(Path::new("b.tmx"), &broken).is_err());
    }
}
