//! The POS tagger on hand-written sentences, and `tm tag` end to end.

use assert_cmd::Command;
use tm::text::tag::{Tagger, Token};
use tm::text::Lang;

fn check_offsets(text: &str, tokens: &[Token]) {
    let chars: Vec<char> = text.chars().collect();
    let mut last = 0;
    for t in tokens {
        assert!(t.start >= last && t.start < t.end, "{t:?}");
        let span: String = chars[t.start..t.end].iter().collect();
        assert_eq!(span, t.text, "{t:?}");
        last = t.end;
    }
}

/// Tags `text` and compares (word, POS) with `expected`; returns the tokens.
fn tagged(lang: Lang, text: &str, expected: &[(&str, &str)]) -> Vec<Token> {
    let tokens = Tagger::for_lang(lang).tag_sentence(text);
    check_offsets(text, &tokens);
    let got: Vec<(&str, &str)> = tokens.iter().map(|t| (t.text.as_str(), t.upos)).collect();
    assert_eq!(got, expected, "{text}");
    tokens
}

fn lemmas(tokens: &[Token]) -> Vec<&str> {
    tokens.iter().map(|t| t.lemma.as_str()).collect()
}

#[test]
fn english_sentences() {
    let t = tagged(
        Lang::En,
        "The children were playing in the garden.",
        &[
            ("The", "DET"),
            ("children", "NOUN"),
            ("were", "AUX"),
            ("playing", "VERB"),
            ("in", "ADP"),
            ("the", "DET"),
            ("garden", "NOUN"),
            (".", "PUNCT"),
        ],
    );
    assert_eq!(
        lemmas(&t),
        ["the", "child", "be", "play", "in", "the", "garden", "."]
    );
    assert_eq!(t[1].feats, "Number=Plur");
    assert_eq!(t[3].feats, "Tense=Pres|VerbForm=Part");

    let t = tagged(
        Lang::En,
        "She doesn't like cats.",
        &[
            ("She", "PRON"),
            ("does", "AUX"),
            ("n't", "PART"),
            ("like", "VERB"),
            ("cats", "NOUN"),
            (".", "PUNCT"),
        ],
    );
    assert_eq!(lemmas(&t), ["she", "do", "not", "like", "cat", "."]);

    tagged(
        Lang::En,
        "John's car is red and very old.",
        &[
            ("John", "PROPN"),
            ("'s", "PART"),
            ("car", "NOUN"),
            ("is", "AUX"),
            ("red", "ADJ"),
            ("and", "CCONJ"),
            ("very", "ADV"),
            ("old", "ADJ"),
            (".", "PUNCT"),
        ],
    );
}

#[test]
fn russian_sentences() {
    let t = tagged(
        Lang::Ru,
        "Мы живём в большом городе.",
        &[
            ("Мы", "PRON"),
            ("живём", "VERB"),
            ("в", "ADP"),
            ("большом", "ADJ"),
            ("городе", "NOUN"),
            (".", "PUNCT"),
        ],
    );
    assert_eq!(lemmas(&t), ["мы", "жить", "в", "большой", "город", "."]);
    assert_eq!(t[4].feats, "Animacy=Inan|Case=Loc|Gender=Masc|Number=Sing");

    let t = tagged(
        Lang::Ru,
        "Он не знал, что она приехала из Москвы.",
        &[
            ("Он", "PRON"),
            ("не", "PART"),
            ("знал", "VERB"),
            (",", "PUNCT"),
            ("что", "SCONJ"),
            ("она", "PRON"),
            ("приехала", "VERB"),
            ("из", "ADP"),
            ("Москвы", "PROPN"),
            (".", "PUNCT"),
        ],
    );
    assert_eq!(t[8].lemma, "Москва");
    assert_eq!(t[2].lemma, "знать");
    assert!(t[6].feats.contains("Gender=Fem"), "{}", t[6].feats);

    // Hyphenated words stay whole.
    let t = Tagger::for_lang(Lang::Ru).tag_sentence("Кто-то пришёл из-за реки.");
    let words: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(words, ["Кто-то", "пришёл", "из-за", "реки", "."]);
    assert_eq!(t[2].upos, "ADP");
}

#[test]
fn pre_tokenised_words_and_texts() {
    let tagger = Tagger::for_lang(Lang::En);
    let words = ["I", "saw", "her", "duck", "."];
    let a = tagger.tag_words(&words);
    assert_eq!(a.len(), words.len());
    assert_eq!(a[1].upos, "VERB");
    assert_eq!(a[1].lemma, "see");
    assert_eq!(tagger.tag_upos(&words)[0], "PRON");

    let text = "It rains.\n\nWe stay home.";
    let sents = tagger.tag_text(text);
    assert_eq!(sents.len(), 2);
    for s in &sents {
        check_offsets(text, s);
    }
    assert_eq!(sents[1][0].start, 11);
}

fn tm() -> Command {
    Command::cargo_bin("tm").expect("tm binary")
}

#[test]
fn cli_tags_each_sentence_with_offsets_into_the_input() {
    let input = "Я читаю книгу. Она интересная.\n";
    let out = tm()
        .args(["tag", "--lang", "ru"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("UTF-8");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2, "{out}");
    let chars: Vec<char> = input.chars().collect();
    for line in &lines {
        for t in line["tokens"].as_array().expect("tokens") {
            let (s, e) = (
                t["start"].as_u64().unwrap() as usize,
                t["end"].as_u64().unwrap() as usize,
            );
            let span: String = chars[s..e].iter().collect();
            assert_eq!(span, t["text"].as_str().unwrap());
            for k in ["upos", "lemma", "feats"] {
                assert!(t[k].is_string(), "{t}");
            }
        }
    }
    let second = &lines[1]["tokens"][0];
    assert_eq!(second["text"], "Она");
    assert_eq!(second["start"], 15);
    assert_eq!(second["upos"], "PRON");
    assert_eq!(lines[0]["tokens"][2]["lemma"], "книга");
}

#[test]
fn cli_rejects_bad_input_without_panicking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"caf\xe9 au lait\n").expect("write");
    let out = tm()
        .args(["tag", "--lang", "en"])
        .arg(&bad)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("bad.txt") && err.contains("UTF-8"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let missing = dir.path().join("missing.txt");
    let out = tm()
        .args(["tag", "--lang", "en"])
        .arg(&missing)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("missing.txt"), "{err}");

    tm().args(["tag", "--lang", "en"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
}
