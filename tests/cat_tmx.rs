//! TMX files as CAT tools write them: every encoding (UTF-16 LE/BE with and without a
//! byte-order mark, windows-1251, ISO-8859-1), TMX 1.1 with `lang`, units of four languages,
//! one-language units, alternative translations with their context props, language codes in
//! any case. The files are under tests/data/cat/tmx/.

mod common;

use common::Env;
use std::path::PathBuf;
use tm::formats::tmx;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/cat/tmx")
        .join(name)
}

fn read_all(name: &str, opts: &tmx::ReadOptions) -> (Vec<tm::formats::Unit>, tmx::Summary) {
    let mut units = Vec::new();
    let summary = tmx::read_with(
        &data(name),
        opts,
        |u| {
            units.push(u);
            Ok(())
        },
        |e| panic!("{e}"),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    (units, summary)
}

#[test]
fn every_encoding_gives_the_same_units() {
    let (reference, summary) = read_all("four_languages_utf8_bom.tmx", &Default::default());
    assert_eq!(
        summary,
        tmx::Summary {
            units: 3,
            pairs: 4,
            one_language: 1,
            not_asked: 0,
            invalid: 0,
            with_context: 0,
            unconfirmed: 0
        }
    );
    for name in [
        "four_languages_utf16le_bom.tmx",
        "four_languages_utf16be_bom.tmx",
        "four_languages_utf16le.tmx",
        "four_languages_utf16be.tmx",
    ] {
        let (units, s) = read_all(name, &Default::default());
        assert_eq!(units, reference, "{name}");
        assert_eq!(s, summary, "{name}");
    }
    // The non-BMP character survives UTF-16 surrogates.
    assert!(reference.iter().any(|u| u.src == "Откройте меню 𝔘."));
}

#[test]
fn a_four_language_unit_gives_three_pairs_with_normalised_codes() {
    let (units, _) = read_all("four_languages_utf16le_bom.tmx", &Default::default());
    let first: Vec<(&str, &str, &str)> = units
        .iter()
        .filter(|u| u.tuid.as_deref() == Some("1"))
        .map(|u| (u.src_lang.as_str(), u.tgt_lang.as_str(), u.tgt.as_str()))
        .collect();
    assert_eq!(
        first,
        [
            (
                "en-US",
                "de-DE",
                "Speichern Sie die Datei vor dem Schließen."
            ),
            (
                "en-US",
                "fr-FR",
                "Enregistrez le fichier avant de le fermer."
            ),
            ("en-US", "ru-RU", "Сохраните файл перед закрытием."),
        ]
    );
    // Each pair keeps the unit's props.
    assert!(units[0]
        .props
        .contains(&("x-project".to_string(), "Manual".to_string())));
    // The unit's own srclang wins over the header's, whatever its case.
    let third = units
        .iter()
        .find(|u| u.tuid.as_deref() == Some("3"))
        .unwrap();
    assert_eq!(
        (
            third.src_lang.as_str(),
            third.src.as_str(),
            third.tgt_lang.as_str()
        ),
        ("ru-RU", "Откройте меню 𝔘.", "en-US")
    );
}

#[test]
fn only_the_pair_asked_for_matched_by_primary_language_unless_a_region_is_asked() {
    let opts = |s: &str, t: &str| tmx::ReadOptions {
        src_lang: Some(s.into()),
        tgt_lang: Some(t.into()),
        skip_invalid: false,
        only_confirmed: false,
    };
    let (units, summary) = read_all("four_languages_utf16be.tmx", &opts("en", "ru"));
    assert_eq!(units.len(), 2, "{units:?}");
    assert!(units
        .iter()
        .all(|u| u.src_lang == "en-US" && u.tgt_lang == "ru-RU"));
    // The Russian-source unit is read the way asked.
    assert!(units.iter().any(|u| u.src == "Open the menu 𝔘."));
    assert_eq!(summary.one_language, 1);
    let (units, summary) = read_all("four_languages_utf16be.tmx", &opts("en-GB", "ru"));
    assert!(units.is_empty());
    assert_eq!(summary.not_asked, 2);
    let (units, _) = read_all("four_languages_utf16be.tmx", &opts("EN-us", "de"));
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].tgt_lang, "de-DE");
}

#[test]
fn legacy_encodings_from_the_declaration() {
    let (units, _) = read_all("cp1251.tmx", &Default::default());
    assert_eq!(units.len(), 2);
    assert_eq!(units[0].src, "Договор вступает в силу с даты подписания.");
    assert_eq!(units[1].src, "Стороны — «Заказчик» и «Исполнитель».");
    let (units, _) = read_all("latin1.tmx", &Default::default());
    assert_eq!(
        (units[0].src.as_str(), units[0].tgt.as_str()),
        ("Le café est fermé.", "The café is closed.")
    );
}

#[test]
fn tmx_11_with_lang_and_all_srclang() {
    let (units, summary) = read_all("tmx11_lang.tmx", &Default::default());
    assert_eq!(summary.one_language, 1);
    assert_eq!(units.len(), 2);
    assert_eq!(units[0].src_lang, "en");
    assert_eq!(units[0].tgt_lang, "ru");
    assert_eq!(units[0].src, "Press {1}Start{/1}.");
    assert_eq!(units[0].tgt, "Нажмите {1}Пуск{/1}.");
    assert_eq!(units[1].src_lang, "en-GB");
}

#[test]
fn import_counts_one_language_units_and_stores_every_pair() {
    let env = Env::new();
    let f = data("four_languages_utf16le_bom.tmx");
    let out = env.output(&["import", f.to_str().unwrap()]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("imported 4 units"), "{err}");
    assert!(
        err.contains("skipped 1 units with one language only"),
        "{err}"
    );
    let tsv = env.run(&[
        "export",
        "--format",
        "tsv",
        "--src-lang",
        "en",
        "--tgt-lang",
        "ru",
    ]);
    assert!(tsv.contains("Сохраните файл перед закрытием."), "{tsv}");
    // Only the pair asked for.
    let env = Env::new();
    let out = env.output(&[
        "import",
        f.to_str().unwrap(),
        "--src-lang",
        "en",
        "--tgt-lang",
        "fr",
    ]);
    assert!(out.status.success());
    assert_eq!(env.pairs(), 1);
    let tsv = env.run(&["export", "--format", "tsv"]);
    assert!(tsv.contains("Enregistrez"), "{tsv}");
}

#[test]
fn alternatives_keep_their_props_and_context_gives_101() {
    let env = Env::new();
    let f = data("omegat_alternatives.tmx");
    env.run(&["import", f.to_str().unwrap()]);
    assert_eq!(env.pairs(), 3, "the default and both alternatives");
    let lookup = |prev: &str| -> serde_json::Value {
        serde_json::from_str(&env.run(&["lookup", "Open", "--prev", prev, "--format", "json"]))
            .unwrap()
    };
    let j = lookup("File");
    assert_eq!(j[0]["score"], 101, "{j}");
    assert_eq!(j[0]["target"], "Открыть файл");
    let j = lookup("Door");
    assert_eq!(j[0]["score"], 101, "{j}");
    assert_eq!(j[0]["target"], "Открыта");
    let j = lookup("Window");
    assert!(
        j.as_array().unwrap().iter().all(|m| m["score"] == 100),
        "{j}"
    );
    // A unit keyed by id alone (no neighbours named): the same id and file give 101 %.
    let keyed = env.write(
        "keyed.tmx",
        r#"<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu><prop type="file">res/menu.properties</prop><prop type="id">menu.open</prop><tuv xml:lang="en"><seg>Open</seg></tuv><tuv xml:lang="ru"><seg>Открыть меню</seg></tuv></tu>
</body></tmx>"#,
    );
    env.run(&["import", &keyed]);
    let by_id = |id: &str| -> serde_json::Value {
        let args = [
            "lookup",
            "Open",
            "--id",
            id,
            "--file",
            "menu.properties",
            "--format",
            "json",
        ];
        serde_json::from_str(&env.run(&args)).unwrap()
    };
    let j = by_id("menu.open");
    assert_eq!(j[0]["score"], 101, "{j}");
    assert_eq!(j[0]["target"], "Открыть меню");
    let j = by_id("menu.close");
    assert!(
        j.as_array().unwrap().iter().all(|m| m["score"] == 100),
        "{j}"
    );
    let exported = env.run(&["export", "--format", "tmx"]);
    assert!(
        exported.contains("<prop type=\"x-id\">door.1</prop>"),
        "{exported}"
    );
    assert!(
        exported.contains("<prop type=\"prev\">File</prop>"),
        "{exported}"
    );
}

#[test]
fn context_props_inside_the_source_tuv_give_101() {
    // Context kept inside the source's <tuv>, as XTM writes it (text, or a <seg> inside the
    // prop) and as Phrase does (`context_prev`); a context prop of the target is not the
    // source's context.
    let env = Env::new();
    let tmx = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" datatype="xml" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu><tuv xml:lang="en-US"><prop type="x-context-pre"><seg>The door is locked.</seg></prop><prop type="x-context-post"><seg>Then leave.</seg></prop><seg>Open it.</seg></tuv><tuv xml:lang="ru-RU"><seg>Откройте её.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><prop type="x-previous-source-text">The jar is sealed.</prop><seg>Open it.</seg></tuv><tuv xml:lang="ru-RU"><seg>Откройте банку.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><prop type="context_prev">The box is tied.</prop><seg>Open it.</seg></tuv><tuv xml:lang="ru-RU"><seg>Откройте коробку.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Close it.</seg></tuv><tuv xml:lang="ru-RU"><prop type="x-context-pre">Замок заел.</prop><seg>Закройте.</seg></tuv></tu>
</body></tmx>
"#;
    let f = env.write("xtm.tmx", tmx);
    env.run(&["import", &f]);
    assert_eq!(env.pairs(), 4);
    let lookup = |q: &str, prev: &str| -> serde_json::Value {
        serde_json::from_str(&env.run(&["lookup", q, "--prev", prev, "--format", "json"])).unwrap()
    };
    for (prev, target) in [
        ("The door is locked.", "Откройте её."),
        ("The jar is sealed.", "Откройте банку."),
        ("The box is tied.", "Откройте коробку."),
    ] {
        let j = lookup("Open it.", prev);
        assert_eq!(j[0]["score"], 101, "{prev}: {j}");
        assert_eq!(j[0]["target"], target, "{j}");
    }
    // The source text itself was read from its own <seg>, not the prop's.
    let tsv = env.run(&["export", "--format", "tsv"]);
    assert!(!tsv.contains("The door is locked.\tОткройте"), "{tsv}");
    let j = lookup("Close it.", "Замок заел.");
    assert_eq!(j[0]["score"], 100, "{j}");
}

#[test]
fn malformed_files_name_the_place_and_import_nothing() {
    let env = Env::new();
    // UTF-16 file with an unclosed element: the position is in the decoded text.
    let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"en\"><seg>One</seg></tuv><tuv xml:lang=\"ru\"><seg>Один</seg></tuv></tu>\n<tu><tuv xml:lang=\"en\"><seg>Two</sag></tuv></tu></body></tmx>\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let path = env.path("bad16.tmx");
    std::fs::write(&path, bytes).unwrap();
    let err = env.fails(&["import", path.to_str().unwrap()], "bad16.tmx:4:");
    assert!(err.contains("malformed"), "{err}");
    assert!(!env.db().exists() || env.pairs() == 0);
    // An unpaired surrogate: not UTF-16.
    let mut bytes = vec![0xFF, 0xFE];
    for u in "<tmx version=\"1.4\"><header/><body><tu>".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    bytes.extend([0x00, 0xD8, 0x41, 0x00]);
    let path = env.path("surrogate.tmx");
    std::fs::write(&path, bytes).unwrap();
    let err = env.fails(&["import", path.to_str().unwrap()], "surrogate.tmx:");
    assert!(err.contains("UTF-16LE"), "{err}");
    assert!(!env.db().exists() || env.pairs() == 0);
    let bad = env.write(
        "bad.tmx",
        "<?xml version=\"1.0\" encoding=\"x-klingon\"?><tmx/>",
    );
    env.fails(&["import", &bad], "unknown encoding");
}

#[test]
fn qa_and_analyze_read_utf16_files() {
    let env = Env::new();
    let f = data("four_languages_utf16be.tmx");
    let out = env.output(&["qa", f.to_str().unwrap(), "--format", "jsonl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    env.run(&["import", data("cp1251.tmx").to_str().unwrap()]);
    let a = env.run(&["analyze", data("cp1251.tmx").to_str().unwrap()]);
    // The second segment follows the first as in the memory: a context match.
    assert!(a.contains("context (101%)           1"), "{a}");
    assert!(a.contains("100%                     1"), "{a}");
}

#[test]
fn only_confirmed_leaves_out_trados_drafts() {
    let env = Env::new();
    let f = data("trados_statuses.tmx");
    let out = env.output(&["import", f.to_str().unwrap(), "--only-confirmed"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("skipped 1 units not confirmed"));
    assert_eq!(env.pairs(), 2);
    let tsv = env.run(&["export", "--format", "tsv"]);
    assert!(!tsv.contains("Draft"), "{tsv}");
    // Trados' context prop is kept with the unit.
    let tmx = env.run(&["export"]);
    assert!(tmx.contains("<prop type=\"x-Context\">"), "{tmx}");
    let env = Env::new();
    env.run(&["import", f.to_str().unwrap()]);
    assert_eq!(env.pairs(), 3);
}

#[test]
fn markup_the_reader_would_let_through_is_refused_with_its_place() {
    let env = Env::new();
    let tu =
        "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu>";
    for (i, doc) in [
        format!("<!DOCTYPE tmx> SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>{tu}</body></tmx>"),
        format!("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n{}</body></tmx>", tu.replace("xml:lang=\"ru\"", "xml:lang=\"r<u\"")),
        format!("<?<x/>xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/><body>{tu}</body></tmx>"),
    ]
    .iter()
    .enumerate()
    {
        let name = format!("bad{i}.tmx");
        let f = env.write(&name, doc);
        env.fails(&["import", &f], &format!("{name}:"));
        assert!(!env.db().exists() || env.pairs() == 0, "{name}");
    }
}
