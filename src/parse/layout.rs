//! The layout of accepted headings (spec §4, §6): titles (found by
//! [`title`](super::title)), bodies, preamble paragraphs and spans, and the
//! flat heading list with its tree links.

use super::candidate::{Candidate, Line};
use super::nest::Node;
use super::text::{skip_delimiter, trim, trim_space};
use super::title::Titles;
use super::toc;
use crate::document::{Heading, MAX_PATH, NO_PARENT, Span, Text, TocEntry};

/// The text, its lines, and which lines belong to no heading or paragraph
/// (front matter, the table of contents).
pub(super) struct Layout<'s, 'l> {
    pub src: &'s str,
    pub lines: &'l [Line],
    pub skip: &'l [bool],
    pub titles: Titles<'s, 'l>,
}

impl<'s, 'l> Layout<'s, 'l> {
    /// `paragraphs`: every line is a paragraph (Word, HTML), so no title
    /// wraps.
    pub fn new(src: &'s str, lines: &'l [Line], skip: &'l [bool], paragraphs: bool) -> Self {
        Layout {
            src,
            lines,
            skip,
            titles: Titles::new(src, lines, skip, paragraphs),
        }
    }

    /// The first byte a heading owns: its marker, or for a part closing its
    /// line, the title before it.
    pub fn own_start(&self, c: &Candidate) -> usize {
        self.titles.own_start(c)
    }

    /// Headings with titles, bodies and spans, in document order, and all
    /// their body paragraphs. Document order is the tree's depth-first order,
    /// so the tree is the list plus, per heading, its parent and the end of
    /// its descendants, set with a stack of the open headings (bounded by the
    /// number of kinds, see [`nest`]) in one pass.
    pub fn headings(&self, nodes: &[Node]) -> (Vec<Heading<'s>>, Vec<Text<'s>>) {
        let mut headings: Vec<Heading<'s>> = Vec::with_capacity(nodes.len());
        let mut paragraphs = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        // Closes the innermost open heading before heading `at`: its
        // descendants end there, and its parent's span reaches its end.
        let close = |open: &mut Vec<usize>, headings: &mut [Heading<'s>], at: usize| {
            let Some(o) = open.pop() else { return };
            headings[o].end = at;
            let end = headings[o].span.end;
            if let Some(&p) = open.last() {
                let parent = &mut headings[p].span;
                parent.end = parent.end.max(end);
            }
        };
        for (k, node) in nodes.iter().enumerate() {
            while open.last().is_some_and(|&o| Some(o) != node.parent) {
                close(&mut open, &mut headings, k);
            }
            let next = nodes.get(k + 1).map(|n| &n.cand);
            let h = self.heading(node, next, &mut paragraphs);
            headings.push(h);
            open.push(k);
        }
        while !open.is_empty() {
            close(&mut open, &mut headings, nodes.len());
        }
        (headings, paragraphs)
    }

    /// One heading; its body paragraphs are appended to `paragraphs`.
    fn heading(
        &self,
        node: &Node,
        next: Option<&Candidate>,
        paragraphs: &mut Vec<Text<'s>>,
    ) -> Heading<'s> {
        let c = &node.cand;
        let marker_span = Span::new(c.start, c.end());
        let found = self.titles.of(c, next);
        let (title_span, body_start) = (found.span, found.body_start);
        let body_end = next.map_or(self.src.len(), |n| self.own_start(n));
        let body_from = paragraphs.len();
        self.paragraphs_into(c.line, body_start, body_end, paragraphs);
        let start = marker_span.start.min(title_span.start);
        let end = paragraphs[body_from..]
            .last()
            .map_or(marker_span.end.max(title_span.end), |b| b.span.end);
        let dotted = c.rec.path();
        let mut path = [0u16; MAX_PATH];
        path[..dotted.len()].copy_from_slice(dotted);
        Heading {
            kind: c.rec.kind,
            marker: &self.src[marker_span.range()],
            number: c.rec.kind.is_numbered().then_some(node.number),
            level: node.level,
            level_from: node.level_from,
            title: found.text,
            line: self.lines[c.line].number + 1,
            column: c.column,
            span: Span::new(start, end),
            marker_span,
            title_span,
            path,
            components: dotted.len() as u8,
            explicit: c.explicit,
            parent_index: node.parent.unwrap_or(NO_PARENT),
            end: 0,
            body_range: (body_from, paragraphs.len()),
        }
    }

    /// The non-blank paragraphs of `[from, to)`; see [`Self::paragraphs_into`].
    pub fn paragraphs(&self, line: usize, from: usize, to: usize) -> Vec<Text<'s>> {
        let mut out = Vec::new();
        self.paragraphs_into(line, from, to, &mut out);
        out
    }

    /// The non-blank paragraphs of `[from, to)`, one per line, without the
    /// leading noise and surrounding whitespace; `line` holds `from`.
    fn paragraphs_into(&self, line: usize, from: usize, to: usize, out: &mut Vec<Text<'s>>) {
        // Each line's share of `[from, to)`, without noise and whitespace.
        for (i, l) in self.lines.iter().enumerate().skip(line) {
            if l.start >= to {
                break;
            }
            if self.skip[i] || l.end <= from {
                continue;
            }
            let start = if from <= l.content { l.content } else { from };
            let end = l.end.min(to);
            if start < end {
                let t = trim_space(self.src, start, end);
                if !t.is_empty() {
                    out.push(Text {
                        text: &self.src[t.range()],
                        span: t,
                    });
                }
            }
        }
    }

    /// A TOC entry; `next` is the entry after it, which may share its line
    /// (a one-line TOC).
    pub fn toc_entry(&self, c: &Candidate, next: Option<&Candidate>) -> TocEntry<'s> {
        let line = &self.lines[c.line];
        let end = next
            .filter(|n| n.line == c.line)
            .map_or(line.end, |n| n.start);
        let from = skip_delimiter(self.src, c.end(), end);
        let title_span = toc::strip_page_number(self.src, trim(self.src, from, end));
        TocEntry {
            kind: c.rec.kind,
            marker: &self.src[c.start..c.end()],
            number: c.rec.kind.is_numbered().then_some(c.rec.number),
            title: &self.src[title_span.range()],
            line: self.lines[c.line].number + 1,
            column: c.column,
            marker_span: Span::new(c.start, c.end()),
            title_span,
        }
    }
}
