//! Checks `grammar` and `missing_verb`: errors of form found through the tagger
//! ([`crate::text::tag`]), in the target of a pair (or a lone text).
//!
//! English ([`en`]): a clause-opening subject and a present-tense verb that disagree in
//! number (`Each participant receive`, `The figures shows`, `he go`); the indefinite article
//! before a plural or a mass noun (`a new cars`, `an advice`); a sentence with no verb at all
//! where the source has one.
//! Russian ([`ru`]): an adjective and the noun it precedes that disagree in gender, number or
//! case (`новый библиотека`); a preposition followed by a case it does not govern
//! (`с родителям`); a subject and a past-tense verb that disagree in gender or number.
//!
//! The tagger reads a word's form first: an ill-formed word keeps the features its ending
//! says, which is what lets a disagreement show.

mod en;
mod en_articles;
mod en_forms;
mod en_order;
mod en_verbless;
mod ru;
mod ru_verbs;

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::tag::{Tagger, Token};
use crate::text::Lang;

/// Description of the `grammar` check.
pub const INFO: CheckInfo = CheckInfo {
    id: "grammar",
    severity: Severity::Warning,
    explanation:
        "Words that disagree in number, gender or case, or an article the noun does not take.",
};

/// Description of the `missing_verb` check.
pub const MISSING_VERB: CheckInfo = CheckInfo {
    id: "missing_verb",
    severity: Severity::Warning,
    explanation: "A sentence without a verb where the source has one.",
};

/// One feature's value (`Case`, `Number` …) from a UD feature string.
pub(crate) fn feat<'a>(t: &'a Token, name: &str) -> Option<&'a str> {
    t.feats.split('|').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then_some(v)
    })
}

/// Whether an English word is a verb particle (`broke out`, `sold out`, `came back`): a
/// preposition or adverb that phrasal verbs take.
pub(crate) fn verb_particle(t: &Token) -> bool {
    matches!(t.upos, "ADP" | "ADV" | "PART")
        && matches!(
            t.text.to_lowercase().as_str(),
            "out" | "up" | "off" | "down" | "away" | "back" | "over" | "through" | "in" | "on"
        )
}

/// Description of the `word_order` check.
pub const WORD_ORDER: CheckInfo = CheckInfo {
    id: "word_order",
    severity: Severity::Warning,
    explanation: "Word order calqued from Russian: the verb before its subject, an adverb between a verb and its object, a chain of of-phrases, a question in the order of a statement.",
};

/// A found problem: char span in the side and the message.
pub(crate) struct Problem {
    pub start: usize,
    pub end: usize,
    pub message: String,
}

/// Which check a problem belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Grammar,
    MissingVerb,
    WordOrder,
}

/// Whether the side is the one grammar is checked on: the target of a pair, or a text with
/// no target.
fn checked_side(ctx: &Context<'_>) -> bool {
    ctx.is_target_of_pair() || ctx.unit.tgt.is_none()
}

/// Runs the `grammar` rules on a side.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    run(ctx, side, out, Kind::Grammar);
}

/// Runs `missing_verb` on a side.
pub fn check_missing_verb(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    run(ctx, side, out, Kind::MissingVerb);
}

/// Runs `word_order` on a side.
pub fn check_word_order(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    run(ctx, side, out, Kind::WordOrder);
}

fn run(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>, kind: Kind) {
    let Some(lang) = side.lang else {
        return;
    };
    if !checked_side(ctx) || ctx.words.len() < 3 {
        return;
    }
    // Sides with code (placeholders, markup) are messages whose grammar the code completes.
    if !ctx.view.codes.is_empty() {
        return;
    }
    let from_russian = ctx.is_target_of_pair() && ctx.unit.src.lang == Some(Lang::Ru);
    if lang == Lang::Ru && kind != Kind::Grammar
        || lang == Lang::En && kind != Kind::Grammar && !from_russian
    {
        return;
    }
    let sentences = ctx.tagged(lang);
    let mut found = Vec::new();
    match (lang, kind) {
        (Lang::En, Kind::Grammar) => {
            for s in sentences.iter() {
                en::agreement(s, &mut found);
                en::agreement_after_phrase(s, &mut found);
                en::coordinated_subject(s, &mut found);
                en_articles::articles(s, &mut found);
                en::negation_without_auxiliary(s, &mut found);
                en_articles::article_before_possessive_name(s, &mut found);
                en_forms::past_after_auxiliary(s, &mut found);
                if from_russian {
                    en_articles::missing_article(s, &mut found);
                }
            }
        }
        (Lang::En, Kind::MissingVerb) => {
            en_verbless::missing_verbs(sentences, &ctx.unit.src.text, &mut found);
        }
        (Lang::En, Kind::WordOrder) => {
            let source = std::cell::OnceCell::new();
            let tag_source =
                || source.get_or_init(|| Tagger::for_lang(Lang::Ru).tag_text(&ctx.unit.src.text));
            for s in sentences.iter() {
                en_order::object_first(s, || tag_source().as_slice(), &mut found);
                en_order::inversion(s, &mut found);
                en_order::adverb_placement(s, &mut found);
                en_order::genitive_chain(s, &mut found);
                en_order::question_order(s, &mut found);
            }
        }
        (Lang::Ru, _) => {
            for s in sentences.iter() {
                ru::adjective_agreement(s, &mut found);
                ru::adjective_chain_agreement(s, &mut found);
                ru::government(s, &mut found);
                ru::subject_agreement(s, &mut found);
                ru::copula_agreement(s, &mut found);
                ru_verbs::verb_government(s, &mut found);
            }
        }
    }
    let info = match kind {
        Kind::Grammar => &INFO,
        Kind::MissingVerb => &MISSING_VERB,
        Kind::WordOrder => &WORD_ORDER,
    };
    for p in found {
        out.push(ctx.finding(info, &side.text, p.start, p.end, p.message, None));
    }
}

#[cfg(test)]
mod tests;
