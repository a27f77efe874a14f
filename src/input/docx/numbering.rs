//! `word/numbering.xml` and the counters of Word's automatic numbering.
//!
//! A paragraph names a `w:num` and a level; the `w:num` points at an
//! abstract numbering, which holds the nine levels (start, format, `lvlText`
//! such as `（%1）` or `%1.%2`). Counters belong to the abstract numbering,
//! so every `w:num` that points at it continues one sequence; a `w:num`'s
//! `startOverride` restarts a level the first time a paragraph uses that
//! `w:num`; a level restarts when a shallower one advances, unless its
//! `lvlRestart` says otherwise. `numStyleLink` sends an abstract numbering
//! to the one a numbering style uses. These rules were checked against the
//! labels Word and LibreOffice draw (tests/docx_corpus.rs, tests/docx.rs).

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};

use super::styles::Styles;
use super::xml::{self, MAX_DEFINED, PartError};
use crate::input::numfmt::{MAX_LABEL_CHARS, NumFmt};

/// Levels 0–8.
const LEVELS: usize = 9;

/// What follows a drawn label (`w:suff`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Suffix {
    Tab,
    Space,
    Nothing,
}

impl Suffix {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Suffix::Tab => "\t",
            Suffix::Space => " ",
            Suffix::Nothing => "",
        }
    }
}

#[derive(Clone, Debug)]
struct Level {
    start: u32,
    format: NumFmt,
    /// `w:lvlText`: text with `%1`…`%9`.
    text: String,
    /// `w:lvlRestart`: restart after a use of a level shallower than this
    /// (1-based); 0 never. `None`: after any shallower level.
    restart: Option<u8>,
    /// `w:isLgl`: every number of the label in decimal.
    legal: bool,
    /// `w:pStyle`: the paragraph style this level belongs to.
    p_style: Option<String>,
    suffix: Suffix,
    /// The label is hidden (`w:rPr/w:vanish`).
    hidden: bool,
}

/// A level the file does not define: Word's defaults.
static UNDEFINED: Level = Level {
    start: 1,
    format: NumFmt::Decimal,
    text: String::new(),
    restart: None,
    legal: false,
    p_style: None,
    suffix: Suffix::Tab,
    hidden: false,
};

impl Default for Level {
    fn default() -> Self {
        UNDEFINED.clone()
    }
}

impl Level {
    /// What storing this level costs, against [`MAX_DEFINED`].
    fn cost(&self) -> usize {
        std::mem::size_of::<(u8, Level)>()
            + self.text.len()
            + self.p_style.as_ref().map_or(0, String::len)
    }
}

/// Only the levels a file defines are stored (issue 23: nine default levels
/// for every `w:abstractNum`, nine empty overrides for every `w:num`, made
/// `numbering.xml` cost 30 times its size).
#[derive(Clone, Debug, Default)]
struct Abstract {
    /// `(ilvl, level)`, at most one per level.
    levels: Vec<(u8, Level)>,
    /// `w:numStyleLink`: the levels are those of this numbering style's list.
    num_style_link: Option<String>,
}

impl Abstract {
    fn level(&self, i: usize) -> Option<&Level> {
        self.levels
            .iter()
            .find(|(l, _)| usize::from(*l) == i)
            .map(|(_, l)| l)
    }
}

#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: u32,
    /// `w:lvlOverride/w:startOverride`: `(ilvl, start)`.
    start_override: Vec<(u8, u32)>,
    /// `w:lvlOverride/w:lvl`: a level redefined for this `w:num` only.
    level_override: Vec<(u8, Level)>,
}

/// The longest `w:lvlText` or `w:pStyle` kept: a drawn label is cut to
/// [`MAX_LABEL_CHARS`] characters anyway.
const MAX_KEPT: usize = MAX_LABEL_CHARS * 4;

/// Puts `item` at `key`, replacing an earlier one (the last definition wins).
fn put<T>(list: &mut Vec<(u8, T)>, key: u8, item: T) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some(slot) => slot.1 = item,
        None => list.push((key, item)),
    }
}

/// `value` cut to [`MAX_KEPT`] bytes at a character boundary.
fn kept(value: &str) -> String {
    let mut end = value.len().min(MAX_KEPT);
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    value[..end].to_owned()
}

/// A level's count since it last restarted.
#[derive(Clone, Copy, Debug, Default)]
struct Count {
    /// The current number; `None` until the level is used after a restart.
    value: Option<u32>,
    /// A `startOverride` waiting for the level's next use.
    pending: Option<u32>,
}

/// The numbering definitions and the running counters of one document.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<u32, Abstract>,
    nums: HashMap<u32, Num>,
    /// Counters per abstract numbering (after `numStyleLink`).
    counts: HashMap<u32, [Count; LEVELS]>,
    /// `w:num`s a paragraph has used (their overrides are spent).
    used: HashSet<u32>,
    /// `w:num` → the abstract numbering that really holds its levels.
    resolved: HashMap<u32, u32>,
}

/// A label drawn for one paragraph.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Drawn {
    pub(super) label: String,
    pub(super) suffix: Suffix,
    /// A bullet (`•`): drawn, but not a marker.
    pub(super) bullet: bool,
}

impl Numbering {
    /// Reads `numbering.xml` as it unpacks, storing only what it defines.
    pub(super) fn parse(part: impl std::io::BufRead) -> Result<Numbering, PartError> {
        let mut reader = xml::reader(part);
        let mut buf = Vec::new();
        let mut out = Numbering::default();
        let mut cost = 0usize;
        let mut abs: Option<(u32, Abstract)> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut override_level: Option<u8> = None;
        let mut in_rpr = false;
        let mut skip = 0usize;
        // `mc:AlternateContent` offers a `mc:Choice` (Word 2010's custom
        // formats) and a `mc:Fallback`: the fallback is read.
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
                        b"abstractNum" => {
                            abs = xml::attr(&e, b"abstractNumId")
                                .and_then(|v| v.trim().parse().ok())
                                .map(|id| (id, Abstract::default()));
                        }
                        b"num" => {
                            num = xml::attr(&e, b"numId")
                                .and_then(|v| v.trim().parse().ok())
                                .map(|id| (id, Num::default()));
                        }
                        b"lvlOverride" => {
                            override_level = ilvl(&e);
                        }
                        b"lvl" => {
                            level = ilvl(&e).map(|i| (i, Level::default()));
                        }
                        b"Choice" | b"pPrChange" | b"rPrChange" | b"numberingChange" => skip = 1,
                        b"rPr" => in_rpr = true,
                        name => read_property(
                            name,
                            &e,
                            in_rpr,
                            level.as_mut().map(|(_, l)| l),
                            abs.as_mut().map(|(_, a)| a),
                            num.as_mut().map(|(_, n)| (n, override_level)),
                        ),
                    }
                }
                Event::End(e) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match e.local_name().as_ref() {
                        b"lvl" => {
                            if let Some((i, l)) = level.take() {
                                cost += l.cost();
                                if let (Some((_, n)), Some(_)) = (num.as_mut(), override_level) {
                                    // A redefined level restarts at its own
                                    // start, like a `startOverride`.
                                    if !n.start_override.iter().any(|(k, _)| *k == i) {
                                        n.start_override.push((i, l.start));
                                    }
                                    put(&mut n.level_override, i, l);
                                } else if let Some((_, a)) = abs.as_mut() {
                                    put(&mut a.levels, i, l);
                                }
                            }
                        }
                        b"lvlOverride" => override_level = None,
                        b"abstractNum" => {
                            if let Some((id, a)) = abs.take() {
                                cost += std::mem::size_of::<(u32, Abstract)>() * 2
                                    + a.num_style_link.as_ref().map_or(0, String::len);
                                out.abstracts.insert(id, a);
                            }
                        }
                        b"num" => {
                            if let Some((id, n)) = num.take() {
                                cost += std::mem::size_of::<(u32, Num)>() * 2
                                    + n.start_override.len() * 8;
                                out.nums.insert(id, n);
                            }
                        }
                        b"rPr" => in_rpr = false,
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(out)
    }

    /// Follows `numStyleLink`s once the styles are known: each `w:num` to
    /// the abstract numbering whose levels and counters it uses.
    pub(super) fn link(&mut self, styles: &Styles) {
        for (&num_id, num) in &self.nums {
            let mut id = num.abstract_id;
            for _ in 0..4 {
                let Some(link) = self
                    .abstracts
                    .get(&id)
                    .and_then(|a| a.num_style_link.as_deref())
                else {
                    break;
                };
                match styles
                    .linked_num(link)
                    .and_then(|n| self.nums.get(&n))
                    .map(|n| n.abstract_id)
                {
                    Some(next) if next != id => id = next,
                    _ => break,
                }
            }
            self.resolved.insert(num_id, id);
        }
    }

    /// The level of `num_id` whose `w:pStyle` is `style`: the level of a
    /// paragraph that takes its numbering from its style without an `ilvl`.
    pub(super) fn level_of_style(&self, num_id: u32, style: &str) -> Option<u8> {
        let abs = self.abstracts.get(self.resolved.get(&num_id)?)?;
        let mut levels: Vec<_> = abs
            .levels
            .iter()
            .filter(|(_, l)| l.p_style.as_deref() == Some(style))
            .map(|(i, _)| *i)
            .collect();
        levels.sort_unstable();
        levels.first().copied()
    }

    /// Counts one paragraph numbered by `num_id` at `ilvl` and returns the
    /// label Word draws for it (`•` for a bullet): `None` for hidden and
    /// empty labels (they still count) and for numbering that does not exist.
    pub(super) fn draw(&mut self, num_id: u32, ilvl: u8) -> Option<Drawn> {
        let abs_id = *self.resolved.get(&num_id)?;
        let abs = self.abstracts.get(&abs_id)?;
        let num = self.nums.get(&num_id)?;
        let l = usize::from(ilvl).min(LEVELS - 1);
        let level_def = |i: usize| {
            num.level_override
                .iter()
                .find(|(k, _)| usize::from(*k) == i)
                .map(|(_, l)| l)
                .or_else(|| abs.level(i))
                .unwrap_or(&UNDEFINED)
        };
        let counts = self.counts.entry(abs_id).or_default();
        if self.used.insert(num_id) {
            for &(i, start) in &num.start_override {
                counts[usize::from(i)] = Count {
                    value: None,
                    pending: Some(start),
                };
            }
        }
        let this = level_def(l);
        let c = &mut counts[l];
        c.value = Some(match c.value {
            Some(v) => v.saturating_add(1),
            None => c.pending.take().unwrap_or(this.start),
        });
        for (m, count) in counts.iter_mut().enumerate().skip(l + 1) {
            let restarts = match level_def(m).restart {
                None => true,
                Some(0) => false,
                Some(r) => l < usize::from(r),
            };
            if restarts {
                count.value = None;
            }
        }
        if this.hidden {
            return None;
        }
        if this.format == NumFmt::Bullet {
            // Bullet glyphs are often Wingdings code points (U+F06C) that
            // mean nothing in Unicode: every bullet is written `•`, which
            // the parser reads as a list bullet, not a marker.
            return Some(Drawn {
                label: "•".to_owned(),
                suffix: this.suffix,
                bullet: true,
            });
        }
        let mut label = String::new();
        let mut rest = this.text.as_str();
        // Stop drawing once the label is surely past its cap (4 bytes a
        // character at most): a 30,000-character `lvlText` is not redrawn
        // in full on every paragraph.
        let full = MAX_LABEL_CHARS * 4;
        while let Some(at) = rest.find('%') {
            if label.len() + at >= full {
                break;
            }
            label.push_str(&rest[..at]);
            let digit = rest[at + 1..].chars().next().and_then(|d| d.to_digit(10));
            match digit {
                Some(d @ 1..=9) => {
                    let i = d as usize - 1;
                    let def = level_def(i);
                    let n = counts[i]
                        .value
                        .unwrap_or_else(|| counts[i].pending.unwrap_or(def.start));
                    let format = if this.legal {
                        NumFmt::Decimal
                    } else {
                        def.format
                    };
                    // A bullet level referenced from another level's text
                    // draws its number, as Word does for `%N` of any format.
                    let format = if format == NumFmt::Bullet {
                        NumFmt::Decimal
                    } else {
                        format
                    };
                    format.write(n, &mut label);
                    rest = &rest[at + 2..];
                }
                _ => {
                    label.push('%');
                    rest = &rest[at + 1..];
                }
            }
        }
        let mut end = rest.len().min(full.saturating_sub(label.len()));
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        label.push_str(&rest[..end]);
        if let Some((cut, _)) = label.char_indices().nth(MAX_LABEL_CHARS) {
            label.truncate(cut);
        }
        let label = label.trim().to_owned();
        (!label.is_empty()).then_some(Drawn {
            label,
            suffix: this.suffix,
            bullet: false,
        })
    }
}

fn ilvl(e: &BytesStart<'_>) -> Option<u8> {
    xml::attr(e, b"ilvl")
        .and_then(|v| v.trim().parse::<u8>().ok())
        .filter(|&i| usize::from(i) < LEVELS)
}

fn read_property(
    name: &[u8],
    e: &BytesStart<'_>,
    in_rpr: bool,
    level: Option<&mut Level>,
    abs: Option<&mut Abstract>,
    num: Option<(&mut Num, Option<u8>)>,
) {
    if let Some(l) = level {
        match name {
            b"start" => l.start = xml::num(e).unwrap_or(1),
            b"numFmt" => {
                l.format = xml::val(e).map_or(NumFmt::Decimal, |v| NumFmt::from_name(&v));
            }
            b"lvlText" => l.text = xml::val(e).map(|v| kept(&v)).unwrap_or_default(),
            b"lvlRestart" => l.restart = xml::num(e),
            b"isLgl" => l.legal = xml::on(e),
            b"pStyle" => l.p_style = xml::val(e).map(|v| kept(&v)),
            b"suff" => {
                l.suffix = match xml::val(e).as_deref() {
                    Some("space") => Suffix::Space,
                    Some("nothing") => Suffix::Nothing,
                    _ => Suffix::Tab,
                };
            }
            b"vanish" if in_rpr => l.hidden = xml::on(e),
            _ => {}
        }
        return;
    }
    match (name, abs, num) {
        (b"numStyleLink", Some(a), _) => a.num_style_link = xml::val(e).map(|v| kept(&v)),
        (b"abstractNumId", _, Some((n, _))) => n.abstract_id = xml::num(e).unwrap_or(u32::MAX),
        (b"startOverride", _, Some((n, Some(i)))) => {
            n.start_override.retain(|(k, _)| *k != i);
            if let Some(start) = xml::num(e) {
                n.start_override.push((i, start));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbering(body: &str) -> Numbering {
        let xml = format!(
            r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{body}</w:numbering>"#
        );
        let mut n = Numbering::parse(xml.as_bytes()).unwrap();
        n.link(&Styles::default());
        n
    }

    fn labels(n: &mut Numbering, paras: &[(u32, u8)]) -> Vec<String> {
        paras
            .iter()
            .map(|&(num, lvl)| n.draw(num, lvl).map(|d| d.label).unwrap_or_default())
            .collect()
    }

    const TWO_LEVELS: &str = r#"<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/><w:isLgl/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>"#;

    #[test]
    fn deeper_levels_restart_and_nums_share_counters() {
        let mut n = numbering(TWO_LEVELS);
        assert_eq!(
            labels(&mut n, &[(1, 0), (1, 1), (1, 1), (2, 0), (1, 1), (2, 2)]),
            ["一、", "（一）", "（二）", "二、", "（一）", "2.1.1"]
        );
    }

    #[test]
    fn start_override_restarts_on_first_use_only() {
        let mut n = numbering(&format!(
            r#"{TWO_LEVELS}<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#
        ));
        assert_eq!(
            labels(&mut n, &[(1, 0), (1, 0), (3, 0), (3, 0), (1, 0)]),
            ["一、", "二、", "一、", "二、", "三、"]
        );
    }

    #[test]
    fn lvl_restart_zero_never_restarts_and_start_is_honoured() {
        let mut n = numbering(
            r#"<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1章"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%2条"/><w:lvlRestart w:val="0"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        );
        assert_eq!(
            labels(
                &mut n,
                &[(1, 0), (1, 1), (1, 1), (1, 0), (1, 1), (1, 2), (9, 0)]
            ),
            ["第3章", "第一条", "第二条", "第4章", "第三条", "•", ""]
        );
    }

    #[test]
    fn parent_level_never_used_shows_its_start() {
        let mut n = numbering(
            r#"<w:abstractNum w:abstractNumId="5">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="5"/></w:num>"#,
        );
        assert_eq!(labels(&mut n, &[(7, 1), (7, 1)]), ["1.1", "1.2"]);
    }

    #[test]
    fn level_override_and_fallback_format() {
        let mut n = numbering(
            r#"<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent xmlns:mc="x"><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02"/></mc:Choice><mc:Fallback><w:numFmt w:val="decimalEnclosedCircle"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%1"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:lvlOverride></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>"#,
        );
        let d = n.draw(2, 0).unwrap();
        assert_eq!((d.label.as_str(), d.suffix), ("①", Suffix::Nothing));
        assert_eq!(labels(&mut n, &[(1, 0), (1, 0), (2, 0)]), ["E)", "F)", "⑦"]);
    }
}
