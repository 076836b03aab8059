//! Per-thread memos: answers about words that a batch asks for again and again (is it in the
//! dictionary, what is its suggestion, what are its name keys).

use std::cell::RefCell;

/// A bounded map from a word to a remembered answer, for one thread (keep it in a
/// `thread_local!`). Looked up by `&str`, so a hit allocates nothing; cleared when full.
pub struct Memo<V> {
    map: RefCell<foldhash::HashMap<String, V>>,
    cap: usize,
}

impl<V: Clone> Memo<V> {
    /// An empty memo holding at most `cap` answers.
    pub fn new(cap: usize) -> Memo<V> {
        Memo {
            map: RefCell::new(foldhash::HashMap::default()),
            cap,
        }
    }

    /// The answer remembered for `key`, else `compute()`'s, remembered. No borrow is held
    /// while `compute` runs, so it may consult this memo too.
    pub fn get_or(&self, key: &str, compute: impl FnOnce() -> V) -> V {
        if let Some(hit) = self.map.borrow().get(key) {
            return hit.clone();
        }
        let answer = compute();
        let mut map = self.map.borrow_mut();
        if map.len() >= self.cap {
            map.clear();
        }
        map.insert(key.to_string(), answer.clone());
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_computed_once_and_the_memo_stays_bounded() {
        let memo = Memo::new(2);
        let calls = std::cell::Cell::new(0);
        let len = |w: &str| {
            memo.get_or(w, || {
                calls.set(calls.get() + 1);
                w.len()
            })
        };
        assert_eq!((len("ab"), len("ab"), calls.get()), (2, 2, 1));
        len("abc");
        len("abcd");
        assert!(memo.map.borrow().len() <= 2);
        // A compute step may consult the memo itself.
        assert_eq!(memo.get_or("x", || memo.get_or("yy", || 2) + 1), 3);
    }
}
