//! Check `names`: names of an English–Russian pair that do not correspond, both ways,
//! reported on the target.
//! - A name of the source that the target has in no spelling (`Steinmeier` with no
//!   `Штайнмайер`): a name is a capitalised word inside a sentence that no dictionary knows
//!   (common names such as `Germany` are translated, not transliterated); the target has it
//!   when it has the same word, one that may be its transliteration in some inflected form
//!   (`text::translit::like_name`), or the same place (`text::names`: `Japan` = `Япония`).
//! - A place of the target that the source does not name, where the source names another
//!   (`China` for `Японии`, `Australia` for `Австрии`): a wrong city or country.
//! - A name of the target (as above) that has no counterpart in the source.

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::names::{place_name, places_in, PlaceMention};
use crate::text::{is_all_caps, is_capitalized, translit, Word};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "names",
    severity: Severity::Warning,
    explanation: "A name or place of the source missing from the target, or one of the target the source does not have.",
};

/// The rare names of a side: capitalised words inside a sentence that no dictionary knows.
/// A word joined to another by a hyphen (`Covid-19`, `anti-Covid`) is part of a term, which a
/// translation may render otherwise.
fn rare_names<'a>(text: &str, words: &'a [Word<'a>]) -> Vec<&'a Word<'a>> {
    words
        .iter()
        .filter(|w| {
            let word = w.text;
            let before = text[..w.byte_start].chars().next_back();
            let after = text[w.byte_start + word.len()..].chars().next();
            before != Some('-')
                && after != Some('-')
                && word.chars().count() >= 4
                && is_capitalized(word)
                && !is_all_caps(word)
                && word.chars().all(crate::text::is_letter)
                && !super::sentence_initial(text, w.byte_start)
                && super::spelling::is_unknown(word)
                && !is_clipped_compound(word)
        })
        .collect()
}

/// The rare names of a side as [`rare_names`] finds them, and those inside hyphenated
/// compounds too: for pairing names across the sides.
fn rare_names_in_compounds<'a>(text: &str, words: &'a [Word<'a>]) -> Vec<&'a Word<'a>> {
    words
        .iter()
        .filter(|w| {
            let word = w.text;
            word.chars().count() >= 4
                && is_capitalized(word)
                && !is_all_caps(word)
                && word.chars().all(crate::text::is_letter)
                && !super::sentence_initial(text, w.byte_start)
                && super::spelling::is_unknown(word)
                && !is_clipped_compound(word)
        })
        .collect()
}

/// True when `word` has a counterpart among `others`: the same word or a transliteration.
fn has_counterpart(word: &str, others: &[Word<'_>]) -> bool {
    let bare = |w: &'_ str| -> String {
        w.strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w)
            .to_string()
    };
    let word = bare(word);
    others.iter().any(|o| {
        let o = bare(o.text);
        o == word || translit::like_name(&word, &o)
    })
}

/// True when a Russian word is a compound of a clipped stem and a known word of six letters
/// or more (`Госпогранслужба`, `Ленобласть`, `Заксобрание`): the name of an institution or
/// region, which a translation renders by its meaning, not by its letters.
fn is_clipped_compound(word: &str) -> bool {
    if !word.chars().any(crate::text::is_cyrillic) {
        return false;
    }
    let lower = word.to_lowercase();
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    (3..chars.len().saturating_sub(5)).any(|k| {
        super::spelling::knowledge_of(&lower[chars[k].0..]) == super::spelling::Known::Written
    })
}

/// True when a capitalised word is, in lower case, a word the dictionary knows (`Мир`,
/// `Кому`, `Совета`): at the start of a sentence or in a title it is that word, not the
/// place of the same spelling (city names are known only capitalised).
fn is_common_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    lower != word && super::spelling::knowledge_of(&lower) == super::spelling::Known::Written
}

/// True when the words of `mention` (a place) overlap the word `w`.
fn covers(mention: &PlaceMention, w: &Word<'_>) -> bool {
    mention.start <= w.start && w.end <= mention.end
}

/// Runs the check on the target of a pair in two scripts.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if !ctx.is_target_of_pair() {
        return;
    }
    let src = &ctx.unit.src;
    let (Some(lang), Some(src_lang)) = (side.lang, src.lang) else {
        return;
    };
    if lang == src_lang || ctx.words.len() < 3 || ctx.other_words.len() < 3 {
        return;
    }
    let text = side.text.as_str();
    let src_text = src.text.as_str();
    let tgt_places = places_in(ctx.words, lang);
    let src_places = places_in(ctx.other_words, src_lang);
    let same_place =
        |m: &PlaceMention, others: &[PlaceMention]| others.iter().any(|o| o.id == m.id);
    let (lead, end) = super::trimmed_span(text);
    // Counterparts may be inside code of the other side (`@Twitter`, a file name): all its
    // words, computed only when some name needs them.
    let src_all = std::cell::OnceCell::new();
    let tgt_all = std::cell::OnceCell::new();
    let src_all = || -> &Vec<Word<'_>> { src_all.get_or_init(|| crate::text::words(src_text)) };
    let tgt_all = || -> &Vec<Word<'_>> { tgt_all.get_or_init(|| crate::text::words(text)) };
    // Names of one side without a counterpart, where the other side has one too, are taken
    // for each other (a transliteration too free to be recognised: `Ennahdha` / `Нахда`).
    // A name is matched when the other side has it in some spelling or as the same place.
    let unmatched =
        |w: &Word<'_>, own: &[PlaceMention], other: &[PlaceMention], all: &[Word<'_>]| {
            let as_place = own.iter().find(|m| covers(m, w));
            !(has_counterpart(w.text, all) || as_place.is_some_and(|m| same_place(m, other)))
        };
    let src_left: Vec<&Word<'_>> = rare_names(src_text, ctx.other_words)
        .into_iter()
        .filter(|w| unmatched(w, &src_places, &tgt_places, tgt_all()))
        .collect();
    // Words joined by hyphens count here (`Ан-Нахда` for `Ennahdha`).
    let tgt_left: Vec<&Word<'_>> = rare_names_in_compounds(text, ctx.words)
        .into_iter()
        .filter(|w| unmatched(w, &tgt_places, &src_places, src_all()))
        .collect();
    let src_left_loose: Vec<&Word<'_>> = rare_names_in_compounds(src_text, ctx.other_words)
        .into_iter()
        .filter(|w| !has_counterpart(w.text, tgt_all()))
        .collect();
    // Source names the target lacks.
    for w in &src_left {
        if tgt_left.is_empty() {
            out.push(ctx.finding(
                &INFO,
                text,
                lead,
                end,
                format!(
                    "the source's name “{}” (source {}..{}) is not in the target",
                    w.text, w.start, w.end
                ),
                None,
            ));
        }
    }
    // Places of the target the source does not name, where it names another.
    // Two known places are told apart by the list, not by how alike they sound
    // (`Austria` and `Австралия`).
    let place_at = |ms: &[PlaceMention], w: &Word<'_>| ms.iter().any(|m| covers(m, w));
    let unmatched_src: Vec<&PlaceMention> = src_places
        .iter()
        .filter(|m| {
            let w = &ctx.other_words[m.word];
            !same_place(m, &tgt_places)
                && !ctx
                    .words
                    .iter()
                    .any(|t| !place_at(&tgt_places, t) && translit::like_name(w.text, t.text))
        })
        .collect();
    let mut reported = Vec::new();
    for m in &tgt_places {
        let w = &ctx.words[m.word];
        let sounds_like = ctx.other_words.iter().any(|o| {
            !place_at(&src_places, o) && (o.text == w.text || translit::like_name(w.text, o.text))
        });
        if same_place(m, &src_places) || sounds_like {
            continue;
        }
        let Some(other) = unmatched_src.first() else {
            continue;
        };
        let shown: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        let theirs: String = src_text
            .chars()
            .skip(other.start)
            .take(other.end - other.start)
            .collect();
        reported.push((m.start, m.end));
        out.push(ctx.finding(
            &INFO,
            text,
            m.start,
            m.end,
            format!(
                "“{shown}” ({}) where the source names “{theirs}” ({}, source {}..{})",
                place_name(m.id),
                place_name(other.id),
                other.start,
                other.end
            ),
            None,
        ));
    }
    // Cities of the source the target leaves out, where it names no other place instead
    // (the wrong-place case above). Countries are left alone: a translation often names
    // them by an adjective (`German` for `Германии`); acronyms are written in many ways.
    if reported.is_empty() {
        for m in &unmatched_src {
            let w = &ctx.other_words[m.word];
            if !crate::text::names::is_city(m.id)
                || m.words != 1
                || is_all_caps(w.text)
                || is_common_word(w.text)
                || src_left.iter().any(|r| covers(m, r))
                || ctx.words.iter().any(|t| {
                    crate::text::names::english_place(t.text) == Some(m.id)
                        || translit::like_name(w.text, t.text)
                })
            {
                continue;
            }
            out.push(ctx.finding(
                &INFO,
                text,
                lead,
                end,
                format!(
                    "the source's place “{}” ({}, source {}..{}) is not in the target",
                    w.text,
                    place_name(m.id),
                    m.start,
                    m.end
                ),
                None,
            ));
        }
    }
    // Names of the target the source does not have.
    for w in &tgt_left {
        if reported.iter().any(|&(a, b)| a <= w.start && w.end <= b)
            || !src_left_loose.is_empty()
            || rare_names(text, ctx.words)
                .iter()
                .all(|r| r.start != w.start)
        {
            continue;
        }
        let as_place = tgt_places.iter().find(|m| covers(m, w));
        // A place the source does not name, with no other place there: an addition the
        // translator may have made on purpose (`the capital` → `Moscow`).
        if as_place.is_some() && unmatched_src.is_empty() {
            continue;
        }
        out.push(ctx.finding(
            &INFO,
            text,
            w.start,
            w.end,
            format!("the name “{}” is not in the source", w.text),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{pair_findings, target_texts};
    use super::{is_clipped_compound, is_common_word};

    fn names(src: &str, tgt: &str) -> Vec<String> {
        target_texts(pair_findings(src, tgt, "names"))
    }

    #[test]
    fn a_capitalised_common_word_is_not_a_city_left_out() {
        assert!(is_common_word("Мир") && is_common_word("Кому"));
        assert!(!is_common_word("Москва") && !is_common_word("Самара"));
        assert!(!is_common_word("Vienna") && !is_common_word("Prague"));
        assert!(is_clipped_compound("Ленобласти") && is_clipped_compound("Госпогранслужбой"));
        assert!(!is_clipped_compound("Вешкурцева") && !is_clipped_compound("Steinmeier"));
        assert!(names(
            "Решение принято украинской Госпогранслужбой.",
            "The decision was made by the Ukrainian State Border Service."
        )
        .is_empty());
        assert_eq!(
            names(
                "Решение принял глава компании Вешкурцев.",
                "The decision was made by the head of the company."
            )
            .len(),
            1
        );
        assert!(names(
            "Мир строит, война разрушает.",
            "Peace builds, war destroys."
        )
        .is_empty());
        assert!(names("Кому на Земле жить хорошо?", "Who lives well on Earth?").is_empty());
        assert_eq!(
            names(
                "Вчера мы приехали в Самару.",
                "Yesterday we arrived in the city."
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_city_of_the_source_left_out_is_reported_countries_as_adjectives_are_not() {
        let f = names(
            "Компания открыла магазины в Москве, Казани и Новосибирске.",
            "The company opened stores in Moscow and Novosibirsk.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(names(
            "Компания открыла магазины в Москве, Казани и Новосибирске.",
            "The company opened stores in Moscow, Kazan and Novosibirsk.",
        )
        .is_empty());
        assert!(names(
            "The tour includes Prague, Vienna and Budapest.",
            "Тур включает Прагу, Вену и Будапешт.",
        )
        .is_empty());
        assert_eq!(
            names(
                "The tour includes Prague, Vienna and Budapest.",
                "Тур включает Прагу и Будапешт.",
            )
            .len(),
            1
        );
        // A country rendered by its adjective, an acronym in another form.
        assert!(names(
            "Germany's short-time work scheme was copied widely.",
            "Немецкую схему неполного рабочего дня широко копировали.",
        )
        .is_empty());
        assert!(names(
            "Посол США встретился с представителями бизнеса.",
            "The U.S. ambassador met business representatives.",
        )
        .is_empty());
    }

    #[test]
    fn source_names_must_be_in_the_target() {
        let en = "On Monday Steinmeier met the press in Berlin.";
        assert!(names(
            en,
            "В понедельник Штайнмайер встретился с прессой в Берлине."
        )
        .is_empty());
        let f = pair_findings(
            en,
            "В понедельник министр встретился с прессой в Берлине.",
            "names",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message.contains("“Steinmeier” (source 10..20)"),
            "{f:?}"
        );
        assert_eq!(f[0].side.as_str(), "tgt");
        assert_eq!(
            names(
                "Министр Рогозин встретился с прессой.",
                "The minister met the press."
            )
            .len(),
            1
        );
        assert!(names(
            "Министр Рогозин встретился с прессой.",
            "Minister Rogozin met the press."
        )
        .is_empty());
    }

    #[test]
    fn a_name_the_source_gives_as_an_adjective_is_there() {
        assert!(names("Что-то пелевинское", "Something from Pelevin").is_empty());
        assert!(names(
            "Заседание Кунцевского суда перенесли.",
            "The session of the Kuntsevo court was postponed."
        )
        .is_empty());
        assert_eq!(
            names("Что-то пелевинское", "Something from Sorokin").len(),
            1
        );
    }

    #[test]
    fn a_wrong_place_in_the_target() {
        assert_eq!(
            names(
                "Делегация из Японии прибыла в Минск.",
                "A delegation from China arrived in Minsk."
            ),
            ["China"]
        );
        assert_eq!(
            names(
                "Exports to Austria doubled.",
                "Экспорт в Австралию удвоился."
            ),
            ["Австралию"]
        );
        assert_eq!(
            names(
                "Чемпионат пройдёт в Казани.",
                "The championship will be held in Samara."
            ),
            ["Samara"]
        );
        // The same places in both languages; an added place with none in the source.
        assert!(names(
            "Делегация из Японии прибыла в Мюнхен.",
            "A delegation from Japan arrived in Munich."
        )
        .is_empty());
        assert!(names(
            "Встреча прошла в столице.",
            "The meeting took place in Moscow."
        )
        .is_empty());
    }

    #[test]
    fn a_name_the_source_does_not_have() {
        assert_eq!(
            names(
                "Интервью дал министр.",
                "The interview was given by minister Shoigu."
            ),
            ["Shoigu"]
        );
        assert!(names("Интервью дал Шойгу.", "The interview was given by Shoigu.").is_empty());
        assert!(names("The tweets of Wiley's fans.", "Твиты поклонников Уайли.").is_empty());
        assert!(names(
            "They met at Knowsley park today.",
            "Они встретились в парке Ноусли сегодня."
        )
        .is_empty());
        assert!(names(
            "Quarantine for UK travellers began.",
            "Карантин для путешественников из Великобритании начался."
        )
        .is_empty());
        assert!(names("Trials in the US go on.", "Испытания в США продолжаются.").is_empty());
    }
}
