//! Renderings of a [`Document`](crate::Document): pure functions from the
//! outline to text or records.
//!
//! - [`json`]: the JSON of the whole document, compact or pretty (with the
//!   `serde` feature, `Document`'s `serde::Serialize` gives the same value);
//! - [`tree`]: a compact indented outline for people and snapshot tests;
//! - [`markdown`]: Markdown input with its heading levels set from the
//!   outline, or CommonMark headings and paragraphs written from the tree;
//! - [`chunks`]: one record per heading for retrieval pipelines;
//! - [`record`]: every record of the output described once, which the
//!   JSON writers, serde, the Python package and the schemas walk;
//! - [`report`] (and [`diagnostics`]): `check`'s findings, rustc style;
//! - [`changes`] and [`unified_diff`]: what `fmt` would change.

mod changes;
mod chunks;
mod diagnostics;
mod escape;
pub mod json;
#[cfg(feature = "serde")]
mod json_serde;
mod markdown;
mod outline;
pub mod record;

/// Where [`check_source`](crate::check_source) was before it moved beside
/// [`check`](crate::check); kept so that existing code builds.
pub use crate::numbering::check::check_source;
pub use changes::{changes, unified_diff};
pub use chunks::{Chunk, ChunkOptions, chunks, chunks_with, label};
pub use diagnostics::{Report, diagnostics, report, report_in, summary};
pub use escape::escape_controls;
#[cfg(feature = "serde")]
pub use json_serde::WithSource;
pub use markdown::{is_markdown, markdown, markdown_levels, markdown_outline};
pub use outline::tree;
