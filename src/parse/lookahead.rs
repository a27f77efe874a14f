//! How much of a line start the grammar reads before it answers, so that one
//! answer serves every line that starts with the same bytes.
//!
//! A speech repeats the same few markers (`一、`, `（二）`, `3.`) hundreds of
//! times, and a call into pest costs thousands of instructions however short
//! the match. [`Memo`] asks the grammar once per distinct *decisive prefix*:
//! the marker's possible extent plus the lookahead the rule for that kind
//! makes (`二、三级医院` is not a heading, `第一条规定` is not an article). Each
//! arm of [`decisive_len`] mirrors one rule of `grammar/outline.pest` and
//! reads at least as far as it does. Debug builds (and so every test) check
//! every reused answer against a direct one.

use std::hash::{Hash, Hasher};

use foldhash::HashMap;

use super::recognise::{self, Match, Recognised};
use super::text::is_space;
use crate::kind::MarkerKind;
use crate::numeral::class::{
    is_capital_numeral, is_cn_large, is_cn_numeral, is_cn_small, is_digit, is_enclosed_circled,
    is_enclosed_digit, is_enclosed_paren_digit, is_enclosed_paren_numeral, is_lenticular_open,
    is_numeral, is_paren_open,
};

/// Answers of the grammar at line starts, by kind and decisive prefix.
#[derive(Default)]
pub(crate) struct Memo<'s> {
    /// By the prefix itself: the answer, values included.
    seen: HashMap<(MarkerKind, &'s str, bool), Option<Recognised>>,
    /// By the prefix's numeral classes: what the grammar matched, for the
    /// first prefix of each class sequence (`一、` answers for `九、`).
    matched: HashMap<(MarkerKind, Classes<'s>, bool), Option<Match>>,
}

impl<'s> Memo<'s> {
    /// The marker of kind `kind` at the start of `head` (which runs to the
    /// end of its line), as [`recognise::line_marker_of`] finds it.
    pub fn line_marker(&mut self, kind: MarkerKind, head: &'s str) -> Option<Recognised> {
        let n = decisive_len(kind, head);
        // Whether the line ends inside the prefix is part of the key: some
        // rules look for the end of the input (`1.` alone is no heading).
        let (prefix, at_end) = (&head[..n], n == head.len());
        let matched = &mut self.matched;
        let found = *self.seen.entry((kind, prefix, at_end)).or_insert_with(|| {
            matched
                .entry((kind, Classes(prefix), at_end))
                .or_insert_with(|| recognise::match_of(kind, head))
                .and_then(|m| m.value(head))
        });
        debug_assert_eq!(
            found,
            recognise::line_marker_of(kind, head),
            "{kind:?} at {head:?}: the answer for {prefix:?} does not carry over",
        );
        found
    }
}

/// A prefix compared and hashed by [`class`]: `一、` and `九、`, `【篇1】` and
/// `【篇7】` are one key, so pest is asked once for all of them.
#[derive(Clone, Copy, Debug)]
struct Classes<'s>(&'s str);

impl PartialEq for Classes<'_> {
    fn eq(&self, other: &Self) -> bool {
        // Every class keeps a character's UTF-8 length.
        self.0.len() == other.0.len() && self.0.chars().map(class).eq(other.0.chars().map(class))
    }
}

impl Eq for Classes<'_> {}

impl Hash for Classes<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write_usize(self.0.len());
        for c in self.0.chars() {
            h.write_u32(class(c) as u32);
        }
    }
}

/// The numeral class of `c`: one character that stands for all those the
/// grammar (`grammar/outline.pest`) treats alike, with the same UTF-8
/// length; any other character stands for itself. The classes are the
/// grammar's own sets: `cn_small`, the rest of `cn_char`, `cap_char`,
/// `fw_digit`, ASCII digits but `0` (which `dotted_num` excludes), and each
/// `enclosed_*` range. Values never matter to the grammar (they are read in
/// Rust), so a match found for one member holds for all.
pub(crate) fn class(c: char) -> char {
    // The ASCII classes first: most characters looked at are ASCII or
    // ideographs that no class holds.
    match c {
        '1'..='9' => '1',
        'a'..='z' => 'a',
        'A'..='Z' => 'A',
        '\u{FF10}'..='\u{FF19}' => '１',
        c if c.is_ascii() => c,
        c if is_cn_small(c) => '一',
        c if is_cn_large(c) => '百',
        c if is_capital_numeral(c) => '壹',
        c if is_enclosed_circled(c) => '①',
        c if is_enclosed_paren_digit(c) => '⑴',
        c if is_enclosed_digit(c) => '⒈',
        c if is_enclosed_paren_numeral(c) => '㈠',
        _ => c,
    }
}

/// A cursor over a line start that consumes character classes. Its steps
/// are inlined and keep the decoder's place: calls and re-slicing cost more
/// than the one or two characters each step reads.
struct Walk<'a> {
    rest: std::str::Chars<'a>,
}

impl Walk<'_> {
    #[inline(always)]
    fn peek(&self) -> Option<char> {
        self.rest.clone().next()
    }

    /// Consumes the next character if `f` holds for it: a lookahead that
    /// tells these characters apart and treats all others alike.
    #[inline(always)]
    fn one_if(&mut self, f: impl Fn(char) -> bool) -> bool {
        let mut next = self.rest.clone();
        let hit = next.next().is_some_and(f);
        if hit {
            self.rest = next;
        }
        hit
    }

    /// Consumes characters while `f` holds.
    #[inline(always)]
    fn run(&mut self, f: impl Fn(char) -> bool) -> &mut Self {
        while self.one_if(&f) {}
        self
    }

    /// Consumes one character, whatever it is.
    #[inline(always)]
    fn one(&mut self) -> &mut Self {
        self.rest.next();
        self
    }

    #[inline(always)]
    fn spaces(&mut self) -> &mut Self {
        self.run(is_space)
    }

    #[inline(always)]
    fn numerals(&mut self) -> &mut Self {
        self.run(is_numeral)
    }
}

/// Byte length of the prefix of `head` that decides the grammar's answer for
/// `kind`.
///
/// The grammar's answer is the same for every line that starts with this
/// prefix and either ends there in both cases or goes on in both: the rule
/// treats whatever character follows the prefix like any other it does not
/// name. Each walk reads a superset of what its rule reads: numeral runs of
/// any length (the rule stops after a few), every whitespace the scanner
/// knows (the grammar's `sp` is a subset), and at each lookahead the
/// characters the rule names.
pub(crate) fn decisive_len(kind: MarkerKind, head: &str) -> usize {
    use MarkerKind::*;
    let mut w = Walk { rest: head.chars() };
    let enclosed = |c: char| !is_numeral(c);
    match kind {
        // `一、` and then `!prose_list`: `sp* cn_char{1,3} word`, where the
        // longest word is three characters (`中全会`).
        Numeral => {
            w.numerals().spaces().one().spaces();
            if w.peek().is_some_and(is_cn_numeral) {
                w.run(is_cn_numeral).one().one().one();
            }
        }
        // `壹、`: no lookahead.
        CapitalNumeral => {
            w.numerals().spaces().one();
        }
        // `⑴` `㈠`: one character. `（一）` `(1)` `1）`: up to the closing
        // bracket, nothing after.
        ParenNumeral | ParenDigit if w.peek().is_some_and(|c| enclosed(c) && !is_paren_open(c)) => {
            w.one();
        }
        ParenNumeral | ParenDigit => {
            w.one().spaces().numerals().spaces().one();
        }
        // `⒈`, or `1.` then `!(digit)` and `!(sp* EOI)`.
        Digit if w.peek().is_some_and(enclosed) => {
            w.one();
        }
        Digit => {
            w.numerals().spaces().one();
            if w.one_if(is_digit) {
                // `1、2015年`: a year after the delimiter.
                w.run(|c| c.is_ascii_digit());
                w.one_if(|c| c == '年');
            } else {
                w.spaces();
            }
        }
        // `1.2.3` then `&break ~ !(sp* ~ EOI)`.
        Dotted => {
            w.run(|c| c.is_ascii_digit() || c == '.' || c == '．');
            if w.one_if(|c| is_space(c) || matches!(c, '、' | '：' | ':' | '，' | ',')) {
                w.spaces();
            }
        }
        Circled => {
            w.one();
        }
        // `第一章` (`第一分编`, `第一部分`, `第十二至十四条`) then
        // `!reference_tail`, whose only two-character words are `规定`/`規定`.
        Book | SubBook | Division | Chapter | Section | Article => {
            w.one().spaces().numerals().spaces();
            if kind == Article && w.one_if(|c| c == '至') {
                w.spaces().numerals().spaces();
            }
            w.one();
            if matches!(kind, SubBook | Division) {
                w.one();
            }
            if w.one_if(|c| matches!(c, '规' | '規')) {
                w.one();
            } else {
                w.one_if(|c| {
                    matches!(
                        c,
                        '的' | '所'
                            | '至'
                            | '和'
                            | '及'
                            | '第'
                            | '款'
                            | '项'
                            | '項'
                            | '中'
                            | '、'
                            | '或'
                    )
                });
            }
        }
        // `a.` `A、` then `!ASCII_ALPHA`; `（a）` `(A)` likewise.
        Letter => {
            if w.peek().is_some_and(is_paren_open) {
                w.one().spaces().one().spaces().one();
            } else {
                w.one().spaces().one();
            }
            w.one_if(|c| c.is_ascii_alphabetic());
        }
        // Not a marker: lines, not grammar.
        Heading => {}
        // `一是`; `三要` then `!("求" | …)`.
        OrdinalShi => {
            w.numerals().one();
        }
        OrdinalYao => {
            w.numerals().one();
            w.one_if(not_yao_tail);
        }
        // `第一，` `第二是`; `第三要` then `!("务" | …)`.
        OrdinalDi => {
            w.one().spaces().numerals().spaces();
            let after = w.peek();
            w.one();
            match after {
                Some('要') => {
                    w.one_if(not_yao_tail);
                }
                // `第七、八、九条` is a list, not `第七、`.
                Some('、') => {
                    w.one_if(is_numeral);
                }
                _ => {}
            }
        }
        // `首先` then `!("的" | "者")`.
        Sequence => {
            w.one().one();
            w.one_if(|c| matches!(c, '的' | '者'));
        }
        // `【篇1】` `【 第一篇 】`: up to the closing bracket. `第一篇` `篇一`
        // then `&(break | EOI)`.
        Part => {
            let part_body = |c: char| is_space(c) || is_numeral(c) || matches!(c, '篇' | '第');
            if w.peek().is_some_and(is_lenticular_open) {
                w.one().run(part_body).one();
            } else {
                w.run(part_body);
                w.one_if(|c| matches!(c, '、' | '：' | ':' | '，' | ',' | '.' | '．'));
            }
        }
    }
    head.len() - w.rest.as_str().len()
}

/// Characters that make `要` part of a word (`要求`, `要务`), in either rule.
fn not_yao_tail(c: char) -> bool {
    matches!(c, '求' | '素' | '件' | '务' | '務' | '义' | '義')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every member of a numeral class matches as its class's character
    /// does, in every place a numeral can stand: the class table mirrors the
    /// grammar's sets.
    #[test]
    fn class_members_match_alike() {
        const TEMPLATES: [&str; 19] = [
            "@、加强",
            "@@、加强",
            "@ 、@级医院",
            "二、@级医院",
            "（@）加强",
            "(@@)加强",
            "第@章　总则",
            "第@@条规定",
            "第@篇",
            "【篇@】讲话",
            "@.加强",
            "@.@.@ 机房",
            "@）完善",
            "@是加强",
            "@@要抓",
            "第@，要",
            "@加强",
            "@",
            "@@@@@@@@、",
        ];
        let mut members = 0;
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let r = class(c);
            if r == c {
                continue;
            }
            members += 1;
            assert_eq!(c.len_utf8(), r.len_utf8(), "{c:?}");
            for t in TEMPLATES {
                let (text, rep) = (
                    t.replace('@', &c.to_string()),
                    t.replace('@', &r.to_string()),
                );
                for kind in MarkerKind::ALL {
                    assert_eq!(
                        recognise::match_of(kind, &text),
                        recognise::match_of(kind, &rep),
                        "{kind:?}: {text} and {rep}"
                    );
                }
            }
        }
        assert!(members > 150, "{members}");
    }

    /// Numerals of one class share the grammar's answer but keep their own
    /// values, and checks on values still apply to each.
    #[test]
    fn one_match_many_values() {
        let mut memo = Memo::default();
        let value = |memo: &mut Memo, kind, text| memo.line_marker(kind, text).map(|r| r.number);
        assert_eq!(value(&mut memo, MarkerKind::Numeral, "一、甲"), Some(1));
        assert_eq!(value(&mut memo, MarkerKind::Numeral, "九、甲"), Some(9));
        assert_eq!(value(&mut memo, MarkerKind::Part, "【篇1】"), Some(1));
        assert_eq!(value(&mut memo, MarkerKind::Part, "【篇7】"), Some(7));
        assert_eq!(
            value(&mut memo, MarkerKind::Dotted, "12.6.20 机房"),
            Some(20)
        );
        // The same shape, but 89 is above 31: a date.
        assert_eq!(value(&mut memo, MarkerKind::Dotted, "89.6.20 机房"), None);
        assert_eq!(memo.matched.len(), 3, "three class sequences");
    }

    /// The memo answers as the grammar does, for heads that share prefixes
    /// with different continuations (the near misses of every kind).
    #[test]
    fn reused_answers_match_direct_ones() {
        let markers = [
            "一、",
            "二、",
            "十一、",
            "一 、",
            "壹、",
            "（一）",
            "(1)",
            "1）",
            "1.",
            "1、",
            "１．",
            "1.1",
            "2.3.1",
            "①",
            "第一章",
            "第十条",
            "第一節",
            "第 1 章",
            "一是",
            "三要",
            "第一，",
            "第二要",
            "首先",
            "其次",
            "【篇1】",
            "篇一",
            "【 第二篇 】",
            "第三篇",
        ];
        let tails = [
            "",
            "加强领导",
            "三级医院",
            "二季度",
            " 二季度",
            "5万人次",
            " ",
            "  ",
            "规定的",
            "规划",
            "的",
            "求",
            "三中全会",
            "三级",
            "二三四五",
            "】",
            "务",
            "者",
            "，要",
            "。",
            "、三",
            "中全会",
            "1",
            "２",
            "　总则",
        ];
        let mut memo = Memo::default();
        let mut texts = Vec::new();
        for m in markers {
            for t in tails {
                texts.push(format!("{m}{t}"));
            }
        }
        // Twice over, so that the second round is answered from the memo.
        for round in 0..2 {
            for text in &texts {
                let Some(kind) = crate::parse::shape::shape(text) else {
                    continue;
                };
                assert_eq!(
                    memo.line_marker(kind, text),
                    recognise::line_marker_of(kind, text),
                    "round {round}: {text}"
                );
            }
        }
    }

    /// `n` (1..=9999) in Chinese as documents write it (`十二`, `一百一十`,
    /// `一千零五`), with `digits` (index 0 is the zero) and `units` 十 百 千.
    /// `n` in Chinese, 10–19 as 十… (the numeral tests' writer).
    fn chinese(n: u32, digits: [char; 10], units: [char; 3]) -> String {
        crate::numeral::tests::chinese_form(n, digits, units, true)
    }

    /// Every numeral marker of every form, numbered 1 to 9999, is read by
    /// the fast path (`shape`, then [`Memo`] with [`decisive_len`]) as the
    /// whole grammar reads it, with its number. The longest Chinese
    /// numeral is seven characters (`一千九百九十九`): an article marker of
    /// nine (`第一千九百九十九条`) was lost while the grammar read six.
    /// Arabic numbers are read up to three digits (`2015.` is a year).
    #[test]
    fn every_marker_of_every_form_agrees() {
        use MarkerKind::*;
        let cn = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
        let cap = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
        let mut cases: Vec<(MarkerKind, String, u32, bool)> = Vec::new();
        for n in 1..=9999 {
            let c = chinese(n, cn, ['十', '百', '千']);
            assert_eq!(crate::numeral::value(&c), Some(n), "{c}");
            let k = chinese(n, cap, ['拾', '佰', '仟']);
            assert_eq!(crate::numeral::value(&k), Some(n), "{k}");
            for (kind, text) in [
                (Numeral, format!("{c}、总则")),
                (ParenNumeral, format!("（{c}）总则")),
                (CapitalNumeral, format!("{k}、总则")),
                (Part, format!("第{c}篇 总则")),
                (Book, format!("第{c}编 总则")),
                (Division, format!("第{c}部分 总则")),
                (Chapter, format!("第{c}章 总则")),
                (Section, format!("第{c}节 总则")),
                (Article, format!("第{c}条 总则")),
                (Article, format!("第{k}條 总则")),
                (OrdinalDi, format!("第{c}，要")),
            ] {
                cases.push((kind, text, n, true));
            }
            for (kind, text) in [
                (Digit, format!("{n}. 总则")),
                (Digit, format!("{n}、总则")),
                (ParenDigit, format!("（{n}）总则")),
                (ParenDigit, format!("{n}）总则")),
                (Chapter, format!("第{n}章 总则")),
                (Article, format!("第{n}条 总则")),
            ] {
                cases.push((kind, text, n, n <= 999));
            }
        }
        for c in crate::numeral::class::members(crate::numeral::class::ENCLOSED_CIRCLED) {
            let n = crate::numeral::enclosed_value(c).unwrap();
            cases.push((Circled, format!("{c}总则"), n, true));
        }
        let mut memo = Memo::default();
        for (kind, text, n, read) in &cases {
            assert_eq!(crate::parse::shape::shape(text), Some(*kind), "{text}");
            // In a debug build `line_marker` also asks the grammar's rule for
            // the kind directly and asserts the same answer.
            let fast = memo.line_marker(*kind, text);
            #[cfg(not(debug_assertions))]
            assert_eq!(fast, recognise::line_marker_of(*kind, text), "{text}");
            let want = read.then_some((*kind, *n));
            assert_eq!(fast.map(|r| (r.kind, r.number)), want, "{text}");
        }
    }

    /// `第一千九百九十九条`: nine characters, the longest article marker.
    #[test]
    fn nine_character_article_markers() {
        for (text, n) in [
            ("第一千九百九十九条 附则", 1999),
            ("第九千九百九十九条", 9999),
            ("第一千九百九十八至一千九百九十九条 附则", 1998),
            ("第壹仟玖佰玖拾玖條", 1999),
        ] {
            let r = recognise::line_marker(text).expect(text);
            assert_eq!((r.kind, r.number), (MarkerKind::Article, n), "{text}");
            let mut memo = Memo::default();
            assert_eq!(
                memo.line_marker(MarkerKind::Article, text),
                Some(r),
                "{text}"
            );
        }
        // Seven numeral characters that are no number stay no marker.
        assert_eq!(recognise::line_marker("一二三四五六七、"), None);
    }

    /// A code's articles past a thousand, written out in full, are headings
    /// of the document (they were lost, as its title's lines).
    #[test]
    fn nine_character_articles_are_headings() {
        let text = "总则\n第一千九百九十六条 甲\n第一千九百九十七条 乙\n\
                    第一千九百九十八条 丙\n第一千九百九十九条 丁\n第二千条 戊\n";
        let doc = crate::parse(text);
        let got: Vec<_> = doc.headings().map(|h| (h.kind, h.number)).collect();
        let want: Vec<_> = (1996..=2000)
            .map(|n| (MarkerKind::Article, Some(n)))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn prefixes_stop_after_the_lookahead() {
        use MarkerKind::*;
        for (kind, head, want) in [
            (Numeral, "一、加强领导", "一、"),
            (Numeral, "一、 加强", "一、 "),
            (Numeral, "二、三级医院", "二、三级医院"),
            (Numeral, "二、三中全会", "二、三中全会"),
            (Part, "【篇1】讲话", "【篇1】"),
            (Part, "【 第十二篇 】讲话", "【 第十二篇 】"),
            (Part, "第一篇　总则", "第一篇　"),
            (Part, "篇一：总则", "篇一："),
            (ParenNumeral, "（一）加强", "（一）"),
            (Digit, "1.加强", "1."),
            (Digit, "1.5万", "1.5"),
            (Digit, "⒈加强", "⒈"),
            (ParenDigit, "⑴加强", "⑴"),
            (Digit, "1.", "1."),
            (Chapter, "第一章 总则", "第一章"),
            (Article, "第一条规定", "第一条规定"),
            (Article, "第一条的", "第一条的"),
            (OrdinalYao, "一要求", "一要求"),
            (OrdinalYao, "一要抓", "一要"),
            (OrdinalDi, "第二要务", "第二要务"),
            (OrdinalDi, "第二，要", "第二，"),
            (Sequence, "首先，", "首先"),
            (Sequence, "首先的", "首先的"),
        ] {
            assert_eq!(&head[..decisive_len(kind, head)], want, "{head}");
        }
    }
}
