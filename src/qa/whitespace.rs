//! Check `whitespace`: spaces a careful editor removes: several in a row inside a segment,
//! spaces at its start or end, and a space before a comma, full stop, colon, semicolon,
//! question or exclamation mark. In a pair only the target is checked, and what the source
//! has too is no finding: an indented source, a trailing space a program needs, aligned
//! columns, ` :` kept from the source. Spaces inside code (see `text::markup`) do not count.

use super::{CheckInfo, Context, Finding, Severity, Side, SideId};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "whitespace",
    severity: Severity::Warning,
    explanation: "Several spaces in a row, spaces at the start or end of a segment, or a space before punctuation.",
};

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\t' | '\u{2009}' | '\u{202f}')
}

/// The whitespace of a text: its leading and trailing runs, its inner runs of two or more,
/// and the marks that follow a space (`" ,"`).
#[derive(Default)]
struct Spaces {
    lead: usize,
    trail: usize,
    /// Inner runs of two or more: (start, end).
    runs: Vec<(usize, usize)>,
    /// Spaces before a mark: (start of the spaces, offset of the mark).
    before_mark: Vec<(usize, usize)>,
}

fn spaces(chars: &[char]) -> Spaces {
    let n = chars.len();
    let lead = chars.iter().take_while(|&&c| is_space(c)).count();
    if lead == n {
        return Spaces {
            lead,
            ..Spaces::default()
        };
    }
    let trail = chars.iter().rev().take_while(|&&c| is_space(c)).count();
    let mut s = Spaces {
        lead,
        trail,
        ..Spaces::default()
    };
    let mut i = lead;
    while i < n - trail {
        if !is_space(chars[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && is_space(chars[j]) {
            j += 1;
        }
        if j - i >= 2 {
            s.runs.push((i, j));
        }
        if j < n && is_stray_mark(chars, i, j) {
            s.before_mark.push((i, j));
        }
        i = j;
    }
    s
}

/// True when the mark at `j`, after the spaces `i..j`, should touch the word before it: a
/// comma, full stop, colon, semicolon, `?` or `!` that ends a word (space, end, quote or
/// bracket after it), after a word or number. An ellipsis or a dash is no such mark.
fn is_stray_mark(chars: &[char], i: usize, j: usize) -> bool {
    let mark = chars[j];
    if !matches!(mark, ',' | '.' | ':' | ';' | '?' | '!') {
        return false;
    }
    if mark == '.' && chars.get(j + 1) == Some(&'.') {
        return false;
    }
    let after = chars.get(j + 1).copied();
    let ends = after.is_none_or(|c| is_space(c) || c == '\n' || "\"'»”“’)]}!?.,".contains(c));
    let before = i.checked_sub(1).map(|k| chars[k]);
    ends && before.is_some_and(|c| c.is_alphanumeric() || "\"'»”’)]%".contains(c))
}

/// Runs the check on one side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    // Only the side the translator edits: the target of a pair, or a monolingual text.
    if ctx.side == SideId::Src && ctx.unit.tgt.is_some() {
        return;
    }
    let text = side.text.as_str();
    // Most sides have nothing to look at: no run of spaces, no space at an edge or before a
    // mark.
    let b = text.as_bytes();
    let suspicious = b.first().is_some_and(|c| c.is_ascii_whitespace())
        || b.last().is_some_and(|c| c.is_ascii_whitespace())
        || b.windows(2).any(|w| {
            w[0] == b' ' && matches!(w[1], b' ' | b',' | b'.' | b':' | b';' | b'?' | b'!' | b'\t')
        })
        || text.contains('\u{a0}')
        || text.contains('\u{2009}')
        || text.contains('\u{202f}')
        || text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace);
    if !suspicious {
        return;
    }
    let chars: Vec<char> = ctx.view.prose.chars().collect();
    let mine = spaces(&chars);
    let theirs = ctx
        .other_view
        .filter(|_| ctx.side == SideId::Tgt)
        .map(|v| spaces(&v.prose.chars().collect::<Vec<char>>()));
    let theirs = theirs.as_ref();
    let n = chars.len();
    if mine.lead == n {
        return;
    }
    let same_edge = |a: &[char], other: Option<&Side>, lead: bool| -> bool {
        other.is_some_and(|o| {
            let o: Vec<char> = o.text.chars().collect();
            let k = a.len();
            if lead {
                o.len() >= k && o[..k] == *a && o.get(k).is_none_or(|c| !is_space(*c))
            } else {
                o.len() >= k
                    && o[o.len() - k..] == *a
                    && (o.len() == k || !is_space(o[o.len() - k - 1]))
            }
        })
    };
    let other = ctx.other_side().filter(|_| ctx.side == SideId::Tgt);
    if mine.lead > 0 && !same_edge(&chars[..mine.lead], other, true) {
        out.push(ctx.finding(
            &INFO,
            text,
            0,
            mine.lead,
            "space at the start of the segment".into(),
            Some(String::new()),
        ));
    }
    // Aligned columns: where the source has runs of spaces, so may the target.
    if theirs.is_none_or(|t| t.runs.is_empty()) {
        for &(a, b) in &mine.runs {
            out.push(ctx.finding(
                &INFO,
                text,
                a,
                b,
                format!("{} spaces in a row", b - a),
                Some(" ".into()),
            ));
        }
    }
    for &(a, j) in &mine.before_mark {
        let mark = chars[j];
        let shared = theirs.is_some_and(|t| {
            let o: Vec<char> = ctx
                .other_view
                .map(|v| v.prose.chars().collect())
                .unwrap_or_default();
            t.before_mark.iter().any(|&(_, k)| o[k] == mark)
        });
        if shared {
            continue;
        }
        out.push(ctx.finding(
            &INFO,
            text,
            a,
            j + 1,
            format!("space before “{mark}”"),
            Some(mark.to_string()),
        ));
    }
    if mine.trail > 0 && !same_edge(&chars[n - mine.trail..], other, false) {
        out.push(ctx.finding(
            &INFO,
            text,
            n - mine.trail,
            n,
            "space at the end of the segment".into(),
            Some(String::new()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{findings_of, pair_findings};

    fn spans(f: &[super::Finding]) -> Vec<(usize, usize)> {
        f.iter().map(|f| (f.start, f.end)).collect()
    }

    #[test]
    fn flags_runs_edges_and_spaces_before_marks() {
        let f = findings_of("en", " Two  spaces here , and there . ", "whitespace");
        assert_eq!(
            spans(&f),
            [(0, 1), (4, 6), (17, 19), (29, 31), (31, 32)],
            "{f:?}"
        );
        assert_eq!(f[2].suggestion.as_deref(), Some(","));
        assert!(findings_of(
            "en",
            "One space each, and an ellipsis ... or … - a dash.",
            "whitespace"
        )
        .is_empty());
        assert!(findings_of("ru", "Что это ? Вопрос.", "whitespace").len() == 1);
    }

    #[test]
    fn only_the_target_and_not_what_the_source_has_too() {
        // A trailing space and an indent the source has too.
        assert!(pair_findings("  Flags: %08x ", "  Флаги: %08x ", "whitespace").is_empty());
        // Aligned columns.
        assert!(pair_findings("Name:      %s", "Имя:       %s", "whitespace").is_empty());
        // The target adds them.
        let f = pair_findings("Flags: %08x", "Флаги:  %08x ", "whitespace");
        assert_eq!(spans(&f), [(6, 8), (12, 13)], "{f:?}");
        assert!(f.iter().all(|f| f.side.as_str() == "tgt"));
        // The source's own double space is not reported.
        assert!(pair_findings("Two  spaces.", "Два пробела.", "whitespace").is_empty());
        let f = pair_findings("Open the file.", "Откройте файл .", "whitespace");
        assert_eq!(spans(&f), [(13, 15)]);
        // Spaces inside code are not prose.
        assert!(pair_findings("Run `a  b`.", "Выполните `a  b`.", "whitespace").is_empty());
    }
}
