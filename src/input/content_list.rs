//! The JSON a PDF converter writes beside its Markdown (docs/format.md §8):
//! MinerU's `*_content_list.json`, a list of the page's blocks in reading
//! order, each with its `type`, `text`, `text_level` (a heading's depth)
//! and `page_idx`.
//!
//! The text is written as the converter's Markdown would be, one block a
//! paragraph with a blank line after it: a text block as its text, `#` ×
//! `text_level` before a heading; an equation as its LaTeX; an image as
//! `![](path)` with its captions and notes; a table as its caption, its
//! HTML (rows marked as table rows, where nothing opens a heading) and its
//! notes. Then the parser judges the `#` lines as it judges a converter's
//! Markdown (§3 rule 3), and every heading, paragraph and chunk gets the
//! page its block stands on ([`SourceMap::page`]).

use serde::Deserialize;

use super::source::{Extracted, Format, Source, SourceMap};
use super::{ErrorKind, ReadError};

/// Whether `text` looks like a converter's content list: a JSON array whose
/// first block has a `type` and a `page_idx`. Only the first 4 KB are read.
///
/// ```
/// use tigang::input::content_list::is_content_list;
/// assert!(is_content_list(r#"[{"type": "text", "text": "一、总则", "page_idx": 0}]"#));
/// assert!(!is_content_list("[1, 2, 3]"));
/// ```
pub fn is_content_list(text: &str) -> bool {
    let t = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if !t.starts_with('[') {
        return false;
    }
    let head = &t.as_bytes()[..t.len().min(4096)];
    let find = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    find(b"\"type\"") && find(b"\"page_idx\"")
}

/// One block of the list; fields the reader does not use are skipped.
#[derive(Deserialize)]
struct Block {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    text_level: Option<u32>,
    #[serde(default)]
    page_idx: Option<u32>,
    #[serde(default)]
    img_path: Option<String>,
    // MinerU has written both spellings.
    #[serde(default, alias = "image_caption")]
    img_caption: Vec<String>,
    #[serde(default, alias = "image_footnote")]
    img_footnote: Vec<String>,
    #[serde(default)]
    table_caption: Vec<String>,
    #[serde(default)]
    table_body: Option<String>,
    #[serde(default)]
    table_footnote: Vec<String>,
}

/// The text being written, its map, and the 0-based line it is on.
struct Writer {
    out: String,
    map: SourceMap,
    line: usize,
}

impl Writer {
    /// Appends a block's text, a line per line of it (blank ones left out,
    /// so that blocks stay apart only by the blank line after each);
    /// `row`: the lines are a table's.
    fn push(&mut self, s: &str, row: bool) {
        for piece in s.split(['\n', '\r']).filter(|p| !p.trim().is_empty()) {
            self.out.push_str(piece.trim_end());
            self.out.push('\n');
            if row {
                self.map.mark_row(self.line);
            }
            self.line += 1;
        }
    }
}

/// Reads a content list (see the module docs) from its decoded text.
///
/// ```
/// let json = r#"[
///   {"type": "text", "text": "一、总体要求", "text_level": 1, "page_idx": 0},
///   {"type": "text", "text": "正文。", "page_idx": 0},
///   {"type": "text", "text": "（一）指导思想", "text_level": 1, "page_idx": 1}
/// ]"#;
/// let x = tigang::input::content_list::read(json).unwrap();
/// assert_eq!(x.text, "# 一、总体要求\n\n正文。\n\n# （一）指导思想\n\n");
/// let doc = tigang::parse_with(&x.text, &x.parse_options());
/// let pages: Vec<_> = doc.headings().map(|h| (h.level, x.map.page(h.span.start))).collect();
/// assert_eq!(pages, [(1, Some(1)), (2, Some(2))]);
/// ```
pub fn read(text: &str) -> Result<Extracted, ReadError> {
    let blocks: Vec<Block> = serde_json::from_str(text).map_err(|e| {
        ReadError::new(
            ErrorKind::MalformedJson,
            None,
            format!("line {}, column {}: {e}", e.line(), e.column()),
        )
    })?;
    let mut w = Writer {
        out: String::with_capacity(text.len() / 2),
        map: SourceMap::default(),
        line: 0,
    };
    for b in &blocks {
        let page = b.page_idx.map(|p| p.saturating_add(1));
        w.map.page_at(w.out.len(), page);
        let start = w.out.len();
        match b.kind.as_str() {
            "image" => {
                if let Some(path) = &b.img_path {
                    w.push(&format!("![]({path})"), false);
                }
                for c in b.img_caption.iter().chain(&b.img_footnote) {
                    w.push(c, false);
                }
            }
            "table" => {
                for c in &b.table_caption {
                    w.push(c, false);
                }
                if let Some(body) = &b.table_body {
                    w.push(body, true);
                }
                for c in &b.table_footnote {
                    w.push(c, false);
                }
            }
            _ => {
                let Some(t) = b.text.as_deref().filter(|t| !t.trim().is_empty()) else {
                    continue;
                };
                match b.text_level.filter(|&l| l > 0 && b.kind == "text") {
                    // A heading: one line, `#` × its level (at most six).
                    Some(level) => {
                        let one: Vec<&str> = t.split(['\n', '\r']).map(str::trim).collect();
                        let hashes = "#".repeat(level.min(6) as usize);
                        w.push(&format!("{hashes} {}", one.join(" ").trim()), false);
                    }
                    None => w.push(t, false),
                }
            }
        }
        if w.out.len() > start {
            // A blank line after each block, as a Markdown paragraph.
            w.out.push('\n');
            w.line += 1;
        }
    }
    let Writer { out, map, .. } = w;
    Ok(Extracted {
        text: out,
        source: Source::new(Format::ContentList, Some("UTF-8")),
        map,
        replaced: 0,
        guessed: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_markdown_with_pages() {
        let json = r#"[
          {"type": "text", "text": "某研究", "text_level": 1, "page_idx": 0},
          {"type": "image", "img_path": "images/a.jpg", "img_caption": ["图1 流程"], "page_idx": 0},
          {"type": "equation", "text": "$$\nx = 1\n$$", "text_format": "latex", "page_idx": 1},
          {"type": "table", "table_body": "<table><tr><td>1.</td></tr></table>", "table_caption": ["表1 数据"], "page_idx": 2},
          {"type": "text", "text": "1 引言", "text_level": 1, "page_idx": 2}
        ]"#;
        let x = read(json).unwrap();
        assert_eq!(
            x.text,
            "# 某研究\n\n![](images/a.jpg)\n图1 流程\n\n$$\nx = 1\n$$\n\n表1 数据\n<table><tr><td>1.</td></tr></table>\n\n# 1 引言\n\n"
        );
        let at = |s: &str| x.text.find(s).unwrap();
        assert_eq!(x.map.page(at("某研究")), Some(1));
        assert_eq!(x.map.page(at("x = 1")), Some(2));
        assert_eq!(x.map.page(at("1 引言")), Some(3));
        // The table's row is a table row; its caption is not.
        assert!(x.map.is_table_row(11));
        assert!(!x.map.is_table_row(10));
    }

    #[test]
    fn broken_json_says_where() {
        let err = read(r#"[{"type": "text", "page_idx": 0"#).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MalformedJson);
        assert!(err.to_string().contains("line 1"), "{err}");
    }
}
