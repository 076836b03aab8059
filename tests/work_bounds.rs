//! The work one word or segment can cause is bounded: `tm qa` on a 300,000-letter word or a
//! side of hundreds of thousands of chars finishes with sensible findings (timings are in
//! benches, not here: these tests hold the behaviour that keeps the work bounded).

mod common;
use common::Env;

fn findings(env: &Env, file: &str) -> Vec<serde_json::Value> {
    env.run(&["qa", "--format", "jsonl", file])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_huge_word_is_unknown_without_a_suggestion() {
    let env = Env::new();
    for (name, src, tgt) in [
        (
            "ru.tsv",
            "The word is here.".to_string(),
            format!("Слово {} здесь.", "а".repeat(300_000)),
        ),
        (
            "en.tsv",
            format!("The word {} is here.", "abc".repeat(100_000)),
            "Слово здесь.".to_string(),
        ),
    ] {
        let file = env.write(name, &format!("en\tru\n{src}\t{tgt}\n"));
        let found = findings(&env, &file);
        let long = found
            .iter()
            .find(|f| {
                f["check"] == "spelling" && f["text"].as_str().is_some_and(|t| t.len() > 1000)
            })
            .unwrap_or_else(|| panic!("{name}: no spelling finding on the long word: {found:?}"));
        assert!(long["suggestion"].is_null(), "{name}: {long}");
    }
}

#[test]
fn a_side_over_the_bound_is_checked_on_its_start_and_says_so() {
    let env = Env::new();
    // A typo early in the side is still found; the rest is reported as not checked.
    let tgt = format!("Превет, мир. {}", "Москва — столица. ".repeat(20_000));
    let file = env.write(
        "long.tsv",
        &format!("en\tru\nHello, world. Moscow is the capital.\t{tgt}\n"),
    );
    let found = findings(&env, &file);
    assert!(
        found
            .iter()
            .any(|f| f["check"] == "spelling" && f["text"] == "Превет"),
        "{found:?}"
    );
    let cut = found
        .iter()
        .find(|f| {
            f["check"] == "length"
                && f["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("too long to check"))
        })
        .expect("a length finding on the cut side");
    assert_eq!(cut["side"], "tgt");
    assert!(cut["start"].as_u64().unwrap() <= 10_000);
    // A side under the bound gets no such finding.
    let file = env.write("short.tsv", "en\tru\nHello, world.\tПревет, мир.\n");
    assert!(!findings(&env, &file).iter().any(|f| f["check"] == "length"));
}

#[test]
fn the_scores_read_a_long_pair_as_the_checks_do() {
    use tm::qa::{bounded_text, QaUnit, Side};
    // Sides of hundreds of thousands of chars, many sentences each: the quality score and the
    // fluency scores read their first part only, as the checks do, and say the same of the
    // pair as of that part.
    let src = "Moscow is the capital of Russia. ".repeat(8_000);
    let tgt = "Москва — столица России. ".repeat(8_000);
    let unit = |src: &str, tgt: &str| QaUnit {
        id: 1,
        origin: "t".into(),
        src: Side::new(Some("en"), src),
        tgt: Some(Side::new(Some("ru"), tgt)),
    };
    let long = [unit(&src, &tgt)];
    let cut = [unit(bounded_text(&src), bounded_text(&tgt))];
    assert!(bounded_text(&src).chars().count() <= tm::qa::MAX_SIDE_CHARS);
    assert!(bounded_text(&src).len() < src.len());
    assert_eq!(
        tm::qa::quality::assess_units(&long),
        tm::qa::quality::assess_units(&cut)
    );
    assert_eq!(
        tm::qa::fluency::score_units(&long),
        tm::qa::fluency::score_units(&cut)
    );
    // A short side is read whole.
    assert_eq!(bounded_text("Hello, world."), "Hello, world.");
}
