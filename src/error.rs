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
    #[error("memory: {}", db_message(.0))]
    Db(#[from] rusqlite::Error),
    /// The PostgreSQL memory failed (a query or the data, not the connection).
    #[error("memory: {0}")]
    Postgres(String),
    /// The memory's database server cannot be reached (down, restarting, refused).
    #[error("memory unavailable: {0}")]
    Unavailable(String),
    /// A unit was changed by someone else since it was read (optimistic concurrency).
    #[error("{0}")]
    Conflict(String),
    /// No unit with this id.
    #[error("{0}")]
    NotFound(String),
    /// A usage error detected by the engine (unknown language, bad option value).
    #[error("{0}")]
    Usage(String),
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        // No SQLSTATE, or one of the connection classes (08: connection exception, 57P: the
        // server shutting down, 53: out of resources): the server is not there, not the query.
        let unavailable = match e.code() {
            None => {
                let s = e.to_string();
                e.is_closed()
                    || [
                        "error connecting",
                        "error communicating",
                        "connection closed",
                        "timeout",
                    ]
                    .iter()
                    .any(|p| s.starts_with(p))
            }
            Some(c) => {
                let c = c.code();
                c.starts_with("08") || c.starts_with("57P") || c.starts_with("53")
            }
        };
        let msg = match e.as_db_error() {
            Some(db) => db.message().to_string(),
            None => e.to_string(),
        };
        if unavailable {
            Error::Unavailable(msg)
        } else {
            Error::Postgres(msg)
        }
    }
}

/// What a database error means for the user, in one line: the faults under a memory (a full
/// disk, a read-only or locked file, a damaged one) get a plain explanation.
fn db_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let Some(code) = e.sqlite_error_code() else {
        return e.to_string();
    };
    let plain = match code {
        C::DiskFull => "the disk is full; nothing was written",
        C::SystemIoFailure => {
            "cannot read or write the memory file (disk full, a file size limit, or a failing \
             disk); nothing was written"
        }
        C::ReadOnly => {
            "the memory is read-only (a read-only file or folder, or a read-only disk); nothing \
             was written"
        }
        C::DatabaseBusy | C::DatabaseLocked => {
            "the memory is locked by another process (waited 10 s); try again when it is done"
        }
        C::NotADatabase => "the file is not a memory (not an SQLite database, or overwritten)",
        C::DatabaseCorrupt => {
            "the memory is damaged (malformed database); `tm check` tells more, a backup or an \
             export restores it"
        }
        C::CannotOpen => "cannot open the memory file (missing folder or no permission)",
        _ => return e.to_string(),
    };
    plain.to_string()
}

/// Result with the engine's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
