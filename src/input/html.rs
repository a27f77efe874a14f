//! Web pages as their readers see them (docs/format.md §8): the visible text, one
//! line per block element (`p`, `div`, `li`, `tr`, headings…), `<br>` a
//! line break, entities decoded, `script`, `style`, `head`, comments and
//! hidden elements left out. `<h1>`–`<h6>` become Markdown ATX lines
//! (`## 工作目标`), table rows tab-separated cells, and the numbers a
//! browser draws before `<ol>` items are written before them (and recorded
//! as drawn labels, like Word's automatic numbering).
//!
//! Whitespace collapses as a browser collapses it, so a minified one-line
//! page reads the same as a pretty-printed one. The encoding comes from the
//! BOM, then the `charset` of a `<meta>` (or the XML declaration), then
//! detection; a declared charset that the bytes do not fit falls back to
//! detection, and a declared single-byte charset is not believed (Chinese
//! pages that say `iso-8859-1` are GBK).
//!
//! ```
//! let page = "<html><head><title>x</title><style>p{}</style></head><body>\
//!             <h2>一、总体要求</h2><p>坚持&nbsp;稳中求进。<br>二是…</p></body></html>";
//! let out = tigang::input::html::read(page.into(), &Default::default()).unwrap();
//! assert_eq!(out.text, "## 一、总体要求\n坚持\u{a0}稳中求进。\n二是…\n");
//! ```

use memchr::memchr2;

use super::numfmt::NumFmt;
use super::source::{Extracted, Format, Source, TextBuilder};
use super::{Options, ReadError, decode};

/// Reads an HTML page's bytes.
///
/// ```
/// let out = tigang::input::html::read(b"<p>a</p><p>b</p>".to_vec(), &Default::default()).unwrap();
/// assert_eq!(out.text, "a\nb\n");
/// assert_eq!(out.source.encoding, Some("UTF-8"));
/// ```
pub fn read(bytes: Vec<u8>, options: &Options) -> Result<Extracted, ReadError> {
    let bom = encoding_rs::Encoding::for_bom(&bytes).is_some();
    let declared = match options.encoding {
        Some(_) => None,
        None if bom => None,
        None => declared_charset(&bytes),
    };
    let decoded = match (options.encoding, declared) {
        (Some(forced), _) => decode::decode(bytes, Some(forced), options.lossy),
        (None, Some(enc)) => match decode::decode(bytes.clone(), Some(enc), false) {
            Ok(d) => Ok(d),
            // The page lies about its charset: detect instead.
            Err(_) => decode::decode(bytes, None, options.lossy),
        },
        (None, None) => decode::decode(bytes, None, options.lossy),
    }
    .map_err(ReadError::decode)?;
    let (text, map) = extract(&decoded.text)?.finish();
    Ok(Extracted {
        text,
        source: Source::new(Format::Html, Some(decoded.encoding)),
        map,
        replaced: decoded.replaced,
        guessed: decoded.confidence == decode::Confidence::Low,
    })
}

/// The charset a page declares in its first bytes: `<meta charset=…>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">` or
/// `<?xml … encoding="…"?>`. Single-byte and UTF-16 declarations are not
/// taken (they are wrong for the Chinese pages that carry them).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while lower.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower
            .get(i)
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'"' || b == b'\'')
        {
            i += 1;
        }
        let end = i + lower[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
            .count();
        if let Some(enc) = encoding_rs::Encoding::for_label(&lower[i..end]) {
            return plausible(enc);
        }
    }
    let xml = memchr::memmem::find(&lower, b"<?xml")?;
    let decl_end = memchr::memmem::find(&lower[xml..], b"?>")? + xml;
    let enc_at = memchr::memmem::find(&lower[xml..decl_end], b"encoding=")? + xml + 9;
    let quote = *lower.get(enc_at)?;
    let end = memchr::memchr(quote, &lower[enc_at + 1..decl_end])? + enc_at + 1;
    encoding_rs::Encoding::for_label(&lower[enc_at + 1..end]).and_then(plausible)
}

fn plausible(enc: &'static encoding_rs::Encoding) -> Option<&'static encoding_rs::Encoding> {
    let single_byte =
        enc.is_single_byte() || enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE;
    (!single_byte).then_some(enc)
}

/// Elements that end the current line where they start and end.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "tr"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "blockquote"
            | "pre"
            | "address"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "legend"
            | "hr"
            | "center"
            | "details"
            | "summary"
            | "dir"
            | "menu"
            | "body"
            | "html"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hgroup"
            | "option"
            | "listing"
            | "plaintext"
            | "xmp"
            | "frameset"
            | "noframes"
    )
}

/// Elements whose whole content is not shown.
fn is_hidden_element(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "template"
            | "noscript"
            | "svg"
            | "select"
            | "iframe"
            | "object"
            | "canvas"
            | "audio"
            | "video"
            | "map"
            | "datalist"
            | "title"
            | "math"
    )
}

/// Elements whose content is raw text up to their end tag (no tags
/// inside, and for script and style no entities either).
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "title"
            | "textarea"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
    )
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "hr"
            | "img"
            | "input"
            | "meta"
            | "link"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
    )
}

/// An `<ol>` (or `<ul>`) being read: how its items are numbered.
#[derive(Debug)]
struct List {
    /// `None`: the list draws no number (`<ul>`, `list-style-type: none`).
    format: Option<NumFmt>,
    next: u32,
}

/// The walk over a page's text.
struct Extractor {
    out: TextBuilder,
    line: String,
    labels: Vec<(usize, usize)>,
    /// Collapsed whitespace waits here until text follows on the line.
    space: bool,
    /// Inside `<pre>`/`<textarea>`: whitespace and line breaks are kept.
    pre: usize,
    /// The open `<hN>` and where its text starts on the line.
    heading: Option<u8>,
    lists: Vec<List>,
    /// Cells of the current table row so far.
    cells: usize,
    /// Bytes of `<ol>` numbers that may still be drawn; 0: over budget.
    drawn_left: usize,
}

/// Reads the visible text of a decoded page.
fn extract(html: &str) -> Result<TextBuilder, ReadError> {
    let budget = super::max_drawn(html.len());
    let mut x = Extractor {
        drawn_left: budget,
        out: TextBuilder::with_capacity(html.len() / 2),
        line: String::new(),
        labels: Vec::new(),
        space: false,
        pre: 0,
        heading: None,
        lists: Vec::new(),
        cells: 0,
    };
    let b = html.as_bytes();
    let mut i = 0;
    // A hidden subtree being skipped: its element's name and nesting.
    let mut hidden: Option<(String, usize)> = None;
    while i < b.len() {
        let Some(at) = memchr2(b'<', b'&', &b[i..]) else {
            if hidden.is_none() {
                x.text(&html[i..]);
            }
            break;
        };
        if at > 0 && hidden.is_none() {
            x.text(&html[i..i + at]);
        }
        i += at;
        if b[i] == b'&' {
            let (decoded, len) = entity(&html[i..]);
            if hidden.is_none() {
                x.text(&decoded.as_str());
            }
            i += len;
            continue;
        }
        let Some(tag) = Tag::parse(&html[i..]) else {
            if hidden.is_none() {
                x.text("<");
            }
            i += 1;
            continue;
        };
        i += tag.len;
        let Some(name) = tag.name.as_deref() else {
            continue; // a comment, doctype or processing instruction
        };
        if let Some((skip, depth)) = hidden.as_mut() {
            if name == skip.as_str() {
                if tag.end {
                    *depth -= 1;
                } else if !tag.self_closing {
                    *depth += 1;
                }
                if *depth == 0 {
                    hidden = None;
                }
            } else if skip == "head" && name == "body" && !tag.end {
                hidden = None;
                x.start(name, tag.attrs);
            }
            if !tag.end && is_raw_text(name) && hidden.is_some() {
                i += raw_text_len(&html[i..], name);
            }
            continue;
        }
        if tag.end {
            x.end(name);
            continue;
        }
        if is_hidden_element(name) || is_hidden(tag.attrs) {
            if is_raw_text(name) {
                i += raw_text_len(&html[i..], name);
                // The end tag was consumed with the raw text.
            } else if !tag.self_closing && !is_void(name) {
                x.block_if(is_block(name));
                hidden = Some((name.to_owned(), 1));
            }
            continue;
        }
        x.start(name, tag.attrs);
        if x.drawn_left == 0 {
            return Err(ReadError::too_many_numbers(None, budget));
        }
        if is_raw_text(name) {
            // `<textarea>` and `<xmp>`: shown, but nothing in them is a tag.
            let len = raw_text_len(&html[i..], name);
            let content = &html[i..i + len];
            let content = content.rfind("</").map_or(content, |e| &content[..e]);
            x.pre += 1;
            x.text(content);
            x.pre -= 1;
            x.end(name);
            i += len;
        }
    }
    x.finish_line(false);
    Ok(x.out)
}

impl Extractor {
    /// Character data, entities already decoded.
    fn text(&mut self, s: &str) {
        if self.pre > 0 {
            for piece in s.split_inclusive('\n') {
                let (body, newline) = match piece.strip_suffix('\n') {
                    Some(b) => (b.strip_suffix('\r').unwrap_or(b), true),
                    None => (piece, false),
                };
                self.line.push_str(body);
                if newline {
                    self.finish_line(true);
                }
            }
            return;
        }
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
                self.space = true;
            } else {
                if self.space && !self.line.is_empty() && !self.line.ends_with('\t') {
                    self.line.push(' ');
                }
                self.space = false;
                self.line.push(c);
            }
        }
    }

    fn block_if(&mut self, block: bool) {
        if block {
            self.finish_line(false);
        }
    }

    /// Ends the line; an empty one only when `hard` (`<br>`, a `<pre>`
    /// line break).
    fn finish_line(&mut self, hard: bool) {
        self.space = false;
        if let Some(depth) = self.heading.take() {
            let t = self.line.trim_matches(is_space);
            let t = t.trim_end_matches(['”', '’', '」', '』', '）', ')']);
            if !t.is_empty() && !t.ends_with('。') {
                let prefix = "#".repeat(usize::from(depth)) + " ";
                self.line.insert_str(0, &prefix);
                for l in &mut self.labels {
                    l.0 += prefix.len();
                    l.1 += prefix.len();
                }
            }
        }
        let end = self.line.trim_end_matches([' ', '\t']).len();
        self.line.truncate(end);
        if hard || !self.line.trim_matches(is_space).is_empty() || !self.labels.is_empty() {
            self.out.line(&self.line, None, &self.labels);
            if self.cells > 0 {
                self.out.mark_table_row();
            }
        }
        self.line.clear();
        self.labels.clear();
    }

    fn start(&mut self, name: &str, attrs: &str) {
        match name {
            "br" => {
                if self.heading.is_some() {
                    self.space = true;
                } else {
                    self.finish_line(true);
                }
                return;
            }
            "pre" | "listing" => {
                self.finish_line(false);
                self.pre += 1;
                return;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.finish_line(false);
                self.heading = Some(name.as_bytes()[1] - b'0');
                return;
            }
            "ol" | "ul" | "menu" | "dir" => {
                self.finish_line(false);
                let format = (name == "ol").then(|| list_format(attrs)).flatten();
                let start = attr(attrs, "start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                self.lists.push(List {
                    format,
                    next: start,
                });
                return;
            }
            "li" => {
                self.finish_line(false);
                if let Some(list) = self.lists.last_mut() {
                    if let Some(v) = attr(attrs, "value").and_then(|v| v.trim().parse().ok()) {
                        list.next = v;
                    }
                    if let Some(format) = list.format {
                        let at = self.line.len();
                        format.write(list.next, &mut self.line);
                        let chinese = matches!(format, NumFmt::ChineseCountingThousand);
                        self.line.push_str(if chinese { "、" } else { "." });
                        self.labels.push((at, self.line.len()));
                        let cost = self.line.len() - at;
                        self.drawn_left = self
                            .drawn_left
                            .checked_sub(cost)
                            .filter(|&l| l > 0)
                            .unwrap_or(0);
                        if !chinese {
                            self.line.push(' ');
                        }
                    }
                    list.next = list.next.saturating_add(1);
                }
                return;
            }
            "tr" => {
                self.finish_line(false);
                self.cells = 0;
                return;
            }
            "td" | "th" => {
                if self.cells > 0 {
                    let end = self.line.trim_end_matches(' ').len();
                    self.line.truncate(end);
                    self.line.push('\t');
                }
                self.space = false;
                self.cells += 1;
                return;
            }
            _ => {}
        }
        self.block_if(is_block(name));
    }

    fn end(&mut self, name: &str) {
        match name {
            "pre" | "listing" | "textarea" | "xmp" => {
                self.pre = self.pre.saturating_sub(1);
                self.finish_line(false);
            }
            "ol" | "ul" | "menu" | "dir" => {
                self.lists.pop();
                self.finish_line(false);
            }
            "br" => self.finish_line(true),
            "tr" | "table" => {
                self.finish_line(false);
                self.cells = 0;
            }
            name => self.block_if(is_block(name)),
        }
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// How an `<ol>` numbers its items: its `type` attribute or an inline
/// `list-style-type`; `None` for `list-style-type: none`.
fn list_format(attrs: &str) -> Option<NumFmt> {
    if let Some(style) = attr(attrs, "style") {
        let style = style.to_ascii_lowercase();
        if let Some(at) = style.find("list-style") {
            let value = style[at..]
                .split([':', ';'])
                .nth(1)
                .unwrap_or("")
                .trim()
                .to_owned();
            let value = value.split_whitespace().next().unwrap_or("");
            let format = match value {
                "none" => return None,
                "lower-alpha" | "lower-latin" => Some(NumFmt::LowerLetter),
                "upper-alpha" | "upper-latin" => Some(NumFmt::UpperLetter),
                "lower-roman" => Some(NumFmt::LowerRoman),
                "upper-roman" => Some(NumFmt::UpperRoman),
                "cjk-ideographic"
                | "simp-chinese-informal"
                | "trad-chinese-informal"
                | "cjk-decimal" => Some(NumFmt::ChineseCountingThousand),
                "decimal" => Some(NumFmt::Decimal),
                _ => None,
            };
            if format.is_some() {
                return format;
            }
        }
    }
    Some(match attr(attrs, "type").as_deref().map(str::trim) {
        Some("a") => NumFmt::LowerLetter,
        Some("A") => NumFmt::UpperLetter,
        Some("i") => NumFmt::LowerRoman,
        Some("I") => NumFmt::UpperRoman,
        _ => NumFmt::Decimal,
    })
}

/// Whether an element's attributes hide it (`hidden`, `display: none`,
/// `visibility: hidden`, `aria-hidden` is not: screen readers are not
/// readers of the page's text).
fn is_hidden(attrs: &str) -> bool {
    if attrs.is_empty() {
        return false;
    }
    if attr(attrs, "hidden").is_some() {
        return true;
    }
    attr(attrs, "style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// The value of attribute `name` in a tag's attribute text (entities in it
/// are not decoded: only numbers and keywords are read from attributes).
fn attr(attrs: &str, name: &str) -> Option<String> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let key_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = &attrs[key_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = None;
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let (start, end) = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let start = i + 1;
                    let end = memchr::memchr(q, &b[start..]).map_or(b.len(), |e| start + e);
                    i = (end + 1).min(b.len());
                    (start, end)
                }
                _ => {
                    let start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    (start, i)
                }
            };
            value = Some(&attrs[start..end]);
        }
        if key.is_empty() {
            i += 1;
            continue;
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(value.unwrap_or("").to_owned());
        }
    }
    None
}

/// A tag at the start of `s` (which starts with `<`).
struct Tag<'s> {
    /// Lower-case element name; `None` for comments, doctypes, `<?…>`.
    name: Option<String>,
    attrs: &'s str,
    end: bool,
    self_closing: bool,
    /// Bytes the tag takes, `<` to `>`.
    len: usize,
}

impl<'s> Tag<'s> {
    /// `None` when `<` does not open a tag (`a < b`): it is text.
    fn parse(s: &'s str) -> Option<Tag<'s>> {
        let b = s.as_bytes();
        if let Some(comment) = s.strip_prefix("<!--") {
            let len = comment.find("-->").map_or(s.len(), |e| e + 7);
            return Some(Tag::markup(len));
        }
        if b.get(1).is_some_and(|&c| c == b'!' || c == b'?') {
            let len = memchr::memchr(b'>', b).map_or(s.len(), |e| e + 1);
            return Some(Tag::markup(len));
        }
        let end = b.get(1) == Some(&b'/');
        let name_at = 1 + usize::from(end);
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            // `</>` and `</ …>` are dropped; anything else is text.
            return end.then(|| Tag::markup(memchr::memchr(b'>', b).map_or(s.len(), |e| e + 1)));
        }
        let name_len = b[name_at..]
            .iter()
            .take_while(|c| !c.is_ascii_whitespace() && !matches!(c, b'/' | b'>'))
            .count();
        let name = s[name_at..name_at + name_len].to_ascii_lowercase();
        // The tag ends at the first `>` outside a quoted attribute value.
        let mut i = name_at + name_len;
        let mut after_eq = false;
        while i < b.len() {
            match b[i] {
                b'>' => break,
                q @ (b'"' | b'\'') if after_eq => {
                    i = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e);
                    after_eq = false;
                }
                b'=' => after_eq = true,
                c if !c.is_ascii_whitespace() => after_eq = false,
                _ => {}
            }
            i += 1;
        }
        let attrs_end = i.min(b.len());
        let mut attrs = &s[name_at + name_len..attrs_end];
        let self_closing = attrs.ends_with('/');
        if self_closing {
            attrs = &attrs[..attrs.len() - 1];
        }
        Some(Tag {
            name: Some(name),
            attrs,
            end,
            self_closing,
            len: (i + 1).min(s.len()),
        })
    }

    fn markup(len: usize) -> Tag<'s> {
        Tag {
            name: None,
            attrs: "",
            end: false,
            self_closing: false,
            len,
        }
    }
}

/// How far the raw text of `name` runs from here, its end tag included.
fn raw_text_len(s: &str, name: &str) -> usize {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&b[from..], b"</") {
        let start = from + at + 2;
        if b.len() >= start + name.len()
            && b[start..start + name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            let after = start + name.len();
            if b.get(after)
                .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
            {
                return memchr::memchr(b'>', &b[after..]).map_or(s.len(), |e| after + e + 1);
            }
        }
        from = start;
    }
    s.len()
}

/// The text an entity at the start of `s` stands for, and how many bytes
/// it takes; an `&` that starts no known entity is itself.
fn entity(s: &str) -> (EntityText, usize) {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let digits_at = if hex { 3 } else { 2 };
        let len = b[digits_at..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if len == 0 {
            return (EntityText::Str("&"), 1);
        }
        let value = u32::from_str_radix(&s[digits_at..digits_at + len], if hex { 16 } else { 10 })
            .unwrap_or(u32::MAX);
        let semi = usize::from(b.get(digits_at + len) == Some(&b';'));
        return (EntityText::Char(char_ref(value)), digits_at + len + semi);
    }
    let len = b[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let name = &s[1..1 + len];
    if b.get(1 + len) == Some(&b';') {
        if let Some(text) = quick_xml::escape::resolve_html5_entity(name) {
            return (EntityText::Str(text), len + 2);
        }
    }
    // The legacy entities browsers accept without `;`.
    const BARE: [(&str, &str); 7] = [
        ("nbsp", "\u{a0}"),
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("copy", "©"),
        ("reg", "®"),
    ];
    for (bare, text) in BARE {
        if name.starts_with(bare) {
            return (EntityText::Str(text), 1 + bare.len());
        }
    }
    (EntityText::Str("&"), 1)
}

/// What a numeric character reference stands for: windows-1252's meaning
/// for 0x80–0x9F (as browsers do), U+FFFD for what is not a character.
fn char_ref(value: u32) -> char {
    const C1: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match value {
        0 => '\u{FFFD}',
        0x80..=0x9F => C1[(value - 0x80) as usize],
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

enum EntityText {
    Str(&'static str),
    Char(char),
}

impl EntityText {
    fn as_str(&self) -> std::borrow::Cow<'static, str> {
        match *self {
            EntityText::Str(s) => s.into(),
            EntityText::Char(c) => c.to_string().into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        extract(html).unwrap().finish().0
    }

    #[test]
    fn blocks_are_lines_and_whitespace_collapses() {
        let pretty = "<html>\n<body>\n  <div>\n    <p>\n      一、总体要求\n    </p>\n    <p>坚持\n      稳中求进</p>\n  </div>\n</body>\n</html>\n";
        let minified =
            "<html><body><div><p>一、总体要求</p><p>坚持 稳中求进</p></div></body></html>";
        assert_eq!(text(pretty), "一、总体要求\n坚持 稳中求进\n");
        assert_eq!(text(minified), text(pretty));
    }

    #[test]
    fn breaks_entities_and_hidden_content() {
        assert_eq!(text("<p>a<br>b<br/><br>c</p>"), "a\nb\n\nc\n");
        assert_eq!(
            text("<p>&lt;1&gt; &amp; &#x4E00;&#19968; &nbsp;x &copy &bogus; &#150;</p>"),
            "<1> & 一一 \u{a0}x © &bogus; –\n"
        );
        assert_eq!(
            text(
                "<head><title>T</title><script>var a = '</p>';</script></head><body><!-- c --><p>x</p><style>p{}</style><div hidden>h</div><span style=\"display: none\">s</span><p>y</p></body>"
            ),
            "x\ny\n"
        );
        assert_eq!(text("<p>1 < 2</p>"), "1 < 2\n");
        assert_eq!(
            text("<head><meta charset=utf-8><body><p>no closing head</p>"),
            "no closing head\n"
        );
    }

    #[test]
    fn headings_tables_lists_and_pre() {
        assert_eq!(
            text("<h2>工作目标</h2><h3>全面完成任务。</h3>"),
            "## 工作目标\n全面完成任务。\n"
        );
        assert_eq!(
            text(
                "<table><tr><td>序号</td><td> 名称 </td></tr><tr><td>1</td><td>甲</td></tr></table>"
            ),
            "序号\t名称\n1\t甲\n"
        );
        let mut b = extract(
            "<ol start=\"2\"><li>甲</li><li>乙<ol type=\"a\"><li>子</li></ol></li></ol><ul><li>点</li></ul><ol style=\"list-style-type: cjk-ideographic\"><li>丙</li></ol>",
        )
        .unwrap();
        let labels: Vec<_> = b.finish_labels();
        assert_eq!(labels, ["2.", "3.", "a.", "一、"]);
        assert_eq!(text("<pre>a\n  b\n\nc</pre>"), "a\n  b\n\nc\n");
    }

    #[test]
    fn charsets_are_read_from_meta_and_xml_declarations() {
        let gbk = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>"#;
        assert_eq!(declared_charset(gbk), Some(encoding_rs::GBK));
        assert_eq!(
            declared_charset(b"<meta charset='big5'>"),
            Some(encoding_rs::BIG5)
        );
        assert_eq!(declared_charset(b"<meta charset=iso-8859-1>"), None);
        assert_eq!(
            declared_charset(br#"<?xml version="1.0" encoding="GB18030"?><html>"#),
            Some(encoding_rs::GB18030)
        );
    }

    impl TextBuilder {
        fn finish_labels(&mut self) -> Vec<String> {
            let (text, map) = std::mem::take(self).finish();
            map.labels()
                .iter()
                .map(|l| text[l.span.range()].to_owned())
                .collect()
        }
    }
}
