//! Is this memory sound, and how is a copy taken while others read it?
//!
//! [`Memory::check`] runs SQLite's own `integrity_check` and the memory's invariants: every
//! row's hashes are those of its texts, every posting list decodes to ascending ids no greater
//! than the largest id ever given, and every row is in the posting list of each of its keys
//! (trigrams, and word starts from schema version 6 on). [`Memory::backup`] copies the
//! memory with SQLite's online backup (a consistent snapshot; readers and writers go on).

use super::{fuzzy, norm_hash, Memory};
use crate::text::normalize;
use crate::{Error, Result};
use rusqlite::OptionalExtension;
use std::collections::HashMap;
use std::path::Path;

/// What [`Memory::check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Segments read.
    pub segments: i64,
    /// Posting lists read.
    pub posting_lists: usize,
    /// Problems found, one line each (none for a sound memory).
    pub problems: Vec<String>,
}

impl CheckReport {
    /// Whether no problem was found.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The error for a file SQLite cannot read as a memory.
fn bad_memory(path: &Path, e: &rusqlite::Error) -> Error {
    Error::BadInput {
        path: path.to_path_buf(),
        message: format!("not a readable memory ({e})"),
    }
}

/// Problems reported at most (a badly broken memory would print millions of lines).
const MAX_PROBLEMS: usize = 50;

impl CheckReport {
    fn problem(&mut self, p: String) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(p);
        }
    }
}

impl Memory {
    /// Opens an existing memory to check it: for reading only, unmigrated (see
    /// [`Memory::open_read_only`]).
    pub fn open_to_check(path: &Path) -> Result<Memory> {
        Self::open_read_only(path)
    }

    /// Opens an existing memory for reading only (no migration, nothing written): what
    /// `tm check` and `tm backup` read, so they work on a read-only file and change nothing.
    pub fn open_read_only(path: &Path) -> Result<Memory> {
        use rusqlite::OpenFlags;
        if !path.is_file() {
            return Err(Error::BadInput {
                path: path.to_path_buf(),
                message: "no memory here yet: run `tm ingest` or `tm import` first".into(),
            });
        }
        let open = |flags: OpenFlags, uri: bool| -> rusqlite::Result<(rusqlite::Connection, i64)> {
            let conn = if uri {
                // A file this user may not write, in a folder where the WAL index cannot be
                // made: read it as it is on disk.
                let url = format!("file:{}?immutable=1", path.display());
                rusqlite::Connection::open_with_flags(url, flags | OpenFlags::SQLITE_OPEN_URI)?
            } else {
                rusqlite::Connection::open_with_flags(path, flags)?
            };
            conn.busy_timeout(std::time::Duration::from_secs(10))?;
            let version = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            Ok((conn, version))
        };
        let ro = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let (conn, version) = match open(ro, false) {
            Ok(c) => c,
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
                ) =>
            {
                open(ro, true).map_err(|e| bad_memory(path, &e))?
            }
            Err(e) => return Err(bad_memory(path, &e)),
        };
        if version != super::SCHEMA_VERSION {
            return Err(Error::BadInput {
                path: path.to_path_buf(),
                message: format!(
                    "memory schema version {version}, this tm reads {}: open it once with a writing command (`tm stats` migrates it)",
                    super::SCHEMA_VERSION
                ),
            });
        }
        Ok(Memory {
            conn,
            postings: None,
            texts: None,
            seen_version: std::cell::Cell::new(-1),
        })
    }

    /// Checks the memory in one read transaction (see the module docs). Holds the decoded
    /// posting lists in RAM while it runs (about 4 bytes per indexed trigram of every row).
    pub fn check(&self) -> Result<CheckReport> {
        let tx = self.conn.unchecked_transaction()?;
        let mut report = CheckReport::default();
        {
            let mut stmt = tx.prepare("PRAGMA integrity_check")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let line: String = r.get(0)?;
                if line != "ok" {
                    report.problem(format!("sqlite: {line}"));
                }
            }
        }
        if !report.is_ok() {
            // The tables cannot be trusted to read further.
            return Ok(report);
        }
        // A memory of an older schema (checked as it is, unmigrated) has no word-start lists.
        let word_starts = tx.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))? >= 6;
        let max_id: i64 = tx
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'segments'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0);
        let mut lists: HashMap<i64, Vec<u32>> = HashMap::new();
        {
            let mut stmt = tx.prepare("SELECT token, ids FROM fuzzy_postings")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let token: i64 = r.get(0)?;
                let enc: Vec<u8> = r.get(1)?;
                report.posting_lists += 1;
                if enc.last().is_some_and(|&b| b & 0x80 != 0) {
                    report.problem(format!("posting list {token}: ends inside an id"));
                }
                let mut ids = Vec::new();
                fuzzy::decode(&enc, |id| ids.push(id));
                if ids.windows(2).any(|w| w[0] >= w[1]) {
                    report.problem(format!("posting list {token}: ids not ascending"));
                }
                if ids.last().is_some_and(|&id| i64::from(id) > max_id) {
                    report.problem(format!(
                        "posting list {token}: id {} was never given (largest {max_id})",
                        ids.last().copied().unwrap_or(0)
                    ));
                }
                lists.insert(token, ids);
            }
        }
        let mut stmt =
            tx.prepare("SELECT id, src_text, src_hash, tgt_text, tgt_hash FROM segments")?;
        let mut rows = stmt.query([])?;
        let mut grams = Vec::new();
        while let Some(r) = rows.next()? {
            report.segments += 1;
            let id: i64 = r.get(0)?;
            let src: String = r.get(1)?;
            let tgt: Option<String> = r.get(3)?;
            if r.get::<_, i64>(2)? != norm_hash(&src) {
                report.problem(format!("segment {id}: source hash is not its text's"));
            }
            if r.get::<_, Option<i64>>(4)? != tgt.as_deref().map(norm_hash) {
                report.problem(format!("segment {id}: target hash is not its text's"));
            }
            grams.clear();
            for text in std::iter::once(&src).chain(&tgt) {
                let norm = normalize(text);
                fuzzy::trigrams_into(&norm, &mut grams);
                if word_starts {
                    fuzzy::word_starts_into(&norm, &mut grams);
                }
            }
            grams.sort_unstable();
            grams.dedup();
            let missing = grams
                .iter()
                .filter(|g| {
                    lists
                        .get(g)
                        .is_none_or(|ids| ids.binary_search(&(id as u32)).is_err())
                })
                .count();
            if missing > 0 {
                report.problem(format!(
                    "segment {id}: missing from {missing} of its {} posting lists",
                    grams.len()
                ));
            }
        }
        Ok(report)
    }

    /// Copies the memory to `dest` (a new file) with SQLite's online backup: a consistent
    /// snapshot even while other connections read or write. An existing `dest` is refused;
    /// a failed copy leaves no file behind.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::BadInput {
                path: dest.to_path_buf(),
                message: "already exists: give a new file for the backup".into(),
            });
        }
        let run = || -> Result<()> {
            let mut out = rusqlite::Connection::open(dest)?;
            {
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
                backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
            }
            // The copy is a plain file of its own: no WAL beside it.
            out.pragma_update(None, "journal_mode", "DELETE")?;
            Ok(())
        };
        run().inspect_err(|_| {
            let _ = std::fs::remove_file(dest);
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Unit;

    fn unit(src: &str, tgt: &str) -> Unit {
        Unit {
            src_lang: "en".into(),
            src: src.into(),
            tgt_lang: "ru".into(),
            tgt: tgt.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_sound_memory_passes_and_a_broken_one_is_named() {
        let mut mem = Memory::open_in_memory().unwrap();
        mem.import_units(
            &[
                unit("The file was saved.", "Файл сохранён."),
                unit("Hello", "Привет"),
            ],
            "t",
        )
        .unwrap();
        let ok = mem.check().unwrap();
        assert!(ok.is_ok(), "{ok:?}");
        assert_eq!(ok.segments, 2);
        assert!(ok.posting_lists > 10);
        // A row whose text changed behind the index's back.
        mem.conn
            .execute_batch("UPDATE segments SET src_text = 'Other words entirely' WHERE id = 1")
            .unwrap();
        let bad = mem.check().unwrap();
        assert!(!bad.is_ok());
        let all = bad.problems.join("\n");
        assert!(all.contains("segment 1: source hash"), "{all}");
        assert!(all.contains("segment 1: missing from"), "{all}");
        assert!(!all.contains("segment 2"), "{all}");
    }

    #[test]
    fn a_posting_list_cut_inside_an_id_is_named() {
        let mut mem = Memory::open_in_memory().unwrap();
        mem.import_units(&[unit("Hello world", "Привет, мир")], "t")
            .unwrap();
        mem.conn
            .execute_batch("UPDATE fuzzy_postings SET ids = x'81' WHERE token = (SELECT min(token) FROM fuzzy_postings)")
            .unwrap();
        let bad = mem.check().unwrap();
        let all = bad.problems.join("\n");
        assert!(all.contains("ends inside an id"), "{all}");
        assert!(all.contains("segment 1: missing from 1 of"), "{all}");
    }

    #[test]
    fn a_backup_is_a_sound_copy_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let mut mem = Memory::open(&dir.path().join("m.db")).unwrap();
        mem.import_units(&[unit("Hello world", "Привет, мир")], "t")
            .unwrap();
        let dest = dir.path().join("copy.db");
        mem.backup(&dest).unwrap();
        let copy = Memory::open_existing(&dest).unwrap();
        assert_eq!(copy.stats().unwrap().segments, 1);
        assert!(copy.check().unwrap().is_ok());
        let again = mem.backup(&dest).unwrap_err().to_string();
        assert!(again.contains("already exists"), "{again}");
    }
}
