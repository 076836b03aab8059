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
