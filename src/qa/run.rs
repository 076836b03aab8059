//! How a batch is checked: what the batch says as a whole, read once (in parts, on every
//! core, for large batches), then every check on every side of every unit.

use super::{
    capitalization, consistency, length, quotes, sentence_initial, spelling, suggest, CheckInfo,
    Context, Finding, Profile, QaUnit, Severity, SideCheck, SideId, SIDE_CHECKS,
};
use crate::text::markup::View;
use crate::text::Lang;
use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, OnceLock};

/// What the batch as a whole says, gathered in one pass before the checks run.
pub struct Batch {
    /// Capitalised words seen inside sentences anywhere in the batch (likely names).
    pub names: HashSet<String>,
    /// Name keys (see `text::translit::name_key`) of capitalised Cyrillic words in the batch:
    /// names the batch writes in Russian letters.
    pub cyrillic_names: HashSet<String>,
    /// How two-word terms are cased across the batch.
    pub spellings: capitalization::Spellings,
    /// Stems of unknown words used in several distinct segments of the batch, with the number
    /// of those segments: terms of the text rather than typos (a misspelling seldom repeats).
    pub terms: HashMap<String, usize>,
    /// The batch's typical target/source length ratio (see `length`).
    pub length_ratio: f64,
    /// The batch's Russian sides quote with straight quotes as a rule (a house style): the
    /// `quotes` check then reports only quotes mixed within a side.
    pub ru_straight_quotes: bool,
}

impl Batch {
    /// Reads every side of the batch once. ([`check_with`] reads large batches in parts, in
    /// parallel.)
    pub fn collect(units: &[QaUnit]) -> Batch {
        let first = first_occurrences(units);
        Batch::merge(vec![Partial::collect(units, &first)], units)
    }

    /// The batch made of what its parts say.
    fn merge(parts: Vec<Partial>, units: &[QaUnit]) -> Batch {
        let mut all = Partial::default();
        for p in parts {
            all.quoting[0] += p.quoting[0];
            all.quoting[1] += p.quoting[1];
            all.names.extend(p.names);
            all.cyrillic_names.extend(p.cyrillic_names);
            all.spellings.merge(p.spellings);
            for (k, n) in p.terms {
                *all.terms.entry(k).or_insert(0) += n;
            }
        }
        all.terms.retain(|_, n| *n >= 3);
        Batch {
            names: all.names,
            cyrillic_names: all.cyrillic_names,
            spellings: all.spellings,
            terms: all.terms,
            length_ratio: length::typical_ratio(units),
            ru_straight_quotes: quotes::is_house_style(all.quoting),
        }
    }
}

/// For each unit, whether its source and target are the first of their text in the batch:
/// repeated segments count once for terms (a typo copied with its sentence is still one
/// typo). Settled before the batch is split into parts.
fn first_occurrences(units: &[QaUnit]) -> Vec<[bool; 2]> {
    let mut seen: foldhash::HashSet<u64> =
        foldhash::HashSet::with_capacity_and_hasher(units.len() * 2, Default::default());
    units
        .iter()
        .map(|u| {
            let mut f = [false; 2];
            for (k, side) in std::iter::once(&u.src).chain(u.tgt.as_ref()).enumerate() {
                f[k] = seen.insert(text_hash(&side.text));
            }
            f
        })
        .collect()
}

/// A hash of a text's normalised form (one buffer a thread, a fast hasher with a fixed seed).
fn text_hash(text: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUF.with(|b| {
        let mut buf = b.borrow_mut();
        buf.clear();
        crate::text::normalize_into(&mut buf, text);
        let mut h = foldhash::quality::FixedState::with_seed(0x51de_5eed).build_hasher();
        h.write(buf.as_bytes());
        h.finish()
    })
}

/// What one part of the batch says (see [`Batch`]).
#[derive(Default)]
struct Partial {
    /// Russian sides quoting with «…» and with straight quotes.
    quoting: [usize; 2],
    names: HashSet<String>,
    cyrillic_names: HashSet<String>,
    spellings: capitalization::Spellings,
    terms: HashMap<String, usize>,
}

impl Partial {
    fn collect(units: &[QaUnit], first: &[[bool; 2]]) -> Partial {
        let mut p = Partial::default();
        for (u, f) in units.iter().zip(first) {
            let mut unknown_stems = HashSet::new();
            for (k, side) in std::iter::once(&u.src).chain(u.tgt.as_ref()).enumerate() {
                let text = side.text.as_str();
                if side.lang == Some(Lang::Ru) {
                    quotes::count_style(text, &mut p.quoting);
                }
                // All words, code's too: names and terms are looked up, never reported.
                let words = crate::text::words(text);
                let ws = &words;
                p.spellings.add(text, ws);
                for w in ws {
                    if crate::text::is_capitalized(w.text) {
                        if !sentence_initial(text, w.byte_start) && !p.names.contains(w.text) {
                            p.names.insert(w.text.to_string());
                        }
                        if w.text.chars().all(crate::text::is_cyrillic) {
                            let key = crate::text::translit::name_key(w.text);
                            if key.chars().count() >= 4 {
                                p.cyrillic_names.insert(key);
                            }
                        }
                    }
                    if f[k] && w.text.chars().count() >= 4 && spelling::is_unknown(w.text) {
                        unknown_stems.insert(crate::text::stem(w.text));
                    }
                }
            }
            for s in unknown_stems {
                *p.terms.entry(s).or_insert(0) += 1;
            }
        }
        p
    }
}

/// Loads the word lists, dictionaries and indexes of the batch's languages side by side, one
/// thread each: on first use they would load one after another, each as some check first
/// needs it (about 0.3 s of work in all; loaded once per process).
fn preload(units: &[QaUnit]) {
    let langs: Vec<Lang> = units
        .iter()
        .flat_map(|u| [Some(&u.src), u.tgt.as_ref()])
        .flatten()
        .filter_map(|s| s.lang)
        .collect();
    preload_langs(&langs);
}

/// Starts loading what checking `langs` needs on other threads, and returns at once: a
/// caller that knows the languages before the units are read (`tm qa --src-lang`) loads
/// while it reads. Checking waits for whatever is still loading.
pub fn preload_in_background(langs: Vec<Lang>) {
    std::thread::spawn(move || preload_langs(&langs));
}

/// Loads what checking `langs` needs, side by side (see [`preload`]).
fn preload_langs(langs: &[Lang]) {
    // Languages loaded already need no threads (every check of a server or a test run).
    static LOADED: [OnceLock<()>; 2] = [OnceLock::new(), OnceLock::new()];
    let mut langs: Vec<Lang> = langs
        .iter()
        .copied()
        .filter(|&l| LOADED[l as usize].get().is_none())
        .collect();
    langs.sort_unstable_by_key(|l| *l as u8);
    langs.dedup();
    if langs.is_empty() {
        return;
    }
    std::thread::scope(|scope| {
        for &lang in &langs {
            for &load in crate::text::lexicon::loaders(lang) {
                scope.spawn(load);
            }
            // The index is built from the frequency list.
            scope.spawn(move || suggest::preload(lang));
            if lang == Lang::En {
                scope.spawn(crate::text::freq::en_bigrams);
            }
        }
    });
    for lang in langs {
        let _ = LOADED[lang as usize].set(());
    }
}

/// Runs every check on every side of every unit with the default profile; findings come in
/// unit, side, offset order.
pub fn check(units: &[QaUnit]) -> Vec<Finding> {
    check_with(units, &Profile::default(), |_| {})
}

/// Runs the checks the profile enables; `progress` hears the number of units done now and
/// then. Findings come in unit, side, offset order, batch-level ones after the unit's own.
///
/// A side longer than [`MAX_SIDE_CHARS`] is checked on its first [`MAX_SIDE_CHARS`] chars
/// only (cut at a space where there is one), with a `length` finding on the rest: the work one
/// segment can cause stays bounded whatever the file holds.
pub fn check_with(
    units: &[QaUnit],
    profile: &Profile,
    progress: impl FnMut(usize),
) -> Vec<Finding> {
    let threads = if units.len() < 4000 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    };
    let cut_at = side_cut;
    let long = units.iter().any(|u| {
        cut_at(&u.src.text).is_some() || u.tgt.as_ref().is_some_and(|t| cut_at(&t.text).is_some())
    });
    if !long {
        return check_in_parts(units, profile, threads, progress);
    }
    let mut cut = Vec::new();
    let short: Vec<QaUnit> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let mut u = u.clone();
            for (id, side) in [(SideId::Src, Some(&mut u.src)), (SideId::Tgt, u.tgt.as_mut())] {
                let Some(side) = side else { continue };
                if let Some(end) = cut_at(&side.text) {
                    let start = side.text[..end].chars().count();
                    let rest = side.text.len() - end;
                    cut.push(Finding {
                        segment: u.id,
                        unit: i,
                        side: id,
                        check: length::INFO.id,
                        severity: Severity::Review,
                        start,
                        end: start,
                        text: String::new(),
                        message: format!(
                            "side too long to check whole: checked its first {start} chars, not the {rest} bytes after them"
                        ),
                        suggestion: None,
                    });
                    side.text.truncate(end);
                }
            }
            u
        })
        .collect();
    let mut out = check_in_parts(&short, profile, threads, progress);
    if profile.enabled(length::INFO.id) {
        out.extend(cut);
        // Stable: each unit's findings keep their order, the cut sides' after them.
        out.sort_by_key(|f| f.unit);
    }
    out
}

/// Chars of one side the checks and scorers read at most (see [`check_with`]); real
/// segments stay far below it, and some checks cost more than linear time in the length of
/// a side.
pub const MAX_SIDE_CHARS: usize = 10_000;

/// Where a side longer than [`MAX_SIDE_CHARS`] chars is cut (a byte offset: at a space in the
/// second half of the kept part where there is one); `None` for a side short enough.
pub fn side_cut(t: &str) -> Option<usize> {
    if t.len() <= MAX_SIDE_CHARS {
        return None;
    }
    let end = t.char_indices().nth(MAX_SIDE_CHARS)?.0;
    Some(
        t[..end]
            .rfind(char::is_whitespace)
            .filter(|&i| i > end / 2)
            .unwrap_or(end),
    )
}

/// What the checks and scorers read of a side: all of it, or its first part ([`side_cut`]).
pub fn bounded_text(t: &str) -> &str {
    side_cut(t).map_or(t, |end| &t[..end])
}

/// The units with every side cut as [`bounded_text`] cuts it (the same units, borrowed,
/// when none is too long): what a scorer of whole pairs reads.
pub fn bounded_units(units: &[QaUnit]) -> std::borrow::Cow<'_, [QaUnit]> {
    let long = |u: &QaUnit| {
        side_cut(&u.src.text).is_some()
            || u.tgt.as_ref().is_some_and(|t| side_cut(&t.text).is_some())
    };
    if !units.iter().any(long) {
        return std::borrow::Cow::Borrowed(units);
    }
    std::borrow::Cow::Owned(
        units
            .iter()
            .map(|u| {
                let mut u = u.clone();
                for side in std::iter::once(&mut u.src).chain(u.tgt.as_mut()) {
                    if let Some(end) = side_cut(&side.text) {
                        side.text.truncate(end);
                    }
                }
                u
            })
            .collect(),
    )
}

/// [`check_with`] on `threads` parts of the batch, one thread each.
///
/// Each thread reads its part for the batch, waits until every part is read and merged, then
/// checks the same part: the answers its dictionaries gave while reading (kept per thread)
/// serve the checks. The calling thread takes the first part, merges the parts and reports
/// progress for all, by its own share. A worker waits for the merged batch on a channel of
/// its own: should the calling thread fail, the channel closes and the worker stops, so no
/// thread waits forever; a worker's panic is raised again on the calling thread.
pub(super) fn check_in_parts(
    units: &[QaUnit],
    profile: &Profile,
    threads: usize,
    mut progress: impl FnMut(usize),
) -> Vec<Finding> {
    preload(units);
    let checks: Vec<&(&CheckInfo, SideCheck)> = SIDE_CHECKS
        .iter()
        .filter(|(info, _)| profile.enabled(info.id))
        .collect();
    let first = first_occurrences(units);
    let chunk = units.len().div_ceil(threads).max(1);
    let mut parts: Vec<(&[QaUnit], &[[bool; 2]])> =
        units.chunks(chunk).zip(first.chunks(chunk)).collect();
    if parts.is_empty() {
        parts.push((&[], &[]));
    }
    let batch: OnceLock<Batch> = OnceLock::new();
    let (mut out, batch_findings) = std::thread::scope(|scope| {
        // The batch-level check needs no part: it runs beside them.
        let consistency = profile.enabled(consistency::INFO.id).then(|| {
            scope.spawn(|| {
                let mut found = Vec::new();
                consistency::check_batch(units, profile, &mut found);
                found
            })
        });
        let (read_tx, read_rx) = mpsc::channel();
        let mut go = Vec::new();
        let mut workers = Vec::new();
        for (i, &(part, first)) in parts.iter().enumerate().skip(1) {
            let (go_tx, go_rx) = mpsc::channel::<()>();
            go.push(go_tx);
            let read_tx = read_tx.clone();
            let (batch, checks) = (&batch, &checks);
            workers.push(scope.spawn(move || {
                let read = catch_unwind(AssertUnwindSafe(|| Partial::collect(part, first)));
                let read_ok = read.is_ok();
                // The receiver is gone only when the calling thread failed.
                let _ = read_tx.send((i, read));
                match (read_ok, go_rx.recv(), batch.get()) {
                    (true, Ok(()), Some(batch)) => {
                        check_units(part, i * chunk, batch, checks, profile, &mut |_| {})
                    }
                    _ => Vec::new(),
                }
            }));
        }
        drop(read_tx);
        let mut partials: Vec<Option<Partial>> = parts.iter().map(|_| None).collect();
        partials[0] = Some(Partial::collect(parts[0].0, parts[0].1));
        for (i, read) in read_rx.iter().take(parts.len() - 1) {
            match read {
                Ok(p) => partials[i] = Some(p),
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        let partials: Vec<Partial> = partials.into_iter().flatten().collect();
        assert_eq!(partials.len(), parts.len(), "every part is read");
        let batch = batch.get_or_init(|| Batch::merge(partials, units));
        for g in go {
            // A worker that is gone has panicked; its join below says so.
            let _ = g.send(());
        }
        let share = parts.len();
        let mut out = check_units(parts[0].0, 0, batch, &checks, profile, &mut |n| {
            progress(n * share)
        });
        for w in workers {
            match w.join() {
                Ok(found) => out.extend(found),
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        let batch_findings = match consistency.map(|h| h.join()) {
            Some(Ok(found)) => found,
            Some(Err(e)) => std::panic::resume_unwind(e),
            None => Vec::new(),
        };
        (out, batch_findings)
    });
    if !batch_findings.is_empty() {
        // Batch-level findings go after the unit's own (the sort is stable).
        out.extend(batch_findings);
        out.sort_by_key(|f| f.unit);
    }
    progress(units.len());
    out
}

/// Runs the per-side checks on `units` (a part of the batch).
fn check_units(
    units: &[QaUnit],
    offset: usize,
    batch: &Batch,
    checks: &[&(&CheckInfo, SideCheck)],
    profile: &Profile,
    progress: &mut dyn FnMut(usize),
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (n, unit) in units.iter().enumerate() {
        if n % 1024 == 0 {
            progress(n);
        }
        let src_view = View::new(&unit.src.text);
        let tgt_view = unit.tgt.as_ref().map(|t| View::new(&t.text));
        for side_id in [SideId::Src, SideId::Tgt] {
            let Some(side) = unit.side(side_id) else {
                continue;
            };
            let (view, other_view) = match (side_id, &tgt_view) {
                (SideId::Src, other) => (&src_view, other.as_ref()),
                (SideId::Tgt, Some(t)) => (t, Some(&src_view)),
                (SideId::Tgt, None) => continue,
            };
            let ctx = Context {
                unit,
                index: offset + n,
                side: side_id,
                view,
                other_view,
                words: &view.words,
                other_words: other_view.map_or(&[][..], |v| &v.words[..]),
                knowledge: std::cell::OnceCell::new(),
                tagged: std::cell::OnceCell::new(),
                batch,
                profile,
            };
            let mut found = Vec::new();
            for (_, run) in checks {
                run(&ctx, side, &mut found);
            }
            found.retain(|f| !profile.ignores(f));
            found.sort_by_key(|f| (f.start, f.end));
            out.extend(found);
        }
    }
    out
}
