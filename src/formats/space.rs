//! White space as XML reads it under `xml:space="default"`, and the way back: a text read
//! with its layout collapsed keeps its text as written and a map from the read text's char
//! offsets to the written one's, so that findings can point into the file's text.

/// A text whose white space was collapsed on reading: the text as written and where each
/// char of the read text stands in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collapsed {
    /// The text as written (placeholders for codes, line ends as XML reads them).
    pub original: String,
    /// (read char offset, written char offset) at every point where the distance between the
    /// two changes; before the first entry they are equal.
    breaks: Vec<(usize, usize)>,
}

impl Collapsed {
    /// The written char offset of the read text's char offset `at` (an offset past the end
    /// maps past the last char kept).
    pub fn offset(&self, at: usize) -> usize {
        match self.breaks.partition_point(|&(r, _)| r <= at) {
            0 => at,
            i => {
                let (r, w) = self.breaks[i - 1];
                w + (at - r)
            }
        }
    }

    /// The written span of the read span `start..end` (char offsets): from the first char to
    /// just after the last, so white space dropped at a span's edges stays outside it.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.offset(start);
        let e = if end > start {
            self.offset(end - 1) + 1
        } else {
            s
        };
        (s, e)
    }
}

/// Under `xml:space="default"`: a run of white space with a line break reads as one space, or
/// as nothing at either end of the text; other runs stay as they are. Returns the read text
/// and, when it differs from `s`, the way back to `s`.
pub fn collapse(s: &str) -> (String, Option<Collapsed>) {
    let mut out = String::with_capacity(s.len());
    let mut out_chars = 0usize;
    let mut breaks: Vec<(usize, usize)> = Vec::new();
    // Pushes `c`, written at char offset `w`, noting where the distance changes.
    let mut push = |out: &mut String, out_chars: &mut usize, c: char, w: usize| {
        let delta = breaks.last().map_or(0, |&(r, w0)| w0 as isize - r as isize);
        if w as isize - *out_chars as isize != delta {
            breaks.push((*out_chars, w));
        }
        out.push(c);
        *out_chars += 1;
    };
    // The pending run of white space: its chars with their written offsets.
    let mut run: Vec<(char, usize)> = Vec::new();
    for (written, c) in s.chars().enumerate() {
        if c.is_whitespace() {
            run.push((c, written));
        } else {
            flush(&mut run, &mut out, &mut out_chars, false, &mut push);
            push(&mut out, &mut out_chars, c, written);
        }
    }
    flush(&mut run, &mut out, &mut out_chars, true, &mut push);
    if out == s {
        return (out, None);
    }
    (
        out,
        Some(Collapsed {
            original: s.to_string(),
            breaks,
        }),
    )
}

/// Writes a run of white space as [`collapse`] reads it, and empties it.
fn flush(
    run: &mut Vec<(char, usize)>,
    out: &mut String,
    out_chars: &mut usize,
    at_end: bool,
    push: &mut impl FnMut(&mut String, &mut usize, char, usize),
) {
    if run.iter().any(|&(c, _)| c == '\n' || c == '\r') {
        if !out.is_empty() && !at_end {
            push(out, out_chars, ' ', run[0].1);
        }
    } else {
        for &(c, w) in run.iter() {
            push(out, out_chars, c, w);
        }
    }
    run.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str, (a, b): (usize, usize)) -> String {
        s.chars().skip(a).take(b - a).collect()
    }

    #[test]
    fn text_without_line_breaks_reads_as_written() {
        assert_eq!(
            collapse("Two  spaces\there."),
            ("Two  spaces\there.".into(), None)
        );
        assert_eq!(collapse(""), (String::new(), None));
    }

    #[test]
    fn layout_collapses_and_every_read_span_maps_to_its_written_text() {
        let written = "\n            Press  the\n   <b>Start</b>\n\t button.\n        ";
        let (read, back) = collapse(written);
        assert_eq!(read, "Press  the <b>Start</b> button.");
        let back = back.expect("the text changed");
        assert_eq!(back.original, written);
        // Every word of the read text maps to the same word in the written text.
        for word in ["Press", "the", "<b>Start</b>", "button."] {
            let start = read[..read.find(word).unwrap()].chars().count();
            let span = back.span(start, start + word.chars().count());
            assert_eq!(chars(written, span), word);
        }
        // A span over a collapsed break covers the written break; the space a break reads
        // as, last in a span, stands for the break's first char.
        let start = read.find("the").unwrap();
        let end = read.find("button").unwrap();
        assert_eq!(
            chars(written, back.span(start, end - 1)),
            "the\n   <b>Start</b>"
        );
        assert_eq!(
            chars(written, back.span(start, end)),
            "the\n   <b>Start</b>\n"
        );
        // An empty span at the end lands after the last char kept.
        let n = read.chars().count();
        let (s, e) = back.span(n, n);
        assert_eq!((s, e), (written.find("button.").unwrap() + 7, s));
    }

    #[test]
    fn offsets_count_chars_not_bytes() {
        let written = "Нажмите\n    «Пуск»";
        let (read, back) = collapse(written);
        assert_eq!(read, "Нажмите «Пуск»");
        let back = back.unwrap();
        assert_eq!(chars(written, back.span(8, 14)), "«Пуск»");
    }
}
