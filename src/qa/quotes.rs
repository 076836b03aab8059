//! Check `quotes`: quotation marks the language of the side does not use. Russian quotes
//! with «…» (and „…“ inside them): straight `"…"` or English `“…”` around Russian words are
//! flagged, with «…» as the suggestion. English quotes with “…” or "…": «…» and „…“ are
//! flagged. Quotes around code (`"%s"`, `"--help"`) are code's own and left alone, as are
//! quotes nested the way the language nests them, and straight quotes of a Russian target
//! whose source has straight quotes too (the source's convention kept) or of a batch whose
//! Russian quotes straight as a rule (a house style), unless the side mixes them with «…».
//!
//! Only the side the translator edits is checked: the target of a pair, or a monolingual text.

use super::{CheckInfo, Context, Finding, Severity, Side, SideId};
use crate::text::markup::CODE_MARK;
use crate::text::{is_cyrillic, Lang};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "quotes",
    severity: Severity::Warning,
    explanation: "Quotation marks the language does not use: «…» in Russian, “…” in English.",
};

/// Counts a Russian side's quoting: `[«…», straight quotes around Russian words]`.
pub(crate) fn count_style(text: &str, counts: &mut [usize; 2]) {
    if text.contains('«') {
        counts[0] += 1;
    }
    if text.contains('"') {
        let chars: Vec<char> = text.chars().collect();
        if pairs(&chars, '"', '"')
            .iter()
            .any(|q| chars[q.open + 1..q.close].iter().any(|&c| is_cyrillic(c)))
        {
            counts[1] += 1;
        }
    }
}

/// True when a batch's Russian sides quote with straight quotes as a rule: more of them
/// than with «…», and enough of them (twenty) to be a style rather than a slip.
pub(crate) fn is_house_style(counts: [usize; 2]) -> bool {
    counts[1] >= 20 && counts[1] >= counts[0]
}

/// A quoted stretch: char offsets of its opening and closing marks.
struct Quoted {
    open: usize,
    close: usize,
}

/// Pairs of `open`/`close` marks (the same char for straight quotes), outermost first.
fn pairs(chars: &[char], open: char, close: char) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate() {
        if open == close {
            if c != open {
                continue;
            }
            // A straight quote after a digit is an inch or a second (`5"`).
            if start.is_none() && i > 0 && chars[i - 1].is_ascii_digit() {
                continue;
            }
            match start.take() {
                Some(s) => out.push(Quoted { open: s, close: i }),
                None => start = Some(i),
            }
        } else if c == open {
            start = Some(i);
        } else if c == close {
            if let Some(s) = start.take() {
                out.push(Quoted { open: s, close: i });
            }
        }
    }
    out
}

/// True when offset `at` is inside some «…» of the text.
fn inside_guillemets(chars: &[char], at: usize) -> bool {
    let mut depth = 0i32;
    for &c in &chars[..at] {
        match c {
            '«' => depth += 1,
            '»' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// Runs the check on one side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if ctx.side == SideId::Src && ctx.unit.tgt.is_some() {
        return;
    }
    let Some(lang) = side.lang else {
        return;
    };
    let text = side.text.as_str();
    let marks: &[char] = match lang {
        Lang::Ru => &['"', '“'],
        Lang::En => &['«', '„'],
    };
    if !text.contains(marks) {
        return;
    }
    let prose: Vec<char> = ctx.view.prose.chars().collect();
    // Straight quotes kept from a source that has them are the source's convention, unless
    // the target mixes them with «…».
    let kept_straight = lang == Lang::Ru
        && ((ctx.side == SideId::Tgt && ctx.unit.src.text.contains('"'))
            || ctx.batch.ru_straight_quotes)
        && !prose.contains(&'«');
    // Straight quotes that do not pair up (an odd number, or `""` left from CSV escaping)
    // cannot be read as quotations; `brackets` reports what is unpaired.
    let straight = prose.iter().filter(|&&c| c == '"').count();
    let unreadable = straight % 2 == 1 || text.contains("\"\"");
    let wrong: &[(char, char)] = match lang {
        Lang::Ru => &[('"', '"'), ('“', '”')],
        Lang::En => &[('«', '»'), ('„', '“')],
    };
    for &(open, close) in wrong {
        if !prose.contains(&open) || (open == '"' && (kept_straight || unreadable)) {
            continue;
        }
        for q in pairs(&prose, open, close) {
            let inner = &prose[q.open + 1..q.close];
            // Quotes around code, or empty, or with no word of the language inside.
            if inner.contains(&CODE_MARK) || !inner.iter().any(|c| c.is_alphabetic()) {
                continue;
            }
            let suggestion = match lang {
                Lang::Ru => {
                    // Russian text inside, and not the inner quotes of «…».
                    if !inner.iter().any(|&c| is_cyrillic(c)) || inside_guillemets(&prose, q.open) {
                        continue;
                    }
                    format!("«{}»", inner.iter().collect::<String>())
                }
                Lang::En => format!("“{}”", inner.iter().collect::<String>()),
            };
            let message = match lang {
                Lang::Ru => format!("Russian quotes with «…», not {open}…{close}"),
                Lang::En => format!("English quotes with “…” or \"…\", not {open}…{close}"),
            };
            out.push(ctx.finding(&INFO, text, q.open, q.close + 1, message, Some(suggestion)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{findings_of, pair_findings};

    fn quotes(src: &str, tgt: &str) -> Vec<String> {
        pair_findings(src, tgt, "quotes")
            .into_iter()
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn the_target_languages_quotes() {
        assert_eq!(
            quotes(
                "“We will not give up,” the coach said.",
                "\"Мы не сдадимся\", — сказал тренер."
            ),
            ["\"Мы не сдадимся\""]
        );
        assert_eq!(
            quotes("Open the “Settings” menu.", "Откройте меню “Настройки”."),
            ["“Настройки”"]
        );
        assert_eq!(
            quotes("Он назвал это «историческим».", "He called it «historic»."),
            ["«historic»"]
        );
        let f = pair_findings(
            "The Kommersant newspaper.",
            "Газета \"Коммерсантъ\".",
            "quotes",
        );
        assert_eq!(f[0].suggestion.as_deref(), Some("«Коммерсантъ»"));
    }

    #[test]
    fn a_house_style_of_straight_quotes() {
        use super::super::{check, QaUnit, Side};
        let unit = |i: i64, t: &str| QaUnit {
            id: i,
            origin: "t".into(),
            src: Side::new(Some("en"), "The team won the cup."),
            tgt: Some(Side::new(Some("ru"), t)),
        };
        let mut units: Vec<QaUnit> = (0..25)
            .map(|i| unit(i, "Команда \"Спартак\" выиграла кубок."))
            .collect();
        units.push(unit(25, "Команда \"Зенит\" выиграла «Кубок»."));
        let f: Vec<_> = check(&units)
            .into_iter()
            .filter(|f| f.check == "quotes")
            .collect();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].segment, 25);
        // A few straight quotes are slips, not a style.
        let f: Vec<_> = check(&units[..3])
            .into_iter()
            .filter(|f| f.check == "quotes")
            .collect();
        assert_eq!(f.len(), 3);
    }

    #[test]
    fn right_quotes_code_and_nesting_pass() {
        assert!(quotes("He said “yes”.", "Он сказал «да».").is_empty());
        assert!(quotes("Он сказал «да».", "He said “yes” and \"no\".").is_empty());
        assert!(quotes("invalid value \"%s\"", "неверное значение \"%s\"").is_empty());
        assert!(quotes("Try \"--help\".", "Попробуйте \"--help\".").is_empty());
        assert!(quotes("He said \"yes\".", "Он сказал \"да\".").is_empty());
        assert_eq!(
            quotes(
                "The film \"Leviathan\" won an Oscar.",
                "Фильм \"Левиафан\" получил «Оскар»."
            ),
            ["\"Левиафан\""]
        );
        assert!(findings_of("ru", "Он сказал: «Это „Война и мир“ и “Анна”».", "quotes").is_empty());
        assert!(findings_of("en", "A 5\" screen and a 10\" one.", "quotes").is_empty());
    }
}
