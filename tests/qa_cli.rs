//! `tm qa` from the command line: inputs (TSV, XLIFF 1.2/2.0, TMX), profiles, glossaries,
//! report formats, `--fail-on` and `--scores`.

mod common;
use common::Env;

fn rows(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn checks(out: &str) -> Vec<String> {
    rows(out)
        .iter()
        .map(|r| r["check"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// One pair per check class, each with one injected error, and a clean pair.
const PAIRS: &str = "en\tru
The talks ended in 2020.\tПереговоры закончились в 2021 году.
We will not sign the treaty.\tМы подпишем этот договор.
The council (NATO) met.\tСовет (НАТО собрался.
Is it true?\tЭто правда.
The Security Council met today.\tСовбез собрался сегодня.
The meeting was held in Moscow.\tВстреча прошла в Mоскве.
On Monday Steinmeier met the press in Berlin.\tВ понедельник министр встретился с прессой в Берлине.
The weather is fine.\t
The committee approved the budget.\tКомитет утвердил бюджет.
";

#[test]
fn every_injected_error_is_found_and_the_clean_pair_is_left_alone() {
    let env = Env::new();
    let f = env.write("pairs.tsv", PAIRS);
    env.write("g.tsv", "Security Council\tСовет Безопасности\n");
    let out = env.run(&["qa", &f, "--format", "jsonl", "--glossary", "g.tsv"]);
    let r = rows(&out);
    let at = |seg: i64| -> Vec<String> {
        r.iter()
            .filter(|x| x["segment"] == seg)
            .map(|x| x["check"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(at(0).contains(&"number_mismatch".into()), "{:?}", at(0));
    assert!(at(1).contains(&"negation".into()), "{:?}", at(1));
    assert!(at(2).contains(&"brackets".into()), "{:?}", at(2));
    assert!(at(3).contains(&"end_punctuation".into()), "{:?}", at(3));
    assert!(at(4).contains(&"terminology".into()), "{out}");
    assert!(at(5).contains(&"mixed_script".into()), "{:?}", at(5));
    assert!(at(6).contains(&"names".into()), "{:?}", at(6));
    assert!(at(7).contains(&"empty_target".into()), "{:?}", at(7));
    assert!(at(8).is_empty(), "{:?}", at(8));
}

#[test]
fn profile_switches_checks_changes_severity_and_ignores() {
    let env = Env::new();
    let f = env.write("pairs.tsv", PAIRS);
    env.write(
        "p.toml",
        "[checks.negation]\nenabled = false\n[checks.number_mismatch]\nseverity = \"review\"\n[ignore]\nwords = [\"Mоскве\"]\n",
    );
    let out = env.run(&["qa", &f, "--format", "jsonl", "--profile", "p.toml"]);
    let c = checks(&out);
    assert!(!c.contains(&"negation".into()));
    assert!(!c.contains(&"mixed_script".into()));
    let num: Vec<_> = rows(&out)
        .into_iter()
        .filter(|r| r["check"] == "number_mismatch")
        .collect();
    assert!(!num.is_empty());
    assert!(num.iter().all(|r| r["severity"] == "review"));

    env.write("bad.toml", "[checks.nonsense]\nenabled = true\n");
    let o = env.output(&["qa", &f, "--profile", "bad.toml"]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("bad.toml") && e.contains("unknown check"), "{e}");
}

#[test]
fn fail_on_sets_the_exit_code() {
    let env = Env::new();
    let bad = env.write("bad.tsv", "en\tru\nHello.\t\n");
    let good = env.write(
        "good.tsv",
        "en\tru\nThe committee approved the budget.\tКомитет утвердил бюджет.\n",
    );
    let o = env.output(&["qa", &bad, "--fail-on", "error"]);
    assert_eq!(o.status.code(), Some(1));
    let o = env.output(&["qa", &good, "--fail-on", "warning"]);
    assert_eq!(o.status.code(), Some(0));
    let o = env.output(&["qa", &bad]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "without --fail-on findings do not fail"
    );
}

#[test]
fn xliff_12_and_20_inputs() {
    let env = Env::new();
    let x12 = env.write(
        "a.xlf",
        r#"<xliff version="1.2"><file source-language="en" target-language="ru" datatype="plaintext" original="a"><body>
<trans-unit id="1"><source>The talks ended in 2020.</source><target>Переговоры закончились в 2021 году.</target></trans-unit>
<trans-unit id="2"><source>Hello <x id="1"/>world.</source></trans-unit>
</body></file></xliff>"#,
    );
    let c = checks(&env.run(&["qa", &x12, "--format", "jsonl"]));
    assert!(
        c.contains(&"number_mismatch".into()) && c.contains(&"empty_target".into()),
        "{c:?}"
    );
    let x20 = env.write(
        "b.xliff",
        r#"<xliff version="2.0" srcLang="en" trgLang="ru"><file id="f"><unit id="u"><segment><source>We will not sign.</source><target>Мы подпишем этот договор.</target></segment></unit></file></xliff>"#,
    );
    let c = checks(&env.run(&["qa", &x20, "--format", "jsonl"]));
    assert!(c.contains(&"negation".into()), "{c:?}");
    let broken = env.write(
        "c.xlf",
        "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>x</target>",
    );
    let o = env.output(&["qa", &broken]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("c.xlf:1:"));
}

#[test]
fn csv_report_and_scores() {
    let env = Env::new();
    let f = env.write("pairs.tsv", PAIRS);
    let out = env.run(&["qa", &f, "--format", "csv"]);
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(&headers[3], "check");
    let recs: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert!(recs
        .iter()
        .any(|r| &r[3] == "empty_target" && &r[10] == "The weather is fine."));

    let out = env.run(&["qa", &f, "--format", "jsonl", "--scores"]);
    let scores: Vec<_> = rows(&out)
        .into_iter()
        .filter(|r| r["check"] == "fluency_score")
        .collect();
    // Every English and Russian side with words is scored.
    assert_eq!(scores.len(), 17, "{scores:?}");
    assert!(scores.iter().all(|r| r["score"].is_number()));
    let o = env.output(&["qa", &f, "--scores"]);
    assert_eq!(o.status.code(), Some(2), "--scores needs jsonl");
}

#[test]
fn several_files_are_one_batch_and_each_finding_names_its_file() {
    let env = Env::new();
    std::fs::create_dir(env.path("a")).unwrap();
    std::fs::create_dir(env.path("b")).unwrap();
    // The same file name in two folders; row numbers repeat across the files.
    let a = env.write(
        "a/part.tsv",
        "Save the file.\tСохраните файл.\nThe talks went well.\tПереговоры прошли хорошо.\n",
    );
    let b = env.write(
        "b/part.tsv",
        "Save the file.\tСохранить файл.\nRussia''s view is clear.\tПозиция России ясна.\n",
    );
    let out = env.run(&[
        "qa",
        &a,
        &b,
        "--format",
        "jsonl",
        "--src-lang",
        "en",
        "--tgt-lang",
        "ru",
    ]);
    let r = rows(&out);
    // Inconsistent translations of one source across the two files.
    let inconsistent: Vec<_> = r.iter().filter(|x| x["check"] == "inconsistency").collect();
    assert_eq!(inconsistent.len(), 1, "{out}");
    assert_eq!(
        inconsistent[0]["origin"].as_str(),
        Some(b.as_str()),
        "{out}"
    );
    let message = inconsistent[0]["message"].as_str().unwrap_or_default();
    assert!(message.ends_with(&format!("segment 0 of {a}")), "{message}");
    let doubled: Vec<_> = r
        .iter()
        .filter(|x| x["check"] == "doubled_apostrophe")
        .collect();
    assert_eq!(doubled.len(), 1, "{out}");
    assert_eq!(
        (
            doubled[0]["segment"].as_i64(),
            doubled[0]["origin"].as_str()
        ),
        (Some(1), Some(b.as_str()))
    );
    assert!(
        r.iter()
            .all(|x| x["origin"] == a.as_str() || x["origin"] == b.as_str()),
        "{out}"
    );
    // Terminal lines name the file; the HTML report shows each finding in its own segment.
    let text = env.run(&["qa", &a, &b, "--src-lang", "en", "--tgt-lang", "ru"]);
    assert!(
        text.contains(&format!("{b}:1: doubled_apostrophe")),
        "{text}"
    );
    let html = env.run(&["qa", &a, &b, "--format", "html"]);
    assert!(
        html.contains("<mark>Russia&#39;&#39;s</mark> view is clear."),
        "{html}"
    );
    // One file: rows as before, without an origin.
    let one = env.run(&["qa", &b, "--format", "jsonl"]);
    assert!(
        rows(&one).iter().all(|x| x.get("origin").is_none()),
        "{one}"
    );
}

/// A TMX unit in four languages gives a pair per other language; QA checks the pairs of the
/// languages asked for, and never spells German or French as English.
#[test]
fn a_multilingual_tmx_checks_the_asked_pair_and_leaves_other_languages_unspelled() {
    let env = Env::new();
    let f = env.write(
        "four.tmx",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body>
<tu><tuv xml:lang="en-US"><seg>Close the window before you leave.</seg></tuv>
<tuv xml:lang="de-DE"><seg>Schließen Sie das Fenster, bevor Sie gehen.</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Fermez la fenêtre avant de partir.</seg></tuv>
<tuv xml:lang="ru-RU"><seg>Закройте окно перед уходм.</seg></tuv></tu>
</body></tmx>
"#,
    );
    for args in [vec![], vec!["--src-lang", "en", "--tgt-lang", "ru"]] {
        let mut all = vec!["qa", f.as_str(), "--format", "jsonl"];
        all.extend(args.iter().copied());
        let out = env.run(&all);
        let r = rows(&out);
        // The Russian typo is found; nothing in the German or French text is.
        assert!(
            r.iter()
                .any(|x| x["check"] == "spelling" && x["text"] == "уходм"),
            "{out}"
        );
        assert!(
            r.iter()
                .all(|x| x["check"] != "spelling" || x["text"] == "уходм"),
            "{out}"
        );
        if !args.is_empty() {
            // Only the English–Russian pair is checked.
            assert!(r.iter().all(|x| x["segment"] == 0), "{out}");
        }
    }
}
