//! Nesting (spec §3): decides which candidates become headings and under
//! which parent, with one stack of open headings and no recursion.

use super::scan::{Boundary, Candidate};
use crate::kind::MarkerKind;

/// An accepted heading: the candidate, its parent (index into the same list),
/// its depth and its final number.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    pub cand: Candidate,
    pub parent: Option<usize>,
    pub level: usize,
    pub number: u32,
}

#[derive(Clone, Copy, Debug)]
struct Open {
    node: usize,
    kind: MarkerKind,
    rank: Option<u16>,
    /// An ordinal that began its line stays open for line-level headings
    /// below it; one that began inside a paragraph does not.
    line_start: bool,
    number: u32,
}

/// Turns candidates (in document order) into headings.
///
/// Line-level kinds close the outermost open heading of their own rank or a
/// lower one; ordinals close the nearest open ordinal of their own kind; a
/// part closes everything. The stack holds each rank and each ordinal kind at
/// most once, so its depth is bounded by the number of kinds.
///
/// A `首先` that no `其次`/`再次`/`然后`/`最后` follows in the same parent opened no
/// series (`首先，我代表县委向大家表示感谢。`): it is dropped and the rest nested
/// again.
pub(crate) fn nest(cands: &[Candidate]) -> Vec<Node> {
    let nodes = nest_once(cands.iter().copied());
    let first = |n: &Node| n.cand.rec.kind == MarkerKind::Sequence && n.number == 1;
    if !nodes.iter().any(first) {
        return nodes;
    }
    let mut followed = vec![false; nodes.len()];
    let mut last_first: Vec<Option<usize>> = vec![None; nodes.len() + 1];
    for (k, n) in nodes.iter().enumerate() {
        if n.cand.rec.kind != MarkerKind::Sequence {
            continue;
        }
        let parent = n.parent.map_or(nodes.len(), |p| p);
        if n.number == 1 {
            last_first[parent] = Some(k);
        } else if let Some(f) = last_first[parent] {
            followed[f] = true;
        }
    }
    let lonely: Vec<usize> = nodes
        .iter()
        .enumerate()
        .filter(|(k, n)| first(n) && !followed[*k])
        .map(|(_, n)| n.cand.start)
        .collect();
    if lonely.is_empty() {
        return nodes;
    }
    nest_once(
        cands
            .iter()
            .copied()
            .filter(|c| lonely.binary_search(&c.start).is_err()),
    )
}

fn nest_once(cands: impl Iterator<Item = Candidate>) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::with_capacity(cands.size_hint().0);
    let mut stack: Vec<Open> = Vec::new();
    for cand in cands {
        let kind = cand.rec.kind;
        let rank = kind.rank(usize::from(cand.rec.depth));
        let mut number = cand.rec.number;
        if rank.is_some() {
            if kind == MarkerKind::Part {
                stack.clear();
            } else {
                if let Some(i) = stack
                    .iter()
                    .position(|o| o.rank.is_some_and(|r| Some(r) >= rank))
                {
                    stack.truncate(i);
                }
                while stack
                    .last()
                    .is_some_and(|o| o.rank.is_none() && !o.line_start)
                {
                    stack.pop();
                }
            }
        } else {
            let same = stack.iter().rposition(|o| o.kind == kind);
            if kind == MarkerKind::Sequence && number != 1 {
                // 其次, 再次, 然后, 最后 only continue a series that 首先 opened.
                let Some(j) = same else { continue };
                number = stack[j].number + 1;
            }
            if cand.boundary == Boundary::Comma {
                // After `，` an ordinal only counts when it continues the series.
                match same {
                    Some(j) if stack[j].number + 1 == number => {}
                    _ => continue,
                }
            }
            if let Some(j) = same {
                stack.truncate(j);
            }
        }
        let parent = stack.last().map(|o| o.node);
        let level = parent.map_or(1, |p| nodes[p].level + 1);
        stack.push(Open {
            node: nodes.len(),
            kind,
            rank,
            line_start: cand.boundary == Boundary::LineStart,
            number,
        });
        nodes.push(Node {
            cand,
            parent,
            level,
            number,
        });
    }
    nodes
}
