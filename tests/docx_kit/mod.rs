//! Builds small `.docx` files for the tests: a ZIP with the parts Word
//! writes, the body, styles and numbering given as WordprocessingML.

#![allow(dead_code)]

use std::io::Write;

use zip::write::SimpleFileOptions;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math""#;

/// The parts of a document under construction.
#[derive(Default, Clone)]
pub struct Docx {
    body: String,
    styles: Option<String>,
    numbering: Option<String>,
    extra: Vec<(String, Vec<u8>)>,
    stored: bool,
}

impl Docx {
    pub fn new() -> Self {
        Docx::default()
    }

    /// Body content (`<w:p>…</w:p><w:tbl>…</w:tbl>`).
    pub fn body(mut self, xml: &str) -> Self {
        self.body.push_str(xml);
        self
    }

    /// The children of `<w:styles>`.
    pub fn styles(mut self, xml: &str) -> Self {
        self.styles = Some(xml.to_owned());
        self
    }

    /// The children of `<w:numbering>`.
    pub fn numbering(mut self, xml: &str) -> Self {
        self.numbering = Some(xml.to_owned());
        self
    }

    /// Another part, e.g. `word/footnotes.xml`.
    pub fn part(mut self, name: &str, bytes: &[u8]) -> Self {
        self.extra.push((name.to_owned(), bytes.to_vec()));
        self
    }

    /// Store the parts uncompressed.
    pub fn stored(mut self) -> Self {
        self.stored = true;
        self
    }

    /// The whole `word/document.xml`.
    pub fn document_xml(&self) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#,
            self.body
        )
    }

    pub fn build(&self) -> Vec<u8> {
        self.build_with_document(self.document_xml().as_bytes())
    }

    /// The package with `document` as `word/document.xml`, as given.
    pub fn build_with_document(&self, document: &[u8]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = if self.stored {
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
        } else {
            SimpleFileOptions::default()
        };
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        );
        let add = |zip: &mut zip::ZipWriter<_>, name: &str, bytes: &[u8]| {
            zip.start_file(name, o).unwrap();
            zip.write_all(bytes).unwrap();
        };
        add(
            &mut zip,
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        );
        add(
            &mut zip,
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        );
        add(&mut zip, "word/document.xml", document);
        if let Some(s) = &self.styles {
            add(
                &mut zip,
                "word/styles.xml",
                format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>{s}</w:styles>"#)
                    .as_bytes(),
            );
            rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#);
        }
        if let Some(n) = &self.numbering {
            add(
                &mut zip,
                "word/numbering.xml",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}>{n}</w:numbering>"#
                )
                .as_bytes(),
            );
            rels.push_str(r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#);
        }
        rels.push_str("</Relationships>");
        add(&mut zip, "word/_rels/document.xml.rels", rels.as_bytes());
        for (name, bytes) in &self.extra {
            add(&mut zip, name, bytes);
        }
        zip.finish().unwrap().into_inner()
    }
}

/// A paragraph of plain runs.
pub fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A paragraph with properties (`<w:pStyle …/>`, `<w:numPr>…`) and runs.
pub fn p_with(ppr: &str, runs: &str) -> String {
    format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
}

/// A run of text.
pub fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

/// A paragraph numbered by `num` at `ilvl`.
pub fn p_num(num: u32, ilvl: u8, text: &str) -> String {
    p_with(&num_pr(num, Some(ilvl)), &r(text))
}

/// `<w:numPr>`, with or without an `ilvl`.
pub fn num_pr(num: u32, ilvl: Option<u8>) -> String {
    let ilvl = ilvl.map_or(String::new(), |l| format!("<w:ilvl w:val=\"{l}\"/>"));
    format!("<w:numPr>{ilvl}<w:numId w:val=\"{num}\"/></w:numPr>")
}

/// A paragraph in style `id`.
pub fn p_style(id: &str, text: &str) -> String {
    p_with(&format!("<w:pStyle w:val=\"{id}\"/>"), &r(text))
}

/// One `w:lvl`.
pub fn lvl(ilvl: u8, start: u32, fmt: &str, text: &str) -> String {
    format!(
        "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"{start}\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"420\" w:hanging=\"420\"/></w:pPr></w:lvl>"
    )
}

/// An abstract numbering of the given levels and a `w:num` for it.
pub fn list(abstract_id: u32, num_id: u32, levels: &[String]) -> String {
    format!(
        "<w:abstractNum w:abstractNumId=\"{abstract_id}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>{}</w:abstractNum><w:num w:numId=\"{num_id}\"><w:abstractNumId w:val=\"{abstract_id}\"/></w:num>",
        levels.concat()
    )
}

/// A paragraph style.
pub fn style(id: &str, name: &str, ppr: &str, based_on: Option<&str>) -> String {
    let based = based_on.map_or(String::new(), |b| format!("<w:basedOn w:val=\"{b}\"/>"));
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{based}<w:pPr>{ppr}</w:pPr></w:style>"
    )
}

/// The Normal style and Word's Heading 1–3 (`1`, `2`, `3`, as Chinese
/// Word names them), with their outline levels.
pub fn heading_styles() -> String {
    let mut s = String::from(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/></w:style>",
    );
    for n in 1..=3 {
        s.push_str(&style(
            &n.to_string(),
            &format!("heading {n}"),
            &format!("<w:keepNext/><w:outlineLvl w:val=\"{}\"/>", n - 1),
            Some("a"),
        ));
    }
    s
}

/// Reads a built document, expecting success.
pub fn read(docx: &[u8]) -> tigang::input::Extracted {
    match tigang::input::read(docx, &Default::default()) {
        Ok(x) => x,
        Err(e) => panic!("read failed: {e}"),
    }
}

/// The labels Word's numbering drew, in order.
pub fn labels(x: &tigang::input::Extracted) -> Vec<&str> {
    x.map
        .labels()
        .iter()
        .map(|l| &x.text[l.span.range()])
        .collect()
}
