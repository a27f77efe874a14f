//! `word/document.xml`, streamed: the body's paragraphs in order, one line
//! each (more with soft line breaks), labels drawn by the numbering before
//! their text, heading paragraphs as Markdown ATX lines, table rows as
//! tab-separated lines.
//!
//! What Word shows is what is kept: inserted text yes, deleted and moved-away
//! text no; a field's result, not its code; hidden runs, text boxes,
//! drawings and ruby glosses left out. Headers, footers, footnotes and
//! comments are other parts and never read.

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::numbering::{Drawn, Numbering};
use super::styles::Styles;
use super::xml;
use crate::input::source::TextBuilder;

/// Why the body could not be read.
#[derive(Debug)]
pub(super) enum BodyError {
    /// Not well-formed: the message, with the byte offset in the part.
    Xml(String),
    /// The unpacking failed under the XML reader (damage, the budget).
    Io(std::sync::Arc<std::io::Error>),
    /// The labels drawn passed the budget given to [`Body::new`].
    TooManyNumbers,
}

/// Subtrees whose text readers do not see as body text.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        // Tracked changes: deleted and moved-away text.
        b"del" | b"moveFrom" | b"delText" | b"delInstrText"
        // Field codes (the result is kept).
        | b"instrText" | b"fldData"
        // Drawings, pictures, text boxes, embedded objects; the preferred
        // choice of `mc:AlternateContent` (its fallback is read instead).
        | b"drawing" | b"pict" | b"object" | b"txbxContent" | b"Choice"
        // Ruby text (pinyin over characters): the base is the text.
        | b"rt"
        // Properties that hold no text, and their tracked changes.
        | b"sdtPr" | b"sdtEndPr" | b"sectPr" | b"tblPr" | b"tblGrid" | b"trPr" | b"tcPr"
        | b"pPrChange" | b"rPrChange" | b"tblPrChange" | b"tblGridChange"
        | b"altChunk" | b"background"
    )
}

/// The paragraph being read.
#[derive(Debug, Default)]
struct Para {
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    /// The paragraph mark is a tracked deletion: the text joins the next
    /// paragraph's.
    mark_deleted: bool,
    /// Its text, `\n` for a soft line break.
    text: String,
}

/// The row of a table being read: cells joined by tabs.
#[derive(Debug, Default)]
struct Row {
    text: String,
    labels: Vec<(usize, usize)>,
    first_paragraph: Option<usize>,
    cells: usize,
    /// The current cell has text (the next paragraph is set off by a space).
    cell_has_text: bool,
}

/// The state of the walk through `document.xml`.
pub(super) struct Body<'a> {
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    out: TextBuilder,
    /// Paragraphs read so far (the next one's index).
    paragraphs: usize,
    p: Para,
    in_p: bool,
    in_ppr: bool,
    in_numpr: bool,
    /// In `w:pPr/w:rPr` (the paragraph mark's properties).
    in_mark_rpr: bool,
    in_run: bool,
    in_run_rpr: bool,
    run_hidden: bool,
    in_t: bool,
    /// Open fields, innermost last: `true` while in the field's code.
    fields: Vec<bool>,
    tables: usize,
    row: Row,
    /// Text of paragraphs whose mark was deleted, for the next paragraph.
    carry: String,
    /// Scratch for composing a line.
    line: String,
    /// The root element was seen.
    rooted: bool,
    /// Bytes of labels that may still be drawn (see `input::max_drawn`).
    drawn_left: usize,
}

impl<'a> Body<'a> {
    /// `drawn`: the most bytes of labels to draw before giving up.
    pub(super) fn new(
        styles: &'a Styles,
        numbering: &'a mut Numbering,
        capacity: usize,
        drawn: usize,
    ) -> Self {
        Body {
            styles,
            numbering,
            out: TextBuilder::with_capacity(capacity),
            paragraphs: 0,
            p: Para::default(),
            in_p: false,
            in_ppr: false,
            in_numpr: false,
            in_mark_rpr: false,
            in_run: false,
            in_run_rpr: false,
            run_hidden: false,
            in_t: false,
            fields: Vec::new(),
            tables: 0,
            row: Row::default(),
            carry: String::new(),
            line: String::new(),
            rooted: false,
            drawn_left: drawn,
        }
    }

    /// Reads the whole part.
    pub(super) fn read<R: BufRead>(
        mut self,
        reader: &mut Reader<R>,
    ) -> Result<TextBuilder, BodyError> {
        let mut buf = Vec::with_capacity(16 * 1024);
        let mut depth = 0usize;
        // Depth of the element whose subtree is being skipped (0: none).
        let mut skip_at = 0usize;
        let mut in_body = false;
        loop {
            let event = reader.read_event_into(&mut buf).map_err(|e| match e {
                quick_xml::Error::Io(io) => BodyError::Io(io),
                e => BodyError::Xml(format!("at byte {}: {e}", reader.error_position())),
            })?;
            match event {
                Event::Start(e) => {
                    depth += 1;
                    if skip_at != 0 {
                        continue;
                    }
                    let name = e.local_name();
                    let name = name.as_ref();
                    if depth == 1 {
                        self.rooted = true;
                        if name != b"document" {
                            return Err(BodyError::Xml(format!(
                                "the root element is <{}>, not <w:document>",
                                String::from_utf8_lossy(e.name().as_ref())
                            )));
                        }
                    } else if !in_body {
                        if depth == 2 && name == b"body" {
                            in_body = true;
                        } else {
                            skip_at = depth;
                        }
                    } else if self.start(name, &e) {
                        skip_at = depth;
                    }
                }
                Event::End(e) => {
                    if skip_at != 0 {
                        if skip_at == depth {
                            skip_at = 0;
                        }
                    } else if in_body {
                        let name = e.local_name();
                        if depth == 2 {
                            in_body = false;
                        } else {
                            self.end(name.as_ref());
                            if self.drawn_left == 0 {
                                return Err(BodyError::TooManyNumbers);
                            }
                        }
                    }
                    depth = depth.saturating_sub(1);
                }
                Event::Text(t) if self.in_t && skip_at == 0 && self.visible() => {
                    xml::push_text(&mut self.p.text, &t).map_err(BodyError::Xml)?;
                }
                Event::GeneralRef(r) if self.in_t && skip_at == 0 && self.visible() => {
                    xml::push_ref(&mut self.p.text, &r).map_err(BodyError::Xml)?;
                }
                Event::CData(c) if self.in_t && skip_at == 0 && self.visible() => {
                    xml::push_flat(&mut self.p.text, &String::from_utf8_lossy(&c));
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        if !self.rooted {
            return Err(BodyError::Xml("it holds no <w:document> element".into()));
        }
        if depth != 0 {
            return Err(BodyError::Xml(format!(
                "it ends inside an element, at byte {} (truncated?)",
                reader.buffer_position()
            )));
        }
        if !self.carry.is_empty() {
            let carry = std::mem::take(&mut self.carry);
            self.out.line(&carry, self.paragraphs.checked_sub(1), &[]);
        }
        Ok(self.out)
    }

    /// Whether text read now is shown: in a paragraph, not hidden, not in
    /// a field's code.
    fn visible(&self) -> bool {
        self.in_p && !self.run_hidden && !self.fields.iter().any(|&code| code)
    }

    /// Handles an element's start; `true` to skip its subtree.
    fn start(&mut self, name: &[u8], e: &BytesStart<'_>) -> bool {
        if self.in_ppr {
            match name {
                b"pStyle" => self.p.style = xml::val(e).map(|v| v.into_owned()),
                b"numPr" => self.in_numpr = true,
                b"numId" if self.in_numpr => self.p.num_id = xml::num(e),
                b"ilvl" if self.in_numpr => self.p.ilvl = xml::num(e),
                b"outlineLvl" => self.p.outline = xml::num(e),
                b"rPr" => self.in_mark_rpr = true,
                b"del" if self.in_mark_rpr => self.p.mark_deleted = true,
                b"pPrChange" | b"rPrChange" | b"sectPr" | b"tabs" | b"numberingChange" => {
                    return true;
                }
                _ => {}
            }
            return false;
        }
        if self.in_run_rpr {
            match name {
                b"vanish" | b"specVanish" => self.run_hidden = xml::on(e),
                b"rPrChange" => return true,
                _ => {}
            }
            return false;
        }
        if skipped(name) {
            return true;
        }
        match name {
            b"p" => {
                self.p = Para {
                    text: std::mem::take(&mut self.p.text),
                    ..Para::default()
                };
                self.p.text.clear();
                self.in_p = true;
            }
            b"pPr" if self.in_p && !self.in_run => self.in_ppr = true,
            b"r" => {
                self.in_run = true;
                self.run_hidden = false;
            }
            b"rPr" if self.in_run => self.in_run_rpr = true,
            b"t" => self.in_t = true,
            b"tab" | b"ptab" if self.visible() => self.p.text.push('\t'),
            b"br" | b"cr" if self.visible() => {
                let kind = xml::attr(e, b"type");
                // A page or column break before any text starts no line.
                let page = matches!(kind.as_deref(), Some("page" | "column"));
                if !(page && self.p.text.is_empty()) {
                    self.p.text.push('\n');
                }
            }
            b"noBreakHyphen" if self.visible() => self.p.text.push('-'),
            b"fldChar" => match xml::attr(e, b"fldCharType").as_deref() {
                Some("begin") => self.fields.push(true),
                Some("separate") => {
                    if let Some(code) = self.fields.last_mut() {
                        *code = false;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            b"tbl" => self.tables += 1,
            b"tr" if self.tables == 1 => self.row = Row::default(),
            b"tc" if self.tables == 1 => {
                if self.row.cells > 0 {
                    self.row.text.push('\t');
                }
                self.row.cells += 1;
                self.row.cell_has_text = false;
            }
            _ => {}
        }
        false
    }

    fn end(&mut self, name: &[u8]) {
        if self.in_ppr {
            match name {
                b"pPr" => self.in_ppr = false,
                b"numPr" => self.in_numpr = false,
                b"rPr" => self.in_mark_rpr = false,
                _ => {}
            }
            return;
        }
        match name {
            b"t" => self.in_t = false,
            b"rPr" if self.in_run_rpr => self.in_run_rpr = false,
            b"r" => {
                self.in_run = false;
                self.run_hidden = false;
            }
            b"p" if self.in_p => {
                self.in_p = false;
                self.end_paragraph();
            }
            b"tr" if self.tables == 1 => {
                let row = std::mem::take(&mut self.row);
                if !row.text.trim().is_empty() {
                    self.out.line(&row.text, row.first_paragraph, &row.labels);
                    self.out.mark_table_row();
                }
            }
            b"tbl" => self.tables = self.tables.saturating_sub(1),
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let index = self.paragraphs;
        self.paragraphs += 1;
        if self.p.mark_deleted {
            self.carry.push_str(&self.p.text);
            return;
        }
        if !self.carry.is_empty() {
            self.p.text.insert_str(0, &self.carry);
            self.carry.clear();
        }
        let style = self.styles.effective(self.p.style.as_deref());
        let drawn = self
            .numbering_of(style)
            .and_then(|(num, lvl)| self.numbering.draw(num, lvl));
        if let Some(d) = &drawn {
            // Zero left means over budget: `read` stops after this element.
            let cost = d.label.len() + d.suffix.as_str().len();
            self.drawn_left = self
                .drawn_left
                .checked_sub(cost)
                .filter(|&l| l > 0)
                .unwrap_or(0);
        }
        let text = std::mem::take(&mut self.p.text);
        if self.tables > 0 {
            self.add_to_cell(index, drawn.as_ref(), &text);
        } else {
            let outline = self
                .p
                .outline
                .or_else(|| style.and_then(|s| self.styles.outline(s)))
                .filter(|&o| o < 9 && !style.is_some_and(|s| self.styles.is_title(s)));
            let labelled = drawn.as_ref().is_some_and(|d| !d.bullet);
            let depth = outline.filter(|_| is_heading(&text, labelled));
            self.line.clear();
            if let Some(d) = depth {
                for _ in 0..=d {
                    self.line.push('#');
                }
                self.line.push(' ');
            }
            let label_at = self.line.len();
            let mut label = None;
            if let Some(d) = &drawn {
                self.line.push_str(&d.label);
                if !d.bullet {
                    label = Some((label_at, self.line.len()));
                }
                if !text.is_empty() {
                    self.line.push_str(d.suffix.as_str());
                }
            }
            if depth.is_some() {
                // A heading is one line: its breaks become spaces.
                let t = text.trim_matches(is_space);
                self.line
                    .extend(t.chars().map(|c| if c == '\n' { ' ' } else { c }));
            } else {
                self.line.push_str(&text);
            }
            let mut first = true;
            for piece in self.line.split('\n') {
                let labels = if first { label.as_slice() } else { &[] };
                self.out.line(piece, Some(index), labels);
                first = false;
            }
        }
        self.p.text = text;
    }

    /// A table paragraph goes into its row's current cell, set off from the
    /// cell's earlier paragraphs by a space; inside a cell, tabs and breaks
    /// are spaces (a tab separates cells).
    fn add_to_cell(&mut self, index: usize, drawn: Option<&Drawn>, text: &str) {
        let row = &mut self.row;
        row.first_paragraph.get_or_insert(index);
        if drawn.is_none() && text.trim().is_empty() {
            return;
        }
        if row.cell_has_text {
            row.text.push(' ');
        }
        if let Some(d) = drawn {
            let at = row.text.len();
            row.text.push_str(&d.label);
            if !d.bullet {
                row.labels.push((at, row.text.len()));
            }
            row.text.push(' ');
        }
        row.text.extend(
            text.chars()
                .map(|c| if c == '\t' || c == '\n' { ' ' } else { c }),
        );
        row.cell_has_text = true;
    }

    /// The `(numId, ilvl)` of the paragraph: its own `w:numPr`, else its
    /// style's (WPS writes both; the paragraph's wins); `numId` 0 is none.
    fn numbering_of(&self, style: Option<&str>) -> Option<(u32, u8)> {
        let from_style = style.and_then(|s| self.styles.numbering(s));
        let num_id = self.p.num_id.or(from_style.map(|s| s.num_id))?;
        if num_id == 0 {
            return None;
        }
        let ilvl = self
            .p
            .ilvl
            .or_else(|| from_style.and_then(|s| s.ilvl))
            .or_else(|| style.and_then(|s| self.numbering.level_of_style(num_id, s)))
            .unwrap_or(0);
        Some((num_id, ilvl))
    }
}

/// The whitespace Word text is indented with.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Whether a heading-styled paragraph reads as a heading: it has text (or a
/// drawn label) and is not a full sentence ending in `。`.
fn is_heading(text: &str, labelled: bool) -> bool {
    let t = text.trim_matches(is_space);
    let t = t.trim_end_matches(['”', '’', '」', '』', '）', ')']);
    (labelled || !t.is_empty()) && !t.ends_with('。')
}
