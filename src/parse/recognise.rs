//! The only module that sees pest: runs `grammar/outline.pest` at a position
//! and turns the pairs into a plain [`Recognised`] record.

use pest::Parser;
use pest::iterators::Pair;

use crate::document::MAX_PATH;
use crate::kind::MarkerKind;
use crate::numeral;

use crate::grammar::{OutlineParser, Rule};

/// A marker recognised at the start of the text the grammar was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Recognised {
    pub kind: MarkerKind,
    /// Number of components: 2–6 for a dotted marker, 1 for other kinds.
    pub depth: u8,
    /// Value; 0 for a sequence word other than 首先 (numbered by the tree).
    pub number: u32,
    /// Byte length of the marker.
    len: u32,
    /// A dotted marker's components (three digits at most each), `path[..depth]`.
    path: [u16; MAX_PATH],
}

// Kept small: a document holds one per candidate marker.
const _: () = assert!(std::mem::size_of::<Recognised>() <= 24);

impl Recognised {
    /// An explicit heading: no marker, no number.
    pub fn explicit() -> Recognised {
        Recognised {
            kind: MarkerKind::Heading,
            depth: 1,
            number: 0,
            len: 0,
            path: [0; MAX_PATH],
        }
    }

    /// Byte length of the marker.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// A dotted marker's components; empty for other kinds.
    pub fn path(&self) -> &[u16] {
        if self.kind == MarkerKind::Dotted {
            &self.path[..usize::from(self.depth)]
        } else {
            &[]
        }
    }
}

/// A marker of kind `kind` at a line start (the scanner has read from the
/// first characters that no other kind is possible). `text` begins after the
/// leading noise and ends at the end of the line.
pub(crate) fn line_marker_of(kind: MarkerKind, text: &str) -> Option<Recognised> {
    match_of(kind, text)?.value(text)
}

/// What the grammar matches for `kind` at the start of `text`, before any
/// numeral is valued; see [`Match`].
pub(crate) fn match_of(kind: MarkerKind, text: &str) -> Option<Match> {
    let rule = match kind {
        MarkerKind::Part => Rule::only_part,
        MarkerKind::Book => Rule::only_book,
        MarkerKind::SubBook => Rule::only_sub_book,
        MarkerKind::Division => Rule::only_division,
        MarkerKind::Chapter => Rule::only_chapter,
        MarkerKind::Section => Rule::only_section,
        MarkerKind::Article => Rule::only_article,
        MarkerKind::CapitalNumeral => Rule::only_capital_numeral,
        MarkerKind::Numeral => Rule::only_numeral,
        MarkerKind::ParenNumeral => Rule::only_paren_numeral,
        MarkerKind::Digit => Rule::only_digit,
        MarkerKind::Dotted => Rule::only_dotted,
        MarkerKind::ParenDigit => Rule::only_paren_digit,
        MarkerKind::Circled => Rule::only_circled,
        MarkerKind::Letter => Rule::only_letter,
        // Explicit headings are lines, not markers.
        MarkerKind::Heading => return None,
        MarkerKind::OrdinalShi => Rule::only_ordinal_shi,
        MarkerKind::OrdinalYao => Rule::only_ordinal_yao,
        MarkerKind::OrdinalDi => Rule::only_ordinal_di,
        MarkerKind::Sequence => Rule::only_sequence,
    };
    find(rule, text)
}

/// A marker at a line start, trying every kind (the scanner uses
/// [`line_marker_of`]; this is the grammar's whole §2 in one rule, for tests).
#[cfg(test)]
pub(crate) fn line_marker(text: &str) -> Option<Recognised> {
    find(Rule::line_marker, text)?.value(text)
}

/// A number on a title line (a Markdown ATX heading): `2 设计要求` is a
/// digit marker `2`, `4.1信息` a dotted one.
pub(crate) fn title_number(text: &str) -> Option<Recognised> {
    find(Rule::only_title_number, text)?.value(text)
}

/// A part marker that closes its line (`学校工作计划【第一篇】`).
pub(crate) fn trailing_part(text: &str) -> Option<Recognised> {
    let mut r = find(Rule::trailing_part, text)?.value(text)?;
    r.kind = MarkerKind::Part;
    Some(r)
}

fn find(rule: Rule, text: &str) -> Option<Match> {
    // Entry rules end in `?`, so a parse error means nothing was found.
    let pair = OutlineParser::parse(rule, text).ok()?.next()?;
    Match::of(pair)
}

/// What the grammar matched, with its numerals located but not valued.
///
/// The grammar treats the numerals of one class alike (see
/// `lookahead::class`: `一` and `九`, `1` and `7`, `①` and `⑳` …), so a match
/// holds for every text that differs only by such numerals, while values
/// (and the checks on them, such as a dotted date `89.6.20`) are read from
/// each text by [`Match::value`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Match {
    kind: MarkerKind,
    len: usize,
    /// Where each value is, in bytes of the text, and how to read it.
    parts: [(usize, usize, Reading); MAX_PATH],
    count: u8,
}

/// How a part of a marker gives its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// A Chinese, capital or Arabic numeral.
    Numeral,
    /// A component of a dotted number.
    Dotted,
    /// An enclosed character (`①`, `⑴`, `⒈`, `㈠`).
    Enclosed,
    /// A sequence word: `首先` is 1, the others are numbered by the tree.
    Sequence,
    /// A Latin letter: `a` and `A` are 1.
    Letter,
}

impl Match {
    fn of(pair: Pair<'_, Rule>) -> Option<Match> {
        let kind = match pair.as_rule() {
            Rule::part | Rule::closing_part | Rule::bare_closing_part => MarkerKind::Part,
            Rule::book => MarkerKind::Book,
            Rule::sub_book => MarkerKind::SubBook,
            Rule::division => MarkerKind::Division,
            Rule::chapter => MarkerKind::Chapter,
            Rule::section => MarkerKind::Section,
            Rule::article => MarkerKind::Article,
            Rule::capital_numeral => MarkerKind::CapitalNumeral,
            Rule::numeral => MarkerKind::Numeral,
            Rule::paren_numeral => MarkerKind::ParenNumeral,
            Rule::digit => MarkerKind::Digit,
            Rule::dotted => MarkerKind::Dotted,
            Rule::paren_digit => MarkerKind::ParenDigit,
            Rule::circled => MarkerKind::Circled,
            Rule::letter => MarkerKind::Letter,
            // One component is a digit marker (`2 设计要求`), more a dotted one.
            Rule::title_number => MarkerKind::Dotted,
            Rule::ordinal_shi => MarkerKind::OrdinalShi,
            Rule::ordinal_yao => MarkerKind::OrdinalYao,
            Rule::ordinal_di => MarkerKind::OrdinalDi,
            Rule::sequence => MarkerKind::Sequence,
            _ => return None,
        };
        let mut m = Match {
            kind,
            len: pair.as_span().end() - pair.as_span().start(),
            parts: [(0, 0, Reading::Numeral); MAX_PATH],
            count: 0,
        };
        for inner in pair.into_inner() {
            let reading = match inner.as_rule() {
                Rule::num | Rule::cn_num | Rule::cap_num | Rule::small_num | Rule::arabic => {
                    Reading::Numeral
                }
                Rule::dotted_num | Rule::zero_num => Reading::Dotted,
                Rule::enclosed_circled
                | Rule::enclosed_paren_digit
                | Rule::enclosed_digit
                | Rule::enclosed_paren_numeral => Reading::Enclosed,
                Rule::seq_word => Reading::Sequence,
                Rule::latin => Reading::Letter,
                _ => continue,
            };
            if usize::from(m.count) < MAX_PATH {
                let span = inner.as_span();
                m.parts[usize::from(m.count)] = (span.start(), span.end(), reading);
                m.count += 1;
            }
        }
        Some(m)
    }

    /// The marker this match is in `text`, which must have the matched
    /// text's classes of numerals at the same places.
    pub(crate) fn value(&self, text: &str) -> Option<Recognised> {
        let mut path = [0u32; MAX_PATH];
        let mut depth = usize::from(self.count);
        for (p, &(start, end, reading)) in path.iter_mut().zip(&self.parts[..depth]) {
            let part = text.get(start..end)?;
            *p = match reading {
                Reading::Numeral => numeral::value(part)?,
                Reading::Dotted => part.parse().ok()?,
                Reading::Enclosed => numeral::enclosed_value(part.chars().next()?)?,
                Reading::Sequence => u32::from(part == "首先"),
                Reading::Letter => {
                    let c = part.bytes().next()?.to_ascii_lowercase();
                    u32::from(c.checked_sub(b'a')?) + 1
                }
            };
        }
        if depth == 0 {
            return None;
        }
        // A dotted number (or a title line's bare number) whose first
        // component is above 31 is a date (`89.6.20`) or a year.
        if matches!(self.parts[0].2, Reading::Dotted) && path[0] > 31 {
            return None;
        }
        let mut dotted = [0u16; MAX_PATH];
        // A title line's single number (`2 设计要求`) is a digit marker.
        let kind = match self.kind {
            MarkerKind::Dotted if depth == 1 => MarkerKind::Digit,
            k => k,
        };
        if kind == MarkerKind::Dotted {
            for (d, &p) in dotted.iter_mut().zip(&path[..depth]) {
                *d = u16::try_from(p).ok()?;
            }
        } else {
            depth = 1;
        }
        Some(Recognised {
            kind,
            depth: depth as u8,
            number: path[depth - 1],
            // A marker longer than 4 GiB (spaces inside brackets) is not one.
            len: u32::try_from(self.len).ok()?,
            path: dotted,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grammar's character rules and the Rust classes
    /// (`numeral::class`, which the scanner's filters use) hold the same
    /// characters: every member is accepted by its rule, and every other
    /// character near a member (and every ASCII, numeral or bracket
    /// character) is refused. The grammar cannot import the classes; this
    /// keeps the two in step.
    #[test]
    fn grammar_rules_are_the_classes() {
        use crate::numeral::class::{self, Set};
        let fullwidth: Set = &[('０', '９')];
        let rules: [(Rule, &[Set]); 14] = [
            (Rule::cn_small, &[class::CN_SMALL]),
            (Rule::cn_char, &[class::CN_SMALL, class::CN_LARGE]),
            (Rule::cap_char, &[class::CAPITAL]),
            (Rule::fw_digit, &[fullwidth]),
            (Rule::arabic_digits, &[class::DIGITS]),
            (
                Rule::cn_digits,
                &[class::CN_SMALL, class::CN_LARGE, class::CAPITAL],
            ),
            (Rule::enclosed_circled, &[class::ENCLOSED_CIRCLED]),
            (Rule::enclosed_paren_digit, &[class::ENCLOSED_PAREN_DIGIT]),
            (Rule::enclosed_digit, &[class::ENCLOSED_DIGIT]),
            (
                Rule::enclosed_paren_numeral,
                &[class::ENCLOSED_PAREN_NUMERAL],
            ),
            (Rule::paren_open, &[class::PAREN_OPEN]),
            (Rule::digit_paren_open, &[class::DIGIT_PAREN_OPEN]),
            (Rule::paren_close, &[class::PAREN_CLOSE]),
            (Rule::lenticular_open, &[class::LENTICULAR_OPEN]),
        ];
        let all = [
            class::CN_SMALL,
            class::CN_LARGE,
            class::CAPITAL,
            class::RARE,
            class::DIGITS,
            class::ENCLOSED_CIRCLED,
            class::ENCLOSED_PAREN_DIGIT,
            class::ENCLOSED_DIGIT,
            class::ENCLOSED_PAREN_NUMERAL,
            class::PAREN_OPEN,
            class::DIGIT_PAREN_OPEN,
            class::PAREN_CLOSE,
            class::LENTICULAR_OPEN,
            class::LENTICULAR_CLOSE,
        ];
        // The members, their neighbours, and ASCII.
        let mut probes: Vec<char> = all
            .iter()
            .flat_map(|&set| class::members(set))
            .flat_map(|c| u32::from(c).saturating_sub(2)..=u32::from(c) + 2)
            .chain(0..0x80)
            .filter_map(char::from_u32)
            .collect();
        probes.sort_unstable();
        probes.dedup();
        let lenticular_close: &[Set] = &[class::LENTICULAR_CLOSE];
        for (rule, sets) in rules
            .iter()
            .copied()
            .chain([(Rule::lenticular_close, lenticular_close)])
        {
            for &c in &probes {
                let want = sets.iter().any(|&set| class::members(set).any(|m| m == c));
                let got = OutlineParser::parse(rule, &c.to_string()).is_ok();
                assert_eq!(got, want, "{rule:?} on {c:?}");
            }
        }
    }

    fn kind(text: &str) -> Option<(MarkerKind, u32, &str)> {
        line_marker(text).map(|r| (r.kind, r.number, &text[..r.len()]))
    }

    #[test]
    fn every_kind_at_line_start() {
        use MarkerKind::*;
        let cases = [
            ("【篇1】讲话", Part, 1, "【篇1】"),
            ("【第二篇】", Part, 2, "【第二篇】"),
            ("第 1 章 总则", Chapter, 1, "第 1 章"),
            ("第十二章　附则", Chapter, 12, "第十二章"),
            ("第一節 目的", Section, 1, "第一節"),
            ("第十二条　本办法", Article, 12, "第十二条"),
            ("貳、計畫", CapitalNumeral, 2, "貳、"),
            ("拾壹、附則", CapitalNumeral, 11, "拾壹、"),
            ("二十三、其他", Numeral, 23, "二十三、"),
            ("一．总体", Numeral, 1, "一．"),
            ("（ 十二 ）加强", ParenNumeral, 12, "（ 十二 ）"),
            ("〔三〕做好", ParenNumeral, 3, "〔三〕"),
            ("㈣落实", ParenNumeral, 4, "㈣"),
            ("１２．完善", Digit, 12, "１２．"),
            ("3、推进", Digit, 3, "3、"),
            ("⒌健全", Digit, 5, "⒌"),
            ("2.3.1 机房", Dotted, 1, "2.3.1"),
            ("(4)建立", ParenDigit, 4, "(4)"),
            ("5）完善", ParenDigit, 5, "5）"),
            ("⑹加强", ParenDigit, 6, "⑹"),
            ("㉑核查", Circled, 21, "㉑"),
            ("十一是强化", OrdinalShi, 11, "十一是"),
            ("三要抓实", OrdinalYao, 3, "三要"),
            ("第二，要", OrdinalDi, 2, "第二，"),
            ("第三是加强", OrdinalDi, 3, "第三是"),
            ("其次，要", Sequence, 0, "其次"),
        ];
        for (text, k, n, m) in cases {
            assert_eq!(kind(text), Some((k, n, m)), "{text}");
        }
    }

    #[test]
    fn not_markers() {
        for text in [
            "二、三级医院",
            "一、二季度",
            "1.5万人次",
            "2025年",
            "3、4月份",
            "11.5.14.2的试验适用于",
            "5.2条规定",
            "3.0 道客巴巴",
            "2.0版",
            "33.02",
            "2017",
            "89.6.20 日",
            "2018.6.11 更新",
            "107.04.24",
            "第一条规定的",
            "第一次会议",
            "第一要务",
            "一一是",
            "统一是",
        ] {
            assert_eq!(kind(text), None, "{text} should not be a marker");
        }
    }

    #[test]
    fn dotted_path() {
        let r = line_marker("2.3.1 机房").unwrap();
        assert_eq!(r.path(), [2, 3, 1]);
        assert!(line_marker("二、").unwrap().path().is_empty());
    }

    #[test]
    fn trailing_part_closes_line() {
        assert_eq!(trailing_part("【第一篇】").map(|r| r.number), Some(1));
        assert_eq!(trailing_part("【第一篇】还有"), None);
    }
}
