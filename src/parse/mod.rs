//! The parse pipeline: `&str` in, [`Document`] out, one stage after the
//! other, no stage reaching back (ARCHITECTURE.md draws it).
//!
//! 1. [`scan`]: lines, leading noise, front matter, and the candidate
//!    markers (line starts whose first characters have a marker's shape,
//!    looked at as each line is cut; inline ordinals and lost line breaks;
//!    all from one pass of [`find`]),
//!    each confirmed by [`recognise`] (the pest grammar) through
//!    [`lookahead`]'s memo; then the candidates that are no heading of the
//!    document ([`furniture`], `nest::own_series`) leave, and [`levels`]
//!    decides whether `#` depths carry levels and which explicit heading is
//!    the title;
//! 2. [`toc`]: the table of contents, whose lines leave the candidates;
//! 3. [`nest`]: which candidates become headings, and their parents;
//! 4. [`layout`]: titles ([`title`]), bodies, preamble and spans, the flat
//!    heading list;
//! 5. [`doc_title`]: the document title among the preamble's paragraphs.
//!
//! [`text`] holds the character classes and trims every stage shares.

mod candidate;
mod doc_title;
mod find;
mod front_matter;
mod furniture;
mod layout;
mod levels;
mod lookahead;
mod lost_breaks;
mod nest;
pub(crate) mod noise;
mod paper;
mod recognise;
mod scan;
mod shape;
pub(crate) mod text;
mod title;
mod toc;

use crate::document::{Document, Span, Text};
use crate::kind::MarkerKind;
use crate::options::ParseOptions;
use layout::Layout;

/// Parses `src` into a [`Document`].
pub(crate) fn build<'a>(src: &'a str, options: &ParseOptions<'_>) -> Document<'a> {
    // 1. Lines and candidates, after any front matter: the text read once.
    let mut scanner = scan::Scanner::new(src);
    let scan::Read {
        lines,
        marks,
        heads,
    } = scan::read(src, &mut scanner);
    let body_from = front_matter::front_matter(src, &lines);
    let first_line = body_from.map_or(0, |at| lines.partition_point(|l| l.start < at));
    let mut cands = scanner.scan(&lines, first_line, &marks, heads);
    drop(marks);
    if !options.table_rows.is_empty() {
        // Nothing in a table opens a heading (spec §8).
        cands.retain(|c| {
            options
                .table_rows
                .binary_search(&lines[c.line].number)
                .is_err()
        });
    }
    nest::own_series(src, &mut cands);
    furniture::drop_non_headings(src, &lines, &mut cands);
    // Whether `#` depths carry levels, and what unnumbered `#` lines are.
    let judged = levels::judge(src, &lines, &mut cands);

    // 2. The table of contents: its lines are neither headings nor text.
    let found = toc::detect(src, &lines[first_line..], first_line, &cands);
    let mut skip = vec![false; lines.len()];
    for s in skip.iter_mut().take(first_line) {
        *s = true;
    }
    for &i in found.labels.iter().chain(&found.lines) {
        skip[i] = true;
    }
    cands.retain(|c| !skip[c.line]);
    // An explicit heading that is the title, where `#` depths carry levels.
    let title_line = if judged.depth_carries_level {
        levels::title_heading(src, &lines, &mut cands, first_line)
    } else {
        judged.title_line
    };

    // 3. Nesting.
    let nodes = nest::nest(src, &cands);
    // Candidates are copied into the nodes: free them before the tree grows.
    drop(cands);

    // 4. Titles, bodies, preamble, spans.
    let layout = Layout::new(src, &lines, &skip, options.paragraphs);
    let first_start = nodes
        .first()
        .map_or(src.len(), |n| layout.own_start(&n.cand));
    let preamble = layout.paragraphs(
        first_line,
        lines.get(first_line).map_or(src.len(), |l| l.start),
        first_start,
    );
    let toc_entries = found
        .entries
        .iter()
        .enumerate()
        .map(|(i, c)| layout.toc_entry(c, found.entries.get(i + 1)))
        .collect();
    let toc_labels = found
        .labels
        .iter()
        .map(|&i| {
            let l = &lines[i];
            // A one-line TOC's label ends where its first entry starts.
            let end = found
                .entries
                .iter()
                .find(|e| e.line == i)
                .map_or(l.end, |e| e.start);
            let end = end - text::trailing_space(&src[l.content..end]);
            Text {
                text: &src[l.content..end],
                span: Span::new(l.content, end),
            }
        })
        .collect();
    let (headings, paragraphs) = layout.headings(&nodes);

    // 5. The document title; a document that starts with a part has none.
    let (title, subtitle) = if nodes
        .first()
        .is_some_and(|n| n.cand.rec.kind == MarkerKind::Part)
        && preamble.is_empty()
    {
        (None, None)
    } else {
        let from = doc_title::Sources {
            src,
            front_matter: body_from.map(|end| Span::new(0, end)),
            title_line,
        };
        doc_title::pick(&preamble, &from)
    };

    Document {
        source: src,
        title,
        subtitle,
        front_matter: body_from.map(|end| Span::new(0, end)),
        toc_labels,
        toc: toc_entries,
        preamble,
        headings,
        paragraphs,
    }
}
