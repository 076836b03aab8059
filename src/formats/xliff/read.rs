//! The XLIFF reader: one pass over the events, segments with their statuses, codes and places.

use super::{Document, Place, Segment, State};
use crate::formats::space::{collapse, Collapsed};
use crate::formats::xmlcheck::{check_decl, check_start};
use crate::formats::{lang, tmx::escape, Unit};
use crate::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::path::Path;

/// A text read from `source`, `target` or a segment `mrk`, with the XML of its placeholders.
#[derive(Debug, Clone, Default)]
struct Text {
    text: String,
    codes: Vec<(String, String)>,
    /// The text as written, when its layout was collapsed on reading.
    spaces: Option<Collapsed>,
}

/// An inline element open inside a text.
enum Open {
    /// `g`, `pc`, `mrk`: text inside, closed by this placeholder and XML.
    Paired(String, String),
    /// A segment `mrk`: its id, where its content starts, and the text around it.
    Seg(String, usize, Text),
    /// An element read as its content alone (Trados' own `mrk` types, `sub`).
    Transparent,
}

/// Which text is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Source,
    Target,
    SegSource,
}

struct Collector {
    kind: Kind,
    cur: Text,
    preserve: bool,
    opens: Vec<Open>,
    /// A code with content being read: its placeholder, its XML so far, its depth.
    code: Option<(String, String, usize)>,
    segs: Vec<(String, Text, (usize, usize))>,
    counter: usize,
    inner_start: usize,
}

impl Collector {
    fn new(kind: Kind, preserve: bool, inner_start: usize) -> Self {
        Collector {
            kind,
            cur: Text::default(),
            preserve,
            opens: Vec::new(),
            code: None,
            segs: Vec::new(),
            counter: 0,
            inner_start,
        }
    }

    fn push_text(&mut self, s: &str, raw: &str) {
        match self.code.as_mut() {
            Some((_, xml, _)) => xml.push_str(raw),
            // Line ends as XML reads them: CR LF and CR alone are LF.
            None if s.contains('\r') => self
                .cur
                .text
                .push_str(&s.replace("\r\n", "\n").replace('\r', "\n")),
            None => self.cur.text.push_str(s),
        }
    }

    fn finish(&mut self, text: Text) -> Text {
        if self.preserve {
            text
        } else {
            let (read, spaces) = collapse(&text.text);
            Text {
                text: read,
                codes: text.codes,
                spaces,
            }
        }
    }
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let k = a.key.as_ref();
        let local = k.rsplit(':').next().unwrap_or(k);
        (k == key || (!key.contains(':') && local == key)).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

/// Local name of an element (`xlf:source` → `source`).
fn local(name: &str) -> String {
    crate::formats::local_name(name)
}

/// The start tag as XML (attribute values as written).
fn tag(e: &BytesStart, empty: bool) -> String {
    let mut s = format!("<{}", e.name().as_ref());
    for a in e.attributes().flatten() {
        let v = a.value.replace('"', "&quot;");
        s.push_str(&format!(" {}=\"{}\"", a.key.as_ref(), v));
    }
    s.push_str(if empty { "/>" } else { ">" });
    s
}

/// The placeholder number of a code: its id (or `rid`/`startRef`) when it is a plain name,
/// else its place among the codes of the text.
fn code_id(e: &BytesStart, keys: &[&str], counter: &mut usize) -> String {
    *counter += 1;
    keys.iter()
        .find_map(|k| attr(e, k))
        .filter(|v| {
            !v.is_empty() && v.len() <= 24 && v.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
        .unwrap_or_else(|| counter.to_string())
}

fn state_of_target(s: &str) -> Option<State> {
    Some(match s {
        "new" | "needs-translation" => State::New,
        "translated" => State::Translated,
        "final" | "signed-off" | "reviewed" => State::Final,
        "initial" => State::Draft,
        s if s.starts_with("needs-") || s.starts_with("x-") => State::Draft,
        _ => return None,
    })
}

fn state_of_sdl(conf: &str) -> Option<State> {
    Some(match conf {
        "Draft" | "RejectedTranslation" | "RejectedSignOff" => State::Draft,
        "Translated" => State::Translated,
        "ApprovedTranslation" | "ApprovedSignOff" => State::Final,
        _ => return None,
    })
}

fn state_of_memoq(status: &str) -> Option<State> {
    Some(match status {
        "NotStarted" => State::New,
        "ManuallyConfirmed" | "Confirmed" => State::Translated,
        s if s.starts_with("Reviewer") && s.ends_with("Confirmed") => State::Final,
        "Proofread" => State::Final,
        "" => return None,
        _ => State::Draft,
    })
}

/// A 1.x `trans-unit` or a 2.x `segment` being read.
#[derive(Default)]
struct Pending {
    /// Open elements inside the unit's own: its texts are its children only (memoQ and
    /// others keep older versions of a unit's texts in elements of their own inside it).
    depth: usize,
    id: String,
    translate: bool,
    approved: bool,
    header: bool,
    status: Option<State>,
    source: Option<Text>,
    target: Option<Text>,
    target_state: Option<State>,
    src_segs: Vec<(String, Text, (usize, usize))>,
    tgt_segs: Vec<(String, Text, (usize, usize))>,
    confs: Vec<(String, State)>,
    /// SDLXLIFF: each segment's `sdl:seg` start tag.
    sdl_tags: Vec<(String, (usize, usize))>,
    place: Place,
}

/// Parses XLIFF text read from `path` into its segments (the path only labels errors).
pub fn parse_document(path: &Path, text: &str) -> Result<Document> {
    let err_at =
        |pos: u64, message: String| crate::formats::parse_error_at(path, text, pos, message);
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut version: Option<String> = None;
    let (mut src_lang, mut tgt_lang) = (String::new(), String::new());
    let mut file_name: Option<String> = None;
    let mut segments: Vec<Segment> = Vec::new();
    // Inherited xml:space="preserve" and translate, one entry per open element.
    let mut stack: Vec<(bool, bool)> = vec![(false, true)];
    let mut skip = 0usize;
    let mut pending: Option<Pending> = None;
    // 2.x: the unit's id, the end of its start tag, translate, where its `mtc:matches` end.
    let mut unit2: Option<(String, usize, bool, Option<usize>)> = None;
    let mut col: Option<Collector> = None;
    let mut group = 0usize;

    loop {
        let pos = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| err_at(reader.error_position(), format!("malformed XML: {e}")))?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                check_start(e).map_err(|m| err_at(pos as u64, m))?;
                let empty = matches!(event, Event::Empty(_));
                let name = local(e.name().as_ref());
                let (inh_preserve, inh_translate) = stack.last().copied().unwrap_or((false, true));
                let preserve = match attr(e, "xml:space").as_deref() {
                    Some("preserve") => true,
                    Some("default") => false,
                    _ => inh_preserve,
                };
                let translate = match attr(e, "translate").as_deref() {
                    Some("no") => false,
                    Some("yes") => true,
                    _ => inh_translate,
                };
                if !empty {
                    stack.push((preserve, translate));
                }
                if version.is_none() {
                    if name != "xliff" {
                        return Err(err_at(
                            pos as u64,
                            format!("root element is <{name}>, expected <xliff>"),
                        ));
                    }
                    let v = detect_version(e).map_err(|m| err_at(pos as u64, m))?;
                    if v.starts_with('2') {
                        src_lang = lang::normalize(&attr(e, "srcLang").unwrap_or_default());
                        tgt_lang = lang::normalize(&attr(e, "trgLang").unwrap_or_default());
                    }
                    version = Some(v);
                    continue;
                }
                let v2 = version.as_deref().is_some_and(|v| v.starts_with('2'));
                if let Some(c) = col.as_mut() {
                    inline_start(c, e, &name, (empty, pos, after), v2);
                    continue;
                }
                if skip > 0 {
                    if !empty {
                        skip += 1;
                    }
                    continue;
                }
                match name.as_str() {
                    "alt-trans" | "ignorable" | "originalData" | "notes" | "matches" | "header"
                    | "ref-files" | "glossary"
                        if !empty =>
                    {
                        skip = 1;
                    }
                    "file" => {
                        file_name = attr(e, "original").or_else(|| attr(e, "id"));
                        if !v2 {
                            src_lang =
                                lang::normalize(&attr(e, "source-language").unwrap_or_default());
                            if let Some(t) = attr(e, "target-language") {
                                tgt_lang = lang::normalize(&t);
                            }
                        }
                    }
                    "trans-unit" if !v2 => {
                        group += 1;
                        pending = Some(Pending {
                            id: attr(e, "id").unwrap_or_default(),
                            translate,
                            approved: attr(e, "approved").as_deref() == Some("yes"),
                            header: attr(e, "restype").as_deref()
                                == Some("x-gettext-domain-header"),
                            status: attr(e, "mq:status").and_then(|s| state_of_memoq(&s)),
                            depth: stack.len(),
                            place: Place {
                                unit_open: after,
                                mq_unit: attr(e, "mq:status").map(|_| (pos, after)),
                                ..Place::default()
                            },
                            ..Pending::default()
                        });
                    }
                    "unit" if v2 => {
                        unit2 = Some((attr(e, "id").unwrap_or_default(), after, translate, None));
                    }
                    "segment" if v2 => {
                        group += 1;
                        let (uid, open, tr, matches_close) = unit2.clone().unwrap_or_default();
                        let sid = attr(e, "id");
                        let id = match sid {
                            Some(s) if s != uid => format!("{uid}/{s}"),
                            _ => uid,
                        };
                        pending = Some(Pending {
                            id,
                            translate: tr && translate,
                            target_state: attr(e, "state").and_then(|s| state_of_target(&s)),
                            depth: stack.len(),
                            place: Place {
                                unit_open: open,
                                matches_close,
                                segment_tag: Some((pos, after)),
                                ..Place::default()
                            },
                            ..Pending::default()
                        });
                    }
                    "source" | "target" | "seg-source"
                        if pending
                            .as_ref()
                            .is_some_and(|p| stack.len() == p.depth + usize::from(!empty)) =>
                    {
                        let kind = match name.as_str() {
                            "source" => Kind::Source,
                            "target" => Kind::Target,
                            _ => Kind::SegSource,
                        };
                        if let Some(p) = pending.as_mut() {
                            if kind == Kind::Target {
                                p.place.target = Some((pos, after));
                                if !v2 {
                                    if let Some(s) = attr(e, "state") {
                                        p.target_state = state_of_target(&s);
                                    }
                                }
                            }
                            if kind == Kind::SegSource {
                                p.place.seg_source = Some((after, after));
                            }
                        }
                        if empty {
                            finish_text(&mut pending, Collector::new(kind, preserve, after), pos);
                            if let Some(p) = pending.as_mut() {
                                if kind != Kind::Target {
                                    p.place.after_source = after;
                                }
                            }
                        } else {
                            col = Some(Collector::new(kind, preserve, after));
                        }
                    }
                    "seg" if pending.is_some() => {
                        // SDLXLIFF: <sdl:seg id="1" conf="Translated"/>
                        if let (Some(id), Some(p)) = (attr(e, "id"), pending.as_mut()) {
                            if let Some(s) = attr(e, "conf").and_then(|c| state_of_sdl(&c)) {
                                p.confs.push((id.clone(), s));
                            }
                            p.sdl_tags.push((id, (pos, after)));
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let name = local(e.name().as_ref());
                stack.pop();
                if let Some(c) = col.as_mut() {
                    let closes = match c.kind {
                        Kind::Source => name == "source",
                        Kind::Target => name == "target",
                        Kind::SegSource => name == "seg-source",
                    };
                    if closes && c.code.is_none() && c.opens.is_empty() {
                        if let Some(c) = col.take() {
                            let kind = c.kind;
                            finish_text(&mut pending, c, pos);
                            if let Some(p) = pending.as_mut() {
                                if kind == Kind::Target {
                                    if let Some((s, _)) = p.place.target {
                                        p.place.target = Some((s, after));
                                    }
                                } else {
                                    p.place.after_source = after;
                                }
                            }
                        }
                    } else {
                        inline_end(c, &name, pos);
                    }
                    continue;
                }
                if skip > 0 {
                    skip -= 1;
                    if skip == 0 && name == "matches" {
                        if let Some(u) = unit2.as_mut() {
                            u.3 = Some(pos);
                        }
                    }
                    continue;
                }
                match name.as_str() {
                    "trans-unit" | "segment" => {
                        if let Some(p) = pending.take() {
                            let Some(_) = p.source else {
                                return Err(err_at(
                                    pos as u64,
                                    format!("<{name}> has no <source>"),
                                ));
                            };
                            let base = Segment {
                                unit: Unit {
                                    src_lang: src_lang.clone(),
                                    tgt_lang: tgt_lang.clone(),
                                    ..Unit::default()
                                },
                                state: None,
                                translate: p.translate,
                                header: p.header,
                                file: file_name.clone(),
                                codes: Vec::new(),
                                place: p.place.clone(),
                                group,
                                spaces: [None, None],
                            };
                            emit(p, base, &mut segments);
                        }
                    }
                    "unit" => unit2 = None,
                    _ => {}
                }
            }
            Event::Text(ref t) if stack.len() <= 1 && !t.as_ref().trim().is_empty() => {
                return Err(err_at(pos as u64, "text outside the root element".into()));
            }
            Event::Text(_) if stack.len() <= 1 => {}
            Event::Text(ref t) => {
                if let Some(c) = col.as_mut() {
                    let content = t.xml10_content();
                    let raw = t.as_ref().to_string();
                    c.push_text(&content, &raw);
                }
            }
            Event::CData(ref t) => {
                if let Some(c) = col.as_mut() {
                    let content = t.xml10_content();
                    c.push_text(&content, &escape(&content));
                }
            }
            Event::GeneralRef(ref r) => {
                if let Some(c) = col.as_mut() {
                    let name = r.xml10_content();
                    match resolve_entity(&name) {
                        Some(ch) => c.push_text(&ch.to_string(), &format!("&{name};")),
                        None => return Err(err_at(pos as u64, format!("unknown entity &{name};"))),
                    }
                }
            }
            Event::DocType(ref t) => crate::formats::xmlcheck::check_doctype(&t.xml10_content())
                .map_err(|m| err_at(pos as u64, m))?,
            Event::PI(ref t) => {
                crate::formats::xmlcheck::check_pi(t.as_ref()).map_err(|m| err_at(pos as u64, m))?
            }
            Event::Decl(ref d) => check_decl(d).map_err(|m| err_at(pos as u64, m))?,
            Event::Eof => break,
            _ => {}
        }
    }
    let Some(version) = version else {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            message: "no <xliff> element: not an XLIFF file".into(),
        });
    };
    if col.is_some() || pending.is_some() || stack.len() > 1 {
        return Err(err_at(
            text.len() as u64,
            "unexpected end of file: elements are not closed".into(),
        ));
    }
    Ok(Document { version, segments })
}

/// The version from the `version` attribute, else from the namespace, else 1.2 (2.0 when the
/// root has `srcLang`).
fn detect_version(e: &BytesStart) -> std::result::Result<String, String> {
    let ns = e.attributes().flatten().find_map(|a| {
        let k = a.key.as_ref();
        (k == "xmlns" || k.starts_with("xmlns:"))
            .then(|| a.value.to_string())
            .filter(|v| v.contains("xliff:document:"))
    });
    let v = match (attr(e, "version"), ns) {
        (Some(v), _) => v,
        (None, Some(ns)) => ns.rsplit(':').next().unwrap_or("1.2").to_string(),
        (None, None) if attr(e, "srcLang").is_some() => "2.0".into(),
        (None, None) => "1.2".into(),
    };
    match v.as_str() {
        "1.0" | "1.1" | "1.2" | "2.0" | "2.1" | "2.2" => Ok(v),
        _ => Err(format!("unsupported XLIFF version {v}")),
    }
}

/// Stores a finished text in the unit being read.
fn finish_text(pending: &mut Option<Pending>, mut c: Collector, end: usize) {
    let Some(p) = pending.as_mut() else { return };
    let whole = std::mem::take(&mut c.cur);
    let whole = c.finish(whole);
    let segs: Vec<_> = std::mem::take(&mut c.segs)
        .into_iter()
        .map(|(mid, t, r)| (mid, c.finish(t), r))
        .collect();
    match c.kind {
        Kind::Source => p.source = Some(whole),
        Kind::Target => {
            p.target = Some(whole);
            p.tgt_segs = segs;
        }
        Kind::SegSource => {
            p.src_segs = segs;
            p.place.seg_source = Some((c.inner_start, end));
        }
    }
}

/// Turns a finished unit into its segments.
fn emit(p: Pending, base: Segment, out: &mut Vec<Segment>) {
    let tu_state = |target: &str| {
        if p.approved {
            Some(State::Final)
        } else {
            p.status.or(p.target_state).or(if target.is_empty() {
                Some(State::New)
            } else {
                None
            })
        }
    };
    let header_like = |src: &str, tgt: &str| {
        src.trim().is_empty()
            && (tgt.contains("Project-Id-Version:") || tgt.contains("Content-Type: text/plain"))
    };
    if !p.src_segs.is_empty() {
        let several = p.src_segs.len() > 1;
        for (mid, src, range) in &p.src_segs {
            let tgt = p.tgt_segs.iter().find(|(m, _, _)| m == mid);
            let tgt_text = tgt.map(|(_, t, _)| t.text.clone()).unwrap_or_default();
            let conf = p.confs.iter().find(|(m, _)| m == mid).map(|(_, s)| *s);
            let mut s = base.clone();
            s.spaces = [
                src.spaces.clone(),
                tgt.and_then(|(_, t, _)| t.spaces.clone()),
            ];
            s.unit.src = src.text.clone();
            s.unit.tgt = tgt_text.clone();
            s.unit.tuid = Some(if several {
                format!("{}/{mid}", p.id)
            } else {
                p.id.clone()
            });
            s.state = conf.or_else(|| tu_state(&tgt_text));
            s.codes = src.codes.clone();
            s.place.mrk_source = Some(*range);
            s.place.mrk_target = tgt.map(|(_, _, r)| *r);
            s.place.sdl_seg = p.sdl_tags.iter().find(|(m, _)| m == mid).map(|(_, r)| *r);
            s.header = p.header || header_like(&s.unit.src, &s.unit.tgt);
            out.push(s);
        }
        return;
    }
    let src = p.source.clone().unwrap_or_default();
    let target = p.target.clone().unwrap_or_default();
    let tgt = target.text;
    let mut s = base;
    s.spaces = [src.spaces.clone(), target.spaces];
    s.unit.src = src.text;
    s.unit.tgt = tgt.clone();
    s.unit.tuid = Some(p.id.clone());
    s.state = p.confs.first().map(|(_, c)| *c).or_else(|| tu_state(&tgt));
    s.codes = src.codes;
    s.header = p.header || header_like(&s.unit.src, &s.unit.tgt);
    out.push(s);
}

fn inline_start(
    c: &mut Collector,
    e: &BytesStart,
    name: &str,
    (empty, pos, after): (bool, usize, usize),
    v2: bool,
) {
    if let Some((_, xml, depth)) = c.code.as_mut() {
        xml.push_str(&tag(e, empty));
        if !empty {
            *depth += 1;
        }
        return;
    }
    let mtype = attr(e, "mtype").unwrap_or_default();
    match name {
        "mrk" if !v2 && mtype == "seg" && !empty => {
            let mid = attr(e, "mid").unwrap_or_default();
            let outer = std::mem::take(&mut c.cur);
            c.opens.push(Open::Seg(mid, after, outer));
        }
        "mrk" if !v2 && mtype == "seg" => {
            // An empty segment written as an empty element: its place is the whole tag.
            let mid = attr(e, "mid").unwrap_or_default();
            c.segs.push((mid, Text::default(), (pos, after)));
        }
        "mrk" if mtype.starts_with("x-sdl") => {
            if !empty {
                c.opens.push(Open::Transparent);
            }
        }
        "g" | "pc" | "mrk" => {
            let id = code_id(e, &["id", "mid"], &mut c.counter);
            let open = format!("{{{id}}}");
            c.cur.text.push_str(&open);
            c.cur.codes.push((open, tag(e, empty)));
            if !empty {
                let close = format!("{{/{id}}}");
                let xml = format!("</{}>", e.name().as_ref());
                c.opens.push(Open::Paired(close, xml));
            }
        }
        "cp" => {
            if let Some(ch) = attr(e, "hex")
                .and_then(|h| u32::from_str_radix(&h, 16).ok())
                .and_then(char::from_u32)
            {
                c.cur.text.push(ch);
            }
        }
        "sub" => {
            if !empty {
                c.opens.push(Open::Transparent);
            }
        }
        _ => {
            let closing = matches!(name, "ept" | "ex" | "ec" | "em");
            let keys: &[&str] = match name {
                "ex" | "ept" => &["rid", "id"],
                "ec" | "em" => &["startRef", "id"],
                _ => &["id", "rid", "i", "x"],
            };
            let id = code_id(e, keys, &mut c.counter);
            let token = if closing {
                format!("{{/{id}}}")
            } else {
                format!("{{{id}}}")
            };
            c.cur.text.push_str(&token);
            if empty {
                c.cur.codes.push((token, tag(e, true)));
            } else {
                c.code = Some((token, tag(e, false), 1));
            }
        }
    }
}

fn inline_end(c: &mut Collector, name: &str, pos: usize) {
    if let Some((token, mut xml, depth)) = c.code.take() {
        xml.push_str(&format!("</{name}>"));
        if depth > 1 {
            c.code = Some((token, xml, depth - 1));
        } else {
            c.cur.codes.push((token, xml));
        }
        return;
    }
    match c.opens.pop() {
        Some(Open::Paired(close, xml)) => {
            c.cur.text.push_str(&close);
            c.cur.codes.push((close, xml));
        }
        Some(Open::Seg(mid, start, outer)) => {
            let inner = std::mem::replace(&mut c.cur, outer);
            c.segs.push((mid, inner, (start, pos)));
        }
        Some(Open::Transparent) | None => {}
    }
}

/// The five XML entities and numeric character references.
fn resolve_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix('x').or_else(|| n.strip_prefix('X')) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}
