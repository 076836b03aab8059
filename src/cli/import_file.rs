//! `tm import`: a TMX, TSV/CSV, XLIFF or PO file into the memory. The file is read on a
//! thread of its own and its units handed over in batches to the one storing them, in one
//! transaction.

use super::import;
use crate::formats::{tmx, tsv, Unit};
use anyhow::{bail, Result};
use std::path::Path;

/// Imports a TMX or TSV file: the file is parsed on one thread and stored on another, in one
/// transaction; a progress line is shown on a terminal.
pub(super) fn import_file(
    db: &Path,
    file: &Path,
    policy: crate::memory::OnDuplicate,
    skip_invalid: bool,
    select: &import::Selection,
) -> Result<()> {
    use std::io::IsTerminal;
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "tmx" | "tsv" | "tab" | "txt" | "csv") && !import::is_bilingual(&ext)
    {
        bail!(
            "{}: unknown format: expected a .tmx, .tsv, .csv, .xlf, .xliff, .sdlxliff, .mqxliff \
             or .po file",
            file.display()
        );
    }
    if !file.exists() {
        bail!("{}: No such file or directory", file.display());
    }
    // Units travel in batches: one hand-over per thousand units, not per unit.
    const BATCH: usize = 1024;
    let (tx, rx) = std::sync::mpsc::sync_channel::<crate::Result<Vec<Unit>>>(8);
    let path = file.to_path_buf();
    let mut opts = select.tmx_options();
    opts.skip_invalid = skip_invalid;
    let select_in_reader = select.clone();
    let reader = std::thread::spawn(move || {
        let mut batch = Vec::with_capacity(BATCH);
        let mut summary = import::Summary::default();
        let result = if ext == "tmx" {
            tmx::read_with(
                &path,
                &opts,
                |u| {
                    batch.push(u);
                    if batch.len() == BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        tx.send(Ok(full))
                            .map_err(|_| crate::Error::Usage("import stopped".into()))?;
                    }
                    Ok(())
                },
                |e| eprintln!("tm: skipped: {e}"),
            )
            .map(|s| summary.tmx = Some(s))
        } else if import::is_bilingual(&ext) {
            import::read_bilingual(&path, &select_in_reader, &mut summary)
                .map(|units| batch.extend(units))
        } else if ext == "csv" {
            tsv::read_csv(&path).map(|units| batch.extend(units))
        } else {
            tsv::read(&path).map(|units| batch.extend(units))
        };
        let _ = match result {
            Ok(()) => tx.send(Ok(batch)),
            Err(e) => tx.send(Err(e)),
        };
        summary
    });
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Some(b)
    } else {
        None
    };
    let mut mem = crate::memory::open_store(db, true)?;
    let origin = format!(
        "import:{}",
        file.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    let mut units = rx.into_iter().flat_map(|batch| match batch {
        Ok(units) => units.into_iter().map(Ok).collect::<Vec<_>>(),
        Err(e) => vec![Err(e)],
    });
    let result = mem.import_stream(&mut units, &origin, policy, &mut |n| {
        if let Some(b) = &bar {
            b.set_message(format!("{n} units read"));
            b.tick();
        }
    });
    drop(units);
    let summary = reader.join().unwrap_or_default();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let stats = result?;
    if stats.added == 0 && stats.duplicates == 0 && stats.overwritten == 0 {
        bail!("{}: no translation units in the file", file.display());
    }
    eprintln!(
        "imported {} units from {} ({} already in the memory, {} replaced)",
        stats.added,
        file.display(),
        stats.duplicates,
        stats.overwritten
    );
    import::report(&summary, stats.with_context);
    Ok(())
}
