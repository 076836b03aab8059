//! Analysis: how much of a new document does the memory already cover?
//!
//! The CAT-tool report translators quote work from: every segment of the document is looked
//! up (with its previous segment as context) and counted, with its words, in the band of its
//! best match. A segment that repeats an earlier segment of the same document counts as an
//! internal repetition, whatever the memory holds.

use super::{lookup_with, LookupOptions};
use crate::memory::Store;
use crate::text::{normalize, words};
use crate::Result;
use serde::Serialize;
use std::collections::HashSet;

/// The bands of an analysis, best first.
pub const BANDS: [&str; 8] = [
    "context (101%)",
    "repetitions",
    "100%",
    "95-99%",
    "85-94%",
    "75-84%",
    "50-74%",
    "no match",
];

/// Segments and words in one band.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Band {
    /// Band name (see [`BANDS`]).
    pub band: String,
    /// Segments in the band.
    pub segments: usize,
    /// Words of those segments.
    pub words: usize,
}

/// The analysis of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    /// One row per band, in [`BANDS`] order.
    pub bands: Vec<Band>,
    /// All segments.
    pub total_segments: usize,
    /// All words.
    pub total_words: usize,
}

fn band_of(score: Option<u32>) -> usize {
    match score {
        Some(101..) => 0,
        Some(100) => 2,
        Some(95..=99) => 3,
        Some(85..=94) => 4,
        Some(75..=84) => 5,
        Some(50..=74) => 6,
        _ => 7,
    }
}

/// Analyses `segments` (the source sentences of a document, in order) against the memory.
pub fn analyze(mem: &dyn Store, segments: &[String]) -> Result<Analysis> {
    analyze_keyed(mem, segments, &[])
}

/// [`analyze`] with each segment's key in a file that keys its units by id, where it has one
/// (`keys[i]` for `segments[i]`; see [`LookupOptions::key`]).
pub fn analyze_keyed(
    mem: &dyn Store,
    segments: &[String],
    keys: &[Option<String>],
) -> Result<Analysis> {
    let mut bands: Vec<Band> = BANDS
        .iter()
        .map(|b| Band {
            band: b.to_string(),
            ..Band::default()
        })
        .collect();
    let mut seen = HashSet::new();
    for (i, seg) in segments.iter().enumerate() {
        let n_words = words(seg).len();
        let band = if !seen.insert(normalize(seg)) {
            1
        } else {
            let opts = LookupOptions {
                min_score: 50,
                limit: 1,
                prev: i.checked_sub(1).map(|p| segments[p].clone()),
                key: keys.get(i).cloned().flatten(),
                ..LookupOptions::default()
            };
            band_of(lookup_with(mem, seg, &opts)?.first().map(|m| m.score))
        };
        bands[band].segments += 1;
        bands[band].words += n_words;
    }
    Ok(Analysis {
        total_segments: segments.len(),
        total_words: bands.iter().map(|b| b.words).sum(),
        bands,
    })
}

/// The analysis as a text table.
pub fn render_text(a: &Analysis) -> String {
    let mut out = format!("{:<16} {:>9} {:>9}\n", "band", "segments", "words");
    for b in &a.bands {
        out.push_str(&format!(
            "{:<16} {:>9} {:>9}\n",
            b.band, b.segments, b.words
        ));
    }
    out.push_str(&format!(
        "{:<16} {:>9} {:>9}\n",
        "total", a.total_segments, a.total_words
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{Memory, NewSegment};

    #[test]
    fn segments_fall_into_bands() {
        let mut m = Memory::open_in_memory().unwrap();
        let seg = |s: &str, t: &str| NewSegment {
            src_lang: "en".into(),
            src: s.into(),
            tgt: Some(("ru".into(), t.into())),
        };
        m.ingest_document(
            "d",
            "h",
            &[
                seg(
                    "The meeting starts at noon.",
                    "Встреча начинается в полдень.",
                ),
                seg(
                    "The ministers discussed the budget.",
                    "Министры обсудили бюджет.",
                ),
                seg(
                    "Press the green button to continue.",
                    "Нажмите зелёную кнопку, чтобы продолжить.",
                ),
            ],
        )
        .unwrap();
        let doc: Vec<String> = [
            "The meeting starts at noon.", // 100 (no context: first segment)
            "The ministers discussed the budget.", // 101: same previous segment
            "Press the green button to continue.", // 101 as well
            "The meeting starts at noon.", // repetition
            "Press the red button to continue.", // fuzzy
            "Something entirely new appears here.", // no match
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let a = analyze(&m, &doc).unwrap();
        let by: Vec<usize> = a.bands.iter().map(|b| b.segments).collect();
        assert_eq!(by, vec![2, 1, 1, 0, 1, 0, 0, 1]);
        assert_eq!(a.total_segments, 6);
        assert_eq!(a.bands[1].words, 5);
        assert!(render_text(&a).contains("repetitions"));
    }
}
