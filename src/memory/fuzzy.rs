//! The fuzzy-candidate index: which units share many character trigrams with a query?
//!
//! Every side of every unit is normalised ([`crate::text::normalize`]) and cut into
//! character trigrams (with a space before and after, so word starts and ends count). A
//! posting list per trigram (hashed to 64 bits) holds the ids of the units containing it,
//! delta-encoded as varints in one SQLite BLOB. A lookup reads the lists of the query's
//! trigrams, rarest first, counts shared trigrams per unit, and hands the best-counting units
//! to exact re-scoring. Lists are read within a byte budget, so the most common trigrams are
//! skipped: they would cost time and tell little.
//!
//! Word starts (the first two and three chars of every word) have lists of their own, under
//! keys no trigram has: concordance finds its candidates there.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The keys are hashes already: use them as they are.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_i64(&mut self, n: i64) {
        self.0 = n as u64;
    }
}

type IdentityMap<V> = HashMap<i64, V, BuildHasherDefault<IdentityHasher>>;

/// 64-bit FNV-1a of a string, as the i64 SQLite stores.
pub fn hash64(s: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h as i64
}

/// Word starts of a normalised text: the first chars of every run of letters and digits.
/// Each run of at least two chars gives its first two (marked `\u{1}`) and each of at least
/// three its first three (marked `\u{2}`), hashed as trigrams are: the posting lists of these
/// keys find the units with a word starting with a concordance stem without reading
/// every unit that merely contains the stem's trigrams inside other words.
pub fn word_starts_into(norm: &str, out: &mut Vec<i64>) {
    let mut run = 0usize;
    let mut start = 0usize;
    for (i, c) in norm.char_indices() {
        if is_word_char(c) {
            if run == 0 {
                start = i;
            }
            run += 1;
            if run == 2 || run == 3 {
                out.push(word_start_key(&norm[start..i + c.len_utf8()]));
            }
        } else {
            run = 0;
        }
    }
}

/// Whether `c` belongs to a word of concordance: [`char::is_alphanumeric`], with the ASCII
/// and Russian letters answered without the Unicode tables.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё') || c.is_alphanumeric()
    }
}

/// The key of a word start ([`word_starts_into`]): `prefix` is the first two or three chars
/// of a run of letters and digits.
pub fn word_start_key(prefix: &str) -> i64 {
    let marker: u8 = if prefix.chars().count() == 2 { 1 } else { 2 };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in std::iter::once(&marker).chain(prefix.as_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h as i64
}

/// Every key a unit's normalised text is listed under: its trigrams and its word starts.
pub fn unit_keys_into(norm: &str, out: &mut Vec<i64>) {
    trigrams_into(norm, out);
    word_starts_into(norm, out);
}

/// The distinct trigram hashes of a normalised text.
pub fn trigrams(norm: &str) -> Vec<i64> {
    let mut out = Vec::new();
    trigrams_into(norm, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// Pushes the trigram hashes of a normalised text (a space added before and after), unsorted.
pub fn trigrams_into(norm: &str, out: &mut Vec<i64>) {
    // Byte offsets of the window's three chars in " norm ", walked without allocating.
    let padded_len = norm.len() + 2;
    let byte_at = |i: usize| -> u8 {
        if i == 0 || i == padded_len - 1 {
            b' '
        } else {
            norm.as_bytes()[i - 1]
        }
    };
    let mut starts: [usize; 4] = [0; 4];
    let mut filled = 0usize;
    let mut pos = 0usize;
    let next_char_start = |pos: &mut usize| -> Option<usize> {
        if *pos >= padded_len {
            return None;
        }
        let start = *pos;
        let lead = byte_at(start);
        let len = match lead {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        *pos += len;
        Some(start)
    };
    while let Some(start) = next_char_start(&mut pos) {
        if filled < 4 {
            starts[filled] = start;
            filled += 1;
        } else {
            starts = [starts[1], starts[2], starts[3], start];
        }
        if filled >= 4 {
            out.push(hash_range(&byte_at, starts[0], starts[3]));
        }
    }
    // The last window ends at the end of the padded text.
    if filled >= 3 {
        let first = if filled >= 4 { starts[1] } else { starts[0] };
        out.push(hash_range(&byte_at, first, padded_len));
    }
}

fn hash_range(byte_at: &impl Fn(usize) -> u8, from: usize, to: usize) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for i in from..to {
        h ^= u64::from(byte_at(i));
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h as i64
}

/// Appends `ids` (ascending, all greater than the list's last id) to an encoded posting list;
/// an id not greater than the one before is left out.
pub fn append(encoded: &mut Vec<u8>, last: u32, ids: &[u32]) {
    let mut prev = last;
    for &id in ids {
        if id <= prev && !(prev == 0 && encoded.is_empty()) {
            continue;
        }
        let mut d = id - prev;
        loop {
            let b = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                encoded.push(b);
                break;
            }
            encoded.push(b | 0x80);
        }
        prev = id;
    }
}

/// Decodes a posting list, calling `f` for each id in ascending order; returns the last id.
pub fn decode(encoded: &[u8], mut f: impl FnMut(u32)) -> u32 {
    let mut id = 0u32;
    let mut d = 0u32;
    let mut shift = 0;
    for &b in encoded {
        if b < 0x80 && shift == 0 {
            // A one-byte gap, the common case in a long list.
            id = id.wrapping_add(u32::from(b));
            f(id);
            continue;
        }
        d |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            id = id.wrapping_add(d);
            f(id);
            d = 0;
            shift = 0;
        } else {
            shift += 7;
        }
    }
    id
}

/// Decoded posting lists kept in RAM across lookups and shared by the connections of one
/// process (the server's pool): a lookup then counts ids instead of reading and decoding
/// lists. Bounded by a byte budget (4 bytes an id); lists that do not fit are read from the
/// database as usual. Cleared whenever the memory changes.
pub struct PostingCache {
    cap_bytes: usize,
    inner: std::sync::Mutex<CacheInner>,
}

#[derive(Default)]
struct CacheInner {
    bytes: usize,
    /// Encoded length of every list looked at (the budget is counted in encoded bytes).
    sizes: HashMap<i64, usize>,
    lists: HashMap<i64, std::sync::Arc<[u32]>>,
}

impl PostingCache {
    /// A cache of at most `cap_bytes` of decoded ids.
    pub fn new(cap_bytes: usize) -> PostingCache {
        PostingCache {
            cap_bytes,
            inner: Default::default(),
        }
    }

    /// Forgets everything (after a write to the memory).
    pub fn clear(&self) {
        if let Ok(mut g) = self.inner.lock() {
            *g = CacheInner::default();
        }
    }

    /// The encoded lengths known of `tokens` (one lock for all).
    pub(crate) fn sizes(&self, tokens: &[i64]) -> Vec<Option<usize>> {
        match self.inner.lock() {
            Ok(g) => tokens.iter().map(|t| g.sizes.get(t).copied()).collect(),
            Err(_) => vec![None; tokens.len()],
        }
    }

    pub(crate) fn put_size(&self, token: i64, n: usize) {
        if let Ok(mut g) = self.inner.lock() {
            g.sizes.insert(token, n);
        }
    }

    /// The decoded lists kept of `tokens` (one lock for all).
    pub(crate) fn lists(&self, tokens: &[i64]) -> Vec<Option<std::sync::Arc<[u32]>>> {
        match self.inner.lock() {
            Ok(g) => tokens.iter().map(|t| g.lists.get(t).cloned()).collect(),
            Err(_) => vec![None; tokens.len()],
        }
    }

    /// Keeps a decoded list if it fits in the budget.
    pub(crate) fn put_list(&self, token: i64, ids: Vec<u32>) -> std::sync::Arc<[u32]> {
        let ids: std::sync::Arc<[u32]> = ids.into();
        if let Ok(mut g) = self.inner.lock() {
            let add = ids.len() * 4;
            if g.bytes + add <= self.cap_bytes {
                g.bytes += add;
                g.lists.insert(token, ids.clone());
            }
        }
        ids
    }
}

/// Counts shared trigrams per unit over several posting lists, in a reusable dense table.
#[derive(Default)]
pub struct Counter {
    counts: Vec<u8>,
    touched: Vec<u32>,
}

impl Counter {
    /// Adds one to every id of the list.
    pub fn add_list(&mut self, encoded: &[u8]) {
        let counts = &mut self.counts;
        let touched = &mut self.touched;
        decode(encoded, |id| {
            let i = id as usize;
            if i >= counts.len() {
                counts.resize((i + 1).next_power_of_two(), 0);
            }
            if counts[i] == 0 {
                touched.push(id);
            }
            counts[i] = counts[i].saturating_add(1);
        });
    }

    /// The `limit` ids with the highest counts (at least `min_count`), best first; resets.
    pub fn take_top(&mut self, limit: usize, min_count: u8) -> Vec<(u32, u8)> {
        // A histogram of the counts gives the lowest count that still makes the top `limit`,
        // so only those ids are collected and sorted.
        let mut hist = vec![0usize; 1];
        for &id in &self.touched {
            let c = self.counts[id as usize] as usize;
            if c >= hist.len() {
                hist.resize(c + 1, 0);
            }
            hist[c] += 1;
        }
        let mut threshold = hist.len();
        let mut taken = 0;
        while threshold > usize::from(min_count.max(1)) && taken < limit {
            threshold -= 1;
            taken += hist[threshold];
        }
        let threshold = threshold.max(usize::from(min_count.max(1))) as u8;
        let mut all: Vec<(u32, u8)> = self
            .touched
            .iter()
            .map(|&id| (id, self.counts[id as usize]))
            .filter(|&(_, c)| c >= threshold)
            .collect();
        for &id in &self.touched {
            self.counts[id as usize] = 0;
        }
        self.touched.clear();
        all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        all.truncate(limit);
        all
    }
}

/// The `limit` ids found in the most of the sorted `lists` (ties: lower id first), with their
/// counts, best first. See [`top_counts_unordered`].
pub fn top_counts(lists: &[&[u32]], limit: usize) -> Vec<(u32, u8)> {
    best(top_counts_unordered(lists, limit), limit)
}

/// Higher count first, then lower id.
fn best_first(a: &(u32, u8), b: &(u32, u8)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then(a.0.cmp(&b.0))
}

/// The ids and counts of [`top_counts`], in no particular order (for callers that sort
/// them their own way).
///
/// Ids are counted block by block (16384 ids, one byte each: the block's counts stay in the
/// first-level cache however large the memory); a second pass over the block's ids, still
/// in cache, takes each id's count once, and a running threshold (the count the best
/// `limit` ids so far reach) drops ids that can no longer make it.
pub fn top_counts_unordered(lists: &[&[u32]], limit: usize) -> Vec<(u32, u8)> {
    const BLOCK: u32 = 1 << 14;
    if limit == 0 {
        return Vec::new();
    }
    let Some(max_id) = lists.iter().filter_map(|l| l.last().copied()).max() else {
        return Vec::new();
    };
    thread_local! {
        /// A block's counts, all zero between calls (a fixed size lets a mask, not a bounds
        /// check, keep offsets in range).
        static COUNTS: std::cell::RefCell<Option<Box<[u8; BLOCK as usize]>>> =
            const { std::cell::RefCell::new(None) };
    }
    let mut counts = COUNTS
        .with(|s| s.borrow_mut().take())
        .unwrap_or_else(|| Box::new([0; BLOCK as usize]));
    let mut cursors = vec![0usize; lists.len()];
    // Where each list's ids of the current block begin.
    let mut begins = cursors.clone();
    // How many kept ids reached each count.
    let mut hist = [0usize; 256];
    let mut threshold = 1u8;
    let mut kept: Vec<(u32, u8)> = Vec::with_capacity(4 * limit.min(1 << 16));
    let mut start = 0u32;
    loop {
        let end = start.saturating_add(BLOCK);
        let mut total = 0usize;
        begins.copy_from_slice(&cursors);
        for (list, cursor) in lists.iter().zip(cursors.iter_mut()) {
            let mut i = *cursor;
            for &id in &list[i..] {
                if id >= end {
                    break;
                }
                // `start <= id < end`: the mask changes nothing but proves the index in range.
                let off = ((id - start) & (BLOCK - 1)) as usize;
                counts[off] = counts[off].saturating_add(1);
                i += 1;
            }
            total += i - *cursor;
            *cursor = i;
        }
        // Second pass over the same ids (still in cache): each id's count is taken once
        // (the first time it is met, then it is zero) and kept if it reaches the threshold.
        let from = kept.len();
        kept.resize(from + total, (0, 0));
        let mut k = from;
        for ((list, &b), &e) in lists.iter().zip(&begins).zip(cursors.iter()) {
            for &id in &list[b..e] {
                let off = ((id - start) & (BLOCK - 1)) as usize;
                let c = std::mem::take(&mut counts[off]);
                kept[k] = (id, c);
                k += usize::from(c >= threshold);
            }
        }
        kept.truncate(k);
        for &(_, c) in &kept[from..] {
            hist[usize::from(c)] += 1;
        }
        // The highest count that at least `limit` kept ids reach: ids below it cannot make
        // the best `limit` any more.
        let mut reach = 0;
        // No id is in more lists than there are.
        let mut t = lists.len().min(255);
        while t > usize::from(threshold) {
            reach += hist[t];
            if reach >= limit {
                break;
            }
            t -= 1;
        }
        if t > usize::from(threshold) {
            threshold = t as u8;
            kept.retain(|&(_, c)| c >= threshold);
        }
        if end > max_id {
            break;
        }
        start = end;
    }
    COUNTS.with(|s| *s.borrow_mut() = Some(counts));
    keep_best(&mut kept, limit);
    kept
}

/// Keeps the best `limit` of `counted` (higher count, then lower id), in no order: a
/// partial selection, no sort.
fn keep_best(counted: &mut Vec<(u32, u8)>, limit: usize) {
    if counted.len() > limit {
        if let Some(last) = limit.checked_sub(1) {
            counted.select_nth_unstable_by(last, best_first);
        }
        counted.truncate(limit);
    }
}

/// The best `limit` of `counted` (higher count, then lower id), best first: a partial
/// selection, then a sort of those only.
pub fn best(mut counted: Vec<(u32, u8)>, limit: usize) -> Vec<(u32, u8)> {
    keep_best(&mut counted, limit);
    counted.sort_unstable_by(best_first);
    counted
}

/// Adds one to the count of every id of `pool` (sorted by id) that `list` (sorted) holds,
/// searching forward from the last id found: about `pool.len() × log(list.len() / pool.len())`
/// steps.
pub fn count_in(pool: &mut [(u32, u8)], list: &[u32]) {
    let mut lo = 0usize;
    for (id, c) in pool.iter_mut() {
        // Gallop to a window holding `id`, then binary-search it.
        // Everything before `lo` is smaller than `id`; so is everything up to `hi` while
        // the loop runs.
        let mut step = 1usize;
        let mut hi = lo;
        while hi < list.len() && list[hi] < *id {
            lo = hi + 1;
            hi += step;
            step *= 2;
        }
        let end = (hi + 1).min(list.len());
        match list[lo..end].binary_search(id) {
            Ok(i) => {
                *c = c.saturating_add(1);
                lo += i + 1;
            }
            Err(i) => lo += i,
        }
        if lo >= list.len() {
            break;
        }
    }
}

/// Rows on their way to a [`Builder`] on another thread (see [`build_beside`]): an id with
/// its source and target text, sent in batches.
pub struct BuildSink {
    send: std::sync::mpsc::SyncSender<Vec<(u32, String, Option<String>)>>,
    batch: Vec<(u32, String, Option<String>)>,
}

/// Rows sent to the building thread at a time.
const SINK_BATCH: usize = 1024;

impl BuildSink {
    /// Adds a row's texts (in id order).
    pub fn add(&mut self, id: u32, src: String, tgt: Option<String>) {
        self.batch.push((id, src, tgt));
        if self.batch.len() == SINK_BATCH {
            let full = std::mem::replace(&mut self.batch, Vec::with_capacity(SINK_BATCH));
            // A failed send means the builder stopped (it panicked): joining it reports that.
            let _ = self.send.send(full);
        }
    }
}

/// Builds the posting lists of new rows on a thread of its own while `produce` stores or
/// reads the rows on this one, handing each row's texts to the sink it is given. The texts
/// are normalised on the building thread when `normalize` is set (else they come normalised).
/// Returns what `produce` returned and the lists.
pub fn build_beside<T>(normalize: bool, produce: impl FnOnce(&mut BuildSink) -> T) -> (T, Builder) {
    std::thread::scope(|scope| {
        let (send, recv) = std::sync::mpsc::sync_channel::<Vec<(u32, String, Option<String>)>>(4);
        let worker = scope.spawn(move || {
            let mut builder = Builder::default();
            for batch in recv {
                for (id, src, tgt) in batch {
                    let (src, tgt) = if normalize {
                        (
                            crate::text::normalize(&src),
                            tgt.as_deref().map(crate::text::normalize),
                        )
                    } else {
                        (src, tgt)
                    };
                    match &tgt {
                        Some(t) => builder.add(id, &[&src, t]),
                        None => builder.add(id, &[&src]),
                    }
                }
            }
            builder
        });
        let mut sink = BuildSink {
            send,
            batch: Vec::with_capacity(SINK_BATCH),
        };
        let out = produce(&mut sink);
        let BuildSink { send, batch } = sink;
        let _ = send.send(batch);
        drop(send);
        let builder = worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (out, builder)
    })
}

/// Posting lists being built for a batch of new units, kept encoded so that a million units
/// fit in a bounded amount of memory.
#[derive(Default)]
pub struct Builder {
    lists: IdentityMap<(Vec<u8>, u32)>,
    grams: Vec<i64>,
}

impl Builder {
    /// Indexes the texts of unit `id` (ids must be added in ascending order).
    pub fn add(&mut self, id: u32, norms: &[&str]) {
        self.grams.clear();
        for n in norms {
            unit_keys_into(n, &mut self.grams);
        }
        // A key met twice in the unit finds the id already last in its list (ids come in
        // ascending order): no sort and dedup needed.
        for &g in &self.grams {
            let (enc, last) = self.lists.entry(g).or_default();
            if *last != id {
                append(enc, *last, &[id]);
                *last = id;
            }
        }
    }

    /// The lists built: trigram hash → (encoded ids, first id, last id).
    pub fn into_lists(self) -> impl Iterator<Item = (i64, Vec<u8>, u32)> {
        self.lists
            .into_iter()
            .map(|(g, (enc, last))| (g, enc, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_are_the_alphanumeric_chars() {
        for c in (0u32..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn word_starts_are_the_first_two_and_three_chars_of_each_run() {
        let mut keys = Vec::new();
        word_starts_into("e-mail к 2024 году, ёж", &mut keys);
        let expected: Vec<i64> = ["ma", "mai", "20", "202", "го", "год", "ёж"]
            .iter()
            .map(|p| word_start_key(p))
            .collect();
        assert_eq!(keys, expected);
        // Not a trigram's key, nor the other length's.
        assert_ne!(word_start_key("mai"), hash64("mai"));
        assert_ne!(word_start_key("ma"), hash64("ma"));
    }

    #[test]
    fn postings_round_trip() {
        let mut enc = Vec::new();
        append(&mut enc, 0, &[1, 5, 300, 70_000]);
        append(&mut enc, 70_000, &[70_001, 4_000_000]);
        let mut out = Vec::new();
        let last = decode(&enc, |id| out.push(id));
        assert_eq!(out, [1, 5, 300, 70_000, 70_001, 4_000_000]);
        assert_eq!(last, 4_000_000);
    }

    #[test]
    fn counter_ranks_by_shared_trigrams() {
        let mut c = Counter::default();
        let mut a = Vec::new();
        append(&mut a, 0, &[1, 2, 3]);
        let mut b = Vec::new();
        append(&mut b, 0, &[2, 3]);
        let mut d = Vec::new();
        append(&mut d, 0, &[3, 9]);
        c.add_list(&a);
        c.add_list(&b);
        c.add_list(&d);
        assert_eq!(c.take_top(2, 1), vec![(3, 3), (2, 2)]);
        assert!(c.take_top(5, 1).is_empty());
    }

    #[test]
    fn trigram_hashes_are_those_of_the_padded_windows() {
        let expect = |t: &str| {
            let chars: Vec<char> = format!(" {t} ").chars().collect();
            let mut v: Vec<i64> = chars
                .windows(3)
                .map(|w| hash64(&w.iter().collect::<String>()))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        for t in ["", "a", "ab", "open the file", "ёж и «ёлка» 😀𝔘"] {
            assert_eq!(trigrams(t), expect(t), "{t:?}");
        }
    }

    #[test]
    fn trigrams_of_similar_texts_overlap() {
        let a = trigrams("open the file");
        let b = trigrams("open the fille");
        let shared = a.iter().filter(|g| b.contains(g)).count();
        assert!(shared * 10 >= a.len() * 7);
    }

    /// The best `limit` ids over decoded lists, by the one-pass [`Counter`].
    fn plain_top(lists: &[Vec<u32>], limit: usize) -> Vec<(u32, u8)> {
        let mut c = Counter::default();
        for l in lists {
            let mut enc = Vec::new();
            append(&mut enc, 0, l);
            c.add_list(&enc);
        }
        c.take_top(limit, 1)
    }

    #[test]
    fn blocked_counting_agrees_with_the_simple_counter() {
        // Lists spanning several blocks, with ties and repeated ids across lists.
        let lists: Vec<Vec<u32>> = (0..12u32)
            .map(|k| (0..3000u32).map(|i| i * (37 + k * 11) % 200_000).collect())
            .map(|mut v: Vec<u32>| {
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let refs: Vec<&[u32]> = lists.iter().map(|l| l.as_slice()).collect();
        for limit in [1, 10, 1000, 100_000] {
            assert_eq!(
                top_counts(&refs, limit),
                plain_top(&lists, limit),
                "limit {limit}"
            );
        }
        assert!(top_counts(&[], 5).is_empty());
        assert!(top_counts(&refs, 0).is_empty());
    }

    #[test]
    fn a_block_where_every_id_is_found_is_counted() {
        // Every unit of the first blocks shares the trigram: all offsets of a block touched.
        let all: Vec<u32> = (0..40_000).collect();
        let odd: Vec<u32> = (0..40_000).filter(|i| i % 2 == 1).collect();
        let top = top_counts(&[&all, &all, &odd], 3);
        assert_eq!(top, vec![(1, 3), (3, 3), (5, 3)]);
    }

    #[test]
    fn the_best_are_the_highest_counts_then_the_lowest_ids() {
        let counted = vec![(9, 1), (4, 3), (7, 3), (1, 2), (2, 3), (8, 2)];
        assert_eq!(best(counted.clone(), 3), [(2, 3), (4, 3), (7, 3)]);
        assert_eq!(best(counted.clone(), 4), [(2, 3), (4, 3), (7, 3), (1, 2)]);
        assert_eq!(best(counted.clone(), 10).len(), 6);
        assert!(best(counted, 0).is_empty());
    }

    #[test]
    fn counting_in_a_pool_finds_exactly_the_shared_ids() {
        let list: Vec<u32> = (0..10_000u32).map(|i| i * 3).collect();
        let mut pool: Vec<(u32, u8)> = [0u32, 1, 3, 299, 300, 29_997, 29_998, 40_000]
            .iter()
            .map(|&id| (id, 0))
            .collect();
        count_in(&mut pool, &list);
        let hit: Vec<u32> = pool.iter().filter(|p| p.1 == 1).map(|p| p.0).collect();
        assert_eq!(hit, [0, 3, 300, 29_997]);
    }

    proptest::proptest! {
        #[test]
        fn blocked_counting_and_pool_search_agree_with_plain_counting(
            raw in proptest::collection::vec(
                proptest::collection::vec(0u32..120_000, 0..400), 1..20),
            limit in 1usize..300,
        ) {
            let lists: Vec<Vec<u32>> = raw
                .into_iter()
                .map(|mut v| {
                    v.sort_unstable();
                    v.dedup();
                    v
                })
                .collect();
            let refs: Vec<&[u32]> = lists.iter().map(|l| l.as_slice()).collect();
            proptest::prop_assert_eq!(top_counts(&refs, limit), plain_top(&lists, limit));
            // Counting the last list into a pool of the others' ids adds one exactly where
            // the list holds the id.
            let (last, rest) = refs.split_last().unwrap();
            let mut pool = top_counts_unordered(rest, 1000);
            pool.sort_unstable_by_key(|p| p.0);
            let before = pool.clone();
            count_in(&mut pool, last);
            for (b, a) in before.iter().zip(&pool) {
                let hit = u8::from(last.binary_search(&b.0).is_ok());
                proptest::prop_assert_eq!(a.1, b.1 + hit);
            }
        }
    }
}
