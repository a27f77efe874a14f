//! Retrieval chunks: one record per heading (and one for the preamble), each
//! with the breadcrumb of its ancestors, optionally split at sentence ends.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use unicode_segmentation::UnicodeSegmentation;

use crate::document::{Document, Heading, Node, Span};

/// A piece of a document for a retrieval pipeline: a heading's title and body
/// (or the preamble), with where it sits in the outline. See [`chunks`].
///
/// Serialises as one JSON object (a JSON Lines record):
/// `{"document", "path", "kind", "marker", "title", "level", "text", "span",
/// "line", "chars", "piece", "pieces"}`, where `path` is the ancestors'
/// marker and title (`["一、提高认识", "（一）压实责任"]`), `kind` is the
/// heading's kind or `"preamble"`, and `piece` of `pieces` numbers the chunks
/// of one heading from 1.
///
/// ```
/// let doc = tigang::parse("一、提高认识\n（一）压实责任。一是明确分工。\n");
/// let chunks = tigang::render::chunks(&doc, None);
/// let json = serde_json::to_string(&chunks[1]).unwrap();
/// assert!(json.contains(r#""path":["一、提高认识"],"kind":"paren_numeral","marker":"（一）""#));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Chunk<'d, 'a> {
    /// The document's title, if it has one.
    pub document: Option<&'d str>,
    /// The heading the chunk belongs to; `None` for the preamble.
    pub heading: Option<Node<'d, 'a>>,
    /// The headings enclosing it, outermost first.
    pub ancestors: Vec<Node<'d, 'a>>,
    /// The pieces of the input the text is made of, in order: the title (first
    /// chunk of a heading only), then body paragraphs or parts of them.
    pub spans: Vec<Span>,
    /// The text: the pieces, with a line break where a new paragraph starts.
    pub text: String,
    /// Length of `text` in `char`s.
    pub chars: usize,
    /// From the marker (first chunk of a heading) or the first piece to the
    /// end of the last piece.
    pub span: Span,
    /// 1-based line where `span` starts.
    pub line: usize,
    /// 1-based number of this chunk among its heading's chunks.
    pub piece: usize,
    /// How many chunks its heading has.
    pub pieces: usize,
}

/// Cuts a document into chunks for retrieval: one per heading, in document
/// order, after one for the preamble when there is one. A chunk's text is the
/// heading's title and its own body (not its sub-headings').
///
/// With `max_chars`, a body that does not fit is split at sentence ends
/// (Unicode sentence boundaries, which break after `。！？` and a closing
/// quote after them); a sentence still too long is split after a clause mark
/// (`，；：、`), and at worst between characters. Chunks never cross a heading,
/// every character of every body is in exactly one chunk, and a chunk is
/// longer than `max_chars` only when the title alone is. Line breaks that join
/// paragraphs count as characters.
///
/// ```
/// let doc = tigang::parse("一、提高认识。安全是前提。责任是关键。\n二、压实责任\n");
/// let chunks = tigang::render::chunks(&doc, Some(12));
/// let texts: Vec<_> = chunks.iter().map(|c| c.text.as_str()).collect();
/// assert_eq!(texts, ["提高认识\n安全是前提。", "责任是关键。", "压实责任"]);
/// assert_eq!((chunks[1].piece, chunks[1].pieces), (2, 2));
/// ```
pub fn chunks<'d, 'a>(doc: &'d Document<'a>, max_chars: Option<usize>) -> Vec<Chunk<'d, 'a>> {
    let src = doc.source();
    let lines = LineStarts::new(src);
    let max = max_chars.map(|m| m.max(1));
    let document = doc.title.as_ref().map(|t| &*t.text);
    let mut out = Vec::new();
    let mut units = Vec::new();

    if !doc.preamble.is_empty() {
        for p in &doc.preamble {
            split_paragraph(src, p.span, max, &mut units);
        }
        let owner = Owner {
            document,
            heading: None,
            ancestors: Vec::new(),
        };
        pack(src, &lines, &owner, &units, max, &mut out);
    }

    let mut open: Vec<Node<'d, 'a>> = Vec::new();
    for h in doc.headings() {
        open.truncate(h.level.saturating_sub(1));
        units.clear();
        if !h.title.is_empty() {
            units.push(Unit {
                span: h.title_span,
                paragraph_start: true,
            });
        }
        for b in h.body() {
            split_paragraph(src, b.span, max, &mut units);
        }
        let owner = Owner {
            document,
            heading: Some(h),
            ancestors: open.clone(),
        };
        pack(src, &lines, &owner, &units, max, &mut out);
        open.push(h);
    }
    out
}

/// A piece of text that is never split further.
#[derive(Clone, Copy, Debug)]
struct Unit {
    span: Span,
    /// Whether it starts a paragraph (a line break joins it to what precedes).
    paragraph_start: bool,
}

/// Appends the units of one paragraph: the whole paragraph, or with a limit
/// its sentences, and pieces of sentences still over the limit.
fn split_paragraph(src: &str, span: Span, max: Option<usize>, units: &mut Vec<Unit>) {
    let Some(max) = max else {
        units.push(Unit {
            span,
            paragraph_start: true,
        });
        return;
    };
    let text = &src[span.range()];
    let mut first = true;
    let mut push = |start: usize, end: usize, units: &mut Vec<Unit>| {
        units.push(Unit {
            span: Span::new(span.start + start, span.start + end),
            paragraph_start: std::mem::take(&mut first),
        });
    };
    for (at, sentence) in text.split_sentence_bound_indices() {
        if sentence.chars().count() <= max {
            push(at, at + sentence.len(), units);
            continue;
        }
        // Too long: cut after the last clause mark that fits, else between
        // graphemes. One pass; `count` is chars since `start`.
        let mut start = 0;
        let mut count = 0;
        let mut clause: Option<(usize, usize)> = None;
        for (i, g) in sentence.grapheme_indices(true) {
            let n = g.chars().count();
            if count > 0 && count + n > max {
                let (cut, cut_count) = clause.take().unwrap_or((i, count));
                push(at + start, at + cut, units);
                start = cut;
                count -= cut_count;
                if count > 0 && count + n > max {
                    push(at + start, at + i, units);
                    start = i;
                    count = 0;
                }
            }
            count += n;
            if matches!(g, "，" | "；" | "：" | "、" | "," | ";" | ":") {
                clause = Some((i + g.len(), count));
            }
        }
        if start < sentence.len() {
            push(at + start, at + sentence.len(), units);
        }
    }
}

/// What a run of chunks belongs to: a heading or the preamble.
struct Owner<'d, 'a> {
    document: Option<&'d str>,
    heading: Option<Node<'d, 'a>>,
    ancestors: Vec<Node<'d, 'a>>,
}

/// Packs units greedily into chunks of at most `max` chars and appends them.
fn pack<'d, 'a>(
    src: &str,
    lines: &LineStarts,
    owner: &Owner<'d, 'a>,
    units: &[Unit],
    max: Option<usize>,
    out: &mut Vec<Chunk<'d, 'a>>,
) {
    let first = out.len();
    let mut from = 0;
    let mut chars = 0;
    for (i, u) in units.iter().enumerate() {
        let n = src[u.span.range()].chars().count();
        let sep = usize::from(i > from && u.paragraph_start);
        if max.is_some_and(|max| i > from && chars + sep + n > max) {
            out.push(chunk(
                src,
                lines,
                owner,
                &units[from..i],
                chars,
                out.len() == first,
            ));
            from = i;
            chars = n;
        } else {
            chars += sep + n;
        }
    }
    // A heading with neither title nor body still gets its record.
    if from < units.len() || out.len() == first {
        out.push(chunk(
            src,
            lines,
            owner,
            &units[from..],
            chars,
            out.len() == first,
        ));
    }
    let count = out.len() - first;
    for (i, c) in out[first..].iter_mut().enumerate() {
        c.piece = i + 1;
        c.pieces = count;
    }
}

fn chunk<'d, 'a>(
    src: &str,
    lines: &LineStarts,
    owner: &Owner<'d, 'a>,
    units: &[Unit],
    chars: usize,
    first: bool,
) -> Chunk<'d, 'a> {
    let mut text = String::with_capacity(units.iter().map(|u| u.span.len() + 1).sum());
    for (i, u) in units.iter().enumerate() {
        if i > 0 && u.paragraph_start {
            text.push('\n');
        }
        text.push_str(&src[u.span.range()]);
    }
    let mut span = match (units.first(), units.last(), owner.heading) {
        (Some(a), Some(b), _) => Span::new(a.span.start, b.span.end),
        (_, _, Some(h)) => h.title_span,
        _ => Span::default(),
    };
    let line = match owner.heading {
        Some(h) if first => {
            span.start = h.marker_span.start;
            h.line
        }
        _ => lines.line_of(span.start),
    };
    Chunk {
        document: owner.document,
        heading: owner.heading,
        ancestors: owner.ancestors.clone(),
        spans: units.iter().map(|u| u.span).collect(),
        text,
        chars,
        span,
        line,
        piece: 0,
        pieces: 0,
    }
}

/// Where lines start, to give a 1-based line for any offset. Breaks are
/// `\n`, `\r\n` and `\r`, as the parser counts them.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(src: &str) -> Self {
        let b = src.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', b) {
            if !(b[i] == b'\r' && b.get(i + 1) == Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineStarts(starts)
    }

    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset)
    }
}

impl Serialize for Chunk<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(12))?;
        m.serialize_entry("document", &self.document)?;
        m.serialize_entry("path", &Breadcrumb(&self.ancestors))?;
        let h = self.heading;
        m.serialize_entry("kind", h.map_or("preamble", |h| h.kind.as_str()))?;
        m.serialize_entry("marker", h.map_or("", |h| h.marker))?;
        m.serialize_entry("title", h.map_or("", |h| &*h.heading().title))?;
        m.serialize_entry("level", &h.map_or(0, |h| h.level))?;
        m.serialize_entry("text", &self.text)?;
        m.serialize_entry("span", &self.span)?;
        m.serialize_entry("line", &self.line)?;
        m.serialize_entry("chars", &self.chars)?;
        m.serialize_entry("piece", &self.piece)?;
        m.serialize_entry("pieces", &self.pieces)?;
        m.end()
    }
}

/// Serialises ancestors as `marker` + `title` strings, written as in the
/// Markdown rendering (`一、提高认识`, `第一章 总则`).
struct Breadcrumb<'p, 'd, 'a>(&'p [Node<'d, 'a>]);

impl Serialize for Breadcrumb<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|h| label(h)))
    }
}

/// A heading's marker and title as one string.
pub(crate) fn label(h: &Heading<'_>) -> String {
    let space = super::markdown::needs_space(h) && !h.title.is_empty();
    let mut s = String::with_capacity(h.marker.len() + h.title.len() + 1);
    s.push_str(h.marker);
    if space {
        s.push(' ');
    }
    s.push_str(&h.title);
    s
}
