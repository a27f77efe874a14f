//! Where a heading's title is (spec §4).
//!
//! The title is the text after the marker (and a doubled delimiter) up to
//! the first sentence end outside quotes, the next marker on the line, or
//! the end of the line. Beyond that one line:
//!
//! - a marker alone on its line (`第一條`, the article's text on the next
//!   line) takes its title from the next line of text;
//! - a title that reaches the end of its line with no sentence end goes on
//!   when the document's line breaks are hard wraps (paragraphs separated by
//!   blank lines, as in PDF→Markdown text; a fixed width; a hanging indent),
//!   and past blank lines only while a quote or bracket is open; its pieces
//!   are joined without the line breaks and the indentation;
//! - a Markdown bold heading's title ends at its closing `**`;
//! - an explicit heading's title is its whole line (a link's text, not its
//!   URL).

use std::borrow::Cow;
use std::cell::OnceCell;

use super::candidate::{Boundary, Candidate, Line};
use super::recognise;
use super::text::{leading_space, skip_delimiter, title_stop, title_stop_within, trim, trim_space};
use crate::document::Span;
use crate::kind::MarkerKind;

/// Most lines a wrapped title runs over.
const MAX_PIECES: usize = 8;

/// A heading's title, and where its body starts.
pub(super) struct Found<'s> {
    pub span: Span,
    pub text: Cow<'s, str>,
    pub body_start: usize,
}

/// Finds titles in one document; what it learns about the document's line
/// breaks is computed once, when first needed.
pub(super) struct Titles<'s, 'l> {
    src: &'s str,
    lines: &'l [Line],
    skip: &'l [bool],
    /// Every line is a paragraph (Word, HTML): titles never wrap.
    paragraphs: bool,
    wraps: OnceCell<Wraps>,
}

/// How the document breaks its lines.
struct Wraps {
    /// Paragraphs are separated by blank lines, so two lines in a row are
    /// one paragraph wrapped.
    blank_separated: bool,
    /// The byte length of a full line, when the text has one (fixed-width
    /// text, PDF extraction): the 90th percentile of the lines' lengths.
    full: usize,
}

impl<'s, 'l> Titles<'s, 'l> {
    pub fn new(src: &'s str, lines: &'l [Line], skip: &'l [bool], paragraphs: bool) -> Self {
        Titles {
            src,
            lines,
            skip,
            paragraphs,
            wraps: OnceCell::new(),
        }
    }

    /// The first byte a heading owns: its marker, or for a part closing its
    /// line, the title before it.
    pub fn own_start(&self, c: &Candidate) -> usize {
        match c.boundary {
            Boundary::LineEnd => self.lines[c.line].content,
            _ => c.start,
        }
    }

    /// The title of the heading at `c`; `next` is the next heading.
    pub fn of(&self, c: &Candidate, next: Option<&Candidate>) -> Found<'s> {
        let src = self.src;
        let line = &self.lines[c.line];
        if c.boundary == Boundary::LineEnd {
            return self.one(trim(src, line.content, c.start), c.end());
        }
        let line_limit = match next {
            Some(n) if n.line == c.line => self.own_start(n),
            _ => line.end,
        };
        if c.rec.kind == MarkerKind::Heading {
            return self.one(self.explicit(line.content, line_limit), line_limit);
        }
        let from = skip_delimiter(src, c.end(), line_limit);
        let from = skip_copy(src, c, from, line_limit);
        // `**三、妨害社會管理秩序罪** 裡，…`: the bold run is the title.
        let bold_end = c
            .bold
            .then(|| memchr::memmem::find(&src.as_bytes()[from..line_limit], b"**"))
            .flatten()
            .map(|p| from + p);
        let limit = bold_end.unwrap_or(line_limit);
        let (stop, mark, open) = title_stop_within(src, from, limit, 0);
        let first = trim(src, from, stop);
        if mark > 0 {
            return self.one(first, stop + mark);
        }
        if let Some(b) = bold_end {
            return self.one(first, b + 2);
        }
        if limit < line.end {
            return self.one(first, stop);
        }
        if first.is_empty() {
            if !c.rec.kind.is_ordinal() {
                if let Some(f) = self.on_next_line(c, next) {
                    return f;
                }
            }
            return self.one(first, stop);
        }
        // (A `#` line's title may wrap too: a converter's `#` before a
        // hard-wrapped heading line keeps the title the text has.)
        if self.paragraphs {
            return self.one(first, stop);
        }
        // A wrapped title keeps the punctuation at its line ends
        // (`社區服務、⏎專題講座`): only the last piece loses a trailing `，`.
        self.wrapped(c, next, trim_space(src, from, stop), open)
            .unwrap_or_else(|| self.one(first, stop))
    }

    fn one(&self, span: Span, body_start: usize) -> Found<'s> {
        Found {
            span,
            text: Cow::Borrowed(&self.src[span.range()]),
            body_start,
        }
    }

    /// An explicit heading's title: the line (up to a marker on it) without
    /// a closing `#` run, and for a link its text.
    fn explicit(&self, from: usize, to: usize) -> Span {
        let src = self.src;
        let text = &src[from..to];
        let mut end = text.trim_end().trim_end_matches('#').trim_end().len();
        let mut start = 0;
        if text.starts_with('[') {
            if let Some(close) = text[..end].find("](") {
                start = 1;
                end = close;
            }
        }
        trim(src, from + start, from + end)
    }

    /// `第一條` alone on its line: the title is the first sentence of the
    /// next line of text (not a link, an image or another heading).
    fn on_next_line(&self, c: &Candidate, next: Option<&Candidate>) -> Option<Found<'s>> {
        let ni = c.line + 1;
        let n = self.lines.get(ni)?;
        if self.skip[ni] {
            return None;
        }
        let limit = match next {
            Some(x) if x.line == ni && x.start <= n.content => return None,
            Some(x) if x.line == ni => self.own_start(x),
            _ => n.end,
        };
        let text = &self.src[n.content..limit];
        if text.starts_with(['[', '<', '!', '|']) {
            return None;
        }
        let (stop, mark) = title_stop(self.src, n.content, limit);
        let span = trim(self.src, n.content, stop);
        (!span.is_empty()).then(|| self.one(span, stop + mark))
    }

    /// A title that reached the end of its line with no sentence end, going
    /// on over the lines after it while the document wraps its lines.
    fn wrapped(
        &self,
        c: &Candidate,
        next: Option<&Candidate>,
        first: Span,
        mut open: u32,
    ) -> Option<Found<'s>> {
        let src = self.src;
        let mut pieces = vec![first];
        let mut li = c.line;
        let mut body_start = None;
        while pieces.len() < MAX_PIECES {
            let (cur, ni) = (&self.lines[li], li + 1);
            let Some(n) = self.lines.get(ni) else { break };
            if self.skip[ni] {
                break;
            }
            let limit = match next {
                Some(x) if x.line == ni && x.start <= n.content => break,
                Some(x) if x.line == ni => self.own_start(x),
                _ => n.end,
            };
            let adjacent = n.number == cur.number + 1;
            if !(open > 0 || (adjacent && self.wraps(cur, n))) {
                break;
            }
            let (stop, mark, still_open) = title_stop_within(src, n.content, limit, open);
            li = ni;
            if mark > 0 || limit < n.end {
                pieces.push(trim(src, n.content, stop));
                body_start = Some(stop + mark);
                break;
            }
            pieces.push(trim_space(src, n.content, stop));
            open = still_open;
        }
        if pieces.len() == 1 {
            return None;
        }
        let end = pieces.len() - 1;
        pieces[end] = trim(src, pieces[end].start, pieces[end].end);
        let last = pieces[end];
        let body_start = body_start.unwrap_or(last.end);
        // The last piece loses a trailing `：，`, the others only their
        // whitespace: a comma at a wrap is part of the title.
        let text: String = pieces.iter().map(|p| &src[p.range()]).collect();
        Some(Found {
            span: Span::new(first.start, last.end),
            text: Cow::Owned(text),
            body_start,
        })
    }

    /// Whether the line break after `cur` (before `n`) is a wrap.
    fn wraps(&self, cur: &Line, n: &Line) -> bool {
        let w = self.wraps.get_or_init(|| Wraps::of(self.lines));
        let len = |l: &Line| l.end - l.content;
        // Whitespace only: a converter's `# ` before a heading line is no
        // indentation of it.
        let indent = |l: &Line| leading_space(&self.src[l.start..l.content]);
        // A short line above the next is a heading above its paragraph,
        // even where paragraphs are otherwise separated by blank lines.
        if w.blank_separated && len(cur) >= 60 {
            return true;
        }
        // A full line of fixed-width text, and the next flush or indented.
        if w.full >= 60 && len(cur) * 100 >= w.full * 85 && indent(n) >= indent(cur) {
            return true;
        }
        // A hanging indent: the next line indented by spaces more than this
        // one, and this one about as long as it (a full line, not a short
        // heading above an indented paragraph).
        let hanging = indent(n) > indent(cur)
            && self.src.as_bytes()[n.start..n.content]
                .iter()
                .all(|&b| b == b' ' || b == b'\t');
        hanging && len(cur) * 10 >= len(n) * 8
    }
}

/// `（1）（1）定位漫游`: a marker written twice in a row (as PDF converters
/// double it) is one marker, and the copy is noise between it and the title
/// (spec §3 rule 3).
fn skip_copy(src: &str, c: &Candidate, from: usize, limit: usize) -> usize {
    let marker = &src.as_bytes()[c.start..c.end()];
    // Most titles start at once with a character that begins no copy.
    let next = src.as_bytes().get(c.end()).copied();
    if marker.len() < 2
        || !(next == marker.first().copied() || next.is_some_and(|b| b == b' ' || b == 0xE3))
        || matches!(
            c.rec.kind,
            MarkerKind::Heading
                | MarkerKind::OrdinalShi
                | MarkerKind::OrdinalYao
                | MarkerKind::OrdinalDi
                | MarkerKind::Sequence
        )
    {
        return from;
    }
    let at = c.end() + leading_space(&src[c.end()..limit]);
    // The copy must read as the same marker (`二、二、三级医院` holds one).
    let copy = src.as_bytes()[at..limit].starts_with(marker)
        && recognise::line_marker_of(c.rec.kind, &src[at..limit])
            .is_some_and(|r| r.len() == marker.len());
    if copy {
        skip_delimiter(src, at + marker.len(), limit)
    } else {
        from
    }
}

impl Wraps {
    fn of(lines: &[Line]) -> Wraps {
        // Two kept lines with consecutive numbers have no blank line between.
        let adjacent = lines
            .windows(2)
            .filter(|w| w[1].number == w[0].number + 1)
            .count();
        let blank_separated = lines.len() >= 8 && adjacent * 4 < lines.len();
        let mut lens: Vec<usize> = lines
            .iter()
            .map(|l| l.end - l.content)
            .filter(|&n| n >= 30)
            .collect();
        let full = if lens.len() >= 8 {
            let at = lens.len() * 9 / 10;
            *lens.select_nth_unstable(at).1
        } else {
            0
        };
        Wraps {
            blank_separated,
            full,
        }
    }
}
