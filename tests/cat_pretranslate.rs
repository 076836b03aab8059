//! `tm pretranslate` on XLIFF 1.2 and 2.0 files (tests/data/cat/pretranslate/): the best match as
//! the target with its state, every match as an alternative, numbers replaced, codes carried
//! over, the rest of the file as it was; the output well-formed (xmllint), valid against the
//! OASIS XLIFF 1.2 (strict) and 2.0 schemas (`xmllint --schema`, with the schemas that
//! `tests/schemas/fetch.sh` fetches and `TM_XLIFF_SCHEMAS` names), and shaped as those schemas
//! ask element by element here too (element order, state values, match references).

mod common;

use common::Env;
use quick_xml::events::Event;
use std::path::PathBuf;
use tm::formats::xliff;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/cat/pretranslate")
        .join(name)
}

/// An element: its name, attributes and child elements.
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<El>,
}

impl El {
    fn attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.as_str())
    }
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        if self.name == name {
            out.push(self);
        }
        for c in &self.children {
            c.all(name, out);
        }
    }
    fn find(&self, name: &str) -> Vec<&El> {
        let mut v = Vec::new();
        self.all(name, &mut v);
        v
    }
}

fn tree(xml: &str) -> El {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut stack = vec![El::default()];
    loop {
        match r.read_event().expect("well-formed") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().unwrap().children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    stack.pop().unwrap().children.pop().unwrap()
}

fn element(e: &quick_xml::events::BytesStart) -> El {
    El {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .flatten()
            .map(|a| (a.key.as_ref().to_string(), a.value.to_string()))
            .collect(),
        children: Vec::new(),
    }
}

fn xmllint_ok(path: &std::path::Path) {
    match std::process::Command::new("xmllint")
        .args(["--noout"])
        .arg(path)
        .output()
    {
        Ok(o) => assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr)),
        Err(_) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!("skipping xmllint: not installed")
        }
        Err(e) => panic!("xmllint is needed under CI: {e}"),
    }
}

/// Validates a pretranslated XLIFF 1.2 or 2.0 file against its OASIS schema. Under CI the
/// schemas must be there; elsewhere the check is skipped, with a note, when
/// `TM_XLIFF_SCHEMAS` is not set (`bash tests/schemas/fetch.sh` fetches them).
fn schema_valid(path: &std::path::Path) {
    let Some(dir) = std::env::var_os("TM_XLIFF_SCHEMAS") else {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "TM_XLIFF_SCHEMAS must name the XLIFF schemas under CI"
        );
        eprintln!("skipping schema validation: TM_XLIFF_SCHEMAS is not set");
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let schema = if text.contains("urn:oasis:names:tc:xliff:document:2.0") {
        "xliff-core-2.0.xsd"
    } else {
        "xliff-core-1.2-strict.xsd"
    };
    let o = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(PathBuf::from(dir).join(schema))
        .arg(path)
        .output()
        .expect("xmllint runs");
    assert!(
        o.status.success(),
        "{} is not valid against {schema}: {}",
        path.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn the_schema_check_refuses_what_the_schema_forbids() {
    if std::env::var_os("TM_XLIFF_SCHEMAS").is_none() {
        return schema_valid(std::path::Path::new("unused"));
    }
    // The same pretranslated file with a state no XLIFF 1.2 schema allows.
    let env = memory();
    let out = pretranslated(&env, "v12.xlf", "out.xlf", &[]);
    schema_valid(&out);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("state=\"needs-review-translation\""));
    let bad = env.path("bad.xlf");
    std::fs::write(
        &bad,
        text.replacen(
            "state=\"needs-review-translation\"",
            "state=\"leveraged\"",
            1,
        ),
    )
    .unwrap();
    let refused = std::panic::catch_unwind(|| schema_valid(&bad));
    assert!(refused.is_err(), "a state outside the schema passed");
}

/// Pretranslates the test file `input` into `out` in the environment's folder, with `extra`
/// flags; returns the output's path.
fn pretranslated(env: &Env, input: &str, out: &str, extra: &[&str]) -> PathBuf {
    let out = env.path(out);
    let input = data(input);
    let mut args = vec![
        "pretranslate",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    env.run(&args);
    out
}

fn memory() -> Env {
    let env = Env::new();
    env.run(&["import", data("memory.tmx").to_str().unwrap()]);
    env
}

#[test]
fn xliff_12_targets_alternatives_and_the_rest_kept() {
    let env = memory();
    let out = env.path("out.xlf");
    let o = env.output(&[
        "pretranslate",
        data("v12.xlf").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("filled 5 of 6 empty segments"), "{err}");
    assert!(err.contains("no match                 1"), "{err}");
    xmllint_ok(&out);
    schema_valid(&out);
    let text = std::fs::read_to_string(&out).unwrap();
    let original = std::fs::read_to_string(data("v12.xlf")).unwrap();
    // Untouched units are byte for byte as they were.
    for kept in [
        "<trans-unit id=\"4\">\n        <source>Nothing like this is stored.</source>\n      </trans-unit>",
        "<target state=\"translated\">Вентиль закрыт.</target>",
        "<trans-unit id=\"6\" translate=\"no\">\n        <source>The valve is closed.</source>\n      </trans-unit>",
        "<note>UI string</note>",
    ] {
        assert!(original.contains(kept) && text.contains(kept), "{kept}");
    }
    let root = tree(&text);
    let states = [
        "new",
        "needs-translation",
        "needs-adaptation",
        "needs-l10n",
        "needs-review-translation",
        "needs-review-adaptation",
        "needs-review-l10n",
        "translated",
        "signed-off",
        "final",
    ];
    for tu in root.find("trans-unit") {
        // source, seg-source?, target?, then notes and alternatives.
        let names: Vec<&str> = tu.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names[0], "source", "{names:?}");
        let mut at = 1;
        if names.get(at) == Some(&"seg-source") {
            at += 1;
        }
        if names.get(at) == Some(&"target") {
            at += 1;
        }
        assert!(
            names[at..]
                .iter()
                .all(|n| matches!(*n, "alt-trans" | "note")),
            "{names:?}"
        );
        for t in tu.children.iter().filter(|c| c.name == "target") {
            if let Some(s) = t.attr("state") {
                assert!(states.contains(&s), "{s}");
            }
        }
        for a in tu.children.iter().filter(|c| c.name == "alt-trans") {
            let q: u32 = a.attr("match-quality").unwrap().parse().unwrap();
            assert!((75..=101).contains(&q));
            assert_eq!(a.attr("origin"), Some("tm"));
        }
    }
    let doc = xliff::parse_document(&out, &text).unwrap();
    let got: Vec<(&str, &str)> = doc
        .segments
        .iter()
        .map(|s| (s.unit.tuid.as_deref().unwrap_or(""), s.unit.tgt.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("1", "Откройте страницу настроек."),
            // The number is replaced and the code carried over.
            ("2", "Нажмите {1}Сохранить{/1}, чтобы сохранить 7 файла."),
            ("3", "Ежедневно проверяйте давление масла."),
            ("4", ""),
            ("5", "Вентиль закрыт."),
            ("6", ""),
            ("7/1", "Клапан закрыт."),
            ("7/2", "Ежедневно проверяйте давление масла."),
        ]
    );
    assert!(text.contains("<target xml:lang=\"ru\" state=\"needs-review-translation\" state-qualifier=\"leveraged-tm\">Нажмите <g id=\"1\">Сохранить</g>, чтобы сохранить 7 файла.</target>"), "{text}");
    assert!(
        text.contains("<alt-trans match-quality=\"86\" origin=\"tm\">"),
        "{text}"
    );
    assert!(text.contains("mid=\"2\""), "{text}");
}

#[test]
fn confirm_exact_marks_exact_matches_translated_and_min_score_cuts() {
    let env = memory();
    let out = pretranslated(
        &env,
        "v12.xlf",
        "out.xlf",
        &["--confirm-exact", "--min-score", "90"],
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains(
        "<target xml:lang=\"ru\" state=\"translated\">Откройте страницу настроек.</target>"
    ));
    // The 86 % match is below --min-score 90.
    assert!(!text.contains("match-quality=\"86\""), "{text}");
    let doc = xliff::parse_document(&out, &text).unwrap();
    assert_eq!(doc.segments[2].unit.tgt, "");
}

#[test]
fn xliff_20_targets_states_and_matches() {
    let env = memory();
    let out = pretranslated(&env, "v20.xlf", "out.xlf", &["--confirm-exact"]);
    xmllint_ok(&out);
    schema_valid(&out);
    let text = std::fs::read_to_string(&out).unwrap();
    let root = tree(&text);
    for unit in root.find("unit") {
        let ids: Vec<&str> = unit
            .children
            .iter()
            .filter(|c| c.name == "segment")
            .filter_map(|c| c.attr("id"))
            .collect();
        for (i, c) in unit.children.iter().enumerate() {
            if c.name == "mtc:matches" {
                assert_eq!(i, 0, "the matches come first in the unit");
                for m in &c.children {
                    let r = m.attr("ref").unwrap().trim_start_matches('#');
                    assert!(ids.contains(&r), "{r} not in {ids:?}");
                    let q: f64 = m.attr("matchQuality").unwrap().parse().unwrap();
                    assert!((0.0..=100.0).contains(&q));
                    let names: Vec<&str> = m.children.iter().map(|c| c.name.as_str()).collect();
                    assert_eq!(names, ["source", "target"]);
                }
            }
        }
        for seg in unit.children.iter().filter(|c| c.name == "segment") {
            if let Some(s) = seg.attr("state") {
                assert!(["initial", "translated", "reviewed", "final"].contains(&s));
            }
            let names: Vec<&str> = seg.children.iter().map(|c| c.name.as_str()).collect();
            assert!(
                names == ["source"] || names == ["source", "target"],
                "{names:?}"
            );
        }
    }
    assert!(
        text.contains("<segment id=\"s1\" canResegment=\"no\" state=\"translated\">"),
        "{text}"
    );
    assert!(text.contains(
        "<target>Нажмите <pc id=\"1\">Сохранить</pc>, чтобы сохранить 7 файла.</target>"
    ));
    let doc = xliff::parse_document(&out, &text).unwrap();
    let filled = doc
        .segments
        .iter()
        .filter(|s| !s.unit.tgt.is_empty())
        .count();
    assert_eq!(filled, 3);
}

#[test]
fn malformed_input_fails_with_its_place_and_writes_nothing() {
    let env = memory();
    let bad = env.write(
        "bad.xlf",
        "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"ru\"><body>\n<trans-unit id=\"1\"><source>a</sorce></trans-unit></body></file></xliff>",
    );
    let out = env.path("out.xlf");
    env.fails(
        &["pretranslate", &bad, "-o", out.to_str().unwrap()],
        "bad.xlf:2:",
    );
    assert!(!out.exists());
}

#[test]
fn sdlxliff_segments_filled_in_their_mrk() {
    let env = memory();
    let out = pretranslated(&env, "trados.sdlxliff", "out.sdlxliff", &[]);
    xmllint_ok(&out);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("<target><mrk mtype=\"seg\" mid=\"1\">Клапан закрыт.</mrk> <mrk mtype=\"seg\" mid=\"2\"><mrk mtype=\"x-sdl-location\" mid=\"l1\"/>Затем подождите.</mrk></target>"),
        "{text}"
    );
    // The alternatives name their segment and come after the target, before Trados' own data.
    let alt = text.find("<alt-trans").unwrap();
    assert!(text.find("</target>").unwrap() < alt && alt < text.find("<sdl:seg-defs>").unwrap());
    assert!(text.contains("origin=\"tm\" mid=\"2\""), "{text}");
    // Trados' own statuses: drafts from the memory.
    assert!(
        text.contains("<sdl:seg id=\"1\" conf=\"Draft\" origin=\"tm\" percent=\"100\"/>"),
        "{text}"
    );
    let doc = xliff::parse_document(&out, &text).unwrap();
    let got: Vec<&str> = doc.segments.iter().map(|s| s.unit.tgt.as_str()).collect();
    assert_eq!(got, ["Клапан закрыт.", "Затем подождите."]);
}

#[test]
fn xliff_20_matches_join_the_units_own() {
    let env = memory();
    let out = pretranslated(&env, "v20_matches.xlf", "out.xlf", &[]);
    xmllint_ok(&out);
    schema_valid(&out);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.matches("matches xmlns").count(), 0, "{text}");
    assert_eq!(text.matches("<m:matches>").count(), 1, "{text}");
    let root = tree(&text);
    let matches = root.find("m:matches");
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0].children.len(), 2, "{text}");
    assert_eq!(matches[0].children[1].attr("matchQuality"), Some("100.0"));
}

#[test]
fn memoq_statuses_follow_the_filled_targets() {
    let env = memory();
    let out = pretranslated(&env, "memoq.mqxliff", "out.mqxliff", &["--confirm-exact"]);
    xmllint_ok(&out);
    let text = std::fs::read_to_string(&out).unwrap();
    let root = tree(&text);
    let status = |id: &str| {
        root.find("trans-unit")
            .into_iter()
            .find(|u| u.attr("id") == Some(id))
            .and_then(|u| u.attr("mq:status"))
            .map(str::to_string)
    };
    // An exact match written as translated, a fuzzy one as a pretranslation; a confirmed
    // unit and a unit the memory has nothing for keep their status.
    assert_eq!(status("1").as_deref(), Some("Confirmed"), "{text}");
    assert_eq!(status("2").as_deref(), Some("Pretranslated"), "{text}");
    assert_eq!(status("3").as_deref(), Some("ManuallyConfirmed"), "{text}");
    assert_eq!(status("4").as_deref(), Some("NotStarted"), "{text}");
    // The rest of each start tag is kept.
    assert!(text.contains("mq:segmentguid=\"g2\""), "{text}");
    let doc = xliff::parse_document(&out, &text).unwrap();
    let got: Vec<&str> = doc.segments.iter().map(|s| s.unit.tgt.as_str()).collect();
    assert_eq!(got[0], "Клапан закрыт.");
    assert_eq!(got[2], "Потом подождите.");
}

#[test]
fn alternatives_keyed_by_id_give_101_to_the_unit_with_that_id() {
    // OmegaT keeps the alternative translations of a file that keys its units by id (a
    // .properties file, a PO file with contexts) under the unit's `file` and `id`.
    let env = Env::new();
    let tmx = env.write(
        "project_save.tmx",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="en" datatype="plaintext"/>
<body>
<tu><tuv lang="en"><seg>Save</seg></tuv><tuv lang="ru"><seg>Сохранить</seg></tuv></tu>
<tu><prop type="file">src/messages.properties</prop><prop type="id">menu.save</prop><tuv lang="en"><seg>Save</seg></tuv><tuv lang="ru"><seg>Сохранить файл</seg></tuv></tu>
</body></tmx>"#,
    );
    env.run(&["import", &tmx]);
    let xlf = env.write(
        "messages.xlf",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="messages.properties" source-language="en" target-language="ru" datatype="plaintext"><body>
<trans-unit id="menu.save"><source>Save</source></trans-unit>
<trans-unit id="toolbar.save"><source>Save</source></trans-unit>
</body></file></xliff>"#,
    );
    let out = env.path("out.xlf");
    let o = env.output(&["pretranslate", &xlf, "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("context (101%)           1"), "{err}");
    let d = xliff::read_document(&out).unwrap().1;
    let target = |id: &str| {
        d.segments
            .iter()
            .find(|s| s.unit.tuid.as_deref() == Some(id))
            .map(|s| s.unit.tgt.clone())
            .unwrap()
    };
    assert_eq!(target("menu.save"), "Сохранить файл");
    // The other unit has no alternative of its own: the exact match stands at 100 %.
    assert!(!target("toolbar.save").is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("match-quality=\"101\""), "{text}");
    xmllint_ok(&out);
    schema_valid(&out);
}
