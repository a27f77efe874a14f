//! The outline as a value for people and snapshot tests: [`Outline`], from
//! [`Document::outline`], and the `Debug` of [`Document`]. Both print the
//! compact tree of [`render::tree`](crate::render::tree).

use std::fmt;

use crate::document::Document;
use crate::render;

/// The outline of a [`Document`] as text: the title, the table of contents,
/// then one line per heading, indented by level, with its marker, title,
/// `[kind number @line:column ¶paragraphs]`. Made for snapshot tests: stable,
/// short, and it changes only when the outline does.
///
/// `Display` and `Debug` print the same text (`Debug` with no quotes or
/// escapes, so `insta::assert_debug_snapshot!` stays readable).
///
/// ```
/// let doc = tigang::parse("工作方案\n一、目标\n（一）总体目标。到年底完成。\n");
/// assert_eq!(doc.outline().to_string(), "\
/// title: 工作方案
/// 一、 目标  [numeral 1 @2:1]
///   （一） 总体目标  [paren_numeral 1 @3:1 ¶1]
/// ");
/// // The document's Debug is the same outline.
/// assert_eq!(format!("{doc:?}"), doc.outline().to_string());
/// ```
#[derive(Clone, Copy)]
pub struct Outline<'d, 'a> {
    doc: &'d Document<'a>,
}

impl<'a> Document<'a> {
    /// The outline, for printing and snapshot tests ([`Outline`]).
    ///
    /// ```
    /// let doc = tigang::parse("一、甲\n二、乙\n");
    /// assert_eq!(doc.outline().to_string(), "一、 甲  [numeral 1 @1:1]\n二、 乙  [numeral 2 @2:1]\n");
    /// ```
    pub fn outline(&self) -> Outline<'_, 'a> {
        Outline { doc: self }
    }
}

impl fmt::Display for Outline<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render::tree(self.doc))
    }
}

impl fmt::Debug for Outline<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The outline ([`Document::outline`]), not the internal lists: the fields
/// are public and have their own `Debug`.
impl fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.outline(), f)
    }
}
