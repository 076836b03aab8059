//! Report: how are findings shown to people and tools?
//!
//! - [`text`]: one line per finding for terminals (`ORIGIN:SEGMENT: check: message`);
//! - [`jsonl`]: one JSON object per finding (the contract scored by benchmarks);
//! - [`csv`](fn@csv): one row per finding with the segment's source and target, for spreadsheets;
//! - [`html`]: one self-contained page (no network) with a summary, filters and every finding
//!   shown in its segment with the span highlighted. All text is escaped.

use crate::qa::{count_by_check, Finding, QaUnit, SideId, CHECKS};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Findings as terminal lines.
pub fn text(units: &[QaUnit], findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = write!(
            out,
            "{}:{}: {}: {} [{} {}..{}]",
            units.get(f.unit).map_or("-", |u| u.origin.as_str()),
            f.segment,
            f.check,
            f.message,
            f.side.as_str(),
            f.start,
            f.end
        );
        if let Some(s) = &f.suggestion {
            let _ = write!(out, " → {s:?}");
        }
        out.push('\n');
    }
    out
}

/// True when the units come from more than one origin (files, documents): segment numbers
/// may then repeat, and JSON rows name the origin too.
fn several_origins(units: &[QaUnit]) -> bool {
    units.windows(2).any(|w| w[0].origin != w[1].origin)
}

/// A JSON row with the origin of its unit after its own fields.
#[derive(serde::Serialize)]
struct WithOrigin<'a, T: serde::Serialize> {
    #[serde(flatten)]
    row: &'a T,
    origin: &'a str,
}

/// Appends `row` as one JSON line, with `"origin"` (the unit's file or document) when `tag`.
fn json_line<T: serde::Serialize>(out: &mut String, row: &T, unit: Option<&QaUnit>, tag: bool) {
    // Serialising plain strings and numbers cannot fail.
    let line = match unit.filter(|_| tag) {
        Some(u) => serde_json::to_string(&WithOrigin {
            row,
            origin: &u.origin,
        }),
        None => serde_json::to_string(row),
    };
    out.push_str(&line.unwrap_or_default());
    out.push('\n');
}

/// Findings as JSON lines: `{"segment","side","check","severity","start","end","text",
/// "message","suggestion"}`, and `"origin"` when the units come from several files.
pub fn jsonl(units: &[QaUnit], findings: &[Finding]) -> String {
    let tag = several_origins(units);
    let mut out = String::new();
    for f in findings {
        json_line(&mut out, f, units.get(f.unit), tag);
    }
    out
}

/// Fluency scores (unit index, side, score) as JSON lines:
/// `{"segment","side","check":"fluency_score","severity":"info","score"}`, and `"origin"` as
/// in [`jsonl`].
pub fn score_rows(units: &[QaUnit], scores: &[(usize, SideId, f64)]) -> String {
    let tag = several_origins(units);
    let mut out = String::with_capacity(scores.len() * 100);
    for &(unit, side, score) in scores {
        let row = serde_json::json!({
            "segment": units.get(unit).map_or(-1, |u| u.id),
            "side": side.as_str(),
            "check": "fluency_score",
            "severity": "info",
            "score": (score * 1e4).round() / 1e4,
        });
        json_line(&mut out, &row, units.get(unit), tag);
    }
    out
}

/// Quality scores as JSON lines: per pair `{"segment","check":"quality_score","severity":
/// "info","score"}` (0–1, higher = better), then one `{"segment","side":"tgt","check":
/// "awkward","severity":"review","start","end","text","message"}` per span that pulls the
/// score down; `"origin"` as in [`jsonl`].
pub fn quality_rows(units: &[QaUnit], scores: &[crate::qa::quality::PairQuality]) -> String {
    let tag = several_origins(units);
    // About a hundred bytes a row: sized once instead of grown by copying.
    let mut out = String::with_capacity(scores.len() * 100);
    for q in scores {
        let u = units.get(q.unit);
        let row = serde_json::json!({
            "segment": u.map_or(-1, |u| u.id),
            "check": "quality_score",
            "severity": "info",
            "score": (q.score * 1e4).round() / 1e4,
        });
        json_line(&mut out, &row, u, tag);
        let Some(tgt) = u.and_then(|u| u.tgt.as_ref()) else {
            continue;
        };
        for &(start, end) in &q.spans {
            let text: String = tgt.text.chars().skip(start).take(end - start).collect();
            let row = serde_json::json!({
                "segment": u.map_or(-1, |u| u.id),
                "side": "tgt",
                "check": "awkward",
                "severity": "review",
                "start": start,
                "end": end,
                "text": text,
                "message": "this wording pulls the quality score down: check it against the source",
            });
            json_line(&mut out, &row, u, tag);
        }
    }
    out
}

/// The HTML report ([`html`]) with, before the findings, the pairs of lowest quality score
/// first (at most `limit`), each with its score and the spans that pull it down, so that a
/// reviewer starts with the worst translations.
pub fn html_with_quality(
    title: &str,
    units: &[QaUnit],
    findings: &[Finding],
    quality: &[crate::qa::quality::PairQuality],
    limit: usize,
) -> String {
    let page = html(title, units, findings);
    if quality.is_empty() {
        return page;
    }
    let mut worst: Vec<&crate::qa::quality::PairQuality> = quality.iter().collect();
    worst.sort_by(|a, b| a.score.total_cmp(&b.score));
    let mut section = String::from(
        "<h2>Lowest quality scores</h2>\n<p class=\"muted\">The learnt quality score (0–1, higher is better) of each Russian–English pair; marked: the words that pull it down.</p>\n<table id=\"quality\"><tr><th>Segment</th><th>Score</th><th>Source</th><th>Target</th></tr>\n",
    );
    for q in worst.into_iter().take(limit) {
        let Some(u) = units.get(q.unit) else { continue };
        let Some(t) = u.tgt.as_ref() else { continue };
        // The target with its spans marked, escaped piece by piece.
        let chars: Vec<char> = t.text.chars().collect();
        let mut marked = String::new();
        let mut at = 0usize;
        for &(a, b) in &q.spans {
            let (a, b) = (a.min(chars.len()), b.min(chars.len()));
            if a < at {
                continue;
            }
            let before: String = chars[at..a].iter().collect();
            let span: String = chars[a..b].iter().collect();
            marked.push_str(&escape_html(&before));
            marked.push_str("<mark>");
            marked.push_str(&escape_html(&span));
            marked.push_str("</mark>");
            at = b;
        }
        let rest: String = chars[at.min(chars.len())..].iter().collect();
        marked.push_str(&escape_html(&rest));
        let _ = writeln!(
            section,
            "<tr><td>{}</td><td>{:.2}</td><td>{}</td><td>{}</td></tr>",
            u.id,
            q.score,
            escape_html(&u.src.text),
            marked
        );
    }
    section.push_str("</table>\n");
    // Before the findings' summary table.
    match page.find("<table class=\"summary\"") {
        Some(i) => format!("{}{}{}", &page[..i], section, &page[i..]),
        None => page,
    }
}

/// Findings as CSV (RFC 4180, header row): origin, segment, side, check, severity, start,
/// end, text, message, suggestion, source, target.
pub fn csv(units: &[QaUnit], findings: &[Finding]) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "origin",
        "segment",
        "side",
        "check",
        "severity",
        "start",
        "end",
        "text",
        "message",
        "suggestion",
        "source",
        "target",
    ]);
    for f in findings {
        let u = units.get(f.unit);
        let _ = w.write_record([
            u.map_or("", |u| u.origin.as_str()),
            &f.segment.to_string(),
            f.side.as_str(),
            f.check,
            f.severity.as_str(),
            &f.start.to_string(),
            &f.end.to_string(),
            &f.text,
            &f.message,
            f.suggestion.as_deref().unwrap_or(""),
            u.map_or("", |u| u.src.text.as_str()),
            u.and_then(|u| u.tgt.as_ref())
                .map_or("", |t| t.text.as_str()),
        ]);
    }
    // Writing to a Vec cannot fail.
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` escaped, with chars `start..end` wrapped in `<mark>`.
fn highlight(text: &str, start: usize, end: usize) -> String {
    let before: String = text.chars().take(start).collect();
    let span: String = text.chars().skip(start).take(end - start).collect();
    let after: String = text.chars().skip(end).collect();
    format!(
        "{}<mark>{}</mark>{}",
        escape_html(&before),
        escape_html(&span),
        escape_html(&after)
    )
}

const STYLE: &str = "
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f5}mark{background:#ffd54f;padding:0 .1em;border-radius:2px}
.sev-error{color:#b00020;font-weight:600}.sev-warning{color:#a15c00}.sev-review{color:#35599c}
.filters{margin:1rem 0;display:flex;gap:1rem;align-items:center}
.summary td:last-child{text-align:right}.muted{color:#666}.sugg{font-family:ui-monospace,monospace}
";

const SCRIPT: &str = "
function applyFilters(){
  var c=document.getElementById('f-check').value, s=document.getElementById('f-severity').value, n=0;
  document.querySelectorAll('tr.finding').forEach(function(r){
    var ok=(!c||r.dataset.check===c)&&(!s||r.dataset.severity===s);
    r.hidden=!ok; if(ok)n++;
  });
  document.getElementById('shown').textContent=n;
}
document.getElementById('f-check').addEventListener('change',applyFilters);
document.getElementById('f-severity').addEventListener('change',applyFilters);
";

/// Findings as a self-contained HTML page; `title` names the batch.
pub fn html(title: &str, units: &[QaUnit], findings: &[Finding]) -> String {
    let counts = count_by_check(findings);
    let mut sev_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings {
        *sev_counts.entry(f.severity.as_str()).or_insert(0) += 1;
    }
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>QA report: {t}</title><style>{STYLE}</style></head><body>\n\
         <h1>QA report: {t}</h1>\n<p class=\"muted\">{u} segments checked, {n} findings.</p>\n",
        t = escape_html(title),
        u = units.len(),
        n = findings.len()
    );
    let by_sev: Vec<String> = sev_counts
        .iter()
        .map(|(s, n)| format!("<span class=\"sev-{s}\">{s}</span> {n}"))
        .collect();
    let _ = writeln!(
        out,
        "<p id=\"by-severity\">By severity: {}</p>",
        if by_sev.is_empty() {
            "none".to_string()
        } else {
            by_sev.join(", ")
        }
    );
    out.push_str("<table class=\"summary\" id=\"summary\"><tr><th>Check</th><th>Severity</th><th>What it means</th><th>Findings</th></tr>\n");
    // Checks with findings first, then the others (so the reader sees what ran).
    let mut infos: Vec<_> = CHECKS.iter().collect();
    infos.sort_by_key(|i| std::cmp::Reverse(counts.get(i.id).copied().unwrap_or(0)));
    for info in infos {
        let n = counts.get(info.id).copied().unwrap_or(0);
        let sev = findings
            .iter()
            .find(|f| f.check == info.id)
            .map_or(info.severity, |f| f.severity)
            .as_str();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"sev-{sev}\">{sev}</td><td>{}</td><td>{n}</td></tr>",
            escape_html(info.id),
            escape_html(info.explanation)
        );
    }
    out.push_str("</table>\n<div class=\"filters\"><label>Check <select id=\"f-check\"><option value=\"\">all</option>");
    for (check, n) in &counts {
        let _ = write!(
            out,
            "<option value=\"{c}\">{c} ({n})</option>",
            c = escape_html(check)
        );
    }
    out.push_str("</select></label><label>Severity <select id=\"f-severity\"><option value=\"\">all</option>");
    for (sev, n) in &sev_counts {
        let _ = write!(out, "<option value=\"{sev}\">{sev} ({n})</option>");
    }
    let _ = writeln!(
        out,
        "</select></label><span class=\"muted\"><span id=\"shown\">{}</span> shown</span></div>",
        findings.len()
    );
    out.push_str("<table id=\"findings\"><tr><th>Segment</th><th>Check</th><th>Source</th><th>Target</th><th>Message</th><th>Suggestion</th></tr>\n");
    for f in findings {
        let unit = units.get(f.unit);
        let side_html = |side: SideId| -> String {
            let Some(s) = unit.and_then(|u| u.side(side)) else {
                return "<span class=\"muted\">—</span>".into();
            };
            if f.side == side {
                highlight(&s.text, f.start, f.end)
            } else {
                escape_html(&s.text)
            }
        };
        let origin = unit.map(|u| u.origin.as_str()).unwrap_or("");
        let _ = writeln!(
            out,
            "<tr class=\"finding\" data-check=\"{c}\" data-severity=\"{s}\"><td>{o}:{id}</td>\
             <td class=\"sev-{s}\">{c}<br><span class=\"muted\">{s}</span></td><td>{src}</td><td>{tgt}</td>\
             <td>{m}</td><td class=\"sugg\">{sg}</td></tr>",
            c = escape_html(f.check),
            s = f.severity.as_str(),
            o = escape_html(origin),
            id = f.segment,
            src = side_html(SideId::Src),
            tgt = side_html(SideId::Tgt),
            m = escape_html(&f.message),
            sg = f.suggestion.as_deref().map(escape_html).unwrap_or_default(),
        );
    }
    let _ = write!(out, "</table>\n<script>{SCRIPT}</script>\n</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qa::{check, QaUnit, Side};

    #[test]
    fn html_escapes_user_text_and_marks_the_span() {
        let units = vec![QaUnit {
            id: 3,
            origin: "<doc>".into(),
            src: Side::new(Some("en"), "<script>alert(1)</script> the the end"),
            tgt: None,
        }];
        let findings = check(&units);
        let page = html("t<", &units, &findings);
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("<mark>the the</mark>"));
        assert!(page.contains("&lt;doc&gt;:3"));
    }

    #[test]
    fn jsonl_has_the_contract_fields() {
        let units = vec![QaUnit {
            id: 0,
            origin: "x".into(),
            src: Side::new(Some("en"), "Russia''s"),
            tgt: None,
        }];
        let line = jsonl(&units, &check(&units));
        let v: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
        for k in [
            "segment",
            "side",
            "check",
            "severity",
            "start",
            "end",
            "text",
            "message",
            "suggestion",
        ] {
            assert!(v.get(k).is_some(), "missing {k}");
        }
        assert_eq!(v["side"], "src");
        // One origin: nothing more.
        assert!(v.get("origin").is_none() && v.get("unit").is_none(), "{v}");
    }

    #[test]
    fn units_from_several_files_are_told_apart_though_their_numbers_repeat() {
        let unit = |origin: &str, text: &str| QaUnit {
            id: 1,
            origin: origin.into(),
            src: Side::new(Some("en"), text),
            tgt: None,
        };
        let units = vec![
            unit("a.tsv", "Fine text here."),
            unit("b.tsv", "Russia''s view"),
        ];
        let findings = check(&units);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].unit, 1);
        let v: serde_json::Value = serde_json::from_str(jsonl(&units, &findings).trim()).unwrap();
        assert_eq!(
            (v["segment"].as_i64(), v["origin"].as_str()),
            (Some(1), Some("b.tsv"))
        );
        assert!(text(&units, &findings).starts_with("b.tsv:1: "));
        assert!(csv(&units, &findings).contains("b.tsv,1,src"));
        let page = html("t", &units, &findings);
        assert!(
            page.contains("b.tsv:1") && page.contains("<mark>Russia&#39;&#39;s</mark> view"),
            "{page}"
        );
        let scores = score_rows(&units, &[(0, SideId::Src, 0.5), (1, SideId::Src, 1.5)]);
        let rows: Vec<serde_json::Value> = scores
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows[1]["origin"], "b.tsv");
        assert_eq!(rows[0]["origin"], "a.tsv");
    }
}
