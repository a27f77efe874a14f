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
//! own), so after formatting `check` reports no numbering skip, duplicate,
//! order, start, mixed delimiter, mixed width or doubled delimiter. Lonely
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

use std::collections::HashMap;

use super::check::{doubled_delimiter, marker_starts};
use super::form::{self, Form, Shape, majority};
use super::series::{self, Item};
use crate::document::{Document, Span};
use crate::kind::MarkerKind;

/// Which form each kind of marker is written in.
///
/// ```
/// use tigang::fmt::{format, Style};
/// assert_eq!(format("一．甲\n(一)子\n１、天\n", Style::Gbt9704), "一、甲\n（一）子\n1.天\n");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Style {
    /// The form most markers of the kind already have in the document (in
    /// the part, for a compilation); the earliest form on a tie.
    #[default]
    Majority,
    /// The forms of GB/T 9704-2012: `一、` `（一）` `1.` `（1）`.
    Gbt9704,
}

/// One change: replace the input at `span` with `replacement`.
///
/// ```
/// let doc = tigang::parse("一、甲\n三、乙\n");
/// let e = &tigang::fmt::edits(&doc, Default::default())[0];
/// assert_eq!((&doc.source()[e.span.range()], e.replacement.as_str()), ("三、", "二、"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Edit {
    /// The bytes replaced: a marker, or a marker and its doubled delimiter.
    pub span: Span,
    /// The new marker.
    pub replacement: String,
}

/// The edits that fix the numbering of `doc`, in input order and never
/// overlapping. Empty when there is nothing to fix.
///
/// The result is checked before it is returned: the edited text must parse
/// to the same outline (headings with their kinds and levels, TOC entries).
/// A marker's text can matter elsewhere (a table of contents is recognised
/// by titles that reappear, and a title may hold an inline `二是`), so when
/// the full set of edits would change the outline, fewer are tried: only
/// renumbering, then renumbering of line-level markers only, then none.
///
/// ```
/// let doc = tigang::parse("一、主要做法\n一是抓落实。二是抓督查。四是抓考核。\n");
/// let edits = tigang::fmt::edits(&doc, tigang::fmt::Style::Majority);
/// assert_eq!(edits.len(), 1);
/// assert_eq!(edits[0].replacement, "三是");
/// ```
pub fn edits(doc: &Document<'_>, style: Style) -> Vec<Edit> {
    let plan = Plan::new(doc, style);
    for reach in [
        Reach::All,
        Reach::Delimiters,
        Reach::Renumber,
        Reach::LineLevel,
    ] {
        let edits = plan.edits(reach);
        if edits.is_empty() || same_outline(doc, &apply(doc.source(), &edits)) {
            return edits;
        }
    }
    Vec::new()
}

/// How much of the fix to attempt; see [`edits`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Numbers, forms and doubled delimiters.
    All,
    /// Numbers and doubled delimiters: a form can carry structure (writing
    /// `9）` as `（2）` makes it the next item of the `（1）` series).
    Delimiters,
    /// Numbers only.
    Renumber,
    /// Numbers of line-level markers only, not of ordinals inside sentences.
    LineLevel,
}

fn same_outline(old: &Document<'_>, new: &str) -> bool {
    let new = crate::parse(new);
    old.headings()
        .map(|h| (h.level, h.kind))
        .eq(new.headings().map(|h| (h.level, h.kind)))
        && old
            .toc
            .iter()
            .map(|e| e.kind)
            .eq(new.toc.iter().map(|e| e.kind))
}

/// What every reach of the fix needs: the markers, their right numbers, the
/// form each kind is written in.
struct Plan<'a> {
    src: &'a str,
    items: Vec<Item<'a>>,
    number: Vec<Option<u32>>,
    targets: HashMap<Scope, Form>,
    starts: Vec<usize>,
}

impl<'a> Plan<'a> {
    fn new(doc: &'a Document<'_>, style: Style) -> Self {
        let items = series::items(doc);
        let mut number: Vec<Option<u32>> = vec![None; items.len()];
        for s in series::series(&items) {
            // A range (`第二至四条`) takes as many numbers as it covers.
            let mut n = Some(s.start);
            for &i in &s.members {
                number[i] = n;
                let width = items[i].last.saturating_sub(items[i].number);
                n = n.and_then(|n| n.checked_add(width + 1));
            }
        }
        let targets = targets(&items, style);
        let starts = marker_starts(&items);
        Plan {
            src: doc.source(),
            items,
            number,
            targets,
            starts,
        }
    }

    fn edits(&self, reach: Reach) -> Vec<Edit> {
        let src = self.src;
        let mut out = Vec::new();
        for (i, it) in self.items.iter().enumerate() {
            if reach == Reach::LineLevel && it.kind.is_ordinal() {
                continue;
            }
            let n = self.number[i].unwrap_or(it.number);
            // A range is written as it is: only its first number would be
            // rewritten.
            if it.last != it.number {
                continue;
            }
            let Some(shape) = Shape::of(it.kind, it.marker) else {
                continue;
            };
            let (written, after) = if reach == Reach::All {
                let target = self.targets.get(&(it.scope, it.kind)).copied();
                let extra = doubled_delimiter(src, it, &self.starts);
                let after = extra.map_or(it.marker_span.end, |s| s.end);
                let next = src.get(after..).and_then(|s| s.chars().next());
                let written = target
                    .and_then(|t| safe_form(it, &shape, t, next))
                    .and_then(|t| t.write(it.kind, &shape, n))
                    .or_else(|| {
                        // A form that cannot write the number (`⑳` is the
                        // last of its family) falls back to the standard one.
                        let t = Form::gbt9704(it.kind)?;
                        Form::of(it.kind, &shape)?;
                        safe_form(it, &shape, t, next)?.write(it.kind, &shape, n)
                    });
                (written, after)
            } else if reach == Reach::Delimiters {
                let extra = doubled_delimiter(src, it, &self.starts);
                (None, extra.map_or(it.marker_span.end, |s| s.end))
            } else {
                (None, it.marker_span.end)
            };
            let written =
                written.or_else(|| (n != it.number).then(|| shape.renumbered(n)).flatten());
            let replacement = written.unwrap_or_else(|| it.marker.to_string());
            let span = Span::new(it.marker_span.start, after);
            if replacement != src[span.range()] {
                out.push(Edit { span, replacement });
            }
        }
        out.sort_by_key(|e| e.span.start);
        out
    }
}

/// `to`, unless rewriting `it` in it would change how the text reads: a
/// full stop before a digit (`1、5项` must not become `1.5项`).
fn safe_form(it: &Item<'_>, shape: &Shape<'_>, to: Form, next: Option<char>) -> Option<Form> {
    let from = Form::of(it.kind, shape)?;
    if form::pinned(from.close, next) && matches!(to.close, Some('.' | '．')) {
        return Some(Form {
            close: from.close,
            ..to
        });
    }
    Some(to)
}

/// A part (None outside parts) and a kind: what one form is chosen for.
type Scope = (Option<usize>, MarkerKind);

/// The form to write each (scope, kind) in.
fn targets(items: &[Item<'_>], style: Style) -> HashMap<Scope, Form> {
    let mut out = HashMap::new();
    match style {
        Style::Gbt9704 => {
            for it in items {
                if let Some(f) = Form::gbt9704(it.kind) {
                    out.insert((it.scope, it.kind), f);
                }
            }
        }
        Style::Majority => {
            let mut forms: HashMap<Scope, Vec<Form>> = HashMap::new();
            for it in items {
                if !form::has_style(it.kind) {
                    continue;
                }
                if let Some(f) = Shape::of(it.kind, it.marker).and_then(|s| Form::of(it.kind, &s)) {
                    forms.entry((it.scope, it.kind)).or_default().push(f);
                }
            }
            for (key, forms) in forms {
                if let Some(f) = majority(key.1, forms.into_iter()) {
                    out.insert(key, f);
                }
            }
        }
    }
    out
}

/// `src` with `edits` applied. Edits must be sorted and not overlap, as
/// [`edits`] returns them; one that does not fit is skipped.
///
/// ```
/// let src = "一、甲\n三、乙\n";
/// let doc = tigang::parse(src);
/// let edits = tigang::fmt::edits(&doc, Default::default());
/// assert_eq!(tigang::fmt::apply(src, &edits), "一、甲\n二、乙\n");
/// ```
pub fn apply(src: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(src.len() + edits.len() * 4);
    let mut at = 0;
    for e in edits {
        let (Some(kept), true) = (src.get(at..e.span.start), src.get(e.span.range()).is_some())
        else {
            continue;
        };
        out.push_str(kept);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(src.get(at..).unwrap_or(""));
    out
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
