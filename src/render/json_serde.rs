//! `serde::Serialize` for [`Document`] and its headings (feature `serde`):
//! the same JSON value as [`render::json`](super::json), which the command
//! line and the Python package print, for library users who serialise
//! documents inside their own values. `tests/json.rs` checks that both give
//! the same value on every fixture and on generated text.
//!
//! [`WithSource`] is the JSON of a document read by
//! [`input::read`](crate::input): it adds `source`, and for Word input each
//! heading's `paragraph` and `numbering`, and leaves out diagnostics on
//! labels Word's numbering drew ([`check_source`](super::check_source)).

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::json::check_source;
use crate::document::{Children, Document, Node, Text};
use crate::input::{Format, Source, SourceMap};
use crate::numbering::check::check;

/// The JSON of one heading (spec §7): its fields, body and children.
impl Serialize for Node<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        heading(*self, None, None, s)
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
        document(self, None, s)
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
        document(self.doc, Some((self.source, self.map)), s)
    }
}

fn document<S: Serializer>(
    doc: &Document<'_>,
    source: Option<(&Source, &SourceMap)>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut st = s.serialize_struct("Document", 11)?;
    st.serialize_field("schema", &2)?;
    st.serialize_field("title", &doc.title.as_ref().map(|t| &t.text))?;
    st.serialize_field("title_span", &doc.title.as_ref().map(|t| t.span))?;
    st.serialize_field("subtitle", &doc.subtitle.as_ref().map(|t| &t.text))?;
    st.serialize_field("subtitle_span", &doc.subtitle.as_ref().map(|t| t.span))?;
    st.serialize_field("toc", &doc.toc)?;
    // Sources with pages: every heading and paragraph says its page.
    let pages = source.map(|(_, m)| m).filter(|m| m.has_pages());
    st.serialize_field(
        "preamble",
        &Paged {
            texts: &doc.preamble,
            pages,
        },
    )?;
    match source {
        None => {
            st.serialize_field("children", &doc.children())?;
            st.serialize_field("diagnostics", &check(doc))?;
            st.skip_field("source")?;
        }
        Some((source, map)) => {
            let word = source.format == Format::Docx;
            st.serialize_field(
                "children",
                &MappedChildren {
                    children: doc.children(),
                    map: word.then_some(map),
                    pages,
                },
            )?;
            st.serialize_field("diagnostics", &check_source(doc, map))?;
            st.serialize_field("source", &SourceJson(source))?;
        }
    }
    st.end()
}

fn heading<S: Serializer>(
    node: Node<'_, '_>,
    map: Option<&SourceMap>,
    pages: Option<&SourceMap>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let h = node.heading();
    let has_path = !h.path().is_empty();
    let numbering = map.and_then(|m| {
        if m.is_drawn(h.marker_span) {
            Some("auto")
        } else {
            (!h.marker.is_empty()).then_some("typed")
        }
    });
    let paragraph = map.and_then(|m| m.paragraph(h.line));
    let page = pages.and_then(|m| m.page(h.span.start));
    let depth = h.depth();
    let extra = usize::from(has_path)
        + usize::from(page.is_some())
        + usize::from(depth.is_some())
        + usize::from(numbering.is_some())
        + usize::from(paragraph.is_some());
    let mut st = s.serialize_struct("Heading", 13 + extra)?;
    st.serialize_field("kind", &h.kind)?;
    st.serialize_field("marker", h.marker)?;
    st.serialize_field("number", &h.number)?;
    if has_path {
        st.serialize_field("path", h.path())?;
    } else {
        st.skip_field("path")?;
    }
    // The level the line declares (`###` is 3, an HTML or Word heading
    // level), for explicit headings and numbered ones on such lines.
    if let Some(d) = depth {
        st.serialize_field("depth", &d)?;
    } else {
        st.skip_field("depth")?;
    }
    st.serialize_field("level", &h.level)?;
    st.serialize_field("level_from", &h.level_from)?;
    st.serialize_field("title", &h.title)?;
    st.serialize_field("line", &h.line)?;
    st.serialize_field("column", &h.column)?;
    st.serialize_field("span", &h.span)?;
    st.serialize_field("marker_span", &h.marker_span)?;
    st.serialize_field("title_span", &h.title_span)?;
    match page {
        Some(p) => st.serialize_field("page", &p)?,
        None => st.skip_field("page")?,
    }
    match numbering {
        Some(n) => st.serialize_field("numbering", n)?,
        None => st.skip_field("numbering")?,
    }
    match paragraph {
        Some(p) => st.serialize_field("paragraph", &p)?,
        None => st.skip_field("paragraph")?,
    }
    st.serialize_field(
        "body",
        &Paged {
            texts: node.body(),
            pages,
        },
    )?;
    match (map, pages) {
        (None, None) => st.serialize_field("children", &node.children())?,
        _ => st.serialize_field(
            "children",
            &MappedChildren {
                children: node.children(),
                map,
                pages,
            },
        )?,
    }
    st.end()
}

/// Headings with their source map (Word input) or without it.
struct MappedChildren<'d, 'a, 'm> {
    children: Children<'d, 'a>,
    map: Option<&'m SourceMap>,
    pages: Option<&'m SourceMap>,
}

impl Serialize for MappedChildren<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.children.clone().map(|node| Mapped {
            node,
            map: self.map,
            pages: self.pages,
        }))
    }
}

struct Mapped<'d, 'a, 'm> {
    node: Node<'d, 'a>,
    map: Option<&'m SourceMap>,
    pages: Option<&'m SourceMap>,
}

impl Serialize for Mapped<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        heading(self.node, self.map, self.pages, s)
    }
}

/// Paragraphs, each with its `page` when the source has pages.
struct Paged<'t, 'a, 'm> {
    texts: &'t [Text<'a>],
    pages: Option<&'m SourceMap>,
}

impl Serialize for Paged<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.texts.iter().map(|t| PagedText {
            text: t,
            page: self.pages.and_then(|m| m.page(t.span.start)),
        }))
    }
}

struct PagedText<'t, 'a> {
    text: &'t Text<'a>,
    page: Option<usize>,
}

impl Serialize for PagedText<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Text", 2 + usize::from(self.page.is_some()))?;
        st.serialize_field("text", self.text.text)?;
        st.serialize_field("span", &self.text.span)?;
        match self.page {
            Some(p) => st.serialize_field("page", &p)?,
            None => st.skip_field("page")?,
        }
        st.end()
    }
}

/// `{"format": "text", "encoding": "GB18030"}`.
struct SourceJson<'s>(&'s Source);

impl Serialize for SourceJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Source", 2)?;
        st.serialize_field("format", self.0.format.as_str())?;
        match self.0.encoding {
            Some(e) => st.serialize_field("encoding", e)?,
            None => st.skip_field("encoding")?,
        }
        st.end()
    }
}
