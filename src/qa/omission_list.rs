//! One item of a list left out: the source lists three or more things (`apples, pears and
//! plums`) and the target one fewer. Read from the surface of both sides (commas and the
//! closing `and`/`or`, `и`/`или`), so it holds in both directions.

use crate::text::tag::Token;
use crate::text::{Lang, Word};

/// Words an item may have after the first (whose segment also holds what leads up to the
/// list: `He bought apples`).
const ITEM_WORDS: usize = 4;

/// A list: its number of items, its first and last words, and the word ranges of its items
/// after the first (whose segment holds what leads up to the list too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct List {
    pub items: usize,
    pub first: usize,
    pub last: usize,
    pub inner: Vec<(usize, usize)>,
}

/// Whether the text between two words is only spaces, or joins one word (`e-mail`,
/// `онлайн-обучение`, `O'Brien`).
fn bare(gap: &str) -> bool {
    gap.trim().is_empty() || matches!(gap, "-" | "'" | "’" | "‑")
}

/// Whether the text between two words is a comma (spaces around it).
fn comma(gap: &str) -> bool {
    gap.trim() == ","
}

/// The lists of a side: each closing conjunction with the comma-separated segments before
/// it, as long as they are short enough to be items; lists of at least `min_items` items.
pub(crate) fn lists(lang: Lang, text: &str, ws: &[Word<'_>], min_items: usize) -> Vec<List> {
    let gap = |a: usize| -> &str {
        let (x, y) = (&ws[a], &ws[a + 1]);
        text.get(x.byte_start + x.text.len()..y.byte_start)
            .unwrap_or("")
    };
    let mut out = Vec::new();
    for c in 1..ws.len().saturating_sub(1) {
        let w = ws[c].text.to_lowercase();
        let conj = match lang {
            Lang::En => matches!(w.as_str(), "and" | "or"),
            Lang::Ru => matches!(w.as_str(), "и" | "или"),
        };
        // The conjunction joins two words with nothing but spaces after it; before it, spaces
        // or (in English) the serial comma.
        if !conj || !bare(gap(c)) || !(bare(gap(c - 1)) || lang == Lang::En && comma(gap(c - 1))) {
            continue;
        }
        // The item after: up to the next mark.
        let mut last = c + 1;
        while last + 1 < ws.len() && bare(gap(last)) && last - c < ITEM_WORDS {
            last += 1;
        }
        // Segments before, back to the first mark other than a comma.
        let mut inner = vec![(c + 1, last)];
        let mut end = c; // one past the segment's last word
        let first = loop {
            let mut start = end - 1;
            while start > 0 && bare(gap(start - 1)) {
                start -= 1;
            }
            if end - start > ITEM_WORDS || start == 0 || !comma(gap(start - 1)) {
                break start;
            }
            inner.push((start, end - 1));
            end = start;
        };
        let items = inner.len() + 1;
        if items >= min_items {
            out.push(List {
                items,
                first,
                last,
                inner,
            });
        }
    }
    out
}

/// The longest list of a side (three items or more), if any.
pub(crate) fn longest(lang: Lang, text: &str, ws: &[Word<'_>]) -> Option<List> {
    lists(lang, text, ws, 3).into_iter().max_by_key(|l| l.items)
}

/// The two things a side joins with `and`/`or` (`и`/`или`), when it joins just one pair:
/// where a list of three lost an item. Its first word is the one before the conjunction.
pub(crate) fn single_pair(lang: Lang, text: &str, ws: &[Word<'_>]) -> Option<List> {
    let mut found = lists(lang, text, ws, 2).into_iter();
    let mut pair = found.next()?;
    if found.next().is_some() {
        return None;
    }
    pair.first = pair.inner[0].0.saturating_sub(2);
    // A comma before the pair says it ends a list read short (an item with quotes in it).
    let before = pair.first.checked_sub(1).map_or("", |p| {
        let (x, y) = (&ws[p], &ws[pair.first]);
        text.get(x.byte_start + x.text.len()..y.byte_start)
            .unwrap_or("")
    });
    (!before.contains(',')).then_some(pair)
}

/// Whether a list's items (after the first) name things: no verb, auxiliary or
/// subordinating conjunction in them, by the tagger (commas also separate clauses:
/// `В наши дни, чтобы следовать …, надо тратить время и энергию`).
pub(crate) fn of_things(list: &List, ws: &[Word<'_>], tagged: &[Vec<Token>]) -> bool {
    list.inner.iter().all(|&(a, b)| {
        let (start, end) = (ws[a].start, ws[b].end);
        !tagged
            .iter()
            .flatten()
            .any(|t| t.start >= start && t.end <= end && matches!(t.upos, "VERB" | "AUX" | "SCONJ"))
    })
}

/// Whether a list is tight: every item after the first is one or two words, and every item
/// opens with the part of speech that ends the first (`русской, грузинской и узбекской кухни`),
/// a noun or an adjective. Commas also part clauses, whose pieces are longer and unalike
/// (`Я думаю, это просто метель и снег`).
pub(crate) fn tight(list: &List, ws: &[Word<'_>], tagged: &[Vec<Token>]) -> bool {
    let upos = |i: usize| {
        tagged
            .iter()
            .flatten()
            .find(|t| t.start == ws[i].start)
            .map(|t| t.upos)
    };
    let Some(first_end) = list
        .inner
        .iter()
        .map(|&(a, _)| a)
        .min()
        .and_then(|a| a.checked_sub(1))
    else {
        return false;
    };
    // The conjunction stands before the last item; the first item ends before the first comma.
    let first_end = if list.inner.len() == 1 {
        first_end.saturating_sub(1)
    } else {
        first_end
    };
    let Some(kind) = upos(first_end).filter(|k| matches!(*k, "NOUN" | "PROPN" | "ADJ")) else {
        return false;
    };
    list.inner
        .iter()
        .all(|&(a, b)| b + 1 - a <= 2 && upos(a) == Some(kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn items(lang: Lang, t: &str) -> Option<usize> {
        longest(lang, t, &words(t)).map(|l| l.items)
    }

    #[test]
    fn lists_are_counted() {
        assert_eq!(
            items(Lang::En, "He bought apples, pears and plums."),
            Some(3)
        );
        assert_eq!(
            items(Lang::En, "We need bread, milk, eggs, and butter."),
            Some(4)
        );
        assert_eq!(
            items(Lang::Ru, "Он купил яблоки, груши, сливы и вишню."),
            Some(4)
        );
        assert_eq!(
            items(
                Lang::Ru,
                "Курсы по телемедицине, онлайн-обучению и финтеху."
            ),
            Some(3)
        );
        assert_eq!(items(Lang::En, "He bought apples and pears."), None);
        assert_eq!(items(Lang::Ru, "Я пришёл и сел."), None);
    }
}
