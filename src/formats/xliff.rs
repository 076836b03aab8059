//! XLIFF 1.2 and 2.0: reading the source/target pairs that CAT tools hand out for translation
//! and review.
//!
//! XLIFF 1.2: `file` (`source-language`, `target-language`) → `trans-unit` → `source` /
//! `target`; units inside `alt-trans` (earlier proposals) are not read. XLIFF 2.0: `xliff`
//! (`srcLang`, `trgLang`) → `file` → `unit` → `segment` → `source` / `target`; every segment is
//! one pair and its id is `unit-id/segment-id` when a unit has several. A missing target reads as
//! an empty one (QA reports it). Inline codes (`x`, `ph`, `bx`, `ex`, `bpt`, `ept`, `it`, `sc`,
//! `ec`, `sm`, `em`) become placeholders `{id}` (their content is native code); the text inside
//! `g`, `mrk` and `pc` is kept. Errors name the file, line and column.

use super::Unit;
use crate::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::path::Path;

/// Reads an XLIFF 1.2 or 2.0 file.
pub fn read(path: &Path) -> Result<Vec<Unit>> {
    let text = super::read_text_file(path)?;
    parse(path, &text)
}

/// Elements whose content is native code: shown as one placeholder.
fn is_code(name: &str) -> bool {
    matches!(
        name,
        "x" | "ph" | "bx" | "ex" | "bpt" | "ept" | "it" | "sc" | "ec" | "sm" | "em" | "cp"
    )
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.as_ref() == key).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

/// Local name of an element (`xlf:source` → `source`).
fn local(e: &BytesStart) -> String {
    let n = e.name();
    let n = n.as_ref();
    n.rsplit(':').next().unwrap_or(n).to_string()
}

/// Which text element is being read.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Source,
    Target,
}

/// Parses XLIFF text read from `path` (the path only labels errors).
pub fn parse(path: &Path, text: &str) -> Result<Vec<Unit>> {
    let err_at = |pos: u64, message: String| {
        let (line, column) = super::line_col_bytes(text.as_bytes(), pos as usize);
        Error::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut version: Option<String> = None;
    let (mut src_lang, mut tgt_lang) = (String::new(), String::new());
    let mut units = Vec::new();
    let mut depth_alt = 0usize; // inside alt-trans (1.2) or other non-unit text holders
    let mut unit_id: Option<String> = None;
    let mut seg_ids: Vec<Option<String>> = Vec::new();
    let mut pair: Option<(String, Option<String>, Option<String>)> = None; // id, src, tgt
    let mut field: Option<(Field, String)> = None;
    let mut code_depth = 0usize;
    let mut placeholder = 0usize;
    let mut saw_root = false;
    let mut unit_pos = 0u64;

    loop {
        let pos = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| err_at(reader.error_position(), format!("malformed XML: {e}")))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = local(e);
                if !saw_root {
                    if name != "xliff" {
                        return Err(err_at(
                            pos,
                            format!("root element is <{name}>, expected <xliff>"),
                        ));
                    }
                    saw_root = true;
                    version = attr(e, "version");
                    match version.as_deref() {
                        Some("1.2") | Some("1.1") | Some("1.0") => {}
                        Some(v) if v.starts_with('2') => {
                            src_lang = attr(e, "srcLang").unwrap_or_default();
                            tgt_lang = attr(e, "trgLang").unwrap_or_default();
                        }
                        Some(v) => {
                            return Err(err_at(pos, format!("unsupported XLIFF version {v}")))
                        }
                        None => return Err(err_at(pos, "<xliff> has no version attribute".into())),
                    }
                    continue;
                }
                let v2 = version.as_deref().is_some_and(|v| v.starts_with('2'));
                if let Some((_, buf)) = field.as_mut() {
                    if is_code(&name) {
                        placeholder += 1;
                        let id = attr(e, "id")
                            .or_else(|| attr(e, "i"))
                            .unwrap_or_else(|| placeholder.to_string());
                        if matches!(name.as_str(), "ept" | "ec" | "ex" | "em") {
                            buf.push_str(&format!("{{/{id}}}"));
                        } else {
                            buf.push_str(&format!("{{{id}}}"));
                        }
                        if !empty {
                            code_depth += 1;
                        }
                    }
                    continue;
                }
                match name.as_str() {
                    "file" if !v2 => {
                        src_lang = attr(e, "source-language").unwrap_or_default();
                        tgt_lang = attr(e, "target-language").unwrap_or(tgt_lang.clone());
                    }
                    "alt-trans" | "ignorable" | "originalData" | "notes" if !empty => {
                        depth_alt += 1
                    }
                    "trans-unit" if !v2 && depth_alt == 0 => {
                        unit_pos = pos;
                        pair = Some((attr(e, "id").unwrap_or_default(), None, None));
                    }
                    "unit" if v2 && depth_alt == 0 => {
                        unit_pos = pos;
                        unit_id = Some(attr(e, "id").unwrap_or_default());
                        seg_ids.clear();
                    }
                    "segment" if v2 && depth_alt == 0 => {
                        unit_pos = pos;
                        seg_ids.push(attr(e, "id"));
                        pair = Some((String::new(), None, None));
                    }
                    "source" | "target" if depth_alt == 0 && pair.is_some() => {
                        let f = if name == "source" {
                            Field::Source
                        } else {
                            Field::Target
                        };
                        if empty {
                            store(&mut pair, f, String::new());
                        } else {
                            field = Some((f, String::new()));
                            placeholder = 0;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let name = e.local_name().as_ref().to_string();
                if let Some((f, buf)) = field.as_mut() {
                    let closes = (name == "source" && *f == Field::Source)
                        || (name == "target" && *f == Field::Target);
                    if closes && code_depth == 0 {
                        let (f, buf) = (*f, std::mem::take(buf));
                        field = None;
                        store(&mut pair, f, buf);
                    } else if is_code(&name) {
                        code_depth = code_depth.saturating_sub(1);
                    }
                    continue;
                }
                match name.as_str() {
                    "alt-trans" | "ignorable" | "originalData" | "notes" => {
                        depth_alt = depth_alt.saturating_sub(1)
                    }
                    "trans-unit" | "segment" if depth_alt == 0 => {
                        if let Some((id, src, tgt)) = pair.take() {
                            let Some(src) = src else {
                                return Err(err_at(unit_pos, format!("<{name}> has no <source>")));
                            };
                            let tuid = if name == "segment" {
                                let uid = unit_id.clone().unwrap_or_default();
                                match seg_ids.last().cloned().flatten() {
                                    Some(s) if seg_ids.len() > 1 || s != uid => {
                                        format!("{uid}/{s}")
                                    }
                                    _ => uid,
                                }
                            } else {
                                id
                            };
                            units.push(Unit {
                                src_lang: src_lang.clone(),
                                src,
                                tgt_lang: tgt_lang.clone(),
                                tgt: tgt.unwrap_or_default(),
                                tuid: Some(tuid),
                                ..Unit::default()
                            });
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, buf)) = field.as_mut() {
                    if code_depth == 0 {
                        buf.push_str(&t.xml10_content());
                    }
                }
            }
            Event::CData(t) => {
                if let Some((_, buf)) = field.as_mut() {
                    if code_depth == 0 {
                        buf.push_str(&t.xml10_content());
                    }
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, buf)) = field.as_mut() {
                    if code_depth == 0 {
                        let name = r.xml10_content();
                        match resolve_entity(&name) {
                            Some(c) => buf.push(c),
                            None => {
                                return Err(err_at(pos, format!("unknown entity &{name};")));
                            }
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            message: "no <xliff> element: not an XLIFF file".into(),
        });
    }
    if field.is_some() || pair.is_some() {
        return Err(err_at(
            text.len() as u64,
            "unexpected end of file inside a unit".into(),
        ));
    }
    Ok(units)
}

fn store(pair: &mut Option<(String, Option<String>, Option<String>)>, f: Field, s: String) {
    if let Some((_, src, tgt)) = pair.as_mut() {
        match f {
            Field::Source => *src = Some(s),
            Field::Target => *tgt = Some(s),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Vec<Unit>> {
        parse(Path::new("t.xlf"), s)
    }

    #[test]
    fn xliff_12_pairs_with_inline_codes_and_alt_trans() {
        let x = r#"<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="en-US" target-language="ru-RU" datatype="plaintext" original="a.txt">
  <body>
   <trans-unit id="t1">
    <source>Click <g id="1">Save</g> &amp; wait<x id="2"/>.</source>
    <target>Нажмите <g id="1">Сохранить</g> и ждите<x id="2"/>.</target>
    <alt-trans><source>Old</source><target>Старое</target></alt-trans>
   </trans-unit>
   <trans-unit id="t2"><source>No target yet</source></trans-unit>
   <trans-unit id="t3"><source>A <bpt id="3">&lt;b&gt;</bpt>bold<ept id="3">&lt;/b&gt;</ept> word</source><target/></trans-unit>
  </body>
 </file>
</xliff>"#;
        let u = p(x).unwrap();
        assert_eq!(u.len(), 3);
        assert_eq!(u[0].src, "Click Save & wait{2}.");
        assert_eq!(u[0].tgt, "Нажмите Сохранить и ждите{2}.");
        assert_eq!(
            (u[0].src_lang.as_str(), u[0].tgt_lang.as_str()),
            ("en-US", "ru-RU")
        );
        assert_eq!(u[0].tuid.as_deref(), Some("t1"));
        assert_eq!(u[1].tgt, "");
        assert_eq!(u[2].src, "A {3}bold{/3} word");
        assert_eq!(u[2].tgt, "");
    }

    #[test]
    fn xliff_20_segments() {
        let x = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">
 <file id="f1">
  <unit id="u1">
   <originalData><data id="d1">&lt;br/&gt;</data></originalData>
   <segment id="s1"><source>First <pc id="1">one</pc>.</source><target>Первый.</target></segment>
   <ignorable><source> </source></ignorable>
   <segment id="s2"><source>Second<ph id="2" dataRef="d1"/></source><target>Второй<ph id="2"/></target></segment>
  </unit>
  <unit id="u2"><segment><source>Alone</source></segment></unit>
 </file>
</xliff>"#;
        let u = p(x).unwrap();
        assert_eq!(u.len(), 3, "{u:?}");
        assert_eq!(u[0].src, "First one.");
        assert_eq!(u[0].tuid.as_deref(), Some("u1/s1"));
        assert_eq!(u[1].src, "Second{2}");
        assert_eq!(u[1].tgt, "Второй{2}");
        assert_eq!((u[2].src.as_str(), u[2].tgt.as_str()), ("Alone", ""));
        assert_eq!(u[2].tuid.as_deref(), Some("u2"));
        assert_eq!(u[2].tgt_lang, "ru");
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = p("<xliff version=\"1.2\">\n<file><body><trans-unit id=\"1\"><source>a</sourc>")
            .unwrap_err()
            .to_string();
        assert!(e.contains("t.xlf:2:"), "{e}");
        let e = p("<tmx version=\"1.4\"/>").unwrap_err().to_string();
        assert!(e.contains("expected <xliff>"), "{e}");
        let e = p("<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><target>x</target></trans-unit></body></file></xliff>")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no <source>"), "{e}");
        let e = p("<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a")
            .unwrap_err()
            .to_string();
        assert!(e.contains("t.xlf:1:"), "{e}");
    }
}
