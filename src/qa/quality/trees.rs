//! A forest of regression trees (gradient boosting, trained by `data/qe/train.py`) and its
//! evaluation. The text form:
//!
//! ```text
//! features NAME NAME …          the columns the trees read, by name
//! base B                        added to the sum of the trees
//! scale MEAN SD                 the training targets' mean and spread (to map to 0–1)
//! tree                          one tree:
//! n FEATURE THRESHOLD LEFT RIGHT   an inner node (x ≤ threshold goes left); a child ≥ 0
//!                                  is an inner node, a child < 0 is leaf −child−1
//! l VALUE VALUE …                  its leaves
//! cut C                         (classifiers) the decision threshold on the sum
//! ```

use thiserror::Error;

/// A model file that cannot be read.
#[derive(Debug, Error)]
#[error("quality model, line {line}: {message}")]
pub struct ModelError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    feature: usize,
    threshold: f64,
    left: i32,
    right: i32,
}

#[derive(Debug, Clone, Default)]
struct Tree {
    nodes: Vec<Node>,
    leaves: Vec<f64>,
}

/// A node of the flattened forest: an inner node (`feature` < [`LEAF`]) sends `x ≤
/// threshold` to `left`, else to `right` (absolute indices, always after the node itself); a
/// leaf holds its value in `threshold`.
#[derive(Debug, Clone, Copy)]
struct Flat {
    feature: u32,
    left: u32,
    right: u32,
    threshold: f64,
}

const LEAF: u32 = u32::MAX;

/// Appends a tree to the flat layout; `None` when a child points outside the tree or not
/// forward (which would make a cycle).
fn flatten(tree: &Tree, out: &mut Vec<Flat>) -> Option<u32> {
    let root = out.len() as u32;
    let leaf0 = root as usize + tree.nodes.len();
    if tree.nodes.is_empty() {
        out.push(Flat {
            feature: LEAF,
            left: 0,
            right: 0,
            threshold: tree.leaves.first().copied().unwrap_or(0.0),
        });
        return Some(root);
    }
    let child = |c: i32, at: usize| -> Option<u32> {
        if c < 0 {
            let l = (-c - 1) as usize;
            (l < tree.leaves.len()).then_some((leaf0 + l) as u32)
        } else {
            let c = c as usize;
            (c > at && c < tree.nodes.len()).then_some(root + c as u32)
        }
    };
    for (at, n) in tree.nodes.iter().enumerate() {
        out.push(Flat {
            feature: u32::try_from(n.feature).unwrap_or(LEAF - 1),
            left: child(n.left, at)?,
            right: child(n.right, at)?,
            threshold: n.threshold,
        });
    }
    for &v in &tree.leaves {
        out.push(Flat {
            feature: LEAF,
            left: 0,
            right: 0,
            threshold: v,
        });
    }
    Some(root)
}

/// A boosted forest over named features.
#[derive(Debug, Clone, Default)]
pub struct Forest {
    /// The feature names the trees' indices refer to.
    pub features: Vec<String>,
    base: f64,
    /// Mean and standard deviation of the training targets.
    pub scale: (f64, f64),
    /// The decision threshold of a classifier.
    pub cut: f64,
    trees: Vec<Tree>,
    /// The trees laid out in one array, and each tree's root in it.
    flat: Vec<Flat>,
    roots: Vec<u32>,
    /// Per tree `k`: the least and the greatest sum the trees from `k` on can add (one
    /// more entry, 0, at the end), for [`Forest::exceeds`].
    rest: Vec<(f64, f64)>,
}

impl Forest {
    /// Reads the text form (see the module documentation).
    pub fn parse(text: &str) -> Result<Forest, ModelError> {
        let mut f = Forest {
            scale: (0.0, 1.0),
            ..Forest::default()
        };
        let err = |line: usize, message: &str| ModelError {
            line: line + 1,
            message: message.to_string(),
        };
        for (no, line) in text.lines().enumerate() {
            let mut it = line.split_whitespace();
            let num = |s: Option<&str>| -> Result<f64, ModelError> {
                s.and_then(|s| s.parse::<f64>().ok())
                    .ok_or_else(|| err(no, "expected a number"))
            };
            match it.next() {
                None | Some("#") => {}
                Some(w) if w.starts_with('#') => {}
                Some("features") => f.features = it.map(str::to_string).collect(),
                Some("base") => f.base = num(it.next())?,
                Some("scale") => f.scale = (num(it.next())?, num(it.next())?),
                Some("cut") => f.cut = num(it.next())?,
                Some("tree") => f.trees.push(Tree::default()),
                Some("n") => {
                    let feature = num(it.next())? as usize;
                    if feature >= f.features.len() {
                        return Err(err(no, "feature index out of range"));
                    }
                    let node = Node {
                        feature,
                        threshold: num(it.next())?,
                        left: num(it.next())? as i32,
                        right: num(it.next())? as i32,
                    };
                    f.trees
                        .last_mut()
                        .ok_or_else(|| err(no, "node before any tree"))?
                        .nodes
                        .push(node);
                }
                Some("l") => {
                    let leaves = it
                        .map(|s| s.parse::<f64>().map_err(|_| err(no, "bad leaf value")))
                        .collect::<Result<Vec<_>, _>>()?;
                    f.trees
                        .last_mut()
                        .ok_or_else(|| err(no, "leaves before any tree"))?
                        .leaves = leaves;
                }
                Some(_) => return Err(err(no, "unknown line")),
            }
        }
        f.lay_out()
            .ok_or_else(|| err(text.lines().count(), "a tree's child is not after its node"))?;
        Ok(f)
    }

    fn lay_out(&mut self) -> Option<()> {
        self.flat.clear();
        self.roots = self
            .trees
            .iter()
            .map(|t| flatten(t, &mut self.flat))
            .collect::<Option<Vec<_>>>()?;
        let mut rest = vec![(0.0, 0.0); self.trees.len() + 1];
        for (k, t) in self.trees.iter().enumerate().rev() {
            let lo = t.leaves.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = t.leaves.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let (lo, hi) = if t.leaves.is_empty() {
                (0.0, 0.0)
            } else {
                (lo, hi)
            };
            rest[k] = (rest[k + 1].0 + lo, rest[k + 1].1 + hi);
        }
        self.rest = rest;
        Some(())
    }

    /// The leaf tree `root` sends `x` to.
    #[inline]
    fn leaf(&self, root: u32, x: &[f64]) -> f64 {
        let mut i = root as usize;
        // Children come after their node, so each step moves forward and ends at a leaf.
        while let Some(n) = self.flat.get(i) {
            if n.feature == LEAF {
                return n.threshold;
            }
            let v = x.get(n.feature as usize).copied().unwrap_or(0.0);
            i = if v <= n.threshold { n.left } else { n.right } as usize;
        }
        0.0
    }

    /// Whether `predict(x) > cut`, walking only as many trees as it takes: it stops as soon
    /// as the trees left cannot move the sum across the cut either way. (A classifier runs
    /// once per word, and most words are far from its cut.)
    pub fn exceeds(&self, x: &[f64], cut: f64) -> bool {
        // A margin for the rounding of sums taken in another order: near the cut, every
        // tree is walked and the answer is exactly that of `predict`.
        const MARGIN: f64 = 1e-9;
        let mut sum = self.base;
        for (k, &root) in self.roots.iter().enumerate() {
            let (lo, hi) = self.rest[k];
            if sum + lo > cut + MARGIN {
                return true;
            }
            if sum + hi < cut - MARGIN {
                return false;
            }
            sum += self.leaf(root, x);
        }
        sum > cut
    }

    /// The forest's prediction for a row of features in [`Forest::features`] order.
    pub fn predict(&self, x: &[f64]) -> f64 {
        let mut sum = self.base;
        for &root in &self.roots {
            sum += self.leaf(root, x);
        }
        sum
    }

    /// Renumbers the features the nodes read: feature `i` becomes `map[i]` (so that the
    /// forest reads rows laid out in another order without copying them).
    pub fn remap(&mut self, map: &[usize]) {
        for t in &mut self.trees {
            for n in &mut t.nodes {
                n.feature = map.get(n.feature).copied().unwrap_or(usize::MAX);
            }
        }
        // The layout was checked when parsed; only the features change.
        let _ = self.lay_out();
    }

    /// Number of trees.
    pub fn len(&self) -> usize {
        self.trees.len()
    }

    /// Whether the forest has no tree.
    pub fn is_empty(&self) -> bool {
        self.trees.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stump_sends_small_values_left_and_large_right() {
        let f = Forest::parse(
            "features a b\nbase 0.5\nscale 0 1\ntree\nn 1 2.5 -1 -2\nl -1 1\ntree\nl 0.25\n",
        )
        .unwrap();
        assert_eq!(f.len(), 2);
        assert!((f.predict(&[0.0, 2.5]) - (0.5 - 1.0 + 0.25)).abs() < 1e-12);
        assert!((f.predict(&[0.0, 3.0]) - (0.5 + 1.0 + 0.25)).abs() < 1e-12);
    }

    #[test]
    fn exceeds_agrees_with_the_sum_on_every_side_of_the_cut() {
        let f = Forest::parse(
            "features a b\nbase 0\nscale 0 1\ntree\nn 0 1 -1 -2\nl -2 2\n\
             tree\nn 1 1 -1 -2\nl -0.5 0.5\ntree\nn 0 3 -1 -2\nl 0.1 -0.1\n",
        )
        .unwrap();
        for a in [0.0, 1.0, 2.0, 5.0] {
            for b in [0.0, 1.0, 2.0] {
                let x = [a, b];
                for cut in [-3.0, -2.4, -1.6, -0.5, 0.0, 1.4, 2.5, 2.6, 3.0] {
                    assert_eq!(f.exceeds(&x, cut), f.predict(&x) > cut, "{x:?} {cut}");
                }
            }
        }
    }

    #[test]
    fn malformed_files_name_the_line() {
        let e = Forest::parse("features a\ntree\nn 3 1 -1 -2\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(Forest::parse("features a\nn 0 1 -1 -2\n").is_err());
        assert!(Forest::parse("bogus\n").is_err());
        // A child that points back (a cycle) or outside the tree is refused.
        assert!(Forest::parse("features a\ntree\nn 0 1 0 0\nl 1\n").is_err());
        assert!(Forest::parse("features a\ntree\nn 0 1 -1 -3\nl 1 2\n").is_err());
    }
}
