//! XLIFF and PO files as CAT tools write them (tests/data/cat/xliff/): XLIFF 1.1 without a
//! version, every 1.x inline code, SDLXLIFF segments with their confirmation levels, memoQ
//! statuses, a pretty-printed XLIFF 2.0 with `pc`, a gettext header, PO plurals; their import
//! into the memory with context; QA sees the codes.

mod common;

use common::Env;
use std::path::{Path, PathBuf};
use tm::formats::xliff::{self, State};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/cat/xliff")
        .join(name)
}

fn doc(name: &str) -> xliff::Document {
    xliff::read_document(&data(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .1
}

#[test]
fn xliff_11_without_version_every_code_and_status() {
    let d = doc("v11_no_version.xlf");
    assert_eq!(d.version, "1.1");
    let s = &d.segments;
    assert_eq!(s[0].unit.src, "Click {1}Save{/1} now.");
    assert_eq!(s[0].unit.tgt, "Нажмите {1}Сохранить{/1} сейчас.");
    assert_eq!(
        (s[0].unit.src_lang.as_str(), s[0].unit.tgt_lang.as_str()),
        ("en-US", "ru-RU")
    );
    assert_eq!(s[0].state, Some(State::Final));
    assert_eq!(s[0].file.as_deref(), Some("guide.html"));
    assert_eq!(
        s[0].codes,
        [
            ("{1}".to_string(), "<g id=\"1\">".to_string()),
            ("{/1}".to_string(), "</g>".to_string())
        ]
    );
    assert_eq!(s[1].unit.src, "Line{2}break and {3}bold{/3}.");
    assert_eq!(s[1].state, Some(State::Draft));
    assert_eq!(s[2].unit.src, "Press {5} and {6}go{/6}{7}.");
    assert_eq!(s[2].unit.tgt, "Нажмите {5} и {6}вперёд{/6}{7}.");
    assert!(s[2].codes.contains(&(
        "{5}".to_string(),
        "<ph id=\"5\">&lt;br/&gt;</ph>".to_string()
    )));
    assert_eq!(s[2].state, Some(State::Translated));
    assert_eq!(s[3].unit.src, "The {1}kernel{/1} starts.");
    assert_eq!(s[3].state, Some(State::Final));
    assert!(
        !s[4].translate && !s[5].translate,
        "translate=no, also from a group"
    );
    assert_eq!(s[6].unit.tgt, "");
    assert_eq!(s[6].state, Some(State::New));
    assert_eq!(s[7].unit.src, "Two  spaces   kept.");
    // `read` leaves out what is not to be translated.
    let units = xliff::read(&data("v11_no_version.xlf")).unwrap();
    assert_eq!(units.len(), 6);
    assert!(units
        .iter()
        .all(|u| !u.src.contains("DO-NOT") && u.src != "Inherited no"));
}

#[test]
fn sdlxliff_segments_and_confirmation_levels() {
    let d = doc("trados.sdlxliff");
    let s: Vec<_> = d.segments.iter().filter(|s| s.translate).collect();
    let got: Vec<(&str, &str, Option<State>)> = s
        .iter()
        .map(|s| (s.unit.src.as_str(), s.unit.tgt.as_str(), s.state))
        .collect();
    assert_eq!(
        got,
        [
            ("The valve is closed.", "Клапан закрыт.", Some(State::Final)),
            (
                "Open it {9}slowly{/9}.",
                "Откройте его {9}медленно{/9}.",
                Some(State::Draft)
            ),
            ("Then wait.", "", Some(State::New)),
            (
                "Check the pressure.",
                "Проверьте давление.",
                Some(State::Translated)
            ),
        ]
    );
    assert_eq!(s[0].unit.tuid.as_deref(), Some("a1b2/1"));
    assert_eq!(s[3].unit.tuid.as_deref(), Some("e5f6"));
}

#[test]
fn memoq_statuses() {
    let d = doc("memoq.mqxliff");
    // The unit's own target, not an older version kept inside it.
    assert_eq!(d.segments[0].unit.tgt, "Бюджет вырос.");
    let states: Vec<Option<State>> = d.segments.iter().map(|s| s.state).collect();
    assert_eq!(
        states,
        [
            Some(State::Translated),
            Some(State::Draft),
            Some(State::Final),
            Some(State::New)
        ]
    );
}

#[test]
fn xliff_20_pretty_printed_with_pc_and_spaces() {
    let d = doc("v20_pretty.xlf");
    assert!(d.is_v2());
    let s = &d.segments;
    assert_eq!(s[0].unit.src, "Open the {1}settings{/1} page.");
    assert_eq!(s[0].unit.tgt, "Откройте страницу {1}настроек{/1}.");
    assert_eq!(s[0].unit.tuid.as_deref(), Some("u1/s1"));
    assert_eq!(s[0].state, Some(State::Translated));
    assert_eq!(s[1].unit.src, "Restart{2} now.");
    assert!(!s[2].translate);
    assert_eq!(s[3].unit.src, "Keep  two spaces.");
    assert_eq!(s[3].state, Some(State::Final));
    assert_eq!(
        s[4].unit.src,
        "Start {3}here{/3} and {m1}there{/m1}\t, {m2}see{/m2}."
    );
}

#[test]
fn gettext_header_units_are_not_translations() {
    let d = doc("from_po.xlf");
    assert!(d.segments[0].header);
    let units = xliff::read(&data("from_po.xlf")).unwrap();
    assert_eq!(units.len(), 3);
    assert_eq!(units[0].src, "Quit");
}

#[test]
fn version_from_namespace_and_bad_versions() {
    let p = Path::new("t.xlf");
    let d = xliff::parse_document(
        p,
        r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.1" srcLang="en" trgLang="ru"><file id="f"><unit id="u"><segment><source>a</source></segment></unit></file></xliff>"#,
    )
    .unwrap();
    assert_eq!(d.version, "2.1");
    let e = xliff::parse_document(p, r#"<xliff version="3.0"/>"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("t.xlf:1:1") && e.contains("unsupported"), "{e}");
    let e = xliff::parse_document(
        p,
        "<xliff version=\"1.2\">\n<file><body><trans-unit id=\"1\"><source>a</sourc>",
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("t.xlf:2:"), "{e}");
    let e = xliff::parse_document(p, "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><target>x</target></trans-unit></body></file></xliff>")
        .unwrap_err()
        .to_string();
    assert!(e.contains("no <source>"), "{e}");
}

#[test]
fn utf16_xliff_reads_like_utf8() {
    let text = std::fs::read_to_string(data("memoq.mqxliff")).unwrap();
    let env = Env::new();
    let mut bytes = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        bytes.extend(u.to_be_bytes());
    }
    let p = env.path("m16.mqxliff");
    std::fs::write(&p, bytes).unwrap();
    assert_eq!(
        xliff::read(&p).unwrap(),
        xliff::read(&data("memoq.mqxliff")).unwrap()
    );
}

#[test]
fn import_xliff_with_context_document_and_only_confirmed() {
    let env = Env::new();
    let f = data("trados.sdlxliff");
    let out = env.output(&["import", f.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(env.pairs(), 3);
    // The previous source in the document is the context of a 101 % match.
    let j: serde_json::Value = serde_json::from_str(&env.run(&[
        "lookup",
        "Check the pressure.",
        "--prev",
        "Then wait.",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(j[0]["score"], 101, "{j}");
    let tmx = env.run(&["export"]);
    assert!(
        tmx.contains("<prop type=\"file\">C:\\Projects\\manual.docx</prop>"),
        "{tmx}"
    );
    assert!(tmx.contains("xml:lang=\"ru-RU\""), "{tmx}");
    // The codes go out as TMX inline markup.
    assert!(
        tmx.contains(
            "<bpt i=\"9\">&lt;g id=&quot;9&quot;&gt;</bpt>slowly<ept i=\"9\">&lt;/g&gt;</ept>"
        ),
        "{tmx}"
    );

    let env = Env::new();
    env.run(&["import", f.to_str().unwrap(), "--only-confirmed"]);
    assert_eq!(env.pairs(), 2, "the draft is left out");
    let env = Env::new();
    env.run(&[
        "import",
        data("memoq.mqxliff").to_str().unwrap(),
        "--only-confirmed",
    ]);
    assert_eq!(env.pairs(), 2);
    let env = Env::new();
    env.run(&["import", data("from_po.xlf").to_str().unwrap()]);
    assert_eq!(env.pairs(), 3, "the header is not a pair");
}

#[test]
fn import_po_with_plurals_header_and_fuzzy() {
    let env = Env::new();
    let f = data("app.po");
    env.run(&["import", f.to_str().unwrap()]);
    assert_eq!(env.pairs(), 5, "one, three plural forms, the fuzzy one");
    let tsv = env.run(&["export", "--format", "tsv"]);
    assert!(tsv.starts_with("en\tru\n"), "{tsv}");
    assert!(
        tsv.contains("%d files were deleted\t%d файлов удалены"),
        "{tsv}"
    );
    assert!(!tsv.contains("Project-Id-Version"));
    let env = Env::new();
    env.run(&["import", f.to_str().unwrap(), "--only-confirmed"]);
    assert_eq!(env.pairs(), 4);
}

#[test]
fn malformed_bilingual_files_fail_with_place_and_import_nothing() {
    let env = Env::new();
    let bad = env.write(
        "bad.xlf",
        "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"ru\"><body>\n\
         <trans-unit id=\"1\"><source>a</source><target>б</target></trans-unit>\n\
         <trans-unit id=\"2\"><source>b</source><target>в</targ></trans-unit></body></file></xliff>",
    );
    env.fails(&["import", &bad], "bad.xlf:3:");
    assert!(!env.db().exists() || env.pairs() == 0);
    let po = env.write(
        "bad.po",
        "msgid \"a\"\nmsgstr \"б\"\n\nmsgid \"b\nmsgstr \"в\"\n",
    );
    env.fails(&["import", &po], "bad.po:4:");
    assert!(!env.db().exists() || env.pairs() == 0);
}

#[test]
fn qa_tags_check_sees_xliff_codes() {
    let env = Env::new();
    let f = env.write(
        "t.xlf",
        r#"<xliff version="1.2"><file source-language="en" target-language="ru" datatype="plaintext" original="a"><body>
<trans-unit id="1"><source>Click <g id="1">Save</g> to continue<x id="2"/>.</source><target>Нажмите Сохранить, чтобы продолжить.</target></trans-unit>
</body></file></xliff>"#,
    );
    let out = env.output(&["qa", &f, "--format", "jsonl"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report
            .lines()
            .any(|l| l.contains("\"tags\"") || l.contains("\"check\":\"tags\"")),
        "{report}"
    );
}

#[test]
fn qa_sees_no_indentation_in_pretty_printed_xliff_20() {
    let env = Env::new();
    let f = data("v20_pretty.xlf");
    let out = env.run(&["qa", f.to_str().unwrap(), "--format", "jsonl"]);
    assert!(!out.contains("\"whitespace\""), "{out}");
    assert!(!out.contains("spaces in a row"), "{out}");
    // The segment with two spaces kept by xml:space="preserve" is reported.
    let f = env.write(
        "p.xlf",
        r#"<xliff version="2.0" srcLang="en" trgLang="ru"><file id="f"><unit id="u"><segment>
<source xml:space="preserve">Open the file.</source><target xml:space="preserve">Откройте  файл.</target></segment></unit></file></xliff>"#,
    );
    let out = env.run(&["qa", &f, "--format", "jsonl"]);
    assert!(out.contains("\"whitespace\""), "{out}");
}

#[test]
fn qa_offsets_point_into_the_text_as_the_file_wrote_it() {
    let env = Env::new();
    // Under the default xml:space the layout inside <target> reads as single spaces; the
    // findings still point into the target's text as written.
    let written_tgt = "\n            Нажмите <pc id=\"1\">Сохранить</pc>\n            5 раз,\n            чтобы продолжить.\n        ";
    let f = env.write(
        "pretty.xlf",
        &format!(
            r#"<xliff version="2.0" srcLang="en" trgLang="ru"><file id="f"><unit id="u"><segment>
        <source>
            Press <pc id="1">Save</pc>
            3 times to continue.
        </source>
        <target>{written_tgt}</target></segment></unit></file></xliff>"#
        ),
    );
    let written: Vec<char> = written_tgt
        .replace("<pc id=\"1\">", "{1}")
        .replace("</pc>", "{/1}")
        .chars()
        .collect();
    let out = env.run(&["qa", &f, "--format", "jsonl", "--scores"]);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let spans: Vec<(usize, usize, &str)> = rows
        .iter()
        .filter(|r| r["side"] == "tgt" && r["start"].is_u64())
        .map(|r| {
            (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
                r["text"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let number = rows
        .iter()
        .find(|r| r["check"] == "number_mismatch" && r["side"] == "tgt")
        .unwrap_or_else(|| panic!("{out}"));
    // The message names the source's number by its place in the written source.
    let written_src: Vec<char> =
        "\n            Press {1}Save{/1}\n            3 times to continue.\n        "
            .chars()
            .collect();
    let three = written_src.iter().position(|&c| c == '3').unwrap();
    assert!(
        number["message"]
            .as_str()
            .unwrap()
            .contains(&format!("(source {three}..{})", three + 1)),
        "{out}"
    );
    let (s, e) = (
        number["start"].as_u64().unwrap() as usize,
        number["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(written[s..e].iter().collect::<String>(), "5", "{out}");
    // Every target span quotes the written text at its offsets.
    for (s, e, text) in spans {
        if !text.is_empty() {
            assert_eq!(written[s..e].iter().collect::<String>(), text, "{out}");
        }
    }
    // The text report and the CSV show the same offsets; the HTML page shows the target as
    // written, with its line breaks.
    let text = env.run(&["qa", &f, "--format", "text"]);
    assert!(text.contains(&format!("[tgt {s}..{e}]")), "{text}");
    let html = env.run(&["qa", &f, "--format", "html"]);
    assert!(html.contains("\n            5 раз"), "{html}");
    assert!(!out.contains("spaces in a row"), "{out}");
}

#[test]
fn crlf_files_read_with_lf_and_pretranslate_keeps_their_line_ends() {
    let env = Env::new();
    let text = std::fs::read_to_string(data("from_po.xlf"))
        .unwrap()
        .replace('\n', "\r\n");
    let f = env.write("crlf.xlf", &text);
    let d = xliff::read_document(Path::new(&f)).unwrap().1;
    assert!(
        d.segments[0].unit.src.contains("app 1.0\nContent-Type"),
        "{:?}",
        d.segments[0]
    );
    assert!(d.segments.iter().all(|s| !s.unit.src.contains('\r')));
    // Pretranslation leaves the file's own line ends as they were.
    let memory = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/cat/pretranslate");
    env.run(&["import", memory.join("memory.tmx").to_str().unwrap()]);
    let src = std::fs::read_to_string(memory.join("v12.xlf"))
        .unwrap()
        .replace('\n', "\r\n");
    let f = env.write("v12crlf.xlf", &src);
    let out = env.path("out.xlf");
    env.run(&["pretranslate", &f, "-o", out.to_str().unwrap()]);
    let filled = std::fs::read_to_string(out).unwrap();
    assert!(filled.contains("Откройте страницу настроек."));
    assert_eq!(filled.matches("\r\n").count(), src.matches("\r\n").count());
    assert_eq!(filled.matches('\n').count(), src.matches('\n').count());
}

#[test]
fn markup_the_reader_would_let_through_is_refused_with_its_place() {
    let env = Env::new();
    let unit = "<trans-unit id=\"1\"><source>a</source><target>б</target></trans-unit>";
    for (i, (head, body)) in [
        (
            "<?xml version=\"1.0\" &encoding=\"UTF-8\"?>",
            unit.to_string(),
        ),
        (
            "<?xml version=\"1.0\"?>",
            unit.replace("id=\"1\"", "id=\"1<2\""),
        ),
        (
            "<?xml version=\"1.0\"?>",
            unit.replace("<target>", "<tar<get>"),
        ),
        (
            "<?xml version=\"1.0\"?>",
            format!("{unit}</body></file></xliff>stray text<xliff><file><body>"),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let name = format!("bad{i}.xlf");
        let f = env.write(
            &name,
            &format!("{head}\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"ru\"><body>\n{body}</body></file></xliff>"),
        );
        env.fails(&["import", &f], &format!("{name}:"));
        assert!(!env.db().exists() || env.pairs() == 0, "{name}");
    }
}
