//! Markup that must hold together: paired tags and inline codes nesting as in the source,
//! angle brackets paired, no lone `%` in a printf format.

use super::push;
use crate::qa::{Context, Finding};
use crate::text::markup::{CodeKind, View};

/// Paired tags and inline codes (`<b>…</b>`, `{1}…{/1}`) must nest in the target as they
/// do in the source.
pub(super) fn nesting(ctx: &Context<'_>, src: &View<'_>, tgt: &View<'_>, out: &mut Vec<Finding>) {
    let pairs = |v: &View<'_>| -> Vec<(String, bool, usize, usize)> {
        v.placeholders()
            .filter_map(|c| {
                let t = c.text;
                match c.kind {
                    CodeKind::Tag if !t.ends_with("/>") && !t.starts_with("<!") => {
                        let close = t.starts_with("</");
                        let name: String = t
                            .trim_start_matches(['<', '/'])
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
                            .collect::<String>()
                            .to_ascii_lowercase();
                        Some((format!("<{name}"), close, c.start, c.end))
                    }
                    CodeKind::Brace
                        if t.len() > 2
                            && t[1..t.len() - 1]
                                .bytes()
                                .all(|b| b.is_ascii_digit() || b == b'/') =>
                    {
                        let close = t.starts_with("{/");
                        let n = t.trim_matches(['{', '}', '/']).to_string();
                        Some((format!("{{{n}"), close, c.start, c.end))
                    }
                    _ => None,
                }
            })
            .collect()
    };
    // Only names the source both opens and closes are pairs.
    let sp = pairs(src);
    let paired = |name: &str| {
        sp.iter().any(|(n, c, _, _)| n == name && *c)
            && sp.iter().any(|(n, c, _, _)| n == name && !*c)
    };
    if problems(&sp, &paired).is_some() {
        return;
    }
    if let Some((start, end, message)) = problems(&pairs(tgt), &paired) {
        push(ctx, out, (start, end), message, None);
    }
}

/// The first nesting problem among `items` (name, is-close, span): a close without its open
/// or one closing another tag's content.
fn problems(
    items: &[(String, bool, usize, usize)],
    paired: &dyn Fn(&str) -> bool,
) -> Option<(usize, usize, String)> {
    let mut stack: Vec<&(String, bool, usize, usize)> = Vec::new();
    for it in items {
        if !paired(&it.0) {
            continue;
        }
        if !it.1 {
            stack.push(it);
            continue;
        }
        match stack.last() {
            Some(top) if top.0 == it.0 => {
                stack.pop();
            }
            Some(top) if stack.iter().any(|o| o.0 == it.0) => {
                return Some((
                    it.2,
                    it.3,
                    format!(
                        "closed out of order: “{}” is still open inside",
                        top.0.trim_start_matches(['<', '{'])
                    ),
                ));
            }
            _ => {}
        }
    }
    None
}

/// Angle brackets outside tags (`<%s>`, `"<" or ">"`): the source pairs them, the target
/// leaves one without its partner. `‹ ›` count as `< >` (translators use them for translated
/// metavariables).
pub(super) fn angles(ctx: &Context<'_>, src: &View<'_>, tgt: &View<'_>, out: &mut Vec<Finding>) {
    let brackets = |v: &View<'_>| -> Vec<(usize, bool)> {
        v.text
            .chars()
            .enumerate()
            .filter(|&(i, c)| matches!(c, '<' | '>' | '‹' | '›') && !in_tag(v, i))
            .map(|(i, c)| (i, c == '<' || c == '‹'))
            .collect()
    };
    let sb = brackets(src);
    let opens = sb.iter().filter(|b| b.1).count();
    if sb.is_empty() || opens * 2 != sb.len() {
        return;
    }
    let tb = brackets(tgt);
    let t_opens = tb.iter().filter(|b| b.1).count();
    if t_opens * 2 == tb.len() {
        return;
    }
    // The first bracket without a partner.
    let mut stack = Vec::new();
    let mut lone = None;
    for &(i, open) in &tb {
        if open {
            stack.push(i);
        } else if stack.pop().is_none() {
            lone = Some((i, false));
            break;
        }
    }
    let Some((at, open)) = lone.or_else(|| stack.first().map(|&i| (i, true))) else {
        return;
    };
    let chars: Vec<char> = tgt.text.chars().collect();
    let (a, b) = if open {
        let end = (at + 1..chars.len())
            .find(|&k| chars[k].is_whitespace())
            .unwrap_or(chars.len());
        (at, end)
    } else {
        let start = (0..at)
            .rev()
            .find(|&k| chars[k].is_whitespace())
            .map_or(0, |k| k + 1);
        (start, at + 1)
    };
    let which = if open {
        "“<” is not closed"
    } else {
        "“>” closes nothing"
    };
    push(
        ctx,
        out,
        (a, b),
        format!("{which}: the source pairs its angle brackets"),
        None,
    );
}

/// True when char `at` is inside a tag.
fn in_tag(v: &View<'_>, at: usize) -> bool {
    v.codes
        .iter()
        .any(|c| c.kind == CodeKind::Tag && c.start <= at && at < c.end)
}

/// A `%` that starts no conversion in a printf format: printf reads it as the start of one.
pub(super) fn lone_percent(
    ctx: &Context<'_>,
    src: &View<'_>,
    tgt: &View<'_>,
    out: &mut Vec<Finding>,
) {
    let is_format = |v: &View<'_>| {
        v.codes
            .iter()
            .any(|c| matches!(c.kind, CodeKind::Printf | CodeKind::PythonNamed))
            || v.text.contains("%%")
    };
    if !is_format(src) || lone_percents(src).next().is_some() {
        return;
    }
    for at in lone_percents(tgt) {
        push(
            ctx,
            out,
            (at, at + 1),
            "a lone “%” in a printf format, where the source writes “%%”".into(),
            Some("%%".into()),
        );
    }
}

/// True when char `at` is inside a placeholder (an identifier such as `%r_plt` may start
/// with a `%` that is none).
fn in_placeholder(v: &View<'_>, at: usize) -> bool {
    v.placeholders().any(|c| c.start <= at && at < c.end)
}

/// Char offsets of the `%` signs of a view that are neither a conversion nor `%%`.
fn lone_percents<'v>(v: &'v View<'v>) -> impl Iterator<Item = usize> + 'v {
    let chars: Vec<char> = v.text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '%' && !in_placeholder(v, i) {
            if chars.get(i + 1) == Some(&'%') {
                i += 2;
                continue;
            }
            out.push(i);
        }
        i += 1;
    }
    out.into_iter()
}
