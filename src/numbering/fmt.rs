//! Fixing the numbering: renumber every series 1, 2, 3…, write each kind of
//! marker in one form, drop doubled delimiters.
//!
//! [`edits`] returns the changes as [`Edit`]s on marker bytes only (a marker,
//! or a marker and the doubled delimiter right after it); nothing else of the
//! input is touched, so line endings, indentation and text stay as they are.
//! [`apply`] writes them; [`format()`] does both.
//!
//! Series are the ones [`check`](crate::check) counts (per parent and kind,
//! articles straight through, a `1` opening a new series, each part on its
//! own), and the edits are the ones its suggestions hold: after formatting
//! `check` reports no numbering skip, duplicate, order, start, mixed
//! delimiter, mixed width or doubled delimiter that `fmt` could fix. Lonely
//! ordinals, inverted levels and table-of-contents titles need a writer.
//!
//! ```
//! use tigang::fmt::{format, Style};
//! let src = "一、甲\n（一）子\n(二)丑\n（五）寅\n二、乙\n1、天\n2.地\n3.人\n";
//! assert_eq!(
//!     format(src, Style::Majority),
//!     "一、甲\n（一）子\n（二）丑\n（三）寅\n二、乙\n1.天\n2.地\n3.人\n"
//! );
//! ```

use super::plan::Plan;
use crate::document::Document;

pub use super::plan::{Edit, Style, apply};

/// The edits that fix the numbering of `doc`, in input order and never
/// overlapping. Empty when there is nothing to fix.
///
/// These are the edits [`check`](crate::check)'s suggestions are made of
/// (with [`Style::Majority`]): applying every suggestion gives the same text.
///
/// The result is checked before it is returned: the edited text must parse
/// to the same outline, heading by heading (kind, level, the new number,
/// position, title) and entry by entry for the table of contents. A marker's
/// text can matter elsewhere (an inline `二是` after `，` is a heading only
/// when it continues the series before it; `⒊4.` written as `3.` would read
/// `3.4.`), so where an edit would change the outline its marker keeps its
/// form, then its series keeps its numbers.
///
/// ```
/// let doc = tigang::parse("一、主要做法\n一是抓落实。二是抓督查。四是抓考核。\n");
/// let edits = tigang::fmt::edits(&doc, tigang::fmt::Style::Majority);
/// assert_eq!(edits.len(), 1);
/// assert_eq!(edits[0].replacement, "三是");
/// ```
pub fn edits(doc: &Document<'_>, style: Style) -> Vec<Edit> {
    Plan::new(doc, style).edits()
}

/// The edits that give a Markdown document back with its heading levels
/// set from the outline (docs/format.md §7, "Markdown out"): each line where
/// a heading starts gets `#` × its level (one more when the title stands on
/// a `#` line), a `#` line that is no heading loses its `#` run, and no
/// other byte changes. For the flat Markdown of PDF converters, where every
/// heading is `#`.
///
/// Parsing the edited text gives the same outline.
///
/// ```
/// let src = "# 某研究\n\n# 1 引言\n\n# 1.1 背景\n\n# 图1 流程\n";
/// let doc = tigang::parse(src);
/// let out = tigang::fmt::apply(src, &tigang::fmt::levels(&doc));
/// assert_eq!(out, "# 某研究\n\n## 1 引言\n\n### 1.1 背景\n\n图1 流程\n");
/// ```
pub fn levels(doc: &Document<'_>) -> Vec<Edit> {
    super::levels::edits(doc)
}

/// Why [`verify`] refused a set of edits: the first heading (or table of
/// contents entry) they would change.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutlineChanged {
    /// The 1-based line of that heading in the input.
    pub line: usize,
}

impl std::fmt::Display for OutlineChanged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the edits would change the outline at line {}",
            self.line
        )
    }
}

impl std::error::Error for OutlineChanged {}

/// Checks `edits` against `doc` the way [`edits`] checks its own: the
/// edited text must parse to the same outline (every heading's kind, level,
/// position and title, and the number its new marker says; every TOC
/// entry). A last guard before writing a file, also for edits from
/// elsewhere (an editor's code action).
///
/// ```
/// use tigang::fmt::{Edit, verify};
/// let src = "一、甲\n⒊4.安全生产费用\n";
/// let doc = tigang::parse(src);
/// assert!(verify(&doc, &tigang::fmt::edits(&doc, Default::default())).is_ok());
/// // `3.` before `4.安全` would read as the dotted heading `3.4.`.
/// let glued = Edit::new(tigang::Span::new(10, 13), "3.");
/// assert_eq!(verify(&doc, &[glued]).unwrap_err().line, 2);
/// ```
pub fn verify(doc: &Document<'_>, edits: &[Edit]) -> Result<(), OutlineChanged> {
    match super::plan::verify(doc, edits) {
        Some(line) => Err(OutlineChanged { line }),
        None => Ok(()),
    }
}

/// Parses `src`, fixes its numbering and returns the new text; the same as
/// [`apply`] of [`edits`].
///
/// ```
/// let out = tigang::fmt::format("一、甲\n（一）、子\n（三）丑\n", Default::default());
/// assert_eq!(out, "一、甲\n（一）子\n（二）丑\n");
/// ```
pub fn format(src: &str, style: Style) -> String {
    let doc = crate::parse(src);
    apply(src, &edits(&doc, style))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixture_mistakes_are_fixed() {
        let src = "一、甲\n（一）a\n（三）b\n（三）c\n（八）d\n二、乙\n一是抓。二是管。四是督。\n";
        let out = format(src, Style::Majority);
        assert_eq!(
            out,
            "一、甲\n（一）a\n（二）b\n（三）c\n（四）d\n二、乙\n一是抓。二是管。三是督。\n"
        );
        assert_eq!(format(&out, Style::Majority), out);
        assert!(crate::check(&crate::parse(&out)).is_empty());
    }

    #[test]
    fn idioms_keep_their_meaning() {
        // `一是一，二是二` is a saying, and renumbering must not change which
        // ordinals are headings.
        let src = "一、作风\n三是一是一，二是二。\n";
        let out = format(src, Style::Majority);
        let (a, b) = (crate::parse(src), crate::parse(&out));
        let outline = |d: &Document<'_>| -> Vec<(usize, Option<u32>, String)> {
            d.headings()
                .map(|h| (h.level, h.number, h.title.to_string()))
                .collect()
        };
        assert_eq!(outline(&a).len(), outline(&b).len(), "{out}");
        assert_eq!(format(&out, Style::Majority), out);
    }

    #[test]
    fn gbt9704_does_not_glue_an_enclosed_marker() {
        let src = "一、总\n⒈1.甲\n";
        assert_eq!(format(src, Style::Gbt9704), src);
    }

    #[test]
    fn does_not_make_a_decimal() {
        let src = "一、甲\n1.天\n2.地\n3、5项任务\n";
        assert_eq!(format(src, Style::Majority), src);
    }

    #[test]
    fn articles_and_toc() {
        let src = "目录\n一、甲\n三、乙\n正文\n一、甲\n要求。\n三、乙\n任务。\n";
        let out = format(src, Style::Majority);
        assert_eq!(
            out,
            "目录\n一、甲\n二、乙\n正文\n一、甲\n要求。\n二、乙\n任务。\n"
        );
        let src = "第一章　总则\n第一条　甲。\n第二章　附则\n第三条　乙。\n";
        assert!(format(src, Style::Majority).ends_with("第二条　乙。\n"));
    }
}
