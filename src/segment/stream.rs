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
use std::ops::Range;
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
    reader: R,
    lang: Option<Lang>,
    emit: impl FnMut(&Sentence) -> std::io::Result<()>,
) -> Result<()> {
    drive(
        path,
        reader,
        lang,
        &mut Offsets {
            emit,
            base: 0,
            bytes: 0,
            chars: 0,
        },
    )
}

/// [`split_reader`] for callers that need only each sentence's (flattened) text, such as
/// `tm split` writing one sentence per line: nothing counts chars for offsets, and a sentence
/// without a line break is lent, not copied.
pub fn split_reader_texts<R: Read>(
    path: &Path,
    reader: R,
    lang: Option<Lang>,
    emit: impl FnMut(&str) -> std::io::Result<()>,
) -> Result<()> {
    drive(path, reader, lang, &mut Texts(emit))
}

/// Where the driver hands the sentences of each piece of text it splits.
trait Sink {
    /// The sentence at the byte range `r` of `buf` (ranges come in order).
    fn sentence(&mut self, buf: &str, r: Range<usize>) -> std::io::Result<()>;
    /// The first `done` bytes of `buf` are finished with; the next `buf` starts after them.
    fn advance(&mut self, buf: &str, done: usize);
}

/// Sentences with char offsets into the whole input.
struct Offsets<F> {
    emit: F,
    /// Chars of the input before the current `buf`.
    base: usize,
    /// Byte and char offsets in the current `buf` where the last sentence ended.
    bytes: usize,
    chars: usize,
}

impl<F: FnMut(&Sentence) -> std::io::Result<()>> Sink for Offsets<F> {
    fn sentence(&mut self, buf: &str, r: Range<usize>) -> std::io::Result<()> {
        let start = self.chars + buf[self.bytes..r.start].chars().count();
        let len = buf[r.clone()].chars().count();
        self.chars = start + len;
        self.bytes = r.end;
        (self.emit)(&Sentence {
            start: self.base + start,
            end: self.base + start + len,
            text: super::flatten(&buf[r]),
        })
    }

    fn advance(&mut self, buf: &str, done: usize) {
        self.base += self.chars + buf[self.bytes..done].chars().count();
        self.bytes = 0;
        self.chars = 0;
    }
}

/// Sentence texts only.
struct Texts<F>(F);

impl<F: FnMut(&str) -> std::io::Result<()>> Sink for Texts<F> {
    fn sentence(&mut self, buf: &str, r: Range<usize>) -> std::io::Result<()> {
        (self.0)(&super::flat(&buf[r]))
    }

    fn advance(&mut self, _: &str, _: usize) {}
}

/// The reading loop: complete paragraphs are split as they arrive, a paragraph larger than
/// [`MAX_BUFFER`] in pieces.
fn drive<R: Read>(
    path: &Path,
    mut reader: R,
    lang: Option<Lang>,
    sink: &mut impl Sink,
) -> Result<()> {
    let io_err = |cause: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        cause,
    };
    // Bytes read but not yet split; they start at line `line`.
    let mut data: Vec<u8> = Vec::with_capacity(2 * CHUNK);
    let mut line = 1usize;
    let mut first = true;
    let mut eof = false;
    while !eof {
        let old_len = data.len();
        // Appends up to a chunk without zeroing the space first.
        let n = (&mut reader)
            .take(CHUNK as u64)
            .read_to_end(&mut data)
            .map_err(io_err)?;
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
                // The mark counts as a char of the input.
                sink.advance("\u{feff}", 3);
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
            let keep = flush_keep_last(prefix, lang, sink).map_err(io_err)?;
            sink.advance(prefix, keep);
            line += memchr::memchr_iter(b'\n', &prefix.as_bytes()[..keep]).count();
            data.drain(..keep);
            continue;
        };
        for r in super::split(text, lang_of(text, lang)) {
            sink.sentence(text, r).map_err(io_err)?;
        }
        sink.advance(text, text.len());
        line += memchr::memchr_iter(b'\n', text.as_bytes()).count();
        data.drain(..cut);
    }
    Ok(())
}

/// `bytes` as UTF-8; `complete` says the bytes must not end inside a character. Otherwise an
/// incomplete character at the end is left out (it is completed by the next read).
fn valid_text<'a>(path: &Path, bytes: &'a [u8], line: usize, complete: bool) -> Result<&'a str> {
    // The SIMD check is several times faster on Cyrillic; the standard one tells where the
    // input went wrong.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
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

/// Hands over all sentences of `buf` but the last; returns the byte offset where the kept
/// last sentence starts.
fn flush_keep_last(buf: &str, lang: Option<Lang>, sink: &mut impl Sink) -> std::io::Result<usize> {
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
    if ranges.len() == 1 {
        // Only the head before the cut (the whole sentence when the buffer ends in white
        // space), once.
        let head = &buf[..keep];
        let trimmed = head.trim();
        if !trimmed.is_empty() {
            let lead = head.len() - head.trim_start().len();
            sink.sentence(buf, lead..lead + trimmed.len())?;
        }
    } else {
        for r in ranges.iter().take_while(|r| r.end <= keep) {
            sink.sentence(buf, r.clone())?;
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
    fn the_text_reader_gives_the_same_texts() {
        let text = "A BOM first. Then one\nacross lines.\n\nПервое. Второе.\n\n".repeat(3);
        let input = format!("\u{feff}{text}{}", "длинное слово ".repeat(90_000));
        let mut texts = Vec::new();
        split_reader_texts(Path::new("in.txt"), input.as_bytes(), None, |s| {
            texts.push(s.to_string());
            Ok(())
        })
        .unwrap();
        let full = collect(input.as_bytes(), None).unwrap();
        assert!(full.len() > 12, "{}", full.len());
        assert_eq!(
            texts,
            full.iter().map(|s| s.text.clone()).collect::<Vec<_>>()
        );
        assert_eq!(texts[1], "Then one across lines.");
        // The long tail comes out in pieces, each word once.
        let words: usize = texts.iter().map(|t| t.matches("слово").count()).sum();
        assert_eq!(words, 90_000);
        // Offsets still count the mark and every char before a sentence.
        let chars: Vec<char> = input.chars().collect();
        for s in &full {
            let span: String = chars[s.start..s.end].iter().collect();
            assert_eq!(crate::segment::flatten(&span), s.text);
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
