//! Output formats: one parsed document to bytes. The library renders; this
//! module adds what only the command line knows (the file name, how sure
//! the encoding is, `--lossy` replacements).

use std::io::{self, Write};
use std::num::NonZeroUsize;

use clap::ValueEnum;
use tigang::Document;
use tigang::render::json::{self, Json};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A compact indented outline for people and snapshot tests.
    Tree,
    /// The JSON of docs/format.md §7, with "source".
    Json,
    /// Markdown: Markdown input (a .md file, or ATX headings, images, HTML
    /// tables) as it was, each heading line at the `#` depth of its level;
    /// other text as CommonMark, the title as `#`, headings below it.
    Markdown,
    /// JSON Lines for retrieval: one record per heading with its breadcrumb.
    Chunks,
    /// The text as read (of a Word document or web page: what spans refer to).
    Text,
}

impl Format {
    /// The extension of files written under `-o DIR`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Tree => "txt",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Chunks => "jsonl",
            Format::Text => "txt",
        }
    }
}

/// How to render: the format and its options.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub format: Format,
    /// JSON on one line with a `"file"` key (`--jsonl`).
    pub jsonl: bool,
    /// JSON indented (`--pretty`, or standard output is a terminal); else
    /// compact. `--jsonl` lines and chunks are always compact.
    pub pretty: bool,
    /// JSON: the checks on a second thread (one document alone; a batch
    /// keeps each core on its own documents).
    pub alongside: bool,
    /// JSON: with `"diagnostics"` (not under `--no-check`).
    pub check: bool,
    /// `--max-chars` for chunks.
    pub max_chars: Option<NonZeroUsize>,
    /// `--min-chars` for chunks.
    pub min_chars: Option<NonZeroUsize>,
}

/// What is known about the document besides its text.
pub struct Meta<'m> {
    pub file: &'m str,
    /// The file name's bytes in hex when they are not UTF-8 (`file` has
    /// U+FFFD for them).
    pub file_hex: Option<&'m str>,
    /// What the reader gave: the text, its source and map.
    pub extracted: &'m tigang::input::Extracted,
    /// The text parsed (`extracted.text`, or the mapped file's).
    pub text: &'m str,
}

/// Renders one document in `style` into `out` (a `Vec<u8>` for a batch, the
/// locked standard output for a single document, so that its JSON is streamed
/// rather than held in memory).
pub fn render(
    doc: &Document<'_>,
    meta: &Meta<'_>,
    style: Style,
    out: &mut impl Write,
) -> io::Result<()> {
    match style.format {
        Format::Tree => out.write_all(tigang::render::tree(doc).as_bytes()),
        Format::Text => out.write_all(meta.text.as_bytes()),
        Format::Markdown => {
            // Markdown in, Markdown out (docs/format.md §7): a `.md` file, or
            // text that is Markdown by its content, comes back with its
            // levels set; Word and web pages are written from the tree.
            use tigang::input::Format as Read;
            let relevel = match meta.extracted.source.format {
                Read::Docx | Read::Html => false,
                _ => is_markdown_name(meta.file) || tigang::render::is_markdown(meta.text),
            };
            if !relevel {
                return out.write_all(tigang::render::markdown_outline(doc).as_bytes());
            }
            // The text between the edits is written where it lies, not
            // copied into a new string first (a converter's file is large).
            let text = doc.source();
            let mut at = 0;
            for e in tigang::fmt::levels(doc) {
                out.write_all(&text.as_bytes()[at..e.span.start])?;
                out.write_all(e.replacement.as_bytes())?;
                at = e.span.end;
            }
            out.write_all(&text.as_bytes()[at..])
        }
        Format::Json => {
            let x = meta.extracted;
            let mut json = Json::new(doc)
                .source(&x.source, &x.map)
                .read_notes(x.guessed, x.replaced)
                .check_alongside(style.alongside)
                .diagnostics(style.check);
            if style.jsonl {
                json = json.file(meta.file, meta.file_hex);
            }
            let layout = if style.pretty && !style.jsonl {
                json::Style::Pretty
            } else {
                json::Style::Compact
            };
            json.to_writer(layout, &mut *out)?;
            out.write_all(b"\n")
        }
        Format::Chunks => {
            let mut opts = tigang::render::ChunkOptions::default();
            opts.max_chars = style.max_chars.map(NonZeroUsize::get);
            opts.min_chars = style.min_chars.map(NonZeroUsize::get);
            let mut line = String::new();
            for chunk in tigang::render::chunks_with(doc, opts) {
                line.clear();
                json::write_chunk(
                    &mut line,
                    &chunk,
                    Some(meta.file),
                    meta.file_hex,
                    Some(&meta.extracted.map).filter(|m| m.has_pages()),
                    json::Style::Compact,
                );
                line.push('\n');
                out.write_all(line.as_bytes())?;
            }
            Ok(())
        }
    }
}

/// Whether a file name says Markdown (`.md`, `.markdown`).
pub fn is_markdown_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}
