//! The records the stages pass on: the lines of the text and the candidate
//! markers found on them.

use super::recognise::Recognised;

/// One line of the input that holds more than noise. `start..end` is the
/// line without its line break, `content` (< `end`) is where the text begins
/// after the leading noise (spec §1), `number` counts every line from 0,
/// blank ones included.
///
/// Blank lines are not kept: nothing is ever found on them, and a file of
/// ten million `\r` would otherwise cost 320 MB. Two kept lines with
/// consecutive indices have only blank lines between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    pub start: usize,
    pub content: usize,
    pub end: usize,
    pub number: usize,
}

/// What stands before a marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Boundary {
    /// The start of the line (after the noise).
    LineStart,
    /// `。！？；：` (or a closing quote after one of them).
    Sentence,
    /// `，`: the marker only counts when it continues an open series.
    Comma,
    /// A part marker closing a short line that is its title.
    LineEnd,
}

/// A possible marker, in document order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub rec: Recognised,
    pub start: usize,
    pub line: usize,
    /// 1-based, in chars.
    pub column: usize,
    pub boundary: Boundary,
    /// The level the line declares (Markdown `#`s), 0 for none.
    pub explicit: u8,
    /// The line opens a Markdown bold run (`**一、总体要求**`): the title
    /// ends where it closes.
    pub bold: bool,
    /// What decides the candidate's level ([`Place`]).
    pub place: Place,
}

/// What decides a candidate's level (spec §3, §7 `level_from`).
///
/// [`Scanner`] sets [`Markup`](Place::Markup) on every line that declares a
/// level and [`Numbering`](Place::Numbering) elsewhere; `levels` changes
/// that where a document's `#` depths carry no level (rule 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// The marker's kind and the document's own order (rules 1, 2, 4).
    Numbering,
    /// The level its line declares: a `#` depth, an HTML or Word level.
    Markup,
    /// A section label (`摘要`, `参考文献`) where depths carry no level: a
    /// top-level heading that the next numbered heading closes.
    Label,
    /// Another unnumbered line that reads as a heading there: under the
    /// heading open when it appears.
    Loose,
}

impl Place {
    /// The place of a line-level candidate, from the level its line declares.
    pub fn of_line(explicit: u8) -> Place {
        if explicit > 0 {
            Place::Markup
        } else {
            Place::Numbering
        }
    }
}

impl Candidate {
    pub fn end(&self) -> usize {
        self.start + self.rec.len()
    }
}
