//! The Python classes: a parsed `Document` that owns its text, and light
//! handles into it (`Heading` is the document and an index, like the
//! library's `Node`), so that `headings()` on a large document creates one
//! small object per heading and copies no text until a field is read.

use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyModule, PyString};
use tigang::render::ChunkOptions;
use tigang::render::json::{self, Json};
use tigang::render::record::{self, ChunkIn};

use crate::offsets::CharMap;
use crate::records::PyEmit;

/// The UTF-8 text a document is parsed from: decoded bytes, or the UTF-8
/// of a Python `str`, borrowed from CPython as pyo3's `PyBackedStr` (which
/// keeps the object alive and is `Send` and `Sync`), so that a 20 MB text
/// is not copied (and its pages faulted in) a second time.
pub enum Source {
    Owned(String),
    Python(PyBackedStr),
}

impl Source {
    /// The UTF-8 of `s` (a `str` with lone surrogates is refused, as
    /// CPython's UTF-8 encoder refuses it).
    pub fn from_str(s: &Bound<'_, PyString>) -> PyResult<Self> {
        Ok(Source::Python(s.clone().try_into()?))
    }

    pub fn as_str(&self) -> &str {
        match self {
            Source::Owned(s) => s,
            Source::Python(s) => s,
        }
    }
}

self_cell::self_cell!(
    /// The decoded text and its outline, which borrows from it.
    pub struct Parsed {
        owner: Source,
        #[covariant]
        dependent: Doc,
    }
);

type Doc<'a> = tigang::Document<'a>;

/// Where the text came from, for the JSON and for messages: what the
/// library's reader says (format, encoding; for Word, which paragraph each
/// line is and which labels its numbering drew).
pub struct Origin {
    /// The JSON's `"source"`: text in UTF-8 for a `str`.
    pub source: tigang::input::Source,
    pub map: tigang::input::SourceMap,
    /// Whether the encoding is a guess from little text.
    pub low_confidence: bool,
    /// U+FFFD replacements made with `lossy=True`.
    pub replaced: usize,
    /// The file, for `read(path)`.
    pub path: Option<String>,
}

impl Origin {
    /// A `str` given to `parse`.
    pub fn text() -> Self {
        Origin {
            source: tigang::input::Source::new(tigang::input::Format::Text, Some("UTF-8")),
            map: Default::default(),
            low_confidence: false,
            replaced: 0,
            path: None,
        }
    }

    /// What `tigang::input::read` found, less its text.
    pub fn read(x: &mut tigang::input::Extracted, path: Option<String>) -> Self {
        Origin {
            source: x.source,
            map: std::mem::take(&mut x.map),
            low_confidence: x.guessed,
            replaced: x.replaced,
            path,
        }
    }
}

/// The outline of one document: title, table of contents, preamble and the
/// heading tree, with the text it was parsed from.
#[pyclass(frozen, module = "tigang", name = "Document")]
pub struct Document {
    parsed: Parsed,
    origin: Origin,
    /// The `str` given to `parse`, or one made from the decoded text on
    /// first use.
    text: PyOnceLock<Py<PyString>>,
    chars: OnceLock<CharMap>,
    diagnostics: OnceLock<Vec<tigang::Diagnostic>>,
}

impl Document {
    /// Parses `text`. Runs without the GIL.
    pub fn new(text: Source, origin: Origin) -> Self {
        // A Word document's or page's lines are paragraphs, its table rows
        // open no heading: as the command line parses them.
        let paragraphs = origin.source.format != tigang::input::Format::Text;
        let rows = origin.map.table_rows().to_vec();
        Document {
            parsed: Parsed::new(text, |t| {
                let options = tigang::ParseOptions::default()
                    .paragraphs(paragraphs)
                    .table_rows(&rows);
                tigang::parse_with(t.as_str(), &options)
            }),
            origin,
            text: PyOnceLock::new(),
            chars: OnceLock::new(),
            diagnostics: OnceLock::new(),
        }
    }

    /// Keeps the `str` the text came from, so `doc.text` is that object.
    pub fn with_str(self, py: Python<'_>, s: Py<PyString>) -> Self {
        let _ = self.text.set(py, s);
        self
    }

    pub fn doc(&self) -> &Doc<'_> {
        self.parsed.borrow_dependent()
    }

    pub fn src(&self) -> &str {
        self.parsed.borrow_owner().as_str()
    }

    /// The character offset of a byte offset; the map is built on first use.
    pub fn char_at(&self, at: usize) -> usize {
        self.chars
            .get_or_init(|| CharMap::new(self.src()))
            .char_at(self.src(), at)
    }

    pub fn char_span(&self, span: tigang::Span) -> (usize, usize) {
        (self.char_at(span.start), self.char_at(span.end))
    }

    pub fn checked(&self) -> &[tigang::Diagnostic] {
        self.diagnostics
            .get_or_init(|| tigang::check_source(self.doc(), &self.origin.map))
    }

    fn paragraph(&self, py: Python<'_>, t: &tigang::Text<'_>) -> Paragraph {
        let (start, end) = self.char_span(t.span);
        Paragraph {
            text: PyString::new(py, t.text).unbind(),
            span: (t.span.start, t.span.end),
            start,
            end,
            page: self.origin.map.page(t.span.start),
        }
    }

    /// The 1-based page the byte `at` stands on, when the source has pages.
    pub fn page(&self, at: usize) -> Option<usize> {
        self.origin.map.page(at)
    }

    /// The chunk records (the CLI's `--format chunks` lines) as dicts, with
    /// `heading` (the heading's label, as breadcrumbs write it) and `start`
    /// and `end` in characters.
    pub fn chunk_dicts<'py>(
        &self,
        py: Python<'py>,
        opts: ChunkOptions,
    ) -> PyResult<Bound<'py, PyList>> {
        let doc = self.doc();
        let chunks = py.detach(|| tigang::render::chunks_with(doc, opts));
        let _paused = GcPause::new(py)?;
        // The records of `tigang::render::record::CHUNK`, the CLI's line
        // (less `file_hex`), plus three fields of Python's own: `heading`
        // (its label) and `start`/`end` (character offsets). `file` comes
        // first and is `None` for a string.
        let mut e = PyEmit::new(py, doc.headings().len());
        let file_key = PyString::intern(py, "file");
        let file = self.origin.path.as_deref().map(|p| PyString::new(py, p));
        let [heading, start, end] = ["heading", "start", "end"].map(|k| PyString::intern(py, k));
        let empty = PyString::intern(py, "");
        let pages = Some(&self.origin.map).filter(|m| m.has_pages());
        let list = PyList::empty(py);
        for chunk in &chunks {
            e.first_item(file_key.clone(), file.clone().into_pyobject(py)?.into_any());
            let d = e.dict(|e| {
                record::chunk(
                    e,
                    ChunkIn {
                        chunk,
                        file: None,
                        pages,
                    },
                )
            })?;
            match chunk.heading {
                Some(h) => d.set_item(&heading, e.label(h))?,
                None => d.set_item(&heading, &empty)?,
            }
            let (s, t) = self.char_span(chunk.span);
            d.set_item(&start, s)?;
            d.set_item(&end, t)?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// The JSON the command line prints for this document.
    fn json_value(&self) -> Json<'_, '_> {
        Json::new(self.doc())
            .source(&self.origin.source, &self.origin.map)
            .read_notes(self.origin.low_confidence, self.origin.replaced)
    }
}

/// Turns Python's cyclic garbage collector off while a long list of dicts
/// is built, and back on (if it was on) when dropped. Every few hundred new
/// containers the collector runs and scans the young ones, and older
/// generations are scanned again as they grow: 0.2 s of 0.6 s for the 65,000
/// chunks of the 20 MB benchmark document. None of these objects can be in
/// a cycle.
struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    fn new(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import("gc")?;
        if gc.call_method0("isenabled")?.is_truthy()? {
            gc.call_method0("disable")?;
            return Ok(GcPause { gc: Some(gc) });
        }
        Ok(GcPause { gc: None })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            let _ = gc.call_method0("enable");
        }
    }
}

/// Python objects equal to `json.loads` of the JSON, built that way: the
/// JSON's arrays are lists, its spans too.
fn json_loads<'py>(py: Python<'py>, json: String) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    LOADS.import(py, "json", "loads")?.call1((json,))
}

fn heading(doc: &Bound<'_, Document>, index: usize) -> Heading {
    Heading {
        doc: doc.clone().unbind(),
        index,
    }
}

#[pymethods]
impl Document {
    /// The text the spans and offsets refer to: the `str` given to
    /// `parse`, or the decoded text of bytes and files.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text
            .get_or_init(py, || PyString::new(py, self.src()).unbind())
            .clone_ref(py)
    }

    /// The document's title (a short line of the preamble), or `None`.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.doc().title.as_ref().map(|t| &*t.text)
    }

    /// The title's `(start, end)` in characters, or `None`.
    #[getter]
    fn title_range(&self) -> Option<(usize, usize)> {
        self.doc().title.as_ref().map(|t| self.char_span(t.span))
    }

    /// The subtitle (spec §4: a second title line, a dash line under the
    /// title), or `None`.
    #[getter]
    fn subtitle(&self) -> Option<&str> {
        self.doc().subtitle.as_ref().map(|t| &*t.text)
    }

    /// Table-of-contents entries, kept out of the tree.
    #[getter]
    fn toc(&self) -> Vec<TocEntry> {
        self.doc()
            .toc
            .iter()
            .map(|e| {
                let (marker_start, marker_end) = self.char_span(e.marker_span);
                let (title_start, title_end) = self.char_span(e.title_span);
                TocEntry {
                    kind: e.kind.as_str(),
                    marker: e.marker.to_string(),
                    number: e.number,
                    title: e.title.to_string(),
                    line: e.line,
                    column: e.column,
                    marker_span: (e.marker_span.start, e.marker_span.end),
                    title_span: (e.title_span.start, e.title_span.end),
                    marker_start,
                    marker_end,
                    title_start,
                    title_end,
                }
            })
            .collect()
    }

    /// Paragraphs before the first heading (the title among them).
    #[getter]
    fn preamble(&self, py: Python<'_>) -> Vec<Paragraph> {
        self.doc()
            .preamble
            .iter()
            .map(|p| self.paragraph(py, p))
            .collect()
    }

    /// The top-level headings.
    #[getter]
    fn children(slf: &Bound<'_, Self>) -> Vec<Heading> {
        slf.get()
            .doc()
            .children()
            .map(|n| heading(slf, n.index()))
            .collect()
    }

    /// Every heading, depth first (document order).
    fn headings(slf: &Bound<'_, Self>) -> Vec<Heading> {
        (0..slf.get().doc().headings().len())
            .map(|i| heading(slf, i))
            .collect()
    }

    /// Numbering mistakes (`tigang check`), in the order of their markers.
    #[getter]
    fn diagnostics(&self) -> Vec<Diagnostic> {
        self.checked()
            .iter()
            .map(|d| Diagnostic::from_lib(self, d))
            .collect()
    }

    /// The encoding the bytes were decoded from (`UTF-8` for a `str`;
    /// `None` for a Word document, which is always Unicode).
    #[getter]
    fn encoding(&self) -> Option<&str> {
        self.origin.source.encoding
    }

    /// What the text was read from: `"text"`, `"docx"` or `"html"`.
    #[getter]
    fn format(&self) -> &'static str {
        self.origin.source.format.as_str()
    }

    /// How many bytes became U+FFFD under `lossy=True`.
    #[getter]
    fn replacements(&self) -> usize {
        self.origin.replaced
    }

    /// The file read by `tigang.read`, or `None`.
    #[getter]
    fn path(&self) -> Option<&str> {
        self.origin.path.as_deref()
    }

    /// The JSON of `tigang parse --format json` as Python objects; with
    /// `check=False` without `"diagnostics"`, as `--no-check` prints it.
    #[pyo3(signature = (*, check = true))]
    fn to_dict<'py>(&self, py: Python<'py>, check: bool) -> PyResult<Bound<'py, PyAny>> {
        let value = self.json_value().diagnostics(check);
        let text = py.detach(|| value.to_string(json::Style::Compact));
        json_loads(py, text)
    }

    /// The JSON of `tigang parse --format json`, byte for byte (without the
    /// final line break): with the default `indent=2` as on a terminal or
    /// with `--pretty` (spans on one line, `[60, 900]`), with `indent=None`
    /// compact on one line, as into a pipe. With `check=False` the numbering
    /// is not checked and `"diagnostics"` is left out (`--no-check`).
    #[pyo3(signature = (*, indent = Some(2), check = true))]
    fn to_json(&self, py: Python<'_>, indent: Option<usize>, check: bool) -> String {
        let value = self.json_value().diagnostics(check);
        let style = match indent {
            None => json::Style::Compact,
            Some(2) => json::Style::Pretty,
            Some(n) => json::Style::Indent(n),
        };
        py.detach(|| value.to_string(style))
    }

    /// Markdown: Markdown input (ATX headings, images, HTML tables) back as
    /// it was, each heading line at the `#` depth of its level; other text
    /// from the tree, `#` title, `##` top-level headings, paragraphs.
    fn to_markdown(&self, py: Python<'_>) -> String {
        py.detach(|| tigang::render::markdown(self.doc()))
    }

    /// The compact indented outline `tigang parse` prints.
    fn to_tree(&self, py: Python<'_>) -> String {
        py.detach(|| tigang::render::tree(self.doc()))
    }

    /// The numbering report of `tigang check`, rustc style, naming `path`
    /// (the file read, else `<text>`).
    #[pyo3(signature = (path = None))]
    fn report(&self, path: Option<String>) -> String {
        let name = path
            .as_deref()
            .or(self.origin.path.as_deref())
            .unwrap_or("<text>");
        tigang::render::diagnostics(self.src(), name, self.checked())
    }

    /// Retrieval chunks: see `tigang.chunks`.
    #[pyo3(signature = (*, max_chars = None, min_chars = None))]
    fn chunks<'py>(
        &self,
        py: Python<'py>,
        max_chars: Option<usize>,
        min_chars: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.chunk_dicts(py, options(max_chars, min_chars))
    }

    fn __repr__(&self) -> String {
        let title = self
            .doc()
            .title
            .as_ref()
            .map_or("None".to_string(), |t| format!("{:?}", t.text));
        format!(
            "<tigang.Document title={title} headings={}>",
            self.doc().headings().len()
        )
    }
}

pub fn options(max_chars: Option<usize>, min_chars: Option<usize>) -> ChunkOptions {
    let mut opts = ChunkOptions::default();
    opts.max_chars = max_chars;
    opts.min_chars = min_chars;
    opts
}

/// A heading: marker, number, title, level, where it is, its body and its
/// place in the tree.
#[pyclass(frozen, module = "tigang", name = "Heading")]
pub struct Heading {
    doc: Py<Document>,
    index: usize,
}

impl Heading {
    fn node(&self) -> tigang::Node<'_, '_> {
        self.doc
            .get()
            .doc()
            .heading(self.index)
            .expect("a Heading holds a valid index")
    }

    fn at(&self, py: Python<'_>, index: usize) -> Heading {
        Heading {
            doc: self.doc.clone_ref(py),
            index,
        }
    }

    fn chars(&self, span: tigang::Span) -> (usize, usize) {
        self.doc.get().char_span(span)
    }
}

#[pymethods]
impl Heading {
    /// The kind of marker, as in the JSON: `numeral`, `paren_numeral`,
    /// `digit`, `ordinal_shi`, `chapter`, `article`, …
    #[getter]
    fn kind(&self) -> &'static str {
        self.node().kind.as_str()
    }

    /// The marker as written, with its delimiter: `一、`, `（一）`, `一是`.
    #[getter]
    fn marker(&self) -> &str {
        self.node().heading().marker
    }

    /// The marker's value (`十二、` is 12; a dotted marker's last component).
    #[getter]
    fn number(&self) -> Option<u32> {
        self.node().number
    }

    /// The title: the text after the marker up to the first sentence end.
    #[getter]
    fn title(&self) -> &str {
        &self.node().heading().title
    }

    /// Depth in the tree, 1 for top-level headings.
    #[getter]
    fn level(&self) -> usize {
        self.node().level
    }

    /// The 1-based page the heading stands on, when the source has pages
    /// (a converter's JSON, a PDF); `None` otherwise.
    #[getter]
    fn page(&self) -> Option<usize> {
        self.doc.get().page(self.node().span.start)
    }

    /// What placed the heading at its level: `"numbering"` (its marker and
    /// the document's order), `"markup"` (a `#` depth, HTML or Word level
    /// that tells levels apart) or `"title"` (its text: a section label or
    /// another unnumbered line where `#` depths carry no level).
    #[getter]
    fn level_from(&self) -> &'static str {
        self.node().level_from.as_str()
    }

    /// 1-based line of the marker.
    #[getter]
    fn line(&self) -> usize {
        self.node().line
    }

    /// 1-based column of the marker, in characters.
    #[getter]
    fn column(&self) -> usize {
        self.node().column
    }

    /// Position in `Document.headings()`.
    #[getter]
    fn index(&self) -> usize {
        self.index
    }

    /// The document the heading belongs to.
    #[getter]
    fn document(&self, py: Python<'_>) -> Py<Document> {
        self.doc.clone_ref(py)
    }

    /// Byte offsets `(start, end)` into the UTF-8 text, from the heading's
    /// first byte to the end of its last descendant (the JSON's `span`).
    #[getter]
    fn span(&self) -> (usize, usize) {
        let s = self.node().span;
        (s.start, s.end)
    }

    /// The marker's bytes.
    #[getter]
    fn marker_span(&self) -> (usize, usize) {
        let s = self.node().marker_span;
        (s.start, s.end)
    }

    /// The title's bytes.
    #[getter]
    fn title_span(&self) -> (usize, usize) {
        let s = self.node().title_span;
        (s.start, s.end)
    }

    /// Character offset where the heading starts: `doc.text[h.start:h.end]`.
    #[getter]
    fn start(&self) -> usize {
        self.chars(self.node().span).0
    }

    /// Character offset where the heading (with its descendants) ends.
    #[getter]
    fn end(&self) -> usize {
        self.chars(self.node().span).1
    }

    /// Character offset of the marker.
    #[getter]
    fn marker_start(&self) -> usize {
        self.chars(self.node().marker_span).0
    }

    /// Character offset of the marker's end.
    #[getter]
    fn marker_end(&self) -> usize {
        self.chars(self.node().marker_span).1
    }

    /// Character offset of the title.
    #[getter]
    fn title_start(&self) -> usize {
        self.chars(self.node().title_span).0
    }

    /// Character offset of the title's end.
    #[getter]
    fn title_end(&self) -> usize {
        self.chars(self.node().title_span).1
    }

    /// The heading's own paragraphs (not its sub-headings').
    #[getter]
    fn body(&self, py: Python<'_>) -> Vec<Paragraph> {
        let doc = self.doc.get();
        self.node()
            .body()
            .iter()
            .map(|p| doc.paragraph(py, p))
            .collect()
    }

    /// The body's paragraphs joined by line breaks.
    #[getter]
    fn body_text(&self) -> String {
        let body = self.node().body();
        let mut s = String::with_capacity(body.iter().map(|p| p.text.len() + 1).sum());
        for (i, p) in body.iter().enumerate() {
            if i > 0 {
                s.push('\n');
            }
            s.push_str(p.text);
        }
        s
    }

    /// Sub-headings, in document order.
    #[getter]
    fn children(&self, py: Python<'_>) -> Vec<Heading> {
        self.node()
            .children()
            .map(|c| self.at(py, c.index()))
            .collect()
    }

    /// The enclosing heading, or `None` at the top level.
    #[getter]
    fn parent(&self, py: Python<'_>) -> Option<Heading> {
        self.node().parent().map(|p| self.at(py, p.index()))
    }

    /// The enclosing headings' labels, outermost first, as in the chunk
    /// records' `path`: `["一、提高认识", "（一）压实责任"]`.
    #[getter]
    fn path(&self) -> Vec<String> {
        let mut up: Vec<String> = self
            .node()
            .ancestors()
            .map(|a| tigang::render::label(&a))
            .collect();
        up.reverse();
        up
    }

    /// Marker and title as one string (`一、提高认识`, `第一章 总则`).
    #[getter]
    fn label(&self) -> String {
        tigang::render::label(&self.node())
    }

    /// A dotted marker's components (`2.3.1` is `[2, 3, 1]`), else `[]`.
    #[getter]
    fn components(&self) -> Vec<u16> {
        self.node().heading().path().to_vec()
    }

    /// The heading's JSON (spec §7) with its body and children.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let node = self.node();
        let text = py.detach(|| json::heading_to_string(node, json::Style::Compact));
        json_loads(py, text)
    }

    fn __repr__(&self) -> String {
        let n = self.node();
        format!(
            "<tigang.Heading {:?} kind={} level={} line={}>",
            tigang::render::label(&n),
            n.kind.as_str(),
            n.level,
            n.line
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Heading>()
            .is_ok_and(|o| o.get().doc.is(&self.doc) && o.get().index == self.index)
    }

    fn __hash__(&self) -> u64 {
        (self.doc.as_ptr() as usize as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ self.index as u64
    }
}

/// A paragraph of a body or of the preamble.
#[pyclass(frozen, get_all, module = "tigang", name = "Paragraph")]
pub struct Paragraph {
    /// The paragraph, without the surrounding whitespace and line noise.
    text: Py<PyString>,
    /// Byte offsets into the UTF-8 text.
    span: (usize, usize),
    /// Character offset: `doc.text[p.start:p.end] == p.text`.
    start: usize,
    /// Character offset of the end.
    end: usize,
    /// The 1-based page it stands on, when the source has pages (a
    /// converter's JSON, a PDF); `None` otherwise.
    page: Option<usize>,
}

#[pymethods]
impl Paragraph {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!("<tigang.Paragraph {:?}>", self.text.bind(py).to_string())
    }
}

/// A table-of-contents entry.
#[pyclass(frozen, get_all, module = "tigang", name = "TocEntry")]
pub struct TocEntry {
    kind: &'static str,
    marker: String,
    number: Option<u32>,
    title: String,
    line: usize,
    column: usize,
    marker_span: (usize, usize),
    title_span: (usize, usize),
    marker_start: usize,
    marker_end: usize,
    title_start: usize,
    title_end: usize,
}

#[pymethods]
impl TocEntry {
    fn __repr__(&self) -> String {
        format!(
            "<tigang.TocEntry {:?} line={}>",
            format!("{}{}", self.marker, self.title),
            self.line
        )
    }
}

/// A replacement that fixes a diagnostic.
#[pyclass(frozen, get_all, module = "tigang", name = "Suggestion")]
#[derive(Clone)]
pub struct Suggestion {
    /// What to write instead.
    replacement: String,
    /// The bytes to replace.
    span: (usize, usize),
    /// Character offsets of the text to replace.
    start: usize,
    end: usize,
}

/// One numbering finding of `tigang check`.
#[pyclass(frozen, get_all, module = "tigang", name = "Diagnostic")]
pub struct Diagnostic {
    /// `numbering-skip`, `numbering-duplicate`, `lonely-ordinal`, …
    code: &'static str,
    /// `error`, `warning` or `info`.
    severity: &'static str,
    line: usize,
    column: usize,
    /// What is wrong and what was expected, in English (as in the JSON).
    message: String,
    /// The same in Simplified Chinese.
    message_zh: String,
    /// What to do, in English, where there is advice.
    help: Option<String>,
    /// The same in Simplified Chinese.
    help_zh: Option<String>,
    /// The JSON of `tigang check --format json --lang en`, for `to_dict`.
    _json: String,
    /// The marker's bytes.
    span: (usize, usize),
    /// Character offsets of the marker.
    start: usize,
    end: usize,
    /// A fix, where one exists.
    suggestion: Option<Suggestion>,
}

impl Diagnostic {
    pub fn from_lib(doc: &Document, d: &tigang::Diagnostic) -> Self {
        let (start, end) = doc.char_span(d.span);
        Diagnostic {
            code: d.code.as_str(),
            severity: d.severity.as_str(),
            line: d.line,
            column: d.column,
            message: d.message(tigang::Lang::En),
            message_zh: d.message(tigang::Lang::Zh),
            help: d.help(tigang::Lang::En),
            help_zh: d.help(tigang::Lang::Zh),
            _json: json::diagnostic_to_string(d, tigang::Lang::En, json::Style::Compact),
            span: (d.span.start, d.span.end),
            start,
            end,
            suggestion: d.suggestion.as_ref().map(|s| {
                let (start, end) = doc.char_span(s.span);
                Suggestion {
                    replacement: s.replacement.clone(),
                    span: (s.span.start, s.span.end),
                    start,
                    end,
                }
            }),
        }
    }
}

#[pymethods]
impl Diagnostic {
    fn __repr__(&self) -> String {
        format!(
            "<tigang.Diagnostic {}[{}] line {}: {}>",
            self.severity, self.code, self.line, self.message
        )
    }

    fn __str__(&self) -> String {
        format!("{}[{}]: {}", self.severity, self.code, self.message)
    }

    /// The diagnostic as `tigang check --format json --lang en` prints it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        LOADS
            .import(py, "json", "loads")?
            .call1((self._json.as_str(),))
    }
}
