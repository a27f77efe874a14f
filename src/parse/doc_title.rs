//! The document title (spec §4): a short line of the preamble that is not
//! site furniture, best one that ends in a document-genre word.

use crate::document::Text;

/// Longest title, in chars.
const MAX_CHARS: usize = 60;

/// Words that end the title of a speech, report, plan or regulation.
const GENRES: [&str; 38] = [
    "讲话", "講話", "发言", "發言", "致辞", "致辭", "报告", "報告", "方案", "意见", "意見", "通知",
    "决定", "決定", "办法", "辦法", "条例", "條例", "规定", "規定", "细则", "細則", "章程", "纪要",
    "紀要", "总结", "總結", "计划", "計劃", "計畫", "要点", "要點", "汇编", "匯編", "彙編", "材料",
    "讲稿", "講稿",
];

/// Picks the title among the preamble's paragraphs.
pub(crate) fn pick<'a>(preamble: &[Text<'a>]) -> Option<Text<'a>> {
    let crumbs: Vec<&str> = preamble
        .iter()
        .filter(|p| is_breadcrumb(p.text))
        .flat_map(|p| p.text.split(['>', '›', '»', '＞']).map(str::trim))
        .collect();
    let candidates = || {
        preamble
            .iter()
            .filter(|p| is_title_like(p.text) && !crumbs.contains(&p.text.trim()))
    };
    candidates()
        .find(|p| ends_in_genre(p.text))
        .or_else(|| candidates().next())
        .copied()
}

fn is_title_like(t: &str) -> bool {
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
}

/// Text after the genre word that may follow it: a count like `(7篇)`.
fn ends_in_genre(t: &str) -> bool {
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
fn is_furniture(t: &str) -> bool {
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
    ];
    if MARKS.iter().any(|m| t.contains(m)) || is_breadcrumb(t) {
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
        assert_eq!(pick(&p).map(|t| t.text), Some("工作主题素材汇编(7篇)"));
    }

    #[test]
    fn salutation_and_sentences_are_not_titles() {
        let p = texts(&["同志们：", "今天召开会议。"]);
        assert_eq!(pick(&p), None);
    }

    #[test]
    fn title_words_that_are_also_furniture_words() {
        let p = texts(&[
            "阅读：1024",
            "关于开展全民阅读活动的实施方案",
            "关于加强版权保护工作的意见",
        ]);
        assert_eq!(
            pick(&p).map(|t| t.text),
            Some("关于开展全民阅读活动的实施方案")
        );
        assert!(is_furniture("浏览次数：35"));
        assert!(is_furniture("版权所有 © 某某网"));
    }

    #[test]
    fn dates() {
        assert!(has_full_date("2022-12-23"));
        assert!(has_full_date("发布于2024年1月5日"));
        assert!(!has_full_date("2024年工作计划"));
    }
}
