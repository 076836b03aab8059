//! Check `untranslated`: source text left in the target. Flags a target equal to its source,
//! and words of the source's script copied into a target written in another script
//! (`the update` left in a Russian sentence). Names are flagged only where the batch also
//! writes them in Russian letters (`Twitter` beside `Твиттер`); acronyms, words with digits,
//! URLs and codes are left alone: they are often kept on purpose.

use super::{CheckInfo, Context, Finding, Severity, Side, SideId};
use crate::text::{is_all_caps, is_capitalized, is_cyrillic, is_latin, Lang};
use std::collections::HashSet;

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "untranslated",
    severity: Severity::Warning,
    explanation: "Text of the source left untranslated in the target.",
};

/// Runs the check on one side (the target only).
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if ctx.side != SideId::Tgt {
        return;
    }
    let src = &ctx.unit.src;
    let text = side.text.as_str();
    if text.trim().is_empty() {
        return;
    }
    if src.text.trim() == text.trim()
        && src.lang.is_some()
        && side.lang.is_some()
        && src.lang != side.lang
        && text.chars().filter(|&c| crate::text::is_letter(c)).count() >= 3
    {
        let n = text.chars().count();
        out.push(ctx.finding(
            &INFO,
            text,
            0,
            n,
            "the target is the source, untranslated".into(),
            None,
        ));
        return;
    }
    // Latin words copied from an English source into a Russian target.
    if !(src.lang == Some(Lang::En) && side.lang == Some(Lang::Ru)) {
        return;
    }
    let source_words: HashSet<String> = ctx
        .other_words
        .iter()
        .map(|w| w.text.to_lowercase())
        .collect();
    let ws = ctx.words;
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>, out: &mut Vec<Finding>| {
        if let Some((a, b)) = run.take() {
            out.push(ctx.finding(
                &INFO,
                text,
                a,
                b,
                "English words left in the Russian translation".into(),
                None,
            ));
        }
    };
    for w in ws {
        let word = w.text;
        // A name counts when the batch writes it in Russian letters elsewhere (Twitter here,
        // Твиттер there); acronyms stay as they are.
        let latin = word.chars().all(is_latin)
            && word.chars().count() >= 3
            && !is_all_caps(word)
            && source_words.contains(&word.to_lowercase());
        let plain_latin = latin
            && (!is_capitalized(word)
                || ctx
                    .batch
                    .cyrillic_names
                    .contains(&crate::text::translit::name_key(word)));
        let near_cyrillic = text[..w.byte_start].chars().rev().take(40).any(is_cyrillic)
            || text[w.byte_start..].chars().take(40).any(is_cyrillic);
        if plain_latin && near_cyrillic {
            run = Some(match run {
                Some((a, _)) => (a, w.end),
                None => (w.start, w.end),
            });
        } else {
            flush(&mut run, out);
        }
    }
    flush(&mut run, out);
}

#[cfg(test)]
mod tests {
    use super::super::{check, QaUnit, Side};

    fn pair(src: &str, tgt: &str) -> Vec<String> {
        check(&[QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(Some("en"), src),
            tgt: Some(Side::new(Some("ru"), tgt)),
        }])
        .into_iter()
        .filter(|f| f.check == "untranslated")
        .map(|f| f.text)
        .collect()
    }

    #[test]
    fn copied_source_words_are_flagged() {
        assert_eq!(
            pair(
                "Install the latest update now.",
                "Установите latest update сейчас."
            ),
            ["latest update"]
        );
        assert_eq!(pair("Open the file.", "Open the file."), ["Open the file."]);
    }

    #[test]
    fn a_name_written_in_russian_elsewhere_is_untranslated_here() {
        let units = [
            QaUnit {
                id: 0,
                origin: "t".into(),
                src: Side::new(Some("en"), "Patel asked Twitter for answers."),
                tgt: Some(Side::new(
                    Some("ru"),
                    "Пател потребовала ответов от Twitter.",
                )),
            },
            QaUnit {
                id: 1,
                origin: "t".into(),
                src: Side::new(Some("en"), "Twitter said nothing."),
                tgt: Some(Side::new(Some("ru"), "Твиттер ничего не сказал.")),
            },
        ];
        let f: Vec<_> = check(&units)
            .into_iter()
            .filter(|f| f.check == "untranslated")
            .collect();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].segment, f[0].text.as_str()), (0, "Twitter"));
    }

    #[test]
    fn names_codes_and_translations_pass() {
        assert!(pair(
            "Open Firefox and the NATO site.",
            "Откройте Firefox и сайт NATO."
        )
        .is_empty());
        assert!(pair("Open the file.", "Откройте файл.").is_empty());
    }
}
