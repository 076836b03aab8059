//! Check `negation`: one side of an English–Russian pair negates and the other does not
//! (`not`, `no`, `never`, `without`, `n't` … ↔ `не`, `нет`, `ни`, `без`, `никогда` …): a
//! dropped or added negation turns the meaning around. Fixed phrases whose negation is not a
//! negation of meaning (`не только` / `not only`, `тем не менее`, `не менее` = `at least`,
//! `не раз`, `no doubt`) are not counted. Each side reports its own negators when the other
//! side has none. With no negation on either side, a word the target renders by its opposite
//! (`рост` → `fall`, `north` → `юг`: the pairs of [`super::opposites`]) is reported too.

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::{Lang, Word};

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "negation",
    severity: Severity::Warning,
    explanation: "One side negates and the other does not.",
};

const EN: &[&str] = &[
    "not", "no", "never", "without", "none", "nobody", "nothing", "neither", "nor", "cannot",
    "nowhere", "noone",
];

const RU: &[&str] = &[
    "не",
    "нет",
    "ни",
    "без",
    "безо",
    "никогда",
    "ничего",
    "ничто",
    "ничем",
    "ничему",
    "никто",
    "никого",
    "никому",
    "никем",
    "нигде",
    "никуда",
    "ниоткуда",
    "никак",
    "никакой",
    "никакая",
    "никакое",
    "никакие",
    "никакого",
    "никакой",
    "никаких",
    "никакому",
    "никаким",
    "никакую",
    "нельзя",
    "нисколько",
    "ничей",
    "ничья",
    "ничьё",
    "ничьи",
];

/// Beginnings of words that negate by their meaning (`failed to` = `не удалось`, `exempt from`
/// = `не распространяются`): a side with one of them is not missing a negation.
const EN_IMPLICIT: &[&str] = &[
    "fail", "unabl", "inabil", "exempt", "lack", "refus", "deni", "deny", "absen", "avoid",
    "until", "exclud", "without", "short", "always", "rememb", "closed", "prevent", "unless",
    "except", "instead", "ban", "prohibit", "forbid", "impossib", "miss", "rather", "neither",
    "hardly", "barely", "rarely", "seldom", "free", "stop", "ceas", "halt", "reject", "declin",
    "dismiss", "lest",
];

const RU_IMPLICIT: &[&str] = &[
    "отсутств",
    "отказ",
    "запрет",
    "кроме",
    "вместо",
    "лиш",
    "мало",
    "невозмож",
    "прекрат",
    "переста",
    "отклон",
    "избег",
    "освобожд",
    "помимо",
    "едва",
    "вряд",
    "ошибк",
    "предостер",
    "всегда",
    "только",
    "воздерж",
    "сбой",
    "сбоя",
    "сбое",
    "сбои",
    "неудач",
    "провал",
];

/// True when a word negates by its meaning (see [`EN_IMPLICIT`]); also a word made of a
/// negative prefix and a word it negates (English `un-`, `in-`, `im-`, `dis-`, `non-`,
/// `mis-`: `unable`, `impossible`; Russian `не-`: `невозможно`, `неплохо`), or an English word
/// ending in `-less` (`useless`).
fn is_implicit(lang: Lang, w: &str) -> bool {
    let l = w.to_lowercase();
    match lang {
        Lang::En => {
            EN_IMPLICIT.iter().any(|p| l.starts_with(p))
                || (l.ends_with("less") && l.len() > 6)
                || l == "non"
                // `mistake` names an error; it is no `take` negated (`found mistakes` is
                // no `не нашли`).
                || !l.starts_with("mistak") && ["un", "in", "im", "dis", "non", "mis"].iter().any(|p| {
                    l.strip_prefix(p).is_some_and(|rest| {
                        rest.len() >= 4
                            && !super::spelling::is_unknown(rest)
                            && negated_word(Lang::En, &l, rest)
                    })
                })
        }
        Lang::Ru => {
            l.strip_prefix("не").is_some_and(|rest| {
                rest.chars().count() >= 3
                    && !RU_INDEFINITE.iter().any(|p| l.starts_with(p))
                    && negated_word(Lang::Ru, &l, rest)
            }) || privative(&l)
                || RU_IMPLICIT.iter().any(|p| l.starts_with(p))
        }
    }
}

/// A Russian word made with the privative prefix `без-`/`бес-` (`without`): `бесполезно`
/// (`useless`, `no point`), `бесплатный`, `безнадёжно`: the Russian side of English `-less` and
/// `without`. Spelling tells the prefix from a look-alike: `бес-` stands only before a
/// voiceless consonant and `без-` before a vowel or a voiced one, so `беседа` (`бес` + `еда`)
/// is no such word; and the rest must be negated by it (see [`negated_word`]).
fn privative(l: &str) -> bool {
    let voiceless = |c: char| "пфктшсхцчщ".contains(c);
    let rest = if let Some(r) = l.strip_prefix("бес") {
        r.starts_with(voiceless).then_some(r)
    } else if let Some(r) = l.strip_prefix("без") {
        r.starts_with(|c: char| !voiceless(c) && c != 'ь' && c != 'ъ')
            .then_some(r)
    } else {
        None
    };
    rest.is_some_and(|r| r.chars().count() >= 4 && negated_word(Lang::Ru, l, r))
}

/// The Russian indefinite pronouns and adverbs of the `не-` series (`некоторый`, `несколько`,
/// `некий`, `нечто`, `некто`, `некогда`): a grammatical class whose `не-` does not negate.
const RU_INDEFINITE: &[&str] = &[
    "некотор",
    "несколь",
    "неки",
    "некая",
    "некое",
    "нечто",
    "некто",
    "некогда",
];

/// Whether `word` reads as a negative prefix on `rest`. A rare word does (`несладок`,
/// `неспроста`: the prefix is productive, and the words it made without negating are common
/// ones); a frequent one does when `rest` is a frequent word in its own right (Zipf ≥ 3) and
/// the whole is not far more frequent than it (at most about three times). A word much more
/// frequent than what follows its prefix has a meaning of its own: `несмотря` (despite) is ten
/// times as frequent as `смотря`, `increase` a hundred times as frequent as `crease`, and
/// `неделя` has no `деля` to negate; `невозможно` and `unable` are rarer than `возможно` and
/// `able`.
fn negated_word(lang: Lang, word: &str, rest: &str) -> bool {
    let Some(z) = crate::text::freq::zipf(lang, word).filter(|&z| z >= 3.5) else {
        return true;
    };
    crate::text::freq::zipf(lang, rest).is_some_and(|base| base >= 3.0 && z <= base + 0.5)
}

/// Two-word phrases whose negation does not negate the statement.
const IDIOMS: &[(&str, &str)] = &[
    ("not", "only"),
    ("no", "doubt"),
    ("no", "matter"),
    ("nothing", "but"),
    ("не", "только"),
    ("не", "менее"),
    ("не", "более"),
    ("не", "раз"),
    ("не", "так"),
    ("не", "смотря"),
    ("если", "не"),
    ("чуть", "не"),
    ("едва", "не"),
    ("чем", "не"),
    ("без", "того"),
    ("не", "позднее"),
    ("не", "позже"),
    // `не меньше 18` = `at least 18`.
    ("не", "меньше"),
    ("no", "later"),
    ("no", "less"),
    ("no", "more"),
    ("not", "least"),
];

/// Russian question words that make a following `ни` concessive (`где ни`, `что ни`).
const RU_WH: &[&str] = &[
    "кто",
    "кого",
    "кому",
    "кем",
    "что",
    "чего",
    "чему",
    "чем",
    "где",
    "куда",
    "откуда",
    "когда",
    "как",
    "сколько",
    "чей",
    "чья",
    "чьё",
    "чьи",
];

fn is_negator(lang: Lang, w: &str) -> bool {
    // Negators are short; most words are not, and need no lower-casing.
    if w.chars().count() > 8 && !w.ends_with("n't") && !w.ends_with("n’t") {
        return false;
    }
    let l = w.to_lowercase();
    match lang {
        Lang::En => EN.contains(&l.as_str()) || l.ends_with("n't") || l.ends_with("n’t"),
        Lang::Ru => RU.contains(&l.as_str()),
    }
}

/// The negators of a side that are not part of an idiom.
fn negators<'a>(lang: Lang, ws: &'a [Word<'a>], question: bool) -> Vec<&'a Word<'a>> {
    // In a question, `не` before a verb of the second person or a conditional asks politely.
    let polite = || {
        question
            && lang == Lang::Ru
            && ws.iter().any(|w| {
                let l = w.text;
                l == "бы" || l.ends_with("ете") || l.ends_with("ите") || l.ends_with("ешь")
            })
    };
    // `ни` after a question word of its clause (not `ни … ни`, which negates).
    let concessive = |i: usize| {
        let before = &ws[i.saturating_sub(4)..i];
        !before.iter().any(|w| w.text.eq_ignore_ascii_case("ни"))
            && before.iter().any(|w| {
                let l = w.text.to_lowercase();
                RU_WH.contains(&l.as_str()) || l.starts_with("как") && l.chars().count() <= 6
            })
    };
    // Neighbours are lower-cased only around a negator (most sides have none).
    let lower = |i: Option<usize>| {
        i.and_then(|i| ws.get(i))
            .map(|w| w.text.to_lowercase())
            .unwrap_or_default()
    };
    // `Не отель, а сказка`: `а` (or `but`) within the next four words.
    let contrast = |i: usize| {
        let but = match lang {
            Lang::Ru => "а",
            Lang::En => "but",
        };
        ws.iter()
            .skip(i + 1)
            .take(4)
            .any(|w| w.text.eq_ignore_ascii_case(but) || w.text == but)
            && matches!(ws[i].text, "не" | "Не" | "not" | "Not")
            // At the start of the segment: `Не отель, а сказка`, not `Я не пошёл, а остался`.
            && i == 0
    };
    let in_idiom = |i: usize| {
        let (prev, this, next) = (lower(i.checked_sub(1)), lower(Some(i)), lower(Some(i + 1)));
        IDIOMS.iter().any(|&(a, b)| {
            (this == a && i + 1 < ws.len() && next == b) || (this == b && i > 0 && prev == a)
        }) || (this == "не" && prev == "тем" && next == "менее")
            // A polite question: `Не подскажете…?`, `Не могли бы вы…?` (= `Could you…?`).
            || (this == "не" && polite())
            // A contrast, `не X, а Y` / `not X but Y`: it says what a thing is.
            || contrast(i)
            // An indirect question, `спросил, не нужна ли помощь` (= `asked if … needed`).
            // (`не` + one word + `ли`; `не знают, разрешат ли` negates `знают`); `нельзя ли`
            // (= `whether … can`, `could we`).
            || (this == "не" && lang == Lang::Ru && ws.get(i + 2).is_some_and(|w| w.text == "ли"))
            || (this == "нельзя" && next == "ли")
            // A concessive clause, `где ни бери`, `как бы там ни было` (= `wherever`,
            // `however`): `ни` after a question word.
            || (this == "ни" && concessive(i))
    };
    written_negators(lang, ws)
        .filter(|&(i, _)| !in_idiom(i))
        .map(|(_, w)| w)
        .collect()
}

/// Every word of a side written as a negator, with its index, whether or not it negates the
/// statement (`не только`, `no doubt`, `Не подскажете…?` are here), except the number sign
/// (`No. 2`, `No 5`, `no. 7`), which is no negator at all.
fn written_negators<'a>(
    lang: Lang,
    ws: &'a [Word<'a>],
) -> impl Iterator<Item = (usize, &'a Word<'a>)> + 'a {
    // `No`/`no.` right before a number.
    let number_sign = move |i: usize| {
        ws[i].text.eq_ignore_ascii_case("no")
            && ws.get(i + 1).is_some_and(|n| {
                let gap = n.start.saturating_sub(ws[i].end);
                n.text.bytes().all(|b| b.is_ascii_digit())
                    && (ws[i].text == "No" && gap <= 2 || gap == 2)
            })
    };
    // `don 't`: text tokenized the Moses way splits `n't` after the `n`, and the apostrophe
    // leaves a bare `t` (`don' t` and an apostrophe lost, `don t`, read the same).
    let split_nt = move |i: usize| {
        lang == Lang::En
            && ws[i].text.eq_ignore_ascii_case("t")
            && i > 0
            && ws[i - 1].text.ends_with(['n', 'N'])
            && ws[i].start - ws[i - 1].end <= 2
    };
    ws.iter()
        .enumerate()
        .filter(move |&(i, w)| (is_negator(lang, w.text) || split_nt(i)) && !number_sign(i))
}

/// Runs the check on the target of an English–Russian pair.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if !ctx.is_target_of_pair() {
        return;
    }
    let other = &ctx.unit.src;
    let (Some(lang), Some(other_lang)) = (side.lang, other.lang) else {
        return;
    };
    if lang == other_lang || ctx.words.len() < 3 || ctx.other_words.len() < 3 {
        return;
    }
    // A negator both sides write alike (`NOT NULL` kept in a Russian message) is code.
    let shared = |w: &Word<'_>, ws: &[Word<'_>]| ws.iter().any(|o| o.text == w.text);
    let question = |t: &str| t.trim_end().ends_with('?');
    let mine: Vec<&Word<'_>> = negators(lang, ctx.words, question(&side.text))
        .into_iter()
        .filter(|w| !shared(w, ctx.other_words))
        .collect();
    let theirs: Vec<&Word<'_>> = negators(other_lang, ctx.other_words, question(&other.text))
        .into_iter()
        .filter(|w| !shared(w, ctx.words))
        .collect();
    let implicit = |lang: Lang, ws: &[Word<'_>]| ws.iter().any(|w| is_implicit(lang, w.text));
    // A negator read as no negation (a fixed phrase, a polite question, a contrast) may still
    // be what renders the other side's negation: `не сомневаюсь` is `I have no doubt`,
    // `Почему бы не ввести…?` is `Why not introduce…?`, `Вы не хотите…?` is `Don't you want…?`.
    // Those readings excuse a side; they do not make the other side's negation a finding.
    let written = |lang: Lang, ws: &[Word<'_>], others: &[Word<'_>]| {
        written_negators(lang, ws).any(|(_, w)| !shared(w, others))
    };
    if !mine.is_empty()
        && theirs.is_empty()
        && !implicit(other_lang, ctx.other_words)
        && !written(other_lang, ctx.other_words, ctx.words)
    {
        for w in mine {
            out.push(ctx.finding(
                &INFO,
                &side.text,
                w.start,
                w.end,
                format!("“{}” negates; the source has no negation", w.text),
                None,
            ));
        }
    } else if mine.is_empty()
        && !theirs.is_empty()
        && !implicit(lang, ctx.words)
        && !written(lang, ctx.words, ctx.other_words)
    {
        let named: Vec<String> = theirs
            .iter()
            .map(|w| format!("“{}” (source {}..{})", w.text, w.start, w.end))
            .collect();
        out.push(ctx.whole_side_finding(
            &INFO,
            &side.text,
            format!(
                "the source negates ({}); the target has no negation",
                named.join(", ")
            ),
        ));
    } else if mine.is_empty()
        && theirs.is_empty()
        && negators(lang, ctx.words, false).is_empty()
        && negators(other_lang, ctx.other_words, false).is_empty()
    {
        // With no negation on either side, a word rendered by its opposite.
        for o in super::opposites::find(other_lang, ctx.other_words, lang, ctx.words) {
            let (s, t) = (&ctx.other_words[o.source], &ctx.words[o.target]);
            out.push(ctx.finding(
                &INFO,
                &side.text,
                t.start,
                t.end,
                format!(
                    "“{}” says the opposite of “{}” (source {}..{})",
                    t.text, s.text, s.start, s.end
                ),
                None,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::pair_findings;

    #[test]
    fn concessive_ni_indirect_questions_and_at_least_do_not_negate() {
        for (src, tgt) in [
            (
                "Куда ни поедешь, везде дожди.",
                "Wherever you go, it rains everywhere.",
            ),
            (
                "Что бы он ни говорил, я ему верю.",
                "Whatever he says, I believe him.",
            ),
            (
                "Я спросил, не нужна ли ему помощь.",
                "I asked whether he needed help.",
            ),
            (
                "В зале было не меньше ста человек.",
                "There were at least a hundred people in the hall.",
            ),
        ] {
            assert!(pair_findings(src, tgt, "negation").is_empty(), "{src}");
        }
        // A real negation beside them is still seen.
        for (src, tgt) in [
            ("Он не нашёл ни одного ключа.", "He found a key."),
            (
                "Я спросил его, и он не ответил.",
                "I asked him, and he answered.",
            ),
            ("Ни он, ни она не пришли.", "He and she came."),
        ] {
            assert_eq!(pair_findings(src, tgt, "negation").len(), 1, "{src}");
        }
    }

    #[test]
    fn a_negator_read_as_no_negation_still_renders_the_other_sides() {
        // A fixed phrase, a polite-looking question, `нельзя ли`, `lest`: each renders the
        // other side's negation.
        for (src, tgt) in [
            (
                "Почему вы так не любите себя?",
                "Why don't you like yourselves so much?",
            ),
            (
                "Почему бы не ввести новые правила?",
                "Why not introduce new rules?",
            ),
            ("В этом я не сомневаюсь.", "Of that I have no doubt."),
            ("I have no doubt about it.", "Я в этом не сомневаюсь."),
            (
                "Держись за перила, чтобы не упасть.",
                "Hold on to the rail lest you fall.",
            ),
            (
                "Он спросил, нельзя ли прийти завтра.",
                "He asked whether he could come tomorrow.",
            ),
        ] {
            assert!(pair_findings(src, tgt, "negation").is_empty(), "{src}");
        }
        // The number sign renders nothing: the added `не` is still found.
        let f = pair_findings(
            "Room No. 5 is open on Sundays.",
            "Комната № 5 не открыта по воскресеньям.",
            "negation",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        // A fixed phrase does not hide a negation dropped elsewhere when the other side has
        // no negator at all.
        let f = pair_findings(
            "Не только дети, но и взрослые не пришли.",
            "Both children and adults came.",
            "negation",
        );
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn dropped_and_added_negation() {
        let f = pair_findings(
            "We will not sign the treaty.",
            "Мы подпишем этот договор.",
            "negation",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].side.as_str(), "tgt");
        assert!(f[0].message.contains("“not” (source 8..11)"), "{f:?}");
        let f = pair_findings(
            "We will sign the treaty.",
            "Мы не подпишем этот договор.",
            "negation",
        );
        assert_eq!((f[0].side.as_str(), f[0].text.as_str()), ("tgt", "не"));
        assert!(pair_findings("We won't sign it.", "Мы не подпишем его.", "negation").is_empty());
        // `mistake` is no negated `take`: it neither stands in for a negation nor hides one.
        for (src, tgt) in [
            (
                "Мы не нашли ошибок в отчёте.",
                "We found mistakes in the report.",
            ),
            (
                "He made a mistake in the calculation.",
                "Он не сделал ошибки в расчёте.",
            ),
        ] {
            assert_eq!(pair_findings(src, tgt, "negation").len(), 1, "{src}");
        }
        assert!(pair_findings(
            "I misread the address.",
            "Я не так прочитал адрес.",
            "negation"
        )
        .is_empty());
        // A contrast says what a thing is; antonyms (`не забудьте` / `remember`).
        assert!(pair_findings(
            "A truly magical hotel, we will be back.",
            "Не отель, а сказка, мы вернёмся.",
            "negation"
        )
        .is_empty());
        assert!(pair_findings(
            "Remember to bring your passport.",
            "Не забудьте взять с собой паспорт.",
            "negation"
        )
        .is_empty());
        // A polite question; `пока не` is `not yet`, and `until` negates by meaning.
        assert!(pair_findings(
            "Could you tell me the way to the station?",
            "Не подскажете, как пройти к вокзалу?",
            "negation"
        )
        .is_empty());
        assert!(pair_findings(
            "The ministry has not yet commented.",
            "В министерстве пока не прокомментировали это.",
            "negation"
        )
        .is_empty());
        assert!(pair_findings(
            "Wait here until the rain stops.",
            "Подождите здесь, пока не кончится дождь.",
            "negation"
        )
        .is_empty());
        // Shared code, negation by meaning.
        assert!(pair_findings(
            "Column %s is NOT NULL here.",
            "Столбец %s здесь NOT NULL.",
            "negation"
        )
        .is_empty());
        assert!(pair_findings(
            "could not remove directory %s",
            "ошибка при удалении каталога %s",
            "negation"
        )
        .is_empty());
        assert!(pair_findings(
            "jump to a misaligned address",
            "прыжок по не выровненному адресу",
            "negation"
        )
        .is_empty());
        assert!(pair_findings(
            "a non-recursive term here",
            "в не рекурсивной части здесь",
            "negation"
        )
        .is_empty());
        assert!(pair_findings(
            "They left without a word.",
            "Они ушли без слов.",
            "negation"
        )
        .is_empty());
        assert!(pair_findings(
            "Nevertheless, we signed it.",
            "Тем не менее мы его подписали.",
            "negation"
        )
        .is_empty());
        assert!(pair_findings(
            "It costs at least ten dollars.",
            "Это стоит не менее десяти долларов.",
            "negation"
        )
        .is_empty());
        assert!(pair_findings(
            "He failed to win support.",
            "Ему не удалось заручиться поддержкой.",
            "negation"
        )
        .is_empty());
        assert!(pair_findings(
            "The already fragile economy suffered.",
            "И без того хрупкая экономика пострадала.",
            "negation"
        )
        .is_empty());
    }

    #[test]
    fn a_negative_prefix_excuses_only_where_it_negates_a_word() {
        // `несмотря` (despite) and `недели` (weeks) do not negate; nor does the `in` of
        // `increase`: the negation the other side lost is reported.
        for (src, tgt) in [
            (
                "Несмотря на падение продаж, компания планирует сокращать штат.",
                "Despite falling sales, the company does not plan to cut staff.",
            ),
            (
                "Большинство опрошенных поддержали идею четырёхдневной рабочей недели.",
                "Most respondents did not support the idea of a four-day working week.",
            ),
            (
                "Власти не исключают повторного повышения налогов в следующем году.",
                "The authorities rule out another tax increase next year.",
            ),
        ] {
            assert_eq!(pair_findings(src, tgt, "negation").len(), 1, "{tgt}");
        }
        // Words a prefix negates: frequent ones rarer than their base, and rare ones.
        for (src, tgt) in [
            (
                "Это невозможно сделать за один день.",
                "It cannot be done in one day.",
            ),
            (
                "Зелёный виноград несладок и кислый.",
                "Green grapes are not sweet and sour.",
            ),
            (
                "The device is unable to connect to the network.",
                "Устройство не может подключиться к сети.",
            ),
        ] {
            assert!(pair_findings(src, tgt, "negation").is_empty(), "{tgt}");
        }
        // The number sign is not a negation.
        assert!(pair_findings(
            "Трансляция с камеры номер 2 начнётся в полдень.",
            "The broadcast from camera No. 2 starts at noon.",
            "negation"
        )
        .is_empty());
    }

    #[test]
    fn privative_prefix_split_nt_and_cessation() {
        // The privative prefix (`бесполезно` = `no point`, `безнадёжно` = `hopeless`),
        // `n't` split by a tokenizer, and `перестать` = `no longer` are negations too.
        for (src, tgt) in [
            (
                "Он знает налоговое право, так что спорить с ним бесполезно.",
                "He knows tax law, so there is no point arguing with him.",
            ),
            (
                "Если вы до сих пор ее не нашли, напишите нам.",
                "If you still haven 't found it, write to us.",
            ),
            (
                "Эти лекарства перестанут завозить в Россию.",
                "These medicines will no longer be imported into Russia.",
            ),
            ("Книги больше не нужны.", "Books are no longer needed."),
        ] {
            assert!(pair_findings(src, tgt, "negation").is_empty(), "{tgt}");
        }
        for (src, tgt) in [
            (
                "Without delay, the ship left the harbour at dawn.",
                "Безотлагательно корабль покинул гавань на рассвете.",
            ),
            (
                "There was no useless talk at the meeting.",
                "На встрече не было бесполезных разговоров.",
            ),
        ] {
            assert!(pair_findings(src, tgt, "negation").is_empty(), "{tgt}");
        }
        // A look-alike is not the prefix (`беседа` = `бес` + `еда` breaks the spelling rule),
        // and a split `n't` the source does not have is still an added negation.
        for (src, tgt) in [
            (
                "There was no conversation after the meeting.",
                "Беседа после встречи была.",
            ),
            (
                "Вы уже нашли его, напишите нам.",
                "You haven 't found it yet, write to us.",
            ),
        ] {
            assert_eq!(pair_findings(src, tgt, "negation").len(), 1, "{tgt}");
        }
    }
}
