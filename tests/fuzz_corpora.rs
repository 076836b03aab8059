//! Runs every committed fuzz corpus (`fuzz/corpus/<target>/`, regressions included) through the
//! invariant-checking functions the fuzz targets call (`tm::fuzzing`), on the stable toolchain:
//! what the fuzzer once found keeps being checked without fuzzing.

use std::path::Path;

#[test]
fn every_corpus_input_keeps_its_invariants() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut total = 0;
    for &(name, run) in tm::fuzzing::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("a corpus entry").path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{name}: empty corpus");
        for f in &files {
            let data = std::fs::read(f).expect("a corpus file reads");
            let ok = std::panic::catch_unwind(|| run(&data));
            assert!(ok.is_ok(), "{name}: {} breaks an invariant", f.display());
        }
        total += files.len();
    }
    assert!(total >= tm::fuzzing::TARGETS.len());
}

#[test]
fn every_target_has_a_fuzz_binary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/fuzz_targets");
    for &(name, _) in tm::fuzzing::TARGETS {
        assert!(
            root.join(format!("{name}.rs")).exists(),
            "fuzz/fuzz_targets/{name}.rs is missing"
        );
    }
}

/// What the fuzz targets found, as small inputs of their own (the minimised crash inputs are
/// in the corpora as `regression-*`).
#[test]
fn regressions_found_by_fuzzing() {
    // TBX: a status note in a concept opened inside another's term group applied to terms
    // from the outer concept's count (index out of range).
    let tbx = r#"<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en">
<term>one</term><term>two</term><term>three</term><termSec><term>four</term>
<conceptEntry id="b"><langSec xml:lang="en">
<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
</langSec></conceptEntry></termSec></langSec></conceptEntry></body></text></tbx>"#;
    let read = tm::formats::termbase::parse_tbx(Path::new("t.tbx"), tbx);
    assert!(read.is_ok_and(|concepts| concepts.iter().all(|c| c.terms.len() <= 4)));
    tm::fuzzing::xml_formats(&[b"\x02", tbx.as_bytes()].concat());
    // Concordance of words with inner punctuation (`k:ey`, `e-mail`): each run of letters is
    // a stem of its own, no error.
    let mut mem = tm::memory::Memory::open_in_memory().unwrap();
    let unit = tm::formats::Unit {
        src_lang: "en".into(),
        src: "The key is here.".into(),
        tgt_lang: "ru".into(),
        tgt: "Ключ здесь.".into(),
        ..Default::default()
    };
    mem.import_units(&[unit], "t").unwrap();
    let hits = mem
        .concordance(&["k:ey".into(), "e-mail".into()], 10, "[", "]")
        .expect("no phrase query");
    assert!(hits.is_empty());
    let hits = mem.concordance(&["the:key".into()], 10, "[", "]").unwrap();
    assert_eq!(hits.len(), 1);
    tm::fuzzing::server_request(b"\x00/api/concordance?q=fil%60e+k:isegme");
    // TMX: a language code of control chars was read, then written without them (XML 1.0
    // has none), and tm's own TMX was refused: such a code is refused when read.
    let tmx = "<tmx version=\"1.4\"><header srclang=\"ru\"/><body><tu><tuv xml:lang=\"ru\"><seg>Один</seg></tuv><tuv xml:lang=\"\u{1}\u{1f}\"><seg>One</seg></tuv></tu></body></tmx>";
    let read = tm::formats::tmx::parse(Path::new("t.tmx"), tmx);
    assert!(read.is_err_and(|e| e.to_string().contains("not a language code")));
    tm::fuzzing::xml_formats(&[b"\x00", tmx.as_bytes()].concat());
    // TSV: a text in quotes of its own keeps its quotes through write and read.
    tm::fuzzing::text_formats(b"\x00en\tru\n\"\"\"Done\"\"\"\t\"x\"\n");
}
