//! The fix of a document's numbering, worked out once: the number each
//! marker should have, the form it is written in, and the edits that get
//! there, verified by parsing the result.
//!
//! This is the one source of truth for renumbering. `fmt` returns the edits;
//! `check` hands each edit to the diagnostic it fixes, so every suggestion is
//! exactly what `fmt` writes for that marker and applying all suggestions at
//! once gives `fmt`'s output.
//!
//! Numbers: each series (see `series`) counts from its start; a
//! table-of-contents entry that names a heading of the body takes that
//! heading's number, so the TOC follows the body rather than its own count.
//! Forms: each kind is written in one form per part (the majority, or GB/T
//! 9704's), and a doubled delimiter is dropped.
//!
//! Verification: the edited text must parse to the same outline, heading by
//! heading (kind, level, the new number, position, title) and entry by entry
//! for the TOC. Where it does not, the markers involved are fixed less: first
//! their form is kept, then their series is left unnumbered, a few rounds at
//! most, and if that still fails nothing is changed.

use foldhash::HashMap;

use super::form::{self, Form, Shape, majority};
use super::series::{self, Item, Series, TocLinks};
use crate::document::{Document, Span};
use crate::kind::MarkerKind;

/// One change: replace the input at `span` with `replacement`.
///
/// ```
/// let doc = tigang::parse("一、甲\n三、乙\n");
/// let e = &tigang::fmt::edits(&doc, Default::default())[0];
/// assert_eq!((&doc.source()[e.span.range()], e.replacement.as_str()), ("三、", "二、"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Edit {
    /// The bytes replaced: a marker, or a marker and its doubled delimiter.
    pub span: Span,
    /// The new marker.
    pub replacement: String,
}

impl Edit {
    /// An edit replacing `span` with `replacement`.
    ///
    /// ```
    /// let e = tigang::fmt::Edit::new(tigang::Span::new(0, 6), "二、");
    /// assert_eq!(tigang::fmt::apply("三、乙", &[e]), "二、乙");
    /// ```
    pub fn new(span: Span, replacement: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }
}

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

/// `src` with `edits` applied. Edits must be sorted and not overlap, as
/// [`edits`](crate::fmt::edits) returns them; one that does not fit is skipped.
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

/// What the fix does to one marker.
#[derive(Clone, Debug)]
pub(crate) struct Change {
    pub edit: Edit,
    /// The number before and after, when the marker is renumbered.
    pub renumbered: Option<(u32, u32)>,
    /// The form before and after, when brackets, delimiter or width change.
    pub reformed: Option<(Form, Form)>,
    /// The doubled delimiter dropped (the `、` of `（四）、`).
    pub dropped: Option<Span>,
}

/// The fix of one document.
pub(crate) struct Plan<'a> {
    pub src: &'a str,
    pub items: Vec<Item<'a>>,
    pub series: Vec<Series>,
    /// The series each item is counted in; None for sequence words.
    pub series_of: Vec<Option<usize>>,
    /// The number each item has once the numbering is right, whether or not
    /// the fix could write it.
    pub ideal: Vec<u32>,
    /// Per series: whether the fix renumbers it (false where renumbering
    /// would change the outline).
    pub renumbers: Vec<bool>,
    /// Per series left as written: the item whose place in the outline its
    /// renumbering would have changed, for the help line to name.
    pub moved: Vec<Option<usize>>,
    pub links: TocLinks,
    /// Per item: what the fix changes, None where the marker stays.
    pub changes: Vec<Option<Change>>,
    /// Per item: its marker taken apart and the form of that, worked out
    /// once for every round of the plan.
    shapes: Vec<Option<(Shape<'a>, Option<Form>)>>,
    /// The edited text asks for nothing more: planned again while it was
    /// parsed for the verification, or known to from this plan alone
    /// ([`Plan::settles_alone`]). [`Plan::new`] need not parse it again.
    settled: bool,
}

/// How far [`Plan::once`] goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rounds {
    /// Verified, and the verification also plans its edited text again
    /// (unverified) to record whether that asks for nothing more.
    Settle,
    /// Verified.
    Verify,
    /// The first round's changes as planned, not verified: enough to know
    /// that a text asks for nothing, without parsing it edited.
    Unverified,
}

/// Rounds of verification before giving up and changing nothing.
const ROUNDS: usize = 8;

/// Times the fix is planned again on its own result.
const SETTLE: usize = 2;

impl<'a> Plan<'a> {
    /// The fix of `doc`, settled: planned, verified, and planned again on its
    /// own result until that asks for nothing more (so `fmt` is idempotent).
    ///
    /// Usually the second plan finds nothing. It does where the first had
    /// to leave a series as written (its renumbering would have changed
    /// the outline) and the numbers fixed before it now make it read
    /// otherwise: a series that starts where the renumbered one before it
    /// stops carries that count on.
    pub(crate) fn new(doc: &'a Document<'_>, style: Style) -> Self {
        let mut plan = Plan::once(doc, style, Rounds::Settle);
        for _ in 0..SETTLE {
            let edits = plan.edits();
            if edits.is_empty() || plan.settled {
                break;
            }
            let text = apply(plan.src, &edits);
            let doc = crate::parse(&text);
            let again = Plan::once(&doc, style, Rounds::Verify);
            if again.asks_nothing() {
                break;
            }
            // The outline is the same heading by heading (verified), so the
            // items of both plans are the same markers in the same order.
            if again.items.len() != plan.items.len() || !plan.compose(&edits, &again) {
                break;
            }
        }
        plan
    }

    /// Takes in the changes `again` plans on the text that `edits` (this
    /// plan's) give: each marker's edit becomes the one from the original to
    /// the final marker. False when the two plans do not line up (nothing
    /// is taken in then).
    fn compose(&mut self, edits: &[Edit], again: &Plan<'_>) -> bool {
        let mut shift = Shift::new(edits);
        let mut composed = Vec::with_capacity(self.items.len());
        // Items are TOC entries first, each list in input order; map each
        // list on its own.
        let starts: Vec<usize> = self.items.iter().map(|it| it.marker_span.start).collect();
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        order.sort_by_key(|&i| starts[i]);
        let mut mapped = vec![0; self.items.len()];
        for &i in &order {
            mapped[i] = shift.map(starts[i]);
        }
        for (i, it) in self.items.iter().enumerate() {
            let b = &again.items[i];
            if b.marker_span.start != mapped[i] || b.kind != it.kind {
                return false;
            }
            let Some(c2) = &again.changes[i] else {
                composed.push(self.changes[i].clone());
                continue;
            };
            let c1 = self.changes[i].as_ref();
            // What round one wrote at this marker, and where it ended.
            let (written, end1) = c1.map_or((it.marker, it.marker_span.end), |c| {
                (c.edit.replacement.as_str(), c.edit.span.end)
            });
            let extra = c2.edit.span.len().saturating_sub(written.len());
            let span = Span::new(it.marker_span.start, end1 + extra);
            let replacement = c2.edit.replacement.clone();
            if self.src.get(span.range()) == Some(replacement.as_str()) {
                composed.push(None);
                continue;
            }
            let to_number = c2.renumbered.map_or(b.number, |(_, n)| n);
            let from = self.shapes[i].and_then(|(_, f)| f);
            let to = Shape::of(it.kind, &replacement).and_then(|s| Form::of(it.kind, &s));
            let dropped = c1
                .and_then(|c| c.dropped)
                .or_else(|| (extra > 0).then(|| Span::new(end1, end1 + extra)));
            composed.push(Some(Change {
                edit: Edit { span, replacement },
                renumbered: (to_number != it.number).then_some((it.number, to_number)),
                reformed: from.zip(to).filter(|(a, b)| a != b),
                dropped,
            }));
        }
        self.changes = composed;
        true
    }

    /// One plan of `doc`, verified as `rounds` says.
    fn once(doc: &'a Document<'_>, style: Style, rounds: Rounds) -> Self {
        let settle = rounds == Rounds::Settle;
        let src = doc.source();
        let items = series::items(doc);
        let series = series::series(&items);
        let mut series_of = vec![None; items.len()];
        for (s, ser) in series.iter().enumerate() {
            for &m in &ser.members {
                series_of[m] = Some(s);
            }
        }
        let links = series::toc_links(&items);
        let shapes = items
            .iter()
            .map(|it| Shape::of(it.kind, it.marker).map(|s| (s, Form::of(it.kind, &s))))
            .collect();
        let mut plan = Plan {
            src,
            ideal: Vec::new(),
            renumbers: vec![true; series.len()],
            moved: vec![None; series.len()],
            changes: Vec::new(),
            items,
            series,
            series_of,
            links,
            shapes,
            settled: false,
        };
        plan.ideal = plan.numbers();
        let sites = plan.sites(style);
        let mut keep_form = vec![false; plan.items.len()];
        let mut scratch = String::new();
        for round in 0..=ROUNDS {
            let numbers = plan.numbers();
            plan.changes = (0..plan.items.len())
                .map(|i| plan.change(i, numbers[i], &sites[i], keep_form[i], &mut scratch))
                .collect();
            let edits = plan.edits();
            if edits.is_empty() || rounds == Rounds::Unverified {
                break;
            }
            let alone = settle && round == 0 && plan.settles_alone(&numbers, &sites, &mut scratch);
            // Debug builds plan the edited text all the same, to check that.
            let again = settle && (!alone || cfg!(debug_assertions));
            let Divergence {
                items: bad,
                settled,
            } = diverging(doc, &numbers, &edits, again.then_some(style));
            if bad.is_empty() {
                debug_assert!(!alone || settled, "settles_alone, but the text plans again");
                plan.settled = settled || alone;
                break;
            }
            // Forms first: a marker that cannot take the new form often
            // disturbs its neighbours too (`⒈` alone on a line is a heading,
            // `1.` is not, and the `（2）` under it moves up a level), and
            // those come right once it keeps its form.
            let mut progressed = false;
            for &i in &bad {
                progressed |= plan.keep_form(i, &mut keep_form);
            }
            if !progressed {
                for &i in &bad {
                    progressed |= plan.keep_numbers(i);
                }
            }
            if !progressed || round == ROUNDS {
                plan.changes.iter_mut().for_each(|c| *c = None);
                plan.renumbers.iter_mut().for_each(|r| *r = false);
                break;
            }
        }
        plan
    }

    /// Whether the plan changes no marker.
    fn asks_nothing(&self) -> bool {
        self.changes.iter().all(Option::is_none)
    }

    /// The edits, in input order.
    pub(crate) fn edits(&self) -> Vec<Edit> {
        // Items come TOC first, then headings: mostly in input order already.
        let mut out: Vec<Edit> = self
            .changes
            .iter()
            .flatten()
            .map(|c| c.edit.clone())
            .collect();
        out.sort_by_key(|e| e.span.start);
        out
    }

    /// Whether the fix renumbers series `s`. A series that carries on a
    /// count left unnumbered carries on the written count, which is where
    /// it starts: it is left unnumbered too.
    pub(crate) fn renumbers_series(&self, s: usize) -> bool {
        self.carried_chain(s).all(|k| self.renumbers[k])
    }

    /// Series `s` and the series whose count it carries on, in turn.
    fn carried_chain(&self, s: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(s), |&k| self.series[k].from)
    }

    /// The item whose place in the outline renumbering series `s` (or a
    /// series it carries on) would have changed, when one was found.
    pub(crate) fn moved_in(&self, s: usize) -> Option<usize> {
        self.carried_chain(s).find_map(|k| self.moved[k])
    }

    /// The number each item is written with after the fix: its series'
    /// count where the series is renumbered; for a TOC entry that names a
    /// heading, that heading's number.
    fn numbers(&self) -> Vec<u32> {
        let items = &self.items;
        let mut out: Vec<u32> = items.iter().map(|it| it.number).collect();
        let on = |s: usize| self.renumbers_series(s);
        // Body first: the TOC takes its numbers from it.
        for toc in [false, true] {
            for (s, ser) in self.series.iter().enumerate() {
                let Some(&head) = ser.members.first() else {
                    continue;
                };
                if items[head].toc != toc || !on(s) {
                    continue;
                }
                // A carried-on count goes on from where the series it
                // carries on ends as fixed (which a linked TOC entry may
                // end on its heading's number, not on its own count).
                let mut next =
                    ser.from
                        .and_then(|p| self.series[p].members.last())
                        .map_or(ser.start, |&l| {
                            let width = items[l].last.saturating_sub(items[l].number);
                            out[l].saturating_add(width).saturating_add(1)
                        });
                for &m in &ser.members {
                    let n = match self.links.by_title.get(&m) {
                        Some(&b) => out[b],
                        None => next,
                    };
                    out[m] = n;
                    // A range (`第二至四条`) takes as many numbers as it covers.
                    let width = items[m].last.saturating_sub(items[m].number);
                    next = n.saturating_add(width).saturating_add(1);
                }
            }
        }
        out
    }

    /// Per item, what each round of [`Plan::change`] reads around it: the
    /// form its kind is written in, a doubled delimiter after it, and the
    /// char after both.
    fn sites(&self, style: Style) -> Vec<Site> {
        let targets = targets(&self.items, &self.shapes, style);
        let starts = marker_starts(&self.items);
        self.items
            .iter()
            .map(|it| {
                let dropped = doubled_delimiter(self.src, it, &starts);
                let after = dropped.map_or(it.marker_span.end, |s| s.end);
                Site {
                    target: targets.get(&(it.scope, it.kind)).copied(),
                    dropped,
                    next: self.src.get(after..).and_then(|s| s.chars().next()),
                }
            })
            .collect()
    }

    /// What the fix writes for item `i` with the number `n`. `scratch` is
    /// where the new marker is written: most markers stay as they are, and
    /// only a changed one takes a String of its own.
    fn change(
        &self,
        i: usize,
        n: u32,
        site: &Site,
        keep_form: bool,
        scratch: &mut String,
    ) -> Option<Change> {
        let src = self.src;
        let it = &self.items[i];
        // A range is written as it is: only its first number would change.
        if it.last != it.number {
            return None;
        }
        let (shape, from) = self.shapes[i].as_ref()?;
        let (shape, from) = (shape, *from);
        let dropped = if keep_form { None } else { site.dropped };
        let site = (!keep_form).then_some(site);
        if !write_marker(it.kind, shape, from, n, n != it.number, site, scratch) {
            scratch.push_str(it.marker);
        }
        let span = Span::new(
            it.marker_span.start,
            dropped.map_or(it.marker_span.end, |d| d.end),
        );
        if *scratch == src[span.range()] {
            return None;
        }
        let to = Shape::of(it.kind, scratch).and_then(|s| Form::of(it.kind, &s));
        let renumbered = (n != it.number).then_some((it.number, n));
        // The same number in the same form is left as written: a numeral may
        // be spelled otherwise than the form would write it (the abbreviated
        // tens `（二一）` of Taiwan series).
        if renumbered.is_none() && dropped.is_none() && from.is_some() && from == to {
            return None;
        }
        Some(Change {
            edit: Edit {
                span,
                replacement: scratch.clone(),
            },
            renumbered,
            reformed: from.zip(to).filter(|(a, b)| a != b),
            dropped,
        })
    }

    /// Whether planning the edited text again would ask for nothing, known
    /// without planning it: for the first round of a plan (every series
    /// renumbered to `numbers`, no form kept), once the verification finds
    /// the outline the same.
    ///
    /// Then the edited text has the same markers in the same tree, so the
    /// same series, unless a range (`第一至三条`) is continued past; each
    /// counts from the same start, and those numbers are the ones written.
    /// Each scope's majority form stays, as no marker leaves it and none
    /// takes another form but its own: the plan of the edited text has the
    /// same targets. A marker this plan leaves is planned as before; a
    /// changed one is planned here again from what this plan writes.
    fn settles_alone(&self, numbers: &[u32], sites: &[Site], scratch: &mut String) -> bool {
        // A table of contents is counted with the headings it names, and its
        // series split where a renumbered entry restarts a count (`5.` →
        // `1.` before `⒍`): "the same series" does not hold there, so such
        // a plan is checked on the edited text (property tests found both).
        if self.items.iter().any(|it| it.last != it.number || it.toc) {
            return false;
        }
        // A list that lost its first items counts from where it starts,
        // and the edited text may group it otherwise (the fuzzer found one,
        // `tests/regressions/`): such a plan is checked on the edited text.
        if self.series.iter().any(|s| s.lost_start) {
            return false;
        }
        self.changes.iter().enumerate().all(|(i, c)| {
            let Some(c) = c else { return true };
            let it = &self.items[i];
            let from = self.shapes[i].and_then(|(_, f)| f);
            let written = c.edit.replacement.as_str();
            let Some(shape) = Shape::of(it.kind, written) else {
                // Not taken apart, so not changed again; its form is gone.
                return from.is_none();
            };
            let to = Form::of(it.kind, &shape);
            let site = &sites[i];
            if to != from && (to.is_none() || to != site.target) {
                return false;
            }
            // No doubled delimiter is left after it (the char after one
            // that was dropped is none), and the char after is the same.
            let site = Site {
                dropped: None,
                ..*site
            };
            let n = numbers[i];
            if !write_marker(it.kind, &shape, to, n, false, Some(&site), scratch) {
                return true;
            }
            // Left as written: the same text, or the same number in the same form.
            *scratch == written
                || (to.is_some()
                    && Shape::of(it.kind, scratch).and_then(|s| Form::of(it.kind, &s)) == to)
        })
    }

    /// Keeps item `i`'s form (brackets, delimiter, width, a doubled
    /// delimiter). Returns whether that changes anything.
    fn keep_form(&mut self, i: usize, keep_form: &mut [bool]) -> bool {
        let c = self.changes[i].as_ref();
        if !keep_form[i] && c.is_some_and(|c| c.reformed.is_some() || c.dropped.is_some()) {
            keep_form[i] = true;
            return true;
        }
        false
    }

    /// Leaves item `i`'s series (for a TOC entry that follows a heading, the
    /// heading's series) unnumbered. Returns whether that changes anything.
    fn keep_numbers(&mut self, i: usize) -> bool {
        let own = self.series_of[i].filter(|&s| self.renumbers[s]);
        let heading = || {
            let b = *self.links.by_title.get(&i)?;
            self.series_of[b].filter(|&s| self.renumbers[s])
        };
        let Some(s) = own.or_else(heading) else {
            return false;
        };
        // A series carrying on the count of the one before it stops reading
        // as carried on once that one is renumbered and it is not (`四是`
        // → `一是` under one heading, `五是` left under the next): leave the
        // whole chain as written.
        let mut s = Some(s);
        while let Some(k) = s {
            self.renumbers[k] = false;
            self.moved[k].get_or_insert(i);
            s = self.series[k].from;
        }
        true
    }
}

/// The line of the first heading or TOC entry that `edits` would change
/// (kind, level, position, title, or a number other than the one its new
/// marker says), or None when the outline stays.
pub(crate) fn verify(doc: &Document<'_>, edits: &[Edit]) -> Option<usize> {
    let items = series::items(doc);
    let mut numbers: Vec<u32> = items.iter().map(|it| it.number).collect();
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.span.start);
    for (i, it) in items.iter().enumerate() {
        let at = sorted.partition_point(|e| e.span.start < it.marker_span.start);
        if let Some(e) = sorted
            .get(at)
            .filter(|e| e.span.start == it.marker_span.start)
        {
            numbers[i] = Shape::of(it.kind, &e.replacement)
                .and_then(|s| s.value())
                .unwrap_or(0);
        }
    }
    let edits: Vec<Edit> = sorted.into_iter().cloned().collect();
    diverging(doc, &numbers, &edits, None)
        .items
        .first()
        .map(|&i| items[i].line)
}

/// What [`diverging`] found out about a set of edits.
struct Divergence {
    /// The items whose fix changes the outline, ascending, each once
    /// (indices as in the plan: TOC entries first, then headings).
    items: Vec<usize>,
    /// Whether the edited text, planned again in the `settle` style, asks
    /// for nothing more: `false` when `settle` was `None` or `items` is not
    /// empty.
    settled: bool,
}

/// The items whose fix changes the outline: headings (and TOC entries) that
/// the edited text no longer has as they should be, and for a heading that
/// appears, the markers before it of its kind (whose numbers let an inline
/// `二是` continue a series) and on its line.
///
/// With `settle`, and when nothing diverges, also whether the edited text,
/// planned again in that style, asks for nothing more (while it is parsed:
/// the caller need not parse it again).
fn diverging(
    doc: &Document<'_>,
    numbers: &[u32],
    edits: &[Edit],
    settle: Option<Style>,
) -> Divergence {
    let new_src = apply(doc.source(), edits);
    let new = crate::parse(&new_src);
    let (old_toc, old_body) = expected(doc, numbers, edits);
    let (new_toc, new_body) = found(&new);
    let mut bad = Vec::new();
    let mut orphans = Vec::new();
    for (old, new) in [(&old_toc, &new_toc), (&old_body, &new_body)] {
        blame(old, new, &mut bad, &mut orphans);
    }
    if !orphans.is_empty() {
        // A heading appeared where its own list has no marker before it to
        // blame (a TOC entry's new number made an inline `（二）` of the body
        // continue it): blame the edited markers before it, or every edited
        // marker, so that the next round keeps them as written.
        let edited = edited_items(&old_toc, &old_body, edits);
        for at in orphans {
            let before: Vec<usize> = edited.iter().filter(|e| e.0 < at).map(|e| e.1).collect();
            if before.is_empty() {
                bad.extend(edited.iter().map(|e| e.1));
            } else {
                bad.extend(before);
            }
        }
    }
    bad.sort_unstable();
    bad.dedup();
    // What the comparison held is freed before the text is planned again.
    drop((old_toc, old_body, new_toc, new_body));
    // Whether the edited text asks for nothing, unverified: a verified plan
    // would parse a third text while two are held (issue 23: the memory of
    // `check` on marker-dense text). Where it asks for something that its
    // verification would then refuse, `Plan::new` plans it again, verified,
    // and the result is the same.
    let settled = bad.is_empty()
        && settle.is_some_and(|style| Plan::once(&new, style, Rounds::Unverified).asks_nothing());
    Divergence {
        items: bad,
        settled,
    }
}

/// A TOC entry or heading as [`diverging`] compares them: where its marker
/// starts (in the edited text), kind, level (0 in a TOC), number, title.
type Seen<'a> = (usize, MarkerKind, usize, u32, &'a str);

/// What the edited text should hold of one item, and the item's index.
type Expected<'a> = (Seen<'a>, usize);

/// What the edited text should hold: every TOC entry and heading of `doc`
/// (TOC, body), its marker moved by `edits`, with its number in `numbers`,
/// and its item index.
fn expected<'d>(
    doc: &'d Document<'_>,
    numbers: &[u32],
    edits: &[Edit],
) -> (Vec<Expected<'d>>, Vec<Expected<'d>>) {
    let toc_len = doc.toc.len();
    let mut shift = Shift::new(edits);
    let toc = doc
        .toc
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let at = shift.map(e.marker_span.start);
            ((at, e.kind, 0, numbers[i], e.title), i)
        })
        .collect();
    let mut shift = Shift::new(edits);
    let body = doc
        .headings()
        .enumerate()
        .map(|(i, h)| {
            let j = toc_len + i;
            let at = shift.map(h.marker_span.start);
            ((at, h.kind, h.level, numbers[j], &*h.heading().title), j)
        })
        .collect();
    (toc, body)
}

/// What the edited text holds: its TOC entries and headings (TOC, body).
fn found<'n>(new: &'n Document<'_>) -> (Vec<Seen<'n>>, Vec<Seen<'n>>) {
    let toc = new
        .toc
        .iter()
        .map(|e| {
            let number = e.number.unwrap_or(0);
            (e.marker_span.start, e.kind, 0, number, e.title)
        })
        .collect();
    let body = new
        .headings()
        .map(|h| {
            let t: &str = &h.heading().title;
            (
                h.marker_span.start,
                h.kind,
                h.level,
                h.number.unwrap_or(0),
                t,
            )
        })
        .collect();
    (toc, body)
}

/// Adds to `bad` the items of `old` that `new` does not hold as they should
/// be, and for each of `new` that appeared, the old markers before it: the
/// one just before, and the last of its kind; where `old` has none before
/// it, its place goes to `orphans`.
fn blame(old: &[Expected<'_>], new: &[Seen<'_>], bad: &mut Vec<usize>, orphans: &mut Vec<usize>) {
    let mut k = 0;
    let mut appeared = Vec::new();
    for &(seen, item) in old {
        let at = seen.0;
        while new.get(k).is_some_and(|n| n.0 < at) {
            appeared.push(new[k]);
            k += 1;
        }
        match new.get(k) {
            Some(&n) if n.0 == at => {
                if n != seen {
                    bad.push(item);
                }
                k += 1;
            }
            _ => bad.push(item),
        }
    }
    appeared.extend_from_slice(&new[k.min(new.len())..]);
    // Blame the old markers before each heading that appeared.
    for &(at, kind, ..) in &appeared {
        let before = old.partition_point(|o| o.0.0 < at);
        match before.checked_sub(1).map(|b| &old[b]) {
            Some(o) => bad.push(o.1),
            None => orphans.push(at),
        }
        let same = old[..before].iter().rev().take(64).find(|o| o.0.1 == kind);
        if let Some(o) = same {
            bad.push(o.1);
        }
    }
}

/// The items an edit changes, as (where the marker starts in the edited
/// text, item index), in text order within TOC and body.
fn edited_items(
    toc: &[Expected<'_>],
    body: &[Expected<'_>],
    edits: &[Edit],
) -> Vec<(usize, usize)> {
    // Where each edit lands in the edited text.
    let mut delta = 0isize;
    let mut starts = Vec::with_capacity(edits.len());
    for e in edits {
        starts.push(e.span.start.saturating_add_signed(delta));
        delta += e.replacement.len() as isize - (e.span.end - e.span.start) as isize;
    }
    toc.iter()
        .chain(body)
        .filter(|(seen, _)| starts.binary_search(&seen.0).is_ok())
        .map(|(seen, item)| (seen.0, *item))
        .collect()
}

/// Maps offsets of the input to offsets of the edited text, for offsets
/// asked in increasing order.
struct Shift<'e> {
    edits: &'e [Edit],
    next: usize,
    delta: isize,
}

impl<'e> Shift<'e> {
    fn new(edits: &'e [Edit]) -> Self {
        Shift {
            edits,
            next: 0,
            delta: 0,
        }
    }

    fn map(&mut self, at: usize) -> usize {
        while let Some(e) = self.edits.get(self.next).filter(|e| e.span.start < at) {
            self.delta += e.replacement.len() as isize - e.span.len() as isize;
            self.next += 1;
        }
        at.saturating_add_signed(self.delta)
    }
}

/// `to`, unless rewriting a marker of form `from` in it would change how the text reads: a full
/// stop before a digit (`1、5项` must not become `1.5项`), or an enclosed
/// numeral (`⒊`, its own delimiter) written out before a digit, which would
/// join the two (`⒊4.安全` must not become `34.安全` or `3.4.安全`).
fn safe_form(from: Option<Form>, to: Form, next: Option<char>) -> Option<Form> {
    let from = from?;
    if form::pinned(from.close, next) {
        if from.digits == form::Digits::Enclosed {
            return Some(from);
        }
        if matches!(to.close, Some('.' | '．')) {
            return Some(Form {
                close: from.close,
                ..to
            });
        }
    }
    Some(to)
}

/// Writes into `out` (cleared first) the marker of `kind`, taken apart as
/// `shape` of form `from`, with the number `n`: in the target form of its
/// `site` (None where its form is kept), else renumbered in place where
/// `renumber`. False, and `out` empty, where it is written as it is.
fn write_marker(
    kind: MarkerKind,
    shape: &Shape<'_>,
    from: Option<Form>,
    n: u32,
    renumber: bool,
    site: Option<&Site>,
    out: &mut String,
) -> bool {
    out.clear();
    let reformed = site.is_some_and(|site| {
        site.target
            .and_then(|t| safe_form(from, t, site.next))
            .is_some_and(|t| t.write_into(kind, shape, n, out))
            || {
                // A form that cannot write the number (`⑳` is the last
                // of its family) falls back to the standard one.
                from.is_some()
                    && Form::gbt9704(kind)
                        .and_then(|t| safe_form(from, t, site.next))
                        .is_some_and(|t| t.write_into(kind, shape, n, out))
            }
    });
    reformed || (renumber && shape.renumbered_into(n, out))
}

/// A part (None outside parts) and a kind: what one form is chosen for.
type Scope = (Option<usize>, MarkerKind);

/// What is around one item, the same in every round of a plan.
#[derive(Clone, Copy)]
struct Site {
    /// The form its scope and kind are written in, if one is chosen.
    target: Option<Form>,
    /// A doubled delimiter right after the marker.
    dropped: Option<Span>,
    /// The char after the marker and any doubled delimiter.
    next: Option<char>,
}

/// The form to write each (scope, kind) in.
fn targets(
    items: &[Item<'_>],
    shapes: &[Option<(Shape<'_>, Option<Form>)>],
    style: Style,
) -> HashMap<Scope, Form> {
    let mut out = HashMap::default();
    match style {
        Style::Gbt9704 => {
            for it in items {
                if let Some(f) = Form::gbt9704(it.kind) {
                    out.insert((it.scope, it.kind), f);
                }
            }
        }
        Style::Majority => {
            let mut forms: HashMap<Scope, Vec<Form>> = HashMap::default();
            for (it, shape) in items.iter().zip(shapes) {
                if !form::has_style(it.kind) {
                    continue;
                }
                if let Some(f) = shape.and_then(|(_, f)| f) {
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

/// The delimiters the parser skips after a marker (`（四）、`, docs/format.md §4).
const DOUBLED: [char; 5] = ['、', '，', ',', '：', ':'];

/// The span of a doubled delimiter right after `it`'s marker, if there is one.
/// `starts` ([`marker_starts`]) holds where markers start: a `：` that
/// introduces the next marker (`（一）：一是…`) is the boundary that marker
/// needs, not a doubled delimiter.
pub(crate) fn doubled_delimiter(src: &str, it: &Item<'_>, starts: &[usize]) -> Option<Span> {
    let self_delimited = matches!(
        it.kind,
        MarkerKind::CapitalNumeral
            | MarkerKind::Numeral
            | MarkerKind::ParenNumeral
            | MarkerKind::Digit
            | MarkerKind::ParenDigit
            | MarkerKind::Circled
    );
    if !self_delimited {
        return None;
    }
    let mut after = src.get(it.marker_span.end..)?.chars();
    let c = after.next()?;
    // One doubled delimiter, as the parser skips it; a run (`（一）、：`) is
    // punctuation of the sentence, left as written.
    let end = it.marker_span.end + c.len_utf8();
    // Nor is one before a numeral: without it, `一、、二、三级` would read as
    // the prose list `一、二、三级` and `1.、5项` as the decimal `1.5项`.
    let numeral_next =
        |d: char| d.is_numeric() || crate::numeral::value(d.encode_utf8(&mut [0; 4])).is_some();
    (DOUBLED.contains(&c)
        && !after
            .next()
            .is_some_and(|d| DOUBLED.contains(&d) || numeral_next(d))
        && starts.binary_search(&end).is_err())
    .then(|| Span::new(it.marker_span.end, end))
}

/// Where markers start, sorted (rather than hashed: markers come almost in
/// input order already).
pub(crate) fn marker_starts(items: &[Item<'_>]) -> Vec<usize> {
    let mut starts: Vec<usize> = items.iter().map(|it| it.marker_span.start).collect();
    starts.sort_unstable();
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(src: &str) -> String {
        let doc = crate::parse(src);
        super::apply(src, &Plan::new(&doc, Style::Majority).edits())
    }

    /// A TOC entry's new number made a marker of the body continue it and
    /// become a heading, with no heading before it to blame: the fix was
    /// taken as settled and asked again on its own result (found by the
    /// property tests of tests/fmt_props.rs and tests/json.rs).
    #[test]
    fn a_heading_that_appears_with_nothing_before_it_is_blamed_on_the_edits() {
        for src in [
            "首先，目录\n（二）…………3\n\"第一条要求。（二）1.一、一、一、",
            "目录\n一、加强领导\n三、推进改革\n3.统一是\n第二条\u{3000}推进改革。要求如下\n⒉\n第一章\u{3000}加强领导\n",
            "目录\n一、加强领导\n三、推进改革\n1.；三是强化考核\n5.统一是\n第一章\u{3000}5万人次\n⒍加强领导\n。一是加强领导\n一、加强领导\n1.统一是\n",
            "目录\n一、加强领导\n三、推进改革\n第一章\u{3000}加强领导\n四、4.安全生产费用\n（一）会议要求，一是统一思想，二是压实责任，三是强化考核。\n一、4.安全生产费用\n二、加强领导\n",
        ] {
            for style in [Style::Majority, Style::Gbt9704] {
                let doc = crate::parse(src);
                let once = super::apply(src, &Plan::new(&doc, style).edits());
                let again = crate::parse(&once);
                assert!(Plan::new(&again, style).edits().is_empty(), "{src:?}");
            }
        }
    }

    #[test]
    fn renumbering_keeps_which_inline_ordinals_are_headings() {
        // The sentence's 一是…二是…三是 is a list of its own (issue 10 item 2):
        // renumbering the `二是` above it to `一是` must not make the
        // sentence's `二是` continue that one instead.
        let src =
            "一、主要做法\n二是加强领导。\n会议要求，一是统一思想，二是压实责任，三是强化考核。\n";
        let out = fixed(src);
        assert_eq!(out, src.replacen("二是加强", "一是加强", 1));
        let titles = |s: &str| -> Vec<String> {
            crate::parse(s)
                .headings()
                .map(|h| h.title.to_string())
                .collect()
        };
        assert_eq!(titles(src), titles(&out));
    }

    #[test]
    fn a_marker_is_never_joined_to_the_text_after_it() {
        let src = "1.甲\n2.乙\n⒊4.安全生产费用\n";
        assert_eq!(fixed(src), src);
        let src = "1.甲\n2.乙\n⒌4.安全生产费用\n";
        assert_eq!(fixed(src), "1.甲\n2.乙\n⒊4.安全生产费用\n");
    }

    #[test]
    fn a_one_the_next_marker_continues_past_becomes_two() {
        let src = "一、甲\n一是抓。\n一是管。\n三是督。\n";
        assert_eq!(fixed(src), "一、甲\n一是抓。\n二是管。\n三是督。\n");
    }

    /// Whether the first round of the plan of `src` settles without
    /// planning its result again.
    fn alone(src: &str) -> bool {
        let doc = crate::parse(src);
        let mut plan = Plan::once(&doc, Style::Majority, Rounds::Verify);
        plan.renumbers.iter_mut().for_each(|r| *r = true);
        let numbers = plan.numbers();
        let sites = plan.sites(Style::Majority);
        plan.settles_alone(&numbers, &sites, &mut String::new())
    }

    #[test]
    fn a_plan_that_renumbers_and_unifies_forms_settles_alone() {
        let src = "一、甲\n（一）子\n(二)丑\n（四）寅\n三、乙\n1.天\n2、地\n3.人\n";
        assert!(alone(src));
        let once = fixed(src);
        assert_eq!(
            once,
            "一、甲\n（一）子\n（二）丑\n（三）寅\n二、乙\n1.天\n2.地\n3.人\n"
        );
        assert_eq!(fixed(&once), once);
    }

    #[test]
    fn a_range_is_planned_again() {
        // Renumbered, `第三条` becomes `第二条`, and the range after it then
        // continues that series (`第二条` then `第一至三条` would skip): not
        // something to know without planning the edited text.
        let src = "第一条　甲。\n第三条　乙。\n第一至三条　丙。\n第四条　丁。\n";
        assert!(!alone(src));
        let once = fixed(src);
        assert_eq!(fixed(&once), once);
    }

    #[test]
    fn toc_entries_follow_their_headings() {
        // The TOC lacks 三、丙; its 四、丁 names the body's 四、 and stays.
        let src = "目录\n一、甲\n二、乙\n四、丁\n正文\n一、甲\n文。\n二、乙\n文。\n三、丙\n文。\n四、丁\n文。\n";
        assert_eq!(fixed(src), src);
    }
}
