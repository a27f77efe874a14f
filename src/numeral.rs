//! Values of the numerals that number Chinese headings.
//!
//! [`value`] reads a whole numeral string:
//!
//! - Arabic digits, ASCII `0`–`9` and full-width `０`–`９`, freely mixed;
//! - one enclosed numeral character (`①`, `⑴`, `⒈`, `❶`, `㈠`, `㉑` …), see
//!   [`enclosed_value`];
//! - Chinese numerals up to 9999, Simplified and Traditional, ordinary and
//!   capital (大写) forms, which may mix (`壹拾贰`, `一拾二`): digits `〇 零 一 …
//!   九`, `两`/`兩`, capitals `壹 贰 貳 弌 弍 叁 參 叄 弎 肆 伍 陆 陸 柒 捌 玖`, units
//!   `十 拾 百 佰 千 仟`, and `廿 卅 卌` (20, 30, 40) optionally followed by one
//!   digit. Colloquial shortenings are understood (`十一`, `一百一` = 110,
//!   the ROC `一百十一` = 111, the abbreviated tens `二一` = 21,
//!   `两百五` = 250), as are years written digit by digit (`二〇二五`).
//!   CJK compatibility ideographs are folded first (see [`fold_compat`]).
//!
//! Anything else, including surrounding whitespace or punctuation, is `None`.
//!
//! ```rust
//! use tigang::numeral;
//!
//! assert_eq!(numeral::value("二十三"), Some(23));
//! assert_eq!(numeral::value("壹佰零伍"), Some(105));
//! assert_eq!(numeral::value("１２"), Some(12));
//! assert_eq!(numeral::value("⑫"), Some(12));
//! assert_eq!(numeral::value("二〇二五"), Some(2025));
//! assert_eq!(numeral::value("一、"), None);
//! ```

pub(crate) mod class;

/// Largest value a Chinese numeral may have: there is no `万`.
const CHINESE_MAX: u32 = 9999;

/// Value of a whole numeral string, or None if `s` is not (entirely) a numeral.
///
/// Arabic digits may run up to `u32::MAX`; Chinese numerals up to 9999. A
/// bare unit other than `十` (`百`, `千`) is not a numeral, nor is a run of
/// digits without a unit unless it reads as a year (`二〇二五`) or as the
/// abbreviated tens of long Taiwan series (`二一` is 21; `一二` is nothing).
///
/// ```rust
/// use tigang::numeral;
///
/// assert_eq!(numeral::value("二十三"), Some(23));
/// assert_eq!(numeral::value("十一"), Some(11));
/// assert_eq!(numeral::value("一百零五"), Some(105));
/// assert_eq!(numeral::value("廿一"), Some(21));
/// assert_eq!(numeral::value("42"), Some(42));
/// assert_eq!(numeral::value("二一"), Some(21));
/// assert_eq!(numeral::value("一百十一"), Some(111));
/// assert_eq!(numeral::value("十十"), None);
/// assert_eq!(numeral::value("百"), None);
/// ```
pub fn value(s: &str) -> Option<u32> {
    let mut chars = s.chars();
    let first = chars.next()?;
    if arabic_digit(first).is_some() {
        return arabic(s);
    }
    if let Some(v) = enclosed_value(first) {
        return chars.next().is_none().then_some(v);
    }
    chinese(s)
}

/// The character a CJK compatibility ideograph stands for (its NFKC form), for the
/// ones that matter to numbering; every other char is returned unchanged.
///
/// Covers the compatibility ideographs of U+F900–U+FAFF that stand for a
/// numeral character or for `第 章 节 節 条 條 篇`; they turn up in text
/// converted from legacy (Big5, KS X 1001) encodings.
///
/// ```rust
/// use tigang::numeral;
///
/// assert_eq!(numeral::fold_compat('\u{F9D1}'), '六');
/// assert_eq!(numeral::fold_compat('\u{FA56}'), '節');
/// assert_eq!(numeral::fold_compat('一'), '一');
/// ```
pub fn fold_compat(c: char) -> char {
    match c {
        '\u{F96B}' => '參',
        '\u{F973}' => '拾',
        '\u{F978}' => '兩',
        '\u{F9B2}' => '零',
        '\u{F9D1}' => '六',
        '\u{F9D3}' => '陸',
        '\u{FA56}' | '\u{FAAD}' => '節',
        // Kangxi radicals that PDF extraction puts in place of 一 二 八 十.
        '\u{2F00}' => '一',
        '\u{2F06}' => '二',
        '\u{2F0B}' => '八',
        '\u{2F17}' => '十',
        _ => c,
    }
}

/// Value of a single enclosed/compound numeral character (①, ⑴, ⒈, ㈠, ❶, ㉑ …), or None.
///
/// Understood: ①–⑳ ㉑–㉟ ㊱–㊿ (1–50), ⑴–⒇ and ⒈–⒛ (1–20), ⓫–⓴ (11–20),
/// ⓵–⓾ ❶–❿ ➀–➉ ➊–➓ ㈠–㈩ ㊀–㊉ (1–10). Zeros (`⓪`, `⓿`) are not.
///
/// ```rust
/// use tigang::numeral;
///
/// assert_eq!(numeral::enclosed_value('③'), Some(3));
/// assert_eq!(numeral::enclosed_value('㈩'), Some(10));
/// assert_eq!(numeral::enclosed_value('㊿'), Some(50));
/// assert_eq!(numeral::enclosed_value('3'), None);
/// ```
pub fn enclosed_value(c: char) -> Option<u32> {
    // (first char, last char, value of the first char); the blocks are contiguous.
    const BLOCKS: [(char, char, u32); 12] = [
        ('\u{2460}', '\u{2473}', 1),  // ① – ⑳
        ('\u{2474}', '\u{2487}', 1),  // ⑴ – ⒇
        ('\u{2488}', '\u{249B}', 1),  // ⒈ – ⒛
        ('\u{24EB}', '\u{24F4}', 11), // ⓫ – ⓴
        ('\u{24F5}', '\u{24FE}', 1),  // ⓵ – ⓾
        ('\u{2776}', '\u{277F}', 1),  // ❶ – ❿
        ('\u{2780}', '\u{2789}', 1),  // ➀ – ➉
        ('\u{278A}', '\u{2793}', 1),  // ➊ – ➓
        ('\u{3220}', '\u{3229}', 1),  // ㈠ – ㈩
        ('\u{3280}', '\u{3289}', 1),  // ㊀ – ㊉
        ('\u{3251}', '\u{325F}', 21), // ㉑ – ㉟
        ('\u{32B1}', '\u{32BF}', 36), // ㊱ – ㊿
    ];
    let &(lo, _, first) = BLOCKS.iter().find(|(lo, hi, _)| (*lo..=*hi).contains(&c))?;
    u32::from(c).checked_sub(u32::from(lo))?.checked_add(first)
}

fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => u32::from(c).checked_sub(u32::from('0')),
        '０'..='９' => u32::from(c).checked_sub(u32::from('０')),
        _ => None,
    }
}

fn arabic(s: &str) -> Option<u32> {
    s.chars().try_fold(0u32, |n, c| {
        n.checked_mul(10)?.checked_add(arabic_digit(c)?)
    })
}

/// One character of a Chinese numeral.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cn {
    Zero,
    /// 1–9.
    Digit(u32),
    /// 10, 100 or 1000.
    Unit(u32),
    /// 廿 卅 卌: a multiple of ten written as one character.
    Tens(u32),
}

fn classify(c: char) -> Option<Cn> {
    let d = match fold_compat(c) {
        '〇' | '零' => return Some(Cn::Zero),
        '十' | '拾' => return Some(Cn::Unit(10)),
        '百' | '佰' => return Some(Cn::Unit(100)),
        '千' | '仟' => return Some(Cn::Unit(1000)),
        '廿' => return Some(Cn::Tens(20)),
        '卅' => return Some(Cn::Tens(30)),
        '卌' => return Some(Cn::Tens(40)),
        '一' | '壹' | '弌' => 1,
        '二' | '两' | '兩' | '贰' | '貳' | '弍' => 2,
        '三' | '叁' | '參' | '叄' | '弎' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    };
    Some(Cn::Digit(d))
}

fn chinese(s: &str) -> Option<u32> {
    // A first pass decides how to read the string: with units, or digit by digit.
    let mut len = 0usize;
    let mut has_unit = false;
    let mut has_zero = false;
    for c in s.chars() {
        match classify(c)? {
            Cn::Unit(_) | Cn::Tens(_) => has_unit = true,
            Cn::Zero => has_zero = true,
            Cn::Digit(_) => {}
        }
        len += 1;
    }
    if has_unit {
        // Bounded by construction: 九千九百九十九 is the largest.
        with_units(s)
    } else if len == 1 {
        match classify(s.chars().next()?)? {
            Cn::Digit(d) => Some(d),
            _ => Some(0),
        }
    } else if has_zero {
        positional(s)
    } else {
        abbreviated_tens(s)
    }
}

/// `二一` … `九九`: the tens written without `十`, as long Taiwan series
/// number their items (`（二一）` follows `（二十）`). `一二` is not 12 (that is
/// `十二`), and longer runs (`一二三`) are lists, not numbers.
fn abbreviated_tens(s: &str) -> Option<u32> {
    // `两两` is "in pairs", not 22.
    if s.contains(['两', '兩']) {
        return None;
    }
    let mut digits = s.chars().map(classify);
    match (digits.next()??, digits.next()??, digits.next()) {
        (Cn::Digit(tens @ 2..=9), Cn::Digit(ones), None) => Some(tens * 10 + ones),
        _ => None,
    }
}

/// A year-like run of digits (`二〇二五`). A leading zero is refused: `零五` is
/// not a way of writing 5.
fn positional(s: &str) -> Option<u32> {
    let mut n = 0u32;
    for (i, c) in s.chars().enumerate() {
        let d = match classify(c)? {
            Cn::Digit(d) => d,
            Cn::Zero if i > 0 => 0,
            _ => return None,
        };
        n = n.checked_mul(10)?.checked_add(d)?;
        if n > CHINESE_MAX {
            return None;
        }
    }
    Some(n)
}

/// A numeral containing at least one unit or 廿/卅/卌.
fn with_units(s: &str) -> Option<u32> {
    let mut chars = s.chars().map(classify);
    let mut total = 0u32;
    // A digit still waiting for its unit.
    let mut pending: Option<u32> = None;
    // Units must strictly decrease; 10_000 stands for "no unit yet".
    let mut last_unit = 10_000u32;
    // A 零 was just read: it must be followed by a digit, and marks a skipped place.
    let mut after_zero = false;
    let mut first = true;
    while let Some(cn) = chars.next() {
        match cn? {
            // 廿一: only as the whole numeral, optionally with one digit after.
            Cn::Tens(t) if first => {
                return match chars.next() {
                    None => Some(t),
                    Some(Some(Cn::Digit(d))) if chars.next().is_none() => t.checked_add(d),
                    _ => None,
                };
            }
            Cn::Tens(_) => return None,
            Cn::Zero => {
                // 零 stands only after a unit, once, and not before a unit.
                if first || after_zero || pending.is_some() {
                    return None;
                }
                after_zero = true;
            }
            Cn::Digit(d) => {
                if pending.is_some() {
                    return None;
                }
                pending = Some(d);
            }
            Cn::Unit(u) => {
                if u >= last_unit {
                    return None;
                }
                let multiplier = match pending.take() {
                    Some(d) => d,
                    // `十一`: a leading 一 may be left out before 十, also
                    // after a larger unit in the ROC style (`一百十一` is
                    // 111, `一千零十` is 1010).
                    None if u == 10 => 1,
                    None => return None,
                };
                // After 零 a place must really be skipped: `一千零一百` is wrong.
                if after_zero && u.checked_mul(10)? >= last_unit {
                    return None;
                }
                total = total.checked_add(multiplier.checked_mul(u)?)?;
                last_unit = u;
                after_zero = false;
            }
        }
        first = false;
    }
    match pending {
        None if after_zero => None,
        None => Some(total),
        // `一百零五`: the units place, which 零 says is not next to the last unit.
        Some(_) if after_zero && last_unit < 100 => None,
        Some(d) if after_zero => total.checked_add(d),
        Some(d) if last_unit == 10 => total.checked_add(d),
        // Colloquial `一百一` = 110, `一千二` = 1200: the digit takes the next
        // lower place.
        Some(d) => total.checked_add(d.checked_mul(last_unit / 10)?),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Writes `n` (1..=9999) in Chinese with the given digits (index 0 is 零)
    /// and units 十 百 千; `bare_ten` writes 10–19 as 十… rather than 一十….
    pub(crate) fn chinese_form(
        n: u32,
        digits: [char; 10],
        units: [char; 3],
        bare_ten: bool,
    ) -> String {
        let places = [(1000, units[2]), (100, units[1]), (10, units[0])];
        let mut out = String::new();
        let mut gap = false;
        for (place, unit) in places {
            let d = (n / place % 10) as usize;
            if d == 0 {
                gap = !out.is_empty();
                continue;
            }
            if gap {
                out.push(digits[0]);
                gap = false;
            }
            if !(bare_ten && place == 10 && d == 1 && out.is_empty()) {
                out.push(digits[d]);
            }
            out.push(unit);
        }
        let d = (n % 10) as usize;
        if d != 0 {
            if gap {
                out.push(digits[0]);
            }
            out.push(digits[d]);
        }
        out
    }

    fn simple(n: u32) -> String {
        let digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
        chinese_form(n, digits, ['十', '百', '千'], true)
    }

    fn capital(n: u32) -> String {
        let digits = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
        chinese_form(n, digits, ['拾', '佰', '仟'], false)
    }

    fn traditional_capital(n: u32) -> String {
        let digits = ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'];
        chinese_form(n, digits, ['拾', '佰', '仟'], false)
    }

    fn ascii(n: u32) -> String {
        n.to_string()
    }

    fn full_width(n: u32) -> String {
        n.to_string()
            .chars()
            .filter_map(|c| char::from_u32(u32::from(c) - u32::from('0') + 0xFF10))
            .collect()
    }

    #[test]
    fn generators_write_the_expected_forms() {
        assert_eq!(simple(11), "十一");
        assert_eq!(simple(110), "一百一十");
        assert_eq!(simple(105), "一百零五");
        assert_eq!(simple(199), "一百九十九");
        assert_eq!(simple(1010), "一千零一十");
        assert_eq!(capital(12), "壹拾贰");
        assert_eq!(capital(199), "壹佰玖拾玖");
        assert_eq!(traditional_capital(36), "參拾陸");
        assert_eq!(full_width(190), "１９０");
    }

    #[test]
    fn one_to_199_in_every_form() {
        type Form = fn(u32) -> String;
        let forms: [(&str, Form); 5] = [
            ("simple", simple),
            ("capital", capital),
            ("traditional capital", traditional_capital),
            ("ascii", ascii),
            ("full-width", full_width),
        ];
        for (name, form) in forms {
            for n in 1..=199 {
                let s = form(n);
                assert_eq!(value(&s), Some(n), "{name} {s}");
            }
        }
    }

    #[test]
    fn every_simple_numeral_up_to_9999() {
        for n in 1..=9999 {
            let s = simple(n);
            assert_eq!(value(&s), Some(n), "{s}");
        }
    }

    fn check_enclosed(chars: &str, first: u32) {
        let mut count = 0;
        for (i, c) in chars.chars().enumerate() {
            let n = first + i as u32;
            assert_eq!(enclosed_value(c), Some(n), "{c}");
            assert_eq!(value(c.encode_utf8(&mut [0; 4])), Some(n), "{c}");
            count += 1;
        }
        assert!(count >= 10, "{chars}");
    }

    #[test]
    fn enclosed_forms() {
        check_enclosed(
            "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿",
            1,
        );
        check_enclosed("⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇", 1);
        check_enclosed("⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛", 1);
        check_enclosed("⓫⓬⓭⓮⓯⓰⓱⓲⓳⓴", 11);
        for ten in [
            "⓵⓶⓷⓸⓹⓺⓻⓼⓽⓾",
            "❶❷❸❹❺❻❼❽❾❿",
            "➀➁➂➃➄➅➆➇➈➉",
            "➊➋➌➍➎➏➐➑➒➓",
            "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩",
            "㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉",
        ] {
            check_enclosed(ten, 1);
        }
        // Neighbours of the blocks, and zeros.
        for c in "⑟⓪⓿❵➔㈟㈪㉐㊊㊰㋀".chars() {
            assert_eq!(enclosed_value(c), None, "{c}");
        }
    }

    #[test]
    fn explicit_values() {
        let cases = [
            ("0", 0),
            ("007", 7),
            ("1２", 12),
            ("4294967295", u32::MAX),
            ("〇", 0),
            ("零", 0),
            ("一", 1),
            ("两", 2),
            ("兩", 2),
            ("弌", 1),
            ("弍", 2),
            ("弎", 3),
            ("叄", 3),
            ("十", 10),
            ("拾", 10),
            ("十一", 11),
            ("一拾二", 12),
            ("壹拾贰", 12),
            ("貳拾", 20),
            ("二十三", 23),
            ("廿", 20),
            ("廿一", 21),
            ("卅五", 35),
            ("卌", 40),
            ("两百", 200),
            ("两百五", 250),
            ("一百零五", 105),
            ("一百〇五", 105),
            ("一百一十", 110),
            ("一百一", 110),
            ("一百十", 110),
            ("一百十一", 111),
            ("一千零十", 1010),
            ("一千一十", 1010),
            ("二一", 21),
            ("九九", 99),
            ("三五", 35),
            ("一千二", 1200),
            ("一千二百三", 1230),
            ("一千零一", 1001),
            ("壹仟零壹", 1001),
            ("一千零五十", 1050),
            ("九千九百九十九", 9999),
            ("二〇二五", 2025),
            ("二零二五", 2025),
            ("一〇", 10),
            ("\u{F9D1}", 6),
            ("\u{F973}\u{F9D3}", 16),
            ("\u{F96B}\u{F9B2}", 30),
            ("\u{F978}百", 200),
        ];
        for (s, n) in cases {
            assert_eq!(value(s), Some(n), "{s}");
        }
    }

    #[test]
    fn not_numerals() {
        let cases = [
            "",
            " ",
            "一 ",
            " 一",
            "1.",
            "一、",
            "1十",
            "十1",
            "-1",
            "4294967296",
            "十十",
            "十百",
            "百",
            "佰",
            "千",
            "百十",
            "一百二百",
            "二十三十",
            "一千千",
            "一二",
            "一二三",
            "二十一二",
            "一二十",
            "两两",
            "零五",
            "〇五",
            "零十",
            "二零十",
            "一百零",
            "一百零零",
            "一千零零五",
            "二十〇",
            "二十零五",
            "一千零一百",
            "二〇二五〇",
            "廿十",
            "廿〇",
            "一廿",
            "廿一二",
            "百廿",
            "①②",
            "①1",
            "一①",
            "万",
            "一万",
            "参",
            "a",
        ];
        for s in cases {
            assert_eq!(value(s), None, "{s}");
        }
    }

    /// Every character `value` reads as part of a Chinese numeral.
    const NUMERAL_CHARS: &str =
        "〇零一二三四五六七八九两兩壹弌贰貳弍叁參叄弎肆伍陆陸柒捌玖十拾百佰千仟廿卅卌";

    #[test]
    fn numeral_chars_are_understood() {
        for c in NUMERAL_CHARS.chars() {
            // Units other than 十 need a multiplier.
            let alone = value(&c.to_string());
            let counted = value(&format!("一{c}"));
            assert!(alone.is_some() || counted.is_some(), "{c}");
        }
    }

    #[test]
    fn short_chinese_strings_stay_in_range() {
        let chars: Vec<char> = NUMERAL_CHARS.chars().collect();
        let mut read = 0;
        for &a in &chars {
            for &b in &chars {
                for &c in &chars {
                    let s: String = [a, b, c].iter().collect();
                    if let Some(n) = value(&s) {
                        assert!(n <= CHINESE_MAX, "{s}");
                        read += 1;
                    }
                }
            }
        }
        assert!(read > 1000, "{read}");
    }

    #[test]
    fn fold_compat_covers_every_relevant_compat_ideograph() {
        use unicode_normalization::UnicodeNormalization;
        let mut folded = 0;
        for cp in 0xF900..=0xFAFF {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let nfkc: String = c.to_string().nfkc().collect();
            let mut it = nfkc.chars();
            let target = match (it.next(), it.next()) {
                (Some(t), None) if t != c => t,
                _ => {
                    assert_eq!(fold_compat(c), c, "U+{cp:04X}");
                    continue;
                }
            };
            if NUMERAL_CHARS.contains(target) || "第章节節条條篇".contains(target) {
                assert_eq!(fold_compat(c), target, "U+{cp:04X}");
                folded += 1;
            } else {
                assert_eq!(fold_compat(c), c, "U+{cp:04X}");
            }
        }
        assert_eq!(folded, 8);
    }
}
