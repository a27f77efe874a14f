//! The kinds of marker (spec §2) and their place in the GB/T 9704 order.

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MarkerKind {
    /// `【篇1】` `【第一篇】` `第一篇`: a part of a compilation, its own document.
    Part,
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
    /// Every kind, in GB/T 9704 order followed by the ordinal kinds.
    ///
    /// ```
    /// assert_eq!(tigang::MarkerKind::ALL.len(), 15);
    /// ```
    pub const ALL: [MarkerKind; 15] = [
        MarkerKind::Part,
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
            MarkerKind::OrdinalShi => "ordinal_shi",
            MarkerKind::OrdinalYao => "ordinal_yao",
            MarkerKind::OrdinalDi => "ordinal_di",
            MarkerKind::Sequence => "sequence",
        }
    }

    /// Whether the kind nests by order of appearance (spec §3 rule 2) rather
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

    /// Rank in the GB/T 9704 order, smaller is outer; `None` for ordinals.
    /// A dotted marker ranks by its depth between `digit` and `paren_digit`.
    pub(crate) const fn rank(self, depth: usize) -> Option<u16> {
        Some(match self {
            MarkerKind::Part => 0,
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
            _ => return None,
        })
    }
}

impl std::fmt::Display for MarkerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
