//! printf directives: compared by argument position where either side numbers them, else in
//! order, with the fewest edits between the two sequences.

use super::{missing_place, push, src_ref};
use crate::qa::{Context, Finding};
use crate::text::markup::{Code, CodeKind, View};

/// One printf directive: the argument it takes and what the argument must be.
#[derive(Debug, Clone)]
struct Directive<'a> {
    /// 1-based argument number (`%2$s`), or `None` for the next argument.
    position: Option<u32>,
    /// The conversion without its position (`%i` read as `%d`).
    signature: String,
    code: &'a Code<'a>,
}

fn directive<'a>(code: &'a Code<'a>) -> Directive<'a> {
    let t = &code.text[1..];
    if t.starts_with('<') {
        // %<PRIu64>
        return Directive {
            position: None,
            signature: t.to_string(),
            code,
        };
    }
    let (position, rest) = match t.find('$') {
        Some(p) if t[..p].bytes().all(|b| b.is_ascii_digit()) && p > 0 => {
            (t[..p].parse().ok(), &t[p + 1..])
        }
        _ => (None, t),
    };
    // The whole conversion counts (flags, width, precision, length: translators keep them);
    // only `%i` and `%d`, which print the same, are one.
    let signature = match rest.strip_suffix('i') {
        Some(body) => format!("{body}d"),
        None => rest.to_string(),
    };
    Directive {
        position,
        signature,
        code,
    }
}

/// Reports source directive `s` missing from the target.
fn missing(
    ctx: &Context<'_>,
    src: &View<'_>,
    tgt: &View<'_>,
    s: &Code<'_>,
    out: &mut Vec<Finding>,
) {
    push(
        ctx,
        out,
        missing_place(src, tgt, s),
        format!("the source's {} is missing", src_ref(s)),
        Some(s.text.to_string()),
    );
}

/// Reports target directive `t` standing where the source has `s`.
fn changed(ctx: &Context<'_>, t: &Code<'_>, s: &Code<'_>, out: &mut Vec<Finding>) {
    push(
        ctx,
        out,
        (t.start, t.end),
        format!("“{}” where the source has {}", t.text, src_ref(s)),
        Some(s.text.to_string()),
    );
}

/// printf directives: by position where either side numbers them, else in order.
pub(super) fn printf(ctx: &Context<'_>, src: &View<'_>, tgt: &View<'_>, out: &mut Vec<Finding>) {
    let s: Vec<Directive> = src
        .codes
        .iter()
        .filter(|c| c.kind == CodeKind::Printf)
        .map(directive)
        .collect();
    let t: Vec<Directive> = tgt
        .codes
        .iter()
        .filter(|c| c.kind == CodeKind::Printf)
        .map(directive)
        .collect();
    if s.is_empty() && t.is_empty() {
        return;
    }
    let positional = s.iter().chain(&t).any(|d| d.position.is_some());
    if positional {
        // Argument number → signature, numbering unnumbered directives in order.
        let args = |ds: &[Directive]| -> Vec<(u32, usize)> {
            let mut next = 0;
            ds.iter()
                .enumerate()
                .map(|(i, d)| {
                    let p = d.position.unwrap_or_else(|| {
                        next += 1;
                        next
                    });
                    (p, i)
                })
                .collect()
        };
        let sa = args(&s);
        let ta = args(&t);
        for &(p, i) in &sa {
            let in_t: Vec<usize> = ta.iter().filter(|x| x.0 == p).map(|x| x.1).collect();
            if in_t.is_empty() {
                missing(ctx, src, tgt, s[i].code, out);
                continue;
            }
            for j in in_t {
                if t[j].signature != s[i].signature {
                    changed(ctx, t[j].code, s[i].code, out);
                }
            }
        }
        for &(p, j) in &ta {
            if !sa.iter().any(|x| x.0 == p) {
                push(
                    ctx,
                    out,
                    (t[j].code.start, t[j].code.end),
                    format!(
                        "“{}” refers to argument {p}, which the source does not have",
                        t[j].code.text
                    ),
                    None,
                );
            }
        }
        return;
    }
    let ss: Vec<&str> = s.iter().map(|d| d.signature.as_str()).collect();
    let ts: Vec<&str> = t.iter().map(|d| d.signature.as_str()).collect();
    if ss == ts {
        return;
    }
    let mut sorted_s = ss.clone();
    let mut sorted_t = ts.clone();
    sorted_s.sort_unstable();
    sorted_t.sort_unstable();
    if sorted_s == sorted_t {
        // The same arguments in another order: without positions, that swaps the values.
        let k = (0..ts.len()).find(|&k| ts[k] != ss[k]).unwrap_or(0);
        let order: Vec<&str> = s.iter().map(|d| d.code.text).collect();
        push(
            ctx,
            out,
            (t[k].code.start, t[k].code.end),
            format!(
                "printf arguments in another order than the source's ({}): without positions (%1$s) they take the wrong values",
                order.join(" … ")
            ),
            None,
        );
        return;
    }
    // Align the two sequences; unmatched items are missing, added, or changed in place.
    for op in diff(&ss, &ts) {
        match op {
            Op::Missing(i) => missing(ctx, src, tgt, s[i].code, out),
            Op::Changed(i, j) => changed(ctx, t[j].code, s[i].code, out),
            Op::Extra(j) => {
                let twin = s.iter().find(|d| d.signature == t[j].signature);
                let message = match twin {
                    Some(d) => format!(
                        "“{}” is one more than the source has: {} takes {} argument(s)",
                        t[j].code.text,
                        d.code.text,
                        ss.len()
                    ),
                    None => format!("“{}” is not in the source", t[j].code.text),
                };
                push(ctx, out, (t[j].code.start, t[j].code.end), message, None)
            }
        }
    }
}

/// An edit between two sequences.
#[derive(Debug, PartialEq)]
enum Op {
    /// Source item `i` has no counterpart.
    Missing(usize),
    /// Target item `j` has none.
    Extra(usize),
    /// Source item `i` became target item `j`.
    Changed(usize, usize),
}

/// The fewest edits that turn `a` into `b` (edit distance; on ties a match or a change is
/// preferred, so a duplicate is the later copy).
fn diff(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    // d[i][j]: edits between a[i..] and b[j..].
    let mut d = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            d[i][j] = if i == n {
                (m - j) as u32
            } else if j == m {
                (n - i) as u32
            } else {
                let diag = d[i + 1][j + 1] + u32::from(a[i] != b[j]);
                diag.min(d[i + 1][j] + 1).min(d[i][j + 1] + 1)
            };
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && d[i][j] == d[i + 1][j + 1] + u32::from(a[i] != b[j]) {
            if a[i] != b[j] {
                ops.push(Op::Changed(i, j));
            }
            i += 1;
            j += 1;
        } else if j < m && (i == n || d[i][j] == d[i][j + 1] + 1) {
            ops.push(Op::Extra(j));
            j += 1;
        } else {
            ops.push(Op::Missing(i));
            i += 1;
        }
    }
    ops
}
