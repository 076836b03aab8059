//! Words and punctuation the way the Universal Dependencies treebanks cut them.
//!
//! Punctuation is a token of its own (runs such as `...`, `--` or `?!` stay one); numbers keep
//! their inner points and commas (`3.14`, `1,000`, `3,5`); abbreviations of the sentence
//! splitter's lists, initials and initialisms keep their periods (`Mr.`, `J.`, `U.S.`, `т.е.`);
//! web addresses and e-mail addresses are one token. English splits hyphenated words (`long - term`)
//! and clitics as EWT does (`do n't`, `ca n't`, `John 's`, `we 're`, `can not`, `gon na`);
//! Russian keeps hyphenated words whole (`кто-то`, `из-за`, `Санкт-Петербург`).

use crate::segment::{Class, Rules};
use crate::text::Lang;
use std::ops::Range;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_mark(c)
}

/// Combining marks (stress accents in Russian, diacritics written apart).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Chars that a run of the same char keeps together (`...`, `--`, `!!`).
fn repeats(c: char) -> bool {
    matches!(
        c,
        '.' | '-' | '!' | '?' | '*' | '=' | '_' | '~' | '#' | '+' | '/'
    )
}

/// Byte ranges of the tokens of `text`.
pub fn tokenize(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let after = text[i..].trim_start().chars().next();
                chunk(text, s, i, after, lang, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        chunk(text, s, text.len(), None, lang, &mut out);
    }
    out
}

fn looks_like_address(s: &str) -> bool {
    let low = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    if low.starts_with("http://") || low.starts_with("https://") || low.starts_with("www.") {
        return true;
    }
    match s.find('@') {
        Some(at) => {
            let (user, host) = (&s[..at], &s[at + 1..]);
            user.chars().last().is_some_and(is_word_char)
                && host.contains('.')
                && host.chars().next().is_some_and(char::is_alphanumeric)
        }
        None => false,
    }
}

/// Tokens of one whitespace-free chunk `text[a..b]`.
/// `after` is the first char after the chunk and the whitespace that follows it.
fn chunk(
    text: &str,
    a: usize,
    b: usize,
    after: Option<char>,
    lang: Lang,
    out: &mut Vec<Range<usize>>,
) {
    let s = &text[a..b];
    let openers = |c: char| matches!(c, '(' | '[' | '{' | '"' | '«' | '“' | '„' | '\'' | '<');
    let closers = |c: char| {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '"' | '»' | '”' | '\'' | '>'
        )
    };
    let lead = s.len() - s.trim_start_matches(openers).len();
    let body = s[lead..].trim_end_matches(closers);
    if !body.is_empty() && looks_like_address(body) {
        for (i, c) in s[..lead].char_indices() {
            out.push(a + i..a + i + c.len_utf8());
        }
        let end = a + lead + body.len();
        out.push(a + lead..end);
        // The closing punctuation, as ordinary tokens.
        scan(text, end, b, after, lang, out);
        return;
    }
    scan(text, a, b, after, lang, out);
}

/// Tokens of `text[a..b]`, a stretch without whitespace followed by `after`.
fn scan(
    text: &str,
    a: usize,
    b: usize,
    after: Option<char>,
    lang: Lang,
    out: &mut Vec<Range<usize>>,
) {
    let s = &text[a..b];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let pos = |k: usize| a + chars.get(k).map_or(s.len(), |&(i, _)| i);
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        if !is_word_char(c) {
            let mut e = k + 1;
            if repeats(c) {
                while at(e) == Some(c) {
                    e += 1;
                }
            }
            if matches!(c, '!' | '?') {
                while matches!(at(e), Some('!' | '?')) {
                    e += 1;
                }
            }
            out.push(pos(k)..pos(e));
            k = e;
            continue;
        }
        // A word: letters and digits, with the inner joiners allowed.
        let mut e = k + 1;
        let mut dotted = false;
        loop {
            match at(e) {
                Some(x) if is_word_char(x) => e += 1,
                Some(x) => {
                    let prev = chars[e - 1].1;
                    let Some(next) = at(e + 1) else { break };
                    let joins = if is_hyphen(x) {
                        lang == Lang::Ru && is_word_char(next) && is_word_char(prev)
                    } else if x == '.' || x == ',' {
                        (prev.is_ascii_digit() && next.is_ascii_digit())
                            || (x == '.' && next.is_alphabetic() && single_letter_run(&chars, e))
                    } else if is_apostrophe(x) {
                        prev.is_alphabetic() && next.is_alphabetic()
                    } else {
                        x == '&' && prev.is_uppercase() && next.is_uppercase()
                    };
                    if !joins {
                        break;
                    }
                    if x == '.' && !prev.is_ascii_digit() {
                        dotted = true;
                    }
                    e += 2;
                }
                None => break,
            }
        }
        // A period after an abbreviation, an initial or an initialism stays with the word;
        // after an abbreviation that is also a word (`no`, `sun`), only when no capital or end
        // of text follows.
        if at(e) == Some('.') && at(e + 1) != Some('.') {
            let word = &text[pos(k)..pos(e)];
            let single = e == k + 1 && c.is_uppercase();
            let follows = at(e + 1).or(after);
            let keeps = match Rules::for_lang(lang).class(word) {
                Some(Class::Never) => true,
                Some(_) => follows.is_some_and(|f| !f.is_uppercase()),
                None => false,
            };
            if dotted || single || keeps {
                e += 1;
            }
        }
        let (ws, we) = (pos(k), pos(e));
        if lang == Lang::En {
            english_word(text, ws, we, out);
        } else {
            out.push(ws..we);
        }
        k = e;
    }
}

/// True when the word before the period at `e` is a single letter after a start or a period
/// (`U` of `U.S`, `S` of `U.S.A`, `т` of `т.е`).
fn single_letter_run(chars: &[(usize, char)], e: usize) -> bool {
    e >= 1 && chars[e - 1].1.is_alphabetic() && (e == 1 || chars[e - 2].1 == '.')
}

/// Splits off the clitics of an English word `text[a..b]`.
fn english_word(text: &str, a: usize, b: usize, out: &mut Vec<Range<usize>>) {
    let w = &text[a..b];
    let low = w.to_lowercase();
    if low.len() == w.len() {
        // Two-word spellings: cannot, gonna, wanna, gotta.
        for (whole, first) in [("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)] {
            if low == whole {
                out.push(a..a + first);
                out.push(a + first..b);
                return;
            }
        }
    }
    if let Some((i, ap)) = w.char_indices().rev().find(|&(_, c)| is_apostrophe(c)) {
        let tail = &low[(i + ap.len_utf8()).min(low.len())..];
        if low.len() == w.len() && i > 0 {
            let before = &w[..i];
            if tail == "t" && before.to_lowercase().ends_with('n') && before.len() > 1 {
                let n = i - 1;
                out.push(a..a + n);
                out.push(a + n..b);
                return;
            }
            if matches!(tail, "s" | "re" | "ve" | "ll" | "d" | "m") {
                out.push(a..a + i);
                out.push(a + i..b);
                return;
            }
        }
    }
    out.push(a..b);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str, lang: Lang) -> Vec<&str> {
        tokenize(text, lang).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn english_clitics_and_punctuation() {
        assert_eq!(
            toks(
                "I can't say it won't rain; Mary's cat isn't here.",
                Lang::En
            ),
            [
                "I", "ca", "n't", "say", "it", "wo", "n't", "rain", ";", "Mary", "'s", "cat", "is",
                "n't", "here", "."
            ]
        );
        assert_eq!(
            toks(
                "We're gonna pay $1,000.50 for a long-term deal...",
                Lang::En
            ),
            [
                "We", "'re", "gon", "na", "pay", "$", "1,000.50", "for", "a", "long", "-", "term",
                "deal", "..."
            ]
        );
        assert_eq!(
            toks(
                "Mr. Smith (of the U.S.) wrote to j.doe@example.com!",
                Lang::En
            ),
            [
                "Mr.",
                "Smith",
                "(",
                "of",
                "the",
                "U.S.",
                ")",
                "wrote",
                "to",
                "j.doe@example.com",
                "!"
            ]
        );
        assert_eq!(
            toks("O'Brien cannot go", Lang::En),
            ["O'Brien", "can", "not", "go"]
        );
    }

    #[test]
    fn russian_words_keep_hyphens() {
        assert_eq!(
            toks(
                "Кто-то приехал из-за границы в Санкт-Петербург, т.е. домой.",
                Lang::Ru
            ),
            [
                "Кто-то",
                "приехал",
                "из-за",
                "границы",
                "в",
                "Санкт-Петербург",
                ",",
                "т.е.",
                "домой",
                "."
            ]
        );
        assert_eq!(
            toks("«Да?!» — сказал А. С. Пушкин в 1830 г. (3,5 км)", Lang::Ru),
            [
                "«",
                "Да",
                "?!",
                "»",
                "—",
                "сказал",
                "А.",
                "С.",
                "Пушкин",
                "в",
                "1830",
                "г.",
                "(",
                "3,5",
                "км",
                ")"
            ]
        );
    }
}
