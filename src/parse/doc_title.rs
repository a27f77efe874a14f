//! The document title (spec §4): a short line of the preamble that is not
//! site furniture, best one that ends in a document-genre word.

use std::borrow::Cow;

use crate::document::{Span, Text, Title};

/// Longest title, in chars.
const MAX_CHARS: usize = 60;

/// Words that end the title of a speech, report, plan or regulation.
const GENRES: [&str; 38] = [
    "讲话", "講話", "发言", "發言", "致辞", "致辭", "报告", "報告", "方案", "意见", "意見", "通知",
    "决定", "決定", "办法", "辦法", "条例", "條例", "规定", "規定", "细则", "細則", "章程", "纪要",
    "紀要", "总结", "總結", "计划", "計劃", "計畫", "要点", "要點", "汇编", "匯編", "彙編", "材料",
    "讲稿", "講稿",
];

/// Where the title may come from besides the preamble.
pub(crate) struct Sources<'a> {
    pub src: &'a str,
    /// The YAML front matter, `[0, end)`.
    pub front_matter: Option<Span>,
    /// Where the explicit heading line that stands for the title starts
    /// (`# 標題`, spec §3 rule 3): a preamble paragraph starts there.
    pub title_line: Option<usize>,
}

/// The document's title and subtitle (spec §4).
pub(crate) fn pick<'a>(
    preamble: &[Text<'a>],
    from: &Sources<'a>,
) -> (Option<Title<'a>>, Option<Title<'a>>) {
    if let Some(t) = from
        .front_matter
        .and_then(|fm| front_matter_title(from.src, fm))
    {
        let at = preamble.iter().position(|p| same_text(p.text, &t.text));
        return (
            Some(t),
            at.and_then(|i| subtitle_under(preamble, i, from.src)),
        );
    }
    if let Some(i) = from
        .title_line
        .and_then(|at| preamble.iter().position(|p| p.span.start == at))
    {
        // A main title set on two `#` lines: the second ends in a genre word.
        let first = preamble[i];
        if let Some(&second) = preamble.get(i + 1).filter(|s| {
            !ends_in_genre(first.text)
                && ends_in_genre(s.text)
                && is_title_like(s.text)
                && adjacent(from.src, first, **s)
        }) {
            let (a, b) = (cleaned(first), cleaned(second));
            let title = Title {
                text: Cow::Owned(format!("{} {}", a.text, b.text)),
                span: Span::new(a.span.start, b.span.end),
            };
            return (Some(title), subtitle_under(preamble, i + 1, from.src));
        }
        return (Some(cleaned(first)), subtitle_under(preamble, i, from.src));
    }
    let crumbs: Vec<&str> = preamble
        .iter()
        .filter(|p| is_breadcrumb(p.text))
        .flat_map(|p| p.text.split(['>', '›', '»', '＞']).map(str::trim))
        .collect();
    let usable = |p: &Text<'_>| !crumbs.contains(&p.text.trim()) && !is_section_label(p.text);
    // One long line: `政府工作报告——2024年3月5日在…上` is a title and a subtitle.
    for (i, p) in preamble.iter().enumerate().take(8) {
        if let Some((title, sub)) = dash_split(*p) {
            if usable(p) && is_title_like(title.text) {
                let _ = i;
                return (Some(cleaned(title)), Some(plain(sub)));
            }
        }
    }
    let candidates: Vec<usize> = (0..preamble.len())
        .filter(|&i| is_title_like(preamble[i].text) && usable(&preamble[i]))
        .collect();
    let genre = candidates
        .iter()
        .copied()
        .find(|&i| ends_in_genre(preamble[i].text));
    if let Some(&first) = candidates.first() {
        // A main title set on two short lines in a row.
        if !ends_in_genre(preamble[first].text) {
            if let Some(&second) = candidates.get(1).filter(|&&s| s == first + 1) {
                let joined =
                    ends_in_genre(preamble[second].text) || genre.is_none_or(|g| g == second);
                if joined && adjacent(from.src, preamble[first], preamble[second]) {
                    let (a, b) = (cleaned(preamble[first]), cleaned(preamble[second]));
                    let title = Title {
                        text: Cow::Owned(format!("{} {}", a.text, b.text)),
                        span: Span::new(a.span.start, b.span.end),
                    };
                    return (Some(title), subtitle_under(preamble, second, from.src));
                }
            }
        }
    }
    if let Some(i) = genre.or_else(|| candidates.first().copied()) {
        return (
            Some(cleaned(preamble[i])),
            subtitle_under(preamble, i, from.src),
        );
    }
    (one_line_title(preamble.first().copied()), None)
}

/// `title: …` inside the front matter, without quotes.
fn front_matter_title<'a>(src: &'a str, fm: Span) -> Option<Title<'a>> {
    let block = &src[fm.range()];
    let mut at = 0;
    for line in block.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let Some(value) = line.strip_prefix("title:") else {
            continue;
        };
        let v = value.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(v)
            .trim();
        if v.is_empty() {
            return None;
        }
        let offset = fm.start + start + (v.as_ptr() as usize - line.as_ptr() as usize);
        return Some(Title {
            text: Cow::Borrowed(v),
            span: Span::new(offset, offset + v.len()),
        });
    }
    None
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    norm(a) == norm(b)
}

/// Only whitespace (blank lines) between two paragraphs, and the `#` run
/// of a Markdown heading line.
fn adjacent(src: &str, a: Text<'_>, b: Text<'_>) -> bool {
    src[a.span.end..b.span.start]
        .chars()
        .all(|c| c.is_whitespace() || c == '#')
}

fn plain(t: Text<'_>) -> Title<'_> {
    Title {
        text: Cow::Borrowed(t.text),
        span: t.span,
    }
}

/// The title without a field label before it (`法規名稱：X`), a trailing
/// page number (`…的必要性(2)`) or `：` and whitespace.
fn cleaned(t: Text<'_>) -> Title<'_> {
    let mut s = t.text;
    let mut start = t.span.start;
    if let Some(colon) = s.find(['：', ':']) {
        let label = &s[..colon];
        let is_label = label.chars().count() <= 8
            && [
                "名稱",
                "名称",
                "标题",
                "標題",
                "题目",
                "題目",
                "文件名",
                "題名",
                "题名",
            ]
            .iter()
            .any(|w| label.trim_end().ends_with(w));
        if is_label {
            let rest = &s[colon..];
            let skip = colon + rest.chars().next().map_or(0, char::len_utf8);
            let after = s[skip..].trim_start();
            start += s.len() - after.len();
            s = after;
        }
    }
    let mut end = s.trim_end().trim_end_matches(['：', ':', '*']).trim_end();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(inner) = end.strip_suffix(close) {
            if let Some(o) = inner.rfind(open) {
                let n = &inner[o + open.len_utf8()..];
                if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && o > 0 {
                    end = inner[..o].trim_end();
                }
            }
        }
    }
    Title {
        text: Cow::Borrowed(end),
        span: Span::new(start, start + end.len()),
    }
}

/// The line right under the title that starts with `——` (`——在…上的报告`).
fn subtitle_under<'a>(preamble: &[Text<'a>], i: usize, src: &str) -> Option<Title<'a>> {
    let next = *preamble.get(i + 1)?;
    if !adjacent(src, preamble[i], next) {
        return None;
    }
    let rest = strip_dashes(next.text)?;
    let rest = rest.trim();
    let start = next.span.start + (rest.as_ptr() as usize - next.text.as_ptr() as usize);
    (!rest.is_empty()).then(|| Title {
        text: Cow::Borrowed(rest),
        span: Span::new(start, start + rest.len()),
    })
}

fn strip_dashes(s: &str) -> Option<&str> {
    let t = s.trim_start();
    let rest = t.trim_start_matches(['—', '─', '-', '－', '–']);
    (t.len() - rest.len() >= 2).then_some(rest)
}

/// One long line (over ~60 characters) with `——` inside: the part before is
/// the title, the part after the subtitle. A short title with a dash inside
/// (`第四章──信息權利相關立法`) stays whole.
fn dash_split(p: Text<'_>) -> Option<(Text<'_>, Text<'_>)> {
    let n = p.text.chars().count();
    if n > 3 * MAX_CHARS || p.text.contains(['。', '！', '？']) {
        return None;
    }
    let at = p.text.find("——").or_else(|| p.text.find("──"))?;
    let before = p.text[..at].trim_end();
    // A short line splits only where a genre word ends the title
    // (`…的讲话——2025年2月18日在…上`), not `第四章──信息權利相關立法`.
    if n <= MAX_CHARS && !ends_in_genre(before) {
        return None;
    }
    let after_all = &p.text[at..];
    let after = after_all.trim_start_matches(['—', '─']).trim();
    if before.is_empty() || after.is_empty() {
        return None;
    }
    let a_start = p.span.start + (after.as_ptr() as usize - p.text.as_ptr() as usize);
    Some((
        Text {
            text: before,
            span: Span::new(p.span.start, p.span.start + before.len()),
        },
        Text {
            text: after,
            span: Span::new(a_start, a_start + after.len()),
        },
    ))
}

/// A section label that opens a text is not its title (`## 编者按`).
pub(crate) fn is_section_label(t: &str) -> bool {
    const LABELS: [&str; 14] = [
        "编者按",
        "編者按",
        "按语",
        "按語",
        "摘要",
        "前言",
        "引言",
        "导语",
        "導語",
        "序言",
        "说明",
        "說明",
        "目录",
        "目錄",
    ];
    let t = t.trim().trim_end_matches(['：', ':']);
    LABELS.contains(&t)
}

/// A one-line document (every line break lost): its title is its leading
/// text, after a page counter (`1/8`), up to the first genre word.
fn one_line_title(p: Option<Text<'_>>) -> Option<Title<'_>> {
    let p = p?;
    if p.text.chars().count() <= MAX_CHARS {
        return None;
    }
    let mut s = p.text;
    // A page counter: `1/8`, `第1页`.
    let counter = s.len()
        - s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '/')
            .len();
    if counter > 0 && s[..counter].contains('/') {
        s = &s[counter..];
    }
    let head: String = s.chars().take(MAX_CHARS).collect();
    let end = GENRES
        .iter()
        .filter_map(|g| head.find(g).map(|i| i + g.len()))
        .min()?;
    let title = &s[..end];
    if title.chars().count() < 4 || title.contains(['。', '！', '？', '：', ':']) {
        return None;
    }
    let start = p.span.start + (p.text.len() - s.len());
    Some(Title {
        text: Cow::Borrowed(title),
        span: Span::new(start, start + title.len()),
    })
}

pub(crate) fn is_title_like(t: &str) -> bool {
    let chars = t.chars().count();
    let cjk = t
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    chars <= MAX_CHARS
        && cjk >= 2
        && !t.contains(['。', '！', '？'])
        && !t.ends_with([':', '：', '，', ',', '；', ';'])
        && !is_furniture(t)
        // A caption, author or keyword line (last: it reads the line again).
        && !super::paper::is_paper_furniture(t)
}

/// Text after the genre word that may follow it: a count like `(7篇)`.
fn ends_in_genre(t: &str) -> bool {
    // Pinyin glosses (`總結(jié)`) do not hide a genre word.
    if t.contains('(') && t.chars().any(|c| c.is_ascii_lowercase()) {
        return ends_in_genre_plain(&without_glosses(t));
    }
    ends_in_genre_plain(t)
}

/// `總結(jié)` → `總結`: parenthesised runs of Latin letters (with tone marks).
fn without_glosses(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(o) = rest.find('(') {
        out.push_str(&rest[..o]);
        let after = &rest[o + 1..];
        match after.find(')') {
            Some(c)
                if !after[..c].is_empty()
                    && after[..c].chars().all(|ch| {
                        ch.is_alphabetic() && !('\u{4E00}'..='\u{9FFF}').contains(&ch)
                    }) =>
            {
                rest = &after[c + 1..];
            }
            _ => {
                out.push('(');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn ends_in_genre_plain(t: &str) -> bool {
    let t = t.trim_end_matches(['*', ' ', '\u{3000}']);
    let t = match t.strip_suffix([')', '）']) {
        Some(inner) => match inner.rfind(['(', '（']) {
            Some(open) if inner[open..].contains('篇') => inner[..open].trim_end(),
            _ => t,
        },
        None => t,
    };
    GENRES.iter().any(|g| t.ends_with(g))
}

fn is_breadcrumb(t: &str) -> bool {
    t.contains("当前位置")
        || t.contains("當前位置")
        || t.contains("首页 >")
        || t.contains("首頁 >")
        || t.contains(" > ")
        || t.contains('›')
        || t.contains('»')
}

/// Site furniture: URLs, breadcrumbs, metadata labels, counts, sizes, dates.
pub(crate) fn is_furniture(t: &str) -> bool {
    // Words that also occur in real titles (`全民阅读`, `版权保护`) count only
    // in their furniture form: a label with a colon, a count, a phrase.
    const MARKS: &[&str] = &[
        "http",
        "www.",
        ".com",
        ".cn",
        ".net",
        ".org",
        "当前位置",
        "當前位置",
        "首页",
        "首頁",
        "©",
        "Copyright",
        "版权所有",
        "版權所有",
        "版权声明",
        "版權聲明",
        "时间:",
        "时间：",
        "時間:",
        "時間：",
        "来源:",
        "来源：",
        "來源:",
        "來源：",
        "作者:",
        "作者：",
        "栏目:",
        "栏目：",
        "欄目:",
        "欄目：",
        "点击:",
        "点击：",
        "点击量",
        "点击数",
        "點擊",
        "浏览:",
        "浏览：",
        "浏览量",
        "浏览次数",
        "瀏覽",
        "阅读:",
        "阅读：",
        "阅读量",
        "阅读次数",
        "閱讀:",
        "閱讀：",
        "下载:",
        "下载：",
        "立即下载",
        "免费下载",
        "下載",
        "关键词搜索",
        "关键字搜索",
        "登录",
        "登錄",
        // A page's own controls: `【字体：大 中 小】【打印】【关闭】`.
        "字体：",
        "字体:",
        "字體：",
        "字體:",
        "字号：",
        "字号:",
        "字號：",
        "字號:",
        "打印本页",
        "打印本頁",
        "关闭窗口",
        "關閉窗口",
        "分享到",
    ];
    if MARKS.iter().any(|m| t.contains(m)) || is_breadcrumb(t) || only_controls(t) {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    if ["kb", "mb", "页", "頁"]
        .iter()
        .any(|u| lower.contains(&format!("0{u}")) || size_like(&lower, u))
    {
        return true;
    }
    has_full_date(t) && !ends_in_genre(t)
}

/// A line of two or more bracketed words and nothing else:
/// `【打印】 【关闭】`, `[收藏] [打印]`.
fn only_controls(t: &str) -> bool {
    let mut rest = t.trim();
    let mut n = 0;
    while !rest.is_empty() {
        let close = match rest.chars().next() {
            Some('【') => '】',
            Some('[') => ']',
            Some('［') => '］',
            _ => return false,
        };
        let Some(end) = rest.find(close) else {
            return false;
        };
        rest = rest[end + close.len_utf8()..].trim_start_matches([' ', '\u{3000}', '|', '｜']);
        n += 1;
    }
    n >= 2
}

fn size_like(t: &str, unit: &str) -> bool {
    t.match_indices(unit)
        .any(|(i, _)| t[..i].trim_end().ends_with(|c: char| c.is_ascii_digit()))
}

/// `2022-12-23`, `2022/12/23`, `2022年12月23日`, `2022.12.23`.
fn has_full_date(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let rest = &t[i + 4..];
            for sep in ["-", "/", ".", "年"] {
                if let Some(r) = rest.strip_prefix(sep) {
                    let m = r.bytes().take_while(u8::is_ascii_digit).count();
                    if (1..=2).contains(&m) {
                        let r = &r[m..];
                        let sep2 = if sep == "年" { "月" } else { sep };
                        if let Some(r) = r.strip_prefix(sep2) {
                            if r.bytes().next().is_some_and(|c| c.is_ascii_digit()) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;

    fn pick_text(p: &[Text<'static>]) -> Option<String> {
        let from = Sources {
            src: "",
            front_matter: None,
            title_line: None,
        };
        pick(p, &from).0.map(|t| t.text.into_owned())
    }

    fn texts(lines: &[&'static str]) -> Vec<Text<'static>> {
        lines
            .iter()
            .map(|t| Text {
                text: t,
                span: Span::default(),
            })
            .collect()
    }

    #[test]
    fn genre_word_beats_first_line() {
        let p = texts(&[
            "某某网 www.example.com",
            "公文汇编",
            "当前位置: 首页 > 公文汇编",
            "工作主题素材汇编(7篇)",
            "时间:2022-12-23",
        ]);
        assert_eq!(pick_text(&p).as_deref(), Some("工作主题素材汇编(7篇)"));
    }

    #[test]
    fn salutation_and_sentences_are_not_titles() {
        let p = texts(&["同志们：", "今天召开会议。"]);
        assert_eq!(pick_text(&p), None);
    }

    #[test]
    fn title_words_that_are_also_furniture_words() {
        let p = texts(&[
            "阅读：1024",
            "关于开展全民阅读活动的实施方案",
            "关于加强版权保护工作的意见",
        ]);
        assert_eq!(
            pick_text(&p).as_deref(),
            Some("关于开展全民阅读活动的实施方案")
        );
        assert!(is_furniture("浏览次数：35"));
        assert!(is_furniture("【字体：大 中 小】 【打印】"));
        assert!(is_furniture("【打印】【关闭】"));
        assert!(!is_furniture("【学习材料】在全县经济工作会议上的讲话"));
        assert!(is_furniture("版权所有 © 某某网"));
    }

    #[test]
    fn dates() {
        assert!(has_full_date("2022-12-23"));
        assert!(has_full_date("发布于2024年1月5日"));
        assert!(!has_full_date("2024年工作计划"));
    }
}
