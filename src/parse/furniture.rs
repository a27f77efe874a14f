//! Lines that look like headings and are not (spec §3 rule 3, §2): what PDF
//! converters mark `#` besides headings (captions, author, affiliation and
//! keyword lines, a title translated into English, formulas), the section
//! labels that are headings of their own kind (`摘要`, `参考文献`), and
//! numbered lines that are a flattened table's cells or an affiliation list.
//!
//! Each test reads one line's text; none looks at its neighbours, so the
//! stage that asks ([`levels`](super::levels)) stays one pass.

use super::candidate::{Boundary, Candidate, Line};
use super::paper::{is_affiliation, is_author_line, is_caption, is_han, is_metadata, label_key};
use crate::kind::MarkerKind;

/// What an unnumbered `#` line is, in a document whose `#` depths carry no
/// level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unnumbered {
    /// A section label (`摘要`, `[参考文献]`, `附件1`): a top-level heading.
    Label,
    /// Short, no sentence end, none of the below: reads as a heading.
    Heading,
    /// A caption, an author, affiliation or keyword line, a title in
    /// another script, a formula, a sentence, furniture: a body paragraph.
    Body,
}

/// Longest unnumbered line, in chars, that still reads as a heading.
const MAX_HEADING_CHARS: usize = 50;

/// Judges the text of an unnumbered `#` line (without its `#` run).
/// `latin_is_foreign`: the document is written in Chinese, so a line in
/// Latin script is a translation (`Review on …`), not one of its headings.
pub(crate) fn unnumbered(text: &str, latin_is_foreign: bool) -> Unnumbered {
    let text = text.trim();
    if is_metadata(text) || is_caption(text) {
        return Unnumbered::Body;
    }
    if is_label(text) {
        return Unnumbered::Label;
    }
    let han = text.chars().filter(|&c| is_han(c)).count();
    let chars = text.chars().count();
    // A trailing `：` introduces what follows (`…會議結論：`, `参考文献：`).
    let sentence =
        text.contains(['。', '！', '？', '；']) || text.ends_with(['，', ',', '、', ';']);
    let letters = text.chars().any(char::is_alphabetic);
    if (han == 0 && (latin_is_foreign || !letters))
        || (latin_is_foreign && is_mostly_latin(text, han))
        || sentence
        || chars > MAX_HEADING_CHARS
        || text.contains('$')
        || is_author_line(text)
        || is_affiliation(text)
        || super::doc_title::is_furniture(text)
    {
        return Unnumbered::Body;
    }
    Unnumbered::Heading
}

/// A line of Latin script with at most a stray ideograph or two in it.
fn is_mostly_latin(text: &str, han: usize) -> bool {
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    latin >= 4 && (han <= 1 || han * 8 < latin)
}

/// Section labels of papers, reports and 公文, Simplified and Traditional,
/// and their English names (`[Abstract]`).
const LABELS: &[&str] = &[
    "摘要",
    "内容摘要",
    "内容提要",
    "提要",
    "引言",
    "前言",
    "序言",
    "序",
    "绪论",
    "緒論",
    "导言",
    "導言",
    "导论",
    "導論",
    "结论",
    "結論",
    "结语",
    "結語",
    "结束语",
    "結束語",
    "参考文献",
    "參考文獻",
    "参考资料",
    "參考資料",
    "主要参考文献",
    "附录",
    "附錄",
    "附件",
    "附表",
    "致谢",
    "致謝",
    "谢辞",
    "謝辭",
    "鸣谢",
    "鳴謝",
    "作者简介",
    "作者簡介",
    "作者介绍",
    "作者介紹",
    "作者贡献声明",
    "作者貢獻聲明",
    "利益冲突声明",
    "利益衝突聲明",
    "目录",
    "目錄",
    "目次",
    "后记",
    "後記",
    "编者按",
    "編者按",
    "按语",
    "按語",
    "注释",
    "註釋",
    "abstract",
    "references",
    "reference",
    "bibliography",
    "acknowledgements",
    "acknowledgments",
    "acknowledgement",
    "appendix",
    "contents",
    "preface",
    "foreword",
];

/// `摘要`, `[参考文献]`, `参 考 文 献：`, `附件2`, `附录A 调查问卷`.
pub(crate) fn is_label(text: &str) -> bool {
    let key = label_key(text);
    if LABELS.contains(&key.as_str()) {
        return true;
    }
    // An attachment or appendix with its number and name.
    ["附件", "附录", "附錄", "appendix"].iter().any(|p| {
        key.strip_prefix(p).is_some_and(|rest| {
            rest.chars().count() <= 30
                && rest.chars().next().is_some_and(|c| {
                    c.is_ascii_alphanumeric()
                        || ('０'..='９').contains(&c)
                        || crate::numeral::class::is_cn_numeral(c)
                        || matches!(c, '：' | ':' | '-' | '—')
                })
        })
    })
}

/// Drops numbered line starts that are not headings of any document: a
/// flattened table's cells (`22.` `33.` `44.`, each alone on its line and
/// continuing no series) and, before the first heading, an affiliation list
/// (`1．中国科学院… 北京 100190 2.中国科学院大学…`) with the markers inside it.
pub(crate) fn drop_non_headings(src: &str, lines: &[Line], cands: &mut Vec<Candidate>) {
    const KINDS: usize = MarkerKind::ALL.len();
    let mut last: [Option<u32>; KINDS] = [None; KINDS];
    let mut affiliation_line = usize::MAX;
    // An affiliation list stands under a paper's title, before its first
    // heading: only there is a line looked at for one.
    let mut front = true;
    // Nearly always none: kept apart, so that most texts pay no pass more.
    let mut dropped = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if c.rec.kind == MarkerKind::Part {
            last = [None; KINDS];
            continue;
        }
        if c.line == affiliation_line {
            dropped.push(i);
            continue;
        }
        if c.boundary != Boundary::LineStart {
            continue;
        }
        if !matches!(c.rec.kind, MarkerKind::Digit | MarkerKind::ParenDigit) {
            // A numbered heading ends the front matter (a `#` title or
            // author line does not).
            front &= c.rec.kind.rank(usize::from(c.rec.depth)).is_none();
            continue;
        }
        let line = &lines[c.line];
        // Most lines go on after their marker: looked at up to the first
        // character that is not a blank.
        let rest = &src[c.end()..line.end];
        let alone = rest.trim_start().is_empty();
        let n = c.rec.number;
        let previous = last[c.rec.kind as usize].replace(n);
        if alone && n > 1 && previous.is_none_or(|p| p + 1 != n && p != n) {
            dropped.push(i);
        } else if front && n == 1 && rest.len() <= 600 && is_affiliation(rest) {
            dropped.push(i);
            affiliation_line = c.line;
        } else {
            front = false;
        }
    }
    if dropped.is_empty() {
        return;
    }
    let mut i = 0;
    let mut next = dropped.iter().peekable();
    cands.retain(|_| {
        i += 1;
        let drop = next.peek() == Some(&&(i - 1));
        if drop {
            next.next();
        }
        !drop
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        for t in [
            "摘要",
            "摘　要",
            "[摘要]",
            "【参考文献】",
            "参考文献：",
            "参 考 文 献",
            "[Abstract]",
            "References",
            "附件2",
            "附件：实施方案",
            "附录A 调查问卷",
            "作者贡献声明：",
        ] {
            assert!(is_label(t), "{t}");
        }
        for t in ["摘要与讨论", "附件管理系统的设计", "参考"] {
            assert!(!is_label(t), "{t}");
        }
    }

    #[test]
    fn bodies() {
        use Unnumbered::*;
        for (t, want) in [
            ("图1STKOS术语发布与共享服务系统框架", Body),
            ("表 2 各组患者基本情况", Body),
            ("Fig. 3 The framework", Body),
            ("吴振新1 陈瑶1.2 李文燕1.2 付鸿鹄1 许丽媛1", Body),
            ("张三 李四 王五", Body),
            ("李明远1 张晓琳1,2 王立新1", Body),
            ("[关键词]", Body),
            ("关键词：术语服务", Body),
            ("[Keyword]", Body),
            ("Development of diagnostic vitrectomy", Body),
            ("technology", Body),
            (
                "地址：北京市中关村北四环西路33号中国科学院文献情报中心信息系统部",
                Body,
            ),
            ("（中国科学院文献情报中心 北京 100190）", Body),
            ("$E = mc^2$", Body),
            ("本文的主要贡献如下。", Body),
            ("图书管理系统的设计", Heading),
            ("表彰先进", Heading),
            ("研究方法", Heading),
            ("作者简介", Label),
        ] {
            assert_eq!(unnumbered(t, true), want, "{t}");
        }
        // In a document in English, English lines are headings.
        assert_eq!(unnumbered("Development of methods", false), Heading);
        assert_eq!(unnumbered("2019", false), Body);
        assert!(!is_mostly_latin("数据DataCuration", 2));
    }
}
