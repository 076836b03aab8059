//! `tm add`, `tm edit`, `tm delete`: one unit at a time, for translators sharing a memory
//! (either backend); `tm copy`: a whole memory from one backend to another.

use crate::memory::{open_store, NewSegment, UnitChange, UnitRecord};
use anyhow::{bail, Context as _, Result};
use std::path::{Path, PathBuf};

/// Who the change is recorded for: `--user`, else `TM_USER` or the login name.
fn user(arg: &Option<String>) -> Result<String> {
    match arg.clone().or_else(crate::memory::current_user) {
        Some(u) if !u.trim().is_empty() => Ok(u),
        _ => bail!("who is changing the memory? give --user NAME (or set TM_USER)"),
    }
}

/// Arguments of `tm add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Source text.
    pub source: String,
    /// Target text (leave out for a monolingual segment).
    pub target: Option<String>,
    /// Source language code.
    #[arg(long)]
    pub src_lang: String,
    /// Target language code (with a target).
    #[arg(long)]
    pub tgt_lang: Option<String>,
    /// Who adds it (default: TM_USER or the login name).
    #[arg(long)]
    pub user: Option<String>,
}

/// Arguments of `tm edit`.
#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The unit's id (as `tm lookup` and `tm concordance` show it).
    pub id: i64,
    /// New source text.
    #[arg(long)]
    pub source: Option<String>,
    /// New target text.
    #[arg(long)]
    pub target: Option<String>,
    /// The version you read (`tm show ID`); the edit is refused when someone changed the unit
    /// since. Without it, the current version is taken.
    #[arg(long = "from-version", value_name = "VERSION")]
    pub expected: Option<i64>,
    /// Who edits it (default: TM_USER or the login name).
    #[arg(long)]
    pub user: Option<String>,
}

/// Arguments of `tm delete`.
#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// The unit's id.
    pub id: i64,
    /// The version you read; refused when someone changed the unit since.
    #[arg(long = "from-version", value_name = "VERSION")]
    pub expected: Option<i64>,
}

/// Arguments of `tm show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The unit's id.
    pub id: i64,
}

/// Arguments of `tm copy`.
#[derive(Debug, clap::Args)]
pub struct CopyArgs {
    /// The memory copied from (an SQLite file or a postgres:// URL).
    #[arg(long)]
    pub from: PathBuf,
    /// The memory copied to (must hold no segment yet).
    #[arg(long)]
    pub to: PathBuf,
}

fn describe(u: &UnitRecord) -> String {
    let mut s = format!(
        "unit {} (version {}): [{}] {}\n",
        u.id, u.version, u.src_lang, u.src
    );
    if let (Some(l), Some(t)) = (&u.tgt_lang, &u.tgt) {
        s.push_str(&format!("  → [{l}] {t}\n"));
    }
    if let Some(by) = &u.changed_by {
        s.push_str(&format!(
            "  changed by {by} at {}\n",
            u.changed_at.as_deref().unwrap_or("?")
        ));
    } else if let Some(by) = &u.created_by {
        s.push_str(&format!("  added by {by}\n"));
    }
    s
}

/// `tm add`.
pub fn add(db: &Path, a: &AddArgs) -> Result<()> {
    let tgt = match (&a.target, &a.tgt_lang) {
        (Some(t), Some(l)) => Some((l.clone(), t.clone())),
        (Some(_), None) => bail!("a target needs its language: --tgt-lang"),
        (None, Some(_)) => bail!("--tgt-lang without a target text"),
        (None, None) => None,
    };
    let who = user(&a.user)?;
    let mut mem = open_store(db, true)?;
    let rec = mem.add_unit(
        &NewSegment {
            src_lang: a.src_lang.clone(),
            src: a.source.clone(),
            tgt,
        },
        &who,
    )?;
    super::emit(&format!("added {}", describe(&rec)))
}

/// `tm edit`.
pub fn edit(db: &Path, a: &EditArgs) -> Result<()> {
    let who = user(&a.user)?;
    let mut mem = open_store(db, false)?;
    let rec = mem.edit_unit(
        a.id,
        &UnitChange {
            source: a.source.clone(),
            target: a.target.clone(),
            expected_version: a.expected,
            user: who,
        },
    )?;
    super::emit(&format!("saved {}", describe(&rec)))
}

/// `tm delete`.
pub fn delete(db: &Path, a: &DeleteArgs) -> Result<()> {
    let mut mem = open_store(db, false)?;
    mem.delete_unit(a.id, a.expected)?;
    super::emit(&format!("deleted unit {}\n", a.id))
}

/// `tm show`.
pub fn show(db: &Path, a: &ShowArgs) -> Result<()> {
    let mem = open_store(db, false)?;
    match mem.unit(a.id)? {
        Some(u) => super::emit(&describe(&u)),
        None => Err(crate::memory::no_unit(a.id).into()),
    }
}

/// `tm copy`: the whole memory (documents, pairs and monolingual segments with every column
/// and their ids, the lexical model) into an empty one, in one transaction on the target. The
/// source is read on a thread of its own and its rows stream through a bounded channel, so
/// the memory is never held whole.
pub fn copy(a: &CopyArgs) -> Result<()> {
    use crate::memory::dump::DumpItem;
    let from_name = a.from.display().to_string();
    let to_name = a.to.display().to_string();
    let from = open_store(&a.from, false).with_context(|| from_name.clone())?;
    let total = from.stats()?.segments;
    let mut to = open_store(&a.to, true).with_context(|| to_name.clone())?;
    let bar = super::spinner(&format!("copying {total} segments"));
    let (send, recv) = std::sync::mpsc::sync_channel::<crate::Result<DumpItem>>(1024);
    let stats = std::thread::scope(|s| {
        let reader = s.spawn(move || {
            let sent = from.dump(&mut |item| {
                // The target stopped (it failed): stop reading; its error is the one shown.
                send.send(Ok(item))
                    .map_err(|_| crate::Error::Usage("the copy stopped".into()))
            });
            if let Err(e) = sent {
                let _ = send.send(Err(e));
            }
        });
        let stats = to.restore(&mut recv.iter(), &mut |n| {
            if let Some(b) = &bar {
                b.set_message(format!("copied {n} of {total} segments"));
            }
        });
        // Unblocks the reader if the target stopped early.
        drop(recv);
        let _ = reader.join();
        stats
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let stats = stats.with_context(|| format!("copying into {to_name} (left as it was)"))?;
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    super::emit(&format!(
        "copied {}, {} and {}{} from {from_name} to {to_name}\n",
        n(stats.pairs, "pair", "pairs"),
        n(
            stats.monolingual,
            "monolingual segment",
            "monolingual segments"
        ),
        n(stats.documents, "document", "documents"),
        if stats.lexicon {
            " with the lexical model"
        } else {
            ""
        },
    ))
}
