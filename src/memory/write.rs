//! How do segments get into a memory? Ingesting documents (replacing changed ones) and
//! importing units in one transaction, with the duplicate policies, and the posting lists of
//! the new rows merged into the stored ones.

use super::{
    context, current_user, fuzzy, norm_hash, DocOutcome, ImportStats, Memory, NewSegment,
    OnDuplicate,
};
use crate::formats::Unit;
use crate::text::normalize;
use crate::Result;
use rusqlite::{params, OptionalExtension};
use std::collections::HashSet;

impl Memory {
    /// Stores the segments of document `name` whose content hashes to `hash`, replacing an
    /// older version of it; does nothing when the same content was stored before.
    pub fn ingest_document(
        &mut self,
        name: &str,
        hash: &str,
        segments: &[NewSegment],
    ) -> Result<DocOutcome> {
        let tx = self.conn.transaction()?;
        let existing: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, hash FROM documents WHERE name = ?1",
                params![name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let replaced = match existing {
            Some((_, ref h)) if h == hash => return Ok(DocOutcome::Unchanged),
            Some((id, _)) => {
                tx.execute("DELETE FROM segments WHERE doc_id = ?1", params![id])?;
                tx.execute("DELETE FROM documents WHERE id = ?1", params![id])?;
                true
            }
            None => false,
        };
        tx.execute(
            "INSERT INTO documents(name, hash) VALUES (?1, ?2)",
            params![name, hash],
        )?;
        let doc_id = tx.last_insert_rowid();
        let mut builder = fuzzy::Builder::default();
        {
            let mut stmt = tx.prepare(
                "INSERT INTO segments(doc_id, pos, src_lang, src_text, src_hash, tgt_lang, tgt_text,
                    tgt_hash, prev_hash, next_hash, origin, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'ingest', ?11)",
            )?;
            let user = current_user();
            for (pos, s) in segments.iter().enumerate() {
                let (tl, tt) = match &s.tgt {
                    Some((l, t)) => (Some(l.as_str()), Some(t.as_str())),
                    None => (None, None),
                };
                let prev = pos.checked_sub(1).map(|p| norm_hash(&segments[p].src));
                let next = segments.get(pos + 1).map(|n| norm_hash(&n.src));
                stmt.execute(params![
                    doc_id,
                    pos as i64,
                    s.src_lang,
                    s.src,
                    norm_hash(&s.src),
                    tl,
                    tt,
                    tt.map(norm_hash),
                    prev,
                    next,
                    user,
                ])?;
                let id = tx.last_insert_rowid() as u32;
                let src_norm = normalize(&s.src);
                let tgt_norm = tt.map(normalize);
                let mut norms = vec![src_norm.as_str()];
                if let Some(t) = &tgt_norm {
                    norms.push(t);
                }
                builder.add(id, &norms);
            }
        }
        write_postings(&tx, builder)?;
        tx.commit()?;
        self.caches_changed();
        Ok(if replaced {
            DocOutcome::Replaced(segments.len())
        } else {
            DocOutcome::Added(segments.len())
        })
    }

    /// Imports translation units in one transaction, skipping units already in the memory
    /// (same languages and texts).
    pub fn import_units(&mut self, units: &[Unit], origin: &str) -> Result<ImportStats> {
        let mut it = units.iter().cloned().map(Ok);
        self.import_stream(&mut it, origin, OnDuplicate::Skip, &mut |_| {})
    }

    /// Imports units from a stream in one transaction: an error from the stream rolls the
    /// whole import back. `progress` is called with the number of units read so far.
    pub fn import_stream(
        &mut self,
        units: &mut dyn Iterator<Item = Result<Unit>>,
        origin: &str,
        policy: OnDuplicate,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportStats> {
        let was_empty: bool = !self
            .conn
            .prepare("SELECT 1 FROM segments LIMIT 1")?
            .exists([])?;
        let bulk = was_empty && policy != OnDuplicate::Overwrite;
        // A bulk load into an empty file-backed memory runs with a rollback journal: pages are
        // written once instead of to the WAL and again at the checkpoint, and a killed import
        // still leaves the memory as it was (the journal is rolled back on the next open).
        let journal: String = self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        // The switch needs the file to itself: with another connection open (a server's pool,
        // a reader in another process) it is refused, and the import runs in WAL mode.
        let switch_journal = bulk
            && journal.eq_ignore_ascii_case("wal")
            && self
                .conn
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
                .is_ok_and(|m| m.eq_ignore_ascii_case("delete"));
        // Writing through the memory map would count the whole file as resident memory.
        // (In-memory databases have no map: the pragma returns no row there.)
        let mmap: Option<i64> = self
            .conn
            .query_row("PRAGMA mmap_size", [], |r| r.get(0))
            .optional()?;
        if mmap.is_some() {
            self.conn.pragma_update(None, "mmap_size", 0)?;
        }
        let result = self.import_tx(units, origin, policy, progress, was_empty, bulk);
        if let Some(size) = mmap {
            self.conn.pragma_update(None, "mmap_size", size)?;
        }
        if switch_journal {
            self.conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        result
    }

    fn import_tx(
        &mut self,
        units: &mut dyn Iterator<Item = Result<Unit>>,
        origin: &str,
        policy: OnDuplicate,
        progress: &mut dyn FnMut(usize),
        was_empty: bool,
        bulk: bool,
    ) -> Result<ImportStats> {
        let tx = self.conn.transaction()?;
        let mut stats = ImportStats::default();
        if bulk {
            // Into an empty memory, bulk-load: rows first, then the indexes in one go.
            tx.execute_batch("DROP INDEX segments_src_hash; DROP INDEX segments_tgt_hash;")?;
        }
        let mut seen: HashSet<(i64, i64)> = HashSet::new();
        let user = current_user();
        // One creation time for the whole import (the column's default would format the clock
        // again for every row).
        let now: String = tx.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ','now')", [], |r| {
            r.get(0)
        })?;
        // The posting lists are built on a thread of their own, from the texts of the rows
        // stored (sent in batches, in id order; that thread normalises them), while this one
        // stores the rows: it needs only the hashes of the normalised texts.
        let (stored, builder) = fuzzy::build_beside(true, |sink| -> Result<()> {
            let mut exists = tx.prepare(
                "SELECT 1 FROM segments WHERE src_hash = ?1 AND tgt_hash = ?2
                     AND src_text = ?3 AND tgt_text = ?4 LIMIT 1",
            )?;
            let mut delete_same_source = tx.prepare(
                "DELETE FROM segments WHERE src_hash = ?1 AND src_lang = ?2 AND tgt_lang = ?3",
            )?;
            let mut insert = tx.prepare(
                "INSERT INTO segments(src_lang, src_text, src_hash, tgt_lang, tgt_text, tgt_hash,
                        prev_hash, tuid, props, note, src_markup, tgt_markup, origin, created_by,
                        created_at, next_hash)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                        ?16)",
            )?;
            let mut prev: Option<i64> = None;
            let mut read = 0usize;
            for u in units {
                let u = u?;
                read += 1;
                if read % 4096 == 0 {
                    progress(read);
                }
                let sh = norm_hash(&u.src);
                let th = norm_hash(&u.tgt);
                match policy {
                    OnDuplicate::KeepBoth => {}
                    OnDuplicate::Skip => {
                        let dup_here = !seen.insert((sh, th));
                        let dup_db = !was_empty && exists.exists(params![sh, th, u.src, u.tgt])?;
                        if dup_here || dup_db {
                            stats.duplicates += 1;
                            prev = Some(sh);
                            continue;
                        }
                    }
                    OnDuplicate::Overwrite => {
                        let n = delete_same_source.execute(params![sh, u.src_lang, u.tgt_lang])?;
                        stats.overwritten += n;
                    }
                }
                let props = (!u.props.is_empty())
                    .then(|| serde_json::to_string(&u.props).unwrap_or_default());
                // The context the unit's props name, else the unit before it in the file.
                let (named_prev, named_next) = context::named(&u);
                if named_prev.is_some() || named_next.is_some() {
                    stats.with_context += 1;
                }
                insert.execute(params![
                    u.src_lang,
                    u.src,
                    sh,
                    u.tgt_lang,
                    u.tgt,
                    th,
                    named_prev.or(prev),
                    u.tuid,
                    props,
                    u.note,
                    u.src_markup,
                    u.tgt_markup,
                    origin,
                    user,
                    now,
                    named_next,
                ])?;
                let id = tx.last_insert_rowid() as u32;
                sink.add(id, u.src, Some(u.tgt));
                stats.added += 1;
                prev = Some(sh);
            }
            progress(read);
            Ok(())
        });
        stored?;
        if bulk {
            tx.execute_batch(
                "CREATE INDEX segments_src_hash ON segments(src_hash);
                 CREATE INDEX segments_tgt_hash ON segments(tgt_hash);",
            )?;
        }
        write_postings(&tx, builder)?;
        tx.commit()?;
        self.caches_changed();
        Ok(stats)
    }
}

/// Merges freshly built posting lists into the stored ones (new ids are all larger).
pub(super) fn write_postings(
    tx: &rusqlite::Transaction<'_>,
    builder: fuzzy::Builder,
) -> Result<()> {
    let mut get = tx.prepare_cached("SELECT ids FROM fuzzy_postings WHERE token = ?1")?;
    let mut put =
        tx.prepare_cached("INSERT OR REPLACE INTO fuzzy_postings(token, ids) VALUES (?1, ?2)")?;
    let mut lists: Vec<(i64, Vec<u8>, u32)> = builder.into_lists().collect();
    lists.sort_unstable_by_key(|l| l.0);
    for (token, enc, _) in lists {
        let existing: Option<Vec<u8>> = get.query_row(params![token], |r| r.get(0)).optional()?;
        let merged = match existing {
            None => enc,
            Some(mut old) => {
                let last = fuzzy::decode(&old, |_| {});
                // Re-encode the new ids relative to the old list's last id.
                let mut ids = Vec::new();
                fuzzy::decode(&enc, |id| ids.push(id));
                fuzzy::append(&mut old, last, &ids);
                old
            }
        };
        put.execute(params![token, merged])?;
    }
    Ok(())
}
