//! Segmentation: where does each sentence of a text start and end?
//!
//! The splitter is rule-based. Abbreviation lists live as data in `rules/<lang>.txt`; the
//! boundary logic below is shared by the languages. It returns byte ranges into the input
//! (no copying); [`Sentence`] adds char offsets for reports.
//!
//! Hard boundaries: blank lines (paragraphs), and a line break after a line without final
//! punctuation when the next line does not continue in lower case (headlines, list items).
//! Soft boundaries: `.`, `?`, `!`, `…` (and runs of them), with closing quotes and brackets
//! kept with the sentence they close.

mod rules;
mod scan;
pub mod srx;
pub mod stream;

pub use rules::{Class, Rules};

use scan::ByteSet;

use crate::text::{is_emoji, Lang};
use std::ops::Range;

/// One sentence of a text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    /// Char offset of the first char in the input.
    pub start: usize,
    /// Char offset one past the last char in the input.
    pub end: usize,
    /// The sentence; line breaks inside it are turned into spaces.
    pub text: String,
}

/// Splits `text` into sentences; returns byte ranges, trimmed of surrounding whitespace.
pub fn split(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let rules = Rules::for_lang(lang);
    let mut out = Vec::new();
    for block in hard_blocks(text) {
        split_block(text, block, rules, &mut out);
    }
    out
}

/// True when `word` (without its period) is an abbreviation the rules of `lang` list
/// (`тыс`, `руб`, `etc`, `Dr`), case-insensitively: a period after it may be its own.
pub fn is_abbreviation(word: &str, lang: Lang) -> bool {
    Rules::for_lang(lang).class(word).is_some()
}

/// Byte ranges of the blocks between hard boundaries (paragraphs, headlines, list items), for
/// splitters that bring their own rules (SRX).
pub fn hard_block_ranges(text: &str) -> Vec<Range<usize>> {
    hard_blocks(text)
}

/// Turns byte ranges of `text` into sentences with char offsets and flattened text.
pub fn to_sentences(text: &str, ranges: Vec<Range<usize>>) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(ranges.len());
    let mut byte_pos = 0;
    let mut char_pos = 0;
    for r in ranges {
        char_pos += text[byte_pos..r.start].chars().count();
        let len = text[r.clone()].chars().count();
        out.push(Sentence {
            start: char_pos,
            end: char_pos + len,
            text: flatten(&text[r.clone()]),
        });
        char_pos += len;
        byte_pos = r.end;
    }
    out
}

/// Splits `text` into sentences with char offsets and flattened text.
pub fn sentences(text: &str, lang: Lang) -> Vec<Sentence> {
    to_sentences(text, split(text, lang))
}

/// Turns line breaks (and the whitespace around them) inside a sentence into one space.
pub fn flatten(sentence: &str) -> String {
    flat(sentence).into_owned()
}

/// [`flatten`], borrowing the sentence when it has no line break (most have none).
pub fn flat(sentence: &str) -> std::borrow::Cow<'_, str> {
    if LINE_BREAK.find(sentence.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(sentence);
    }
    let mut out = String::with_capacity(sentence.len());
    for (i, line) in sentence.lines().enumerate() {
        if i > 0 {
            while out.ends_with([' ', '\t']) {
                out.pop();
            }
            out.push(' ');
            out.push_str(line.trim_start_matches([' ', '\t']));
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

const TERMINALS: &[char] = &['.', '?', '!', '…', '‼', '⁇', '⁈', '⁉'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '}', '›', '“'];
const OPENERS: &[char] = &['"', '“', '„', '«', '‘', '(', '[', '{', '‹', '\'', '`'];

fn is_terminal(c: char) -> bool {
    TERMINALS.contains(&c)
}

/// Byte ranges of the blocks between hard boundaries, trimmed, never empty.
fn hard_blocks(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_line: Option<&str> = None;
    // Lines (each with its '\n'), cut where memchr finds the line ends.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|i| i + 1)
        .chain((!text.ends_with('\n')).then_some(text.len()))
        .filter(|&e| e > 0);
    let mut next_start = 0;
    for end in ends {
        let line_start = std::mem::replace(&mut next_start, end);
        let line = &text[line_start..end];
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                blocks.push(s..line_start);
            }
            prev_line = None;
            continue;
        }
        if let (Some(s), Some(prev)) = (start, prev_line) {
            if line_ends_unit(prev, content) {
                blocks.push(s..line_start);
                start = None;
            }
        }
        if start.is_none() {
            start = Some(line_start);
        }
        prev_line = Some(content);
    }
    if let Some(s) = start {
        blocks.push(s..text.len());
    }
    blocks
        .into_iter()
        .filter_map(|r| trim_range(text, r))
        .collect()
}

/// True when the break between `prev` and `next` ends a unit: the previous line has no final
/// punctuation (a headline, list item or signature) and the next does not carry on in lower case.
fn line_ends_unit(prev: &str, next: &str) -> bool {
    let last = prev.trim_end_matches(CLOSERS).chars().last();
    let prev_open = match last {
        Some(c) => !is_terminal(c) && !matches!(c, ':' | ';' | ','),
        None => false,
    };
    let next_first = next.chars().next();
    let next_continues = next_first.is_some_and(|c| c.is_lowercase());
    if prev_open {
        return !next_continues && !matches!(last, Some('-' | '‐' | '—' | '–'));
    }
    // A list item that starts the next line ("- item", "• item", "2) item") starts a unit too.
    next.starts_with(['•', '‣', '◦', '▪', '–', '—', '*'])
}

fn trim_range(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let out = r.start + lead..r.end - trail;
    (out.start < out.end).then_some(out)
}

/// A quoted stretch of a block: the quote opens at `open`, closes at `close` (byte offsets).
/// `embedded` quotes sit inside a larger sentence (`“… .” he said`, `“… ,” said X`,
/// `«… ».`), so sentence ends inside them do not end the sentence.
struct Quote {
    open: usize,
    close: usize,
    embedded: bool,
}

/// Longest quotation (bytes) whose inner sentence ends are suppressed; straight quotes pair up
/// less reliably, so they get a shorter reach.
const MAX_EMBEDDED_QUOTE: usize = 1200;
const MAX_EMBEDDED_STRAIGHT_QUOTE: usize = 400;

fn quotes(block: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    let bytes = block.as_bytes();
    let mut i = 0;
    // Every quote character starts with one of these bytes: scan bytes, decode only there.
    while let Some(off) = QUOTE_LEAD.find(&bytes[i..]) {
        i += off;
        let rest = &block[i..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        // TeX-style quotes (``…'') open with two backticks and close with two apostrophes
        // (or their character references).
        if rest.starts_with("``") {
            stack.push(('`', i));
            i += 2;
            continue;
        }
        let tex_close = ["''", "&#39;&#39;"].iter().find(|e| rest.starts_with(**e));
        let (closing, len) = match (c, tex_close) {
            (_, Some(e)) if stack.iter().any(|(o, _)| *o == '`') => {
                (stack.iter().rposition(|(o, _)| *o == '`'), e.len())
            }
            ('”', _) => (
                stack.iter().rposition(|(o, _)| matches!(o, '“' | '„')),
                c.len_utf8(),
            ),
            ('“', _) => (stack.iter().rposition(|(o, _)| *o == '„'), c.len_utf8()),
            ('»', _) => (stack.iter().rposition(|(o, _)| *o == '«'), c.len_utf8()),
            ('"', _) => (stack.iter().rposition(|(o, _)| *o == '"'), 1),
            _ => (None, c.len_utf8()),
        };
        if let Some(pos) = closing {
            let (opener, open) = stack[pos];
            stack.truncate(pos);
            let before = block[..i].chars().rev().find(|c| !c.is_whitespace());
            let after = block[i + len..].chars().find(|c| !c.is_whitespace());
            let reach = if opener == '"' {
                MAX_EMBEDDED_STRAIGHT_QUOTE
            } else {
                MAX_EMBEDDED_QUOTE
            };
            let embedded = i - open <= reach
                && (matches!(before, Some(',' | ':' | ';'))
                    || matches!(after, Some(',' | '—' | '–' | ';' | ':'))
                    || after.is_some_and(|c| c.is_lowercase() || is_terminal(c)));
            out.push(Quote {
                open,
                close: i,
                embedded,
            });
            i += len;
            continue;
        }
        if matches!(c, '“' | '„' | '«' | '"') {
            stack.push((c, i));
        }
        i += c.len_utf8();
    }
    out
}

/// An inline list marker (`1.)`, `2)`, `b.`, `• 10.`), as byte offsets `start..end`.
#[derive(Clone, Copy)]
struct Marker {
    start: usize,
    end: usize,
    value: u32,
    numeric: bool,
}

const BULLETS: &[char] = &['•', '⁃', '‣', '◦', '▪', '*', '-'];

/// Inline enumerations: markers of consecutive values (1, 2, …; a, b, …) each followed by a
/// capitalised item. Only runs of two or more count, so a lone "a." is left alone.
fn list_markers(s: &str) -> Vec<Marker> {
    // Found from their ends: every `.` or `)` (few in a text) is looked at, and the label,
    // bullet and white space are read backwards from it. A marker starts the text or follows
    // ASCII whitespace, and all its parts but a bullet are ASCII.
    let b = s.as_bytes();
    let token_start = |p: usize| p == 0 || b[p - 1].is_ascii_whitespace();
    let mut found: Vec<Marker> = Vec::new();
    let mut from = 0;
    while let Some(off) = LABEL_END.find(&b[from..]) {
        let d = from + off;
        from = d + 1;
        // `.)` is one delimiter, read at its `.`.
        if b[d] == b')' && d > 0 && b[d - 1] == b'.' {
            continue;
        }
        let end = if b[d] == b'.' && b.get(d + 1) == Some(&b')') {
            d + 2
        } else {
            d + 1
        };
        if b.get(end) != Some(&b' ') || !s[end + 1..].chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        // The label: one or two digits, or one ASCII lower-case letter, at a token's start
        // or right after a bullet.
        let digits = b[..d]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let (label, value, numeric) = match digits {
            1 | 2 => (d - digits, s[d - digits..d].parse().unwrap_or(0), true),
            0 if d > 0 && b[d - 1].is_ascii_lowercase() => (d - 1, u32::from(b[d - 1]), false),
            _ => continue,
        };
        if label > 0 && b[label - 1].is_ascii_alphanumeric() {
            continue;
        }
        // A bullet before the label (`• 1.`, `-a)`) that itself starts a token.
        let gap = usize::from(label > 0 && b[label - 1] == b' ');
        let bullet = s[..label - gap]
            .chars()
            .next_back()
            .filter(|c| BULLETS.contains(c))
            .map(|c| label - gap - c.len_utf8())
            .filter(|&p| token_start(p));
        let start = match bullet {
            Some(p) => p,
            None if token_start(label) => label,
            None => continue,
        };
        found.push(Marker {
            start,
            end,
            value,
            numeric,
        });
    }
    // Keep markers that continue or are continued by a neighbour of the next value.
    let n = found.len();
    let linked = |a: &Marker, b: &Marker| a.numeric == b.numeric && b.value == a.value + 1;
    (0..n)
        .filter(|&k| {
            (k > 0 && linked(&found[k - 1], &found[k]))
                || (k + 1 < n && linked(&found[k], &found[k + 1]))
        })
        .map(|k| found[k])
        .collect()
}

fn split_block(text: &str, block: Range<usize>, rules: &Rules, out: &mut Vec<Range<usize>>) {
    let s = &text[block.clone()];
    let b = s.as_bytes();
    let quotes = quotes(s);
    let markers = list_markers(s);
    let mut next_marker = 0;
    let mut sent_start = 0usize;
    let mut cut = |sent_start: &mut usize, end: usize, next: usize| {
        if let Some(r) = trim_range(text, block.start + *sent_start..block.start + end) {
            out.push(r);
        }
        *sent_start = next;
    };
    let has_text = |from: usize, to: usize| s[from..to].chars().any(is_alnum);
    let mut i = 0usize;
    while i < b.len() {
        let next = INTERESTING.find(&b[i..]).map(|o| i + o);
        if let Some(m) = markers.get(next_marker) {
            if next.is_none_or(|n| m.start <= n) {
                if m.start >= i && has_text(sent_start, m.start) {
                    cut(&mut sent_start, m.start, m.start);
                }
                i = i.max(m.end);
                next_marker += 1;
                continue;
            }
        }
        let Some(p) = next else {
            break;
        };
        i = p;
        let Some(c) = char_at(s, i) else {
            break;
        };
        if c.is_ascii_digit() {
            if i == 0 || b[i - 1] == b' ' {
                if let Some(len) = timestamp_len(&s[i..]) {
                    // A date-time stamp of a mail header ("08/16/2000 12:05 PM") stands alone
                    // between a name or address and a capitalised sentence.
                    let prev_word = s[..i].split_whitespace().next_back().unwrap_or("");
                    let after = &s[i + len..];
                    let after_cap = after.starts_with(' ')
                        && after[1..].chars().next().is_some_and(char::is_uppercase);
                    let before_name =
                        prev_word.starts_with(char::is_uppercase) || prev_word.contains('@');
                    if before_name && has_text(sent_start, i) {
                        cut(&mut sent_start, i, i);
                    }
                    if after_cap {
                        cut(&mut sent_start, i + len, i + len + 1);
                    }
                    i += len;
                    continue;
                }
            }
            // The rest of a run of digits needs no look (a digit starts a stamp only after a
            // space): skipped at once, up to the next list marker, instead of digit by digit.
            let stop = markers
                .get(next_marker)
                .map_or(b.len(), |m| m.start.max(i + 1));
            i += 1;
            while i < stop && b[i].is_ascii_digit() {
                i += 1;
            }
            continue;
        }
        if is_emoji(c) {
            let mut j = i;
            while let Some(e) = char_at(s, j).filter(|&e| is_emoji(e)) {
                j += e.len_utf8();
            }
            let m = j + s[j..].len() - s[j..].trim_start().len();
            if m > j && m < s.len() {
                let n = char_at(s, m).unwrap_or(' ');
                if (n.is_uppercase() || n == '@') && has_text(sent_start, i) {
                    cut(&mut sent_start, j, m);
                }
            }
            i = j.max(i + 1);
            continue;
        }
        if !is_terminal(c) {
            i += c.len_utf8();
            continue;
        }
        // The terminal cluster: `.`, `?!`, `...`, `. . .`, followed by closing quotes/brackets.
        let k = i;
        let mut j = i; // start of the last terminal char of the cluster
        let four_dot =
            c == '.' && char_before(s, k).is_some_and(is_alnum) && spaced_ellipsis_at(s, k + 1);
        if !four_dot {
            loop {
                let here = char_at(s, j).map_or(1, char::len_utf8);
                let n = j + here;
                match char_at(s, n) {
                    Some(t) if is_terminal(t) => j = n,
                    Some(' ') if char_at(s, j) == Some('.') && char_at(s, n + 1) == Some('.') => {
                        j = n + 1
                    }
                    _ => break,
                }
            }
        }
        let terminals_end = j + char_at(s, j).map_or(1, char::len_utf8);
        let cluster = &s[k..terminals_end];
        // "[...]" marks an omission inside a quotation, not a sentence end.
        if char_before(s, k) == Some('[') && char_at(s, terminals_end) == Some(']') {
            i = terminals_end + 1;
            continue;
        }
        let mut end = terminals_end;
        loop {
            if let Some(q) = char_at(s, end).filter(|q| CLOSERS.contains(q)) {
                end += q.len_utf8();
            } else if let Some(n) = entity_quote_len(&s[end..]) {
                end += n;
            } else if let Some(n) = tex_close_after(s, end) {
                // "! ``." — a TeX closing quote typed as backticks, then the final period.
                end += n;
            } else {
                break;
            }
        }
        let has_closer = end > terminals_end;
        // A boundary needs whitespace (or the end of the block) after the cluster.
        if char_at(s, end).is_some_and(|x| !x.is_whitespace()) {
            i = end;
            continue;
        }
        let m = end + s[end..].len() - s[end..].trim_start().len();
        if m >= s.len() {
            break;
        }
        let (next, after_dash) = next_word(&s[m..]);
        let inside_quote = |q: &Quote| q.open < k && k < q.close && end <= q.close;
        let suppressed = quotes
            .iter()
            .any(|q| inside_quote(q) && (q.embedded || after_dash));
        let cand = Candidate {
            before: &s[..k],
            sentence: &s[sent_start..k],
            cluster,
            has_closer,
            next,
            after_dash,
            next_raw: char_at(s, m),
        };
        if !suppressed && is_boundary(&cand, rules) {
            cut(&mut sent_start, end, m);
        }
        i = m;
    }
    cut(&mut sent_start, s.len(), s.len());
}

/// Length in bytes of a date-time stamp at the start of `s`: `D/M/Y h:mm[:ss][ AM|PM]`.
fn timestamp_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut p = 0;
    let digits = |p: &mut usize, min: usize, max: usize| -> bool {
        let start = *p;
        while *p < b.len() && b[*p].is_ascii_digit() && *p - start < max {
            *p += 1;
        }
        *p - start >= min
    };
    let sep = |p: &mut usize, c: u8| -> bool {
        if b.get(*p) == Some(&c) {
            *p += 1;
            true
        } else {
            false
        }
    };
    if !(digits(&mut p, 1, 2) && sep(&mut p, b'/') && digits(&mut p, 1, 2) && sep(&mut p, b'/')) {
        return None;
    }
    if !(digits(&mut p, 2, 4) && sep(&mut p, b' ') && digits(&mut p, 1, 2) && sep(&mut p, b':')) {
        return None;
    }
    if !digits(&mut p, 2, 2) {
        return None;
    }
    if b.get(p) == Some(&b':') {
        p += 1;
        if !digits(&mut p, 2, 2) {
            return None;
        }
    }
    for m in [" AM", " PM", " am", " pm"] {
        if s[p..].starts_with(m) {
            p += m.len();
            break;
        }
    }
    Some(p)
}

/// Closing quotes written as character references (`&#39;&#39;`, `&quot;`), as left by some
/// HTML exports: their length in chars when `rest` starts with one.
fn entity_quote_len(rest: &str) -> Option<usize> {
    ["&#39;&#39;", "&quot;", "&#39;", "&#34;", "''"]
        .iter()
        .find(|e| rest.starts_with(**e))
        .map(|e| e.len())
}

/// When " ``." starts at byte `i` (a closing quote written with backticks after a space,
/// followed by the sentence's final mark), its length in bytes.
fn tex_close_after(s: &str, i: usize) -> Option<usize> {
    let mark = s
        .get(i..)?
        .strip_prefix(" ``")?
        .chars()
        .next()
        .filter(|&c| is_terminal(c))?;
    Some(3 + mark.len_utf8())
}

/// True when " . . ." starts at byte `i` and a capitalised word follows it: the period before
/// it ends a sentence and the ellipsis opens the next (`compounds. . . . The`).
fn spaced_ellipsis_at(s: &str, i: usize) -> bool {
    s.get(i..)
        .and_then(|r| r.strip_prefix(" . . . "))
        .is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase))
}

/// The char starting at byte `i`.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// The char ending at byte `i`.
fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|r| r.chars().next_back())
}

/// Bytes that can start a quote character (ASCII quotes, `&#39;`, and the lead bytes of
/// `“”„` and `«»`).
static QUOTE_LEAD: ByteSet<6> = ByteSet::new(b"`'&\"\xE2\xC2", false);

/// Bytes that can start something the splitter looks at: terminal marks, digits (time
/// stamps), and the lead bytes of `…`, `‼`, emoji.
static INTERESTING: ByteSet<5> = ByteSet::new(b".?!\xE2\xF0", true);

/// Line break bytes.
static LINE_BREAK: ByteSet<2> = ByteSet::new(b"\n\r", false);

/// The bytes that end a list label (`1.`, `a)`).
static LABEL_END: ByteSet<2> = ByteSet::new(b".)", false);

/// A possible sentence end: a terminal cluster and what surrounds it.
struct Candidate<'a> {
    /// Block text before the cluster.
    before: &'a str,
    /// The current sentence up to the cluster.
    sentence: &'a str,
    /// The terminal marks (`.`, `?!`, `...`).
    cluster: &'a str,
    /// Closing quotes or brackets follow the marks.
    has_closer: bool,
    /// The next word (past opening quotes, and past a dash when `after_dash`).
    next: &'a str,
    /// A dash stands between the cluster and the next word.
    after_dash: bool,
    /// The first character after the whitespace, before any quote or bracket is skipped.
    next_raw: Option<char>,
}

/// Decides whether a candidate ends a sentence.
fn is_boundary(c: &Candidate<'_>, rules: &Rules) -> bool {
    let question = c.cluster.contains(['?', '!', '‼', '⁇', '⁈', '⁉']);
    if !question && !c.sentence.chars().any(is_alnum) {
        return false;
    }
    // Emoticons and punctuation that lean on what precedes them (":-)", ", 2000") stay.
    if c.next.starts_with([',', ';', ':', ')', '=']) {
        return false;
    }
    let url = c.next.contains("://") || c.next.starts_with("www.");
    let mention =
        url || c.next.starts_with(['@', '#']) || c.next.chars().next().is_some_and(is_emoji);
    let first_letter = c.next.chars().find(|&c| is_alnum(c));
    let next_lower = !mention && first_letter.is_some_and(|c| c.is_lowercase());
    let next_upper = first_letter.is_some_and(|c| c.is_uppercase());
    let word = last_word(c.before);
    if question {
        if next_lower {
            // “Wait!” she said / «Можно?» — спросил он / Yahoo! in … continue the sentence;
            // in informal text a question followed by a lower-case word is a new one.
            let brand = c.cluster == "!" && crate::text::is_capitalized(word);
            return !(c.has_closer || c.after_dash || brand);
        }
        return true;
    }
    if next_lower {
        // Informal text starts sentences in lower case: a period after an ordinary word (no
        // abbreviation, no initial) followed by a lower-case word ends a sentence where the
        // language's rules allow it.
        return rules.lowercase_starts()
            && c.cluster == "."
            && !c.has_closer
            && !c.after_dash
            && c.next_raw.is_some_and(char::is_alphabetic)
            && word.chars().count() >= 2
            && word.chars().all(|ch| is_alnum(ch) || "-'’".contains(ch))
            && rules.class(word).is_none()
            && c.next
                .chars()
                .all(|ch| ch.is_alphabetic() || "'’".contains(ch) || ".,!?".contains(ch));
    }
    if c.cluster.chars().count() > 1 || c.cluster == "…" {
        // Ellipsis: ends a sentence before a capital, but not before the pronoun "I".
        if rules.is_pronoun_i(c.next) {
            return false;
        }
        return next_upper || mention;
    }
    // A single period: look at the word it closes.
    if word.is_empty() {
        return true;
    }
    let next_is_number = first_letter.is_some_and(|c| c.is_ascii_digit());
    // Numbered list item opening the sentence: "1. Item".
    if word.chars().all(|c| c.is_ascii_digit()) && c.sentence.trim() == word {
        return false;
    }
    // A capitalised starter word after an abbreviation ends the sentence; a name or noun
    // does not (`U.S. Government`, `гг. Виктор`, `a.m. Mr. Smith`).
    let weak = || {
        !c.after_dash && rules.is_starter(c.next)
            || mention
            || (rules.is_title(c.next) && c.sentence.split_whitespace().count() >= 4)
    };
    let two_part = last_two_part(c.before, word);
    let class = two_part
        .as_deref()
        .and_then(|w| rules.class(w))
        .or_else(|| rules.class(word));
    if class.is_none() && is_initials(word) {
        return rules.starts_sentence(c.next, false);
    }
    match class {
        Some(rules::Class::Never) => false,
        // Before anything but a number, these are ordinary words ("Hell no. Thats …").
        Some(rules::Class::Number) if word.chars().all(char::is_lowercase) => !next_is_number,
        Some(rules::Class::Number) => !next_is_number && weak(),
        Some(rules::Class::Unit) => {
            let prev = last_word(c.before[..c.before.len() - word.len()].trim_end());
            prev.chars().any(|c| c.is_ascii_digit()) && weak()
        }
        Some(rules::Class::Abbr) => weak(),
        None => {
            let letters = word.chars().filter(|&c| is_alpha(c)).count();
            // Dotted words with a long part are domains and file names, not abbreviations.
            let dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 3);
            if dotted || (letters == 1 && word.chars().count() == 1) {
                // Dotted abbreviations (U.S., e.g.) and lone letters ("с.", "т.").
                return !next_is_number && weak();
            }
            // A short lower-case word before a number is an unlisted abbreviation ("ок. 934").
            let short_lower = letters <= 3 && word.chars().all(|c| c.is_lowercase());
            !(short_lower && next_is_number)
        }
    }
}

/// Initials: one capital letter, or capitals joined by dots (`T`, `Л.Н`, `W.H.S`).
fn is_initials(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// `char::is_alphanumeric` with fast paths for ASCII and Cyrillic.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        ('\u{0400}'..='\u{04FF}').contains(&c) || c.is_alphanumeric()
    }
}

/// `char::is_alphabetic` with fast paths for ASCII and Cyrillic.
fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        ('\u{0400}'..='\u{04FF}').contains(&c) || c.is_alphabetic()
    }
}

/// The word right before a period: letters, digits, inner dots, hyphens, `№` and `°`.
fn last_word(before: &str) -> &str {
    let is_word = |c: char| is_alnum(c) || matches!(c, '.' | '-' | '№' | '°' | '\'' | '’');
    if !before
        .chars()
        .next_back()
        .is_some_and(|c| is_word(c) && !matches!(c, '.' | '-' | '\'' | '’'))
    {
        return "";
    }
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[start..].trim_start_matches(['.', '-', '\'', '’'])
}

/// "т. н" before the final period → "т.н" (two short parts separated by ". "); `second` is
/// `last_word(before)`.
fn last_two_part(before: &str, second: &str) -> Option<String> {
    if second.is_empty() || second.chars().count() > 4 {
        return None;
    }
    let rest = before[..before.len() - second.len()].trim_end();
    let rest = rest.strip_suffix('.')?;
    let first = last_word(rest);
    if first.is_empty() || first.chars().count() > 4 {
        return None;
    }
    Some(format!("{first}.{second}"))
}

/// The word after a boundary candidate, past opening quotes and brackets, and past a dash that
/// introduces the reporting clause of direct speech (`«Можно?» — спросил он`); the flag tells
/// whether there was such a dash.
fn next_word(rest: &str) -> (&str, bool) {
    let mut r = rest;
    let mut dash = false;
    if let Some(after) = r.strip_prefix(['—', '–', '-']) {
        let after = after.strip_prefix('-').unwrap_or(after);
        let trimmed = after.trim_start();
        if trimmed.len() < after.len() {
            dash = true;
            r = trimmed;
        }
    }
    let r = r.trim_start_matches(OPENERS);
    let end = r.find(char::is_whitespace).unwrap_or(r.len());
    (&r[..end], dash)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_en(t: &str) -> Vec<&str> {
        split(t, Lang::En).into_iter().map(|r| &t[r]).collect()
    }
    fn split_ru(t: &str) -> Vec<&str> {
        split(t, Lang::Ru).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn simple_sentences() {
        assert_eq!(
            split_en("Hello World. My name is Jonas."),
            ["Hello World.", "My name is Jonas."]
        );
        assert_eq!(
            split_en("What is it? It is 2.5 km away!"),
            ["What is it?", "It is 2.5 km away!"]
        );
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            split_en("Mr. Smith met Prof. T. S. Eliot in St. Louis. They talked."),
            [
                "Mr. Smith met Prof. T. S. Eliot in St. Louis.",
                "They talked."
            ]
        );
        assert_eq!(
            split_en("It shipped to the U.K. Two weeks later it came back."),
            ["It shipped to the U.K.", "Two weeks later it came back."]
        );
        assert_eq!(
            split_ru("Это было к 2004 г. Тогда же В. В. Набоков, т. н. классик, и т. д. Конец."),
            [
                "Это было к 2004 г.",
                "Тогда же В. В. Набоков, т. н. классик, и т. д.",
                "Конец."
            ]
        );
        assert_eq!(
            split_ru("См. с. 14 и прил. 3. Далее текст."),
            ["См. с. 14 и прил. 3.", "Далее текст."]
        );
    }

    #[test]
    fn quotes_and_direct_speech() {
        assert_eq!(
            split_ru("«Можно?» — спросил он. Она кивнула."),
            ["«Можно?» — спросил он.", "Она кивнула."]
        );
        assert_eq!(
            split_en("“Wait,” she said. “Stop.” He stopped."),
            ["“Wait,” she said.", "“Stop.”", "He stopped."]
        );
        // A quote spanning two sentences inside a reported sentence stays whole.
        assert_eq!(
            split_en("“We agree. This is discussed,” he said. Then he left."),
            ["“We agree. This is discussed,” he said.", "Then he left."]
        );
    }

    #[test]
    fn hard_boundaries() {
        assert_eq!(
            split_en("A headline without a period\nThe body starts here. It goes\non here.\n\nNew paragraph"),
            [
                "A headline without a period",
                "The body starts here.",
                "It goes\non here.",
                "New paragraph"
            ]
        );
    }

    #[test]
    fn ellipsis() {
        assert_eq!(
            split_en("Wait... What happened? I . . . don't know."),
            ["Wait...", "What happened?", "I . . . don't know."]
        );
    }

    #[test]
    fn inline_lists_and_omissions() {
        assert_eq!(
            split_en("1.) The first item 2.) The second item"),
            ["1.) The first item", "2.) The second item"]
        );
        assert_eq!(
            split_en("a. The first item b. The second item"),
            ["a. The first item", "b. The second item"]
        );
        assert_eq!(
            split_en("\"Bohr [...] used stairways [...]\" (Smith 55)."),
            ["\"Bohr [...] used stairways [...]\" (Smith 55)."]
        );
    }

    #[test]
    fn starters_decide_after_abbreviations() {
        assert_eq!(
            split_en("I work for the U.S. Government in Virginia."),
            ["I work for the U.S. Government in Virginia."]
        );
        assert_eq!(
            split_en(
                "At 5 a.m. Mr. Smith went to the bank. He left at 6 P.M. Mr. Smith then left."
            ),
            [
                "At 5 a.m. Mr. Smith went to the bank.",
                "He left at 6 P.M.",
                "Mr. Smith then left."
            ]
        );
        assert_eq!(
            split_ru(
                "В 2010-2012 гг. Виктор посещал г. Волгоград. Было это в 1998 г. Популяции росли."
            ),
            [
                "В 2010-2012 гг. Виктор посещал г. Волгоград.",
                "Было это в 1998 г.",
                "Популяции росли."
            ]
        );
        assert_eq!(
            split_ru("Л.Н. Толстой написал роман. Писал его А. И. Семенов и др. Конец."),
            [
                "Л.Н. Толстой написал роман.",
                "Писал его А. И. Семенов и др.",
                "Конец."
            ]
        );
    }

    #[test]
    fn informal_text() {
        assert_eq!(
            split_en("you love it when i come over. i satisfy you. why not? ok"),
            [
                "you love it when i come over.",
                "i satisfy you.",
                "why not?",
                "ok"
            ]
        );
        assert_eq!(
            split_en("She works at Yahoo! in the office. I love her. :)"),
            ["She works at Yahoo! in the office.", "I love her. :)"]
        );
        assert_eq!(
            split_ru("Ставь ❤️ Мы едем домой 😉 @user спасибо!"),
            ["Ставь ❤️", "Мы едем домой 😉", "@user спасибо!"]
        );
    }

    #[test]
    fn mail_header_stamps_stand_alone() {
        assert_eq!(
            split_en("Kay Mann 04/26/2001 07:17 AM Will you send it?"),
            ["Kay Mann", "04/26/2001 07:17 AM", "Will you send it?"]
        );
        assert_eq!(
            split_en("He wrote on 04/26/2001 07:17 AM to us."),
            ["He wrote on 04/26/2001 07:17 AM to us."]
        );
    }

    #[test]
    fn quotes_in_other_notations() {
        assert_eq!(
            split_ru("«К чему ты готовишься? – спросила мама. – Завтра ведь выходной»."),
            ["«К чему ты готовишься? – спросила мама. – Завтра ведь выходной»."]
        );
        assert_eq!(
            split_ru("Он сказал: ``Вот этим парням я верю! ``. Потом ушёл."),
            ["Он сказал: ``Вот этим парням я верю! ``.", "Потом ушёл."]
        );
    }

    #[test]
    fn sentences_have_char_offsets_and_flat_text() {
        let t = "Да. Это\nтак.";
        let s = sentences(t, Lang::Ru);
        assert_eq!(s.len(), 2);
        assert_eq!((s[1].start, s[1].end), (4, 12));
        assert_eq!(s[1].text, "Это так.");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "Да! ``…",
            "a? ``‼ b",
            "",
            ".",
            " . . ",
            "…",
            "a.\n\n.",
            "«",
            "”.",
            "1.",
            "\u{1F600}. \u{1F600}",
        ] {
            let _ = split(t, Lang::En);
            let _ = split(t, Lang::Ru);
        }
    }
}
