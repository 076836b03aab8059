//! Builds `data/lm/ru_common.txt`: the Russian word forms of `data/lm/ru_words.tsv` that the
//! shipped Russian Hunspell dictionary accepts in lower case (common words, not names), one per
//! line in byte order, so that the splitter can ask "is this capitalised word a common word?"
//! by binary search over the embedded list, with nothing to load.
//!
//!     cargo run --release --example build_ru_common

use std::io::Write;
use tm::text::{lexicon, Lang};

fn main() -> std::io::Result<()> {
    let words = std::fs::read_to_string("data/lm/ru_words.tsv")?;
    let dicts = lexicon::dictionaries(Lang::Ru);
    let mut kept: Vec<&str> = words
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .filter(|w| !w.is_empty() && dicts.iter().any(|d| d.check(w)))
        .collect();
    kept.sort_unstable();
    kept.dedup();
    let mut out = std::io::BufWriter::new(std::fs::File::create("data/lm/ru_common.txt")?);
    for w in &kept {
        writeln!(out, "{w}")?;
    }
    eprintln!("{} of the listed forms kept", kept.len());
    Ok(())
}
