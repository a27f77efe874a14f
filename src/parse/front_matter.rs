//! YAML front matter (spec §1): a `---` … `---` block at the very top,
//! which is never content (its `title:` is the document's title).

use super::candidate::Line;
use super::text::after_break;

/// The YAML front matter block (`---` … `---` at the very top), as the byte
/// offset where the content after it starts.
pub(crate) fn front_matter(src: &str, lines: &[Line]) -> Option<usize> {
    let first = lines.first().filter(|l| l.number == 0)?;
    let text = src[first.start..first.end].trim_start_matches('\u{FEFF}');
    if text.trim_end() != "---" {
        return None;
    }
    lines[1..]
        .iter()
        .find(|l| matches!(src[l.start..l.end].trim_end(), "---" | "..."))
        .map(|l| after_break(src.as_bytes(), l.end))
}
