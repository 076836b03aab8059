//! Check `inconsistency`: across a batch (or the whole memory), the same source translated in
//! different ways, and the same translation given to different sources. Texts are compared
//! normalised (case, spaces, quote forms). The less frequent translations of a source are
//! flagged with the most frequent one as the suggestion; for a target shared by different
//! sources, every unit of the group is flagged on the target side.
//!
//! A batch in which most repeated sources have three or more different translations is a
//! comparison of alternatives (several MT systems, several translators), not one project;
//! the check stays silent there unless the profile sets `alternatives = true`.

use super::{CheckInfo, Finding, Profile, QaUnit, Severity, SideId};
use crate::text::normalize;
use std::collections::HashMap;

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "inconsistency",
    severity: Severity::Warning,
    explanation: "The same source translated differently elsewhere in the batch, or one translation used for different sources.",
};

/// How unit `j` is named in a finding on unit `i`: its segment number, and its file when the
/// two come from different files.
fn place(units: &[QaUnit], j: usize, i: usize) -> String {
    if units[j].origin == units[i].origin {
        units[j].id.to_string()
    } else {
        format!("{} of {}", units[j].id, units[j].origin)
    }
}

/// Runs the check over the whole batch.
pub fn check_batch(units: &[QaUnit], profile: &Profile, out: &mut Vec<Finding>) {
    // source → target → unit indexes
    let mut by_src: HashMap<String, HashMap<String, Vec<usize>>> = HashMap::new();
    let mut by_tgt: HashMap<String, HashMap<String, Vec<usize>>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        let Some(t) = &u.tgt else { continue };
        let (s, t) = (normalize(&u.src.text), normalize(&t.text));
        if s.is_empty() || t.is_empty() || !s.chars().any(char::is_alphabetic) {
            continue;
        }
        by_src
            .entry(s.clone())
            .or_default()
            .entry(t.clone())
            .or_default()
            .push(i);
        by_tgt.entry(t).or_default().entry(s).or_default().push(i);
    }
    let repeated: Vec<usize> = by_src
        .values()
        .filter(|g| g.values().map(Vec::len).sum::<usize>() > 1)
        .map(HashMap::len)
        .collect();
    let alternatives =
        !repeated.is_empty() && repeated.iter().filter(|&&n| n >= 3).count() * 2 > repeated.len();
    if alternatives && !profile.flag(INFO.id, "alternatives", false) {
        return;
    }
    let severity = profile.severity(&INFO);
    let finding = |i: usize, side: SideId, message: String, suggestion: Option<String>| {
        let u = &units[i];
        let text = match side {
            SideId::Src => u.src.text.clone(),
            SideId::Tgt => u.tgt.as_ref().map(|t| t.text.clone()).unwrap_or_default(),
        };
        Finding {
            segment: u.id,
            unit: i,
            side,
            check: INFO.id,
            severity,
            start: 0,
            end: text.chars().count(),
            text,
            message,
            suggestion,
        }
    };
    let mut found = Vec::new();
    for group in by_src.values().filter(|g| g.len() > 1) {
        let mut variants: Vec<(&String, &Vec<usize>)> = group.iter().collect();
        // Most frequent first; ties by first appearance.
        variants.sort_by_key(|(_, ids)| (std::cmp::Reverse(ids.len()), ids[0]));
        let main = variants[0].1[0];
        let main_text = units[main].tgt.as_ref().map(|t| t.text.clone());
        for (_, ids) in &variants[1..] {
            for &i in ids.iter() {
                found.push(finding(
                    i,
                    SideId::Tgt,
                    format!(
                        "the same source is translated differently in segment {}",
                        place(units, main, i)
                    ),
                    main_text.clone(),
                ));
            }
        }
    }
    for group in by_tgt.values().filter(|g| g.len() > 1) {
        // The distinct sources of one translation, each with its words read once.
        let mut sources: Vec<(&Vec<usize>, Vec<SourceWord>)> = group
            .values()
            .map(|ids| (ids, source_words(&units[ids[0]].src.text)))
            .collect();
        sources.sort_by_key(|(ids, _)| ids[0]);
        for (k, (ids, words)) in sources.iter().enumerate() {
            // Sources that differ in content, among a bounded number of the others (a batch
            // with thousands of sources of one translation stays linear).
            let differ: Vec<usize> = sources
                .iter()
                .enumerate()
                .filter(|&(m, _)| m != k)
                .take(64)
                .filter(|(_, (_, other))| !same_words(words, other))
                .map(|(m, _)| m)
                .collect();
            if differ.is_empty() {
                continue;
            }
            // The first three units of those sources, the same for every unit of this one.
            let mut first: Vec<usize> = differ
                .iter()
                .flat_map(|&m| sources[m].0.iter().copied())
                .collect();
            first.sort_unstable();
            first.truncate(3);
            for &i in ids.iter() {
                let others: Vec<String> = first.iter().map(|&j| place(units, j, i)).collect();
                found.push(finding(
                    i,
                    SideId::Tgt,
                    format!(
                        "this translation is also given to a different source (segment {})",
                        others.join(", ")
                    ),
                    None,
                ));
            }
        }
    }
    found.retain(|f| !profile.ignores(f));
    out.extend(found);
}

/// Whether two sources say the same in other forms or another order: every word of each
/// has a counterpart in the other with the same first four letters (lower case, `ё` as `е`),
/// or one that ends with it (a prefixed form, `шёл` / `пошёл`), or is a short function word
/// (three letters or fewer: an article, a particle). `Задавай вопросы` / `Задавайте вопросы`,
/// `Шёл бы чёрт на свадьбу, да боится попа` / `Пошёл бы черт на свадьбу, да попа боится`,
/// `Open the file` / `Open a file` (Russian has no articles): one translation of both is right;
/// `Open the file` / `Close the file` differ in a word of content.
fn same_words(wa: &[SourceWord], wb: &[SourceWord]) -> bool {
    let covered = |x: &[SourceWord], y: &[SourceWord]| {
        x.iter().all(|w| {
            if w.number {
                return y.iter().any(|v| v.word == w.word);
            }
            w.short
                || y.iter().any(|v| {
                    !v.number
                        && (v.stem == w.stem
                            || v.word.ends_with(w.word.as_str())
                            || (!v.short && w.word.ends_with(v.word.as_str())))
                })
        })
    };
    !wa.is_empty() && !wb.is_empty() && covered(wa, wb) && covered(wb, wa)
}

/// A word of a source as [`same_words`] compares it.
struct SourceWord {
    /// Lower case, `ё` as `е`.
    word: String,
    /// Its first four letters.
    stem: String,
    /// Three letters or fewer: a function word.
    short: bool,
    /// Has a digit: it must be met as it is.
    number: bool,
}

/// The words (runs of letters and digits) of a source for [`same_words`].
fn source_words(t: &str) -> Vec<SourceWord> {
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let word: String = w
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == 'ё' { 'е' } else { c })
                .collect();
            SourceWord {
                stem: word.chars().take(4).collect(),
                short: word.chars().count() <= 3,
                number: word.chars().any(|c| c.is_ascii_digit()),
                word,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{check, QaUnit, Side};

    fn u(id: i64, s: &str, t: &str) -> QaUnit {
        QaUnit {
            id,
            origin: "t".into(),
            src: Side::new(Some("en"), s),
            tgt: Some(Side::new(Some("ru"), t)),
        }
    }

    #[test]
    fn same_source_different_targets_and_back() {
        let units = vec![
            u(0, "Save the file.", "Сохраните файл."),
            u(1, "Save  the file.", "Сохраните файл."),
            u(2, "Save the file.", "Сохранить файл."),
            u(3, "Open the file.", "Откройте файл."),
            u(4, "Close the file.", "Откройте файл."),
            // The same words in other forms: one translation of both is right.
            u(5, "Open a file.", "Откройте файл."),
        ];
        let f: Vec<_> = check(&units)
            .into_iter()
            .filter(|f| f.check == "inconsistency")
            .collect();
        assert_eq!(f.len(), 4, "{f:?}");
        assert_eq!(f[0].segment, 2);
        assert_eq!(f[0].suggestion.as_deref(), Some("Сохраните файл."));
        // `Open the file` and `Open a file` are one source in two forms: each is questioned
        // only against `Close the file`.
        assert_eq!(f[1].segment, 3);
        assert!(f[1].message.ends_with("(segment 4)"), "{}", f[1].message);
        assert_eq!(f[2].segment, 4);
        assert_eq!(f[3].segment, 5);
        assert!(f[3].message.ends_with("(segment 4)"), "{}", f[3].message);
        let variants = vec![
            u(0, "Ask a question.", "Задайте вопрос."),
            u(1, "Ask the questions!", "Задайте вопрос."),
        ];
        assert!(check(&variants).iter().all(|f| f.check != "inconsistency"));
        // Numbers are content: `Delete 5 files` and `Delete 6 files` differ.
        let numbers = vec![
            u(0, "Delete 5 files.", "Удалить 5 файлов."),
            u(1, "Delete 6 files.", "Удалить 5 файлов."),
        ];
        assert_eq!(
            check(&numbers)
                .iter()
                .filter(|f| f.check == "inconsistency")
                .count(),
            2
        );
        let clean = vec![
            u(0, "Save the file.", "Сохраните файл."),
            u(1, "Open the file.", "Откройте файл."),
        ];
        assert!(check(&clean).iter().all(|f| f.check != "inconsistency"));
    }

    #[test]
    fn comparison_batches_are_left_alone() {
        let mut units = Vec::new();
        for k in 0..3 {
            units.push(u(3 * k, "Save the file.", &format!("Сохраните файл {k}.")));
            units.push(u(
                3 * k + 1,
                "Open the file.",
                &format!("Откройте файл {k}."),
            ));
            units.push(u(
                3 * k + 2,
                "Close the file.",
                &format!("Закройте файл {k}."),
            ));
        }
        assert!(check(&units).iter().all(|f| f.check != "inconsistency"));
    }
}
