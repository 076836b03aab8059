//! The team memory: the same [`Store`] on a PostgreSQL server, for many translators at once.
//!
//! `--db postgres://user@host/dbname` opens it ([`super::open_store`]); the schema is migrated
//! on open ([`schema`]). What the SQLite memory keeps, this one keeps in the same form: rows
//! with the hashes of their normalised texts (exact matches), and the trigram posting lists of
//! [`super::fuzzy`], read by the same rules ([`super::candidates`]), so that lookups return the
//! same candidates and the same match %. Concordance finds its candidates in the same posting
//! lists (the trigrams inside the stems of [`crate::text::stem`]) and keeps the units where
//! every stem starts a word: no second index to build on import.
//!
//! Writes: every write transaction first raises `tm_state.generation`, which orders writers
//! (readers are never blocked) and tells the caches of every server in front of the database
//! that they are stale. An import is one transaction: rows are copied (`COPY … BINARY`) into a
//! staging table, the duplicate policy is applied there, and the rows and posting lists are
//! stored in one go. A single-unit write (`tm add`/`edit`/`delete`) records its list changes in
//! `fuzzy_changes` (a few rows) instead of rewriting long lists; lookups apply them, and the
//! next import folds them into the lists.

mod dump;
mod read;
pub mod schema;
mod write;

use super::{
    fuzzy, lexicon, Candidate, DocOutcome, ExportFilter, ImportStats, NewSegment, OnDuplicate,
    Segment, Stats, Store, UnitChange, UnitRecord,
};
use crate::formats::Unit;
use crate::Result;
use std::cell::{Cell, RefCell};
use std::sync::Arc;

/// A translation memory on a PostgreSQL server (one connection).
pub struct PgMemory {
    client: RefCell<postgres::Client>,
    /// Decoded posting lists shared with the other connections of this process, if enabled.
    postings: Option<Arc<fuzzy::PostingCache>>,
    /// The generations (all writes, list writes) the shared caches were last checked against.
    seen: Cell<(i64, i64)>,
    /// The statements lookups run, prepared once per connection (each saves a round trip).
    statements: RefCell<std::collections::HashMap<String, postgres::Statement>>,
}

/// Seconds a connection attempt waits before the memory is reported unavailable.
const CONNECT_TIMEOUT_S: u64 = 5;

impl PgMemory {
    /// Connects to the database at `url` (`postgres://user@host:port/dbname`) and migrates it.
    pub fn open(url: &str) -> Result<PgMemory> {
        let mut config: postgres::Config = url
            .parse()
            .map_err(|e| crate::Error::Usage(format!("--db {url}: not a PostgreSQL URL: {e}")))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(std::time::Duration::from_secs(CONNECT_TIMEOUT_S));
        }
        config.application_name("tm");
        let mut client =
            config
                .connect(postgres::NoTls)
                .map_err(|e| match crate::Error::from(e) {
                    crate::Error::Unavailable(m) => {
                        crate::Error::Unavailable(format!("cannot reach {}: {m}", redact(url)))
                    }
                    other => other,
                })?;
        schema::migrate(&mut client)?;
        Ok(PgMemory {
            client: RefCell::new(client),
            postings: None,
            seen: Cell::new((-1, -1)),
            statements: RefCell::default(),
        })
    }

    /// `sql` prepared on `client` (this connection), once.
    fn prepared(&self, client: &mut postgres::Client, sql: &str) -> Result<postgres::Statement> {
        if let Some(s) = self.statements.borrow().get(sql) {
            return Ok(s.clone());
        }
        let s = client.prepare(sql)?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), s.clone());
        Ok(s)
    }

    /// Shares a cache of decoded posting lists with other connections of this process.
    pub fn share_postings(&mut self, cache: Arc<fuzzy::PostingCache>) {
        self.postings = Some(cache);
    }

    /// True when the connection to the server is gone (a pool drops such a connection).
    pub fn is_closed(&self) -> bool {
        self.client.try_borrow().is_ok_and(|c| c.is_closed())
    }

    /// Clears the shared posting lists when a write by anyone (in any process) changed the
    /// stored lists since this connection last looked (imports, ingests; single-unit writes
    /// keep their changes beside the lists). Returns the generation (every write).
    pub fn sync_caches(&self) -> Result<i64> {
        let (g, lists) = self.generations()?;
        let (_, seen_lists) = self.seen.replace((g, lists));
        if lists != seen_lists {
            self.caches_changed();
        }
        Ok(g)
    }

    /// The database's generation (every write) and lists' generation (writes that change the
    /// posting lists).
    pub fn generations(&self) -> Result<(i64, i64)> {
        let mut client = self.client.borrow_mut();
        let stmt = self.prepared(
            &mut client,
            "SELECT generation, lists_generation FROM tm_state WHERE id = 1",
        )?;
        let r = client.query_one(&stmt, &[])?;
        Ok((r.get(0), r.get(1)))
    }

    fn generation_now(&self) -> Result<i64> {
        Ok(self.generations()?.0)
    }

    /// Clears the shared caches, if any.
    fn caches_changed(&self) {
        if let Some(c) = &self.postings {
            c.clear();
        }
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            match userinfo.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &userinfo[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl Store for PgMemory {
    fn ingest_document(
        &mut self,
        name: &str,
        hash: &str,
        segments: &[NewSegment],
    ) -> Result<DocOutcome> {
        PgMemory::ingest_document(self, name, hash, segments)
    }
    fn import_stream(
        &mut self,
        units: &mut dyn Iterator<Item = Result<Unit>>,
        origin: &str,
        policy: OnDuplicate,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportStats> {
        PgMemory::import_stream(self, units, origin, policy, progress)
    }
    fn exact(&self, text: &str) -> Result<Vec<Segment>> {
        PgMemory::exact(self, text)
    }
    fn fuzzy_candidates(&self, norm: &str, limit: usize) -> Result<Vec<Candidate>> {
        PgMemory::fuzzy_candidates(self, norm, limit)
    }
    fn segments_by_id(&self, ids: &[i64]) -> Result<Vec<Segment>> {
        PgMemory::segments_by_id(self, ids)
    }
    fn concordance(
        &self,
        words: &[String],
        limit: usize,
        open: &str,
        close: &str,
    ) -> Result<Vec<(Segment, String, Option<String>)>> {
        PgMemory::concordance(self, words, limit, open, close)
    }
    fn segments(&self) -> Result<Vec<Segment>> {
        PgMemory::segments(self)
    }
    fn units(&self, filter: &ExportFilter) -> Result<Vec<Unit>> {
        PgMemory::units(self, filter)
    }
    fn stats(&self) -> Result<Stats> {
        PgMemory::stats(self)
    }
    fn lexicon(&self) -> Result<Option<lexicon::StoredLexicon>> {
        PgMemory::lexicon(self)
    }
    fn set_lexicon(&mut self, pairs: i64, model: &str) -> Result<()> {
        PgMemory::set_lexicon(self, pairs, model)
    }
    fn add_unit(&mut self, unit: &NewSegment, user: &str) -> Result<UnitRecord> {
        PgMemory::add_unit(self, unit, user)
    }
    fn unit(&self, id: i64) -> Result<Option<UnitRecord>> {
        PgMemory::unit(self, id)
    }
    fn edit_unit(&mut self, id: i64, change: &UnitChange) -> Result<UnitRecord> {
        PgMemory::edit_unit(self, id, change)
    }
    fn delete_unit(&mut self, id: i64, expected_version: Option<i64>) -> Result<()> {
        PgMemory::delete_unit(self, id, expected_version)
    }
    fn generation(&self) -> Result<i64> {
        self.generation_now()
    }
    fn dump(&self, out: &mut dyn FnMut(super::dump::DumpItem) -> Result<()>) -> Result<()> {
        PgMemory::dump(self, out)
    }
    fn restore(
        &mut self,
        items: &mut dyn Iterator<Item = Result<super::dump::DumpItem>>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<super::dump::RestoreStats> {
        PgMemory::restore(self, items, progress)
    }
}
