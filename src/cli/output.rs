//! How the commands write: standard output that tolerates a closed pipe, report files with
//! their folders, and progress on a terminal only (quiet when piped).

use anyhow::{Context as _, Result};
use std::io::Write;
use std::path::Path;

/// Writes `s` to standard output; a closed pipe (`tm … | head`) is not an error.
pub(super) fn emit(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("writing to standard output"),
    }
}

pub(super) fn write_output(path: Option<&Path>, content: &str) -> Result<()> {
    write_output_parts(path, &[content])
}

/// Writes `parts` one after the other to `path` (its folder created) or standard output:
/// a long report is written in the pieces it was made in, never copied into one string.
pub(super) fn write_output_parts(path: Option<&Path>, parts: &[&str]) -> Result<()> {
    match path {
        Some(p) => {
            if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("{}: cannot create folder", dir.display()))?;
            }
            let write = || -> std::io::Result<()> {
                let mut f = std::fs::File::create(p)?;
                parts
                    .iter()
                    .try_for_each(|part| f.write_all(part.as_bytes()))
            };
            write().with_context(|| format!("{}: cannot write", p.display()))
        }
        None => {
            let mut out = std::io::stdout().lock();
            let written = parts
                .iter()
                .try_for_each(|part| out.write_all(part.as_bytes()))
                .and_then(|_| out.flush());
            match written {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r.context("writing to standard output"),
            }
        }
    }
}

/// A spinner with elapsed time for work of unknown length, on a terminal only.
pub(crate) fn spinner(what: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let s = indicatif::ProgressBar::new_spinner();
    s.set_message(what.to_string());
    s.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(s)
}

/// A progress bar for `len` items on a terminal (none when standard error is not one, or the
/// job is small).
pub(super) fn progress_bar(len: u64, what: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if len < 5000 || !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new(len);
    b.set_style(
        indicatif::ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} [{elapsed}<{eta}]")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    b.set_message(what.to_string());
    Some(b)
}
