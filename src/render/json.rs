//! The JSON of a document (the format of the README's "JSON" section),
//! written by hand: one pass over the outline into a `String` (or through a
//! 64 KB buffer into an [`io::Write`]), numbers formatted in place and
//! strings escaped by runs, with no allocation per value. The command line
//! and the Python package print it, so both give the same bytes.
//!
//! Two [`Style`]s: [`Style::Compact`] (one line, no spaces: what a program
//! reads, what `tigang parse --format json` prints into a pipe) and
//! [`Style::Pretty`] (two-space indent like `serde_json`'s pretty printer,
//! except that spans and dotted paths stay on one line: `"span": [60, 900]`).
//!
//! The document's JSON carries the numbering checks ([`check`]), which is
//! why it lives with the renderings and not with the data model. [`Json`]
//! adds what a reader knows of the source (`source`, and for Word input each
//! heading's `paragraph` and `numbering`) and the command line's fields.
//!
//! ```
//! use tigang::render::json::{self, Style};
//! let doc = tigang::parse("一、总则\n");
//! let compact = json::to_string(&doc, Style::Compact);
//! assert!(compact.starts_with(r#"{"schema":2,"title":null,"#));
//! assert!(compact.contains(r#""marker":"一、","number":1,"#));
//! let pretty = json::to_string(&doc, Style::Pretty);
//! assert!(pretty.contains("\n      \"span\": [0, 12],\n"));
//! ```
//!
//! With the `serde` feature, `Document` also implements `serde::Serialize`
//! with the same JSON value.

use std::convert::Infallible;
use std::io;

use super::chunks::Chunk;
use super::record::{
    self, CheckFileIn, ChunkIn, DiagnosticIn, Emit, Field, HeadingIn, Presence, Record, Sourced,
    TextIn, Value,
};
use crate::document::{Document, Node, Span};
use crate::input::{Source, SourceMap};
use crate::numbering::check::{Diagnostic, check, check_source};
use crate::numbering::message::Lang;

/// How the JSON is laid out. Both styles give the same JSON value.
///
/// ```
/// use tigang::render::json::{self, Style};
/// let doc = tigang::parse("");
/// assert_eq!(json::to_string(&doc, Style::Compact).lines().count(), 1);
/// assert!(json::to_string(&doc, Style::Pretty).starts_with("{\n  \"schema\": 2,\n"));
/// assert!(json::to_string(&doc, Style::Indent(4)).starts_with("{\n    \"schema\": 2,\n"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Style {
    /// One line, no spaces (`{"span":[0,13]}`).
    #[default]
    Compact,
    /// Two-space indent, one member per line, spans and dotted paths on one
    /// line (`"span": [0, 13]`); `serde_json`'s pretty layout otherwise.
    Pretty,
    /// As [`Style::Pretty`], with this many spaces per level.
    Indent(usize),
}

impl Style {
    /// Spaces per level; `None` for compact.
    fn indent(self) -> Option<usize> {
        match self {
            Style::Compact => None,
            Style::Pretty => Some(2),
            Style::Indent(n) => Some(n),
        }
    }
}

/// The JSON of `doc` (with its numbering checks) in `style`, without a
/// final line break.
///
/// ```
/// use tigang::render::json::{self, Style};
/// let doc = tigang::parse("一、总则\n");
/// let s = json::to_string(&doc, Style::Compact);
/// assert!(s.ends_with(r#""diagnostics":[]}"#));
/// ```
pub fn to_string(doc: &Document<'_>, style: Style) -> String {
    Json::new(doc).to_string(style)
}

/// Writes the JSON of `doc` in `style` into `out`, through a 64 KB buffer,
/// without a final line break.
///
/// ```
/// use tigang::render::json::{self, Style};
/// let doc = tigang::parse("一、总则\n");
/// let mut out = Vec::new();
/// json::to_writer(&doc, Style::Compact, &mut out).unwrap();
/// assert_eq!(out, json::to_string(&doc, Style::Compact).into_bytes());
/// ```
pub fn to_writer(doc: &Document<'_>, style: Style, out: impl io::Write) -> io::Result<()> {
    Json::new(doc).to_writer(style, out)
}

/// The JSON of one heading (its fields, body and children) in `style`: the
/// objects of the document's `children`.
///
/// ```
/// use tigang::render::json::{self, Style};
/// let doc = tigang::parse("一、总则\n（一）范围\n");
/// let h = doc.children().next().unwrap();
/// let s = json::heading_to_string(h, Style::Compact);
/// assert!(s.starts_with(r#"{"kind":"numeral","marker":"一、""#));
/// assert!(s.contains(r#""children":[{"kind":"paren_numeral""#));
/// ```
pub fn heading_to_string(node: Node<'_, '_>, style: Style) -> String {
    let mut out = String::new();
    let mut w = Writer::new(&mut out, style);
    let sourced = Sourced::default();
    let _ = record::heading(&mut w, HeadingIn { node, sourced });
    out
}

/// The JSON of one diagnostic, its message and help in `lang` (as in the
/// document's `diagnostics`, which are in English, and in `tigang check
/// --format json`).
///
/// ```
/// use tigang::render::json::{self, Style};
/// let doc = tigang::parse("一、甲\n三、乙\n");
/// let d = &tigang::check(&doc)[0];
/// let s = json::diagnostic_to_string(d, tigang::Lang::Zh, Style::Compact);
/// assert!(s.starts_with(r#"{"code":"numbering-skip","severity":"warning","line":2,"#));
/// assert!(s.contains(r#""message":"“一、”之后是“三、”，缺少“二、”""#));
/// ```
pub fn diagnostic_to_string(d: &Diagnostic, lang: Lang, style: Style) -> String {
    let mut out = String::new();
    let _ = record::diagnostic(&mut Writer::new(&mut out, style), DiagnosticIn { d, lang });
    out
}

/// The JSON record of one chunk (a line of `tigang parse --format chunks`),
/// appended to `out`; `file` (and `file_hex`, a file name's bytes in hex
/// when they are not UTF-8) come first when given, and `page` after `line`
/// when the source has `pages` (a converter's JSON, a PDF).
///
/// ```
/// use tigang::render::json::{self, Style};
/// let doc = tigang::parse("一、总则\n要求。\n");
/// let mut line = String::new();
/// for c in tigang::render::chunks(&doc, None) {
///     json::write_chunk(&mut line, &c, Some("a.txt"), None, None, Style::Compact);
/// }
/// assert!(line.starts_with(r#"{"file":"a.txt","document":null,"path":[],"kind":"numeral","marker":"一、""#));
/// ```
pub fn write_chunk(
    out: &mut String,
    chunk: &Chunk<'_, '_>,
    file: Option<&str>,
    file_hex: Option<&str>,
    pages: Option<&SourceMap>,
    style: Style,
) {
    let mut w = Writer::new(out, style);
    let _ = record::chunk(
        &mut w,
        ChunkIn {
            chunk,
            file: file.map(|f| (f, file_hex)),
            pages,
        },
    );
}

/// The JSON of a document with what is known of where it came from: the
/// [`Source`] and [`SourceMap`] of [`input::read`](crate::input::read)
/// (`"source"`; for Word input each heading's `"paragraph"` and
/// `"numbering"`, and the diagnostics of [`check_source`]), and the
/// command line's fields: `"file"` and `"file_hex"` first,
/// `"encoding_confidence"` and `"replacements"` last. `tigang parse --format
/// json` prints it, and so does the Python package's `Document.to_json()`.
///
/// ```
/// use tigang::input::{Format, Source, SourceMap};
/// use tigang::render::json::{Json, Style};
/// let doc = tigang::parse("一、总则\n");
/// let (source, map) = (Source::new(Format::Text, Some("GB18030")), SourceMap::default());
/// let s = Json::new(&doc).source(&source, &map).file("a.txt", None).to_string(Style::Compact);
/// assert!(s.starts_with(r#"{"file":"a.txt","schema":2,"#));
/// assert!(s.ends_with(r#""source":{"format":"text","encoding":"GB18030"}}"#));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Json<'d, 'a> {
    doc: &'d Document<'a>,
    source: Option<(&'d Source, &'d SourceMap)>,
    file: Option<&'d str>,
    file_hex: Option<&'d str>,
    guessed: bool,
    replacements: usize,
    alongside: bool,
    diagnostics: bool,
}

impl<'d, 'a> Json<'d, 'a> {
    /// The JSON of `doc` alone: the fields of the README's "JSON" section.
    ///
    /// ```
    /// let doc = tigang::parse("");
    /// let s = tigang::render::json::Json::new(&doc).to_string(Default::default());
    /// assert_eq!(s, r#"{"schema":2,"title":null,"title_span":null,"subtitle":null,"subtitle_span":null,"toc":[],"preamble":[],"children":[],"diagnostics":[]}"#);
    /// ```
    pub fn new(doc: &'d Document<'a>) -> Self {
        Json {
            doc,
            source: None,
            file: None,
            file_hex: None,
            guessed: false,
            replacements: 0,
            alongside: false,
            diagnostics: true,
        }
    }

    /// Adds `"source"` (and for Word input `"paragraph"` and `"numbering"`),
    /// and takes the diagnostics of [`check_source`].
    ///
    /// ```
    /// use tigang::input::{Format, Source, SourceMap};
    /// let doc = tigang::parse("一、总则\n");
    /// let (source, map) = (Source::new(Format::Docx, None), SourceMap::default());
    /// let s = tigang::render::json::Json::new(&doc).source(&source, &map).to_string(Default::default());
    /// assert!(s.contains(r#""numbering":"typed","body":[]"#));
    /// assert!(s.ends_with(r#""source":{"format":"docx"}}"#));
    /// ```
    pub fn source(mut self, source: &'d Source, map: &'d SourceMap) -> Self {
        self.source = Some((source, map));
        self
    }

    /// Adds `"file"` (and `"file_hex"`, the name's bytes in hex when they
    /// are not UTF-8) as the first fields.
    ///
    /// ```
    /// let doc = tigang::parse("");
    /// let s = tigang::render::json::Json::new(&doc).file("a.txt", Some("61")).to_string(Default::default());
    /// assert!(s.starts_with(r#"{"file":"a.txt","file_hex":"61","schema":2,"#));
    /// ```
    pub fn file(mut self, name: &'d str, hex: Option<&'d str>) -> Self {
        self.file = Some(name);
        self.file_hex = hex;
        self
    }

    /// Adds `"encoding_confidence": "low"` when `guessed` (the encoding is a
    /// guess from little text) and `"replacements"` when `replaced` bytes
    /// became U+FFFD, as the last fields.
    ///
    /// ```
    /// let doc = tigang::parse("");
    /// let s = tigang::render::json::Json::new(&doc).read_notes(true, 3).to_string(Default::default());
    /// assert!(s.ends_with(r#""encoding_confidence":"low","replacements":3}"#));
    /// ```
    pub fn read_notes(mut self, guessed: bool, replaced: usize) -> Self {
        self.guessed = guessed;
        self.replacements = replaced;
        self
    }

    /// Computes the numbering checks (the `diagnostics`, most of the time
    /// of a document's JSON) on a second thread while the outline before
    /// them is written. The same bytes; for one large document on a
    /// machine with a core to spare (`tigang parse FILE` does it; a batch,
    /// which runs a document per core, does not).
    ///
    /// ```
    /// use tigang::render::json::{Json, Style};
    /// let doc = tigang::parse("一、甲\n三、乙\n");
    /// let both = Json::new(&doc).check_alongside(true).to_string(Style::Compact);
    /// assert_eq!(both, Json::new(&doc).to_string(Style::Compact));
    /// ```
    pub fn check_alongside(mut self, yes: bool) -> Self {
        self.alongside = yes;
        self
    }

    /// Whether the JSON has `"diagnostics"` (the default). Without, the
    /// numbering is not checked at all, and the field is left out rather
    /// than written empty, which would say the numbering is right: the
    /// outline alone, for indexing (`tigang parse --no-check`).
    ///
    /// ```
    /// use tigang::render::json::{Json, Style};
    /// let doc = tigang::parse("一、甲\n三、乙\n");
    /// let outline = Json::new(&doc).diagnostics(false).to_string(Style::Compact);
    /// assert!(outline.ends_with(r#""children":[]}]}"#));
    /// assert!(Json::new(&doc).to_string(Style::Compact).contains(r#""diagnostics":[{"code":"numbering-skip""#));
    /// ```
    pub fn diagnostics(mut self, yes: bool) -> Self {
        self.diagnostics = yes;
        self
    }

    /// The JSON in `style`, without a final line break.
    ///
    /// ```
    /// let doc = tigang::parse("一、总则\n");
    /// let json = tigang::render::json::Json::new(&doc);
    /// assert_eq!(json.to_string(Default::default()), tigang::render::json::to_string(&doc, Default::default()));
    /// ```
    pub fn to_string(&self, style: Style) -> String {
        let mut out = String::with_capacity(self.doc.source().len() + 1024);
        self.write(&mut out, style);
        out
    }

    /// Appends the JSON in `style` to `out`.
    ///
    /// ```
    /// let doc = tigang::parse("");
    /// let mut s = String::from("x");
    /// tigang::render::json::Json::new(&doc).write(&mut s, Default::default());
    /// assert!(s.starts_with("x{"));
    /// ```
    pub fn write(&self, out: &mut String, style: Style) {
        let mut w = Writer::new(out, style);
        w.document(self);
    }

    /// Writes the JSON in `style` into `out` through a 64 KB buffer (the
    /// whole JSON is never held in memory), without a final line break.
    ///
    /// ```
    /// let doc = tigang::parse("一、总则\n");
    /// let json = tigang::render::json::Json::new(&doc);
    /// let mut out = Vec::new();
    /// json.to_writer(Default::default(), &mut out).unwrap();
    /// assert_eq!(String::from_utf8(out).unwrap(), json.to_string(Default::default()));
    /// ```
    pub fn to_writer(&self, style: Style, mut out: impl io::Write) -> io::Result<()> {
        let mut buf = String::with_capacity(FLUSH_AT + 4096);
        let mut w = Writer::new(&mut buf, style);
        w.sink = Some(&mut out);
        w.document(self);
        w.flush()
    }
}

/// The document's numbering checks: [`check_source`]'s with a source map.
fn diagnostics(j: &Json<'_, '_>) -> Vec<Diagnostic> {
    match j.source {
        Some((_, map)) => check_source(j.doc, map),
        None => check(j.doc),
    }
}

/// Bytes gathered before they are written to an `io::Write`.
const FLUSH_AT: usize = 1 << 16;

/// The JSON writer: values appended to a `String`, separators and
/// indentation placed by the writer (a value after a key, or an element of
/// an array). Depth is bounded by the outline's (ARCHITECTURE.md), so the
/// recursion over headings is shallow whatever the input.
struct Writer<'o, 's> {
    out: &'o mut String,
    /// Spaces per level, `None` for compact.
    indent: Option<usize>,
    depth: usize,
    /// No member or element written yet in the innermost open container.
    first: bool,
    /// A key was just written: the next value follows it directly.
    after_key: bool,
    /// Where the buffer goes when it is full ([`Json::to_writer`]).
    sink: Option<&'s mut dyn io::Write>,
    error: Option<io::Error>,
}

impl<'o, 's> Writer<'o, 's> {
    fn new(out: &'o mut String, style: Style) -> Self {
        Writer {
            out,
            indent: style.indent(),
            depth: 0,
            first: true,
            after_key: false,
            sink: None,
            error: None,
        }
    }

    /// Writes the buffer out if it is full (and there is a sink).
    fn maybe_flush(&mut self) {
        if self.out.len() >= FLUSH_AT && self.sink.is_some() {
            self.drain();
        }
    }

    fn drain(&mut self) {
        if let Some(sink) = self.sink.as_mut() {
            if self.error.is_none() {
                if let Err(e) = sink.write_all(self.out.as_bytes()) {
                    self.error = Some(e);
                }
            }
            self.out.clear();
        }
    }

    fn flush(mut self) -> io::Result<()> {
        self.drain();
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn newline(&mut self) {
        if let Some(n) = self.indent {
            self.out.push('\n');
            push_spaces(self.out, n * self.depth);
        }
    }

    /// Before any value: nothing after a key, the separator in an array.
    fn before_value(&mut self) {
        if self.after_key {
            self.after_key = false;
        } else if self.depth > 0 {
            if !self.first {
                self.out.push(',');
            }
            self.first = false;
            self.newline();
        }
    }

    /// A member's key, quoted with its colon as [`Field::key`] holds it (`"kind":`). Inlined,
    /// so the key's copy is a few moves of a known length.
    #[inline(always)]
    fn key(&mut self, quoted: &'static str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        if self.indent.is_some() {
            self.newline();
            self.out.push_str(quoted);
            self.out.push(' ');
        } else {
            self.out.push_str(quoted);
        }
        self.after_key = true;
    }

    fn open(&mut self, c: char) {
        self.before_value();
        self.out.push(c);
        self.depth += 1;
        self.first = true;
    }

    fn close(&mut self, c: char) {
        self.depth -= 1;
        if !self.first {
            self.newline();
        }
        self.out.push(c);
        self.first = false;
    }

    fn begin_object(&mut self) {
        self.open('{');
    }

    fn end_object(&mut self) {
        self.close('}');
    }

    fn begin_array(&mut self) {
        self.open('[');
    }

    fn end_array(&mut self) {
        self.close(']');
    }

    fn null(&mut self) {
        self.before_value();
        self.out.push_str("null");
    }

    fn uint(&mut self, n: usize) {
        self.before_value();
        push_uint(self.out, n as u64);
    }

    fn str(&mut self, s: &str) {
        self.before_value();
        push_str(self.out, s);
    }

    /// `[start, end]` on one line in every style.
    fn span(&mut self, s: Span) {
        self.before_value();
        self.out.push('[');
        push_uint(self.out, s.start as u64);
        self.comma();
        push_uint(self.out, s.end as u64);
        self.out.push(']');
    }

    /// The separator of a one-line array: `,` or, indented, `, `.
    fn comma(&mut self) {
        self.out.push(',');
        if self.indent.is_some() {
            self.out.push(' ');
        }
    }

    /// A short array of numbers on one line (a span, a dotted path).
    fn numbers(&mut self, ns: &[u64]) {
        self.before_value();
        self.out.push('[');
        for (i, &n) in ns.iter().enumerate() {
            if i > 0 {
                self.comma();
            }
            push_uint(self.out, n);
        }
        self.out.push(']');
    }

    /// Headings as breadcrumbs write them: marker and title, joined as
    /// [`label`](crate::render::label) joins them.
    fn labels(&mut self, nodes: &[Node<'_, '_>]) {
        self.begin_array();
        for h in nodes {
            self.before_value();
            self.out.push('"');
            push_escaped(self.out, h.marker);
            if super::markdown::needs_space(h) && !h.title.is_empty() {
                self.out.push(' ');
            }
            push_escaped(self.out, &h.title);
            self.out.push('"');
        }
        self.end_array();
    }

    /// The document's record, its numbering checks on a second thread
    /// when [`Json::check_alongside`] asks for it.
    fn document(&mut self, j: &Json<'_, '_>) {
        let mut x = record::DocumentIn::new(j.doc);
        x.file = j.file.map(|f| (f, j.file_hex));
        x.source = j.source;
        x.guessed = j.guessed;
        x.replacements = j.replacements;
        if !j.diagnostics {
            let _ = record::document(self, x);
            return;
        }
        if j.alongside {
            let done = std::thread::scope(|s| {
                let Ok(checks) = std::thread::Builder::new().spawn_scoped(s, || diagnostics(j))
                else {
                    return false;
                };
                // Joined when the record reaches its `diagnostics`.
                let handle = std::cell::Cell::new(Some(checks));
                let later = || {
                    handle
                        .take()
                        .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                        .unwrap_or_default()
                };
                let x = record::DocumentIn {
                    diagnostics: record::Checks::Later(&later),
                    ..x
                };
                let _ = record::document(self, x);
                true
            });
            if done {
                return;
            }
        }
        let found = diagnostics(j);
        let x = record::DocumentIn {
            diagnostics: record::Checks::Done(&found),
            ..x
        };
        let _ = record::document(self, x);
    }

    /// A value that holds records, or a list of numbers or labels.
    #[inline(never)]
    fn nested(&mut self, value: Value<'_>) {
        match value {
            Value::Path(path) => {
                let mut ns = [0u64; crate::document::MAX_PATH];
                for (n, &p) in ns.iter_mut().zip(path) {
                    *n = u64::from(p);
                }
                self.numbers(&ns[..path.len()]);
            }
            Value::Labels(nodes) => self.labels(nodes),
            Value::Texts(texts, pages) => self.list(texts, |w, text| {
                let _ = record::text(w, TextIn { text, pages });
            }),
            Value::Headings(children, sourced) => self.list(children, |w, node| {
                let _ = record::heading(w, HeadingIn { node, sourced });
            }),
            Value::Toc(entries) => self.list(entries, |w, e| {
                let _ = record::toc_entry(w, e);
            }),
            Value::Diagnostics(diags, lang) => self.list(diags.iter(), |w, d| {
                let _ = record::diagnostic(w, DiagnosticIn { d, lang });
            }),
            Value::Source(s) => {
                let _ = record::source(self, s);
            }
            Value::Suggestion(s) => {
                let _ = record::suggestion(self, s);
            }
            Value::Edits(edits) => self.list(edits, |w, e| {
                let _ = record::edit(w, e);
            }),
            Value::Str(_) | Value::Name(_) | Value::String(_) | Value::Uint(_) | Value::Span(_) => {
                unreachable!("scalars are written by Emit::field")
            }
        }
    }

    /// An array of records, one per item.
    fn list<T>(&mut self, items: impl IntoIterator<Item = T>, mut each: impl FnMut(&mut Self, T)) {
        self.begin_array();
        for item in items {
            each(self, item);
        }
        self.end_array();
    }
}

/// The fast writer walks the records' descriptions: a key, then the value.
impl Emit for Writer<'_, '_> {
    type Error = Infallible;

    #[inline]
    fn begin(&mut self, _: &'static Record) -> Result<(), Infallible> {
        self.begin_object();
        Ok(())
    }

    #[inline(always)]
    fn field(&mut self, f: &'static Field, value: Option<Value<'_>>) -> Result<(), Infallible> {
        let Some(value) = value else {
            if f.presence == Presence::Nullable {
                self.key(f.key);
                self.null();
            }
            return Ok(());
        };
        self.key(f.key);
        // Scalars here, where the record's function has just made the
        // value (so the match folds away); what holds records out of line.
        match value {
            Value::Str(s) | Value::Name(s) => self.str(s),
            Value::String(s) => self.str(&s),
            Value::Uint(n) => self.uint(n as usize),
            Value::Span(s) => self.span(s),
            nested => self.nested(nested),
        }
        Ok(())
    }

    #[inline]
    fn end(&mut self, _: &'static Record) -> Result<(), Infallible> {
        self.end_object();
        self.maybe_flush();
        Ok(())
    }
}

/// The JSON of `tigang check --format json`: one object per file, `file`,
/// `file_hex` (when the name is not UTF-8) and its `diagnostics` with
/// messages in the language given, written as an array.
///
/// ```
/// use tigang::render::json::{CheckReport, Style};
/// let doc = tigang::parse("一、甲\n三、乙\n");
/// let diags = tigang::check(&doc);
/// let mut report = CheckReport::new(Style::Compact);
/// report.file("a.txt", None, &diags, tigang::Lang::En);
/// let s = report.finish();
/// assert!(s.starts_with(r#"[{"file":"a.txt","diagnostics":[{"code":"numbering-skip","#));
/// ```
#[derive(Debug)]
pub struct CheckReport {
    out: String,
    style: Style,
    any: bool,
}

impl CheckReport {
    /// An empty report (`[]`).
    ///
    /// ```
    /// let r = tigang::render::json::CheckReport::new(Default::default());
    /// assert_eq!(r.finish(), "[]");
    /// ```
    pub fn new(style: Style) -> Self {
        CheckReport {
            out: String::from("["),
            style,
            any: false,
        }
    }

    /// Adds one file's diagnostics, their messages and help in `lang`.
    ///
    /// ```
    /// let mut r = tigang::render::json::CheckReport::new(tigang::render::json::Style::Pretty);
    /// r.file("a.txt", None, &[], tigang::Lang::En);
    /// assert_eq!(r.finish(), "[\n  {\n    \"file\": \"a.txt\",\n    \"diagnostics\": []\n  }\n]");
    /// ```
    pub fn file(&mut self, name: &str, hex: Option<&str>, diags: &[Diagnostic], lang: Lang) {
        let mut w = Writer::new(&mut self.out, self.style);
        // Inside the report's array.
        w.depth = 1;
        w.first = !self.any;
        let _ = record::check_file(
            &mut w,
            CheckFileIn {
                file: name,
                file_hex: hex,
                diagnostics: diags,
                lang,
            },
        );
        self.any = true;
    }

    /// The report's JSON, without a final line break.
    ///
    /// ```
    /// let r = tigang::render::json::CheckReport::new(Default::default());
    /// assert_eq!(r.finish(), "[]");
    /// ```
    pub fn finish(mut self) -> String {
        if self.any && self.style.indent().is_some() {
            self.out.push('\n');
        }
        self.out.push(']');
        self.out
    }
}

fn push_spaces(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = n;
    while left > 0 {
        let k = left.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        left -= k;
    }
}

/// `n` in decimal, formatted in a stack buffer.
fn push_uint(out: &mut String, n: u64) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// `s` as a JSON string, quoted.
fn push_str(out: &mut String, s: &str) {
    out.push('"');
    push_escaped(out, s);
    out.push('"');
}

/// What each byte is written as: 0 itself, `u` as `\u00XX`, else the
/// letter after a backslash (`"`, `\`, `b`, `f`, `n`, `r`, `t`). Bytes of
/// non-ASCII characters are kept (JSON text is UTF-8). The same escapes as
/// `serde_json`.
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// `s` escaped for inside a JSON string: unescaped runs copied whole,
/// looked through eight bytes at a time.
fn push_escaped(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    // Bytes before `start` are written; clean runs are copied in one go.
    let mut start = 0;
    let mut at = 0;
    // Blocks of 16 bytes are tested in a few vector instructions; the rest
    // eight bytes at a time, then byte by byte.
    for block in bytes.chunks_exact(BLOCK) {
        if block_needs_escape(block) {
            escape_bytes(out, s, at..at + BLOCK, &mut start);
        }
        at += BLOCK;
    }
    while let Some(word) = bytes.get(at..at + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        if needs_escape(u64::from_le_bytes(w)) {
            escape_bytes(out, s, at..at + 8, &mut start);
        }
        at += 8;
    }
    // The last few bytes, padded with spaces (which stay as they are).
    let tail = &bytes[at..];
    let mut w = [b' '; 8];
    w[..tail.len()].copy_from_slice(tail);
    if needs_escape(u64::from_le_bytes(w)) {
        escape_bytes(out, s, at..bytes.len(), &mut start);
    }
    out.push_str(&s[start..]);
}

/// Bytes tested at once by [`block_needs_escape`].
const BLOCK: usize = 16;

/// Whether any byte of `block` (of [`BLOCK`] bytes) is below 0x20, `"` or
/// `\\`. Without early exit, so that the compiler tests all of them at once.
fn block_needs_escape(block: &[u8]) -> bool {
    let Ok(block) = <&[u8; BLOCK]>::try_from(block) else {
        return true;
    };
    block.iter().fold(false, |any, &b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// Escapes the bytes of `s` in `range` that need it: the clean run since
/// `start` is copied before each escape, and `start` moves past it.
fn escape_bytes(out: &mut String, s: &str, range: std::ops::Range<usize>, start: &mut usize) {
    for i in range {
        let b = s.as_bytes()[i];
        let e = ESCAPE[b as usize];
        if e == 0 {
            continue;
        }
        // `b` is ASCII, so `start..i` lies on character boundaries.
        out.push_str(&s[*start..i]);
        if e == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xf) as usize] as char);
        } else {
            out.push('\\');
            out.push(e as char);
        }
        *start = i + 1;
    }
}

/// Whether any of the eight bytes of `w` is below 0x20, `"` or `\\`
/// (exact: the classic "has a byte less than n" and "has a zero byte"
/// tests; bytes of non-ASCII characters are 0x80 and above, never flagged).
fn needs_escape(w: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let control = w.wrapping_sub(LO * 0x20) & !w;
    let q = w ^ (LO * u64::from(b'"'));
    let quote = q.wrapping_sub(LO) & !q;
    let b = w ^ (LO * u64::from(b'\\'));
    let backslash = b.wrapping_sub(LO) & !b;
    (control | quote | backslash) & HI != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = String::new();
        push_str(&mut out, s);
        out
    }

    #[test]
    fn escapes_quotes_backslashes_and_control_characters() {
        assert_eq!(escaped(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(escaped("\n\r\t\u{8}\u{c}"), r#""\n\r\t\b\f""#);
        assert_eq!(escaped("\u{0}\u{1f}\u{7f}"), "\"\\u0000\\u001f\u{7f}\"");
        assert_eq!(escaped("一、“总则”/é"), "\"一、“总则”/é\"");
        assert_eq!(escaped(""), r#""""#);
    }

    #[test]
    fn escapes_as_serde_json_does() {
        let all: String = (0u32..0x3000)
            .step_by(7)
            .chain(0..0x80)
            .filter_map(char::from_u32)
            .collect();
        assert_eq!(escaped(&all), serde_json::to_string(&all).unwrap());
    }

    #[test]
    fn escapes_at_every_place_in_a_word() {
        for special in ['"', '\\', '\n', '\u{0}', '\u{1f}'] {
            for at in 0..20 {
                let mut s: String = "一a".repeat(10);
                let pos = s.char_indices().nth(at).map_or(s.len(), |(i, _)| i);
                s.insert(pos, special);
                assert_eq!(escaped(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
            }
        }
        for w in [
            0x2020_2020_2020_2020u64,
            0x7f7f_7f7f_7f7f_7f7f,
            0xe4b8_80e3_8081_2123,
        ] {
            assert!(!needs_escape(w), "{w:x}");
        }
    }

    #[test]
    fn numbers() {
        for n in [0u64, 7, 10, 99, 1234567890, u64::MAX] {
            let mut s = String::new();
            push_uint(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    const SRC: &str = "报告\n一、总则\n（一）范围。本办法适用。\n1.1 细则\n";

    #[test]
    fn compact_is_one_line_without_spaces() {
        let doc = crate::parse(SRC);
        let s = to_string(&doc, Style::Compact);
        assert!(!s.contains('\n'));
        assert!(s.contains(r#""span":[7,"#));
        assert!(s.contains(r#""path":[1,1]"#));
        assert!(s.contains(r#""body":[{"text":"本办法适用。","span":["#));
    }

    #[test]
    fn pretty_indents_two_spaces_with_spans_on_one_line() {
        let doc = crate::parse("一、总则\n");
        let s = to_string(&doc, Style::Pretty);
        let want = r#"{
  "schema": 2,
  "title": null,
  "title_span": null,
  "subtitle": null,
  "subtitle_span": null,
  "toc": [],
  "preamble": [],
  "children": [
    {
      "kind": "numeral",
      "marker": "一、",
      "number": 1,
      "level": 1,
      "level_from": "numbering",
      "title": "总则",
      "line": 1,
      "column": 1,
      "span": [0, 12],
      "marker_span": [0, 6],
      "title_span": [6, 12],
      "body": [],
      "children": []
    }
  ],
  "diagnostics": []
}"#;
        assert_eq!(s, want);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn pretty_is_serde_jsons_layout_apart_from_spans() {
        let doc = crate::parse(SRC);
        let ours = to_string(&doc, Style::Pretty);
        // serde_json's pretty layout, with each number array folded on one line.
        let theirs = serde_json::to_string_pretty(&doc).unwrap();
        assert_eq!(ours, fold_number_arrays(&theirs));
        let compact = to_string(&doc, Style::Compact);
        assert_eq!(compact, serde_json::to_string(&doc).unwrap());
    }

    #[cfg(feature = "serde")]
    /// `[\n  1,\n  2\n]` as `[1, 2]`.
    fn fold_number_arrays(s: &str) -> String {
        let mut out = String::new();
        let lines: Vec<&str> = s.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let l = lines[i];
            if l.ends_with('[') {
                let mut j = i + 1;
                let mut nums = Vec::new();
                while j < lines.len() {
                    let t = lines[j].trim().trim_end_matches(',');
                    if t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty() {
                        nums.push(t);
                        j += 1;
                    } else {
                        break;
                    }
                }
                if !nums.is_empty() && j < lines.len() && lines[j].trim().starts_with(']') {
                    out.push_str(l);
                    out.push_str(&nums.join(", "));
                    out.push_str(lines[j].trim());
                    out.push('\n');
                    i = j + 1;
                    continue;
                }
            }
            out.push_str(l);
            out.push('\n');
            i += 1;
        }
        out.pop();
        out
    }

    #[test]
    fn streams_the_same_bytes() {
        let src = SRC.repeat(5000);
        let doc = crate::parse(&src);
        for style in [Style::Compact, Style::Pretty] {
            let mut out = Vec::new();
            to_writer(&doc, style, &mut out).unwrap();
            assert_eq!(out, to_string(&doc, style).into_bytes());
            let mut both = Vec::new();
            Json::new(&doc)
                .check_alongside(true)
                .to_writer(style, &mut both)
                .unwrap();
            assert_eq!(both, out);
        }
    }

    #[test]
    fn check_report_layout() {
        let doc = crate::parse("一、甲\n三、乙\n");
        let diags = check(&doc);
        let mut r = CheckReport::new(Style::Pretty);
        r.file("a", None, &diags, Lang::En);
        r.file("b", Some("62"), &[], Lang::En);
        let s = r.finish();
        let want = r#"[
  {
    "file": "a",
    "diagnostics": [
      {
        "code": "numbering-skip",
        "severity": "warning",
        "line": 2,
        "column": 1,
        "message": "一、 is followed by 三、; expected 二、",
        "help": "replace 三、 with 二、; or add the missing 二、",
        "span": [10, 16],
        "suggestion": {
          "span": [10, 16],
          "replacement": "二、",
          "edits": [
            {
              "span": [10, 16],
              "replacement": "二、"
            }
          ]
        }
      }
    ]
  },
  {
    "file": "b",
    "file_hex": "62",
    "diagnostics": []
  }
]"#;
        assert_eq!(s, want);
        let mut r = CheckReport::new(Style::Compact);
        r.file("a", None, &[], Lang::En);
        r.file("b", None, &[], Lang::En);
        assert_eq!(
            r.finish(),
            r#"[{"file":"a","diagnostics":[]},{"file":"b","diagnostics":[]}]"#
        );
    }
}
