//! Cheap scanning: lines, leading noise, and the few positions where a marker
//! can begin. Pest (via [`crate::recognise`]) only sees those positions.

use memchr::memmem;

use crate::recognise::{self, Recognised};

/// One line of the input. `start..end` is the line without its line break,
/// `content` is where the text begins after the leading noise (spec §1),
/// `next` is the start of the following line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    pub start: usize,
    pub content: usize,
    pub end: usize,
    pub next: usize,
}

impl Line {
    /// Whether the line holds nothing but noise.
    pub fn is_blank(&self) -> bool {
        self.content >= self.end
    }
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
}

impl Candidate {
    pub fn end(&self) -> usize {
        self.start + self.rec.len
    }
}

/// Splits `src` into lines at `\n`, `\r\n` and `\r`.
pub(crate) fn lines(src: &str) -> Vec<Line> {
    let bytes = src.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 40 + 1);
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            // The `\n` of a `\r\n` already consumed.
            continue;
        }
        let next = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
        out.push(line_at(src, start, i, next));
        start = next;
    }
    if start < bytes.len() {
        out.push(line_at(src, start, bytes.len(), bytes.len()));
    }
    out
}

fn line_at(src: &str, start: usize, end: usize, next: usize) -> Line {
    Line {
        start,
        content: start + noise_len(&src[start..end]),
        end,
        next,
    }
}

/// Byte length of the leading noise of a line: whitespace, `>` quote marks,
/// Markdown `#`s, `**`, list bullets and HTML space entities.
pub(crate) fn noise_len(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    loop {
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
            return i;
        }
        i += step;
    }
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

/// Whitespace as it occurs in scraped text, including the BOM.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{A0}' | '\u{FEFF}' | '\u{2000}'
            ..='\u{200B}' | '\u{202F}' | '\u{205F}' | '\u{0B}' | '\u{0C}'
    )
}

/// The YAML front matter block (`---` … `---` at the very top), as the byte
/// offset where the content after it starts.
pub(crate) fn front_matter(src: &str, lines: &[Line]) -> Option<usize> {
    let first = lines.first()?;
    let text = src[first.start..first.end].trim_start_matches('\u{FEFF}');
    if text.trim_end() != "---" {
        return None;
    }
    lines[1..]
        .iter()
        .find(|l| matches!(src[l.start..l.end].trim_end(), "---" | "..."))
        .map(|l| l.next)
}

/// Whether a character can begin a line-level marker; a cheap filter before
/// pest is asked.
fn may_begin_marker(c: char) -> bool {
    matches!(c,
        '0'..='9' | '０'..='９'
        | '第' | '【' | '[' | '〖' | '篇'
        | '（' | '(' | '〔' | '［'
        | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '〇' | '零'
        | '两' | '兩' | '廿' | '卅' | '百'
        | '壹' | '贰' | '貳' | '弍' | '叁' | '參' | '叄' | '肆' | '伍' | '陆' | '陸' | '柒' | '捌' | '玖' | '拾' | '佰'
        | '首' | '其' | '再' | '然' | '最'
        | '\u{2460}'..='\u{24FF}' | '\u{2776}'..='\u{2793}'
        | '\u{3220}'..='\u{3229}' | '\u{3251}'..='\u{325F}' | '\u{3280}'..='\u{3289}' | '\u{32B1}'..='\u{32BF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{2F00}' | '\u{2F06}' | '\u{2F0B}' | '\u{2F17}'
    )
}

/// Numeral characters an inline `是`/`要` ordinal can carry (all 3 bytes in UTF-8).
fn is_small_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '\u{F9D1}'
            | '\u{2F00}'
            | '\u{2F06}'
            | '\u{2F0B}'
            | '\u{2F17}'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '〕' | '"' | '\''
    )
}

/// What precedes an inline marker starting at `at`, looking back no further
/// than `from`.
fn boundary_before(line: &str, from: usize, at: usize) -> Option<Boundary> {
    let mut closing = false;
    for c in line[from..at].chars().rev() {
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

/// Finds every candidate marker of the input, in document order. Lines in
/// `skip` (front matter) are not scanned.
pub(crate) struct Scanner<'s> {
    src: &'s str,
    shi: memmem::Finder<'static>,
    yao: memmem::Finder<'static>,
    di: memmem::Finder<'static>,
}

impl<'s> Scanner<'s> {
    pub fn new(src: &'s str) -> Self {
        Scanner {
            src,
            shi: memmem::Finder::new("是".as_bytes()),
            yao: memmem::Finder::new("要".as_bytes()),
            di: memmem::Finder::new("第".as_bytes()),
        }
    }

    /// Candidates of one line, appended to `out` in order.
    pub fn scan_line(&self, index: usize, line: &Line, out: &mut Vec<Candidate>) {
        if line.is_blank() {
            return;
        }
        let text = &self.src[line.start..line.end];
        let content = line.content - line.start;
        let first = out.len();
        let mut inline_from = content;
        let head = &text[content..];
        if head.chars().next().is_some_and(may_begin_marker) {
            if let Some(rec) = recognise::line_marker(head) {
                out.push(Candidate {
                    rec,
                    start: line.content,
                    line: index,
                    column: 0,
                    boundary: Boundary::LineStart,
                });
                inline_from = content + rec.len;
            }
        }
        if out.len() == first {
            self.trailing_part(index, line, text, out);
        }
        if out.len() == first || out[first].boundary == Boundary::LineStart {
            self.inline(index, line, text, content, inline_from, out);
        }
        // Columns, counted once per line, left to right.
        let (mut at, mut col) = (0, 1);
        for c in &mut out[first..] {
            let off = c.start - line.start;
            col += count_chars(&text.as_bytes()[at..off]);
            at = off;
            c.column = col;
        }
    }

    /// `学校工作计划【第一篇】`: a bracketed part at the end of a short line.
    fn trailing_part(&self, index: usize, line: &Line, text: &str, out: &mut Vec<Candidate>) {
        let trimmed = text.trim_end_matches(is_space);
        if !(trimmed.ends_with('】') || trimmed.ends_with('〗')) || trimmed.len() > 120 {
            return;
        }
        let Some(open) = trimmed.rfind(['【', '〖']) else {
            return;
        };
        let content = line.content - line.start;
        if open <= content {
            return;
        }
        if let Some(rec) = recognise::trailing_part(&text[open..]) {
            out.push(Candidate {
                rec,
                start: line.start + open,
                line: index,
                column: 0,
                boundary: Boundary::LineEnd,
            });
        }
    }

    /// Inline ordinals after a boundary: found with memmem on `是`, `要` and
    /// `第`, then confirmed by the grammar.
    fn inline(
        &self,
        index: usize,
        line: &Line,
        text: &str,
        content: usize,
        from: usize,
        out: &mut Vec<Candidate>,
    ) {
        let hay = &text.as_bytes()[from..];
        let mut starts: Vec<usize> = Vec::new();
        for finder in [&self.shi, &self.yao] {
            for p in finder.find_iter(hay) {
                let p = from + p;
                // Walk back over up to three numeral characters.
                let mut q = p;
                while q >= from + 3 && p - q < 9 {
                    match text.get(q - 3..q).and_then(|s| s.chars().next()) {
                        Some(c) if is_small_numeral(c) => q -= 3,
                        _ => break,
                    }
                }
                if q < p {
                    starts.push(q);
                }
            }
        }
        starts.extend(self.di.find_iter(hay).map(|p| from + p));
        if starts.is_empty() {
            return;
        }
        starts.sort_unstable();
        let mut last_end = from;
        for q in starts {
            if q < last_end || q <= content {
                continue;
            }
            let Some(boundary) = boundary_before(text, content.max(last_end), q) else {
                continue;
            };
            if let Some(rec) = recognise::inline_marker(&text[q..]) {
                out.push(Candidate {
                    rec,
                    start: line.start + q,
                    line: index,
                    column: 0,
                    boundary,
                });
                last_end = q + rec.len;
            }
        }
    }
}

/// Number of chars in UTF-8 bytes: every byte that is not a continuation byte.
pub(crate) fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
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
        assert_eq!(lines("\r\r").len(), 2);
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
        let ls = lines(src);
        let sc = Scanner::new(src);
        let mut out = Vec::new();
        for (i, l) in ls.iter().enumerate() {
            sc.scan_line(i, l, &mut out);
        }
        out.iter()
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
        let src = ">　　一、甲。一是乙";
        let ls = lines(src);
        let mut out = Vec::new();
        Scanner::new(src).scan_line(0, &ls[0], &mut out);
        let cols: Vec<_> = out.iter().map(|c| c.column).collect();
        assert_eq!(cols, [4, 8]);
    }
}
