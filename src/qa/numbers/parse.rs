//! Reading the quantities of a text: numbers in either notation with their scale words
//! (`2,5 млн`, `$4bn`), times (`18:40`, `6:40 p.m.`, `в 9 утра`) and dates (`14 сентября`,
//! `September 24`, `22.11.2026`, `2026-11-22`).

use crate::text::names::{calendar_word, LowerClass};
use crate::text::{Lang, Word};

/// What a quantity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A number (with its scale word, if any).
    Plain,
    /// A time of day; values are minutes after midnight.
    Time,
    /// A date; values are `month * 100 + day`, plus `year * 10_000` when the year is written.
    Date,
}

/// A quantity of a text: what it is, its char span and the values it may stand for.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// What it is.
    pub kind: Kind,
    /// Char offset of its first char.
    pub start: usize,
    /// Char offset one past its last char (a scale word, `p.m.`, a month name included).
    pub end: usize,
    /// Every value the notation allows in any language (`1,500` is 1500 in English and 1.5
    /// in Russian); for times, both halves of the day when no `a.m.`/`p.m.` says which.
    pub values: Vec<f64>,
    /// The values as the side's own language reads the notation (`2.500` is 2.5 in English;
    /// `3.5` is not Russian at all); equal to `values` when the language is unknown.
    pub native: Vec<f64>,
    /// The factor of the scale word after the number (`млн`: 1e6), 1 without one.
    pub scale: f64,
    /// Char offset one past the digits (before any scale word).
    pub digits_end: usize,
    /// Written in words (`five`, `двадцати`): compared like a number, but reported only
    /// beside a different number of the other side (texts often render a number freely:
    /// `several hundred`, `несколько сотен`).
    pub word: bool,
    /// The numbers written, for quantities made of several (`18:40` holds 18 and 40; a
    /// date's day and year): a plain number of the other side may match one of them.
    pub parts: Vec<f64>,
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Values of a digit string with separators: every reading in which thousands groups have
/// three digits and at most one decimal mark is used, with the decimal mark and thousands
/// separator of each reading.
fn readings(groups: &[String], seps: &[char]) -> Vec<(f64, Option<char>, Option<char>)> {
    let mut out = Vec::new();
    for decimal in [None, Some(','), Some('.')] {
        let mut int = String::new();
        let mut frac = String::new();
        let mut ok = true;
        let mut seen_decimal = false;
        let mut thousands: Option<char> = None;
        int.push_str(&groups[0]);
        for (k, &sep) in seps.iter().enumerate() {
            let g = &groups[k + 1];
            if Some(sep) == decimal {
                if seen_decimal || k + 1 != seps.len() {
                    ok = false;
                    break;
                }
                seen_decimal = true;
                frac.push_str(g);
            } else {
                let sep_class = if is_group_space(sep) { ' ' } else { sep };
                if g.len() != 3
                    || groups[0].len() > 3
                    || groups[0].starts_with('0')
                    || thousands.is_some_and(|t| t != sep_class)
                {
                    ok = false;
                    break;
                }
                thousands = Some(sep_class);
                int.push_str(g);
            }
        }
        if decimal.is_some() && !seen_decimal {
            ok = false;
        }
        if ok {
            let s = if frac.is_empty() {
                int.clone()
            } else {
                format!("{int}.{frac}")
            };
            if let Ok(v) = s.parse::<f64>() {
                if !out.iter().any(|&(x, _, _)| x == v) {
                    out.push((v, decimal, thousands));
                }
            }
        }
    }
    out
}

/// True when a reading's marks are the language's own: English groups thousands with commas
/// (or spaces) and marks decimals with a point; Russian groups with spaces and marks
/// decimals with a comma.
fn is_native(lang: Lang, decimal: Option<char>, thousands: Option<char>) -> bool {
    match lang {
        Lang::En => decimal != Some(',') && thousands != Some('.'),
        Lang::Ru => decimal != Some('.') && thousands.is_none_or(|t| t == ' '),
    }
}

/// Scale words after a number: their length in chars and factor.
fn scale_after(chars: &[char], j: usize, glued_currency: bool) -> Option<(usize, f64)> {
    let mut k = j;
    while k < chars.len() && is_group_space(chars[k]) && k - j < 2 {
        k += 1;
    }
    let rest: String = chars[k..chars.len().min(k + 12)].iter().collect();
    let lower = rest.to_lowercase();
    const SCALES: &[(&str, f64)] = &[
        ("тыс", 1e3),
        ("тысяч", 1e3),
        ("млн", 1e6),
        ("миллион", 1e6),
        ("млрд", 1e9),
        ("миллиард", 1e9),
        ("трлн", 1e12),
        ("триллион", 1e12),
        ("thousand", 1e3),
        ("million", 1e6),
        ("mln", 1e6),
        ("mn", 1e6),
        ("billion", 1e9),
        ("bn", 1e9),
        ("bln", 1e9),
        ("trillion", 1e12),
        ("tn", 1e12),
    ];
    let mut best: Option<(usize, f64)> = None;
    for &(w, f) in SCALES {
        if lower.starts_with(w) {
            // The whole word: its letters and a dot (`тыс.`), plural or case ending.
            let letters = lower.chars().take_while(|c| c.is_alphabetic()).count();
            let word: String = lower.chars().take(letters).collect();
            let ok = word == w
                || (word.starts_with(w)
                    && matches!(
                        &word[w.len()..],
                        "s" | "а"
                            | "ов"
                            | "ы"
                            | "и"
                            | "у"
                            | "ам"
                            | "ами"
                            | "ах"
                            | "ом"
                            | "е"
                            | "ей"
                            | "ами."
                    ));
            if ok && best.is_none_or(|(n, _)| letters > n) {
                // Abbreviations take their dot (`тыс.`, `млн.`); a full word leaves the
                // sentence's.
                let dot = usize::from(letters <= 4 && lower.chars().nth(letters) == Some('.'));
                best = Some((k - j + letters + dot, f));
            }
        }
    }
    if best.is_some() {
        return best;
    }
    // `$5m`, `£3k`: one letter glued to a number after a currency sign.
    if glued_currency && k == j {
        let next = chars.get(j).copied();
        let after = chars.get(j + 1).copied();
        let alone = after.is_none_or(|c| !c.is_alphanumeric());
        match next {
            Some('k' | 'K') if alone => return Some((1, 1e3)),
            Some('m' | 'M') if alone => return Some((1, 1e6)),
            _ => {}
        }
    }
    None
}

/// The quantities of `prose` (a side's text with code masked, see `text::markup`), read in
/// `lang` (`None`: any notation is native), with the side's prose `words` for month names.
pub fn quantities(prose: &str, words: &[Word<'_>], lang: Option<Lang>) -> Vec<Quantity> {
    let chars: Vec<char> = prose.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // Digits glued after a letter are part of a code or a name (`G20`, `COVID-19` is not
        // glued): still numbers, but no times or dates.
        let start = i;
        if let Some(q) = numeric_date(&chars, i) {
            i = q.end;
            out.push(q);
            continue;
        }
        if let Some(q) = time(&chars, i, lang) {
            i = q.end;
            out.push(q);
            continue;
        }
        let mut groups: Vec<String> = Vec::new();
        let mut seps: Vec<char> = Vec::new();
        let mut j = i;
        loop {
            let g0 = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            groups.push(chars[g0..j].iter().collect());
            if j + 1 < chars.len()
                && (matches!(chars[j], ',' | '.') || is_group_space(chars[j]))
                && chars[j + 1].is_ascii_digit()
            {
                seps.push(chars[j]);
                j += 1;
            } else {
                break;
            }
        }
        let rs = readings(&groups, &seps);
        if rs.is_empty() {
            // Not one number (`5 10`, `1 000.000,5`): each group is one.
            let mut k = start;
            for g in &groups {
                let v: f64 = g.parse().unwrap_or(0.0);
                out.push(Quantity {
                    kind: Kind::Plain,
                    start: k,
                    end: k + g.chars().count(),
                    values: vec![v],
                    native: vec![v],
                    scale: 1.0,
                    digits_end: k + g.chars().count(),
                    word: false,
                    parts: vec![v],
                });
                k += g.chars().count() + 1;
            }
            i = j;
            continue;
        }
        let mut values: Vec<f64> = rs.iter().map(|r| r.0).collect();
        let mut native: Vec<f64> = rs
            .iter()
            .filter(|r| lang.is_none_or(|l| is_native(l, r.1, r.2)))
            .map(|r| r.0)
            .collect();
        let currency = start > 0 && "$€£¥₽".contains(chars[start - 1]);
        let mut end = j;
        let mut scale = 1.0;
        if let Some((len, factor)) = scale_after(&chars, j, currency) {
            scale = factor;
            let scale = |v: &mut Vec<f64>| {
                for x in v.iter_mut() {
                    *x = (*x * factor * 1e6).round() / 1e6;
                }
            };
            scale(&mut values);
            scale(&mut native);
            end = j + len;
        }
        let parts = values.clone();
        out.push(Quantity {
            kind: Kind::Plain,
            start,
            end,
            values,
            native,
            scale,
            digits_end: j,
            word: false,
            parts,
        });
        i = j;
    }
    word_dates(&mut out, &chars, words);
    // Numbers in words and Roman numerals (`XXI век`).
    let digits_at: Vec<(usize, usize)> = out.iter().map(|q| (q.start, q.end)).collect();
    let free = |a: usize, b: usize| !digits_at.iter().any(|&(s, e)| s < b && a < e);
    for (a, b, v) in super::words::word_numbers(words, &chars) {
        if free(a, b) {
            out.push(word_quantity(a, b, v));
        }
    }
    for w in words {
        if let Some(v) = super::words::roman(w.text) {
            if free(w.start, w.end) {
                out.push(word_quantity(w.start, w.end, v));
            }
        }
    }
    out.sort_by_key(|q| q.start);
    out
}

fn word_quantity(start: usize, end: usize, v: f64) -> Quantity {
    Quantity {
        kind: Kind::Plain,
        start,
        end,
        values: vec![v],
        native: vec![v],
        scale: 1.0,
        digits_end: end,
        word: true,
        parts: vec![v],
    }
}

fn digits_at(chars: &[char], i: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    while j < chars.len() && chars[j].is_ascii_digit() && j - i < max {
        j += 1;
    }
    if j - i < min || chars.get(j).is_some_and(char::is_ascii_digit) {
        return None;
    }
    let s: String = chars[i..j].iter().collect();
    s.parse().ok().map(|v| (v, j))
}

/// `22.11.2026`, `11/22/2026`, `22/11/2026`, `2026-11-22`.
fn numeric_date(chars: &[char], i: usize) -> Option<Quantity> {
    if i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '.') {
        return None;
    }
    let valid = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
    let full_year = |y: u32, len: usize| if len == 2 { 2000 + y } else { y };
    // ISO.
    if let Some((y, j)) = digits_at(chars, i, 4, 4) {
        if chars.get(j) == Some(&'-') {
            let (m, k) = digits_at(chars, j + 1, 2, 2)?;
            if chars.get(k) != Some(&'-') {
                return None;
            }
            let (d, e) = digits_at(chars, k + 1, 2, 2)?;
            return valid(d, m).then(|| date(i, e, vec![(y, m, d)]));
        }
        return None;
    }
    let (a, j) = digits_at(chars, i, 1, 2)?;
    let sep = *chars.get(j)?;
    if sep != '.' && sep != '/' {
        return None;
    }
    let (b, k) = digits_at(chars, j + 1, 1, 2)?;
    if chars.get(k) != Some(&sep) {
        return None;
    }
    let year_start = k + 1;
    let (y, e) = digits_at(chars, year_start, 2, 4)?;
    if e - year_start == 3 {
        return None;
    }
    let y = full_year(y, e - year_start);
    let mut readings = Vec::new();
    if valid(a, b) {
        readings.push((y, b, a));
    }
    if sep == '/' && valid(b, a) {
        readings.push((y, a, b));
    }
    (!readings.is_empty()).then(|| date(i, e, readings))
}

fn date(start: usize, end: usize, readings: Vec<(u32, u32, u32)>) -> Quantity {
    let values: Vec<f64> = readings
        .iter()
        .map(|&(y, m, d)| f64::from(y * 10_000 + m * 100 + d))
        .collect();
    let mut parts: Vec<f64> = Vec::new();
    for &(y, m, d) in &readings {
        for v in [y, m, d] {
            if !parts.contains(&f64::from(v)) {
                parts.push(f64::from(v));
            }
        }
    }
    Quantity {
        kind: Kind::Date,
        start,
        end,
        native: values.clone(),
        values,
        scale: 1.0,
        digits_end: end,
        word: false,
        parts,
    }
}

/// Words after a time that say which half of the day it is in.
fn day_half(chars: &[char], j: usize) -> Option<(usize, bool)> {
    let rest: String = chars[j..chars.len().min(j + 20)].iter().collect();
    let lower = rest.to_lowercase();
    let trimmed = lower.trim_start_matches([' ', '\u{a0}']);
    let skipped = lower.chars().count() - trimmed.chars().count();
    for (w, pm) in [
        ("a.m.", false),
        ("p.m.", true),
        ("a. m.", false),
        ("p. m.", true),
        ("am", false),
        ("pm", true),
        ("утра", false),
        ("вечера", true),
        ("дня", true),
        ("часов утра", false),
        ("часа утра", false),
        ("часов вечера", true),
        ("часа дня", true),
        ("часов дня", true),
    ] {
        if let Some(after) = trimmed.strip_prefix(w) {
            // A whole word (`am` is not `among`).
            if after.chars().next().is_none_or(|c| !c.is_alphabetic()) {
                return Some((skipped + w.chars().count(), pm));
            }
        }
    }
    None
}

/// `18:40`, `6:40 p.m.`, `9 a.m.`, `в 9 утра`.
fn time(chars: &[char], i: usize, lang: Option<Lang>) -> Option<Quantity> {
    if i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == ':' || chars[i - 1] == '.') {
        return None;
    }
    let (h, j) = digits_at(chars, i, 1, 2)?;
    let (minutes, after) = if chars.get(j) == Some(&':') {
        let (m, k) = digits_at(chars, j + 1, 2, 2)?;
        if chars.get(k) == Some(&':') && chars.get(k + 1).is_some_and(char::is_ascii_digit) {
            // Seconds: `12:30:15`.
            let (_, e) = digits_at(chars, k + 1, 2, 2)?;
            (Some(m), e)
        } else {
            (Some(m), k)
        }
    } else {
        (None, j)
    };
    if h > 24 || minutes.is_some_and(|m| m > 59) {
        return None;
    }
    let half = day_half(chars, after);
    if minutes.is_none() && half.is_none() {
        return None;
    }
    let m = minutes.unwrap_or(0);
    let mut values = Vec::new();
    let mut end = after;
    match half {
        Some((len, pm)) if (1..=12).contains(&h) => {
            let hh = (h % 12) + if pm { 12 } else { 0 };
            values.push(f64::from(hh * 60 + m));
            end = after + len;
        }
        _ if h == 0 || h >= 13 => values.push(f64::from(h * 60 + m)),
        // Twelve-hour clock without a half: either (Russian reads the 24-hour clock, see
        // `native` below).
        _ => {
            values.push(f64::from((h % 12) * 60 + m));
            values.push(f64::from((h % 12 + 12) * 60 + m));
        }
    }
    let native = if half.is_none() && minutes.is_some() && lang == Some(Lang::Ru) {
        vec![f64::from(h * 60 + m)]
    } else {
        values.clone()
    };
    Some(Quantity {
        kind: Kind::Time,
        start: i,
        end,
        native,
        values,
        scale: 1.0,
        digits_end: end,
        word: false,
        parts: vec![f64::from(h), f64::from(m)],
    })
}

/// Day numbers next to a month name become dates: `14 сентября`, `September 24`,
/// `24th of September`, `Sept. 24`.
fn word_dates(qs: &mut [Quantity], chars: &[char], words: &[Word<'_>]) {
    for q in qs.iter_mut() {
        if q.kind != Kind::Plain || q.values.len() != 1 || q.parts.len() != 1 {
            continue;
        }
        let d = q.values[0];
        if d.fract() != 0.0 || !(1.0..=31.0).contains(&d) {
            continue;
        }
        // The word after (`14 сентября`, `24th of September`) or before (`September 24`).
        let after = words.iter().find(|w| w.start >= q.end).filter(|w| {
            let gap: String = chars[q.end..w.start].iter().collect();
            let gap =
                gap.trim_start_matches(|c: char| c.is_ascii_alphabetic() && "stndrh".contains(c));
            gap.trim().is_empty() || gap.trim() == "of" || gap.trim() == "-го"
        });
        let before = words.iter().rev().find(|w| w.end <= q.start).filter(|w| {
            let gap: String = chars[w.end..q.start].iter().collect();
            matches!(gap.trim(), "" | ".")
        });
        // `24th of September`: past the `of`.
        let after = after.and_then(|w| {
            if w.text == "of" {
                words.iter().find(|x| x.start > w.end)
            } else {
                Some(w)
            }
        });
        let month = after
            .and_then(|w| month_of(w).map(|m| (m, w.end.max(q.end), None)))
            .or_else(|| before.and_then(|w| month_of(w).map(|m| (m, q.end, Some(w.start)))));
        if let Some((m, end, from)) = month {
            let md = f64::from(m) * 100.0 + d;
            q.kind = Kind::Date;
            q.values = vec![md];
            q.native = vec![md];
            q.parts = vec![d, f64::from(m)];
            q.end = end;
            if let Some(s) = from {
                q.start = s;
            }
        }
    }
}

fn month_of(w: &Word<'_>) -> Option<u32> {
    match calendar_word(w.text) {
        Some((LowerClass::Month, m)) => Some(m),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qs(text: &str, lang: Option<Lang>) -> Vec<(Kind, String, Vec<f64>, Vec<f64>)> {
        let ws = crate::text::words(text);
        quantities(text, &ws, lang)
            .into_iter()
            .map(|q| {
                (
                    q.kind,
                    text.chars().skip(q.start).take(q.end - q.start).collect(),
                    q.values,
                    q.native,
                )
            })
            .collect()
    }

    #[test]
    fn numbers_in_both_notations() {
        let q = qs("3.7 and 3,7, 12,500, 12 500, 1,234,567.89", Some(Lang::En));
        assert_eq!(q[0].2, [3.7]);
        assert_eq!((q[1].2.clone(), q[1].3.clone()), (vec![3.7], vec![]));
        assert_eq!(
            (q[2].2.clone(), q[2].3.clone()),
            (vec![12500.0, 12.5], vec![12500.0])
        );
        assert_eq!(q[3].3, [12500.0]);
        assert_eq!(q[4].3, [1234567.89]);
        let q = qs("3,5 млн, 2.500 и 12,500", Some(Lang::Ru));
        assert_eq!(
            (q[0].1.as_str(), q[0].3.clone()),
            ("3,5 млн", vec![3_500_000.0])
        );
        assert_eq!(q[1].3, Vec::<f64>::new());
        assert_eq!(q[2].3, [12.5]);
        let q = qs(
            "It cost $4bn, £3m and 2 billion dollars, 5 m tall.",
            Some(Lang::En),
        );
        let v: Vec<f64> = q.iter().map(|q| q.2[0]).collect();
        assert_eq!(v, [4e9, 3e6, 2e9, 5.0]);
        assert_eq!(q[2].1, "2 billion");
    }

    #[test]
    fn times_and_dates() {
        let q = qs("at 6:40 p.m., 18:40, 9 a.m., 9:00 and в 7 вечера", None);
        let kinds: Vec<Kind> = q.iter().map(|q| q.0).collect();
        assert_eq!(kinds, [Kind::Time; 5]);
        assert_eq!(q[0].2, [1120.0]);
        assert_eq!(q[1].2, [1120.0]);
        assert_eq!(q[2].2, [540.0]);
        assert_eq!(q[3].2, [540.0, 1260.0]);
        assert_eq!(q[4].2, [1140.0]);
        let q = qs(
            "on September 24, 14 сентября, 22.11.2026, 2026-11-22 and 11/22/2026",
            None,
        );
        let v: Vec<(Kind, String)> = q.iter().map(|q| (q.0, q.1.clone())).collect();
        assert_eq!(v[0], (Kind::Date, "September 24".to_string()));
        assert_eq!(q[0].2, [924.0]);
        assert_eq!(v[1], (Kind::Date, "14 сентября".to_string()));
        assert_eq!(q[2].2, [20261122.0]);
        assert_eq!(q[3].2, [20261122.0]);
        assert_eq!(q[4].2, [20261122.0]);
        // A score is not a time; a year is a number.
        let q = qs("won 3:1 in 1961", None);
        assert!(q.iter().all(|q| q.0 == Kind::Plain), "{q:?}");
    }
}
