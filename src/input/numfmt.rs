//! Numbers written as Word writes them for each `w:numFmt` (ECMA-376
//! §17.18.59), and as browsers draw `<ol>` items: `chineseCounting` 十一, `chineseCountingThousand` 一百零一,
//! `japaneseCounting` 百一, `ideographTraditional` 甲乙丙, `decimalEnclosedCircle`
//! ①, letters, Roman numerals, full-width digits…

use std::fmt::Write;

/// The largest number written in letters: 780 is `ZZZ…` with 30 Zs. Past
/// it letters fall back to decimal, so a label stays short whatever the
/// start (a letter repeated `n / 26` times grew to 165 MB at `u32::MAX`).
pub(crate) const MAX_LETTERS: u32 = 30 * 26;

/// The largest Roman numeral, `MMMCMXCIX`: there is no standard numeral for
/// 4000 and up (CSS's `upper-roman` stops there too), and repeating `M`
/// grew without bound. Past it Roman formats fall back to decimal.
pub(crate) const MAX_ROMAN: u32 = 3999;

/// The most characters a drawn label keeps (a `w:lvlText` can be thousands
/// of characters long, repeated on every numbered paragraph): real labels
/// are a few characters, so 256 only ever cuts a crafted one.
pub(crate) const MAX_LABEL_CHARS: usize = 256;

/// A level's number format. Formats tigang does not know are written in
/// decimal, as Word does for formats it cannot draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "docx"), allow(dead_code))]
pub(crate) enum NumFmt {
    Decimal,
    DecimalZero,
    DecimalFullWidth,
    DecimalEnclosedCircle,
    DecimalEnclosedFullstop,
    DecimalEnclosedParen,
    IdeographEnclosedCircle,
    UpperLetter,
    LowerLetter,
    UpperRoman,
    LowerRoman,
    /// 一…十, 十一…九十九; from 100 digit by digit (一〇〇).
    ChineseCounting,
    /// 一…十, 十一, 一百零一, 一千: the everyday Chinese reading.
    ChineseCountingThousand,
    /// 壹贰叁, 壹拾, 壹佰零壹.
    ChineseLegalSimplified,
    /// 壹貳參, 壹拾, 壹佰零壹.
    IdeographLegalTraditional,
    /// As `ChineseCounting`, with ○ for zero.
    TaiwaneseCounting,
    /// As `ChineseCountingThousand`.
    TaiwaneseCountingThousand,
    /// 〇一二… digit by digit (`ideographDigital`, `taiwaneseDigital`,
    /// `japaneseDigitalTenThousand`).
    IdeographDigital,
    /// 十, 十一, 百, 百一: no 一 before 十/百/千 and no 零.
    JapaneseCounting,
    /// 甲乙丙丁戊己庚辛壬癸, then round again.
    IdeographTraditional,
    /// 子丑寅卯…, then round again.
    IdeographZodiac,
    /// 1st, 2nd.
    Ordinal,
    /// `none`: the level draws no number.
    None,
    /// `bullet`: a symbol, not a number; such a paragraph has no marker.
    Bullet,
}

impl NumFmt {
    /// The format named by a `w:numFmt/@w:val`.
    #[cfg_attr(not(feature = "docx"), allow(dead_code))]
    pub(crate) fn from_name(name: &str) -> NumFmt {
        match name {
            "decimal" | "decimalHalfWidth" | "cardinalText" | "ordinalText" | "hex"
            | "numberInDash" => NumFmt::Decimal,
            "decimalZero" => NumFmt::DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => NumFmt::DecimalFullWidth,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
                NumFmt::DecimalEnclosedCircle
            }
            "decimalEnclosedFullstop" => NumFmt::DecimalEnclosedFullstop,
            "decimalEnclosedParen" => NumFmt::DecimalEnclosedParen,
            "ideographEnclosedCircle" => NumFmt::IdeographEnclosedCircle,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "chineseCounting" => NumFmt::ChineseCounting,
            "chineseCountingThousand" => NumFmt::ChineseCountingThousand,
            "chineseLegalSimplified" => NumFmt::ChineseLegalSimplified,
            "ideographLegalTraditional" => NumFmt::IdeographLegalTraditional,
            "taiwaneseCounting" => NumFmt::TaiwaneseCounting,
            "taiwaneseCountingThousand" => NumFmt::TaiwaneseCountingThousand,
            "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
                NumFmt::IdeographDigital
            }
            "japaneseCounting" => NumFmt::JapaneseCounting,
            "ideographTraditional" => NumFmt::IdeographTraditional,
            "ideographZodiac" => NumFmt::IdeographZodiac,
            "ordinal" => NumFmt::Ordinal,
            "none" => NumFmt::None,
            "bullet" => NumFmt::Bullet,
            _ => NumFmt::Decimal,
        }
    }

    /// Appends `n` in this format to `out`.
    pub(crate) fn write(self, n: u32, out: &mut String) {
        match self {
            NumFmt::Decimal => push_num(out, n),
            NumFmt::DecimalZero => {
                if n < 10 {
                    out.push('0');
                }
                push_num(out, n);
            }
            NumFmt::DecimalFullWidth => {
                let at = out.len();
                push_num(out, n);
                let digits: String = out[at..]
                    .chars()
                    .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
                    .collect();
                out.truncate(at);
                out.push_str(&digits);
            }
            NumFmt::DecimalEnclosedCircle => enclosed(out, n, 20, 0x2460),
            NumFmt::DecimalEnclosedFullstop => enclosed(out, n, 20, 0x2488),
            NumFmt::DecimalEnclosedParen => enclosed(out, n, 20, 0x2474),
            NumFmt::IdeographEnclosedCircle => enclosed(out, n, 10, 0x3280),
            NumFmt::UpperLetter | NumFmt::LowerLetter => {
                // A…Z, then AA…ZZ, AAA…: the letter repeats (not base 26).
                if n == 0 || n > MAX_LETTERS {
                    return push_num(out, n);
                }
                let base = if self == NumFmt::UpperLetter {
                    b'A'
                } else {
                    b'a'
                };
                let letter = char::from(base + ((n - 1) % 26) as u8);
                for _ in 0..(n - 1) / 26 + 1 {
                    out.push(letter);
                }
            }
            NumFmt::UpperRoman | NumFmt::LowerRoman => roman(out, n, self == NumFmt::LowerRoman),
            NumFmt::ChineseCounting => counting(out, n, &SIMPLIFIED, '〇'),
            NumFmt::TaiwaneseCounting => counting(out, n, &SIMPLIFIED, '○'),
            NumFmt::ChineseCountingThousand | NumFmt::TaiwaneseCountingThousand => {
                thousand(out, n, &SIMPLIFIED, Style::Chinese)
            }
            NumFmt::ChineseLegalSimplified => thousand(out, n, &LEGAL_SIMPLIFIED, Style::Legal),
            NumFmt::IdeographLegalTraditional => thousand(out, n, &LEGAL_TRADITIONAL, Style::Legal),
            NumFmt::JapaneseCounting => thousand(out, n, &SIMPLIFIED, Style::Japanese),
            NumFmt::IdeographDigital => digits(out, n, '〇'),
            NumFmt::IdeographTraditional => cycle(out, n, "甲乙丙丁戊己庚辛壬癸"),
            NumFmt::IdeographZodiac => cycle(out, n, "子丑寅卯辰巳午未申酉戌亥"),
            NumFmt::Ordinal => {
                push_num(out, n);
                out.push_str(match (n % 10, n % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                });
            }
            NumFmt::None | NumFmt::Bullet => {}
        }
    }
}

fn push_num(out: &mut String, n: u32) {
    let _ = write!(out, "{n}");
}

/// One character per number from `first` (①, ⒈, ⑴, ㈠) up to `max`, decimal
/// past it (ECMA-376: "for values greater than the size of the set, the
/// items fall back to the decimal format").
fn enclosed(out: &mut String, n: u32, max: u32, first: u32) {
    match (1..=max)
        .contains(&n)
        .then(|| char::from_u32(first + n - 1))
    {
        Some(Some(c)) => out.push(c),
        _ => push_num(out, n),
    }
}

fn roman(out: &mut String, mut n: u32, lower: bool) {
    if n == 0 || n > MAX_ROMAN {
        return push_num(out, n);
    }
    const DIGITS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    for (value, letters) in DIGITS {
        while n >= value {
            if lower {
                out.extend(letters.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                out.push_str(letters);
            }
            n -= value;
        }
    }
}

/// Digits 1–9 and the units 十 百 千 万 of one script.
struct Numerals {
    digits: [char; 10],
    ten: char,
    hundred: char,
    thousand: char,
    myriad: char,
}

const SIMPLIFIED: Numerals = Numerals {
    digits: ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    ten: '十',
    hundred: '百',
    thousand: '千',
    myriad: '万',
};

const LEGAL_SIMPLIFIED: Numerals = Numerals {
    digits: ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
    ten: '拾',
    hundred: '佰',
    thousand: '仟',
    myriad: '万',
};

const LEGAL_TRADITIONAL: Numerals = Numerals {
    digits: ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'],
    ten: '拾',
    hundred: '佰',
    thousand: '仟',
    myriad: '萬',
};

/// `chineseCounting`: 十 for the tens below 100 (十, 十一, 二十三), digit by
/// digit from 100 on (一〇〇).
fn counting(out: &mut String, n: u32, s: &Numerals, zero: char) {
    match n {
        0..=9 => out.push(if n == 0 { zero } else { s.digits[n as usize] }),
        10..=99 => {
            if n >= 20 {
                out.push(s.digits[(n / 10) as usize]);
            }
            out.push(s.ten);
            if n % 10 != 0 {
                out.push(s.digits[(n % 10) as usize]);
            }
        }
        _ => digits(out, n, zero),
    }
}

/// Each decimal digit as an ideograph, `zero` for 0 (一〇一).
fn digits(out: &mut String, n: u32, zero: char) {
    let at = out.len();
    push_num(out, n);
    let written: String = out[at..]
        .bytes()
        .map(|b| match b - b'0' {
            0 => zero,
            d => SIMPLIFIED.digits[usize::from(d)],
        })
        .collect();
    out.truncate(at);
    out.push_str(&written);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// 十一 at the start, 一百一十 inside, 零 for a gap: 一百零一.
    Chinese,
    /// Always a digit before 拾 (壹拾壹), 零 for a gap.
    Legal,
    /// No 一 before a unit (十, 百一), no 零.
    Japanese,
}

/// The counting-thousand systems: units 十 百 千 in groups of 万 and 亿.
fn thousand(out: &mut String, n: u32, s: &Numerals, style: Style) {
    if n == 0 {
        out.push(s.digits[0]);
    } else {
        big(out, n, s, style, true);
    }
}

/// `n` > 0; `leading`: nothing was written before it (a Chinese 1x then
/// reads 十x, not 一十x).
fn big(out: &mut String, n: u32, s: &Numerals, style: Style, leading: bool) {
    let zero = style != Style::Japanese;
    for (size, unit) in [
        (100_000_000, if s.myriad == '萬' { '億' } else { '亿' }),
        (10_000, s.myriad),
    ] {
        if n >= size {
            big(out, n / size, s, style, leading);
            out.push(unit);
            let rest = n % size;
            if rest != 0 {
                // A gap before the rest's first digit reads 零 (一万零一十).
                if zero && rest < size / 10 {
                    out.push(s.digits[0]);
                }
                big(out, rest, s, style, false);
            }
            return;
        }
    }
    group(out, n, s, style, leading);
}

/// One group below 10,000, with 零 for each run of zeros inside it.
fn group(out: &mut String, n: u32, s: &Numerals, style: Style, leading: bool) {
    let places = [
        (n / 1000 % 10, Some(s.thousand)),
        (n / 100 % 10, Some(s.hundred)),
        (n / 10 % 10, Some(s.ten)),
        (n % 10, None),
    ];
    let mut wrote = false;
    let mut gap = false;
    for (digit, unit) in places {
        if digit == 0 {
            gap |= wrote;
            continue;
        }
        if gap && style != Style::Japanese {
            out.push(s.digits[0]);
        }
        gap = false;
        let one_before_unit = digit == 1 && unit.is_some();
        let elide = match style {
            Style::Japanese => one_before_unit,
            Style::Chinese => one_before_unit && unit == Some(s.ten) && leading && !wrote,
            Style::Legal => false,
        };
        if !elide {
            out.push(s.digits[digit as usize]);
        }
        if let Some(u) = unit {
            out.push(u);
        }
        wrote = true;
    }
}

/// A cycle of characters (甲…癸, 子…亥), round again after the last.
fn cycle(out: &mut String, n: u32, chars: &str) {
    let len = chars.chars().count() as u32;
    if n == 0 {
        return push_num(out, n);
    }
    if let Some(c) = chars.chars().nth(((n - 1) % len) as usize) {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(f: &str, n: u32) -> String {
        let mut s = String::new();
        NumFmt::from_name(f).write(n, &mut s);
        s
    }

    #[test]
    fn chinese_counting_thousand_reads_as_chinese() {
        let got: Vec<_> = [
            1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 111, 1000, 1001, 1010, 1260,
        ]
        .map(|n| w("chineseCountingThousand", n))
        .into();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九",
                "一百",
                "一百零一",
                "一百一十",
                "一百一十一",
                "一千",
                "一千零一",
                "一千零一十",
                "一千二百六十"
            ]
        );
        assert_eq!(w("chineseCountingThousand", 10_010), "一万零一十");
        assert_eq!(w("chineseCountingThousand", 20_000), "二万");
        assert_eq!(w("chineseCountingThousand", 100_000_001), "一亿零一");
    }

    #[test]
    fn chinese_counting_goes_digit_by_digit_from_100() {
        let got = [1, 10, 11, 20, 23, 99, 100, 105, 120].map(|n| w("chineseCounting", n));
        assert_eq!(
            got,
            [
                "一",
                "十",
                "十一",
                "二十",
                "二十三",
                "九十九",
                "一〇〇",
                "一〇五",
                "一二〇"
            ]
        );
        assert_eq!(w("taiwaneseCounting", 101), "一○一");
        assert_eq!(w("ideographDigital", 2024), "二〇二四");
    }

    #[test]
    fn japanese_counting_drops_one_and_zero() {
        let got = [1, 10, 11, 20, 100, 101, 110, 1000, 1111].map(|n| w("japaneseCounting", n));
        assert_eq!(
            got,
            [
                "一",
                "十",
                "十一",
                "二十",
                "百",
                "百一",
                "百十",
                "千",
                "千百十一"
            ]
        );
    }

    #[test]
    fn legal_forms_write_every_digit() {
        assert_eq!(w("chineseLegalSimplified", 10), "壹拾");
        assert_eq!(w("chineseLegalSimplified", 12), "壹拾贰");
        assert_eq!(w("chineseLegalSimplified", 103), "壹佰零叁");
        assert_eq!(w("ideographLegalTraditional", 3), "參");
        assert_eq!(w("ideographLegalTraditional", 21), "貳拾壹");
    }

    #[test]
    fn symbols_letters_and_romans() {
        assert_eq!(w("decimalEnclosedCircle", 1), "①");
        assert_eq!(w("decimalEnclosedCircle", 20), "⑳");
        assert_eq!(w("decimalEnclosedCircle", 21), "21");
        assert_eq!(w("decimalEnclosedCircleChinese", 3), "③");
        assert_eq!(w("decimalEnclosedParen", 2), "⑵");
        assert_eq!(w("decimalEnclosedFullstop", 2), "⒉");
        assert_eq!(w("ideographEnclosedCircle", 1), "㊀");
        assert_eq!(w("decimalFullWidth", 12), "１２");
        assert_eq!(w("decimalZero", 7), "07");
        assert_eq!(w("decimalZero", 12), "12");
        assert_eq!(w("upperLetter", 1), "A");
        assert_eq!(w("lowerLetter", 28), "bb");
        assert_eq!(w("upperRoman", 14), "XIV");
        assert_eq!(w("lowerRoman", 1994), "mcmxciv");
        assert_eq!(w("ideographTraditional", 1), "甲");
        assert_eq!(w("ideographTraditional", 11), "甲");
        assert_eq!(w("ideographZodiac", 2), "丑");
        assert_eq!(w("ordinal", 22), "22nd");
        assert_eq!(w("ordinal", 13), "13th");
        assert_eq!(w("none", 3), "");
        assert_eq!(w("bullet", 3), "");
        assert_eq!(w("somethingNew", 3), "3");
    }

    #[test]
    fn huge_letters_and_romans_fall_back_to_decimal() {
        assert_eq!(w("upperLetter", MAX_LETTERS), "Z".repeat(30));
        assert_eq!(w("upperLetter", MAX_LETTERS + 1), "781");
        assert_eq!(w("lowerLetter", u32::MAX), "4294967295");
        assert_eq!(w("upperRoman", 3999), "MMMCMXCIX");
        assert_eq!(w("upperRoman", 4000), "4000");
        assert_eq!(w("lowerRoman", u32::MAX), "4294967295");
        // No format draws more than a few dozen characters for any number.
        for f in [
            "upperLetter",
            "lowerLetter",
            "upperRoman",
            "lowerRoman",
            "chineseCountingThousand",
            "chineseLegalSimplified",
            "ideographDigital",
            "decimalFullWidth",
            "ordinal",
        ] {
            for n in [
                0,
                1,
                779,
                780,
                781,
                3999,
                4000,
                1 << 20,
                u32::MAX - 1,
                u32::MAX,
            ] {
                assert!(w(f, n).chars().count() <= 40, "{f} {n}");
            }
        }
    }
}
