//! Counting and fixing numbers: everything that reads a [`Document`]'s
//! markers as numbered series.
//!
//! - `series`: every marker with its parent and part, grouped into the
//!   series that are counted together (per parent and kind; articles
//!   straight through; a `1` opens a new series);
//! - `form`: a marker taken apart (prefix, numeral, suffix, script) and
//!   written back with another number or form;
//! - [`check`]: the numbering checks, as [`Diagnostic`]s;
//! - [`fmt`]: the edits that fix the numbering, marker bytes only.
//!
//! [`Document`]: crate::Document
//! [`Diagnostic`]: check::Diagnostic

pub(crate) mod check;
pub mod fmt;
mod form;
mod series;
