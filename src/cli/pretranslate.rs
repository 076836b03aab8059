//! `tm pretranslate`: fills the empty targets of an XLIFF file from the memory.

use crate::formats::{encoding, lang, xliff};
use crate::lookup::{analyze, lookup_with, LookupOptions};

use anyhow::Result;
use std::path::{Path, PathBuf};

/// Arguments of `tm pretranslate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// An XLIFF 1.x or 2.x file (.xlf, .xliff, .sdlxliff, .mqxliff).
    pub file: PathBuf,
    /// Output file (standard output when absent).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Lowest match % used.
    #[arg(long, default_value_t = 75, value_parser = clap::value_parser!(u32).range(0..=101))]
    pub min_score: u32,
    /// Mark 100 % and 101 % matches as translated instead of needing review.
    #[arg(long)]
    pub confirm_exact: bool,
    /// Most proposals kept per segment (as alternatives).
    #[arg(long, default_value_t = 3)]
    pub limit: usize,
}

/// Runs `tm pretranslate`: the filled file goes to `--output`, the band summary of the
/// segments to fill and what was filled to standard error.
pub fn run(db: &Path, args: &Args) -> Result<()> {
    let mem = crate::memory::open_store(db, false)?;
    let (text, doc) = xliff::read_document(&args.file)?;
    let translatable: Vec<usize> = (0..doc.segments.len())
        .filter(|&i| doc.segments[i].translate && !doc.segments[i].header)
        .collect();
    let prev_of = |i: usize| {
        let at = translatable.iter().position(|&j| j == i)?;
        at.checked_sub(1)
            .map(|p| doc.segments[translatable[p]].unit.src.clone())
    };
    // A unit's id with its file's name: what OmegaT keys the alternatives of such files by.
    let key_of = |seg: &xliff::Segment| {
        let id = seg.unit.tuid.as_deref().filter(|id| !id.is_empty())?;
        Some(crate::formats::id_key(seg.file.as_deref(), id))
    };
    let opts = xliff::FillOptions {
        confirm_exact: args.confirm_exact,
    };
    let (filled, report) = xliff::fill(&text, &doc, opts, |i, seg| {
        let lookup = LookupOptions {
            min_score: args.min_score,
            limit: args.limit.max(1) * 2,
            prev: prev_of(i),
            key: key_of(seg),
            ..LookupOptions::default()
        };
        let same =
            |want: &str, have: &str| want.is_empty() || lang::matches(&lang::primary(want), have);
        Ok(lookup_with(&*mem, &seg.unit.src, &lookup)?
            .into_iter()
            .filter(|m| same(&seg.unit.src_lang, &m.source_lang))
            .filter(|m| same(&seg.unit.tgt_lang, &m.target_lang))
            .take(args.limit.max(1))
            .map(|m| xliff::Proposal {
                score: m.score,
                source: m.source,
                target: m.proposal,
            })
            .collect())
    })?;
    let filled = encoding::declare_utf8(&filled);
    super::write_output(args.output.as_deref(), &filled)?;
    let to_fill: Vec<&xliff::Segment> = doc
        .segments
        .iter()
        .filter(|s| xliff::needs_target(s))
        .collect();
    let sources: Vec<String> = to_fill.iter().map(|s| s.unit.src.clone()).collect();
    let keys: Vec<Option<String>> = to_fill.iter().map(|s| key_of(s)).collect();
    let bands = analyze::analyze_keyed(&*mem, &sources, &keys)?;
    eprint!("{}", analyze::render_text(&bands));
    eprintln!(
        "filled {} of {} empty segments ({} as translated) in {}",
        report.filled,
        report.empty,
        report.confirmed,
        args.file.display()
    );
    Ok(())
}
