//! Property tests of the QA engine on arbitrary pairs: no panic, and every finding points at
//! the text it quotes.

use proptest::prelude::*;
use tm::qa::{check, QaUnit, Side, SideId};

/// Text from pieces that exercise the checks (numbers in both locales, brackets and quotes,
/// look-alike letters, negations, names, spaces) mixed with arbitrary characters.
fn side_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("12,500 ".to_string()),
        Just("3,7 ".to_string()),
        Just("22.11.2026 ".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("\"".to_string()),
        Just("„".to_string()),
        Just("“".to_string()),
        Just("не ".to_string()),
        Just("not ".to_string()),
        Just("Mоскве ".to_string()),
        Just("Steinmeier ".to_string()),
        Just("Russia''s ".to_string()),
        Just("  ".to_string()),
        Just("...".to_string()),
        Just("тридцать один ".to_string()),
        "[A-Za-zА-Яа-яё]{1,10}[ .!?,;:]{0,2}",
        "[0-9]{1,6}[ ,.]?",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..25).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300)
    ))]

    #[test]
    fn findings_quote_their_spans(pairs in prop::collection::vec((side_text(), side_text()), 1..6)) {
        let units: Vec<QaUnit> = pairs
            .iter()
            .enumerate()
            .map(|(i, (s, t))| QaUnit {
                id: i as i64,
                origin: "p".into(),
                src: Side::new(Some("en"), s.clone()),
                tgt: Some(Side::new(Some("ru"), t.clone())),
            })
            .collect();
        for f in check(&units) {
            let u = &units[f.segment as usize];
            let text = match f.side {
                SideId::Src => &u.src.text,
                SideId::Tgt => &u.tgt.as_ref().unwrap().text,
            };
            prop_assert!(f.start <= f.end && f.end <= text.chars().count(), "{f:?}");
            let span: String = text.chars().skip(f.start).take(f.end - f.start).collect();
            prop_assert_eq!(&span, &f.text, "{:?}", f);
        }
        let _ = tm::qa::fluency::score_units(&units);
    }
}
