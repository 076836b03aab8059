//! QA profiles: which checks run, how severe their findings are, what to ignore.
//!
//! A profile is a TOML file:
//!
//! ```toml
//! # Checks are on unless switched off; severity overrides the default.
//! [checks.garbled]
//! enabled = false
//! [checks.spelling]
//! severity = "error"
//! [checks.length]                 # options are per check
//! max_ratio = 3.0                  # `length`: max_ratio (2.5), min_ratio (0.4)
//! [checks.inconsistency]
//! alternatives = true              # also check batches of alternative translations
//!
//! [ignore]
//! words = ["Rosatom", "Roskosmos"]   # findings whose text is one of these (any case)
//! regexes = ['^v\d+(\.\d+)*$']       # findings whose text matches one of these
//!
//! [dictionary]
//! words = ["Steinmeier"]             # known to the spelling check
//! file = "words.txt"                 # one word a line, relative to the profile
//!
//! glossary = "glossary.tsv"          # source term TAB target term, for `terminology`
//! ```

use super::{CheckInfo, Finding, Severity, CHECKS};
use crate::{Error, Result};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Settings of one check in a profile.
#[derive(Debug, Clone, Default, Deserialize)]
struct CheckSettings {
    enabled: Option<bool>,
    severity: Option<String>,
    #[serde(flatten)]
    options: toml::Table,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ignore {
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    regexes: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Dictionary {
    #[serde(default)]
    words: Vec<String>,
    file: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    #[serde(default)]
    checks: HashMap<String, CheckSettings>,
    #[serde(default)]
    ignore: Ignore,
    #[serde(default)]
    dictionary: Dictionary,
    glossary: Option<PathBuf>,
}

/// One glossary entry: a source term and the translation it must have, with the stems of
/// their words (computed once, matched against every segment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryEntry {
    /// The term as written in the source language.
    pub src: String,
    /// Its required translation.
    pub tgt: String,
    pub(crate) src_stems: Vec<String>,
    pub(crate) tgt_stems: Vec<String>,
    /// Other terms of the source side (synonyms) and terms never to be used on each side
    /// (deprecated, forbidden), from a termbase; with their stems.
    pub(crate) src_others: Vec<(String, Vec<String>)>,
    pub(crate) tgt_others: Vec<(String, Vec<String>)>,
    pub(crate) src_forbidden: Vec<(String, Vec<String>)>,
    pub(crate) tgt_forbidden: Vec<(String, Vec<String>)>,
}

/// Stems of the words of a term.
fn term_stems(t: &str) -> Vec<String> {
    crate::text::words(t)
        .iter()
        .map(|w| crate::text::stem(w.text))
        .collect()
}

impl GlossaryEntry {
    /// The entry of a termbase concept: its preferred term of the first language that is not
    /// Russian and its preferred Russian term (else its first two languages), with the other
    /// terms of both as synonyms and the forbidden ones; `None` without two such languages.
    pub fn from_concept(c: &crate::formats::termbase::Concept) -> Option<GlossaryEntry> {
        use crate::formats::termbase::Status;
        let langs = c.languages();
        let tgt = if langs.iter().any(|l| l == "ru") {
            "ru".to_string()
        } else {
            langs.get(1)?.clone()
        };
        let src = langs.iter().find(|l| **l != tgt)?.clone();
        let side = |code: &str| {
            let terms = c.terms_in(code);
            let usable: Vec<&str> = terms
                .iter()
                .filter(|t| t.status != Status::Forbidden)
                .map(|t| t.text.as_str())
                .collect();
            let forbidden: Vec<(String, Vec<String>)> = terms
                .iter()
                .filter(|t| t.status == Status::Forbidden)
                .map(|t| (t.text.clone(), term_stems(&t.text)))
                .collect();
            (usable, forbidden)
        };
        let (s, s_forbidden) = side(&src);
        let (t, t_forbidden) = side(&tgt);
        let mut e = GlossaryEntry::new(s.first()?, t.first()?);
        let others = |v: &[&str]| -> Vec<(String, Vec<String>)> {
            v.iter()
                .skip(1)
                .map(|x| (x.to_string(), term_stems(x)))
                .collect()
        };
        e.src_others = others(&s);
        e.tgt_others = others(&t);
        e.src_forbidden = s_forbidden;
        e.tgt_forbidden = t_forbidden;
        Some(e)
    }

    /// An entry for the term `src` translated as `tgt`.
    pub fn new(src: &str, tgt: &str) -> GlossaryEntry {
        GlossaryEntry {
            src: src.to_string(),
            tgt: tgt.to_string(),
            src_stems: term_stems(src),
            tgt_stems: term_stems(tgt),
            src_others: Vec::new(),
            tgt_others: Vec::new(),
            src_forbidden: Vec::new(),
            tgt_forbidden: Vec::new(),
        }
    }
}

/// Old check ids and the ids they go by now.
const RENAMED: &[(&str, &str)] = &[("double_space", "whitespace")];

/// A loaded QA profile; [`Profile::default`] runs every check with its default severity.
#[derive(Debug, Default)]
pub struct Profile {
    checks: HashMap<String, CheckSettings>,
    ignore_words: HashSet<String>,
    ignore_regexes: Vec<fancy_regex::Regex>,
    /// Words the spelling check accepts (lower case).
    pub user_words: HashSet<String>,
    /// Terms the `terminology` check enforces.
    pub glossary: Vec<GlossaryEntry>,
}

fn parse_severity(s: &str) -> Option<Severity> {
    match s {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "review" => Some(Severity::Review),
        _ => None,
    }
}

impl Profile {
    /// Reads a profile file; errors name the file and, for TOML errors, the line and column.
    pub fn load(path: &Path) -> Result<Profile> {
        let text = crate::formats::read_text_file(path)?;
        Profile::parse(path, &text)
    }

    /// Parses profile text read from `path` (the path labels errors and anchors relative
    /// file names).
    pub fn parse(path: &Path, text: &str) -> Result<Profile> {
        let bad = |message: String| Error::BadInput {
            path: path.to_path_buf(),
            message,
        };
        let file: ProfileFile = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| crate::formats::line_col_bytes(text.as_bytes(), s.start))
                .unwrap_or((1, 1));
            Error::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        let mut file = file;
        // Checks renamed since profiles were first written keep answering to the old id.
        for (old, new) in RENAMED {
            if let Some(settings) = file.checks.remove(*old) {
                file.checks.entry(new.to_string()).or_insert(settings);
            }
        }
        for (id, s) in &file.checks {
            if !CHECKS.iter().any(|c| c.id == id) {
                let known: Vec<&str> = CHECKS.iter().map(|c| c.id).collect();
                return Err(bad(format!(
                    "unknown check `{id}` (checks: {})",
                    known.join(", ")
                )));
            }
            if let Some(sev) = &s.severity {
                if parse_severity(sev).is_none() {
                    return Err(bad(format!(
                        "check `{id}`: severity `{sev}` is not one of error, warning, review"
                    )));
                }
            }
        }
        let mut ignore_regexes = Vec::new();
        for r in &file.ignore.regexes {
            ignore_regexes.push(
                fancy_regex::Regex::new(r).map_err(|e| bad(format!("ignore regex `{r}`: {e}")))?,
            );
        }
        let base = path.parent().unwrap_or(Path::new("."));
        let mut user_words: HashSet<String> = file
            .dictionary
            .words
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        if let Some(f) = &file.dictionary.file {
            let words = crate::formats::read_text_file(&base.join(f))?;
            user_words.extend(
                words
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_lowercase),
            );
        }
        let glossary = match &file.glossary {
            Some(g) => read_glossary(&base.join(g))?,
            None => Vec::new(),
        };
        Ok(Profile {
            checks: file.checks,
            ignore_words: file.ignore.words.iter().map(|w| w.to_lowercase()).collect(),
            ignore_regexes,
            user_words,
            glossary,
        })
    }

    /// Whether the check `id` runs.
    pub fn enabled(&self, id: &str) -> bool {
        self.checks.get(id).and_then(|s| s.enabled).unwrap_or(true)
    }

    /// The severity findings of `info` get.
    pub fn severity(&self, info: &CheckInfo) -> Severity {
        self.checks
            .get(info.id)
            .and_then(|s| s.severity.as_deref())
            .and_then(parse_severity)
            .unwrap_or(info.severity)
    }

    /// A numeric option of a check, or `default`.
    pub fn number(&self, id: &str, key: &str, default: f64) -> f64 {
        self.checks
            .get(id)
            .and_then(|s| s.options.get(key))
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
            .unwrap_or(default)
    }

    /// A yes/no option of a check, or `default`.
    pub fn flag(&self, id: &str, key: &str, default: bool) -> bool {
        self.checks
            .get(id)
            .and_then(|s| s.options.get(key))
            .and_then(|v| v.as_bool())
            .unwrap_or(default)
    }

    /// True when the profile says to drop `f` (its text is an ignored word or matches an
    /// ignored pattern).
    pub fn ignores(&self, f: &Finding) -> bool {
        (!self.ignore_words.is_empty() && self.ignore_words.contains(&f.text.to_lowercase()))
            || self
                .ignore_regexes
                .iter()
                .any(|r| r.is_match(&f.text).unwrap_or(false))
    }

    /// Adds the entries of a glossary file (see [`read_glossary`]).
    pub fn add_glossary(&mut self, path: &Path) -> Result<()> {
        self.glossary.extend(read_glossary(path)?);
        Ok(())
    }
}

/// Reads a glossary: a termbase (`.tbx`: TBX v2 or v3; `.csv`, or a tab-separated file whose
/// first row names the languages, see `formats::termbase`), or `source term TAB target term` a
/// line; `#` starts a comment line, and a first line naming the languages (`en TAB ru`) is
/// skipped.
pub fn read_glossary(path: &Path) -> Result<Vec<GlossaryEntry>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let table_with_languages = ext != "tbx" && ext != "csv" && {
        let text = crate::formats::read_text_file(path)?;
        let first = text
            .lines()
            .find(|l| !l.trim().is_empty() && !l.starts_with('#'));
        first.is_some_and(|l| {
            l.split('\t').count() > 2
                || l.to_ascii_lowercase().contains("forbidden")
                || text.contains('|')
        })
    };
    if ext == "tbx" || ext == "csv" || table_with_languages {
        let concepts = crate::formats::termbase::read(path)?;
        return Ok(concepts
            .iter()
            .filter_map(GlossaryEntry::from_concept)
            .collect());
    }
    let text = crate::formats::read_text_file(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((s, t)) = line.split_once('\t') else {
            let (line, column) = (i + 1, 1);
            return Err(Error::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: "expected `source term<TAB>target term`".into(),
            });
        };
        let (s, t) = (s.trim(), t.trim());
        if i == 0
            && crate::text::Lang::from_code(s).is_some()
            && crate::text::Lang::from_code(t).is_some()
        {
            continue;
        }
        if !s.is_empty() && !t.is_empty() {
            out.push(GlossaryEntry::new(s, t));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_settings_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("words.txt"), "# mine\nRosatom\n").unwrap();
        std::fs::write(
            dir.path().join("g.tsv"),
            "en\tru\nsecurity council\tсовет безопасности\n",
        )
        .unwrap();
        let p = dir.path().join("p.toml");
        let text = "glossary = \"g.tsv\"\n[checks.garbled]\nenabled = false\n[checks.spelling]\nseverity = \"error\"\n[checks.length]\nmax_ratio = 3\n[ignore]\nwords = [\"Foo\"]\nregexes = ['^v\\d+$']\n[dictionary]\nwords = [\"Steinmeier\"]\nfile = \"words.txt\"\n";
        let prof = Profile::parse(&p, text).unwrap();
        assert!(!prof.enabled("garbled"));
        let renamed = Profile::parse(&p, "[checks.double_space]\nenabled = false\n").unwrap();
        assert!(!renamed.enabled("whitespace"));
        assert!(prof.enabled("spelling"));
        let spelling = CHECKS.iter().find(|c| c.id == "spelling").unwrap();
        assert_eq!(prof.severity(spelling), Severity::Error);
        assert_eq!(prof.number("length", "max_ratio", 2.0), 3.0);
        assert_eq!(prof.number("length", "min_ratio", 0.5), 0.5);
        assert!(prof.user_words.contains("steinmeier") && prof.user_words.contains("rosatom"));
        assert_eq!(prof.glossary.len(), 1);
        let f = |t: &str| Finding {
            segment: 0,
            unit: 0,
            side: super::super::SideId::Tgt,
            check: "spelling",
            severity: Severity::Error,
            start: 0,
            end: 1,
            text: t.into(),
            message: String::new(),
            suggestion: None,
        };
        assert!(prof.ignores(&f("foo")) && prof.ignores(&f("v12")));
        assert!(!prof.ignores(&f("v1.2")));

        let e = Profile::parse(&p, "[checks.nope]\nenabled = true\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown check `nope`"), "{e}");
        let e = Profile::parse(&p, "[checks.spelling]\nseverity = \"fatal\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("fatal"), "{e}");
        let e = Profile::parse(&p, "[checks.spelling\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("p.toml:1:"), "{e}");
        let e = Profile::parse(&p, "[ignore]\nregexes = ['(']\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("ignore regex"), "{e}");
    }
}
