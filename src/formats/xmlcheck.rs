//! Is this tag well-formed? The XML reader checks elements and their nesting as it reads, but
//! leaves attributes alone until they are asked for: every start tag and declaration of the
//! files read here is checked in full, so that a malformed file is refused with its place
//! instead of being read (or written back) half.

use quick_xml::events::{BytesDecl, BytesStart};

/// Checks the attributes of a start tag: each well-formed, unique, with no `<` in its value
/// and every entity reference in it known. Returns the message of the first fault.
pub fn check_start(e: &BytesStart<'_>) -> Result<(), String> {
    let name = e.name();
    if !is_name(name.as_ref()) {
        return Err(format!("malformed element name \"{}\"", name.as_ref()));
    }
    for a in e.attributes().with_checks(true) {
        let a = a.map_err(|err| format!("malformed attribute: {err}"))?;
        let key = a.key.as_ref();
        if !is_name(key) {
            return Err(format!("malformed attribute name \"{key}\""));
        }
        if a.value.contains('<') {
            return Err(format!("'<' in the value of the attribute {key}"));
        }
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| format!("bad value of the attribute {key}: {err}"))?;
    }
    Ok(())
}

/// Checks an XML declaration: `version`, then `encoding` and `standalone`, each once and in
/// that order, with quoted values.
pub fn check_decl(d: &BytesDecl<'_>) -> Result<(), String> {
    // The content is `xml version="1.0" …`.
    let mut rest = d.as_ref().strip_prefix("xml").unwrap_or("");
    let mut seen = Vec::new();
    loop {
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            break;
        }
        if trimmed.len() == rest.len() {
            return Err("malformed XML declaration: no space before an attribute".into());
        }
        let Some((name, value)) = trimmed.split_once('=') else {
            return Err("malformed XML declaration: an attribute without a value".into());
        };
        let name = name.trim_end();
        let order = ["version", "encoding", "standalone"];
        let Some(at) = order.iter().position(|n| *n == name) else {
            return Err(format!(
                "malformed XML declaration: unknown attribute \"{name}\""
            ));
        };
        if seen.last().is_some_and(|&last| last >= at) {
            return Err(format!(
                "malformed XML declaration: \"{name}\" out of place"
            ));
        }
        seen.push(at);
        let value = value.trim_start();
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            return Err(format!(
                "malformed XML declaration: \"{name}\" is not quoted"
            ));
        };
        let Some(len) = value[1..].find(quote) else {
            return Err(format!(
                "malformed XML declaration: \"{name}\" is not closed"
            ));
        };
        rest = &value[len + 2..];
    }
    if seen.first() != Some(&0) {
        return Err("malformed XML declaration: no version".into());
    }
    let version = d
        .version()
        .map_err(|err| format!("malformed XML declaration: {err}"))?;
    if !matches!(version.as_ref(), "1.0" | "1.1") {
        return Err(format!(
            "malformed XML declaration: version \"{}\"",
            version.as_ref()
        ));
    }
    if let Some(enc) = d.encoding() {
        enc.map_err(|err| format!("malformed XML declaration: {err}"))?;
    }
    Ok(())
}

/// Whether `s` is an XML name: a letter, `_` or `:` (or any non-ASCII character) first, then
/// those, digits, `-` and `.`; not ending in `:`.
pub fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':' || !c.is_ascii());
    first_ok
        && chars.all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-' | '.') || !c.is_ascii()
        })
        && !s.ends_with(':')
}

/// Checks a processing instruction: its target is a name.
pub fn check_pi(content: &str) -> Result<(), String> {
    let target = content.split(char::is_whitespace).next().unwrap_or("");
    if is_name(target) {
        Ok(())
    } else {
        Err("malformed processing instruction".into())
    }
}

/// Checks a document type declaration without an internal subset: a name, then quoted
/// identifiers, and no markup inside.
pub fn check_doctype(content: &str) -> Result<(), String> {
    if content.contains('[') {
        return Ok(());
    }
    if content.contains('<') || content.matches('"').count() % 2 == 1 {
        return Err("malformed DOCTYPE declaration".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::Event;

    fn first(xml: &str) -> Result<(), String> {
        let mut r = quick_xml::Reader::from_str(xml);
        match r.read_event() {
            Ok(Event::Decl(d)) => check_decl(&d),
            Ok(Event::Start(e) | Event::Empty(e)) => check_start(&e),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn good_and_bad_tags() {
        assert!(first("<?xml version=\"1.0\" encoding='UTF-8' standalone=\"no\"?><a/>").is_ok());
        assert!(first("<?xml version=\"1.0\"?><a/>").is_ok());
        assert!(first("<a b=\"1\" c='&amp;&#x41;'/>").is_ok());
        for bad in [
            "<?xml version=\"1.0\" &encoding=\"UTF-8\"?><a/>",
            "<?xml encoding=\"UTF-8\"?><a/>",
            "<?xml version=\"1.0\" encoding=\"UTF-8?><a/>",
            "<?xml version=\"2.0\"?><a/>",
            "<a b=\"x<y\"/>",
            "<a b=\"1\" b=\"2\"/>",
            "<a b=\"&nope;\"/>",
            "<a b/>",
            "<a r&amp;b=\"1\"/>",
            "<ta<rget/>",
            "<sdl:&seg id=\"1\"/>",
        ] {
            assert!(first(bad).is_err(), "{bad}");
        }
    }
}
