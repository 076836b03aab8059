//! TSV: one pair per line, `source TAB target`. An optional first line of two language codes
//! (`en<TAB>ru`) names the languages; otherwise they are detected from the script.

use super::Unit;
use crate::text::{detect_lang, Lang};
use crate::{Error, Result};
use std::path::Path;

/// A row of a TSV file: its 0-based number among the data rows and its two columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line in the file.
    pub line: usize,
    /// First column.
    pub src: String,
    /// Second column (empty when the line has no tab).
    pub tgt: String,
}

/// A parsed TSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Language codes from the header line, if there was one.
    pub langs: Option<(String, String)>,
    /// Data rows in file order.
    pub rows: Vec<Row>,
}

fn is_lang_code(s: &str) -> bool {
    let s = s.trim();
    (2..=8).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_')
        && s.chars().take(2).all(|c| c.is_ascii_lowercase())
}

/// Parses TSV text read from `path`. Lines without a tab are rows with an empty target when
/// `lenient`, errors otherwise.
pub fn parse(path: &Path, text: &str, lenient: bool) -> Result<Table> {
    let mut langs = None;
    let mut rows = Vec::new();
    let lines: Vec<&str> = text.split('\n').collect();
    let count = lines.len();
    for (i, line) in lines.into_iter().enumerate() {
        let line_no = i + 1;
        if i + 1 == count && line.is_empty() {
            break;
        }
        let (src, tgt) = match line.split_once('\t') {
            Some((a, b)) => (a, b),
            None if lenient => (line, ""),
            None => {
                return Err(Error::Parse {
                    path: path.to_path_buf(),
                    line: line_no,
                    column: line.chars().count() + 1,
                    message: "expected two columns separated by a tab".into(),
                })
            }
        };
        if tgt.contains('\t') {
            return Err(Error::Parse {
                path: path.to_path_buf(),
                line: line_no,
                column: src.chars().count()
                    + tgt.find('\t').map_or(0, |b| tgt[..b].chars().count())
                    + 2,
                message: "more than two columns".into(),
            });
        }
        if i == 0 && is_lang_code(src) && is_lang_code(tgt) {
            langs = Some((super::lang::normalize(src), super::lang::normalize(tgt)));
            continue;
        }
        rows.push(Row {
            line: line_no,
            src: unquote(src),
            tgt: unquote(tgt),
        });
    }
    Ok(Table { langs, rows })
}

/// A field as spreadsheet and CSV-library exports write it: `"…"` around a text with its inner
/// quotes doubled. Such a field is unquoted; any other field is taken as it is.
fn unquote(field: &str) -> String {
    let inner = match field.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        Some(inner) if field.len() >= 2 => inner,
        _ => return field.to_string(),
    };
    // Every quote inside must be doubled, or the field was not quoted this way.
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            if chars.peek() == Some(&'"') {
                chars.next();
            } else {
                return field.to_string();
            }
        }
        out.push(c);
    }
    out
}

/// Reads a TSV file of pairs into units (strict: every line needs two columns).
pub fn read(path: &Path) -> Result<Vec<Unit>> {
    let text = super::read_text_file(path)?;
    let table = parse(path, &text, false)?;
    Ok(to_units(&table))
}

/// Turns table rows into units, taking languages from the header or the script of each column.
pub fn to_units(table: &Table) -> Vec<Unit> {
    let guess = |t: &str, other: Lang| detect_lang(t).unwrap_or(other);
    table
        .rows
        .iter()
        .map(|r| {
            let (src_lang, tgt_lang) = match &table.langs {
                Some((a, b)) => (a.clone(), b.clone()),
                None => (
                    guess(&r.src, Lang::En).code().to_string(),
                    guess(&r.tgt, Lang::Ru).code().to_string(),
                ),
            };
            Unit {
                src_lang,
                src: r.src.clone(),
                tgt_lang,
                tgt: r.tgt.clone(),
                note: None,
                ..Unit::default()
            }
        })
        .collect()
}

/// Reads a CSV file of pairs (RFC 4180 quoting; two columns; optional header of two language
/// codes) into units; errors name the line.
pub fn read_csv(path: &Path) -> Result<Vec<Unit>> {
    let text = super::read_text_file(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut langs = None;
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            Error::Parse {
                path: path.to_path_buf(),
                line,
                column: 1,
                message: format!("bad CSV: {e}"),
            }
        })?;
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        if record.len() != 2 {
            return Err(Error::Parse {
                path: path.to_path_buf(),
                line,
                column: 1,
                message: format!("expected two columns, found {}", record.len()),
            });
        }
        let (a, b) = (&record[0], &record[1]);
        if i == 0 && is_lang_code(a) && is_lang_code(b) {
            langs = Some((super::lang::normalize(a), super::lang::normalize(b)));
            continue;
        }
        rows.push(Row {
            line,
            src: a.to_string(),
            tgt: b.to_string(),
        });
    }
    Ok(to_units(&Table { langs, rows }))
}

/// Writes units as TSV with a language header; tabs and line breaks inside texts become spaces.
/// A text in double quotes of its own (`"Done"`) is quoted once more, its quotes doubled, so
/// that reading it back (which unquotes spreadsheet exports) keeps its quotes.
pub fn write(units: &[Unit]) -> String {
    let clean = |s: &str| {
        let s = s.replace(['\t', '\n', '\r'], " ");
        if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    let mut out = String::new();
    if let Some(u) = units.first() {
        out.push_str(&format!("{}\t{}\n", u.src_lang, u.tgt_lang));
    }
    for u in units {
        out.push_str(&clean(&u.src));
        out.push('\t');
        out.push_str(&clean(&u.tgt));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn texts_in_quotes_keep_their_quotes_through_write_and_parse() {
        let unit = |src: &str, tgt: &str| Unit {
            src_lang: "en".into(),
            src: src.into(),
            tgt_lang: "ru".into(),
            tgt: tgt.into(),
            ..Unit::default()
        };
        let units = [
            unit("\"Done\"", "«Готово»"),
            unit("\"", "say \"hi\""),
            unit("\"\"", "x"),
        ];
        let back = parse(Path::new("t.tsv"), &write(&units), false).unwrap();
        let texts: Vec<(&str, &str)> = back
            .rows
            .iter()
            .map(|r| (r.src.as_str(), r.tgt.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                ("\"Done\"", "«Готово»"),
                ("\"", "say \"hi\""),
                ("\"\"", "x")
            ]
        );
    }

    use super::*;

    #[test]
    fn header_and_rows() {
        let t = parse(Path::new("a.tsv"), "en\tru\nHello\tПривет\n", false).unwrap();
        assert_eq!(t.langs, Some(("en".into(), "ru".into())));
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 2);
        let u = to_units(&t);
        assert_eq!(u[0].tgt, "Привет");
    }

    #[test]
    fn quoted_fields_are_unquoted() {
        let t = parse(
            Path::new("a.tsv"),
            "\"a list of \"\"travel corridor\"\" nations\"\t«коридор»\n\"Hi\" he said\tx\n",
            false,
        )
        .unwrap();
        assert_eq!(t.rows[0].src, "a list of \"travel corridor\" nations");
        assert_eq!(t.rows[1].src, "\"Hi\" he said");
    }

    #[test]
    fn strict_needs_a_tab() {
        let e = parse(Path::new("a.tsv"), "Hello\tПривет\nbroken line\n", false)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("a.tsv:2:"), "{e}");
        assert!(parse(Path::new("a.tsv"), "only\n", true).is_ok());
    }

    #[test]
    fn csv_with_quotes_and_header() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        std::fs::write(
            &p,
            "en,ru\n\"Open, then close\",\"Откройте, затем закройте\"\n",
        )
        .unwrap();
        let u = read_csv(&p).unwrap();
        assert_eq!(u.len(), 1);
        assert_eq!(
            (u[0].src.as_str(), u[0].tgt_lang.as_str()),
            ("Open, then close", "ru")
        );
        std::fs::write(&p, "a,b\nonly one column\n").unwrap();
        let e = read_csv(&p).unwrap_err().to_string();
        assert!(e.contains("a.csv:2:"), "{e}");
    }

    #[test]
    fn languages_guessed_from_script() {
        let t = parse(Path::new("a.tsv"), "Привет\tHello\n", false).unwrap();
        let u = to_units(&t);
        assert_eq!(
            (u[0].src_lang.as_str(), u[0].tgt_lang.as_str()),
            ("ru", "en")
        );
    }
}
