//! The PostgreSQL side of [`crate::memory::dump`]: a memory written out from one snapshot,
//! and a dump stored into an empty memory in one transaction (`COPY … BINARY`).

use super::write::{begin_write, write_postings};
use super::PgMemory;
use crate::memory::dump::{
    check_id, not_empty, segment_row, DocumentRow, DumpItem, RestoreStats, SEGMENT_COLUMNS,
};
use crate::memory::fuzzy;
use crate::memory::lexicon::StoredLexicon;
use crate::Result;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};

use super::schema::{BULK_INDEXES, DROP_BULK_INDEXES};

/// The types of [`SEGMENT_COLUMNS`], in COPY order.
const SEGMENT_TYPES: [Type; 22] = [
    Type::INT8,
    Type::INT8,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::INT8,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
];

impl PgMemory {
    /// Writes the whole memory out (see [`crate::memory::Memory::dump`]), from one snapshot.
    pub fn dump(&self, out: &mut dyn FnMut(DumpItem) -> Result<()>) -> Result<()> {
        let mut client = self.client.borrow_mut();
        let mut tx = client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        for r in tx.query(
            "SELECT id, name, hash, ingested_at FROM documents ORDER BY id",
            &[],
        )? {
            out(DumpItem::Document(DocumentRow {
                id: r.get(0),
                name: r.get(1),
                hash: r.get(2),
                ingested_at: r.get(3),
            }))?;
        }
        {
            let none: [&(dyn ToSql + Sync); 0] = [];
            let mut rows = tx.query_raw(
                &format!("SELECT {SEGMENT_COLUMNS} FROM segments ORDER BY id"),
                none,
            )?;
            while let Some(r) = rows.next()? {
                out(DumpItem::Segment(Box::new(segment_row!(r))))?;
            }
        }
        if let Some(r) = tx.query_opt(
            "SELECT pairs, trained_at, model FROM lexicon WHERE id = 1",
            &[],
        )? {
            out(DumpItem::Lexicon(StoredLexicon {
                pairs: r.get(0),
                trained_at: r.get(1),
                model: r.get(2),
            }))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores a dump into this memory, which must be empty, in one transaction (see
    /// [`crate::memory::Memory::restore`]); the id sequences continue after the ids copied.
    pub fn restore(
        &mut self,
        items: &mut dyn Iterator<Item = Result<DumpItem>>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<RestoreStats> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        begin_write(&mut tx, true)?;
        tx.batch_execute(
            "SET LOCAL maintenance_work_mem = '256MB';
             LOCK TABLE documents, segments IN EXCLUSIVE MODE;",
        )?;
        let r = tx.query_one(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM segments)",
            &[],
        )?;
        let (docs, segs): (i64, i64) = (r.get(0), r.get(1));
        if docs > 0 || segs > 0 {
            return Err(not_empty(docs, segs));
        }
        tx.batch_execute(DROP_BULK_INDEXES)?;
        let mut stats = RestoreStats::default();
        let mut lex: Option<StoredLexicon> = None;
        let mut items = items.peekable();
        // Documents first (segments refer to them), then the segments in one COPY.
        while let Some(Ok(DumpItem::Document(d))) =
            items.next_if(|i| matches!(i, Ok(DumpItem::Document(_))))
        {
            tx.execute(
                "INSERT INTO documents(id, name, hash, ingested_at) VALUES ($1, $2, $3, $4)",
                &[&d.id, &d.name, &d.hash, &d.ingested_at],
            )?;
            stats.documents += 1;
        }
        let (stored, builder) = fuzzy::build_beside(true, |lists| -> Result<()> {
            let sink = tx.copy_in(&format!(
                "COPY segments({SEGMENT_COLUMNS}) FROM STDIN BINARY"
            ))?;
            let mut w = BinaryCopyInWriter::new(sink, &SEGMENT_TYPES);
            for item in items {
                match item? {
                    DumpItem::Segment(s) => {
                        let id = check_id(s.id)?;
                        w.write(&[
                            &s.id,
                            &s.doc_id,
                            &s.pos,
                            &s.src_lang,
                            &s.src_text,
                            &s.src_hash,
                            &s.tgt_lang,
                            &s.tgt_text,
                            &s.tgt_hash,
                            &s.prev_hash,
                            &s.next_hash,
                            &s.tuid,
                            &s.props,
                            &s.note,
                            &s.src_markup,
                            &s.tgt_markup,
                            &s.origin,
                            &s.created_at,
                            &s.created_by,
                            &s.changed_at,
                            &s.changed_by,
                            &s.version,
                        ])?;
                        stats.count(&s);
                        let n = stats.pairs + stats.monolingual;
                        if n % 4096 == 0 {
                            progress(n);
                        }
                        lists.add(id, s.src_text, s.tgt_text);
                    }
                    DumpItem::Lexicon(l) => lex = Some(l),
                    DumpItem::Document(d) => {
                        return Err(crate::Error::Usage(format!(
                            "document {} comes after the segments in the dump",
                            d.name
                        )))
                    }
                }
            }
            progress(stats.pairs + stats.monolingual);
            w.finish()?;
            Ok(())
        });
        stored?;
        if let Some(l) = lex {
            tx.execute(
                "INSERT INTO lexicon(id, pairs, trained_at, model) VALUES (1, $1, $2, $3)",
                &[&l.pairs, &l.trained_at, &l.model],
            )?;
            stats.lexicon = true;
        }
        // New rows and documents get ids after the ones copied.
        tx.batch_execute(
            "SELECT setval(pg_get_serial_sequence('segments', 'id'),
                    coalesce((SELECT max(id) FROM segments), 0) + 1, false);
             SELECT setval(pg_get_serial_sequence('documents', 'id'),
                    coalesce((SELECT max(id) FROM documents), 0) + 1, false);",
        )?;
        write_postings(&mut tx, builder)?;
        tx.batch_execute(BULK_INDEXES)?;
        tx.batch_execute("ANALYZE segments")?;
        tx.commit()?;
        drop(client);
        self.caches_changed();
        Ok(stats)
    }
}
