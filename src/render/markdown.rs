//! The `markdown` rendering: the outline as CommonMark headings and paragraphs.

use crate::document::{Document, Heading};
use crate::kind::MarkerKind;

/// Renders the document as Markdown (docs/format.md §7, "Markdown out").
///
/// Markdown input ([`is_markdown`]: ATX headings, images, HTML tables)
/// comes back as it was, with its heading levels set from the outline
/// ([`markdown_levels`]); any other text is written out from the tree
/// ([`markdown_outline`]).
///
/// ```
/// let flat = "# 某研究\n\n# 1 引言\n\n![](images/a.jpg)\n\n# 1.1 背景\n";
/// let md = tigang::render::markdown(&tigang::parse(flat));
/// assert_eq!(md, "# 某研究\n\n## 1 引言\n\n![](images/a.jpg)\n\n### 1.1 背景\n");
/// let text = "一、目标\n（一）总体目标\n";
/// assert_eq!(tigang::render::markdown(&tigang::parse(text)), "# 一、目标\n\n## （一）总体目标\n");
/// ```
pub fn markdown(doc: &Document<'_>) -> String {
    if is_markdown(doc.source()) {
        markdown_levels(doc)
    } else {
        markdown_outline(doc)
    }
}

/// The Markdown input given back byte for byte, but for each heading line
/// written with `#` × its level and the `#` taken off lines that are no
/// headings ([`fmt::levels`](crate::fmt::levels)). Parsing the result again
/// gives the same outline. This is how a PDF converter's flat Markdown
/// (every heading `#`) gets its levels back.
///
/// ```
/// let src = "# 一、总体要求\n\n**切实**做好。\n\n# （一）指导思想\n\n<table><tr><td>1.</td></tr></table>\n";
/// let md = tigang::render::markdown_levels(&tigang::parse(src));
/// assert_eq!(md, "# 一、总体要求\n\n**切实**做好。\n\n## （一）指导思想\n\n<table><tr><td>1.</td></tr></table>\n");
/// ```
pub fn markdown_levels(doc: &Document<'_>) -> String {
    crate::fmt::apply(doc.source(), &crate::fmt::levels(doc))
}

/// Whether `text` is Markdown by its content: an ATX heading line (`#` to
/// `######` and a space, after at most three spaces), an image
/// (`![…](…)`) or an HTML table.
///
/// ```
/// assert!(tigang::render::is_markdown("正文\n## 一、目标\n"));
/// assert!(tigang::render::is_markdown("![](images/a.jpg)\n"));
/// assert!(!tigang::render::is_markdown("一、目标\n#话题\n"));
/// ```
pub fn is_markdown(text: &str) -> bool {
    use memchr::memmem;
    let b = text.as_bytes();
    let mut start = 0;
    while start < b.len() {
        let end = memchr::memchr2(b'\n', b'\r', &b[start..]).map_or(b.len(), |i| start + i);
        let line = &b[start..end];
        let indent = line.iter().take_while(|&&x| x == b' ').count();
        let hashes = line[indent..].iter().take_while(|&&x| x == b'#').count();
        if indent <= 3
            && (1..=6).contains(&hashes)
            && matches!(line.get(indent + hashes), Some(b' ' | b'\t'))
        {
            return true;
        }
        let image =
            memmem::find(line, b"![").is_some_and(|i| memmem::find(&line[i..], b"](").is_some());
        if image || memmem::find(line, b"<table").is_some() {
            return true;
        }
        start = end + 1;
    }
    false
}

/// Renders the outline as CommonMark: the document written out from the
/// tree (for text that is not Markdown already; see [`markdown`]).
///
/// - The document title, when there is one, is the first line, as `# title`,
///   and headings are shifted one level down (`一、` is `##`); without a title
///   the top-level headings are `#`. Levels deeper than six stay at `######`.
/// - A heading line keeps its marker as written, then the title:
///   `## （一）加强领导`. A chapter, section, article, part or dotted marker
///   that ends in a word or a number (`第一章`, `篇一`, `1.1`) gets a space
///   before the title; the others end in a delimiter (`一、`, `（一）`), are one
///   symbol (`①`), or read as one phrase with the title (`一是`, `首先`).
/// - The rest of the preamble and every body paragraph is a paragraph of its
///   own. The table of contents and YAML front matter are left out.
/// - Text that Markdown would read as syntax is escaped with backslashes: a
///   paragraph starting with `#`, `-`, `+`, `=`, or `1.`/`1)` and a space, and anywhere the
///   characters `` \ ` * _ [ ] < > & ~ | `` (and `#` in heading lines, where a
///   trailing one would close the heading). A CommonMark parser gives back
///   the heading structure and the text as written.
///
/// ```
/// let doc = tigang::parse("工作方案\n同志们：\n一、目标\n（一）总体目标。到年底完成[1]。\n#话题 不是标题\n");
/// let md = tigang::render::markdown_outline(&doc);
/// assert_eq!(md.lines().collect::<Vec<_>>(), [
///     "# 工作方案",
///     "",
///     "同志们：",
///     "",
///     "## 一、目标",
///     "",
///     "### （一）总体目标",
///     "",
///     "到年底完成\\[1\\]。",
///     "",
///     "\\#话题 不是标题",
/// ]);
/// ```
pub fn markdown_outline(doc: &Document<'_>) -> String {
    let mut out = String::with_capacity(doc.source().len() + doc.source().len() / 8);
    let mut shift = 0;
    if let Some(t) = &doc.title {
        out.push_str("# ");
        escape_into(&mut out, &t.text, Context::Heading);
        out.push('\n');
        shift = 1;
    }
    for p in &doc.preamble {
        // The title's own lines (one, or two set as one title).
        if doc
            .title
            .as_ref()
            .is_some_and(|t| p.span.start < t.span.end && t.span.start < p.span.end)
        {
            continue;
        }
        paragraph(&mut out, p.text);
    }
    for h in doc.headings() {
        separate(&mut out);
        let level = (h.level + shift).clamp(1, 6);
        for _ in 0..level {
            out.push('#');
        }
        out.push(' ');
        escape_into(&mut out, h.marker, Context::Heading);
        if !h.title.is_empty() {
            if needs_space(&h) {
                out.push(' ');
            }
            escape_into(&mut out, &h.title, Context::Heading);
        }
        out.push('\n');
        for b in h.body() {
            paragraph(&mut out, b.text);
        }
    }
    out
}

/// Whether a heading's marker and title are written with a space between
/// them; see [`markdown`]. Shared with the chunk breadcrumbs.
pub(crate) fn needs_space(h: &Heading<'_>) -> bool {
    // Only these kinds can end in a word or a bare number (`第一章`, `篇一`,
    // `1.1`); the others end in a delimiter, are one symbol (`①`, `⑴`), or
    // read as one phrase with their title (`一是`, `首先`).
    let spaced_kinds = matches!(
        h.kind,
        MarkerKind::Part
            | MarkerKind::Chapter
            | MarkerKind::Section
            | MarkerKind::Article
            | MarkerKind::Dotted
    );
    spaced_kinds
        && h.marker
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// A blank line before the next block, unless at the start.
fn separate(out: &mut String) {
    if !out.is_empty() {
        out.push('\n');
    }
}

fn paragraph(out: &mut String, text: &str) {
    separate(out);
    escape_into(out, text, Context::Paragraph);
    out.push('\n');
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Heading,
    Paragraph,
}

/// Appends `text` with Markdown syntax escaped (see [`markdown`]). Line breaks
/// become spaces: a heading is one line, and paragraphs have none in practice.
fn escape_into(out: &mut String, text: &str, ctx: Context) {
    // Leading ASCII blanks would make an indented code block.
    let mut text = text.trim_start_matches([' ', '\t']);
    if ctx == Context::Paragraph {
        // What opens a block at a line start: an ATX heading, a bullet or
        // thematic break, a setext underline, an ordered item (`1.`, `12)`).
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        match text.as_bytes().first() {
            Some(b'#' | b'-' | b'+' | b'=') => out.push('\\'),
            Some(b'0'..=b'9')
                if matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
                    && matches!(text.as_bytes().get(digits + 1), None | Some(b' ' | b'\t')) =>
            {
                out.push_str(&text[..digits]);
                out.push('\\');
                text = &text[digits..];
            }
            _ => {}
        }
    }
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '#' if ctx == Context::Heading => out.push_str("\\#"),
            '\r' | '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
}
