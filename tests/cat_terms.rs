//! Termbases (tests/data/cat/tbx/): TBX v2 (`martif`) and v3 (TBX-Basic), CSV and TSV with a
//! language row, synonyms and forbidden terms; `tm terms WORD`; the terminology check with them.

mod common;

use common::Env;
use std::path::PathBuf;
use tm::formats::termbase::{self, Status};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/cat/tbx")
        .join(name)
}

fn terms(name: &str) -> Vec<Vec<(String, String, Status)>> {
    termbase::read(&data(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .into_iter()
        .map(|c| {
            c.terms
                .into_iter()
                .map(|t| (t.lang, t.text, t.status))
                .collect()
        })
        .collect()
}

fn t(lang: &str, text: &str, status: Status) -> (String, String, Status) {
    (lang.into(), text.into(), status)
}

#[test]
fn tbx_v2_and_v3_with_statuses() {
    use Status::*;
    assert_eq!(
        terms("v2_martif.tbx"),
        [
            vec![
                t("en", "valve", Preferred),
                t("ru", "клапан", Preferred),
                t("ru", "вентиль", Forbidden)
            ],
            vec![
                t("en-US", "Security Council", Admitted),
                t("ru-RU", "Совет Безопасности", Admitted),
                t("ru-RU", "СБ ООН", Admitted)
            ],
        ]
    );
    let c = termbase::read(&data("v2_martif.tbx")).unwrap();
    assert_eq!(
        c[0].definition.as_deref(),
        Some("A device that controls the flow of a fluid.")
    );
    assert_eq!(c[0].id.as_deref(), Some("c1"));
    assert_eq!(
        terms("v3_basic.tbx"),
        [vec![
            t("en", "pressure gauge", Preferred),
            t("en", "manometer", Admitted),
            t("ru", "манометр", Preferred),
            t("ru", "датчик давления", Forbidden)
        ]]
    );
}

#[test]
fn csv_and_tsv_glossaries_with_synonyms_and_forbidden_columns() {
    use Status::*;
    assert_eq!(
        terms("glossary.csv"),
        [
            vec![
                t("en", "valve", Preferred),
                t("en", "stopcock", Admitted),
                t("ru", "клапан", Preferred),
                t("ru", "вентиль", Forbidden),
                t("ru", "кран", Forbidden)
            ],
            vec![
                t("en", "pressure gauge, digital", Preferred),
                t("ru", "цифровой манометр", Preferred)
            ],
        ]
    );
    assert_eq!(
        terms("glossary.tsv"),
        [vec![
            t("en", "sign-in", Preferred),
            t("ru", "вход", Preferred),
            t("ru", "авторизация", Admitted),
            t("ru", "логин", Forbidden)
        ]]
    );
}

#[test]
fn malformed_termbases_name_the_place() {
    let env = Env::new();
    let bad = env.write(
        "bad.tbx",
        "<martif type=\"TBX\">\n<text><body><termEntry><langSet xml:lang=\"en\"><tig><term>a</trm></tig></langSet></termEntry></body></text></martif>",
    );
    let e = termbase::read(std::path::Path::new(&bad))
        .unwrap_err()
        .to_string();
    assert!(e.contains("bad.tbx:2:"), "{e}");
    env.fails(&["terms", "a", "--glossary", &bad], "bad.tbx:2:");
    let html = env.write("x.tbx", "<html/>");
    env.fails(
        &["terms", "a", "--glossary", &html],
        "expected <martif> or <tbx>",
    );
}

#[test]
fn terms_finds_inflected_words_in_either_language() {
    let env = Env::new();
    let g2 = data("v2_martif.tbx");
    let g3 = data("v3_basic.tbx");
    let out = env.run(&[
        "terms",
        "клапаны",
        "--glossary",
        g2.to_str().unwrap(),
        "--glossary",
        g3.to_str().unwrap(),
    ]);
    assert!(out.contains("#c1"), "{out}");
    assert!(out.contains("ru: клапан, вентиль (forbidden)"), "{out}");
    assert!(out.contains("en: valve"), "{out}");
    let out = env.run(&["terms", "manometers", "--glossary", g3.to_str().unwrap()]);
    assert!(
        out.contains("en: pressure gauge, manometer (synonym)"),
        "{out}"
    );
    let out = env.run(&["terms", "pump", "--glossary", g3.to_str().unwrap()]);
    assert_eq!(out, "no terms\n");
    let j: serde_json::Value = serde_json::from_str(&env.run(&[
        "terms",
        "valve",
        "--glossary",
        g2.to_str().unwrap(),
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(j[0]["terms"][2]["status"], "forbidden");
}

fn terminology(env: &Env, glossary: &str, src: &str, tgt: &str) -> Vec<serde_json::Value> {
    let f = env.write("t.tsv", &format!("en\tru\n{src}\t{tgt}\n"));
    let out = env.run(&["qa", &f, "--format", "jsonl", "--glossary", glossary]);
    out.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|j| j["check"] == "terminology")
        .collect()
}

#[test]
fn terminology_check_uses_synonyms_and_flags_forbidden_terms() {
    let env = Env::new();
    for g in ["v2_martif.tbx", "glossary.csv"] {
        let g = data(g);
        let g = g.to_str().unwrap();
        // The preferred term: clean.
        assert!(terminology(&env, g, "Close the valve.", "Закройте клапан.").is_empty());
        // A forbidden term: a finding naming it, the preferred one suggested.
        let f = terminology(&env, g, "Close the valve.", "Закройте вентиль.");
        assert!(
            f.iter()
                .any(|j| j["message"].as_str().unwrap().contains("«вентиль»")
                    || j["message"]
                        .as_str()
                        .unwrap()
                        .contains("“вентиль” is a forbidden term")),
            "{g}: {f:?}"
        );
        assert!(f.iter().all(|j| j["suggestion"] == "клапан"), "{f:?}");
    }
    // A synonym of the target is accepted; of the source, recognised.
    let g = data("v2_martif.tbx");
    let g = g.to_str().unwrap();
    assert!(terminology(&env, g, "The Security Council met.", "СБ ООН собрался.").is_empty());
    let g3 = data("v3_basic.tbx");
    let f = terminology(
        &env,
        g3.to_str().unwrap(),
        "Read the manometer.",
        "Посмотрите на прибор.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["suggestion"], "манометр");
}
