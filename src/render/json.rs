//! The JSON of spec §7: `serde::Serialize` for [`Document`] and its
//! headings. It lives with the renderings, not with the data model, because
//! the document's JSON carries the numbering checks ([`check`]), and the
//! model knows nothing of them.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::document::{Children, Document, Node};
use crate::numbering::check::check;

/// The JSON of one heading (spec §7): its fields, body and children.
impl Serialize for Node<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let h = self.heading();
        let has_path = !h.path().is_empty();
        let depth = h.depth();
        let mut st = s.serialize_struct(
            "Heading",
            12 + usize::from(has_path) + usize::from(depth.is_some()),
        )?;
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
        st.serialize_field("title", &h.title)?;
        st.serialize_field("line", &h.line)?;
        st.serialize_field("column", &h.column)?;
        st.serialize_field("span", &h.span)?;
        st.serialize_field("marker_span", &h.marker_span)?;
        st.serialize_field("title_span", &h.title_span)?;
        st.serialize_field("body", self.body())?;
        st.serialize_field("children", &self.children())?;
        st.end()
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
        let mut st = s.serialize_struct("Document", 10)?;
        st.serialize_field("schema", &2)?;
        st.serialize_field("title", &self.title.as_ref().map(|t| &t.text))?;
        st.serialize_field("title_span", &self.title.as_ref().map(|t| t.span))?;
        st.serialize_field("subtitle", &self.subtitle.as_ref().map(|t| &t.text))?;
        st.serialize_field("subtitle_span", &self.subtitle.as_ref().map(|t| t.span))?;
        st.serialize_field("toc", &self.toc)?;
        st.serialize_field("preamble", &self.preamble)?;
        st.serialize_field("children", &self.children())?;
        st.serialize_field("diagnostics", &check(self))?;
        st.end()
    }
}
