//! Renderings of a [`Document`](crate::Document) for people and snapshot
//! tests. JSON comes from the `serde::Serialize` implementation instead.

mod diagnostics;
mod outline;

pub use diagnostics::diagnostics;
pub use outline::tree;
