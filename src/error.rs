//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    // The cause is shown in the message, not chained, so that it is printed once.
    #[error("{path}: {cause}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        cause: std::io::Error,
    },
    /// A file's content is unusable (empty, binary, not UTF-8).
    #[error("{path}: {message}")]
    BadInput {
        /// The file.
        path: PathBuf,
        /// What is wrong, with a position where there is one.
        message: String,
    },
    /// A structured file (TMX, TSV) is malformed at a position.
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column (chars).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The memory database failed.
    #[error("memory: {0}")]
    Db(#[from] rusqlite::Error),
    /// A usage error detected by the engine (unknown language, bad option value).
    #[error("{0}")]
    Usage(String),
}

/// Result with the engine's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
