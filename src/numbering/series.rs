//! The numbered series of a document, shared by `check` and `fmt`.
//!
//! Every marker (headings and table-of-contents entries) becomes an [`Item`]
//! with its parent and its *scope*: the part (`【篇N】`) it is in, since each
//! part is its own document. Items are then grouped into series:
//!
//! - siblings (same parent, same kind; dotted markers also by depth) in
//!   document order are counted together, so counting restarts per parent;
//! - articles (`第一条`) are the exception: regulations number them straight
//!   through the chapters, so all articles of a scope are one series;
//! - a marker whose number is 1 opens a new series. Speeches restart `一是…`
//!   in every paragraph that lists points, often several times under one
//!   heading (`…举措：一是…二是…。` then `…拟采取：一是…二是…`); two
//!   `（一）…（三）` runs under one heading are likewise two series, not a
//!   mistake in each other's numbering. Except when the next marker of the
//!   same group continues the open series past it (`一是…一是…三是`): then
//!   the `1` is the mistake (the middle one is `二是`), a member of the open
//!   series, not a new series that skips;
//! - a series that starts where the previous series of its kind in the scope
//!   stopped (`①②③` under `（1）`, `④⑤` under `（2）`) carries on that count
//!   deliberately and is not a wrong start;
//! - sequence words (`首先` `其次`) are not numerals and form no series.
//!
//! The table of contents has no tree of its own; its entries are nested here
//! by the same rank rule as the body (docs/format.md §3 rule 1).

use foldhash::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use crate::document::{Document, Span};
use crate::kind::MarkerKind;

/// `Some(i)` as `i + 1`, `None` as 0: an optional index as one word to hash.
fn word(i: Option<usize>) -> u64 {
    i.map_or(0, |i| i as u64 + 1)
}

/// One marker of the document.
#[derive(Clone, Debug)]
pub(crate) struct Item<'a> {
    pub kind: MarkerKind,
    pub marker: &'a str,
    pub number: u32,
    /// The last number a range covers (`第十二至十四条` is 12–14); `number`
    /// for every other marker.
    pub last: u32,
    pub title: &'a str,
    /// Components of a dotted marker (1 for other kinds).
    pub depth: usize,
    pub marker_span: Span,
    /// The heading's whole span (the marker's, for a TOC entry).
    pub span: Span,
    pub line: usize,
    pub column: usize,
    /// Index of the parent item, None at the top of the scope.
    pub parent: Option<usize>,
    /// Index of the enclosing part item, None outside parts.
    pub scope: Option<usize>,
    /// Whether this is a table-of-contents entry.
    pub toc: bool,
}

/// All markers of a document, table of contents first, then the headings in
/// document order.
pub(crate) fn items<'d>(doc: &'d Document<'_>) -> Vec<Item<'d>> {
    let mut out = Vec::with_capacity(doc.toc.len() + doc.headings().len());
    toc_items(doc, &mut out);
    let toc_len = out.len();
    // Headings come in document order, parents first: item `toc_len + i`
    // is heading `i`.
    for h in doc.headings() {
        let parent = h.parent().map(|p| toc_len + p.index());
        // Everything below a top-level part is in that part's scope.
        let scope = parent.and_then(|p| {
            let it = &out[p];
            if it.kind == MarkerKind::Part && it.parent.is_none() {
                Some(p)
            } else {
                it.scope
            }
        });
        out.push(Item {
            kind: h.kind,
            marker: h.marker,
            number: h.number.unwrap_or(0),
            last: range_end(h.kind, h.marker).unwrap_or(h.number.unwrap_or(0)),
            title: &h.heading().title,
            depth: h.path().len().max(1),
            marker_span: h.marker_span,
            span: h.span,
            line: h.line,
            column: h.column,
            parent,
            scope,
            toc: false,
        });
    }
    // A table of contents inside a part belongs to that part.
    let parts: Vec<(Span, usize)> = out[toc_len..]
        .iter()
        .enumerate()
        .filter(|(_, it)| it.kind == MarkerKind::Part && it.parent.is_none())
        .map(|(i, it)| (it.span, toc_len + i))
        .collect();
    if !parts.is_empty() {
        for it in &mut out[..toc_len] {
            let at = it.marker_span.start;
            let i = parts.partition_point(|(s, _)| s.end <= at);
            if let Some(&(s, idx)) = parts.get(i) {
                if s.start <= at {
                    it.scope = Some(idx);
                }
            }
        }
    }
    out
}

/// The end of an article range: `第十二至十四条` → 14.
fn range_end(kind: MarkerKind, marker: &str) -> Option<u32> {
    if kind != MarkerKind::Article {
        return None;
    }
    let (_, after) = marker.split_once('至')?;
    let digits = after.trim_end_matches(['条', '條']).trim();
    crate::numeral::value(digits)
}

fn dotted_depth(kind: MarkerKind, marker: &str) -> usize {
    if kind != MarkerKind::Dotted {
        return 1;
    }
    marker
        .split(['.', '．'])
        .filter(|s| !s.trim().is_empty())
        .count()
        .max(1)
}

fn toc_items<'d>(doc: &'d Document<'_>, out: &mut Vec<Item<'d>>) {
    // (rank, item index) of the entries still open, outermost first.
    let mut open: Vec<(u16, usize)> = Vec::new();
    for e in &doc.toc {
        let depth = dotted_depth(e.kind, e.marker);
        let rank = e.kind.rank(depth);
        if let Some(r) = rank {
            while open.last().is_some_and(|&(top, _)| top >= r) {
                open.pop();
            }
        }
        let idx = out.len();
        out.push(Item {
            kind: e.kind,
            marker: e.marker,
            number: e.number.unwrap_or(0),
            last: range_end(e.kind, e.marker).unwrap_or(e.number.unwrap_or(0)),
            title: e.title,
            depth,
            marker_span: e.marker_span,
            span: e.marker_span,
            line: e.line,
            column: e.column,
            parent: open.last().map(|&(_, i)| i),
            scope: None,
            toc: true,
        });
        if let Some(r) = rank {
            open.push((r, idx));
        }
    }
}

/// What groups siblings into one count.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    toc: bool,
    scope: Option<usize>,
    parent: Option<usize>,
    kind: MarkerKind,
    depth: usize,
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        // Three words instead of the derive's eight writes; equal keys still
        // hash alike, and equality is the derived one.
        h.write_u64(word(self.parent));
        h.write_u64(word(self.scope));
        h.write_u64((self.depth as u64) << 8 | (self.kind as u64) << 1 | u64::from(self.toc));
    }
}

/// A numbered series: item indices in document order, and the number its
/// first item should have once the numbering is right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Series {
    pub members: Vec<usize>,
    /// 1, or for a series that carries on the count of the previous series
    /// of its kind (`①②③` under one heading, `④⑤` under the next), one more
    /// than where that series ends once renumbered.
    pub start: u32,
    /// The series whose count this one carries on, if it does.
    pub from: Option<usize>,
    /// It starts above 1 with nothing to carry on and not at the start of
    /// the text: its first items were lost (or never written). It counts
    /// from where it starts, so that the fix keeps the numbers a reader
    /// refers to, and `check` says so once.
    pub lost_start: bool,
}

/// What groups `it` with its siblings; None for markers that are not counted
/// (sequence words are not numerals; explicit headings have no number).
fn key(it: &Item<'_>) -> Option<Key> {
    (!matches!(it.kind, MarkerKind::Sequence | MarkerKind::Heading)).then_some(Key {
        toc: it.toc,
        scope: it.scope,
        // Articles run through the chapters and sections of a regulation.
        parent: if it.kind == MarkerKind::Article {
            None
        } else {
            it.parent
        },
        kind: it.kind,
        depth: it.depth,
    })
}

/// The series of `items`, each in the order of its first item.
pub(crate) fn series(items: &[Item<'_>]) -> Vec<Series> {
    let groups = groups(items);
    let (mut n_keys, mut n_kinds) = (0, 0);
    for &(k, kind) in groups.iter().flatten() {
        n_keys = n_keys.max(k + 1);
        n_kinds = n_kinds.max(kind + 1);
    }
    // The open series of each group.
    let mut open: Vec<Option<usize>> = vec![None; n_keys];
    // The latest series of each kind in a scope, whatever its parent: a new
    // series that starts where it stopped carries on its count.
    let mut latest: Vec<Option<usize>> = vec![None; n_kinds];
    let mut out: Vec<Series> = Vec::new();
    // The next item of the same group, for the `一是…一是…三是` rule: one
    // backward pass, so the look ahead stays linear.
    let mut next_of: Vec<Option<usize>> = vec![None; items.len()];
    let mut seen: Vec<Option<usize>> = vec![None; n_keys];
    for (i, g) in groups.iter().enumerate().rev() {
        if let Some((k, _)) = *g {
            next_of[i] = seen[k].replace(i);
        }
    }
    // The first heading of the document, and of each part, opens what may
    // be an excerpt: a series that starts there above 1 counts from where
    // it starts (a document or part cut from a longer one; issue 26).
    let first_body = items.iter().position(|it| !it.toc);
    let opens_text = |i: usize| {
        Some(i) == first_body && items[i].kind != MarkerKind::Part
            || i.checked_sub(1).is_some_and(|p| {
                items[p].kind == MarkerKind::Part && !items[p].toc && items[i].parent == Some(p)
            })
    };
    for (i, it) in items.iter().enumerate() {
        let Some((key, kind_key)) = groups[i] else {
            continue;
        };
        // A `1` that the next marker of the group continues past belongs
        // to the open series: `一是 一是 三是` is 1, 2, 3 with a wrong middle.
        // So does a `1` right after a `0` (`0 引言`, `1 方法`: papers number
        // their introduction 0).
        let continued_past = |s: usize| {
            let last = out[s].members.last().map(|&m| items[m].number);
            let next = next_of[i].map(|n| items[n].number);
            last == Some(0)
                || matches!((last, next), (Some(l), Some(n)) if l.checked_add(2) == Some(n))
        };
        let slot = match open[key] {
            Some(s) if it.number != 1 || continued_past(s) => {
                out[s].members.push(i);
                s
            }
            _ => {
                let carried = latest[kind_key].and_then(|p| {
                    let prev = &out[p];
                    let last = items[*prev.members.last()?].number;
                    let len = u32::try_from(prev.members.len()).ok()?;
                    (it.number != 1 && last.checked_add(1) == Some(it.number))
                        .then(|| (prev.start.saturating_add(len), p))
                });
                let s = out.len();
                // Most series are short runs (`一是…四是`): room for a few
                // members up front spares a reallocation per series.
                let mut members = Vec::with_capacity(4);
                members.push(i);
                // Articles that start above 1 are an excerpt of a code, and
                // so is a series that opens the document or a part above 1;
                // elsewhere a list's first items were lost. Either way the
                // count starts where the series does (a series that starts
                // at 0 does so on purpose).
                // Points (`二是` with no `一是`) restart in every paragraph
                // that lists some: one that starts above 1 is a wrong start.
                let excerpt = it.kind == MarkerKind::Article || opens_text(i);
                let point = it.kind.is_ordinal() && !excerpt;
                let lost_start = carried.is_none() && it.number > 1 && !excerpt && !point;
                let own = if point {
                    u32::from(it.number != 0)
                } else {
                    it.number
                };
                out.push(Series {
                    members,
                    start: carried.map_or(own, |(n, _)| n),
                    from: carried.map(|(_, p)| p),
                    lost_start,
                });
                open[key] = Some(s);
                s
            }
        };
        latest[kind_key] = Some(slot);
    }
    out
}

/// Per item, the dense ids of its [`key`] and of that key without the
/// parent (its kind in its scope); None where [`key`] is. Hashed once
/// here, so [`series`] indexes vectors instead of looking keys up.
fn groups(items: &[Item<'_>]) -> Vec<Option<(usize, usize)>> {
    let mut ids: HashMap<Key, usize> = HashMap::default();
    let mut kind_ids: HashMap<Key, usize> = HashMap::default();
    items
        .iter()
        .map(|it| {
            let k = key(it)?;
            let n = ids.len();
            let id = *ids.entry(k).or_insert(n);
            let n = kind_ids.len();
            let kind_key = Key { parent: None, ..k };
            let kind = *kind_ids.entry(kind_key).or_insert(n);
            Some((id, kind))
        })
        .collect()
}

/// A title reduced to what must agree between the TOC and the body: letters
/// and digits, full-width forms folded, no spaces or punctuation.
fn normalised(title: &str) -> String {
    title
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Same title: equal, or one a prefix of the other (hard wraps and
/// shortened TOC entries) when the shorter still says something.
fn same_title(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && (short == long || (short.chars().count() >= 4 && long.starts_with(short)))
}

/// How far ahead in the body a TOC entry's heading is looked for.
const TOC_WINDOW: usize = 8;

/// Which heading of the body each table-of-contents entry stands for.
#[derive(Debug, Default)]
pub(crate) struct TocLinks {
    /// The TOC entries compared (not ordinals), in order.
    pub toc: Vec<usize>,
    /// The body headings of the kinds the TOC lists, after it, in its scope.
    pub body: Vec<usize>,
    /// TOC item → body item, found by kind and title.
    pub by_title: HashMap<usize, usize>,
    /// TOC item → body item with the same kind and number but another title,
    /// at the place the next entry was expected.
    pub by_number: HashMap<usize, usize>,
    /// Body item → TOC item, for both kinds of link.
    pub entry_of: HashMap<usize, usize>,
}

/// Links the table of contents to the body: each entry to the first heading
/// of its kind and title within a few headings of the previous match (a
/// TOC lists headings in order), or failing that to the next heading when
/// that has the entry's kind and number.
pub(crate) fn toc_links(items: &[Item<'_>]) -> TocLinks {
    let mut out = TocLinks {
        toc: (0..items.len())
            .filter(|&i| items[i].toc && !items[i].kind.is_ordinal())
            .collect(),
        ..TocLinks::default()
    };
    let Some(&first) = out.toc.first() else {
        return out;
    };
    let scope = items[first].scope;
    let toc_end = out
        .toc
        .iter()
        .map(|&i| items[i].marker_span.end)
        .max()
        .unwrap_or(0);
    let kinds: HashSet<MarkerKind> = out.toc.iter().map(|&i| items[i].kind).collect();
    out.body = (0..items.len())
        .filter(|&i| {
            let it = &items[i];
            !it.toc
                && it.scope == scope
                && kinds.contains(&it.kind)
                && it.marker_span.start >= toc_end
        })
        .collect();
    // Normalised when first compared: only the headings within the window of
    // some entry ever are, not the whole body.
    let mut body_titles: Vec<Option<String>> = vec![None; out.body.len()];
    let mut p = 0;
    for &t in &out.toc {
        let e = &items[t];
        let title = normalised(e.title);
        let end = out.body.len().min(p + TOC_WINDOW);
        let found = (p..end).find(|&j| {
            let b = &items[out.body[j]];
            b.kind == e.kind
                && same_title(
                    &title,
                    body_titles[j].get_or_insert_with(|| normalised(b.title)),
                )
        });
        if let Some(j) = found {
            out.by_title.insert(t, out.body[j]);
            out.entry_of.insert(out.body[j], t);
            p = j + 1;
        } else if let Some(&bi) = out.body.get(p) {
            let b = &items[bi];
            // Not a match to move on from: the link rests on a number, and
            // numbers are what `fmt` changes, so the entries after it are
            // looked for from the same place (linking stays the same after
            // renumbering).
            // Entries without a number (`前言`) match by title only.
            if b.kind == e.kind && e.kind.is_numbered() && b.number == e.number {
                out.by_number.insert(t, bi);
                out.entry_of.entry(bi).or_insert(t);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(src: &str) -> Vec<Vec<u32>> {
        let doc = crate::parse(src);
        let items = items(&doc);
        series(&items)
            .iter()
            .map(|s| s.members.iter().map(|&i| items[i].number).collect())
            .collect()
    }

    #[test]
    fn counting_restarts_per_parent_and_at_one() {
        let src = "一、甲\n（一）a\n（三）b\n二、乙\n（一）c\n（二）d\n（一）e\n";
        assert_eq!(numbers(src), [vec![1, 2], vec![1, 3], vec![1, 2], vec![1]]);
    }

    #[test]
    fn a_one_the_next_marker_continues_past_is_a_wrong_member() {
        let src = "一、甲\n一是抓。\n一是管。\n三是督。\n";
        assert_eq!(numbers(src), [vec![1], vec![1, 1, 3]]);
        // A `1` followed by a new count is a new series.
        let src = "一、甲\n一是抓。\n二是管。\n一是督。\n二是查。\n";
        assert_eq!(numbers(src), [vec![1], vec![1, 2], vec![1, 2]]);
        let src = "一、甲\n一是抓。\n二是管。\n一是督。\n四是查。\n";
        assert_eq!(numbers(src), [vec![1], vec![1, 2, 1, 4]]);
    }

    #[test]
    fn a_count_carried_across_parents_continues() {
        let src = "（1）甲\n①a\n②b\n（2）乙\n③c\n④d\n";
        let doc = crate::parse(src);
        let items = items(&doc);
        let starts: Vec<u32> = series(&items).iter().map(|s| s.start).collect();
        assert_eq!(starts, [1, 1, 3]);
    }

    #[test]
    fn articles_run_through_chapters() {
        let src = "第一章　总则\n第一条　甲。\n第二条　乙。\n第二章　附则\n第三条　丙。\n";
        assert_eq!(numbers(src), [vec![1, 2], vec![1, 2, 3]]);
    }

    #[test]
    fn toc_entries_nest_by_rank() {
        let src = "目录\n一、甲\n（一）子\n（二）丑\n二、乙\n正文\n一、甲\n二、乙\n";
        let doc = crate::parse(src);
        let items = items(&doc);
        assert!(items[0].toc && items[1].parent == Some(0) && items[3].parent.is_none());
    }
}
