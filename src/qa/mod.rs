//! QA: what is wrong with these segments?
//!
//! A batch of [`QaUnit`]s (from a TSV, a TMX, a text file or the memory) runs through the
//! checks; each check is one file in this folder and yields [`Finding`]s with char offsets into
//! the side it flags. Checks see the whole batch through [`Context`] (names seen in the batch,
//! the other side of the unit).

mod agreement;
mod brackets;
mod calques;
mod capitalization;
mod clause_commas;
mod confusables;
mod consistency;
mod empty;
mod end_punct;
pub mod fluency;
mod garbled;
mod grammar;
pub mod input;
mod length;
mod mixed_script;
mod names;
mod negation;
mod numbers;
mod omission;
mod omission_list;
mod opposites;
pub mod profile;
mod punct_rules;
mod punctuation;
pub mod quality;
mod quotes;
mod repeated;
mod sentence_case;
pub mod spelling;
pub mod suggest;
mod tags;
mod terminology;
mod untranslated;
mod whitespace;

pub use profile::Profile;

use crate::text::markup::View;
use crate::text::{detect_lang, Lang, Word};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, OnceLock};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Almost certainly wrong.
    Error,
    /// Probably wrong.
    Warning,
    /// Worth a human look.
    Review,
}

impl Severity {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Review => "review",
        }
    }
}

/// Which side of a unit a finding is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SideId {
    /// The source text.
    Src,
    /// The target text.
    Tgt,
}

impl SideId {
    /// `src` or `tgt`.
    pub fn as_str(self) -> &'static str {
        match self {
            SideId::Src => "src",
            SideId::Tgt => "tgt",
        }
    }
}

/// One text of a unit with its language (detected from the script when not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// Language, if known.
    pub lang: Option<Lang>,
    /// The text.
    pub text: String,
}

impl Side {
    /// A side whose language is given by a code, or detected from its letters when no code
    /// is given (none, empty, `und`, `mul`). A side in another language (`zh`, `de`) gets no
    /// language: it is not checked as English or Russian even where it quotes Latin words.
    pub fn new(lang_code: Option<&str>, text: impl Into<String>) -> Side {
        let text = text.into();
        let code = lang_code.map(str::trim).filter(|c| {
            !c.is_empty()
                && !["und", "mul", "auto"]
                    .iter()
                    .any(|u| c.eq_ignore_ascii_case(u))
        });
        let lang = match code {
            Some(code) => Lang::from_code(code),
            None => detect_lang(&text),
        };
        Side { lang, text }
    }
}

/// A unit to check: a source and, for pairs, a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QaUnit {
    /// Segment number shown in reports (row of a file, id in the memory).
    pub id: i64,
    /// Where the unit comes from (file or document name).
    pub origin: String,
    /// The source side.
    pub src: Side,
    /// The target side, for pairs.
    pub tgt: Option<Side>,
}

impl QaUnit {
    /// The side `id`, if present.
    pub fn side(&self, id: SideId) -> Option<&Side> {
        match id {
            SideId::Src => Some(&self.src),
            SideId::Tgt => self.tgt.as_ref(),
        }
    }
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Segment number (see [`QaUnit::id`]).
    pub segment: i64,
    /// Position of the unit in the checked batch: segment numbers repeat when the batch
    /// comes from several files. Reports find the unit by it; not serialised.
    #[serde(skip)]
    pub unit: usize,
    /// Side flagged.
    pub side: SideId,
    /// Check id.
    pub check: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Char offset of the flagged span in that side's text.
    pub start: usize,
    /// Char offset one past the span.
    pub end: usize,
    /// The flagged span.
    pub text: String,
    /// What is wrong, for people.
    pub message: String,
    /// A proposed replacement for the span, if there is one.
    pub suggestion: Option<String>,
}

/// What a check knows about the batch beyond the text it is looking at.
pub struct Context<'a> {
    /// The unit being checked.
    pub unit: &'a QaUnit,
    /// Its position in the batch.
    pub index: usize,
    /// The side being checked.
    pub side: SideId,
    /// The side being checked read for its prose: codes (placeholders, markup, URLs,
    /// options, identifiers), the text with them masked, the prose words.
    pub view: &'a View<'a>,
    /// The other side's view, for pairs.
    pub other_view: Option<&'a View<'a>>,
    /// The prose words of the side being checked (`view.words`): words inside code are not
    /// among them.
    pub words: &'a [Word<'a>],
    /// The prose words of the other side (empty for monolingual units).
    pub other_words: &'a [Word<'a>],
    /// How the dictionaries know each of `words`, asked once for all checks of the side.
    knowledge: std::cell::OnceCell<Vec<spelling::Known>>,
    /// The side's sentences tagged, once for all the checks that read them.
    tagged: std::cell::OnceCell<Vec<Vec<crate::text::tag::Token>>>,
    /// What the batch as a whole says (names, term casing, repeated unknown words, length
    /// ratio).
    pub batch: &'a Batch,
    /// The profile: options, severities, the user's words and glossary.
    pub profile: &'a Profile,
}

impl Context<'_> {
    /// The other side's text, if any.
    pub fn other_text(&self) -> Option<&str> {
        self.other_side().map(|s| s.text.as_str())
    }

    /// The other side of the unit, if any.
    pub fn other_side(&self) -> Option<&Side> {
        match self.side {
            SideId::Src => self.unit.tgt.as_ref(),
            SideId::Tgt => Some(&self.unit.src),
        }
    }

    /// How the dictionaries of its script know the `i`-th prose word of this side (words of
    /// mixed or other scripts count as known: they are not checked).
    pub(crate) fn knowledge(&self, i: usize) -> spelling::Known {
        self.knowledge
            .get_or_init(|| {
                self.words
                    .iter()
                    .map(|w| spelling::knowledge_of(w.text))
                    .collect()
            })
            .get(i)
            .copied()
            .unwrap_or(spelling::Known::Written)
    }

    /// The side's sentences, tagged (parts of speech, lemmas, features), computed once.
    pub(crate) fn tagged(&self, lang: Lang) -> &[Vec<crate::text::tag::Token>] {
        self.tagged.get_or_init(|| {
            let text = self.view.text;
            crate::text::tag::Tagger::for_lang(lang).tag_text(text)
        })
    }

    /// True when this side is the target of a pair with a non-empty source: the side that
    /// mismatch checks report on (the side the translator edits).
    pub fn is_target_of_pair(&self) -> bool {
        self.side == SideId::Tgt && !self.unit.src.text.trim().is_empty()
    }

    /// Builds a finding for the char span `start..end` of `text`.
    pub fn finding(
        &self,
        info: &CheckInfo,
        text: &str,
        start: usize,
        end: usize,
        message: String,
        suggestion: Option<String>,
    ) -> Finding {
        Finding {
            segment: self.unit.id,
            unit: self.index,
            side: self.side,
            check: info.id,
            severity: self.profile.severity(info),
            start,
            end,
            text: text.chars().skip(start).take(end - start).collect(),
            message,
            suggestion,
        }
    }
}

/// A check's description for reports.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CheckInfo {
    /// Id used in findings.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One-sentence explanation.
    pub explanation: &'static str,
}

/// All checks this build runs.
pub const CHECKS: &[CheckInfo] = &[
    spelling::INFO,
    tags::INFO,
    punctuation::INFO,
    punct_rules::INFO,
    quotes::INFO,
    capitalization::INFO,
    garbled::INFO,
    agreement::INFO,
    grammar::INFO,
    grammar::MISSING_VERB,
    grammar::WORD_ORDER,
    untranslated::INFO,
    repeated::INFO,
    whitespace::INFO,
    brackets::INFO,
    numbers::INFO,
    empty::INFO,
    length::INFO,
    end_punct::INFO,
    sentence_case::INFO,
    negation::INFO,
    omission::INFO,
    names::INFO,
    mixed_script::INFO,
    terminology::INFO,
    consistency::INFO,
];

/// A check that looks at one side of one unit.
type SideCheck = fn(&Context<'_>, &Side, &mut Vec<Finding>);

/// The per-side checks, in report order, with the id a profile switches them by.
const SIDE_CHECKS: &[(&CheckInfo, SideCheck)] = &[
    (&spelling::INFO, spelling::check),
    (&tags::INFO, tags::check),
    (&punctuation::INFO, punctuation::check),
    (&punct_rules::INFO, punct_rules::check),
    (&quotes::INFO, quotes::check),
    (&capitalization::INFO, capitalization::check),
    (&garbled::INFO, garbled::check),
    (&agreement::INFO, agreement::check),
    (&grammar::INFO, grammar::check),
    (&grammar::MISSING_VERB, grammar::check_missing_verb),
    (&grammar::WORD_ORDER, grammar::check_word_order),
    (&untranslated::INFO, untranslated::check),
    (&repeated::INFO, repeated::check),
    (&whitespace::INFO, whitespace::check),
    (&brackets::INFO, brackets::check),
    (&numbers::INFO, numbers::check),
    (&empty::INFO, empty::check),
    (&length::INFO, length::check),
    (&end_punct::INFO, end_punct::check),
    (&sentence_case::INFO, sentence_case::check),
    (&negation::INFO, negation::check),
    (&omission::INFO, omission::check),
    (&names::INFO, names::check),
    (&mixed_script::INFO, mixed_script::check),
    (&terminology::INFO, terminology::check),
];

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
    let cut_at = |t: &str| -> Option<usize> {
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
    };
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

/// Chars of one side the checks read at most (see [`check_with`]); real segments stay far
/// below it, and some checks cost more than linear time in the length of a side.
pub const MAX_SIDE_CHARS: usize = 10_000;

/// [`check_with`] on `threads` parts of the batch, one thread each.
///
/// Each thread reads its part for the batch, waits until every part is read and merged, then
/// checks the same part: the answers its dictionaries gave while reading (kept per thread)
/// serve the checks. The calling thread takes the first part, merges the parts and reports
/// progress for all, by its own share. A worker waits for the merged batch on a channel of
/// its own: should the calling thread fail, the channel closes and the worker stops, so no
/// thread waits forever; a worker's panic is raised again on the calling thread.
fn check_in_parts(
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

/// The char span of `text` without its outer whitespace: where a finding about a whole side
/// (a number or name missing from it) points.
pub(crate) fn trimmed_span(text: &str) -> (usize, usize) {
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    let end = text.chars().count() - text.chars().rev().take_while(|c| c.is_whitespace()).count();
    (lead, end.max(lead))
}

/// Findings counted per check, for summaries.
pub fn count_by_check(findings: &[Finding]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for f in findings {
        *m.entry(f.check).or_insert(0) += 1;
    }
    m
}

/// True when the word at byte `at` starts a sentence: only quotes, brackets, dashes or spaces
/// stand between it and the text start or a sentence-final mark.
pub fn sentence_initial(text: &str, at: usize) -> bool {
    for c in text[..at].chars().rev() {
        if c.is_whitespace() || "\"'“”«»„‘’([{—–-•*".contains(c) {
            continue;
        }
        return matches!(c, '.' | '!' | '?' | '…' | ':');
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_side_in_another_language_gets_none_and_a_side_without_a_code_is_detected() {
        // Latin letters in a Chinese side would read as English if detected.
        assert_eq!(Side::new(Some("zh"), "他说NATO会谈将继续").lang, None);
        assert_eq!(Side::new(Some("de-DE"), "Die NATO sagt").lang, None);
        assert_eq!(Side::new(Some("EN-us"), "Die NATO").lang, Some(Lang::En));
        assert_eq!(Side::new(Some("rus"), "NATO").lang, Some(Lang::Ru));
        for code in [None, Some(""), Some(" "), Some("und"), Some("MUL")] {
            assert_eq!(
                Side::new(code, "НАТО заявило").lang,
                Some(Lang::Ru),
                "{code:?}"
            );
            assert_eq!(
                Side::new(code, "NATO said").lang,
                Some(Lang::En),
                "{code:?}"
            );
        }
    }

    #[test]
    fn a_batch_checked_in_parts_gives_the_findings_of_one_part() {
        // Typos (some repeated, so that they count as terms of the batch), names, a term cased
        // two ways, repeated sources with other translations: everything the parts must
        // share through the merged batch.
        let mut units = Vec::new();
        for i in 0..120 {
            let (src, tgt) = match i % 6 {
                0 if i == 0 => (
                    "The relatiomns with Russia were tense.",
                    "Отношения с Россией были напряжёнными.",
                ),
                0 => (
                    "The relations with Russia were tense.",
                    "Отношения с Россией были напряжёнными.",
                ),
                // Capitalised in the first unit only, in lower case in the last units only:
                // only the merged batch sees both.
                1 if i == 1 => (
                    "Then the NATO General Secretary spoke.",
                    "Затем Генеральный Секретарь НАТО выступил.",
                ),
                1 if i > 100 => (
                    "Then the NATO general secretary spoke.",
                    "Затем генеральный секретарь НАТО выступил.",
                ),
                1 => ("Then the minister spoke.", "Затем министр выступил."),
                2 => (
                    "Stoltenberg spoke to Steinmeier.",
                    "Столтенберг говорил со Штайнмайером.",
                ),
                3 => (
                    "Russia''s answer came in 3.7 days.",
                    "Ответ России пришёл через 3,7 дня.",
                ),
                4 => ("Save the file.", "Сохраните файл."),
                _ => ("Save the file.", "Сохранить файл."),
            };
            units.push(QaUnit {
                id: i,
                origin: "t".into(),
                src: Side::new(Some("en"), src),
                tgt: Some(Side::new(Some("ru"), tgt)),
            });
        }
        let profile = Profile::default();
        let one = check_in_parts(&units, &profile, 1, |_| {});
        for check in [
            "spelling",
            "capitalization",
            "inconsistency",
            "doubled_apostrophe",
        ] {
            assert!(one.iter().any(|f| f.check == check), "{check}: {one:?}");
        }
        for threads in [2, 3, 7] {
            let mut seen = Vec::new();
            let parts = check_in_parts(&units, &profile, threads, |n| seen.push(n));
            assert_eq!(parts, one, "{threads} parts");
            assert_eq!(seen.last(), Some(&units.len()));
        }
        // No units, and fewer units than threads.
        assert!(check_in_parts(&[], &profile, 3, |_| {}).is_empty());
        assert_eq!(
            check_in_parts(&units[..2], &profile, 4, |_| {}),
            check_in_parts(&units[..2], &profile, 1, |_| {})
        );
    }

    pub(crate) fn unit(text: &str) -> QaUnit {
        QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(None, text),
            tgt: None,
        }
    }

    /// The findings of check `id` on a one-segment batch of `text` in language `lang`.
    pub(crate) fn findings_of(lang: &str, text: &str, id: &str) -> Vec<Finding> {
        check(&[QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(Some(lang), text),
            tgt: None,
        }])
        .into_iter()
        .filter(|f| f.check == id)
        .collect()
    }

    /// The findings of check `id` on a one-pair batch (English source, Russian target, or
    /// the languages the scripts show).
    pub(crate) fn pair_findings(src: &str, tgt: &str, id: &str) -> Vec<Finding> {
        check(&[QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(None, src),
            tgt: Some(Side::new(None, tgt)),
        }])
        .into_iter()
        .filter(|f| f.check == id)
        .collect()
    }

    /// All findings of a one-pair batch in the given languages.
    pub(crate) fn pair_all(src_lang: &str, src: &str, tgt_lang: &str, tgt: &str) -> Vec<Finding> {
        check(&[QaUnit {
            id: 0,
            origin: "t".into(),
            src: Side::new(Some(src_lang), src),
            tgt: Some(Side::new(Some(tgt_lang), tgt)),
        }])
    }

    #[test]
    fn code_is_not_prose_for_any_check() {
        // Options, commands, attributes, placeholders, URLs, identifiers and a trailing space
        // the source has too: none is spelling, untranslated English, punctuation, casing,
        // a repeated word, a number or a negation.
        for (s, t) in [
            (
                "Use --max-rate=5 with mkdir.",
                "Используйте --max-rate=5 с mkdir.",
            ),
            (
                "Set href=\"x\" in <a href=\"x\">link</a>.",
                "Задайте href=\"x\" в <a href=\"x\">ссылке</a>.",
            ),
            ("Column %s is NOT NULL", "Столбец %s имеет NOT NULL"),
            (
                "See https://exampel.org/teh_page now.",
                "См. https://exampel.org/teh_page сейчас.",
            ),
            (
                "Call getItem() on MAX_SIZE items.",
                "Вызовите getItem() для MAX_SIZE элементов.",
            ),
            ("Error on line %d: ", "Ошибка в строке %d: "),
            ("Found %1$s in %2$s", "В %2$s найдено %1$s"),
        ] {
            let f = pair_all("en", s, "ru", t);
            assert!(f.is_empty(), "{s} → {t}: {f:?}");
        }
        let f = pair_all(
            "ru",
            "Ошибка в `foo  bar` и %s %s.",
            "en",
            "Error in `foo  bar` and %s %s.",
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn mismatch_findings_are_on_the_target_only() {
        let f = pair_all(
            "en",
            "On May 5 Steinmeier did not sign %s in Berlin.",
            "ru",
            "6 мая министр подписал %d в Берлине.",
        );
        let checks: Vec<&str> = f.iter().map(|f| f.check).collect();
        for c in ["number_mismatch", "names", "negation", "tags"] {
            assert!(checks.contains(&c), "{c}: {f:?}");
        }
        assert!(f.iter().all(|f| f.side == SideId::Tgt), "{f:?}");
        let f = pair_all(
            "ru",
            "5 мая Штайнмайер не подписал %s в Берлине.",
            "en",
            "On May 6 the minister signed %d in Berlin.",
        );
        let checks: Vec<&str> = f.iter().map(|f| f.check).collect();
        for c in ["number_mismatch", "names", "negation", "tags"] {
            assert!(checks.contains(&c), "{c}: {f:?}");
        }
        assert!(f.iter().all(|f| f.side == SideId::Tgt), "{f:?}");
    }

    #[test]
    fn clean_sentence_has_no_findings() {
        let f = check(&[unit(
            "The alliance also froze all military partnership programs.",
        )]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn sentence_start() {
        let t = "He said. “Then we left” — Rogozin";
        assert!(sentence_initial(t, 0));
        assert!(sentence_initial(t, t.find("Then").unwrap()));
        assert!(!sentence_initial(t, t.find("Rogozin").unwrap()));
    }
}
