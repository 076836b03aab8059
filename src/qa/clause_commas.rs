//! Commas around subordinate clauses, a part of the `punctuation` check:
//! - Russian sets off every subordinate clause with a comma: a clause opened by a
//!   conjunction or relative word (`что`, `чтобы`, `который`, `если`, `хотя`, `поскольку`)
//!   after a word of the main clause needs a comma before it (before its preposition:
//!   `дом, в котором`). Compound conjunctions (`потому что`, `так что`, `для того чтобы`),
//!   a conjunction right after `и`/`а`/`но`, and particles (`только если`, `даже если`) take
//!   the comma elsewhere or not at all, and are left alone.
//! - English puts no comma before the conjunction `that` of a reported or object clause
//!   (`He wrote, that he would …`: a comma carried over from Russian `, что`). `that` opens
//!   such a clause when a subject follows it (a personal pronoun or a determiner); a comma
//!   that closes a parenthesis (`He said, however, that …`) is left alone.

use super::{CheckInfo, Context, Finding, Side};
use crate::text::{Lang, Word};

/// Words that open a Russian subordinate clause (lower case; forms of `который` by stem).
fn opens_clause(w: &str) -> bool {
    matches!(w, "что" | "чтобы" | "если" | "хотя" | "поскольку") || w.starts_with("котор")
}

/// Words after which a clause word takes no comma of its own: conjunctions and particles
/// that join it (`и если`, `только если`), and the first halves of compound conjunctions
/// (`потому что`, `так что`, `для того чтобы`, `несмотря на то что`, `ни за что`).
const NO_COMMA_AFTER: &[&str] = &[
    "и",
    "а",
    "но",
    "да",
    "или",
    "либо",
    "ни",
    "не",
    "ли",
    "же",
    "то",
    "тому",
    "того",
    "тем",
    "так",
    "потому",
    "оттого",
    "затем",
    "только",
    "лишь",
    "даже",
    "именно",
    "разве",
    "ведь",
    "как",
    "чем",
    "будто",
    "словно",
    "если",
    "что",
    "чтобы",
    "причём",
    "притом",
    "зато",
    "тогда",
    "уже",
    "вот",
    "хоть",
    "хотя",
    "всё",
    "все",
    "ну",
    "более",
    "однако",
    "также",
    "особенно",
    "например",
];

/// Question and relative words: a clause that already has one (`кому из них что дали`)
/// uses `что` as a pronoun.
pub(super) fn wh_word(w: &str) -> bool {
    matches!(
        w,
        "кто"
            | "кого"
            | "кому"
            | "кем"
            | "ком"
            | "где"
            | "куда"
            | "откуда"
            | "когда"
            | "как"
            | "почему"
            | "зачем"
            | "сколько"
            | "что"
            | "чего"
            | "чему"
            | "чем"
            | "чём"
    ) || w.starts_with("как")
        || w.starts_with("чей")
        || w.starts_with("чь")
}

/// Russian prepositions that a relative word may follow (`в котором`, `о чём`).
const PREPOSITIONS: &[&str] = &[
    "в",
    "во",
    "на",
    "о",
    "об",
    "обо",
    "с",
    "со",
    "к",
    "ко",
    "по",
    "за",
    "из",
    "от",
    "до",
    "у",
    "при",
    "для",
    "без",
    "через",
    "над",
    "под",
    "перед",
    "про",
    "между",
    "среди",
    "вокруг",
    "после",
    "около",
    "благодаря",
    "согласно",
    "вместо",
];

/// Whether the gap between two words holds punctuation (a comma, a dash, a bracket, a quote
/// or a sentence end): anything but spaces.
fn punctuated(chars: &[char], from: usize, to: usize) -> bool {
    chars
        .get(from..to)
        .is_some_and(|gap| gap.iter().any(|c| !c.is_whitespace()))
}

/// Runs the comma rules on one side (`info`: the `punctuation` check).
pub(super) fn check(ctx: &Context<'_>, side: &Side, info: &CheckInfo, out: &mut Vec<Finding>) {
    let words = ctx.words;
    if words.len() < 3 {
        return;
    }
    let chars: Vec<char> = ctx.view.prose.chars().collect();
    match side.lang {
        Some(Lang::Ru) => russian(ctx, side, words, &chars, info, out),
        Some(Lang::En) => english(ctx, side, words, &chars, info, out),
        None => {}
    }
}

fn russian(
    ctx: &Context<'_>,
    side: &Side,
    words: &[Word<'_>],
    chars: &[char],
    info: &CheckInfo,
    out: &mut Vec<Finding>,
) {
    let lower: Vec<String> = words.iter().map(|w| w.text.to_lowercase()).collect();
    for k in 1..words.len() {
        if !opens_clause(&lower[k]) {
            continue;
        }
        // `что-то`, `что-нибудь`: a pronoun, not a conjunction.
        if chars.get(words[k].end) == Some(&'-') {
            continue;
        }
        // `имя которого`, `в течение которых`: a genitive relative word follows the noun it
        // belongs to, and the comma stands before that noun.
        if matches!(lower[k].as_str(), "которого" | "которой" | "которых")
            && !PREPOSITIONS.contains(&lower[k - 1].as_str())
        {
            continue;
        }
        // `ко мне Если бы`: a capital after no punctuation is a new line of verse or a
        // list, not a clause inside the sentence.
        if words[k].text.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        // `А ты что, …`, `Ну и что?`: a pronoun standing alone.
        if lower[k] == "что"
            && chars
                .get(words[k].end..)
                .and_then(|rest| rest.iter().find(|c| !c.is_whitespace()))
                .is_some_and(|c| !c.is_alphanumeric())
        {
            continue;
        }
        if punctuated(chars, words[k - 1].end, words[k].start) {
            continue;
        }
        // The clause starts at its preposition, if it has one; `многие из которых`: a
        // partitive starts it one word earlier still.
        let mut h = k;
        if PREPOSITIONS.contains(&lower[k - 1].as_str()) {
            if matches!(lower[k - 1].as_str(), "из" | "среди") {
                continue;
            }
            h = k - 1;
        }
        if h == 0 || punctuated(chars, words[h - 1].end, words[h].start) {
            continue;
        }
        // `…, стоянки на которых`: a relative word may follow the noun that opens its
        // clause, right after the comma.
        if lower[k].starts_with("котор")
            && h >= 2
            && chars
                .get(words[h - 2].end..words[h - 1].start)
                .is_some_and(|g| g.contains(&','))
        {
            continue;
        }
        // Back to the last punctuation: a clause that already has a question or relative
        // word is not opened here.
        let mut j = h - 1;
        let mut own_clause = false;
        loop {
            if opens_clause(&lower[j]) || wh_word(&lower[j]) {
                own_clause = true;
                break;
            }
            if j == 0 || punctuated(chars, words[j - 1].end, words[j].start) {
                break;
            }
            j -= 1;
        }
        if own_clause && lower[k] == "что" {
            continue;
        }
        let before = lower[h - 1].as_str();
        if NO_COMMA_AFTER.contains(&before) || PREPOSITIONS.contains(&before) {
            continue;
        }
        // A number or a word with digits before it is not a clause to close
        // (`в 2020 году, когда` is written with its comma elsewhere).
        if before.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let (a, b) = (words[h - 1].start, words[k].end);
        let clause: String = side
            .text
            .chars()
            .skip(words[h].start)
            .take(b - words[h].start)
            .collect();
        out.push(ctx.finding(
            info,
            &side.text,
            a,
            b,
            format!(
                "a subordinate clause opened by “{}” needs a comma before it",
                words[k].text
            ),
            Some(format!("{}, {clause}", words[h - 1].text)),
        ));
    }
}

/// Words that begin the subject of a clause right after `that`.
const SUBJECT_START: &[&str] = &[
    "i", "you", "he", "she", "it", "we", "they", "the", "a", "an", "this", "these", "those", "his",
    "her", "their", "its", "our", "my", "your", "some", "no", "every", "all", "many", "most",
    "there",
];

fn english(
    ctx: &Context<'_>,
    side: &Side,
    words: &[Word<'_>],
    chars: &[char],
    info: &CheckInfo,
    out: &mut Vec<Finding>,
) {
    for k in 1..words.len().saturating_sub(1) {
        if !words[k].text.eq_ignore_ascii_case("that") {
            continue;
        }
        let gap = match chars.get(words[k - 1].end..words[k].start) {
            Some(g) => g,
            None => continue,
        };
        if gap
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            != ","
        {
            continue;
        }
        let next = words[k + 1].text.to_lowercase();
        if !SUBJECT_START.contains(&next.as_str()) {
            continue;
        }
        // `that it is,` … `that is,`: not a clause; `so, that`: a result clause.
        if matches!(words[k - 1].text.to_lowercase().as_str(), "so" | "such") {
            continue;
        }
        // A parenthesis closed by this comma (`He said, however, that`): another comma a
        // few words back.
        let from = words[k.saturating_sub(4)].end;
        if chars
            .get(from..words[k - 1].start)
            .is_some_and(|g| g.contains(&','))
        {
            continue;
        }
        let comma = words[k - 1].end + gap.iter().position(|&c| c == ',').unwrap_or_default();
        out.push(ctx.finding(
            info,
            &side.text,
            comma,
            comma + 1,
            "no comma before “that” opening a reported or object clause".into(),
            Some(String::new()),
        ));
    }
}

#[cfg(test)]
mod tests {
    fn punct(lang: &str, tgt: &str) -> Vec<String> {
        let src = if lang == "ru" {
            "The text."
        } else {
            "Текст."
        };
        let other = if lang == "ru" { "en" } else { "ru" };
        super::super::tests::pair_all(other, src, lang, tgt)
            .into_iter()
            .filter(|f| f.check == "punctuation")
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn a_russian_subordinate_clause_without_its_comma() {
        assert_eq!(
            punct("ru", "Представитель заявил что переговоры продолжатся."),
            vec!["заявил что"]
        );
        assert_eq!(
            punct("ru", "Дом который построил мой дед, до сих пор стоит."),
            vec!["Дом который"]
        );
        assert_eq!(
            punct("ru", "Это город в котором я вырос."),
            vec!["город в котором"]
        );
        assert_eq!(
            punct("ru", "Позвоните мне если поезд задержится."),
            vec!["мне если"]
        );
        assert_eq!(
            punct("ru", "Когда я вырос, я узнал что фильм получил приз."),
            vec!["узнал что"]
        );
    }

    #[test]
    fn russian_clauses_with_their_commas_and_compound_conjunctions_pass() {
        for t in [
            "Представитель заявил, что переговоры продолжатся.",
            "Дом, который построил мой дед, до сих пор стоит.",
            "Это город, в котором я вырос.",
            "Он опоздал, потому что попал в пробку.",
            "Он пришёл рано, так что мы успели поговорить.",
            "Мы приехали для того чтобы помочь.",
            "Несмотря на то что шёл дождь, матч состоялся.",
            "Что случилось вчера вечером?",
            "Он что-то сказал и ушёл.",
            "Я приду, только если ты позовёшь.",
            "Она сказала, что придёт и что принесёт торт.",
            "Никто не знает, кому из пациентов что дали.",
            "Это певец, настоящее имя которого Ричард.",
            "Он был депутатом три срока, в течение которых многое изменилось.",
            "Ну что ж, начнём.",
            "Тысячи соединений, многие из которых вредны.",
            "Пунктов много, стоянки на которых длятся минуту.",
            "А ты что, болен?",
            "Однако если вы не спешите, оставайтесь.",
            "Ты прижалась ко мне\nЕсли бы на Луне было теплее",
            "Всё дело в вибрациях, тем более что растения чувствуют.",
            "Режим для , который не найден.",
        ] {
            assert_eq!(punct("ru", t), Vec::<String>::new(), "{t}");
        }
    }

    #[test]
    fn an_english_comma_before_that_of_a_reported_clause() {
        assert_eq!(
            punct(
                "en",
                "He wrote in the chat, that he would be half an hour late."
            ),
            vec![","]
        );
        assert_eq!(
            punct("en", "The minister said, that the talks would go on."),
            vec![","]
        );
    }

    #[test]
    fn english_that_after_a_parenthesis_or_as_a_pronoun_passes() {
        for t in [
            "He said, however, that the talks would go on.",
            "On Monday, that changed completely.",
            "He wrote that he would be late.",
            "It was so cold, that is, below zero, that the school closed.",
            "She knew one thing: that, and nothing else.",
        ] {
            assert_eq!(punct("en", t), Vec::<String>::new(), "{t}");
        }
    }
}
