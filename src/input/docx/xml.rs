//! Small helpers over quick-xml for WordprocessingML: elements and
//! attributes by local name (Word writes the prefix `w:`, other writers may
//! bind another one), toggles, and text with its references resolved.

use std::borrow::Cow;
use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, BytesText};

/// The attribute whose local name is `name` (`w:val` → `val`), unescaped.
pub(super) fn attr<'a>(e: &'a BytesStart<'_>, name: &[u8]) -> Option<Cow<'a, str>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value_with(
                quick_xml::XmlVersion::Implicit1_0,
                1,
                quick_xml::escape::resolve_xml_entity,
            )
            .ok()
        })
}

/// `w:val` of an element.
pub(super) fn val<'a>(e: &'a BytesStart<'_>) -> Option<Cow<'a, str>> {
    attr(e, b"val")
}

/// `w:val` as a number.
pub(super) fn num<T: std::str::FromStr>(e: &BytesStart<'_>) -> Option<T> {
    val(e)?.trim().parse().ok()
}

/// A toggle property (`<w:vanish/>`, `<w:isLgl w:val="true"/>`): on unless
/// its value says off.
pub(super) fn on(e: &BytesStart<'_>) -> bool {
    !matches!(val(e).as_deref(), Some("0" | "false" | "off"))
}

/// A reader over a part with the settings every part uses: empty elements
/// come as a start and an end, and end tags must match.
pub(super) fn reader<R: BufRead>(r: R) -> Reader<R> {
    let mut reader = Reader::from_reader(r);
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = true;
    reader
}

/// Appends character data. Word shows a line break inside `w:t` as a
/// space, and the extracted text never takes a line break from the source.
pub(super) fn push_text(out: &mut String, t: &BytesText<'_>) -> Result<(), String> {
    let text = t.decode().map_err(|e| e.to_string())?;
    push_flat(out, &text);
    Ok(())
}

/// Appends `text` with `\r` and `\n` as spaces.
pub(super) fn push_flat(out: &mut String, text: &str) {
    if text.contains(['\r', '\n']) {
        out.extend(
            text.chars()
                .map(|c| if c == '\r' || c == '\n' { ' ' } else { c }),
        );
    } else {
        out.push_str(text);
    }
}

/// Appends what `&name;` or `&#N;` stands for (XML's five entities and
/// character references; Word writes no others).
pub(super) fn push_ref(out: &mut String, r: &BytesRef<'_>) -> Result<(), String> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
        let mut buf = [0; 4];
        push_flat(out, c.encode_utf8(&mut buf));
        return Ok(());
    }
    let name = r.decode().map_err(|e| e.to_string())?;
    match quick_xml::escape::resolve_xml_entity(&name) {
        Some(s) => {
            out.push_str(s);
            Ok(())
        }
        None => Err(format!("unknown entity &{name};")),
    }
}

/// Why a styles or numbering part could not be read.
#[derive(Debug)]
pub(super) enum PartError {
    /// Not well-formed XML, with where.
    Xml(String),
    /// Unpacking failed under the reader (damage, the budget).
    Io(std::sync::Arc<std::io::Error>),
    /// The part defines more than [`MAX_DEFINED`] bytes' worth.
    TooManyDefinitions,
}

/// What the stored definitions of one styles or numbering part may cost
/// (16 MiB): real documents use a few hundred kilobytes, even with
/// thousands of lists and styles; past it the file is refused as a bomb.
pub(super) const MAX_DEFINED: usize = 16 << 20;

/// The next event of a part's reader, errors sorted as [`PartError`]s.
pub(super) fn next_event<'b, R: BufRead>(
    reader: &mut Reader<R>,
    buf: &'b mut Vec<u8>,
) -> Result<quick_xml::events::Event<'b>, PartError> {
    let at = reader.buffer_position();
    reader.read_event_into(buf).map_err(|e| match e {
        quick_xml::Error::Io(io) => PartError::Io(io),
        e => PartError::Xml(format!("at byte {}: {e}", reader.error_position().max(at))),
    })
}
