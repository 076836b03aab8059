//! Markup: which parts of a text are not prose?
//!
//! Software strings and files from CAT tools carry code inside their sentences: placeholders
//! (printf `%s` `%1$d` `%.2f`, Python `%(name)s` `{name}`, .NET/ICU `{0}` `{count, plural, …}`,
//! templates `$VAR` `${var}` `{{var}}` `%VAR%`, Qt `%1`, the `{1}`…`{/1}` the TMX and XLIFF
//! readers make of inline codes), markup (HTML/XML tags, entities), and other code: URLs,
//! e-mail addresses, file paths, command-line options, identifiers (`snake_case`,
//! `camelCase`, `os.path`, `open()`, `key=value`, `0x1F`), code in backticks, key
//! combinations (`Ctrl+S`) and menu accelerators (`_Open`).
//!
//! [`View`] is that reading of a text, built once per side: the codes, the text with every
//! code char masked (same char offsets), and the prose words. Checks of prose (spelling,
//! casing, untranslated words, repeated words, punctuation) read the view; the `tags` check
//! compares the placeholders and markup of the two sides.

use super::Word;
use std::borrow::Cow;

/// What a code span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeKind {
    /// A printf conversion: `%s`, `%1$d`, `%-10.2lf`, `%<PRIu64>`, glibc's `%m`.
    Printf,
    /// A Python named conversion: `%(name)s`.
    PythonNamed,
    /// A brace placeholder: `{0}`, `{name}`, `{0:N2}`, `{}`, and inline codes `{1}`, `{/1}`.
    Brace,
    /// The head of an ICU message argument (`{count, plural,`, `{d, date, short}`), a plural
    /// or select branch's key and braces (`one {`, `}`), and a plural's `#`.
    Icu,
    /// A template variable: `$VAR`, `${var}`, `$(var)`, `{{var}}`, `{% tag %}`, `%VAR%`,
    /// `%{var}`.
    Template,
    /// A Qt-style numbered argument: `%1`.
    Qt,
    /// An HTML/XML tag (`<b>`, `</b>`, `<br/>`, `<a href="…">`) or comment.
    Tag,
    /// A character entity: `&amp;`, `&#160;`.
    Entity,
    /// A URL.
    Url,
    /// An e-mail address.
    Email,
    /// A file path or file name (`/usr/bin`, `C:\x`, `config.yaml`, `.bashrc`).
    Path,
    /// A command-line option (`--verbose`, `-v`, `--name=value`).
    Option,
    /// An identifier or literal of code (`snake_case`, `camelCase`, `os.path`, `open()`,
    /// `key=`, `0x1F`).
    Identifier,
    /// Code in backticks.
    Backtick,
    /// A key combination: `Ctrl+S`, `Alt+F4`.
    Keys,
    /// A menu accelerator mark (`_` of `_Open`, `&` of `&File`).
    Accelerator,
}

impl CodeKind {
    /// True for the kinds a translation must carry over unchanged (placeholders, markup),
    /// which the `tags` check compares between the sides.
    pub fn is_placeholder(self) -> bool {
        matches!(
            self,
            CodeKind::Printf
                | CodeKind::PythonNamed
                | CodeKind::Brace
                | CodeKind::Icu
                | CodeKind::Template
                | CodeKind::Qt
                | CodeKind::Tag
                | CodeKind::Entity
        )
    }
}

/// One span of code in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code<'a> {
    /// What it is.
    pub kind: CodeKind,
    /// The span as written.
    pub text: &'a str,
    /// Byte offset of its first byte.
    pub byte_start: usize,
    /// Byte offset one past it.
    pub byte_end: usize,
    /// Char offset of its first char.
    pub start: usize,
    /// Char offset one past it.
    pub end: usize,
}

/// The char that stands for every char of a code in [`View::prose`].
pub const CODE_MARK: char = '\u{FFFC}';

/// A text read for its prose: its codes, the text with code masked, its prose words.
#[derive(Debug, Clone)]
pub struct View<'a> {
    /// The text.
    pub text: &'a str,
    /// Its code spans, in order, not overlapping.
    pub codes: Vec<Code<'a>>,
    /// The text with every char of a code replaced by [`CODE_MARK`]: the same char offsets
    /// (not byte offsets) as `text`.
    pub prose: Cow<'a, str>,
    /// The words of `text` that are not inside a code (offsets into `text`).
    pub words: Vec<Word<'a>>,
}

impl<'a> View<'a> {
    /// Reads `text`.
    pub fn new(text: &'a str) -> View<'a> {
        let codes = codes(text);
        let all = super::words(text);
        if codes.is_empty() {
            return View {
                text,
                codes,
                prose: Cow::Borrowed(text),
                words: all,
            };
        }
        let mut words = Vec::with_capacity(all.len());
        let mut k = 0;
        for w in all {
            let end = w.byte_start + w.text.len();
            while k < codes.len() && codes[k].byte_end <= w.byte_start {
                k += 1;
            }
            if k < codes.len() && codes[k].byte_start < end {
                continue;
            }
            words.push(w);
        }
        View {
            text,
            prose: Cow::Owned(mask(text, &codes)),
            codes,
            words,
        }
    }

    /// The placeholders and markup, in order (see [`CodeKind::is_placeholder`]).
    pub fn placeholders(&self) -> impl Iterator<Item = &Code<'a>> {
        self.codes.iter().filter(|c| c.kind.is_placeholder())
    }

    /// True when the char at offset `at` is inside a code.
    pub fn in_code(&self, at: usize) -> bool {
        let k = self.codes.partition_point(|c| c.end <= at);
        self.codes.get(k).is_some_and(|c| c.start <= at)
    }

    /// True when the text has any code.
    pub fn has_code(&self) -> bool {
        !self.codes.is_empty()
    }
}

/// `text` with every char of `codes` replaced by [`CODE_MARK`].
fn mask(text: &str, codes: &[Code<'_>]) -> String {
    let mut out = String::with_capacity(text.len() + 2 * codes.len());
    let mut pos = 0;
    for c in codes {
        out.push_str(&text[pos..c.byte_start]);
        out.extend(std::iter::repeat_n(CODE_MARK, c.end - c.start));
        pos = c.byte_end;
    }
    out.push_str(&text[pos..]);
    out
}

/// The code spans of `text`, in order and not overlapping. Placeholders and markup come
/// first; the other kinds cover the rest of a whitespace-separated token.
pub fn codes(text: &str) -> Vec<Code<'_>> {
    let mut taken: Vec<(usize, usize, CodeKind)> = Vec::new();
    placeholders(text, &mut taken);
    let mut quoted = Vec::new();
    backticks(text, &taken, &mut quoted);
    taken = merge(taken, quoted);
    let mut whole = Vec::new();
    tokens(text, &mut whole);
    taken = merge(taken, whole);
    taken.retain(|&(a, b, _)| !text[a..b].trim().is_empty());
    taken.sort_unstable_by_key(|&(a, _, _)| a);
    // Char offsets in one pass.
    let mut out = Vec::with_capacity(taken.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    for (a, b, kind) in taken {
        chars += text[byte..a].chars().count();
        let start = chars;
        chars += text[a..b].chars().count();
        byte = b;
        out.push(Code {
            kind,
            text: &text[a..b],
            byte_start: a,
            byte_end: b,
            start,
            end: chars,
        });
    }
    out
}

/// `taken` (sorted, not overlapping) with the parts of `more` (sorted) that it does not
/// cover: earlier finds win over later ones, which are cut around them.
fn merge(
    taken: Vec<(usize, usize, CodeKind)>,
    more: Vec<(usize, usize, CodeKind)>,
) -> Vec<(usize, usize, CodeKind)> {
    if more.is_empty() {
        return taken;
    }
    let mut pieces = Vec::with_capacity(more.len());
    let mut k = 0;
    for (a, b, kind) in more {
        while k < taken.len() && taken[k].1 <= a {
            k += 1;
        }
        let mut from = a;
        let mut j = k;
        while j < taken.len() && taken[j].0 < b {
            if taken[j].0 > from {
                pieces.push((from, taken[j].0, kind));
            }
            from = from.max(taken[j].1);
            j += 1;
        }
        if from < b {
            pieces.push((from, b, kind));
        }
    }
    let mut out = Vec::with_capacity(taken.len() + pieces.len());
    let (mut i, mut j) = (0, 0);
    while i < taken.len() || j < pieces.len() {
        if j == pieces.len() || (i < taken.len() && taken[i].0 <= pieces[j].0) {
            out.push(taken[i]);
            i += 1;
        } else {
            out.push(pieces[j]);
            j += 1;
        }
    }
    out
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The end of the run of bytes from `i` that satisfy `f`.
fn run(s: &[u8], mut i: usize, f: impl Fn(u8) -> bool) -> usize {
    while i < s.len() && f(s[i]) {
        i += 1;
    }
    i
}

/// Placeholders, tags and entities, found at their trigger chars.
fn placeholders(text: &str, out: &mut Vec<(usize, usize, CodeKind)>) {
    let s = text.as_bytes();
    let mut i = 0;
    while i < s.len() {
        let found = match s[i] {
            b'%' => percent(s, i),
            b'{' => brace(text, i, out),
            b'$' => dollar(s, i),
            b'<' => tag(s, i),
            b'&' => entity(s, i),
            _ => None,
        };
        match found {
            Some((end, kind)) => {
                if let Some(kind) = kind {
                    out.push((i, end, kind));
                }
                i = end;
            }
            None => i += 1,
        }
    }
}

/// A code starting with `%`: `Some((end, None))` for the escape `%%`.
fn percent(s: &[u8], i: usize) -> Option<(usize, Option<CodeKind>)> {
    let next = *s.get(i + 1)?;
    if next == b'%' {
        return Some((i + 2, None));
    }
    // Python named: %(name)s
    if next == b'(' {
        let close = run(s, i + 2, |b| is_ident(b) || b == b'.' || b == b'-');
        if close > i + 2 && s.get(close) == Some(&b')') {
            let j = printf_tail(s, close + 1, false)?;
            return Some((j, Some(CodeKind::PythonNamed)));
        }
        return None;
    }
    // Ruby / template: %{name}
    if next == b'{' {
        let close = run(s, i + 2, is_ident);
        if close > i + 2 && s.get(close) == Some(&b'}') {
            return Some((close + 1, Some(CodeKind::Template)));
        }
        return None;
    }
    // Windows environment variable: %NAME%
    if is_ident_start(next) {
        let close = run(s, i + 1, is_ident);
        if close - (i + 1) >= 2 && s.get(close) == Some(&b'%') {
            return Some((close + 1, Some(CodeKind::Template)));
        }
    }
    // gettext's <inttypes.h> macros: %<PRIu64>
    if next == b'<' {
        let close = run(s, i + 2, is_ident);
        if close > i + 2 && s.get(close) == Some(&b'>') && s[i + 2..close].starts_with(b"PRI") {
            return Some((close + 1, Some(CodeKind::Printf)));
        }
    }
    // Positional printf `%1$s`, Qt `%1`, or printf with flags, width, precision.
    let digits_end = run(s, i + 1, |b| b.is_ascii_digit());
    if digits_end > i + 1 && s.get(digits_end) == Some(&b'$') {
        let j = printf_tail(s, digits_end + 1, true)?;
        return Some((j, Some(CodeKind::Printf)));
    }
    if let Some(j) = printf_tail(s, i + 1, true) {
        return Some((j, Some(CodeKind::Printf)));
    }
    if digits_end > i + 1 && digits_end - (i + 1) <= 2 && s[i + 1] != b'0' {
        // `%1`…`%99` not followed by a letter or digit (Qt).
        if !s.get(digits_end).is_some_and(|&b| is_ident(b)) {
            return Some((digits_end, Some(CodeKind::Qt)));
        }
    }
    None
}

/// The end of a printf conversion whose flags start at `j` (after `%` or `N$`): flags,
/// width, precision, length and conversion char.
fn printf_tail(s: &[u8], mut j: usize, star_ok: bool) -> Option<usize> {
    // Flags (no space flag: `50% of` is prose).
    j = run(s, j, |b| matches!(b, b'-' | b'+' | b'0' | b'#' | b'\''));
    // Width.
    if star_ok && s.get(j) == Some(&b'*') {
        j += 1;
        let d = run(s, j, |b| b.is_ascii_digit());
        if d > j && s.get(d) == Some(&b'$') {
            j = d + 1;
        }
    } else {
        j = run(s, j, |b| b.is_ascii_digit());
    }
    // Precision.
    if s.get(j) == Some(&b'.') {
        j += 1;
        if star_ok && s.get(j) == Some(&b'*') {
            j += 1;
            let d = run(s, j, |b| b.is_ascii_digit());
            if d > j && s.get(d) == Some(&b'$') {
                j = d + 1;
            }
        } else {
            j = run(s, j, |b| b.is_ascii_digit());
        }
    }
    // Length modifiers.
    for m in [
        &b"hh"[..],
        b"ll",
        b"I64",
        b"I32",
        b"h",
        b"l",
        b"L",
        b"q",
        b"j",
        b"z",
        b"Z",
        b"t",
        b"I",
    ] {
        if s[j.min(s.len())..].starts_with(m) {
            j += m.len();
            break;
        }
    }
    let conv = *s.get(j)?;
    if !b"diouxXeEfFgGaAcCsSpnm".contains(&conv) {
        return None;
    }
    Some(j + 1)
}

/// A code starting with `{`: brace placeholders, `{{templates}}`, `{% tags %}`, ICU messages.
fn brace(
    text: &str,
    i: usize,
    out: &mut Vec<(usize, usize, CodeKind)>,
) -> Option<(usize, Option<CodeKind>)> {
    let s = text.as_bytes();
    let next = *s.get(i + 1)?;
    // {{ var }} and {% tag %}: up to the closing pair on the same line.
    if next == b'{' || next == b'%' {
        let close: &[u8] = if next == b'{' { b"}}" } else { b"%}" };
        let limit = s.len().min(i + 120);
        let body_start = i + 2;
        let end = (body_start..limit.saturating_sub(1)).find(|&k| s[k..].starts_with(close));
        if let Some(k) = end {
            let body = &text[body_start..k];
            if !body.trim().is_empty()
                && !body.contains('\n')
                && body
                    .trim()
                    .bytes()
                    .all(|b| is_ident(b) || b" .|:()[]'\"-,=".contains(&b))
            {
                return Some((k + 2, Some(CodeKind::Template)));
            }
        }
        // `{{` with no partner: an escaped brace.
        return if next == b'{' {
            Some((i + 2, None))
        } else {
            None
        };
    }
    // {}, {0}, {/1}, {name}, {0:N2}, {name!r}, {user.name}, {0[key]}
    let mut j = i + 1;
    if s.get(j) == Some(&b'/') {
        j += 1;
    }
    let name_end = run(s, j, |b| is_ident(b) || b == b'.' || b == b'[' || b == b']');
    if s.get(name_end) == Some(&b'}') {
        let name = &s[j..name_end];
        // `{word}` in prose is rare, but `{и}` is never code: ASCII only (checked by run).
        if name.is_empty() || name[0].is_ascii_digit() || is_ident_start(name[0]) {
            return Some((name_end + 1, Some(CodeKind::Brace)));
        }
    }
    if matches!(s.get(name_end), Some(b':' | b'!')) && name_end > j {
        let close = (name_end..s.len().min(name_end + 40)).find(|&k| s[k] == b'}');
        if let Some(k) = close {
            if !text[name_end..k].contains(['{', ' ', '\n']) {
                return Some((k + 1, Some(CodeKind::Brace)));
            }
        }
    }
    // ICU: {name, type ...}
    if name_end > j && s.get(name_end) == Some(&b',') {
        if let Some(end) = icu(text, i, out) {
            return Some((end, None));
        }
    }
    None
}

/// Parses the ICU argument starting at `i` (`{name, type, …}`), pushing its code spans; the
/// end of the argument, or `None` (and nothing pushed) when it is not one.
fn icu(text: &str, i: usize, out: &mut Vec<(usize, usize, CodeKind)>) -> Option<usize> {
    let mut spans = Vec::new();
    let end = icu_argument(text, i, &mut spans, 0)?;
    out.extend(spans);
    Some(end)
}

fn skip_spaces(s: &[u8], i: usize) -> usize {
    run(s, i, |b| b == b' ')
}

fn icu_argument(
    text: &str,
    i: usize,
    spans: &mut Vec<(usize, usize, CodeKind)>,
    depth: usize,
) -> Option<usize> {
    let s = text.as_bytes();
    if depth > 4 || s.get(i) != Some(&b'{') {
        return None;
    }
    let mut j = skip_spaces(s, i + 1);
    let name_end = run(s, j, is_ident);
    if name_end == j {
        return None;
    }
    j = skip_spaces(s, name_end);
    if s.get(j) == Some(&b'}') {
        spans.push((i, j + 1, CodeKind::Icu));
        return Some(j + 1);
    }
    if s.get(j) != Some(&b',') {
        return None;
    }
    j = skip_spaces(s, j + 1);
    let type_end = run(s, j, |b| b.is_ascii_lowercase());
    let kind = &text[j..type_end];
    j = skip_spaces(s, type_end);
    match kind {
        "plural" | "select" | "selectordinal" => {}
        "number" | "date" | "time" | "spellout" | "ordinal" | "duration" => {
            // A simple argument with an optional style: up to its closing brace.
            let close = (j..s.len().min(j + 60)).find(|&k| s[k] == b'}')?;
            if text[j..close].contains('{') {
                return None;
            }
            spans.push((i, close + 1, CodeKind::Icu));
            return Some(close + 1);
        }
        _ => return None,
    }
    if s.get(j) != Some(&b',') {
        return None;
    }
    j += 1;
    let head_end = j;
    let mut branch_spans = Vec::new();
    // Branches: `key {message}` (optionally `offset:n` first).
    loop {
        j = skip_spaces(s, j);
        match s.get(j) {
            Some(b'}') => break,
            None => return None,
            _ => {}
        }
        let key_start = j;
        if text[j..].starts_with("offset:") {
            j = run(s, j + 7, |b| b.is_ascii_digit());
            branch_spans.push((key_start, j, CodeKind::Icu));
            continue;
        }
        if s[j] == b'=' {
            j += 1;
        }
        let key_end = run(s, j, |b| is_ident(b) || b == b'-');
        if key_end == key_start {
            return None;
        }
        j = skip_spaces(s, key_end);
        if s.get(j) != Some(&b'{') {
            return None;
        }
        branch_spans.push((key_start, j + 1, CodeKind::Icu));
        // The message: prose with nested arguments and `#`, up to its closing brace.
        let mut k = j + 1;
        loop {
            match s.get(k) {
                None => return None,
                Some(b'}') => break,
                Some(b'{') => {
                    k = icu_argument(text, k, &mut branch_spans, depth + 1).or_else(|| {
                        let mut tmp = Vec::new();
                        brace(text, k, &mut tmp).and_then(|(end, kind)| {
                            branch_spans.extend(tmp);
                            kind.map(|kind| {
                                branch_spans.push((k, end, kind));
                                end
                            })
                        })
                    })?;
                }
                Some(b'#') if kind != "select" => {
                    branch_spans.push((k, k + 1, CodeKind::Icu));
                    k += 1;
                }
                Some(_) => k += 1,
            }
        }
        branch_spans.push((k, k + 1, CodeKind::Icu));
        j = k + 1;
    }
    spans.push((i, head_end, CodeKind::Icu));
    spans.extend(branch_spans);
    spans.push((j, j + 1, CodeKind::Icu));
    Some(j + 1)
}

/// `$VAR`, `${var}`, `$(var)`.
fn dollar(s: &[u8], i: usize) -> Option<(usize, Option<CodeKind>)> {
    let next = *s.get(i + 1)?;
    let (open, close) = match next {
        b'{' => (b'{', b'}'),
        b'(' => (b'(', b')'),
        _ => {
            if !is_ident_start(next) {
                return None;
            }
            // `$USD`, `$name`: letters after a dollar; a price is `$5`.
            let end = run(s, i + 1, is_ident);
            return Some((end, Some(CodeKind::Template)));
        }
    };
    let _ = open;
    let end = run(s, i + 2, |b| {
        is_ident(b) || b == b'.' || b == b':' || b == b'-'
    });
    if end > i + 2 && s.get(end) == Some(&close) {
        return Some((end + 1, Some(CodeKind::Template)));
    }
    None
}

/// An HTML/XML tag or comment at `i`.
fn tag(s: &[u8], i: usize) -> Option<(usize, Option<CodeKind>)> {
    if s[i..].starts_with(b"<!--") {
        let end = (i + 4..s.len().min(i + 400)).find(|&k| s[k..].starts_with(b"-->"))?;
        return Some((end + 3, Some(CodeKind::Tag)));
    }
    let mut j = i + 1;
    if s.get(j) == Some(&b'/') {
        j += 1;
    }
    if !s.get(j).is_some_and(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    j = run(s, j, |b| {
        b.is_ascii_alphanumeric() || matches!(b, b':' | b'.' | b'_' | b'-')
    });
    // Attributes.
    let limit = s.len().min(i + 400);
    loop {
        let k = run(s, j, |b| b == b' ' || b == b'\t');
        match s.get(k) {
            Some(b'>') => return Some((k + 1, Some(CodeKind::Tag))),
            Some(b'/') if s.get(k + 1) == Some(&b'>') => return Some((k + 2, Some(CodeKind::Tag))),
            _ => {}
        }
        if k == j || k >= limit {
            return None;
        }
        // name[=value]
        if !s.get(k).is_some_and(|&b| is_ident_start(b) || b == b':') {
            return None;
        }
        j = run(s, k, |b| is_ident(b) || matches!(b, b':' | b'.' | b'-'));
        if s.get(j) == Some(&b'=') {
            j += 1;
            match s.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let close = (j + 1..limit).find(|&m| s[m] == q)?;
                    j = close + 1;
                }
                Some(_) => {
                    j = run(s, j, |b| !b.is_ascii_whitespace() && b != b'>' && b != b'<');
                }
                None => return None,
            }
        }
    }
}

/// `&amp;`, `&#160;`, `&#xA0;`.
fn entity(s: &[u8], i: usize) -> Option<(usize, Option<CodeKind>)> {
    let mut j = i + 1;
    if s.get(j) == Some(&b'#') {
        j += 1;
        let hex = matches!(s.get(j), Some(b'x' | b'X'));
        if hex {
            j += 1;
        }
        let end = run(s, j, |b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        });
        return (end > j && s.get(end) == Some(&b';')).then_some((end + 1, Some(CodeKind::Entity)));
    }
    let end = run(s, j, |b| b.is_ascii_alphanumeric());
    (end >= j + 2 && end - j <= 10 && s[j].is_ascii_alphabetic() && s.get(end) == Some(&b';'))
        .then_some((end + 1, Some(CodeKind::Entity)))
}

/// Code in backticks (`` `ls -l` ``), on one line, not around a placeholder quoted the old
/// GNU way (`` `%s' ``).
fn backticks(
    text: &str,
    placeholders: &[(usize, usize, CodeKind)],
    out: &mut Vec<(usize, usize, CodeKind)>,
) {
    let s = text.as_bytes();
    if !s.contains(&b'`') {
        return;
    }
    let mut i = 0;
    while let Some(a) = (i..s.len()).find(|&k| s[k] == b'`') {
        let Some(b) = (a + 1..s.len().min(a + 200)).find(|&k| s[k] == b'`' || s[k] == b'\n') else {
            break;
        };
        if s[b] == b'`' && b > a + 1 {
            let inside_placeholder = placeholders.iter().any(|&(pa, pb, _)| pa <= a && b < pb);
            if !inside_placeholder {
                out.push((a, b + 1, CodeKind::Backtick));
            }
            i = b + 1;
        } else {
            i = b.max(a + 1);
        }
    }
}

/// File extensions a token ending in `.ext` is taken for a file name by.
const EXTENSIONS: &[&str] = &[
    "txt", "md", "json", "yaml", "yml", "toml", "xml", "html", "htm", "css", "js", "ts", "csv",
    "tsv", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "rtf", "png", "jpg",
    "jpeg", "gif", "svg", "bmp", "ico", "webp", "mp3", "mp4", "wav", "avi", "mkv", "mov", "exe",
    "dll", "so", "lib", "bin", "dat", "db", "sqlite", "sql", "ini", "cfg", "conf", "config", "log",
    "zip", "tar", "gz", "tgz", "bz2", "xz", "7z", "rar", "deb", "rpm", "iso", "img", "c", "h",
    "cc", "cpp", "hpp", "rs", "py", "rb", "pl", "php", "java", "kt", "go", "sh", "bat", "ps1",
    "cmd", "mo", "po", "pot", "tmx", "xlf", "xliff", "tbx", "srt", "epub", "apk", "msi", "dmg",
    "jar", "war", "lock", "bak", "tmp", "pem", "key", "crt", "desktop", "service",
];

/// Whitespace-separated tokens that are code as a whole: URLs, e-mail addresses, paths,
/// options, identifiers, key combinations, accelerators.
fn tokens(text: &str, out: &mut Vec<(usize, usize, CodeKind)>) {
    let s = text.as_bytes();
    let mut i = 0;
    while i < s.len() {
        if s[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < s.len()
            && !s[i].is_ascii_whitespace()
            && (s[i] < 0x80 || !is_unicode_space(text, i))
        {
            i += 1;
        }
        let end = i;
        if end == start {
            // A non-ASCII space.
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        token(text, start, end, out);
    }
}

/// True when a space char other than ASCII starts at byte `i` (no-break and thin spaces,
/// the en/em spaces of U+2000–U+200A, line and paragraph separators, U+3000), by its bytes.
fn is_unicode_space(text: &str, i: usize) -> bool {
    let s = text.as_bytes();
    match s[i] {
        0xC2 => s.get(i + 1) == Some(&0xA0) || s.get(i + 1) == Some(&0x85),
        0xE2 => {
            s.get(i + 1) == Some(&0x80)
                && s.get(i + 2)
                    .is_some_and(|&b| (0x80..=0x8A).contains(&b) || matches!(b, 0xA8 | 0xA9 | 0xAF))
                || (s.get(i + 1) == Some(&0x81) && s.get(i + 2) == Some(&0x9F))
        }
        0xE3 => s.get(i + 1) == Some(&0x80) && s.get(i + 2) == Some(&0x80),
        0xE1 => s.get(i + 1) == Some(&0x9A) && s.get(i + 2) == Some(&0x80),
        _ => false,
    }
}

/// Punctuation that wraps a token without belonging to it.
fn is_wrapper(b: u8) -> bool {
    matches!(
        b,
        b'"' | b'\'' | b'`' | b'(' | b')' | b'[' | b']' | b',' | b';' | b'!' | b'?' | b'.' | b':'
    )
}

/// Bytes that may make a token code: digits and the punctuation of paths, options,
/// identifiers, addresses.
fn is_code_byte(b: u8) -> bool {
    b.is_ascii_digit()
        || matches!(
            b,
            b'_' | b'/'
                | b'\\'
                | b'@'
                | b'='
                | b'+'
                | b'.'
                | b':'
                | b'('
                | b'-'
                | b'&'
                | b'<'
                | b'#'
        )
}

fn token(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize, CodeKind)>) {
    let s = text.as_bytes();
    let tok = &s[start..end];
    // Prose tokens (letters, apostrophes, hyphens, punctuation at the ends) need no more look:
    // one pass tells whether a token has a char of code or an inner capital (`getItem`).
    let mut interesting = false;
    let mut camel = false;
    let mut prev_lower = false;
    for &b in tok {
        if b.is_ascii_lowercase() {
            prev_lower = true;
            continue;
        }
        if b.is_ascii_uppercase() {
            camel |= prev_lower;
        } else if b >= 0x80 {
            // Letters of other scripts: nothing here.
        } else if is_code_byte(b) {
            interesting = true;
        }
        prev_lower = false;
    }
    if !interesting && !camel {
        return;
    }
    // Trim wrapping punctuation and non-ASCII quotes (« » “ ” ‘ ’).
    let mut a = start;
    let mut b = end;
    loop {
        // A dot file or an extension (`.bashrc`, `.byte`) keeps its dot.
        if a < b && s[a] == b'.' && s.get(a + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            break;
        }
        if a < b && is_wrapper(s[a]) {
            a += 1;
        } else if a < b && s[a] >= 0x80 {
            let c = text[a..].chars().next().unwrap_or(' ');
            if "«»“”„‘’‚".contains(c) {
                a += c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    loop {
        if b > a && is_wrapper(s[b - 1]) {
            // `open()` keeps its brackets.
            if s[b - 1] == b')' && b >= a + 2 && s[b - 2] == b'(' {
                break;
            }
            b -= 1;
        } else if b > a && s[b - 1] >= 0x80 {
            let c = text[..b].chars().next_back().unwrap_or(' ');
            if "«»“”„‘’‚".contains(c) {
                b -= c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if a >= b {
        return;
    }
    let t = &text[a..b];
    let tb = t.as_bytes();
    // A word with its sentence's punctuation around it (`today.`, `(see`) is prose.
    if !camel && !tb.iter().any(|&b| is_code_byte(b)) {
        return;
    }
    // Accelerators: `_Open`, `&File` (not an entity, which is found earlier).
    if (tb[0] == b'_' || tb[0] == b'&')
        && tb.len() > 1
        && !tb[1].is_ascii_punctuation()
        && !t[1..].contains(['_', '&'])
        && t[1..].chars().all(char::is_alphanumeric)
    {
        out.push((a, a + 1, CodeKind::Accelerator));
        return;
    }
    let kind = if t.contains("://") || t.starts_with("www.") {
        Some(CodeKind::Url)
    } else if (tb[0] == b'@' || tb[0] == b'#')
        && tb.len() > 1
        && t[1..].chars().all(|c| c.is_alphanumeric() || c == '_')
        && t[1..].chars().next().is_some_and(char::is_alphabetic)
    {
        // `@handle`, `#hashtag`.
        Some(CodeKind::Identifier)
    } else if is_email(t) {
        Some(CodeKind::Email)
    } else if let Some(k) = option(tb) {
        Some(k)
    } else if is_path(t) {
        Some(CodeKind::Path)
    } else if is_keys(t) {
        Some(CodeKind::Keys)
    } else if is_identifier(t) {
        Some(CodeKind::Identifier)
    } else {
        None
    };
    if let Some(kind) = kind {
        out.push((a, b, kind));
    }
}

fn is_email(t: &str) -> bool {
    let Some((user, host)) = t.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && user
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
        && host.contains('.')
        && !host.ends_with('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// `--name`, `--name=value`, `-v`, `--%s` (the option before a placeholder).
fn option(t: &[u8]) -> Option<CodeKind> {
    if t.len() >= 3 && t.starts_with(b"--") {
        let c = t[2];
        if c.is_ascii_alphanumeric() || c == b'%' || c == b'{' || c == b'$' {
            return t[2..]
                .iter()
                .all(|&b| b.is_ascii_graphic())
                .then_some(CodeKind::Option);
        }
    }
    if t.len() >= 2 && t[0] == b'-' && t[1].is_ascii_alphabetic() && t.len() <= 12 {
        return t[1..]
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'=')
            .then_some(CodeKind::Option);
    }
    None
}

fn is_path(t: &str) -> bool {
    let b = t.as_bytes();
    let has_letter = b.iter().any(|c| c.is_ascii_alphabetic());
    if !has_letter {
        return false;
    }
    if t.starts_with('/')
        && b.get(1)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.')
        || t.starts_with("~/")
        || t.starts_with("./")
        || t.starts_with("../")
        || t.starts_with("\\\\")
        || (b.len() > 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'\\')
    {
        return true;
    }
    if b.iter().filter(|&&c| c == b'/').count() >= 2 || t.contains('\\') {
        return t.is_ascii();
    }
    // A file name: name.ext with a known extension, or a dot file (`.bashrc`, `.lib`).
    if let Some((name, ext)) = t.rsplit_once('.') {
        let known = EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str());
        if known
            && name.is_ascii()
            && name
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"_-./*".contains(&c))
            && (!name.is_empty() || ext.len() >= 2)
        {
            return true;
        }
        if name.is_empty()
            && ext.len() >= 2
            && ext
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            return true;
        }
    }
    false
}

/// `Ctrl+S`, `Ctrl+Alt+Del`, `Shift+F10`, `Cmd+Q`.
fn is_keys(t: &str) -> bool {
    let parts: Vec<&str> = t.split('+').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 10 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
        && parts[0].as_bytes()[0].is_ascii_uppercase()
        && parts[..parts.len() - 1].iter().all(|p| p.len() >= 2)
}

fn is_identifier(t: &str) -> bool {
    let b = t.as_bytes();
    // Hex literals.
    if b.len() > 2 && b[0] == b'0' && (b[1] == b'x' || b[1] == b'X') {
        return b[2..].iter().all(|c| c.is_ascii_hexdigit() || *c == b'%');
    }
    // snake_case, CONSTANT_NAME, `входное_имя`: an underscore between letters or digits of
    // any script, or at a word's end (`пакет_`).
    let cs: Vec<char> = t.chars().collect();
    if cs
        .windows(2)
        .any(|w| (w[0].is_alphanumeric() && w[1] == '_') || (w[0] == '_' && w[1].is_alphanumeric()))
        && cs
            .iter()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '<' | '>'))
    {
        return true;
    }
    // A metavariable in angle brackets, translated or not (`<файл>`, `<исп.файл>`).
    if cs.len() > 2
        && cs[0] == '<'
        && cs[cs.len() - 1] == '>'
        && cs[1..cs.len() - 1]
            .iter()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
    {
        return true;
    }
    if !t.is_ascii() || !b.iter().any(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    // open(), f(x), %%hi(expr): a name and brackets.
    if let Some(p) = t.find('(') {
        let name = b[..p]
            .iter()
            .rev()
            .take_while(|&&c| is_ident(c) || c == b'.')
            .count();
        if name > 0 && t.ends_with(')') {
            return true;
        }
    }
    // key=value
    if let Some(p) = t.find('=') {
        if p > 0
            && b[..p]
                .iter()
                .all(|&c| is_ident(c) || c == b'.' || c == b'-')
        {
            return true;
        }
    }
    // camelCase, PascalCase with an inner capital after a lower-case letter (`getItem`,
    // `iPhone`), but not `McDonald`-like names only: any such word is not prose to check.
    if b.windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
        && b.iter().all(|&c| is_ident(c) || c == b'.' || c == b'-')
    {
        return true;
    }
    // os.path, a.b.c: lower-case dotted names (`e.g` has one-letter parts; `U.S` capitals).
    if t.contains('.') && !t.contains("..") {
        let parts: Vec<&str> = t.split('.').collect();
        if parts.len() >= 2
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.bytes()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
            })
            && parts
                .iter()
                .any(|p| p.len() >= 2 && p.bytes().any(|c| c.is_ascii_lowercase()))
            && parts.iter().filter(|p| p.len() >= 2).count() >= 2
        {
            return true;
        }
    }
    // Mixed letters and digits (`x86`, `utf8`, `sha256sum`) are names of code, unless they
    // are ordinals or units (`1st`, `5km`, `10am`): a digit inside or at the start followed
    // by more than two letters.
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
    if digits > 0 && letters > 0 && b.iter().all(|&c| c.is_ascii_alphanumeric()) {
        let first_letter = b.iter().position(|c| c.is_ascii_alphabetic()).unwrap_or(0);
        // Letters first (`utf8`, `x86`, `sha256`): code. Digits first (`5km`, `1st`): a unit.
        return first_letter == 0;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, CodeKind)> {
        codes(text).into_iter().map(|c| (c.text, c.kind)).collect()
    }

    fn placeholder_texts(text: &str) -> Vec<&str> {
        codes(text)
            .into_iter()
            .filter(|c| c.kind.is_placeholder())
            .map(|c| c.text)
            .collect()
    }

    #[test]
    fn printf_conversions() {
        assert_eq!(
            placeholder_texts("%s: %1$d of %-10.2lf, %.*s, %08x, %llu, %zu, %m, %<PRIu64> and %%"),
            [
                "%s",
                "%1$d",
                "%-10.2lf",
                "%.*s",
                "%08x",
                "%llu",
                "%zu",
                "%m",
                "%<PRIu64>"
            ]
        );
        // Percent signs of prose are not placeholders.
        assert!(placeholder_texts("Prices rose 50% of the time, 5 % overall, 100%.").is_empty());
        assert!(placeholder_texts("на 10% больше, 20 %-ный рост").is_empty());
    }

    #[test]
    fn python_brace_template_and_qt() {
        assert_eq!(
            placeholder_texts("%(name)s has {0} and {count} items, {} {0:N2} {user.name} {/1}"),
            [
                "%(name)s",
                "{0}",
                "{count}",
                "{}",
                "{0:N2}",
                "{user.name}",
                "{/1}"
            ]
        );
        assert_eq!(
            placeholder_texts("Set $HOME, ${var}, $(CC), {{ user }}, {% if x %}, %APPDATA%, %{n}"),
            [
                "$HOME",
                "${var}",
                "$(CC)",
                "{{ user }}",
                "{% if x %}",
                "%APPDATA%",
                "%{n}"
            ]
        );
        assert_eq!(placeholder_texts("File %1 of %2"), ["%1", "%2"]);
        // A price and an escaped brace are not placeholders.
        assert!(placeholder_texts("It costs $5 {{ and").is_empty());
    }

    #[test]
    fn icu_heads_and_branch_keys_are_code_and_branch_text_is_prose() {
        let text = "You have {count, plural, one {# new file} other {# new files}} in {folder}.";
        let v = View::new(text);
        let ph: Vec<&str> = v.placeholders().map(|c| c.text).collect();
        assert_eq!(
            ph,
            [
                "{count, plural,",
                "one {",
                "#",
                "}",
                "other {",
                "#",
                "}",
                "}",
                "{folder}"
            ]
        );
        let words: Vec<&str> = v.words.iter().map(|w| w.text).collect();
        assert_eq!(words, ["You", "have", "new", "file", "new", "files", "in"]);
        assert_eq!(placeholder_texts("{d, date, short}"), ["{d, date, short}"]);
    }

    #[test]
    fn tags_and_entities() {
        assert_eq!(
            placeholder_texts(
                "<b>Bold</b>, <br/>, <a href=\"x.html\" title='t'>link</a>, &amp; &#160; &lt;key&gt; <!-- c -->"
            ),
            [
                "<b>",
                "</b>",
                "<br/>",
                "<a href=\"x.html\" title='t'>",
                "</a>",
                "&amp;",
                "&#160;",
                "&lt;",
                "&gt;",
                "<!-- c -->"
            ]
        );
        // Comparisons and broken tags are not tags.
        assert!(placeholder_texts("if a < b and c > d, <n or <1>").is_empty());
        assert!(placeholder_texts("R&D and AT&T; Tom & Jerry").is_empty());
    }

    #[test]
    fn other_code_is_not_prose() {
        let k = kinds(
            "See https://example.org/a?b=1, mail bob@example.com, edit /etc/hosts or config.yaml, \
             run --max-rate=5 -v, call os.path.join() or getItem on MAX_SIZE, press Ctrl+S.",
        );
        let texts: Vec<&str> = k.iter().map(|(t, _)| *t).collect();
        assert_eq!(
            texts,
            [
                "https://example.org/a?b=1",
                "bob@example.com",
                "/etc/hosts",
                "config.yaml",
                "--max-rate=5",
                "-v",
                "os.path.join()",
                "getItem",
                "MAX_SIZE",
                "Ctrl+S"
            ]
        );
        assert_eq!(
            kinds("Press _Open or &File")[0],
            ("_", CodeKind::Accelerator)
        );
        assert_eq!(kinds("the `ls -l` command")[0].1, CodeKind::Backtick);
        assert_eq!(
            kinds("thanks @Twitter for #SaveTheDate")[0],
            ("@Twitter", CodeKind::Identifier)
        );
        assert_eq!(
            kinds("value='%s' set")[0],
            ("value='", CodeKind::Identifier)
        );
        assert_eq!(
            kinds("builtin [встр_команда]")[0],
            ("встр_команда", CodeKind::Identifier)
        );
        assert_eq!(
            kinds("missing `order_end' keyword")[0],
            ("order_end", CodeKind::Identifier)
        );
    }

    #[test]
    fn prose_is_left_alone() {
        for t in [
            "He said, e.g. this: the U.S. and the U.K., and/or 24/7, 5km at 10am, the 1st.",
            "Это т.е. и т.д., 3.5 млн, 12:30, 1,5 кг, кто-то -то.",
            "Rock-n-roll, well-known, state-of-the-art, mother-in-law.",
            "Mr. McDonald's 3-year plan: -5 degrees, 2-3 days.",
        ] {
            assert!(kinds(t).is_empty(), "{t}: {:?}", kinds(t));
        }
    }

    #[test]
    fn unicode_spaces_by_their_bytes() {
        for c in (0u32..0x3001)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii())
        {
            let t = format!("a{c}b");
            assert_eq!(is_unicode_space(&t, 1), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn the_view_masks_code_and_keeps_char_offsets() {
        let text = "Файл «%s» не найден в /tmp/кэш, см. --help";
        let v = View::new(text);
        assert_eq!(v.prose.chars().count(), text.chars().count());
        let words: Vec<&str> = v.words.iter().map(|w| w.text).collect();
        assert_eq!(words, ["Файл", "не", "найден", "в", "см"]);
        let first = &v.codes[0];
        assert_eq!((first.text, first.start, first.end), ("%s", 6, 8));
        assert!(v.in_code(6) && v.in_code(7) && !v.in_code(8) && !v.in_code(5));
        let masked: String = v.prose.chars().skip(6).take(2).collect();
        assert_eq!(masked, "\u{FFFC}\u{FFFC}");
        // No code: the text itself.
        assert!(matches!(View::new("plain text").prose, Cow::Borrowed(_)));
    }
}
