//! CLI: the `tm` command line. Every flag is defined once here; each subcommand parses its
//! arguments and calls the library. Errors carry context and end the process with code 2.

mod import;
mod import_file;
mod maintenance;
mod output;
mod pretranslate;
mod terms;
mod text;
mod units;

use crate::formats::{self, tmx, tsv};
use crate::ingest::{expand_inputs, ingest_files};
use crate::memory::DocOutcome;
use crate::qa;
use crate::report;
use crate::text::Lang;
use anyhow::{bail, Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};
use output::{emit, progress_bar, spinner, write_output, write_output_parts};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Russian/English translation memory: split, align, store, look up and check segments.
#[derive(Debug, Parser)]
#[command(name = "tm", version, about, propagate_version = true)]
pub struct Cli {
    /// The translation memory: an SQLite file, or a PostgreSQL database shared by a team
    /// (`postgres://user@host:port/dbname`).
    #[arg(long, global = true, env = "TM_DB", default_value = "tm/memory.db")]
    pub db: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Language choice for splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Russian.
    Ru,
    /// Detect from the script of each paragraph.
    Auto,
}

/// Output formats of `split`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitFormat {
    /// One sentence per line.
    Text,
    /// `{"start","end","text"}` per sentence, char offsets into the input.
    Jsonl,
}

/// Output formats of `align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    /// One bead per line: `{"src":[..],"tgt":[..],"score","src_text","tgt_text"}`.
    Jsonl,
    /// `source TAB target` per bead.
    Tsv,
    /// TMX 1.4b of the beads with both sides.
    Tmx,
    /// hunalign's ladder: `src_index TAB tgt_index TAB score` at the start of every bead.
    Ladder,
}

/// Output formats of `lookup`, `concordance` and `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// For people.
    Text,
    /// One JSON document.
    Json,
}

/// Output formats of `lookup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LookupFormat {
    /// For people.
    Text,
    /// One JSON document.
    Json,
    /// One JSON line per query (batches).
    Jsonl,
}

/// Duplicate policies of `import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DuplicateArg {
    /// Keep the stored unit.
    Skip,
    /// Replace stored units with the same source.
    Overwrite,
    /// Store both.
    KeepBoth,
}

/// Exchange formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExchangeFormat {
    /// TMX 1.4b.
    Tmx,
    /// Tab-separated pairs with a language header.
    Tsv,
}

/// Report formats of `qa`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// `FILE:SEGMENT: check: message` lines.
    Text,
    /// One JSON object per finding.
    Jsonl,
    /// A self-contained HTML page.
    Html,
    /// One row per finding with the segment's texts, for spreadsheets.
    Csv,
}

/// Severity threshold of `qa --fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail when there is at least one error.
    Error,
    /// Fail when there is at least one error or warning.
    Warning,
    /// Fail on any finding.
    Review,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Split text into sentences, one per line.
    Split {
        /// Input file (standard input when absent).
        file: Option<PathBuf>,
        /// Language of the text.
        #[arg(long, value_enum, default_value = "auto")]
        lang: LangArg,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: SplitFormat,
        /// Split with the rules of an SRX 2.0 file instead of the built-in rules.
        #[arg(long, value_name = "FILE.srx")]
        rules: Option<PathBuf>,
    },
    /// Tag the words of a text: one JSON line per sentence, `{"tokens":[{"text","start","end",
    /// "upos","lemma","feats"}]}`, with char offsets into the whole input.
    Tag {
        /// Input file, UTF-8 (standard input when absent).
        file: Option<PathBuf>,
        /// Language of the text.
        #[arg(long, value_enum, default_value = "auto")]
        lang: LangArg,
        /// Score the tagger on the gold words of a CoNLL-U file instead.
        #[arg(long, hide = true)]
        conllu: bool,
    },
    /// Read plain-text documents (files or folders of .txt), align Russian and English
    /// blocks, and store the segments in the memory.
    Ingest {
        /// Documents or folders.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Also check the ingested documents and write an HTML QA report here.
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Align the sentences of two parallel texts (a source and its translation).
    Align {
        /// Source text.
        src: PathBuf,
        /// Target text (its translation).
        tgt: PathBuf,
        /// Language of the source text.
        #[arg(long, default_value = "ru")]
        src_lang: String,
        /// Language of the target text.
        #[arg(long, default_value = "en")]
        tgt_lang: String,
        /// The files hold one sentence per line already (indices are line numbers).
        #[arg(long)]
        presplit: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: AlignFormat,
        /// Largest number of sentences on one side of a bead (1–3).
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=3))]
        max_bead: u8,
        /// Cost of leaving a sentence unaligned; higher means fewer 1-0/0-1 beads.
        #[arg(long, default_value_t = 3.5)]
        del_penalty: f64,
        /// A bilingual dictionary, one `target @ source` entry per line (hunalign's format).
        #[arg(long, value_name = "FILE")]
        dict: Option<PathBuf>,
        /// Use no translation lexicon: neither the shipped Russian–English one nor one learnt
        /// from the texts (length, anchors and `--dict` only).
        #[arg(long)]
        no_lexicon: bool,
        /// Also store the aligned pairs in the memory (one transaction).
        #[arg(long)]
        store: bool,
    },
    /// Find stored translations of a text: exact and fuzzy matches with a match %.
    Lookup {
        /// The text to look up (English or Russian).
        #[arg(required_unless_present = "batch")]
        text: Option<String>,
        /// Look up every line of a JSONL file (`{"query": …}`, other fields echoed); writes one
        /// JSON line per query with `matches` and `elapsed_us`.
        #[arg(long, value_name = "FILE.jsonl", conflicts_with = "text")]
        batch: Option<PathBuf>,
        /// The segment before the text in its document (for 101 % context matches).
        #[arg(long)]
        prev: Option<String>,
        /// The text's id in a file that keys its units by id (a 101 % match for a unit stored
        /// under the same id and file, as OmegaT keeps alternatives).
        #[arg(long)]
        id: Option<String>,
        /// The file the `--id` belongs to (its name; a folder is ignored).
        #[arg(long, requires = "id")]
        file: Option<String>,
        /// Lowest match % to show.
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(0..=101))]
        min_score: u32,
        /// Most matches to show.
        #[arg(long, default_value_t = 5)]
        limit: usize,
        /// Output format (`jsonl` for batches).
        #[arg(long, value_enum, default_value = "text")]
        format: LookupFormat,
    },
    /// Analyse a document against the memory: segments and words per match band (context,
    /// repetitions, 100 %, 95–99, 85–94, 75–84, 50–74, no match), as used to quote work.
    Analyze {
        /// A text, TSV (source column) or TMX (source sides) file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Find segments containing all the given words, in either language.
    Concordance {
        /// Words to find.
        #[arg(required = true)]
        words: Vec<String>,
        /// Most segments to show.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Write the memory's pairs as TMX or TSV.
    Export {
        /// Exchange format.
        #[arg(long, value_enum, default_value = "tmx")]
        format: ExchangeFormat,
        /// Only pairs whose source language is this (`en` also matches `en-US`).
        #[arg(long)]
        src_lang: Option<String>,
        /// Only pairs whose target language is this.
        #[arg(long)]
        tgt_lang: Option<String>,
        /// Only pairs of this document (or imported file).
        #[arg(long)]
        doc: Option<String>,
        /// Only pairs created or changed on or after this date (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Output file (standard output when absent).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Add the pairs of a TMX, TSV, XLIFF or PO file to the memory (all or nothing).
    Import {
        /// A .tmx, .tsv, .csv, .xlf, .xliff, .sdlxliff, .mqxliff or .po file.
        file: PathBuf,
        /// What to do with units the memory already has.
        #[arg(long, value_enum, default_value = "skip")]
        on_duplicate: DuplicateArg,
        /// Report and skip malformed units instead of stopping (XML errors still stop).
        #[arg(long)]
        skip_invalid: bool,
        #[command(flatten)]
        select: import::Selection,
    },
    /// Fill the empty targets of an XLIFF file from the memory: the best match as the target
    /// (to review, or translated for exact matches with --confirm-exact), every match as an
    /// alternative; prints the match bands of the segments filled.
    Pretranslate(pretranslate::Args),
    /// Look a word up in termbases (TBX, CSV, TSV): its concepts' terms in every language,
    /// synonyms and forbidden terms marked.
    Terms(terms::Args),
    /// Add one unit to the memory (`changed_by`/`created_by` from --user).
    Add(units::AddArgs),
    /// Change a unit's source or target; refused when someone changed it since --from-version.
    Edit(units::EditArgs),
    /// Delete a unit.
    Delete(units::DeleteArgs),
    /// Show a unit with its version and who changed it last.
    Show(units::ShowArgs),
    /// Copy a whole memory to another (SQLite file ↔ PostgreSQL).
    Copy(units::CopyArgs),
    /// Check segments (TSV, TMX, XLIFF or text files, or the memory) and report the findings.
    Qa {
        /// Files to check, as one batch (inconsistencies and terms are found across them all);
        /// the memory when none is given.
        files: Vec<PathBuf>,
        /// Report format.
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        /// Output file (standard output when absent).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Source language of the files (detected from the script when absent).
        #[arg(long)]
        src_lang: Option<String>,
        /// Target language of the files (detected from the script when absent).
        #[arg(long)]
        tgt_lang: Option<String>,
        /// QA profile (TOML): checks on/off, severities, options, ignore lists, user words.
        #[arg(long)]
        profile: Option<PathBuf>,
        /// Glossary (`source term TAB target term`) for the terminology check.
        #[arg(long)]
        glossary: Option<PathBuf>,
        /// Also write a `quality_score` row for every Russian–English pair and a
        /// `fluency_score` row for every scored side (JSON lines only).
        #[arg(long)]
        scores: bool,
        /// Exit with status 1 when a finding of this severity or worse is reported.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
    },
    /// Train the memory's own lexical model from its Russian–English pairs (pooled with the
    /// shipped one) and keep it in the memory: QA's quality score then knows its terms.
    Lexicon {
        /// Train only when the memory holds at least this many Russian–English pairs.
        #[arg(long, default_value_t = crate::qa::quality::refresh::MIN_PAIRS)]
        min_pairs: usize,
        /// Train on at most this many pairs (the newest).
        #[arg(long, default_value_t = crate::qa::quality::refresh::MAX_PAIRS)]
        max_pairs: usize,
    },
    /// Features of the learnt quality score, one row per Russian–English pair (for
    /// `data/qe/train.py`).
    #[command(hide = true)]
    QualityFeatures {
        /// Pairs to compute the features of (any format `tm qa` reads).
        input: PathBuf,
        /// Train the lexical model on these pairs (TSV: Russian TAB English) instead of using
        /// the shipped one.
        #[arg(long)]
        lexicon_from: Option<PathBuf>,
        /// Write the lexical model trained with `--lexicon-from` to this file.
        #[arg(long)]
        write_lexicon: Option<PathBuf>,
        /// Source language of the input.
        #[arg(long)]
        src_lang: Option<String>,
        /// Target language of the input.
        #[arg(long)]
        tgt_lang: Option<String>,
        /// One row per target word (the span model's features) instead of one per pair.
        #[arg(long)]
        words: bool,
    },
    /// Serve the lookup, QA and memory pages and the JSON API on a local web server.
    Serve {
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to bind; loopback unless you mean to share the memory.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Allow write operations (import) from the pages and the API.
        #[arg(long)]
        allow_write: bool,
        /// Largest upload accepted (QA files, imports), in MB.
        #[arg(long, default_value_t = 50)]
        max_upload_mb: usize,
        /// Largest body of any other request, in KB.
        #[arg(long, default_value_t = 64)]
        max_body_kb: usize,
        /// Lookup answers remembered (0 turns the cache off).
        #[arg(long, default_value_t = 1000)]
        cache: usize,
        /// Memory queries run at once (0: two per core).
        #[arg(long, default_value_t = 0)]
        workers: usize,
    },
    /// Show what the memory holds.
    Stats {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Check the memory: SQLite's integrity check, then its rows and posting lists against
    /// each other (reads only; exit 2 when damaged).
    Check,
    /// Copy the memory to a new file with SQLite's online backup (safe while others use it).
    Backup {
        /// The new file.
        file: PathBuf,
    },
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Split {
            file,
            lang,
            format,
            rules,
        } => match rules {
            Some(srx) => text::split_srx(file.as_deref(), lang, format, &srx),
            None => text::split(file.as_deref(), lang, format),
        },
        Command::Tag { file, lang, conllu } => text::tag(file.as_deref(), lang, conllu),
        Command::Ingest { inputs, report } => ingest(&cli.db, &inputs, report.as_deref()),
        Command::Align {
            src,
            tgt,
            src_lang,
            tgt_lang,
            presplit,
            format,
            max_bead,
            del_penalty,
            dict,
            no_lexicon,
            store,
        } => {
            let dictionary = match dict {
                Some(d) => read_dictionary(&d)?,
                None => Vec::new(),
            };
            let cfg = crate::align::AlignConfig {
                max_bead: max_bead as usize,
                del_penalty,
                learn_lexicon: !no_lexicon,
                dictionary,
                ..Default::default()
            };
            let job = crate::align::documents::AlignJob {
                src: &src,
                tgt: &tgt,
                src_lang: &src_lang,
                tgt_lang: &tgt_lang,
                presplit,
            };
            let result = crate::align::documents::align_files(&job, &cfg)?;
            let low = &result.alignment.low_confidence;
            if !low.is_empty() {
                eprintln!(
                    "tm: {} low-confidence regions (sentence ranges, 0-based):",
                    low.len()
                );
                for (s, t) in low.iter().take(10) {
                    eprintln!(
                        "  source {}..{} ↔ target {}..{}",
                        s.start, s.end, t.start, t.end
                    );
                }
                if low.len() > 10 {
                    eprintln!("  …");
                }
            }
            if store {
                let mut mem = crate::memory::open_store(&cli.db, true)?;
                let outcome = crate::align::documents::store(&mut *mem, &job, &result)?;
                eprintln!("tm: memory: {outcome:?}");
            }
            let out = crate::align::documents::render(&result, &src_lang, &tgt_lang, format.into());
            emit(&out)
        }
        Command::Lookup {
            text,
            batch,
            prev,
            id,
            file,
            min_score,
            limit,
            format,
        } => {
            let mem = crate::memory::open_store(&cli.db, false)?;
            let opts = crate::lookup::LookupOptions {
                min_score,
                limit,
                prev,
                key: id.map(|id| crate::formats::id_key(file.as_deref(), &id)),
                ..Default::default()
            };
            if let Some(file) = batch {
                return lookup_batch(&*mem, &file, &opts);
            }
            let text = text.unwrap_or_default();
            let matches = crate::lookup::lookup_with(&*mem, &text, &opts)?;
            match format {
                LookupFormat::Json => emit(&(serde_json::to_string_pretty(&matches)? + "\n")),
                LookupFormat::Jsonl => {
                    let row = serde_json::json!({"query": text, "matches": matches});
                    emit(&(row.to_string() + "\n"))
                }
                LookupFormat::Text => {
                    let mut s = String::new();
                    if matches.is_empty() {
                        s.push_str("no matches\n");
                    }
                    for m in &matches {
                        s.push_str(&format!(
                            "{:>3}%  {}\n      → {}  [{}→{}, {}]\n",
                            m.score,
                            m.source,
                            m.proposal,
                            m.source_lang,
                            m.target_lang,
                            m.doc.as_deref().unwrap_or("imported")
                        ));
                        if m.score < 100 {
                            s.push_str(&format!("      diff: {}\n", m.diff));
                        }
                    }
                    emit(&s)
                }
            }
        }
        Command::Analyze { file, format } => {
            let mem = crate::memory::open_store(&cli.db, false)?;
            let units = qa::input::units_from_file(&file, None, None)?;
            let segments: Vec<String> = units.into_iter().map(|u| u.src.text).collect();
            let a = crate::lookup::analyze::analyze(&*mem, &segments)?;
            match format {
                ListFormat::Json => emit(&(serde_json::to_string_pretty(&a)? + "\n")),
                ListFormat::Text => emit(&crate::lookup::analyze::render_text(&a)),
            }
        }
        Command::Concordance {
            words,
            limit,
            format,
        } => {
            let mem = crate::memory::open_store(&cli.db, false)?;
            let words: Vec<String> = words
                .iter()
                .flat_map(|w| crate::text::word_keys(w))
                .collect();
            if words.is_empty() {
                bail!("concordance needs at least one word with letters or digits");
            }
            let (open, close) = match format {
                ListFormat::Text => ("[", "]"),
                ListFormat::Json => ("<mark>", "</mark>"),
            };
            let hits = mem.concordance(&words, limit, open, close)?;
            match format {
                ListFormat::Json => {
                    let rows: Vec<_> = hits
                        .iter()
                        .map(|(s, src, tgt)| {
                            serde_json::json!({"segment": s.id, "doc": s.doc, "src_lang": s.src_lang,
                                "src": src, "tgt_lang": s.tgt_lang, "tgt": tgt})
                        })
                        .collect();
                    emit(&(serde_json::to_string_pretty(&rows)? + "\n"))
                }
                ListFormat::Text => {
                    let mut s = String::new();
                    if hits.is_empty() {
                        s.push_str("no segments\n");
                    }
                    for (seg, src, tgt) in &hits {
                        s.push_str(&format!(
                            "#{} {}  {}\n",
                            seg.id,
                            seg.doc.as_deref().unwrap_or("imported"),
                            src
                        ));
                        if let Some(t) = tgt {
                            s.push_str(&format!("      → {t}\n"));
                        }
                    }
                    emit(&s)
                }
            }
        }
        Command::Export {
            format,
            src_lang,
            tgt_lang,
            doc,
            since,
            output,
        } => {
            let mem = crate::memory::open_store(&cli.db, false)?;
            let filter = crate::memory::ExportFilter {
                src_lang,
                tgt_lang,
                doc,
                since,
            };
            let units = mem.units(&filter)?;
            let content = match format {
                ExchangeFormat::Tmx => tmx::write(&units),
                ExchangeFormat::Tsv => tsv::write(&units),
            };
            write_output(output.as_deref(), &content)
        }
        Command::Import {
            file,
            on_duplicate,
            skip_invalid,
            select,
        } => {
            let policy = match on_duplicate {
                DuplicateArg::Skip => crate::memory::OnDuplicate::Skip,
                DuplicateArg::Overwrite => crate::memory::OnDuplicate::Overwrite,
                DuplicateArg::KeepBoth => crate::memory::OnDuplicate::KeepBoth,
            };
            import_file::import_file(&cli.db, &file, policy, skip_invalid, &select)
        }
        Command::Pretranslate(args) => pretranslate::run(&cli.db, &args),
        Command::Terms(args) => terms::run(&args),
        Command::Add(args) => units::add(&cli.db, &args),
        Command::Edit(args) => units::edit(&cli.db, &args),
        Command::Delete(args) => units::delete(&cli.db, &args),
        Command::Show(args) => units::show(&cli.db, &args),
        Command::Copy(args) => units::copy(&args),
        Command::Qa {
            files,
            format,
            output,
            src_lang,
            tgt_lang,
            profile,
            glossary,
            scores,
            fail_on,
        } => {
            let mut prof = match &profile {
                Some(p) => qa::Profile::load(p)?,
                None => qa::Profile::default(),
            };
            if let Some(g) = &glossary {
                prof.add_glossary(g)?;
            }
            qa::preload_in_background(
                [&src_lang, &tgt_lang]
                    .into_iter()
                    .flatten()
                    .filter_map(|code| Lang::from_code(code))
                    .collect(),
            );
            // The memory: what is checked when no file is given, and the source of its own
            // lexical model (`tm lexicon`) when it has one.
            let memory =
                if files.is_empty() || cli.db.exists() || crate::memory::is_postgres(&cli.db) {
                    Some(crate::memory::open_store(&cli.db, false)?)
                } else {
                    None
                };
            let memory_lexicon = match &memory {
                Some(m) => qa::quality::refresh::memory_model(&**m)?,
                None => None,
            };
            let lex = memory_lexicon
                .as_ref()
                .unwrap_or_else(|| crate::text::bilex::LexicalModel::shipped());
            let (title, units) = match (&memory, files.is_empty()) {
                (Some(mem), true) => (
                    cli.db.display().to_string(),
                    qa::input::units_from_memory(&**mem, None)?,
                ),
                _ => {
                    let mut units = Vec::new();
                    for f in &files {
                        let mut more = qa::input::units_from_file(
                            f,
                            src_lang.as_deref(),
                            tgt_lang.as_deref(),
                        )?;
                        if files.len() > 1 {
                            // Files of the same name in different folders stay apart.
                            let origin = f.display().to_string();
                            more.iter_mut().for_each(|u| u.origin.clone_from(&origin));
                        }
                        units.append(&mut more);
                    }
                    let names: Vec<String> =
                        files.iter().map(|f| f.display().to_string()).collect();
                    (names.join(", "), units)
                }
            };
            if scores && format != ReportFormat::Jsonl {
                bail!("--scores needs --format jsonl");
            }
            let mut units = units;
            let bar = progress_bar(units.len() as u64, "checking");
            let mut findings = qa::check_with(&units, &prof, |n| {
                if let Some(b) = &bar {
                    b.set_position(n as u64);
                }
            });
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            let mut quality = match (format, scores) {
                (ReportFormat::Html, _) | (_, true) => qa::quality::assess_units_with(&units, lex),
                _ => Vec::new(),
            };
            let fluency = if scores {
                qa::fluency::score_units(&units)
            } else {
                Vec::new()
            };
            // Reports show and point into the text as the file wrote it.
            qa::to_written(&mut units, &mut findings, &mut quality);
            let content = match format {
                ReportFormat::Text => report::text(&units, &findings),
                ReportFormat::Jsonl => report::jsonl(&units, &findings),
                ReportFormat::Html => {
                    report::html_with_quality(&title, &units, &findings, &quality, 50)
                }
                ReportFormat::Csv => report::csv(&units, &findings),
            };
            let mut parts = vec![content];
            if scores {
                parts.push(report::quality_rows(&units, &quality));
                parts.push(report::score_rows(&units, &fluency));
            }
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            write_output_parts(output.as_deref(), &parts)?;
            if let Some(level) = fail_on {
                let worst = match level {
                    FailOn::Error => qa::Severity::Error,
                    FailOn::Warning => qa::Severity::Warning,
                    FailOn::Review => qa::Severity::Review,
                };
                let n = findings.iter().filter(|f| f.severity <= worst).count();
                if n > 0 {
                    eprintln!(
                        "tm: qa: {n} finding(s) at or above {worst:?} level",
                        worst = worst.as_str()
                    );
                    std::process::exit(1);
                }
            }
            Ok(())
        }
        Command::QualityFeatures {
            input,
            lexicon_from,
            write_lexicon,
            src_lang,
            tgt_lang,
            words,
        } => {
            let units =
                qa::input::units_from_file(&input, src_lang.as_deref(), tgt_lang.as_deref())?;
            let trained;
            let lex = match &lexicon_from {
                Some(path) => {
                    let pairs = qa::input::units_from_file(path, Some("ru"), Some("en"))?;
                    let tsv =
                        crate::text::bilex::LexicalModel::train(pairs.iter().filter_map(|u| {
                            Some((u.src.text.as_str(), u.tgt.as_ref()?.text.as_str()))
                        }))
                        .to_tsv();
                    if let Some(out) = &write_lexicon {
                        std::fs::write(out, &tsv)
                            .with_context(|| format!("cannot write {}", out.display()))?;
                    }
                    // Read back from its text form, so that the features are those the
                    // shipped file gives.
                    trained = crate::text::bilex::LexicalModel::from_tsv(&tsv);
                    &trained
                }
                None => crate::text::bilex::LexicalModel::shipped(),
            };
            if words {
                let model = qa::quality::QualityModel::shipped_spans();
                let mut out = String::from("segment\tstart\tend\t");
                out.push_str(&qa::quality::spans::WORD_NAMES.join("\t"));
                out.push_str("\tprediction\n");
                for (i, s, e, row) in qa::quality::word_rows(lex, &units) {
                    out.push_str(&format!("{}\t{s}\t{e}", units[i].id));
                    for v in &row {
                        out.push_str(&format!("\t{v}"));
                    }
                    out.push_str(&format!("\t{}\n", model.predict(&row)));
                }
                return emit(&out);
            }
            let model = qa::quality::QualityModel::shipped();
            let mut out = String::from("segment\t");
            out.push_str(&qa::quality::features::NAMES.join("\t"));
            out.push_str("\tprediction\n");
            for (i, row) in qa::quality::feature_rows(lex, &units) {
                out.push_str(&units[i].id.to_string());
                for v in &row {
                    out.push_str(&format!("\t{v}"));
                }
                out.push_str(&format!("\t{}\n", model.predict(&row)));
            }
            emit(&out)
        }
        Command::Serve {
            port,
            bind,
            allow_write,
            max_upload_mb,
            max_body_kb,
            cache,
            workers,
        } => Ok(crate::server::serve(crate::server::ServeConfig {
            db: cli.db.clone(),
            bind,
            port,
            allow_write,
            max_upload: max_upload_mb.saturating_mul(1024 * 1024),
            max_body: max_body_kb.saturating_mul(1024),
            cache,
            workers,
        })?),
        Command::Lexicon {
            min_pairs,
            max_pairs,
        } => {
            use crate::qa::quality::refresh::{refresh, Refreshed};
            let mut mem = crate::memory::open_store(&cli.db, false)?;
            let spin = spinner("training the lexical model (EM, both directions)");
            let outcome = refresh(&mut *mem, min_pairs, max_pairs);
            if let Some(s) = spin {
                s.finish_and_clear();
            }
            match outcome? {
                Refreshed::Trained { pairs, entries } => emit(&format!(
                    "lexical model of {} trained on {pairs} Russian–English pairs ({entries} entries, pooled with the shipped model); QA uses it from now on\n",
                    cli.db.display()
                )),
                Refreshed::TooFew(n) => bail!(
                    "{} holds {n} Russian–English pairs; at least {min_pairs} are needed to train its lexical model (--min-pairs)",
                    cli.db.display()
                ),
            }
        }
        Command::Check => maintenance::check(&cli.db),
        Command::Backup { file } => maintenance::backup(&cli.db, &file),
        Command::Stats { format } => {
            let mem = crate::memory::open_store(&cli.db, false)?;
            let s = mem.stats()?;
            match format {
                ListFormat::Json => emit(&(serde_json::to_string_pretty(&s)? + "\n")),
                ListFormat::Text => {
                    let mut out = format!(
                        "memory: {}\ndocuments: {}\nsegments: {} ({} pairs, {} monolingual)\n",
                        cli.db.display(),
                        s.documents,
                        s.segments,
                        s.pairs,
                        s.monolingual
                    );
                    for (k, n) in &s.by_language {
                        out.push_str(&format!("  {k}: {n}\n"));
                    }
                    emit(&out)
                }
            }
        }
    }
}

fn ingest(db: &Path, inputs: &[PathBuf], report_path: Option<&Path>) -> Result<()> {
    let paths = expand_inputs(inputs)?;
    let mut mem = crate::memory::open_store(db, true)?;
    let reports = ingest_files(&mut *mem, &paths)?;
    let mut s = String::new();
    let (mut pairs, mut mono) = (0, 0);
    for r in &reports {
        let what = match r.outcome {
            DocOutcome::Unchanged => "unchanged, already stored".to_string(),
            DocOutcome::Added(n) => format!("stored {n} segments"),
            DocOutcome::Replaced(n) => format!("changed, replaced by {n} segments"),
        };
        s.push_str(&format!(
            "{}: {what} ({} pairs, {} monolingual)\n",
            r.name, r.pairs, r.monolingual
        ));
        pairs += r.pairs;
        mono += r.monolingual;
    }
    let stats = mem.stats()?;
    s.push_str(&format!(
        "documents: {} segments ({pairs} pairs, {mono} monolingual); memory {} now holds {} segments\n",
        reports.len(),
        db.display(),
        stats.segments
    ));
    if let Some(path) = report_path {
        let names: Vec<String> = reports.iter().map(|r| r.name.clone()).collect();
        let units = qa::input::units_from_memory(&*mem, Some(&names))?;
        let findings = qa::check(&units);
        write_output(
            Some(path),
            &report::html_with_quality(
                "ingested documents",
                &units,
                &findings,
                &match qa::quality::refresh::memory_model(&*mem)? {
                    Some(lex) => qa::quality::assess_units_with(&units, &lex),
                    None => qa::quality::assess_units(&units),
                },
                50,
            ),
        )?;
        let counts = qa::count_by_check(&findings);
        let by: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
        s.push_str(&format!(
            "QA: {} issues ({}) → {}\n",
            findings.len(),
            if by.is_empty() {
                "none".to_string()
            } else {
                by.join(", ")
            },
            path.display()
        ));
    }
    emit(&s)
}

impl From<AlignFormat> for crate::align::documents::Format {
    fn from(f: AlignFormat) -> Self {
        use crate::align::documents::Format;
        match f {
            AlignFormat::Jsonl => Format::Jsonl,
            AlignFormat::Tsv => Format::Tsv,
            AlignFormat::Tmx => Format::Tmx,
            AlignFormat::Ladder => Format::Ladder,
        }
    }
}

/// Reads a hunalign dictionary: `target @ source` per line; returns (source, target) pairs.
fn read_dictionary(path: &Path) -> Result<Vec<(String, String)>> {
    let text = formats::read_text_file(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((tgt, src)) = line.split_once(" @ ") else {
            bail!("{}:{}: expected `target @ source`", path.display(), i + 1);
        };
        out.push((src.trim().to_string(), tgt.trim().to_string()));
    }
    Ok(out)
}

/// Looks up every query of a JSONL file; one output line per query.
fn lookup_batch(
    mem: &dyn crate::memory::Store,
    file: &Path,
    opts: &crate::lookup::LookupOptions,
) -> Result<()> {
    let text = formats::read_text_file(file)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut row: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a JSON object", file.display(), i + 1))?;
        let Some(query) = row
            .get("query")
            .and_then(|q| q.as_str())
            .map(str::to_string)
        else {
            bail!("{}:{}: no \"query\" field", file.display(), i + 1);
        };
        let mut o = opts.clone();
        if let Some(p) = row.get("prev").and_then(|p| p.as_str()) {
            o.prev = Some(p.to_string());
        }
        let start = std::time::Instant::now();
        let matches = crate::lookup::lookup_with(mem, &query, &o)?;
        let elapsed = start.elapsed().as_micros() as u64;
        row.insert("matches".into(), serde_json::to_value(&matches)?);
        row.insert("elapsed_us".into(), elapsed.into());
        let written = serde_json::to_writer(&mut out, &row)
            .map_err(std::io::Error::from)
            .and_then(|_| out.write_all(b"\n"));
        match written {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            r => r.context("writing to standard output")?,
        }
    }
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("writing to standard output"),
    }
}
