//! QA: what is wrong with these segments?
//!
//! A batch of [`QaUnit`]s (from a TSV, a TMX, a text file or the memory) runs through the
//! checks; each check is one file in this folder and yields [`Finding`]s with char offsets into
//! the side it flags. Checks see the whole batch through [`Context`] (names seen in the batch,
//! the other side of the unit).

mod agreement;
mod case_consistency;
mod garbled;
pub mod input;
mod punct_rules;
mod punctuation;
mod repeated;
pub mod spelling;
mod untranslated;
mod whitespace;

use crate::text::{detect_lang, Lang};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

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
    /// A side whose language is given by a code, or detected when the code is unknown.
    pub fn new(lang_code: Option<&str>, text: impl Into<String>) -> Side {
        let text = text.into();
        let lang = lang_code
            .and_then(Lang::from_code)
            .or_else(|| detect_lang(&text));
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

/// What a check knows about the batch beyond the text it is looking at.
pub struct Context<'a> {
    /// The unit being checked.
    pub unit: &'a QaUnit,
    /// The side being checked.
    pub side: SideId,
    /// Capitalised words seen inside sentences anywhere in the batch (likely names).
    pub names: &'a HashSet<String>,
    /// Name keys (see `text::translit::name_key`) of capitalised Cyrillic words in the batch:
    /// names the batch writes in Russian letters.
    pub cyrillic_names: &'a HashSet<String>,
    /// How two-word terms are cased across the batch.
    pub spellings: &'a case_consistency::Spellings,
    /// Stems of unknown words used in several distinct segments of the batch, with the number
    /// of those segments: terms of the text rather than typos (a misspelling seldom repeats).
    pub batch_terms: &'a std::collections::HashMap<String, usize>,
}

impl Context<'_> {
    /// The other side's text, if any.
    pub fn other_text(&self) -> Option<&str> {
        match self.side {
            SideId::Src => self.unit.tgt.as_ref().map(|s| s.text.as_str()),
            SideId::Tgt => Some(self.unit.src.text.as_str()),
        }
    }

    /// Builds a finding for the char span `start..end` of `text`.
    pub fn finding(
        &self,
        info: &CheckInfo,
        text: &str,
        start: usize,
        end: usize,
        message: String,
        suggestion: Option<String>,
    ) -> Finding {
        Finding {
            segment: self.unit.id,
            side: self.side,
            check: info.id,
            severity: info.severity,
            start,
            end,
            text: text.chars().skip(start).take(end - start).collect(),
            message,
            suggestion,
        }
    }
}

/// A check's description for reports.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CheckInfo {
    /// Id used in findings.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One-sentence explanation.
    pub explanation: &'static str,
}

/// All checks this build runs.
pub const CHECKS: &[CheckInfo] = &[
    spelling::INFO,
    punctuation::INFO,
    punct_rules::INFO,
    case_consistency::INFO,
    garbled::INFO,
    agreement::INFO,
    untranslated::INFO,
    repeated::INFO,
    whitespace::INFO,
];

/// Runs every check on every side of every unit; findings come in unit, side, offset order.
pub fn check(units: &[QaUnit]) -> Vec<Finding> {
    let names = collect_names(units);
    let batch_terms = collect_terms(units, 3);
    let spellings = case_consistency::Spellings::collect(units);
    let cyrillic_names: HashSet<String> = units
        .iter()
        .flat_map(|u| std::iter::once(&u.src).chain(u.tgt.as_ref()))
        .flat_map(|s| crate::text::words(&s.text))
        .filter(|w| {
            crate::text::is_capitalized(w.text) && w.text.chars().all(crate::text::is_cyrillic)
        })
        .map(|w| crate::text::translit::name_key(w.text))
        .filter(|k| k.chars().count() >= 4)
        .collect();
    let mut out = Vec::new();
    for unit in units {
        for side_id in [SideId::Src, SideId::Tgt] {
            let Some(side) = unit.side(side_id) else {
                continue;
            };
            let ctx = Context {
                unit,
                side: side_id,
                names: &names,
                batch_terms: &batch_terms,
                spellings: &spellings,
                cyrillic_names: &cyrillic_names,
            };
            let mut found = Vec::new();
            spelling::check(&ctx, side, &mut found);
            punctuation::check(&ctx, side, &mut found);
            punct_rules::check(&ctx, side, &mut found);
            case_consistency::check(&ctx, side, &mut found);
            garbled::check(&ctx, side, &mut found);
            agreement::check(&ctx, side, &mut found);
            untranslated::check(&ctx, side, &mut found);
            repeated::check(&ctx, side, &mut found);
            whitespace::check(&ctx, side, &mut found);
            found.sort_by_key(|f| (f.start, f.end));
            out.extend(found);
        }
    }
    out
}

/// Findings counted per check, for summaries.
pub fn count_by_check(findings: &[Finding]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for f in findings {
        *m.entry(f.check).or_insert(0) += 1;
    }
    m
}

/// Stems of the unknown words that occur in at least `min_segments` distinct segments of the
/// batch (a known form with the same stem, as a misspelling often has, does not count).
fn collect_terms(
    units: &[QaUnit],
    min_segments: usize,
) -> std::collections::HashMap<String, usize> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Repeated segments count once: a typo copied with its sentence is still one typo.
    let mut texts = HashSet::new();
    for u in units {
        let mut seen = HashSet::new();
        for side in std::iter::once(&u.src).chain(u.tgt.as_ref()) {
            if !texts.insert(crate::text::normalize(&side.text)) {
                continue;
            }
            for w in crate::text::words(&side.text) {
                if w.text.chars().count() >= 4 && spelling::is_unknown(w.text) {
                    seen.insert(crate::text::stem(w.text));
                }
            }
        }
        for s in seen {
            *counts.entry(s).or_insert(0) += 1;
        }
    }
    counts.retain(|_, n| *n >= min_segments);
    counts
}

/// Capitalised words that appear after the first word of a sentence somewhere in the batch.
fn collect_names(units: &[QaUnit]) -> HashSet<String> {
    let mut names = HashSet::new();
    for u in units {
        for side in std::iter::once(&u.src).chain(u.tgt.as_ref()) {
            for w in crate::text::words(&side.text) {
                if crate::text::is_capitalized(w.text)
                    && !sentence_initial(&side.text, w.byte_start)
                {
                    names.insert(w.text.to_string());
                }
            }
        }
    }
    names
}

/// True when the word at byte `at` starts a sentence: only quotes, brackets, dashes or spaces
/// stand between it and the text start or a sentence-final mark.
pub fn sentence_initial(text: &str, at: usize) -> bool {
    for c in text[..at].chars().rev() {
        if c.is_whitespace() || "\"'“”«»„‘’([{—–-•*".contains(c) {
            continue;
        }
        return matches!(c, '.' | '!' | '?' | '…' | ':');
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn unit(text: &str) -> QaUnit {
        QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(None, text),
            tgt: None,
        }
    }

    /// The findings of check `id` on a one-segment batch of `text` in language `lang`.
    pub(crate) fn findings_of(lang: &str, text: &str, id: &str) -> Vec<Finding> {
        check(&[QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(Some(lang), text),
            tgt: None,
        }])
        .into_iter()
        .filter(|f| f.check == id)
        .collect()
    }

    #[test]
    fn clean_sentence_has_no_findings() {
        let f = check(&[unit(
            "The alliance also froze all military partnership programs.",
        )]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn sentence_start() {
        let t = "He said. “Then we left” — Rogozin";
        assert!(sentence_initial(t, 0));
        assert!(sentence_initial(t, t.find("Then").unwrap()));
        assert!(!sentence_initial(t, t.find("Rogozin").unwrap()));
    }
}
