//! Filling an XLIFF file's empty targets with proposals (pretranslation), the rest of the file
//! kept byte for byte.
//!
//! XLIFF 1.x: the best proposal becomes the `target` with `state="needs-review-translation"` and
//! `state-qualifier="leveraged-tm"` (`state="translated"` for 100/101 % with
//! [`FillOptions::confirm_exact`]), every proposal an `<alt-trans match-quality="…"
//! origin="tm">` after it; a segmented unit (`seg-source`) gets its proposals in the target's
//! `mrk` of the segment, and alternatives with the segment's `mid`. XLIFF 2.x: the target goes
//! into the `segment` with `state="initial"` (`translated` for confirmed exact matches), the
//! proposals into the unit's `<mtc:matches>`. Placeholders of the proposal that the source has
//! get the source's inline XML back; a proposal whose codes would not nest is written as text.

use super::{Document, Segment};
use crate::formats::tmx::escape;
use crate::Result;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A translation proposed for a segment (from the memory).
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// Match %, 0–101.
    pub score: u32,
    /// The stored source that matched.
    pub source: String,
    /// The proposed target (placeholders as `{1}`).
    pub target: String,
}

/// How to fill.
#[derive(Debug, Clone, Copy)]
pub struct FillOptions {
    /// 100 and 101 % matches are written as translated, not as needing review.
    pub confirm_exact: bool,
}

/// What was filled.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FillReport {
    /// Segments to translate with an empty target.
    pub empty: usize,
    /// Of these, filled from a proposal.
    pub filled: usize,
    /// Of these, written as translated (exact matches with `confirm_exact`).
    pub confirmed: usize,
}

/// The segments [`fill`] would fill: to translate, not a header, with an empty target.
pub fn needs_target(s: &Segment) -> bool {
    s.translate && !s.header && s.unit.tgt.trim().is_empty()
}

/// Fills the empty targets of `doc` (read from `text`) with the proposals `propose` gives each
/// (best first; none leaves the segment as it is). Returns the new file.
pub fn fill(
    text: &str,
    doc: &Document,
    opts: FillOptions,
    mut propose: impl FnMut(usize, &Segment) -> Result<Vec<Proposal>>,
) -> Result<(String, FillReport)> {
    let mut report = FillReport::default();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    // 2.x: the matches of each unit (by where its start tag ends), one element per unit.
    let mut unit_matches: BTreeMap<usize, (Option<usize>, String)> = BTreeMap::new();
    // 1.x segmented units without a target: the content of each of their segments.
    let mut built: BTreeMap<usize, Vec<(usize, usize, String)>> = BTreeMap::new();
    let mut built_alts: BTreeMap<usize, String> = BTreeMap::new();
    let tgt_lang = |s: &Segment| s.unit.tgt_lang.clone();
    for (i, seg) in doc.segments.iter().enumerate() {
        if !needs_target(seg) {
            continue;
        }
        report.empty += 1;
        let proposals = propose(i, seg)?;
        let Some(best) = proposals.first() else {
            continue;
        };
        report.filled += 1;
        let exact = opts.confirm_exact && best.score >= 100;
        if exact {
            report.confirmed += 1;
        }
        let content = to_xml(&best.target, &seg.codes);
        // SDLXLIFF: the segment's confirmation level and where its text came from.
        let sdl_edit = seg.place.sdl_seg.map(|(s, e)| {
            let conf = if exact { "Translated" } else { "Draft" };
            let percent = best.score.min(100).to_string();
            let tag = rewrite_tag(
                &text[s..e],
                &["conf", "origin", "percent"],
                &[("conf", conf), ("origin", "tm"), ("percent", &percent)],
            );
            (s, e, tag)
        });
        let lang_attr = match tgt_lang(seg) {
            l if l.is_empty() => String::new(),
            l => format!(" xml:lang=\"{}\"", escape(&l)),
        };
        if doc.is_v2() {
            fill_v2(
                text,
                (i, seg),
                &content,
                exact,
                &proposals,
                &mut edits,
                &mut unit_matches,
            );
            continue;
        }
        let mut alts = String::new();
        for p in &proposals {
            let mid = match (&seg.place.mrk_source, &seg.unit.tuid) {
                (Some(_), Some(id)) => id
                    .rsplit('/')
                    .next()
                    .map(|m| format!(" mid=\"{}\"", escape(m)))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            let _ = write!(
                alts,
                "<alt-trans match-quality=\"{}\" origin=\"tm\"{mid}><source>{}</source>\
                 <target{lang_attr}>{}</target></alt-trans>",
                p.score.min(101),
                escape(&p.source),
                escape(&p.target)
            );
        }
        let state = if exact {
            " state=\"translated\"".to_string()
        } else {
            " state=\"needs-review-translation\" state-qualifier=\"leveraged-tm\"".to_string()
        };
        match (
            &seg.place.mrk_source,
            &seg.place.mrk_target,
            &seg.place.target,
        ) {
            (Some(_), Some((s, e)), Some((_, tgt_end))) => {
                let tag = &text[*s..*e];
                match empty_segment_tag(tag) {
                    // `<mrk mtype="seg" mid="3"/>`: the element is written out with its content.
                    Some(open) => {
                        edits.push((*s, *e, format!("{open}>{content}</{}>", tag_name(tag))))
                    }
                    // The segment's text is empty: what its `mrk` holds is markup (Trados'
                    // location markers), kept before the new text.
                    None => edits.push((*e, *e, content)),
                }
                edits.push((*tgt_end, *tgt_end, alts));
                edits.extend(sdl_edit);
            }
            (Some(range), None, None) => {
                edits.extend(sdl_edit);
                built
                    .entry(seg.group)
                    .or_default()
                    .push((range.0, range.1, content));
                built_alts.entry(seg.group).or_default().push_str(&alts);
            }
            (Some(_), _, _) => {} // a target without this segment's mrk: left alone
            (None, _, Some((s, e))) => {
                let new = format!("<target{lang_attr}{state}>{content}</target>{alts}");
                edits.push((*s, *e, new));
                edits.extend(memoq_edit(text, seg, exact));
            }
            (None, _, None) => {
                let at = seg.place.after_source;
                let new = format!("<target{lang_attr}{state}>{content}</target>{alts}");
                edits.push((at, at, new));
                edits.extend(memoq_edit(text, seg, exact));
            }
        }
    }
    // Segmented units without a target: the seg-source with the filled segments' content.
    for (group, fills) in built {
        let Some(first) = doc.segments.iter().find(|s| s.group == group) else {
            continue;
        };
        let Some((start, end)) = first.place.seg_source else {
            continue;
        };
        let mut content = String::new();
        let mut at = start;
        let mut ranges: Vec<(usize, usize, Option<&str>)> = doc
            .segments
            .iter()
            .filter(|s| s.group == group)
            .filter_map(|s| s.place.mrk_source.map(|(a, b)| (a, b, None)))
            .collect();
        for r in ranges.iter_mut() {
            r.2 = fills
                .iter()
                .find(|f| f.0 == r.0)
                .map(|f| f.2.as_str())
                .or(Some(""));
        }
        for (a, b, fill) in ranges {
            content.push_str(text.get(at..a).unwrap_or(""));
            content.push_str(fill.unwrap_or(""));
            at = b.max(at);
        }
        content.push_str(text.get(at..end).unwrap_or(""));
        let lang = match first.unit.tgt_lang.as_str() {
            "" => String::new(),
            l => format!(" xml:lang=\"{}\"", escape(l)),
        };
        let alts = built_alts.remove(&group).unwrap_or_default();
        let pos = first.place.after_source;
        edits.push((pos, pos, format!("<target{lang}>{content}</target>{alts}")));
    }
    for (pos, (close, matches)) in unit_matches {
        match close {
            // The unit has matches already: ours join them (one element per unit), each with
            // the namespace declared, whatever prefix the file gave it.
            Some(close) => edits.push((
                close,
                close,
                matches.replace(
                    "<mtc:match ",
                    "<mtc:match xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\" ",
                ),
            )),
            None => edits.push((
                pos,
                pos,
                format!(
                    "<mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\">{matches}\
                     </mtc:matches>"
                ),
            )),
        }
    }
    edits.sort_by_key(|e| (e.0, e.1));
    let mut out = String::with_capacity(text.len() + edits.len() * 128);
    let mut at = 0usize;
    for (s, e, new) in edits {
        if s < at || s > text.len() {
            continue; // overlapping edits cannot happen; never write one twice
        }
        out.push_str(&text[at..s]);
        out.push_str(&new);
        at = e;
    }
    out.push_str(&text[at..]);
    Ok((out, report))
}

fn fill_v2(
    text: &str,
    (index, seg): (usize, &Segment),
    content: &str,
    exact: bool,
    proposals: &[Proposal],
    edits: &mut Vec<(usize, usize, String)>,
    unit_matches: &mut BTreeMap<usize, (Option<usize>, String)>,
) {
    // The segment's start tag, with its state (and an id for the matches to refer to).
    let mut ref_id = seg
        .unit
        .tuid
        .as_deref()
        .and_then(|t| t.rsplit('/').next())
        .unwrap_or("s")
        .to_string();
    if let Some((s, e)) = seg.place.segment_tag {
        let (tag, id) = segment_tag(&text[s..e], index, exact);
        ref_id = id;
        edits.push((s, e, tag));
    }
    let new = format!("<target>{content}</target>");
    match seg.place.target {
        Some((s, e)) => edits.push((s, e, new)),
        None => edits.push((seg.place.after_source, seg.place.after_source, new)),
    }
    let entry = unit_matches
        .entry(seg.place.unit_open)
        .or_insert_with(|| (seg.place.matches_close, String::new()));
    for p in proposals {
        let _ = write!(
            entry.1,
            "<mtc:match ref=\"#{}\" matchQuality=\"{}.0\" origin=\"tm\"><source>{}</source>\
             <target>{}</target></mtc:match>",
            escape(&ref_id),
            p.score.min(100),
            escape(&p.source),
            escape(&p.target)
        );
    }
}

/// A 2.x segment start tag with its new state, its other attributes kept; and its id (one is
/// given, `fill-N`, to a segment that had none, for the matches to refer to).
fn segment_tag(original: &str, index: usize, exact: bool) -> (String, String) {
    let state = if exact { "translated" } else { "initial" };
    match tag_attr(original, "id") {
        Some(id) => (
            rewrite_tag(original, &["state", "subState"], &[("state", state)]),
            id,
        ),
        None => {
            let id = format!("fill-{index}");
            let tag = rewrite_tag(
                original,
                &["state", "subState"],
                &[("id", &id), ("state", state)],
            );
            (tag, id)
        }
    }
}

/// The value of an attribute of a start tag, as written.
fn tag_attr(tag: &str, key: &str) -> Option<String> {
    let mut r = quick_xml::Reader::from_str(tag);
    match r.read_event() {
        Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => e
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

/// A start (or empty) tag with the attributes `drop` left out and `add` appended (values
/// escaped), the others kept as written.
/// memoQ: the unit's status after filling (`Pretranslated`, or `Confirmed` for an exact
/// match written as translated), so that memoQ shows where the text came from.
fn memoq_edit(text: &str, seg: &Segment, exact: bool) -> Option<(usize, usize, String)> {
    let (s, e) = seg.place.mq_unit?;
    let status = if exact { "Confirmed" } else { "Pretranslated" };
    let tag = rewrite_tag(&text[s..e], &["mq:status"], &[("mq:status", status)]);
    Some((s, e, tag))
}

fn rewrite_tag(original: &str, drop: &[&str], add: &[(&str, &str)]) -> String {
    let mut r = quick_xml::Reader::from_str(original);
    let (e, empty) = match r.read_event() {
        Ok(quick_xml::events::Event::Start(e)) => (e, false),
        Ok(quick_xml::events::Event::Empty(e)) => (e, true),
        _ => return original.to_string(),
    };
    let mut out = format!("<{}", e.name().as_ref());
    for a in e.attributes().flatten() {
        let key = a.key.as_ref().to_string();
        if drop.contains(&key.as_str()) {
            continue;
        }
        let _ = write!(out, " {key}=\"{}\"", a.value.replace('"', "&quot;"));
    }
    for (k, v) in add {
        let _ = write!(out, " {k}=\"{}\"", escape(v));
    }
    out.push_str(if empty { "/>" } else { ">" });
    out
}

/// `<mrk mtype="seg" …/>` (one empty segment element, nothing else): its start without `/>`.
fn empty_segment_tag(tag: &str) -> Option<&str> {
    let mut r = quick_xml::Reader::from_str(tag);
    let is_seg = match r.read_event() {
        Ok(quick_xml::events::Event::Empty(e)) => {
            e.local_name().as_ref() == "mrk"
                && e.attributes()
                    .flatten()
                    .any(|a| a.key.as_ref() == "mtype" && a.value.as_ref() == "seg")
        }
        _ => false,
    };
    let alone = matches!(r.read_event(), Ok(quick_xml::events::Event::Eof));
    (is_seg && alone)
        .then(|| tag.strip_suffix("/>"))
        .flatten()
        .map(str::trim_end)
}

/// The element name of a start tag (`<mrk …` → `mrk`).
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
        .collect()
}

/// The proposal as XML content: placeholders the source has get its inline XML back, the
/// rest is escaped text; if the codes would not nest, all of it is text.
pub fn to_xml(target: &str, codes: &[(String, String)]) -> String {
    let mut out = String::with_capacity(target.len() + 16);
    let mut rest = target;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        let token = &rest[open..open + len + 1];
        match codes.iter().find(|(t, _)| t == token) {
            Some((_, xml)) => {
                out.push_str(&escape(&rest[..open]));
                out.push_str(xml);
            }
            None => out.push_str(&escape(&rest[..open + len + 1])),
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(&escape(rest));
    if well_formed(&out) {
        out
    } else {
        escape(target)
    }
}

fn well_formed(fragment: &str) -> bool {
    let doc = format!("<t>{fragment}</t>");
    let mut r = quick_xml::Reader::from_str(&doc);
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Eof) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}
