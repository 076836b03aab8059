//! Time to find a correction for a flagged word, as the spelling check does it
//! (`qa::spelling::suggestion`: frequency-list candidates within two edits, then up to three,
//! then any dictionary word one edit away), each word once. Words come from the `text` of the `spelling` rows
//! of `tm qa --format jsonl` reports. Prints words, mean and p95 ms per word, and the share
//! given a suggestion.
//!
//!   cargo bench --bench suggest -- REPORT.jsonl...

use std::collections::BTreeSet;
use std::time::Instant;
use tm::qa::{spelling, suggest};
use tm::text::{is_cyrillic, lexicon, Lang};

fn main() {
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let mut words = BTreeSet::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}"));
        for line in text.lines() {
            let Ok(row) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if row["check"] == "spelling" {
                if let Some(w) = row["text"].as_str() {
                    words.insert(w.to_string());
                }
            }
        }
    }
    if words.is_empty() {
        println!("suggest: no spelling rows in {files:?}");
        return;
    }
    for lang in [Lang::En, Lang::Ru] {
        suggest::preload(lang);
        lexicon::dictionaries(lang);
    }
    let mut times = Vec::new();
    let mut found = 0;
    for w in &words {
        let lang = if w.chars().any(is_cyrillic) {
            Lang::Ru
        } else {
            Lang::En
        };
        let t = Instant::now();
        let s = spelling::suggestion(lang, w);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        found += usize::from(s.is_some());
    }
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!(
        "suggest: {} flagged words, {mean:.3} ms per word (p95 {p95:.3} ms), {:.1} % with a suggestion",
        times.len(),
        100.0 * found as f64 / times.len() as f64
    );
}
