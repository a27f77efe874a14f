//! Lost line breaks (spec §2): which line-level markers found inside a
//! paragraph count, because the text around them shows a run of them or a
//! list announced right before.

use super::candidate::{Boundary, Candidate, Line};
use crate::kind::MarkerKind;
use crate::numeral::class::is_cn_numeral;

/// Whether the bytes at `s` can begin a list marker, from their first two
/// bytes: an ASCII digit or `(`; 一二三五七九 (E4 B8–BA), 四六八十 (E5 85/8D/9B);
/// `（` and full-width digits (EF BC); enclosed numerals (E2 91–93, E2 9D,
/// E3 88/8A); `〔` (E3 80); the compatibility and Kangxi forms (EF A7, E2 BC).
pub(crate) fn may_start_list(bytes: &[u8], s: usize) -> bool {
    match bytes.get(s..s + 2) {
        Some([b'0'..=b'9' | b'(', _]) => true,
        Some([0xE4, 0xB8..=0xBA] | [0xE5, 0x85 | 0x8D | 0x9B]) => true,
        Some(
            [0xEF, 0xBC | 0xA7] | [0xE2, 0x91..=0x93 | 0x9D | 0xBC] | [0xE3, 0x80 | 0x88 | 0x8A],
        ) => true,
        _ => bytes.get(s).is_some_and(u8::is_ascii_digit),
    }
}

/// The kinds that count inside a paragraph when the line breaks were lost
/// (spec §2: "as `numeral`"), and `①` after a short label.
pub(crate) fn is_list_kind(kind: MarkerKind) -> bool {
    matches!(
        kind,
        MarkerKind::Numeral
            | MarkerKind::ParenNumeral
            | MarkerKind::Digit
            | MarkerKind::ParenDigit
            | MarkerKind::Circled
    )
}

/// Which line-level markers found inside paragraphs count (spec §2, lost
/// line breaks). One stands outside quotes and
///
/// - is part of a run: the next number of its kind follows later on the
///   same line (`主要问题在于：一、…。二、…`);
/// - or continues a series of its kind the document already opened;
/// - or, numbered 1, follows a short label (`注：1、…` with `2、` after it);
/// - or, numbered 1, follows a sentence that announces points
///   (`下面，我讲三点意见。一、…`, `主要有以下几个方面：（一）…`).
///
/// The others are dropped. One forward pass; the next candidate of each
/// kind is found by one backward pass first.
pub(crate) fn accept_lost_breaks(src: &str, lines: &[Line], cands: &mut Vec<Candidate>) {
    let lost = |c: &Candidate| c.boundary == Boundary::Sentence && is_list_kind(c.rec.kind);
    if !cands.iter().any(lost) {
        return;
    }
    glued_first_items(src, lines, cands);
    const KINDS: usize = MarkerKind::ALL.len();
    let mut next: Vec<Option<usize>> = vec![None; cands.len()];
    let mut seen: [Option<usize>; KINDS] = [None; KINDS];
    for (i, c) in cands.iter().enumerate().rev() {
        if is_list_kind(c.rec.kind) {
            next[i] = seen[c.rec.kind as usize].replace(i);
        }
    }
    let mut last: [Option<u32>; KINDS] = [None; KINDS];
    let mut keep = vec![true; cands.len()];
    // Quote depth along the current line, up to `quote_at`.
    let (mut quote_line, mut quote_at, mut depth) = (usize::MAX, 0, 0u32);
    for i in 0..cands.len() {
        let c = cands[i];
        let k = c.rec.kind as usize;
        if c.rec.kind == MarkerKind::Part {
            last = [None; KINDS];
            continue;
        }
        if !lost(&c) {
            if c.boundary == Boundary::LineStart && is_list_kind(c.rec.kind) {
                last[k] = Some(c.rec.number);
            }
            continue;
        }
        let line = &lines[c.line];
        if quote_line != c.line {
            (quote_line, quote_at, depth) = (c.line, line.content, 0);
        }
        depth = quote_depth(&src[quote_at..c.start], depth);
        quote_at = c.start;
        let n = c.rec.number;
        let next_is = |m: u32, same_line: bool| {
            next[i].is_some_and(|j| {
                let d = &cands[j];
                d.rec.number == m && (!same_line || (d.line == c.line && lost(d)))
            })
        };
        let accept = depth == 0
            && if c.rec.kind == MarkerKind::Circled {
                n == 1 && after_label(src, line, &c) && next_is(2, false)
            } else {
                next_is(n + 1, true)
                    || last[k].is_some_and(|p| p.checked_add(1) == Some(n))
                    || (n == 1 && after_label(src, line, &c) && next_is(2, false))
                    || (n == 1 && announces(src, line, &c))
            };
        if accept {
            last[k] = Some(n);
        } else {
            keep[i] = false;
        }
    }
    let mut i = 0;
    cands.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// How far back a glued first item is looked for.
const GLUED_WINDOW: usize = 1024;

/// A bracketed `（二）` of a run inside a paragraph whose `（一）` was glued
/// to the title before it, with no boundary (`三、重点任务（一）推进…。（二）…`):
/// that `（一）` is the run's first item, and the title before it ends there.
/// Looked for only behind a lost `（二）` with no `（一）` before it on its
/// line, within [`GLUED_WINDOW`] bytes and after the previous marker.
fn glued_first_items(src: &str, lines: &[Line], cands: &mut Vec<Candidate>) {
    let mut found: Vec<Candidate> = Vec::new();
    // Where the last candidate on the current line ends, and the number of
    // the last bracketed one of each kind there (a run restarts at 2 only
    // where the one before it is not its 1).
    let mut line_at = usize::MAX;
    let mut prev_end = 0;
    let mut last: [Option<u32>; 2] = [None; 2];
    for c in cands.iter() {
        if c.line != line_at {
            line_at = c.line;
            prev_end = lines[c.line].content;
            last = [None; 2];
        }
        let slot = match c.rec.kind {
            MarkerKind::ParenNumeral => Some(0),
            MarkerKind::ParenDigit => Some(1),
            _ => None,
        };
        if let Some(k) = slot {
            if c.rec.number == 2 && c.boundary == Boundary::Sentence && last[k] != Some(1) {
                if let Some(g) = glued_one(src, c, prev_end) {
                    found.push(g);
                }
            }
            last[k] = Some(c.rec.number);
        }
        prev_end = prev_end.max(c.end());
    }
    if found.is_empty() {
        return;
    }
    cands.extend(found);
    cands.sort_by_key(|c| c.start);
}

/// The `（一）` written as `c` (`（二）`) is, glued after an ideograph in
/// `[from, c.start)`: the last one there, not after `第` (`第（一）项`).
fn glued_one(src: &str, c: &Candidate, from: usize) -> Option<Candidate> {
    let marker = &src[c.start..c.end()];
    let mut chars = marker.chars();
    let (open, two, close) = (chars.next()?, chars.next()?, chars.next()?);
    if chars.next().is_some() || !matches!(open, '（' | '(' | '〔') {
        return None;
    }
    let one = match two {
        '二' => '一',
        '2' => '1',
        '２' => '１',
        _ => return None,
    };
    let mut from = from.max(c.start.saturating_sub(GLUED_WINDOW));
    while !src.is_char_boundary(from) {
        from += 1;
    }
    let want: String = [open, one, close].iter().collect();
    let at = from + src[from..c.start].rfind(&want)?;
    let before = src[..at].chars().next_back()?;
    if before == '第' || !('\u{4E00}'..='\u{9FFF}').contains(&before) {
        return None;
    }
    let mut rec = c.rec;
    rec.number = 1;
    Some(Candidate { start: at, ..*c }).map(|g| Candidate { rec, ..g })
}

/// Quotes and brackets left open after `text`, starting from `depth`.
fn quote_depth(text: &str, mut depth: u32) -> u32 {
    for c in text.chars() {
        match c {
            '“' | '「' | '『' | '《' | '(' | '（' => depth += 1,
            '”' | '」' | '』' | '》' | ')' | '）' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth
}

/// A short label and a colon before the marker, at the start of its line:
/// `注：1、…`, `主要内容：①…`.
fn after_label(src: &str, line: &Line, c: &Candidate) -> bool {
    let before = src[line.content..c.start].trim_end();
    before.ends_with(['：', ':']) && before.chars().count() <= 12
}

/// Whether the sentence before the marker announces points: `下面，我讲三点
/// 意见。`, `主要有以下几个方面：`, `具体如下：`.
fn announces(src: &str, line: &Line, c: &Candidate) -> bool {
    let before = &src[line.content..c.start];
    // The sentence that ends right before the marker.
    let body = before
        .trim_end()
        .trim_end_matches(['。', '：', ':', '；', '！', '？']);
    let start = body.rfind(['。', '！', '？', '；']).map_or(0, |p| {
        p + body[p..].chars().next().map_or(0, char::len_utf8)
    });
    let sentence = &body[start..];
    if sentence.chars().count() > 80 {
        return false;
    }
    const WORDS: [&str; 6] = ["以下", "如下", "下面", "几点", "几个", "幾個"];
    if WORDS.iter().any(|w| sentence.contains(w)) {
        return true;
    }
    // A count of points: `三点意见`, `两个问题`, `四个方面`, `五项任务`.
    let chars: Vec<char> = sentence.chars().collect();
    chars.windows(2).any(|w| {
        (is_cn_numeral(w[0]) || w[0] == '两' || w[0] == '兩')
            && matches!(
                w[1],
                '点' | '點' | '个' | '個' | '项' | '項' | '条' | '條' | '方'
            )
    })
}
