//! `serde::Serialize` for [`Document`] and its headings (feature `serde`):
//! the same JSON value as [`render::json`](super::json), which the command
//! line and the Python package print, for library users who serialise
//! documents inside their own values. `tests/json.rs` checks that both give
//! the same value on every fixture and on generated text.
//!
//! [`WithSource`] is the JSON of a document read by
//! [`input::read`](crate::input): it adds `source`, and for Word input each
//! heading's `paragraph` and `numbering`, and leaves out diagnostics on
//! labels Word's numbering drew ([`check_source`](crate::check_source)).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::record::{
    self, Checks, ChunkIn, DiagnosticIn, DocumentIn, Emit, Field, HeadingIn, Presence, Record,
    TextIn, Value,
};
use super::{Chunk, label};
use crate::document::{Children, Document, Node, Text, TocEntry};
use crate::input::{Source, SourceMap};
use crate::numbering::check::{Diagnostic, Localized, Suggestion, check, check_source};
use crate::numbering::fmt::Edit;
use crate::numbering::message::Lang;

/// The JSON of one heading (spec §7): its fields, body and children.
impl Serialize for Node<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let sourced = Default::default();
        Rec(HeadingIn {
            node: *self,
            sourced,
        })
        .serialize(s)
    }
}

/// Serialises as a JSON array of headings, each with its own children.
impl Serialize for Children<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Nesting depth is bounded by the number of kinds (ARCHITECTURE.md),
        // so this recursion is shallow whatever the input.
        s.collect_seq(self.clone())
    }
}

/// JSON of spec §7, with the numbering checks of [`check`].
impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let found = check(self);
        let mut x = DocumentIn::new(self);
        x.diagnostics = Checks::Done(&found);
        Rec(x).serialize(s)
    }
}

/// A document with what [`input::read`](crate::input::read) knows of its
/// source: serialises as the §7 JSON with `"source"` (`{"format": "docx"}`,
/// `{"format": "html", "encoding": "UTF-8"}`, `{"format": "text",
/// "encoding": "GB18030"}`); for Word input every heading also has
/// `"paragraph"` (its 0-based body paragraph) and `"numbering"` (`"auto"`
/// when Word's numbering drew the marker, `"typed"` when the text holds
/// it), and the diagnostics are [`check_source`]'s.
///
/// ```
/// use tigang::input::{Format, Source, SourceMap};
/// let doc = tigang::parse("一、总则\n");
/// let source = Source::new(Format::Text, Some("GB18030"));
/// let map = SourceMap::default();
/// let json = tigang::render::WithSource::new(&doc, &source, &map);
/// # #[cfg(feature = "cli")] {
/// let v = serde_json::to_value(&json).unwrap();
/// assert_eq!(v["source"]["encoding"], "GB18030");
/// # }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct WithSource<'d, 'a> {
    doc: &'d Document<'a>,
    source: &'d Source,
    map: &'d SourceMap,
}

impl<'d, 'a> WithSource<'d, 'a> {
    /// The document `doc`, parsed from a text read from `source`, with its map.
    ///
    /// ```
    /// let doc = tigang::parse("一、总则\n");
    /// let (source, map) = (tigang::input::Source::new(tigang::input::Format::Docx, None), Default::default());
    /// let _ = tigang::render::WithSource::new(&doc, &source, &map);
    /// ```
    pub fn new(doc: &'d Document<'a>, source: &'d Source, map: &'d SourceMap) -> Self {
        WithSource { doc, source, map }
    }
}

impl Serialize for WithSource<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let found = check_source(self.doc, self.map);
        let mut x = DocumentIn::new(self.doc);
        x.source = Some((self.source, self.map));
        x.diagnostics = Checks::Done(&found);
        Rec(x).serialize(s)
    }
}

/// A paragraph: `text` and `span`.
impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Rec(TextIn {
            text: self,
            pages: None,
        })
        .serialize(s)
    }
}

/// A table-of-contents entry, as in the document's `toc`.
impl Serialize for TocEntry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Rec(self).serialize(s)
    }
}

/// Messages in the language of [`Diagnostic::localized`].
impl Serialize for Localized<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Rec(DiagnosticIn {
            d: self.diagnostic(),
            lang: self.lang(),
        })
        .serialize(s)
    }
}

/// Serialised with English messages; see [`Diagnostic::localized`].
impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.localized(Lang::En).serialize(s)
    }
}

/// `span`, `replacement` and `edits`, as in a diagnostic's `suggestion`.
impl Serialize for Suggestion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Rec(self).serialize(s)
    }
}

/// `span` and `replacement`.
impl Serialize for Edit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Rec(self).serialize(s)
    }
}

/// The record of `tigang parse --format chunks` (less its `file` and
/// `page`); the command line writes it with
/// [`json::write_chunk`](super::json::write_chunk).
impl Serialize for Chunk<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Rec(ChunkIn {
            chunk: self,
            file: None,
            pages: None,
        })
        .serialize(s)
    }
}

/// An input that has a record (`HeadingIn` a [`record::HEADING`], …).
trait Emitted {
    fn emit<E: Emit + ?Sized>(&self, e: &mut E) -> Result<(), E::Error>;
}

macro_rules! emitted {
    ($($In:ty => $f:ident;)*) => {$(
        impl Emitted for $In {
            fn emit<E: Emit + ?Sized>(&self, e: &mut E) -> Result<(), E::Error> {
                record::$f(e, *self)
            }
        }
    )*};
}

emitted! {
    DocumentIn<'_> => document;
    HeadingIn<'_> => heading;
    TextIn<'_> => text;
    &TocEntry<'_> => toc_entry;
    DiagnosticIn<'_> => diagnostic;
    &Source => source;
    &Suggestion => suggestion;
    &Edit => edit;
    ChunkIn<'_> => chunk;
}

/// A record serialised as a map, walking its description.
struct Rec<T>(T);

impl<T: Emitted> Serialize for Rec<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut e = SerdeEmit {
            map: s.serialize_map(None)?,
        };
        self.0.emit(&mut e)?;
        e.map.end()
    }
}

/// serde's side of [`Emit`]: each field an entry of the map.
struct SerdeEmit<M> {
    map: M,
}

impl<M: SerializeMap> Emit for SerdeEmit<M> {
    type Error = M::Error;

    fn begin(&mut self, _: &'static Record) -> Result<(), M::Error> {
        Ok(())
    }

    #[inline(always)]
    fn field(&mut self, f: &'static Field, value: Option<Value<'_>>) -> Result<(), M::Error> {
        match value {
            Some(v) => self.map.serialize_entry(f.name, &ValueSer(v)),
            None if f.presence == Presence::Nullable => {
                self.map.serialize_entry(f.name, &None::<()>)
            }
            None => Ok(()),
        }
    }

    fn end(&mut self, _: &'static Record) -> Result<(), M::Error> {
        Ok(())
    }
}

/// A field's value for serde; lists as sequences of their records.
struct ValueSer<'v>(Value<'v>);

impl Serialize for ValueSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Value::Str(v) | Value::Name(v) => s.serialize_str(v),
            Value::String(v) => s.serialize_str(v),
            Value::Uint(n) => s.serialize_u64(*n),
            Value::Span(span) => span.serialize(s),
            Value::Path(p) => s.collect_seq(p.iter()),
            Value::Labels(nodes) => s.collect_seq(nodes.iter().map(|h| label(h))),
            Value::Texts(texts, pages) => s.collect_seq(texts.iter().map(|text| {
                Rec(TextIn {
                    text,
                    pages: *pages,
                })
            })),
            Value::Headings(children, sourced) => s.collect_seq(children.clone().map(|node| {
                Rec(HeadingIn {
                    node,
                    sourced: *sourced,
                })
            })),
            Value::Toc(entries) => s.collect_seq(entries.iter().map(Rec)),
            Value::Diagnostics(diags, lang) => {
                s.collect_seq(diags.iter().map(|d| Rec(DiagnosticIn { d, lang: *lang })))
            }
            Value::Source(source) => Rec(*source).serialize(s),
            Value::Suggestion(sugg) => Rec(*sugg).serialize(s),
            Value::Edits(edits) => s.collect_seq(edits.iter().map(Rec)),
        }
    }
}
