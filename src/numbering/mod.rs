//! Counting and fixing numbers: everything that reads a [`Document`]'s
//! markers as numbered series.
//!
//! - `series`: every marker with its parent and part, grouped into the
//!   series that are counted together (per parent and kind; articles
//!   straight through; a `1` opens a new series);
//! - `form`: a marker taken apart (prefix, numeral, suffix, script) and
//!   written back with another number or form;
//! - `plan`: the fix, worked out once: the number and form each marker
//!   should have and the edits that get there, verified by re-parsing;
//! - [`check`]: the numbering checks, as [`Diagnostic`]s whose suggestions
//!   are the plan's edits;
//! - `message`: what a finding says, in English or Chinese, and `help`:
//!   what to do about it;
//! - [`fmt`]: the plan's edits, marker bytes only; and `levels`, the edits
//!   that set a Markdown document's heading depths from the outline.
//!
//! [`Document`]: crate::Document
//! [`Diagnostic`]: check::Diagnostic

pub(crate) mod check;
pub mod fmt;
mod form;
mod help;
mod levels;
pub(crate) mod message;
mod plan;
mod series;
