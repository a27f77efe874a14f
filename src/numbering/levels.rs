//! Markdown heading levels from the outline (spec §7, "Markdown out"): the
//! edits that give a Markdown document back with every heading line's `#`
//! depth set to its level in the tree, and the `#` taken off lines that are
//! not headings (a converter's captions, author lines, translated titles).
//! Every other byte stays as it is.
//!
//! This is how a PDF converter's flat Markdown (every heading `#`) gets its
//! levels back; `tigang fmt --levels` writes the edits with the guarantees
//! of `fmt --write`, and [`render::markdown`](crate::render::markdown)
//! applies them to Markdown input.

use super::plan::Edit;
use crate::document::Document;
use crate::parse::noise::{self, Piece};

/// The deepest ATX heading Markdown has.
const MAX_DEPTH: usize = 6;

/// The edits, in input order (see the module docs):
///
/// - a `#` line where a heading starts gets `#` × its level, one more when
///   the document title stands on a `#` line (which keeps a single `#`),
///   then a space; its indentation, bullet and old `#` run go, a `>` quote
///   or a `**` that opens a bold title stays. A numbered heading deeper
///   than six levels (seven with a `#` title) loses its `#`: its numbering
///   places it; an unnumbered one stays at `######`;
/// - a line without `#` where a heading starts stays as it is (a paragraph
///   that opens with a point, `(1）数据交换格式。…`, is no Markdown heading,
///   and its numbering places it all the same), unless a `#` line is below
///   it in the tree or beside it in a list of its kind: then it is written
///   as a `#` line too, for a line without a level ranks below every line
///   with one;
/// - a `#` line that is not a heading (nor the title, nor a line of the
///   table of contents) loses its `#` run and the spaces after it;
/// - every other line, and everything after a line's leading noise, is left
///   as it is.
pub(crate) fn edits(doc: &Document<'_>) -> Vec<Edit> {
    let src = doc.source();
    let bytes = src.as_bytes();
    // The title's lines; the first keeps its `#` when it has one.
    let title = doc
        .title
        .as_ref()
        .filter(|t| doc.front_matter.is_none_or(|f| t.span.start >= f.end))
        .map(|t| t.span);
    let title_hashes = title.is_some_and(|t| has_hashes(line_at(src, t.start)));
    let shift = usize::from(title_hashes);
    // Table-of-contents lines are neither headings nor body: as they were.
    let mut toc: Vec<usize> = doc
        .toc
        .iter()
        .map(|e| e.marker_span.start.min(e.title_span.start))
        .chain(doc.toc_labels.iter().map(|l| l.span.start))
        .collect();
    toc.sort_unstable();
    let mut toc = toc.into_iter().peekable();
    let lines = heading_lines(doc);
    let atx = written_as_atx(doc, &lines);
    // The lines that may change, each by where it starts: heading lines
    // written as `#` lines, and every line whose leading noise has a `#`
    // run. Only those are looked at: a document is mostly other lines.
    let mut heads: Vec<(usize, usize)> = Vec::new();
    for h in doc.headings() {
        let Some((start, _)) = lines[h.index()] else {
            continue;
        };
        if atx[h.index()] && heads.last().is_none_or(|&(s, _)| s != start) {
            // Past Markdown's six levels a numbered heading loses its `#`
            // (its numbering places it); an unnumbered one, which would
            // vanish without it, stays at `######`.
            let depth = h.level + shift;
            let depth = if h.number.is_none() {
                depth.min(MAX_DEPTH)
            } else {
                depth
            };
            heads.push((start, depth));
        }
    }
    let mut starts: Vec<usize> = heads.iter().map(|&(s, _)| s).collect();
    starts.extend(hash_lines(bytes));
    starts.sort_unstable();
    starts.dedup();
    let body_from = doc.front_matter.map_or(0, |f| f.end);
    let mut out = Vec::new();
    for start in starts {
        if start < body_from {
            continue;
        }
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(src.len(), |i| start + i);
        let line = &src[start..end];
        let noise = noise::noise_len(line);
        let content = start + noise;
        if content >= end {
            continue;
        }
        while toc.peek().is_some_and(|&at| at < start) {
            toc.next();
        }
        if toc.peek().is_some_and(|&at| at < end) {
            continue;
        }
        let level = heads
            .binary_search_by_key(&start, |&(s, _)| s)
            .ok()
            .map(|i| heads[i].1);
        let in_title = title.is_some_and(|t| t.start < end && start <= t.end);
        let want = if let Some(depth) = level {
            Some(depth).filter(|&d| d <= MAX_DEPTH)
        } else if in_title && title_hashes && title.is_some_and(|t| t.start >= start) {
            Some(1)
        } else {
            None
        };
        if let Some(edit) = prefix_edit(line, start, want) {
            out.push(edit);
        }
    }
    out
}

/// Where the lines start whose leading noise may hold a `#` run: the line
/// of every `#` that is the first of its line. One pass: each line is
/// looked at once, however many `#` it holds.
fn hash_lines(bytes: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut line_end = 0;
    for at in memchr::memchr_iter(b'#', bytes) {
        if at < line_end {
            continue;
        }
        let start = memchr::memrchr2(b'\n', b'\r', &bytes[line_end..at])
            .map_or(line_end, |i| line_end + i + 1);
        line_end = memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        out.push(start);
    }
    out
}

/// For each heading, where its line starts when the heading starts it
/// (after the line's leading noise), and whether that line has a `#` run.
/// One forward pass: headings come in text order, so a cursor finds each
/// one's line, and each line's noise is read once.
fn heading_lines(doc: &Document<'_>) -> Vec<Option<(usize, bool)>> {
    let src = doc.source();
    let bytes = src.as_bytes();
    // The current line, `[start, end)` without its break, once found.
    let mut line: Option<(usize, usize)> = None;
    // Its noise, once read: where its text starts and whether it has `#`.
    let mut noise: Option<(usize, bool)> = None;
    let mut out = Vec::with_capacity(doc.headings().len());
    for h in doc.headings() {
        let at = h.span.start;
        let (start, end) = match line {
            Some((s, e)) if at <= e => (s, e),
            _ => {
                // Back from `at` no further than the last line's end.
                let lo = line.map_or(0, |(_, e)| e);
                let start =
                    memchr::memrchr2(b'\n', b'\r', &bytes[lo..at]).map_or(lo, |i| lo + i + 1);
                let end = memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(src.len(), |i| at + i);
                line = Some((start, end));
                noise = None;
                (start, end)
            }
        };
        let (content, hashes) = *noise.get_or_insert_with(|| {
            let text = &src[start..end];
            (start + noise::noise_len(text), has_hashes(text))
        });
        out.push((content == at).then_some((start, hashes)));
    }
    out
}

/// Which headings are written as `#` lines (see [`edits`]): those on a `#`
/// line; each ancestor of one (a line without a level ranks below every
/// line with one, so it could not hold one); each sibling of one of its
/// kind (a `#` line closes only what ranks as it does); and a heading
/// without `#` that its numbering would not put back where it is. Left as it is, such a
/// line ranks with the last `#` line of its kind (then it must be at that
/// line's level, under a `#` line), or, when none came before, below every
/// `#` line (then it must be the first child of the heading before it, or
/// follow a sibling of its kind left as it was). Ordinals nest by order and
/// stay as they are. Worked out to a fixed point: each round only adds `#`
/// lines, and after a few rounds every heading left is written as one.
fn written_as_atx(doc: &Document<'_>, lines: &[Option<(usize, bool)>]) -> Vec<bool> {
    use crate::kind::MarkerKind;
    let heads: Vec<_> = doc.headings().collect();
    // A kind and, for dotted markers, a depth: one slot each.
    const DEPTHS: usize = crate::document::MAX_PATH + 1;
    let key = |h: &crate::Node<'_, '_>| h.kind as usize * DEPTHS + h.path().len();
    const KEYS: usize = MarkerKind::ALL.len() * DEPTHS;
    let mut atx: Vec<bool> = lines
        .iter()
        .map(|l| l.is_some_and(|(_, hashes)| hashes))
        .collect();
    const ROUNDS: usize = 4;
    for round in 0..ROUNDS {
        let before = atx.clone();
        // A heading inside a paragraph (an inline point) has no line to
        // write: it stays as it is.
        for h in heads.iter().rev() {
            if atx[h.index()] {
                if let Some(p) = h.parent().filter(|p| lines[p.index()].is_some()) {
                    atx[p.index()] = true;
                }
            }
        }
        // Siblings of one kind are written alike: a `#` line closes only
        // what ranks as it does. Per parent (the root last), the kinds
        // that stand on a `#` line.
        let mut siblings = vec![[false; KEYS]; 0];
        let mut slot = vec![usize::MAX; heads.len() + 1];
        for h in heads.iter().filter(|h| atx[h.index()]) {
            let p = h.parent().map_or(heads.len(), |p| p.index());
            if slot[p] == usize::MAX {
                slot[p] = siblings.len();
                siblings.push([false; KEYS]);
            }
            siblings[slot[p]][key(h)] = true;
        }
        // The level of the last `#` line of each kind.
        let mut last = [None; KEYS];
        for (i, h) in heads.iter().enumerate() {
            if atx[i] {
                last[key(h)] = Some(h.level);
                continue;
            }
            if h.kind.is_ordinal() || h.kind == MarkerKind::Heading || lines[i].is_none() {
                continue;
            }
            let parent = h.parent().map(|p| p.index());
            let p = parent.unwrap_or(heads.len());
            let beside = slot[p] != usize::MAX && siblings[slot[p]][key(h)];
            let placed = !beside
                && match last[key(h)] {
                    Some(level) => level == h.level && parent.is_none_or(|p| atx[p]),
                    None => match i.checked_sub(1) {
                        None => true,
                        Some(j) => {
                            let p = &heads[j];
                            parent == Some(j)
                                || (!atx[j] && p.parent() == h.parent() && key(p) == key(h))
                        }
                    },
                };
            if !placed || round + 1 == ROUNDS {
                atx[i] = true;
                last[key(h)] = Some(h.level);
            }
        }
        if atx == before {
            break;
        }
    }
    atx
}

/// The line of `src` that holds byte `at`, without its line break.
fn line_at(src: &str, at: usize) -> &str {
    let b = src.as_bytes();
    let start = memchr::memrchr2(b'\n', b'\r', &b[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr2(b'\n', b'\r', &b[at..]).map_or(src.len(), |i| at + i);
    &src[start..end]
}

/// Whether a line's leading noise holds a `#` run.
fn has_hashes(line: &str) -> bool {
    let mut found = false;
    noise::walk(line, |p, r| found |= p == Piece::Hashes && !r.is_empty());
    found
}

/// The edit of one line's leading noise: `want` `#`s for a heading line (or
/// none past the deepest level), the `#` run dropped from any other line.
/// `None` when the line stays as it is.
fn prefix_edit(line: &str, at: usize, want: Option<usize>) -> Option<Edit> {
    let (mut quotes, mut hashes, mut bold, mut junk) = (0, None, None, None);
    let noise = noise::walk(line, |p, r| match p {
        Piece::Quote => quotes += 1,
        Piece::Hashes if !r.is_empty() => hashes = Some(r),
        Piece::Bold => bold = Some(r),
        Piece::Junk => junk = Some(r),
        _ => {}
    });
    match want {
        Some(depth) => {
            let mut prefix = String::with_capacity(depth + 8);
            for _ in 0..quotes {
                prefix.push_str("> ");
            }
            for _ in 0..depth {
                prefix.push('#');
            }
            prefix.push(' ');
            for r in [bold, junk].into_iter().flatten() {
                prefix.push_str(&line[r]);
            }
            (prefix != line[..noise]).then(|| Edit::new(span(at, 0..noise), prefix))
        }
        // A heading too deep for `#`, or a line that is no heading: only
        // the `#` run goes, with the spaces after it.
        None => {
            let run = hashes?;
            let after = line[run.end..noise]
                .bytes()
                .take_while(|&b| b == b' ' || b == b'\t')
                .count();
            Some(Edit::new(span(at, run.start..run.end + after), ""))
        }
    }
}

fn span(at: usize, r: std::ops::Range<usize>) -> crate::document::Span {
    crate::document::Span::new(at + r.start, at + r.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relevel(src: &str) -> String {
        let doc = crate::parse(src);
        super::super::plan::apply(src, &edits(&doc))
    }

    #[test]
    fn flat_headings_get_their_levels() {
        let src = "# 关于某项工作的通知\n\n# 一、总体要求\n\n正文。\n\n# （一）指导思想\n\n内容。\n\n# 图1 流程\n\n# 二、任务\n";
        assert_eq!(
            relevel(src),
            "# 关于某项工作的通知\n\n## 一、总体要求\n\n正文。\n\n### （一）指导思想\n\n内容。\n\n图1 流程\n\n## 二、任务\n"
        );
    }

    #[test]
    fn plain_lines_stay_unless_they_hold_a_heading_line() {
        // Paragraphs that open with a marker stay paragraphs (`（1）`), but
        // one that holds a `#` line, or whose siblings of its kind are `#`
        // lines, is written as one.
        let src = "# 一、总体要求\n\n# （一）指导思想\n\n（二）加强领导。成立小组。\n\n# 1.明确分工\n\n（1）落实到人。逐级负责。\n\n2.压实责任。层层落实。\n";
        assert_eq!(
            relevel(src),
            "# 一、总体要求\n\n## （一）指导思想\n\n## （二）加强领导。成立小组。\n\n### 1.明确分工\n\n（1）落实到人。逐级负责。\n\n### 2.压实责任。层层落实。\n"
        );
    }

    #[test]
    fn nothing_changes_when_levels_are_right() {
        let src = "# 标题\n\n## 一、甲\n\n### （一）乙\n\n正文。\n";
        assert!(edits(&crate::parse(src)).is_empty());
    }
}
