//! The model file written by `data/tagger/train.py`: its reader and the tables the tagger
//! looks features, lemmas and lexicon entries up in.
//!
//! Everything is little-endian. Strings are a `u16` byte length and UTF-8; lists of strings a
//! `u32` count and the strings. In order: the magic `TMTAG2`, the language, the POS classes and
//! their weight table, the FEATS classes, for each POS the FEATS classes allowed with it, the
//! FEATS weight table, the lemma edits (appended strings, then the table keyed by the hash of
//! `key TAB POS`, then the suffix rules) and the lexicon (entries, then forms keyed by their
//! hash). A weight table is a `u32` count of features, each a `u64` hash, a `u16` count and
//! that many `(u16 class, i16 weight)` pairs.

use super::features::fnv;
use super::TagError;

const MAGIC: &[u8] = b"TMTAG2";

/// The universal POS tags, in the order of the model's classes when it has them all.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// An open-addressing map from a 64-bit hash to a `u32`, for keys that are hashes already.
#[derive(Debug, Default)]
pub(crate) struct HashIndex {
    slots: Vec<(u64, u32)>,
    shift: u32,
}

impl HashIndex {
    /// A map of `pairs`; key 0 marks an empty slot, so a pair with key 0 is left out.
    fn new(pairs: impl ExactSizeIterator<Item = (u64, u32)>) -> HashIndex {
        let bits = (pairs.len().max(1) * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(1);
        let mut index = HashIndex {
            slots: vec![(0, 0); 1 << bits],
            shift: 64 - bits,
        };
        let mask = index.slots.len() - 1;
        for (k, v) in pairs {
            if k == 0 {
                continue;
            }
            let mut i = index.slot(k);
            while index.slots[i].0 != 0 && index.slots[i].0 != k {
                i = (i + 1) & mask;
            }
            index.slots[i] = (k, v);
        }
        index
    }

    #[inline]
    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The value stored for `k`.
    #[inline]
    pub(crate) fn get(&self, k: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(k);
        loop {
            let (key, v) = self.slots[i];
            if key == k {
                return Some(v);
            }
            if key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Feature weights: for each known feature hash a row of (class, weight) pairs. A slot of
/// the open-addressing table is 8 bytes: 32 bits of the hash (the slot's place gives others)
/// and where the row starts in `cells`, whose first cell holds the row's length; a look-up
/// touches two cache lines.
#[derive(Debug, Default)]
pub(crate) struct Weights {
    /// (fingerprint, first cell); fingerprint 0 marks an empty slot.
    slots: Vec<(u32, u32)>,
    shift: u32,
    cells: Vec<(u16, i16)>,
}

/// The 32 bits of a feature hash kept in its slot, never 0.
#[inline]
fn fingerprint(h: u64) -> u32 {
    (h as u32) | 1
}

impl Weights {
    /// `rows`: (feature hash, first cell), the first cell holding the row's length.
    fn new(rows: Vec<(u64, u32)>, cells: Vec<(u16, i16)>) -> Weights {
        let bits = (rows.len().max(1) * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(1);
        let mut w = Weights {
            slots: vec![(0, 0); 1 << bits],
            shift: 64 - bits,
            cells,
        };
        let mask = w.slots.len() - 1;
        for (h, start) in rows {
            let fp = fingerprint(h);
            let mut i = w.slot(h);
            while w.slots[i].0 != 0 && w.slots[i].0 != fp {
                i = (i + 1) & mask;
            }
            w.slots[i] = (fp, start);
        }
        w
    }

    #[inline]
    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Where the row of feature `h` starts in `cells` (`u32::MAX` when unknown).
    #[inline]
    fn find(&self, h: u64) -> u32 {
        let mask = self.slots.len() - 1;
        let fp = fingerprint(h);
        let mut i = self.slot(h);
        loop {
            let (f, start) = self.slots[i];
            if f == fp {
                return start;
            }
            if f == 0 {
                return u32::MAX;
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds the weights of the features `hashes` to `scores`. The slots of all the features
    /// are found first, so that the memory reads overlap.
    #[inline]
    pub(crate) fn add_all(&self, hashes: &[u64], found: &mut Vec<u32>, scores: &mut [i32]) {
        found.clear();
        found.extend(hashes.iter().map(|&h| self.find(h)));
        for &start in found.iter() {
            let Some(&(len, _)) = self.cells.get(start as usize) else {
                continue;
            };
            let a = start as usize + 1;
            for &(c, w) in self.cells.get(a..a + len as usize).unwrap_or(&[]) {
                if let Some(s) = scores.get_mut(c as usize) {
                    *s += i32::from(w);
                }
            }
        }
    }

    /// Number of features with weights.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.0 != 0).count()
    }
}

/// A lemma edit: drop `strip` chars from the end of the word's key (or, with `keep_case`, of
/// the word as written) and add `append`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Edit {
    pub(crate) strip: u8,
    pub(crate) keep_case: bool,
    pub(crate) append: u32,
}

/// Everything a tagger knows, read from a model file.
#[derive(Debug, Default)]
pub(crate) struct Model {
    /// Language code the model was trained for.
    pub(crate) lang: String,
    /// POS classes as indices into [`UPOS`].
    pub(crate) classes: Vec<u8>,
    pub(crate) tagger: Weights,
    pub(crate) feat_classes: Vec<String>,
    /// Per POS class, the FEATS classes allowed with it (ascending).
    pub(crate) allowed: Vec<Vec<u16>>,
    pub(crate) feats: Weights,
    pub(crate) appends: Vec<String>,
    pub(crate) lemmas: HashIndex,
    pub(crate) edits: Vec<Edit>,
    /// (POS class, ending) → edit, keyed by the hash of `POS TAB ending`.
    pub(crate) rules: HashIndex,
    /// Lexicon values: the POS tags the dictionary allows and a morphology hint.
    pub(crate) lex_values: Vec<(String, String)>,
    /// Lexicon: hash of a word's key → index into `lex_values`.
    pub(crate) lexicon: HashIndex,
    /// Whether the model has a lexicon (its features are computed only then).
    pub(crate) has_lexicon: bool,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], TagError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(TagError::Model("truncated"))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], TagError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    fn u8(&mut self) -> Result<u8, TagError> {
        Ok(self.array::<1>()?[0])
    }

    fn u16(&mut self) -> Result<u16, TagError> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    fn i16(&mut self) -> Result<i16, TagError> {
        Ok(i16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Result<u32, TagError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64, TagError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    /// A count of items each at least `min_size` bytes long, checked against what is left.
    fn count(&mut self, min_size: usize) -> Result<usize, TagError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size) > self.bytes.len() - self.pos {
            return Err(TagError::Model("count larger than the file"));
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<&'a str, TagError> {
        let n = self.u16()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| TagError::Model("string not UTF-8"))
    }

    fn strs(&mut self) -> Result<Vec<String>, TagError> {
        let n = self.count(2)?;
        (0..n).map(|_| self.str().map(str::to_string)).collect()
    }

    fn weights(&mut self, classes: usize) -> Result<Weights, TagError> {
        let n = self.count(10)?;
        let mut rows = Vec::with_capacity(n);
        let mut cells = Vec::with_capacity(n * 3);
        for _ in 0..n {
            let key = self.u64()?;
            let k = self.u16()?;
            rows.push((key, cells.len() as u32));
            cells.push((k, 0));
            for _ in 0..k {
                let c = self.u16()?;
                let w = self.i16()?;
                if c as usize >= classes {
                    return Err(TagError::Model("weight of an unknown class"));
                }
                cells.push((c, w));
            }
        }
        Ok(Weights::new(rows, cells))
    }
}

impl Model {
    /// Reads a model file.
    pub(crate) fn read(bytes: &[u8]) -> Result<Model, TagError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(TagError::Model("not a tagger model (bad magic)"));
        }
        let lang = r.str()?.to_string();
        let mut classes = Vec::new();
        for c in r.strs()? {
            let k = UPOS
                .iter()
                .position(|u| *u == c)
                .ok_or(TagError::Model("unknown POS class"))?;
            classes.push(k as u8);
        }
        let tagger = r.weights(classes.len())?;
        let feat_classes = r.strs()?;
        let mut allowed = vec![Vec::new(); classes.len()];
        for _ in 0..r.count(6)? {
            let u = r.str()?;
            let list = (0..r.count(2)?)
                .map(|_| r.u16())
                .collect::<Result<Vec<u16>, _>>()?;
            if list.iter().any(|&c| c as usize >= feat_classes.len()) {
                return Err(TagError::Model("unknown FEATS class"));
            }
            if let Some(k) = classes.iter().position(|&c| UPOS[c as usize] == u) {
                allowed[k] = list;
            }
        }
        let feats = r.weights(feat_classes.len())?;
        let appends = r.strs()?;
        let edit = |r: &mut Reader| -> Result<Edit, TagError> {
            let e = Edit {
                strip: r.u8()?,
                keep_case: r.u8()? != 0,
                append: r.u32()?,
            };
            if e.append as usize >= appends.len() {
                return Err(TagError::Model("unknown lemma ending"));
            }
            Ok(e)
        };
        let n = r.count(14)?;
        let mut edits = Vec::with_capacity(n);
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push(r.u64()?);
            edits.push(edit(&mut r)?);
        }
        let lemmas = HashIndex::new(keys.iter().enumerate().map(|(i, &k)| (k, i as u32)));
        let n = r.count(10)?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            let u = r.str()?;
            let suffix = r.str()?;
            keys.push((fnv(&[u, "\t", suffix]), edits.len() as u32));
            edits.push(edit(&mut r)?);
        }
        let rules = HashIndex::new(keys.into_iter());
        let n = r.count(4)?;
        let mut lex_values = Vec::with_capacity(n);
        for _ in 0..n {
            let tags = r.str()?.to_string();
            lex_values.push((tags, r.str()?.to_string()));
        }
        let n = r.count(12)?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u32()?;
            if v as usize >= lex_values.len() {
                return Err(TagError::Model("unknown lexicon value"));
            }
            keys.push((k, v));
        }
        let has_lexicon = !keys.is_empty();
        let lexicon = HashIndex::new(keys.into_iter());
        if r.pos != bytes.len() {
            return Err(TagError::Model("trailing bytes"));
        }
        Ok(Model {
            lang,
            classes,
            tagger,
            feat_classes,
            allowed,
            feats,
            appends,
            lemmas,
            edits,
            rules,
            lex_values,
            lexicon,
            has_lexicon,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_index_finds_what_it_holds() {
        let pairs: Vec<(u64, u32)> = (1..1000u64)
            .map(|k| (fnv(&[&k.to_string()]), k as u32))
            .collect();
        let index = HashIndex::new(pairs.iter().copied());
        for &(k, v) in &pairs {
            assert_eq!(index.get(k), Some(v));
        }
        assert_eq!(index.get(fnv(&["absent"])), None);
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(Model::read(b"").is_err());
        assert!(Model::read(b"NOTTAG").is_err());
        assert!(Model::read(b"TMTAG2\x02\x00en\xff\xff\xff\xff").is_err());
    }
}
