//! The outline in the editor: document symbols (the Outline view and the
//! breadcrumbs) and folding ranges.
//!
//! Symbols come in document order: the document title, the table of
//! contents with its entries nested by rank, then the heading tree. A
//! heading's range runs from its marker to the end of its last descendant,
//! its selection range over the marker and title; its name is the marker and
//! title as the Markdown rendering writes them (`（一）旅游市场持续回暖`,
//! `第一章 总则`), cut to [`NAME_CHARS`] characters.

use lsp_types::{
    DocumentSymbol, FoldingRange, FoldingRangeKind, Location, SymbolInformation, SymbolKind, Uri,
};

use super::position::LineIndex;
use crate::Lang;
use crate::document::{Document, Node, Span, TocEntry};
use crate::kind::MarkerKind;
use crate::render::label;

/// Longer names are cut (with `…`): a title runs to the first sentence end,
/// and a line with none can be a paragraph long.
pub(crate) const NAME_CHARS: usize = 60;

fn cut(mut name: String) -> String {
    if let Some((at, _)) = name.char_indices().nth(NAME_CHARS) {
        name.truncate(at);
        name.push('…');
    }
    name
}

/// What editors draw beside a symbol: headings as text (like Markdown
/// headings in VS Code), inline points (`一是`, `首先`) as list members.
fn symbol_kind(kind: MarkerKind) -> SymbolKind {
    if kind.is_ordinal() {
        SymbolKind::ENUM_MEMBER
    } else {
        SymbolKind::STRING
    }
}

/// A TOC entry's marker and title, spaced as [`label`] spaces a heading's.
fn entry_label(e: &TocEntry<'_>) -> String {
    let spaced = matches!(
        e.kind,
        MarkerKind::Part
            | MarkerKind::Chapter
            | MarkerKind::Section
            | MarkerKind::Article
            | MarkerKind::Dotted
    ) && e
        .marker
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && !e.title.is_empty();
    let sep = if spaced { " " } else { "" };
    format!("{}{sep}{}", e.marker, e.title)
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written to build one.
fn symbol(
    name: String,
    kind: SymbolKind,
    range: lsp_types::Range,
    selection: lsp_types::Range,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        name: cut(name),
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: (!children.is_empty()).then_some(children),
    }
}

/// The hierarchical outline of `doc`.
pub(crate) fn document_symbols(
    doc: &Document<'_>,
    lines: &LineIndex,
    lang: Lang,
) -> Vec<DocumentSymbol> {
    let src = doc.source();
    let mut out = Vec::new();
    if let Some(t) = &doc.title {
        let r = lines.range(src, t.span);
        out.push(symbol(
            t.text.to_string(),
            SymbolKind::FILE,
            r,
            r,
            Vec::new(),
        ));
    }
    if let Some(toc) = toc_symbol(doc, lines, lang) {
        out.push(toc);
    }
    out.extend(doc.children().map(|h| heading_symbol(h, lines)));
    // The title may follow a table of contents; editors expect order.
    out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    out
}

/// The tree is at most ~25 levels deep (ARCHITECTURE.md, invariants), so
/// recursion is bounded whatever the input.
fn heading_symbol(h: Node<'_, '_>, lines: &LineIndex) -> DocumentSymbol {
    let src = h.document().source();
    let children = h.children().map(|c| heading_symbol(c, lines)).collect();
    let selection = Span::new(h.marker_span.start, h.title_span.end.max(h.marker_span.end));
    symbol(
        label(&h),
        symbol_kind(h.kind),
        lines.range(src, h.span),
        lines.range(src, selection),
        children,
    )
}

fn toc_span(doc: &Document<'_>) -> Option<Span> {
    let first = doc.toc.first()?;
    let start = doc.toc_labels.first().map_or(first.marker_span.start, |l| {
        l.span.start.min(first.marker_span.start)
    });
    let end = doc
        .toc
        .iter()
        .map(|e| e.title_span.end.max(e.marker_span.end))
        .max()?;
    Some(Span::new(start, end))
}

/// The table of contents as one symbol, its entries nested by GB/T 9704
/// rank as the body's headings are (ordinals stay where they are).
fn toc_symbol(doc: &Document<'_>, lines: &LineIndex, lang: Lang) -> Option<DocumentSymbol> {
    let src = doc.source();
    let span = toc_span(doc)?;
    let selection = doc
        .toc_labels
        .first()
        .map_or(doc.toc[0].marker_span, |l| l.span);
    let name = doc.toc_labels.first().map_or_else(
        || lang.pick("Contents", "目录", "目錄").to_string(),
        |l| l.text.to_string(),
    );
    // A stack of (rank, symbol) still open; closing one hands it to its parent.
    let mut open: Vec<(u16, DocumentSymbol)> = Vec::new();
    let mut top: Vec<DocumentSymbol> = Vec::new();
    let close = |open: &mut Vec<(u16, DocumentSymbol)>, top: &mut Vec<DocumentSymbol>| {
        let (_, s) = open.pop().expect("close only what is open");
        match open.last_mut() {
            Some((_, parent)) => parent.children.get_or_insert_with(Vec::new).push(s),
            None => top.push(s),
        }
    };
    for e in &doc.toc {
        let depth = if e.kind == MarkerKind::Dotted {
            e.marker
                .split(['.', '．'])
                .filter(|s| !s.trim().is_empty())
                .count()
        } else {
            1
        };
        let rank = e.kind.rank(depth).unwrap_or(u16::MAX);
        while open.last().is_some_and(|&(r, _)| r >= rank) {
            close(&mut open, &mut top);
        }
        let whole = Span::new(e.marker_span.start, e.title_span.end.max(e.marker_span.end));
        let r = lines.range(src, whole);
        open.push((
            rank,
            symbol(entry_label(e), symbol_kind(e.kind), r, r, Vec::new()),
        ));
    }
    while !open.is_empty() {
        close(&mut open, &mut top);
    }
    // A parent's range must hold its children's.
    fn widen(s: &mut DocumentSymbol) {
        if let Some(kids) = s.children.as_mut() {
            for k in kids.iter_mut() {
                widen(k);
            }
            if let Some(last) = kids.last() {
                s.range.end = s.range.end.max(last.range.end);
            }
        }
    }
    for s in &mut top {
        widen(s);
    }
    Some(symbol(
        name,
        SymbolKind::NAMESPACE,
        lines.range(src, span),
        lines.range(src, selection),
        top,
    ))
}

/// The same outline, flat, for clients without hierarchical symbols: each
/// symbol names its parent in `containerName`.
#[allow(deprecated)] // `SymbolInformation::deprecated` must be written to build one.
pub(crate) fn symbol_information(
    doc: &Document<'_>,
    lines: &LineIndex,
    lang: Lang,
    uri: &Uri,
) -> Vec<SymbolInformation> {
    fn flatten(
        s: DocumentSymbol,
        container: Option<&str>,
        uri: &Uri,
        out: &mut Vec<SymbolInformation>,
    ) {
        out.push(SymbolInformation {
            name: s.name.clone(),
            kind: s.kind,
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), s.range),
            container_name: container.map(str::to_string),
        });
        for c in s.children.unwrap_or_default() {
            flatten(c, Some(&s.name), uri, out);
        }
    }
    let mut out = Vec::new();
    for s in document_symbols(doc, lines, lang) {
        flatten(s, None, uri, &mut out);
    }
    out
}

/// A fold for every heading that spans more than one line (from its marker's
/// line to its last descendant's last line), and one for the table of
/// contents. Folded, a heading shows its marker and title.
pub(crate) fn folding_ranges(doc: &Document<'_>, lines: &LineIndex) -> Vec<FoldingRange> {
    let fold = |span: Span, kind: Option<FoldingRangeKind>, text: Option<String>| {
        let first = lines.line(span.start);
        let last = lines.line(span.end.saturating_sub(1).max(span.start));
        (last > first).then(|| FoldingRange {
            start_line: u32::try_from(first).unwrap_or(u32::MAX),
            start_character: None,
            end_line: u32::try_from(last).unwrap_or(u32::MAX),
            end_character: None,
            kind,
            collapsed_text: text,
        })
    };
    let mut out: Vec<FoldingRange> = toc_span(doc)
        .and_then(|s| fold(s, Some(FoldingRangeKind::Region), None))
        .into_iter()
        .collect();
    out.extend(
        doc.headings()
            .filter_map(|h| fold(h.span, None, Some(cut(label(&h))))),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::position::Encoding;
    use lsp_types::{Position, Range};

    fn names(syms: &[DocumentSymbol], depth: usize, out: &mut Vec<String>) {
        for s in syms {
            out.push(format!("{}{}", "  ".repeat(depth), s.name));
            names(s.children.as_deref().unwrap_or_default(), depth + 1, out);
        }
    }

    fn outline(src: &str) -> Vec<String> {
        let doc = crate::parse(src);
        let lines = LineIndex::new(src, Encoding::Utf16);
        let mut out = Vec::new();
        names(&document_symbols(&doc, &lines, Lang::Zh), 0, &mut out);
        out
    }

    #[test]
    fn title_toc_and_nested_headings() {
        let src = "关于全面加强安全生产工作的意见\n目录\n第一章　总则\n第一节　目的\n第二章　职责\n第一章　总则\n第一节　目的\n第一条　为了加强管理，制定本办法。\n第二章　职责\n第二条　各单位负责。一是明确分工；二是严格考核。\n";
        assert_eq!(
            outline(src),
            [
                "关于全面加强安全生产工作的意见",
                "目录",
                "  第一章 总则",
                "    第一节 目的",
                "  第二章 职责",
                "第一章 总则",
                "  第一节 目的",
                "    第一条 为了加强管理，制定本办法",
                "第二章 职责",
                "  第二条 各单位负责",
                "    一是明确分工",
                "    二是严格考核",
            ]
        );
    }

    #[test]
    fn ranges_hold_their_children_and_count_utf16() {
        let src = "一、𠀀甲\n（一）子\n正文。\n二、乙\n";
        let doc = crate::parse(src);
        let lines = LineIndex::new(src, Encoding::Utf16);
        let syms = document_symbols(&doc, &lines, Lang::En);
        let first = &syms[0];
        assert_eq!(first.name, "一、𠀀甲");
        assert_eq!(
            first.selection_range,
            Range::new(Position::new(0, 0), Position::new(0, 5))
        );
        assert_eq!(first.range.start, Position::new(0, 0));
        assert_eq!(first.range.end, Position::new(2, 3));
        let kid = &first.children.as_ref().unwrap()[0];
        assert!(kid.range.start >= first.range.start && kid.range.end <= first.range.end);
    }

    #[test]
    fn long_titles_are_cut() {
        let long = "长".repeat(100);
        let src = format!("一、{long}\n二、乙\n");
        let names = outline(&src);
        assert_eq!(names[0].chars().count(), NAME_CHARS + 1);
        assert!(names[0].ends_with('…'));
    }

    #[test]
    fn flat_symbols_name_their_container() {
        let src = "一、甲\n（一）子\n";
        let doc = crate::parse(src);
        let lines = LineIndex::new(src, Encoding::Utf16);
        let uri: Uri = "file:///a.txt".parse().unwrap();
        let flat = symbol_information(&doc, &lines, Lang::En, &uri);
        assert_eq!(flat.len(), 2);
        assert_eq!(flat[1].container_name.as_deref(), Some("一、甲"));
    }

    #[test]
    fn folds_span_headings_of_more_than_one_line() {
        let src = "一、甲\n正文一。\n正文二。\n二、乙。一是丙。二是丁。\n三、戊\r\n正文。\r\n";
        let doc = crate::parse(src);
        let lines = LineIndex::new(src, Encoding::Utf16);
        let folds: Vec<_> = folding_ranges(&doc, &lines)
            .iter()
            .map(|f| (f.start_line, f.end_line, f.collapsed_text.clone().unwrap()))
            .collect();
        assert_eq!(
            folds,
            [(0, 2, "一、甲".to_string()), (4, 5, "三、戊".to_string())]
        );
    }
}
