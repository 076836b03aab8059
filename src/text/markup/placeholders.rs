//! Placeholders and markup found at their trigger chars: printf and Python conversions,
//! brace and ICU arguments, template variables, tags and entities (see [`super::CodeKind`]).

use super::CodeKind;

pub(super) fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

pub(super) fn is_ident(b: u8) -> bool {
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
pub(super) fn placeholders(text: &str, out: &mut Vec<(usize, usize, CodeKind)>) {
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
