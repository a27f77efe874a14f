//! Renderings of a [`Document`](crate::Document) for people and snapshot
//! tests. JSON comes from the `serde::Serialize` implementation instead.

mod outline;

pub use outline::tree;
