//! Fuzzing: what must hold whatever bytes a user feeds the tool?
//!
//! One function per fuzz target of `fuzz/` (coverage-guided, `cargo fuzz`); `tests/fuzz_corpora.rs`
//! feeds every file of the committed corpora through the same functions on stable, so CI keeps
//! every input the fuzzer found interesting (and every crash it found, once fixed). A function
//! returns normally on any input, bad input included; it panics only when an invariant breaks:
//! a sentence split that loses text or gives offsets out of range, an alignment that is not
//! monotone or leaves a sentence out, an import that stores part of a failing batch, a QA
//! finding outside its side, a lookup score above 100, a request that panics the server.
//!
//! The first byte of an input picks the format or language where a target covers several
//! (`xml_formats`: TMX, XLIFF, TBX, SRX; `text_formats`: TSV, CSV, PO, TOML profiles,
//! decoding).

use crate::align::{align_sentences, AlignConfig};
use crate::formats::{self, encoding, po, termbase, tmx, tsv, xliff};
use crate::memory::{Memory, OnDuplicate};
use crate::qa::{self, QaUnit, Side};
use crate::segment::{self, srx::SrxDocument};
use crate::text::Lang;
use std::path::Path;

/// A fuzz target's function: any bytes in, a panic only when an invariant breaks.
pub type Target = fn(&[u8]);

/// The fuzz targets, by name (`fuzz/fuzz_targets/<name>.rs`, `fuzz/corpus/<name>/`).
pub const TARGETS: &[(&str, Target)] = &[
    ("xml_formats", xml_formats),
    ("text_formats", text_formats),
    ("split", split),
    ("align", align),
    ("qa", qa_units),
    ("lookup", lookup),
    ("import", import),
    ("server", server_request),
];

/// Splits an input into its selector byte and the rest.
fn selector(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((&b, rest)) => (b, rest),
        None => (0, &[]),
    }
}

/// TMX, XLIFF, TBX or SRX (by the first byte) from any bytes in any encoding the XML
/// decoder takes. A TMX read back from what `tmx::write` makes of its units gives the same
/// texts; an SRX document's rules split a text within its bounds.
pub fn xml_formats(data: &[u8]) {
    let (sel, rest) = selector(data);
    let path = Path::new("fuzz.xml");
    let Ok(text) = encoding::decode_xml(path, rest) else {
        return;
    };
    match sel % 4 {
        0 => {
            if let Ok(units) = tmx::parse(path, &text) {
                let again = tmx::parse(path, &tmx::write(&units))
                    .unwrap_or_else(|e| panic!("tm's own TMX is refused: {e}"));
                // The writer leaves out the control chars XML 1.0 does not allow (documented).
                let xml = |t: &str| -> String {
                    t.chars()
                        .filter(|&c| c >= ' ' || matches!(c, '\t' | '\n' | '\r'))
                        .collect()
                };
                let texts = |us: &[formats::Unit]| -> Vec<(String, String)> {
                    us.iter().map(|u| (xml(&u.src), xml(&u.tgt))).collect()
                };
                assert_eq!(
                    texts(&units),
                    texts(&again),
                    "TMX round trip changed the texts"
                );
            }
        }
        1 => {
            let _ = xliff::parse(path, &text);
            if let Ok(doc) = xliff::parse_document(path, &text) {
                let filled = xliff::fill(
                    &text,
                    &doc,
                    xliff::FillOptions {
                        confirm_exact: sel & 0x80 != 0,
                    },
                    |_, s| {
                        Ok(vec![xliff::Proposal {
                            score: 100,
                            source: s.unit.src.clone(),
                            target: format!("<{}> & \"x\"", s.unit.src),
                        }])
                    },
                );
                if let Ok((out, _)) = filled {
                    // The filled file is read again without error.
                    xliff::parse_document(path, &out)
                        .unwrap_or_else(|e| panic!("filled XLIFF is refused: {e}"));
                }
            }
        }
        2 => {
            if let Ok(concepts) = termbase::parse_tbx(path, &text) {
                for c in &concepts {
                    let _ = qa::profile::GlossaryEntry::from_concept(c);
                }
            }
        }
        _ => {
            if let Ok(doc) = SrxDocument::parse(path, &text) {
                for lang in ["en", "ru", "de-DE"] {
                    if let Ok(rules) = doc.rules_for(lang) {
                        let sample = "Mr. Smith came. He left! Это т. е. конец... Да? 3.5 m.";
                        check_ranges(sample, &rules.split(sample));
                    }
                }
            }
        }
    }
}

/// TSV, CSV termbase, PO, TOML profile or plain-text decoding (by the first byte). A TSV
/// written from the units read gives them back.
pub fn text_formats(data: &[u8]) {
    let (sel, rest) = selector(data);
    let path = Path::new("fuzz.txt");
    match sel % 5 {
        0 => {
            let Ok(text) = std::str::from_utf8(rest) else {
                return;
            };
            for lenient in [false, true] {
                if let Ok(table) = tsv::parse(path, text, lenient) {
                    let units = tsv::to_units(&table);
                    if !lenient {
                        let again = tsv::parse(path, &tsv::write(&units), false)
                            .unwrap_or_else(|e| panic!("tm's own TSV is refused: {e}"));
                        // Tabs and line breaks inside a text become spaces (documented).
                        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
                        let first: Vec<(String, String)> = units
                            .iter()
                            .map(|u| (clean(&u.src), clean(&u.tgt)))
                            .collect();
                        let back: Vec<(String, String)> = again
                            .rows
                            .iter()
                            .map(|r| (r.src.clone(), r.tgt.clone()))
                            .collect();
                        assert_eq!(first, back, "TSV round trip changed the rows");
                    }
                }
            }
        }
        1 => {
            if let Ok(text) = std::str::from_utf8(rest) {
                for sep in [b',', b'\t', b';'] {
                    let _ = termbase::parse_table(path, text, sep);
                }
            }
        }
        2 => {
            if let Ok(text) = std::str::from_utf8(rest) {
                if let Ok(cat) = po::parse(path, text) {
                    for m in &cat.messages {
                        for (s, _) in m.pairs() {
                            assert!(!s.is_empty() || m.id.is_empty());
                        }
                    }
                }
            }
        }
        3 => {
            if let Ok(text) = std::str::from_utf8(rest) {
                if let Ok(p) = qa::Profile::parse(path, text) {
                    // A profile that loads runs the checks without panicking.
                    let units = [QaUnit {
                        id: 0,
                        origin: "fuzz".into(),
                        src: Side::new(Some("en"), "The 3 files are ready."),
                        tgt: Some(Side::new(Some("ru"), "3 файла готовы.")),
                    }];
                    let found = qa::check_with(&units, &p, |_| {});
                    check_findings(&units, &found);
                }
            }
        }
        _ => {
            if let Ok(text) = formats::decode_text(path, rest.to_vec()) {
                assert!(!text.contains('\0'), "decoded text keeps NUL bytes");
            }
            let _ = formats::decode_file(Path::new("fuzz.tmx"), rest.to_vec());
        }
    }
}

/// Asserts that sentence ranges are in order, inside `text`, on char boundaries, non-empty,
/// trimmed, and that only white space lies between them.
fn check_ranges(text: &str, ranges: &[std::ops::Range<usize>]) {
    let mut pos = 0;
    for r in ranges {
        assert!(
            r.start >= pos && r.start < r.end && r.end <= text.len(),
            "range {r:?} out of order"
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "range {r:?} splits a char"
        );
        let gap = &text[pos..r.start];
        assert!(
            gap.chars().all(char::is_whitespace),
            "text lost between sentences: {gap:?}"
        );
        pos = r.end;
    }
    assert!(
        text[pos..].chars().all(char::is_whitespace),
        "text lost after the last sentence"
    );
}

/// `split` in the language the first byte picks (English, Russian, detected): byte ranges in
/// order that lose no text but white space, and sentences whose char offsets match them; the
/// streaming splitter sees the same non-white text.
pub fn split(data: &[u8]) {
    let (sel, rest) = selector(data);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let lang = match sel % 3 {
        0 => Lang::En,
        1 => Lang::Ru,
        _ => crate::text::detect_lang(text).unwrap_or(Lang::En),
    };
    let ranges = segment::split(text, lang);
    check_ranges(text, &ranges);
    let chars = text.chars().count();
    let sentences = segment::to_sentences(text, ranges.clone());
    assert_eq!(sentences.len(), ranges.len());
    for (s, r) in sentences.iter().zip(&ranges) {
        assert!(
            s.start < s.end && s.end <= chars,
            "sentence offsets out of range"
        );
        assert_eq!(s.end - s.start, text[r.clone()].chars().count());
    }
    let mut streamed = Vec::new();
    let res = segment::stream::split_reader(Path::new("fuzz.txt"), rest, Some(lang), |s| {
        streamed.push((s.start, s.end));
        Ok(())
    });
    if res.is_ok() {
        let mut last = 0;
        for &(start, end) in &streamed {
            assert!(
                start >= last && start < end && end <= chars,
                "streamed offsets out of range"
            );
            last = end;
        }
    }
}

/// Two texts (split at the first NUL byte) split into sentences and aligned: beads in order
/// that take every sentence of both sides exactly once, scores in 0–1.
pub fn align(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (a, b) = text.split_once('\0').unwrap_or((text, ""));
    let src: Vec<&str> = segment::split(a, Lang::En)
        .into_iter()
        .map(|r| &a[r])
        .collect();
    let tgt: Vec<&str> = segment::split(b, Lang::Ru)
        .into_iter()
        .map(|r| &b[r])
        .collect();
    let aligned = align_sentences(&src, &tgt, &AlignConfig::default());
    let (mut i, mut j) = (0, 0);
    for bead in &aligned.beads {
        assert!(!bead.src.is_empty() || !bead.tgt.is_empty(), "empty bead");
        for &s in &bead.src {
            assert_eq!(s, i, "source sentences out of order");
            i += 1;
        }
        for &t in &bead.tgt {
            assert_eq!(t, j, "target sentences out of order");
            j += 1;
        }
        assert!(
            (0.0..=1.0).contains(&bead.score),
            "bead score {}",
            bead.score
        );
    }
    assert_eq!(
        (i, j),
        (src.len(), tgt.len()),
        "alignment leaves sentences out"
    );
    for (s, t) in &aligned.low_confidence {
        assert!(
            s.end <= src.len() && t.end <= tgt.len(),
            "low-confidence range out of range"
        );
    }
}

/// Units from lines `source<TAB>target` (languages by the first byte), checked with every
/// check: each finding's offsets lie inside its side and its text is that span; the quality
/// and fluency scores are finite and name units of the batch.
pub fn qa_units(data: &[u8]) {
    let (sel, rest) = selector(data);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let langs = [
        (Some("en"), Some("ru")),
        (Some("ru"), Some("en")),
        (None, None),
    ];
    let (sl, tl) = langs[usize::from(sel % 3)];
    let units: Vec<QaUnit> = text
        .lines()
        .take(64)
        .enumerate()
        .map(|(i, line)| {
            let (s, t) = line.split_once('\t').unwrap_or((line, ""));
            QaUnit {
                id: i as i64,
                origin: "fuzz".into(),
                src: Side::new(sl, s),
                tgt: (sel & 0x80 == 0).then(|| Side::new(tl, t)),
            }
        })
        .collect();
    let found = qa::check(&units);
    check_findings(&units, &found);
    if sel & 0x40 != 0 {
        for (i, score) in qa::quality::score_units(&units) {
            assert!(
                i < units.len() && score.is_finite(),
                "quality score {score} of unit {i}"
            );
        }
        for (i, _, score) in qa::fluency::score_units(&units) {
            assert!(
                i < units.len() && score.is_finite(),
                "fluency score {score} of unit {i}"
            );
        }
    }
}

/// Asserts that every finding names a unit and side of the batch and a span inside it.
fn check_findings(units: &[QaUnit], found: &[qa::Finding]) {
    for f in found {
        let unit = units
            .get(f.unit)
            .unwrap_or_else(|| panic!("finding names unit {}", f.unit));
        let side = unit
            .side(f.side)
            .unwrap_or_else(|| panic!("finding on a missing side: {f:?}"));
        let chars = side.text.chars().count();
        assert!(
            f.start <= f.end && f.end <= chars,
            "finding out of its side: {f:?}"
        );
        let span: String = side
            .text
            .chars()
            .skip(f.start)
            .take(f.end - f.start)
            .collect();
        assert_eq!(span, f.text, "finding text is not its span: {f:?}");
    }
}

/// A small memory of Russian–English pairs in RAM, built once per thread.
fn with_small_memory<R>(f: impl FnOnce(&mut Memory) -> R) -> R {
    thread_local! {
        static MEM: std::cell::RefCell<Option<Memory>> = const { std::cell::RefCell::new(None) };
    }
    MEM.with(|cell| {
        let mut slot = cell.borrow_mut();
        let mem = slot.get_or_insert_with(|| {
            let mut mem = Memory::open_in_memory().expect("a memory in RAM opens");
            mem.import_units(&small_units(), "fuzz")
                .expect("the fuzz memory imports");
            mem
        });
        f(mem)
    })
}

fn small_units() -> Vec<formats::Unit> {
    const PAIRS: &[(&str, &str)] = &[
        ("The file was saved.", "Файл сохранён."),
        ("The file was not saved.", "Файл не сохранён."),
        (
            "Open the file in 3 seconds.",
            "Откройте файл через 3 секунды.",
        ),
        (
            "Click Save to keep your changes.",
            "Нажмите «Сохранить», чтобы сохранить изменения.",
        ),
        (
            "Moscow is the capital of Russia.",
            "Москва — столица России.",
        ),
        (
            "Version 2.5 was released in 2004.",
            "Версия 2.5 вышла в 2004 году.",
        ),
        ("Hello, world!", "Привет, мир!"),
        ("The {0} files are ready.", "{0} файлов готовы."),
    ];
    PAIRS
        .iter()
        .map(|&(s, t)| formats::Unit {
            src_lang: "en".into(),
            src: s.into(),
            tgt_lang: "ru".into(),
            tgt: t.into(),
            ..Default::default()
        })
        .collect()
}

/// Any text looked up in a small memory (exact, fuzzy with and without context, concordance,
/// coverage analysis): scores at most 101 and at least the minimum asked, proposals and diffs
/// built without panicking.
pub fn lookup(data: &[u8]) {
    let (sel, rest) = selector(data);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (query, prev) = text.split_once('\n').unwrap_or((text, ""));
    with_small_memory(|mem| {
        let opts = crate::lookup::LookupOptions {
            min_score: u32::from(sel % 101),
            limit: 5,
            prev: (!prev.is_empty()).then(|| prev.to_string()),
            // The same text as a key too: a lookup with both stays within its bounds.
            key: (!prev.is_empty()).then(|| crate::formats::id_key(None, prev)),
            candidates: 30,
        };
        if let Ok(matches) = crate::lookup::lookup_with(mem, query, &opts) {
            assert!(matches.len() <= opts.limit);
            for m in &matches {
                assert!(
                    m.score >= opts.min_score && m.score <= 101,
                    "score {}",
                    m.score
                );
            }
        }
        let words: Vec<String> = query
            .split_whitespace()
            .take(8)
            .map(str::to_string)
            .collect();
        let _ = mem.concordance(&words, 10, "[", "]");
        let _ = crate::lookup::analyze::analyze(mem, &[query.to_string(), prev.to_string()]);
        for u in small_units().iter().take(2) {
            let s = crate::lookup::score(query, &u.src);
            assert!(s <= 100, "score {s}");
            let _ = crate::lookup::propose(query, &u.src, &u.tgt);
            let _ = crate::lookup::diff(query, &u.src);
        }
    });
}

/// Units (TMX or TSV by the first byte; a unit that fails to read fails the import) imported
/// into a memory that holds a few pairs: an import stores all its units or none, and the
/// memory passes its own check afterwards.
pub fn import(data: &[u8]) {
    let (sel, rest) = selector(data);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let path = Path::new("fuzz");
    let units: Vec<crate::Result<formats::Unit>> = if sel % 2 == 0 {
        match tmx::parse(path, text) {
            Ok(us) => us.into_iter().map(Ok).collect(),
            Err(e) => vec![Err(e)],
        }
    } else {
        match tsv::parse(path, text, true) {
            Ok(t) => tsv::to_units(&t).into_iter().map(Ok).collect(),
            Err(e) => vec![Err(e)],
        }
    };
    // A unit that fails to read, after some that read, when the selector asks for one.
    let mut units = units;
    if sel & 0x80 != 0 {
        units.push(Err(crate::Error::Usage("a unit fails to read".into())));
    }
    let mut mem = Memory::open_in_memory().expect("a memory in RAM opens");
    mem.import_units(&small_units(), "seed")
        .expect("the seed pairs import");
    let before = mem.stats().expect("stats").segments;
    let policies = [
        OnDuplicate::Skip,
        OnDuplicate::KeepBoth,
        OnDuplicate::Overwrite,
    ];
    let policy = policies[usize::from(sel / 2 % 3)];
    let res = mem.import_stream(&mut units.into_iter(), "fuzz", policy, &mut |_| {});
    let after = mem.stats().expect("stats").segments;
    match res {
        Ok(stats) => assert!(
            after <= before + stats.added as i64,
            "more rows than units added"
        ),
        Err(_) => assert_eq!(before, after, "a failed import changed the memory"),
    }
    let report = mem.check().expect("the check runs");
    assert!(report.is_ok(), "memory check after import: {report:?}");
}

/// One HTTP request (method, path and query, content type, body from the input) sent to the
/// router of `tm serve` over a small read-only memory, without a socket: every request gets
/// an answer, and none panics a handler.
pub fn server_request(data: &[u8]) {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    static STATE: std::sync::OnceLock<(tokio::runtime::Runtime, axum::Router)> =
        std::sync::OnceLock::new();
    let (rt, router) = STATE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("tm-fuzz-server-{}", std::process::id()));
        let db = dir.join("memory.db");
        let mut mem = Memory::open(&db).expect("the fuzz server's memory opens");
        mem.import_units(&small_units(), "fuzz")
            .expect("the fuzz memory imports");
        drop(mem);
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime starts");
        let cfg = crate::server::ServeConfig {
            db,
            workers: 2,
            max_upload: 256 * 1024,
            ..Default::default()
        };
        let router = rt.block_on(async { crate::server::router(cfg) });
        (rt, router)
    });
    let (sel, rest) = selector(data);
    let (head, body) = match rest.iter().position(|&b| b == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let head = String::from_utf8_lossy(head);
    let (uri, content_type) = head.split_once('\n').unwrap_or((&head, ""));
    let method = ["GET", "POST", "PUT", "HEAD"][usize::from(sel % 4)];
    let uri = if uri.starts_with('/') {
        uri.to_string()
    } else {
        format!("/{uri}")
    };
    let mut req = Request::builder().method(method).uri(uri.as_str());
    if !content_type.is_empty() {
        req = req.header("content-type", content_type);
    }
    let Ok(req) = req.body(Body::from(body.to_vec())) else {
        return;
    };
    let resp = rt
        .block_on(router.clone().oneshot(req))
        .unwrap_or_else(|e| match e {});
    let status = resp.status();
    let body = rt.block_on(axum::body::to_bytes(resp.into_body(), 1 << 24));
    assert!(
        status.as_u16() < 500 || status.as_u16() == 503,
        "status {status} for {uri:?}: {:?}",
        body.map(|b| String::from_utf8_lossy(&b).into_owned())
    );
}
