//! Every reading a frequent Russian word form can have by case, number and gender, from the
//! OpenCorpora dictionary (`data/tagger/ru_forms.tsv`, built by
//! `data/tagger/build_ru_forms.py`): the tagger picks one reading in context; a check that
//! wants to know whether a form *could* agree asks here.

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

/// Case index of a UD case name (`Nom` … `Loc`), as the mask bits count them.
pub fn case_index(case: &str) -> Option<u32> {
    Some(match case {
        "Nom" => 0,
        "Gen" | "Par" => 1,
        "Dat" => 2,
        "Acc" => 3,
        "Ins" => 4,
        "Loc" => 5,
        _ => return None,
    })
}

/// The mask bits of one case, all numbers and genders.
pub fn case_bits(case: u32) -> u64 {
    0b11_1111u64 << (case * 6)
}

/// The readings of a lower-case form (bit `case * 6 + number * 3 + gender`; see the build
/// script), or `None` for a form the list lacks.
pub fn readings(form: &str) -> Option<u64> {
    static M: OnceLock<HashMap<&'static str, u64>> = OnceLock::new();
    let m = M.get_or_init(|| {
        let text = include_str!("../../../data/tagger/ru_forms.tsv");
        let mut m = HashMap::with_capacity(80_000);
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            if let Some((f, v)) = line.split_once('\t') {
                if let Ok(v) = u64::from_str_radix(v, 16) {
                    m.insert(f, v);
                }
            }
        }
        m
    });
    m.get(form)
        .or_else(|| {
            form.contains('ё')
                .then(|| m.get(form.replace('ё', "е").as_str()))
                .flatten()
        })
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_have_the_readings_the_dictionary_gives() {
        let lib = readings("библиотека").unwrap();
        assert_eq!(lib & case_bits(0), lib, "nominative only");
        let new = readings("новый").unwrap();
        assert_eq!(lib & new, 0, "no shared reading");
        let big = readings("новая").unwrap();
        assert_ne!(lib & big, 0);
        let par = readings("родителям").unwrap();
        assert_ne!(par & case_bits(case_index("Dat").unwrap()), 0);
        assert_eq!(par & case_bits(case_index("Ins").unwrap()), 0);
        assert!(readings("qwerty").is_none());
    }
}
