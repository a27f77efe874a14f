//! Tables of contents (spec §5): a labelled block of heading-like lines, or a
//! run of bodiless heading lines whose titles come back later as headings.

use std::collections::HashMap;

use crate::document::Span;
use crate::kind::MarkerKind;
use crate::scan::{self, Boundary, Candidate, Line};
use crate::tree;

/// What [`detect`] found: line indices (into the whole document).
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub label: Option<usize>,
    pub lines: Vec<usize>,
    pub entries: Vec<Candidate>,
}

/// Longest line, in bytes, that still reads as a TOC entry.
const MAX_ENTRY: usize = 200;

/// Finds the table of contents. `lines` starts at document line `offset`;
/// `cands` are all candidates in order.
pub(crate) fn detect(src: &str, lines: &[Line], offset: usize, cands: &[Candidate]) -> Found {
    // Line-start candidates that could be TOC entries: no sentence end, short.
    let heads: Vec<&Candidate> = cands
        .iter()
        .filter(|c| {
            c.boundary == Boundary::LineStart && is_entry_like(src, &lines[c.line - offset], c)
        })
        .collect();

    if let Some(found) = labelled(src, lines, offset, &heads) {
        return found;
    }
    unlabelled(src, lines, offset, cands, &heads)
}

fn is_entry_like(src: &str, line: &Line, c: &Candidate) -> bool {
    let rest = &src[c.end()..line.end];
    line.end - line.start <= MAX_ENTRY && !rest.contains(['。', '！', '？'])
}

/// `目录` (or `目錄/提綱:……`) followed by heading-like lines.
fn labelled(src: &str, lines: &[Line], offset: usize, heads: &[&Candidate]) -> Option<Found> {
    let mut h = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() || !is_label(&src[line.content..line.end]) {
            continue;
        }
        let mut found = Found {
            label: Some(offset + i),
            ..Found::default()
        };
        h += heads[h..].partition_point(|c| c.line <= offset + i);
        for (j, next) in lines.iter().enumerate().skip(i + 1) {
            if next.is_blank() {
                continue;
            }
            match heads.get(h) {
                // The first entry again, or its number again (the text's
                // heading may be worded longer than the entry), is the text
                // after the TOC. The label, not the numbers, says there is a
                // TOC, so renumbering can only move where it ends.
                Some(c)
                    if found.entries.first().is_some_and(|f| {
                        (f.rec.kind, f.rec.number) == (c.rec.kind, c.rec.number)
                            || restarts(src, lines, offset, f, c)
                    }) =>
                {
                    break;
                }
                Some(c) if c.line == offset + j => {
                    found.lines.push(c.line);
                    found.entries.push(**c);
                    h += 1;
                }
                _ => break,
            }
        }
        if !found.entries.is_empty() {
            return Some(found);
        }
    }
    None
}

/// The label line: `目录`, `目 錄`, `提纲`, `目錄/提綱:……`.
fn is_label(text: &str) -> bool {
    const WORDS: [[char; 2]; 7] = [
        ['目', '录'],
        ['目', '錄'],
        ['目', '次'],
        ['提', '纲'],
        ['提', '綱'],
        ['大', '纲'],
        ['大', '綱'],
    ];
    let mut rest = text;
    let mut words = 0;
    loop {
        rest =
            rest.trim_start_matches(|c| scan::is_space(c) || matches!(c, '/' | '／' | '、' | '|'));
        let mut chars = rest.chars();
        let (Some(a), _) = (chars.next(), ()) else {
            break;
        };
        let after_a = chars.as_str().trim_start_matches(scan::is_space);
        let Some(b) = after_a.chars().next() else {
            break;
        };
        if !WORDS.contains(&[a, b]) {
            break;
        }
        rest = &after_a[b.len_utf8()..];
        words += 1;
    }
    words > 0
        && rest
            .trim_matches(|c| {
                scan::is_space(c)
                    || matches!(c, ':' | '：' | '…' | '.' | '·' | '-' | '—' | '－' | '_')
            })
            .is_empty()
}

/// Runs of two or more bodiless heading lines, most of whose titles appear
/// again as headings after the run.
fn unlabelled(
    src: &str,
    lines: &[Line],
    offset: usize,
    cands: &[Candidate],
    heads: &[&Candidate],
) -> Found {
    let mut found = Found::default();
    let runs = runs(src, lines, offset, heads);
    if runs.is_empty() {
        return found;
    }
    // Every line on which each title appears as a line-start heading, and
    // where parts begin: a compilation repeats its headings part after part,
    // so a TOC entry must come back within its own part.
    // Only titles that some run holds are keyed; the kind and the first
    // character rule out most lines before the whole title is read.
    let title_start = |c: &Candidate| {
        let line = &lines[c.line - offset];
        let first = src[tree::skip_delimiter(src, c.end(), line.end)..line.end]
            .chars()
            .next();
        (c.rec.kind, first)
    };
    let mut firsts: Vec<(MarkerKind, Option<char>)> = runs
        .iter()
        .flat_map(|r| heads[r.0..r.1].iter().map(|c| title_start(c)))
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    let mut seen: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut parts = Vec::new();
    for c in cands.iter().filter(|c| c.boundary == Boundary::LineStart) {
        if c.rec.kind == MarkerKind::Part {
            parts.push(c.line);
        }
        if firsts.binary_search(&title_start(c)).is_ok() {
            if let Some(k) = key(src, &lines[c.line - offset], c) {
                seen.entry(k).or_default().push(c.line);
            }
        }
    }
    for run in runs {
        let entries = &heads[run.0..run.1];
        let end_line = entries.last().map_or(0, |c| c.line);
        let part_end = parts
            .iter()
            .find(|&&p| p > end_line)
            .copied()
            .unwrap_or(usize::MAX);
        let again = entries
            .iter()
            .filter(|c| {
                key(src, &lines[c.line - offset], c)
                    .and_then(|k| seen.get(&k))
                    .is_some_and(|at| {
                        let i = at.partition_point(|&l| l <= end_line);
                        at.get(i).is_some_and(|&l| l < part_end)
                    })
            })
            .count();
        if again >= 2 && again * 2 >= entries.len() {
            for c in entries {
                found.lines.push(c.line);
                found.entries.push(**c);
            }
        }
    }
    found
}

/// Index ranges into `heads` of runs of consecutive heading lines (blank
/// lines between them allowed).
fn runs(src: &str, lines: &[Line], offset: usize, heads: &[&Candidate]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for k in 1..=heads.len() {
        let joined = k < heads.len() && !restarts(src, lines, offset, heads[start], heads[k]) && {
            let (a, b) = (heads[k - 1].line - offset, heads[k].line - offset);
            b > a && lines[a + 1..b].iter().all(Line::is_blank)
        };
        if !joined {
            if k - start >= 2 {
                out.push((start, k));
            }
            start = k;
        }
    }
    out
}

/// Whether `c` is the TOC's first entry again (same kind and title): a table
/// of contents lists each heading once, so this is the text after it.
fn restarts(src: &str, lines: &[Line], offset: usize, first: &Candidate, c: &Candidate) -> bool {
    c.rec.kind == first.rec.kind
        && key(src, &lines[c.line - offset], c)
            .is_some_and(|k| Some(k) == key(src, &lines[first.line - offset], first))
}

/// A TOC entry as compared with a heading: a hash of its kind and
/// title characters without whitespace and page number (no allocation per
/// line); `None` for an empty title.
fn key(src: &str, line: &Line, c: &Candidate) -> Option<u64> {
    let from = tree::skip_delimiter(src, c.end(), line.end);
    let (stop, _) = tree::title_stop(src, from, line.end);
    let span = strip_page_number(src, tree::trim(src, from, stop));
    // FxHash's mixing step: titles are short and collisions only cost a
    // missed TOC entry, so a cryptographic hash is not needed.
    // An empty title matches nothing: a bare marker is no evidence of a TOC.
    let title = &src[span.range()];
    // The heading must come back with the same kind, too. Numbers are left
    // out on purpose: renumbering (`tigang fmt`) must not make or break a TOC.
    let seed = c.rec.kind as u64;
    (!title.trim_matches(scan::is_space).is_empty()).then(|| {
        title
            .chars()
            .filter(|&ch| !scan::is_space(ch))
            .fold(seed, |h, ch| {
                (h.rotate_left(5) ^ ch as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
            })
    })
}

/// A TOC title without leader dots and a page number (`总体要求……3`).
pub(crate) fn strip_page_number(src: &str, span: Span) -> Span {
    let t = &src[span.range()];
    let leader =
        |c: char| scan::is_space(c) || matches!(c, '…' | '.' | '·' | '-' | '—' | '－' | '．' | '⋯');
    let digits = t.trim_end_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let t = if digits.len() < t.len() && digits.ends_with(leader) {
        digits
    } else {
        t
    };
    let t = t.trim_end_matches(leader);
    Span::new(span.start, span.start + t.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        for t in ["目录", "目 錄", "目錄/提綱:……", "提纲：", "目　录"] {
            assert!(is_label(t), "{t}");
        }
        for t in ["目录如下所示", "提纲挈领", "目标"] {
            assert!(!is_label(t), "{t}");
        }
    }

    #[test]
    fn page_numbers() {
        for (t, want) in [
            ("总体要求……………3", "总体要求"),
            ("总体要求 12", "总体要求"),
            ("2025年目标", "2025年目标"),
            ("工作要点....", "工作要点"),
        ] {
            let s = strip_page_number(t, Span::new(0, t.len()));
            assert_eq!(&t[s.range()], want);
        }
    }
}
