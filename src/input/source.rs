//! What a reader gives back: the text to parse, where it came from, and a
//! map from the text back to the source (Word's paragraphs, the labels its
//! numbering drew). Plain data, compiled whatever the features.

use crate::document::Span;

/// The kind of document the text was read from (the JSON's
/// `source.format`).
///
/// ```
/// assert_eq!(tigang::input::Format::Docx.as_str(), "docx");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// A plain text file (any encoding the decoder reads).
    Text,
    /// An HTML page, read as its visible text.
    Html,
    /// A Word document (`.docx`, also as written by WPS).
    Docx,
    /// The JSON a PDF converter writes beside its Markdown (MinerU's
    /// `*_content_list.json`), read as that Markdown, with pages.
    ContentList,
}

impl Format {
    /// Every format, in the order of the JSON Schema's `enum`.
    ///
    /// ```
    /// assert_eq!(tigang::input::Format::ALL[0].as_str(), "text");
    /// ```
    pub const ALL: [Format; 4] = [
        Format::Text,
        Format::Html,
        Format::Docx,
        Format::ContentList,
    ];

    /// The name in the JSON: `text`, `html`, `docx` or `content_list`.
    ///
    /// ```
    /// assert_eq!(tigang::input::Format::Html.as_str(), "html");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::ContentList => "content_list",
        }
    }
}

/// Where a text came from: its format and, for text and web pages, the
/// encoding its bytes were in.
///
/// ```
/// use tigang::input::{Format, Source};
/// let s = Source::new(Format::Text, Some("GB18030"));
/// assert_eq!((s.format, s.encoding), (Format::Text, Some("GB18030")));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Source {
    /// Text, HTML or Word.
    pub format: Format,
    /// The encoding's name (`UTF-8`, `GB18030`, `Big5`, …) for text and
    /// HTML; `None` for Word documents, whose XML is always Unicode.
    pub encoding: Option<&'static str>,
}

impl Source {
    /// A source of this format and encoding.
    ///
    /// ```
    /// let s = tigang::input::Source::new(tigang::input::Format::Docx, None);
    /// assert_eq!(s.encoding, None);
    /// ```
    pub const fn new(format: Format, encoding: Option<&'static str>) -> Self {
        Source { format, encoding }
    }
}

/// A label that Word's automatic numbering drew (`一、`, `（一）`, `1.1`):
/// in Word it is not part of the paragraph's text, so nobody typed it and it
/// cannot be mistyped.
///
/// ```
/// # #[cfg(feature = "encoding")] {
/// let src = tigang::input::read(&[], &Default::default()).unwrap();
/// assert!(src.map.labels().is_empty());
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Label {
    /// The label's bytes in the extracted text.
    pub span: Span,
    /// The 0-based index of its paragraph in the body (see [`SourceMap`]).
    pub paragraph: usize,
}

/// From the extracted text back to the source document.
///
/// For Word, every line of the text belongs to one body paragraph (a
/// paragraph with soft line breaks gives several lines, a table row gives
/// one line and belongs to the first paragraph of the row). Paragraphs are
/// counted in document order, those inside tables included, from 0.
/// Text files and web pages have an empty map.
///
/// ```
/// use tigang::input::SourceMap;
/// let map = SourceMap::default();
/// assert_eq!(map.paragraph(1), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// The paragraph of each line (index: 0-based line), `u32::MAX` for none.
    lines: Vec<u32>,
    /// Labels drawn by Word's numbering, in text order.
    labels: Vec<Label>,
    /// 0-based lines that are table rows, ascending.
    table_rows: Vec<usize>,
    /// Where each page starts in the text and its 1-based number, in text
    /// order (a page of `None` where a block had none).
    pages: Vec<(usize, Option<u32>)>,
}

const NO_PARAGRAPH: u32 = u32::MAX;

impl SourceMap {
    /// The 0-based index of the body paragraph that the 1-based `line` of
    /// the text comes from (the `line` of a heading), if the source has
    /// paragraphs.
    ///
    /// ```
    /// let map = tigang::input::SourceMap::default();
    /// assert_eq!(map.paragraph(3), None);
    /// ```
    pub fn paragraph(&self, line: usize) -> Option<usize> {
        let p = *self.lines.get(line.checked_sub(1)?)?;
        (p != NO_PARAGRAPH).then_some(p as usize)
    }

    /// Whether the 1-based `line` is a table row (Word or HTML): docs/format.md §8
    /// says nothing in a table opens a heading.
    ///
    /// ```
    /// assert!(!tigang::input::SourceMap::default().is_table_row(1));
    /// ```
    pub fn is_table_row(&self, line: usize) -> bool {
        line.checked_sub(1)
            .is_some_and(|l| self.table_rows.binary_search(&l).is_ok())
    }

    /// The 0-based lines that are table rows, ascending (as
    /// [`ParseOptions::table_rows`](crate::ParseOptions::table_rows) takes them).
    ///
    /// ```
    /// assert!(tigang::input::SourceMap::default().table_rows().is_empty());
    /// ```
    pub fn table_rows(&self) -> &[usize] {
        &self.table_rows
    }

    /// The labels Word's numbering drew, in text order.
    ///
    /// ```
    /// assert!(tigang::input::SourceMap::default().labels().is_empty());
    /// ```
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// Whether `span` lies inside a label Word's numbering drew: a marker
    /// there was drawn, not typed.
    ///
    /// ```
    /// use tigang::Span;
    /// assert!(!tigang::input::SourceMap::default().is_drawn(Span::new(0, 3)));
    /// ```
    pub fn is_drawn(&self, span: Span) -> bool {
        let i = self.labels.partition_point(|l| l.span.end <= span.start);
        self.labels
            .get(i)
            .is_some_and(|l| l.span.start <= span.start && span.end <= l.span.end)
    }

    /// The 1-based page the byte `at` of the text stands on, when the
    /// source has pages (a PDF, a converter's JSON).
    ///
    /// ```
    /// assert_eq!(tigang::input::SourceMap::default().page(0), None);
    /// ```
    pub fn page(&self, at: usize) -> Option<usize> {
        let i = self.pages.partition_point(|&(start, _)| start <= at);
        let (_, page) = *self.pages.get(i.checked_sub(1)?)?;
        page.map(|p| p as usize)
    }

    /// Whether the source has pages (then headings, paragraphs and chunks
    /// say theirs).
    ///
    /// ```
    /// assert!(!tigang::input::SourceMap::default().has_pages());
    /// ```
    pub fn has_pages(&self) -> bool {
        !self.pages.is_empty()
    }

    /// Notes that the text from byte `at` on stands on `page` (1-based).
    #[cfg_attr(not(feature = "content-list"), allow(dead_code))]
    pub(crate) fn page_at(&mut self, at: usize, page: Option<u32>) {
        if self.pages.last().is_none_or(|&(_, p)| p != page) {
            self.pages.push((at, page));
        }
    }

    /// Notes that the 0-based `line` is a table row (lines come in order).
    #[cfg_attr(not(feature = "content-list"), allow(dead_code))]
    pub(crate) fn mark_row(&mut self, line: usize) {
        self.table_rows.push(line);
    }

    /// Whether the map knows paragraphs (the source was a Word document).
    ///
    /// ```
    /// assert!(!tigang::input::SourceMap::default().has_paragraphs());
    /// ```
    pub fn has_paragraphs(&self) -> bool {
        !self.lines.is_empty()
    }
}

/// What [`read`](super::read) gives back: the text for
/// [`parse`](crate::parse), its source, and the map from the text back to
/// the source.
///
/// ```
/// # #[cfg(feature = "encoding")] {
/// let out = tigang::input::read("一、总体要求\n".as_bytes(), &Default::default()).unwrap();
/// assert_eq!(out.text, "一、总体要求\n");
/// assert_eq!(out.source.format, tigang::input::Format::Text);
/// let doc = tigang::parse(&out.text);
/// assert_eq!(doc.headings().count(), 1);
/// # }
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Extracted {
    /// The text as its readers see it; every span of the parse refers to it.
    pub text: String,
    /// Its format and encoding.
    pub source: Source,
    /// Lines to paragraphs, drawn labels.
    pub map: SourceMap,
    /// Malformed byte sequences replaced by U+FFFD (only with
    /// [`Options::lossy`](super::Options::lossy)).
    pub replaced: usize,
    /// The encoding of a text or page is a guess of low confidence (from
    /// little text, or among encodings that all decode): worth saying, and
    /// not to write back on.
    pub guessed: bool,
}

impl Extracted {
    /// What the parser should know of these lines: a Word document's or a
    /// web page's lines are paragraphs (no title wraps over them), and its
    /// table rows open no heading. Give it to [`parse_with`](crate::parse_with).
    ///
    /// ```
    /// # #[cfg(feature = "encoding")] {
    /// let x = tigang::input::read("一、甲\n".as_bytes(), &Default::default()).unwrap();
    /// let doc = tigang::parse_with(&x.text, &x.parse_options());
    /// assert_eq!(doc.headings().count(), 1);
    /// # }
    /// ```
    pub fn parse_options(&self) -> crate::ParseOptions<'_> {
        crate::ParseOptions::default()
            .paragraphs(self.source.format != Format::Text)
            .table_rows(&self.map.table_rows)
    }
}

#[cfg(feature = "encoding")]
impl Extracted {
    /// Text that needed no reading: a plain text of this encoding.
    pub(crate) fn plain(text: String, format: Format, encoding: Option<&'static str>) -> Self {
        Extracted {
            text,
            source: Source::new(format, encoding),
            map: SourceMap::default(),
            replaced: 0,
            guessed: false,
        }
    }
}

/// Builds an extracted text line by line, with the map beside it. Readers
/// push the pieces of a line and end it; no line break is ever taken from
/// the source, so lines are exactly the ones pushed.
#[cfg(any(feature = "docx", feature = "html"))]
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    text: String,
    map: SourceMap,
}

#[cfg(any(feature = "docx", feature = "html"))]
impl TextBuilder {
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        TextBuilder {
            text: String::with_capacity(bytes),
            map: SourceMap::default(),
        }
    }

    /// Appends one whole line (without its line break) that belongs to
    /// `paragraph`; `labels` are byte ranges inside `line` drawn by Word.
    pub(crate) fn line(&mut self, line: &str, paragraph: Option<usize>, labels: &[(usize, usize)]) {
        let at = self.text.len();
        self.text.push_str(line);
        self.text.push('\n');
        let p = paragraph.map_or(NO_PARAGRAPH, |p| {
            u32::try_from(p).unwrap_or(NO_PARAGRAPH - 1)
        });
        self.map.lines.push(p);
        for &(s, e) in labels {
            self.map.labels.push(Label {
                span: Span::new(at + s, at + e),
                paragraph: paragraph.unwrap_or(0),
            });
        }
    }

    /// Marks the line pushed last as a table row.
    pub(crate) fn mark_table_row(&mut self) {
        if let Some(line) = self.map.lines.len().checked_sub(1) {
            self.map.table_rows.push(line);
        }
    }

    /// The text and its map (without lines when no line had a paragraph).
    pub(crate) fn finish(mut self) -> (String, SourceMap) {
        if self.map.lines.iter().all(|&p| p == NO_PARAGRAPH) {
            self.map.lines = Vec::new();
        }
        (self.text, self.map)
    }
}

#[cfg(all(test, any(feature = "docx", feature = "html")))]
mod tests {
    use super::*;

    #[test]
    fn lines_map_to_paragraphs_and_labels_are_found() {
        let mut b = TextBuilder::default();
        b.line("一、总则", Some(0), &[(0, 6)]);
        b.line("正文", Some(1), &[]);
        b.line("续行", Some(1), &[]);
        b.line("表\t格", None, &[]);
        let (text, map) = b.finish();
        assert_eq!(text, "一、总则\n正文\n续行\n表\t格\n");
        assert_eq!(
            [1, 2, 3, 4, 5].map(|l| map.paragraph(l)),
            [Some(0), Some(1), Some(1), None, None]
        );
        assert!(map.is_drawn(Span::new(0, 6)));
        assert!(map.is_drawn(Span::new(0, 3)));
        assert!(!map.is_drawn(Span::new(3, 9)));
        assert!(!map.is_drawn(Span::new(13, 16)));
        assert_eq!(map.labels()[0].paragraph, 0);
    }
}
