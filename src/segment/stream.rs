//! Streaming: sentences of an input of any size in bounded memory.
//!
//! Input is read in chunks; complete paragraphs (ended by a blank line) are split at once.
//! A paragraph that grows past [`MAX_BUFFER`] (a huge line, a text with no blank lines) has
//! all its sentences but the last emitted, and the last stays to be continued, so memory stays
//! bounded by the buffer, not the input.

use super::Sentence;
use crate::text::{detect_lang, Lang};
use crate::{Error, Result};
use std::io::Read;
use std::path::Path;

/// Buffered text (bytes) after which sentences are emitted before the paragraph ends.
pub const MAX_BUFFER: usize = 1 << 20;

/// Bytes read from the input at a time.
const CHUNK: usize = 1 << 16;

/// Splits everything `reader` yields, calling `emit` for each sentence in order; offsets are
/// char offsets into the whole input. `lang` `None` detects the language per paragraph.
/// `path` names the input in errors (invalid UTF-8, binary data).
pub fn split_reader<R: Read>(
    path: &Path,
    mut reader: R,
    lang: Option<Lang>,
    mut emit: impl FnMut(&Sentence) -> std::io::Result<()>,
) -> Result<()> {
    let io_err = |cause: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        cause,
    };
    // Bytes read but not yet split; they start at char `base_chars` and line `line`.
    let mut data: Vec<u8> = Vec::with_capacity(2 * CHUNK);
    let mut base_chars = 0usize;
    let mut line = 1usize;
    let mut first = true;
    let mut eof = false;
    while !eof {
        let old_len = data.len();
        data.resize(old_len + CHUNK, 0);
        let n = loop {
            match reader.read(&mut data[old_len..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(io_err(e)),
            }
        };
        data.truncate(old_len + n);
        eof = n == 0;
        if let Some(pos) = memchr::memchr(0, &data[old_len..]) {
            let (l, c) = crate::formats::line_col_bytes(&data, old_len + pos);
            return Err(Error::BadInput {
                path: path.to_path_buf(),
                message: format!(
                    "binary data (NUL byte at line {}, column {c}): expected UTF-8 text",
                    line + l - 1
                ),
            });
        }
        if first && data.len() >= 3 {
            if data.starts_with("\u{feff}".as_bytes()) {
                data.drain(..3);
                base_chars += 1;
            }
            first = false;
        }
        // Split up to the last blank line; everything at the end of the input.
        let cut = if eof {
            data.len()
        } else {
            match data.windows(2).rposition(|w| w == b"\n\n") {
                Some(p) => p + 2,
                None if data.len() > MAX_BUFFER => 0,
                None => continue,
            }
        };
        let text = if cut > 0 {
            valid_text(path, &data[..cut], line, eof || cut < data.len())?
        } else {
            // A paragraph larger than the buffer: split its valid prefix, keep the tail.
            let prefix = valid_text(path, &data, line, false)?;
            let keep = flush_keep_last(prefix, base_chars, lang, &mut emit).map_err(io_err)?;
            base_chars += prefix[..keep].chars().count();
            line += memchr::memchr_iter(b'\n', &prefix.as_bytes()[..keep]).count();
            data.drain(..keep);
            continue;
        };
        base_chars = flush(text, base_chars, lang, &mut emit).map_err(io_err)?;
        line += memchr::memchr_iter(b'\n', text.as_bytes()).count();
        data.drain(..cut);
    }
    Ok(())
}

/// `bytes` as UTF-8; `complete` says the bytes must not end inside a character. Otherwise an
/// incomplete character at the end is left out (it is completed by the next read).
fn valid_text<'a>(path: &Path, bytes: &'a [u8], line: usize, complete: bool) -> Result<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t),
        Err(e) if e.error_len().is_none() && !complete => {
            Ok(std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default())
        }
        Err(e) => {
            let (l, c) = crate::formats::line_col_bytes(bytes, e.valid_up_to());
            Err(Error::BadInput {
                path: path.to_path_buf(),
                message: format!(
                    "invalid UTF-8 at line {}, column {c}: convert the file to UTF-8",
                    line + l - 1
                ),
            })
        }
    }
}

fn lang_of(text: &str, lang: Option<Lang>) -> Lang {
    lang.or_else(|| detect_lang(text)).unwrap_or(Lang::En)
}

/// Emits every sentence of `buf`; returns the char count after it.
fn flush(
    buf: &str,
    base: usize,
    lang: Option<Lang>,
    emit: &mut impl FnMut(&Sentence) -> std::io::Result<()>,
) -> std::io::Result<usize> {
    let ranges = super::split(buf, lang_of(buf, lang));
    let (chars, bytes) = emit_ranges(buf, &ranges, base, emit)?;
    // Only the text after the last sentence is counted again.
    Ok(chars + buf[bytes..].chars().count())
}

/// Emits the sentences of `buf` at the byte `ranges` (in order), with char offsets from
/// `base`; returns the char and byte offsets where the last one ends.
fn emit_ranges(
    buf: &str,
    ranges: &[std::ops::Range<usize>],
    base: usize,
    emit: &mut impl FnMut(&Sentence) -> std::io::Result<()>,
) -> std::io::Result<(usize, usize)> {
    let mut char_pos = base;
    let mut byte_pos = 0;
    for r in ranges {
        char_pos += buf[byte_pos..r.start].chars().count();
        let len = buf[r.clone()].chars().count();
        emit(&Sentence {
            start: char_pos,
            end: char_pos + len,
            text: super::flatten(&buf[r.clone()]),
        })?;
        char_pos += len;
        byte_pos = r.end;
    }
    Ok((char_pos, byte_pos))
}

/// Emits all sentences of `buf` but the last; returns the byte offset where the kept last
/// sentence starts.
fn flush_keep_last(
    buf: &str,
    base: usize,
    lang: Option<Lang>,
    emit: &mut impl FnMut(&Sentence) -> std::io::Result<()>,
) -> std::io::Result<usize> {
    let ranges = super::split(buf, lang_of(buf, lang));
    let Some(last) = ranges.last() else {
        return Ok(buf.len());
    };
    let keep = if ranges.len() == 1 {
        // One giant sentence: cut it at the last whitespace to bound memory.
        buf.char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(buf.len(), |(p, c)| p + c.len_utf8())
    } else {
        last.start
    };
    let done = ranges.iter().take_while(|r| r.end <= keep).count();
    emit_ranges(buf, &ranges[..done], base, emit)?;
    if ranges.len() == 1 {
        let head = &buf[..keep];
        let trimmed = head.trim();
        if !trimmed.is_empty() {
            let lead = head.len() - head.trim_start().len();
            let start = base + head[..lead].chars().count();
            emit(&Sentence {
                start,
                end: start + trimmed.chars().count(),
                text: super::flatten(trimmed),
            })?;
        }
    }
    Ok(keep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(input: &[u8], lang: Option<Lang>) -> Result<Vec<Sentence>> {
        let mut out = Vec::new();
        split_reader(Path::new("in.txt"), input, lang, |s| {
            out.push(s.clone());
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn same_as_whole_text_splitting() {
        let text = "First one. Second one.\n\nПервое. Второе предложение.\n\nLast.";
        let streamed = collect(text.as_bytes(), None).unwrap();
        let texts: Vec<&str> = streamed.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "First one.",
                "Second one.",
                "Первое.",
                "Второе предложение.",
                "Last."
            ]
        );
        let chars: Vec<char> = text.chars().collect();
        for s in &streamed {
            let span: String = chars[s.start..s.end].iter().collect();
            assert_eq!(span, s.text);
        }
    }

    #[test]
    fn huge_line_is_split_in_bounded_pieces() {
        let sentence = "Это длинное предложение без конца";
        let line = vec![sentence; 60_000].join(" ");
        let out = collect(line.as_bytes(), Some(Lang::Ru)).unwrap();
        assert!(out.len() > 1);
        let joined: usize = out.iter().map(|s| s.text.len()).sum();
        assert!(joined + out.len() >= line.len() - 1);
    }

    #[test]
    fn bad_bytes_are_reported_with_line() {
        let e = collect(b"ok\nok\nbad \xff here", None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("in.txt: invalid UTF-8 at line 3"), "{e}");
        let e = collect(b"ok\n\0", None).unwrap_err().to_string();
        assert!(e.contains("binary"), "{e}");
    }
}
