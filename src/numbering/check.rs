//! Numbering checks: skipped, repeated and backward numbers, mixed forms,
//! inverted levels, lonely ordinals and a table of contents that disagrees
//! with the body.
//!
//! [`check`] returns [`Diagnostic`]s, each with a stable [`Code`], a
//! [`Severity`], the marker's span, line and column, the [`Finding`] (what
//! was found, as facts), its message and help in a [`Lang`], and where `fmt`
//! fixes it a [`Suggestion`]: the edits `fmt` makes for it.
//!
//! Series are counted as the `series` module describes: per parent and kind,
//! articles straight through a regulation, a `1` opening a new series, each
//! part (`【篇N】`) on its own. The suggestions come from the same plan as
//! `fmt`'s edits (`plan`): each edit of `fmt` belongs to exactly one
//! diagnostic, so applying every suggestion gives `fmt`'s output.
//!
//! ```
//! use tigang::Lang;
//! let doc = tigang::parse("一、甲\n（一）子\n（二）丑\n（五）寅\n");
//! let d = &tigang::check(&doc)[0];
//! assert_eq!(d.code, tigang::Code::NumberingSkip);
//! assert_eq!(d.message(Lang::Zh), "（二）之后是（五），缺少（三）（四）");
//! assert_eq!(d.message(Lang::En), "（二） is followed by （五）; expected （三）");
//! assert_eq!(d.help(Lang::Zh).unwrap(), "将（五）改为（三）；或补上缺失的（三）（四）");
//! assert_eq!((d.line, d.column), (4, 1));
//! assert_eq!(d.suggestion.as_ref().unwrap().replacement, "（三）");
//! ```

use foldhash::{HashMap, HashSet};
#[cfg(feature = "serde")]
use serde::Serialize;

use super::form::Shape;
use super::help::Fix;
use super::message::{Finding, Lang};
use super::plan::{Edit, Plan, Style};
use super::series::Item;
use crate::document::{Document, Span};
use crate::input::SourceMap;
use crate::kind::MarkerKind;

/// What a [`Diagnostic`] is about. The kebab-case name (`numbering-skip`) is
/// stable: it is the JSON `code` and what `tigang check --allow` takes.
///
/// ```
/// use tigang::Code;
/// assert_eq!(Code::NumberingSkip.as_str(), "numbering-skip");
/// assert_eq!("mixed-width".parse::<Code>(), Ok(Code::MixedWidth));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Code {
    /// A number is left out: `（五）` then `（八）`.
    NumberingSkip,
    /// A number is repeated: `（三）` then `（三）`.
    NumberingDuplicate,
    /// Numbering goes backwards: `（三）` then `（二）`.
    NumberingOrder,
    /// A series starts at another number than 1.
    NumberingStart,
    /// Siblings use different delimiters: `1.` and `1、`.
    MixedDelimiter,
    /// One document writes a marker in half and full width: `(一)` and `（一）`.
    MixedWidth,
    /// A doubled delimiter: `（四）、`.
    RedundantDelimiter,
    /// The GB/T 9704 order inverted: `（一）` above `一、`.
    LevelOrder,
    /// An ordinal series of one: `一是` with no `二是`.
    LonelyOrdinal,
    /// The table of contents disagrees with the body.
    TocMismatch,
}

impl Code {
    /// Every code.
    ///
    /// ```
    /// assert_eq!(tigang::Code::ALL.len(), 10);
    /// ```
    pub const ALL: [Code; 10] = [
        Code::NumberingSkip,
        Code::NumberingDuplicate,
        Code::NumberingOrder,
        Code::NumberingStart,
        Code::MixedDelimiter,
        Code::MixedWidth,
        Code::RedundantDelimiter,
        Code::LevelOrder,
        Code::LonelyOrdinal,
        Code::TocMismatch,
    ];

    /// The stable name of the code.
    ///
    /// ```
    /// assert_eq!(tigang::Code::LonelyOrdinal.as_str(), "lonely-ordinal");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::NumberingSkip => "numbering-skip",
            Code::NumberingDuplicate => "numbering-duplicate",
            Code::NumberingOrder => "numbering-order",
            Code::NumberingStart => "numbering-start",
            Code::MixedDelimiter => "mixed-delimiter",
            Code::MixedWidth => "mixed-width",
            Code::RedundantDelimiter => "redundant-delimiter",
            Code::LevelOrder => "level-order",
            Code::LonelyOrdinal => "lonely-ordinal",
            Code::TocMismatch => "toc-mismatch",
        }
    }

    /// How serious a finding of this code is. Repeated and backward numbers
    /// are errors (a reader cannot tell which `（三）` a reference means);
    /// other numbering mistakes are warnings; differences of form that do
    /// not change the meaning are `info`.
    ///
    /// ```
    /// use tigang::{Code, Severity};
    /// assert_eq!(Code::NumberingDuplicate.severity(), Severity::Error);
    /// assert_eq!(Code::NumberingSkip.severity(), Severity::Warning);
    /// assert_eq!(Code::MixedWidth.severity(), Severity::Info);
    /// ```
    pub const fn severity(self) -> Severity {
        match self {
            Code::NumberingDuplicate | Code::NumberingOrder => Severity::Error,
            Code::MixedDelimiter | Code::MixedWidth | Code::RedundantDelimiter => Severity::Info,
            _ => Severity::Warning,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Code::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                let all: Vec<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
                format!("unknown code `{s}`; codes are {}", all.join(", "))
            })
    }
}

/// How serious a [`Diagnostic`] is, from `Info` up to `Error`.
///
/// ```
/// use tigang::Severity;
/// assert!(Severity::Error > Severity::Warning && Severity::Warning > Severity::Info);
/// assert_eq!(Severity::Warning.as_str(), "warning");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Severity {
    /// A difference of form; `tigang fmt` fixes it.
    Info,
    /// Most likely a mistake.
    Warning,
    /// A mistake that makes the outline ambiguous.
    Error,
}

impl Severity {
    /// The lowercase name (`info`, `warning`, `error`).
    ///
    /// ```
    /// assert_eq!(tigang::Severity::Info.as_str(), "info");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A suggested fix: the edits `tigang fmt` makes for this finding.
///
/// `span` and `replacement` are the first edit (on the diagnostic's own
/// marker, as a rule); `edits` holds every edit of the fix, that one
/// included, in input order. A duplicate `（三）` renumbers the markers after
/// it too, so its suggestion changes them all.
///
/// ```
/// let doc = tigang::parse("一、甲\n（一）子\n（二）丑\n（二）寅\n（三）卯\n");
/// let d = &tigang::check(&doc)[0];
/// let s = d.suggestion.as_ref().unwrap();
/// assert_eq!(&doc.source()[s.span.range()], "（二）");
/// assert_eq!(s.replacement, "（三）");
/// let all: Vec<_> = s.edits.iter().map(|e| e.replacement.as_str()).collect();
/// assert_eq!(all, ["（三）", "（四）"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Suggestion {
    /// The bytes the first edit replaces (a marker, or a marker and a
    /// doubled delimiter).
    pub span: Span,
    /// What the first edit writes instead.
    pub replacement: String,
    /// Every edit of this fix, in input order; never overlapping the edits
    /// of another diagnostic's suggestion.
    pub edits: Vec<Edit>,
}

/// One finding of [`check`].
///
/// ```
/// use tigang::Lang;
/// let doc = tigang::parse("一、主要做法\n一是抓落实。二是抓督查。四是抓考核。\n");
/// let d = &tigang::check(&doc)[0];
/// assert_eq!(d.code.as_str(), "numbering-skip");
/// assert_eq!(d.severity, tigang::Severity::Warning);
/// assert_eq!(&doc.source()[d.span.range()], "四是");
/// assert_eq!(d.message(Lang::Zh), "“二是”之后是“四是”，缺少“三是”");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// What kind of finding this is.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// 1-based line of the marker.
    pub line: usize,
    /// 1-based column of the marker, in `char`s.
    pub column: usize,
    /// The marker's bytes.
    pub span: Span,
    /// What was found, as facts; [`Diagnostic::message`] puts it in words.
    pub finding: Finding,
    /// The edits that fix this finding, where `fmt` makes any.
    pub suggestion: Option<Suggestion>,
    fix: Fix,
    /// (old text, new text) of each edit of the suggestion, the
    /// diagnostic's own marker first: what the help line lists.
    pairs: Vec<(String, String)>,
}

impl Diagnostic {
    /// What is wrong, in `lang`.
    ///
    /// ```
    /// use tigang::Lang;
    /// let doc = tigang::parse("一、甲\n（一）子\n（二）丑\n（二）寅\n");
    /// let d = &tigang::check(&doc)[0];
    /// assert_eq!(d.message(Lang::Zh), "（二）重复");
    /// assert_eq!(d.message(Lang::ZhHant), "（二）重複");
    /// assert_eq!(d.message(Lang::En), "（二） is followed by another （二）; expected （三）");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        self.finding.message(lang)
    }

    /// What to do, in `lang`: the suggestion in words (with the other
    /// likely fix where there is one), or advice where `fmt` cannot help.
    ///
    /// ```
    /// use tigang::Lang;
    /// let doc = tigang::parse("一、主要做法\n一是抓落实。三是抓督查。四是抓考核。\n");
    /// let d = &tigang::check(&doc)[0];
    /// assert_eq!(
    ///     d.help(Lang::Zh).unwrap(),
    ///     "很可能漏掉了“二是”：请补上；若是有意删去，将“三是”改为“二是”，其后1处依次顺延：四是→三是"
    /// );
    /// ```
    pub fn help(&self, lang: Lang) -> Option<String> {
        let pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        self.finding.help(lang, &self.fix, &pairs)
    }

    /// The diagnostic with its message and help in `lang`, for
    /// serialisation: the JSON of `tigang check --format json`.
    ///
    /// ```
    /// let doc = tigang::parse("一、甲\n三、乙\n");
    /// let d = &tigang::check(&doc)[0];
    /// let json = serde_json::to_value(d.localized(tigang::Lang::Zh)).unwrap();
    /// assert_eq!(json["code"], "numbering-skip");
    /// assert_eq!(json["message"], "“一、”之后是“三、”，缺少“二、”");
    /// ```
    #[cfg(feature = "serde")]
    pub fn localized(&self, lang: Lang) -> Localized<'_> {
        Localized { d: self, lang }
    }
}

/// A [`Diagnostic`] with the language of its message, as it is serialised:
/// `code`, `severity`, `line`, `column`, `message`, `help` (when there is
/// one), `span`, `suggestion` (when there is one).
#[cfg(feature = "serde")]
#[derive(Clone, Copy, Debug)]
pub struct Localized<'d> {
    d: &'d Diagnostic,
    lang: Lang,
}

#[cfg(feature = "serde")]
impl<'d> Localized<'d> {
    /// The finding.
    pub(crate) fn diagnostic(&self) -> &'d Diagnostic {
        self.d
    }

    /// The language of its words.
    pub(crate) fn lang(&self) -> Lang {
        self.lang
    }
}

/// Checks the numbering of `doc`: the headings and the table of contents.
/// Diagnostics come in the order of their markers in the input.
///
/// ```
/// let doc = tigang::parse("一、甲\n一是抓落实。\n二、乙\n");
/// let codes: Vec<_> = tigang::check(&doc).iter().map(|d| d.code.as_str()).collect();
/// assert_eq!(codes, ["lonely-ordinal"]);
/// ```
pub fn check(doc: &Document<'_>) -> Vec<Diagnostic> {
    let plan = Plan::new(doc, Style::Majority);
    let mut found = Vec::new();
    for s in 0..plan.series.len() {
        numbering(&plan, s, &mut found);
        lonely(&plan, s, &mut found);
    }
    forms(&plan, &mut found);
    level_order(&plan.items, &mut found);
    toc_mismatch(&plan, &mut found);
    found.sort_by_key(|f| (f.d.span.start, f.d.code));
    attach(&plan, &mut found);
    found.into_iter().map(|f| f.d).collect()
}

/// The numbering checks of a document read by
/// [`input::read`](crate::input::read): [`check`], less the diagnostics on
/// labels that Word's numbering drew. Nobody typed those, so they cannot
/// be mistyped; typed markers are checked as usual, and in one series with
/// the drawn ones around them (a typed `四、` after drawn `一、二、三、` is
/// the fourth of one series).
///
/// ```
/// let doc = tigang::parse("一、甲\n三、乙\n");
/// let map = tigang::input::SourceMap::default();
/// assert_eq!(tigang::check_source(&doc, &map).len(), 1);
/// ```
pub fn check_source(doc: &Document<'_>, map: &SourceMap) -> Vec<Diagnostic> {
    let mut diags = check(doc);
    if !map.labels().is_empty() {
        diags.retain(|d| !map.is_drawn(d.span));
    }
    diags
}

/// A diagnostic while it is built: the item it is about.
struct Found {
    item: usize,
    d: Diagnostic,
}

fn found(code: Code, it: &Item<'_>, item: usize, finding: Finding) -> Found {
    Found {
        item,
        d: Diagnostic {
            code,
            severity: code.severity(),
            line: it.line,
            column: it.column,
            span: it.marker_span,
            finding,
            suggestion: None,
            fix: Fix::Advice,
            pairs: Vec::new(),
        },
    }
}

/// Whether a code is about the numbers (its diagnostic holds renumbering
/// edits) rather than the form of a marker.
fn about_numbers(code: Code) -> bool {
    matches!(
        code,
        Code::NumberingSkip
            | Code::NumberingDuplicate
            | Code::NumberingOrder
            | Code::NumberingStart
            | Code::TocMismatch
    )
}

/// Hands each edit of the plan to one diagnostic: a renumbered marker's edit
/// to the numbering diagnostic on it, or else to the latest one before it in
/// its series (the break its new number follows from); an edit of form only
/// to the form diagnostic on it.
fn attach(plan: &Plan<'_>, found: &mut [Found]) {
    let mut numbers_at: HashMap<usize, usize> = HashMap::default();
    let mut form_at: HashMap<usize, usize> = HashMap::default();
    for (k, f) in found.iter().enumerate() {
        let slot = if about_numbers(f.d.code) {
            &mut numbers_at
        } else {
            &mut form_at
        };
        slot.entry(f.item).or_insert(k);
    }
    let mut edits: Vec<Vec<(usize, Edit)>> = vec![Vec::new(); found.len()];
    let mut shifted = vec![false; found.len()];
    let mut held = vec![false; plan.items.len()];
    // The diagnostic whose renumbering is in force at the end of each series.
    let mut group_end: Vec<Option<usize>> = vec![None; plan.series.len()];
    let give = |i: usize, holder: usize, edits: &mut [Vec<(usize, Edit)>], held: &mut [bool]| {
        if let Some(c) = &plan.changes[i] {
            edits[holder].push((i, c.edit.clone()));
            held[i] = true;
        }
    };
    for (s, ser) in plan.series.iter().enumerate() {
        let mut current = ser.from.and_then(|p| group_end[p]);
        for &m in &ser.members {
            let Some(c) = &plan.changes[m] else {
                if let Some(&d) = numbers_at.get(&m) {
                    current = Some(d);
                }
                continue;
            };
            let holder = if c.renumbered.is_some() {
                match numbers_at.get(&m) {
                    Some(&d) => {
                        shifted[d] = current.is_some();
                        Some(d)
                    }
                    None => current.or_else(|| form_at.get(&m).copied()),
                }
            } else {
                form_at.get(&m).copied()
            };
            if let Some(h) = holder {
                give(m, h, &mut edits, &mut held);
                if c.renumbered.is_some() {
                    current = Some(h);
                }
            }
        }
        group_end[s] = current;
    }
    // Anything left (not in a series) goes to a diagnostic on its marker.
    for i in 0..plan.items.len() {
        if plan.changes[i].is_some() && !held[i] {
            if let Some(&h) = form_at.get(&i).or_else(|| numbers_at.get(&i)) {
                give(i, h, &mut edits, &mut held);
            }
        }
    }
    for (k, f) in found.iter_mut().enumerate() {
        let mut mine = std::mem::take(&mut edits[k]);
        mine.sort_by_key(|(_, e)| e.span.start);
        if let Some((_, first)) = mine.iter().find(|(i, _)| *i == f.item).or(mine.first()) {
            let (span, replacement) = (first.span, first.replacement.clone());
            // For the help line: the diagnostic's own marker first.
            let own = |(i, _): &(usize, Edit)| *i != f.item;
            let mut shown: Vec<&(usize, Edit)> = mine.iter().collect();
            shown.sort_by_key(|e| own(e));
            f.d.pairs = shown
                .iter()
                .map(|(_, e)| (plan.src[e.span.range()].to_string(), e.replacement.clone()))
                .collect();
            f.d.suggestion = Some(Suggestion {
                span,
                replacement,
                edits: mine.into_iter().map(|(_, e)| e).collect(),
            });
            f.d.fix = Fix::Suggested {
                shifted: shifted[k],
            };
        } else if held[f.item] {
            f.d.fix = Fix::WithAbove;
        } else if about_numbers(f.d.code)
            && plan.series_of[f.item].is_some_and(|s| !plan.renumbers_series(s))
        {
            let s = plan.series_of[f.item].unwrap_or(0);
            let moved = plan.moved_in(s).map(|m| {
                let it = &plan.items[m];
                (it.marker.to_string(), it.line)
            });
            f.d.fix = Fix::Unsafe { moved };
        }
    }
}

/// The marker of `it` with the number `n`, written the way `it` is written.
fn with_number(it: &Item<'_>, n: u32) -> String {
    Shape::of(it.kind, it.marker)
        .and_then(|s| s.renumbered(n))
        .unwrap_or_else(|| n.to_string())
}

/// `it`'s marker numbered `n`, a range (`第十二至十四條`) as one article
/// (`第九條`): what is missing before a range is single articles.
fn single_with_number(it: &Item<'_>, n: u32) -> String {
    if it.last > it.number {
        if let Some(mut shape) = Shape::of(it.kind, it.marker) {
            if let Some(at) = shape.suffix.rfind(['条', '條']) {
                shape.suffix = &shape.suffix[at..];
                if let Some(single) = shape.renumbered(n) {
                    return single;
                }
            }
        }
    }
    with_number(it, n)
}

/// Skipped, repeated and backward numbers and a wrong start in series `s`.
/// A marker is fine when it follows the marker before it as written, or as
/// that marker is renumbered (`一是 一是 三是`: the `三是` is right, the
/// middle one is the mistake).
fn numbering(plan: &Plan<'_>, s: usize, out: &mut Vec<Found>) {
    let items = &plan.items;
    let series = &plan.series[s];
    let members = &series.members;
    let Some(&first) = members.first() else {
        return;
    };
    // Entries that name a heading are checked against it (`toc_mismatch`).
    let linked = |m: usize| plan.links.by_title.contains_key(&m);
    let head = &items[first];
    // A carried-on count starts where it should by construction, and an
    // excerpt where it does.
    let wrong_start = head.number != 1 && series.start == 1;
    if (series.lost_start || wrong_start) && !linked(first) {
        let finding = Finding::Start {
            found: head.marker.to_string(),
            first: with_number(head, 1),
        };
        out.push(found(Code::NumberingStart, head, first, finding));
    }
    for (k, w) in members.windows(2).enumerate() {
        let (prev, cur) = (&items[w[0]], &items[w[1]]);
        if linked(w[1]) {
            continue;
        }
        let follows = |n: u32| n.checked_add(1) == Some(cur.number);
        // After a range (`第二至四条`) the series goes on from its end.
        let width = prev.last.saturating_sub(prev.number);
        if follows(prev.last) || follows(plan.ideal[w[0]].saturating_add(width)) {
            continue;
        }
        let expected = with_number(cur, prev.last.saturating_add(1));
        let (code, finding) = if cur.number == prev.number {
            let f = Finding::Duplicate {
                found: cur.marker.to_string(),
                expected,
            };
            (Code::NumberingDuplicate, f)
        } else if cur.number < prev.number {
            let f = Finding::Order {
                previous: prev.marker.to_string(),
                found: cur.marker.to_string(),
                expected,
            };
            (Code::NumberingOrder, f)
        } else {
            let count = cur.number.saturating_sub(prev.last).saturating_sub(1);
            // Members from this one to the end: what renumbering would change.
            let rest = members.len() - (k + 1);
            let f = Finding::Skip {
                previous: prev.marker.to_string(),
                found: cur.marker.to_string(),
                missing: single_with_number(cur, prev.last.saturating_add(1)),
                last_missing: (count > 1).then(|| single_with_number(cur, cur.number - 1)),
                count,
                lost_likelier: count <= 2 && u32::try_from(rest).is_ok_and(|r| r > count),
            };
            (Code::NumberingSkip, f)
        };
        out.push(found(code, cur, w[1], finding));
    }
}

fn lonely(plan: &Plan<'_>, s: usize, out: &mut Vec<Found>) {
    let [only] = plan.series[s].members[..] else {
        return;
    };
    let it = &plan.items[only];
    if it.kind.is_ordinal() && it.number == 1 && !it.toc {
        let finding = Finding::LonelyOrdinal {
            found: it.marker.to_string(),
            second: with_number(it, 2),
        };
        out.push(found(Code::LonelyOrdinal, it, only, finding));
    }
}

/// Differences of form, where the plan rewrites a marker: a delimiter unlike
/// the others of its kind, half and full width mixed, a doubled delimiter.
fn forms(plan: &Plan<'_>, out: &mut Vec<Found>) {
    for (i, c) in plan.changes.iter().enumerate() {
        let Some(c) = c else { continue };
        let it = &plan.items[i];
        if let Some(d) = c.dropped {
            let finding = Finding::RedundantDelimiter {
                found: it.marker.to_string(),
                doubled: plan.src[d.range()].to_string(),
            };
            out.push(found(Code::RedundantDelimiter, it, i, finding));
        }
        let Some((from, to)) = c.reformed else {
            continue;
        };
        let expected = Shape::of(it.kind, it.marker)
            .and_then(|s| to.write(it.kind, &s, it.number))
            .unwrap_or_else(|| c.edit.replacement.clone());
        let (code, finding) = if from.same_delimiter(to) {
            let f = Finding::MixedWidth {
                found: it.marker.to_string(),
                expected,
            };
            (Code::MixedWidth, f)
        } else {
            let f = Finding::MixedDelimiter {
                found: it.marker.to_string(),
                expected,
            };
            (Code::MixedDelimiter, f)
        };
        out.push(found(code, it, i, finding));
    }
}

fn level_order(items: &[Item<'_>], out: &mut Vec<Found>) {
    // Per sibling list: the innermost rank seen so far (with its item), and
    // the kinds already reported, so an inverted run is reported once.
    // Indexed by parent: 0 for the top, `p + 1` under item `p`.
    let mut seen: Vec<Option<(u16, usize, Vec<MarkerKind>)>> = Vec::new();
    seen.resize_with(items.len() + 1, || None);
    for (i, it) in items.iter().enumerate() {
        // Parts close everything by design; the TOC has no levels of its own.
        if it.toc || it.kind == MarkerKind::Part {
            continue;
        }
        let Some(rank) = it.kind.rank(it.depth) else {
            continue;
        };
        let entry = seen[it.parent.map_or(0, |p| p + 1)].get_or_insert((rank, i, Vec::new()));
        if rank < entry.0 && !entry.2.contains(&it.kind) {
            let inner = &items[entry.1];
            let finding = Finding::LevelOrder {
                found: it.marker.to_string(),
                inner: inner.marker.to_string(),
            };
            entry.2.push(it.kind);
            out.push(found(Code::LevelOrder, it, i, finding));
        } else if rank > entry.0 {
            entry.0 = rank;
            entry.1 = i;
        }
    }
}

fn toc_mismatch(plan: &Plan<'_>, out: &mut Vec<Found>) {
    let items = &plan.items;
    let links = &plan.links;
    if links.entry_of.is_empty() {
        // A list that matches nothing in the body is not this body's TOC.
        return;
    }
    for &t in &links.toc {
        let e = &items[t];
        if let Some(&b) = links.by_title.get(&t) {
            // Numbered otherwise than its heading is, once fixed (or as
            // written, where the heading's series cannot be renumbered).
            let renumbered = plan.changes[t]
                .as_ref()
                .is_some_and(|c| c.renumbered.is_some());
            if plan.ideal[t] != e.number || renumbered {
                let h = &items[b];
                let finding = Finding::TocNumber {
                    entry: e.marker.to_string(),
                    title: e.title.to_string(),
                    heading: h.marker.to_string(),
                    line: h.line,
                };
                out.push(found(Code::TocMismatch, e, t, finding));
            }
        } else if let Some(&b) = links.by_number.get(&t) {
            let h = &items[b];
            let finding = Finding::TocTitle {
                entry: e.marker.to_string(),
                title: e.title.to_string(),
                heading: h.marker.to_string(),
                heading_title: h.title.to_string(),
                line: h.line,
            };
            out.push(found(Code::TocMismatch, e, t, finding));
        }
    }
    // Which (TOC parent, kind) pairs the TOC lists: a heading is expected in
    // the TOC only at a level the TOC covers under its matched parent.
    let covered: HashSet<(Option<usize>, MarkerKind)> = links
        .toc
        .iter()
        .map(|&i| (items[i].parent, items[i].kind))
        .collect();
    for &bi in &links.body {
        if links.entry_of.contains_key(&bi) {
            continue;
        }
        let b = &items[bi];
        let toc_parent = match b.parent {
            None => None,
            Some(p) if Some(p) == b.scope => None,
            Some(p) => match links.entry_of.get(&p) {
                Some(&t) => Some(t),
                None => continue,
            },
        };
        // Unnumbered headings are not expected in a TOC entry by entry (a
        // report's TOC may word its parts otherwise).
        if b.kind.is_numbered() && covered.contains(&(toc_parent, b.kind)) {
            let finding = Finding::TocMissing {
                heading: b.marker.to_string(),
                title: b.title.to_string(),
            };
            out.push(found(Code::TocMismatch, b, bi, finding));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(src: &str) -> Vec<(&'static str, usize)> {
        check(&crate::parse(src))
            .iter()
            .map(|d| (d.code.as_str(), d.line))
            .collect()
    }

    #[test]
    fn clean_outline_has_no_diagnostics() {
        let src = "一、甲\n（一）子\n1.天\n2.地\n（二）丑\n二、乙\n一是抓。二是管。\n";
        assert_eq!(codes(src), []);
    }

    #[test]
    fn numbering_mistakes() {
        let src = "一、甲\n（一）a\n（二）b\n（二）c\n（一）d\n（三）e\n（二）f\n二、乙\n（二）g\n";
        assert_eq!(
            codes(src),
            [
                ("numbering-duplicate", 4),
                ("numbering-skip", 6),
                ("numbering-order", 7),
                ("numbering-start", 9)
            ]
        );
    }

    #[test]
    fn two_ordinal_series_under_one_parent_are_clean() {
        let src = "一、甲\n举措：一是抓。二是管。三是督。\n措施：一是严。二是实。\n";
        assert_eq!(codes(src), []);
    }

    #[test]
    fn articles_count_through_chapters() {
        let src = "第一章　总则\n第一条　甲。\n第二章　附则\n第三条　乙。\n";
        assert_eq!(codes(src), [("numbering-skip", 4)]);
    }

    #[test]
    fn forms() {
        let src = "一、甲\n（一）a\n(二)b\n（三）c\n1.x\n2、y\n3.z\n";
        assert_eq!(codes(src), [("mixed-width", 3), ("mixed-delimiter", 6)]);
        assert_eq!(codes("一、甲\n（一）、a\n"), [("redundant-delimiter", 2)]);
    }

    #[test]
    fn inverted_levels() {
        assert_eq!(codes("（一）甲\n一、乙\n二、丙\n"), [("level-order", 2)]);
    }

    #[test]
    fn toc_against_body() {
        let src = "目录\n一、总体要求\n二、主要任务\n三、保障措施\n正文\n一、总体要求\n要求。\n二、主要任务\n任务。\n三、组织保障\n保障。\n四、附则\n附则。\n";
        let d = check(&crate::parse(src));
        let got: Vec<_> = d.iter().map(|d| (d.code.as_str(), d.line)).collect();
        assert_eq!(got, [("toc-mismatch", 4), ("toc-mismatch", 12)], "{d:#?}");
    }
}
