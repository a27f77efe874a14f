//! How a marker is written: its numeral run, the script of that numeral, and
//! the brackets and delimiter around it. `check` compares these forms and
//! `fmt` rewrites them; both change only what this module can take apart, so
//! a marker it cannot read is left as written.

use crate::kind::MarkerKind;
use crate::numeral::{self, class};

/// The writing system of a marker's numeral.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Script {
    /// `一` `十二`
    Chinese,
    /// `壹` `贰` `拾壹`
    CapitalSimplified,
    /// `壹` `貳` `參`
    CapitalTraditional,
    /// `1` `12`
    Arabic,
    /// `１` `１２`
    ArabicFull,
    /// One enclosed character: `①` `⑴` `⒈` `㈠` `❶`.
    Enclosed(Enclosed),
    /// A Latin letter, `a` = 1 (`letter` markers): upper or lower case.
    Latin {
        /// `A.` rather than `a.`
        upper: bool,
    },
}

/// The families of enclosed numeral characters, each a run of code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Enclosed {
    /// ① … ㊿
    Circled,
    /// ⑴ … ⒇
    Paren,
    /// ⒈ … ⒛
    FullStop,
    /// ❶ … ❿, ⓫ … ⓴
    Negative,
    /// ⓵ … ⓾
    Double,
    /// ➀ … ➉
    Sans,
    /// ➊ … ➓
    SansNegative,
    /// ㈠ … ㈩
    ParenIdeograph,
    /// ㊀ … ㊉
    CircledIdeograph,
}

/// (family, first char, last char, value of the first char).
const ENCLOSED: [(Enclosed, char, char, u32); 12] = [
    (Enclosed::Circled, '\u{2460}', '\u{2473}', 1),
    (Enclosed::Circled, '\u{3251}', '\u{325F}', 21),
    (Enclosed::Circled, '\u{32B1}', '\u{32BF}', 36),
    (Enclosed::Paren, '\u{2474}', '\u{2487}', 1),
    (Enclosed::FullStop, '\u{2488}', '\u{249B}', 1),
    (Enclosed::Negative, '\u{2776}', '\u{277F}', 1),
    (Enclosed::Negative, '\u{24EB}', '\u{24F4}', 11),
    (Enclosed::Double, '\u{24F5}', '\u{24FE}', 1),
    (Enclosed::Sans, '\u{2780}', '\u{2789}', 1),
    (Enclosed::SansNegative, '\u{278A}', '\u{2793}', 1),
    (Enclosed::ParenIdeograph, '\u{3220}', '\u{3229}', 1),
    (Enclosed::CircledIdeograph, '\u{3280}', '\u{3289}', 1),
];

fn enclosed_family(c: char) -> Option<Enclosed> {
    // Every family lies in one of two blocks: most chars are rejected here,
    // before the table is scanned.
    if !matches!(c, '\u{2460}'..='\u{2793}' | '\u{3220}'..='\u{32BF}') {
        return None;
    }
    ENCLOSED
        .iter()
        .find(|(_, lo, hi, _)| (*lo..=*hi).contains(&c))
        .map(|(f, ..)| *f)
}

fn enclosed_char(family: Enclosed, n: u32) -> Option<char> {
    ENCLOSED
        .iter()
        .filter(|(f, ..)| *f == family)
        .find_map(|&(_, lo, hi, first)| {
            let last = first + (u32::from(hi) - u32::from(lo));
            (first..=last)
                .contains(&n)
                .then(|| char::from_u32(u32::from(lo) + (n - first)))
                .flatten()
        })
}

fn is_arabic(c: char) -> bool {
    class::is_digit(c)
}

fn is_chinese_digit(c: char) -> bool {
    // ASCII first: most chars tested are the brackets and delimiters around
    // a numeral, and none of those is a numeral. The grammar's numerals, and
    // the rarer ones it leaves out.
    !c.is_ascii()
        && (class::is_cn_numeral(c)
            || class::is_capital_numeral(c)
            || class::is_rare_numeral(numeral::fold_compat(c)))
}

/// A numeral char only the traditional capitals write (`貳` `參`).
fn is_capital_traditional(c: char) -> bool {
    matches!(numeral::fold_compat(c), '貳' | '參' | '陸' | '叄')
}

/// A numeral char of the simplified capitals (`壹` `贰` `拾`).
fn is_capital_simplified(c: char) -> bool {
    matches!(
        numeral::fold_compat(c),
        '壹' | '弌'
            | '贰'
            | '弍'
            | '叁'
            | '弎'
            | '肆'
            | '伍'
            | '陆'
            | '柒'
            | '捌'
            | '玖'
            | '拾'
            | '佰'
            | '仟'
    )
}

/// A marker taken apart: `prefix` + `digits` + `suffix` is the marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Shape<'a> {
    /// Before the numeral: an opening bracket, `第`, `【篇`, inner spaces.
    pub prefix: &'a str,
    /// The numeral as written (for a dotted marker, its last component).
    pub digits: &'a str,
    /// After the numeral: a delimiter, a closing bracket, `是`, `章`.
    pub suffix: &'a str,
    pub script: Script,
}

impl<'a> Shape<'a> {
    /// Takes `marker` apart, or None when it holds no numeral this module can
    /// rewrite (sequence words such as `首先`).
    pub(crate) fn of(kind: MarkerKind, marker: &'a str) -> Option<Self> {
        if kind == MarkerKind::Sequence {
            return None;
        }
        if kind == MarkerKind::Letter {
            let (start, c) = marker
                .char_indices()
                .find(|(_, c)| c.is_ascii_alphabetic())?;
            return Some(Shape {
                prefix: &marker[..start],
                digits: &marker[start..start + 1],
                suffix: &marker[start + 1..],
                script: Script::Latin {
                    upper: c.is_ascii_uppercase(),
                },
            });
        }
        let (start, end) = if kind == MarkerKind::Dotted {
            // The last run of digits is the component this marker numbers.
            let end = marker
                .char_indices()
                .rev()
                .find(|&(_, c)| is_arabic(c))
                .map(|(i, c)| i + c.len_utf8())?;
            let start = marker[..end]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_arabic(c))
                .last()
                .map(|(i, _)| i)?;
            (start, end)
        } else {
            let (start, first) = marker.char_indices().find(|&(_, c)| {
                is_arabic(c) || is_chinese_digit(c) || enclosed_family(c).is_some()
            })?;
            let end = if enclosed_family(first).is_some() {
                start + first.len_utf8()
            } else {
                let arabic = is_arabic(first);
                marker[start..]
                    .char_indices()
                    .find(|&(_, c)| {
                        if arabic {
                            !is_arabic(c)
                        } else {
                            !is_chinese_digit(c)
                        }
                    })
                    .map_or(marker.len(), |(i, _)| start + i)
            };
            (start, end)
        };
        let digits = &marker[start..end];
        let first = digits.chars().next()?;
        let script = if let Some(f) = enclosed_family(first) {
            Script::Enclosed(f)
        } else if first.is_ascii_digit() {
            Script::Arabic
        } else if is_arabic(first) {
            Script::ArabicFull
        } else if digits.chars().any(is_capital_traditional) {
            Script::CapitalTraditional
        } else if digits.chars().any(is_capital_simplified) {
            Script::CapitalSimplified
        } else {
            Script::Chinese
        };
        Some(Shape {
            prefix: &marker[..start],
            digits,
            suffix: &marker[end..],
            script,
        })
    }

    /// The value of the numeral (`c` of a letter marker is 3).
    pub(crate) fn value(&self) -> Option<u32> {
        match self.script {
            Script::Latin { .. } => {
                let c = self.digits.bytes().next()?.to_ascii_lowercase();
                Some(u32::from(c.checked_sub(b'a')?) + 1)
            }
            _ => numeral::value(self.digits),
        }
    }

    /// The marker with its numeral replaced by `n` in the same script, or None
    /// when the script cannot write `n` (`⑳` is the last of its family).
    pub(crate) fn renumbered(&self, n: u32) -> Option<String> {
        let mut out = String::with_capacity(self.prefix.len() + self.suffix.len() + 12);
        self.renumbered_into(n, &mut out).then_some(out)
    }

    /// [`Shape::renumbered`], appended to `out`; false (and `out` as it
    /// was) when the script cannot write `n`.
    pub(crate) fn renumbered_into(&self, n: u32, out: &mut String) -> bool {
        let len = out.len();
        out.push_str(self.prefix);
        if push_number(out, n, self.script).is_none() {
            out.truncate(len);
            return false;
        }
        out.push_str(self.suffix);
        true
    }
}

/// `n` written in `script`.
#[cfg(test)]
pub(crate) fn write_number(n: u32, script: Script) -> Option<String> {
    let mut out = String::new();
    push_number(&mut out, n, script)?;
    Some(out)
}

/// Appends `n` written in `script` to `out`, or returns None (with `out`
/// unchanged) when the script cannot write `n`. Appending spares each
/// rewritten marker a String of its own for the numeral.
pub(crate) fn push_number(out: &mut String, n: u32, script: Script) -> Option<()> {
    match script {
        Script::Arabic => push_decimal(out, n, '0'),
        Script::ArabicFull => push_decimal(out, n, '０'),
        Script::Enclosed(f) => out.push(enclosed_char(f, n)?),
        Script::Latin { upper } => {
            let c = (b'a' + u8::try_from(n.checked_sub(1)?).ok().filter(|&k| k < 26)?) as char;
            out.push(if upper { c.to_ascii_uppercase() } else { c });
        }
        Script::Chinese => chinese(out, n, &CHINESE)?,
        Script::CapitalSimplified => chinese(out, n, &CAPITAL_SIMPLIFIED)?,
        Script::CapitalTraditional => chinese(out, n, &CAPITAL_TRADITIONAL)?,
    }
    Some(())
}

/// Appends the decimal digits of `n`, counted from `zero` (`0` or `０`).
fn push_decimal(out: &mut String, n: u32, zero: char) {
    let mut digits = [0u8; 10];
    let mut len = 0;
    let mut rest = n;
    loop {
        digits[len] = (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in digits[..len].iter().rev() {
        // `zero` plus a digit is within the ASCII or full-width digits.
        out.extend(char::from_u32(u32::from(zero) + u32::from(d)));
    }
}

/// The digits 0–9, then the units ten, hundred, thousand, of a Chinese script.
type Numerals = ([char; 10], [char; 3]);

const CHINESE: Numerals = (
    ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    ['十', '百', '千'],
);
const CAPITAL_SIMPLIFIED: Numerals = (
    ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
    ['拾', '佰', '仟'],
);
const CAPITAL_TRADITIONAL: Numerals = (
    ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'],
    ['拾', '佰', '仟'],
);

/// Appends 1..=9999 the way headings do: `十`, `十一`, `二十`, `一百零五`.
fn chinese(out: &mut String, n: u32, (d, u): &Numerals) -> Option<()> {
    if !(1..=9999).contains(&n) {
        return None;
    }
    let mut wrote = false;
    let mut gap = false;
    for (place, uc) in [(1000, u[2]), (100, u[1]), (10, u[0])] {
        let k = (n / place % 10) as usize;
        if k == 0 {
            gap = wrote;
            continue;
        }
        if gap {
            out.push(d[0]);
            gap = false;
        }
        // A bare ten: `十一`, not `一十一`.
        if !(place == 10 && k == 1 && !wrote) {
            out.push(d[k]);
        }
        out.push(uc);
        wrote = true;
    }
    let k = (n % 10) as usize;
    if k != 0 {
        if gap {
            out.push(d[0]);
        }
        out.push(d[k]);
    }
    Some(())
}

/// The kinds whose brackets, delimiter and width `check` compares and `fmt`
/// unifies. Ordinals are part of a sentence, chapters and articles rarely
/// vary, and dotted and circled markers have one form each.
pub(crate) const fn has_style(kind: MarkerKind) -> bool {
    matches!(
        kind,
        MarkerKind::CapitalNumeral
            | MarkerKind::Numeral
            | MarkerKind::ParenNumeral
            | MarkerKind::Digit
            | MarkerKind::ParenDigit
    )
}

/// Digits of a styled marker: Chinese, Arabic of either width, or enclosed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Digits {
    Chinese,
    Half,
    Full,
    Enclosed,
}

/// The written form of a styled marker, apart from its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Form {
    pub open: Option<char>,
    pub close: Option<char>,
    pub digits: Digits,
}

/// An opening bracket a form may have.
fn is_open(c: char) -> bool {
    matches!(c, '（' | '(' | '〔' | '[' | '【')
}

/// A closing bracket or delimiter a form may have.
fn is_close(c: char) -> bool {
    matches!(
        c,
        '）' | ')' | '〕' | ']' | '】' | '、' | '.' | '．' | '，' | ','
    )
}

impl Form {
    /// The form of a marker of a styled kind, or None when it is not one this
    /// module understands.
    pub(crate) fn of(kind: MarkerKind, shape: &Shape<'_>) -> Option<Form> {
        if !has_style(kind) {
            return None;
        }
        let open = shape.prefix.chars().find(|c| !c.is_whitespace());
        let close = shape.suffix.chars().rev().find(|c| !c.is_whitespace());
        // Anything else around the numeral: not a form to compare or rewrite.
        if open.is_some_and(|c| !is_open(c)) || close.is_some_and(|c| !is_close(c)) {
            return None;
        }
        let extra = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count() > 1;
        if extra(shape.prefix) || extra(shape.suffix) {
            return None;
        }
        let digits = match shape.script {
            Script::Arabic => Digits::Half,
            Script::ArabicFull => Digits::Full,
            Script::Enclosed(_) => Digits::Enclosed,
            _ => Digits::Chinese,
        };
        Some(Form {
            open,
            close,
            digits,
        })
    }

    /// The form GB/T 9704-2012 uses for `kind` (`一、` `（一）` `1.` `（1）`).
    pub(crate) fn gbt9704(kind: MarkerKind) -> Option<Form> {
        let (open, close, digits) = match kind {
            MarkerKind::CapitalNumeral | MarkerKind::Numeral => (None, '、', Digits::Chinese),
            MarkerKind::ParenNumeral => (Some('（'), '）', Digits::Chinese),
            MarkerKind::Digit => (None, '.', Digits::Half),
            MarkerKind::ParenDigit => (Some('（'), '）', Digits::Half),
            _ => return None,
        };
        Some(Form {
            open,
            close: Some(close),
            digits,
        })
    }

    /// Whether the brackets and delimiter are of the same sort, whatever their
    /// width: `1.` and `1．` are, `1.` and `1、` are not.
    pub(crate) fn same_delimiter(self, other: Form) -> bool {
        fn sort(c: Option<char>) -> Option<char> {
            c.map(|c| match c {
                '（' | '(' => '(',
                '）' | ')' => ')',
                '．' | '.' => '.',
                '，' | ',' => ',',
                c => c,
            })
        }
        let enclosed = |f: Form| f.digits == Digits::Enclosed;
        enclosed(self) == enclosed(other)
            && sort(self.open) == sort(other.open)
            && sort(self.close) == sort(other.close)
    }

    /// `shape` rewritten in this form with the number `n`, keeping any inner
    /// spaces. None when the form cannot write `n` (enclosed forms stop at 10
    /// or 20).
    pub(crate) fn write(self, kind: MarkerKind, shape: &Shape<'_>, n: u32) -> Option<String> {
        let mut out = String::with_capacity(
            shape.prefix.len() + shape.digits.len() + shape.suffix.len() + 12,
        );
        self.write_into(kind, shape, n, &mut out).then_some(out)
    }

    /// [`Form::write`], appended to `out`; false (and `out` as it was) when
    /// the form cannot write `n`.
    pub(crate) fn write_into(
        self,
        kind: MarkerKind,
        shape: &Shape<'_>,
        n: u32,
        out: &mut String,
    ) -> bool {
        let len = out.len();
        let written = self.push(kind, shape, n, out).is_some();
        if !written {
            out.truncate(len);
        }
        written
    }

    /// Appends `shape` in this form with the number `n`, or returns None
    /// partway when the form cannot write it.
    fn push(self, kind: MarkerKind, shape: &Shape<'_>, n: u32, out: &mut String) -> Option<()> {
        let script = match (self.digits, shape.script) {
            (Digits::Half, _) => Script::Arabic,
            (Digits::Full, _) => Script::ArabicFull,
            (Digits::Enclosed, Script::Enclosed(f)) => Script::Enclosed(f),
            (Digits::Enclosed, _) => Script::Enclosed(match kind {
                MarkerKind::Digit => Enclosed::FullStop,
                MarkerKind::ParenDigit => Enclosed::Paren,
                MarkerKind::ParenNumeral => Enclosed::ParenIdeograph,
                _ => return None,
            }),
            (Digits::Chinese, Script::Enclosed(_)) => Script::Chinese,
            (Digits::Chinese, s) => s,
        };
        if self.digits == Digits::Enclosed {
            return push_number(out, n, script);
        }
        // Inner spaces (`（ 四 ）`) stay; brackets and delimiter are replaced.
        if let Some(c) = self.open {
            out.push(c);
        }
        push_spaces(out, shape.prefix);
        push_number(out, n, script)?;
        push_spaces(out, shape.suffix);
        if let Some(c) = self.close {
            out.push(c);
        }
        Some(())
    }
}

/// Appends the whitespace of `s`, in order.
fn push_spaces(out: &mut String, s: &str) {
    out.extend(s.chars().filter(|c| c.is_whitespace()));
}

/// Whether a marker closed by `close` cannot take a full stop instead: the
/// text after it starts with a digit, and `1、5项` would become the decimal
/// `1.5项`.
pub(crate) fn pinned(close: Option<char>, next: Option<char>) -> bool {
    let dot = |c: char| c == '.' || c == '．';
    !close.is_some_and(dot) && next.is_some_and(|c| is_arabic(c) || dot(c))
}

/// The most common of `forms` of `kind`. On a tie the GB/T 9704 form wins if
/// it is among the most common, else the earliest of them.
pub(crate) fn majority(kind: MarkerKind, forms: impl Iterator<Item = Form>) -> Option<Form> {
    // A handful of distinct forms at most, so a linear search is cheap.
    let mut counts: Vec<(Form, usize)> = Vec::new();
    for f in forms {
        match counts.iter_mut().find(|(g, _)| *g == f) {
            Some((_, n)) => *n += 1,
            None => counts.push((f, 1)),
        }
    }
    let top = counts.iter().map(|&(_, n)| n).max()?;
    let standard = Form::gbt9704(kind);
    counts
        .iter()
        .find(|&&(f, n)| n == top && Some(f) == standard)
        .or_else(|| counts.iter().find(|&&(_, n)| n == top))
        .map(|&(f, _)| f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(kind: MarkerKind, m: &str) -> Shape<'_> {
        Shape::of(kind, m).expect(m)
    }

    /// The families cover the enclosed classes (`numeral::class`) exactly,
    /// with the values `numeral::enclosed_value` reads.
    #[test]
    fn enclosed_families_are_the_classes() {
        let classes: Vec<char> = [
            class::ENCLOSED_CIRCLED,
            class::ENCLOSED_PAREN_DIGIT,
            class::ENCLOSED_DIGIT,
            class::ENCLOSED_PAREN_NUMERAL,
        ]
        .into_iter()
        .flat_map(class::members)
        .collect();
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(enclosed_family(c).is_some(), classes.contains(&c), "{c:?}");
        }
        for (family, lo, hi, first) in ENCLOSED {
            for (i, c) in (lo..=hi).enumerate() {
                let n = first + i as u32;
                assert_eq!(numeral::enclosed_value(c), Some(n), "{c:?}");
                assert_eq!(enclosed_char(family, n), Some(c), "{c:?}");
            }
        }
    }

    #[test]
    fn takes_markers_apart() {
        let s = shape(MarkerKind::ParenNumeral, "（ 四 ）");
        assert_eq!((s.prefix, s.digits, s.suffix), ("（ ", "四", " ）"));
        let s = shape(MarkerKind::Chapter, "第十二章");
        assert_eq!((s.prefix, s.digits, s.suffix), ("第", "十二", "章"));
        let s = shape(MarkerKind::Dotted, "2.3.1");
        assert_eq!((s.prefix, s.digits, s.suffix), ("2.3.", "1", ""));
        let s = shape(MarkerKind::Part, "【篇12】");
        assert_eq!((s.digits, s.script), ("12", Script::Arabic));
        assert_eq!(
            shape(MarkerKind::CapitalNumeral, "貳、").script,
            Script::CapitalTraditional
        );
        assert_eq!(shape(MarkerKind::Digit, "１．").script, Script::ArabicFull);
        assert!(Shape::of(MarkerKind::Sequence, "首先").is_none());
        assert_eq!(
            shape(MarkerKind::OrdinalShi, "四是").renumbered(5).unwrap(),
            "五是"
        );
        assert_eq!(
            shape(MarkerKind::Circled, "⑳").renumbered(21).unwrap(),
            "㉑"
        );
        assert_eq!(shape(MarkerKind::ParenDigit, "⑴").renumbered(21), None);
    }

    #[test]
    fn writes_numbers() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (105, "一百零五"),
            (110, "一百一十"),
        ];
        for (n, s) in cases {
            assert_eq!(write_number(n, Script::Chinese).unwrap(), s);
            assert_eq!(numeral::value(s), Some(n));
        }
        assert_eq!(
            write_number(12, Script::CapitalTraditional).unwrap(),
            "拾貳"
        );
        assert_eq!(write_number(12, Script::ArabicFull).unwrap(), "１２");
        for n in 1..=300 {
            for script in [
                Script::Chinese,
                Script::CapitalSimplified,
                Script::CapitalTraditional,
            ] {
                let s = write_number(n, script).unwrap();
                assert_eq!(numeral::value(&s), Some(n), "{s}");
            }
        }
    }

    #[test]
    fn rewrites_forms() {
        let gbt = Form::gbt9704(MarkerKind::ParenNumeral).unwrap();
        let s = shape(MarkerKind::ParenNumeral, "(二)");
        assert_eq!(
            gbt.write(MarkerKind::ParenNumeral, &s, 2).unwrap(),
            "（二）"
        );
        let s = shape(MarkerKind::ParenNumeral, "㈤");
        assert_eq!(
            gbt.write(MarkerKind::ParenNumeral, &s, 5).unwrap(),
            "（五）"
        );
        let digit = Form::gbt9704(MarkerKind::Digit).unwrap();
        let s = shape(MarkerKind::Digit, "２、");
        assert_eq!(digit.write(MarkerKind::Digit, &s, 2).unwrap(), "2.");
        let a = Form::of(MarkerKind::Digit, &shape(MarkerKind::Digit, "1.")).unwrap();
        let b = Form::of(MarkerKind::Digit, &shape(MarkerKind::Digit, "1．")).unwrap();
        let c = Form::of(MarkerKind::Digit, &shape(MarkerKind::Digit, "1、")).unwrap();
        assert!(a != b && a.same_delimiter(b) && !a.same_delimiter(c));
    }

    #[test]
    fn letters_are_read_and_renumbered() {
        let s = Shape::of(MarkerKind::Letter, "（b）").unwrap();
        assert_eq!(s.value(), Some(2));
        assert_eq!(s.renumbered(3).as_deref(), Some("（c）"));
        let upper = Shape::of(MarkerKind::Letter, "B.").unwrap();
        assert_eq!(upper.renumbered(1).as_deref(), Some("A."));
        assert_eq!(upper.renumbered(27), None);
    }
}
