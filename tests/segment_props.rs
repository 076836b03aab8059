//! Property tests of the sentence splitter on arbitrary Unicode input.

use proptest::prelude::*;
use tm::segment::{sentences, split, stream::split_reader};
use tm::text::Lang;

/// Text built from pieces that exercise the rules: abbreviations, quotes, dashes, emoji,
/// list markers, numbers, line breaks, mixed with arbitrary characters.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Mr. ".to_string()),
        Just("т. н. ".to_string()),
        Just("2004 г. ".to_string()),
        Just("«Можно?» — ".to_string()),
        Just("“Wait,” ".to_string()),
        Just("... ".to_string()),
        Just(". . . ".to_string()),
        Just("1.) ".to_string()),
        Just("U.S. ".to_string()),
        Just("😀 ".to_string()),
        Just("``".to_string()),
        Just("''".to_string()),
        Just("&#39;".to_string()),
        Just("08/16/2000 12:05 PM ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        "[A-Za-zА-Яа-я]{1,8}[ .!?,]{0,2}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn non_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

proptest! {
    // PROPTEST_CASES raises the count for a longer hunt (1000 by default).
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000)
    ))]

    #[test]
    fn no_character_is_lost_or_altered(text in texty()) {
        for lang in [Lang::En, Lang::Ru] {
            let ranges = split(&text, lang);
            let mut last = 0;
            for r in &ranges {
                prop_assert!(r.start >= last && r.start < r.end && r.end <= text.len());
                last = r.end;
            }
            let joined: String = ranges.iter().map(|r| &text[r.clone()]).collect();
            prop_assert_eq!(non_ws(&joined), non_ws(&text));
        }
    }

    #[test]
    fn char_offsets_point_at_the_sentence(text in texty()) {
        let chars: Vec<char> = text.chars().collect();
        for s in sentences(&text, Lang::Ru) {
            let span: String = chars[s.start..s.end].iter().collect();
            prop_assert_eq!(non_ws(&span), non_ws(&s.text));
        }
    }

    #[test]
    fn streaming_matches_whole_text(text in texty()) {
        // A leading byte-order mark is skipped by the reader but counted in its offsets.
        prop_assume!(!text.starts_with('\u{feff}'));
        let mut streamed = Vec::new();
        split_reader(std::path::Path::new("p"), text.as_bytes(), Some(Lang::En), |s| {
            streamed.push(s.clone());
            Ok(())
        })
        .unwrap();
        prop_assert_eq!(streamed, sentences(&text, Lang::En));
    }
}
