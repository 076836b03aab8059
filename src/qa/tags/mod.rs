//! Check `tags`: the placeholders and markup of the source that the target must carry over
//! unchanged (see `text::markup` for what is recognised): one missing, changed (`%s` → `%d`,
//! `{0}` → `{1}`), duplicated or added; printf conversions without positions reordered
//! (positional ones, `%2$s %1$s`, may move); paired tags or inline codes closed out of order;
//! a tag broken (`<b` for `<b>`); a lone `%` in a printf format (`%%` is the literal). Reported
//! on the target, naming the source's span.
//!
//! Accepted as they are: the branch keys of ICU plurals (Russian has `few` and `many` that
//! English lacks), a metavariable in angle brackets translated (`<file>` → `<файл>`), an
//! entity written as its character (`&nbsp;` → U+00A0, but not the XML escapes), menu
//! accelerators.

mod markup;
mod printf;

use super::{CheckInfo, Context, Finding, Severity, Side};
use crate::text::markup::{Code, CodeKind, View};
use std::collections::HashMap;

/// Description of the check.
pub const INFO: CheckInfo = CheckInfo {
    id: "tags",
    severity: Severity::Error,
    explanation: "A placeholder, tag or inline code of the source missing, changed, duplicated or added in the target, printf arguments reordered, or markup broken.",
};

/// The key two non-printf codes match by.
fn key(code: &Code<'_>) -> Option<String> {
    let t = code.text;
    match code.kind {
        CodeKind::Tag => {
            if t.starts_with("<!--") {
                return None;
            }
            let close = t.starts_with("</");
            let selfclose = t.ends_with("/>");
            let name: String = t
                .trim_start_matches(['<', '/'])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '_' | '-'))
                .collect::<String>()
                .to_ascii_lowercase();
            let mut k = match (close, selfclose) {
                (true, _) => format!("</{name}>"),
                (_, true) => format!("<{name}/>"),
                _ => format!("<{name}>"),
            };
            // Where a link points must not change.
            for attr in ["href", "src"] {
                if let Some(v) = attr_value(t, attr) {
                    k.push_str(&format!(" {attr}={v}"));
                }
            }
            Some(k)
        }
        CodeKind::Icu => {
            // Only argument heads (`{count, plural,`, `{d, date}`) are compared: branch keys,
            // `#` and braces differ by language.
            if !t.starts_with('{') || t.ends_with('{') && !t.contains(',') {
                return None;
            }
            let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            Some(compact.trim_end_matches(',').to_string())
        }
        _ => Some(t.chars().filter(|c| !c.is_whitespace()).collect()),
    }
}

/// The value of attribute `name` in a tag.
fn attr_value<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!(" {name}="))? + name.len() + 2;
    let rest = &tag[at..];
    let q = rest.chars().next()?;
    if q == '"' || q == '\'' {
        rest[1..].find(q).map(|e| &rest[1..1 + e])
    } else {
        Some(rest.split([' ', '>', '/']).next().unwrap_or(""))
    }
}

/// Characters named entities stand for, where writing the character itself is as good.
fn entity_char(entity: &str) -> Option<char> {
    Some(match entity {
        "&nbsp;" | "&#160;" | "&#xA0;" | "&#xa0;" => '\u{a0}',
        "&mdash;" | "&#8212;" => '—',
        "&ndash;" | "&#8211;" => '–',
        "&hellip;" | "&#8230;" => '…',
        "&laquo;" => '«',
        "&raquo;" => '»',
        "&copy;" => '©',
        "&reg;" => '®',
        "&trade;" => '™',
        "&euro;" => '€',
        "&deg;" => '°',
        "&times;" => '×',
        "&rsquo;" => '’',
        "&lsquo;" => '‘',
        "&rdquo;" => '”',
        "&ldquo;" => '“',
        "&bull;" => '•',
        _ => return None,
    })
}

/// What the source side's placeholder is called in messages: its text and char span.
pub(super) fn src_ref(code: &Code<'_>) -> String {
    format!("“{}” (source {}..{})", code.text, code.start, code.end)
}

/// Runs the check on the target of a pair.
pub fn check(ctx: &Context<'_>, side: &Side, out: &mut Vec<Finding>) {
    if !ctx.is_target_of_pair() {
        return;
    }
    let Some(src) = ctx.other_view else {
        return;
    };
    let tgt = ctx.view;
    let text = side.text.as_str();
    // Nothing to compare: no placeholder on either side, no `%` or angle bracket.
    let marks = |t: &str| t.contains(['%', '<', '>', '‹', '›', '&']);
    if src.placeholders().next().is_none()
        && tgt.placeholders().next().is_none()
        && !marks(src.text)
        && !marks(text)
    {
        return;
    }
    let mut found = Vec::new();
    printf::printf(ctx, src, tgt, &mut found);
    others(ctx, src, tgt, &mut found);
    markup::nesting(ctx, src, tgt, &mut found);
    markup::lone_percent(ctx, src, tgt, &mut found);
    markup::angles(ctx, src, tgt, &mut found);
    // One finding per span.
    found.sort_by_key(|f: &Finding| (f.start, f.end));
    found.dedup_by_key(|f| (f.start, f.end));
    out.extend(found);
}

/// Where a placeholder missing from the target belongs: an empty pair of quotes or brackets
/// the source does not have empty (`«»`), the end or the start of the target when the
/// placeholder ends or starts the source, else the whole target.
pub(super) fn missing_place(src: &View<'_>, tgt: &View<'_>, code: &Code<'_>) -> (usize, usize) {
    let t: Vec<char> = tgt.text.chars().collect();
    for (open, close) in [
        ('«', '»'),
        ('"', '"'),
        ('\'', '\''),
        ('“', '”'),
        ('‘', '’'),
        ('„', '“'),
        ('(', ')'),
        ('[', ']'),
        ('<', '>'),
        ('‹', '›'),
    ] {
        let pair = format!("{open}{close}");
        if src.text.contains(&pair) {
            continue;
        }
        if let Some(i) = t.windows(2).position(|w| w[0] == open && w[1] == close) {
            return (i, i + 2);
        }
    }
    let s = src.text;
    let is_tail = |c: char| c.is_whitespace() || c.is_ascii_punctuation() || "«»“”…".contains(c);
    let trimmed_end = t.len() - t.iter().rev().take_while(|&&c| is_tail(c)).count();
    if s[code.byte_end..].chars().all(is_tail) {
        return (trimmed_end, trimmed_end);
    }
    if s[..code.byte_start].chars().all(is_tail) {
        let lead = t.iter().take_while(|&&c| c.is_whitespace()).count();
        return (lead, lead);
    }
    (0, t.len())
}

pub(super) fn push(
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
    (start, end): (usize, usize),
    message: String,
    suggestion: Option<String>,
) {
    out.push(ctx.finding(&INFO, ctx.view.text, start, end, message, suggestion));
}

/// Every code the tags check compares apart from printf, counted by key.
fn counts<'a>(view: &'a View<'a>) -> Vec<(String, &'a Code<'a>)> {
    view.placeholders()
        .filter(|c| c.kind != CodeKind::Printf)
        .filter_map(|c| key(c).map(|k| (k, c)))
        .collect()
}

/// True for a tag without attributes that the source never closes: a metavariable such as
/// `<n>` or `<file>`, which translators may translate.
fn is_metavariable(code: &Code<'_>, src: &View<'_>) -> bool {
    code.kind == CodeKind::Tag
        && !code.text.contains([' ', '/'])
        && !src
            .codes
            .iter()
            .any(|c| c.kind == CodeKind::Tag && c.text == format!("</{}", &code.text[1..]))
}

/// A translated metavariable in the target: angle brackets (or `‹ ›`) around words that are
/// not ASCII. Returns their char spans.
fn translated_metavariables(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '<' || chars[i] == '‹' {
            let close =
                (i + 1..chars.len().min(i + 40)).find(|&k| chars[k] == '>' || chars[k] == '›');
            if let Some(k) = close {
                let inner = &chars[i + 1..k];
                if !inner.is_empty()
                    && inner.iter().any(|c| c.is_alphabetic() && !c.is_ascii())
                    && inner
                        .iter()
                        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                {
                    out.push((i, k + 1));
                    i = k + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Placeholders and markup other than printf, compared as multisets; a missing one and an
/// added one of the same kind make one change.
fn others(ctx: &Context<'_>, src: &View<'_>, tgt: &View<'_>, out: &mut Vec<Finding>) {
    let sc = counts(src);
    let tc = counts(tgt);
    if sc.is_empty() && tc.is_empty() {
        return;
    }
    // ICU messages have one branch per plural form, and Russian has more forms than English:
    // inside them, placeholders count once.
    let icu = sc.iter().chain(&tc).any(|(_, c)| c.kind == CodeKind::Icu);
    let mut src_n: HashMap<&str, Vec<&Code>> = HashMap::new();
    for (k, c) in &sc {
        src_n.entry(k.as_str()).or_default().push(c);
    }
    let mut tgt_n: HashMap<&str, Vec<&Code>> = HashMap::new();
    for (k, c) in &tc {
        tgt_n.entry(k.as_str()).or_default().push(c);
    }
    let mut missing: Vec<&Code> = Vec::new();
    let mut extra: Vec<(&Code, bool)> = Vec::new();
    for (k, cs) in &src_n {
        let have = tgt_n.get(k).map_or(0, Vec::len);
        let want = if icu { 1.min(cs.len()) } else { cs.len() };
        if have < want {
            missing.extend(cs[have..].iter().copied());
        }
    }
    for (k, cs) in &tgt_n {
        let want = src_n.get(k).map_or(0, Vec::len);
        if want == 0 {
            extra.extend(cs.iter().map(|c| (*c, false)));
        } else if !icu && cs.len() > want {
            extra.extend(cs[want..].iter().map(|c| (*c, true)));
        }
    }
    missing.sort_by_key(|c| c.start);
    extra.sort_by_key(|(c, _)| c.start);
    // A metavariable may be translated; an entity may be written as its character.
    let mut translated = translated_metavariables(tgt.text);
    let tgt_chars: Vec<char> = tgt.text.chars().collect();
    missing.retain(|c| {
        if is_metavariable(c, src) && !translated.is_empty() {
            translated.remove(0);
            return false;
        }
        if c.kind == CodeKind::Entity {
            if let Some(ch) = entity_char(c.text) {
                return !tgt_chars.contains(&ch);
            }
        }
        true
    });
    // Pair what is missing with what was added in its place: a change.
    let mut used = vec![false; extra.len()];
    for m in &missing {
        // An opening tag changes into an opening tag, a closing one into a closing one.
        let same_side = |e: &Code<'_>| {
            m.kind != CodeKind::Tag || e.text.starts_with("</") == m.text.starts_with("</")
        };
        let partner = extra
            .iter()
            .enumerate()
            .position(|(k, (e, dup))| !used[k] && !dup && e.kind == m.kind && same_side(e));
        match partner {
            Some(k) => {
                used[k] = true;
                let e = extra[k].0;
                push(
                    ctx,
                    out,
                    (e.start, e.end),
                    format!("“{}” where the source has {}", e.text, src_ref(m)),
                    Some(m.text.to_string()),
                );
            }
            None => {
                let place = broken_place(tgt, m).unwrap_or_else(|| missing_place(src, tgt, m));
                let what = if broken_place(tgt, m).is_some() {
                    "is broken"
                } else {
                    "is missing"
                };
                push(
                    ctx,
                    out,
                    place,
                    format!("the source's {} {what}", src_ref(m)),
                    Some(m.text.to_string()),
                );
            }
        }
    }
    for (k, (e, dup)) in extra.iter().enumerate() {
        if used[k] {
            continue;
        }
        let message = if *dup {
            format!(
                "“{}” is more times in the target than in the source",
                e.text
            )
        } else {
            format!("“{}” is not in the source", e.text)
        };
        push(ctx, out, (e.start, e.end), message, None);
    }
}

/// Where the target has a broken form of `code` (a tag without its `>`, `&amp` without its
/// `;`, an entity's `&` alone): its char span.
fn broken_place(tgt: &View<'_>, code: &Code<'_>) -> Option<(usize, usize)> {
    let text = tgt.text;
    let (stem, _) = match code.kind {
        CodeKind::Tag => {
            let name_end = code
                .text
                .find(|c: char| c == ' ' || c == '>' || (c == '/' && !code.text.starts_with("</")))
                .unwrap_or(code.text.len());
            let stem = &code.text[..name_end.max(2)];
            (stem.to_string(), ())
        }
        CodeKind::Entity => (code.text.trim_end_matches(';').to_string(), ()),
        _ => return None,
    };
    let mut from = 0;
    while let Some(p) = text[from..].find(&stem) {
        let at = from + p;
        from = at + stem.len();
        let chars_at = text[..at].chars().count();
        if tgt.in_code(chars_at) {
            continue;
        }
        // The stem must end the name (`<n` not `<name`).
        let next = text[at + stem.len()..].chars().next();
        if next.is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let len = stem.chars().count();
        // Take a `/` that follows (`<url/`).
        let extra = usize::from(next == Some('/'));
        return Some((chars_at, chars_at + len + extra));
    }
    if code.kind == CodeKind::Entity {
        // `&amp;` written as a bare `&`.
        if let Some(p) = text.find('&') {
            let at = text[..p].chars().count();
            if !tgt.in_code(at) {
                return Some((at, at + 1));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {

    fn tags(src: &str, tgt: &str) -> Vec<(String, String)> {
        super::super::tests::pair_all("en", src, "ru", tgt)
            .into_iter()
            .filter(|f| f.check == "tags")
            .map(|f| {
                assert_eq!(f.side.as_str(), "tgt");
                (f.text, f.message)
            })
            .collect()
    }

    fn texts(src: &str, tgt: &str) -> Vec<String> {
        tags(src, tgt).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn printf_missing_changed_duplicated_added() {
        assert!(tags("cannot open %s: %s", "не удалось открыть %s: %s").is_empty());
        // Missing at the end: an empty span at the end.
        let f = tags("cannot chdir to %s", "не удалось перейти в каталог");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("“%s” (source 16..18) is missing"), "{f:?}");
        // Missing inside quotes: the empty quotes.
        assert_eq!(texts("file '%s' not found", "файл «» не найден"), ["«»"]);
        // Changed type.
        assert_eq!(texts("%s: error: %s", "%d: ошибка: %s"), ["%d"]);
        assert_eq!(texts("size %lu", "размер %ld"), ["%ld"]);
        assert_eq!(texts("at 0x%08x", "по 0x%x"), ["%x"]);
        assert!(tags("%i items", "%d элементов").is_empty());
        // Duplicated: the extra one.
        assert_eq!(texts("failed to remove %s", "сбой удаления %s %s"), ["%s"]);
        // `%%` is a literal, `%.*s` takes two arguments.
        assert!(tags("100%% of %.*s", "100%% из %.*s").is_empty());
        assert_eq!(texts("from %.*s", "из %s").len(), 1);
    }

    #[test]
    fn positions_may_move_order_may_not() {
        assert!(tags("%1$s on %2$s", "%2$s: %1$s").is_empty());
        assert!(tags("%s on %d", "%2$d: %1$s").is_empty());
        let f = tags("%s has %d files", "%d файлов в %s");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("another order"), "{f:?}");
        // Two of the same kind swapped cannot be told apart and are fine.
        assert!(tags("%s to %s", "в %s из %s").is_empty());
        assert_eq!(texts("%1$s on %2$s", "%1$s на %3$s").len(), 2);
    }

    #[test]
    fn python_brace_templates_and_qt() {
        assert!(tags(
            "Hello %(name)s, {0} new {count}",
            "Привет, %(name)s, {0} новых {count}"
        )
        .is_empty());
        assert_eq!(texts("Hello %(name)s", "Привет, %(nmae)s"), ["%(nmae)s"]);
        assert_eq!(texts("{0} of {1}", "{0} из {2}"), ["{2}"]);
        assert_eq!(texts("Set ${HOME}", "Задайте ${HOM}"), ["${HOM}"]);
        assert!(tags("Set {{ user }} and $PATH", "Задайте {{user}} и $PATH").is_empty());
        assert!(tags("File %1 of %2", "Файл %2 из %1").is_empty());
        assert_eq!(texts("File %1 of %2", "Файл %1").len(), 1);
    }

    #[test]
    fn icu_plural_branches_differ_by_language() {
        assert!(tags(
            "{count, plural, one {# file in {dir}} other {# files in {dir}}}",
            "{count, plural, one {# файл в {dir}} few {# файла в {dir}} many {# файлов в {dir}} other {# файла в {dir}}}"
        )
        .is_empty());
        assert_eq!(
            texts(
                "{count, plural, one {# file} other {# files}}",
                "{num, plural, one {# файл} other {# файлов}}"
            )
            .len(),
            1
        );
    }

    #[test]
    fn markup_missing_broken_out_of_order_and_entities() {
        assert!(tags(
            "Click <b>Save</b> &amp; exit",
            "Нажмите <b>Сохранить</b> &amp; выйдите"
        )
        .is_empty());
        assert_eq!(texts("Click <b>Save</b>", "Нажмите <b>Сохранить"), [""]);
        assert_eq!(texts("show <n> more", "показать <n коммитов"), ["<n"]);
        assert_eq!(
            texts("Use the <url/> tag", "Используйте тег <url/ для ссылок"),
            ["<url/"]
        );
        let f = tags("<b><i>Bold italic</i></b>", "<b><i>Жирный курсив</b></i>");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("out of order"));
        assert_eq!(texts("Tom &amp; Jerry", "Том & Джерри"), ["&"]);
        // An entity written as its character; a translated metavariable.
        assert!(tags("Keep&nbsp;together", "Не\u{a0}разделять").is_empty());
        assert!(tags("copy <file> to <dir>", "копировать <файл> в <каталог>").is_empty());
        // Inline codes of CAT tools nest too.
        assert!(tags("Press {1}OK{/1} now", "Нажмите {1}ОК{/1}").is_empty());
        assert_eq!(tags("Press {1}OK{/1} now", "Нажмите ОК{/1}").len(), 1);
        // Links must keep their target.
        assert_eq!(
            texts(
                "<a href=\"a.html\">Help</a>",
                "<a href=\"b.html\">Справка</a>"
            )
            .len(),
            1
        );
    }

    #[test]
    fn angle_brackets_the_source_pairs() {
        assert_eq!(texts("opcode <%s>.", "кода операции <%s."), ["<%s."]);
        assert_eq!(
            texts("must be \"<\" or \">\"", "должны быть \"<\" или \"\""),
            ["<\""]
        );
        assert!(tags("if a < b", "если a < b").is_empty());
        assert!(tags("[<command>]", "‹команда>").is_empty());
    }

    #[test]
    fn lone_percent_in_a_printf_format() {
        assert_eq!(texts("operand %%r_plt in %d", "операнд %r_plt в %d"), ["%"]);
        assert_eq!(texts("%d%% done", "выполнено %d%"), ["%"]);
        assert!(tags("%d%% done", "выполнено на %d%%").is_empty());
        // Outside printf formats a percent sign is text.
        assert!(tags("50% done", "выполнено на 50 %").is_empty());
    }

    #[test]
    fn russian_source_english_target() {
        let f: Vec<String> = super::super::tests::pair_all(
            "ru",
            "Файл %s не найден в {dir}.",
            "en",
            "File %d not found in {folder}.",
        )
        .into_iter()
        .filter(|f| f.check == "tags")
        .map(|f| f.text)
        .collect();
        assert_eq!(f, ["%d", "{folder}"]);
        assert!(super::super::tests::pair_all(
            "ru",
            "Файл %s не найден.",
            "en",
            "File %s not found."
        )
        .iter()
        .all(|f| f.check != "tags"));
    }

    #[test]
    fn no_placeholders_no_findings() {
        assert!(tags("Save the file.", "Сохраните файл.").is_empty());
        // The source's own broken markup copied as it is.
        assert!(tags("a <b>bold", "<b>жирный").is_empty());
    }
}
