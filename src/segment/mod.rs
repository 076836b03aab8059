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

pub use rules::Rules;

use crate::text::Lang;
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

/// Splits `text` into sentences with char offsets and flattened text.
pub fn sentences(text: &str, lang: Lang) -> Vec<Sentence> {
    let ranges = split(text, lang);
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

/// Turns line breaks (and the whitespace around them) inside a sentence into one space.
pub fn flatten(sentence: &str) -> String {
    if !sentence.contains(['\n', '\r']) {
        return sentence.to_string();
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
    out
}

const TERMINALS: &[char] = &['.', '?', '!', '…', '‼', '⁇', '⁈', '⁉'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '}', '›', '“'];
const OPENERS: &[char] = &['"', '“', '„', '«', '‘', '(', '[', '{', '‹', '\''];

fn is_terminal(c: char) -> bool {
    TERMINALS.contains(&c)
}

/// Byte ranges of the blocks between hard boundaries, trimmed, never empty.
fn hard_blocks(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_line: Option<&str> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
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
/// `embedded` quotes sit inside a larger sentence (`“… .” he said`, `“… ,” said X`), so
/// sentence ends inside them do not end the sentence.
struct Quote {
    open: usize,
    close: usize,
    embedded: bool,
}

fn quotes(block: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    let chars: Vec<(usize, char)> = block.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let closing = match c {
            '”' => stack.iter().rposition(|(o, _)| matches!(o, '“' | '„')),
            '“' => stack.iter().rposition(|(o, _)| *o == '„'),
            '»' => stack.iter().rposition(|(o, _)| *o == '«'),
            '"' => stack.iter().rposition(|(o, _)| *o == '"'),
            _ => None,
        };
        if let Some(pos) = closing {
            let (_, open) = stack[pos];
            stack.truncate(pos);
            let before = chars[..k]
                .iter()
                .rev()
                .map(|&(_, c)| c)
                .find(|c| !c.is_whitespace());
            let after = chars[k + 1..]
                .iter()
                .map(|&(_, c)| c)
                .find(|c| !c.is_whitespace());
            let embedded = matches!(before, Some(',' | ':' | ';'))
                || matches!(after, Some(',' | '—' | '–' | ';' | ':'))
                || after.is_some_and(|c| c.is_lowercase());
            out.push(Quote {
                open,
                close: i,
                embedded,
            });
            continue;
        }
        if matches!(c, '“' | '„' | '«' | '"') {
            stack.push((c, i));
        }
    }
    out
}

fn split_block(text: &str, block: Range<usize>, rules: &Rules, out: &mut Vec<Range<usize>>) {
    let s = &text[block.clone()];
    let quotes = quotes(s);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut sent_start = 0usize;
    let mut k = 0usize;
    while k < chars.len() {
        let (i, c) = chars[k];
        if !is_terminal(c) {
            k += 1;
            continue;
        }
        // The terminal cluster: `.`, `?!`, `...`, `. . .`, followed by closing quotes/brackets.
        let mut j = k;
        while j + 1 < chars.len() {
            let n = chars[j + 1].1;
            if is_terminal(n) {
                j += 1;
            } else if n == ' ' && chars[j].1 == '.' && j + 2 < chars.len() && chars[j + 2].1 == '.'
            {
                j += 2;
            } else {
                break;
            }
        }
        let cluster_end_terminals = j;
        while j + 1 < chars.len() && CLOSERS.contains(&chars[j + 1].1) {
            j += 1;
        }
        let end = chars.get(j + 1).map_or(s.len(), |&(b, _)| b);
        // A boundary needs whitespace (or the end of the block) after the cluster.
        let next_k = j + 1;
        if next_k < chars.len() && !chars[next_k].1.is_whitespace() {
            k = next_k;
            continue;
        }
        let mut m = next_k;
        while m < chars.len() && chars[m].1.is_whitespace() {
            m += 1;
        }
        if m >= chars.len() {
            break;
        }
        let cluster: String = chars[k..=cluster_end_terminals]
            .iter()
            .map(|&(_, c)| c)
            .collect();
        let inside_embedded = quotes
            .iter()
            .any(|q| q.embedded && q.open < i && i < q.close && end <= q.close);
        let breaks =
            !inside_embedded && is_boundary(s, &chars, k, &cluster, m, rules, &s[sent_start..i]);
        if breaks {
            out.push(block.start + sent_start..block.start + end);
            sent_start = chars[m].0;
        }
        k = m;
    }
    if let Some(r) = trim_range(text, block.start + sent_start..block.end) {
        out.push(r);
    }
}

/// Decides whether the terminal cluster starting at char index `k` ends a sentence, given the
/// next non-space char at index `m`.
fn is_boundary(
    s: &str,
    chars: &[(usize, char)],
    k: usize,
    cluster: &str,
    m: usize,
    rules: &Rules,
    sentence_so_far: &str,
) -> bool {
    let next_word = next_word(&chars[m..]);
    let first_letter = next_word.chars().find(|c| c.is_alphanumeric());
    let next_lower = first_letter.is_some_and(|c| c.is_lowercase());
    if next_lower {
        return false;
    }
    if cluster.contains(['?', '!', '‼', '⁇', '⁈', '⁉']) {
        return true;
    }
    if cluster.chars().count() > 1 || cluster == "…" {
        // Ellipsis: ends a sentence before a capital letter.
        return first_letter.is_some_and(|c| c.is_uppercase());
    }
    // A single period: look at the word it closes.
    let before = &s[..chars[k].0];
    let word = last_word(before);
    if word.is_empty() {
        return true;
    }
    let next_is_number = first_letter.is_some_and(|c| c.is_ascii_digit());
    // Numbered list item opening the sentence: "1. Item".
    if word.chars().all(|c| c.is_ascii_digit()) && sentence_so_far.trim() == word {
        return false;
    }
    // Initials: a single capital letter (T. S. Eliot, В. В. Набоков).
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() == 1 && word.chars().count() == 1 && letters[0].is_uppercase() {
        return false;
    }
    let two_part = last_two_part(before);
    let class = two_part
        .as_deref()
        .and_then(|w| rules.class(w))
        .or_else(|| rules.class(word));
    match class {
        Some(rules::Class::Never) => false,
        Some(rules::Class::Number) => !next_is_number && is_capital_start(first_letter),
        Some(rules::Class::Unit) => {
            let prev = last_word(before[..before.len() - word.len()].trim_end());
            prev.chars().any(|c| c.is_ascii_digit())
                && first_letter.is_some_and(|c| c.is_uppercase())
        }
        Some(rules::Class::Abbr) => first_letter.is_some_and(|c| c.is_uppercase()),
        None => {
            // Dotted acronyms (U.S., e.g. unknown ones) behave like abbreviations.
            if word.contains('.') {
                return first_letter.is_some_and(|c| c.is_uppercase());
            }
            // A lone lower-case letter is an abbreviation in Russian lists ("с.", "т.").
            if letters.len() == 1 && word.chars().count() == 1 {
                return first_letter.is_some_and(|c| c.is_uppercase()) && !next_is_number;
            }
            true
        }
    }
}

fn is_capital_start(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_uppercase())
}

/// The word right before a period: letters, digits, inner dots, hyphens and `№`.
fn last_word(before: &str) -> &str {
    let trimmed = before.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '№');
    if trimmed.len() != before.len() {
        return "";
    }
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '№')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[start..].trim_start_matches(['.', '-'])
}

/// "т. н" before the final period → "т.н" (two short parts separated by ". ").
fn last_two_part(before: &str) -> Option<String> {
    let second = last_word(before);
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
/// introduces the reporting clause of direct speech (`«Можно?» — спросил он`).
fn next_word(chars: &[(usize, char)]) -> String {
    let mut it = chars.iter().map(|&(_, c)| c).peekable();
    if matches!(it.peek(), Some('—' | '–')) {
        it.next();
        while it.peek().is_some_and(|c| c.is_whitespace()) {
            it.next();
        }
    }
    it.skip_while(|c| OPENERS.contains(c))
        .take_while(|c| !c.is_whitespace())
        .collect()
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
