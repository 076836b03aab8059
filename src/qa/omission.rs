//! Check `omission`: a stretch of the source whose words nothing in the target translates,
//! where the rest of the source is translated word by word. Read through the bilingual
//! lexical model ([`crate::text::bilex`]): a source word counts as carried over when some
//! target word is a known translation of it (either direction of the model) or its
//! transliteration. Only words the model knows well enough to miss are judged: known stems
//! with a likely translation, not names, not the most frequent function words.

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::bilex::LexicalModel;
use crate::text::tag::Tagger;
use crate::text::{freq, translit, Lang, Word};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "omission",
    severity: Severity::Warning,
    explanation: "Part of the source has no counterpart in the target.",
};

/// Source words in a row (other words allowed between) that must all be missing: the
/// model misses single synonyms too often to report one word.
const MIN_RUN: usize = 3;

/// Words this frequent (Zipf) are function words: their translation is often implicit.
const FUNCTION_ZIPF: f32 = 5.3;

/// How the source's words fare: `None` for a word not judged, else whether it is carried.
fn carried(
    lex: &LexicalModel,
    src: &[Word<'_>],
    tgt: &[Word<'_>],
    src_lang: Lang,
    tgt_lang: Lang,
) -> Vec<Option<bool>> {
    let st: Vec<&str> = src.iter().map(|w| w.text).collect();
    let tt: Vec<&str> = tgt.iter().map(|w| w.text).collect();
    let ids = |lang: Lang, ws: &[&str]| match lang {
        Lang::Ru => lex.ru_ids(ws),
        Lang::En => lex.en_ids(ws),
    };
    let (si, ti) = (ids(src_lang, &st), ids(tgt_lang, &tt));
    let tgt_latin: Vec<[char; 4]> = tt.iter().map(|w| translit::latin4(w)).collect();
    src.iter()
        .enumerate()
        .map(|(i, w)| {
            let chars = w.text.chars().count();
            let id = si[i]?;
            let lower = w.text.to_lowercase();
            let judged = chars >= 4
                && w.text.chars().all(char::is_alphabetic)
                && !w.text.chars().next().is_some_and(char::is_uppercase)
                && freq::zipf(src_lang, &lower.replace('ё', "е")).unwrap_or(0.0) < FUNCTION_ZIPF
                && match src_lang {
                    Lang::Ru => lex.ru_spread(Some(id)).1 >= 1.0,
                    Lang::En => lex.en_spread(Some(id)).1 >= 1.0,
                };
            if !judged {
                return None;
            }
            let latin = translit::latin4(w.text);
            let found = ti.iter().zip(&tgt_latin).any(|(t, lat)| {
                *lat == latin
                    || t.is_some_and(|t| match src_lang {
                        Lang::Ru => {
                            lex.p_en_given_ru(Some(id), t) > 0.0
                                || lex.p_ru_given_en(Some(t), id) > 0.0
                        }
                        Lang::En => {
                            lex.p_ru_given_en(Some(id), t) > 0.0
                                || lex.p_en_given_ru(Some(t), id) > 0.0
                        }
                    })
            });
            Some(found)
        })
        .collect()
}

/// Runs the check on the target of a Russian–English pair.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if !ctx.is_target_of_pair() {
        return;
    }
    let (Some(lang), Some(src_lang)) = (side.lang, ctx.unit.src.lang) else {
        return;
    };
    if src_lang != lang && ctx.words.len() >= 3 {
        list_item(ctx, side, src_lang, lang, out);
    }
    // The shipped model is learnt from Russian sources and their English translations; the
    // other direction reads its English through machine output and misses too often.
    if src_lang != Lang::Ru || lang != Lang::En || ctx.words.len() < 3 {
        return;
    }
    let judged = carried(
        LexicalModel::shipped(),
        ctx.other_words,
        ctx.words,
        src_lang,
        lang,
    );
    let known: Vec<bool> = judged.iter().flatten().copied().collect();
    if known.len() < 5 {
        return;
    }
    // Runs of judged words none of which is carried, other words allowed between.
    let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (first, last, count)
    let mut cur: Option<(usize, usize, usize)> = None;
    for (i, j) in judged.iter().enumerate() {
        match j {
            Some(false) => {
                cur = Some(match cur {
                    Some((a, _, n)) => (a, i, n + 1),
                    None => (i, i, 1),
                })
            }
            Some(true) => {
                if let Some(r) = cur.take() {
                    runs.push(r);
                }
            }
            None => {}
        }
    }
    runs.extend(cur);
    let missing: usize = runs.iter().filter(|r| r.2 >= MIN_RUN).map(|r| r.2).sum();
    let carried_share =
        (known.iter().filter(|&&k| k).count()) as f64 / (known.len() - missing).max(1) as f64;
    if carried_share < 0.85 {
        return;
    }
    let text = side.text.as_str();
    for &(a, b, n) in &runs {
        if n < MIN_RUN {
            continue;
        }
        let (s, e) = (ctx.other_words[a].start, ctx.other_words[b].end);
        let gone: String = ctx.unit.src.text.chars().skip(s).take(e - s).collect();
        out.push(ctx.whole_side_finding(
            &INFO,
            text,
            format!("nothing in the target translates “{gone}” (source {s}..{e})"),
        ));
    }
}

/// A list of the source (three items or more) that has one item fewer in the target.
fn list_item(ctx: &Context<'_>, side: &Side, src_lang: Lang, lang: Lang, out: &mut Vec<Finding>) {
    let src = &ctx.unit.src.text;
    let Some(s) = super::omission_list::longest(src_lang, src, ctx.other_words) else {
        return;
    };
    // A list of three may come out as one pair (`Russian, Georgian and Uzbek` as `Russian and
    // Uzbek`), the target's only one, where the source's list is surely one.
    let target_list = super::omission_list::longest(lang, &side.text, ctx.words);
    let from_pair = target_list.is_none();
    let Some(t) = target_list.or_else(|| {
        (s.items == 3)
            .then(|| super::omission_list::single_pair(lang, &side.text, ctx.words))
            .flatten()
    }) else {
        return;
    };
    if t.items + 1 != s.items {
        return;
    }
    let src_tags = Tagger::for_lang(src_lang).tag_text(src);
    if !super::omission_list::of_things(&s, ctx.other_words, &src_tags)
        || !super::omission_list::of_things(&t, ctx.words, ctx.tagged(lang))
        || from_pair && !super::omission_list::tight(&s, ctx.other_words, &src_tags)
    {
        return;
    }
    let (a, b) = (ctx.other_words[s.first].start, ctx.other_words[s.last].end);
    out.push(ctx.finding(
        &INFO,
        &side.text,
        ctx.words[t.first].start,
        ctx.words[t.last].end,
        format!(
            "the source lists {} items (source {a}..{b}), the target {}: one is missing",
            s.items, t.items
        ),
        None,
    ));
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    #[test]
    fn a_dropped_clause_is_reported_on_the_target_naming_the_source_span() {
        let src = "Правительство объявило о новых мерах поддержки малого бизнеса, а также о снижении налогов для многодетных семей.";
        let f = pair_findings(
            src,
            "The government announced new measures to support small businesses.",
            "omission",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].side.as_str(), "tgt");
        assert!(f[0].message.contains("налогов"), "{f:?}");
        assert!(pair_findings(
            src,
            "The government announced new measures to support small businesses, as well as lower taxes for large families.",
            "omission"
        )
        .is_empty());
    }

    #[test]
    fn single_words_and_the_other_direction_are_left_alone() {
        // One word the model may not know as translated (a synonym) is not an omission.
        assert!(pair_findings(
            "Продажи электромобилей в Европе выросли вдвое.",
            "Sales of electric cars in Europe have risen.",
            "omission"
        )
        .is_empty());
        assert!(pair_findings(
            "The government announced new measures to support small businesses, as well as lower taxes for large families.",
            "Правительство объявило о новых мерах поддержки малого бизнеса.",
            "omission"
        )
        .is_empty());
    }

    #[test]
    fn a_list_item_left_out_both_ways() {
        let lost = |src: &str, tgt: &str| -> Vec<String> {
            pair_findings(src, tgt, "omission")
                .into_iter()
                .filter(|f| f.message.contains("one is missing"))
                .map(|f| f.text)
                .collect()
        };
        // Four items as three, and three as the target's only pair.
        assert_eq!(
            lost(
                "Он купил яблоки, груши, сливы и вишню.",
                "He bought apples, pears and cherries."
            )
            .len(),
            1
        );
        assert_eq!(
            lost(
                "На складе хранятся столы, стулья и шкафы.",
                "The warehouse stores tables and wardrobes."
            ),
            ["tables and wardrobes"]
        );
        assert_eq!(
            lost(
                "The shop sells red, green and yellow apples.",
                "Магазин продаёт красные и жёлтые яблоки."
            ),
            ["красные и жёлтые яблоки"]
        );
        // Every item there; commas that part clauses; a target list the reader reads short.
        for (src, tgt) in [
            (
                "На складе хранятся столы, стулья и шкафы.",
                "The warehouse stores tables, chairs and wardrobes.",
            ),
            (
                "Я думаю, это просто метель и снег.",
                "I think it's just blizzards and snow.",
            ),
            (
                "The line is not a key-value pair, group, or comment.",
                "Строка не является парой «ключ-значение», группой или комментарием.",
            ),
        ] {
            assert!(lost(src, tgt).is_empty(), "{tgt}");
        }
    }
}
