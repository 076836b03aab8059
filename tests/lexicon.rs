//! `tm lexicon`: a memory's own lexical model, trained from its pairs and used by QA's
//! quality score in place of the shipped one.

use assert_cmd::Command;

fn tm(db: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("tm").unwrap();
    c.arg("--db").arg(db);
    c
}

fn score_of(output: &[u8]) -> f64 {
    String::from_utf8_lossy(output)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|r| r["check"] == "quality_score")
        .and_then(|r| r["score"].as_f64())
        .expect("a quality score row")
}

#[test]
fn a_memory_s_lexicon_is_trained_on_request_and_used_by_qa() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("memory.db");
    // Pairs whose term (an invented product name) the shipped model cannot know.
    let mut tsv = String::from("ru\ten\n");
    for i in 0..60 {
        tsv.push_str(&format!(
            "Квазитрон модели {i} прошёл проверку.\tThe quasitron of model {i} passed the check.\n"
        ));
    }
    let pairs = dir.path().join("pairs.tsv");
    std::fs::write(&pairs, tsv).unwrap();
    tm(&db).arg("import").arg(&pairs).assert().success();

    // Too few pairs for the default: a clear error, exit 2, nothing stored.
    let out = tm(&db).arg("lexicon").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("60 Russian–English pairs"), "{err}");

    let check = dir.path().join("check.tsv");
    std::fs::write(&check, "Квазитрон готов.\tThe quasitron is ready.\n").unwrap();
    let qa = |db: &std::path::Path| {
        tm(db)
            .args([
                "qa",
                "--src-lang",
                "ru",
                "--tgt-lang",
                "en",
                "--format",
                "jsonl",
                "--scores",
            ])
            .arg(&check)
            .output()
            .unwrap()
    };
    let before = score_of(&qa(&db).stdout);

    let out = tm(&db)
        .args(["lexicon", "--min-pairs", "50"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("trained on 60"));
    // The term is now explained: the pair scores higher than with the shipped model alone.
    let after = score_of(&qa(&db).stdout);
    assert!(after > before, "{before} → {after}");
    // A memory that is not there leaves QA on the shipped model.
    let none = dir.path().join("none.db");
    assert!((score_of(&qa(&none).stdout) - before).abs() < 1e-9);
}
