//! Fixes in the editor: formatting (= `tigang fmt`) and code actions.
//!
//! Every edit is one of [`fmt::edits`](crate::fmt::edits) or a diagnostic's
//! own suggestion, so the editor writes exactly what `tigang fmt` would:
//!
//! - **replace** (quick fix): a diagnostic's suggestion, one marker;
//! - **renumber this series** (quick fix, preferred): fmt's edits to the
//!   markers of the series the diagnostic's marker is in;
//! - **fix all numbering** (`source.fixAll`, for a save action too): all of
//!   fmt's edits.
//!
//! A series is what the checks count (`numbering::series`): markers of one
//! kind under one parent (dotted ones of one depth; articles through the
//! whole part), a marker numbered 1 opening a new one. Renumbering part of a
//! document is verified before it is offered ([`fmt::verify`]), as fmt
//! verifies the whole: an action that would change the outline is not
//! offered.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use super::config::Settings;
use super::diagnostics::{covered, to_lsp};
use super::position::LineIndex;
use crate::Lang;
use crate::document::{Document, Node, Span};
use crate::fmt::{self, Edit};
use crate::kind::MarkerKind;
use crate::numbering::check::{Code, Diagnostic, check};

/// The document an action edits.
pub(crate) struct Target<'a> {
    pub uri: &'a Uri,
    pub version: i32,
    /// Send `documentChanges` with the version (the client refuses an edit
    /// made for another version) rather than plain `changes`.
    pub document_changes: bool,
}

/// `textDocument/formatting`: fmt's edits, marker by marker (not one edit
/// replacing the text, so the cursor and folds stay where they are).
pub(crate) fn formatting(
    doc: &Document<'_>,
    lines: &LineIndex,
    style: fmt::Style,
) -> Vec<TextEdit> {
    text_edits(doc.source(), lines, &fmt::edits(doc, style))
}

fn text_edits(src: &str, lines: &LineIndex, edits: &[Edit]) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit::new(lines.range(src, e.span), e.replacement.clone()))
        .collect()
}

/// What every action of one request shares: the document, how its byte
/// spans become LSP ranges, where the edits go, and the language of titles.
struct Context<'a> {
    doc: &'a Document<'a>,
    lines: &'a LineIndex,
    target: &'a Target<'a>,
    lang: Lang,
}

/// One code action before it is an LSP one.
struct Offer<'a> {
    title: String,
    kind: CodeActionKind,
    /// The diagnostic it fixes (none for "fix all").
    diag: Option<&'a lsp_types::Diagnostic>,
    /// The quick fix an editor applies on its own (`isPreferred`).
    preferred: bool,
    edits: &'a [Edit],
}

/// `textDocument/codeAction` for the bytes `range` (a cursor is an empty
/// range), keeping only kinds under `only` when the client names some.
pub(crate) fn code_actions(
    doc: &Document<'_>,
    lines: &LineIndex,
    settings: &Settings,
    target: &Target<'_>,
    range: Span,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let cx = Context {
        doc,
        lines,
        target,
        lang: settings.lang.for_text(doc.source()),
    };
    let all = fmt::edits(doc, settings.style);
    let mut out = Vec::new();
    let mut series_done: Vec<usize> = Vec::new();
    for d in check(doc) {
        let at = covered(&d);
        if at.start > range.end || range.start > at.end {
            continue;
        }
        let series_edits = series_fix(doc, &d, &all, &mut series_done);
        out.extend(diagnostic_actions(&cx, &d, &series_edits));
    }
    if !all.is_empty() {
        out.push(fix_all(&cx, &all));
    }
    if let Some(only) = only {
        out.retain(|a| match a {
            CodeActionOrCommand::CodeAction(a) => a.kind.as_ref().is_some_and(|k| wanted(k, only)),
            CodeActionOrCommand::Command(_) => false,
        });
    }
    out
}

/// fmt's edits (out of `all`) to the series of the marker a numbering
/// diagnostic `d` is on; empty for other diagnostics, for a series offered
/// already (`series_done`, first markers) and for edits that would change
/// the outline.
fn series_fix(
    doc: &Document<'_>,
    d: &Diagnostic,
    all: &[Edit],
    series_done: &mut Vec<usize>,
) -> Vec<Edit> {
    if !matches!(
        d.code,
        Code::NumberingSkip
            | Code::NumberingDuplicate
            | Code::NumberingOrder
            | Code::NumberingStart
    ) {
        return Vec::new();
    }
    let Some(markers) = series_of(doc, d.span.start) else {
        return Vec::new();
    };
    let first = markers[0];
    let mut series_edits: Vec<Edit> = all
        .iter()
        .filter(|e| markers.binary_search(&e.span.start).is_ok())
        .cloned()
        .collect();
    if series_done.contains(&first) || fmt::verify(doc, &series_edits).is_err() {
        series_edits.clear();
    }
    series_done.push(first);
    series_edits
}

/// The quick fixes of one diagnostic: its own fix, then renumbering its
/// series (`series_edits`, when there are any).
fn diagnostic_actions(
    cx: &Context<'_>,
    d: &Diagnostic,
    series_edits: &[Edit],
) -> Vec<CodeActionOrCommand> {
    let src = cx.doc.source();
    let diag = to_lsp(src, cx.lines, d, cx.lang);
    let mut out = Vec::new();
    // The diagnostic's own fix: its marker and the markers after it
    // that must move with it. Offered once when it is the series'.
    if let Some(s) = d.suggestion.as_ref().filter(|s| s.edits != series_edits) {
        let (old, new) = (&src[s.span.range()], &s.replacement);
        let title = replace_title(cx.lang, old, new, s.edits.len().saturating_sub(1));
        let edits = if s.edits.is_empty() {
            vec![Edit::new(s.span, s.replacement.clone())]
        } else {
            s.edits.clone()
        };
        // A part of fmt's fix can change the outline where the whole
        // does not (`（三）甲 一、甲 （三）甲`: the first renumbered
        // alone); such a fix is left to "fix all".
        if fmt::verify(cx.doc, &edits).is_ok() {
            out.push(cx.action(Offer {
                title,
                kind: CodeActionKind::QUICKFIX,
                diag: Some(&diag),
                preferred: false,
                edits: &edits,
            }));
        }
    }
    if !series_edits.is_empty() {
        let n = series_edits.len();
        let title = match cx.lang {
            Lang::En => format!("Renumber this series ({n} {})", changes(n)),
            Lang::Zh => format!("重新编号这一组（{n} 处）"),
            Lang::ZhHant => format!("重新編號這一組（{n} 處）"),
        };
        out.push(cx.action(Offer {
            title,
            kind: CodeActionKind::QUICKFIX,
            diag: Some(&diag),
            preferred: true,
            edits: series_edits,
        }));
    }
    out
}

/// The title of a diagnostic's own fix: `old` becomes `new`, and `more`
/// markers after it are renumbered.
fn replace_title(lang: Lang, old: &str, new: &str, more: usize) -> String {
    match (lang, more) {
        (Lang::En, 0) => format!("Replace {old} with {new}"),
        (Lang::En, n) => format!("Replace {old} with {new} and renumber {n} after it"),
        (Lang::Zh, 0) => format!("将“{old}”改为“{new}”"),
        (Lang::Zh, n) => format!("将“{old}”改为“{new}”，其后{n}处依次顺延"),
        (Lang::ZhHant, 0) => format!("將“{old}”改為“{new}”"),
        (Lang::ZhHant, n) => format!("將“{old}”改為“{new}”，其後{n}處依次順延"),
    }
}

/// `source.fixAll`: all of fmt's edits.
fn fix_all(cx: &Context<'_>, all: &[Edit]) -> CodeActionOrCommand {
    let n = all.len();
    let title = match cx.lang {
        Lang::En => format!("Fix all numbering ({n} {})", changes(n)),
        Lang::Zh => format!("修正全部编号（{n} 处）"),
        Lang::ZhHant => format!("修正全部編號（{n} 處）"),
    };
    cx.action(Offer {
        title,
        kind: CodeActionKind::SOURCE_FIX_ALL,
        diag: None,
        preferred: false,
        edits: all,
    })
}

fn changes(n: usize) -> &'static str {
    if n == 1 { "change" } else { "changes" }
}

/// Whether `kind` is one of `only` or below one of them (`source.fixAll`
/// is under `source`).
fn wanted(kind: &CodeActionKind, only: &[CodeActionKind]) -> bool {
    let k = kind.as_str();
    only.iter().any(|o| {
        let o = o.as_str();
        k == o || (k.starts_with(o) && k.as_bytes().get(o.len()) == Some(&b'.'))
    })
}

impl Context<'_> {
    /// The LSP code action of `offer`, its edits for this document.
    fn action(&self, offer: Offer<'_>) -> CodeActionOrCommand {
        let edits = text_edits(self.doc.source(), self.lines, offer.edits);
        CodeActionOrCommand::CodeAction(CodeAction {
            title: offer.title,
            kind: Some(offer.kind),
            diagnostics: offer.diag.map(|d| vec![d.clone()]),
            edit: Some(workspace_edit(self.target, edits)),
            is_preferred: offer.preferred.then_some(true),
            ..Default::default()
        })
    }
}

fn workspace_edit(target: &Target<'_>, edits: Vec<TextEdit>) -> WorkspaceEdit {
    if target.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: target.uri.clone(),
                    version: Some(target.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(target.uri.clone(), edits)])),
            ..Default::default()
        }
    }
}

/// The marker starts of the series whose marker starts at byte `at`, in
/// document order; `None` when no marker starts there.
pub(crate) fn series_of(doc: &Document<'_>, at: usize) -> Option<Vec<usize>> {
    if let Some(h) = doc.headings().find(|h| h.marker_span.start == at) {
        let key = heading_key(h);
        let members = doc
            .headings()
            .filter(|m| heading_key(*m) == key)
            .map(|m| (m.marker_span.start, m.number));
        return Some(run_of(members, at));
    }
    let e = doc.toc.iter().find(|e| e.marker_span.start == at)?;
    let key = (e.kind, dotted_depth(e.kind, e.marker));
    let members = doc
        .toc
        .iter()
        .filter(|m| (m.kind, dotted_depth(m.kind, m.marker)) == key)
        .map(|m| (m.marker_span.start, m.number));
    Some(run_of(members, at))
}

/// The run of `members` (start, number) holding `at`, where a number 1
/// opens a new run (an unnumbered marker opens none).
fn run_of(members: impl Iterator<Item = (usize, Option<u32>)>, at: usize) -> Vec<usize> {
    let mut run = Vec::new();
    let mut found = false;
    for (start, number) in members {
        if number == Some(1) && !run.is_empty() {
            if found {
                break;
            }
            run.clear();
        }
        run.push(start);
        found |= start == at;
    }
    run
}

/// What puts a heading into a series: its part, its parent (none for
/// articles, counted through the part), kind and dotted depth.
fn heading_key(h: Node<'_, '_>) -> (Option<usize>, Option<usize>, MarkerKind, usize) {
    let part = h
        .ancestors()
        .find(|a| a.kind == MarkerKind::Part && a.parent().is_none())
        .map(|a| a.index());
    let parent = if h.kind == MarkerKind::Article {
        None
    } else {
        h.parent().map(|p| p.index())
    };
    (part, parent, h.kind, h.path().len())
}

fn dotted_depth(kind: MarkerKind, marker: &str) -> usize {
    if kind == MarkerKind::Dotted {
        marker
            .split(['.', '．'])
            .filter(|s| !s.trim().is_empty())
            .count()
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::config::DEFAULT_DEBOUNCE;
    use crate::lsp::position::Encoding;
    use proptest::prelude::*;

    fn settings(lang: Lang) -> Settings {
        Settings {
            lang,
            style: fmt::Style::Majority,
            debounce: DEFAULT_DEBOUNCE,
        }
    }

    /// Applies LSP text edits the way a client does: by position, from the
    /// last to the first.
    fn apply_lsp(src: &str, lines: &LineIndex, edits: &[TextEdit]) -> String {
        let mut spans: Vec<(usize, usize, &str)> = edits
            .iter()
            .map(|e| {
                (
                    lines.offset(src, e.range.start),
                    lines.offset(src, e.range.end),
                    e.new_text.as_str(),
                )
            })
            .collect();
        spans.sort();
        let mut out = src.to_string();
        for (s, e, t) in spans.into_iter().rev() {
            out.replace_range(s..e, t);
        }
        out
    }

    // `Uri` caches its parts inside (fluent-uri), which never changes its
    // hash; lsp-types keys `WorkspaceEdit::changes` by it.
    #[allow(clippy::mutable_key_type)]
    fn edits_of(a: &CodeActionOrCommand) -> (&str, Vec<TextEdit>) {
        let CodeActionOrCommand::CodeAction(a) = a else {
            panic!("a command")
        };
        let changes = a.edit.as_ref().unwrap().changes.as_ref().unwrap();
        (a.title.as_str(), changes.values().next().unwrap().clone())
    }

    fn actions(src: &str, at: &str, lang: Lang) -> Vec<CodeActionOrCommand> {
        let doc = crate::parse(src);
        let lines = LineIndex::new(src, Encoding::Utf16);
        let uri: Uri = "file:///t.txt".parse().unwrap();
        let target = Target {
            uri: &uri,
            version: 1,
            document_changes: false,
        };
        let start = src.find(at).unwrap();
        code_actions(
            &doc,
            &lines,
            &settings(lang),
            &target,
            Span::new(start, start),
            None,
        )
    }

    const SRC: &str =
        "一、甲\n（一）子\n（二）丑\n（五）寅\n（六）卯\n二、乙\n（一）辰\n（三）巳\n";

    #[test]
    fn renumber_this_series_changes_only_that_series() {
        let got = actions(SRC, "（五）", Lang::En);
        let titles: Vec<_> = got.iter().map(|a| edits_of(a).0).collect();
        // check's own fix is the series' renumbering: offered once.
        assert_eq!(
            titles,
            [
                "Renumber this series (2 changes)",
                "Fix all numbering (3 changes)"
            ]
        );
        let lines = LineIndex::new(SRC, Encoding::Utf16);
        let series = apply_lsp(SRC, &lines, &edits_of(&got[0]).1);
        assert_eq!(
            series,
            SRC.replace("（五）", "（三）").replace("（六）", "（四）")
        );
        let all = apply_lsp(SRC, &lines, &edits_of(&got[1]).1);
        assert_eq!(all, fmt::format(SRC, fmt::Style::Majority));
    }

    #[test]
    fn chinese_titles_and_one_change_offered_once() {
        let got = actions(SRC, "（三）巳", Lang::Zh);
        let titles: Vec<_> = got.iter().map(|a| edits_of(a).0).collect();
        // Renumbering the second series is the one replacement: offered once.
        assert_eq!(titles, ["重新编号这一组（1 处）", "修正全部编号（3 处）"]);
    }

    #[test]
    fn only_filters_by_kind_prefix() {
        let doc = crate::parse(SRC);
        let lines = LineIndex::new(SRC, Encoding::Utf16);
        let uri: Uri = "file:///t.txt".parse().unwrap();
        let target = Target {
            uri: &uri,
            version: 3,
            document_changes: true,
        };
        let at = SRC.find("（五）").unwrap();
        let only = [CodeActionKind::SOURCE];
        let got = code_actions(
            &doc,
            &lines,
            &settings(Lang::En),
            &target,
            Span::new(at, at),
            Some(&only),
        );
        assert_eq!(got.len(), 1);
        let CodeActionOrCommand::CodeAction(a) = &got[0] else {
            panic!()
        };
        assert_eq!(a.kind, Some(CodeActionKind::SOURCE_FIX_ALL));
        let Some(DocumentChanges::Edits(e)) = &a.edit.as_ref().unwrap().document_changes else {
            panic!("versioned edits")
        };
        assert_eq!(e[0].text_document.version, Some(3));
        let only = [CodeActionKind::REFACTOR];
        assert!(
            code_actions(
                &doc,
                &lines,
                &settings(Lang::En),
                &target,
                Span::new(at, at),
                Some(&only)
            )
            .is_empty()
        );
    }

    #[test]
    fn series_follow_the_checks_rules() {
        let src = "第一章　总则\n第一条　甲。\n第二章　附则\n第三条　乙。\n第五条　丙。\n";
        let doc = crate::parse(src);
        let at = src.find("第三条").unwrap();
        let got = series_of(&doc, at).unwrap();
        assert_eq!(
            got,
            [src.find("第一条").unwrap(), at, src.find("第五条").unwrap()]
        );
        // Points listed anew in each paragraph are separate series.
        let src = "一、甲\n一是a。二是b。\n一是c。三是d。\n";
        let doc = crate::parse(src);
        let at = src.find("三是").unwrap();
        assert_eq!(
            series_of(&doc, at).unwrap(),
            [src.find("一是c").unwrap(), at]
        );
        assert_eq!(series_of(&doc, src.find("甲").unwrap()), None);
    }

    #[test]
    fn formatting_is_fmt() {
        let src = "一、甲\r\n（一）、𠀀子\r\n(二)丑\r（五）寅\n";
        let doc = crate::parse(src);
        let lines = LineIndex::new(src, Encoding::Utf16);
        let edits = formatting(&doc, &lines, fmt::Style::Majority);
        assert_eq!(
            apply_lsp(src, &lines, &edits),
            fmt::format(src, fmt::Style::Majority)
        );
    }

    fn documents() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            Just("一、"),
            Just("二、"),
            Just("四、"),
            Just("（一）"),
            Just("（三）"),
            Just("(二)"),
            Just("（四）、"),
            Just("1."),
            Just("3、"),
            Just("①"),
            Just("③"),
            Just("第一章　"),
            Just("第三条　"),
            Just("𠀀"),
            Just("正文。一是"),
            Just("。三是"),
            Just(""),
        ];
        let text = prop_oneof![Just("甲"), Just("𠀀乙"), Just("标题。正文"), Just("")];
        let eol = prop_oneof![Just("\n"), Just("\r\n"), Just("\r")];
        proptest::collection::vec((line, text, eol), 0..14).prop_map(|v| {
            v.into_iter()
                .map(|(a, b, c)| format!("{a}{b}{c}"))
                .collect()
        })
    }

    proptest! {
        /// The edits sent to the editor, applied by position as a client
        /// applies them, give fmt's text, in every position encoding.
        #[test]
        fn editor_edits_agree_with_fmt(src in documents()) {
            let doc = crate::parse(&src);
            let want = fmt::format(&src, fmt::Style::Majority);
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let lines = LineIndex::new(&src, enc);
                let edits = formatting(&doc, &lines, fmt::Style::Majority);
                prop_assert_eq!(&apply_lsp(&src, &lines, &edits), &want);
            }
        }

        /// Every series action keeps the outline and only renumbers markers
        /// fmt renumbers.
        #[test]
        fn series_actions_are_parts_of_fmt(src in documents()) {
            let doc = crate::parse(&src);
            let lines = LineIndex::new(&src, Encoding::Utf16);
            let uri: Uri = "file:///t.txt".parse().unwrap();
            let target = Target { uri: &uri, version: 1, document_changes: false };
            let all = formatting(&doc, &lines, fmt::Style::Majority);
            let acts = code_actions(&doc, &lines, &settings(Lang::En), &target, Span::new(0, src.len()), None);
            for a in &acts {
                let (_, edits) = edits_of(a);
                let fixed = apply_lsp(&src, &lines, &edits);
                let new = crate::parse(&fixed);
                prop_assert!(doc.headings().map(|h| (h.level, h.kind)).eq(new.headings().map(|h| (h.level, h.kind))));
                if edits_of(a).0.starts_with("Renumber") || edits_of(a).0.starts_with("Fix all") {
                    for e in &edits {
                        prop_assert!(all.contains(e), "{:?} is not one of fmt's edits", e);
                    }
                }
            }
        }
    }
}
