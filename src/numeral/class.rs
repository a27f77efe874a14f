//! The character classes of numbering: which characters are numerals of
//! each kind, and which brackets open and close a marker. The one home of
//! these sets on the Rust side: the scanner's filters (`parse::shape`,
//! `parse::lookahead`), the forms of `numbering` and the rest read them
//! here.
//!
//! `grammar/outline.pest` names the same sets (its rules are given beside
//! each one) but cannot import them: `parse::recognise`'s tests check every
//! character against the grammar's rule, so the two cannot drift apart.
//!
//! Each set is written once, as a list of inclusive ranges; the macro makes
//! of it both the constant (which the tests walk) and a `matches!` test
//! (which the scanner calls on most characters of a line start).

/// A set of characters as inclusive ranges (`('一', '一')` for one char).
pub(crate) type Set = &'static [(char, char)];

/// Every character of `set`, in order.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn members(set: Set) -> impl Iterator<Item = char> {
    set.iter().flat_map(|&(lo, hi)| lo..=hi)
}

/// Defines a set constant and its membership test from one list of chars
/// and ranges.
macro_rules! class {
    ($(#[$doc:meta])* $set:ident, $is:ident: $($lo:literal $(..= $hi:literal)?)|+) => {
        $(#[$doc])*
        // The tests walk the constants; the library mostly calls the tests.
        #[cfg_attr(not(test), allow(dead_code))]
        pub(crate) const $set: Set = &[$(($lo, class!(@hi $lo $($hi)?))),+];

        $(#[$doc])*
        #[inline]
        #[cfg_attr(not(test), allow(dead_code))]
        pub(crate) fn $is(c: char) -> bool {
            matches!(c, $($lo $(..= $hi)?)|+)
        }
    };
    (@hi $lo:literal) => { $lo };
    (@hi $lo:literal $hi:literal) => { $hi };
}

class! {
    /// Chinese numerals of inline ordinals (`一是`, `二要`: they never run
    /// past twenty), with the compatibility ideograph and Kangxi radicals
    /// that stand for them; the grammar's `cn_small`.
    CN_SMALL, is_cn_small:
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        | '\u{F9D1}' | '\u{2F00}' | '\u{2F06}' | '\u{2F0B}' | '\u{2F17}'
}

class! {
    /// The other ordinary Chinese numerals: zeros, 两, 廿 卅, 百 千 (and the
    /// compatibility ideographs of 兩 零); with [`CN_SMALL`] the grammar's
    /// `cn_char`.
    CN_LARGE, is_cn_large:
        '〇' | '零' | '两' | '兩' | '廿' | '卅' | '百' | '千' | '\u{F978}' | '\u{F9B2}'
}

class! {
    /// Capital (大写) numerals and the compatibility ideographs of 參 拾 陸;
    /// the grammar's `cap_char`.
    CAPITAL, is_capital_numeral:
        '壹' | '贰' | '貳' | '弍' | '叁' | '參' | '叄' | '肆' | '伍' | '陆' | '陸' | '柒'
        | '捌' | '玖' | '拾' | '佰' | '仟' | '\u{F96B}' | '\u{F973}' | '\u{F9D3}'
}

class! {
    /// Numerals [`super::value`] reads that the grammar leaves out (`弌`,
    /// `弎`, `卌`): a marker never starts with them, but a form that renders
    /// numerals knows them.
    RARE, is_rare_numeral: '弌' | '弎' | '卌'
}

class! {
    /// Arabic digits, ASCII and full-width (the grammar's `ASCII_DIGIT` and
    /// `fw_digit`).
    DIGITS, is_digit: '0'..='9' | '０'..='９'
}

class! {
    /// Circled numbers, plain, negative, double and sans-serif (`①` `㉑`
    /// `❶` `⓫` `⓵` `➀` `➊`); the grammar's `enclosed_circled`.
    ENCLOSED_CIRCLED, is_enclosed_circled:
        '\u{2460}'..='\u{2473}'
        | '\u{3251}'..='\u{325F}'
        | '\u{32B1}'..='\u{32BF}'
        | '\u{2776}'..='\u{2793}'
        | '\u{24EB}'..='\u{24FE}'
}

class! {
    /// Parenthesised numbers `⑴` … `⒇`; the grammar's `enclosed_paren_digit`.
    ENCLOSED_PAREN_DIGIT, is_enclosed_paren_digit: '\u{2474}'..='\u{2487}'
}

class! {
    /// Numbers with a full stop `⒈` … `⒛`; the grammar's `enclosed_digit`.
    ENCLOSED_DIGIT, is_enclosed_digit: '\u{2488}'..='\u{249B}'
}

class! {
    /// Parenthesised and circled ideographs `㈠` … `㈩`, `㊀` … `㊉`; the
    /// grammar's `enclosed_paren_numeral`.
    ENCLOSED_PAREN_NUMERAL, is_enclosed_paren_numeral:
        '\u{3220}'..='\u{3229}' | '\u{3280}'..='\u{3289}'
}

class! {
    /// Brackets that open `（一）`; the grammar's `paren_open`.
    PAREN_OPEN, is_paren_open: '（' | '(' | '〔' | '［' | '['
}

class! {
    /// Brackets that open `（1）`, not the footnote marks `[1]` `［2］`; the
    /// grammar's `digit_paren_open`.
    DIGIT_PAREN_OPEN, is_digit_paren_open: '（' | '(' | '〔'
}

class! {
    /// Brackets that close `（一）` `（1）`; the grammar's `paren_close`.
    PAREN_CLOSE, is_paren_close: '）' | ')' | '〕' | '］' | ']'
}

class! {
    /// Brackets that open a part `【篇1】`; the grammar's `lenticular_open`.
    LENTICULAR_OPEN, is_lenticular_open: '【' | '[' | '〖'
}

class! {
    /// Brackets that close a part `【篇1】`; the grammar's `lenticular_close`.
    LENTICULAR_CLOSE, is_lenticular_close: '】' | ']' | '〗'
}

/// Ordinary Chinese numerals, [`CN_SMALL`] and [`CN_LARGE`]: the grammar's
/// `cn_char`.
#[inline]
pub(crate) fn is_cn_numeral(c: char) -> bool {
    is_cn_small(c) || is_cn_large(c)
}

/// A numeral character of any class a marker's number may be written in
/// but the enclosed ones: Chinese, capital or Arabic.
#[inline]
pub(crate) fn is_numeral(c: char) -> bool {
    is_cn_numeral(c) || is_capital_numeral(c) || is_digit(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each test holds exactly the members of its constant (the macro
    /// writes both from one list; this checks the macro).
    #[test]
    fn tests_and_constants_agree() {
        type Test = fn(char) -> bool;
        let sets: [(Set, Test); 14] = [
            (CN_SMALL, is_cn_small),
            (CN_LARGE, is_cn_large),
            (CAPITAL, is_capital_numeral),
            (RARE, is_rare_numeral),
            (DIGITS, is_digit),
            (ENCLOSED_CIRCLED, is_enclosed_circled),
            (ENCLOSED_PAREN_DIGIT, is_enclosed_paren_digit),
            (ENCLOSED_DIGIT, is_enclosed_digit),
            (ENCLOSED_PAREN_NUMERAL, is_enclosed_paren_numeral),
            (PAREN_OPEN, is_paren_open),
            (DIGIT_PAREN_OPEN, is_digit_paren_open),
            (PAREN_CLOSE, is_paren_close),
            (LENTICULAR_OPEN, is_lenticular_open),
            (LENTICULAR_CLOSE, is_lenticular_close),
        ];
        for (set, is) in sets {
            let all: Vec<char> = members(set).collect();
            for c in (0..0x3_0000).filter_map(char::from_u32) {
                assert_eq!(is(c), all.contains(&c), "{c:?}");
            }
        }
    }

    /// Every numeral of a class has a value, and the classes do not overlap.
    #[test]
    fn numerals_have_values() {
        for c in members(CN_SMALL)
            .chain(members(CN_LARGE))
            .chain(members(CAPITAL))
            .chain(members(RARE))
            .filter(|c| !matches!(super::super::fold_compat(*c), '百' | '千' | '佰' | '仟'))
        {
            assert!(super::super::value(&c.to_string()).is_some(), "{c:?}");
        }
        for c in members(ENCLOSED_CIRCLED)
            .chain(members(ENCLOSED_PAREN_DIGIT))
            .chain(members(ENCLOSED_DIGIT))
            .chain(members(ENCLOSED_PAREN_NUMERAL))
        {
            assert!(super::super::enclosed_value(c).is_some(), "{c:?}");
        }
        let classes = [CN_SMALL, CN_LARGE, CAPITAL, RARE, DIGITS];
        for (i, a) in classes.iter().enumerate() {
            for b in &classes[i + 1..] {
                assert!(members(a).all(|c| !members(b).any(|d| d == c)));
            }
        }
    }
}
