//! What a check sees: the side it looks at, read once (codes, prose words, dictionary
//! answers, tags), the other side, the batch and the profile.

use super::{spelling, Batch, Finding, Profile, QaUnit, Severity, Side, SideId};
use crate::text::markup::View;
use crate::text::{Lang, Word};
use serde::Serialize;

/// What a check knows about the batch beyond the text it is looking at.
pub struct Context<'a> {
    /// The unit being checked.
    pub unit: &'a QaUnit,
    /// Its position in the batch.
    pub index: usize,
    /// The side being checked.
    pub side: SideId,
    /// The side being checked read for its prose: codes (placeholders, markup, URLs,
    /// options, identifiers), the text with them masked, the prose words.
    pub view: &'a View<'a>,
    /// The other side's view, for pairs.
    pub other_view: Option<&'a View<'a>>,
    /// The prose words of the side being checked (`view.words`): words inside code are not
    /// among them.
    pub words: &'a [Word<'a>],
    /// The prose words of the other side (empty for monolingual units).
    pub other_words: &'a [Word<'a>],
    /// How the dictionaries know each of `words`, asked once for all checks of the side.
    pub(super) knowledge: std::cell::OnceCell<Vec<spelling::Known>>,
    /// The side's sentences tagged, once for all the checks that read them.
    pub(super) tagged: std::cell::OnceCell<Vec<Vec<crate::text::tag::Token>>>,
    /// What the batch as a whole says (names, term casing, repeated unknown words, length
    /// ratio).
    pub batch: &'a Batch,
    /// The profile: options, severities, the user's words and glossary.
    pub profile: &'a Profile,
}

impl Context<'_> {
    /// The other side's text, if any.
    pub fn other_text(&self) -> Option<&str> {
        self.other_side().map(|s| s.text.as_str())
    }

    /// The other side of the unit, if any.
    pub fn other_side(&self) -> Option<&Side> {
        match self.side {
            SideId::Src => self.unit.tgt.as_ref(),
            SideId::Tgt => Some(&self.unit.src),
        }
    }

    /// How the dictionaries of its script know the `i`-th prose word of this side (words of
    /// mixed or other scripts count as known: they are not checked).
    pub(crate) fn knowledge(&self, i: usize) -> spelling::Known {
        self.knowledge
            .get_or_init(|| {
                self.words
                    .iter()
                    .map(|w| spelling::knowledge_of(w.text))
                    .collect()
            })
            .get(i)
            .copied()
            .unwrap_or(spelling::Known::Written)
    }

    /// The side's sentences, tagged (parts of speech, lemmas, features), computed once.
    pub(crate) fn tagged(&self, lang: Lang) -> &[Vec<crate::text::tag::Token>] {
        self.tagged.get_or_init(|| {
            let text = self.view.text;
            crate::text::tag::Tagger::for_lang(lang).tag_text(text)
        })
    }

    /// True when this side is the target of a pair with a non-empty source: the side that
    /// mismatch checks report on (the side the translator edits).
    pub fn is_target_of_pair(&self) -> bool {
        self.side == SideId::Tgt && !self.unit.src.text.trim().is_empty()
    }

    /// A finding on the whole side (its text without the spaces around it), for what the
    /// side as a whole lacks: a dropped negation, clause, date or number.
    pub fn whole_side_finding(&self, info: &CheckInfo, text: &str, message: String) -> Finding {
        let (lead, end) = super::trimmed_span(text);
        self.finding(info, text, lead, end, message, None)
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
            unit: self.index,
            side: self.side,
            check: info.id,
            severity: self.profile.severity(info),
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
