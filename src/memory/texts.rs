//! Pair texts in RAM: what re-scoring fuzzy candidates reads, without a B-tree descent and
//! a page read per candidate.
//!
//! A long-running reader (the server) loads every pair's source and target once, in the
//! background, into one string with an index by segment id, and shares it between its
//! connections. Until it is loaded, or when the memory is too large for the budget, lookups
//! read the rows from SQLite as usual; the candidates are the same either way. Any write
//! clears it (see [`TextCache::clear`]); a load that began before the write is not installed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Every pair's source and target, by segment id.
#[derive(Debug, Default)]
pub struct Texts {
    /// Segment ids, ascending.
    ids: Vec<i64>,
    /// Per id: the chunk holding its texts, where its source starts, where the source ends
    /// (the target starts) and where the target ends in that chunk.
    spans: Vec<[u32; 4]>,
    /// The texts, in chunks of about `CHUNK` bytes: filling them never copies what is in
    /// (a single growing string would need twice its size while it grows).
    chunks: Vec<String>,
    bytes: usize,
    /// Position in `ids` by `id - ids[0]` (`u32::MAX`: none), built when loading ends if
    /// the ids are dense enough: a binary search over a million ids misses the cache at
    /// nearly every step.
    dense: Vec<u32>,
}

/// Bytes per chunk of texts.
const CHUNK: usize = 4 << 20;

impl Texts {
    /// Adds a pair; ids must come in ascending order. False (and nothing added) when the
    /// texts would pass `cap_bytes` in all.
    pub(crate) fn push(&mut self, id: i64, src: &str, tgt: &str, cap_bytes: usize) -> bool {
        let len = src.len() + tgt.len();
        if self.bytes + len > cap_bytes
            || len > u32::MAX as usize
            || self.ids.last().is_some_and(|&l| l >= id)
        {
            return false;
        }
        let fits = self
            .chunks
            .last()
            .is_some_and(|c| c.len() + len <= c.capacity());
        if !fits {
            self.chunks.push(String::with_capacity(CHUNK.max(len)));
        }
        let n = self.chunks.len() - 1;
        let chunk = &mut self.chunks[n];
        let start = chunk.len() as u32;
        chunk.push_str(src);
        let mid = chunk.len() as u32;
        chunk.push_str(tgt);
        self.spans.push([n as u32, start, mid, chunk.len() as u32]);
        self.ids.push(id);
        self.bytes += len;
        true
    }

    /// Ends loading: gives back the room reserved for more pairs and indexes the ids
    /// directly when they span at most twice their number.
    pub(crate) fn finish(&mut self) {
        self.ids.shrink_to_fit();
        self.spans.shrink_to_fit();
        if let Some(last) = self.chunks.last_mut() {
            last.shrink_to_fit();
        }
        self.dense = Vec::new();
        if let (Some(&first), Some(&last)) = (self.ids.first(), self.ids.last()) {
            let span = usize::try_from(last - first).unwrap_or(usize::MAX);
            if span < 2 * self.ids.len() + 1024 && self.ids.len() < u32::MAX as usize {
                self.dense = vec![u32::MAX; span + 1];
                for (i, &id) in self.ids.iter().enumerate() {
                    self.dense[(id - first) as usize] = i as u32;
                }
            }
        }
    }

    fn position(&self, id: i64) -> Option<usize> {
        if self.dense.is_empty() {
            return self.ids.binary_search(&id).ok();
        }
        let off = usize::try_from(id.checked_sub(*self.ids.first()?)?).ok()?;
        match *self.dense.get(off)? {
            u32::MAX => None,
            i => Some(i as usize),
        }
    }

    /// The source and target of pair `id`, if it is one.
    pub fn get(&self, id: i64) -> Option<(&str, &str)> {
        let i = self.position(id)?;
        let [chunk, start, mid, end] = self.spans[i].map(|v| v as usize);
        let text = self.chunks.get(chunk)?;
        Some((text.get(start..mid)?, text.get(mid..end)?))
    }

    /// How many pairs.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// The shared [`Texts`] of one process, and whether they are being loaded.
pub struct TextCache {
    cap_bytes: usize,
    state: Mutex<State>,
    /// Bumped by every clear: a load installs its texts only if none happened meanwhile.
    generation: AtomicU64,
}

enum State {
    Empty,
    Loading,
    Ready(Arc<Texts>),
    /// The pairs' texts pass the budget: lookups read rows from SQLite.
    TooLarge,
}

impl TextCache {
    /// A cache for at most `cap_bytes` of texts.
    pub fn new(cap_bytes: usize) -> TextCache {
        TextCache {
            cap_bytes,
            state: Mutex::new(State::Empty),
            generation: AtomicU64::new(0),
        }
    }

    /// The budget in bytes.
    pub fn cap_bytes(&self) -> usize {
        self.cap_bytes
    }

    /// The texts, when loaded.
    pub fn get(&self) -> Option<Arc<Texts>> {
        match &*self.state.lock().ok()? {
            State::Ready(t) => Some(t.clone()),
            _ => None,
        }
    }

    /// Claims the load: `Some(generation)` when nothing is loaded or loading (the caller
    /// then loads and calls [`TextCache::finish`]), `None` otherwise.
    pub fn begin_load(&self) -> Option<u64> {
        let mut g = self.state.lock().ok()?;
        if !matches!(*g, State::Empty) {
            return None;
        }
        *g = State::Loading;
        Some(self.generation.load(Ordering::SeqCst))
    }

    /// Ends a load begun at `generation`: installs `texts` (`None`: too large for the
    /// budget) unless the memory changed meanwhile; a failed load passes `Err` and leaves
    /// the cache empty for a later try.
    pub fn finish(&self, generation: u64, texts: std::result::Result<Option<Texts>, ()>) {
        let Ok(mut g) = self.state.lock() else {
            return;
        };
        if self.generation.load(Ordering::SeqCst) != generation {
            // Cleared while loading: whatever was read may be stale.
            if matches!(*g, State::Loading) {
                *g = State::Empty;
            }
            return;
        }
        *g = match texts {
            Ok(Some(t)) => State::Ready(Arc::new(t)),
            Ok(None) => State::TooLarge,
            Err(()) => State::Empty,
        };
    }

    /// Forgets the texts (after a write to the memory); a load under way is not installed.
    pub fn clear(&self) {
        if let Ok(mut g) = self.state.lock() {
            self.generation.fetch_add(1, Ordering::SeqCst);
            if !matches!(*g, State::Loading) {
                *g = State::Empty;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_found_by_id_and_bounded() {
        let mut t = Texts::default();
        assert!(t.push(3, "Hello.", "Привет.", 100));
        assert!(t.push(7, "", "Пусто", 100));
        assert!(t.push(9, "Bye.", "Пока.", 100));
        assert_eq!(t.get(3), Some(("Hello.", "Привет.")));
        assert_eq!(t.get(7), Some(("", "Пусто")));
        assert_eq!(t.get(9), Some(("Bye.", "Пока.")));
        assert_eq!(t.get(4), None);
        // Out of order, or past the budget: refused, nothing added.
        assert!(!t.push(8, "a", "b", 100));
        assert!(!t.push(10, "a long text", "and more", 40));
        assert_eq!(t.len(), 3);
        // A pair larger than a chunk gets one of its own; the others stay found.
        let big = "x".repeat(CHUNK + 1);
        assert!(t.push(11, &big, "y", usize::MAX));
        assert!(t.push(12, "after", "после", usize::MAX));
        assert_eq!(t.get(11), Some((big.as_str(), "y")));
        assert_eq!(t.get(12), Some(("after", "после")));
        assert_eq!(t.get(3), Some(("Hello.", "Привет.")));
        // Indexed directly once loading ends: the same answers.
        t.finish();
        assert!(!t.dense.is_empty());
        for id in -1..14 {
            let found = t.ids.binary_search(&id).ok().map(|i| t.spans[i]);
            assert_eq!(t.position(id).map(|i| t.spans[i]), found, "{id}");
        }
        assert_eq!(t.get(12), Some(("after", "после")));
        assert_eq!(t.get(4), None);
        // Sparse ids keep the binary search.
        let mut s = Texts::default();
        assert!(s.push(1, "a", "б", 100));
        assert!(s.push(1 << 40, "c", "д", 100));
        s.finish();
        assert!(s.dense.is_empty());
        assert_eq!(s.get(1 << 40), Some(("c", "д")));
        assert_eq!(s.get(2), None);
    }

    #[test]
    fn a_load_overtaken_by_a_write_is_not_installed() {
        let c = TextCache::new(100);
        let g = c.begin_load().unwrap();
        assert_eq!(c.begin_load(), None, "one load at a time");
        c.clear();
        c.finish(g, Ok(Some(Texts::default())));
        assert!(c.get().is_none());
        // The next load, after the write, is.
        let g = c.begin_load().unwrap();
        c.finish(g, Ok(Some(Texts::default())));
        assert!(c.get().is_some());
        // Too large: not loaded again until a write.
        c.clear();
        let g = c.begin_load().unwrap();
        c.finish(g, Ok(None));
        assert_eq!(c.begin_load(), None);
        c.clear();
        assert!(c.begin_load().is_some());
    }
}
