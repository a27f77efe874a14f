//! # tigang (提纲): the outline of a Chinese document
//!
//! Chinese speeches, work reports, plans and regulations number their
//! structure in the text: `一、` › `（一）` › `1.` › `（1）` › `①`, inline points
//! `一是…二是…`, `一要…`, `第一，…`, `首先…其次…`, regulations' `第一章` ›
//! `第一条`, compilations split by `【篇1】`. tigang recovers that outline as a
//! typed heading tree.
//!
//! ## The model
//!
//! [`parse`] turns a `&str` into a [`Document`] and never fails. The document
//! borrows from the input (no text is copied) and holds:
//!
//! - [`Document::title`]: a short line of the preamble (docs/format.md §4);
//! - [`Document::toc`]: table-of-contents entries, kept out of the tree;
//! - [`Document::preamble`]: paragraphs before the first heading;
//! - [`Document::headings`]: every [`Heading`] in document order, each with
//!   its [`MarkerKind`], marker, number, title, level, line and column and
//!   byte [`Span`]s. They come as [`Node`]s, which deref to the heading and
//!   give its [`body`](Node::body), [`children`](Node::children) and
//!   [`parent`](Node::parent); [`Document::children`] are the top-level ones.
//!
//! The tree is flat inside: headings and body paragraphs are two lists in
//! document order, and a heading knows its parent and where its descendants
//! end. Building it allocates nothing per heading.
//!
//! Every byte of the input is in exactly one place (preamble, TOC, a marker, a
//! title, a body paragraph) or in the text between them, so
//! [`Document::segments`] rebuilds the input byte for byte.
//!
//! ```
//! let text = "关于做好安全生产工作的讲话\n同志们：\n一、提高认识。安全是发展的前提。\n（一）压实责任。一是明确分工；二是严格考核。\n";
//! let doc = tigang::parse(text);
//! assert_eq!(doc.title.as_ref().unwrap().text, "关于做好安全生产工作的讲话");
//!
//! let first = doc.children().next().unwrap();
//! assert_eq!((first.marker, &*first.title), ("一、", "提高认识"));
//! assert_eq!(first.body()[0].text, "安全是发展的前提。");
//!
//! // 一是/二是 nest under the open （一）.
//! let outline: Vec<_> = doc.headings().map(|h| (h.level, h.marker, &*h.heading().title)).collect();
//! assert_eq!(outline, [
//!     (1, "一、", "提高认识"),
//!     (2, "（一）", "压实责任"),
//!     (3, "一是", "明确分工"),
//!     (3, "二是", "严格考核"),
//! ]);
//! ```
//!
//! With the `serde` feature (on by default), [`Document`] implements
//! `serde::Serialize`: the JSON of docs/format.md §7, the
//! same the `tigang parse --format json` command prints. Beyond the tree:
//!
//! - [`check`]: numbering mistakes (`（五）` then `（八）`, a duplicate, mixed
//!   forms, inverted levels, TOC mismatches);
//! - [`fmt`]: the edits that renumber every series and unify marker forms,
//!   touching marker bytes only;
//! - [`render`]: the compact tree, Markdown, retrieval chunks, diagnostics;
//! - [`numeral`]: the value of every numeral form (`二十三`, `壹拾贰`, `㉑`).
//!
//! - [`input`]: bytes to text: what a file is ([`input::sniff`]), and with
//!   the `encoding` feature files in GB18030, Big5, UTF-16 or UTF-8.
//!
//! - [`lsp`] (feature `lsp`, on with `cli`): the language server behind
//!   `tigang lsp`, the outline and checks in the editor.
//!
//! Without default features (`default-features = false`) the crate is the
//! library alone: no command-line dependencies, no serde, no proc macro and
//! no C code (pest without its stack guard; the parser is generated into
//! the source from `grammar/outline.pest`).
//!
//! For tests and for people, [`Document::outline`] (and the `Debug` of a
//! [`Document`]) is the outline as text, one line per heading:
//!
//! ```
//! let doc = tigang::parse("一、目标\n（一）总体目标\n");
//! assert_eq!(format!("{doc:?}"), "一、 目标  [numeral 1 @1:1]\n  （一） 总体目标  [paren_numeral 1 @2:1]\n");
//! ```
//!
//! ## Pipeline
//!
//! `scan` (memchr: lines, leading noise, candidate positions) → `recognise`
//! (the pest grammar `grammar/outline.pest` confirms a marker at a position)
//! → `levels` (whether `#` depths carry levels: a PDF converter's flat
//! Markdown) → `toc` → `nest` (levels, by GB/T 9704 rank and order of appearance) →
//! `layout` (titles, bodies, spans) → `doc_title` → [`Document`]. No pest
//! type is public. ARCHITECTURE.md maps the modules.

// One module may use `unsafe`: parse::find, the SIMD search (its SAFETY
// notes say why each use is sound).
#![deny(unsafe_code)]
#![deny(missing_docs)]

// The public model: data and its walking.
mod document;
mod kind;
pub mod numeral;
mod options;

// The stages. In the order input, grammar, parse, numbering, render, each
// uses only the model and the stages before it (.ci/modules.py checks it);
// rustfmt keeps the declarations below in alphabetical order.
pub mod input;
// The pest parser generated from grammar/outline.pest (tests/grammar_generated.rs).
// Laid out by prettyplease, not rustfmt: rustfmt takes minutes on it, and
// the test compares the layout prettyplease gives in milliseconds.
#[allow(dead_code, clippy::all, clippy::pedantic, missing_docs)]
#[rustfmt::skip]
mod grammar;
mod numbering;
mod parse;
pub mod render;

// Above the renderings: the outline as a value (`Document::outline`, the
// document's `Debug`), and the language server.
#[cfg(feature = "lsp")]
pub mod lsp;
mod snapshot;

pub use document::{
    Ancestors, Children, Document, Heading, Headings, LevelFrom, Node, Segment, SegmentKind, Span,
    Text, TocEntry,
};
pub use kind::MarkerKind;
#[cfg(feature = "serde")]
pub use numbering::check::Localized;
pub use numbering::check::{Code, Diagnostic, Severity, Suggestion, check, check_source};
pub use numbering::fmt;
pub use numbering::message::{Finding, Lang, ParseLangError};
pub use options::ParseOptions;
pub use snapshot::Outline;

/// Parses a document and returns its outline. Never fails and never panics;
/// text that holds no marker gives a document with no headings.
///
/// ```
/// let doc = tigang::parse("第一章　总则\n第一条　为了规范管理，制定本办法。\n");
/// let chapter = doc.children().next().unwrap();
/// let article = chapter.children().next().unwrap();
/// assert_eq!(article.kind, tigang::MarkerKind::Article);
/// assert_eq!(article.title, "为了规范管理，制定本办法");
/// ```
pub fn parse(text: &str) -> Document<'_> {
    parse::build(text, &ParseOptions::default())
}

/// [`parse`] with what a reader knows about the lines ([`ParseOptions`]):
/// a Word document's or a web page's lines are paragraphs, and its table
/// rows open no heading.
///
/// ```
/// let doc = tigang::parse_with("一、甲\n乙\n", &tigang::ParseOptions::default());
/// assert_eq!(doc.headings().count(), 1);
/// ```
pub fn parse_with<'a>(text: &'a str, options: &ParseOptions<'_>) -> Document<'a> {
    parse::build(text, options)
}
