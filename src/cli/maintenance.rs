//! `tm check` and `tm backup`: is the memory sound, and a safe copy of it.

use crate::memory::Memory;
use anyhow::{bail, Context as _, Result};
use std::path::Path;

/// Runs `tm check`: SQLite's integrity check and the memory's own invariants (see
/// [`Memory::check`]); prints what was read and every problem; fails (exit 2) when there is one.
pub fn check(db: &Path) -> Result<()> {
    let mem = Memory::open_to_check(db)?;
    let report = mem
        .check()
        .with_context(|| format!("{}: cannot check the memory", db.display()))?;
    let mut out = String::new();
    for p in &report.problems {
        out.push_str(&format!("{}: {p}\n", db.display()));
    }
    if report.is_ok() {
        out.push_str(&format!(
            "{}: ok ({} segments, {} posting lists)\n",
            db.display(),
            report.segments,
            report.posting_lists,
        ));
    }
    super::emit(&out)?;
    if !report.is_ok() {
        bail!(
            "{}: the memory is damaged ({} problems shown); restore a backup (`tm backup`) or import its export again",
            db.display(),
            report.problems.len()
        );
    }
    Ok(())
}

/// Runs `tm backup FILE`: a consistent copy of the memory by SQLite's online backup, taken
/// while others may read or write it.
pub fn backup(db: &Path, dest: &Path) -> Result<()> {
    let mem = Memory::open_read_only(db)?;
    mem.backup(dest)?;
    let copy = Memory::open_read_only(dest)?;
    let segments = copy.stats()?.segments;
    super::emit(&format!(
        "{} → {}: {segments} segments\n",
        db.display(),
        dest.display()
    ))
}
