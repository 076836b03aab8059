//! Check `number_mismatch`: numbers of one side that the other side does not have. Numbers
//! are compared by value, locale-aware: `3,7` = `3.7`, `12 500` = `12,500` = `12.500`,
//! `2,5 млн` = `2.5 million`, and a number written as a word on the other side (`three`,
//! `три`, `трёх`, `третий`) counts as present. Each side reports its own unmatched numbers.

use super::{CheckInfo, Context, Finding, Severity, Side};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "number_mismatch",
    severity: Severity::Error,
    explanation: "A number that the other side of the pair does not have (compared by value).",
};

/// A number found in a text: its char span and the values it may stand for.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Char offset of the first digit.
    pub start: usize,
    /// Char offset one past the last digit.
    pub end: usize,
    /// Every value the notation allows (`1,500` is 1500 in English and 1.5 in Russian).
    pub values: Vec<f64>,
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Values of a digit string with separators: every reading in which thousands groups have
/// three digits and at most one decimal mark is used.
fn readings(groups: &[&str], seps: &[char]) -> Vec<f64> {
    let mut out = Vec::new();
    // Candidate decimal marks: none, ',' or '.'.
    for decimal in [None, Some(','), Some('.')] {
        let mut int = String::new();
        let mut frac = String::new();
        let mut ok = true;
        let mut seen_decimal = false;
        let mut thousands: Option<char> = None;
        int.push_str(groups[0]);
        for (k, &sep) in seps.iter().enumerate() {
            let g = groups[k + 1];
            if Some(sep) == decimal {
                if seen_decimal || k + 1 != seps.len() {
                    ok = false;
                    break;
                }
                seen_decimal = true;
                frac.push_str(g);
            } else {
                // A thousands separator: three digits follow, the first group has one to three.
                if g.len() != 3
                    || groups[0].len() > 3
                    || groups[0].starts_with('0')
                    || thousands.is_some_and(|t| t != sep)
                {
                    ok = false;
                    break;
                }
                thousands = Some(sep);
                int.push_str(g);
            }
        }
        if decimal.is_some() && !seen_decimal {
            ok = false;
        }
        if ok {
            let s = if frac.is_empty() {
                int
            } else {
                format!("{int}.{frac}")
            };
            if let Ok(v) = s.parse::<f64>() {
                if !out.contains(&v) {
                    out.push(v);
                }
            }
        }
    }
    out
}

/// The numbers of `text`, with scale words (`млн`, `million`, `тыс.`) applied as an extra
/// reading.
pub fn numbers(text: &str) -> Vec<Number> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut seps: Vec<char> = Vec::new();
        let mut j = i;
        loop {
            let g0 = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            groups.push((g0, j));
            // A separator continues the number only if a digit follows it.
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
        let strs: Vec<String> = groups
            .iter()
            .map(|&(a, b)| chars[a..b].iter().collect())
            .collect();
        let refs: Vec<&str> = strs.iter().map(String::as_str).collect();
        let mut vals = readings(&refs, &seps);
        if vals.is_empty() {
            // Not one number (a date `22.11.2026`, `5 10`): each group is a number.
            for (k, &(a, b)) in groups.iter().enumerate() {
                if let Ok(v) = refs[k].parse::<f64>() {
                    out.push(Number {
                        start: a,
                        end: b,
                        values: vec![v],
                    });
                }
            }
            i = j;
            continue;
        }
        // A scale word after the number: `2,5 млн`, `3 billion`, `$4bn`.
        let rest: String = chars[j..chars.len().min(j + 12)].iter().collect();
        let rest = rest.trim_start().to_lowercase();
        let scale = [
            ("тыс", 1e3),
            ("thousand", 1e3),
            ("млн", 1e6),
            ("миллион", 1e6),
            ("million", 1e6),
            ("mln", 1e6),
            ("m ", 1e6),
            ("млрд", 1e9),
            ("миллиард", 1e9),
            ("billion", 1e9),
            ("bn", 1e9),
            ("трлн", 1e12),
            ("триллион", 1e12),
            ("trillion", 1e12),
        ]
        .iter()
        .find(|(w, _)| rest.starts_with(w))
        .map(|&(_, s)| s);
        if let Some(s) = scale {
            let scaled: Vec<f64> = vals.iter().map(|v| (v * s).round()).collect();
            vals.extend(scaled);
        }
        out.push(Number {
            start,
            end: j,
            values: vals,
        });
        i = j;
    }
    out
}

/// Number words of English and Russian (cardinals in every case, ordinals) with their values.
fn number_words() -> &'static HashMap<String, f64> {
    static WORDS: OnceLock<HashMap<String, f64>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut m = HashMap::new();
        let en = [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ];
        for (v, w) in en.iter().enumerate() {
            m.insert(w.to_string(), v as f64);
        }
        let ord = [
            "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth", "eleventh", "twelfth",
        ];
        for (v, w) in ord.iter().enumerate().skip(1) {
            m.insert(w.to_string(), v as f64);
        }
        for (w, v) in [
            ("thirty", 30.0),
            ("forty", 40.0),
            ("fifty", 50.0),
            ("sixty", 60.0),
            ("seventy", 70.0),
            ("eighty", 80.0),
            ("ninety", 90.0),
            ("hundred", 100.0),
            ("thousand", 1000.0),
            ("million", 1e6),
            ("billion", 1e9),
            ("dozen", 12.0),
            ("once", 1.0),
            ("twice", 2.0),
            ("half", 0.5),
            ("single", 1.0),
            ("double", 2.0),
            ("triple", 3.0),
            ("pair", 2.0),
            ("couple", 2.0),
        ] {
            m.insert(w.to_string(), v);
        }
        // Russian cardinals with their case forms.
        let ru: &[(&[&str], f64)] = &[
            (&["ноль", "нуля", "нулю", "нулём", "нулем", "нуле"], 0.0),
            (
                &[
                    "один",
                    "одна",
                    "одно",
                    "одни",
                    "одного",
                    "одной",
                    "одному",
                    "одним",
                    "одном",
                    "одну",
                    "одних",
                    "одними",
                ],
                1.0,
            ),
            (
                &["два", "две", "двух", "двум", "двумя", "оба", "обе", "обоих"],
                2.0,
            ),
            (&["три", "трёх", "трех", "трём", "трем", "тремя"], 3.0),
            (
                &[
                    "четыре",
                    "четырёх",
                    "четырех",
                    "четырём",
                    "четырем",
                    "четырьмя",
                ],
                4.0,
            ),
            (&["сорок", "сорока"], 40.0),
            (&["сто", "ста"], 100.0),
            (
                &["тысяча", "тысячи", "тысячу", "тысяч", "тысячей", "тысячам"],
                1000.0,
            ),
            (&["миллион", "миллиона", "миллионов", "миллиону"], 1e6),
            (&["миллиард", "миллиарда", "миллиардов"], 1e9),
            (&["дюжина", "дюжины", "дюжину"], 12.0),
            (&["пара", "пары", "пару"], 2.0),
            (&["дважды", "двое", "двоих"], 2.0),
            (&["трижды", "трое", "троих"], 3.0),
            (&["полтора", "полторы"], 1.5),
            (&["половина", "половины", "половину"], 0.5),
        ];
        for (forms, v) in ru {
            for f in *forms {
                m.insert(f.to_string(), *v);
            }
        }
        // Cardinals 5–20, 30, 50–90 decline like `пять, пяти, пятью`.
        let soft: &[(&str, f64)] = &[
            ("пят", 5.0),
            ("шест", 6.0),
            ("сем", 7.0),
            ("восем", 8.0),
            ("девят", 9.0),
            ("десят", 10.0),
            ("одиннадцат", 11.0),
            ("двенадцат", 12.0),
            ("тринадцат", 13.0),
            ("четырнадцат", 14.0),
            ("пятнадцат", 15.0),
            ("шестнадцат", 16.0),
            ("семнадцат", 17.0),
            ("восемнадцат", 18.0),
            ("девятнадцат", 19.0),
            ("двадцат", 20.0),
            ("тридцат", 30.0),
        ];
        for (stem, v) in soft {
            for e in ["ь", "и", "ью"] {
                m.insert(format!("{stem}{e}"), *v);
            }
        }
        m.insert("восьми".into(), 8.0);
        m.insert("восемью".into(), 8.0);
        // Ordinals: adjective endings on the ordinal stem.
        let adj = [
            "ый", "ой", "ий", "ая", "ое", "ые", "ого", "ому", "ым", "ом", "ую", "ых", "ыми", "ей",
        ];
        for (stem, v) in [
            ("перв", 1.0),
            ("втор", 2.0),
            ("четвёрт", 4.0),
            ("четверт", 4.0),
            ("пят", 5.0),
            ("шест", 6.0),
            ("седьм", 7.0),
            ("восьм", 8.0),
            ("девят", 9.0),
            ("десят", 10.0),
        ] {
            for e in adj {
                m.entry(format!("{stem}{e}")).or_insert(v);
            }
        }
        for e in [
            "ий", "ья", "ье", "ьи", "ьего", "ьему", "ьим", "ьем", "ью", "ьей", "ьих",
        ] {
            m.insert(format!("трет{e}"), 3.0);
        }
        m
    })
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(1.0)
}

/// Runs the check on one side of a pair.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    let Some(other) = ctx.other_text() else {
        return;
    };
    let text = side.text.as_str();
    if !text.bytes().any(|b| b.is_ascii_digit()) || other.trim().is_empty() {
        return;
    }
    let mine = numbers(text);
    let mut theirs: Vec<Option<Number>> = numbers(other).into_iter().map(Some).collect();
    let words = number_words();
    let mut word_values: Vec<f64> = Vec::new();
    let mut prev: Option<f64> = None;
    for w in ctx.other_words {
        let v = words.get(&w.text.to_lowercase()).copied();
        if let Some(v) = v {
            word_values.push(v);
            // `thirty-one`, `двадцать пять`: tens followed by a unit.
            if let Some(p) = prev {
                if (20.0..100.0).contains(&p) && p % 10.0 == 0.0 && v < 10.0 {
                    word_values.push(p + v);
                }
            }
        }
        prev = v;
    }
    for n in mine {
        let hit = theirs.iter_mut().find(|t| {
            t.as_ref().is_some_and(|t| {
                t.values
                    .iter()
                    .any(|a| n.values.iter().any(|b| same_value(*a, *b)))
            })
        });
        if let Some(t) = hit {
            *t = None;
            continue;
        }
        if word_values
            .iter()
            .any(|a| n.values.iter().any(|b| same_value(*a, *b)))
        {
            continue;
        }
        let shown: String = text.chars().skip(n.start).take(n.end - n.start).collect();
        out.push(ctx.finding(
            &INFO,
            text,
            n.start,
            n.end,
            format!("the number {shown} is not on the other side"),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;
    use super::*;

    fn vals(t: &str) -> Vec<Vec<f64>> {
        numbers(t).into_iter().map(|n| n.values).collect()
    }

    #[test]
    fn reads_numbers_in_both_locales() {
        assert_eq!(vals("3.7 and 3,7"), vec![vec![3.7], vec![3.7]]);
        assert_eq!(vals("12,500"), vec![vec![12500.0, 12.5]]);
        assert_eq!(vals("12 500 человек"), vec![vec![12500.0]]);
        assert_eq!(vals("12\u{a0}500,5"), vec![vec![12500.5]]);
        assert_eq!(
            vals("1 000.000,5"),
            vec![vec![1.0], vec![0.0], vec![0.0], vec![5.0]]
        );
        assert_eq!(vals("1,234,567.89"), vec![vec![1234567.89]]);
        assert_eq!(
            vals("on 22.11.2026."),
            vec![vec![22.0], vec![11.0], vec![2026.0]]
        );
        assert_eq!(vals("2,5 млн"), vec![vec![2.5, 2500000.0]]);
        assert_eq!(vals("in 2020 15 people"), vec![vec![2020.0], vec![15.0]]);
        assert_eq!(vals("It costs 5."), vec![vec![5.0]]);
    }

    #[test]
    fn mismatches_by_value() {
        assert!(pair_findings(
            "Growth was 3.7% in 2020.",
            "Рост составил 3,7% в 2020 году.",
            "number_mismatch"
        )
        .is_empty());
        assert!(pair_findings(
            "12,500 people came.",
            "Пришли 12 500 человек.",
            "number_mismatch"
        )
        .is_empty());
        assert!(pair_findings(
            "It cost $2.5 billion.",
            "Это стоило 2,5 млрд долларов.",
            "number_mismatch"
        )
        .is_empty());
        assert!(pair_findings(
            "Three ships and 2 boats.",
            "3 корабля и две лодки.",
            "number_mismatch"
        )
        .is_empty());
        assert!(pair_findings(
            "the third time in 5 years",
            "в третий раз за пять лет",
            "number_mismatch"
        )
        .is_empty());
        assert!(pair_findings(
            "Thirty-one people came.",
            "Пришел 31 человек.",
            "number_mismatch"
        )
        .is_empty());
        let f = pair_findings(
            "Growth was 3.7% in 2020.",
            "Рост составил 3,5% в 2020 году.",
            "number_mismatch",
        );
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!((f[0].side.as_str(), f[0].text.as_str()), ("src", "3.7"));
        assert_eq!((f[1].side.as_str(), f[1].text.as_str()), ("tgt", "3,5"));
        let f = pair_findings(
            "They met 12 times.",
            "Они встречались много раз.",
            "number_mismatch",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, "12");
    }
}
