//! Translation-memory tests through the `tm` binary: TMX import/export, duplicates, invalid
//! units, concordance, and durability (killed import, lookups during an import).

mod common;

use common::Env;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

const RICH_TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-US" datatype="plaintext"/>
<body>
<tu tuid="7"><prop type="x-project">Atlas</prop><note>checked &amp; approved</note>
<tuv xml:lang="en-US"><seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> to keep 3 files &amp; "notes" 😀</seg></tuv>
<tuv xml:lang="ru-RU"><seg>Нажмите <bpt i="1">&lt;b&gt;</bpt>Сохранить<ept i="1">&lt;/b&gt;</ept>, чтобы сохранить 3 файла и «заметки» 😀</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Open the file 𝔘</seg></tuv><tuv xml:lang="ru-RU"><seg>Откройте файл 𝔘</seg></tuv></tu>
</body></tmx>
"#;

#[test]
fn tmx_round_trip_keeps_markup_props_notes_and_characters() {
    let env = Env::new();
    let tmx = env.write("rich.tmx", RICH_TMX);
    env.run(&["import", &tmx]);
    assert_eq!(env.pairs(), 2);
    // Inline codes are placeholders in lookups...
    let j: serde_json::Value = serde_json::from_str(&env.run(&[
        "lookup",
        "Click {1}Save{/1} to keep 3 files & \"notes\" 😀",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(j[0]["score"], 100);
    assert!(j[0]["target"]
        .as_str()
        .unwrap()
        .starts_with("Нажмите {1}Сохранить{/1}"));
    // ...and markup in exports.
    let out = env.path("out.tmx");
    env.run(&["export", "--format", "tmx", "-o", out.to_str().unwrap()]);
    let exported = std::fs::read_to_string(&out).unwrap();
    assert!(
        exported.contains(r#"<bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>"#),
        "{exported}"
    );
    assert!(exported.contains(r#"<prop type="x-project">Atlas</prop>"#));
    assert!(exported.contains("<note>checked &amp; approved</note>"));
    assert!(exported.contains(r#"<tu tuid="7">"#));
    assert!(exported.contains("𝔘") && exported.contains("😀"));
    // Importing the export into an empty memory gives the same export again.
    let env2 = Env::new();
    env2.run(&["import", out.to_str().unwrap()]);
    let out2 = env2.path("out2.tmx");
    env2.run(&["export", "--format", "tmx", "-o", out2.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(out2).unwrap(), exported);
}

#[test]
fn malformed_units_stop_the_import_or_are_skipped() {
    let env = Env::new();
    let bad = env.write(
        "bad.tmx",
        "<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n\
         <tu><tuv xml:lang=\"en\"><seg>One</seg></tuv><tuv xml:lang=\"ru\"><seg>Один</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"en\"><seg>Two</seg></tuv><tuv><seg>Два</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"en\"><seg>Three</seg></tuv><tuv xml:lang=\"ru\"><seg>Три</seg></tuv></tu>\n\
         </body></tmx>\n",
    );
    let out = env.output(&["import", &bad]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.tmx:3:") && err.contains("no xml:lang"),
        "{err}"
    );
    assert_eq!(env.pairs(), 0, "nothing may be imported");

    let out = env.output(&["import", &bad, "--skip-invalid"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("skipped: ") && err.contains("bad.tmx:3:"),
        "{err}"
    );
    assert_eq!(env.pairs(), 2);
}

#[test]
fn duplicate_policies() {
    let env = Env::new();
    let a = env.write("a.tsv", "en\tru\nOpen the file\tОткройте файл\n");
    let b = env.write("b.tsv", "en\tru\nOpen the file\tОткрыть файл\n");
    env.run(&["import", &a]);
    env.run(&["import", &a]);
    assert_eq!(env.pairs(), 1, "skip is the default");
    env.run(&["import", &a, "--on-duplicate", "keep-both"]);
    assert_eq!(env.pairs(), 2);
    env.run(&["import", &b, "--on-duplicate", "overwrite"]);
    assert_eq!(env.pairs(), 1);
    let tsv = env.run(&["export", "--format", "tsv"]);
    assert!(
        tsv.contains("Открыть файл") && !tsv.contains("Откройте"),
        "{tsv}"
    );
}

#[test]
fn russian_concordance_finds_inflected_forms() {
    let env = Env::new();
    let t = env.write(
        "c.tsv",
        "en\tru\nNATO is ready to work\tНАТО готово работать\nThe work continues\tРабота продолжается\nThey worked a lot\tОни много работали\nNo match here\tЗдесь ничего нет\n",
    );
    env.run(&["import", &t]);
    let out = env.run(&["concordance", "работа"]);
    assert!(
        out.contains("[работать]") && out.contains("[Работа]") && out.contains("[работали]"),
        "{out}"
    );
    assert!(!out.contains("ничего"));
    let out = env.run(&["concordance", "works"]);
    assert!(out.contains("[work]") && out.contains("[worked]"), "{out}");
}

/// Starts `tm import FILE` into the environment's memory as a separate process.
fn spawn_import(env: &Env, file: &Path) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("tm"))
        .args(["import", file.to_str().unwrap()])
        .env("TM_DB", env.db())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A TMX file of `n` units with distinct texts.
fn big_tmx(path: &Path, n: usize) {
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>Unit number {i} of the large test memory {}</seg></tuv><tuv xml:lang=\"ru\"><seg>Единица номер {i} большой тестовой памяти {}</seg></tuv></tu>\n",
            i * 7,
            i * 7
        ));
    }
    s.push_str("</body></tmx>\n");
    std::fs::write(path, s).unwrap();
}

#[test]
fn a_killed_import_leaves_none_or_all_of_it() {
    let env = Env::new();
    let seed = env.write("seed.tsv", "en\tru\nKeep me\tОставь меня\n");
    env.run(&["import", &seed]);
    let big = env.path("big.tmx");
    big_tmx(&big, 60_000);
    for delay_ms in [50u64, 400] {
        let mut child = spawn_import(&env, &big);
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let pairs = env.pairs();
        assert!(pairs == 1 || pairs == 60_001, "partial import: {pairs}");
        let check = env.run(&["lookup", "Keep me", "--format", "json"]);
        assert!(check.contains("Оставь меня"));
    }
}

#[test]
fn a_killed_bulk_import_into_an_empty_memory_leaves_it_empty_or_complete() {
    let env = Env::new();
    let big = env.path("big.tmx");
    big_tmx(&big, 60_000);
    let mut child = spawn_import(&env, &big);
    std::thread::sleep(Duration::from_millis(600));
    child.kill().unwrap();
    child.wait().unwrap();
    let pairs = env.pairs();
    assert!(pairs == 0 || pairs == 60_000, "partial import: {pairs}");
    // The memory is usable afterwards: the same import runs to the end.
    let small = env.write("small.tsv", "en\tru\nKeep me\tОставь меня\n");
    env.run(&["import", &small]);
    assert_eq!(env.pairs(), pairs + 1);
}

#[test]
fn lookups_keep_working_while_an_import_runs() {
    let env = Env::new();
    let seed = env.write("seed.tsv", "en\tru\nKeep me\tОставь меня\n");
    env.run(&["import", &seed]);
    let big = env.path("big.tmx");
    big_tmx(&big, 40_000);
    let mut child = spawn_import(&env, &big);
    let start = Instant::now();
    // Look up as long as the import runs (at least once, however fast the import is).
    loop {
        let out = env.run(&["lookup", "Keep me", "--format", "json"]);
        assert!(out.contains("Оставь меня"), "{out}");
        if child.try_wait().unwrap().is_some() || start.elapsed() > Duration::from_secs(60) {
            break;
        }
    }
    assert!(child.wait().unwrap().success());
    assert_eq!(env.pairs(), 40_001);
}

/// Units for the posting-cache test: two families of sentences with a running number.
fn units(n: std::ops::Range<usize>) -> Vec<tm::formats::Unit> {
    n.flat_map(|i| {
        [
            format!("The quarterly report number {i} was approved by the board"),
            format!("Budget plans were discussed at length by the council {i}"),
        ]
    })
    .map(|src| tm::formats::Unit {
        src_lang: "en".into(),
        src,
        tgt_lang: "ru".into(),
        tgt: "Перевод".into(),
        ..Default::default()
    })
    .collect()
}

fn unit(src: &str) -> tm::formats::Unit {
    tm::formats::Unit {
        src_lang: "en".into(),
        src: src.into(),
        tgt_lang: "ru".into(),
        tgt: "Новый перевод".into(),
        ..Default::default()
    }
}

#[test]
fn a_shared_posting_cache_never_hides_new_units() {
    use std::sync::Arc;
    use tm::lookup::{lookup_with, LookupOptions};
    use tm::memory::{fuzzy::PostingCache, Memory, OnDuplicate};
    let env = Env::new();
    let cache = Arc::new(PostingCache::new(64 << 20));
    let mut a = Memory::open(&env.db()).unwrap();
    a.share_postings(cache.clone());
    let mut it = units(0..50).into_iter().map(Ok);
    a.import_stream(&mut it, "import:a", OnDuplicate::Skip, &mut |_| {})
        .unwrap();
    let mut b = Memory::open(&env.db()).unwrap();
    b.share_postings(cache.clone());
    let opts = LookupOptions::default();
    let best = |m: &Memory, q: &str| {
        lookup_with(m, q, &opts)
            .unwrap()
            .first()
            .map_or(0, |x| x.score)
    };
    // Made of the corpus's words, close to none of its sentences: every trigram list it reads
    // is now in the cache.
    let q = "The board discussed the quarterly budget at length";
    assert!(best(&a, q) < 75, "{}", best(&a, q));
    assert!(best(&b, q) < 75, "{}", best(&b, q));
    // A near copy of the query written through a connection sharing the cache…
    let mut it = std::iter::once(Ok(unit(
        "The board discussed the quarterly budget at length today",
    )));
    b.import_stream(&mut it, "import:b", OnDuplicate::Skip, &mut |_| {})
        .unwrap();
    // (the writer first: its own commit does not change its data_version)
    assert!(best(&b, q) >= 85, "{}", best(&b, q));
    assert!(best(&a, q) >= 85, "{}", best(&a, q));
    // …and one written by a connection that does not share it (another process).
    let q2 = "The council approved the quarterly plans at length";
    assert!(best(&a, q2) < 75, "{}", best(&a, q2));
    let mut other = Memory::open(&env.db()).unwrap();
    let mut it = std::iter::once(Ok(unit(
        "The council approved the quarterly plans at length today",
    )));
    other
        .import_stream(&mut it, "import:c", OnDuplicate::Skip, &mut |_| {})
        .unwrap();
    assert!(best(&a, q2) >= 85, "{}", best(&a, q2));
}

#[test]
fn a_first_import_works_while_another_connection_is_open() {
    use tm::memory::{Memory, OnDuplicate};
    let env = Env::new();
    let reader = Memory::open(&env.db()).unwrap();
    let mut writer = Memory::open(&env.db()).unwrap();
    let mut it = units(0..10).into_iter().map(Ok);
    let stats = writer
        .import_stream(&mut it, "import:a", OnDuplicate::Skip, &mut |_| {})
        .unwrap();
    assert_eq!(stats.added, 20);
    assert_eq!(reader.stats().unwrap().pairs, 20);
}
