//! Check `mixed_script`: a word that mixes Latin and Cyrillic letters (`Mосква` with a Latin
//! `M`, `сompany` with a Cyrillic `с`): look-alike letters typed on the wrong keyboard layout
//! or planted by copy-paste. The suggestion writes the look-alikes in the word's main script.

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::{is_cyrillic, is_latin};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "mixed_script",
    severity: Severity::Error,
    explanation: "A word mixing Latin and Cyrillic letters, usually a look-alike letter from the wrong keyboard.",
};

/// Latin and Cyrillic letters that look the same.
const LOOKALIKES: &[(char, char)] = &[
    ('a', 'а'),
    ('e', 'е'),
    ('o', 'о'),
    ('p', 'р'),
    ('c', 'с'),
    ('x', 'х'),
    ('y', 'у'),
    ('k', 'к'),
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
    ('Y', 'У'),
    ('i', 'і'),
];

/// The word with its look-alike letters written in the script most of its letters use, if
/// that makes it one script.
pub fn fix(word: &str) -> Option<String> {
    let cyr = word.chars().filter(|&c| is_cyrillic(c)).count();
    let lat = word.chars().filter(|&c| is_latin(c)).count();
    let to_cyr = cyr >= lat;
    let fixed: String = word
        .chars()
        .map(|c| {
            LOOKALIKES
                .iter()
                .find_map(|&(l, k)| match (to_cyr, c == l, c == k) {
                    (true, true, _) => Some(k),
                    (false, _, true) => Some(l),
                    _ => None,
                })
                .unwrap_or(c)
        })
        .collect();
    let still_mixed = fixed.chars().any(is_cyrillic) && fixed.chars().any(is_latin);
    (!still_mixed).then_some(fixed)
}

/// Runs the check on one side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    let text = side.text.as_str();
    for w in ctx.words {
        // Words with digits are codes (`0Aвнутри` after an escape), not homoglyph slips.
        if w.text.chars().any(is_cyrillic)
            && w.text.chars().any(is_latin)
            && !w.text.chars().any(|c| c.is_ascii_digit())
        {
            out.push(ctx.finding(
                &INFO,
                text,
                w.start,
                w.end,
                format!("“{}” mixes Latin and Cyrillic letters", w.text),
                fix(w.text),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings_of;
    use super::fix;

    #[test]
    fn mixed_words_are_flagged_with_a_fix() {
        let f = findings_of("ru", "Встреча прошла в Mоскве.", "mixed_script");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, "Mоскве");
        assert_eq!(f[0].suggestion.as_deref(), Some("Москве"));
        let f = findings_of("en", "The сompany grew.", "mixed_script");
        assert_eq!(f[0].suggestion.as_deref(), Some("company"));
        assert!(findings_of("ru", "Москва и Moscow, iPhone-12.", "mixed_script").is_empty());
        assert_eq!(fix("Жx"), Some("Жх".into()));
        assert_eq!(fix("Жz"), None);
    }
}
