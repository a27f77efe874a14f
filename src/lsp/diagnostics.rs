//! [`check`](crate::check)'s findings as LSP diagnostics.

use lsp_types::{DiagnosticSeverity, NumberOrString};

use super::position::LineIndex;
use crate::Lang;
use crate::document::{Document, Span};
use crate::numbering::check::{Diagnostic, Severity, check};

/// The `source` of every diagnostic: editors show it beside the message.
pub(crate) const SOURCE: &str = "tigang";

/// Every finding of `check` on `doc`, in input order.
pub(crate) fn diagnostics(
    doc: &Document<'_>,
    lines: &LineIndex,
    lang: Lang,
) -> Vec<lsp_types::Diagnostic> {
    // Chinese in the script of the document, as `tigang check` writes it.
    let lang = lang.for_text(doc.source());
    check(doc)
        .iter()
        .map(|d| to_lsp(doc.source(), lines, d, lang))
        .collect()
}

/// One finding: the range covers the marker and whatever its fix replaces
/// (the `、` of `（四）、`), the code is the stable kebab-case name.
pub(crate) fn to_lsp(
    src: &str,
    lines: &LineIndex,
    d: &Diagnostic,
    lang: Lang,
) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: lines.range(src, covered(d)),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        source: Some(SOURCE.to_string()),
        message: message(d, lang),
        ..Default::default()
    }
}

/// The bytes a finding is about: the marker and what the fix of this
/// marker replaces with it (the `、` of `（四）、`), as `tigang check`'s
/// carets cover them.
pub(crate) fn covered(d: &Diagnostic) -> Span {
    let end = d
        .suggestion
        .as_ref()
        .and_then(|s| s.edits.iter().find(|e| e.span.start == d.span.start))
        .map_or(d.span.end, |e| e.span.end.max(d.span.end));
    Span::new(d.span.start, end)
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        _ => DiagnosticSeverity::INFORMATION,
    }
}

/// The message in `lang`, and on a second line what to do (the help line
/// of `tigang check`): editors show both under the squiggle.
fn message(d: &Diagnostic, lang: Lang) -> String {
    match d.help(lang) {
        Some(help) => format!("{}\n{help}", d.message(lang)),
        None => d.message(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::position::Encoding;
    use lsp_types::{Position, Range};

    #[test]
    fn codes_severities_and_utf16_ranges() {
        let src = "一、甲\n（一）子\n（三）、丑\n（三）寅𠀀。一是抓落实。三是抓督查。\n";
        let doc = crate::parse(src);
        let lines = LineIndex::new(src, Encoding::Utf16);
        let got = diagnostics(&doc, &lines, Lang::En);
        let codes: Vec<_> = got
            .iter()
            .map(|d| match &d.code {
                Some(NumberOrString::String(c)) => c.clone(),
                _ => String::new(),
            })
            .collect();
        let want: Vec<_> = check(&doc)
            .iter()
            .map(|d| d.code.as_str().to_string())
            .collect();
        assert_eq!(codes, want);
        // `（三）、` is 4 UTF-16 units; the fix that drops the `、` covers it.
        let at = got
            .iter()
            .find(|d| d.range.start == Position::new(2, 0) && d.range.end.character > 3)
            .expect("a diagnostic whose fix drops the 、");
        assert_eq!(at.range.end, Position::new(2, 4));
        // `（三）寅𠀀。一是抓落实。` is 13 units: 𠀀 counts two.
        let last = got.last().unwrap();
        assert_eq!(
            last.range,
            Range::new(Position::new(3, 13), Position::new(3, 15))
        );
        assert_eq!(last.severity, Some(DiagnosticSeverity::WARNING));
        // The help line follows the message.
        assert!(last.message.contains('\n'), "{}", last.message);
        assert!(got.iter().all(|d| d.source.as_deref() == Some(SOURCE)));
    }
}
