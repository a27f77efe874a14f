//! The kinds of marker (docs/format.md §2) and their place in the GB/T 9704 order.

#[cfg(feature = "serde")]
use serde::Serialize;

/// What kind of marker opens a heading. The `snake_case` name is the JSON
/// `kind` value.
///
/// ```
/// use tigang::MarkerKind;
/// let doc = tigang::parse("（一）加强领导\n");
/// assert_eq!(doc.headings().next().unwrap().kind, MarkerKind::ParenNumeral);
/// assert_eq!(MarkerKind::ParenNumeral.as_str(), "paren_numeral");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MarkerKind {
    /// `【篇1】` `【第一篇】` `第一篇`: a part of a compilation, its own document.
    Part,
    /// `第一编` `第二編`: a book of a code (编 › 章 › 节 › 条, as in 民法典).
    Book,
    /// `第一分编` `第二分編`
    SubBook,
    /// `第一部分` `第 三 部分`
    Division,
    /// `第一章`
    Chapter,
    /// `第一节` `第一節`
    Section,
    /// `第一条` `第一條`
    Article,
    /// `壹、` `貳、`
    CapitalNumeral,
    /// `一、` `十一、`
    Numeral,
    /// `（一）` `(一)` `〔一〕` `㈠`
    ParenNumeral,
    /// `1.` `1、` `１．` `⒈`
    Digit,
    /// `1.1` `2.3.1`
    Dotted,
    /// `（1）` `1)` `⑴`
    ParenDigit,
    /// `①` `㉑` `❶`
    Circled,
    /// `a.` `a）` `(a)` `A.` `A、` `（A）`, in a series that starts at `a`/`A`
    /// (`number`: a = 1).
    Letter,
    /// An explicit heading without a number: a Markdown ATX line (`## 工作目标`),
    /// an HTML `<h2>`, a Word heading style. Its marker is `""`, its number
    /// `None`, its [`depth`](crate::Heading::depth) the number of `#`.
    Heading,
    /// `一是` inside or at the start of a paragraph.
    OrdinalShi,
    /// `一要`
    OrdinalYao,
    /// `第一，` `第二是`
    OrdinalDi,
    /// `首先` `其次` `再次` `然后` `最后`
    Sequence,
}

impl MarkerKind {
    /// Every kind, in GB/T 9704 order, then explicit headings, then the
    /// ordinal kinds.
    ///
    /// ```
    /// assert_eq!(tigang::MarkerKind::ALL.len(), 20);
    /// ```
    pub const ALL: [MarkerKind; 20] = [
        MarkerKind::Part,
        MarkerKind::Book,
        MarkerKind::SubBook,
        MarkerKind::Division,
        MarkerKind::Chapter,
        MarkerKind::Section,
        MarkerKind::Article,
        MarkerKind::CapitalNumeral,
        MarkerKind::Numeral,
        MarkerKind::ParenNumeral,
        MarkerKind::Digit,
        MarkerKind::Dotted,
        MarkerKind::ParenDigit,
        MarkerKind::Circled,
        MarkerKind::Letter,
        MarkerKind::Heading,
        MarkerKind::OrdinalShi,
        MarkerKind::OrdinalYao,
        MarkerKind::OrdinalDi,
        MarkerKind::Sequence,
    ];

    /// The JSON name of the kind.
    ///
    /// ```
    /// assert_eq!(tigang::MarkerKind::OrdinalShi.as_str(), "ordinal_shi");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            MarkerKind::Part => "part",
            MarkerKind::Book => "book",
            MarkerKind::SubBook => "sub_book",
            MarkerKind::Division => "division",
            MarkerKind::Chapter => "chapter",
            MarkerKind::Section => "section",
            MarkerKind::Article => "article",
            MarkerKind::CapitalNumeral => "capital_numeral",
            MarkerKind::Numeral => "numeral",
            MarkerKind::ParenNumeral => "paren_numeral",
            MarkerKind::Digit => "digit",
            MarkerKind::Dotted => "dotted",
            MarkerKind::ParenDigit => "paren_digit",
            MarkerKind::Circled => "circled",
            MarkerKind::Letter => "letter",
            MarkerKind::Heading => "heading",
            MarkerKind::OrdinalShi => "ordinal_shi",
            MarkerKind::OrdinalYao => "ordinal_yao",
            MarkerKind::OrdinalDi => "ordinal_di",
            MarkerKind::Sequence => "sequence",
        }
    }

    /// Whether the kind nests by order of appearance (docs/format.md §3 rule 2) rather
    /// than by rank: `一是`, `一要`, `第一，`, `首先`.
    ///
    /// ```
    /// assert!(tigang::MarkerKind::OrdinalDi.is_ordinal());
    /// assert!(!tigang::MarkerKind::Digit.is_ordinal());
    /// ```
    pub const fn is_ordinal(self) -> bool {
        matches!(
            self,
            MarkerKind::OrdinalShi
                | MarkerKind::OrdinalYao
                | MarkerKind::OrdinalDi
                | MarkerKind::Sequence
        )
    }

    /// Whether the kind carries a number (every kind but [`Heading`](Self::Heading)).
    ///
    /// ```
    /// assert!(tigang::MarkerKind::Numeral.is_numbered());
    /// assert!(!tigang::MarkerKind::Heading.is_numbered());
    /// ```
    pub const fn is_numbered(self) -> bool {
        !matches!(self, MarkerKind::Heading)
    }

    /// Rank in the GB/T 9704 order of regulations, smaller is outer; `None`
    /// for ordinals and explicit headings (whose place the document sets,
    /// docs/format.md §3 rules 2 and 3). A dotted marker ranks by its depth between
    /// `digit` and `paren_digit`.
    pub(crate) const fn rank(self, depth: usize) -> Option<u16> {
        Some(match self {
            MarkerKind::Part => 0,
            MarkerKind::Book => 4,
            MarkerKind::SubBook => 6,
            MarkerKind::Division => 8,
            MarkerKind::Chapter => 10,
            MarkerKind::Section => 20,
            MarkerKind::Article => 30,
            MarkerKind::CapitalNumeral => 40,
            MarkerKind::Numeral => 50,
            MarkerKind::ParenNumeral => 60,
            MarkerKind::Digit => 70,
            // `1.1` has depth 2 and sits under `1.`; at most 6 components.
            MarkerKind::Dotted => 70 + depth as u16,
            MarkerKind::ParenDigit => 80,
            MarkerKind::Circled => 90,
            MarkerKind::Letter => 95,
            _ => return None,
        })
    }
}

impl std::fmt::Display for MarkerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
