//! The output's records, described once: for each record of the JSON
//! (docs/format.md §7) its fields in order, each with its name, whether it
//! is always there, may be `null` or may be left out, its type and its
//! meaning, and where its value comes from.
//!
//! Every writer walks these descriptions rather than naming fields itself:
//! the fast JSON writer ([`json`](super::json)), `serde::Serialize`, the
//! Python package's dictionaries (each an [`Emit`]), and the JSON Schemas in
//! `schema/`, which `tests/schema.rs` derives from the [`Record`] tables and
//! compares with the committed files. Adding a field to a record is one line
//! here (ARCHITECTURE.md, "Adding a field").
//!
//! ```
//! use tigang::render::record::HEADING;
//! let names: Vec<_> = HEADING.fields.iter().map(|f| f.name).collect();
//! assert_eq!(&names[..3], ["kind", "marker", "number"]);
//! ```

use std::borrow::Cow;

use super::chunks::Chunk;
use crate::document::{Children, Document, Node, Span, Text, TocEntry};
use crate::input::{Source, SourceMap};
use crate::numbering::check::{Diagnostic, Suggestion};
use crate::numbering::fmt::Edit;
use crate::numbering::message::Lang;

/// One record of the output: a JSON object with these fields, in order.
///
/// ```
/// assert_eq!(tigang::render::record::TEXT.name, "text");
/// ```
#[derive(Debug)]
pub struct Record {
    /// The record's name (`heading`), the key of its `$defs` entry in the schema.
    pub name: &'static str,
    /// What the record is, for the schema's `description`.
    pub doc: &'static str,
    /// Its fields, in the order every writer writes them.
    pub fields: &'static [Field],
}

/// One field of a [`Record`].
///
/// ```
/// let f = &tigang::render::record::HEADING.fields[0];
/// assert_eq!((f.name, f.key), ("kind", "\"kind\":"));
/// ```
#[derive(Debug)]
pub struct Field {
    /// The JSON key.
    pub name: &'static str,
    /// The key quoted, with its colon (`"kind":`), as the fast writer copies it.
    pub key: &'static str,
    /// Whether the field is always there.
    pub presence: Presence,
    /// What its value is.
    pub ty: Ty,
    /// What it means (empty: the name says it), for the schema's `description`.
    pub doc: &'static str,
}

/// Whether a field is always written.
///
/// ```
/// use tigang::render::record::{HEADING, Presence};
/// assert_eq!(HEADING.fields[2].presence, Presence::Nullable); // number
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Always written, never `null`.
    Required,
    /// Always written, `null` when there is no value.
    Nullable,
    /// Left out when there is no value.
    Optional,
}

/// The type of a field's value, as the schema states it.
///
/// ```
/// use tigang::render::record::{HEADING, Ty};
/// assert!(matches!(HEADING.fields[0].ty, Ty::Kind));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Ty {
    /// A string.
    Str,
    /// A string matching a regular expression.
    Pattern(&'static str),
    /// An integer of at least this value.
    Uint(u64),
    /// Exactly this JSON value (`2`, `"low"`).
    Const(&'static str),
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// A marker's kind (`numeral`, `chapter`, …).
    Kind,
    /// A chunk's kind: `preamble` or a marker's kind.
    ChunkKind,
    /// What placed a heading at its level (`numbering`, `markup`, `title`).
    LevelFrom,
    /// What a text was read from (`text`, `html`, `docx`, …).
    Format,
    /// `[start, end)` byte offsets into the decoded text.
    Span,
    /// A non-empty array of integers (a dotted marker's components).
    Uints,
    /// An array of strings.
    Strings,
    /// An array of records, of at least this many.
    List(&'static Record, u64),
    /// A record.
    Object(&'static Record),
    /// An array of the record being described (a heading's children).
    ListOfSelf,
}

/// A field's value, as a record's description takes it from its input.
/// Writers turn each into their own form; the lists hold what a writer
/// needs to walk their items' records.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Value<'v> {
    /// A string of the input or the document.
    Str(&'v str),
    /// A name from a fixed set (a kind, a code): writers may intern it.
    Name(&'static str),
    /// A string made for the output (a message).
    String(String),
    /// An integer.
    Uint(u64),
    /// A span.
    Span(Span),
    /// A dotted marker's components.
    Path(&'v [u16]),
    /// Headings written as breadcrumbs: [`label`](super::label) of each.
    Labels(&'v [Node<'v, 'v>]),
    /// Paragraphs ([`TEXT`] records).
    Texts(&'v [Text<'v>], Option<&'v SourceMap>),
    /// Headings ([`HEADING`] records), with what the source tells of them.
    Headings(Children<'v, 'v>, Sourced<'v>),
    /// Table-of-contents entries ([`TOC_ENTRY`] records).
    Toc(&'v [TocEntry<'v>]),
    /// Numbering findings ([`DIAGNOSTIC`] records), in a language.
    Diagnostics(Cow<'v, [Diagnostic]>, Lang),
    /// Where the text came from ([`SOURCE`]).
    Source(&'v Source),
    /// A finding's fix ([`SUGGESTION`]).
    Suggestion(&'v Suggestion),
    /// A fix's edits ([`EDIT`] records).
    Edits(&'v [Edit]),
}

/// What the source tells of each heading: for Word input its paragraph and
/// how its marker was made, for sources with pages its page.
///
/// ```
/// let s = tigang::render::record::Sourced::default();
/// assert!(s.word.is_none() && s.pages.is_none());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Sourced<'v> {
    /// The Word document's map (`numbering`, `paragraph`).
    pub word: Option<&'v SourceMap>,
    /// The map of a source with pages (`page`).
    pub pages: Option<&'v SourceMap>,
}

/// A writer of records: the fast JSON writer, serde's adapter, the Python
/// package's dictionaries. A record's function calls [`Emit::begin`], then
/// [`Emit::field`] for each field of its description in order, then
/// [`Emit::end`].
///
/// ```
/// use tigang::render::record::{self, Emit, Field, Record, Value};
/// /// Collects the names of the fields written.
/// struct Names(Vec<&'static str>);
/// impl Emit for Names {
///     type Error = ();
///     fn begin(&mut self, _: &'static Record) -> Result<(), ()> { Ok(()) }
///     fn field(&mut self, f: &'static Field, v: Option<Value<'_>>) -> Result<(), ()> {
///         if v.is_some() { self.0.push(f.name) }
///         Ok(())
///     }
///     fn end(&mut self, _: &'static Record) -> Result<(), ()> { Ok(()) }
/// }
/// let doc = tigang::parse("一、总则\n");
/// let mut names = Names(Vec::new());
/// let h = doc.children().next().unwrap();
/// record::heading(&mut names, record::HeadingIn { node: h, sourced: Default::default() }).unwrap();
/// assert_eq!(names.0[..2], ["kind", "marker"]);
/// ```
pub trait Emit {
    /// What writing can fail with.
    type Error;
    /// A record starts.
    fn begin(&mut self, record: &'static Record) -> Result<(), Self::Error>;
    /// One field, `None` when it has no value: written as `null` when the
    /// field is [`Presence::Nullable`], left out when [`Presence::Optional`]
    /// (never `None` for a [`Presence::Required`] field).
    fn field(&mut self, field: &'static Field, value: Option<Value<'_>>)
    -> Result<(), Self::Error>;
    /// The record ends.
    fn end(&mut self, record: &'static Record) -> Result<(), Self::Error>;
}

/// Declares a record: its [`Record`] table and the function that emits an
/// input's fields in the table's order (after `let` lines that name what
/// several fields read), each field on one line:
/// `"name" presence type, "meaning" => value;` where the value is a
/// [`Value`] for `Required` fields and an `Option<Value>` otherwise.
macro_rules! record {
    (
        $(#[$doc:meta])*
        $NAME:ident, $(#[$fdoc:meta])* fn $fname:ident($x:ident: $In:ty), $title:literal {
            $(let $v:ident = $e:expr;)*
            $( $key:literal $pres:ident $ty:expr, $meaning:literal => $value:expr; )*
        }
    ) => {
        $(#[$doc])*
        pub static $NAME: Record = Record {
            name: stringify!($fname),
            doc: $title,
            fields: &[$(Field {
                name: $key,
                key: concat!("\"", $key, "\":"),
                presence: Presence::$pres,
                ty: $ty,
                doc: $meaning,
            },)*],
        };

        $(#[$fdoc])*
        #[inline]
        pub fn $fname<E: Emit + ?Sized>(e: &mut E, $x: $In) -> Result<(), E::Error> {
            let mut fields = $NAME.fields.iter();
            $(let $v = $e;)*
            e.begin(&$NAME)?;
            $(
                // The table has exactly one entry per line of the macro.
                let f = fields.next().expect("one field per line");
                e.field(f, record!(@value $pres $value))?;
            )*
            e.end(&$NAME)
        }
    };
    (@value Required $v:expr) => { Some($v) };
    (@value Nullable $v:expr) => { $v };
    (@value Optional $v:expr) => { $v };
}

/// A document's numbering findings as its record takes them.
///
/// ```
/// use tigang::render::record::Checks;
/// let doc = tigang::parse("一、甲\n三、乙\n");
/// let found = tigang::check(&doc);
/// assert_eq!(Checks::Done(&found).get().unwrap().len(), 1);
/// assert!(Checks::No.get().is_none());
/// ```
#[derive(Clone, Copy)]
pub enum Checks<'v> {
    /// The numbering was not checked: no `diagnostics` field.
    No,
    /// These findings.
    Done(&'v [Diagnostic]),
    /// The findings this gives when the field is written (the fast writer
    /// computes them on a second thread while the outline is written).
    Later(&'v dyn Fn() -> Vec<Diagnostic>),
}

impl<'v> Checks<'v> {
    /// The findings, `None` when not checked.
    ///
    /// ```
    /// let f = || Vec::new();
    /// assert!(tigang::render::record::Checks::Later(&f).get().unwrap().is_empty());
    /// ```
    pub fn get(&self) -> Option<Cow<'v, [Diagnostic]>> {
        match *self {
            Checks::No => None,
            Checks::Done(d) => Some(Cow::Borrowed(d)),
            Checks::Later(f) => Some(Cow::Owned(f())),
        }
    }
}

impl std::fmt::Debug for Checks<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Checks::No => "No",
            Checks::Done(_) => "Done",
            Checks::Later(_) => "Later",
        })
    }
}

/// The input of [`document`]: a document and what the writer adds to it.
///
/// ```
/// let doc = tigang::parse("");
/// let _ = tigang::render::record::DocumentIn::new(&doc);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DocumentIn<'v> {
    /// The document.
    pub doc: &'v Document<'v>,
    /// The input's name (the command line's `file`), and its bytes in hex
    /// when it is not UTF-8.
    pub file: Option<(&'v str, Option<&'v str>)>,
    /// Where the text came from and its map.
    pub source: Option<(&'v Source, &'v SourceMap)>,
    /// The numbering findings.
    pub diagnostics: Checks<'v>,
    /// The encoding is a guess (`encoding_confidence`).
    pub guessed: bool,
    /// Bytes replaced by U+FFFD (`replacements`).
    pub replacements: usize,
}

impl<'v> DocumentIn<'v> {
    /// `doc` alone: no file, no source, not checked.
    ///
    /// ```
    /// let doc = tigang::parse("");
    /// assert!(tigang::render::record::DocumentIn::new(&doc).diagnostics.get().is_none());
    /// ```
    pub fn new(doc: &'v Document<'v>) -> Self {
        DocumentIn {
            doc,
            file: None,
            source: None,
            diagnostics: Checks::No,
            guessed: false,
            replacements: 0,
        }
    }

    /// What the source tells of each heading.
    fn sourced(&self) -> Sourced<'v> {
        let map = self.source.map(|(_, m)| m);
        Sourced {
            word: self
                .source
                .filter(|(s, _)| s.format == crate::input::Format::Docx)
                .map(|(_, m)| m),
            pages: map.filter(|m| m.has_pages()),
        }
    }
}

record! {
    /// The document (`tigang parse --format json`, each `--jsonl` line).
    DOCUMENT,
    /// Emits `x`'s [`DOCUMENT`] record.
    fn document(x: DocumentIn<'_>), "The JSON of `tigang parse --format json` (docs/format.md §7) and of each `--jsonl` line. Spans are [start, end) byte offsets into the decoded text (UTF-8, without a BOM). Fields may be added; none is renamed or removed without a new `schema` number, so readers should accept unknown fields." {
        "file" Optional Ty::Str, "The input path as found (`-` for standard input); `--jsonl` only. Bytes of the name that are not UTF-8 are U+FFFD here; `file_hex` then has the name exactly." => x.file.map(|(f, _)| Value::Str(f));
        "file_hex" Optional Ty::Pattern("^([0-9a-f]{2})+$"), "The input path's bytes in lower-case hex, present only when the name is not valid UTF-8 (`bytes.fromhex(r[\"file_hex\"])` gives it back); `--jsonl` only." => x.file.and_then(|(_, h)| h).map(Value::Str);
        "schema" Required Ty::Const("2"), "" => Value::Uint(2);
        "title" Nullable Ty::Str, "The document title (docs/format.md §4): the front matter's `title:`, or one or two short lines of the preamble." => x.doc.title.as_ref().map(|t| Value::Str(&t.text));
        "title_span" Nullable Ty::Span, "" => x.doc.title.as_ref().map(|t| Value::Span(t.span));
        "subtitle" Nullable Ty::Str, "The line under the title that starts with `——`, or the part after `——` of one long title line, without the dashes." => x.doc.subtitle.as_ref().map(|t| Value::Str(&t.text));
        "subtitle_span" Nullable Ty::Span, "" => x.doc.subtitle.as_ref().map(|t| Value::Span(t.span));
        "toc" Required Ty::List(&TOC_ENTRY, 0), "Table-of-contents entries, kept out of the tree (docs/format.md §5)." => Value::Toc(&x.doc.toc);
        "preamble" Required Ty::List(&TEXT, 0), "Paragraphs before the first heading, the title among them." => Value::Texts(&x.doc.preamble, x.sourced().pages);
        "children" Required Ty::List(&HEADING, 0), "Top-level headings." => Value::Headings(x.doc.children(), x.sourced());
        "diagnostics" Optional Ty::List(&DIAGNOSTIC, 0), "The numbering findings of `tigang check`, messages in English. Absent when the numbering was not checked (`tigang parse --no-check`)." => x.diagnostics.get().map(|d| Value::Diagnostics(d, Lang::En));
        "source" Optional Ty::Object(&SOURCE), "What the text was read from (docs/format.md §7, §8): a Word document, a web page, a converter's JSON or a text file, with the encoding of a page or a text file. Present in the command line's output and wherever a document is serialised with its source (tigang::render::WithSource)." => x.source.map(|(s, _)| Value::Source(s));
        "encoding_confidence" Optional Ty::Const("\"low\""), "`\"low\"` when the encoding is a guess from little text or among several that decode (also reported on stderr as `encoding guessed: … (low confidence)`); absent otherwise." => x.guessed.then_some(Value::Name("low"));
        "replacements" Optional Ty::Uint(1), "Malformed byte sequences replaced by U+FFFD under `--lossy`; absent when none." => (x.replacements != 0).then_some(Value::Uint(x.replacements as u64));
    }
}

record! {
    /// What a text was read from.
    SOURCE,
    /// Emits `s`'s [`SOURCE`] record.
    fn source(s: &Source), "What the text was read from: a Word document, a web page, a converter's JSON or a text file, with the encoding of a page or a text file." {
        "format" Required Ty::Format, "" => Value::Name(s.format.as_str());
        "encoding" Optional Ty::Str, "The encoding the text or page was decoded from: UTF-8, UTF-16LE, UTF-16BE, GB18030 (also for GBK), Big5, or another WHATWG encoding name. Absent for Word documents." => s.encoding.map(Value::Str);
    }
}

/// The input of [`text`]: a paragraph and the map of a source with pages.
///
/// ```
/// let doc = tigang::parse("同志们：\n");
/// let _ = tigang::render::record::TextIn { text: &doc.preamble[0], pages: None };
/// ```
#[derive(Clone, Copy, Debug)]
pub struct TextIn<'v> {
    /// The paragraph.
    pub text: &'v Text<'v>,
    /// The map of a source with pages.
    pub pages: Option<&'v SourceMap>,
}

record! {
    /// A paragraph of a body or of the preamble.
    TEXT,
    /// Emits `x`'s [`TEXT`] record.
    fn text(x: TextIn<'_>), "A paragraph of a heading's body or of the preamble." {
        "text" Required Ty::Str, "" => Value::Str(x.text.text);
        "span" Required Ty::Span, "" => Value::Span(x.text.span);
        "page" Optional Ty::Uint(1), "The 1-based page the paragraph starts on; only for sources with pages (a converter's JSON, a PDF)." => x.pages.and_then(|m| m.page(x.text.span.start)).map(|p| Value::Uint(p as u64));
    }
}

record! {
    /// An entry of the table of contents.
    TOC_ENTRY,
    /// Emits `e`'s [`TOC_ENTRY`] record.
    fn toc_entry(e: &TocEntry<'_>), "An entry of the table of contents." {
        "kind" Required Ty::Kind, "" => Value::Name(e.kind.as_str());
        "marker" Required Ty::Str, "The marker as written. Empty for an explicit heading (kind `heading`) or an unnumbered TOC entry." => Value::Str(e.marker);
        "number" Nullable Ty::Uint(0), "The marker's value; null for an explicit heading (kind `heading`) or an unnumbered TOC entry." => e.number.map(|n| Value::Uint(n.into()));
        "title" Required Ty::Str, "" => Value::Str(e.title);
        "line" Required Ty::Uint(1), "" => Value::Uint(e.line as u64);
        "column" Required Ty::Uint(1), "" => Value::Uint(e.column as u64);
        "marker_span" Required Ty::Span, "" => Value::Span(e.marker_span);
        "title_span" Required Ty::Span, "" => Value::Span(e.title_span);
    }
}

/// The input of [`heading`]: a heading and what its source tells of it.
///
/// ```
/// let doc = tigang::parse("一、总则\n");
/// let node = doc.children().next().unwrap();
/// let _ = tigang::render::record::HeadingIn { node, sourced: Default::default() };
/// ```
#[derive(Clone, Copy, Debug)]
pub struct HeadingIn<'v> {
    /// The heading.
    pub node: Node<'v, 'v>,
    /// What the source tells of it.
    pub sourced: Sourced<'v>,
}

impl HeadingIn<'_> {
    /// `auto` when Word's numbering drew the marker, `typed` when the text holds it.
    fn numbering(&self) -> Option<&'static str> {
        let m = self.sourced.word?;
        let h = self.node.heading();
        if m.is_drawn(h.marker_span) {
            Some("auto")
        } else {
            (!h.marker.is_empty()).then_some("typed")
        }
    }
}

record! {
    /// A heading of the outline, with its body and children.
    HEADING,
    /// Emits `x`'s [`HEADING`] record, its children's records inside it.
    fn heading(x: HeadingIn<'_>), "A heading of the outline, with its own body and its children." {
        let h = x.node.heading();
        "kind" Required Ty::Kind, "" => Value::Name(h.kind.as_str());
        "marker" Required Ty::Str, "The marker as written, with its delimiter (一、 （一） 1. 一是 第一， 首先). Empty for an explicit heading (kind `heading`) or an unnumbered TOC entry." => Value::Str(h.marker);
        "number" Nullable Ty::Uint(0), "The marker's value; null for an explicit heading (kind `heading`) or an unnumbered TOC entry." => h.number.map(|n| Value::Uint(n.into()));
        "path" Optional Ty::Uints, "All components of a dotted marker (2.3.1 is [2, 3, 1]); dotted headings only." => Some(h.path()).filter(|p| !p.is_empty()).map(Value::Path);
        "depth" Optional Ty::Uint(1), "The level the line declares: the number of `#` of a Markdown heading, an HTML or Word heading level. Always present for kind `heading`." => h.declared_level().map(|d| Value::Uint(d as u64));
        "level" Required Ty::Uint(1), "Depth in the tree, 1 at the top." => Value::Uint(h.level as u64);
        "level_from" Required Ty::LevelFrom, "What placed the heading at its level: its marker's kind and the document's own order (`numbering`), a `#` depth, HTML or Word heading level that tells levels apart (`markup`), or its text, in a document whose `#` depths carry no level (`title`)." => Value::Name(h.level_from.as_str());
        "title" Required Ty::Str, "" => Value::Str(&h.title);
        "line" Required Ty::Uint(1), "" => Value::Uint(h.line as u64);
        "column" Required Ty::Uint(1), "1-based, in Unicode scalar values." => Value::Uint(h.column as u64);
        "span" Required Ty::Span, "From the marker to the end of the title line." => Value::Span(h.span);
        "marker_span" Required Ty::Span, "" => Value::Span(h.marker_span);
        "title_span" Required Ty::Span, "" => Value::Span(h.title_span);
        "page" Optional Ty::Uint(1), "The 1-based page the heading is on; only for sources with pages (a converter's JSON, a PDF)." => x.sourced.pages.and_then(|m| m.page(h.span.start)).map(|p| Value::Uint(p as u64));
        "numbering" Optional Ty::Enum(&["auto", "typed"]), "Word input only: `auto` when Word's automatic numbering drew the marker (it is not in the paragraph's text), `typed` when the text holds it." => x.numbering().map(Value::Name);
        "paragraph" Optional Ty::Uint(0), "Word input only: the 0-based index of the heading's paragraph in the body (paragraphs in tables counted, text boxes not)." => x.sourced.word.and_then(|m| m.paragraph(h.line)).map(|p| Value::Uint(p as u64));
        "body" Required Ty::List(&TEXT, 0), "The heading's own paragraphs, up to its first child." => Value::Texts(x.node.body(), x.sourced.pages);
        "children" Required Ty::ListOfSelf, "" => Value::Headings(x.node.children(), x.sourced);
    }
}

/// The input of [`diagnostic`]: a finding and the language of its words.
///
/// ```
/// let doc = tigang::parse("一、甲\n三、乙\n");
/// let d = &tigang::check(&doc)[0];
/// let _ = tigang::render::record::DiagnosticIn { d, lang: tigang::Lang::Zh };
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DiagnosticIn<'v> {
    /// The finding.
    pub d: &'v Diagnostic,
    /// The language of its message and help.
    pub lang: Lang,
}

record! {
    /// A numbering finding.
    DIAGNOSTIC,
    /// Emits `x`'s [`DIAGNOSTIC`] record.
    fn diagnostic(x: DiagnosticIn<'_>), "A numbering finding of `tigang check`." {
        "code" Required Ty::Str, "" => Value::Name(x.d.code.as_str());
        "severity" Required Ty::Str, "error, warning or info." => Value::Name(x.d.severity.as_str());
        "line" Required Ty::Uint(1), "" => Value::Uint(x.d.line as u64);
        "column" Required Ty::Uint(1), "" => Value::Uint(x.d.column as u64);
        "message" Required Ty::Str, "What is wrong, in the chosen language (English in parse's JSON)." => Value::String(x.d.message(x.lang));
        "help" Optional Ty::Str, "What to do, in the same language." => x.d.help(x.lang).map(Value::String);
        "span" Required Ty::Span, "" => Value::Span(x.d.span);
        "suggestion" Optional Ty::Object(&SUGGESTION), "The edits `tigang fmt` makes for this finding; each fmt edit is in exactly one suggestion." => x.d.suggestion.as_ref().map(Value::Suggestion);
    }
}

record! {
    /// The fix of a finding.
    SUGGESTION,
    /// Emits `s`'s [`SUGGESTION`] record.
    fn suggestion(s: &Suggestion), "The edits `tigang fmt` makes for a finding." {
        "span" Required Ty::Span, "The edit on the diagnostic's own marker." => Value::Span(s.span);
        "replacement" Required Ty::Str, "" => Value::Str(&s.replacement);
        "edits" Required Ty::List(&EDIT, 1), "Every edit of the fix, in input order." => Value::Edits(&s.edits);
    }
}

record! {
    /// One edit of a fix.
    EDIT,
    /// Emits `e`'s [`EDIT`] record.
    fn edit(e: &Edit), "One edit: the bytes of `span` replaced by `replacement`." {
        "span" Required Ty::Span, "" => Value::Span(e.span);
        "replacement" Required Ty::Str, "" => Value::Str(&e.replacement);
    }
}

/// The input of [`check_file`]: one file of `tigang check --format json`.
///
/// ```
/// let _ = tigang::render::record::CheckFileIn { file: "a.txt", file_hex: None, diagnostics: &[], lang: tigang::Lang::En };
/// ```
#[derive(Clone, Copy, Debug)]
pub struct CheckFileIn<'v> {
    /// The input's name.
    pub file: &'v str,
    /// Its bytes in hex when it is not UTF-8.
    pub file_hex: Option<&'v str>,
    /// Its findings.
    pub diagnostics: &'v [Diagnostic],
    /// The language of their words.
    pub lang: Lang,
}

record! {
    /// One file of `tigang check --format json`.
    CHECK_FILE,
    /// Emits `x`'s [`CHECK_FILE`] record.
    fn check_file(x: CheckFileIn<'_>), "One file of `tigang check --format json`: its name and its findings." {
        "file" Required Ty::Str, "The input path as found (`-` for standard input)." => Value::Str(x.file);
        "file_hex" Optional Ty::Pattern("^([0-9a-f]{2})+$"), "The input path's bytes in lower-case hex, only when the name is not valid UTF-8." => x.file_hex.map(Value::Str);
        "diagnostics" Required Ty::List(&DIAGNOSTIC, 0), "" => Value::Diagnostics(Cow::Borrowed(x.diagnostics), x.lang);
    }
}

/// The input of [`chunk`]: a chunk and what the writer adds to it.
///
/// ```
/// let doc = tigang::parse("一、总则\n");
/// let c = &tigang::render::chunks(&doc, None)[0];
/// let _ = tigang::render::record::ChunkIn { chunk: c, file: None, pages: None };
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ChunkIn<'v> {
    /// The chunk.
    pub chunk: &'v Chunk<'v, 'v>,
    /// The input's name, and its bytes in hex when it is not UTF-8.
    pub file: Option<(&'v str, Option<&'v str>)>,
    /// The map of a source with pages.
    pub pages: Option<&'v SourceMap>,
}

record! {
    /// A retrieval chunk (a line of `tigang parse --format chunks`).
    CHUNK,
    /// Emits `x`'s [`CHUNK`] record.
    fn chunk(x: ChunkIn<'_>), "One line of `tigang parse --format chunks`: the title and own body of one heading (or the preamble), with its breadcrumb. With --max-chars a long body is split at sentence ends into pieces 1..pieces. Fields may be added." {
        "file" Optional Ty::Str, "The input path as found (`-` for standard input); bytes that are not UTF-8 are U+FFFD (see `file_hex`)." => x.file.map(|(f, _)| Value::Str(f));
        "file_hex" Optional Ty::Pattern("^([0-9a-f]{2})+$"), "The input path's bytes in lower-case hex, only when the name is not valid UTF-8." => x.file.and_then(|(_, h)| h).map(Value::Str);
        "document" Nullable Ty::Str, "The document title." => x.chunk.document.map(Value::Str);
        "path" Required Ty::Strings, "The enclosing headings, outermost first, each as marker and title (一、提高认识)." => Value::Labels(&x.chunk.ancestors);
        "kind" Required Ty::ChunkKind, "" => Value::Name(x.chunk.heading.map_or("preamble", |h| h.heading().kind.as_str()));
        "marker" Required Ty::Str, "Empty for the preamble." => Value::Str(x.chunk.heading.map_or("", |h| h.heading().marker));
        "title" Required Ty::Str, "" => Value::Str(x.chunk.heading.map_or("", |h| &h.heading().title));
        "level" Required Ty::Uint(0), "0 for the preamble." => Value::Uint(x.chunk.heading.map_or(0, |h| h.heading().level) as u64);
        "level_from" Nullable Ty::LevelFrom, "What placed the heading at its level (the document JSON's `level_from`); null for the preamble." => x.chunk.heading.map(|h| Value::Name(h.heading().level_from.as_str()));
        "text" Required Ty::Str, "Title (first piece only) and body paragraphs joined by line breaks." => Value::Str(&x.chunk.text);
        "span" Required Ty::Span, "[start, end) byte offsets into the decoded text: from the marker (first piece) or the first character to the end of the last." => Value::Span(x.chunk.span);
        "line" Required Ty::Uint(1), "" => Value::Uint(x.chunk.line as u64);
        "page" Optional Ty::Uint(1), "The 1-based page the chunk starts on; only for sources with pages (a converter's JSON, a PDF)." => x.pages.and_then(|m| m.page(x.chunk.span.start)).map(|p| Value::Uint(p as u64));
        "chars" Required Ty::Uint(0), "Length of text in Unicode scalar values." => Value::Uint(x.chunk.chars as u64);
        "piece" Required Ty::Uint(1), "" => Value::Uint(x.chunk.piece as u64);
        "pieces" Required Ty::Uint(1), "" => Value::Uint(x.chunk.pieces as u64);
        "merged" Optional Ty::Strings, "With --min-chars: the headings inside this chunk's heading whose start was merged into it (marker and title, as in path), in order; absent when none was." => (!x.chunk.merged.is_empty()).then_some(Value::Labels(&x.chunk.merged));
    }
}

/// Every record, the document's first: what the schemas describe.
///
/// ```
/// assert_eq!(tigang::render::record::ALL[0].name, "document");
/// ```
pub static ALL: [&Record; 10] = [
    &DOCUMENT,
    &SOURCE,
    &TEXT,
    &TOC_ENTRY,
    &HEADING,
    &DIAGNOSTIC,
    &SUGGESTION,
    &EDIT,
    &CHECK_FILE,
    &CHUNK,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_names_quoted() {
        for r in ALL {
            for f in r.fields {
                assert_eq!(f.key, format!("\"{}\":", f.name));
                assert!(!matches!(f.ty, Ty::ListOfSelf) || r.name == "heading");
            }
        }
    }
}
