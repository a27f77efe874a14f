//! The typed result of [`parse`](crate::parse): a borrowed heading tree with
//! byte spans on everything.

use std::borrow::Cow;

#[cfg(feature = "serde")]
use serde::ser::SerializeTuple;
#[cfg(feature = "serde")]
use serde::{Serialize, Serializer};

use crate::kind::MarkerKind;

/// Dotted paths have at most six components (the grammar allows 2–6).
pub(crate) const MAX_PATH: usize = 6;

/// A half-open byte range `[start, end)` into the parsed input.
///
/// Serialises as a two-element array, `[start, end]`.
///
/// ```
/// let doc = tigang::parse("一、总体要求\n");
/// let h = doc.headings().next().unwrap();
/// assert_eq!(&doc.source()[h.marker_span.range()], "一、");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    ///
    /// ```
    /// let s = tigang::Span::new(3, 9);
    /// assert_eq!(s.len(), 6);
    /// ```
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a `Range`, for slicing the input.
    ///
    /// ```
    /// assert_eq!(&"一、总体"[tigang::Span::new(0, 6).range()], "一、");
    /// ```
    pub const fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    ///
    /// ```
    /// assert_eq!(tigang::Span::new(2, 2).len(), 0);
    /// ```
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    ///
    /// ```
    /// assert!(tigang::Span::new(2, 2).is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.start >= self.end
    }
}

impl std::fmt::Debug for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

#[cfg(feature = "serde")]
impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut t = s.serialize_tuple(2)?;
        t.serialize_element(&self.start)?;
        t.serialize_element(&self.end)?;
        t.end()
    }
}

/// A run of text borrowed from the input, with its span: a paragraph of a
/// body or of the preamble.
///
/// ```
/// let doc = tigang::parse("同志们：\n一、总体要求\n");
/// assert_eq!(doc.preamble[0].text, "同志们：");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text<'a> {
    /// The text exactly as written (`input[span]`).
    pub text: &'a str,
    /// Where it is in the input.
    pub span: Span,
}

/// The document's title or subtitle: its text and where it is. The text is
/// borrowed unless the title is set on two lines, which are joined with a
/// space (`span` then covers both).
///
/// ```
/// let doc = tigang::parse("关于安全生产的讲话\n一、甲\n");
/// let t = doc.title.unwrap();
/// assert_eq!((&*t.text, t.span.len()), ("关于安全生产的讲话", 27));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title<'a> {
    /// The title as a reader sees it.
    pub text: Cow<'a, str>,
    /// The bytes it comes from: one or two lines of the preamble, or the
    /// `title:` value inside the front matter.
    pub span: Span,
}

/// One heading of the outline: its marker, title and place in the text.
///
/// Headings live in their [`Document`], in document order; a [`Node`] is a
/// heading together with its document, which gives its body, children and
/// parent. [`Document::headings`] and [`Document::children`] hand out nodes,
/// and a node derefs to its `Heading`, so `node.title` reads the field.
///
/// ```
/// let doc = tigang::parse("一、提高站位。要把思想统一起来。\n");
/// let h = doc.children().next().unwrap();
/// assert_eq!(h.kind, tigang::MarkerKind::Numeral);
/// assert_eq!((h.marker, h.number, &*h.title), ("一、", Some(1), "提高站位"));
/// assert_eq!(h.body()[0].text, "要把思想统一起来。");
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Heading<'a> {
    /// What kind of marker opened the heading.
    pub kind: MarkerKind,
    /// The marker as written, with its delimiter (`一、`, `（一）`, `第一，`,
    /// `首先`); `""` for an explicit [`Heading`](MarkerKind::Heading).
    pub marker: &'a str,
    /// The marker's value (`十二、` is 12, `其次` is 2, `第十二至十四條` is 12);
    /// for dotted markers the last component; `None` for an explicit heading.
    pub number: Option<u32>,
    /// Depth in the tree, 1 for top-level headings.
    pub level: usize,
    /// What decided the level: the numbering, the markup or the line's text.
    pub level_from: LevelFrom,
    /// The title: the text after the marker up to the first sentence end.
    /// Borrowed from the input, unless the title was wrapped over several
    /// lines (a PDF extraction, a hanging indent): then its pieces are
    /// joined without the line breaks and the indentation, and
    /// [`title_span`](Self::title_span) covers them all.
    pub title: Cow<'a, str>,
    /// 1-based line of the marker.
    pub line: usize,
    /// 1-based column of the marker's first character, counted in `char`s.
    pub column: usize,
    /// From the heading's first byte to the end of its last descendant.
    pub span: Span,
    /// The marker's bytes.
    pub marker_span: Span,
    /// The title's bytes (empty, and placed after the marker, when there is no title).
    pub title_span: Span,
    /// A dotted marker's components, `path[..components]`.
    pub(crate) path: [u16; MAX_PATH],
    pub(crate) components: u8,
    /// The explicit level of the line (Markdown `#`s, an HTML or Word
    /// heading level), 0 for none.
    pub(crate) explicit: u8,
    /// The parent's index in [`Document::headings`], or [`NO_PARENT`].
    pub(crate) parent_index: usize,
    /// One past the index of the heading's last descendant.
    pub(crate) end: usize,
    /// The body: `Document::paragraphs[body.0..body.1]`.
    pub(crate) body_range: (usize, usize),
}

/// Where a heading's level came from (docs/format.md §7, `level_from`): how
/// sure a retrieval pipeline may be of it.
///
/// ```
/// use tigang::LevelFrom;
/// let doc = tigang::parse("同志们：\n## 工作目标\n一、甲\n");
/// let from: Vec<_> = doc.headings().map(|h| h.level_from).collect();
/// assert_eq!(from, [LevelFrom::Markup, LevelFrom::Numbering]);
/// assert_eq!(LevelFrom::Title.as_str(), "title");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LevelFrom {
    /// The marker's kind and the document's own order (`一、` › `（一）`).
    Numbering,
    /// The level the line declares: a Markdown `#` depth, an HTML heading,
    /// a Word heading style or outline level, where depths tell levels apart.
    Markup,
    /// The line's text: a section label (`摘要`, `参考文献`) or another
    /// unnumbered heading, in a document whose `#` depths carry no level.
    Title,
}

impl LevelFrom {
    /// Every value, in the order of the JSON Schema's `enum`.
    ///
    /// ```
    /// assert_eq!(tigang::LevelFrom::ALL.len(), 3);
    /// ```
    pub const ALL: [LevelFrom; 3] = [LevelFrom::Numbering, LevelFrom::Markup, LevelFrom::Title];

    /// The JSON name: `numbering`, `markup` or `title`.
    ///
    /// ```
    /// assert_eq!(tigang::LevelFrom::Numbering.as_str(), "numbering");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            LevelFrom::Numbering => "numbering",
            LevelFrom::Markup => "markup",
            LevelFrom::Title => "title",
        }
    }
}

impl std::fmt::Display for LevelFrom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl Serialize for LevelFrom {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// [`Heading::parent`] of a top-level heading.
pub(crate) const NO_PARENT: usize = usize::MAX;

/// The public fields and the dotted path; the tree links are [`Node`]'s.
impl std::fmt::Debug for Heading<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Heading");
        d.field("kind", &self.kind)
            .field("marker", &self.marker)
            .field("number", &self.number);
        if !self.path().is_empty() {
            d.field("path", &self.path());
        }
        d.field("level", &self.level)
            .field("level_from", &self.level_from)
            .field("title", &self.title)
            .field("line", &self.line)
            .field("column", &self.column)
            .field("span", &self.span)
            .field("marker_span", &self.marker_span)
            .field("title_span", &self.title_span)
            .finish()
    }
}

impl Heading<'_> {
    /// All components of a dotted marker (`2.3.1` is `[2, 3, 1]`); empty for
    /// other kinds.
    ///
    /// ```
    /// let doc = tigang::parse("2.3.1 机房\n");
    /// assert_eq!(doc.headings().next().unwrap().path(), [2, 3, 1]);
    /// ```
    pub fn path(&self) -> &[u16] {
        &self.path[..usize::from(self.components)]
    }

    /// The level the line itself declares: the number of `#` of a Markdown
    /// ATX heading (`### 工作目标` is 3), an HTML `<h3>` or a Word
    /// "Heading 3" style; `None` for a line that declares none. Every
    /// explicit [`Heading`](MarkerKind::Heading) has one. The tree's own
    /// depth is [`Heading::level`]; the two differ wherever the markup
    /// does not tell levels apart (a converter's flat `#`).
    ///
    /// ```
    /// let doc = tigang::parse("同志们：\n## 工作目标\n1.甲\n");
    /// let h = doc.headings().next().unwrap();
    /// assert_eq!((h.kind, h.declared_level()), (tigang::MarkerKind::Heading, Some(2)));
    /// assert_eq!(doc.headings().nth(1).unwrap().declared_level(), None);
    /// ```
    pub fn declared_level(&self) -> Option<usize> {
        (self.explicit > 0).then_some(usize::from(self.explicit))
    }

    /// The old name of [`Heading::declared_level`] (the JSON field stays
    /// `depth`): "depth" beside `level` read the wrong way round.
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// let doc = tigang::parse("同志们：\n## 工作目标\n1.甲\n");
    /// assert_eq!(doc.headings().next().unwrap().depth(), Some(2));
    /// ```
    #[deprecated(since = "0.2.0", note = "renamed `declared_level`")]
    pub fn depth(&self) -> Option<usize> {
        self.declared_level()
    }
}

/// A heading in its document: derefs to the [`Heading`] and walks the tree.
///
/// Cheap to copy (a reference and an index). Two nodes are equal when they
/// are the same heading of the same document.
///
/// ```
/// let doc = tigang::parse("一、甲\n（一）乙。细则。\n（二）丙\n二、丁\n");
/// let first = doc.children().next().unwrap();
/// let kids: Vec<_> = first.children().map(|c| c.title.to_string()).collect();
/// assert_eq!(kids, ["乙", "丙"]);
/// let yi = first.children().next().unwrap();
/// assert_eq!(yi.body()[0].text, "细则。");
/// assert_eq!(yi.parent(), Some(first));
/// ```
#[derive(Clone, Copy)]
pub struct Node<'d, 'a> {
    doc: &'d Document<'a>,
    index: usize,
}

impl<'d, 'a> Node<'d, 'a> {
    /// The heading's data, borrowed for as long as the document.
    ///
    /// ```
    /// let doc = tigang::parse("一、甲\n");
    /// let h: &tigang::Heading = doc.headings().next().unwrap().heading();
    /// assert_eq!(h.marker, "一、");
    /// ```
    pub fn heading(&self) -> &'d Heading<'a> {
        &self.doc.headings[self.index]
    }

    /// Position among all headings, in document order (the order of
    /// [`Document::headings`]).
    ///
    /// ```
    /// let doc = tigang::parse("一、甲\n（一）乙\n");
    /// let idx: Vec<_> = doc.headings().map(|n| n.index()).collect();
    /// assert_eq!(idx, [0, 1]);
    /// ```
    pub fn index(&self) -> usize {
        self.index
    }

    /// The document the heading belongs to.
    ///
    /// ```
    /// let doc = tigang::parse("一、甲\n");
    /// let n = doc.headings().next().unwrap();
    /// assert_eq!(n.document().source(), "一、甲\n");
    /// ```
    pub fn document(&self) -> &'d Document<'a> {
        self.doc
    }

    /// Paragraphs after the title up to the next heading.
    ///
    /// ```
    /// let doc = tigang::parse("一、甲。第一段。\n第二段。\n");
    /// let body: Vec<_> = doc.headings().next().unwrap().body().iter().map(|t| t.text).collect();
    /// assert_eq!(body, ["第一段。", "第二段。"]);
    /// ```
    pub fn body(&self) -> &'d [Text<'a>] {
        let (from, to) = self.heading().body_range;
        &self.doc.paragraphs[from..to]
    }

    /// Sub-headings, in document order.
    ///
    /// ```
    /// let doc = tigang::parse("一、甲\n1.乙\n2.丙\n");
    /// let first = doc.children().next().unwrap();
    /// assert_eq!(first.children().map(|c| c.number).collect::<Vec<_>>(), [Some(1), Some(2)]);
    /// ```
    pub fn children(&self) -> Children<'d, 'a> {
        Children {
            doc: self.doc,
            next: self.index + 1,
            end: self.heading().end,
        }
    }

    /// The enclosing heading; `None` for a top-level heading.
    ///
    /// ```
    /// let doc = tigang::parse("一、甲\n1.乙\n");
    /// let leaf = doc.headings().last().unwrap();
    /// assert_eq!(leaf.parent().map(|p| p.marker), Some("一、"));
    /// ```
    pub fn parent(&self) -> Option<Node<'d, 'a>> {
        let p = self.heading().parent_index;
        (p != NO_PARENT).then_some(Node {
            doc: self.doc,
            index: p,
        })
    }

    /// The enclosing headings, innermost first (empty for a top-level heading).
    ///
    /// ```
    /// let doc = tigang::parse("一、甲\n（一）乙\n1.丙\n");
    /// let leaf = doc.headings().last().unwrap();
    /// let up: Vec<_> = leaf.ancestors().map(|h| h.marker).collect();
    /// assert_eq!(up, ["（一）", "一、"]);
    /// ```
    pub fn ancestors(&self) -> Ancestors<'d, 'a> {
        Ancestors {
            next: self.parent(),
        }
    }

    /// The heading and all headings below it, in document order.
    ///
    /// ```
    /// let doc = tigang::parse("一、甲\n（一）乙\n1.丙\n二、丁\n");
    /// let first = doc.children().next().unwrap();
    /// assert_eq!(first.descendants().len(), 3);
    /// ```
    pub fn descendants(&self) -> Headings<'d, 'a> {
        Headings {
            doc: self.doc,
            range: self.index..self.heading().end,
        }
    }
}

impl<'a> std::ops::Deref for Node<'_, 'a> {
    type Target = Heading<'a>;

    fn deref(&self) -> &Heading<'a> {
        self.heading()
    }
}

impl PartialEq for Node<'_, '_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.doc, other.doc) && self.index == other.index
    }
}

impl Eq for Node<'_, '_> {}

impl std::fmt::Debug for Node<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Node")
            .field("index", &self.index)
            .field("heading", self.heading())
            .field("body", &self.body())
            .finish()
    }
}

/// The children of a heading or the top-level headings, in document order;
/// see [`Node::children`] and [`Document::children`].
///
/// ```
/// let doc = tigang::parse("一、甲\n二、乙\n");
/// assert_eq!(doc.children().count(), 2);
/// ```
#[derive(Clone)]
pub struct Children<'d, 'a> {
    doc: &'d Document<'a>,
    next: usize,
    end: usize,
}

impl<'d, 'a> Iterator for Children<'d, 'a> {
    type Item = Node<'d, 'a>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.end {
            return None;
        }
        let index = self.next;
        // A child's descendants follow it: its next sibling is past them.
        self.next = self.doc.headings[index].end.max(index + 1);
        Some(Node {
            doc: self.doc,
            index,
        })
    }
}

impl std::iter::FusedIterator for Children<'_, '_> {}

impl std::fmt::Debug for Children<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// The enclosing headings of a node, innermost first; see [`Node::ancestors`].
///
/// ```
/// let doc = tigang::parse("一、甲\n1.乙\n");
/// assert_eq!(doc.headings().last().unwrap().ancestors().count(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct Ancestors<'d, 'a> {
    next: Option<Node<'d, 'a>>,
}

impl<'d, 'a> Iterator for Ancestors<'d, 'a> {
    type Item = Node<'d, 'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let n = self.next?;
        self.next = n.parent();
        Some(n)
    }
}

impl std::iter::FusedIterator for Ancestors<'_, '_> {}

/// An entry of a table of contents (docs/format.md §5): a heading-like line that is not
/// part of the tree.
///
/// ```
/// let doc = tigang::parse("目录\n一、总体要求\n二、主要任务\n正文\n一、总体要求\n要求如下。\n二、主要任务\n任务如下。\n");
/// assert_eq!(doc.toc.len(), 2);
/// assert_eq!(doc.toc[1].title, "主要任务");
/// assert_eq!(doc.children().count(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TocEntry<'a> {
    /// What kind of marker the entry has.
    pub kind: MarkerKind,
    /// The marker as written.
    pub marker: &'a str,
    /// The marker's value; `None` for an entry without a number (`前言`).
    pub number: Option<u32>,
    /// The entry's title, without leader dots or a page number.
    pub title: &'a str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the marker, in `char`s.
    pub column: usize,
    /// The marker's bytes.
    pub marker_span: Span,
    /// The title's bytes.
    pub title_span: Span,
}

/// The outline of one document: title, table of contents, preamble and the
/// heading tree, all borrowing from the input.
///
/// Built by [`parse`](crate::parse); never fails. Every byte of the input is in
/// exactly one place of the result or in the text between places, so the input
/// can be rebuilt from [`Document::segments`].
///
/// ```
/// let doc = tigang::parse("关于安全生产的讲话\n同志们：\n一、提高认识\n（一）压实责任\n");
/// assert_eq!(doc.title.as_ref().map(|t| &*t.text), Some("关于安全生产的讲话"));
/// let titles: Vec<_> = doc.headings().map(|h| h.title.to_string()).collect();
/// assert_eq!(titles, ["提高认识", "压实责任"]);
/// ```
///
/// Its `Debug` is the outline ([`Document::outline`]): one line per heading,
/// which is what `insta::assert_debug_snapshot!(doc)` records.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Document<'a> {
    pub(crate) source: &'a str,
    /// The document's title (docs/format.md §4): the front matter's `title:`, or the
    /// short line (or two lines) of the preamble that the first page shows.
    pub title: Option<Title<'a>>,
    /// The line under the title that starts with `——` (`——在…上的报告`), or
    /// the part after `——` of one long title line, without the dashes.
    pub subtitle: Option<Title<'a>>,
    /// A YAML front matter block at the top of the input, which is never content.
    pub front_matter: Option<Span>,
    /// The label lines of the tables of contents (`目录`, `目錄/提綱:`): one
    /// per table, and a compilation may have one per part. A Markdown label
    /// (`## 目录`) is a heading of the tree instead.
    pub toc_labels: Vec<Text<'a>>,
    /// Table-of-contents entries, kept out of the tree.
    pub toc: Vec<TocEntry<'a>>,
    /// Paragraphs before the first heading (the title among them).
    pub preamble: Vec<Text<'a>>,
    /// Every heading in document order, which is the tree's depth-first
    /// order: a heading's descendants follow it, up to its `end`.
    pub(crate) headings: Vec<Heading<'a>>,
    /// Every heading's body paragraphs, in document order.
    pub(crate) paragraphs: Vec<Text<'a>>,
}

/// What a [`Segment`] of the input is.
///
/// ```
/// use tigang::SegmentKind;
/// let doc = tigang::parse("一、甲。乙\n");
/// let kinds: Vec<_> = doc.segments().iter().map(|s| s.kind).collect();
/// assert_eq!(kinds, [SegmentKind::Marker, SegmentKind::Title, SegmentKind::Gap, SegmentKind::Body, SegmentKind::Gap]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SegmentKind {
    /// YAML front matter.
    FrontMatter,
    /// The table of contents' label line.
    TocLabel,
    /// A table-of-contents entry's marker.
    TocMarker,
    /// A table-of-contents entry's title.
    TocTitle,
    /// A preamble paragraph.
    Preamble,
    /// A heading's marker.
    Marker,
    /// A heading's title.
    Title,
    /// A paragraph of a heading's body.
    Body,
    /// Text between places: whitespace, line breaks, punctuation, noise.
    Gap,
}

/// A piece of the input with what it is; see [`Document::segments`].
///
/// ```
/// let src = "同志们：\n一、甲\n";
/// let doc = tigang::parse(src);
/// let first = doc.segments()[0];
/// assert_eq!(&src[first.span.range()], "同志们：");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// What the bytes are.
    pub kind: SegmentKind,
    /// Where they are.
    pub span: Span,
}

impl<'a> Document<'a> {
    /// The input the document was parsed from.
    ///
    /// ```
    /// assert_eq!(tigang::parse("一、甲\n").source(), "一、甲\n");
    /// ```
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// All headings, depth first, in document order.
    ///
    /// ```
    /// let doc = tigang::parse("一、甲\n（一）乙\n二、丙\n");
    /// let markers: Vec<_> = doc.headings().map(|h| h.marker).collect();
    /// assert_eq!(markers, ["一、", "（一）", "二、"]);
    /// assert_eq!(doc.headings().len(), 3);
    /// ```
    pub fn headings(&self) -> Headings<'_, 'a> {
        Headings {
            doc: self,
            range: 0..self.headings.len(),
        }
    }

    /// The top-level headings.
    ///
    /// ```
    /// let doc = tigang::parse("一、甲\n（一）乙\n二、丙\n");
    /// let top: Vec<_> = doc.children().map(|h| h.marker).collect();
    /// assert_eq!(top, ["一、", "二、"]);
    /// ```
    pub fn children(&self) -> Children<'_, 'a> {
        Children {
            doc: self,
            next: 0,
            end: self.headings.len(),
        }
    }

    /// The heading at `index` in document order (see [`Node::index`]).
    ///
    /// ```
    /// let doc = tigang::parse("一、甲\n（一）乙\n");
    /// assert_eq!(doc.heading(1).map(|h| h.title.to_string()).as_deref(), Some("乙"));
    /// assert!(doc.heading(2).is_none());
    /// ```
    pub fn heading(&self, index: usize) -> Option<Node<'_, 'a>> {
        (index < self.headings.len()).then_some(Node { doc: self, index })
    }

    /// The input cut into consecutive [`Segment`]s that cover it exactly, in
    /// order: concatenating their text rebuilds the input byte for byte.
    ///
    /// ```
    /// let src = "讲话\r\n一、甲。乙\n";
    /// let doc = tigang::parse(src);
    /// let rebuilt: String = doc.segments().iter().map(|s| &src[s.span.range()]).collect();
    /// assert_eq!(rebuilt, src);
    /// ```
    pub fn segments(&self) -> Vec<Segment> {
        let mut places = Vec::new();
        let mut add = |kind, span: Span| {
            if !span.is_empty() {
                places.push(Segment { kind, span });
            }
        };
        if let Some(s) = self.front_matter {
            add(SegmentKind::FrontMatter, s);
        }
        for t in &self.toc_labels {
            add(SegmentKind::TocLabel, t.span);
        }
        for e in &self.toc {
            add(SegmentKind::TocMarker, e.marker_span);
            add(SegmentKind::TocTitle, e.title_span);
        }
        for p in &self.preamble {
            add(SegmentKind::Preamble, p.span);
        }
        for h in &self.headings {
            add(SegmentKind::Marker, h.marker_span);
            add(SegmentKind::Title, h.title_span);
        }
        for b in &self.paragraphs {
            add(SegmentKind::Body, b.span);
        }
        places.sort_by_key(|s| s.span.start);
        let mut out = Vec::with_capacity(places.len() * 2 + 1);
        let mut at = 0;
        for p in places {
            if p.span.start > at {
                out.push(Segment {
                    kind: SegmentKind::Gap,
                    span: Span::new(at, p.span.start),
                });
            }
            at = at.max(p.span.end);
            out.push(p);
        }
        if at < self.source.len() {
            out.push(Segment {
                kind: SegmentKind::Gap,
                span: Span::new(at, self.source.len()),
            });
        }
        out
    }
}

/// Depth-first iterator over a document's headings (or a heading's
/// descendants); see [`Document::headings`].
///
/// ```
/// let doc = tigang::parse("一、甲\n1.乙\n二、丙\n");
/// let levels: Vec<_> = doc.headings().map(|h| h.level).collect();
/// assert_eq!(levels, [1, 2, 1]);
/// ```
#[derive(Clone)]
pub struct Headings<'d, 'a> {
    doc: &'d Document<'a>,
    range: std::ops::Range<usize>,
}

impl<'d, 'a> Iterator for Headings<'d, 'a> {
    type Item = Node<'d, 'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let index = self.range.next()?;
        Some(self.node(index))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<Self::Item> {
        let index = self.range.nth(n)?;
        Some(self.node(index))
    }
}

impl DoubleEndedIterator for Headings<'_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let index = self.range.next_back()?;
        Some(self.node(index))
    }
}

impl<'d, 'a> Headings<'d, 'a> {
    fn node(&self, index: usize) -> Node<'d, 'a> {
        Node {
            doc: self.doc,
            index,
        }
    }
}

impl ExactSizeIterator for Headings<'_, '_> {}

impl std::iter::FusedIterator for Headings<'_, '_> {}

impl std::fmt::Debug for Headings<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}
