//! Tables of contents (spec §5): a labelled block of heading-like lines, or a
//! run of bodiless heading lines whose titles come back later as headings.
//!
//! Only line-start candidates short enough and without a sentence end
//! ("heads") can be entries. Titles are compared by [`key`], a hash: a head's
//! key is computed once, when first needed. A later line is keyed only when
//! it lies in the part of a run it follows and its text begins like the
//! title of one of that run's entries ([`Open`]); most lines are ruled out
//! after a character or two.

use std::cell::Cell;

use foldhash::{HashMap, HashSet};

use super::candidate::{Boundary, Candidate, Line, Place};
use super::recognise::Recognised;
use super::text;
use super::{noise, shape};
use crate::document::Span;
use crate::kind::MarkerKind;

/// What [`detect`] found: line indices (into the whole document).
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// Label lines (`目录`) that are not headings themselves (a Markdown
    /// `## 目录` is a heading of the tree and labels the block after it).
    pub labels: Vec<usize>,
    pub lines: Vec<usize>,
    pub entries: Vec<Candidate>,
}

/// Longest line, in bytes, that still reads as a TOC entry.
const MAX_ENTRY: usize = 200;

/// Finds the table of contents. `lines` starts at document line `offset`;
/// `cands` are all candidates in order.
pub(crate) fn detect(src: &str, lines: &[Line], offset: usize, cands: &[Candidate]) -> Found {
    let heads = Heads {
        src,
        lines,
        offset,
        list: cands
            .iter()
            .filter(|c| {
                c.boundary == Boundary::LineStart && is_entry_like(src, &lines[c.line - offset], c)
            })
            .map(|cand| Head {
                cand,
                key: Cell::new(None),
            })
            .collect(),
    };
    let mut found = labelled(&heads);
    if found.entries.is_empty() {
        found = unlabelled(&heads, cands);
    }
    with_page_numbers(&heads, &mut found);
    found
}

/// A line that ends in leader dots and a page number (`第一章 概述 ……… 1`,
/// or a bare page number after spaces: `## 第一章  12`) is a TOC entry
/// wherever it stands, never a body heading (spec §5).
fn with_page_numbers(heads: &Heads, found: &mut Found) {
    // Looked up in the lines found so far, which stay sorted until the new
    // ones are added at the end.
    let mut more: Vec<Candidate> = Vec::new();
    for head in &heads.list {
        let c = head.cand;
        if c.rec.kind == MarkerKind::Heading || found.lines.binary_search(&c.line).is_ok() {
            continue;
        }
        let end = heads.lines[c.line - heads.offset].end;
        // A page number is digits at the very end: one byte rules out most.
        let last = heads.src.as_bytes()[..end].last().copied();
        if last.is_some_and(|b| {
            b.is_ascii_digit() || (0x90..=0x99).contains(&b) || b.is_ascii_whitespace()
        }) && ends_in_page_number(&heads.src[c.end()..end])
        {
            more.push(*c);
        }
    }
    if !more.is_empty() {
        found.lines.extend(more.iter().map(|c| c.line));
        found.entries.extend(more);
        found.lines.sort_unstable();
        found.entries.sort_by_key(|c| c.start);
    }
}

/// `概述 .......... 1`, `总则……3`, `  12`: leader dots (or at least two
/// spaces) and then a page number end the text.
fn ends_in_page_number(text: &str) -> bool {
    let t = text.trim_end();
    let digits = t.trim_end_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digits.len() == t.len() || t.len() - digits.len() > 4 {
        return false;
    }
    let leaders = digits.len()
        - digits
            .trim_end_matches(['…', '.', '·', '．', '⋯', '-', '—', '_'])
            .len();
    let _ = leaders;
    let spaced = digits.trim_end_matches(text::is_space);
    let spaces = digits.len() - spaced.len();
    let dots = spaced.len()
        - spaced
            .trim_end_matches(['…', '.', '·', '．', '⋯', '-', '—', '_'])
            .len();
    dots >= 3 || spaces >= 2
}

/// No sentence end (`。！？`) after the marker, and short.
fn is_entry_like(src: &str, line: &Line, c: &Candidate) -> bool {
    // In UTF-8 `。` is E3 80 82, `！` EF BC 81, `？` EF BC 9F: find the lead
    // bytes (mostly punctuation in Chinese text) instead of decoding chars,
    // from the end, where a line with a sentence end usually has one.
    let rest = &src.as_bytes()[c.end()..line.end];
    line.end - line.start <= MAX_ENTRY
        && !memchr::memrchr2_iter(0xE3, 0xEF, rest).any(|i| {
            matches!(
                rest.get(i + 1..i + 3),
                Some([0x80, 0x82] | [0xBC, 0x81 | 0x9F])
            )
        })
}

/// A line-start candidate that could be a TOC entry, with its [`Key`] once
/// computed.
struct Head<'c> {
    cand: &'c Candidate,
    key: Cell<Option<Option<Key>>>,
}

/// The heads of a document, in order.
struct Heads<'a> {
    src: &'a str,
    lines: &'a [Line],
    offset: usize,
    list: Vec<Head<'a>>,
}

impl Heads<'_> {
    /// The [`key`] of head `h`, computed on first use.
    fn key(&self, h: usize) -> Option<Key> {
        let head = &self.list[h];
        if let Some(k) = head.key.get() {
            return k;
        }
        let c = head.cand;
        let end = self.lines[c.line - self.offset].end;
        // A head has no `。！？` after its marker, so its title runs to the
        // line end: there is no need to look for where it stops.
        let k = key(
            self.src,
            c.rec.kind,
            text::skip_delimiter(self.src, c.end(), end),
            end,
        );
        head.key.set(Some(k));
        k
    }

    /// An entry without a number: the whole line of kept line `j` (of
    /// `lines`), as a candidate of kind `heading` with an empty marker.
    fn unnumbered(&self, j: usize) -> Candidate {
        let l = &self.lines[j];
        Candidate {
            rec: Recognised::explicit(),
            start: l.content,
            line: self.offset + j,
            column: 1 + self.src[l.start..l.content].chars().count(),
            boundary: Boundary::LineStart,
            explicit: 0,
            bold: false,
            place: Place::Numbering,
        }
    }

    /// The key of entry `(line, head)` of a labelled block.
    fn entry_key(
        &self,
        (j, head): (usize, Option<usize>),
    ) -> Option<(MarkerKind, Option<u32>, Key)> {
        match head {
            Some(h) => {
                let c = self.list[h].cand;
                Some((c.rec.kind, Some(c.rec.number), self.key(h)?))
            }
            None => {
                let l = &self.lines[j];
                Some((
                    MarkerKind::Heading,
                    None,
                    key(self.src, MarkerKind::Heading, l.content, l.end)?,
                ))
            }
        }
    }

    /// Whether an entry of a labelled block is its first entry again: the
    /// same kind and title, or for numbered entries the same kind and number
    /// (the text's heading may be worded longer than the entry). The label,
    /// not the numbers, says there is a TOC, so renumbering can only move
    /// where it ends.
    fn entry_restarts(&self, first: (usize, Option<usize>), e: (usize, Option<usize>)) -> bool {
        match (self.entry_key(first), self.entry_key(e)) {
            (Some((fk, fnum, fkey)), Some((k, num, key))) => {
                fk == k && (key.full == fkey.full || (fnum.is_some() && fnum == num))
            }
            _ => false,
        }
    }

    /// Whether head `h` is head `first` again (same kind and title): a table
    /// of contents lists each heading once, so this is the text after it.
    fn restarts(&self, first: usize, h: usize) -> bool {
        self.list[h].cand.rec.kind == self.list[first].cand.rec.kind
            && self
                .key(h)
                .is_some_and(|k| Some(k.full) == self.key(first).map(|f| f.full))
    }
}

/// `目录` (or `目錄/提綱:……`) followed by entry lines (spec §5): every line
/// of the block is an entry, numbered or not (`前言`, `结束语`), until a line
/// that is not entry-like (a sentence, a paragraph, a lead-in ending in
/// `：`, a line of leader dots alone), a Markdown heading of the label's
/// level or above, or the first entry again. A document and each of its
/// parts may have one.
fn labelled(heads: &Heads) -> Found {
    let (src, lines, offset) = (heads.src, heads.lines, heads.offset);
    let mut found = Found::default();
    let mut last_seen: LastSeen<'_> = None;
    // Heads are in line order: `h` walks them with the lines.
    let mut h = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        // Every label word begins with 目, 提 or 大: three bytes rule out
        // nearly every line.
        let first = src.as_bytes().get(line.content..line.content + 3);
        let may_be_label = matches!(
            first,
            Some([0xE7, 0x9B, 0xAE] | [0xE6, 0x8F, 0x90] | [0xE5, 0xA4, 0xA7])
        );
        if !may_be_label {
            i += 1;
            continue;
        }
        if !is_label(&src[line.content..line.end]) {
            // `目录 一、总则……1 二、机构……3`: a whole TOC on its label's line.
            let entries = one_line_entries(src, line, offset + i);
            if entries.len() >= 2 {
                found.labels.push(offset + i);
                found.lines.push(offset + i);
                found.entries.extend(entries);
            }
            i += 1;
            continue;
        }
        let label_level = noise::atx_depth(&src[line.start..line.content]);
        // (line index, head index) of each entry.
        let mut block: Vec<(usize, Option<usize>)> = Vec::new();
        let mut ended_by_heading = false;
        let mut j = i + 1;
        while j < lines.len() {
            let l = &lines[j];
            while heads
                .list
                .get(h)
                .is_some_and(|hd| hd.cand.line < offset + j)
            {
                h += 1;
            }
            let head = heads
                .list
                .get(h)
                .filter(|hd| hd.cand.line == offset + j && hd.cand.rec.kind != MarkerKind::Heading)
                .map(|_| h);
            let level = noise::atx_depth(&src[l.start..l.content]);
            let first_level = block
                .first()
                .map(|&(fj, _)| noise::atx_depth(&src[lines[fj].start..lines[fj].content]));
            let markdown_heading = level > 0
                && (label_level == 0 || level <= label_level)
                && first_level != Some(level);
            let ends_block = !is_entry_text(&src[l.content..l.end])
                || markdown_heading
                || block
                    .first()
                    .is_some_and(|&first| heads.entry_restarts(first, (j, head)));
            if ends_block {
                // Only a Markdown label's block ends at a heading of its own
                // kind; under a plain `目录` (a converter's `# 一、` after
                // it) the unnumbered lines before are the title.
                ended_by_heading = markdown_heading && label_level > 0;
                break;
            }
            block.push((j, head));
            j += 1;
        }
        // Lines without a number after the last numbered entry are the text
        // after the TOC (its title, a salutation), unless a heading of the
        // text ends the block, or they are closing entries (`结束语`).
        if block.iter().any(|(_, hd)| hd.is_some()) && !ended_by_heading {
            // …or they come again as lines of the text (`附则` closing a
            // code's TOC, and again before its last articles).
            let again = again_later(src, lines, &block, j, &mut last_seen);
            while block.last().is_some_and(|&(bj, hd)| {
                hd.is_none()
                    && !is_closing_entry(&src[lines[bj].content..lines[bj].end])
                    && !again.contains(&bj)
            }) {
                block.pop();
            }
        } else if block.len() < 2 {
            block.clear();
        }
        if !block.is_empty() {
            if label_level == 0 {
                found.labels.push(offset + i);
            }
            for &(bj, hd) in &block {
                found.lines.push(offset + bj);
                found.entries.push(match hd {
                    Some(hd) => *heads.list[hd].cand,
                    None => heads.unnumbered(bj),
                });
            }
        }
        i = j.max(i + 1);
    }
    found
}

/// Most unnumbered lines at the end of a TOC block looked for again.
const MAX_TRAILING: usize = 8;

/// Each line's text (trimmed) and the last line that has it: built once,
/// the first time a TOC block ends in unnumbered lines.
type LastSeen<'s> = Option<foldhash::HashMap<&'s str, usize>>;

/// The unnumbered lines at the end of `block` (at most [`MAX_TRAILING`])
/// whose text, without leader dots and page number, is again the whole
/// text of a line from `after` on.
fn again_later<'s>(
    src: &'s str,
    lines: &[Line],
    block: &[(usize, Option<usize>)],
    after: usize,
    last_seen: &mut LastSeen<'s>,
) -> Vec<usize> {
    let entry = |bj: usize| {
        let l = &lines[bj];
        let t = &src[l.content..l.end];
        src[l.content..][strip_page_number(t, Span::new(0, t.len())).range()].trim()
    };
    let trailing = block
        .iter()
        .rev()
        .take_while(|(_, hd)| hd.is_none())
        .take(MAX_TRAILING);
    let mut found = Vec::new();
    for &(bj, _) in trailing {
        let last = last_seen.get_or_insert_with(|| {
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| (src[l.content..l.end].trim(), i))
                .collect()
        });
        let e = entry(bj);
        if !e.is_empty() && last.get(e).is_some_and(|&at| at >= after) {
            found.push(bj);
        }
    }
    found
}

/// Entries that close a TOC without a number: `结束语`, `附录`, `后记`.
fn is_closing_entry(text: &str) -> bool {
    const WORDS: [&str; 12] = [
        "结束语",
        "結束語",
        "结语",
        "結語",
        "附录",
        "附錄",
        "后记",
        "後記",
        "致谢",
        "致謝",
        "参考文献",
        "參考文獻",
    ];
    let t = &text[strip_page_number(text, Span::new(0, text.len())).range()];
    let t = t.trim();
    WORDS
        .iter()
        .any(|w| t.ends_with(w) && t.chars().count() <= w.chars().count() + 6)
}

/// Whether a line's text can be a TOC entry: short, no sentence end, not a
/// lead-in (`同志们：`), not only leader dots.
fn is_entry_text(text: &str) -> bool {
    let t = text.trim_end();
    t.len() <= MAX_ENTRY
        && !t.contains(['。', '！', '？'])
        && !t.ends_with(['：', ':'])
        && !t
            .trim_matches(|c| {
                text::is_space(c) || matches!(c, '…' | '.' | '·' | '．' | '⋯' | '-' | '—' | '_')
            })
            .is_empty()
}

/// The entries of a TOC written on its label's line: after the label word,
/// each marker that follows a run of spaces, leader dots or a page number
/// (`目录 一、总则……1 二、机构……3`), recognised by the grammar. Two or
/// more make a TOC.
fn one_line_entries(src: &str, line: &Line, line_index: usize) -> Vec<Candidate> {
    let text = &src[line.content..line.end];
    let Some(after_label) = label_prefix(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = line.content + after_label;
    let leader = |c: char| {
        text::is_space(c)
            || c.is_ascii_digit()
            || matches!(
                c,
                '…' | '.' | '·' | '．' | '⋯' | '-' | '—' | '_' | '：' | ':'
            )
    };
    while at < line.end {
        let rest = &src[at..line.end];
        let skip = rest.len() - rest.trim_start_matches(leader).len();
        let head = &src[at + skip..line.end];
        let found = shape::shape(head)
            .filter(|k| !k.is_ordinal())
            .and_then(|k| super::recognise::line_marker_of(k, head));
        let Some(rec) = found else { break };
        let start = at + skip;
        out.push(Candidate {
            rec,
            start,
            line: line_index,
            column: 1 + src[line.start..start].chars().count(),
            boundary: Boundary::LineStart,
            explicit: 0,
            bold: false,
            place: Place::Numbering,
        });
        // The entry runs to the next run of leaders that a marker follows.
        let body = &src[start + rec.len()..line.end];
        let mut next = None;
        for (k, c) in body.char_indices() {
            if leader(c) {
                let after = &body[k..];
                let skip = after.len() - after.trim_start_matches(leader).len();
                let rest = &after[skip..];
                if skip > 0 && shape::shape(rest).is_some_and(|k| !k.is_ordinal()) {
                    next = Some(start + rec.len() + k);
                    break;
                }
            }
        }
        match next {
            Some(n) => at = n,
            None => break,
        }
    }
    out
}

/// Byte length of a label word run at the start of `text` (`目录`, `目錄/提綱:`)
/// when text follows it after a space or colon.
fn label_prefix(text: &str) -> Option<usize> {
    for end in text.char_indices().map(|(i, c)| i + c.len_utf8()).take(12) {
        let (head, rest) = text.split_at(end);
        if is_label(head)
            && rest.starts_with(|c: char| text::is_space(c) || matches!(c, ':' | '：'))
        {
            let t = rest.trim_start_matches(|c: char| text::is_space(c) || matches!(c, ':' | '：'));
            return Some(text.len() - t.len());
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
            rest.trim_start_matches(|c| text::is_space(c) || matches!(c, '/' | '／' | '、' | '|'));
        let mut chars = rest.chars();
        let (Some(a), _) = (chars.next(), ()) else {
            break;
        };
        let after_a = &chars.as_str()[text::leading_space(chars.as_str())..];
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
                text::is_space(c)
                    || matches!(c, ':' | '：' | '…' | '.' | '·' | '-' | '—' | '－' | '_')
            })
            .is_empty()
}

/// Runs of two or more bodiless heading lines, most of whose titles appear
/// again as headings after the run.
fn unlabelled(heads: &Heads, cands: &[Candidate]) -> Found {
    let (src, lines, offset) = (heads.src, heads.lines, heads.offset);
    let mut found = Found::default();
    let runs = runs(heads);
    let Some(&(_, first_end)) = runs.first() else {
        return found;
    };
    let end_line = |run: (usize, usize)| heads.list[run.1 - 1].cand.line;
    // The entries' keys (an empty title matches nothing).
    let keys = |run: (usize, usize)| {
        (run.0..run.1).filter_map(|e| heads.key(e).map(|k| (heads.list[e].cand.rec.kind, k)))
    };
    let mut open = Open::new(runs.iter().flat_map(|&run| keys(run)));
    // The kind of the marker each line (of `lines`) starts with.
    let mut heading_line: Vec<Option<MarkerKind>> = vec![None; lines.len()];
    for c in cands.iter().filter(|c| c.boundary == Boundary::LineStart) {
        heading_line[c.line - offset] = Some(c.rec.kind);
    }
    // A compilation repeats its headings part after part, so a TOC entry
    // must come back after its run and within its own part: the window of
    // `runs[lo..hi]` holds the current line.
    let (mut lo, mut hi) = (0, 0);
    // The key and line of each line-start heading in some run's window that
    // may bring one of its titles back, and where parts begin.
    let mut seen: Vec<(u64, usize)> = Vec::new();
    let mut parts = Vec::new();
    // Heads are among these candidates, in the same order: `h` follows them,
    // so a head's key is shared with the runs'.
    let after = heads.list[first_end - 1].cand.line;
    let mut h = heads.list.partition_point(|head| head.cand.line <= after);
    let from = cands.partition_point(|c| c.line <= after);
    for c in cands[from..]
        .iter()
        .filter(|c| c.boundary == Boundary::LineStart)
    {
        let head = heads
            .list
            .get(h)
            .is_some_and(|head| std::ptr::eq(head.cand, c))
            .then_some(h);
        h += usize::from(head.is_some());
        while hi < runs.len() && end_line(runs[hi]) < c.line {
            keys(runs[hi]).for_each(|(kind, k)| open.add(kind, k));
            hi += 1;
        }
        if c.rec.kind == MarkerKind::Part {
            // The end of every open run's part, which the part line itself
            // is not in.
            parts.push(c.line);
            for &run in &runs[lo..hi] {
                keys(run).for_each(|(kind, k)| open.remove(kind, k));
            }
            lo = hi;
            continue;
        }
        if open.entries == 0 {
            if hi == runs.len() {
                break;
            }
            continue;
        }
        let end = lines[c.line - offset].end;
        if !open.begins(src, c, end) {
            continue;
        }
        let k = match head {
            Some(h) => heads.key(h),
            None => {
                let at = text::skip_delimiter(src, c.end(), end);
                let (stop, _) = text::title_stop(src, at, end);
                key(src, c.rec.kind, at, stop)
            }
        };
        // A heading a TOC lists has text of its own: its body on its line,
        // or a next line that is not the next item of its list. Items of
        // lists that repeat (three lists of the same `1、提交PR数 2、…`) have
        // none, and make no TOC.
        let next = c.line - offset + 1;
        let has_body =
            head.is_none() || (next < lines.len() && heading_line[next] != Some(c.rec.kind));
        if let (Some(k), true) = (k, has_body) {
            seen.push((k.full, c.line));
        }
    }
    seen.sort_unstable();
    // Runs and parts are in line order: one index walks the parts.
    let mut p = 0;
    for run in runs {
        let end_line = end_line(run);
        p += parts[p..].partition_point(|&l| l <= end_line);
        let part_end = parts.get(p).copied().unwrap_or(usize::MAX);
        let again = keys(run)
            .filter(|(_, k)| {
                // The first line after the run where the title is back.
                let i = seen.partition_point(|&s| s <= (k.full, end_line));
                seen.get(i)
                    .is_some_and(|&(s, l)| s == k.full && l < part_end)
            })
            .count();
        if again >= 2 && again * 2 >= run.1 - run.0 {
            for head in &heads.list[run.0..run.1] {
                found.lines.push(head.cand.line);
                found.entries.push(*head.cand);
            }
        }
    }
    found
}

/// The title prefixes ([`Key::prefix`]) of the entries whose window (after
/// their run, within its part) holds the current line: a line whose text
/// does not begin with one of them cannot bring back any of their titles, so
/// its title need not be read to its end.
struct Open {
    /// How many open entries have each prefix.
    live: HashMap<u64, u32>,
    /// Every entry's [`Key::first`]: most lines are ruled out after one
    /// character.
    firsts: HashSet<u64>,
    /// How many open entries have each kind.
    kinds: [u32; MarkerKind::ALL.len()],
    /// How many entries are open.
    entries: usize,
}

impl Open {
    fn new(keys: impl Iterator<Item = (MarkerKind, Key)>) -> Open {
        Open {
            live: HashMap::default(),
            firsts: keys.map(|(_, k)| k.first).collect(),
            kinds: [0; MarkerKind::ALL.len()],
            entries: 0,
        }
    }

    fn add(&mut self, kind: MarkerKind, k: Key) {
        *self.live.entry(k.prefix).or_default() += 1;
        self.kinds[kind as usize] += 1;
        self.entries += 1;
    }

    fn remove(&mut self, kind: MarkerKind, k: Key) {
        if let Some(n) = self.live.get_mut(&k.prefix) {
            *n -= 1;
        }
        self.kinds[kind as usize] -= 1;
        self.entries -= 1;
    }

    /// Whether the text after `c`'s marker (to `end`) begins with the prefix
    /// of an open entry of its kind. A title begins that text, so a title
    /// with an open entry's key passes.
    fn begins(&self, src: &str, c: &Candidate, end: usize) -> bool {
        if self.kinds[c.rec.kind as usize] == 0 {
            return false;
        }
        // What `key` hashes, without finding where the title stops: the
        // characters after the marker without whitespace and without the one
        // delimiter `text::skip_delimiter` skips.
        let mut chars = src[c.end()..end].chars().filter(|&ch| !text::is_space(ch));
        let mut hash = c.rec.kind as u64;
        let mut next = chars.next();
        if next.is_some_and(|ch| matches!(ch, '、' | '，' | ',' | '：' | ':')) {
            next = chars.next();
        }
        for n in 0..PREFIX {
            let Some(ch) = next else {
                break;
            };
            hash = mix(hash, ch);
            if n == 0 && !self.firsts.contains(&hash) {
                return false;
            }
            if self.live.get(&hash).is_some_and(|&live| live > 0) {
                return true;
            }
            next = chars.next();
        }
        false
    }
}

/// Index ranges into the heads of runs of consecutive heading lines (blank
/// lines between them allowed).
fn runs(heads: &Heads) -> Vec<(usize, usize)> {
    let list = &heads.list;
    let mut out = Vec::new();
    let mut start = 0;
    for k in 1..=list.len() {
        // Adjacency first: it is cheap, and titles are then read only for
        // heads that follow another.
        let joined = k < list.len()
            && {
                // Kept lines next to each other: only blank lines between.
                list[k].cand.line == list[k - 1].cand.line + 1
            }
            && !heads.restarts(start, k);
        if !joined {
            if k - start >= 2 {
                out.push((start, k));
            }
            start = k;
        }
    }
    out
}

/// Characters in [`Key::prefix`].
const PREFIX: usize = 4;

/// A title as compared with a TOC entry: hashes of the marker's kind and the
/// title's characters without whitespace and page number.
#[derive(Clone, Copy)]
struct Key {
    /// Of the whole title.
    full: u64,
    /// Of its first character.
    first: u64,
    /// Of its first [`PREFIX`] characters (or all, when fewer): cheap to
    /// check on any line, it rules out most lines before their title is read
    /// to its end.
    prefix: u64,
}

/// The [`Key`] of the title from `from` to `stop` (no allocation per line);
/// `None` for an empty title: a bare marker is no evidence of a TOC.
fn key(src: &str, kind: MarkerKind, from: usize, stop: usize) -> Option<Key> {
    let span = strip_page_number(src, text::trim(src, from, stop));
    // The heading must come back with the same kind, too. Numbers are left
    // out on purpose: renumbering (`tigang fmt`) must not make or break a TOC.
    let mut hash = kind as u64;
    let mut chars = src[span.range()].chars().filter(|&ch| !text::is_space(ch));
    let (mut first, mut prefix, mut n) = (0, 0, 0);
    for ch in chars.by_ref() {
        hash = mix(hash, ch);
        if n == 0 {
            first = hash;
        }
        n += 1;
        prefix = hash;
        if n == PREFIX {
            break;
        }
    }
    // The rest of a title, which can be long, with nothing else to track.
    for ch in chars {
        hash = mix(hash, ch);
    }
    (n > 0).then_some(Key {
        full: hash,
        first,
        prefix,
    })
}

/// FxHash's mixing step: titles are short and collisions only cost a missed
/// TOC entry, so a cryptographic hash is not needed.
fn mix(hash: u64, ch: char) -> u64 {
    (hash.rotate_left(5) ^ ch as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// A TOC title without leader dots and a page number (`总体要求……3`).
pub(crate) fn strip_page_number(src: &str, span: Span) -> Span {
    let t = &src[span.range()];
    let leader =
        |c: char| text::is_space(c) || matches!(c, '…' | '.' | '·' | '-' | '—' | '－' | '．' | '⋯');
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
