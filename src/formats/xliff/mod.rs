//! XLIFF 1.0–2.1: reading the segments that CAT tools hand out for translation and review, and
//! filling their targets from the memory ([`fill`]).
//!
//! The version comes from the `version` attribute, else from the namespace
//! (`urn:oasis:names:tc:xliff:document:1.1` …); the encoding from the byte-order mark or the XML
//! declaration. XLIFF 1.x: `file` (`source-language`, `target-language`, `original`) →
//! `trans-unit` → `source` / `target`; a `seg-source` with `<mrk mtype="seg">` splits a unit into
//! segments, each paired with the target's `mrk` of the same `mid` (Trados SDLXLIFF, Okapi);
//! `alt-trans` (earlier proposals) is not read. XLIFF 2.x: `xliff` (`srcLang`, `trgLang`) →
//! `file` → `unit` → `segment` → `source` / `target`, the segment's id `unit-id/segment-id`
//! when a unit has several. A missing target reads as an empty one (QA reports it).
//!
//! What each segment's status is ([`State`]): the target's `state`, `approved`, SDLXLIFF's
//! `sdl:seg conf`, memoQ's `mq:status`, 2.x's segment `state`. Units with `translate="no"`
//! (also inherited from a `group`) and the gettext header unit of a file made from a PO file
//! are read but marked ([`Segment::translate`], [`Segment::header`]); [`read`] leaves them out.
//!
//! `xml:space="preserve"` keeps all white space; otherwise (the default) a run of white space
//! with a line break in it (a pretty-printer's indentation) reads as one space, or as nothing at
//! the start and end of the text. Inline codes — `g x bx ex ph bpt ept it mrk` (1.x), `pc sc ec
//! ph sm em mrk` (2.x) — become numbered placeholders as in TMX: `{1}` for a code or the start
//! of a paired one, `{/1}` for its end; the text inside `g`, `pc` and `mrk` is kept, native code
//! inside `ph`, `bpt`, `ept`, `it` is not. Each placeholder's XML is kept
//! ([`Segment::codes`]) so that a target built from the memory gets the same codes back.
//! Errors name the file, line and column.

mod fill;
mod read;

use crate::formats::space::Collapsed;
pub use fill::{fill, needs_target, to_xml, FillOptions, FillReport, Proposal};
pub use read::parse_document;

use super::Unit;
use crate::Result;
use std::path::Path;

/// How far a segment's translation has got, from the statuses CAT tools write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum State {
    /// Not translated (`new`, `needs-translation`, memoQ `NotStarted`).
    New,
    /// A draft or a translation sent back (`needs-review-*`, Trados `Draft`/`Rejected…`,
    /// memoQ `Editing`, 2.x `initial` with a target).
    Draft,
    /// Confirmed by the translator (`translated`, Trados `Translated`, memoQ
    /// `ManuallyConfirmed`).
    Translated,
    /// Approved or final (`final`, `signed-off`, `approved="yes"`, Trados `Approved…`, memoQ
    /// reviewer confirmations and `Proofread`, 2.x `reviewed`/`final`).
    Final,
}

/// Byte offsets into the file of the places a filled target goes (see [`fill`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// Just after the unit's start tag (2.x: where `mtc:matches` go).
    pub unit_open: usize,
    /// 2.x: where the unit's own `</mtc:matches>` starts, when it has matches already.
    pub matches_close: Option<usize>,
    /// Just after `</source>` (or `</seg-source>`): where a new `target` goes.
    pub after_source: usize,
    /// The whole `target` element, when the unit has one.
    pub target: Option<(usize, usize)>,
    /// 2.x: the segment's start tag (its `state` is rewritten).
    pub segment_tag: Option<(usize, usize)>,
    /// Segmented 1.x units: the `mrk` of this segment in `seg-source` (its content).
    pub mrk_source: Option<(usize, usize)>,
    /// Segmented 1.x units: the content of this segment's `mrk` in the target.
    pub mrk_target: Option<(usize, usize)>,
    /// Segmented 1.x units: the content of `seg-source`.
    pub seg_source: Option<(usize, usize)>,
    /// SDLXLIFF: this segment's `sdl:seg` start tag (its `conf` is rewritten).
    pub sdl_seg: Option<(usize, usize)>,
    /// memoQ: the unit's start tag when it carries `mq:status` (rewritten when filled).
    pub mq_unit: Option<(usize, usize)>,
}

/// One segment of an XLIFF file with what the file says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Its texts (placeholders for codes), language codes (BCP 47 case) and id.
    pub unit: Unit,
    /// Its status, when the file gives one.
    pub state: Option<State>,
    /// False for `translate="no"` units.
    pub translate: bool,
    /// The gettext header unit of a file made from a PO file.
    pub header: bool,
    /// The `original` of its `file` (1.x) or the `file`'s `original`/`id` (2.x).
    pub file: Option<String>,
    /// `{1}` → `<g id="1">` …: the XML of every placeholder of the source.
    pub codes: Vec<(String, String)>,
    /// Where its target goes.
    pub place: Place,
    /// The segmented unit it belongs to (1.x `seg-source`): its index among the file's units.
    pub group: usize,
    /// Source and target as written, when their layout was collapsed on reading
    /// (`xml:space="default"`): findings point into the written text.
    pub spaces: [Option<Collapsed>; 2],
}

impl Segment {
    /// Whether the translator or a reviewer confirmed the segment.
    pub fn confirmed(&self) -> bool {
        matches!(self.state, Some(State::Translated | State::Final))
    }
}

/// An XLIFF file read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The XLIFF version (`1.2`, `2.0` …).
    pub version: String,
    /// Its segments in file order.
    pub segments: Vec<Segment>,
}

impl Document {
    /// Whether the file is XLIFF 2.x.
    pub fn is_v2(&self) -> bool {
        self.version.starts_with('2')
    }
}

/// Reads the segments to translate of an XLIFF file in any version and encoding
/// (`translate="no"` units and gettext headers left out).
pub fn read(path: &Path) -> Result<Vec<Unit>> {
    let bytes = super::read_bytes(path)?;
    let text = super::encoding::decode_xml(path, &bytes)?;
    parse(path, &text)
}

/// Reads a whole XLIFF file with its statuses and places (see [`parse_document`]).
pub fn read_document(path: &Path) -> Result<(String, Document)> {
    let bytes = super::read_bytes(path)?;
    let text = super::encoding::decode_xml(path, &bytes)?;
    let doc = parse_document(path, &text)?;
    Ok((text, doc))
}

/// Parses XLIFF text read from `path` (the path only labels errors): the segments to
/// translate.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Unit>> {
    Ok(parse_document(path, text)?
        .segments
        .into_iter()
        .filter(|s| s.translate && !s.header)
        .map(|s| s.unit)
        .collect())
}
