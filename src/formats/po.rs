//! Gettext PO files: which messages are translated, and how.
//!
//! An entry is `msgctxt`? `msgid` `msgid_plural`? `msgstr` / `msgstr[N]`, each string possibly
//! continued on the following `"…"` lines (C escapes `\n \t \" \\`). The header entry (empty
//! `msgid`) gives the target language (`Language:`) and is not a message; obsolete entries
//! (`#~`) are left out; `#, fuzzy` marks a draft. A plural message gives one pair per form: the
//! singular with `msgstr[0]`, the plural with every other form. Errors name the file, line and
//! column.

use crate::{Error, Result};
use std::path::Path;

/// One message of a PO file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    /// 1-based line of its `msgid`.
    pub line: usize,
    /// `msgctxt`, if any.
    pub context: Option<String>,
    /// The source text (`msgid`).
    pub id: String,
    /// The plural source (`msgid_plural`), if any.
    pub plural: Option<String>,
    /// The translations: `msgstr`, or `msgstr[0]`, `msgstr[1]` … in order.
    pub strs: Vec<String>,
    /// Marked `#, fuzzy`.
    pub fuzzy: bool,
}

/// A parsed PO file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The header's `Language:` (BCP 47 case), if any.
    pub language: Option<String>,
    /// Whether the file had a header entry.
    pub has_header: bool,
    /// Messages in file order (the header left out).
    pub messages: Vec<Message>,
}

impl Message {
    /// Its (source, target) pairs: the singular with the first form, the plural with the
    /// others; untranslated forms are left out.
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        self.strs
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.is_empty())
            .map(|(i, s)| match (&self.plural, i) {
                (Some(p), i) if i > 0 => (p.as_str(), s.as_str()),
                _ => (self.id.as_str(), s.as_str()),
            })
            .collect()
    }
}

/// Reads a PO file (UTF-8).
pub fn read(path: &Path) -> Result<Catalog> {
    let text = super::read_text_file(path)?;
    parse(path, &text)
}

/// Which string a continuation line adds to.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Ctxt,
    Id,
    Plural,
    Str(usize),
}

/// Parses PO text read from `path` (the path only labels errors).
pub fn parse(path: &Path, text: &str) -> Result<Catalog> {
    let err = |line: usize, column: usize, message: String| Error::Parse {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let mut cat = Catalog::default();
    let mut cur: Option<Message> = None;
    let mut field: Option<Field> = None;
    let mut fuzzy = false;
    let finish = |cat: &mut Catalog, m: Option<Message>| {
        let Some(m) = m else { return };
        if m.id.is_empty() && m.context.is_none() {
            cat.has_header = true;
            let header = m.strs.first().cloned().unwrap_or_default();
            cat.language = header.lines().find_map(|l| {
                l.strip_prefix("Language:")
                    .map(|v| super::lang::normalize(v.trim()))
                    .filter(|v| !v.is_empty())
            });
        } else {
            cat.messages.push(m);
        }
    };
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if comment.starts_with('~') {
                continue;
            }
            if cur.as_ref().is_some_and(|m| !m.strs.is_empty()) {
                finish(&mut cat, cur.take());
                field = None;
            }
            if let Some(flags) = comment.strip_prefix(',') {
                fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            }
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        if line.starts_with('"') {
            let s = unquote(line).map_err(|(c, m)| err(line_no, indent + c + 1, m))?;
            let (Some(m), Some(f)) = (cur.as_mut(), field) else {
                return Err(err(line_no, indent + 1, "a string outside an entry".into()));
            };
            match f {
                Field::Ctxt => m.context.get_or_insert_with(String::new).push_str(&s),
                Field::Id => m.id.push_str(&s),
                Field::Plural => m.plural.get_or_insert_with(String::new).push_str(&s),
                Field::Str(i) => m.strs[i].push_str(&s),
            }
            continue;
        }
        let (keyword, rest) = line
            .split_once(|c: char| c.is_whitespace())
            .ok_or_else(|| err(line_no, indent + 1, format!("unexpected line: {line}")))?;
        let value_col = indent + keyword.len() + 2;
        let s = unquote(rest.trim()).map_err(|(c, m)| err(line_no, value_col + c, m))?;
        let starts_entry = matches!(keyword, "msgctxt" | "msgid");
        if starts_entry && cur.as_ref().is_some_and(|m| !m.strs.is_empty()) {
            finish(&mut cat, cur.take());
        }
        if keyword == "msgctxt" || (keyword == "msgid" && cur.is_none()) {
            cur = Some(Message {
                line: line_no,
                fuzzy: std::mem::take(&mut fuzzy),
                ..Message::default()
            });
        }
        let Some(m) = cur.as_mut() else {
            return Err(err(line_no, indent + 1, format!("{keyword} before msgid")));
        };
        field = Some(match keyword {
            "msgctxt" => {
                m.context = Some(s);
                Field::Ctxt
            }
            "msgid" => {
                m.line = line_no;
                m.id = s;
                Field::Id
            }
            "msgid_plural" => {
                m.plural = Some(s);
                Field::Plural
            }
            "msgstr" => {
                m.strs.push(s);
                Field::Str(m.strs.len() - 1)
            }
            k if k.starts_with("msgstr[") && k.ends_with(']') => {
                m.strs.push(s);
                Field::Str(m.strs.len() - 1)
            }
            k => return Err(err(line_no, indent + 1, format!("unknown keyword {k}"))),
        });
    }
    finish(&mut cat, cur.take());
    Ok(cat)
}

/// The content of a C string literal `"…"`; errors give a 0-based column within it.
fn unquote(s: &str) -> std::result::Result<String, (usize, String)> {
    let inner = s
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .filter(|_| s.len() >= 2)
        .ok_or((0, "expected a string in double quotes".to_string()))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '"' {
            return Err((i + 1, "unescaped double quote".into()));
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next().map(|(_, e)| e) {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('a') => out.push('\u{7}'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('v') => out.push('\u{b}'),
            Some(e) => return Err((i + 1, format!("unknown escape \\{e}"))),
            None => return Err((i + 1, "a backslash at the end of the string".into())),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_plurals_fuzzy_and_continuations() {
        let po = r#"# A catalog
msgid ""
msgstr ""
"Project-Id-Version: demo\n"
"Language: ru_RU\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 1);\n"

#: main.c:10
msgid "Open the \"file\""
msgstr "Откройте «файл»"

#, fuzzy, c-format
msgctxt "menu"
msgid "Save"
msgstr "Сохранить"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
msgstr[2] "%d файлов"

msgid "Not yet"
msgstr ""

#~ msgid "Old"
#~ msgstr "Старое"
msgid "Long "
"line"
msgstr "Длинная "
"строка"
"#;
        let c = parse(Path::new("a.po"), po).unwrap();
        assert!(c.has_header);
        assert_eq!(c.language.as_deref(), Some("ru-RU"));
        assert_eq!(c.messages.len(), 5, "{:?}", c.messages);
        assert_eq!(
            c.messages[0].pairs(),
            [("Open the \"file\"", "Откройте «файл»")]
        );
        assert!(!c.messages[0].fuzzy);
        assert!(c.messages[1].fuzzy);
        assert_eq!(c.messages[1].context.as_deref(), Some("menu"));
        assert_eq!(
            c.messages[2].pairs(),
            [
                ("%d file", "%d файл"),
                ("%d files", "%d файла"),
                ("%d files", "%d файлов")
            ]
        );
        assert!(c.messages[3].pairs().is_empty());
        assert_eq!(c.messages[4].pairs(), [("Long line", "Длинная строка")]);
    }

    #[test]
    fn malformed_lines_name_line_and_column() {
        for (po, at) in [
            ("msgid \"a\"\nmsgstr \"b\n", "a.po:2:8"),
            ("msgid \"a\"\nmsgstr \"b\\q\"\n", "a.po:2:"),
            ("msgstr \"b\"\n", "a.po:1:1"),
            ("msgid \"a\"\nbogus \"b\"\n", "a.po:2:1"),
        ] {
            let e = parse(Path::new("a.po"), po).unwrap_err().to_string();
            assert!(e.starts_with(at), "{po:?}: {e}");
        }
    }
}
