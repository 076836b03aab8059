//! Number words of English and Russian with their values: cardinals in every case form,
//! ordinals, multiples (`twice`, `вдвое`) and words that stand for a number of units
//! (`сутки` = 24 hours). A number on one side written as a word on the other is present.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Number words (lower case) and their values.
pub fn number_words() -> &'static HashMap<String, f64> {
    static WORDS: OnceLock<HashMap<String, f64>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut m = HashMap::new();
        let en = [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ];
        for (v, w) in en.iter().enumerate() {
            m.insert(w.to_string(), v as f64);
        }
        let ord = [
            "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth", "eleventh", "twelfth",
        ];
        for (v, w) in ord.iter().enumerate().skip(1) {
            m.insert(w.to_string(), v as f64);
        }
        for (w, v) in [
            ("thirty", 30.0),
            ("forty", 40.0),
            ("fifty", 50.0),
            ("sixty", 60.0),
            ("seventy", 70.0),
            ("eighty", 80.0),
            ("ninety", 90.0),
            ("hundred", 100.0),
            ("thousand", 1000.0),
            ("million", 1e6),
            ("billion", 1e9),
            ("dozen", 12.0),
            ("once", 1.0),
            ("twice", 2.0),
            ("half", 0.5),
            ("single", 1.0),
            ("double", 2.0),
            ("triple", 3.0),
            ("pair", 2.0),
            ("couple", 2.0),
        ] {
            m.insert(w.to_string(), v);
        }
        // Russian cardinals with their case forms.
        let ru: &[(&[&str], f64)] = &[
            (&["ноль", "нуля", "нулю", "нулём", "нулем", "нуле"], 0.0),
            (
                &[
                    "один",
                    "одна",
                    "одно",
                    "одни",
                    "одного",
                    "одной",
                    "одному",
                    "одним",
                    "одном",
                    "одну",
                    "одних",
                    "одними",
                ],
                1.0,
            ),
            (
                &["два", "две", "двух", "двум", "двумя", "оба", "обе", "обоих"],
                2.0,
            ),
            (&["три", "трёх", "трех", "трём", "трем", "тремя"], 3.0),
            (
                &[
                    "четыре",
                    "четырёх",
                    "четырех",
                    "четырём",
                    "четырем",
                    "четырьмя",
                ],
                4.0,
            ),
            (&["сорок", "сорока"], 40.0),
            (&["пятьдесят", "пятидесяти", "пятьюдесятью"], 50.0),
            (&["шестьдесят", "шестидесяти", "шестьюдесятью"], 60.0),
            (&["семьдесят", "семидесяти", "семьюдесятью"], 70.0),
            (
                &[
                    "восемьдесят",
                    "восьмидесяти",
                    "восемьюдесятью",
                    "восьмьюдесятью",
                ],
                80.0,
            ),
            (&["девяносто", "девяноста"], 90.0),
            (&["сто", "ста"], 100.0),
            // The hundreds with their case forms (`с более чем четырёхсот церквей`).
            (
                &["двести", "двухсот", "двумстам", "двумястами", "двухстах"],
                200.0,
            ),
            (
                &[
                    "триста",
                    "трёхсот",
                    "трехсот",
                    "трёмстам",
                    "тремстам",
                    "тремястами",
                    "трёхстах",
                    "трехстах",
                ],
                300.0,
            ),
            (
                &[
                    "четыреста",
                    "четырёхсот",
                    "четырехсот",
                    "четырёмстам",
                    "четыремстам",
                    "четырьмястами",
                    "четырёхстах",
                    "четырехстах",
                ],
                400.0,
            ),
            (
                &["пятьсот", "пятисот", "пятистам", "пятьюстами", "пятистах"],
                500.0,
            ),
            (
                &[
                    "шестьсот",
                    "шестисот",
                    "шестистам",
                    "шестьюстами",
                    "шестистах",
                ],
                600.0,
            ),
            (
                &["семьсот", "семисот", "семистам", "семьюстами", "семистах"],
                700.0,
            ),
            (
                &[
                    "восемьсот",
                    "восьмисот",
                    "восьмистам",
                    "восемьюстами",
                    "восьмьюстами",
                    "восьмистах",
                ],
                800.0,
            ),
            (
                &[
                    "девятьсот",
                    "девятисот",
                    "девятистам",
                    "девятьюстами",
                    "девятистах",
                ],
                900.0,
            ),
            (
                &["тысяча", "тысячи", "тысячу", "тысяч", "тысячей", "тысячам"],
                1000.0,
            ),
            (&["миллион", "миллиона", "миллионов", "миллиону"], 1e6),
            (&["миллиард", "миллиарда", "миллиардов"], 1e9),
            (&["дюжина", "дюжины", "дюжину"], 12.0),
            (&["пара", "пары", "пару"], 2.0),
            (&["дважды", "двое", "двоих"], 2.0),
            (&["трижды", "трое", "троих"], 3.0),
            (&["полтора", "полторы"], 1.5),
            (&["половина", "половины", "половину"], 0.5),
        ];
        for (forms, v) in ru {
            for f in *forms {
                m.insert(f.to_string(), *v);
            }
        }
        // Cardinals 5–20, 30, 50–90 decline like `пять, пяти, пятью`.
        let soft: &[(&str, f64)] = &[
            ("пят", 5.0),
            ("шест", 6.0),
            ("сем", 7.0),
            ("восем", 8.0),
            ("девят", 9.0),
            ("десят", 10.0),
            ("одиннадцат", 11.0),
            ("двенадцат", 12.0),
            ("тринадцат", 13.0),
            ("четырнадцат", 14.0),
            ("пятнадцат", 15.0),
            ("шестнадцат", 16.0),
            ("семнадцат", 17.0),
            ("восемнадцат", 18.0),
            ("девятнадцат", 19.0),
            ("двадцат", 20.0),
            ("тридцат", 30.0),
        ];
        for (stem, v) in soft {
            for e in ["ь", "и", "ью"] {
                m.insert(format!("{stem}{e}"), *v);
            }
        }
        m.insert("восьми".into(), 8.0);
        m.insert("восемью".into(), 8.0);
        // Ordinals: adjective endings on the ordinal stem.
        let adj = [
            "ый", "ой", "ий", "ая", "ое", "ые", "ого", "ому", "ым", "ом", "ую", "ых", "ыми", "ей",
        ];
        for (stem, v) in [
            ("перв", 1.0),
            ("втор", 2.0),
            ("четвёрт", 4.0),
            ("четверт", 4.0),
            ("пят", 5.0),
            ("шест", 6.0),
            ("седьм", 7.0),
            ("восьм", 8.0),
            ("девят", 9.0),
            ("десят", 10.0),
        ] {
            for e in adj {
                m.entry(format!("{stem}{e}")).or_insert(v);
            }
        }
        for e in [
            "ий", "ья", "ье", "ьи", "ьего", "ьему", "ьим", "ьем", "ью", "ьей", "ьих",
        ] {
            m.insert(format!("трет{e}"), 3.0);
        }
        // Words that stand for a number of units (`сутки` = 24 hours, `a fortnight` = 14 days)
        // or a multiple (`вдвое`, `twofold`).
        for (w, v) in [
            ("сутки", 24.0),
            ("суток", 24.0),
            ("суткам", 24.0),
            ("сутками", 24.0),
            ("полчаса", 30.0),
            ("неделя", 7.0),
            ("недели", 7.0),
            ("неделю", 7.0),
            ("неделей", 7.0),
            ("week", 7.0),
            ("fortnight", 14.0),
            ("decade", 10.0),
            ("decades", 10.0),
            ("десятилетие", 10.0),
            ("десятилетия", 10.0),
            ("century", 100.0),
            ("вдвое", 2.0),
            ("втрое", 3.0),
            ("вчетверо", 4.0),
            ("twofold", 2.0),
            ("threefold", 3.0),
            ("doubled", 2.0),
            ("tripled", 3.0),
            ("halved", 0.5),
            ("quarter", 0.25),
            ("четверть", 0.25),
            ("четверти", 0.25),
            ("centenary", 100.0),
            ("centennial", 100.0),
            ("столетие", 100.0),
            ("столетия", 100.0),
            ("hundreds", 100.0),
            ("thousands", 1000.0),
            ("millions", 1e6),
            ("billions", 1e9),
            ("сотни", 100.0),
            ("тысячи", 1000.0),
            ("миллиона", 1e6),
            ("миллиардов", 1e9),
        ] {
            m.entry(w.to_string()).or_insert(v);
        }
        m
    })
}

/// Number words that do not always stand for a number (`one of them`, `a second`, `одни`,
/// `a couple`): they excuse a number of the other side but are not quantities themselves.
fn is_loose(word: &str) -> bool {
    matches!(
        word,
        "one"
            | "once"
            | "single"
            | "double"
            | "pair"
            | "couple"
            | "half"
            | "second"
            | "quarter"
            | "hundreds"
            | "thousands"
            | "millions"
            | "billions"
            | "week"
            | "century"
            | "decade"
            | "decades"
            | "пара"
            | "пары"
            | "пару"
            | "половина"
            | "половины"
            | "половину"
            | "четверть"
            | "четверти"
            | "сотни"
            | "неделя"
            | "недели"
            | "неделю"
            | "неделей"
    ) || word.starts_with("одн")
        || word.starts_with("один")
}

/// True for cardinal number words: the words a written-out number is made of (`two`,
/// `двадцати`, `million`), not ordinals, multiples or words for units of time.
fn is_cardinal(word: &str, v: f64) -> bool {
    if is_loose(word) || v < 2.0 || v.fract() != 0.0 {
        return false;
    }
    let ordinal = word.ends_with("th")
        || matches!(
            word,
            "first" | "second" | "third" | "fifth" | "eighth" | "ninth" | "twelfth"
        )
        || [
            "ый", "ой", "ий", "ая", "ое", "ые", "ого", "ому", "ым", "ом", "ую", "ых", "ыми", "ей",
            "ье", "ья", "ьи",
        ]
        .iter()
        .any(|e| word.ends_with(e) && !matches!(word, "двое" | "трое" | "двух" | "трёх" | "трех"));
    let unit = matches!(
        word,
        "сутки"
            | "суток"
            | "суткам"
            | "сутками"
            | "полчаса"
            | "fortnight"
            | "десятилетие"
            | "десятилетия"
            | "вдвое"
            | "втрое"
            | "вчетверо"
            | "twofold"
            | "threefold"
            | "doubled"
            | "tripled"
            | "halved"
            | "twice"
            | "дважды"
            | "трижды"
            | "dozen"
            | "дюжина"
            | "дюжины"
            | "дюжину"
            | "centenary"
            | "centennial"
            | "столетие"
            | "столетия"
    );
    !ordinal && !unit
}

/// Numbers written in words (`twenty-five`, `two million`, `двух миллионов`): char span and
/// value of each run of cardinal number words.
/// `chars` are the text's chars (the words' char offsets index them).
pub fn word_numbers(words: &[crate::text::Word<'_>], chars: &[char]) -> Vec<(usize, usize, f64)> {
    let table = number_words();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let lower = words[i].text.to_lowercase();
        let Some(&v0) = table.get(&lower).filter(|&&v| is_cardinal(&lower, v)) else {
            i += 1;
            continue;
        };
        let mut run = vec![(lower, v0)];
        let mut j = i + 1;
        while j < words.len() {
            let gap: String = chars[words[j - 1].end..words[j].start].iter().collect();
            let lower = words[j].text.to_lowercase();
            let joined = matches!(gap.as_str(), " " | "-" | "\u{a0}");
            if let (true, Some(&v)) = (
                joined,
                table.get(&lower).filter(|&&v| is_cardinal(&lower, v)),
            ) {
                run.push((lower, v));
                j += 1;
                continue;
            }
            // `one hundred and five`
            if joined && lower == "and" && j + 1 < words.len() {
                if let Some(&v) = table.get(&words[j + 1].text.to_lowercase()) {
                    if v < 100.0 {
                        j += 1;
                        continue;
                    }
                }
            }
            break;
        }
        {
            let (mut total, mut current) = (0.0f64, 0.0f64);
            for &(_, v) in &run {
                if v >= 1000.0 {
                    total += current.max(1.0) * v;
                    current = 0.0;
                } else if v == 100.0 {
                    current = current.max(1.0) * 100.0;
                } else {
                    current += v;
                }
            }
            out.push((words[i].start, words[j - 1].end, total + current));
        }
        i = j;
    }
    out
}

/// The value of a Roman numeral of two letters or more (`XXI`, `IV`), if it is one.
pub fn roman(word: &str) -> Option<f64> {
    if word.len() < 2 || !word.bytes().all(|b| b"IVXLCDM".contains(&b)) {
        return None;
    }
    let val = |b: u8| match b {
        b'I' => 1,
        b'V' => 5,
        b'X' => 10,
        b'L' => 50,
        b'C' => 100,
        b'D' => 500,
        _ => 1000,
    };
    let b = word.as_bytes();
    let mut total = 0i32;
    for k in 0..b.len() {
        let v = val(b[k]);
        if b.get(k + 1).is_some_and(|&n| val(n) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    // Only the canonical spelling is a numeral (`IIII`, `VX` and `CD`-like words are not).
    let canonical = {
        let mut n = total;
        let mut s = String::new();
        for (v, r) in [
            (1000, "M"),
            (900, "CM"),
            (500, "D"),
            (400, "CD"),
            (100, "C"),
            (90, "XC"),
            (50, "L"),
            (40, "XL"),
            (10, "X"),
            (9, "IX"),
            (5, "V"),
            (4, "IV"),
            (1, "I"),
        ] {
            while n >= v {
                s.push_str(r);
                n -= v;
            }
        }
        s
    };
    (total > 0 && canonical == word).then_some(f64::from(total))
}
