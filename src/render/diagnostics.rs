//! Diagnostics the way rustc prints them: a header, the `--> file:line:col`
//! pointer, the source line with carets under the marker, and a help line;
//! in English or Chinese, with or without colour, cut to a width.

use std::fmt::Write;

use unicode_width::UnicodeWidthChar;

use crate::Severity;
use crate::input::SourceMap;
use crate::numbering::check::Diagnostic;
use crate::numbering::message::{self, Lang};

/// How [`report`] lays diagnostics out.
///
/// ```
/// let r = tigang::render::Report::new().lang(tigang::Lang::Zh).color(true).width(60);
/// assert_eq!((r.lang, r.color, r.width), (tigang::Lang::Zh, true, 60));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Report {
    /// The language of messages, help lines and labels.
    pub lang: Lang,
    /// Colour with ANSI escapes, as rustc does (red errors, yellow warnings,
    /// blue gutter).
    pub color: bool,
    /// Display columns a source line may take, gutter included; longer lines
    /// are cut around the marker. At least 40 is used.
    pub width: usize,
}

impl Default for Report {
    fn default() -> Self {
        Report {
            lang: Lang::En,
            color: false,
            width: 100,
        }
    }
}

impl Report {
    /// English, no colour, 100 columns.
    pub fn new() -> Self {
        Self::default()
    }

    /// The same report in `lang`.
    pub fn lang(self, lang: Lang) -> Self {
        Report { lang, ..self }
    }

    /// The same report with colour on or off.
    pub fn color(self, color: bool) -> Self {
        Report { color, ..self }
    }

    /// The same report cut to `width` columns.
    pub fn width(self, width: usize) -> Self {
        Report { width, ..self }
    }

    fn paint(&self, out: &mut String, style: &str, text: &str) {
        if self.color && !style.is_empty() {
            let _ = write!(out, "\x1b[{style}m{text}\x1b[0m");
        } else {
            out.push_str(text);
        }
    }
}

/// The ANSI style of a severity (rustc's: red, yellow, and green for notes).
fn level_style(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        _ => "1;32",
    }
}

const GUTTER: &str = "1;34";
const BOLD: &str = "1";

/// Renders `diagnostics` of the text `src` read from `path` in English,
/// without colour, 100 columns wide: [`report`] with [`Report::default`].
///
/// ```
/// let src = "一、甲\n（一）子\n（三）丑\n";
/// let doc = tigang::parse(src);
/// let out = tigang::render::diagnostics(src, "a.txt", &tigang::check(&doc));
/// assert_eq!(out, "\
/// warning[numbering-skip]: （一） is followed by （三）; expected （二）
///  --> a.txt:3:1
///   |
/// 3 | （三）丑
///   | ^^^^^^
///   = help: replace （三） with （二）; or add the missing （二）
///
/// ");
/// ```
pub fn diagnostics(src: &str, path: &str, diagnostics: &[Diagnostic]) -> String {
    report(src, path, diagnostics, &Report::default())
}

/// Renders `diagnostics` of the text `src` read from `path`, one block per
/// diagnostic, laid out as `how` says. Carets line up under CJK text: they
/// count display columns (an ideograph is two), not bytes or `char`s, and
/// cover what the fix replaces (the `、` of `（四）、` too). Long lines (a
/// whole paragraph is often one line) are cut around the marker with `…`;
/// only a bounded window around the marker is read, so a one-line file of
/// 50 MB costs no more per diagnostic than a short one.
///
/// ```
/// use tigang::{Lang, render::{report, Report}};
/// let src = "一、甲\n（一）子\n（二）丑\n（二）寅\n";
/// let doc = tigang::parse(src);
/// let out = report(src, "a.txt", &tigang::check(&doc), &Report::new().lang(Lang::Zh));
/// assert_eq!(out, "\
/// 错误[numbering-duplicate]：（二）重复
///  --> a.txt:4:1
///   |
/// 4 | （二）寅
///   | ^^^^^^
///   = 建议：将（二）改为（三）
///
/// ");
/// ```
pub fn report(src: &str, path: &str, diagnostics: &[Diagnostic], how: &Report) -> String {
    render(src, path, diagnostics, how, None)
}

/// [`report`] for text that a reader extracted from a Word document or a
/// web page: a diagnostic is located as the reader sees the document, by
/// paragraph (and page, where the source has pages) and the paragraph's
/// first words, not by a line of the extracted text, which Word does not
/// show. Text without paragraphs is reported by line, as [`report`] does.
///
/// ```
/// # #[cfg(feature = "encoding")] {
/// // Plain text has no paragraphs of its own: it is reported by line.
/// let x = tigang::input::read("一、甲\n（一）子\n（三）丑\n".as_bytes(), &Default::default()).unwrap();
/// let doc = tigang::parse_with(&x.text, &x.parse_options());
/// let d = tigang::render::check_source(&doc, &x.map);
/// let how = tigang::render::Report::default();
/// let out = tigang::render::report_in(&x.text, "a.txt", &d, &how, &x.map);
/// assert_eq!(out, tigang::render::report(&x.text, "a.txt", &d, &how));
/// # }
/// ```
pub fn report_in(
    src: &str,
    path: &str,
    diagnostics: &[Diagnostic],
    how: &Report,
    map: &SourceMap,
) -> String {
    render(
        src,
        path,
        diagnostics,
        how,
        Some(map).filter(|m| m.has_paragraphs()),
    )
}

/// How far back the start of a paragraph is looked for, for its first words.
const LOOK_BACK: usize = 4096;

/// The first words of the line that holds byte `at`, for a location.
fn first_words(src: &str, at: usize) -> Option<String> {
    let mut from = at.saturating_sub(LOOK_BACK);
    while !src.is_char_boundary(from) {
        from += 1;
    }
    let start = from + src[from..at].rfind('\n').map_or(0, |i| i + 1);
    if start == from && from > 0 {
        return None;
    }
    let line = src[start..].split(['\n', '\r']).next().unwrap_or("");
    let mut words = String::new();
    for (k, c) in line.trim().chars().enumerate() {
        if k == 12 {
            words.push('…');
            break;
        }
        shown(&mut words, c);
    }
    (!words.is_empty()).then_some(words)
}

/// Where a diagnostic is: `path:line:column`, or for a source with
/// paragraphs, the paragraph (and page) and its first words.
fn location(src: &str, path: &str, d: &Diagnostic, lang: Lang, map: Option<&SourceMap>) -> String {
    // Counted from 1, as a person counts (the map's index is 0-based).
    let Some((map, p)) = map.and_then(|m| Some((m, m.paragraph(d.line)? + 1))) else {
        return format!("{path}:{}:{}", d.line, d.column);
    };
    let page = map.page(d.span.start);
    let mut out = match (lang, page) {
        (Lang::En, Some(pg)) => format!("{path}: page {pg}, paragraph {p}"),
        (Lang::En, None) => format!("{path}: paragraph {p}"),
        (Lang::ZhHant, Some(pg)) => format!("{path}：第 {pg} 頁，第 {p} 段"),
        (Lang::ZhHant, None) => format!("{path}：第 {p} 段"),
        (_, Some(pg)) => format!("{path}：第 {pg} 页，第 {p} 段"),
        (_, None) => format!("{path}：第 {p} 段"),
    };
    if let Some(words) = first_words(src, d.span.start) {
        let _ = write!(
            out,
            "{}“{words}”{}",
            lang.pick(" (", "（", "（"),
            lang.pick(")", "）", "）")
        );
    }
    out
}

fn render(
    src: &str,
    path: &str,
    diagnostics: &[Diagnostic],
    how: &Report,
    map: Option<&SourceMap>,
) -> String {
    // The number in the gutter: the paragraph where there are paragraphs.
    let number = |d: &Diagnostic| {
        map.and_then(|m| m.paragraph(d.line))
            .map_or(d.line, |p| p + 1)
    };
    let gutter = diagnostics
        .iter()
        .map(|d| number(d).to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(gutter);
    let lang = how.lang;
    let colon = lang.pick(": ", "：", "：");
    // Room for source text: the width less the gutter and ` | `.
    let room = how.width.max(40).saturating_sub(gutter + 3);
    let mut out = String::new();
    for d in diagnostics {
        let level = level_style(d.severity);
        let label = format!("{}[{}]", message::severity(lang, d.severity), d.code);
        how.paint(&mut out, level, &label);
        how.paint(&mut out, BOLD, &format!("{colon}{}", d.message(lang)));
        out.push('\n');
        how.paint(&mut out, GUTTER, &format!("{pad}--> "));
        let _ = writeln!(out, "{}", location(src, path, d, lang, map));
        how.paint(&mut out, GUTTER, &format!("{pad} |"));
        out.push('\n');
        // The carets cover the marker and what the fix of this marker
        // replaces with it.
        let end = d
            .suggestion
            .as_ref()
            .and_then(|s| s.edits.iter().find(|e| e.span.start == d.span.start))
            .map_or(d.span.end, |e| e.span.end.max(d.span.end));
        let ex = excerpt(src, d.span.start, end, room);
        how.paint(&mut out, GUTTER, &format!("{:>gutter$} | ", number(d)));
        let _ = writeln!(out, "{}", ex.text);
        how.paint(&mut out, GUTTER, &format!("{pad} | "));
        out.push_str(&" ".repeat(ex.caret_at));
        how.paint(&mut out, level, &"^".repeat(ex.caret_len.max(1)));
        out.push('\n');
        if let Some(help) = d.help(lang) {
            how.paint(&mut out, GUTTER, &format!("{pad} = "));
            how.paint(&mut out, BOLD, lang.pick("help", "建议", "建議"));
            let _ = writeln!(out, "{colon}{help}");
        }
        out.push('\n');
    }
    out
}

/// The closing line of a report: `1 error, 3 warnings, 0 info`.
///
/// ```
/// use tigang::{Lang, render::summary};
/// assert_eq!(summary(Lang::En, 1, 3, 0), "1 error, 3 warnings, 0 info");
/// assert_eq!(summary(Lang::Zh, 1, 3, 0), "1 个错误，3 个警告，0 个提示");
/// ```
pub fn summary(lang: Lang, errors: usize, warnings: usize, infos: usize) -> String {
    match lang {
        Lang::En => format!(
            "{errors} {}, {warnings} {}, {infos} info",
            if errors == 1 { "error" } else { "errors" },
            if warnings == 1 { "warning" } else { "warnings" },
        ),
        Lang::ZhHant => format!("{errors} 個錯誤，{warnings} 個警告，{infos} 個提示"),
        _ => format!("{errors} 个错误，{warnings} 个警告，{infos} 个提示"),
    }
}

/// Display columns of `c` (a tab shows as one space; control characters as
/// none).
pub(crate) fn width(c: char) -> usize {
    if c == '\t' { 1 } else { c.width().unwrap_or(0) }
}

/// Appends `c` as a source line shows it (a tab as a space, a control
/// character as its escape: a document cannot drive the terminal) and
/// returns its display columns.
fn shown(text: &mut String, c: char) -> usize {
    if c == '\t' {
        text.push(' ');
        return 1;
    }
    super::escape::push(text, c).unwrap_or_else(|| width(c))
}

/// A cut of one source line around a span.
pub(crate) struct Excerpt {
    /// The text shown, tabs as spaces, control characters escaped, `…`
    /// where it was cut.
    pub text: String,
    /// Display column where the span starts in `text`.
    pub caret_at: usize,
    /// Display width of the span (its part on this line).
    pub caret_len: usize,
    /// Byte range of the span in `text`.
    pub span: std::ops::Range<usize>,
}

/// At most this many characters are looked at on either side of a span,
/// whatever their width (zero-width characters could otherwise make the
/// window unbounded).
const WINDOW_CHARS: usize = 512;

/// The line around `start..end`, cut to `room` display columns: about a
/// third before the span, the rest from it on. Reads a bounded window.
pub(crate) fn excerpt(src: &str, start: usize, end: usize, room: usize) -> Excerpt {
    let is_break = |c: char| c == '\n' || c == '\r';
    let mut start = start.min(src.len());
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    let before_room = room / 3;
    // Back from the span, to the line start or the room.
    let mut cut = start;
    let mut cols = 0;
    let mut cut_before = false;
    for (n, (i, c)) in src[..start].char_indices().rev().enumerate() {
        if is_break(c) {
            break;
        }
        if cols + width(c) > before_room || n == WINDOW_CHARS {
            cut_before = true;
            break;
        }
        cols += width(c);
        cut = i;
    }
    // The span itself, up to the line end.
    let mut span_end = start;
    for (i, c) in src[start..].char_indices() {
        if is_break(c) || start + i >= end {
            break;
        }
        span_end = start + i + c.len_utf8();
    }
    let mut text = String::with_capacity(room * 3 + 8);
    let mut caret_at = 0;
    let ellipsis = width('…');
    if cut_before {
        text.push('…');
        caret_at += ellipsis;
    }
    for c in src[cut..start].chars() {
        caret_at += shown(&mut text, c);
    }
    let span_from = text.len();
    let mut caret_len = 0;
    for c in src[start..span_end].chars() {
        caret_len += shown(&mut text, c);
    }
    let span = span_from..text.len();
    let mut cols = caret_at + caret_len;
    for (n, c) in src[span_end..].chars().enumerate() {
        if is_break(c) {
            break;
        }
        if cols + width(c) + ellipsis > room || n == WINDOW_CHARS {
            text.push('…');
            break;
        }
        cols += shown(&mut text, c);
    }
    Excerpt {
        text,
        caret_at,
        caret_len,
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_the_marker() {
        let line = "甲".repeat(100) + "三是" + &"乙".repeat(100);
        let start = line.find("三是").unwrap();
        let ex = excerpt(&line, start, start + "三是".len(), 60);
        assert!(
            ex.text.starts_with('…') && ex.text.ends_with('…'),
            "{}",
            ex.text
        );
        assert!(
            ex.text.chars().map(width).sum::<usize>() <= 60,
            "{}",
            ex.text
        );
        assert_eq!(ex.caret_len, 4);
        let before: usize = ex
            .text
            .split("三是")
            .next()
            .unwrap()
            .chars()
            .map(width)
            .sum();
        assert_eq!(before, ex.caret_at);
    }

    #[test]
    fn carets_cover_what_the_fix_replaces() {
        let src = "一、甲\n（一）、乙\n";
        let doc = crate::parse(src);
        let out = diagnostics(src, "a.txt", &crate::check(&doc));
        assert!(out.contains("| ^^^^^^^^\n"), "{out}");
    }

    #[test]
    fn colour_only_when_asked() {
        let src = "一、甲\n三、乙\n";
        let d = crate::check(&crate::parse(src));
        assert!(!report(src, "a", &d, &Report::new()).contains('\x1b'));
        let painted = report(src, "a", &d, &Report::new().color(true));
        assert!(
            painted.contains("\x1b[1;33mwarning[numbering-skip]\x1b[0m"),
            "{painted}"
        );
    }
}
