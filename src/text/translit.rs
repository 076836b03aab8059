//! Cyrillic→Latin transliteration and a spelling-independent key for names, so that
//! `Штайнмайер` and `Steinmeier`, `НАТО` and `NATO`, `Столтенберг` and `Stoltenberg` meet.

/// Transliterates Cyrillic letters to Latin (a simple scientific-style scheme, lower case);
/// other characters are lower-cased and kept.
pub fn to_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars().flat_map(char::to_lowercase) {
        match latin_of(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// The first four chars of [`to_latin`]`(text)`, `'\0'` where it is shorter; no string is
/// made (a cheap key for comparing a word with its transliteration).
pub fn latin4(text: &str) -> [char; 4] {
    let mut out = ['\0'; 4];
    let mut n = 0;
    for c in text.chars().flat_map(char::to_lowercase) {
        let one = [c];
        let mut latin = latin_of(c).map(str::chars);
        let mut own = one.iter().copied();
        let chars: &mut dyn Iterator<Item = char> = match latin.as_mut() {
            Some(l) => l,
            None => &mut own,
        };
        for x in chars {
            out[n] = x;
            n += 1;
            if n == out.len() {
                return out;
            }
        }
    }
    out
}

/// The Latin letters of one lower-case Cyrillic letter (`None` for any other char).
fn latin_of(c: char) -> Option<&'static str> {
    match c {
        'а' => Some("a"),
        'б' => Some("b"),
        'в' => Some("v"),
        'г' => Some("g"),
        'д' => Some("d"),
        'е' | 'ё' | 'э' => Some("e"),
        'ж' => Some("zh"),
        'з' => Some("z"),
        'и' | 'й' | 'ы' => Some("i"),
        'к' => Some("k"),
        'л' => Some("l"),
        'м' => Some("m"),
        'н' => Some("n"),
        'о' => Some("o"),
        'п' => Some("p"),
        'р' => Some("r"),
        'с' => Some("s"),
        'т' => Some("t"),
        'у' => Some("u"),
        'ф' => Some("f"),
        'х' => Some("kh"),
        'ц' => Some("ts"),
        'ч' => Some("ch"),
        'ш' => Some("sh"),
        'щ' => Some("shch"),
        'ъ' | 'ь' => Some(""),
        'ю' => Some("yu"),
        'я' => Some("ya"),
        'і' => Some("i"),
        'ї' => Some("yi"),
        'є' => Some("ye"),
        'ґ' => Some("g"),
        _ => None,
    }
}

/// A coarse phonetic key of a word in either script: transliterated, then reduced to its
/// consonant skeleton with sounds that the two spellings render differently merged
/// (`sh`/`s`, `ck`/`k`, `ph`/`f`, `w`/`v`, doubled letters). Two names with the same key are
/// probably the same name.
pub fn name_key(word: &str) -> String {
    let latin = to_latin(word);
    // The same replacements one after another as `str::replace` would make them, on bytes in
    // two buffers (the patterns are ASCII, so no cut falls inside a char): fifteen new strings
    // per word showed in the aligner's profile.
    const FOLDS: [(&[u8], &[u8]); 15] = [
        (b"sch", b"s"),
        (b"sh", b"s"),
        (b"zh", b"z"),
        (b"ch", b"c"),
        (b"kh", b"h"),
        (b"ck", b"k"),
        (b"ph", b"f"),
        (b"th", b"t"),
        (b"ts", b"c"),
        (b"tz", b"c"),
        (b"x", b"ks"),
        (b"q", b"k"),
        (b"w", b"v"),
        (b"j", b"i"),
        (b"z", b"s"),
    ];
    let mut buf = latin.into_bytes();
    let mut tmp = Vec::with_capacity(buf.len() + 4);
    for (from, to) in FOLDS {
        if !buf.windows(from.len()).any(|w| w == from) {
            continue;
        }
        tmp.clear();
        let mut i = 0;
        while i < buf.len() {
            if buf[i..].starts_with(from) {
                tmp.extend_from_slice(to);
                i += from.len();
            } else {
                tmp.push(buf[i]);
                i += 1;
            }
        }
        std::mem::swap(&mut buf, &mut tmp);
    }
    key_of_folded(&String::from_utf8(buf).unwrap_or_default())
}

/// The consonant skeleton of a folded Latin spelling (see [`name_key`]).
fn key_of_folded(folded: &str) -> String {
    let mut key = String::new();
    let mut last = '\0';
    for c in folded.chars() {
        if !c.is_alphanumeric() {
            continue;
        }
        // The first letter keeps its value even when a vowel: it anchors the key.
        if !key.is_empty() && matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h') {
            continue;
        }
        let c = if key.is_empty() && matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            'a'
        } else {
            c
        };
        if c != last {
            key.push(c);
        }
        last = c;
    }
    key
}

/// True when `a` and `b` look like the same name written in two scripts (or the same script).
/// Short keys are too ambiguous to count.
pub fn same_name(a: &str, b: &str) -> bool {
    let la = to_latin(a);
    if la.chars().count() >= 2 && la == to_latin(b) {
        return true;
    }
    let ka = name_key(a);
    ka.chars().count() >= 3 && ka == name_key(b)
}

/// A loose phonetic skeleton for [`like_name`]: transliterated, common spellings of one sound
/// merged (`dge`/`дж`/`j`, `w`/`у`, `ph`/`f`, soft `c`/`s`), vowels after the first letter
/// dropped, doubled letters merged.
fn loose_key(word: &str) -> String {
    let mut l = to_latin(word);
    for (from, to) in [
        ("shch", "s"),
        ("sch", "s"),
        ("tch", "c"),
        ("dzh", "j"),
        ("dge", "j"),
        ("zh", "j"),
        ("sh", "s"),
        ("ch", "c"),
        ("kh", "h"),
        ("ph", "f"),
        ("th", "t"),
        ("ck", "k"),
        ("ts", "c"),
        ("tz", "c"),
        ("ce", "se"),
        ("ci", "si"),
        ("cy", "si"),
        ("x", "ks"),
        ("q", "k"),
        ("w", "u"),
        ("z", "s"),
    ] {
        l = l.replace(from, to);
    }
    let mut key = String::new();
    let mut last = '\0';
    for c in l.chars().filter(|c| c.is_alphanumeric()) {
        let c = match c {
            'c' => 'k',
            'v' => 'u',
            _ => c,
        };
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h');
        if !key.is_empty() && vowel {
            last = c;
            continue;
        }
        let c = if key.is_empty() && vowel { 'a' } else { c };
        if c != last {
            key.push(c);
        }
        last = c;
    }
    key
}

/// Case endings of Russian nouns, longest first, stripped to find a name's base form.
const RU_ENDINGS: &[&str] = &[
    "ами", "ями", "ого", "его", "ому", "ему", "ом", "ем", "ой", "ей", "ою", "ах", "ях", "ов", "ев",
    "ым", "им", "ую", "а", "я", "у", "ю", "е", "ы", "и",
];

/// Endings of Russian adjectives, longest first.
const RU_ADJ_ENDINGS: &[&str] = &[
    "ыми", "ими", "ого", "его", "ому", "ему", "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ие", "ые",
    "ых", "их", "ым", "им", "ом", "ем", "ую", "юю", "ей",
];

/// The name a Russian relational adjective is made from (lower case): `пелевинское` →
/// `пелевин`, `радонежского` → `радонеж`, `шахтинские` → `шахтин`, `шахт`; English renders
/// such an adjective by the name itself (`something from Pelevin`, `Sergius of Radonezh`,
/// `Shakhty artists`). The suffix is `-ск-` (with `-ин-`, `-ов-`, `-ев-` before it, which
/// the name may or may not end in); stems shorter than four letters are left out.
fn name_of_adjective(lw: &str) -> Vec<String> {
    let Some(stem) = RU_ADJ_ENDINGS
        .iter()
        .find_map(|e| lw.strip_suffix(e))
        .and_then(|s| s.strip_suffix("ск"))
    else {
        return Vec::new();
    };
    let mut out = vec![stem.to_string()];
    if let Some(shorter) = ["ин", "ов", "ев"].iter().find_map(|m| stem.strip_suffix(m)) {
        out.push(shorter.to_string());
    }
    out.retain(|s| s.chars().count() >= 4);
    out
}

/// What [`like_name`] compares of a word, computed once per word and thread.
struct NameKeys {
    latin: String,
    name: String,
    /// The loose key of the word and of each of its stems without a Russian case ending.
    loose: Vec<String>,
}

impl NameKeys {
    fn of(w: &str) -> NameKeys {
        let lw = w.to_lowercase();
        let mut forms = vec![lw.clone()];
        if w.chars().any(super::is_cyrillic) {
            for e in RU_ENDINGS {
                if let Some(stem) = lw.strip_suffix(e) {
                    if stem.chars().count() >= 3 {
                        forms.push(stem.to_string());
                    }
                }
            }
            forms.extend(name_of_adjective(&lw));
        }
        NameKeys {
            latin: to_latin(w),
            name: name_key(w),
            loose: forms.iter().map(|f| loose_key(f)).collect(),
        }
    }

    /// The keys of `w`, remembered per thread: a batch asks about the same words again and
    /// again.
    fn cached(w: &str) -> std::rc::Rc<NameKeys> {
        thread_local! {
            static CACHE: super::memo::Memo<std::rc::Rc<NameKeys>> =
                super::memo::Memo::new(100_000);
        }
        CACHE.with(|c| c.get_or(w, || std::rc::Rc::new(NameKeys::of(w))))
    }
}

/// True when `a` and `b` may be the same name in two scripts, allowing for Russian case
/// endings and the usual variation of transliteration (`Уайли`/`Wiley`, `Ридж`/`Ridge`,
/// `Махмуду`/`Mahmoud`). Looser than [`same_name`]: use it to decide that a name *is* present.
pub fn like_name(a: &str, b: &str) -> bool {
    let (ka, kb) = (NameKeys::cached(a), NameKeys::cached(b));
    // `same_name`, on the keys.
    if (ka.latin.chars().count() >= 2 && ka.latin == kb.latin)
        || (ka.name.chars().count() >= 3 && ka.name == kb.name)
    {
        return true;
    }
    // A silent first letter of an English spelling (`Knowsley` / `Ноусли`, `Wright` /
    // `Райт`, `Gnome` / `Ном`): its keys are also compared without it.
    let with_silent = |keys: &[String]| -> Vec<String> {
        let mut out = keys.to_vec();
        for k in keys {
            let mut cs = k.chars();
            let (first, second) = (cs.next(), cs.clone().next());
            if let (Some('k' | 'g'), Some('n')) | (Some('w'), Some('r')) = (first, second) {
                out.push(cs.collect());
            } else if first == Some('g') {
                // Russian writes an English or German `h` as `г` (`Гамбург`, `Гэмпшир`); a
                // first `h` is keyed as a vowel, `a`.
                out.push(format!("a{}", cs.as_str()));
            }
        }
        out
    };
    let (la, lb) = (with_silent(&ka.loose), with_silent(&kb.loose));
    la.iter().any(|kx| {
        lb.iter().any(|ky| {
            if kx.is_empty() || ky.is_empty() || kx.chars().next() != ky.chars().next() {
                return false;
            }
            let n = kx.chars().count().min(ky.chars().count());
            if n <= 2 {
                kx == ky
            } else {
                rapidfuzz::distance::levenshtein::distance(kx.chars(), ky.chars()) <= 1
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_is_the_start_of_the_whole_transliteration() {
        for w in ["Щука", "Шаль", "объект", "ЁЖ", "Σίσυφος", "a", "", "Юлия Ъ"]
        {
            let mut want = ['\0'; 4];
            for (o, c) in want.iter_mut().zip(to_latin(w).chars()) {
                *o = c;
            }
            assert_eq!(latin4(w), want, "{w}");
        }
    }

    #[test]
    fn transliterates() {
        assert_eq!(to_latin("Штайнмайер"), "shtainmaier");
        assert_eq!(to_latin("Щука и ёж"), "shchuka i ezh");
    }

    #[test]
    fn names_meet_across_scripts() {
        assert!(same_name("Штайнмайер", "Steinmeier"));
        assert!(same_name("Столтенберг", "Stoltenberg"));
        assert!(same_name("Лавров", "Lavrov"));
        assert!(same_name("НАТО", "NATO"));
        assert!(!same_name("Россия", "Steinmeier"));
        assert!(!same_name("НАТО", "Ukraine"));
    }

    #[test]
    fn a_relational_adjective_meets_the_name_it_is_made_from() {
        for (ru, en) in [
            ("пелевинское", "Pelevin"),
            ("Радонежского", "Radonezh"),
            ("шахтинские", "Shakhty"),
            ("Кунцевского", "Kuntsevo"),
            ("гундяевские", "Gundyaev"),
        ] {
            assert!(like_name(ru, en), "{ru} {en}");
            assert!(like_name(en, ru), "{en} {ru}");
        }
        // Another name's adjective, and a stem too short to be a name (`ом-ский`).
        assert!(!like_name("сорокинское", "Pelevin"));
        assert!(!like_name("петровские", "Shakhty"));
        assert_eq!(name_of_adjective("омский"), Vec::<String>::new());
        assert_eq!(name_of_adjective("красивая"), Vec::<String>::new());
    }

    #[test]
    fn names_meet_loosely_with_case_endings() {
        for (ru, en) in [
            ("Уайли", "Wiley"),
            ("Софи", "Sophy"),
            ("Ридж", "Ridge"),
            ("Махмуду", "Mahmoud"),
            ("Роджерса", "Rogers"),
            ("Джесс", "Jess"),
            ("Штайнмайером", "Steinmeier"),
        ] {
            assert!(like_name(ru, en), "{ru} {en}");
        }
        assert!(!like_name("Рогозин", "Steinmeier"));
        assert!(!like_name("Лавров", "Putin"));
    }
}
#[cfg(test)]
mod more_tests {
    /// The folding as a chain of `str::replace`, to hold the byte version to.
    fn folded_by_replace(latin: &str) -> String {
        latin
            .replace("sch", "s")
            .replace("sh", "s")
            .replace("zh", "z")
            .replace("ch", "c")
            .replace("kh", "h")
            .replace("ck", "k")
            .replace("ph", "f")
            .replace("th", "t")
            .replace("ts", "c")
            .replace("tz", "c")
            .replace('x', "ks")
            .replace('q', "k")
            .replace('w', "v")
            .replace('j', "i")
            .replace('z', "s")
    }

    #[test]
    fn name_keys_fold_as_the_replacement_chain_does() {
        // Words whose folds feed each other (`tsh` → `ts` → `c`, `x` → `ks`, `zh` → `z` → `s`),
        // in both scripts and others.
        for w in [
            "Schwarzschild",
            "Tshombe",
            "Xerxes",
            "Zhukovsky",
            "Quickstep",
            "Matthews",
            "Jazz",
            "Tzatziki",
            "Шварцшильд",
            "Жуковский",
            "Щукин",
            "Хрущёв",
            "Σίσυφος",
            "",
            "ts",
            "schsh",
            "zhzh",
            "Чайковский",
            "Tchaikovsky",
            "Pshkh",
            "Kxq",
        ] {
            let latin = super::to_latin(w);
            let want = folded_by_replace(&latin);
            assert_eq!(super::name_key(w), super::key_of_folded(&want), "{w}");
        }
    }

    #[test]
    fn h_and_silent_letters() {
        assert!(super::like_name("Гэмпшира", "Hampshire"));
        assert!(super::like_name("Ноусли", "Knowsley"));
    }
}
