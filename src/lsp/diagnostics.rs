//! [`check`](crate::check)'s findings as LSP diagnostics.

use lsp_types::{DiagnosticSeverity, NumberOrString};

use super::config::Lang;
use super::position::LineIndex;
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

/// The bytes a finding is about: the marker, widened to its suggestion's
/// span when the two touch.
pub(crate) fn covered(d: &Diagnostic) -> Span {
    match &d.suggestion {
        Some(s) if s.span.start <= d.span.end && d.span.start <= s.span.end => {
            Span::new(d.span.start.min(s.span.start), d.span.end.max(s.span.end))
        }
        _ => d.span,
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        _ => DiagnosticSeverity::INFORMATION,
    }
}

/// The message in `lang`. The library's messages are English for now
/// (issue 15, item 1 brings Chinese); this is the one place to change.
fn message(d: &Diagnostic, _lang: Lang) -> String {
    d.message.clone()
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
                Some(NumberOrString::String(c)) => c.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(
            codes,
            [
                "numbering-skip",
                "redundant-delimiter",
                "numbering-duplicate",
                "numbering-skip"
            ]
        );
        // `（三）、` is 4 UTF-16 units, and the redundant `、` is covered.
        assert_eq!(
            got[1].range,
            Range::new(Position::new(2, 0), Position::new(2, 4))
        );
        assert_eq!(got[2].severity, Some(DiagnosticSeverity::ERROR));
        // `（三）寅𠀀。一是抓落实。` is 13 units: 𠀀 counts two.
        assert_eq!(
            got[3].range,
            Range::new(Position::new(3, 13), Position::new(3, 15))
        );
        assert!(got.iter().all(|d| d.source.as_deref() == Some(SOURCE)));
    }
}
