//! TMX 1.1–1.4b: reading translation units from, and writing them to, the exchange format of
//! CAT tools.
//!
//! The file may be in any encoding its byte-order mark or XML declaration names
//! ([`super::encoding`]); UTF-8 files are streamed, others decoded whole first. The XML must be
//! well-formed, the root must be `tmx` with a `header` and `body`, every `tuv` needs a language
//! (`xml:lang`, or `lang` in TMX 1.1) and a `seg`. A unit's source language is its `srclang`,
//! else the header's (`*all*`: the first `tuv`); every other language of the unit becomes a
//! pair with the source (or only the pair asked for, [`ReadOptions`]), each with the unit's
//! props; a unit with one language only is skipped and counted ([`Summary`]). Language codes
//! are read in BCP 47 case ([`super::lang`]). Errors name the file, line and column. Inline
//! markup inside `seg` (`bpt`, `ept`, `ph`, `it`, `hi`, `ut`) becomes numbered placeholders
//! (`{1}`, `{/1}`) around the translatable text it encloses, and is kept for export.

use super::Unit;
use crate::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;

/// Which pairs to read from a TMX file.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Only pairs with this source language (`en` matches `en-US`; `en-US` only itself).
    pub src_lang: Option<String>,
    /// Only pairs with this target language.
    pub tgt_lang: Option<String>,
    /// Report and skip units that are well-formed XML but not usable (no language, no `seg`)
    /// instead of stopping.
    pub skip_invalid: bool,
    /// Leave out units whose `x-ConfirmationLevel` prop (Trados) says they are not confirmed
    /// (`Draft`, `Unspecified`, `Rejected…`); units without one are kept.
    pub only_confirmed: bool,
}

/// What a TMX reading found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// `tu` elements read.
    pub units: usize,
    /// Pairs passed on (a unit in three languages gives two).
    pub pairs: usize,
    /// Units with one language only (nothing to pair), skipped.
    pub one_language: usize,
    /// Units without the languages asked for, skipped.
    pub not_asked: usize,
    /// Invalid units skipped (with `skip_invalid`).
    pub invalid: usize,
    /// Pairs whose props name their context ([`Unit::context`]).
    pub with_context: usize,
    /// Units left out as not confirmed ([`ReadOptions::only_confirmed`]).
    pub unconfirmed: usize,
}

/// Whether the unit's props say it is not confirmed (Trados `x-ConfirmationLevel`).
fn unconfirmed(props: &[(String, String)]) -> bool {
    props.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("x-ConfirmationLevel")
            && !matches!(
                v.trim(),
                "Translated" | "ApprovedTranslation" | "ApprovedSignOff"
            )
    })
}

/// Reads a TMX file into units (all in memory; see [`read_stream`] for large files).
pub fn read(path: &Path) -> Result<Vec<Unit>> {
    let mut units = Vec::new();
    read_stream(path, |u| {
        units.push(u);
        Ok(())
    })?;
    Ok(units)
}

/// Parses TMX text read from `path` (the path only labels errors).
pub fn parse(path: &Path, text: &str) -> Result<Vec<Unit>> {
    let mut units = Vec::new();
    parse_reader(
        path,
        text.as_bytes(),
        Some(text.as_bytes()),
        &ReadOptions::default(),
        None::<fn(Error)>,
        |u| {
            units.push(u);
            Ok(())
        },
    )?;
    Ok(units)
}

/// Streams the units of a TMX file to `each`, reading it in bounded memory. The first
/// malformed unit stops the reading with an error naming the file, line and column; errors
/// returned by `each` stop it too.
pub fn read_stream(path: &Path, each: impl FnMut(Unit) -> Result<()>) -> Result<()> {
    read_stream_with(path, false, each, |_| {})
}

/// As [`read_stream`]; with `skip_invalid`, a unit that is well-formed XML but not a usable
/// translation unit (no language, no segment) is passed to `skipped` and the reading goes on.
pub fn read_stream_with(
    path: &Path,
    skip_invalid: bool,
    each: impl FnMut(Unit) -> Result<()>,
    skipped: impl FnMut(Error),
) -> Result<()> {
    let opts = ReadOptions {
        skip_invalid,
        ..ReadOptions::default()
    };
    read_with(path, &opts, each, skipped).map(|_| ())
}

/// Streams the pairs `opts` asks for to `each` and tells what was read (see [`read_stream`]).
pub fn read_with(
    path: &Path,
    opts: &ReadOptions,
    each: impl FnMut(Unit) -> Result<()>,
    skipped: impl FnMut(Error),
) -> Result<Summary> {
    let io = |cause| Error::Io {
        path: path.to_path_buf(),
        cause,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut head = Vec::with_capacity(1024);
    (&mut file).take(1024).read_to_end(&mut head).map_err(io)?;
    if head.is_empty() {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            message: "empty file: nothing to read".into(),
        });
    }
    let skipped = opts.skip_invalid.then_some(skipped);
    let (enc, _) = super::encoding::sniff(&head).map_err(|message| Error::BadInput {
        path: path.to_path_buf(),
        message,
    })?;
    let (enc, bom) = (enc, bom_len(&head));
    let input = std::io::Cursor::new(head).chain(file);
    if enc != encoding_rs::UTF_8 {
        // Other encodings are decoded as they are read; errors are located in the decoded text.
        let mut input = input;
        std::io::copy(&mut (&mut input).take(bom as u64), &mut std::io::sink()).map_err(io)?;
        let decoded = super::encoding::DecodingReader::new(input, enc);
        return parse_reader(
            path,
            std::io::BufReader::with_capacity(1 << 16, decoded),
            None,
            opts,
            skipped,
            each,
        );
    }
    parse_reader(
        path,
        std::io::BufReader::with_capacity(1 << 16, input),
        None,
        opts,
        skipped,
        each,
    )
}

fn bom_len(head: &[u8]) -> usize {
    super::encoding::sniff(head).map_or(0, |(_, bom)| bom)
}

/// Elements whose content is native code, not translatable text.
fn is_code_element(name: &str) -> bool {
    matches!(name, "bpt" | "ept" | "ph" | "it" | "ut")
}

/// Inline elements of `seg`.
fn is_inline(name: &str) -> bool {
    is_code_element(name) || matches!(name, "hi" | "sub")
}

#[derive(Default)]
struct TuvState {
    lang: Option<String>,
    /// Text with inline codes shown as placeholders (`{1}`, `{/1}`).
    seg: Option<String>,
    /// The seg's inner XML as read (inline markup kept), for export; built only once the seg
    /// turns out to have inline markup.
    raw: Option<String>,
    line_pos: u64,
}

/// Line and column (1-based) of byte `pos` of the file at `path` (error reports only).
fn position_of(path: &Path, data: Option<&[u8]>, pos: u64) -> (usize, usize) {
    let owned;
    let bytes = match data {
        Some(d) => d,
        None => {
            let raw = std::fs::read(path).unwrap_or_default();
            let utf8 = super::encoding::sniff(&raw[..raw.len().min(1024)])
                .is_ok_and(|(e, _)| e == encoding_rs::UTF_8);
            // Offsets count bytes of the decoded text.
            owned = if utf8 {
                raw
            } else {
                super::encoding::decode_xml(path, &raw)
                    .map(String::into_bytes)
                    .unwrap_or(raw)
            };
            &owned
        }
    };
    super::line_col_bytes(bytes, pos as usize)
}

fn parse_reader<R: std::io::BufRead>(
    path: &Path,
    input: R,
    data: Option<&[u8]>,
    opts: &ReadOptions,
    mut skipped: Option<impl FnMut(Error)>,
    mut each: impl FnMut(Unit) -> Result<()>,
) -> Result<Summary> {
    let mut summary = Summary::default();
    let mut reader = Reader::from_reader(input);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    // Errors are located lazily, by reading the file again up to the byte offset.
    let err_at = |pos: u64, message: String| {
        let (line, column) = position_of(path, data, pos);
        Error::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };

    let mut stack: Vec<String> = Vec::new();
    let mut header_srclang: Option<String> = None;
    let mut saw_header = false;
    let mut saw_body = false;
    let mut tu_start: Option<(u64, Option<String>, Option<String>)> = None;
    let mut tuvs: Vec<TuvState> = Vec::new();
    let mut tuv: Option<TuvState> = None;
    let mut in_seg = false;
    let mut code_depth = 0usize;
    let mut placeholder = 0usize;
    let mut note: Option<String> = None;
    let mut in_note = false;
    let mut props: Vec<(String, String)> = Vec::new();
    let mut prop: Option<(String, String)> = None;

    loop {
        let pos = reader.buffer_position();
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| err_at(reader.error_position(), format!("malformed XML: {e}")))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                super::xmlcheck::check_start(e).map_err(|m| err_at(pos, m))?;
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name().as_ref().to_string();
                if stack.is_empty() && name != "tmx" {
                    return Err(err_at(
                        pos,
                        format!("root element is <{name}>, expected <tmx>"),
                    ));
                }
                if in_seg {
                    if !is_inline(&name) {
                        return Err(err_at(pos, format!("<{name}> is not allowed inside <seg>")));
                    }
                    // Keep the markup for export and show codes as placeholders.
                    if let Some(t) = tuv.as_mut() {
                        // The text so far has no markup: its escaped form starts the raw XML.
                        let raw = t
                            .raw
                            .get_or_insert_with(|| escape(t.seg.as_deref().unwrap_or("")));
                        raw.push('<');
                        raw.push_str(&name);
                        for a in e.attributes().flatten() {
                            let v = a
                                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap_or_default();
                            raw.push_str(&format!(" {}=\"{}\"", a.key.as_ref(), escape(&v)));
                        }
                        raw.push_str(if empty { "/>" } else { ">" });
                        if let Some(seg) = t.seg.as_mut() {
                            match name.as_str() {
                                "bpt" | "ph" | "it" | "ut" | "hi" | "sub" => {
                                    placeholder += 1;
                                    let id = attr(e, "i")
                                        .ok()
                                        .flatten()
                                        .or_else(|| attr(e, "x").ok().flatten())
                                        .unwrap_or_else(|| placeholder.to_string());
                                    seg.push_str(&format!("{{{id}}}"));
                                }
                                "ept" => {
                                    let id = attr(e, "i").ok().flatten().unwrap_or_default();
                                    seg.push_str(&format!("{{/{id}}}"));
                                }
                                _ => {}
                            }
                        }
                    }
                    if is_code_element(&name) && !empty {
                        code_depth += 1;
                    }
                    if !empty {
                        stack.push(name);
                    }
                    continue;
                }
                match name.as_str() {
                    "header" => {
                        saw_header = true;
                        header_srclang = attr(e, "srclang").map_err(|m| err_at(pos, m))?;
                    }
                    "body" => saw_body = true,
                    "tu" => {
                        if tu_start.is_some() {
                            return Err(err_at(pos, "<tu> inside another <tu>".into()));
                        }
                        let srclang = attr(e, "srclang").map_err(|m| err_at(pos, m))?;
                        let tuid = attr(e, "tuid").map_err(|m| err_at(pos, m))?;
                        tu_start = Some((pos, srclang, tuid));
                        tuvs.clear();
                        props.clear();
                        note = None;
                        placeholder = 0;
                        if empty {
                            return Err(err_at(pos, "empty <tu/>: a unit needs two <tuv>".into()));
                        }
                    }
                    "tuv" => {
                        if tu_start.is_none() {
                            return Err(err_at(pos, "<tuv> outside <tu>".into()));
                        }
                        let lang = match attr(e, "xml:lang").map_err(|m| err_at(pos, m))? {
                            Some(l) => Some(l),
                            None => attr(e, "lang").map_err(|m| err_at(pos, m))?,
                        };
                        placeholder = 0;
                        tuv = Some(TuvState {
                            lang,
                            seg: None,
                            raw: None,
                            line_pos: pos,
                        });
                        if empty {
                            return Err(err_at(pos, "empty <tuv/>: it needs a <seg>".into()));
                        }
                    }
                    // A context prop may hold its text in a <seg> of its own.
                    "seg" if prop.is_some() => {}
                    "seg" => {
                        let Some(t) = tuv.as_mut() else {
                            return Err(err_at(pos, "<seg> outside <tuv>".into()));
                        };
                        t.seg = Some(String::new());
                        in_seg = !empty;
                    }
                    "note" if tu_start.is_some() => {
                        note = Some(String::new());
                        in_note = !empty;
                    }
                    "prop" if tu_start.is_some() && tuv.is_none() => {
                        let kind = attr(e, "type")
                            .map_err(|m| err_at(pos, m))?
                            .unwrap_or_default();
                        prop = Some((kind, String::new()));
                    }
                    // Inside the source's <tuv>: the context props other tools keep there
                    // (XTM, Phrase), read as the unit's.
                    "prop" if !empty => {
                        let kind = attr(e, "type")
                            .map_err(|m| err_at(pos, m))?
                            .unwrap_or_default();
                        let src = tu_start
                            .as_ref()
                            .and_then(|t| t.1.as_deref())
                            .or(header_srclang.as_deref());
                        let in_source =
                            tuv.as_ref()
                                .and_then(|t| t.lang.as_deref())
                                .is_some_and(|l| {
                                    src.is_some_and(|s| {
                                        super::lang::primary(l) == super::lang::primary(s)
                                    })
                                });
                        let context = super::PREV_PROPS
                            .iter()
                            .chain(super::NEXT_PROPS)
                            .any(|n| n.eq_ignore_ascii_case(&kind));
                        if in_source && context {
                            prop = Some((kind, String::new()));
                        }
                    }
                    _ => {}
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::End(ref e) => {
                let name = e.local_name().as_ref().to_string();
                stack.pop();
                if in_seg && name != "seg" {
                    if let Some(t) = tuv.as_mut() {
                        if let Some(raw) = t.raw.as_mut() {
                            raw.push_str(&format!("</{name}>"));
                        }
                    }
                    if is_code_element(&name) {
                        code_depth = code_depth.saturating_sub(1);
                    }
                    continue;
                }
                match name.as_str() {
                    "seg" => in_seg = false,
                    "note" => in_note = false,
                    "prop" => {
                        if let Some(p) = prop.take() {
                            props.push(p);
                        }
                    }
                    "tuv" => {
                        if let Some(t) = tuv.take() {
                            tuvs.push(t);
                        }
                    }
                    "tu" => {
                        let (start, srclang, tuid) = tu_start.take().unwrap_or((pos, None, None));
                        summary.units += 1;
                        let built = build_units(
                            &tuvs,
                            srclang.as_deref().or(header_srclang.as_deref()),
                            note.take(),
                            opts,
                        )
                        .map_err(|(m, p)| err_at(p.unwrap_or(start), m));
                        let units = match (built, skipped.as_mut()) {
                            (Ok(Built::Pairs(u)), _) => u,
                            (Ok(Built::OneLanguage), _) => {
                                summary.one_language += 1;
                                props.clear();
                                continue;
                            }
                            (Ok(Built::NotAsked), _) => {
                                summary.not_asked += 1;
                                props.clear();
                                continue;
                            }
                            (Err(e), Some(report)) => {
                                report(e);
                                summary.invalid += 1;
                                props.clear();
                                continue;
                            }
                            (Err(e), None) => return Err(e),
                        };
                        let props = std::mem::take(&mut props);
                        if opts.only_confirmed && unconfirmed(&props) {
                            summary.unconfirmed += 1;
                            continue;
                        }
                        for mut unit in units {
                            unit.tuid.clone_from(&tuid);
                            unit.props.clone_from(&props);
                            summary.pairs += 1;
                            if unit.context() != (None, None) {
                                summary.with_context += 1;
                            }
                            each(unit)?;
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) if stack.is_empty() && !t.as_ref().trim().is_empty() => {
                return Err(err_at(pos, "text outside the root element".into()));
            }
            Event::Text(_) if stack.is_empty() => {}
            Event::Text(ref t) => {
                let content = t.xml10_content();
                text_event(
                    &mut tuv, in_seg, code_depth, in_note, &mut note, &mut prop, &content,
                );
            }
            Event::CData(ref t) => {
                let content = t.xml10_content();
                text_event(
                    &mut tuv, in_seg, code_depth, in_note, &mut note, &mut prop, &content,
                );
            }
            Event::GeneralRef(ref r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = r.xml10_content();
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => s.to_string(),
                            None => return Err(err_at(pos, format!("unknown entity &{name};"))),
                        }
                    }
                    Err(e) => return Err(err_at(pos, format!("bad character reference: {e}"))),
                };
                text_event(
                    &mut tuv, in_seg, code_depth, in_note, &mut note, &mut prop, &resolved,
                );
            }
            Event::DocType(ref t) => {
                super::xmlcheck::check_doctype(&t.xml10_content()).map_err(|m| err_at(pos, m))?
            }
            Event::PI(ref t) => {
                super::xmlcheck::check_pi(t.as_ref()).map_err(|m| err_at(pos, m))?
            }
            Event::Decl(ref d) => super::xmlcheck::check_decl(d).map_err(|m| err_at(pos, m))?,
            Event::Eof => {
                if let Some(open) = stack.last() {
                    return Err(err_at(
                        reader.buffer_position(),
                        format!("unexpected end of file: <{open}> is not closed"),
                    ));
                }
                break;
            }
            _ => {}
        }
    }
    if !saw_header || !saw_body {
        return Err(err_at(
            0,
            "not a TMX document: <header> and <body> are required".into(),
        ));
    }
    Ok(summary)
}

fn text_event(
    tuv: &mut Option<TuvState>,
    in_seg: bool,
    code_depth: usize,
    in_note: bool,
    note: &mut Option<String>,
    prop: &mut Option<(String, String)>,
    content: &str,
) {
    if in_seg {
        if let Some(t) = tuv.as_mut() {
            if let Some(raw) = t.raw.as_mut() {
                raw.push_str(&escape(content));
            }
            if code_depth == 0 {
                if let Some(seg) = t.seg.as_mut() {
                    seg.push_str(content);
                }
            }
        }
    } else if in_note {
        if let Some(n) = note.as_mut() {
            n.push_str(content);
        }
    } else if let Some((_, v)) = prop.as_mut() {
        v.push_str(content);
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> std::result::Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| format!("bad attribute: {err}"))?;
        if a.key.as_ref() == name {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| format!("bad attribute value: {err}"))?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

/// What one `tu` gives.
enum Built {
    /// Its pairs: the source with every other language (or the pair asked for).
    Pairs(Vec<Unit>),
    /// One language only: nothing to pair.
    OneLanguage,
    /// Not the languages asked for.
    NotAsked,
}

fn build_units(
    tuvs: &[TuvState],
    srclang: Option<&str>,
    note: Option<String>,
    opts: &ReadOptions,
) -> std::result::Result<Built, (String, Option<u64>)> {
    use super::lang;
    let mut sides = Vec::new();
    for t in tuvs {
        let Some(code) = t.lang.as_deref().filter(|l| !l.trim().is_empty()) else {
            return Err(("<tuv> has no xml:lang".into(), Some(t.line_pos)));
        };
        if !lang::is_valid(code) {
            return Err((
                format!("<tuv> has xml:lang {code:?}, which is not a language code"),
                Some(t.line_pos),
            ));
        }
        let Some(seg) = t.seg.as_deref() else {
            return Err(("<tuv> has no <seg>".into(), Some(t.line_pos)));
        };
        sides.push((lang::normalize(code), seg, t.raw.as_deref()));
    }
    let distinct = |a: &str| sides.iter().any(|(l, _, _)| !l.eq_ignore_ascii_case(a));
    if sides.is_empty() || !distinct(&sides[0].0) {
        return Ok(Built::OneLanguage);
    }
    let src_idx = match opts.src_lang.as_deref() {
        Some(asked) => match sides.iter().position(|(l, _, _)| lang::matches(asked, l)) {
            Some(i) => i,
            None => return Ok(Built::NotAsked),
        },
        None => srclang
            .filter(|s| !s.trim().starts_with('*'))
            .and_then(|s| {
                let s = lang::normalize(s);
                sides
                    .iter()
                    .position(|(l, _, _)| *l == s)
                    .or_else(|| sides.iter().position(|(l, _, _)| lang::matches(&s, l)))
            })
            .unwrap_or(0),
    };
    let src = &sides[src_idx];
    let markup = |m: Option<&str>| m.map(str::to_string);
    let note = note.filter(|n| !n.trim().is_empty());
    let pairs: Vec<Unit> = sides
        .iter()
        .filter(|(l, _, _)| *l != src.0)
        .filter(|(l, _, _)| match opts.tgt_lang.as_deref() {
            Some(asked) => lang::matches(asked, l),
            None => true,
        })
        .map(|(l, seg, raw)| Unit {
            src_lang: src.0.clone(),
            src: src.1.to_string(),
            tgt_lang: l.clone(),
            tgt: seg.to_string(),
            note: note.clone(),
            src_markup: markup(src.2),
            tgt_markup: markup(*raw),
            ..Unit::default()
        })
        .collect();
    if pairs.is_empty() {
        return Ok(Built::NotAsked);
    }
    Ok(Built::Pairs(pairs))
}

/// Escapes text for XML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab/newline are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes units as a TMX 1.4b document. `srclang` goes into the header (`*all*` when the units
/// mix source languages).
pub fn write(units: &[Unit]) -> String {
    let srclang = match units.first() {
        Some(u) if units.iter().all(|v| v.src_lang == u.src_lang) => u.src_lang.clone(),
        Some(_) => "*all*".to_string(),
        None => "en".to_string(),
    };
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<tmx version=\"1.4\">\n");
    let _ = writeln!(
        out,
        "  <header creationtool=\"tm\" creationtoolversion=\"{}\" segtype=\"sentence\" \
         o-tmf=\"tm\" adminlang=\"en\" srclang=\"{}\" datatype=\"plaintext\"/>",
        escape(env!("CARGO_PKG_VERSION")),
        escape(&srclang)
    );
    out.push_str("  <body>\n");
    for u in units {
        match &u.tuid {
            Some(id) => {
                let _ = writeln!(out, "    <tu tuid=\"{}\">", escape(id));
            }
            None => out.push_str("    <tu>\n"),
        }
        for (k, v) in &u.props {
            let _ = writeln!(
                out,
                "      <prop type=\"{}\">{}</prop>",
                escape(k),
                escape(v)
            );
        }
        if let Some(n) = &u.note {
            let _ = writeln!(out, "      <note>{}</note>", escape(n));
        }
        for (lang, seg, markup) in [
            (&u.src_lang, &u.src, &u.src_markup),
            (&u.tgt_lang, &u.tgt, &u.tgt_markup),
        ] {
            let body = markup.clone().unwrap_or_else(|| escape(seg));
            let _ = writeln!(
                out,
                "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>",
                escape(lang),
                body
            );
        }
        out.push_str("    </tu>\n");
    }
    out.push_str("  </body>\n</tmx>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(src: &str, tgt: &str) -> Unit {
        Unit {
            src_lang: "en".into(),
            src: src.into(),
            tgt_lang: "ru".into(),
            tgt: tgt.into(),
            note: None,
            ..Unit::default()
        }
    }

    #[test]
    fn round_trip_with_markup_characters_and_non_bmp() {
        let units = vec![
            unit("A <b> & \"c\" 'd'", "А <б> & «в» 𝔘😀"),
            Unit {
                note: Some("checked & approved".into()),
                ..unit("Two", "Два")
            },
        ];
        let xml = write(&units);
        let back = parse(Path::new("t.tmx"), &xml).unwrap();
        assert_eq!(back, units);
    }

    #[test]
    fn inline_codes_become_placeholders_and_srclang_is_respected() {
        let xml = r#"<tmx version="1.4"><header srclang="ru"/><body>
<tu><tuv xml:lang="en"><seg>Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept> now</seg></tuv>
<tuv xml:lang="ru"><seg>Нажмите <ph>{0}</ph>ОК</seg></tuv></tu></body></tmx>"#;
        let u = &parse(Path::new("t.tmx"), xml).unwrap()[0];
        assert_eq!(u.src_lang, "ru");
        assert_eq!(u.src, "Нажмите {1}ОК");
        assert_eq!(u.tgt, "Press {1}OK{/1} now");
        // The markup is kept for export, escaped as it was read.
        assert_eq!(
            u.tgt_markup.as_deref(),
            Some("Press <bpt i=\"1\">&lt;b&gt;</bpt>OK<ept i=\"1\">&lt;/b&gt;</ept> now")
        );
        let again = parse(Path::new("t.tmx"), &write(std::slice::from_ref(u))).unwrap();
        assert_eq!(again[0], *u);
    }

    #[test]
    fn namespaced_tmx_and_its_prefixes() {
        let xml = r#"<t:tmx xmlns:t="http://www.lisa.org/tmx14" version="1.4"><t:header srclang="en"/><t:body>
<t:tu><t:tuv xml:lang="en"><t:seg>One</t:seg></t:tuv><t:tuv xml:lang="ru"><t:seg>Один</t:seg></t:tuv></t:tu></t:body></t:tmx>"#;
        let u = parse(Path::new("t.tmx"), xml).unwrap();
        assert_eq!((u[0].src.as_str(), u[0].tgt.as_str()), ("One", "Один"));
    }

    #[test]
    fn malformed_documents_name_line_and_column() {
        let cases = [
            ("<tmx><header/><body>\n<tu><tuv xml:lang=\"en\"><seg>x</sag></tuv></tu></body></tmx>", 2, "malformed"),
            ("<tmx><header/><body>\n<tu><tuv xml:lang=\"en\"><seg>x</seg></tuv>", 2, "not closed"),
            ("<html></html>", 1, "expected <tmx>"),
            ("<tmx><header/><body><tu>\n<tuv><seg>x</seg></tuv><tuv xml:lang=\"ru\"><seg>y</seg></tuv></tu></body></tmx>", 2, "no xml:lang"),
        ];
        for (xml, line, msg) in cases {
            let e = parse(Path::new("bad.tmx"), xml).unwrap_err().to_string();
            assert!(e.starts_with(&format!("bad.tmx:{line}:")), "{e}");
            assert!(e.contains(msg), "{e}");
        }
    }
}
