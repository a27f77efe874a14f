//! How [`parse_with`](crate::parse_with) reads a text: what its reader knows
//! about the lines that the text alone cannot say.

/// What a reader knows about the text's lines (docs/format.md §8).
///
/// Plain text needs none of it ([`parse`](crate::parse) uses the default).
/// A Word document or a web page gives one line per paragraph, so a line
/// break there is never a wrap inside a title, and it knows which lines are
/// table rows, where nothing opens a heading. `tigang::input`'s readers
/// build it (`Extracted::parse_options`).
///
/// ```
/// let text = "一、总体要求\n1.\t甲\t乙\n坚持稳中求进\n";
/// // The second line is a table row: no heading opens there, and the first
/// // title is not joined with the paragraph after it.
/// let rows = [1];
/// let options = tigang::ParseOptions::default().paragraphs(true).table_rows(&rows);
/// let doc = tigang::parse_with(text, &options);
/// assert_eq!(doc.headings().count(), 1);
/// assert_eq!(doc.headings().next().unwrap().title, "总体要求");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseOptions<'a> {
    /// Every line is a paragraph of its own (Word, HTML): titles are never
    /// joined across lines.
    pub paragraphs: bool,
    /// 0-based line numbers (counting every line, blank ones too) of table
    /// rows, ascending.
    pub table_rows: &'a [usize],
}

impl<'a> ParseOptions<'a> {
    /// Sets [`paragraphs`](Self::paragraphs).
    ///
    /// ```
    /// assert!(tigang::ParseOptions::default().paragraphs(true).paragraphs);
    /// ```
    pub fn paragraphs(mut self, yes: bool) -> Self {
        self.paragraphs = yes;
        self
    }

    /// Sets [`table_rows`](Self::table_rows).
    ///
    /// ```
    /// let rows = [2, 3];
    /// assert_eq!(tigang::ParseOptions::default().table_rows(&rows).table_rows, [2, 3]);
    /// ```
    pub fn table_rows(mut self, rows: &'a [usize]) -> Self {
        self.table_rows = rows;
        self
    }
}
