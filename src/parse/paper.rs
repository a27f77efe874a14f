//! The furniture of a paper's first page and of its figures (spec §3 rule
//! 3): captions, author and affiliation lines, keywords and the other
//! metadata lines, which PDF converters mark `#` and which are never
//! headings nor the document's title. Each test reads one line's text.

/// Whether `c` is a CJK ideograph (the unified block and extension A).
pub(crate) fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The text of a label line, for comparing: without brackets around it,
/// a trailing colon or `#` run, and spaces inside (`摘　要`, `参 考 文 献`).
pub(crate) fn label_key(text: &str) -> String {
    let mut t = text.trim().trim_end_matches('#').trim_end();
    for (open, close) in [
        ('[', ']'),
        ('【', '】'),
        ('［', '］'),
        ('〔', '〕'),
        ('(', ')'),
        ('（', '）'),
        ('<', '>'),
        ('〈', '〉'),
    ] {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            t = inner;
            break;
        }
    }
    t.trim_end_matches(['：', ':', '.', '．'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A line of the paper's metadata: keywords, classification, DOI, funding,
/// dates, correspondence.
pub(crate) fn is_metadata(text: &str) -> bool {
    const HEADS: &[&str] = &[
        "关键词",
        "关键字",
        "關鍵詞",
        "關鍵字",
        "主题词",
        "主題詞",
        "keywords",
        "keyword",
        "indexterms",
        "中图分类号",
        "中圖分類號",
        "分类号",
        "文献标识码",
        "文獻標識碼",
        "文章编号",
        "文章編號",
        "doi",
        "基金项目",
        "基金項目",
        "收稿日期",
        "修回日期",
        "通讯作者",
        "通信作者",
        "通訊作者",
        "作者单位",
        "作者單位",
        "通讯地址",
        "通信地址",
        "通訊地址",
        "地址：",
        "地址:",
        "作者：",
        "作者:",
        "单位：",
        "单位:",
        "e-mail",
        "email",
        "电子邮箱",
        "電子郵箱",
        "引用格式",
        "引用本文",
        "citethis",
    ];
    let key = label_key(text);
    // `[关键词]` alone, or `关键词：…`.
    let key = key
        .trim_start_matches(['[', '【', '［', '〔', '(', '（'])
        .replace([']', '】', '］', '〕', ')', '）'], "");
    HEADS.iter().any(|h| key.starts_with(h))
}

/// `图1 …`, `图 2-3`, `表2`, `附表1`, `续表`, `Fig. 3`, `Figure 1`, `Table 2`.
pub(crate) fn is_caption(text: &str) -> bool {
    let t = text.trim_start();
    for head in ["附图", "附圖", "附表", "续表", "續表", "图", "圖", "表"] {
        if let Some(rest) = t.strip_prefix(head) {
            if head.starts_with('续') || head.starts_with('續') {
                return true;
            }
            let rest = rest.trim_start();
            let mut it = rest.chars();
            return match (it.next(), it.next()) {
                (Some(c), _) if c.is_ascii_digit() || ('０'..='９').contains(&c) || c == 'S' => {
                    true
                }
                // `图一 流程`, not `表一览`.
                (Some(c), Some(n)) => crate::numeral::class::is_cn_numeral(c) && !is_han(n),
                _ => false,
            };
        }
    }
    let lower: String = t.chars().take(8).flat_map(char::to_lowercase).collect();
    ["fig.", "fig ", "figure", "table", "tab."].iter().any(|h| {
        lower.strip_prefix(h).is_some_and(|rest| {
            rest.trim_start()
                .starts_with(|c: char| c.is_ascii_digit() || c == 's')
        })
    })
}

/// Names with their affiliation marks: `吴振新1 陈瑶1.2 李文燕1.2`,
/// `张三，李四，王五`. Two to four ideographs a name; two names with marks,
/// or three without.
pub(crate) fn is_author_line(text: &str) -> bool {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '，' | '、' | ';' | '；'))
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() < 2 {
        return false;
    }
    let is_mark = |c: char| {
        c.is_ascii_digit()
            || matches!(c, '.' | ',' | '*' | '#' | '†' | '‡' | '¹' | '²' | '³')
            || ('\u{2070}'..='\u{2079}').contains(&c)
    };
    let (mut names, mut marked) = (0, 0);
    for t in &tokens {
        let name_len = t.chars().take_while(|&c| is_han(c)).count();
        let name_bytes: usize = t.chars().take(name_len).map(char::len_utf8).sum();
        let mark = &t[name_bytes..];
        if !mark.chars().all(is_mark) {
            return false;
        }
        if name_len == 0 {
            // `张三1, 2`: the marks of the name before.
            continue;
        }
        if !(2..=4).contains(&name_len) {
            return false;
        }
        names += 1;
        marked += usize::from(!mark.is_empty());
    }
    names >= 2 && (marked >= 2 || names >= 3)
}

/// An affiliation or address: a six-digit postcode beside an institution
/// (`中国科学院文献情报中心 北京 100190`), or an e-mail address.
pub(crate) fn is_affiliation(text: &str) -> bool {
    let b = text.as_bytes();
    if memchr::memchr(b'@', b).is_some() && memchr::memchr(b'.', b).is_some() {
        return true;
    }
    // The postcode first: one pass, and most lines have none.
    if !has_postcode(text) {
        return false;
    }
    let place = |p: &&str| text.contains(p);
    SCHOOLS.iter().any(place) || UNITS.iter().any(place) || text.contains("公司")
}

/// Words that make a name an institution of learning or care: an
/// affiliation holds one, and an institution's name always does.
const SCHOOLS: &[&str] = &[
    "大学",
    "大學",
    "学院",
    "學院",
    "研究所",
    "研究院",
    "科学院",
    "科學院",
    "医院",
    "醫院",
];

/// Other words an institution's name ends with.
const UNITS: &[&str] = &["中心", "实验室", "實驗室", "学校", "學校"];

/// The name of an institution, alone (`北京大学信息管理系`, `中国科学院
/// 文献情报中心`): an affiliation line under a paper's title.
pub(crate) fn is_institution(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '，');
    t.chars().count() <= 40
        && (SCHOOLS.iter().chain(UNITS).any(|e| t.ends_with(e)) || t.ends_with('系'))
        && SCHOOLS.iter().any(|h| t.contains(h))
}

/// Six ASCII digits in a row, not part of a longer number.
fn has_postcode(text: &str) -> bool {
    let b = text.as_bytes();
    let mut run = 0;
    for (i, &x) in b.iter().enumerate() {
        if x.is_ascii_digit() {
            run += 1;
        } else {
            if run == 6 {
                return true;
            }
            run = 0;
        }
        if i + 1 == b.len() && run == 6 {
            return true;
        }
    }
    false
}

/// Whether a line is any of the above: not a title, not a heading.
pub(crate) fn is_paper_furniture(text: &str) -> bool {
    is_metadata(text) || is_caption(text) || is_author_line(text) || is_affiliation(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes() {
        assert!(has_postcode("北京 100190"));
        assert!(has_postcode("100190)"));
        assert!(!has_postcode("2024年"));
        assert!(!has_postcode("1001900"));
    }
}
