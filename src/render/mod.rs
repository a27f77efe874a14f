//! Renderings of a [`Document`](crate::Document): pure functions from the
//! outline to text or records. The JSON of the whole document is the
//! `serde::Serialize` implementation of [`Document`](crate::Document), which
//! lives here too (`json.rs`).
//!
//! - [`tree`]: a compact indented outline for people and snapshot tests;
//! - [`markdown`]: CommonMark headings and paragraphs;
//! - [`chunks`]: one record per heading for retrieval pipelines;
//! - [`report`] (and [`diagnostics`]): `check`'s findings, rustc style;
//! - [`changes`] and [`unified_diff`]: what `fmt` would change.

mod changes;
mod chunks;
mod diagnostics;
#[cfg(feature = "serde")]
mod json;
mod markdown;
mod outline;

pub use changes::{changes, unified_diff};
pub use chunks::{Chunk, ChunkOptions, chunks, chunks_with, label};
pub use diagnostics::{Report, diagnostics, report, summary};
#[cfg(feature = "serde")]
pub use json::{WithSource, check_source};
pub use markdown::markdown;
pub use outline::tree;
