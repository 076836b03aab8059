//! What is checked and what is found: a unit's sides, their languages, and findings with
//! their severity.

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
        Side { lang, text }
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
