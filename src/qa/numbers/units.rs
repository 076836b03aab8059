//! Units of measure after a number, so that a translation that converts a measure into the
//! reader's system (`5 pounds` → `2,3 кг`, `14°F` → `−10 °C`, `1.2 miles` → `почти 2 км`)
//! is read as the same quantity. A unit is known by the words right after the number.

use super::Quantity;

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Length,
    Mass,
    Volume,
    Area,
    Speed,
    /// Temperatures convert with an offset, not a factor.
    Temperature,
}

/// A unit: what it measures and its size in the base unit of that dimension (metre,
/// kilogram, litre, square metre, km/h); temperatures: 1 for Celsius, 0 for Fahrenheit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub dim: Dimension,
    pub size: f64,
}

use Dimension::*;

/// Unit words, lower case. An English word matches as written or with a plural `-s`/`-es`
/// (`mile`, `miles`, `inches`; not `milestone`); a Russian word by its stem, so every case
/// form counts (`фунтов`, `литрах`). Abbreviations are whole words.
const STEMS: &[(&str, Dimension, f64)] = &[
    // English, both spellings of metric words.
    ("mile", Length, 1609.344),
    ("foot", Length, 0.3048),
    ("feet", Length, 0.3048),
    ("inch", Length, 0.0254),
    ("yard", Length, 0.9144),
    ("kilometre", Length, 1000.0),
    ("kilometer", Length, 1000.0),
    ("centimetre", Length, 0.01),
    ("centimeter", Length, 0.01),
    ("millimetre", Length, 0.001),
    ("millimeter", Length, 0.001),
    ("metre", Length, 1.0),
    ("meter", Length, 1.0),
    ("pound", Mass, 0.453_592_37),
    ("ounce", Mass, 0.028_349_523),
    ("stone", Mass, 6.350_293),
    ("ton", Mass, 1000.0),
    ("tonne", Mass, 1000.0),
    ("kilogram", Mass, 1.0),
    ("kilogramme", Mass, 1.0),
    ("gram", Mass, 0.001),
    ("gallon", Volume, 3.785_411_8),
    ("pint", Volume, 0.473_176_5),
    ("litre", Volume, 1.0),
    ("liter", Volume, 1.0),
    ("acre", Area, 4046.856),
    ("hectare", Area, 10_000.0),
    ("fahrenheit", Temperature, 0.0),
    ("celsius", Temperature, 1.0),
    // Russian stems.
    ("мил", Length, 1609.344), // only the forms of `миля`: see `lookup`
    ("фут", Length, 0.3048),
    ("дюйм", Length, 0.0254),
    ("ярд", Length, 0.9144),
    ("километр", Length, 1000.0),
    ("сантиметр", Length, 0.01),
    ("миллиметр", Length, 0.001),
    ("метр", Length, 1.0),
    ("фунт", Mass, 0.453_592_37),
    ("унци", Mass, 0.028_349_523),
    ("тонн", Mass, 1000.0),
    ("килограмм", Mass, 1.0),
    ("грамм", Mass, 0.001),
    ("галлон", Volume, 3.785_411_8),
    ("пинт", Volume, 0.473_176_5),
    ("литр", Volume, 1.0),
    ("акр", Area, 4046.856),
    ("гектар", Area, 10_000.0),
    ("фаренгейт", Temperature, 0.0),
    ("цельси", Temperature, 1.0),
];

/// Abbreviations, matched as whole words (case as written for `F`/`C` after a degree sign).
const ABBREVIATIONS: &[(&str, Dimension, f64)] = &[
    ("mi", Length, 1609.344),
    ("ft", Length, 0.3048),
    ("yd", Length, 0.9144),
    ("km", Length, 1000.0),
    ("cm", Length, 0.01),
    ("mm", Length, 0.001),
    ("m", Length, 1.0),
    ("lb", Mass, 0.453_592_37),
    ("lbs", Mass, 0.453_592_37),
    ("oz", Mass, 0.028_349_523),
    ("kg", Mass, 1.0),
    ("g", Mass, 0.001),
    ("t", Mass, 1000.0),
    ("gal", Volume, 3.785_411_8),
    ("l", Volume, 1.0),
    ("ha", Area, 10_000.0),
    ("mph", Speed, 1.609_344),
    ("км", Length, 1000.0),
    ("см", Length, 0.01),
    ("мм", Length, 0.001),
    ("м", Length, 1.0),
    ("кг", Mass, 1.0),
    ("т", Mass, 1000.0),
    ("л", Volume, 1.0),
    ("га", Area, 10_000.0),
];

/// The unit written right after a quantity (`5 pounds`, `14°F`, `2 км/ч`, `3 square
/// feet`), if any.
pub fn unit_after(chars: &[char], q: &Quantity) -> Option<Unit> {
    let mut i = q.end;
    let mut degree = false;
    while let Some(&c) = chars.get(i) {
        match c {
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => i += 1,
            '°' | 'º' => {
                degree = true;
                i += 1;
            }
            _ => break,
        }
    }
    let word_at = |mut i: usize| {
        let s = i.min(chars.len());
        i = s;
        while chars.get(i).is_some_and(|c| c.is_alphabetic()) {
            i += 1;
        }
        (chars[s.min(chars.len())..i].iter().collect::<String>(), i)
    };
    let (word, end) = word_at(i);
    if degree {
        return match word.as_str() {
            "F" | "Ф" => Some(Unit {
                dim: Temperature,
                size: 0.0,
            }),
            "C" | "С" => Some(Unit {
                dim: Temperature,
                size: 1.0,
            }),
            _ => None,
        };
    }
    let lower = word.to_lowercase();
    // `km/h`, `км/ч`: speed.
    if chars.get(end) == Some(&'/') {
        let (per, _) = word_at(end + 1);
        if matches!(per.as_str(), "h" | "ч") && matches!(lower.as_str(), "km" | "км") {
            return Some(Unit {
                dim: Speed,
                size: 1.0,
            });
        }
    }
    // `square feet`, `квадратных метров`: the next word is the unit, squared.
    if lower.starts_with("square") || lower.starts_with("квадратн") || lower == "кв" {
        let mut j = end;
        while chars.get(j).is_some_and(|c| *c == '.' || c.is_whitespace()) {
            j += 1;
        }
        let (next, _) = word_at(j);
        return lookup(&next.to_lowercase()).and_then(|u| {
            (u.dim == Length).then_some(Unit {
                dim: Area,
                size: u.size * u.size,
            })
        });
    }
    // `kilometres per hour`, `miles per hour`, `километров в час`: a length per hour.
    let unit = lookup(&lower)?;
    let (per, after) = word_at(end + 1);
    if unit.dim == Length && matches!(per.as_str(), "per" | "в") {
        let (hour, _) = word_at(after + 1);
        if matches!(hour.as_str(), "hour" | "час") {
            return Some(Unit {
                dim: Speed,
                size: unit.size / 1000.0,
            });
        }
    }
    Some(unit)
}

fn lookup(lower: &str) -> Option<Unit> {
    if lower.is_empty() {
        return None;
    }
    if let Some(&(_, dim, size)) = ABBREVIATIONS.iter().find(|(a, _, _)| *a == lower) {
        return Some(Unit { dim, size });
    }
    STEMS
        .iter()
        .find(|(s, _, _)| {
            if s.is_ascii() {
                lower == *s
                    || lower.strip_suffix('s') == Some(s)
                    || lower.strip_suffix("es") == Some(s)
            } else if *s == "мил" {
                // `милиция`, `милый` share the stem.
                matches!(
                    lower,
                    "миля"
                        | "мили"
                        | "миль"
                        | "милю"
                        | "милей"
                        | "милям"
                        | "милями"
                        | "милях"
                        | "миле"
                )
            } else {
                lower.starts_with(s)
            }
        })
        .map(|&(_, dim, size)| Unit { dim, size })
}

/// Whether `value` in unit `from` is, rounded as a translator would, `target` in unit `to`:
/// within 6 % (15 % after a word such as `about`, `почти`), or within one degree for a
/// temperature (either sign: the sign is read apart).
pub fn converts(value: f64, from: Unit, target: f64, to: Unit, approximate: bool) -> bool {
    if from.dim != to.dim || from.size == to.size {
        return false;
    }
    if from.dim == Temperature {
        let c = |v: f64, u: Unit| {
            if u.size == 0.0 {
                (v - 32.0) * 5.0 / 9.0
            } else {
                v
            }
        };
        let f = |v: f64, u: Unit| {
            if u.size == 0.0 {
                v
            } else {
                v * 9.0 / 5.0 + 32.0
            }
        };
        let (a, b) = if to.size == 0.0 {
            (f(value, from), target)
        } else {
            (c(value, from), target)
        };
        let tol = if approximate { 3.0 } else { 1.0 };
        return (a - b).abs() <= tol || (a + b).abs() <= tol;
    }
    let converted = value * from.size / to.size;
    let tol = if approximate { 0.15 } else { 0.06 };
    converted > 0.0 && (converted - target).abs() <= tol * converted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(text: &str) -> Option<Unit> {
        let chars: Vec<char> = text.chars().collect();
        let digits = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let q = Quantity {
            kind: super::super::Kind::Plain,
            start: 0,
            end: digits,
            values: vec![],
            native: vec![],
            scale: 1.0,
            digits_end: digits,
            word: false,
            parts: vec![],
        };
        unit_after(&chars, &q)
    }

    #[test]
    fn units_are_read_after_the_number_in_both_languages() {
        assert_eq!(unit("5 pounds").map(|u| u.dim), Some(Mass));
        assert_eq!(unit("23 кг").map(|u| u.dim), Some(Mass));
        assert_eq!(unit("14°F").map(|u| u.size), Some(0.0));
        assert_eq!(unit("10 °C").map(|u| u.size), Some(1.0));
        assert_eq!(unit("60 км/ч").map(|u| u.dim), Some(Speed));
        assert_eq!(unit("40 mph").map(|u| u.dim), Some(Speed));
        assert_eq!(unit("300 square feet").map(|u| u.dim), Some(Area));
        assert_eq!(unit("3 милях").map(|u| u.dim), Some(Length));
        assert_eq!(unit("5 people"), None);
        assert_eq!(unit("5 milestones"), None);
        assert_eq!(unit("5 grammar"), None);
        assert_eq!(unit("5 милиционеров"), None);
        assert_eq!(unit("5 inches").map(|u| u.dim), Some(Length));
        assert_eq!(unit("5 kilometres").map(|u| u.dim), Some(Length));
        assert_eq!(unit("90 kilometres per hour").map(|u| u.size), Some(1.0));
        assert_eq!(unit("90 километров в час").map(|u| u.size), Some(1.0));
        assert_eq!(unit("40 miles per hour").map(|u| u.dim), Some(Speed));
        assert_eq!(unit("5 минут"), None);
        assert_eq!(unit("5 in the list"), None);
        assert_eq!(unit("2020 г."), None);
    }

    #[test]
    fn conversions_hold_within_rounding() {
        let lb = unit("1 lb").unwrap();
        let kg = unit("1 kg").unwrap();
        let mi = unit("1 mile").unwrap();
        let km = unit("1 км").unwrap();
        let f = unit("1°F").unwrap();
        let c = unit("1°C").unwrap();
        assert!(converts(5.0, lb, 2.3, kg, false));
        assert!(converts(2.3, kg, 5.0, lb, false));
        assert!(!converts(5.0, lb, 3.0, kg, false));
        assert!(converts(1.2, mi, 2.0, km, true));
        assert!(!converts(1.2, mi, 2.5, km, false));
        assert!(converts(1.2, mi, 2.2, km, true));
        assert!(converts(14.0, f, 10.0, c, false)); // −10 °C, the sign read apart
        assert!(converts(100.0, c, 212.0, f, false));
        assert!(!converts(50.0, f, 50.0, c, false));
        // The same unit is no conversion: equal values are matched elsewhere.
        assert!(!converts(5.0, kg, 5.0, kg, false));
        assert!(!converts(5.0, kg, 5.0, km, false));
    }
}
