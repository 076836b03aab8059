//! Check `doubled_apostrophe`: an apostrophe or quote typed twice (`Russia''s`, `""word""`),
//! usually left over from escaping in a spreadsheet, CSV or SQL export.

use super::{CheckInfo, Context, Finding, Severity, Side};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "doubled_apostrophe",
    severity: Severity::Error,
    explanation: "An apostrophe or quotation mark typed twice, usually an escaping leftover.",
};

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

/// Runs the check on one side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    let text = side.text.as_str();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i + 1 < chars.len() {
        let c = chars[i];
        let doubled_apos = is_apostrophe(c) && is_apostrophe(chars[i + 1]);
        let doubled_quote = is_quote(c) && chars[i + 1] == c;
        if !(doubled_apos || doubled_quote) {
            i += 1;
            continue;
        }
        let mut run_end = i + 2;
        while run_end < chars.len() && chars[run_end] == c {
            run_end += 1;
        }
        if doubled_apos {
            // Flag the whole word: `Russia''s` → `Russia's`.
            let mut s = i;
            while s > 0 && chars[s - 1].is_alphanumeric() {
                s -= 1;
            }
            let mut e = run_end;
            while e < chars.len() && chars[e].is_alphanumeric() {
                e += 1;
            }
            let word: String = chars[s..e].iter().collect();
            let fixed: String = chars[s..i]
                .iter()
                .chain(std::iter::once(&c))
                .chain(chars[run_end..e].iter())
                .collect();
            out.push(ctx.finding(
                &INFO,
                text,
                s,
                e,
                format!("doubled apostrophe in “{word}”"),
                Some(fixed),
            ));
        } else {
            out.push(ctx.finding(
                &INFO,
                text,
                i,
                run_end,
                format!("quotation mark {c} typed {} times", run_end - i),
                Some(c.to_string()),
            ));
        }
        i = run_end;
    }
}

#[cfg(test)]
mod tests {
    use super::super::check as run;
    use super::super::tests::unit;

    #[test]
    fn doubled_apostrophe_in_a_word() {
        let f = run(&[unit("It caused a rift in Russia''s relations.")]);
        let d: Vec<_> = f
            .iter()
            .filter(|f| f.check == "doubled_apostrophe")
            .collect();
        assert_eq!(d.len(), 1, "{f:?}");
        assert_eq!(d[0].text, "Russia''s");
        assert_eq!(d[0].suggestion.as_deref(), Some("Russia's"));
        assert_eq!((d[0].start, d[0].end), (20, 29));
    }

    #[test]
    fn doubled_quotes_and_clean_text() {
        let f = run(&[unit("He said \"\"yes\"\" twice.")]);
        assert_eq!(
            f.iter().filter(|f| f.check == "doubled_apostrophe").count(),
            2
        );
        assert!(run(&[unit("Russia’s partners said “yes” and 'no'.")]).is_empty());
    }
}
