//! Check `brackets`: brackets and quotation marks without their partner (`(see above`,
//! `«Газпром`). Straight double quotes must come in pairs; `« »`, `“ ”` (or `„ “` in Russian
//! and German typography) and brackets must close what they open. List markers (`1)`, `a)`)
//! and emoticons are not brackets. When both sides of a pair are unbalanced the same way the
//! segment is a fragment of a longer sentence, and nothing is reported.

use super::{CheckInfo, Context, Finding, Severity, Side};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "brackets",
    severity: Severity::Warning,
    explanation:
        "A bracket or quotation mark that is opened and not closed, or closed and not opened.",
};

/// Char offsets of the unpaired marks of `text`, with the kind of mark.
pub fn unpaired(text: &str) -> Vec<(usize, char)> {
    let chars: Vec<char> = text.chars().collect();
    let low_high = chars.contains(&'„');
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut bad = Vec::new();
    let mut straight: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let open = match c {
            '(' | '[' | '{' | '«' => true,
            '“' => !low_high,
            '„' => true,
            _ => false,
        };
        if open {
            stack.push((i, c));
            continue;
        }
        let partner = match c {
            ')' => '(',
            ']' => '[',
            '}' => '{',
            '»' => '«',
            '”' => '“',
            '“' if low_high => '„',
            '"' => {
                straight.push(i);
                continue;
            }
            _ => continue,
        };
        if c == ')' {
            // `:)` and list markers `1)`, `a)`, `iv)` at the start or after a space.
            if matches!(prev, Some(':' | ';' | '-')) && !stack.iter().any(|&(_, o)| o == '(') {
                continue;
            }
            let mut s = i;
            while s > 0 && chars[s - 1].is_alphanumeric() {
                s -= 1;
            }
            // A marker is one or two digits or letters, or a lower-case Roman numeral; an
            // acronym before it (`VAT)`) is a word whose bracket is missing.
            let marker: String = chars[s..i].iter().collect();
            let is_marker = (1..=2).contains(&marker.chars().count())
                && !marker.chars().all(char::is_uppercase)
                || (marker.chars().count() <= 4 && marker.chars().all(|c| "ivx".contains(c)))
                || marker.chars().count() == 1;
            if is_marker
                && (s == 0 || chars[s - 1].is_whitespace())
                && !stack.iter().any(|&(_, o)| o == '(')
            {
                continue;
            }
        }
        match stack.iter().rposition(|&(_, o)| o == partner) {
            Some(p) => {
                // Marks opened after the partner and still open are unpaired.
                bad.extend(stack.drain(p..).skip(1));
            }
            None => bad.push((i, c)),
        }
    }
    // `«a «b».`: a quote inside a quote whose closing marks merged into one at the end.
    if let [(i, o)] = stack[..] {
        let close = match o {
            '«' => Some('»'),
            '“' => Some('”'),
            '„' => Some('“'),
            _ => None,
        };
        let nested_closed = close.is_some_and(|c| {
            chars[i + 1..].contains(&o)
                && chars
                    .iter()
                    .rev()
                    .find(|ch| !ch.is_whitespace() && !matches!(ch, '.' | '!' | '?' | '…'))
                    == Some(&c)
        });
        if nested_closed {
            stack.clear();
        }
    }
    bad.extend(stack);
    if straight.len() % 2 == 1 {
        // Inch and second marks after digits are not quotes.
        let quotes: Vec<usize> = straight
            .iter()
            .copied()
            .filter(|&i| !(i > 0 && chars[i - 1].is_ascii_digit()))
            .collect();
        if quotes.len() % 2 == 1 {
            if let Some(&last) = quotes.last() {
                bad.push((last, '"'));
            }
        }
    }
    bad.sort_unstable();
    bad
}

/// Runs the check on one side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    let text = side.text.as_str();
    if !text.contains(['(', ')', '[', ']', '{', '}', '«', '»', '“', '”', '„', '"']) {
        return;
    }
    let mut bad = unpaired(text);
    // A quotation of several sentences opens in one segment and closes in another: a quote
    // mark alone at the very start or end of a side is its edge.
    let chars: Vec<char> = text.chars().collect();
    let first = chars.iter().position(|c| !c.is_whitespace());
    let last = chars
        .iter()
        .rposition(|c| !c.is_whitespace() && !matches!(c, '.' | '!' | '?' | '…'));
    bad.retain(|&(i, c)| {
        let quote = matches!(c, '«' | '»' | '“' | '”' | '„' | '"');
        !(quote && (Some(i) == first || Some(i) == last))
    });
    if bad.is_empty() {
        return;
    }
    if let Some(other) = ctx.other_text() {
        // A fragment: the other side is unbalanced too.
        if !unpaired(other).is_empty() {
            return;
        }
    }
    for (i, c) in bad {
        let message = match c {
            '(' | '[' | '{' | '«' | '“' | '„' => format!("“{c}” is not closed"),
            '"' => "odd number of straight quotation marks".to_string(),
            _ => format!("“{c}” closes nothing"),
        };
        out.push(ctx.finding(&INFO, text, i, i + 1, message, None));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{findings_of, pair_findings};
    use super::unpaired;

    #[test]
    fn unpaired_marks() {
        assert!(unpaired("He (the minister) said «да» and “yes”.").is_empty());
        assert!(unpaired("Он сказал „да“ и ушёл.").is_empty());
        assert!(unpaired("Steps: 1) open, 2) close; a) b) :)").is_empty());
        assert!(unpaired("A 5\" screen").is_empty());
        assert!(unpaired("«Он говорит: «мы надеемся».").is_empty());
        assert_eq!(unpaired("«Он говорит: «мы надеемся.").len(), 2);
        assert_eq!(unpaired("He (the minister said"), vec![(3, '(')]);
        assert_eq!(unpaired("the minister) said"), vec![(12, ')')]);
        assert_eq!(unpaired("the fee excluding VAT) is 5"), vec![(21, ')')]);
        assert_eq!(unpaired("«Газпром сообщил"), vec![(0, '«')]);
        assert_eq!(unpaired("He said \"yes and left"), vec![(8, '"')]);
        assert_eq!(unpaired("[a (b] cd.)").len(), 2);
    }

    #[test]
    fn flags_one_side_only_when_the_other_is_balanced() {
        let f = findings_of("en", "The council (NATO said no.", "brackets");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].start, f[0].end, f[0].text.as_str()), (12, 13, "("));
        let f = pair_findings(
            "The council (NATO) said no.",
            "Совет (НАТО сказал нет.",
            "brackets",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].side.as_str(), "tgt");
        // A fragment: both sides open a quote and the next segment closes it.
        assert!(pair_findings("He said: “We will", "Он сказал: «Мы будем", "brackets").is_empty());
        assert!(pair_findings("Fine (really).", "Хорошо (правда).", "brackets").is_empty());
    }
}
