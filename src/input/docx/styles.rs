//! `word/styles.xml`: the paragraph styles a paragraph inherits its
//! numbering and outline level from, through `w:basedOn`.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::xml::{self, MAX_DEFINED, PartError};

/// Paragraph and numbering styles by id.
#[derive(Debug, Default)]
pub(super) struct Styles {
    by_id: HashMap<String, Style>,
    /// The style of paragraphs that name none (`w:default="1"`).
    default_paragraph: Option<String>,
}

#[derive(Debug, Default, Clone)]
struct Style {
    /// `w:name`, lower case (`heading 1`, `标题 1`, `title`).
    name: String,
    based_on: Option<String>,
    /// `w:pPr/w:numPr`: the numbering this style gives its paragraphs.
    num_id: Option<u32>,
    ilvl: Option<u8>,
    /// `w:pPr/w:outlineLvl` (0–8 headings, 9 body text).
    outline: Option<u8>,
}

/// A style's numbering: `w:numId` and, when the style says, `w:ilvl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct StyleNumbering {
    pub(super) num_id: u32,
    pub(super) ilvl: Option<u8>,
}

/// How far `w:basedOn` chains are followed (they may loop in damaged files).
const MAX_CHAIN: usize = 16;

impl Styles {
    /// Reads `styles.xml` as it unpacks.
    pub(super) fn parse(part: impl std::io::BufRead) -> Result<Styles, PartError> {
        let mut reader = xml::reader(part);
        let mut buf = Vec::new();
        let mut styles = Styles::default();
        let mut cost = 0usize;
        let mut current: Option<(String, Style)> = None;
        // Inside the style's own w:pPr, and not inside a tracked change of it.
        let mut in_ppr = false;
        let mut skip = 0usize;
        loop {
            if cost > MAX_DEFINED {
                return Err(PartError::TooManyDefinitions);
            }
            match xml::next_event(&mut reader, &mut buf)? {
                Event::Start(e) => {
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    match e.local_name().as_ref() {
                        b"style" => {
                            let id = xml::attr(&e, b"styleId").map(|s| s.into_owned());
                            let paragraph = matches!(
                                xml::attr(&e, b"type").as_deref(),
                                None | Some("paragraph" | "numbering")
                            );
                            if let (Some(id), true) = (id, paragraph) {
                                if xml::attr(&e, b"default")
                                    .is_some_and(|d| d == "1" || d == "true")
                                    && xml::attr(&e, b"type").as_deref() != Some("numbering")
                                {
                                    styles.default_paragraph = Some(id.clone());
                                }
                                current = Some((id, Style::default()));
                            }
                        }
                        b"pPrChange" | b"rPr" | b"tblPr" | b"trPr" | b"tcPr" | b"tblStylePr" => {
                            skip = 1
                        }
                        b"pPr" => in_ppr = true,
                        name => {
                            if let Some((_, style)) = current.as_mut() {
                                read_property(style, name, &e, in_ppr);
                            }
                        }
                    }
                }
                Event::End(e) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match e.local_name().as_ref() {
                        b"style" => {
                            if let Some((id, style)) = current.take() {
                                cost += std::mem::size_of::<(String, Style)>() * 2
                                    + id.len()
                                    + style.name.len()
                                    + style.based_on.as_ref().map_or(0, String::len);
                                styles.by_id.insert(id, style);
                            }
                        }
                        b"pPr" => in_ppr = false,
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(styles)
    }

    /// The style a paragraph has: its `w:pStyle`, else the default one.
    pub(super) fn effective<'s>(&'s self, p_style: Option<&'s str>) -> Option<&'s str> {
        p_style.or(self.default_paragraph.as_deref())
    }

    /// The numbering a style gives, its own or inherited through `basedOn`.
    pub(super) fn numbering(&self, id: &str) -> Option<StyleNumbering> {
        self.chain(id).find_map(|s| {
            s.num_id.map(|num_id| StyleNumbering {
                num_id,
                ilvl: s.ilvl,
            })
        })
    }

    /// The outline level of a style (0 for `Heading 1`…), own or inherited:
    /// an explicit `w:outlineLvl`, else the level of a built-in heading
    /// name (`heading 1`, `标题 1`).
    pub(super) fn outline(&self, id: &str) -> Option<u8> {
        self.chain(id)
            .find_map(|s| s.outline.or_else(|| heading_level(&s.name)))
    }

    /// Whether a style is the document title's (`Title`, `标题`).
    pub(super) fn is_title(&self, id: &str) -> bool {
        self.chain(id)
            .any(|s| s.name == "title" || s.name == "标题")
    }

    /// The numbering style that `numStyleLink` names: the `w:numId` it sets.
    pub(super) fn linked_num(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).and_then(|s| s.num_id)
    }

    fn chain<'s>(&'s self, id: &str) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = self.by_id.get(id);
        std::iter::from_fn(move || {
            let s = next?;
            next = s.based_on.as_deref().and_then(|b| self.by_id.get(b));
            Some(s)
        })
        .take(MAX_CHAIN)
    }
}

fn read_property(
    style: &mut Style,
    name: &[u8],
    e: &quick_xml::events::BytesStart<'_>,
    in_ppr: bool,
) {
    match name {
        b"name" => {
            style.name = xml::val(e)
                .map(|v| v.trim().to_lowercase())
                .unwrap_or_default();
        }
        b"basedOn" => style.based_on = xml::val(e).map(|v| v.into_owned()),
        b"numId" if in_ppr => style.num_id = xml::num(e),
        b"ilvl" if in_ppr => style.ilvl = xml::num(e),
        b"outlineLvl" if in_ppr => style.outline = xml::num(e),
        _ => {}
    }
}

/// `heading 3` / `Heading3` / `标题 3` → 2.
fn heading_level(name: &str) -> Option<u8> {
    let rest = name
        .strip_prefix("heading")
        .or_else(|| name.strip_prefix("标题"))?
        .trim_start();
    let n: u8 = rest.parse().ok()?;
    (1..=9).contains(&n).then(|| n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="23"/></w:numPr><w:pPrChange w:id="1"><w:pPr><w:numPr><w:numId w:val="99"/></w:numPr></w:pPr></w:pPrChange></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="x"><w:name w:val="My heading"/><w:basedOn w:val="2"/></w:style>
<w:style w:type="paragraph" w:styleId="t"><w:name w:val="标题 3"/></w:style>
<w:style w:type="paragraph" w:styleId="loop1"><w:name w:val="a"/><w:basedOn w:val="loop2"/></w:style>
<w:style w:type="paragraph" w:styleId="loop2"><w:name w:val="b"/><w:basedOn w:val="loop1"/></w:style>
<w:style w:type="character" w:styleId="c"><w:name w:val="heading 1 Char"/></w:style>
</w:styles>"#;

    #[test]
    fn numbering_and_levels_come_through_based_on() {
        let s = Styles::parse(STYLES.as_bytes()).unwrap();
        assert_eq!(s.effective(None), Some("a"));
        assert_eq!(s.outline("1"), Some(0));
        assert_eq!(s.outline("2"), Some(1), "from the name");
        assert_eq!(
            s.numbering("x"),
            Some(StyleNumbering {
                num_id: 23,
                ilvl: None
            }),
            "inherited, and the tracked change is not the style"
        );
        assert_eq!(s.outline("x"), Some(1));
        assert_eq!(s.outline("t"), Some(2));
        assert_eq!(s.outline("a"), None);
        assert_eq!(s.outline("loop1"), None, "a basedOn loop ends");
        assert_eq!(s.outline("c"), None, "character styles are not kept");
    }
}
