//! Cheap scanning: lines, leading noise, and the few positions where a marker
//! can begin. Pest (via [`crate::recognise`]) only sees those positions.

use super::find;
use super::lookahead::Memo;
use super::recognise::{self, Recognised};
use super::text::{
    is_capital_numeral, is_cn_numeral, is_digit, is_numeral, is_space, leading, leading_space,
    trailing_space,
};
use crate::kind::MarkerKind;

/// One line of the input that holds more than noise. `start..end` is the
/// line without its line break, `content` (< `end`) is where the text begins
/// after the leading noise (spec §1), `number` counts every line from 0,
/// blank ones included.
///
/// Blank lines are not kept: nothing is ever found on them, and a file of
/// ten million `\r` would otherwise cost 320 MB. Two kept lines with
/// consecutive indices have only blank lines between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    pub start: usize,
    pub content: usize,
    pub end: usize,
    pub number: usize,
}

/// What stands before a marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Boundary {
    /// The start of the line (after the noise).
    LineStart,
    /// `。！？；：` (or a closing quote after one of them).
    Sentence,
    /// `，`: the marker only counts when it continues an open series.
    Comma,
    /// A part marker closing a short line that is its title.
    LineEnd,
}

/// A possible marker, in document order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub rec: Recognised,
    pub start: usize,
    pub line: usize,
    /// 1-based, in chars.
    pub column: usize,
    pub boundary: Boundary,
    /// The level the line declares (Markdown `#`s), 0 for none.
    pub explicit: u8,
    /// The line opens a Markdown bold run (`**一、总体要求**`): the title
    /// ends where it closes.
    pub bold: bool,
}

impl Candidate {
    pub fn end(&self) -> usize {
        self.start + self.rec.len()
    }
}

/// Splits `src` into lines at `\n`, `\r\n` and `\r`, and keeps those that
/// are not blank.
#[cfg(test)]
pub(crate) fn lines(src: &str) -> Vec<Line> {
    read(src, &mut Scanner::new(src)).lines
}

/// What one reading of the text gives ([`read`]).
pub(crate) struct Read {
    /// The lines, split at `\n`, `\r\n` and `\r`, the blank ones left out.
    pub lines: Vec<Line>,
    /// The offsets where `是` `要` `第` `。` `：` `；` `:` begin.
    pub marks: Vec<usize>,
    /// The marker at the head of each line that has one ([`Scanner`]).
    pub heads: Vec<Candidate>,
}

/// The text read once ([`find::positions`]): its lines, the marks for
/// [`Scanner::scan`], and each line's head marker, looked at by `scanner`
/// as the line is cut, while its bytes are still in the cache.
pub(crate) fn read<'s>(src: &'s str, scanner: &mut Scanner<'s>) -> Read {
    let bytes = src.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 40 + 1);
    let mut heads = Vec::new();
    let mut start = 0;
    let mut number = 0;
    let mut push = |start: usize, end: usize, number: usize| {
        let content = start + noise_len(&src[start..end]);
        if content < end {
            let line = Line {
                start,
                content,
                end,
                number,
            };
            if let Some(c) = scanner.line_head(lines.len(), &line) {
                heads.push(c);
            }
            lines.push(line);
        }
    };
    let marks = find::positions(bytes, |i| {
        if i < start {
            // The `\n` of a `\r\n` already consumed.
            return;
        }
        push(start, i, number);
        start = after_break(bytes, i);
        number += 1;
    });
    if start < bytes.len() {
        push(start, bytes.len(), number);
    }
    Read {
        lines,
        marks,
        heads,
    }
}

/// The start of the line after the one that ends at `end`.
pub(crate) fn after_break(bytes: &[u8], end: usize) -> usize {
    match bytes.get(end) {
        Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => end,
    }
}

/// Byte length of the leading noise of a line: whitespace, `>` quote marks,
/// Markdown `#`s, `**`, list bullets and HTML space entities.
pub(crate) fn noise_len(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        // Most lines begin with an ideograph (lead bytes E4–EE, never
        // noise), after an indent of `　` or ` `: bytes decide those.
        match b.get(i..i + 3) {
            Some([0xE4..=0xEE, ..]) => return i,
            Some([0xE3, 0x80, 0x80]) => {
                i += 3;
                continue;
            }
            Some([b' ', ..]) => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let rest = &line[i..];
        let Some(c) = rest.chars().next() else {
            return i;
        };
        let step = match c {
            c if is_space(c) => c.len_utf8(),
            '>' | '＞' => c.len_utf8(),
            '#' => {
                let hashes = rest.bytes().take_while(|&x| x == b'#').count();
                match rest[hashes..].chars().next() {
                    None => hashes,
                    Some(n) if is_space(n) => hashes,
                    _ => 0,
                }
            }
            '*' | '_' if b.get(i + 1) == Some(&(c as u8)) => 2,
            '-' | '*' | '+' => match rest[1..].chars().next() {
                Some(n) if is_space(n) => 1,
                _ => 0,
            },
            '•' | '·' | '●' | '○' | '■' | '□' | '◆' | '◇' | '▪' | '►' | '▶' => {
                c.len_utf8()
            }
            '&' => entity_len(rest),
            _ => 0,
        };
        if step == 0 {
            // Forum anti-copy junk glued before a marker (spec §1).
            return i + junk_len(rest);
        }
        i += step;
    }
}

/// Byte length of forum anti-copy junk at the start of `s`
/// (`u: g8 x9 P C" |# `4 G一、讲话…`): a run of ASCII letters, digits,
/// spaces and punctuation, with spaces and punctuation a real word or
/// number does not have, right before the first character of a marker that
/// starts with an ideograph or a bracket. 0 when there is none.
fn junk_len(s: &str) -> usize {
    let b = s.as_bytes();
    if !b.first().is_some_and(|&x| x.is_ascii_graphic()) {
        return 0;
    }
    let n = b.iter().take_while(|&&x| (0x20..0x7F).contains(&x)).count();
    if n < 6 || n == b.len() {
        return 0;
    }
    let run = &b[..n];
    let spaces = run.iter().filter(|&&x| x == b' ').count();
    let odd = run
        .iter()
        .filter(|&&x| {
            matches!(
                x,
                b'"' | b'|' | b'#' | b'`' | b'^' | b'~' | b'\\' | b':' | b'\''
            )
        })
        .count();
    let letters = run.iter().any(u8::is_ascii_alphabetic);
    let marker = shape(&s[n..]).is_some_and(|k| {
        !matches!(
            k,
            MarkerKind::Digit | MarkerKind::Dotted | MarkerKind::ParenDigit | MarkerKind::Letter
        )
    });
    if spaces >= 2 && odd >= 2 && letters && marker {
        n
    } else {
        0
    }
}

/// The number of `#` of a Markdown ATX heading, read from a line's leading
/// noise (`## `, `> ### `); 0 when the line is not one.
pub(crate) fn atx_depth(noise: &str) -> u8 {
    let b = noise.as_bytes();
    let Some(at) = memchr::memchr(b'#', b) else {
        return 0;
    };
    let hashes = b[at..].iter().take_while(|&&x| x == b'#').count();
    // `noise_len` takes `#`s only when a space or the end follows them.
    if hashes <= 6 { hashes as u8 } else { 0 }
}

/// Whether the text of an ATX line reads as a heading: something besides a
/// closing `#` run is there.
fn is_heading_text(text: &str) -> bool {
    let t = &text[..text.len() - trailing_space(text)];
    !t.trim_end_matches('#').trim_end().is_empty()
}

fn entity_len(s: &str) -> usize {
    const ENTITIES: [&str; 7] = [
        "&nbsp;", "&ensp;", "&emsp;", "&thinsp;", "&#160;", "&#12288;", "&#x3000;",
    ];
    ENTITIES
        .iter()
        .find(|e| s.starts_with(**e))
        .map_or(0, |e| e.len())
}

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

/// The kind a line start can only be, read from its first characters, so that
/// pest is asked only where a marker is likely and only for that kind (it
/// tries alternatives one by one). Conservative: never rejects what the
/// grammar would accept; the grammar still decides.
pub(crate) fn shape(head: &str) -> Option<MarkerKind> {
    use MarkerKind::*;
    let mut chars = head.chars();
    let c = chars.next()?;
    let rest = chars.as_str();
    let after_spaces = |s: &'_ str| s[leading_space(s)..].chars().next();
    // The character after a run of numerals (and spaces).
    let after_numerals =
        |s: &'_ str| after_spaces(s[leading_space(s)..].trim_start_matches(is_numeral));
    match c {
        c if is_cn_numeral(c) || is_capital_numeral(c) => {
            let after = rest.trim_start_matches(|c| is_cn_numeral(c) || is_capital_numeral(c));
            match (after.chars().next()?, after_spaces(after)?) {
                ('是', _) => Some(OrdinalShi),
                ('要', _) => Some(OrdinalYao),
                (_, '、' | '．' | '.') if is_capital_numeral(c) => Some(CapitalNumeral),
                (_, '、' | '．' | '.') => Some(Numeral),
                _ => None,
            }
        }
        '第' => {
            if !after_spaces(rest).is_some_and(is_numeral) {
                return None;
            }
            Some(match after_numerals(rest)? {
                '章' => Chapter,
                '节' | '節' | '\u{FA56}' | '\u{FAAD}' => Section,
                // `第十二至十四條`: a range of articles.
                '条' | '條' | '至' => Article,
                '篇' => Part,
                '编' | '編' => Book,
                '分' => SubBook,
                '部' => Division,
                _ => OrdinalDi,
            })
        }
        '篇' | '【' | '〖' => Some(Part),
        // `[1]` `［2］` are footnote marks, not items.
        '[' => match after_spaces(rest)? {
            '篇' | '第' => Some(Part),
            d if is_numeral(d) && !is_digit(d) => Some(ParenNumeral),
            _ => None,
        },
        '［' => match after_spaces(rest)? {
            d if is_numeral(d) && !is_digit(d) => Some(ParenNumeral),
            _ => None,
        },
        '（' | '(' | '〔' => match after_spaces(rest)? {
            d if is_digit(d) => Some(ParenDigit),
            d if is_numeral(d) => Some(ParenNumeral),
            d if d.is_ascii_alphabetic() => Some(Letter),
            _ => None,
        },
        c if c.is_ascii_alphabetic() => match rest.chars().next()? {
            '.' | '．' | '、' | ')' | '）' => Some(Letter),
            ' ' => matches!(after_spaces(rest)?, '.' | '．' | '、').then_some(Letter),
            _ => None,
        },
        d if is_digit(d) => {
            let after = rest.trim_start_matches(is_digit);
            let mut it = after.chars();
            match (it.next()?, it.next()) {
                ('.' | '．', Some(n)) if n.is_ascii_digit() => Some(Dotted),
                (')' | '）' | ']' | '］' | '〕' | '】', _) => Some(ParenDigit),
                _ => match after_spaces(after)? {
                    '.' | '．' | '、' | '：' | ':' => Some(Digit),
                    ')' | '）' | ']' | '］' | '〕' => Some(ParenDigit),
                    _ => None,
                },
            }
        }
        '\u{2460}'..='\u{2473}'
        | '\u{24EB}'..='\u{24FE}'
        | '\u{2776}'..='\u{2793}'
        | '\u{3251}'..='\u{325F}'
        | '\u{32B1}'..='\u{32BF}' => Some(Circled),
        '\u{2474}'..='\u{2487}' => Some(ParenDigit),
        '\u{2488}'..='\u{249B}' => Some(Digit),
        '\u{3220}'..='\u{3229}' | '\u{3280}'..='\u{3289}' => Some(ParenNumeral),
        '首' | '其' | '再' | '然' | '最' => matches!(
            (c, rest.chars().next()?),
            ('首', '先') | ('其', '次') | ('再', '次') | ('然', '后' | '後') | ('最', '后' | '後')
        )
        .then_some(Sequence),
        _ => None,
    }
}

/// Numeral characters an inline `是`/`要` ordinal can carry: `一`…`十` and the
/// forms that stand for them (all 3 bytes in UTF-8).
fn is_small_numeral(c: char) -> bool {
    is_cn_numeral(c)
        && !matches!(
            c,
            '〇' | '零' | '两' | '兩' | '廿' | '卅' | '百' | '千' | '\u{F978}' | '\u{F9B2}'
        )
}

/// Whether a small numeral (3 bytes) starts at byte `at`. `是` and `要` are
/// among the most common characters: their first two bytes rule out nearly
/// every ordinary word before any character is decoded.
fn small_numeral_at(src: &str, at: usize) -> bool {
    // 一二三五七九 E4 B8-BA, 四六八十 E5 85/8D/9B, the compatibility forms
    // EF A7 and E2 BC.
    matches!(
        src.as_bytes().get(at..at + 2),
        Some([0xE4, 0xB8..=0xBA] | [0xE5, 0x85 | 0x8D | 0x9B] | [0xEF, 0xA7] | [0xE2, 0xBC])
    ) && src
        .get(at..at + 3)
        .and_then(|s| s.chars().next())
        .is_some_and(is_small_numeral)
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '〕' | '"' | '\''
    )
}

/// What precedes an inline marker starting at `at`: spaces and closing quotes
/// are skipped; a line break or the start of the input means no boundary.
fn boundary_before(src: &str, at: usize) -> Option<Boundary> {
    // Most candidates follow an ideograph (lead bytes E4–E9): no boundary,
    // and no need to decode it.
    if at >= 3 && matches!(src.as_bytes()[at - 3], 0xE4..=0xE9) {
        return None;
    }
    let mut closing = false;
    for c in src[..at].chars().rev() {
        match c {
            c if is_space(c) => {}
            c if is_closing(c) => closing = true,
            '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':' => {
                return Some(Boundary::Sentence);
            }
            '，' | ',' if !closing => return Some(Boundary::Comma),
            _ => return None,
        }
    }
    None
}

/// Finds every candidate marker of the input, in document order.
pub(crate) struct Scanner<'s> {
    src: &'s str,
    memo: Memo<'s>,
}

impl<'s> Scanner<'s> {
    pub fn new(src: &'s str) -> Self {
        Scanner {
            src,
            memo: Memo::default(),
        }
    }

    /// Candidates of `lines` (document line numbers start at `first`), in
    /// order: the line heads [`read`] found, inline ordinals at its
    /// `marks`, merged.
    pub fn scan(
        &mut self,
        lines: &[Line],
        first: usize,
        marks: &[usize],
        mut heads: Vec<Candidate>,
    ) -> Vec<Candidate> {
        let from = lines.get(first).map_or(self.src.len(), |l| l.start);
        // Front matter has no markers.
        heads.retain(|c| c.line >= first);
        let (inline, lost) = self.in_paragraphs(lines, from, marks);
        let inline = merge_candidates(inline, lost);
        let mut out = Vec::with_capacity(heads.len() + inline.len());
        let (mut h, mut k) = (heads.iter().peekable(), inline.iter().peekable());
        let mut last_end = 0;
        loop {
            let next = match (h.peek(), k.peek()) {
                (Some(a), Some(b)) if a.start <= b.start => h.next(),
                (Some(_), None) => h.next(),
                (_, Some(_)) => k.next(),
                (None, None) => break,
            };
            let Some(&c) = next else { break };
            if c.start < last_end {
                continue;
            }
            // A part closing its line is the whole line's marker.
            if c.boundary != Boundary::LineEnd
                && out.last().is_some_and(|p: &Candidate| {
                    p.line == c.line && p.boundary == Boundary::LineEnd
                })
            {
                continue;
            }
            if c.boundary == Boundary::LineEnd
                && out.last().is_some_and(|p: &Candidate| p.line == c.line)
            {
                continue;
            }
            last_end = c.end();
            out.push(c);
        }
        accept_lost_breaks(self.src, lines, &mut out);
        // Columns, counted once per line, left to right.
        let (mut line, mut at, mut col) = (usize::MAX, 0, 1);
        for c in &mut out {
            if c.line != line {
                line = c.line;
                at = lines[line].start;
                col = 1;
            }
            col += find::count_chars(&self.src[at..c.start]);
            at = c.start;
            c.column = col;
        }
        out
    }

    /// The marker at the start of a line, a part closing it, or, on a
    /// Markdown ATX line that holds no marker, an explicit heading.
    fn line_head(&mut self, index: usize, line: &Line) -> Option<Candidate> {
        let head = &self.src[line.content..line.end];
        let noise = &self.src[line.start..line.content];
        let explicit = atx_depth(noise);
        let found = shape(head)
            .and_then(|kind| self.memo.line_marker(kind, head))
            .or_else(|| {
                // A title line may glue its number to the title (`### 4.1信息`)
                // or set it off with a space (`## 2 设计要求`).
                (explicit > 0 && head.starts_with(|c: char| c.is_ascii_digit()))
                    .then(|| recognise::title_number(head))
                    .flatten()
            })
            .map(|rec| (rec, line.content, Boundary::LineStart))
            .or_else(|| self.trailing_part(line))
            .or_else(|| {
                (explicit > 0 && is_heading_text(head)).then_some((
                    Recognised::explicit(),
                    line.content,
                    Boundary::LineStart,
                ))
            });
        found.map(|(rec, start, boundary)| Candidate {
            rec,
            start,
            line: index,
            column: 0,
            boundary,
            explicit,
            bold: noise.ends_with("**") || noise.ends_with("__"),
        })
    }

    /// `学校工作计划【第一篇】`: a bracketed part at the end of a short line.
    /// `党员干部学习的必要性篇3`: the same without brackets, when a short line
    /// with no sentence end ends in `篇` and a number.
    fn trailing_part(&self, line: &Line) -> Option<(Recognised, usize, Boundary)> {
        let text = &self.src[line.content..line.end];
        let trimmed = &text[..text.len() - trailing_space(text)];
        if trimmed.len() > 120 {
            return None;
        }
        let open = if trimmed.ends_with('】') || trimmed.ends_with('〗') {
            trimmed.rfind(['【', '〖'])?
        } else if trimmed.ends_with(|c: char| c.is_ascii_digit())
            && !trimmed.contains(['。', '！', '？', '：', ':'])
        {
            let digits =
                trimmed.len() - trimmed.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            trimmed[..trimmed.len() - digits].strip_suffix('篇')?.len()
        } else {
            return None;
        };
        if open == 0 {
            return None;
        }
        let rec = recognise::trailing_part(&text[open..])?;
        Some((rec, line.content + open, Boundary::LineEnd))
    }

    /// Inline ordinals and line-level markers inside paragraphs, from one
    /// pass over the text ([`find::positions`]); returns the two lists,
    /// each in order.
    ///
    /// - Inline ordinals after a boundary: at `是` and `要` the numerals
    ///   before them and the boundary are checked, at `第` the numerals and
    ///   delimiter after it; the grammar confirms.
    /// - Lost line breaks (spec §2): after `。`, `：`/`:` or `；`, a marker
    ///   of a kind that counts "as numeral" (and `①`). `！` and `？`, which
    ///   hardly ever come right before a list marker, are left to the line
    ///   starts. Which of them count is decided once all candidates are
    ///   known ([`accept_lost_breaks`]).
    fn in_paragraphs(
        &mut self,
        lines: &[Line],
        from: usize,
        marks: &[usize],
    ) -> (Vec<Candidate>, Vec<Candidate>) {
        let src = self.src;
        let bytes = src.as_bytes();
        let (mut inline, mut lost) = (Vec::new(), Vec::new());
        // Both lists come in order: a cursor finds each one's line.
        let mut li = 0;
        let mut line_of = |q: usize| {
            while li < lines.len() && lines[li].end <= q {
                li += 1;
            }
            li
        };
        for &p in &marks[marks.partition_point(|&p| p < from)..] {
            let (start, kind, boundary) = match bytes[p] {
                0xE6 | 0xE8 => {
                    // `是` or `要`: walk back over up to three numerals.
                    let mut q = p;
                    while q >= from + 3 && p - q < 9 && small_numeral_at(src, q - 3) {
                        q -= 3;
                    }
                    let Some(boundary) = (q < p).then(|| boundary_before(src, q)).flatten() else {
                        continue;
                    };
                    let kind = if bytes[p] == 0xE6 {
                        MarkerKind::OrdinalShi
                    } else {
                        MarkerKind::OrdinalYao
                    };
                    (q, kind, boundary)
                }
                0xE7 => {
                    // `第` + numerals + a delimiter (`，、：是要`): anything else
                    // (`第三方`, `第一次`) cannot be an ordinal.
                    let Some(boundary) = boundary_before(src, p) else {
                        continue;
                    };
                    let rest = &src[p + 3..];
                    let after = &rest[leading(rest, is_numeral)..];
                    if after.len() == rest.len()
                        || !after.starts_with(['，', ',', '、', '：', ':', '是', '要'])
                    {
                        continue;
                    }
                    (p, MarkerKind::OrdinalDi, boundary)
                }
                lead => {
                    let q = p + if lead == b':' { 1 } else { 3 };
                    let li = line_of(q);
                    if let Some(c) = self.lost_break(lines, li, q) {
                        lost.push(c);
                    }
                    continue;
                }
            };
            // The same few ordinals (`一是`, `二是` …) recur all through a
            // text: the memo asks the grammar once per distinct one.
            let Some(rec) = self.memo.line_marker(kind, &src[start..]) else {
                continue;
            };
            let line = line_of(start).min(lines.len().saturating_sub(1));
            inline.push(Candidate {
                rec,
                start,
                line,
                column: 0,
                boundary,
                explicit: 0,
                bold: false,
            });
        }
        (inline, lost)
    }

    /// A list marker right after the boundary that ends at `q` (on line
    /// `li`, the first that ends after `q`), spaces between.
    fn lost_break(&mut self, lines: &[Line], li: usize, q: usize) -> Option<Candidate> {
        let src = self.src;
        let bytes = src.as_bytes();
        // What follows a boundary is nearly always an ideograph (lead bytes
        // E6–E9) or a letter: one byte rules those out before any call.
        if !matches!(bytes.get(q)?, b'0'..=b'9' | b'(' | b' ' | b'\t' | 0xE2..=0xE5 | 0xEF) {
            return None;
        }
        let s = q + leading_space(&src[q..]);
        if !may_start_list(bytes, s) {
            return None;
        }
        let line = lines.get(li)?;
        if q <= line.content || s >= line.end {
            return None;
        }
        let head = &src[s..line.end];
        let kind = shape(head).filter(|&k| is_list_kind(k))?;
        let rec = self.memo.line_marker(kind, head)?;
        Some(Candidate {
            rec,
            start: s,
            line: li,
            column: 0,
            boundary: Boundary::Sentence,
            explicit: 0,
            bold: false,
        })
    }
}

/// Whether the bytes at `s` can begin a list marker, from their first two
/// bytes: an ASCII digit or `(`; 一二三五七九 (E4 B8–BA), 四六八十 (E5 85/8D/9B);
/// `（` and full-width digits (EF BC); enclosed numerals (E2 91–93, E2 9D,
/// E3 88/8A); `〔` (E3 80); the compatibility and Kangxi forms (EF A7, E2 BC).
fn may_start_list(bytes: &[u8], s: usize) -> bool {
    match bytes.get(s..s + 2) {
        Some([b'0'..=b'9' | b'(', _]) => true,
        Some([0xE4, 0xB8..=0xBA] | [0xE5, 0x85 | 0x8D | 0x9B]) => true,
        Some(
            [0xEF, 0xBC | 0xA7] | [0xE2, 0x91..=0x93 | 0x9D | 0xBC] | [0xE3, 0x80 | 0x88 | 0x8A],
        ) => true,
        _ => bytes.get(s).is_some_and(u8::is_ascii_digit),
    }
}

/// Two candidate lists sorted by position, merged.
fn merge_candidates(a: Vec<Candidate>, b: Vec<Candidate>) -> Vec<Candidate> {
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].start <= b[j].start {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The kinds that count inside a paragraph when the line breaks were lost
/// (spec §2: "as `numeral`"), and `①` after a short label.
fn is_list_kind(kind: MarkerKind) -> bool {
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
fn accept_lost_breaks(src: &str, lines: &[Line], cands: &mut Vec<Candidate>) {
    let lost = |c: &Candidate| c.boundary == Boundary::Sentence && is_list_kind(c.rec.kind);
    if !cands.iter().any(lost) {
        return;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_of_every_kind() {
        let src = "a\nb\r\nc\rd";
        let got: Vec<_> = lines(src).iter().map(|l| &src[l.start..l.end]).collect();
        assert_eq!(got, ["a", "b", "c", "d"]);
        assert_eq!(lines("a\n").len(), 1);
        assert_eq!(lines("\r\r").len(), 0);
        // Blank lines are counted, not kept.
        let src = "a\n\n  \r\n>\nb";
        let got: Vec<_> = lines(src)
            .iter()
            .map(|l| (l.number, &src[l.start..l.end]))
            .collect();
        assert_eq!(got, [(0, "a"), (4, "b")]);
    }

    #[test]
    fn noise_is_skipped() {
        for (line, rest) in [
            (">　　一、总体", "一、总体"),
            ("## 一、总体", "一、总体"),
            ("**一、总体**", "一、总体**"),
            ("- （二）措施", "（二）措施"),
            ("&nbsp;&nbsp;(一)目标", "(一)目标"),
            ("\u{FEFF}一、", "一、"),
            ("#标签", "#标签"),
            ("-1.5", "-1.5"),
        ] {
            assert_eq!(&line[noise_len(line)..], rest, "{line}");
        }
    }

    fn inline_markers(src: &str) -> Vec<(&str, Boundary)> {
        let mut scanner = Scanner::new(src);
        let r = read(src, &mut scanner);
        scanner
            .scan(&r.lines, 0, &r.marks, r.heads)
            .iter()
            .map(|c| (&src[c.start..c.end()], c.boundary))
            .collect()
    }

    #[test]
    fn inline_boundaries() {
        use Boundary::*;
        assert_eq!(
            inline_markers("要求如下。一是甲；二是乙，三是丙。”四是丁，统一是戊"),
            [
                ("一是", Sentence),
                ("二是", Sentence),
                ("三是", Comma),
                ("四是", Sentence)
            ]
        );
        assert_eq!(
            inline_markers("一是甲。第二，乙"),
            [("一是", LineStart), ("第二，", Sentence)]
        );
    }

    #[test]
    fn columns_count_chars() {
        let src = "前言\n>　　一、甲。一是乙";
        let mut scanner = Scanner::new(src);
        let r = read(src, &mut scanner);
        let cols: Vec<_> = scanner
            .scan(&r.lines, 0, &r.marks, r.heads)
            .iter()
            .map(|c| (c.line, c.column))
            .collect();
        assert_eq!(cols, [(1, 4), (1, 8)]);
    }

    #[test]
    fn shape_is_conservative() {
        // Every marker the whole grammar accepts has an entry that accepts it.
        for text in [
            "【篇1】",
            "篇一 ",
            "第 1 章",
            "第一節",
            "第一条",
            "第二篇",
            "貳、",
            "拾壹、",
            "二十三、",
            "一 、",
            "（ 十二 ）",
            "[一]",
            "〔三〕",
            "㈣",
            "１２．甲",
            "3、甲",
            "⒌",
            "2.3.1 甲",
            "(4)",
            "5）",
            "⑹",
            "㉑",
            "十一是",
            "三要",
            "第二，",
            "第三是",
            "其次",
            "然後",
            "\u{2F00}、",
        ] {
            let whole = recognise::line_marker(text);
            assert!(whole.is_some(), "{text} is a marker");
            let kind = shape(text);
            assert_eq!(kind, whole.map(|r| r.kind), "{text}");
            assert_eq!(
                kind.and_then(|k| recognise::line_marker_of(k, text)),
                whole,
                "{text}"
            );
        }
        for text in ["我们", "一方面", "1.5万", "首届", "第x"] {
            assert!(
                shape(text).is_none() || recognise::line_marker(text).is_none(),
                "{text}"
            );
        }
    }
}
