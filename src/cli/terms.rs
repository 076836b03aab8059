//! `tm terms`: looks a word up in termbases (TBX, CSV, TSV).

use crate::formats::termbase::{self, Concept, Status};
use anyhow::{bail, Result};
use std::path::PathBuf;

/// Arguments of `tm terms`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The word or term to look up, in any language (inflected forms match).
    #[arg(required = true)]
    pub words: Vec<String>,
    /// Termbases to search: .tbx (TBX v2 or v3), .csv or .tsv with a row of language codes.
    #[arg(long, required = true)]
    pub glossary: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: super::ListFormat,
}

fn stems(t: &str) -> Vec<String> {
    crate::text::words(t)
        .iter()
        .map(|w| crate::text::stem(w.text))
        .collect()
}

/// Whether the stems of `query` appear in that order among the stems of `term`.
fn matches(query: &[String], term: &str) -> bool {
    let t = stems(term);
    !query.is_empty() && t.windows(query.len()).any(|w| w == query)
}

/// Runs `tm terms`: every concept with a term matching the words, all its terms by language.
pub fn run(args: &Args) -> Result<()> {
    let query = stems(&args.words.join(" "));
    if query.is_empty() {
        bail!("terms needs a word with letters or digits");
    }
    let mut found: Vec<Concept> = Vec::new();
    for g in &args.glossary {
        found.extend(
            termbase::read(g)?
                .into_iter()
                .filter(|c| c.terms.iter().any(|t| matches(&query, &t.text))),
        );
    }
    let out = match args.format {
        super::ListFormat::Json => serde_json::to_string_pretty(&found)? + "\n",
        super::ListFormat::Text => render(&found),
    };
    super::emit(&out)
}

fn render(found: &[Concept]) -> String {
    if found.is_empty() {
        return "no terms\n".into();
    }
    let mut s = String::new();
    for c in found {
        s.push_str(&format!("#{}", c.id.as_deref().unwrap_or("-")));
        if let Some(d) = &c.definition {
            s.push_str(&format!("  {d}"));
        }
        s.push('\n');
        for l in c.languages() {
            let terms: Vec<String> = c
                .terms_in(&l)
                .iter()
                .map(|t| match t.status {
                    Status::Preferred => t.text.clone(),
                    Status::Admitted => format!("{} (synonym)", t.text),
                    Status::Forbidden => format!("{} (forbidden)", t.text),
                })
                .collect();
            s.push_str(&format!("  {l}: {}\n", terms.join(", ")));
        }
    }
    s
}
