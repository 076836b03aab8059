//! What is checked and what is found: a unit's sides, their languages, and findings with
//! their severity.

use crate::formats::space::Collapsed;
use crate::text::{detect_lang, Lang};
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Almost certainly wrong.
    Error,
    /// Probably wrong.
    Warning,
    /// Worth a human look.
    Review,
}

impl Severity {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Review => "review",
        }
    }
}

/// Which side of a unit a finding is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SideId {
    /// The source text.
    Src,
    /// The target text.
    Tgt,
}

impl SideId {
    /// `src` or `tgt`.
    pub fn as_str(self) -> &'static str {
        match self {
            SideId::Src => "src",
            SideId::Tgt => "tgt",
        }
    }
}

/// One text of a unit with its language (detected from the script when not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// Language, if known.
    pub lang: Option<Lang>,
    /// The text.
    pub text: String,
    /// The text as the file wrote it, when reading collapsed its layout (XLIFF under
    /// `xml:space="default"`): checks read `text`, reports point into this one
    /// ([`to_written`]).
    pub written: Option<Box<Collapsed>>,
}

impl Side {
    /// A side whose language is given by a code, or detected from its letters when no code
    /// is given (none, empty, `und`, `mul`). A side in another language (`zh`, `de`) gets no
    /// language: it is not checked as English or Russian even where it quotes Latin words.
    pub fn new(lang_code: Option<&str>, text: impl Into<String>) -> Side {
        let text = text.into();
        let code = lang_code.map(str::trim).filter(|c| {
            !c.is_empty()
                && !["und", "mul", "auto"]
                    .iter()
                    .any(|u| c.eq_ignore_ascii_case(u))
        });
        let lang = match code {
            Some(code) => Lang::from_code(code),
            None => detect_lang(&text),
        };
        Side {
            lang,
            text,
            written: None,
        }
    }

    /// The side with the text its file wrote, read as `text` (see [`Side::written`]).
    pub fn with_written(mut self, written: Option<Collapsed>) -> Side {
        self.written = written.map(Box::new);
        self
    }
}

/// `message` with every `source A..B` in it (a span of the read source) given as the span
/// of the written source.
fn source_spans_written(message: &str, w: &Collapsed) -> String {
    const MARK: &str = "source ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(MARK) {
        let (head, tail) = rest.split_at(i + MARK.len());
        out.push_str(head);
        let digits = |t: &str| t.bytes().take_while(u8::is_ascii_digit).count();
        let a = digits(tail);
        let b = tail[a..].strip_prefix("..").map_or(0, digits);
        let (Ok(start), Ok(end)) = (
            tail[..a].parse::<usize>(),
            tail.get(a + 2..a + 2 + b).unwrap_or("").parse::<usize>(),
        ) else {
            rest = tail;
            continue;
        };
        let (s, e) = w.span(start, end);
        out.push_str(&format!("{s}..{e}"));
        rest = &tail[a + 2 + b..];
    }
    out.push_str(rest);
    out
}

/// Turns the findings and the quality spans of a checked batch into spans of the texts as
/// their files wrote them, and gives the units those texts: what reports show and point into
/// is then the file's own text. Units read as written are left alone.
pub fn to_written(
    units: &mut [QaUnit],
    findings: &mut [Finding],
    qualities: &mut [crate::qa::quality::PairQuality],
) {
    if units
        .iter()
        .all(|u| u.src.written.is_none() && u.tgt.as_ref().is_none_or(|t| t.written.is_none()))
    {
        return;
    }
    for f in findings.iter_mut() {
        let Some((read, w)) = units
            .get(f.unit)
            .and_then(|u| u.side(f.side))
            .and_then(|s| Some((&s.text, s.written.as_ref()?)))
        else {
            continue;
        };
        let quoted = f.end >= f.start
            && read
                .chars()
                .skip(f.start)
                .take(f.end - f.start)
                .eq(f.text.chars());
        (f.start, f.end) = w.span(f.start, f.end);
        if quoted {
            // A finding that quotes its span quotes the written text (its white space too).
            f.text = w
                .original
                .chars()
                .skip(f.start)
                .take(f.end - f.start)
                .collect();
        }
    }
    // Messages name spans of the source as `source A..B`.
    for f in findings.iter_mut() {
        if let Some(w) = units.get(f.unit).and_then(|u| u.src.written.as_ref()) {
            f.message = source_spans_written(&f.message, w);
        }
    }
    for q in qualities.iter_mut() {
        let Some(w) = units
            .get(q.unit)
            .and_then(|u| u.tgt.as_ref())
            .and_then(|t| t.written.as_ref())
        else {
            continue;
        };
        for span in &mut q.spans {
            *span = w.span(span.0, span.1);
        }
    }
    for u in units.iter_mut() {
        for side in std::iter::once(&mut u.src).chain(u.tgt.as_mut()) {
            if let Some(w) = side.written.take() {
                side.text = w.original;
            }
        }
    }
}

/// A unit to check: a source and, for pairs, a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QaUnit {
    /// Segment number shown in reports (row of a file, id in the memory).
    pub id: i64,
    /// Where the unit comes from (file or document name).
    pub origin: String,
    /// The source side.
    pub src: Side,
    /// The target side, for pairs.
    pub tgt: Option<Side>,
}

impl QaUnit {
    /// The side `id`, if present.
    pub fn side(&self, id: SideId) -> Option<&Side> {
        match id {
            SideId::Src => Some(&self.src),
            SideId::Tgt => self.tgt.as_ref(),
        }
    }
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Segment number (see [`QaUnit::id`]).
    pub segment: i64,
    /// Position of the unit in the checked batch: segment numbers repeat when the batch
    /// comes from several files. Reports find the unit by it; not serialised.
    #[serde(skip)]
    pub unit: usize,
    /// Side flagged.
    pub side: SideId,
    /// Check id.
    pub check: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Char offset of the flagged span in that side's text.
    pub start: usize,
    /// Char offset one past the span.
    pub end: usize,
    /// The flagged span.
    pub text: String,
    /// What is wrong, for people.
    pub message: String,
    /// A proposed replacement for the span, if there is one.
    pub suggestion: Option<String>,
}
