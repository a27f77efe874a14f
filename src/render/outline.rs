//! The compact `tree` rendering: one line per heading, indented by level.

use std::fmt::Write;

use super::escape::escape_controls as shown;
use crate::document::Document;

/// Renders the outline as indented text: the document title, the table of
/// contents, then one line per heading with its marker, title, kind, number,
/// `line:column` and how many body paragraphs it has. Stable: meant for
/// people and for snapshot tests. Control characters of the text are
/// shown as escapes (`\x1b`), so a document cannot drive the terminal.
///
/// ```
/// let doc = tigang::parse("工作方案\n一、目标\n（一）总体目标。到年底完成。\n");
/// assert_eq!(tigang::render::tree(&doc), "\
/// title: 工作方案
/// 一、 目标  [numeral 1 @2:1]
///   （一） 总体目标  [paren_numeral 1 @3:1 ¶1]
/// ");
/// ```
pub fn tree(doc: &Document<'_>) -> String {
    // Sized once: a 20 MB document's tree is megabytes, and growing it by
    // doubling copied it over and over.
    let size: usize = doc
        .headings()
        .map(|h| h.marker.len() + h.title.len() + 2 * h.level + 40)
        .sum();
    let mut out = String::with_capacity(size + 64 * (doc.toc.len() + 3));
    if let Some(t) = &doc.title {
        let _ = writeln!(out, "title: {}", shown(&t.text));
    }
    if let Some(t) = &doc.subtitle {
        let _ = writeln!(out, "subtitle: {}", shown(&t.text));
    }
    if let Some(label) = doc.toc_labels.first() {
        let _ = writeln!(out, "toc: {}", shown(label.text));
    } else if !doc.toc.is_empty() {
        out.push_str("toc:\n");
    }
    for e in &doc.toc {
        let _ = write!(out, "  · {} {}  [{}", e.marker, shown(e.title), e.kind);
        if let Some(n) = e.number {
            let _ = write!(out, " {n}");
        }
        let _ = writeln!(out, " @{}]", e.line);
    }
    for h in doc.headings() {
        for _ in 1..h.level {
            out.push_str("  ");
        }
        let _ = write!(out, "{} {}  [{}", h.marker, shown(&h.title), h.kind);
        match (h.number, h.declared_level()) {
            (Some(n), _) => {
                let _ = write!(out, " {n}");
            }
            // An explicit heading: its level instead of a number.
            (None, Some(d)) => {
                let _ = write!(out, " h{d}");
            }
            (None, None) => {}
        }
        let _ = write!(out, " @{}:{}", h.line, h.column);
        if !h.body().is_empty() {
            let _ = write!(out, " ¶{}", h.body().len());
        }
        out.push_str("]\n");
    }
    out
}
