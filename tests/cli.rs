//! End-to-end tests of the `tm` binary on the seed documents and on bad input.

mod common;

use common::Env;
use std::path::Path;

use common::seeds;

const HEADLINE_EN: &str = "Steinmeier said that NATO is ready to work with Russia";
const HEADLINE_RU: &str = "Штайнмайер заявил о готовности НАТО работать вместе с Россией";

#[test]
fn seeds_are_ingested_into_pairs_and_monolingual_segments() {
    let env = Env::new();
    let summary = env.ingest_seeds();
    assert!(
        summary.contains("003_5fd2c5d08da8b058.txt: stored 11 segments (1 pairs, 10 monolingual)"),
        "{summary}"
    );
    assert!(
        summary.contains("000_99e74025346bd8b7.txt: stored 25 segments (0 pairs, 25 monolingual)"),
        "{summary}"
    );
    assert!(summary.contains("QA:"), "{summary}");
    let stats = env.stats();
    assert_eq!(stats["segments"], 36);
    assert_eq!(stats["pairs"], 1);
    // The pair is the two headlines.
    let tsv = env.run(&["export", "--format", "tsv"]);
    assert_eq!(tsv, format!("en\tru\n{HEADLINE_EN}\t{HEADLINE_RU}\n"));
    // The report is a complete HTML page showing both seed findings.
    let html = std::fs::read_to_string(env.path("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(html.contains("<mark>relatiomns</mark>"));
    assert!(html.contains("<mark>Russia&#39;&#39;s</mark>"));
}

#[test]
fn reingesting_changes_nothing() {
    let env = Env::new();
    env.ingest_seeds();
    let before = env.stats();
    let again = env.ingest_seeds();
    assert!(again.contains("unchanged"), "{again}");
    assert_eq!(env.stats(), before);
}

#[test]
fn lookup_finds_headlines_in_both_directions() {
    let env = Env::new();
    env.ingest_seeds();
    let j: serde_json::Value =
        serde_json::from_str(&env.run(&["lookup", HEADLINE_EN, "--format", "json"])).unwrap();
    assert_eq!(j[0]["score"], 100);
    assert_eq!(j[0]["target"], HEADLINE_RU);

    let j: serde_json::Value =
        serde_json::from_str(&env.run(&["lookup", HEADLINE_RU, "--format", "json"])).unwrap();
    assert_eq!(j[0]["score"], 100);
    assert_eq!(j[0]["target"], HEADLINE_EN);

    let changed = HEADLINE_EN.replace("Russia", "Ukraine");
    let j: serde_json::Value =
        serde_json::from_str(&env.run(&["lookup", &changed, "--format", "json"])).unwrap();
    let score = j[0]["score"].as_u64().unwrap();
    assert!((50..100).contains(&score), "fuzzy score {score}");
    assert_eq!(j[0]["target"], HEADLINE_RU);

    let text = env.run(&["lookup", HEADLINE_EN]);
    assert!(text.starts_with("100%"), "{text}");
}

#[test]
fn concordance_finds_russian_and_english() {
    let env = Env::new();
    env.ingest_seeds();
    let out = env.run(&["concordance", "НАТО"]);
    assert!(out.contains("[НАТО]"), "{out}");
    let out = env.run(&["concordance", "Rogozin", "Itar-Tass"]);
    assert!(out.contains("[Rogozin]") && out.contains("[Itar]"), "{out}");
}

fn qa_rows(env: &Env, args: &[&str]) -> Vec<serde_json::Value> {
    env.run(args)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn qa_flags_the_seed_errors_with_offsets_and_suggestions() {
    let env = Env::new();
    env.ingest_seeds();
    let rows = qa_rows(&env, &["qa", "--format", "jsonl"]);
    let spelling: Vec<_> = rows.iter().filter(|r| r["check"] == "spelling").collect();
    assert_eq!(spelling.len(), 1, "{rows:?}");
    let s = spelling[0];
    assert_eq!(s["text"], "relatiomns");
    assert_eq!(s["suggestion"], "relations");
    let apos: Vec<_> = rows
        .iter()
        .filter(|r| r["check"] == "doubled_apostrophe")
        .collect();
    assert_eq!(apos.len(), 1, "{rows:?}");
    assert_eq!(apos[0]["text"], "Russia''s");
    assert_eq!(apos[0]["suggestion"], "Russia's");

    // The offsets are char offsets into the flagged segment's text.
    let doc = seeds().join("000_99e74025346bd8b7.txt");
    let split = env.run(&["split", "--lang", "en", doc.to_str().unwrap()]);
    let sentence = split.lines().find(|s| s.contains("relatiomns")).unwrap();
    assert!(sentence.starts_with("The war in Georgia"), "{sentence}");
    let chars: Vec<char> = sentence.chars().collect();
    for r in [s, apos[0]] {
        let (a, b) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        let span: String = chars[a..b].iter().collect();
        assert_eq!(span, r["text"].as_str().unwrap());
    }
}

#[test]
fn qa_leaves_a_clean_sentence_alone_and_reads_files() {
    let env = Env::new();
    let clean = env.path("clean.tsv");
    std::fs::write(
        &clean,
        "The alliance also froze all military partnership programs.\tАльянс также заморозил все программы военного партнёрства.\n",
    )
    .unwrap();
    let rows = qa_rows(&env, &["qa", clean.to_str().unwrap(), "--format", "jsonl"]);
    assert!(rows.is_empty(), "{rows:?}");

    let dirty = env.path("dirty.tsv");
    std::fs::write(&dirty, "The the end.\tКонец  конец.\n").unwrap();
    let rows = qa_rows(&env, &["qa", dirty.to_str().unwrap(), "--format", "jsonl"]);
    let checks: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["side"].as_str().unwrap(), r["check"].as_str().unwrap()))
        .collect();
    assert!(checks.contains(&("src", "repeated_word")), "{checks:?}");
    assert!(checks.contains(&("tgt", "whitespace")), "{checks:?}");
    assert!(rows.iter().all(|r| r["segment"] == 0));
}

#[test]
fn tmx_export_is_well_formed_and_round_trips() {
    let env = Env::new();
    env.ingest_seeds();
    // Add pairs with markup characters so that escaping is exercised.
    let extra = env.path("extra.tsv");
    std::fs::write(
        &extra,
        "en\tru\nUse <b> & \"quotes\"\tИспользуйте <b> & «кавычки»\nEmoji 😀 𝔘\tЭмодзи 😀 𝔘\n",
    )
    .unwrap();
    env.run(&["import", extra.to_str().unwrap()]);
    let tmx_path = env.path("out.tmx");
    env.run(&[
        "export",
        "--format",
        "tmx",
        "-o",
        tmx_path.to_str().unwrap(),
    ]);
    let tmx = std::fs::read_to_string(&tmx_path).unwrap();
    let header = tmx.lines().find(|l| l.contains("<header")).unwrap();
    for attr in [
        "creationtool=",
        "creationtoolversion=",
        "segtype=",
        "o-tmf=",
        "adminlang=",
        "srclang=",
        "datatype=",
    ] {
        assert!(header.contains(attr), "header lacks {attr}: {header}");
    }
    assert!(tmx.contains("<tmx version=\"1.4\">"));
    match std::process::Command::new("xmllint")
        .arg("--noout")
        .arg(&tmx_path)
        .output()
    {
        Ok(out) => assert!(
            out.status.success(),
            "xmllint: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => assert!(
            std::env::var_os("CI").is_none(),
            "xmllint must be installed in CI: {e}"
        ),
    }

    let fresh = Env::new();
    fresh.run(&["import", tmx_path.to_str().unwrap()]);
    assert_eq!(
        fresh.run(&["export", "--format", "tsv"]),
        env.run(&["export", "--format", "tsv"])
    );
    assert_eq!(fresh.stats()["pairs"], 3);
}

#[test]
fn bad_input_fails_cleanly_and_leaves_the_memory_unchanged() {
    let env = Env::new();
    env.ingest_seeds();
    let before = env.stats();
    let before_tsv = env.run(&["export", "--format", "tsv"]);

    let good = env.path("good.txt");
    std::fs::write(&good, "A new document that must not be stored.\n").unwrap();
    let empty = env.path("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let latin1 = env.path("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 au lait.\n").unwrap();
    let binary = env.path("binary.txt");
    std::fs::write(&binary, b"\x7fELF\x02\x01\x00\x00binary").unwrap();
    let missing = env.path("missing.txt");
    let good_s = good.to_str().unwrap();

    env.fails(
        &["ingest", good_s, missing.to_str().unwrap()],
        "missing.txt",
    );
    env.fails(
        &["ingest", good_s, empty.to_str().unwrap()],
        "empty.txt: empty file",
    );
    let e = env.fails(&["ingest", good_s, latin1.to_str().unwrap()], "latin1.txt");
    assert!(e.contains("invalid UTF-8 at line 1, column 4"), "{e}");
    env.fails(
        &["ingest", good_s, binary.to_str().unwrap()],
        "binary.txt: binary file",
    );

    let bad_tmx = env.path("bad.tmx");
    std::fs::write(
        &bad_tmx,
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n\
         <tu><tuv xml:lang=\"en\"><seg>One</seg></tuv><tuv xml:lang=\"ru\"><seg>Один</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"en\"><seg>Two</seg></tuv><tuv xml:lang=\"ru\"><seg>Два</sag></tuv></tu>\n\
         </body></tmx>\n",
    )
    .unwrap();
    env.fails(&["import", bad_tmx.to_str().unwrap()], "bad.tmx:4:");
    env.fails(&["qa", bad_tmx.to_str().unwrap()], "bad.tmx:4:");
    env.fails(&["import", binary.to_str().unwrap()], "binary.txt");
    env.fails(&["qa", missing.to_str().unwrap()], "missing.txt");

    assert_eq!(env.stats(), before);
    assert_eq!(env.run(&["export", "--format", "tsv"]), before_tsv);
}

#[test]
fn wrong_flags_and_missing_memory_exit_2() {
    let env = Env::new();
    let out = env.output(&["lookup", "x", "--limit", "many"]);
    assert_eq!(out.status.code(), Some(2));
    env.fails(&["stats"], "memory.db: no memory here yet");
}

#[test]
fn split_prints_one_sentence_per_line() {
    let env = Env::new();
    let out = env
        .tm()
        .args(["split", "--lang", "ru"])
        .write_stdin("Это было в 2004 г. Тогда В. В. Путин\nприехал. «Можно?» — спросил он.")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Это было в 2004 г.\nТогда В. В. Путин приехал.\n«Можно?» — спросил он.\n"
    );
    let jsonl = env
        .tm()
        .args(["split", "--format", "jsonl"])
        .write_stdin("Hi there. Bye.")
        .output()
        .unwrap();
    let last: serde_json::Value = serde_json::from_str(
        String::from_utf8(jsonl.stdout)
            .unwrap()
            .lines()
            .last()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        (last["start"].as_u64(), last["end"].as_u64()),
        (Some(10), Some(14))
    );
}

#[test]
fn split_with_the_languagetool_srx_rules_when_present() {
    let srx = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/segmentation/srx/languagetool_segment.srx");
    if !srx.exists() {
        eprintln!("skipped: {} is absent", srx.display());
        return;
    }
    let env = Env::new();
    let out = env
        .tm()
        .args(["split", "--lang", "en", "--rules", srx.to_str().unwrap()])
        .write_stdin("Mr. Smith arrived at 5 p.m. on Monday. He left early! Did he?")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Mr. Smith arrived at 5 p.m. on Monday.\nHe left early!\nDid he?\n"
    );
    let out = env
        .tm()
        .args(["split", "--lang", "ru", "--rules", srx.to_str().unwrap()])
        .write_stdin("Это было в 2004 г. в Москве. Потом А. С. Пушкин уехал.")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Это было в 2004 г. в Москве.\nПотом А. С. Пушкин уехал.\n"
    );
}

fn write(env: &Env, name: &str, text: &str) -> String {
    env.write(name, text)
}

const RU_DOC: &str = "Штайнмайер прибыл в Брюссель 6 декабря.\nЭто длинное предложение, которое переведено двумя предложениями на английский язык.\nСтолтенберг ответил журналистам.\nНАТО готово к диалогу с Россией.\n";
const EN_DOC: &str = "Steinmeier arrived in Brussels on December 6.\nThis is a long sentence,\nwhich is translated into English by two sentences.\nStoltenberg answered the journalists.\nNATO is ready for a dialogue with Russia.\n";

#[test]
fn align_writes_beads_in_every_format() {
    let env = Env::new();
    let ru = write(&env, "ru.txt", RU_DOC);
    let en = write(&env, "en.txt", EN_DOC);
    let jsonl = env.run(&["align", &ru, &en, "--presplit", "--format", "jsonl"]);
    let beads: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let shapes: Vec<(String, String)> = beads
        .iter()
        .map(|b| (b["src"].to_string(), b["tgt"].to_string()))
        .collect();
    assert_eq!(
        shapes,
        [
            ("[0]", "[0]"),
            ("[1]", "[1,2]"),
            ("[2]", "[3]"),
            ("[3]", "[4]")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(
        beads[1]["tgt_text"],
        "This is a long sentence, which is translated into English by two sentences."
    );
    assert!(beads
        .iter()
        .all(|b| (0.0..=1.0).contains(&b["score"].as_f64().unwrap())));

    let ladder = env.run(&["align", &ru, &en, "--presplit", "--format", "ladder"]);
    let rungs: Vec<&str> = ladder
        .lines()
        .map(|l| l.rsplit_once('\t').unwrap().0)
        .collect();
    assert_eq!(rungs, ["0\t0", "1\t1", "2\t3", "3\t4", "4\t5"]);

    let tsv = env.run(&["align", &ru, &en, "--presplit", "--format", "tsv"]);
    assert_eq!(tsv.lines().count(), 4);
    assert!(tsv.starts_with("Штайнмайер прибыл в Брюссель 6 декабря.\tSteinmeier arrived"));

    let tmx = env.run(&["align", &ru, &en, "--presplit", "--format", "tmx"]);
    assert_eq!(tmx.matches("<tu>").count(), 4);
    assert!(tmx.contains("srclang=\"ru\""));
}

#[test]
fn align_splits_unsplit_texts_and_stores_pairs() {
    let env = Env::new();
    let ru = write(&env, "ru.txt", &RU_DOC.replace('\n', " "));
    let en = write(
        &env,
        "en.txt",
        &EN_DOC.replace(",\n", ", ").replace('\n', " "),
    );
    let out = env.run(&["align", &ru, &en, "--format", "tsv", "--store"]);
    assert_eq!(out.lines().count(), 4, "{out}");
    assert_eq!(env.stats()["pairs"], 4);
    // Storing the same pair again changes nothing.
    env.run(&["align", &ru, &en, "--format", "tsv", "--store"]);
    assert_eq!(env.stats()["segments"], 4);
    let j: serde_json::Value = serde_json::from_str(&env.run(&[
        "lookup",
        "Stoltenberg answered the journalists.",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(j[0]["target"], "Столтенберг ответил журналистам.");
}

#[test]
fn align_reads_a_dictionary_and_rejects_bad_input() {
    let env = Env::new();
    let ru = write(&env, "ru.txt", RU_DOC);
    let en = write(&env, "en.txt", EN_DOC);
    let dict = write(
        &env,
        "dict.txt",
        "journalists @ журналистам\nready @ готово\n",
    );
    let out = env.run(&["align", &ru, &en, "--presplit", "--dict", &dict]);
    assert_eq!(out.lines().count(), 4);
    let bad_dict = write(&env, "bad.dict", "no separator here\n");
    env.fails(&["align", &ru, &en, "--dict", &bad_dict], "bad.dict:1:");
    let empty = write(&env, "empty.txt", "");
    env.fails(&["align", &ru, &empty], "empty.txt: empty file");
    let out = env.output(&["align", &ru, &en, "--max-bead", "7"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-bead"));
}

#[test]
fn qa_on_the_seeds_finds_inconsistent_casing_and_word_for_word_phrasing() {
    let env = Env::new();
    env.ingest_seeds();
    let rows = qa_rows(&env, &["qa", "--format", "jsonl"]);
    let caps: Vec<_> = rows
        .iter()
        .filter(|r| r["check"] == "capitalization")
        .collect();
    assert_eq!(caps.len(), 1, "{caps:?}");
    assert_eq!(caps[0]["text"], "General Secretary");
    // Garbled phrasing: the machine-translated body of 003 is flagged, the English text of
    // 000 is not.
    let report = env.run(&["qa", "--format", "text"]);
    let garbled = |doc: &str| {
        report
            .lines()
            .filter(|l| l.starts_with(doc) && l.contains(": garbled:"))
            .count()
    };
    assert!(garbled("003_") >= 3, "{report}");
    assert!(garbled("000_") <= 2, "{report}");
    let texts: Vec<&str> = rows
        .iter()
        .filter(|r| r["check"] == "garbled")
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    for expected in [
        "told journalists the",
        "anybody not a threat",
        "Council Russia-NATO",
    ] {
        assert!(texts.contains(&expected), "{texts:?}");
    }
}
