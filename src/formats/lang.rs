//! How are language codes written and compared? BCP 47 case (`en-US`, `ru`, `zh-Hans-CN`),
//! `_` read as `-`; a code asked for without a region matches every region of its language.

/// The code in BCP 47 case: the language in lower case, a four-letter script in title case, a
/// two-letter region in upper case, everything else in lower case; `_` becomes `-`.
/// `*all*` and empty codes are returned as they are.
pub fn normalize(code: &str) -> String {
    let code = code.trim();
    if code.is_empty() || code.starts_with('*') {
        return code.to_string();
    }
    let mut out = String::with_capacity(code.len());
    for (i, part) in code.split(['-', '_']).enumerate() {
        if i > 0 {
            out.push('-');
        }
        let is_alpha = part.chars().all(|c| c.is_ascii_alphabetic());
        if i > 0 && part.len() == 2 && is_alpha {
            out.push_str(&part.to_ascii_uppercase());
        } else if i > 0 && part.len() == 4 && is_alpha {
            let lower = part.to_ascii_lowercase();
            let mut chars = lower.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(&part.to_ascii_lowercase());
        }
    }
    out
}

/// Whether `code` can be a language tag: letters and digits in parts joined by `-` or `_`
/// (`en`, `en-US`, `zh_Hans_CN`, `x-klingon`), or `*all*`. Anything else (spaces, control
/// chars, punctuation) is not one.
pub fn is_valid(code: &str) -> bool {
    let code = code.trim();
    code == "*all*"
        || !code.is_empty()
            && code
                .split(['-', '_'])
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The primary language subtag, lower case (`en-US` → `en`).
pub fn primary(code: &str) -> String {
    code.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether `code` is what `asked` asks for: the same language when `asked` names no region or
/// script (`en` matches `en-GB`), the same code otherwise (`en-US` does not match `en-GB`).
pub fn matches(asked: &str, code: &str) -> bool {
    let asked = normalize(asked);
    if asked.contains('-') {
        asked.eq_ignore_ascii_case(&normalize(code))
    } else {
        asked == primary(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_are_letters_and_digits_in_parts() {
        for ok in [
            "en",
            "en-US",
            "zh_Hans_CN",
            "es-419",
            "x-klingon",
            "*all*",
            " ru ",
        ] {
            assert!(is_valid(ok), "{ok}");
        }
        for bad in [
            "",
            " ",
            "\u{1}\u{1f}",
            "en--US",
            "-en",
            "en US",
            "ру",
            "en-",
        ] {
            assert!(!is_valid(bad), "{bad:?}");
        }
    }

    #[test]
    fn codes_take_bcp47_case() {
        for (raw, want) in [
            ("EN-US", "en-US"),
            ("RU", "ru"),
            ("ru-ru", "ru-RU"),
            ("en_gb", "en-GB"),
            ("ZH-HANS-CN", "zh-Hans-CN"),
            ("es-419", "es-419"),
            ("*all*", "*all*"),
        ] {
            assert_eq!(normalize(raw), want, "{raw}");
        }
    }

    #[test]
    fn a_code_without_region_matches_every_region() {
        assert!(matches("en", "EN-US"));
        assert!(matches("EN", "en"));
        assert!(matches("en-us", "en-US"));
        assert!(!matches("en-US", "en-GB"));
        assert!(!matches("en", "ru"));
        assert!(!matches("en-US", "en"));
    }
}
