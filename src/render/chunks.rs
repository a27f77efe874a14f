//! Retrieval chunks: one record per heading (and one for the preamble), each
//! with the breadcrumb of its ancestors, optionally split at sentence ends
//! and with tiny records merged into their section.
//!
//! The work is three steps over the document's text units (a title, a
//! paragraph, or with a limit a sentence or part of one), all in document
//! order: pack each heading's units greedily into groups of at most
//! `max_chars`; with `min_chars`, merge groups too small to stand alone into
//! a neighbour inside the same section; build one [`Chunk`] per group.

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
/// of one heading from 1. A chunk that merged the start of headings inside
/// its own (see [`ChunkOptions::min_chars`]) also has `"merged"`: their
/// marker and title, in order.
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
    /// Headings inside `heading`'s section whose first piece was merged into
    /// this chunk (only with [`ChunkOptions::min_chars`]), in document order.
    /// Their marker and title are in `text`, on a line of their own.
    pub merged: Vec<Node<'d, 'a>>,
    /// The pieces of the input the text is made of, in order: the title (first
    /// chunk of a heading only), then body paragraphs or parts of them; a
    /// merged heading's piece runs from its marker to the end of its title.
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

/// How [`chunks_with`] cuts a document. `Default` is one chunk per heading,
/// nothing split, nothing merged.
///
/// ```
/// use tigang::render::ChunkOptions;
/// let opts = ChunkOptions::default().max_chars(500).min_chars(50);
/// assert_eq!((opts.max_chars, opts.min_chars), (Some(500), Some(50)));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChunkOptions {
    /// Split a body that does not fit at sentence ends, then clause marks,
    /// then between characters, so that no chunk is longer (unless its
    /// title alone is). `Some(0)` counts as 1.
    pub max_chars: Option<usize>,
    /// Merge a chunk shorter than this into a neighbour inside the same
    /// section, never across a heading's end: a title with no body of its
    /// own (`（三）增强服务能力`, whose text is in its `一是…二是…`) goes
    /// forward into its first sub-heading's chunk, a short tail piece takes
    /// sentences from the piece before it. Merging never makes a chunk longer
    /// than `max_chars`; a chunk that cannot merge within those rules stays
    /// short (a one-line `四是…` between its siblings).
    pub min_chars: Option<usize>,
}

impl ChunkOptions {
    /// Sets [`ChunkOptions::max_chars`].
    ///
    /// ```
    /// assert_eq!(tigang::render::ChunkOptions::default().max_chars(300).max_chars, Some(300));
    /// ```
    pub fn max_chars(mut self, n: usize) -> Self {
        self.max_chars = Some(n);
        self
    }

    /// Sets [`ChunkOptions::min_chars`].
    ///
    /// ```
    /// assert_eq!(tigang::render::ChunkOptions::default().min_chars(40).min_chars, Some(40));
    /// ```
    pub fn min_chars(mut self, n: usize) -> Self {
        self.min_chars = Some(n);
        self
    }
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
/// paragraphs count as characters. [`chunks_with`] also merges tiny chunks.
///
/// ```
/// let doc = tigang::parse("一、提高认识。安全是前提。责任是关键。\n二、压实责任\n");
/// let chunks = tigang::render::chunks(&doc, Some(12));
/// let texts: Vec<_> = chunks.iter().map(|c| c.text.as_str()).collect();
/// assert_eq!(texts, ["提高认识\n安全是前提。", "责任是关键。", "压实责任"]);
/// assert_eq!((chunks[1].piece, chunks[1].pieces), (2, 2));
/// ```
pub fn chunks<'d, 'a>(doc: &'d Document<'a>, max_chars: Option<usize>) -> Vec<Chunk<'d, 'a>> {
    chunks_with(
        doc,
        ChunkOptions {
            max_chars,
            min_chars: None,
        },
    )
}

/// [`chunks`] with every option: `max_chars` splits long bodies, `min_chars`
/// merges chunks too short to be worth retrieving on their own into their
/// section (see [`ChunkOptions`]). Every character of every title and body is
/// still in exactly one chunk, and each chunk lies inside the section of its
/// `heading`.
///
/// ```
/// use tigang::render::{chunks_with, ChunkOptions};
/// let doc = tigang::parse("一、提高认识\n（一）压实责任\n要明确分工。\n二、加强督查\n");
/// let plain: Vec<_> = chunks_with(&doc, ChunkOptions::default()).into_iter().map(|c| c.text).collect();
/// assert_eq!(plain, ["提高认识", "压实责任\n要明确分工。", "加强督查"]);
///
/// // 一、 has no body of its own: its title goes with （一）, which lies inside it.
/// // 二、 is as short, but the chunk before it is another section.
/// let merged = chunks_with(&doc, ChunkOptions::default().min_chars(10));
/// let texts: Vec<_> = merged.iter().map(|c| c.text.as_str()).collect();
/// assert_eq!(texts, ["提高认识\n（一）压实责任\n要明确分工。", "加强督查"]);
/// assert_eq!(merged[0].merged[0].marker, "（一）");
/// ```
pub fn chunks_with<'d, 'a>(doc: &'d Document<'a>, opts: ChunkOptions) -> Vec<Chunk<'d, 'a>> {
    let src = doc.source();
    let max = opts.max_chars.map(|m| m.max(1));
    let min = opts.min_chars.filter(|&m| m > 1);
    let mut units = Vec::new();
    let mut groups = Vec::new();

    if !doc.preamble.is_empty() {
        let mut p = Packer::new(None, &mut units, &mut groups, max);
        for para in &doc.preamble {
            p.paragraph(src, para.span);
        }
        p.finish(min);
    }
    for h in doc.headings() {
        let mut p = Packer::new(Some(h.index()), &mut units, &mut groups, max);
        p.place(Unit {
            span: h.title_span,
            paragraph_start: true,
            // The title as the text holds it: a wrapped title keeps its
            // line break (`h.title` is joined).
            chars: src[h.title_span.range()].chars().count(),
            title_of: Some(h.index()),
        });
        for b in h.body() {
            p.paragraph(src, b.span);
        }
        p.finish(min);
    }
    if let Some(min) = min {
        groups = merge(doc, &units, groups, min, max);
    }
    build(doc, &units, &groups)
}

/// A piece of text that is never split further.
#[derive(Clone, Copy, Debug)]
struct Unit {
    span: Span,
    /// Whether it starts a paragraph (a line break joins it to what precedes).
    paragraph_start: bool,
    /// Length in `char`s.
    chars: usize,
    /// For a heading's title (the first unit of each heading, empty when
    /// the heading has none), the heading's index.
    title_of: Option<usize>,
}

impl Unit {
    /// Whether the unit adds nothing to a text that starts with it: an empty
    /// title has neither characters nor a line break.
    fn is_void(&self) -> bool {
        self.title_of.is_some() && self.span.is_empty()
    }
}

/// A run of consecutive units that becomes one chunk.
#[derive(Clone, Debug)]
struct Group {
    /// The heading (index) whose section the group is in; `None` for the preamble.
    owner: Option<usize>,
    /// `units[from..to]`.
    from: usize,
    to: usize,
    /// Length of the text in `char`s.
    chars: usize,
    /// Headings (indices) whose title units were merged in, in order.
    merged: Vec<usize>,
}

/// The `char`s that `units[from..to]` add to a text already holding
/// `before` of them: each unit, and a line break before each new paragraph
/// that is not the first thing in the text.
fn add_chars(units: &[Unit], mut before: usize) -> usize {
    for u in units {
        if u.is_void() {
            continue;
        }
        before += usize::from(before > 0 && u.paragraph_start) + u.chars;
    }
    before
}

/// Packs one owner's units greedily into groups of at most `max` chars,
/// cutting paragraphs only where they have to be cut.
///
/// A paragraph is one unit when it fits in the group being filled; else it
/// is cut at sentence ends (Unicode sentence boundaries), a sentence still
/// over `max` after a clause mark and at worst between graphemes, and as
/// soon as the rest of the paragraph fits, the rest is one unit. The chunks
/// are the same as when every sentence is a unit, but sentence segmentation
/// (UAX #29, the costly part) runs only on the paragraphs that are split.
struct Packer<'u> {
    owner: Option<usize>,
    units: &'u mut Vec<Unit>,
    groups: &'u mut Vec<Group>,
    max: Option<usize>,
    /// The owner's first unit and group.
    from: usize,
    first_group: usize,
    /// The group being filled: `units[start..]`, `chars` long.
    start: usize,
    chars: usize,
}

impl<'u> Packer<'u> {
    fn new(
        owner: Option<usize>,
        units: &'u mut Vec<Unit>,
        groups: &'u mut Vec<Group>,
        max: Option<usize>,
    ) -> Self {
        let from = units.len();
        let first_group = groups.len();
        Packer {
            owner,
            units,
            groups,
            max,
            from,
            first_group,
            start: from,
            chars: 0,
        }
    }

    /// Whether `chars` more, after a line break when they start a
    /// paragraph, fit in the group being filled.
    fn fits(&self, chars: usize, paragraph_start: bool) -> bool {
        let sep = usize::from(self.chars > 0 && paragraph_start);
        self.max.is_none_or(|max| self.chars + sep + chars <= max)
    }

    /// Adds a unit, closing the group first if the unit does not fit.
    fn place(&mut self, u: Unit) {
        let next = add_chars(std::slice::from_ref(&u), self.chars);
        // An empty title never makes a group on its own.
        let holds = self.units.len()
            > self.start + usize::from(self.units[self.start..].first().is_some_and(Unit::is_void));
        if holds && self.max.is_some_and(|max| next > max) {
            self.groups.push(Group {
                owner: self.owner,
                from: self.start,
                to: self.units.len(),
                chars: self.chars,
                merged: Vec::new(),
            });
            self.start = self.units.len();
            self.chars = add_chars(std::slice::from_ref(&u), 0);
        } else {
            self.chars = next;
        }
        self.units.push(u);
    }

    /// Adds a paragraph: whole if it fits, else in pieces (above).
    fn paragraph(&mut self, src: &str, span: Span) {
        let text = &src[span.range()];
        let total = text.chars().count();
        let whole = |start: usize, chars: usize, paragraph_start: bool| Unit {
            span: Span::new(span.start + start, span.end),
            paragraph_start,
            chars,
            title_of: None,
        };
        let Some(max) = self.max else {
            self.place(whole(0, total, true));
            return;
        };
        if self.fits(total, true) {
            self.place(whole(0, total, true));
            return;
        }
        let mut first = true;
        let mut consumed = 0;
        for (at, sentence) in text.split_sentence_bound_indices() {
            if !first && self.fits(total - consumed, false) {
                self.place(whole(at, total - consumed, false));
                return;
            }
            let n = sentence.chars().count();
            consumed += n;
            let mut piece = |p: &mut Self, start: usize, end: usize, chars: usize| {
                p.place(Unit {
                    span: Span::new(span.start + start, span.start + end),
                    paragraph_start: std::mem::take(&mut first),
                    chars,
                    title_of: None,
                });
            };
            if n <= max {
                piece(self, at, at + sentence.len(), n);
                continue;
            }
            // Too long: cut after the last clause mark that fits, else
            // between graphemes. One pass; `count` is chars since `start`.
            let mut start = 0;
            let mut count = 0;
            let mut clause: Option<(usize, usize)> = None;
            for (i, g) in sentence.grapheme_indices(true) {
                let n = g.chars().count();
                if count > 0 && count + n > max {
                    let (cut, cut_count) = clause.take().unwrap_or((i, count));
                    piece(self, at + start, at + cut, cut_count);
                    start = cut;
                    count -= cut_count;
                    if count > 0 && count + n > max {
                        piece(self, at + start, at + i, count);
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
                piece(self, at + start, at + sentence.len(), count);
            }
        }
    }

    /// Closes the last group; with `min`, evens out a short last group.
    fn finish(self, min: Option<usize>) {
        // A heading with neither title nor body still gets its record.
        if self.start < self.units.len() || self.groups.len() == self.first_group {
            self.groups.push(Group {
                owner: self.owner,
                from: self.start,
                to: self.units.len(),
                chars: self.chars,
                merged: Vec::new(),
            });
        }
        debug_assert!(self.groups[self.first_group].from == self.from);
        if let (Some(min), Some(max)) = (min, self.max) {
            even_out_tail(self.units, &mut self.groups[self.first_group..], min, max);
        }
    }
}

/// A greedy split leaves the last piece of a long body with whatever is
/// over: often one short sentence. Moves whole units from the end of the
/// piece before it until the last has `min` chars, as long as the last stays
/// within `max` and the piece before keeps its first unit (the title) and
/// `min` chars (or as many as the last).
fn even_out_tail(units: &[Unit], groups: &mut [Group], min: usize, max: usize) {
    let [.., prev, last] = groups else { return };
    let keep = 1 + usize::from(units[prev.from].is_void());
    while last.chars < min && prev.to - prev.from > keep {
        let new_last = add_chars(&units[prev.to - 1..last.to], 0);
        let new_prev = add_chars(&units[prev.from..prev.to - 1], 0);
        if new_last > max || new_prev < new_last.min(min) {
            break;
        }
        prev.to -= 1;
        last.from -= 1;
        prev.chars = new_prev;
        last.chars = new_last;
    }
}

/// Whether heading `inner` lies in the section of `outer` (itself included);
/// the preamble is a section of its own.
fn within(doc: &Document<'_>, outer: Option<usize>, inner: Option<usize>) -> bool {
    match (outer, inner) {
        (None, None) => true,
        (Some(o), Some(i)) => o <= i && i < doc.headings[o].end,
        _ => false,
    }
}

/// Merges groups shorter than `min` into a neighbour in the same section:
/// forward first (a title goes with what it introduces), else backward. A
/// group only ever takes groups that follow it inside its own section, so a
/// chunk never crosses the end of its heading's section, and a merge never
/// makes one longer than `max`.
fn merge(
    doc: &Document<'_>,
    units: &[Unit],
    groups: Vec<Group>,
    min: usize,
    max: Option<usize>,
) -> Vec<Group> {
    let fits = |n: usize| max.is_none_or(|max| n <= max);
    // The length of `a` followed by `b`, whose title, if `b` starts its
    // heading, is then written with its marker.
    let joined = |a: &Group, b: &Group| -> usize {
        let first = &units[b.from];
        let sep = usize::from(a.chars > 0 && first.paragraph_start);
        let b_len = match first.title_of {
            Some(h) if first.is_void() => label_chars(doc, h) + usize::from(b.chars > 0) + b.chars,
            Some(h) => b.chars - first.chars + label_chars(doc, h),
            None => b.chars,
        };
        a.chars + sep + b_len
    };
    let mut out: Vec<Group> = Vec::with_capacity(groups.len());
    let mut it = groups.into_iter().peekable();
    while let Some(mut cur) = it.next() {
        while cur.chars < min {
            let Some(next) = it.peek() else { break };
            let n = joined(&cur, next);
            if !within(doc, cur.owner, next.owner) || !fits(n) {
                break;
            }
            let next = it.next().expect("peeked");
            absorb(&mut cur, next, n, units);
        }
        if cur.chars < min
            && let Some(prev) = out.last_mut()
            && within(doc, prev.owner, cur.owner)
        {
            let n = joined(prev, &cur);
            if fits(n) {
                absorb(prev, cur, n, units);
                continue;
            }
        }
        out.push(cur);
    }
    out
}

fn absorb(into: &mut Group, g: Group, chars: usize, units: &[Unit]) {
    into.merged.extend(units[g.from].title_of);
    into.merged.extend(g.merged);
    into.to = g.to;
    into.chars = chars;
}

/// A merged heading's piece: from its marker to the end of its title.
fn label_span(h: &Heading<'_>) -> Span {
    Span::new(h.marker_span.start, h.title_span.end.max(h.marker_span.end))
}

fn label_chars(doc: &Document<'_>, heading: usize) -> usize {
    let span = label_span(&doc.headings[heading]);
    doc.source()[span.range()].chars().count()
}

/// Turns groups into chunks: text, spans, line, breadcrumb and piece numbers.
fn build<'d, 'a>(doc: &'d Document<'a>, units: &[Unit], groups: &[Group]) -> Vec<Chunk<'d, 'a>> {
    let src = doc.source();
    let lines = LineStarts::new(src);
    let document = doc.title.as_ref().map(|t| &*t.text);
    // Chunks per owner: the preamble at 0, heading i at i + 1.
    let mut count = vec![0usize; doc.headings.len() + 1];
    let slot = |owner: Option<usize>| owner.map_or(0, |i| i + 1);
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        let heading = g.owner.and_then(|i| doc.heading(i));
        let own = &units[g.from..g.to];
        let first = own.first().is_some_and(|u| u.title_of.is_some());
        let mut text = String::with_capacity(own.iter().map(|u| u.span.len() + 1).sum());
        let mut spans = Vec::with_capacity(own.len());
        for (k, u) in own.iter().enumerate() {
            let span = match u.title_of {
                // A merged heading is written with its marker.
                Some(h) if k > 0 => label_span(&doc.headings[h]),
                _ if u.is_void() => continue,
                _ => u.span,
            };
            if !text.is_empty() && u.paragraph_start {
                text.push('\n');
            }
            text.push_str(&src[span.range()]);
            spans.push(span);
        }
        let mut span = match (spans.first(), spans.last(), heading) {
            (Some(a), Some(b), _) => Span::new(a.start, b.end),
            (_, _, Some(h)) => h.title_span,
            _ => Span::default(),
        };
        let line = match heading {
            Some(h) if first => {
                span.start = h.marker_span.start;
                h.line
            }
            _ => lines.line_of(span.start),
        };
        let mut ancestors: Vec<_> = heading.map_or_else(Vec::new, |h| h.ancestors().collect());
        ancestors.reverse();
        let n = &mut count[slot(g.owner)];
        *n += 1;
        out.push(Chunk {
            document,
            heading,
            ancestors,
            merged: g.merged.iter().filter_map(|&i| doc.heading(i)).collect(),
            spans,
            text,
            chars: g.chars,
            span,
            line,
            piece: *n,
            pieces: 0,
        });
    }
    for c in &mut out {
        c.pieces = count[slot(c.heading.map(|h| h.index()))];
    }
    out
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

/// A heading's marker and title as one string, as breadcrumbs and Markdown
/// write them: joined as written in Chinese (`（一）加强领导`, `一是明确分工`),
/// with a space only after a chapter, section, article, part or dotted
/// marker that ends in a word or number (`第一章 总则`, `1.1 目标`).
///
/// ```
/// let doc = tigang::parse("第一章　总则\n（一）加强领导\n");
/// let labels: Vec<_> = doc.headings().map(|h| tigang::render::label(&h)).collect();
/// assert_eq!(labels, ["第一章 总则", "（一）加强领导"]);
/// ```
pub fn label(h: &Heading<'_>) -> String {
    let space = super::markdown::needs_space(h) && !h.title.is_empty();
    let mut s = String::with_capacity(h.marker.len() + h.title.len() + 1);
    s.push_str(h.marker);
    if space {
        s.push(' ');
    }
    s.push_str(&h.title);
    s
}
