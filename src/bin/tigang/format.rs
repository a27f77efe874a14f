//! Output formats: one parsed document to bytes. The library renders; this
//! module adds what only the command line knows (the file name, how sure
//! the encoding is, `--lossy` replacements).

use std::io::{self, Write};
use std::num::NonZeroUsize;

use clap::ValueEnum;
use serde::Serialize;
use tigang::Document;
use tigang::render::Chunk;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A compact indented outline for people and snapshot tests.
    Tree,
    /// The JSON of docs/format.md §7, with "source".
    Json,
    /// CommonMark: the title as `#`, headings one level below, bodies as paragraphs.
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
    /// `--max-chars` for chunks.
    pub max_chars: Option<NonZeroUsize>,
    /// `--min-chars` for chunks.
    pub min_chars: Option<NonZeroUsize>,
}

/// The JSON of docs/format.md §7 with its source (the library's `WithSource`, so that the
/// command line and the Python package print the same bytes) and the
/// command line's additions: `file` first, so that `--jsonl` lines are easy
/// to scan, the rest after the library's fields.
#[derive(Serialize)]
struct DocumentJson<'d, 'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'d str>,
    /// The file name's bytes in hex, when they are not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    file_hex: Option<&'d str>,
    #[serde(flatten)]
    doc: tigang::render::WithSource<'d, 'a>,
    /// `"low"` when the encoding is a guess from little text.
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding_confidence: Option<&'static str>,
    /// U+FFFD replacements made under `--lossy`.
    #[serde(skip_serializing_if = "is_zero")]
    replacements: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A chunk record with the file it came from.
#[derive(Serialize)]
struct ChunkJson<'c, 'd, 'a> {
    file: &'c str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_hex: Option<&'c str>,
    #[serde(flatten)]
    chunk: &'c Chunk<'d, 'a>,
}

/// What is known about the document besides its text.
pub struct Meta<'m> {
    pub file: &'m str,
    /// The file name's bytes in hex when they are not UTF-8 (`file` has
    /// U+FFFD for them).
    pub file_hex: Option<&'m str>,
    /// What the reader gave: the text, its source and map.
    pub extracted: &'m tigang::input::Extracted,
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
        Format::Text => out.write_all(meta.extracted.text.as_bytes()),
        Format::Markdown => out.write_all(tigang::render::markdown(doc).as_bytes()),
        Format::Json => {
            let x = meta.extracted;
            let value = DocumentJson {
                file: style.jsonl.then_some(meta.file),
                file_hex: meta.file_hex.filter(|_| style.jsonl),
                doc: tigang::render::WithSource::new(doc, &x.source, &x.map),
                encoding_confidence: x.guessed.then_some("low"),
                replacements: x.replaced,
            };
            if style.jsonl {
                serde_json::to_writer(&mut *out, &value)?;
            } else {
                serde_json::to_writer_pretty(&mut *out, &value)?;
            }
            out.write_all(b"\n")
        }
        Format::Chunks => {
            let mut opts = tigang::render::ChunkOptions::default();
            opts.max_chars = style.max_chars.map(NonZeroUsize::get);
            opts.min_chars = style.min_chars.map(NonZeroUsize::get);
            for chunk in tigang::render::chunks_with(doc, opts) {
                let record = ChunkJson {
                    file: meta.file,
                    file_hex: meta.file_hex,
                    chunk: &chunk,
                };
                serde_json::to_writer(&mut *out, &record)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
    }
}
