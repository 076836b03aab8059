//! Real-word slips of English, a part of the `spelling` check: a word of the dictionary
//! written for another that sounds or looks alike, where the words around it show which one
//! was meant. `then` after a comparative is `than` (`more then two hundred`, `rather then
//! wait`); `than` after a sequence word is `then` (`and than`, `since than`).

use super::{CheckInfo, Context, Finding, Side};
use crate::text::Lang;

/// Comparatives that take `than` (lower case): the irregular and common ones, and the
/// words `rather`, `other`.
const COMPARATIVES: &[&str] = &[
    "more", "less", "fewer", "rather", "other", "better", "worse", "greater", "higher", "lower",
    "larger", "smaller", "bigger", "longer", "shorter", "older", "younger", "earlier", "faster",
    "slower", "cheaper", "stronger", "weaker", "wider", "easier", "harder", "further", "farther",
    "deeper", "heavier", "lighter", "richer", "poorer", "safer", "warmer", "colder", "newer",
];

/// Words after which `than` cannot stand: `then` was meant (`and than`, `since than`,
/// `until than`, `by than`).
const SEQUENCE: &[&str] = &[
    "and", "since", "until", "till", "by", "just", "only", "even",
];

/// Runs the rules on an English side (`info`: the `spelling` check).
pub(super) fn check(ctx: &Context<'_>, side: &Side, info: &CheckInfo, out: &mut Vec<Finding>) {
    if side.lang != Some(Lang::En) {
        return;
    }
    let words = ctx.words;
    let chars: Vec<char> = ctx.view.prose.chars().collect();
    for k in 1..words.len() {
        let w = words[k].text;
        let (prev, gap) = (
            words[k - 1].text.to_lowercase(),
            (words[k - 1].end, words[k].start),
        );
        // Only a space between: `more, then` is a sequence.
        if !chars
            .get(gap.0..gap.1)
            .is_some_and(|g| g.iter().all(|c| c.is_whitespace()))
        {
            continue;
        }
        let (wrong, right) = if w == "then" && COMPARATIVES.contains(&prev.as_str()) {
            ("then", "than")
        } else if w == "than" && SEQUENCE.contains(&prev.as_str()) {
            ("than", "then")
        } else {
            continue;
        };
        // `then` glued to a hyphenated word (`then-current`) is an adjective.
        if chars.get(words[k].end) == Some(&'-') {
            continue;
        }
        out.push(ctx.finding(
            info,
            &side.text,
            words[k].start,
            words[k].end,
            format!(
                "“{wrong}” after “{}”: did you mean “{right}”?",
                words[k - 1].text
            ),
            Some(right.to_string()),
        ));
    }
}

#[cfg(test)]
mod tests {
    fn slips(tgt: &str) -> Vec<(String, Option<String>)> {
        super::super::tests::pair_all("ru", "Текст.", "en", tgt)
            .into_iter()
            .filter(|f| f.check == "spelling")
            .map(|f| (f.text, f.suggestion))
            .collect()
    }

    #[test]
    fn then_after_a_comparative_and_than_after_a_sequence_word() {
        assert_eq!(
            slips("Pupils planted more then two hundred trees."),
            vec![("then".into(), Some("than".into()))]
        );
        assert_eq!(
            slips("It is cheaper to rent rather then buy."),
            vec![("then".into(), Some("than".into()))]
        );
        assert_eq!(
            slips("We met at noon and than went home."),
            vec![("than".into(), Some("then".into()))]
        );
    }

    #[test]
    fn the_right_words_pass() {
        for t in [
            "Pupils planted more than two hundred trees.",
            "We met at noon and then went home.",
            "He waited longer, then left.",
            "The other then-current rules were dropped.",
            "Prices were higher than expected; then they fell.",
        ] {
            assert_eq!(slips(t), Vec::new(), "{t}");
        }
    }
}
