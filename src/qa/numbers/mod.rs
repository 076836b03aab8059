//! Check `number_mismatch`: the numbers, times and dates of the source must be in the
//! target, by value and in the target language's notation. Compared by value: `3,7` = `3.7`,
//! `12 500` = `12,500`; scale words both ways (`2,5 млн` = `2.5 million`, `$4bn` =
//! `4 млрд долларов`, but `2 млрд` ≠ `2 million`); times (`18:40` = `6:40 p.m.`, `в 9 утра` =
//! `9 a.m.`); dates (`14 сентября` = `September 14`, `22.11.2026` = `11/22/2026`); month and
//! weekday names; a number written as a word on the other side (`three`, `трёх`, `сутки` =
//! 24 hours) is present.
//!
//! A target number that has the source's value only when read in another language's
//! notation is reported as such: a decimal comma kept in English (`3,5 million`), a point in
//! Russian (`3.5`), `2.500` in English (2.5, where the source has 2 500) or `12,500` in Russian
//! (12.5). Every finding is on the target and names the source's span.

mod parse;
mod units;
mod words;

pub use parse::{quantities, Kind, Quantity};

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::names::{calendar_mention, calendar_word, LowerClass};
use crate::text::{Lang, Word};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "number_mismatch",
    severity: Severity::Error,
    explanation: "A number, time or date of the source that the target does not have (compared by value), or writes in another language's notation.",
};

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(1.0)
}

/// True when two quantities of the same kind may be equal: a date without a year matches
/// the same day of any year.
fn meets(kind: Kind, a: &[f64], b: &[f64]) -> bool {
    a.iter().any(|&x| {
        b.iter().any(|&y| {
            same_value(x, y)
                || (kind == Kind::Date
                    && (x < 10_000.0 || y < 10_000.0)
                    && x % 10_000.0 == y % 10_000.0)
        })
    })
}

/// The values of the number words of a side (`three`, `двадцать пять`, `сутки`).
fn word_values(words: &[Word<'_>]) -> Vec<f64> {
    let table = words::number_words();
    let mut out = Vec::new();
    let mut prev: Option<f64> = None;
    for w in words {
        let v = table.get(&w.text.to_lowercase()).copied();
        if let Some(v) = v {
            out.push(v);
            if let Some(p) = prev {
                // `thirty-one`, `двадцать пять`: tens and a unit.
                if (20.0..100.0).contains(&p) && p % 10.0 == 0.0 && v < 10.0 {
                    out.push(p + v);
                }
                // `three million`, `два миллиарда`.
                if p < 1000.0 && v >= 1000.0 {
                    out.push(p * v);
                }
            }
        }
        prev = v;
    }
    out
}

/// How a target quantity was matched.
#[derive(Clone, Copy, PartialEq)]
enum Match {
    /// Not yet.
    None,
    /// By value.
    Value,
    /// Only in another language's notation: the source quantity's index.
    Notation(usize),
}

/// The source span of a quantity, for messages.
fn src_ref(src: &str, q: &Quantity) -> String {
    let t: String = src.chars().skip(q.start).take(q.end - q.start).collect();
    format!("“{}” (source {}..{})", t.trim(), q.start, q.end)
}

fn span_text(text: &str, q: &Quantity) -> String {
    text.chars()
        .skip(q.start)
        .take(q.end - q.start)
        .collect::<String>()
        .trim()
        .to_string()
}

/// A number written the way `lang` writes it (`2500` → `2,500` / `2 500`, `3.5` → `3,5`).
fn in_notation(v: f64, lang: Lang) -> String {
    let (int, frac) = {
        let s = format!("{}", (v * 1e6).round() / 1e6);
        match s.split_once('.') {
            Some((i, f)) => (i.to_string(), Some(f.to_string())),
            None => (s, None),
        }
    };
    let (group, decimal) = match lang {
        Lang::En => (',', '.'),
        Lang::Ru => ('\u{a0}', ','),
    };
    let digits: Vec<char> = int.chars().collect();
    let mut grouped = String::new();
    for (k, c) in digits.iter().enumerate() {
        // Russian leaves four-digit numbers ungrouped.
        let min = if lang == Lang::En { 4 } else { 5 };
        if k > 0 && (digits.len() - k) % 3 == 0 && digits.len() >= min {
            grouped.push(group);
        }
        grouped.push(*c);
    }
    match frac {
        Some(f) => format!("{grouped}{decimal}{f}"),
        None => grouped,
    }
}

/// Runs the check on the target of a pair.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if !ctx.is_target_of_pair() {
        return;
    }
    let Some(src) = ctx.other_view else {
        return;
    };
    let tgt = ctx.view;
    let text = side.text.as_str();
    let src_text = ctx.unit.src.text.as_str();
    let found_from = out.len();
    let has_digit = |s: &str| s.bytes().any(|b| b.is_ascii_digit());
    let table = words::number_words();
    let number_word = |ws: &[Word<'_>]| {
        ws.iter().any(|w| {
            w.text.len() >= 3
                && if w.text.chars().any(char::is_uppercase) {
                    table.contains_key(&w.text.to_lowercase())
                } else {
                    table.contains_key(w.text)
                }
        })
    };
    if has_digit(&tgt.prose)
        || has_digit(&src.prose)
        || (number_word(ctx.words) && number_word(ctx.other_words))
    {
        quantities_check(ctx, side, src, out);
    }
    calendar_check(ctx, text, src_text, found_from, out);
}

fn quantities_check(
    ctx: &Context<'_>,
    side: &Side,
    src: &crate::text::markup::View<'_>,
    out: &mut Vec<Finding>,
) {
    let text = side.text.as_str();
    let src_text = ctx.unit.src.text.as_str();
    let sq = quantities(&src.prose, &src.words, ctx.unit.src.lang);
    let tq = quantities(&ctx.view.prose, &ctx.view.words, side.lang);
    if sq.is_empty() && tq.is_empty() {
        return;
    }
    // The source read in its own notation where that gives a value.
    let sq: Vec<Quantity> = sq
        .into_iter()
        .map(|mut q| {
            if !q.native.is_empty() {
                q.values = q.native.clone();
            }
            q
        })
        .collect();
    // A source in a language without rules here (`zh`) writes numbers its own way: only its
    // digits are compared, and target numbers it lacks are not reported.
    let src_known = ctx.unit.src.lang.is_some();
    let src_chars: Vec<char> = if src_known {
        Vec::new()
    } else {
        src.prose.chars().collect()
    };
    let sq: Vec<Quantity> = sq
        .into_iter()
        .filter(|q| {
            // `50万`: a number with a scale sign of a script read nowhere here.
            src_known
                || src_chars.get(q.end).is_none_or(|&c| {
                    !c.is_alphabetic() || c.is_ascii() || crate::text::is_cyrillic(c)
                })
        })
        .collect();
    let tq: Vec<Quantity> = tq.into_iter().filter(|q| src_known || !q.word).collect();
    let mut s_used = vec![false; sq.len()];
    let mut t_match = vec![Match::None; tq.len()];
    // By value, in the target's own notation.
    let mut same: Vec<(usize, usize)> = Vec::new();
    for (k, t) in tq.iter().enumerate() {
        if let Some(i) = (0..sq.len()).find(|&i| {
            !s_used[i] && sq[i].kind == t.kind && meets(t.kind, &t.native, &sq[i].values)
        }) {
            s_used[i] = true;
            t_match[k] = Match::Value;
            same.push((k, i));
        }
    }
    let (sc, tc): (Vec<char>, Vec<char>) = (
        src.prose.chars().collect(),
        ctx.view.prose.chars().collect(),
    );
    // The same number hedged on one side only (`почти на 15%` as `by 15%`): a rounded figure
    // given as exact, or the other way round.
    for &(k, i) in &same {
        let (t, s) = (&tq[k], &sq[i]);
        if t.kind != Kind::Plain || t.word || s.word {
            continue;
        }
        // A decade or an age range (`in his 40s`) renders an approximate number too.
        let decade = chars_after_is_s(&tc, t);
        let (shown, theirs) = (|| span_text(text, t), || src_ref(src_text, s));
        let message = match (hedge_before(&sc, s.start), hedge_before(&tc, t.start)) {
            (Some(h), None) if bound_before(&tc, t.start).is_none() && !decade => format!(
                "“{}” is exact where the source's number is approximate (“{h}”: {})",
                shown(),
                theirs()
            ),
            (None, Some(h)) if bound_before(&sc, s.start).is_none() => {
                format!("“{h} {}”: the source gives {} as exact", shown(), theirs())
            }
            _ => continue,
        };
        out.push(ctx.finding(&INFO, text, t.start, t.end, message, None));
    }
    // The same number with a unit of another size (`5 miles` as `5 км`).
    for (k, i) in same {
        let (t, s) = (&tq[k], &sq[i]);
        if t.kind != Kind::Plain {
            continue;
        }
        if let (Some(su), Some(tu)) = (units::unit_after(&sc, s), units::unit_after(&tc, t)) {
            if su.dim == tu.dim && (su.size - tu.size).abs() > 1e-9 * su.size.abs().max(1.0) {
                out.push(ctx.finding(
                    &INFO,
                    text,
                    t.start,
                    t.end,
                    format!(
                        "“{}”: the source has {} in another unit; convert the value or keep the unit",
                        span_text(text, t),
                        src_ref(src_text, s)
                    ),
                    None,
                ));
            }
        }
    }
    // By value only in another notation.
    for (k, t) in tq.iter().enumerate() {
        if t_match[k] != Match::None || t.kind != Kind::Plain {
            continue;
        }
        if let Some(i) = (0..sq.len()).find(|&i| {
            !s_used[i] && sq[i].kind == Kind::Plain && meets(Kind::Plain, &t.values, &sq[i].values)
        }) {
            s_used[i] = true;
            // Notation is judged only between the two languages read here: a source in
            // another language may write `[1,1]` for a list.
            t_match[k] = if side.lang.is_some() && ctx.unit.src.lang.is_some() {
                Match::Notation(i)
            } else {
                Match::Value
            };
        }
    }
    // Across kinds: a plain number that is part of a time or date of the other side
    // (`с 3 по 17 июля` for `July 3 to July 17`; `в 18 ч 40 мин` for `18:40`).
    for (k, t) in tq.iter().enumerate() {
        if t_match[k] != Match::None {
            continue;
        }
        let hit = (0..sq.len()).find(|&i| {
            let s = &sq[i];
            match (t.kind, s.kind) {
                (Kind::Plain, Kind::Time | Kind::Date) => meets(Kind::Plain, &t.values, &s.parts),
                (Kind::Time | Kind::Date, Kind::Plain) => {
                    !s_used[i] && meets(Kind::Plain, &t.parts, &s.values)
                }
                _ => false,
            }
        });
        if let Some(i) = hit {
            s_used[i] = true;
            t_match[k] = Match::Value;
        }
    }
    // A decade written with two digits on one side and four on the other (`в 90-е` for `in
    // the 1990s`, `the 80s` for `1980-х`).
    for (k, t) in tq.iter().enumerate() {
        if t_match[k] != Match::None || t.kind != Kind::Plain || !decade_after(&tc, t) {
            continue;
        }
        if let Some(i) = (0..sq.len()).find(|&i| {
            let s = &sq[i];
            !s_used[i]
                && s.kind == Kind::Plain
                && decade_after(&sc, s)
                && s.values.iter().any(|&a| {
                    t.values
                        .iter()
                        .any(|&b| same_decade(a, b) || same_decade(b, a))
                })
        }) {
            s_used[i] = true;
            t_match[k] = Match::Value;
        }
    }
    // Each number of a target time or date may stand for a plain number of the source
    // (`11 сентября` for `9/11`).
    for (k, t) in tq.iter().enumerate() {
        if t.kind == Kind::Plain {
            continue;
        }
        for p in &t.parts {
            if let Some(i) = (0..sq.len()).find(|&i| {
                !s_used[i] && sq[i].kind == Kind::Plain && meets(Kind::Plain, &[*p], &sq[i].values)
            }) {
                s_used[i] = true;
                t_match[k] = Match::Value;
            }
        }
    }
    for (i, s) in sq.iter().enumerate() {
        if s_used[i] || s.kind == Kind::Plain {
            continue;
        }
        // A time or date of the source given as plain numbers in the target.
        if s.parts.iter().all(|p| {
            tq.iter()
                .any(|t| t.kind == Kind::Plain && meets(Kind::Plain, &t.values, &[*p]))
        }) {
            s_used[i] = true;
        }
    }
    // Numbers written as words on the other side.
    let src_words = word_values(ctx.other_words);
    let tgt_words = word_values(ctx.words);
    for (k, t) in tq.iter().enumerate() {
        if t_match[k] == Match::None
            && t.kind == Kind::Plain
            && meets(Kind::Plain, &t.values, &src_words)
        {
            t_match[k] = Match::Value;
        }
    }
    for (i, s) in sq.iter().enumerate() {
        if !s_used[i] && s.kind == Kind::Plain && meets(Kind::Plain, &s.values, &tgt_words) {
            s_used[i] = true;
        }
    }
    // A measure converted into the other system (`5 pounds` = `2,3 кг`).
    let (sc, tc): (Vec<char>, Vec<char>) = (
        src.prose.chars().collect(),
        ctx.view.prose.chars().collect(),
    );
    for (k, t) in tq.iter().enumerate() {
        if t_match[k] != Match::None || t.kind != Kind::Plain {
            continue;
        }
        let Some(tu) = units::unit_after(&tc, t) else {
            continue;
        };
        let approx = approximate_before(&tc, t.start);
        if let Some(i) = (0..sq.len()).find(|&i| {
            let s = &sq[i];
            !s_used[i]
                && s.kind == Kind::Plain
                && units::unit_after(&sc, s).is_some_and(|su| {
                    let ap = approx || approximate_before(&sc, s.start);
                    s.values.iter().any(|&v| {
                        t.native
                            .iter()
                            .chain(&t.values)
                            .any(|&x| units::converts(v, su, x, tu, ap))
                    })
                })
        }) {
            s_used[i] = true;
            t_match[k] = Match::Value;
        }
    }
    // Report: notation slips, then mismatches paired in order (same kind first), then what
    // is left on either side.
    let lang = side.lang;
    for (k, t) in tq.iter().enumerate() {
        if let Match::Notation(i) = t_match[k] {
            let s = &sq[i];
            let shown = span_text(text, t);
            // The source's value, in the target's notation, with the target's scale word.
            let v = s
                .values
                .iter()
                .copied()
                .find(|v| t.values.iter().any(|x| same_value(*x, *v)))
                .unwrap_or(s.values[0]);
            let scale_word: String = text
                .chars()
                .skip(t.digits_end)
                .take(t.end - t.digits_end)
                .collect();
            let (fix, reading) = match lang {
                Some(l) => (
                    Some(format!("{}{scale_word}", in_notation(v / t.scale, l))),
                    match t.native.first() {
                        Some(n) => format!(
                            "reads as {} in {}",
                            in_notation(*n / t.scale, l),
                            lang_name(l)
                        ),
                        None => format!("is not how {} writes it", lang_name(l)),
                    },
                ),
                None => (None, String::new()),
            };
            out.push(ctx.finding(
                &INFO,
                text,
                t.start,
                t.end,
                format!(
                    "“{shown}” {reading}; the source has {}",
                    src_ref(src_text, s)
                ),
                fix,
            ));
        }
    }
    let mut t_left: Vec<usize> = (0..tq.len())
        .filter(|&k| t_match[k] == Match::None)
        .collect();
    let mut s_left: Vec<usize> = (0..sq.len()).filter(|&i| !s_used[i]).collect();
    let mut pairs = Vec::new();
    for kind_first in [true, false] {
        let mut k = 0;
        while k < t_left.len() {
            let t = t_left[k];
            match s_left
                .iter()
                .position(|&i| !kind_first || sq[i].kind == tq[t].kind)
            {
                Some(p) => {
                    pairs.push((t, s_left.remove(p)));
                    t_left.remove(k);
                }
                None => k += 1,
            }
        }
    }
    pairs.sort_unstable();
    for (t, i) in pairs {
        let q = &tq[t];
        out.push(ctx.finding(
            &INFO,
            text,
            q.start,
            q.end,
            format!(
                "“{}” where the source has {}",
                span_text(text, q),
                src_ref(src_text, &sq[i])
            ),
            None,
        ));
    }
    for t in t_left.into_iter().filter(|&t| src_known && !tq[t].word) {
        let q = &tq[t];
        out.push(ctx.finding(
            &INFO,
            text,
            q.start,
            q.end,
            format!("“{}” is not in the source", span_text(text, q)),
            None,
        ));
    }
    // A number that is part of a name (`Covid-19`, `G-20`) goes with the name, which a
    // translation may render otherwise.
    let src_chars: Vec<char> = src_text.chars().collect();
    let in_name = |q: &Quantity| {
        q.start >= 2 && src_chars[q.start - 1] == '-' && src_chars[q.start - 2].is_alphabetic()
    };
    for i in s_left
        .into_iter()
        .filter(|&i| !sq[i].word && !in_name(&sq[i]))
    {
        out.push(ctx.whole_side_finding(
            &INFO,
            text,
            format!(
                "the source's {} is not in the target",
                src_ref(src_text, &sq[i])
            ),
        ));
    }
}

/// Whether a number is written as a decade: `40s`, `1990's` in English, `90-е`, `90-х`,
/// `80-ми` in Russian.
fn decade_after(chars: &[char], q: &Quantity) -> bool {
    let rest: String = chars.iter().skip(q.end).take(5).collect();
    let ends_word = |tail: &str| !tail.starts_with(char::is_alphabetic);
    if let Some(t) = rest
        .strip_prefix('s')
        .or_else(|| rest.strip_prefix("'s"))
        .or_else(|| rest.strip_prefix("’s"))
    {
        return ends_word(t);
    }
    ["-ые", "-ых", "-ыми", "-ым", "-ми", "-е", "-х", "-м"]
        .iter()
        .any(|e| rest.strip_prefix(e).is_some_and(ends_word))
}

/// Whether `short` (10, 20, … 90, or 0 as `00`) is the decade `long` written with two digits
/// (`90` and `1990`, `20` and `2020`).
fn same_decade(short: f64, long: f64) -> bool {
    short.fract() == 0.0
        && (0.0..100.0).contains(&short)
        && short % 10.0 == 0.0
        && (long == 1900.0 + short || long == 2000.0 + short)
}

/// Whether a number is written as a decade or an age range (`40s`, `1990s`).
fn chars_after_is_s(chars: &[char], q: &Quantity) -> bool {
    chars.get(q.end) == Some(&'s')
}

/// Words that hedge a number (`almost 15%`, `около 200`), lower case: an estimate, where a
/// number without one is exact.
const HEDGES: &[&str] = &[
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "approx",
    "почти",
    "около",
    "примерно",
    "приблизительно",
    "порядка",
    "ориентировочно",
    "приближенно",
    "приближённо",
    "где-то",
];

/// Counted nouns that Russian puts before a number to make it approximate (`лет 18`, `минут
/// десять`), in the forms they take there.
const INVERTED_NOUNS: &[&str] = &[
    "лет",
    "года",
    "годов",
    "месяца",
    "месяцев",
    "недели",
    "недель",
    "дня",
    "дней",
    "суток",
    "часа",
    "часов",
    "минуты",
    "минут",
    "секунд",
    "раза",
    "раз",
    "человека",
    "человек",
    "километров",
    "метров",
    "рублей",
    "долларов",
    "штук",
];

/// Words that bound a number (`over 15%`, `более 200`), lower case: not exact either, so a
/// hedge rendered by a bound is not reported.
const BOUNDS: &[&str] = &[
    "over",
    "under",
    "more",
    "less",
    "fewer",
    "above",
    "below",
    "up",
    "least",
    "most",
    "within",
    "свыше",
    "более",
    "менее",
    "больше",
    "меньше",
    "до",
    "от",
    "не",
    "чуть",
    "max",
    "min",
];

/// The hedge (`почти`) standing before char `at`, also with a preposition between (`почти на
/// 15%`, `by almost 15%`).
fn hedge_before(chars: &[char], at: usize) -> Option<String> {
    word_before_number(chars, at, HEDGES).or_else(|| inverted_before(chars, at))
}

/// The counted noun Russian puts before a number to make it approximate (`лет 18`, `часа
/// два`: about 18 years, about two hours), standing just before char `at`.
fn inverted_before(chars: &[char], at: usize) -> Option<String> {
    let (start, w) = word_just_before(chars, at)?;
    if !INVERTED_NOUNS.contains(&w.as_str()) {
        return None;
    }
    // Only the noun, one space, and a count of up to three digits (`лет 18`, not `месяцев
    // 2019 года`), with no number of its own before it (`за 4 дня 10 млн`).
    let digits = chars[at..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    // An ordinal (`23-й`) counts nothing.
    let ordinal = chars.get(at + digits) == Some(&'-');
    let own_number = chars[..start]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| c.is_ascii_digit());
    (at >= 2
        && chars[at - 1] == ' '
        && chars[at - 2].is_alphabetic()
        && digits <= 3
        && !own_number
        && !ordinal)
        .then_some(w)
}

/// The bound (`более`, `over`) standing before char `at`, as [`hedge_before`] finds hedges.
fn bound_before(chars: &[char], at: usize) -> Option<String> {
    word_before_number(chars, at, BOUNDS)
}

/// One of `words` ending just before char `at` (spaces and signs between), or before one
/// preposition that stands there (`на`, `в`, `by`, `to`, `of`).
fn word_before_number(chars: &[char], at: usize, words: &[&str]) -> Option<String> {
    let (start, w) = word_just_before(chars, at)?;
    if words.contains(&w.as_str()) {
        return Some(w);
    }
    if matches!(w.as_str(), "на" | "в" | "до" | "by" | "to" | "of" | "at") {
        let (_, w2) = word_just_before(chars, start)?;
        if words.contains(&w2.as_str()) {
            return Some(w2);
        }
    }
    None
}

/// The word (lower case, hyphenated words whole: `где-то`) that ends just before char `at`,
/// with its start; only spaces and signs (`−`, `~`, `$`) may stand between.
fn word_just_before(chars: &[char], at: usize) -> Option<(usize, String)> {
    let mut end = at.min(chars.len());
    while end > 0 && !chars[end - 1].is_alphabetic() {
        if !(chars[end - 1].is_whitespace() || "−-–~≈$€£".contains(chars[end - 1])) {
            return None;
        }
        end -= 1;
    }
    let mut start = end;
    while start > 0
        && (chars[start - 1].is_alphabetic()
            || chars[start - 1] == '-' && start > 1 && chars[start - 2].is_alphabetic())
    {
        start -= 1;
    }
    (start < end).then(|| {
        (
            start,
            chars[start..end].iter().collect::<String>().to_lowercase(),
        )
    })
}

/// Whether the word before char `at` says the number is not exact: a hedge, a bound or
/// `some` (`about`, `почти`, `over`, `более`, `some 300`; `some` is too often style to count
/// as a hedge the other side must keep).
fn approximate_before(chars: &[char], at: usize) -> bool {
    word_just_before(chars, at).is_some_and(|(_, w)| {
        HEDGES.contains(&w.as_str()) || BOUNDS.contains(&w.as_str()) || w == "some"
    })
}

fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::En => "English",
        Lang::Ru => "Russian",
    }
}

/// Month and weekday names: a target that names one the source does not, where the source
/// names another (`in May` for `в марте`, `on Monday` for `во вторник`).
fn calendar_check(
    ctx: &Context<'_>,
    text: &str,
    src_text: &str,
    found_from: usize,
    out: &mut Vec<Finding>,
) {
    let names = |ws: &[Word<'_>]| -> Vec<CalendarName> {
        ws.iter()
            .filter_map(|w| calendar_word(w.text).map(|(c, n)| (c, n, w.start, w.end)))
            .collect()
    };
    let s = names(ctx.other_words);
    if s.is_empty() {
        return;
    }
    let t = names(ctx.words);
    missing_calendar_names(ctx, text, src_text, &s, &t, out);
    for &(class, n, a, b) in &t {
        if s.iter().any(|x| x.0 == class && x.1 == n) {
            continue;
        }
        let Some(other) = s
            .iter()
            .find(|x| x.0 == class && !t.iter().any(|y| y.0 == class && y.1 == x.1))
        else {
            continue;
        };
        // Already part of a reported date.
        if out[found_from..].iter().any(|f| f.start < b && a < f.end) {
            continue;
        }
        let shown: String = text.chars().skip(a).take(b - a).collect();
        let theirs: String = src_text
            .chars()
            .skip(other.2)
            .take(other.3 - other.2)
            .collect();
        out.push(ctx.finding(
            &INFO,
            text,
            a,
            b,
            format!(
                "“{shown}” where the source has “{theirs}” (source {}..{})",
                other.2, other.3
            ),
            None,
        ));
    }
}

/// A month or weekday name found in a side: class, number, char span.
type CalendarName = (LowerClass, u32, usize, usize);

/// Words after which English `May` and `March` are months (`in May`, `since March`).
const DATE_WORDS_EN: &[&str] = &[
    "in", "of", "since", "until", "till", "by", "from", "early", "late", "mid", "last", "next",
    "this", "through", "during",
];

/// Words after which `среда` is a weekday (`в среду`, `каждую среду`).
const DAY_WORDS_RU: &[&str] = &[
    "в",
    "во",
    "по",
    "на",
    "до",
    "к",
    "ко",
    "с",
    "со",
    "каждую",
    "эту",
    "прошлую",
    "следующую",
    "ближайшую",
];

/// A month or weekday name of the source (`в пятницу`, `in March`) that the target does not
/// name at all: a dropped date. Only names that stand alone are judged: one beside a number
/// belongs to a date the quantities compare (`14 сентября` may be `14.09`); English
/// abbreviations (`Mon`) may be rendered by Russian ones the names do not cover; and
/// English `May` and `March` count as names only after a word that introduces a date (`in
/// May`), since they are verbs at the start of a sentence.
fn missing_calendar_names(
    ctx: &Context<'_>,
    text: &str,
    src_text: &str,
    s: &[CalendarName],
    t: &[CalendarName],
    out: &mut Vec<Finding>,
) {
    // The target may name the day in any form (`on Fridays`, `пятничном`: see
    // `calendar_mention`).
    let in_target = |class, n| {
        t.iter().any(|x| x.0 == class && x.1 == n)
            || ctx
                .words
                .iter()
                .any(|w| calendar_mention(w.text) == Some((class, n)))
    };
    let ws = ctx.other_words;
    let src_lang = ctx.unit.src.lang;
    for &(class, n, a, b) in s {
        let Some(i) = ws.iter().position(|w| w.start == a) else {
            continue;
        };
        let word = ws[i].text;
        let near_digit = ws[i.saturating_sub(2)..ws.len().min(i + 3)]
            .iter()
            .any(|w| w.text.bytes().any(|c| c.is_ascii_digit()));
        let lower = word.to_lowercase();
        let english = src_lang == Some(Lang::En);
        let abbreviated =
            english && lower.len() <= 4 && !matches!(lower.as_str(), "may" | "june" | "july");
        // The word before the name, in lower case, among `words`.
        let after = |words: &[&str]| {
            i.checked_sub(1)
                .is_some_and(|j| words.contains(&ws[j].text.to_lowercase().as_str()))
        };
        let verb_like =
            english && matches!(lower.as_str(), "may" | "march") && !after(DATE_WORDS_EN);
        // `среда` is also a medium (`в либеральной среде`): a day only after a word that
        // introduces one (`в среду`, `по средам`, `каждую среду`).
        let medium = lower.starts_with("сред") && !after(DAY_WORDS_RU);
        // A weekday or month that begins a title or a name (`The Sunday Times`, `"Sunday
        // Morning"`) may be transliterated or rendered freely.
        let titled = english
            && ws
                .get(i + 1)
                .is_some_and(|w| w.text.chars().next().is_some_and(char::is_uppercase));
        // A name the target has a different one for is reported as wrong (below).
        let other_named = t
            .iter()
            .any(|x| x.0 == class && !s.iter().any(|y| y.0 == class && y.1 == x.1));
        if near_digit
            || abbreviated
            || verb_like
            || medium
            || titled
            || other_named
            || in_target(class, n)
        {
            continue;
        }
        let theirs: String = src_text.chars().skip(a).take(b - a).collect();
        out.push(ctx.whole_side_finding(
            &INFO,
            text,
            format!("the source's “{theirs}” (source {a}..{b}) is not in the target"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check, QaUnit, Side};

    /// The number findings of a pair: (target span, suggestion), all on the target.
    fn nums(src_lang: &str, src: &str, tgt_lang: &str, tgt: &str) -> Vec<(String, Option<String>)> {
        super::super::tests::pair_all(src_lang, src, tgt_lang, tgt)
            .into_iter()
            .filter(|f| f.check == "number_mismatch")
            .map(|f| {
                assert_eq!(f.side.as_str(), "tgt", "{f:?}");
                (f.text, f.suggestion)
            })
            .collect()
    }

    fn en_ru(src: &str, tgt: &str) -> Vec<String> {
        nums("en", src, "ru", tgt)
            .into_iter()
            .map(|x| x.0)
            .collect()
    }

    fn ru_en(src: &str, tgt: &str) -> Vec<String> {
        nums("ru", src, "en", tgt)
            .into_iter()
            .map(|x| x.0)
            .collect()
    }

    #[test]
    fn a_dropped_weekday_or_month_is_reported_both_ways() {
        for (src, tgt) in [
            (
                "Совещание перенесли на четверг.",
                "The meeting was postponed.",
            ),
            (
                "В октябре цены снова выросли.",
                "Prices rose again in the autumn.",
            ),
        ] {
            assert_eq!(ru_en(src, tgt), vec![tgt.to_string()], "{src}");
        }
        for (src, tgt) in [
            (
                "The report was sent to all partners on Friday.",
                "Отчёт был отправлен всем партнёрам.",
            ),
            ("We met in March.", "Мы встретились весной."),
        ] {
            assert_eq!(en_ru(src, tgt), vec![tgt.to_string()], "{src}");
        }
        // The day in the plural, in lower case, as an adjective; `среда` as a medium; `May`
        // as a verb; a weekday in a name.
        for (src, tgt) in [
            (
                "Магазин закрыт по воскресеньям.",
                "The shop is closed on Sundays.",
            ),
            (
                "Решение объявят в среду.",
                "The decision will be announced on wednesday.",
            ),
            (
                "Этот бренд популярен в молодёжной среде.",
                "This brand is popular among young people.",
            ),
        ] {
            assert!(ru_en(src, tgt).is_empty(), "{src}");
        }
        for (src, tgt) in [
            (
                "The October elections were postponed.",
                "Октябрьские выборы были перенесены.",
            ),
            ("May I ask you a question?", "Можно задать вам вопрос?"),
            (
                "May all your wishes come true.",
                "Пусть сбудутся все ваши желания.",
            ),
            (
                "He quoted an article from The Sunday Times.",
                "Он процитировал статью из «Санди Таймс».",
            ),
        ] {
            assert!(en_ru(src, tgt).is_empty(), "{src}");
        }
    }

    #[test]
    fn equal_values_in_either_notation_pass() {
        for (s, t) in [
            (
                "Growth was 3.7% in 2020.",
                "Рост составил 3,7% в 2020 году.",
            ),
            ("12,500 people came.", "Пришли 12 500 человек."),
            ("It cost $2.5 billion.", "Это стоило 2,5 млрд долларов."),
            ("Three ships and 2 boats.", "3 корабля и две лодки."),
            ("the third time in 5 years", "в третий раз за пять лет"),
            ("Thirty-one people came.", "Пришел 31 человек."),
            ("It costs 25,000 rubles.", "Это стоит 25 тыс. рублей."),
            (
                "The plane landed at 6:40 p.m.",
                "Самолёт приземлился в 18:40.",
            ),
            (
                "The shop is open from 9 a.m. to 9 p.m.",
                "Магазин работает с 9:00 до 21:00.",
            ),
            (
                "The summit starts on September 14.",
                "Саммит начнётся 14 сентября.",
            ),
            (
                "He was born on April 12, 1961.",
                "Он родился 12 апреля 1961 года.",
            ),
            (
                "The festival runs from July 3 to July 7.",
                "Фестиваль пройдёт с 3 по 7 июля.",
            ),
            ("Deadline: 11/22/2026.", "Срок: 22.11.2026."),
            (
                "We will reply within 24 hours.",
                "Мы ответим в течение суток.",
            ),
            (
                "Sales doubled to 2 million.",
                "Продажи выросли вдвое, до двух миллионов.",
            ),
            (
                "It was built in the 21st century.",
                "Его построили в XXI веке.",
            ),
            (
                "Twenty-five people and one dog.",
                "25 человек и одна собака.",
            ),
        ] {
            assert!(en_ru(s, t).is_empty(), "{s} → {t}: {:?}", en_ru(s, t));
        }
        assert!(ru_en(
            "Самолёт приземлился в 18:40.",
            "The plane landed at 6:40 p.m."
        )
        .is_empty());
        assert!(ru_en("Билет стоит 2 500 рублей.", "A ticket costs 2,500 rubles.").is_empty());
        // Tens and hundreds written out, in their case forms.
        for (s, t) in [
            (
                "Кресты сняли с более чем четырёхсот церквей.",
                "Crosses were removed from more than 400 churches.",
            ),
            (
                "Зал вмещает триста пятьдесят человек.",
                "The hall seats 350 people.",
            ),
            ("Ему было около девяноста лет.", "He was about 90."),
        ] {
            assert!(ru_en(s, t).is_empty(), "{s} → {t}: {:?}", ru_en(s, t));
        }
        assert_eq!(
            ru_en(
                "Зал вмещает триста пятьдесят человек.",
                "The hall seats 530 people."
            ),
            ["530"]
        );
        // A decade in two digits and in four.
        for (s, t) in [
            (
                "Многие лишились работы в 90-е.",
                "Many lost their jobs in the 1990s.",
            ),
            ("Это было в конце 80-х годов.", "It was in the late 1980s."),
        ] {
            assert!(ru_en(s, t).is_empty(), "{s} → {t}: {:?}", ru_en(s, t));
        }
        assert!(en_ru("It was in the late 80s.", "Это было в конце 1980-х.").is_empty());
        assert_eq!(
            ru_en(
                "Многие лишились работы в 90-е.",
                "Many lost their jobs in the 1980s."
            ),
            ["1980"]
        );
        assert_eq!(ru_en("Ему было 90 лет.", "He was born in 1990."), ["1990"]);
    }

    #[test]
    fn different_values_are_reported_on_the_target() {
        assert_eq!(
            ru_en("Явка составила 62 процента.", "Turnout was 68 percent."),
            ["68"]
        );
        let f = nums(
            "ru",
            "Ущерб оценивается в 2 млрд рублей.",
            "en",
            "The damage is estimated at 2 million rubles.",
        );
        assert_eq!(f[0].0, "2 million");
        assert_eq!(
            en_ru(
                "About 15,000 people attended.",
                "Пришли около 1500 человек."
            ),
            ["1500"]
        );
        assert_eq!(
            ru_en(
                "Саммит пройдёт 14 сентября.",
                "The summit will take place on September 24."
            ),
            ["September 24"]
        );
        assert_eq!(
            ru_en(
                "Концерт начнётся в 19:30.",
                "The concert begins at 7:30 a.m."
            ),
            ["7:30 a.m."]
        );
        assert_eq!(en_ru("It opens in March.", "Он откроется в мае."), ["мае"]);
        assert_eq!(
            en_ru("The flight takes four hours.", "Полёт длится пять часов."),
            ["пять"]
        );
        assert_eq!(
            en_ru(
                "The shop closes at 9:30 p.m.",
                "Магазин закрывается в 9:30."
            ),
            ["9:30"]
        );
        assert_eq!(en_ru("It has 3,400 seats.", "В нём 3,400 мест.").len(), 1);
        // A number missing from the target: the whole target, naming the source's span.
        let f = check(&[QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(Some("en"), "They met 12 times."),
            tgt: Some(Side::new(Some("ru"), "Они встречались много раз.")),
        }]);
        let f: Vec<_> = f
            .into_iter()
            .filter(|f| f.check == "number_mismatch")
            .collect();
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("“12” (source 9..11)"), "{f:?}");
        assert_eq!((f[0].start, f[0].end), (0, 26));
    }

    #[test]
    fn measures_converted_into_the_other_system_are_the_same_quantity() {
        let none: Vec<String> = Vec::new();
        assert_eq!(
            en_ru("The parcel weighs 5 pounds.", "Посылка весит около 2,3 кг."),
            none
        );
        assert_eq!(
            en_ru(
                "It will drop to 14°F at night.",
                "Ночью похолодает до −10 °C."
            ),
            none
        );
        assert_eq!(
            en_ru("The bridge is 1.2 miles long.", "Длина моста — почти 2 км."),
            none
        );
        assert_eq!(ru_en("Скорость — 90 км/ч.", "The speed is 56 mph."), none);
        assert_eq!(
            ru_en("Участок площадью 2 гектара.", "A plot of about 5 acres."),
            none
        );
        // A wrong conversion, or a unit of another kind, is still a mismatch.
        assert_eq!(
            en_ru("The parcel weighs 5 pounds.", "Посылка весит 5 кг."),
            vec!["5".to_string()]
        );
        assert_eq!(
            en_ru("The parcel weighs 5 pounds.", "Посылка весит 4 кг."),
            vec!["4".to_string()]
        );
        assert_eq!(
            en_ru("The road is 5 miles long.", "Длина дороги — 8 кг."),
            vec!["8".to_string()]
        );
    }

    #[test]
    fn notation_of_the_target_language() {
        let f = nums(
            "ru",
            "Население — 3,5 млн человек.",
            "en",
            "The population is 3,5 million.",
        );
        assert_eq!(
            f,
            [("3,5 million".to_string(), Some("3.5 million".to_string()))]
        );
        let f = nums(
            "ru",
            "Билет стоит 2 500 рублей.",
            "en",
            "A ticket costs 2.500 rubles.",
        );
        assert_eq!(f, [("2.500".to_string(), Some("2,500".to_string()))]);
        let f = nums(
            "en",
            "The rate rose by 0.25 points.",
            "ru",
            "Ставка выросла на 0.25 пункта.",
        );
        assert_eq!(f, [("0.25".to_string(), Some("0,25".to_string()))]);
        let f = nums("en", "It has 12,500 seats.", "ru", "В нём 12,500 мест.");
        assert_eq!(f, [("12,500".to_string(), Some("12\u{a0}500".to_string()))]);
    }

    #[test]
    fn placeholders_hold_no_numbers() {
        assert!(en_ru("Found %1$s in %2$s", "В %2$s найдено %1$s").is_empty());
        assert!(en_ru("Flags: %08x", "Флаги: %08x").is_empty());
    }

    #[test]
    fn a_number_hedged_on_one_side_only() {
        // A hedge lost, with a preposition between, or in Russian's inverted order.
        assert_eq!(
            ru_en(
                "Акции подешевели почти на 15% за день.",
                "The shares fell by 15% in a day."
            ),
            ["15"]
        );
        assert_eq!(
            ru_en("Ремонт займёт недели три.", "The repair will take 3 weeks.").len(),
            0,
            "a number word is compared as a word"
        );
        assert_eq!(
            ru_en(
                "Об этом не вспоминают уж лет 15.",
                "Nobody has mentioned it for 15 years."
            ),
            ["15"]
        );
        assert_eq!(
            en_ru(
                "The hall seats 300 people.",
                "Зал вмещает около 300 человек."
            ),
            ["300"]
        );
        // Hedged on both sides, a hedge as a bound or a decade, an ordinal, a year.
        for (s, t) in [
            (
                "Акции подешевели почти на 15%.",
                "The shares fell by almost 15%.",
            ),
            (
                "В городе около 200 тысяч жителей.",
                "The city has over 200,000 residents.",
            ),
            (
                "Мужчина лет 40 вошёл в зал.",
                "A man in his 40s entered the hall.",
            ),
            (
                "Служба накануне Недели 23-й по Пятидесятнице.",
                "The service on the eve of Week 23 after Pentecost.",
            ),
            (
                "Ущерб за восемь месяцев 2019 года вырос.",
                "The damage in eight months of 2019 grew.",
            ),
        ] {
            assert!(ru_en(s, t).is_empty(), "{t}");
        }
    }
}
