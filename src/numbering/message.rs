//! What a finding says, in the writer's language.
//!
//! A [`Diagnostic`](crate::Diagnostic) keeps the facts of what was found (a
//! [`Finding`]: the markers, the expected ones, the line of the heading a
//! TOC entry names) and writes its message and help when asked, in a
//! [`Lang`]: English, Simplified or Traditional Chinese. Codes never change
//! with the language. The help line is [`help`](super::help)'s.

/// The language of messages.
///
/// ```
/// use tigang::Lang;
/// assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
/// assert_eq!(Lang::from_locale("zh_TW.UTF-8"), Lang::ZhHant);
/// assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
/// assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
/// // Chinese follows the script of the document it speaks about.
/// assert_eq!(Lang::Zh.for_text("第一條　為了規範管理，制定本辦法。"), Lang::ZhHant);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
    /// Traditional Chinese.
    ZhHant,
}

impl Lang {
    /// The language a POSIX locale name asks for: `zh_TW`, `zh_HK`, `zh_MO`
    /// and `zh_Hant*` are Traditional, other `zh*` Simplified, anything else
    /// English.
    ///
    /// ```
    /// assert_eq!(tigang::Lang::from_locale("zh_HK"), tigang::Lang::ZhHant);
    /// assert_eq!(tigang::Lang::from_locale("C.UTF-8"), tigang::Lang::En);
    /// ```
    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.to_ascii_lowercase();
        if !l.starts_with("zh") {
            return Lang::En;
        }
        let traditional = [
            "zh_tw", "zh-tw", "zh_hk", "zh-hk", "zh_mo", "zh-mo", "zh_hant", "zh-hant",
        ];
        if traditional.iter().any(|t| l.starts_with(t)) {
            Lang::ZhHant
        } else {
            Lang::Zh
        }
    }

    /// The language of the environment: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty (POSIX order),
    /// read by [`Lang::from_locale`]; English when none is.
    ///
    /// ```
    /// let lang = tigang::Lang::from_env();
    /// assert!(matches!(lang, tigang::Lang::En | tigang::Lang::Zh | tigang::Lang::ZhHant));
    /// ```
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .map_or(Lang::En, |l| Lang::from_locale(&l))
    }

    /// This language for messages about `text`: Chinese is written in the
    /// script the document uses (Traditional when it has more Traditional
    /// than Simplified forms of common characters), English stays English.
    ///
    /// ```
    /// use tigang::Lang;
    /// assert_eq!(Lang::ZhHant.for_text("一、总体要求"), Lang::Zh);
    /// assert_eq!(Lang::En.for_text("一、總體要求"), Lang::En);
    /// ```
    pub fn for_text(self, text: &str) -> Lang {
        match self {
            Lang::En => Lang::En,
            _ if is_traditional(text) => Lang::ZhHant,
            _ => Lang::Zh,
        }
    }

    /// The name `--lang` takes: `en`, `zh`, `zh-hant`.
    ///
    /// ```
    /// assert_eq!(tigang::Lang::ZhHant.as_str(), "zh-hant");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::ZhHant => "zh-hant",
        }
    }

    /// Picks the text for this language.
    pub(crate) fn pick<'s>(self, en: &'s str, zh: &'s str, hant: &'s str) -> &'s str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
            Lang::ZhHant => hant,
        }
    }
}

/// Reads a language tag: `en`, `zh` (also `zh-Hans`, `zh-CN`, `zh-SG`,
/// `cn`), `zh-Hant` (also `zh-TW`, `zh-HK`, `zh-MO`), in any case, `_` or `-`.
///
/// ```
/// use tigang::Lang;
/// assert_eq!("zh_TW".parse::<Lang>(), Ok(Lang::ZhHant));
/// let e = "fr".parse::<Lang>().unwrap_err();
/// assert_eq!(e.input(), "fr");
/// assert_eq!(e.to_string(), "unknown language `fr`; use en, zh or zh-hant");
/// ```
impl std::str::FromStr for Lang {
    type Err = ParseLangError;

    fn from_str(s: &str) -> Result<Self, ParseLangError> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "en" | "english" => Ok(Lang::En),
            "zh" | "zh-hans" | "zh-cn" | "zh-sg" | "cn" => Ok(Lang::Zh),
            "zh-hant" | "zh-tw" | "zh-hk" | "zh-mo" => Ok(Lang::ZhHant),
            _ => Err(ParseLangError(s.to_string())),
        }
    }
}

/// A language tag [`Lang`] does not know; it says which.
///
/// ```
/// let e = "de".parse::<tigang::Lang>().unwrap_err();
/// assert_eq!(e.input(), "de");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseLangError(String);

impl ParseLangError {
    /// The tag as given.
    ///
    /// ```
    /// assert_eq!("x".parse::<tigang::Lang>().unwrap_err().input(), "x");
    /// ```
    pub fn input(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ParseLangError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown language `{}`; use en, zh or zh-hant", self.0)
    }
}

impl std::error::Error for ParseLangError {}

/// Common characters whose Simplified and Traditional forms differ, pair by
/// pair (the same index in both).
const SIMPLIFIED: &str = "这们个来时为说国会经发对现动过还进关话机产业务实应问区场长门间开见认议员总则规划设计与体质当从边两种条项级织领导卫疗医药";
const TRADITIONAL: &str = "這們個來時為說國會經發對現動過還進關話機產業務實應問區場長門間開見認議員總則規劃設計與體質當從邊兩種條項級織領導衛療醫藥";

/// Whether `text` is written in Traditional characters: more Traditional
/// than Simplified forms among the first 16 KiB.
fn is_traditional(text: &str) -> bool {
    let mut end = text.len().min(16 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (mut simp, mut trad) = (0usize, 0usize);
    for c in text[..end].chars() {
        if c < '\u{4E00}' {
            continue;
        }
        if SIMPLIFIED.contains(c) {
            simp += 1;
        } else if TRADITIONAL.contains(c) {
            trad += 1;
        }
    }
    trad > simp
}

/// What a diagnostic found, with the markers (as written) it is about.
/// [`Diagnostic::message`](crate::Diagnostic::message) writes it in a
/// language.
///
/// ```
/// let doc = tigang::parse("一、甲\n（一）子\n（二）丑\n（五）寅\n");
/// let d = &tigang::check(&doc)[0];
/// assert!(matches!(&d.finding, tigang::Finding::Skip { previous, found, .. }
///     if previous == "（二）" && found == "（五）"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Finding {
    /// `previous` is followed by `found`, leaving out `missing` (the first
    /// missing marker), `count` markers in all.
    Skip {
        /// The marker before.
        previous: String,
        /// The marker found.
        found: String,
        /// The first marker left out.
        missing: String,
        /// The last marker left out, when more than one is.
        last_missing: Option<String>,
        /// How many numbers are left out.
        count: u32,
        /// Whether adding the missing markers back is likelier than
        /// renumbering: the gap is small and more of the series follows it
        /// than it would take to fill it (a point lost in extraction or
        /// editing, as `一是…三是…四是`).
        lost_likelier: bool,
    },
    /// `found` repeats the number of the marker before it.
    Duplicate {
        /// The repeated marker.
        found: String,
        /// The number written once the numbers follow on.
        expected: String,
    },
    /// `found` goes back below `previous`.
    Order {
        /// The marker before.
        previous: String,
        /// The marker found.
        found: String,
        /// The number that follows `previous`.
        expected: String,
    },
    /// A series starts at `found` instead of `first`.
    Start {
        /// The first marker of the series.
        found: String,
        /// The marker it should start with.
        first: String,
    },
    /// `found` is delimited unlike the others of its kind.
    MixedDelimiter {
        /// The marker.
        found: String,
        /// The marker in the form the others have.
        expected: String,
    },
    /// `found` mixes half and full width with the others of its kind.
    MixedWidth {
        /// The marker.
        found: String,
        /// The marker in the form the others have.
        expected: String,
    },
    /// `found` is followed by a second delimiter `doubled`.
    RedundantDelimiter {
        /// The marker.
        found: String,
        /// The doubled delimiter (`、`).
        doubled: String,
    },
    /// `found` comes after `inner` at the same level though GB/T 9704 puts
    /// it above.
    LevelOrder {
        /// The marker out of order.
        found: String,
        /// The deeper kind's marker before it.
        inner: String,
    },
    /// An ordinal with no second one after it.
    LonelyOrdinal {
        /// The lonely marker (`一是`).
        found: String,
        /// The marker that should follow (`二是`).
        second: String,
    },
    /// A TOC entry numbered otherwise than the heading it names.
    TocNumber {
        /// The entry's marker.
        entry: String,
        /// The entry's title.
        title: String,
        /// The heading's marker.
        heading: String,
        /// The heading's line.
        line: usize,
    },
    /// A TOC entry titled otherwise than the heading in its place.
    TocTitle {
        /// The entry's marker.
        entry: String,
        /// The entry's title.
        title: String,
        /// The heading's marker.
        heading: String,
        /// The heading's title.
        heading_title: String,
        /// The heading's line.
        line: usize,
    },
    /// A heading at a level the TOC lists that the TOC leaves out.
    TocMissing {
        /// The heading's marker.
        heading: String,
        /// The heading's title.
        title: String,
    },
}

/// `marker` quoted for a message: Chinese quotes unless it opens with a
/// bracket of its own; English as written.
pub(super) fn q(lang: Lang, marker: &str) -> String {
    let bracketed = marker.starts_with(['（', '(', '〔', '【', '[', '［', '〖']);
    if lang == Lang::En || bracketed {
        marker.to_string()
    } else {
        format!("“{marker}”")
    }
}

/// A title cut for a message.
fn short(title: &str) -> String {
    let mut out: String = title.chars().take(12).collect();
    if out.len() < title.len() {
        out.push('…');
    }
    out
}

/// The missing markers: one, two, or a range.
pub(super) fn missing(lang: Lang, first: &str, last: Option<&str>, count: u32) -> String {
    match (last, count) {
        (Some(l), 2) => match lang {
            Lang::En => format!("{first} and {l}"),
            _ => format!("{}{}", q(lang, first), q(lang, l)),
        },
        (Some(l), _) => match lang {
            Lang::En => format!("{first} to {l}"),
            _ => format!("{}至{}", q(lang, first), q(lang, l)),
        },
        _ => q(lang, first),
    }
}

impl Finding {
    /// The message in `lang`.
    pub(crate) fn message(&self, lang: Lang) -> String {
        let l = lang;
        match self {
            Finding::Skip {
                previous,
                found,
                missing: m,
                last_missing,
                count,
                ..
            } => match l {
                Lang::En => format!("{previous} is followed by {found}; expected {m}"),
                _ => format!(
                    "{}{}{}{}{}",
                    q(l, previous),
                    l.pick("", "之后是", "之後是"),
                    q(l, found),
                    "，缺少",
                    missing(l, m, last_missing.as_deref(), *count)
                ),
            },
            Finding::Duplicate { found, expected } => match l {
                Lang::En => format!("{found} is followed by another {found}; expected {expected}"),
                _ => format!("{}{}", q(l, found), l.pick("", "重复", "重複")),
            },
            Finding::Order {
                previous,
                found,
                expected,
            } => match l {
                Lang::En => format!(
                    "{previous} is followed by {found}, which goes backwards; expected {expected}"
                ),
                _ => format!(
                    "{}{}{}{}",
                    q(l, previous),
                    l.pick("", "之后是", "之後是"),
                    q(l, found),
                    l.pick("", "，编号倒退了", "，編號倒退了")
                ),
            },
            Finding::Start { found, first } => match l {
                Lang::En => format!("this series starts at {found}; expected {first}"),
                _ => {
                    format!(
                        "{}{}{}{}",
                        l.pick("", "这组编号从", "這組編號從"),
                        q(l, found),
                        l.pick("", "开始，应从", "開始，應從"),
                        q(l, first)
                    ) + l.pick("", "开始", "開始")
                }
            },
            Finding::MixedDelimiter { found, expected } => match l {
                Lang::En => format!(
                    "{found} is delimited differently from its siblings; expected {expected}"
                ),
                _ => format!(
                    "{}{}{}",
                    q(l, found),
                    l.pick(
                        "",
                        "与同级编号的写法不一致，应为",
                        "與同級編號的寫法不一致，應為"
                    ),
                    q(l, expected)
                ),
            },
            Finding::MixedWidth { found, expected } => match l {
                Lang::En => format!(
                    "{found} mixes half and full width with the rest of the document; expected {expected}"
                ),
                _ => format!(
                    "{}{}{}",
                    q(l, found),
                    l.pick(
                        "",
                        "的全角半角与全文不一致，应为",
                        "的全形半形與全文不一致，應為"
                    ),
                    q(l, expected)
                ),
            },
            Finding::RedundantDelimiter { found, doubled } => match l {
                Lang::En => {
                    format!("{found} is followed by a second delimiter {doubled}; expected {found}")
                }
                _ => format!(
                    "{}{}“{doubled}”",
                    q(l, found),
                    l.pick("", "后面多了一个", "後面多了一個")
                ),
            },
            Finding::LevelOrder { found, inner } => match l {
                Lang::En => format!(
                    "{found} comes after {inner} at the same level; GB/T 9704 puts {found} above {inner}"
                ),
                _ => format!(
                    "{}{}{}{}{}{}{}",
                    q(l, found),
                    l.pick("", "与前面的", "與前面的"),
                    q(l, inner),
                    l.pick("", "同级；按 GB/T 9704，", "同級；按 GB/T 9704，"),
                    q(l, found),
                    l.pick("", "应在上一级，高于", "應在上一級，高於"),
                    q(l, inner)
                ),
            },
            Finding::LonelyOrdinal { found, second } => match l {
                Lang::En => format!("{found} is not followed by {second}"),
                _ => format!(
                    "{}{}{}",
                    q(l, found),
                    l.pick("", "之后没有", "之後沒有"),
                    q(l, second)
                ),
            },
            Finding::TocNumber {
                entry,
                title,
                heading,
                line,
            } => match l {
                Lang::En => format!(
                    "the table of contents numbers this heading {entry}; the body has {heading} at line {line}"
                ),
                _ => format!(
                    "{}“{entry}{}”{}{line}{}{}",
                    l.pick("", "目录中的", "目錄中的"),
                    short(title),
                    l.pick("", "与正文不一致：正文第", "與正文不一致：正文第"),
                    l.pick("", "行是", "行是"),
                    q(l, heading)
                ),
            },
            Finding::TocTitle {
                entry,
                title,
                heading,
                heading_title,
                line,
            } => match l {
                Lang::En => format!(
                    "the table of contents has {entry} {title}; the body has {heading} {heading_title} at line {line}"
                ),
                _ => format!(
                    "{}“{entry}{}”{}{line}{}“{heading}{}”",
                    l.pick("", "目录中的", "目錄中的"),
                    short(title),
                    l.pick("", "与正文不一致：正文第", "與正文不一致：正文第"),
                    l.pick("", "行是", "行是"),
                    short(heading_title)
                ),
            },
            Finding::TocMissing { heading, title } => match l {
                Lang::En => format!("{heading} {title} is missing from the table of contents"),
                _ => format!(
                    "“{heading}{}”{}",
                    short(title),
                    l.pick("", "没有列入目录", "沒有列入目錄")
                ),
            },
        }
    }
}

/// The label of a severity in `lang`.
pub(crate) fn severity(lang: Lang, s: crate::Severity) -> &'static str {
    use crate::Severity::*;
    match s {
        Error => lang.pick("error", "错误", "錯誤"),
        Warning => lang.pick("warning", "警告", "警告"),
        _ => lang.pick("info", "提示", "提示"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales() {
        for (l, want) in [
            ("zh_CN.UTF-8", Lang::Zh),
            ("zh_SG", Lang::Zh),
            ("zh", Lang::Zh),
            ("zh_TW.Big5", Lang::ZhHant),
            ("zh_Hant_HK", Lang::ZhHant),
            ("en_GB.UTF-8", Lang::En),
            ("POSIX", Lang::En),
            ("", Lang::En),
        ] {
            assert_eq!(Lang::from_locale(l), want, "{l}");
        }
    }

    #[test]
    fn script_of_a_document() {
        assert!(is_traditional("一、總則\n第一條　為了規範醫療機構管理"));
        assert!(!is_traditional("一、总则\n第一条　为了规范医疗机构管理"));
        assert!(!is_traditional("no Chinese at all"));
        assert_eq!(SIMPLIFIED.chars().count(), TRADITIONAL.chars().count());
    }

    #[test]
    fn messages_a_writer_reads() {
        let skip = Finding::Skip {
            previous: "（五）".into(),
            found: "（八）".into(),
            missing: "（六）".into(),
            last_missing: None,
            count: 1,
            lost_likelier: false,
        };
        assert_eq!(skip.message(Lang::Zh), "（五）之后是（八），缺少（六）");
        assert_eq!(skip.message(Lang::ZhHant), "（五）之後是（八），缺少（六）");
        let dup = Finding::Duplicate {
            found: "（三）".into(),
            expected: "（四）".into(),
        };
        assert_eq!(dup.message(Lang::Zh), "（三）重复");
        let lonely = Finding::LonelyOrdinal {
            found: "一是".into(),
            second: "二是".into(),
        };
        assert_eq!(lonely.message(Lang::Zh), "“一是”之后没有“二是”");
        let toc = Finding::TocNumber {
            entry: "（五）".into(),
            title: "强化特定人群的健康保障措施".into(),
            heading: "（六）".into(),
            line: 40,
        };
        assert_eq!(
            toc.message(Lang::Zh),
            "目录中的“（五）强化特定人群的健康保障措…”与正文不一致：正文第40行是（六）"
        );
    }
}
