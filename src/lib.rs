//! `tm`: a Russian/English translation-memory engine.
//!
//! The data path is formats → text → segment → align → memory → lookup/qa → report:
//!
//! - [`formats`]: reading and writing TMX, TSV and plain-text documents;
//! - [`text`]: language and script detection, normalisation, words, transliteration;
//! - [`segment`]: sentence boundaries;
//! - [`align`]: which Russian sentences translate which English ones;
//! - [`memory`]: the SQLite translation memory;
//! - [`lookup`]: exact, fuzzy and concordance search in the memory;
//! - [`qa`]: quality checks producing findings;
//! - [`report`]: findings as text, JSONL and HTML;
//! - [`ingest`]: the main job, documents → aligned segments in the memory.
//!
//! See ARCHITECTURE.md for the question each module answers.
//!
//! ```
//! use tm::segment::split;
//! use tm::text::Lang;
//!
//! let text = "Это было к 2004 г. Тогда же В. В. Набоков приехал.";
//! let sentences: Vec<&str> = split(text, Lang::Ru).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(sentences, ["Это было к 2004 г.", "Тогда же В. В. Набоков приехал."]);
//! ```

pub mod align;
pub mod cli;
pub mod error;
pub mod formats;
#[doc(hidden)]
pub mod fuzzing;
pub mod ingest;
pub mod lookup;
pub mod memory;
pub mod qa;
pub mod report;
pub mod segment;
pub mod server;
pub mod text;

pub use error::{Error, Result};
