//! Whether a document's `#` depths carry its levels (spec §3 rule 3), and
//! which explicit heading is the document's title.
//!
//! PDF converters (MinerU, docling, marker…) write every heading on one `#`
//! depth, and mark captions, author lines and translated titles `#` too. The
//! evidence is in the order of the numbered `#` lines: where a series that
//! the numbering ranks lower starts (at 1) right after a heading of a
//! higher-ranked kind at the same depth (`# 一、…` then `# （一）…`, `# 3 方法`
//! then `# 3.1 数据`), the depth tells nothing; where it starts one depth
//! deeper (`## 一、` then `### （一）`), it does. Each part decides by the
//! majority of such transitions, in one pass over its candidates.
//!
//! In a part whose depths carry no level, numbered headings are placed by
//! their numbering alone ([`Place::Numbering`]), and each unnumbered `#`
//! line is judged by its text ([`furniture::unnumbered`]): the first that
//! reads as a title is the document title; a section label is a top-level
//! heading ([`Place::Label`]); before the first numbered heading or label,
//! the rest is the paper's front matter (authors, abstract lines): body;
//! after it, a short line reads as a heading ([`Place::Loose`]); a caption,
//! an author or keyword line, a translated title or a sentence is body.

use super::candidate::{Boundary, Candidate, Line, Place};
use super::furniture::{self, Unnumbered};
use crate::kind::MarkerKind;

/// Judges every explicit heading of the candidates (after `first_line`,
/// the first line after any front matter), dropping those that are body
/// text or the document's title, and returns where the title's line starts
/// when an explicit heading is the title (it stays in the preamble).
pub(crate) fn judge(
    src: &str,
    lines: &[Line],
    cands: &mut Vec<Candidate>,
    first_line: usize,
) -> Option<usize> {
    if !cands.iter().any(|c| c.explicit > 0) {
        return None;
    }
    let latin_is_foreign = written_in_chinese(src, lines, cands);
    let mut keep = vec![true; cands.len()];
    let mut title = None;
    let mut from = 0;
    while from < cands.len() {
        // One part: from its marker (or the start) to the next part.
        let to = cands[from + 1..]
            .iter()
            .position(|c| c.rec.kind == MarkerKind::Part)
            .map_or(cands.len(), |i| from + 1 + i);
        let part = from..to;
        let first_part = from == 0 && cands[0].rec.kind != MarkerKind::Part;
        if depth_carries_no_level(&cands[part.clone()]) {
            let found = flatten(src, lines, cands, part, &mut keep, latin_is_foreign);
            if first_part {
                title = found;
            }
        } else if first_part {
            title = title_heading(src, lines, cands, first_line);
            if let Some(i) = title {
                keep[i] = false;
            }
        }
        from = to;
    }
    let start = title.map(|i| cands[i].start);
    let mut i = 0;
    cands.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    start
}

/// The default rank of a numbered line-level candidate (GB/T 9704 order),
/// `None` for explicit headings and ordinals.
fn rank(c: &Candidate) -> Option<u16> {
    c.rec.kind.rank(usize::from(c.rec.depth))
}

/// Whether the `#` lines of one part tell no levels apart: more lower-ranked
/// series start right after a higher-ranked heading at the same depth than
/// one depth or more deeper. Numbered lines without a depth between them are
/// body text as far as the `#` lines go.
fn depth_carries_no_level(cands: &[Candidate]) -> bool {
    let (mut same, mut deeper) = (0u32, 0u32);
    let mut prev: Option<&Candidate> = None;
    for c in cands {
        if c.explicit == 0 || c.boundary != Boundary::LineStart {
            continue;
        }
        if let (Some(p), Some(r)) = (prev, rank(c)) {
            let starts = c.rec.number == 1;
            if starts && rank(p).is_some_and(|pr| pr < r) {
                if p.explicit == c.explicit {
                    same += 1;
                } else if p.explicit < c.explicit {
                    deeper += 1;
                }
            }
        }
        prev = Some(c);
    }
    same > deeper
}

/// Whether the document is written in Chinese, so that an explicit heading
/// in Latin script is a translation (`Review on …`), not one of its own:
/// more of its explicit heading lines hold an ideograph than do not.
fn written_in_chinese(src: &str, lines: &[Line], cands: &[Candidate]) -> bool {
    let (mut han, mut other) = (0usize, 0usize);
    for c in cands.iter().filter(|c| c.explicit > 0) {
        if src[c.start..lines[c.line].end]
            .chars()
            .any(furniture::is_han)
        {
            han += 1;
        } else {
            other += 1;
        }
    }
    han > other
}

/// The text of an explicit heading's line, without a closing `#` run.
fn line_text<'s>(src: &'s str, lines: &[Line], c: &Candidate) -> &'s str {
    src[c.start..lines[c.line].end]
        .trim_end()
        .trim_end_matches('#')
        .trim()
}

/// One part whose depths carry no level: numbered headings placed by their
/// numbering, unnumbered `#` lines judged by their text. Returns the index
/// of the title line, when one was found (marked not to keep).
fn flatten(
    src: &str,
    lines: &[Line],
    cands: &mut [Candidate],
    part: std::ops::Range<usize>,
    keep: &mut [bool],
    latin_is_foreign: bool,
) -> Option<usize> {
    // Before the first numbered heading or label: the front matter.
    let mut front = true;
    let mut title: Option<usize> = None;
    for i in part {
        let c = &mut cands[i];
        if c.rec.kind != MarkerKind::Heading {
            if c.place == Place::Markup {
                c.place = Place::Numbering;
            }
            front &= !(c.boundary == Boundary::LineStart && rank(c).is_some());
            continue;
        }
        let text = line_text(src, lines, c);
        match furniture::unnumbered(text, latin_is_foreign) {
            Unnumbered::Body => keep[i] = false,
            Unnumbered::Label => {
                c.place = Place::Label;
                front = false;
            }
            Unnumbered::Heading if front => {
                keep[i] = false;
                if title.is_none() && super::doc_title::is_title_like(text) {
                    title = Some(i);
                }
            }
            Unnumbered::Heading => {
                // A running header repeats the title.
                let repeats = title.is_some_and(|t| {
                    let t = &cands[t];
                    line_text(src, lines, t) == text
                });
                if repeats {
                    keep[i] = false;
                } else {
                    cands[i].place = Place::Loose;
                }
            }
        }
    }
    title
}

/// Where depths do carry levels: an explicit heading on the first line of
/// the text is the document title (`# 標題`, spec §3 rule 3) when no other
/// unnumbered heading has its depth and it is not a section label
/// (`## 编者按`). Returns its index.
fn title_heading(
    src: &str,
    lines: &[Line],
    cands: &[Candidate],
    first_line: usize,
) -> Option<usize> {
    let first = cands.first()?;
    if first.rec.kind != MarkerKind::Heading || first.line != first_line {
        return None;
    }
    let level = first.explicit;
    let text = line_text(src, lines, first);
    let label = super::doc_title::is_section_label(text);
    let shared = cands[1..]
        .iter()
        .any(|c| c.rec.kind == MarkerKind::Heading && c.explicit == level);
    (!label && !shared).then_some(0)
}
