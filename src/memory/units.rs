//! How is one unit added, changed or deleted (`tm add`, `tm edit`, `tm delete`) in an SQLite
//! memory? Each in one transaction, with the posting lists kept exact (the unit's id joins
//! the lists of the trigrams it gains and leaves those it loses), and an edit refused when the
//! unit's version moved on since the editor read it (optimistic concurrency).

use super::candidates::{edit_list, trigram_changes, unit_keys};
use super::write::write_postings;
use super::{conflict, fuzzy, no_unit, norm_hash, Memory, NewSegment, UnitChange, UnitRecord};
use crate::text::normalize;
use crate::Result;
use rusqlite::{params, OptionalExtension};

/// The user recorded as creator or editor of units when none is given (`TM_USER`, else the
/// login name).
pub fn current_user() -> Option<String> {
    std::env::var("TM_USER")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|u| !u.is_empty())
}

/// The columns of a [`UnitRecord`], in its field order.
pub(crate) const UNIT_COLUMNS: &str =
    "id, src_lang, src_text, tgt_lang, tgt_text, version, created_by, changed_by, changed_at";

fn row_to_unit(r: &rusqlite::Row<'_>) -> rusqlite::Result<UnitRecord> {
    Ok(UnitRecord {
        id: r.get(0)?,
        src_lang: r.get(1)?,
        src: r.get(2)?,
        tgt_lang: r.get(3)?,
        tgt: r.get(4)?,
        version: r.get(5)?,
        created_by: r.get(6)?,
        changed_by: r.get(7)?,
        changed_at: r.get(8)?,
    })
}

/// Checks a change before anything is written: a text must stay non-empty, and a target
/// needs a target language.
pub(crate) fn check_change(current: &UnitRecord, change: &UnitChange) -> Result<()> {
    if change.source.is_none() && change.target.is_none() {
        return Err(crate::Error::Usage(
            "nothing to change: give a new source or target".into(),
        ));
    }
    if [&change.source, &change.target]
        .iter()
        .any(|t| t.as_deref().is_some_and(|t| t.trim().is_empty()))
    {
        return Err(crate::Error::Usage("a unit's text cannot be empty".into()));
    }
    if change.target.is_some() && current.tgt_lang.is_none() {
        return Err(crate::Error::Usage(format!(
            "unit {} has no translation language: add it as a pair instead",
            current.id
        )));
    }
    Ok(())
}

/// Checks a new unit: non-empty texts.
pub(crate) fn check_new(unit: &NewSegment) -> Result<()> {
    let empty_tgt = unit.tgt.as_ref().is_some_and(|(_, t)| t.trim().is_empty());
    if unit.src.trim().is_empty() || empty_tgt {
        return Err(crate::Error::Usage("a unit's text cannot be empty".into()));
    }
    Ok(())
}

/// The current UTC time as stored in `changed_at`.
pub(crate) fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

impl Memory {
    /// The unit with this id, if any.
    pub fn unit(&self, id: i64) -> Result<Option<UnitRecord>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {UNIT_COLUMNS} FROM segments WHERE id = ?1"),
                params![id],
                row_to_unit,
            )
            .optional()?)
    }

    /// Stores one unit, created by `user`, and indexes it for fuzzy lookup.
    pub fn add_unit(&mut self, unit: &NewSegment, user: &str) -> Result<UnitRecord> {
        check_new(unit)?;
        let tx = self.conn.transaction()?;
        let (tl, tt) = match &unit.tgt {
            Some((l, t)) => (Some(l.as_str()), Some(t.as_str())),
            None => (None, None),
        };
        tx.execute(
            "INSERT INTO segments(src_lang, src_text, src_hash, tgt_lang, tgt_text, tgt_hash,
                origin, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'add', ?7)",
            params![
                unit.src_lang,
                unit.src,
                norm_hash(&unit.src),
                tl,
                tt,
                tt.map(norm_hash),
                user
            ],
        )?;
        let id = tx.last_insert_rowid();
        let mut builder = fuzzy::Builder::default();
        let src_norm = normalize(&unit.src);
        let tgt_norm = tt.map(normalize);
        let mut norms = vec![src_norm.as_str()];
        if let Some(t) = &tgt_norm {
            norms.push(t);
        }
        builder.add(id as u32, &norms);
        write_postings(&tx, builder)?;
        let rec = tx.query_row(
            &format!("SELECT {UNIT_COLUMNS} FROM segments WHERE id = ?1"),
            params![id],
            row_to_unit,
        )?;
        tx.commit()?;
        self.caches_changed();
        Ok(rec)
    }

    /// Changes a unit's texts in one transaction: refused when its version is no longer the
    /// one the change was made from.
    pub fn edit_unit(&mut self, id: i64, change: &UnitChange) -> Result<UnitRecord> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current = tx
            .query_row(
                &format!("SELECT {UNIT_COLUMNS} FROM segments WHERE id = ?1"),
                params![id],
                row_to_unit,
            )
            .optional()?
            .ok_or_else(|| no_unit(id))?;
        let expected = change.expected_version.unwrap_or(current.version);
        if expected != current.version {
            return Err(conflict(id, expected, &current));
        }
        check_change(&current, change)?;
        let src = change.source.clone().unwrap_or_else(|| current.src.clone());
        let tgt = change.target.clone().or_else(|| current.tgt.clone());
        let n = tx.execute(
            "UPDATE segments SET src_text = ?2, src_hash = ?3, tgt_text = ?4, tgt_hash = ?5,
                changed_by = ?6, changed_at = ?7, version = version + 1
             WHERE id = ?1 AND version = ?8",
            params![
                id,
                src,
                norm_hash(&src),
                tgt,
                tgt.as_deref().map(norm_hash),
                change.user,
                now_utc(),
                expected
            ],
        )?;
        if n == 0 {
            return Err(conflict(id, expected, &current));
        }
        let (gone, added) = trigram_changes(
            &unit_keys(&current.src, current.tgt.as_deref()),
            &unit_keys(&src, tgt.as_deref()),
        );
        edit_postings(&tx, id as u32, &gone, false)?;
        edit_postings(&tx, id as u32, &added, true)?;
        let rec = tx.query_row(
            &format!("SELECT {UNIT_COLUMNS} FROM segments WHERE id = ?1"),
            params![id],
            row_to_unit,
        )?;
        tx.commit()?;
        self.caches_changed();
        Ok(rec)
    }

    /// Deletes a unit (and its id from the posting lists); refused when `expected_version`
    /// is given and the unit moved on.
    pub fn delete_unit(&mut self, id: i64, expected_version: Option<i64>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current = tx
            .query_row(
                &format!("SELECT {UNIT_COLUMNS} FROM segments WHERE id = ?1"),
                params![id],
                row_to_unit,
            )
            .optional()?
            .ok_or_else(|| no_unit(id))?;
        if let Some(v) = expected_version.filter(|&v| v != current.version) {
            return Err(conflict(id, v, &current));
        }
        tx.execute("DELETE FROM segments WHERE id = ?1", params![id])?;
        let grams = unit_keys(&current.src, current.tgt.as_deref());
        edit_postings(&tx, id as u32, &grams, false)?;
        tx.commit()?;
        self.caches_changed();
        Ok(())
    }
}

/// Adds `id` to (or removes it from) the posting lists of `grams`.
fn edit_postings(tx: &rusqlite::Transaction<'_>, id: u32, grams: &[i64], add: bool) -> Result<()> {
    let mut get = tx.prepare_cached("SELECT ids FROM fuzzy_postings WHERE token = ?1")?;
    let mut put =
        tx.prepare_cached("INSERT OR REPLACE INTO fuzzy_postings(token, ids) VALUES (?1, ?2)")?;
    let mut del = tx.prepare_cached("DELETE FROM fuzzy_postings WHERE token = ?1")?;
    for &g in grams {
        let old: Option<Vec<u8>> = get.query_row(params![g], |r| r.get(0)).optional()?;
        let new = match old {
            Some(enc) => edit_list(&enc, id, add),
            None if add => {
                let mut enc = Vec::new();
                fuzzy::append(&mut enc, 0, &[id]);
                Some(enc)
            }
            None => continue,
        };
        match new {
            Some(enc) => put.execute(params![g, enc])?,
            None => del.execute(params![g])?,
        };
    }
    Ok(())
}
