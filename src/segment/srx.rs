//! SRX 2.0: segmentation rules exchanged between CAT tools (OmegaT, Okapi, Trados).
//!
//! A rule says whether a break is allowed (`break="yes"`) or forbidden (`break="no"`) at a
//! position where text matching `<beforebreak>` ends and text matching `<afterbreak>` starts.
//! At each position the first matching rule decides. Language maps choose the rules by
//! language code; with `cascade="yes"` every matching map contributes, in order.
//!
//! The break position is the end of the whole `<beforebreak>` match, whatever capturing groups
//! the expression contains. Java regular-expression syntax used by SRX files (`\Q…\E`, `\h`,
//! `\v`, `\uXXXX`) is translated to the syntax of the `fancy-regex` engine.

use crate::{Error, Result};
use fancy_regex::Regex;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// One rule as written in the file.
#[derive(Debug, Clone)]
struct RawRule {
    allow_break: bool,
    before: String,
    after: String,
    line: usize,
}

/// A parsed SRX document.
#[derive(Debug, Clone)]
pub struct SrxDocument {
    path: std::path::PathBuf,
    cascade: bool,
    rules: HashMap<String, Vec<RawRule>>,
    maps: Vec<(String, String, usize)>,
}

/// Compiled rules for one language.
pub struct SrxRules {
    rules: Vec<(bool, Regex)>,
}

impl SrxDocument {
    /// Reads and parses an SRX file.
    pub fn read(path: &Path) -> Result<SrxDocument> {
        let text = crate::formats::read_text_file(path)?;
        Self::parse(path, &text)
    }

    /// Parses SRX text read from `path` (the path labels errors).
    pub fn parse(path: &Path, text: &str) -> Result<SrxDocument> {
        let mut reader = Reader::from_str(text);
        reader.config_mut().trim_text(false);
        let err_at =
            |pos: u64, message: String| crate::formats::parse_error_at(path, text, pos, message);
        let mut doc = SrxDocument {
            path: path.to_path_buf(),
            cascade: true,
            rules: HashMap::new(),
            maps: Vec::new(),
        };
        let mut current_rules: Option<String> = None;
        let mut rule: Option<RawRule> = None;
        let mut field: Option<&'static str> = None;
        let mut saw_root = false;
        let mut depth = 0usize;
        loop {
            let pos = reader.buffer_position();
            let event = reader
                .read_event()
                .map_err(|e| err_at(reader.error_position(), format!("malformed XML: {e}")))?;
            let attr = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> Option<String> {
                e.attributes().flatten().find_map(|a| {
                    (a.key.local_name().as_ref() == name).then(|| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map(|v| v.into_owned())
                            .unwrap_or_default()
                    })
                })
            };
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let name = e.local_name().as_ref().to_string();
                    match name.as_str() {
                        "srx" => saw_root = true,
                        "header" => {
                            doc.cascade = attr(e, "cascade").is_none_or(|v| v != "no");
                        }
                        "languagerule" => {
                            let n = attr(e, "languagerulename").ok_or_else(|| {
                                err_at(pos, "<languagerule> without languagerulename".into())
                            })?;
                            doc.rules.entry(n.clone()).or_default();
                            current_rules = Some(n);
                        }
                        "rule" => {
                            let (line, _) =
                                crate::formats::line_col_bytes(text.as_bytes(), pos as usize);
                            rule = Some(RawRule {
                                allow_break: attr(e, "break").is_none_or(|v| v != "no"),
                                before: String::new(),
                                after: String::new(),
                                line,
                            });
                        }
                        "beforebreak" => field = Some("before"),
                        "afterbreak" => field = Some("after"),
                        "languagemap" => {
                            let pattern = attr(e, "languagepattern").ok_or_else(|| {
                                err_at(pos, "<languagemap> without languagepattern".into())
                            })?;
                            let target = attr(e, "languagerulename").ok_or_else(|| {
                                err_at(pos, "<languagemap> without languagerulename".into())
                            })?;
                            let (line, _) =
                                crate::formats::line_col_bytes(text.as_bytes(), pos as usize);
                            doc.maps.push((pattern, target, line));
                        }
                        _ => {}
                    }
                    if matches!(event, Event::Start(_)) {
                        depth += 1;
                    }
                    if matches!(event, Event::Empty(_)) {
                        if name == "rule" {
                            push_rule(&mut doc, &current_rules, rule.take());
                        }
                        if name == "beforebreak" || name == "afterbreak" {
                            field = None;
                        }
                    }
                }
                Event::End(ref e) => {
                    depth = depth.saturating_sub(1);
                    match e.local_name().as_ref() {
                        "rule" => push_rule(&mut doc, &current_rules, rule.take()),
                        "beforebreak" | "afterbreak" => field = None,
                        "languagerule" => current_rules = None,
                        _ => {}
                    }
                }
                Event::Text(ref t) => {
                    if let (Some(f), Some(r)) = (field, rule.as_mut()) {
                        let content = t.xml10_content();
                        if f == "before" {
                            r.before.push_str(&content);
                        } else {
                            r.after.push_str(&content);
                        }
                    }
                }
                Event::GeneralRef(ref g) => {
                    if let (Some(f), Some(r)) = (field, rule.as_mut()) {
                        let resolved = match g.resolve_char_ref() {
                            Ok(Some(c)) => c.to_string(),
                            _ => quick_xml::escape::resolve_predefined_entity(&g.xml10_content())
                                .unwrap_or_default()
                                .to_string(),
                        };
                        if f == "before" {
                            r.before.push_str(&resolved);
                        } else {
                            r.after.push_str(&resolved);
                        }
                    }
                }
                Event::Eof => {
                    if depth > 0 {
                        return Err(err_at(
                            text.len() as u64,
                            "unexpected end of file: an element is not closed".into(),
                        ));
                    }
                    break;
                }
                _ => {}
            }
        }
        if !saw_root {
            return Err(err_at(0, "not an SRX document: no <srx> element".into()));
        }
        Ok(doc)
    }

    /// Compiles the rules that apply to `lang` (a language code such as `en` or `ru-RU`).
    pub fn rules_for(&self, lang: &str) -> Result<SrxRules> {
        let mut rules = Vec::new();
        for (pattern, target, line) in &self.maps {
            let re = Regex::new(&format!("^(?:{})$", java_to_rust(pattern))).map_err(|e| {
                Error::Parse {
                    path: self.path.clone(),
                    line: *line,
                    column: 1,
                    message: format!("bad languagepattern: {e}"),
                }
            })?;
            if !re.is_match(lang).unwrap_or(false) {
                continue;
            }
            for r in self.rules.get(target).map(Vec::as_slice).unwrap_or(&[]) {
                let before = java_to_rust(&r.before);
                let after = java_to_rust(&r.after);
                let src = match (before.is_empty(), after.is_empty()) {
                    (false, false) => format!("(?:{before})(?={after})"),
                    (false, true) => format!("(?:{before})"),
                    (true, false) => format!("(?={after})"),
                    (true, true) => continue,
                };
                let re = Regex::new(&src).map_err(|e| Error::Parse {
                    path: self.path.clone(),
                    line: r.line,
                    column: 1,
                    message: format!("rule cannot be compiled: {e}"),
                })?;
                rules.push((r.allow_break, re));
            }
            if !self.cascade {
                break;
            }
        }
        Ok(SrxRules { rules })
    }
}

fn push_rule(doc: &mut SrxDocument, current: &Option<String>, rule: Option<RawRule>) {
    if let (Some(name), Some(r)) = (current, rule) {
        doc.rules.entry(name.clone()).or_default().push(r);
    }
}

impl SrxRules {
    /// Byte ranges of the segments of `text`, trimmed of surrounding whitespace.
    pub fn split(&self, text: &str) -> Vec<Range<usize>> {
        let mut decided: HashMap<usize, bool> = HashMap::new();
        for (allow, re) in &self.rules {
            let mut from = 0;
            while from <= text.len() {
                let Ok(Some(m)) = re.find_from_pos(text, from) else {
                    break;
                };
                decided.entry(m.end()).or_insert(*allow);
                // Next search from the char after this match's start, so that overlapping
                // contexts are seen too.
                from = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
        let mut cuts: Vec<usize> = decided
            .into_iter()
            .filter(|&(p, allow)| allow && p > 0 && p < text.len())
            .map(|(p, _)| p)
            .collect();
        cuts.sort_unstable();
        let mut out = Vec::new();
        let mut start = 0;
        for p in cuts.into_iter().chain(std::iter::once(text.len())) {
            let piece = &text[start..p];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            if start + lead < p - trail {
                out.push(start + lead..p - trail);
            }
            start = p;
        }
        out
    }
}

/// Translates Java regular-expression syntax used in SRX files to fancy-regex syntax.
pub fn java_to_rust(java: &str) -> String {
    let mut out = String::with_capacity(java.len());
    let mut chars = java.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Q') => {
                // \Q…\E quotes a literal.
                let mut lit = String::new();
                while let Some(d) = chars.next() {
                    if d == '\\' && chars.peek() == Some(&'E') {
                        chars.next();
                        break;
                    }
                    lit.push(d);
                }
                out.push_str(&fancy_regex::escape(&lit));
            }
            Some('E') => {}
            Some('h') => {
                out.push_str(r"[\t \xA0\u{1680}\u{180E}\u{2000}-\u{200A}\u{202F}\u{205F}\u{3000}]")
            }
            Some('v') => out.push_str(r"[\n\x0B\x0C\r\x85\u{2028}\u{2029}]"),
            Some('u') => {
                let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                out.push_str(&format!(r"\x{{{hex}}}"));
            }
            Some(d) => {
                out.push('\\');
                out.push(d);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRX: &str = r#"<?xml version="1.0"?>
<srx version="2.0"><header cascade="yes"/><body><languagerules>
<languagerule languagerulename="En">
  <rule break="no"><beforebreak>\b(Mr|Dr)\.</beforebreak><afterbreak>\s</afterbreak></rule>
  <rule break="yes"><beforebreak>([a-z])[.?!]+</beforebreak><afterbreak>\s+\p{Lu}</afterbreak></rule>
  <rule break="yes"><beforebreak>\Q...\E</beforebreak><afterbreak>\h</afterbreak></rule>
</languagerule>
</languagerules><maprules>
<languagemap languagepattern="(EN|en).*" languagerulename="En"/>
</maprules></body></srx>"#;

    fn split<'a>(rules: &SrxRules, t: &'a str) -> Vec<&'a str> {
        rules.split(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn first_matching_rule_decides_and_groups_do_not_move_the_break() {
        let doc = SrxDocument::parse(Path::new("t.srx"), SRX).unwrap();
        let rules = doc.rules_for("en-US").unwrap();
        assert_eq!(
            split(&rules, "Mr. Smith came. He left! Then what"),
            ["Mr. Smith came.", "He left!", "Then what"]
        );
        assert_eq!(split(&rules, "Wait... then"), ["Wait...", "then"]);
        // No map for Russian: no rules, one segment.
        let ru = doc.rules_for("ru").unwrap();
        assert_eq!(split(&ru, "Да. Нет."), ["Да. Нет."]);
    }

    #[test]
    fn bad_files_are_reported() {
        let e = SrxDocument::parse(Path::new("b.srx"), "<srx><body>").unwrap_err();
        assert!(e.to_string().starts_with("b.srx:"), "{e}");
        let bad = SRX.replace(r"\b(Mr|Dr)\.", r"(unclosed");
        let doc = SrxDocument::parse(Path::new("b.srx"), &bad).unwrap();
        let e = doc.rules_for("en").err().unwrap().to_string();
        assert!(e.starts_with("b.srx:4:"), "{e}");
    }

    #[test]
    fn java_syntax_is_translated() {
        assert_eq!(java_to_rust(r"\Q.*\E"), r"\.\*");
        assert_eq!(java_to_rust(r"\u00A0"), r"\x{00A0}");
    }
}
