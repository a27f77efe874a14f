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

/// What [`judge`] found: where the title's line starts when an explicit
/// heading is the document title (it stays in the preamble), and whether
/// the first part's depths carry levels ([`title_heading`] then decides the
/// title, once the table of contents is known).
pub(crate) struct Judged {
    pub title_line: Option<usize>,
    pub depth_carries_level: bool,
}

/// Judges every explicit heading of the candidates: in each part whose
/// depths carry no level, numbered headings are placed by their numbering
/// and unnumbered lines by their text, and those that are body text or the
/// document's title leave the candidates.
pub(crate) fn judge(src: &str, lines: &[Line], cands: &mut Vec<Candidate>) -> Judged {
    let mut judged = Judged {
        title_line: None,
        depth_carries_level: true,
    };
    if !cands.iter().any(|c| c.explicit > 0) {
        return judged;
    }
    let latin_is_foreign = written_in_chinese(src, lines, cands);
    let mut keep = vec![true; cands.len()];
    let mut from = 0;
    while from < cands.len() {
        // One part: from its marker (or the start) to the next part.
        let to = cands[from + 1..]
            .iter()
            .position(|c| c.rec.kind == MarkerKind::Part)
            .map_or(cands.len(), |i| from + 1 + i);
        let part = from..to;
        let first_part = from == 0 && cands[0].rec.kind != MarkerKind::Part;
        // What each unnumbered `#` line is, read once.
        let lines_are: Vec<Option<Unnumbered>> = cands[part.clone()]
            .iter()
            .map(|c| {
                (c.rec.kind == MarkerKind::Heading && c.explicit > 0)
                    .then(|| furniture::unnumbered(line_text(src, lines, c), latin_is_foreign))
            })
            .collect();
        let depths = depths(src, &cands[part.clone()], &lines_are);
        if depths != Depths::Carry {
            let found = flatten(src, lines, cands, part, &mut keep, &lines_are, depths);
            if first_part && depths == Depths::Flat {
                judged.title_line = found.map(|i| cands[i].start);
                judged.depth_carries_level = false;
            }
        }
        from = to;
    }
    let mut i = 0;
    cands.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    judged
}

/// The default rank of a numbered line-level candidate (GB/T 9704 order),
/// `None` for explicit headings and ordinals.
fn rank(c: &Candidate) -> Option<u16> {
    c.rec.kind.rank(usize::from(c.rec.depth))
}

/// Whether the `#` lines of one part tell no levels apart.
///
/// - A series that starts (at 1) right after a heading of another numbered
///   kind at the same depth says they do not (`# 一、` ⏎ `# （一）`): a new
///   series right after a heading, with only body text between, is that
///   heading's; GB/T 9704 or the document's own order (rule 2: a `1.`
///   holding `（一）`) says which kind is whose.
/// - One that starts a depth or more deeper says they do (`## 一、` ⏎
///   `### （一）`).
/// - One that starts right after an unnumbered line that reads as a
///   heading at the same depth (`### 第二十三條` ⏎ `### 管理辦法` ⏎ `### 一.`:
///   the author chose one level), the title aside, says they do where
///   series after numbered headings say nothing.
///
/// The majority of series after numbered headings decides. With neither and one depth for every `#` line,
/// which a converter writes as an author could, only the lines that read as
/// no heading at all (a caption, an author line) or as the title are
/// judged by their text ([`Depths::Unknown`]). Numbered lines without a depth
/// between `#` lines are body text as far as those go.
fn depths(src: &str, cands: &[Candidate], judged: &[Option<Unnumbered>]) -> Depths {
    // Series after a numbered heading at the same depth, one deeper, and
    // after an unnumbered heading at the same depth.
    let (mut same, mut deeper, mut stands) = (0u32, 0u32, 0u32);
    let mut depths = (u8::MAX, 0u8);
    let mut prev: Option<&Candidate> = None;
    let mut prev_judged = None;
    // Before the first numbered `#` line, an unnumbered one is the title.
    let mut front = true;
    for (c, j) in cands.iter().zip(judged) {
        // A caption or an author line marked `#` is no heading.
        if c.explicit == 0 || c.boundary != Boundary::LineStart || *j == Some(Unnumbered::Body) {
            continue;
        }
        depths = (depths.0.min(c.explicit), depths.1.max(c.explicit));
        if let (Some(p), Some(_)) = (prev, rank(c)) {
            // An ordinal that starts its line holds what follows (rule 4).
            // Two forms of a kind (`一.` over `一、`) are two series.
            let other_kind = (rank(p).is_some() || p.rec.kind.is_ordinal())
                && super::nest::key(src, p) != super::nest::key(src, c);
            let after_heading = !front
                && p.rec.kind == MarkerKind::Heading
                && p.explicit == c.explicit
                && prev_judged == Some(Unnumbered::Heading);
            if c.rec.number == 1 && other_kind {
                if p.explicit == c.explicit {
                    same += 1;
                } else if p.explicit < c.explicit {
                    deeper += 1;
                }
            } else if c.rec.number == 1 && after_heading {
                stands += 1;
            }
        }
        front &= rank(c).is_none();
        prev = Some(c);
        prev_judged = *j;
    }
    if same > deeper {
        Depths::Flat
    } else if same + deeper + stands == 0 && depths.0 == depths.1 {
        Depths::Unknown
    } else {
        Depths::Carry
    }
}

/// What a part's `#` depths say ([`depths`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Depths {
    /// They tell levels apart: they place headings (rule 3).
    Carry,
    /// They tell nothing: the numbering places headings, and unnumbered
    /// `#` lines are judged by their text.
    Flat,
    /// One depth and no series to tell by: `#` lines keep their depth, but
    /// a caption, an author line or a sentence is body.
    Unknown,
}

/// Whether the document is written in Chinese, so that an explicit heading
/// in Latin script is a translation (`Review on …`), not one of its own:
/// more of its explicit heading lines hold an ideograph than do not.
fn written_in_chinese(src: &str, lines: &[Line], cands: &[Candidate]) -> bool {
    let (mut han, mut other) = (0usize, 0usize);
    for c in cands.iter().filter(|c| c.explicit > 0) {
        if src[c.start..lines[c.line].end]
            .chars()
            .any(super::paper::is_han)
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
    judged: &[Option<Unnumbered>],
    depths: Depths,
) -> Option<usize> {
    let flat = depths == Depths::Flat;
    let first = part.start;
    // Before the first numbered heading or label: the front matter.
    let mut front = true;
    let mut title: Option<usize> = None;
    for i in part {
        let c = &mut cands[i];
        if c.rec.kind != MarkerKind::Heading {
            if flat && c.place == Place::Markup {
                c.place = Place::Numbering;
            }
            front &= !(c.boundary == Boundary::LineStart && rank(c).is_some());
            continue;
        }
        let text = line_text(src, lines, c);
        match judged[i - first].unwrap_or(Unnumbered::Heading) {
            Unnumbered::Body => keep[i] = false,
            Unnumbered::Label => {
                if flat {
                    c.place = Place::Label;
                }
                front = false;
            }
            Unnumbered::Heading if flat && front && title.is_none() => {
                // The first `#` line that reads as a title is the title.
                let bare = text.trim_end_matches(['：', ':']);
                if super::doc_title::is_title_like(bare) {
                    title = Some(i);
                }
                keep[i] = false;
            }
            Unnumbered::Heading if flat && front && super::paper::is_institution(text) => {
                // An affiliation under the title (`北京大学信息管理系`).
                keep[i] = false;
            }
            Unnumbered::Heading => {
                // A running header repeats the title.
                let repeats = title.is_some_and(|t| {
                    let t = &cands[t];
                    line_text(src, lines, t) == text
                });
                if repeats {
                    keep[i] = false;
                } else if flat {
                    cands[i].place = Place::Loose;
                }
            }
        }
    }
    title
}

/// Where depths do carry levels: an explicit heading on the first line of
/// the text, or a `#` line before every other heading, is the document title (`# 標題`, spec §3 rule 3) when no other
/// unnumbered heading has its depth and it is not a section label
/// (`## 编者按`). Asked once the table of contents has left the candidates
/// (its lines are no headings); the title leaves them too, and where its
/// line starts is returned.
pub(crate) fn title_heading(
    src: &str,
    lines: &[Line],
    cands: &mut Vec<Candidate>,
    first_line: usize,
) -> Option<usize> {
    let first = cands.first()?;
    // On the first line; a `#` (depth 1) line before any other heading
    // wherever it stands, for it says more than a plain line above it (a
    // caption, a bullet, an author line).
    if first.rec.kind != MarkerKind::Heading || (first.line != first_line && first.explicit != 1) {
        return None;
    }
    let level = first.explicit;
    let text = line_text(src, lines, first);
    let label = super::doc_title::is_section_label(text) || furniture::is_label(text);
    let shared = cands[1..]
        .iter()
        .any(|c| c.rec.kind == MarkerKind::Heading && c.explicit == level);
    if label || shared {
        return None;
    }
    Some(cands.remove(0).start)
}
