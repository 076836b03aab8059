//! Cyrillic→Latin transliteration and a spelling-independent key for names, so that
//! `Штайнмайер` and `Steinmeier`, `НАТО` and `NATO`, `Столтенберг` and `Stoltenberg` meet.

/// Transliterates Cyrillic letters to Latin (a simple scientific-style scheme, lower case);
/// other characters are lower-cased and kept.
pub fn to_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars().flat_map(char::to_lowercase) {
        let s = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' | 'ы' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ю' => "yu",
            'я' => "ya",
            'і' => "i",
            'ї' => "yi",
            'є' => "ye",
            'ґ' => "g",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(s);
    }
    out
}

/// A coarse phonetic key of a word in either script: transliterated, then reduced to its
/// consonant skeleton with sounds that the two spellings render differently merged
/// (`sh`/`s`, `ck`/`k`, `ph`/`f`, `w`/`v`, doubled letters). Two names with the same key are
/// probably the same name.
pub fn name_key(word: &str) -> String {
    let latin = to_latin(word);
    let folded: String = latin
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
        .replace('z', "s");
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
