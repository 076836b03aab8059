//! How do segments get into PostgreSQL? Documents, imports in one transaction (rows copied in
//! bulk, the duplicate policies applied set-wise), single-unit writes with optimistic
//! concurrency, and the posting lists kept as the SQLite memory keeps them.

use super::read::{row_to_unit, UNIT_COLUMNS};
use super::schema::{BULK_INDEXES, DROP_BULK_INDEXES};
use super::PgMemory;
use crate::formats::Unit;
use crate::memory::candidates::{overlay_list, trigram_changes, unit_keys};
use crate::memory::units::{check_change, check_new, now_utc};
use crate::memory::{
    conflict, current_user, fuzzy, no_unit, norm_hash, DocOutcome, ImportStats, NewSegment,
    OnDuplicate, UnitChange, UnitRecord,
};
use crate::text::normalize;
use crate::Result;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use postgres::Transaction;
use std::collections::HashMap;

/// Starts a write: raises the generation, and the lists' generation when `lists` (the write
/// changes `fuzzy_postings`). This also orders writers: the row stays locked until the
/// transaction ends.
pub(super) fn begin_write(tx: &mut Transaction<'_>, lists: bool) -> Result<()> {
    tx.execute(
        "UPDATE tm_state SET generation = generation + 1,
            lists_generation = lists_generation + CASE WHEN $1 THEN 1 ELSE 0 END WHERE id = 1",
        &[&lists],
    )?;
    Ok(())
}

/// Merges freshly built posting lists into the stored ones (new ids are all larger).
pub(super) fn write_postings(tx: &mut Transaction<'_>, builder: fuzzy::Builder) -> Result<()> {
    let lists: Vec<(i64, Vec<u8>, u32)> = builder.into_lists().collect();
    if lists.is_empty() {
        return Ok(());
    }
    let tokens: Vec<i64> = lists.iter().map(|l| l.0).collect();
    let mut existing: HashMap<i64, Vec<u8>> = HashMap::new();
    for r in tx.query(
        "SELECT token, ids FROM fuzzy_postings WHERE token = ANY($1)",
        &[&tokens],
    )? {
        existing.insert(r.get(0), r.get(1));
    }
    let merged = lists.into_iter().map(|(token, enc, _)| {
        let ids = match existing.remove(&token) {
            None => enc,
            Some(mut old) => {
                let last = fuzzy::decode(&old, |_| {});
                let mut ids = Vec::new();
                fuzzy::decode(&enc, |id| ids.push(id));
                fuzzy::append(&mut old, last, &ids);
                old
            }
        };
        (token, ids)
    });
    // Into an empty index the lists go straight in; else through a staging table, merged.
    let direct = tx
        .query_opt("SELECT 1 FROM fuzzy_postings LIMIT 1", &[])?
        .is_none();
    if !direct {
        tx.batch_execute(
            "CREATE TEMP TABLE IF NOT EXISTS postings_stage(token BIGINT, ids BYTEA) ON COMMIT DROP;
             TRUNCATE postings_stage;",
        )?;
    }
    {
        let sink = tx.copy_in(if direct {
            "COPY fuzzy_postings(token, ids) FROM STDIN BINARY"
        } else {
            "COPY postings_stage(token, ids) FROM STDIN BINARY"
        })?;
        let mut w = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::BYTEA]);
        for (token, ids) in merged {
            w.write(&[&token, &ids])?;
        }
        w.finish()?;
    }
    if !direct {
        tx.batch_execute(
            "INSERT INTO fuzzy_postings(token, ids) SELECT token, ids FROM postings_stage
             ON CONFLICT (token) DO UPDATE SET ids = excluded.ids;
             TRUNCATE postings_stage;",
        )?;
    }
    Ok(())
}

/// Folds the list changes of single-unit writes into the posting lists.
fn fold_changes(tx: &mut Transaction<'_>) -> Result<()> {
    let rows = tx.query(
        "SELECT token, id, present FROM fuzzy_changes ORDER BY token, id",
        &[],
    )?;
    if rows.is_empty() {
        return Ok(());
    }
    let mut by_token: HashMap<i64, Vec<(u32, bool)>> = HashMap::new();
    for r in &rows {
        let id: i64 = r.get(1);
        by_token
            .entry(r.get(0))
            .or_default()
            .push((id as u32, r.get(2)));
    }
    let tokens: Vec<i64> = by_token.keys().copied().collect();
    let mut lists: HashMap<i64, Vec<u8>> = HashMap::new();
    for r in tx.query(
        "SELECT token, ids FROM fuzzy_postings WHERE token = ANY($1)",
        &[&tokens],
    )? {
        lists.insert(r.get(0), r.get(1));
    }
    for (token, changes) in by_token {
        let mut ids = Vec::new();
        if let Some(enc) = lists.get(&token) {
            fuzzy::decode(enc, |id| ids.push(id));
        }
        let ids = overlay_list(&ids, &changes);
        if ids.is_empty() {
            tx.execute("DELETE FROM fuzzy_postings WHERE token = $1", &[&token])?;
        } else {
            let mut enc = Vec::new();
            fuzzy::append(&mut enc, 0, &ids);
            tx.execute(
                "INSERT INTO fuzzy_postings(token, ids) VALUES ($1, $2)
                 ON CONFLICT (token) DO UPDATE SET ids = excluded.ids",
                &[&token, &enc],
            )?;
        }
    }
    tx.execute("DELETE FROM fuzzy_changes", &[])?;
    Ok(())
}

/// Records that unit `id` joins (or leaves) the lists of `grams`.
fn record_changes(tx: &mut Transaction<'_>, id: i64, grams: &[i64], present: bool) -> Result<()> {
    if grams.is_empty() {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO fuzzy_changes(token, id, present) SELECT g, $2, $3 FROM unnest($1::bigint[]) g
         ON CONFLICT (token, id) DO UPDATE SET present = excluded.present",
        &[&grams, &id, &present],
    )?;
    Ok(())
}

/// The columns staged by an import, in COPY order.
const STAGE_TYPES: [Type; 13] = [
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
];

impl PgMemory {
    /// Stores the segments of document `name` whose content hashes to `hash`, replacing an
    /// older version of it; does nothing when the same content was stored before.
    pub fn ingest_document(
        &mut self,
        name: &str,
        hash: &str,
        segments: &[NewSegment],
    ) -> Result<DocOutcome> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        begin_write(&mut tx, true)?;
        let existing = tx.query_opt("SELECT id, hash FROM documents WHERE name = $1", &[&name])?;
        let replaced = match existing {
            Some(r) if r.get::<_, String>(1) == hash => return Ok(DocOutcome::Unchanged),
            Some(r) => {
                let id: i64 = r.get(0);
                tx.execute("DELETE FROM segments WHERE doc_id = $1", &[&id])?;
                tx.execute("DELETE FROM documents WHERE id = $1", &[&id])?;
                true
            }
            None => false,
        };
        let doc_id: i64 = tx
            .query_one(
                "INSERT INTO documents(name, hash) VALUES ($1, $2) RETURNING id",
                &[&name, &hash],
            )?
            .get(0);
        let stmt = tx.prepare(
            "INSERT INTO segments(doc_id, pos, src_lang, src_text, src_hash, tgt_lang, tgt_text,
                tgt_hash, prev_hash, next_hash, origin, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'ingest', $11) RETURNING id",
        )?;
        let user = current_user();
        let mut builder = fuzzy::Builder::default();
        for (pos, s) in segments.iter().enumerate() {
            let (tl, tt) = match &s.tgt {
                Some((l, t)) => (Some(l.as_str()), Some(t.as_str())),
                None => (None, None),
            };
            let prev = pos.checked_sub(1).map(|p| norm_hash(&segments[p].src));
            let next = segments.get(pos + 1).map(|n| norm_hash(&n.src));
            let id: i64 = tx
                .query_one(
                    &stmt,
                    &[
                        &doc_id,
                        &(pos as i64),
                        &s.src_lang,
                        &s.src,
                        &norm_hash(&s.src),
                        &tl,
                        &tt,
                        &tt.map(norm_hash),
                        &prev,
                        &next,
                        &user,
                    ],
                )?
                .get(0);
            let src_norm = normalize(&s.src);
            let tgt_norm = tt.map(normalize);
            let mut norms = vec![src_norm.as_str()];
            if let Some(t) = &tgt_norm {
                norms.push(t);
            }
            builder.add(id as u32, &norms);
        }
        write_postings(&mut tx, builder)?;
        tx.commit()?;
        drop(client);
        self.caches_changed();
        Ok(if replaced {
            DocOutcome::Replaced(segments.len())
        } else {
            DocOutcome::Added(segments.len())
        })
    }

    /// Imports units from a stream in one transaction (an error from the stream rolls it all
    /// back), with the duplicate policies of the SQLite memory.
    pub fn import_stream(
        &mut self,
        units: &mut dyn Iterator<Item = Result<Unit>>,
        origin: &str,
        policy: OnDuplicate,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportStats> {
        let user = current_user();
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        begin_write(&mut tx, true)?;
        tx.batch_execute(
            "SET LOCAL maintenance_work_mem = '256MB';
             LOCK TABLE segments IN EXCLUSIVE MODE;
             CREATE TEMP TABLE import_stage(n BIGINT, src_lang TEXT, src_text TEXT, src_hash BIGINT,
                tgt_lang TEXT, tgt_text TEXT, tgt_hash BIGINT, prev_hash BIGINT, tuid TEXT,
                props TEXT, note TEXT, src_markup TEXT, tgt_markup TEXT) ON COMMIT DROP;",
        )?;
        let was_empty = tx
            .query_opt("SELECT 1 FROM segments LIMIT 1", &[])?
            .is_none();
        if was_empty && policy != OnDuplicate::Overwrite {
            let stats = bulk_import(&mut tx, units, origin, policy, progress, user.as_deref())?;
            tx.commit()?;
            drop(client);
            self.caches_changed();
            return Ok(stats);
        }
        let mut read = 0usize;
        {
            let sink = tx.copy_in("COPY import_stage FROM STDIN BINARY")?;
            let mut w = BinaryCopyInWriter::new(sink, &STAGE_TYPES);
            let mut prev: Option<i64> = None;
            for u in units {
                let u = u?;
                read += 1;
                if read % 4096 == 0 {
                    progress(read);
                }
                let sh = norm_hash(&u.src);
                let th = norm_hash(&u.tgt);
                let props = (!u.props.is_empty())
                    .then(|| serde_json::to_string(&u.props).unwrap_or_default());
                let row: [&(dyn ToSql + Sync); 13] = [
                    &(read as i64),
                    &u.src_lang,
                    &u.src,
                    &sh,
                    &u.tgt_lang,
                    &u.tgt,
                    &th,
                    &prev,
                    &u.tuid,
                    &props,
                    &u.note,
                    &u.src_markup,
                    &u.tgt_markup,
                ];
                w.write(&row)?;
                prev = Some(sh);
            }
            progress(read);
            w.finish()?;
        }
        let mut stats = ImportStats::default();
        match policy {
            OnDuplicate::KeepBoth => {}
            OnDuplicate::Skip => {
                // Within the file: the first of units with the same hashes stays.
                let here = tx.execute(
                    "DELETE FROM import_stage WHERE n IN (SELECT n FROM (SELECT n, row_number()
                        OVER (PARTITION BY src_hash, tgt_hash ORDER BY n) AS r FROM import_stage) x
                        WHERE r > 1)",
                    &[],
                )?;
                let in_db = if was_empty {
                    0
                } else {
                    tx.execute(
                        "DELETE FROM import_stage st WHERE EXISTS (SELECT 1 FROM segments s
                            WHERE s.src_hash = st.src_hash AND s.tgt_hash = st.tgt_hash
                              AND s.src_text = st.src_text AND s.tgt_text = st.tgt_text)",
                        &[],
                    )?
                };
                stats.duplicates = (here + in_db) as usize;
            }
            OnDuplicate::Overwrite => {
                // A later unit with the same source and languages replaces an earlier one,
                // in the file as in the memory.
                let here = tx.execute(
                    "DELETE FROM import_stage WHERE n IN (SELECT n FROM (SELECT n, row_number()
                        OVER (PARTITION BY src_hash, src_lang, tgt_lang ORDER BY n DESC) AS r
                        FROM import_stage) x WHERE r > 1)",
                    &[],
                )?;
                let in_db = tx.execute(
                    "DELETE FROM segments s USING import_stage st WHERE s.src_hash = st.src_hash
                        AND s.src_lang = st.src_lang AND s.tgt_lang = st.tgt_lang",
                    &[],
                )?;
                stats.overwritten = (here + in_db) as usize;
            }
        }
        let base: i64 = tx
            .query_one(
                "SELECT nextval(pg_get_serial_sequence('segments', 'id'))",
                &[],
            )?
            .get(0);
        let added = tx.execute(
            "INSERT INTO segments(id, src_lang, src_text, src_hash, tgt_lang, tgt_text, tgt_hash,
                prev_hash, tuid, props, note, src_markup, tgt_markup, origin, created_by)
             SELECT $1::bigint - 1 + row_number() OVER (ORDER BY n), src_lang, src_text, src_hash,
                tgt_lang, tgt_text, tgt_hash, prev_hash, tuid, props, note, src_markup,
                tgt_markup, $2::text, $3::text
             FROM import_stage ORDER BY n",
            &[&base, &origin, &user],
        )?;
        stats.added = added as usize;
        if added > 0 {
            tx.execute(
                "SELECT setval(pg_get_serial_sequence('segments', 'id'), $1::bigint)",
                &[&(base + added as i64 - 1)],
            )?;
        }
        stats.with_context = apply_context(&mut tx, base)?;
        fold_changes(&mut tx)?;
        let builder = build_postings(&mut tx, base)?;
        write_postings(&mut tx, builder)?;
        tx.batch_execute("ANALYZE segments")?;
        tx.commit()?;
        drop(client);
        self.caches_changed();
        Ok(stats)
    }

    /// Keeps `model` (trained on `pairs` pairs) as the memory's lexical model.
    pub fn set_lexicon(&mut self, pairs: i64, model: &str) -> Result<()> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        begin_write(&mut tx, false)?;
        tx.execute(
            "INSERT INTO lexicon(id, pairs, trained_at, model)
             VALUES (1, $1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), $2)
             ON CONFLICT (id) DO UPDATE SET pairs = excluded.pairs,
                 trained_at = excluded.trained_at, model = excluded.model",
            &[&pairs, &model],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Stores one unit, created by `user`.
    pub fn add_unit(&mut self, unit: &NewSegment, user: &str) -> Result<UnitRecord> {
        check_new(unit)?;
        let (tl, tt) = match &unit.tgt {
            Some((l, t)) => (Some(l.as_str()), Some(t.as_str())),
            None => (None, None),
        };
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        begin_write(&mut tx, false)?;
        let rec = row_to_unit(&tx.query_one(
            &format!(
                "INSERT INTO segments(src_lang, src_text, src_hash, tgt_lang, tgt_text, tgt_hash,
                    origin, created_by) VALUES ($1, $2, $3, $4, $5, $6, 'add', $7)
                 RETURNING {UNIT_COLUMNS}"
            ),
            &[
                &unit.src_lang,
                &unit.src,
                &norm_hash(&unit.src),
                &tl,
                &tt,
                &tt.map(norm_hash),
                &user,
            ],
        )?);
        record_changes(&mut tx, rec.id, &unit_keys(&unit.src, tt), true)?;
        tx.commit()?;
        drop(client);
        Ok(rec)
    }

    /// Changes a unit's texts in one transaction: refused when its version is no longer the
    /// one the change was made from.
    pub fn edit_unit(&mut self, id: i64, change: &UnitChange) -> Result<UnitRecord> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        begin_write(&mut tx, false)?;
        let current = tx
            .query_opt(
                &format!("SELECT {UNIT_COLUMNS} FROM segments WHERE id = $1 FOR UPDATE"),
                &[&id],
            )?
            .as_ref()
            .map(row_to_unit)
            .ok_or_else(|| no_unit(id))?;
        let expected = change.expected_version.unwrap_or(current.version);
        if expected != current.version {
            return Err(conflict(id, expected, &current));
        }
        check_change(&current, change)?;
        let src = change.source.clone().unwrap_or_else(|| current.src.clone());
        let tgt = change.target.clone().or_else(|| current.tgt.clone());
        let row = tx.query_opt(
            &format!(
                "UPDATE segments SET src_text = $2, src_hash = $3, tgt_text = $4, tgt_hash = $5,
                    changed_by = $6, changed_at = $7, version = version + 1
                 WHERE id = $1 AND version = $8 RETURNING {UNIT_COLUMNS}"
            ),
            &[
                &id,
                &src,
                &norm_hash(&src),
                &tgt,
                &tgt.as_deref().map(norm_hash),
                &change.user,
                &now_utc(),
                &expected,
            ],
        )?;
        let Some(row) = row else {
            return Err(conflict(id, expected, &current));
        };
        let (gone, added) = trigram_changes(
            &unit_keys(&current.src, current.tgt.as_deref()),
            &unit_keys(&src, tgt.as_deref()),
        );
        record_changes(&mut tx, id, &gone, false)?;
        record_changes(&mut tx, id, &added, true)?;
        tx.commit()?;
        drop(client);
        Ok(row_to_unit(&row))
    }

    /// Deletes a unit; refused when `expected_version` is given and the unit moved on.
    pub fn delete_unit(&mut self, id: i64, expected_version: Option<i64>) -> Result<()> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        begin_write(&mut tx, false)?;
        let current = tx
            .query_opt(
                &format!("SELECT {UNIT_COLUMNS} FROM segments WHERE id = $1 FOR UPDATE"),
                &[&id],
            )?
            .as_ref()
            .map(row_to_unit)
            .ok_or_else(|| no_unit(id))?;
        if let Some(v) = expected_version.filter(|&v| v != current.version) {
            return Err(conflict(id, v, &current));
        }
        tx.execute("DELETE FROM segments WHERE id = $1", &[&id])?;
        let grams = unit_keys(&current.src, current.tgt.as_deref());
        record_changes(&mut tx, id, &grams, false)?;
        tx.commit()?;
        drop(client);
        Ok(())
    }
}

/// Builds the posting lists of every row again (the keys of a schema before them): the lists
/// and the changes kept beside them are replaced, and servers drop their decoded lists.
pub(super) fn reindex_all(tx: &mut Transaction<'_>) -> Result<()> {
    begin_write(tx, true)?;
    tx.batch_execute("DELETE FROM fuzzy_postings; DELETE FROM fuzzy_changes;")?;
    let builder = build_postings(tx, 0)?;
    write_postings(tx, builder)
}

/// Posting lists of the rows stored from id `base` on, built on a thread of its own while
/// this one reads the rows.
fn build_postings(tx: &mut Transaction<'_>, base: i64) -> Result<fuzzy::Builder> {
    use postgres::fallible_iterator::FallibleIterator;
    let (read, builder) = fuzzy::build_beside(true, |lists| -> Result<()> {
        let mut rows = tx.query_raw(
            "SELECT id, src_text, tgt_text FROM segments WHERE id >= $1 ORDER BY id",
            [&base],
        )?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0);
            lists.add(id as u32, r.get(1), r.get(2));
        }
        Ok(())
    });
    read.map(|()| builder)
}

/// The columns a bulk import copies into `segments`, in COPY order.
const BULK_TYPES: [Type; 15] = [
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
];

/// An import into an empty memory (not `Overwrite`): rows copied straight into `segments`
/// with their ids given here (duplicates in the file dropped as the SQLite memory drops them),
/// the posting lists built on a thread beside, the indexes built once at the end.
fn bulk_import(
    tx: &mut Transaction<'_>,
    units: &mut dyn Iterator<Item = Result<Unit>>,
    origin: &str,
    policy: OnDuplicate,
    progress: &mut dyn FnMut(usize),
    user: Option<&str>,
) -> Result<ImportStats> {
    tx.batch_execute(DROP_BULK_INDEXES)?;
    let base: i64 = tx
        .query_one(
            "SELECT nextval(pg_get_serial_sequence('segments', 'id'))",
            &[],
        )?
        .get(0);
    let mut stats = ImportStats::default();
    let (stored, builder) = fuzzy::build_beside(false, |lists| -> Result<()> {
        let sink = tx.copy_in(
            "COPY segments(id, src_lang, src_text, src_hash, tgt_lang, tgt_text, tgt_hash,
                    prev_hash, tuid, props, note, src_markup, tgt_markup, origin, created_by)
                 FROM STDIN BINARY",
        )?;
        let mut w = BinaryCopyInWriter::new(sink, &BULK_TYPES);
        let mut seen: std::collections::HashSet<(i64, i64)> = Default::default();
        let mut prev: Option<i64> = None;
        let mut read = 0usize;
        for u in units {
            let u = u?;
            read += 1;
            if read % 4096 == 0 {
                progress(read);
            }
            let src_norm = normalize(&u.src);
            let tgt_norm = normalize(&u.tgt);
            let sh = fuzzy::hash64(&src_norm);
            let th = fuzzy::hash64(&tgt_norm);
            if policy == OnDuplicate::Skip && !seen.insert((sh, th)) {
                stats.duplicates += 1;
                prev = Some(sh);
                continue;
            }
            let id = base + stats.added as i64;
            let props =
                (!u.props.is_empty()).then(|| serde_json::to_string(&u.props).unwrap_or_default());
            let row: [&(dyn ToSql + Sync); 15] = [
                &id,
                &u.src_lang,
                &u.src,
                &sh,
                &u.tgt_lang,
                &u.tgt,
                &th,
                &prev,
                &u.tuid,
                &props,
                &u.note,
                &u.src_markup,
                &u.tgt_markup,
                &origin,
                &user,
            ];
            w.write(&row)?;
            lists.add(id as u32, src_norm, Some(tgt_norm));
            stats.added += 1;
            prev = Some(sh);
        }
        progress(read);
        w.finish()?;
        Ok(())
    });
    stored?;
    if stats.added > 0 {
        tx.execute(
            "SELECT setval(pg_get_serial_sequence('segments', 'id'), $1::bigint)",
            &[&(base + stats.added as i64 - 1)],
        )?;
    }
    stats.with_context = apply_context(tx, base)?;
    fold_changes(tx)?;
    write_postings(tx, builder)?;
    tx.batch_execute(BULK_INDEXES)?;
    tx.batch_execute("ANALYZE segments")?;
    Ok(stats)
}

/// Gives the rows stored from id `base` on the context their props name (see
/// [`crate::memory::context`]), inside the import's transaction; returns how many.
fn apply_context(tx: &mut Transaction<'_>, base: i64) -> Result<usize> {
    let rows = tx.query(
        "SELECT id, props FROM segments WHERE id >= $1 AND props IS NOT NULL
         AND (props LIKE '%prev%' OR props LIKE '%next%' OR props LIKE '%id\"%')",
        &[&base],
    )?;
    let mut changed = 0usize;
    for r in rows {
        let (id, json): (i64, String) = (r.get(0), r.get(1));
        let Ok(props) = serde_json::from_str::<Vec<(String, String)>>(&json) else {
            continue;
        };
        let (prev, next) = crate::memory::context::named(&Unit {
            props,
            ..Default::default()
        });
        if prev.is_none() && next.is_none() {
            continue;
        }
        tx.execute(
            "UPDATE segments SET prev_hash = coalesce($2, prev_hash),
                next_hash = coalesce($3, next_hash) WHERE id = $1",
            &[&id, &prev, &next],
        )?;
        changed += 1;
    }
    Ok(changed)
}
