//! Check `garbled`: English that reads like a word-for-word rendering of Russian. Rules:
//! - a reporting verb with its addressee before the subject (`…, told journalists the
//!   Minister`, `…, said investors Mr Smith`);
//! - `X not a threat`: a predicate noun with no verb (`Russia for anybody not a threat`);
//! - noun–noun order of Russian names of bodies (`the Council Russia-NATO` for
//!   `the NATO-Russia Council`);
//! - a participle with its complement before the noun it qualifies (`involved in it imposed
//!   confrontation`, `the by them proposed plan`);
//! - a reported statement with no finite verb before `, said …` (`Earlier the NATO's desire
//!   to build a relationship with Russia, said the Secretary General`), the Russian verbless
//!   `Ранее о стремлении …, сказал …` rendered word for word;
//! - listed calques of Russian set phrases and idioms (`src/qa/calques.txt`: `in the nearest
//!   time`, `with a pitchfork on water` …), read against the Russian side when there is one
//!   ([`super::calques`]).
//!
//! Findings are `review`: they point a reviser at a sentence, they are not certain errors.

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::{Lang, Word};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "garbled",
    severity: Severity::Review,
    explanation:
        "Phrasing that reads like a word-for-word rendering of Russian: worth a reviser's look.",
};

const REPORTING: &[&str] = &[
    "told",
    "said",
    "noted",
    "stressed",
    "added",
    "emphasized",
    "emphasised",
    "explained",
    "reported",
    "stated",
    "declared",
    "announced",
];
/// Prepositions a Russian participle's complement may keep before it (`навязанную ей` →
/// `to her imposed`, `в ней изложенные` → `in it set out`).
const PREPOSITIONS: &[&str] = &[
    "in", "on", "by", "to", "for", "with", "from", "against", "at", "upon", "towards", "about",
];
const BODIES: &[&str] = &[
    "Council",
    "Commission",
    "Committee",
    "Forum",
    "Agreement",
    "Treaty",
    "Summit",
    "Group",
    "Union",
    "Partnership",
    "Dialogue",
];
const VERBS_BEFORE_NOT: &[&str] = &[
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "am",
    "do",
    "does",
    "did",
    "could",
    "would",
    "should",
    "will",
    "can",
    "may",
    "might",
    "must",
    "shall",
    "has",
    "have",
    "had",
    "but",
    "and",
    "or",
    "if",
    "whether",
    "certainly",
    "probably",
    "definitely",
    "surely",
];

/// Words that are, or usually stand for, a finite verb: auxiliaries, modals, common irregular
/// past forms.
const FINITE: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "am",
    "be",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "said",
    "told",
    "came",
    "went",
    "made",
    "took",
    "gave",
    "saw",
    "knew",
    "thought",
    "got",
    "found",
    "left",
    "felt",
    "became",
    "began",
    "kept",
    "held",
    "brought",
    "ran",
    "met",
    "paid",
    "sent",
    "spent",
    "built",
    "lost",
    "won",
    "sold",
    "stood",
    "understood",
    "wrote",
    "spoke",
    "chose",
    "grew",
    "drew",
    "threw",
    "flew",
    "hit",
    "put",
    "set",
    "cut",
    "let",
    "shut",
    "spread",
    "led",
    "fought",
    "sought",
    "caught",
    "taught",
    "bought",
    "meant",
    "dealt",
    "lay",
    "laid",
    "broke",
    "froze",
    "drove",
    "struck",
    "rose",
    "fell",
    "sat",
    "heard",
    "read",
    "need",
    "want",
    "think",
    "know",
];
const SUBJECTS: &[&str] = &["i", "you", "we", "they", "he", "she", "it", "who", "there"];

/// True when the words could hold a finite verb: one of [`FINITE`], a word in `-ed` not after
/// an article or `to`, a word in `-s` (a verb of the third person, or a plural: both are
/// taken as a sign of a clause), any word after a subject pronoun, or a contraction.
fn may_have_finite_verb(ws: &[Word<'_>]) -> bool {
    ws.iter().enumerate().any(|(k, w)| {
        let l = w.text.to_lowercase();
        let prev = k
            .checked_sub(1)
            .map(|p| ws[p].text.to_lowercase())
            .unwrap_or_default();
        FINITE.contains(&l.as_str())
            || (l.ends_with("ed") && !matches!(prev.as_str(), "the" | "a" | "an" | "to"))
            || (l.ends_with('s') && l.len() > 3 && !l.contains(['\'', '’']))
            || SUBJECTS.contains(&prev.as_str())
            || l.contains("n't")
            || l.contains("n’t")
    })
}

fn lower(w: &Word<'_>) -> String {
    w.text.to_lowercase()
}

/// Runs the check on one side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if side.lang != Some(Lang::En) {
        return;
    }
    let text = side.text.as_str();
    let ws = ctx.words;
    let gap = |a: &Word<'_>, b: &Word<'_>| &text[a.byte_start + a.text.len()..b.byte_start];
    let mut flag = |start: usize, end: usize, message: &str, suggestion: Option<String>| {
        out.push(ctx.finding(&INFO, text, start, end, message.to_string(), suggestion));
    };
    for i in 0..ws.len() {
        let w = &ws[i];
        // ", told journalists the Minister …": the addressee (a bare plural noun) between the
        // verb and its subject (a name or `the` and a name).
        let capital = |k: usize| {
            ws.get(k)
                .is_some_and(|n| crate::text::is_capitalized(n.text))
        };
        if REPORTING.contains(&w.text)
            && i > 0
            && gap(&ws[i - 1], w).trim() == ","
            && ws.get(i + 1).is_some_and(|n| {
                n.text.len() > 3 && n.text.ends_with('s') && n.text.chars().all(char::is_lowercase)
            })
            && (capital(i + 2) || ws.get(i + 2).is_some_and(|n| n.text == "the") && capital(i + 3))
        {
            let end = ws.get(i + 2).map_or(w.end, |n| n.end);
            flag(
                w.start,
                end,
                "reporting verb and its object before the subject: a word-for-word order",
                None,
            );
        }
        // "X not a threat" with no verb before "not".
        if w.text == "not"
            && i > 0
            && ws.get(i + 1).is_some_and(|n| matches!(n.text, "a" | "an"))
            && gap(&ws[i - 1], w).trim().is_empty()
            && !VERBS_BEFORE_NOT.contains(&lower(&ws[i - 1]).as_str())
            && !ws[i - 1].text.ends_with("n't")
        {
            let end = ws.get(i + 2).map_or(w.end, |n| n.end);
            flag(
                ws[i - 1].start,
                end,
                "no verb before “not a …”: a predicate without its verb",
                None,
            );
        }
        // "the Council Russia-NATO"
        if BODIES.contains(&w.text)
            && i > 0
            && ws[i - 1].text.eq_ignore_ascii_case("the")
            && ws
                .get(i + 1)
                .is_some_and(|n| crate::text::is_capitalized(n.text))
            && ws
                .get(i + 2)
                .is_some_and(|n| crate::text::is_capitalized(n.text))
            && ws.get(i + 1).zip(ws.get(i + 2)).is_some_and(|(a, b)| {
                let g = gap(a, b).trim();
                matches!(g, "-" | "–" | "—")
            })
        {
            let (a, b) = (&ws[i + 1], &ws[i + 2]);
            flag(
                w.start,
                b.end,
                "name of a body in Russian word order",
                Some(format!("{}-{} {}", a.text, b.text, w.text)),
            );
        }
        // "in it imposed confrontation": a participle with its complement (a preposition and
        // an object pronoun) before the noun it qualifies, in Russian order.
        if PREPOSITIONS.contains(&w.text)
            && ws
                .get(i + 1)
                .is_some_and(|n| matches!(n.text, "it" | "them" | "him" | "her" | "us" | "me"))
            && ws.get(i + 2).is_some_and(|n| {
                n.text.len() > 4 && (n.text.ends_with("ed") || n.text.ends_with("en"))
            })
            && ws
                .get(i + 3)
                .is_some_and(|n| n.text.chars().all(char::is_lowercase))
            && gap(&ws[i + 1], &ws[i + 2]).trim().is_empty()
        {
            flag(
                w.start,
                ws[i + 2].end,
                "a participle with its complement before the noun it qualifies: a word-for-word order",
                None,
            );
        }
    }
    // `<statement without a finite verb>, said <speaker>`: a statement of eight words or more
    // (short verbless remarks are normal English), only when the statement is the
    // whole sentence before the comma (no quotation marks: quoted speech may be a fragment).
    for i in 1..ws.len() {
        let w = &ws[i];
        if !matches!(
            w.text,
            "said" | "stated" | "noted" | "added" | "stressed" | "told"
        ) || gap(&ws[i - 1], w).trim() != ","
            || !ws
                .get(i + 1)
                .is_some_and(|n| n.text == "the" || crate::text::is_capitalized(n.text))
        {
            continue;
        }
        let start = (0..i)
            .rev()
            .find(|&k| k == 0 || super::sentence_initial(text, ws[k].byte_start))
            .unwrap_or(0);
        let clause = &ws[start..i];
        let quoted = text[ws[start].byte_start..w.byte_start].contains(['"', '“', '”', '«', '»']);
        if clause.len() >= 8 && !quoted && !may_have_finite_verb(clause) {
            flag(
                clause[0].start,
                w.end,
                "the reported statement has no verb: a word-for-word rendering of a Russian verbless sentence",
                None,
            );
        }
    }
    // Listed calques (`calques.txt`), read against the Russian side when there is one.
    let russian = match ctx.other_side() {
        Some(o) if o.text.trim().is_empty() => None,
        Some(o) if o.lang == Some(Lang::Ru) => Some(ctx.other_words),
        Some(_) => return,
        None => None,
    };
    for (i, j, c) in super::calques::find(ws, russian) {
        flag(
            ws[i].start,
            ws[j - 1].end,
            "a word-for-word rendering of a Russian phrase",
            c.suggestion.clone(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings_of;

    fn garbled(t: &str) -> Vec<String> {
        findings_of("en", t, "garbled")
            .into_iter()
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn flags_russian_word_order() {
        assert_eq!(
            garbled("The budget will grow next year, told reporters the Finance Minister."),
            ["told reporters the"]
        );
        assert_eq!(
            garbled("The plant will open in May, said investors Mr Brown."),
            ["said investors Mr"]
        );
        assert_eq!(
            garbled("This plan for the city not a solution."),
            ["city not a solution"]
        );
        assert_eq!(
            garbled("They met at the Forum Russia-China in June."),
            ["Forum Russia-China"]
        );
        assert_eq!(
            garbled("The ministry rejected the by them proposed plan."),
            ["by them proposed"]
        );
        assert_eq!(
            garbled("The firm will take participation in the fair."),
            ["take participation"]
        );
        assert_eq!(
            garbled("Earlier the ministry’s intention to lower the tax on every small firm in the north, said Finance Minister Anna Petrova."),
            ["Earlier the ministry’s intention to lower the tax on every small firm in the north, said"]
        );
    }

    #[test]
    fn idiomatic_english_passes() {
        for t in [
            "Russia is not a threat to anybody.",
            "“It is hard,” said Steinmeier before the meeting.",
            "He told journalists that the talks would go on.",
            "He smiled, told reporters the news and left.",
            "She voted for it despite the risks.",
            "The results will be published in the near future.",
            "The NATO-Russia Council met in Brussels.",
            "It was a friend, not a foe.",
            "The alliance also froze all military partnership programs.",
            "We need more time, said the minister.",
            "Prices rose sharply last year, said the Central Bank.",
            "The talks were useful, said Lavrov.",
            "A good result for everybody, said the coach.",
        ] {
            assert!(garbled(t).is_empty(), "{t}: {:?}", garbled(t));
        }
    }
}
