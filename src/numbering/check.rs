//! Numbering checks: skipped, repeated and backward numbers, mixed forms,
//! inverted levels, lonely ordinals and a table of contents that disagrees
//! with the body.
//!
//! [`check`] (also [`Document::diagnostics`](crate::Document::diagnostics))
//! returns [`Diagnostic`]s, each with a stable [`Code`], a [`Severity`], the
//! marker's span, line and column, a message, and where one exists a
//! [`Suggestion`]: the text that should replace a span of the input.
//!
//! Series are counted as the `series` module describes: per parent and kind,
//! articles straight through a regulation, a `1` opening a new series, each
//! part (`【篇N】`) on its own.
//!
//! ```
//! let doc = tigang::parse("一、甲\n（一）子\n（二）丑\n（五）寅\n");
//! let d = &tigang::check(&doc)[0];
//! assert_eq!(d.code, tigang::Code::NumberingSkip);
//! assert_eq!(d.message, "（二） is followed by （五）; expected （三）");
//! assert_eq!((d.line, d.column), (4, 1));
//! assert_eq!(d.suggestion.as_ref().unwrap().replacement, "（三）");
//! ```

use foldhash::{HashMap, HashSet};
use serde::Serialize;

use super::form::{self, Form, Shape, majority};
use super::series::{self, Item};
use crate::document::{Document, Span};
use crate::kind::MarkerKind;

/// What a [`Diagnostic`] is about. The kebab-case name (`numbering-skip`) is
/// stable: it is the JSON `code` and what `tigang check --allow` takes.
///
/// ```
/// use tigang::Code;
/// assert_eq!(Code::NumberingSkip.as_str(), "numbering-skip");
/// assert_eq!("mixed-width".parse::<Code>(), Ok(Code::MixedWidth));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
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

/// A suggested fix: replace the input at `span` with `replacement`.
///
/// ```
/// let doc = tigang::parse("一、甲\n（一）、乙\n");
/// let d = &tigang::check(&doc)[0];
/// let s = d.suggestion.as_ref().unwrap();
/// assert_eq!(&doc.source()[s.span.range()], "（一）、");
/// assert_eq!(s.replacement, "（一）");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Suggestion {
    /// The bytes to replace (the marker, or the marker and a doubled delimiter).
    pub span: Span,
    /// What to write instead.
    pub replacement: String,
}

/// One finding of [`check`].
///
/// ```
/// let doc = tigang::parse("一、主要做法\n一是抓落实。二是抓督查。四是抓考核。\n");
/// let d = &tigang::check(&doc)[0];
/// assert_eq!(d.code.as_str(), "numbering-skip");
/// assert_eq!(d.severity, tigang::Severity::Warning);
/// assert_eq!(&doc.source()[d.span.range()], "四是");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    /// What is wrong and what was expected.
    pub message: String,
    /// The marker's bytes.
    pub span: Span,
    /// A replacement that fixes this finding, where one exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Suggestion>,
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
    let items = series::items(doc);
    let all = series::series(&items);
    let forms = forms(&items);
    let mut out = Vec::new();
    for s in &all {
        numbering(&items, s, &mut out);
        lonely(&items, &s.members, &mut out);
        delimiters(doc.source(), &items, &forms, &s.members, &mut out);
    }
    widths(&items, &forms, &mut out);
    redundant(doc.source(), &items, &mut out);
    level_order(&items, &mut out);
    toc_mismatch(&items, &mut out);
    out.sort_by_key(|d| (d.span.start, d.code));
    out
}

fn diag(code: Code, it: &Item<'_>, message: String, suggestion: Option<Suggestion>) -> Diagnostic {
    Diagnostic {
        code,
        severity: code.severity(),
        line: it.line,
        column: it.column,
        message,
        span: it.marker_span,
        suggestion,
    }
}

/// The marker of `it` with the number `n`, written the way `it` is written.
fn with_number(it: &Item<'_>, n: u32) -> Option<String> {
    Shape::of(it.kind, it.marker)?.renumbered(n)
}

fn renumber_suggestion(it: &Item<'_>, n: u32) -> (String, Option<Suggestion>) {
    match with_number(it, n) {
        Some(m) => (
            m.clone(),
            Some(Suggestion {
                span: it.marker_span,
                replacement: m,
            }),
        ),
        None => (format!("number {n}"), None),
    }
}

fn numbering(items: &[Item<'_>], series: &series::Series, out: &mut Vec<Diagnostic>) {
    let s = &series.members;
    let Some(&first) = s.first() else { return };
    let head = &items[first];
    // A carried-on count (start > 1) starts where it should by construction.
    // Articles that start above 1 are an excerpt of a code (the parser takes
    // them only as a run in order), not a lost 第一条.
    if head.number != 1 && series.start == 1 && head.kind != MarkerKind::Article {
        let (expected, sugg) = renumber_suggestion(head, 1);
        let msg = format!("this series starts at {}; expected {expected}", head.marker);
        out.push(diag(Code::NumberingStart, head, msg, sugg));
    }
    for w in s.windows(2) {
        let (prev, cur) = (&items[w[0]], &items[w[1]]);
        // After a range (`第二至四条`) the series goes on from its end.
        let next = prev.last.saturating_add(1);
        let code = if cur.number == prev.number {
            Code::NumberingDuplicate
        } else if cur.number < prev.number {
            Code::NumberingOrder
        } else if cur.number > next {
            Code::NumberingSkip
        } else {
            continue;
        };
        let (expected, sugg) = renumber_suggestion(cur, next);
        let msg = match code {
            Code::NumberingDuplicate => format!(
                "{} is followed by another {}; expected {expected}",
                prev.marker, cur.marker
            ),
            Code::NumberingOrder => format!(
                "{} is followed by {}, which goes backwards; expected {expected}",
                prev.marker, cur.marker
            ),
            _ => format!(
                "{} is followed by {}; expected {expected}",
                prev.marker, cur.marker
            ),
        };
        out.push(diag(code, cur, msg, sugg));
    }
}

fn lonely(items: &[Item<'_>], s: &[usize], out: &mut Vec<Diagnostic>) {
    let [only] = s else { return };
    let it = &items[*only];
    let ordinal = matches!(
        it.kind,
        MarkerKind::OrdinalShi | MarkerKind::OrdinalYao | MarkerKind::OrdinalDi
    );
    if ordinal && it.number == 1 {
        let second = with_number(it, 2).unwrap_or_else(|| "a second point".into());
        let msg = format!("{} is not followed by {second}", it.marker);
        out.push(diag(Code::LonelyOrdinal, it, msg, None));
    }
}

/// The form of each item's marker: None for kinds without a style
/// ([`form::has_style`]) and markers [`Form::of`] cannot read.
///
/// A marker's form depends only on its kind and text, and a document repeats
/// a few dozen distinct markers (`（一）` … `（九）`, `1.` … `12.`), so each
/// distinct marker is taken apart once.
fn forms(items: &[Item<'_>]) -> Vec<Option<Form>> {
    let mut memo: HashMap<(MarkerKind, &str), Option<Form>> = HashMap::default();
    items
        .iter()
        .map(|it| {
            if !form::has_style(it.kind) {
                return None;
            }
            *memo.entry((it.kind, it.marker)).or_insert_with(|| {
                Shape::of(it.kind, it.marker).and_then(|s| Form::of(it.kind, &s))
            })
        })
        .collect()
}

/// The marker of `it` rewritten in the form `to`, as a suggestion.
fn rewrite(it: &Item<'_>, to: Form) -> Option<Suggestion> {
    let shape = Shape::of(it.kind, it.marker)?;
    to.write(it.kind, &shape, it.number).map(|m| Suggestion {
        span: it.marker_span,
        replacement: m,
    })
}

fn delimiters(
    src: &str,
    items: &[Item<'_>],
    forms: &[Option<Form>],
    s: &[usize],
    out: &mut Vec<Diagnostic>,
) {
    if s.len() < 2 || !form::has_style(items[s[0]].kind) {
        return;
    }
    // A sibling that cannot take a full stop (`一、5万人次`) makes a mixed
    // series something to reword, not to renumber; `fmt` leaves it too.
    let pinned = s.iter().any(|&i| {
        forms[i].is_some_and(|f| {
            let next = src
                .get(items[i].marker_span.end..)
                .and_then(|t| t.chars().next());
            form::pinned(f.close, next)
        })
    });
    if pinned {
        return;
    }
    let kind = items[s[0]].kind;
    let Some(major) = majority(kind, s.iter().filter_map(|&i| forms[i])) else {
        return;
    };
    for &i in s {
        let Some(form) = forms[i] else { continue };
        if !form.same_delimiter(major) {
            let it = &items[i];
            let sugg = rewrite(it, major);
            let expected = sugg.as_ref().map_or("", |s| s.replacement.as_str());
            let msg = format!(
                "{} is delimited differently from its siblings; expected {expected}",
                it.marker
            );
            out.push(diag(Code::MixedDelimiter, it, msg, sugg));
        }
    }
}

fn widths(items: &[Item<'_>], forms: &[Option<Form>], out: &mut Vec<Diagnostic>) {
    // Groups of one kind in one scope, in the order of their first marker.
    let mut index: HashMap<(Option<usize>, MarkerKind), usize> = HashMap::default();
    let mut groups: Vec<(MarkerKind, Vec<usize>)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        // Markers without a form neither count nor are reported.
        if forms[i].is_none() {
            continue;
        }
        let g = *index.entry((it.scope, it.kind)).or_insert_with(|| {
            groups.push((it.kind, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(i);
    }
    for (kind, members) in &groups {
        let Some(major) = majority(*kind, members.iter().filter_map(|&i| forms[i])) else {
            continue;
        };
        for &i in members {
            let Some(form) = forms[i] else { continue };
            if form.differs_in_width(major) {
                let it = &items[i];
                let sugg = rewrite(it, major);
                let expected = sugg.as_ref().map_or("", |s| s.replacement.as_str());
                let msg = format!(
                    "{} mixes half and full width with the rest of the document; expected {expected}",
                    it.marker
                );
                out.push(diag(Code::MixedWidth, it, msg, sugg));
            }
        }
    }
}

/// The delimiters the parser skips after a marker (`（四）、`, spec §4).
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

fn redundant(src: &str, items: &[Item<'_>], out: &mut Vec<Diagnostic>) {
    let starts = marker_starts(items);
    for it in items {
        let Some(extra) = doubled_delimiter(src, it, &starts) else {
            continue;
        };
        let doubled = &src[extra.range()];
        let msg = format!(
            "{} is followed by a second delimiter {doubled}; expected {}",
            it.marker, it.marker
        );
        let sugg = Suggestion {
            span: Span::new(it.marker_span.start, extra.end),
            replacement: it.marker.to_string(),
        };
        out.push(diag(Code::RedundantDelimiter, it, msg, Some(sugg)));
    }
}

/// Where markers start, sorted (rather than hashed: markers come almost in
/// input order already).
pub(crate) fn marker_starts(items: &[Item<'_>]) -> Vec<usize> {
    let mut starts: Vec<usize> = items.iter().map(|it| it.marker_span.start).collect();
    starts.sort_unstable();
    starts
}

fn level_order(items: &[Item<'_>], out: &mut Vec<Diagnostic>) {
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
            let msg = format!(
                "{} comes after {} at the same level; GB/T 9704 puts {} above {}",
                it.marker, inner.marker, it.marker, inner.marker
            );
            entry.2.push(it.kind);
            out.push(diag(Code::LevelOrder, it, msg, None));
        } else if rank > entry.0 {
            entry.0 = rank;
            entry.1 = i;
        }
    }
}

/// A title reduced to what must agree between the TOC and the body: letters
/// and digits, full-width forms folded, no spaces or punctuation.
fn normalised(title: &str) -> String {
    title
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Same title: equal, or one a prefix of the other (hard wraps and
/// shortened TOC entries) when the shorter still says something.
fn same_title(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && (short == long || (short.chars().count() >= 4 && long.starts_with(short)))
}

/// How far ahead in the body a TOC entry's heading is looked for.
const TOC_WINDOW: usize = 8;

fn toc_mismatch(items: &[Item<'_>], out: &mut Vec<Diagnostic>) {
    let toc: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].toc && !items[i].kind.is_ordinal())
        .collect();
    let Some(&first) = toc.first() else { return };
    let scope = items[first].scope;
    let toc_end = toc
        .iter()
        .map(|&i| items[i].marker_span.end)
        .max()
        .unwrap_or(0);
    let kinds: HashSet<MarkerKind> = toc.iter().map(|&i| items[i].kind).collect();
    let body: Vec<usize> = (0..items.len())
        .filter(|&i| {
            let it = &items[i];
            !it.toc
                && it.scope == scope
                && kinds.contains(&it.kind)
                && it.marker_span.start >= toc_end
        })
        .collect();
    // Normalised when first compared: only the headings within the window of
    // some entry ever are, not the whole body.
    let mut body_titles: Vec<Option<String>> = vec![None; body.len()];
    // body item index -> TOC item index
    let mut matched: HashMap<usize, usize> = HashMap::default();
    let mut p = 0;
    for &t in &toc {
        let e = &items[t];
        let title = normalised(e.title);
        let end = body.len().min(p + TOC_WINDOW);
        let found = (p..end).find(|&j| {
            let b = &items[body[j]];
            b.kind == e.kind
                && same_title(
                    &title,
                    body_titles[j].get_or_insert_with(|| normalised(b.title)),
                )
        });
        if let Some(j) = found {
            let b = &items[body[j]];
            if b.number != e.number {
                let msg = format!(
                    "the table of contents numbers this heading {}; the body has {} at line {}",
                    e.marker, b.marker, b.line
                );
                let sugg = with_number(e, b.number).map(|m| Suggestion {
                    span: e.marker_span,
                    replacement: m,
                });
                out.push(diag(Code::TocMismatch, e, msg, sugg));
            }
            matched.insert(body[j], t);
            p = j + 1;
        } else if let Some(&bi) = body.get(p) {
            let b = &items[bi];
            // Entries without a number (`前言`) match by title only.
            if b.kind == e.kind && e.kind.is_numbered() && b.number == e.number {
                let msg = format!(
                    "the table of contents has {} {}; the body has {} {} at line {}",
                    e.marker, e.title, b.marker, b.title, b.line
                );
                out.push(diag(Code::TocMismatch, e, msg, None));
                matched.insert(bi, t);
                p += 1;
            }
        }
    }
    if matched.is_empty() {
        // A list that matches nothing in the body is not this body's TOC.
        return;
    }
    // Which (TOC parent, kind) pairs the TOC lists: a heading is expected in
    // the TOC only at a level the TOC covers under its matched parent.
    let covered: HashSet<(Option<usize>, MarkerKind)> = toc
        .iter()
        .map(|&i| (items[i].parent, items[i].kind))
        .collect();
    for &bi in &body {
        if matched.contains_key(&bi) {
            continue;
        }
        let b = &items[bi];
        let toc_parent = match b.parent {
            None => None,
            Some(p) if Some(p) == b.scope => None,
            Some(p) => match matched.get(&p) {
                Some(&t) => Some(t),
                None => continue,
            },
        };
        // Unnumbered headings are not expected in a TOC entry by entry
        // (a report's TOC may word its parts differently).
        if b.kind.is_numbered() && covered.contains(&(toc_parent, b.kind)) {
            let msg = format!(
                "{} {} is missing from the table of contents",
                b.marker, b.title
            );
            out.push(diag(Code::TocMismatch, b, msg, None));
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
