//! Code that is a whitespace-separated token as a whole (URLs, e-mail addresses, paths,
//! options, identifiers, key combinations, accelerators) and code in backticks.

use super::placeholders::is_ident;
use super::CodeKind;

/// Code in backticks (`` `ls -l` ``), on one line, not around a placeholder quoted the old
/// GNU way (`` `%s' ``).
pub(super) fn backticks(
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
pub(super) fn tokens(text: &str, out: &mut Vec<(usize, usize, CodeKind)>) {
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
pub(super) fn is_unicode_space(text: &str, i: usize) -> bool {
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
