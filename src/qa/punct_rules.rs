//! Check `punctuation`: punctuation a careful editor would change.
//! - `--` typed for a dash (`space -- five years` → `space — five years`);
//! - long numbers without digit grouping in English (`500000` → `500,000`); years, codes with
//!   leading zeros and numbers glued to letters are left alone;
//! - an introductory word at the start of an English sentence without its comma
//!   (`Today I want …` → `Today, I want …`);
//! - commas around subordinate clauses (`clause_commas`): missing before a Russian clause
//!   (`заявил что` → `заявил, что`), extra before English `that` (`wrote, that he`).

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::Lang;

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "punctuation",
    severity: Severity::Review,
    explanation: "Punctuation to correct: a double hyphen for a dash, a long number without digit grouping, an introductory word without its comma.",
};

/// Sentence-initial words of English that take a comma before the subject.
const INTRODUCTORY: &[&str] = &[
    "Today",
    "However",
    "Therefore",
    "Furthermore",
    "Moreover",
    "Meanwhile",
    "Nevertheless",
    "Consequently",
    "Additionally",
    "Unfortunately",
    "Fortunately",
    "Finally",
    "First",
    "Second",
    "Firstly",
    "Secondly",
    "Lastly",
    "Indeed",
    "Besides",
    "Instead",
    "Otherwise",
    "Recently",
    "Currently",
    "Yesterday",
    "Tomorrow",
    "Interestingly",
    "Surprisingly",
];

/// Words that can follow an introductory word directly (a subject pronoun or article).
const SUBJECTS: &[&str] = &[
    "I", "we", "you", "he", "she", "it", "they", "the", "this", "these", "there",
];

/// Runs the check on one side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    super::clause_commas::check(ctx, side, &INFO, out);
    let text = side.text.as_str();
    // Code is masked: `--verbose` is an option, not a dash; `%08x` holds no number.
    let chars: Vec<char> = ctx.view.prose.chars().collect();
    // Double hyphen used as a dash.
    let mut i = 0;
    while i + 1 < chars.len() {
        if chars[i] == '-' && chars[i + 1] == '-' && (i + 2 >= chars.len() || chars[i + 2] != '-') {
            out.push(ctx.finding(
                &INFO,
                text,
                i,
                i + 2,
                "two hyphens typed for a dash".into(),
                Some("—".into()),
            ));
            i += 2;
            continue;
        }
        i += 1;
    }
    // Long numbers without grouping.
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let glued = |k: Option<&char>| {
            k.is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | ':' | '-' | '_' | '#' | '+')
            })
        };
        let before = start.checked_sub(1).and_then(|k| chars.get(k));
        let after = chars.get(i);
        let digits = i - start;
        // English only: Russian editors leave such numbers more often than they group them.
        if side.lang == Some(Lang::En)
            && digits >= 5
            && chars[start] != '0'
            && !glued(before)
            && !glued(after)
        {
            let number: String = chars[start..i].iter().collect();
            let sep = ',';
            let mut grouped = String::new();
            for (k, c) in number.chars().enumerate() {
                if k > 0 && (digits - k) % 3 == 0 {
                    grouped.push(sep);
                }
                grouped.push(c);
            }
            out.push(ctx.finding(
                &INFO,
                text,
                start,
                i,
                format!("{digits}-digit number without digit grouping"),
                Some(grouped),
            ));
        }
    }
    // Introductory word without a comma (English).
    if side.lang == Some(Lang::En) {
        for w in ctx.words.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if INTRODUCTORY.contains(&a.text)
                && super::sentence_initial(text, a.byte_start)
                && SUBJECTS.contains(&b.text)
                && text[a.byte_start + a.text.len()..b.byte_start]
                    .trim()
                    .is_empty()
            {
                out.push(ctx.finding(
                    &INFO,
                    text,
                    a.start,
                    a.end,
                    format!("comma missing after the introductory “{}”", a.text),
                    Some(format!("{},", a.text)),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings_of;

    fn en(t: &str) -> Vec<super::Finding> {
        findings_of("en", t, "punctuation")
    }

    #[test]
    fn flags_double_hyphens_long_numbers_and_missing_commas() {
        let f = en("Today I show skyscrapers -- 500000 parts in 10000 nanoseconds.");
        let texts: Vec<&str> = f.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["Today", "--", "500000", "10000"]);
        assert_eq!(f[2].suggestion.as_deref(), Some("500,000"));
    }

    #[test]
    fn leaves_years_codes_and_good_text_alone() {
        assert!(en("In 2008, ticket No. 01234 and ID A12345 cost 12,500 rubles.").is_empty());
        assert!(en("Today, I want to show you something — a new idea.").is_empty());
        assert!(en("Today is Monday.").is_empty());
    }
}
