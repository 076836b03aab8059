//! CPU time of splitting a file inside the process, as `tm split` does it (the streaming
//! splitter, every sentence written as a line), after one warm-up call: the figure that
//! compares like for like with a library timed inside its interpreter. `benches/segment.sh`
//! runs it beside `tm split` and sentencex.
//!
//!   cargo bench --bench split -- en|ru FILE [RUNS]
//!
//! Prints `sentences cpu_seconds` (the median of RUNS, default 5) and checks that every run
//! wrote the same output.

use std::io::Write;
use std::path::Path;
use tm::segment::stream::split_reader_texts;
use tm::text::Lang;

/// CPU time this thread has used, in seconds. `CLOCK_THREAD_CPUTIME_ID` adds the time since
/// the last scheduler tick; `/proc/thread-self/schedstat` does not, so it moves in whole ticks.
fn thread_cpu() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "clock_gettime");
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

/// Splits `bytes` as `tm split --lang L` does, into `out`; returns the sentence count.
fn split_into(bytes: &[u8], lang: Lang, out: &mut Vec<u8>) -> usize {
    let mut n = 0;
    split_reader_texts(Path::new("bench"), bytes, Some(lang), |s| {
        n += 1;
        out.write_all(s.as_bytes())?;
        out.write_all(b"\n")
    })
    .expect("split");
    n
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let lang = match args.first().map(String::as_str) {
        Some("en") => Lang::En,
        Some("ru") => Lang::Ru,
        _ => panic!("usage: split en|ru FILE [RUNS]"),
    };
    let path = args.get(1).expect("usage: split en|ru FILE [RUNS]");
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 8);
    // The rules load on first use, as sentencex's do on its warm-up call.
    split_into(b"Warm up. Done.", lang, &mut out);
    let mut first: Option<Vec<u8>> = None;
    let mut times = Vec::new();
    let mut n = 0;
    for _ in 0..runs.max(1) {
        out.clear();
        let t = thread_cpu();
        n = split_into(&bytes, lang, &mut out);
        times.push(thread_cpu() - t);
        match &first {
            None => first = Some(out.clone()),
            Some(f) => assert!(f == &out, "runs wrote different output"),
        }
    }
    times.sort_by(f64::total_cmp);
    println!("{n} {}", times[times.len() / 2]);
}
