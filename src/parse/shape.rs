//! Which kind a line start can be, read from its first characters: the
//! filter that keeps pest away from lines that cannot hold a marker.

use super::text::leading_space;
use crate::kind::MarkerKind;
use crate::numeral::class::{
    is_capital_numeral, is_cn_numeral, is_digit, is_digit_paren_open, is_enclosed_circled,
    is_enclosed_digit, is_enclosed_paren_digit, is_enclosed_paren_numeral, is_numeral,
};

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
        c if is_digit_paren_open(c) => match after_spaces(rest)? {
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
        c if is_enclosed_circled(c) => Some(Circled),
        c if is_enclosed_paren_digit(c) => Some(ParenDigit),
        c if is_enclosed_digit(c) => Some(Digit),
        c if is_enclosed_paren_numeral(c) => Some(ParenNumeral),
        '首' | '其' | '再' | '然' | '最' => matches!(
            (c, rest.chars().next()?),
            ('首', '先') | ('其', '次') | ('再', '次') | ('然', '后' | '後') | ('最', '后' | '後')
        )
        .then_some(Sequence),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::recognise;
    use super::*;

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
