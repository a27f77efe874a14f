//! Invariants every parse result must keep (spec §6), shared by the tests.

#![allow(dead_code)]

use tigang::{Document, SegmentKind, Span};

/// Every fixture of `tests/fixtures/` and the example speech, as (path, text),
/// in a stable order.
pub fn documents() -> Vec<(String, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/tests/fixtures"))
        .expect("the fixtures folder")
        .map(|e| e.expect("a readable folder entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.push(format!("{root}/examples/speech.txt").into());
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("fixtures are UTF-8");
            (p.display().to_string(), text)
        })
        .collect()
}

/// A title is the input at its span; a title wrapped over several lines is
/// the span without its line breaks and what leads each further line
/// (indentation, noise): nothing else, and never an ideograph, is left out.
pub fn wrapped_title(src: &str, span: Span, title: &str) {
    let raw = &src[span.range()];
    if !raw.contains(['\n', '\r']) {
        assert_eq!(raw, title, "title text differs from input[{span:?}]");
        return;
    }
    let mut want = title.chars().peekable();
    for c in raw.chars() {
        if want.peek() == Some(&c) {
            want.next();
        } else {
            assert!(
                !('\u{4E00}'..='\u{9FFF}').contains(&c),
                "wrapped title {title:?} leaves out {c:?} of input[{span:?}]"
            );
        }
    }
    assert!(
        want.peek().is_none(),
        "wrapped title {title:?} is not input[{span:?}] without its line breaks"
    );
}

/// Checks that `doc` accounts for every byte of `src` exactly once and that
/// every text field is the slice its span names. Panics with a message that
/// says which rule broke.
pub fn check(src: &str, doc: &Document<'_>) {
    // 1. Named places: text equals the input at its span; no two overlap.
    let mut places: Vec<(Span, &str)> = Vec::new();
    let mut place = |span: Span, text: &str, what: &'static str| {
        assert!(span.end <= src.len(), "{what} span {span:?} past the end");
        assert_eq!(
            &src[span.range()],
            text,
            "{what} text differs from input[{span:?}]"
        );
        if !span.is_empty() {
            places.push((span, what));
        }
    };
    for t in &doc.toc_labels {
        place(t.span, t.text, "toc label");
    }
    for e in &doc.toc {
        place(e.marker_span, e.marker, "toc marker");
        place(e.title_span, e.title, "toc title");
    }
    for p in &doc.preamble {
        place(p.span, p.text, "preamble");
    }
    for h in doc.headings() {
        place(h.marker_span, h.marker, "marker");
        wrapped_title(src, h.title_span, &h.title);
        place(h.title_span, &src[h.title_span.range()], "title");
        for b in h.body() {
            place(b.span, b.text, "body");
        }
    }
    if let Some(t) = &doc.title {
        let in_front = doc.front_matter.is_some_and(|f| t.span.end <= f.end);
        let within = |at: usize| {
            doc.preamble
                .iter()
                .any(|p| p.span.start <= at && at <= p.span.end)
        };
        assert!(
            in_front || (within(t.span.start) && within(t.span.end)),
            "the document title is in the front matter or in the preamble"
        );
        if let Some(s) = &doc.subtitle {
            assert!(
                within(s.span.start) && within(s.span.end),
                "the subtitle is in the preamble"
            );
            assert_eq!(&src[s.span.range()], s.text, "subtitle text");
        }
    }
    let front = doc.front_matter.map_or(0, |s| s.end);
    places.sort_by_key(|(s, _)| s.start);
    for w in places.windows(2) {
        assert!(
            w[0].0.end <= w[1].0.start,
            "{} {:?} overlaps {} {:?}",
            w[0].1,
            w[0].0,
            w[1].1,
            w[1].0
        );
    }
    if let Some((s, what)) = places.first() {
        assert!(s.start >= front, "{what} {s:?} inside the front matter");
    }

    // 2. Segments tile the input and rebuild it byte for byte.
    let segs = doc.segments();
    let mut previous = None;
    let mut at = 0;
    let mut rebuilt = String::with_capacity(src.len());
    for s in &segs {
        assert_eq!(s.span.start, at, "segments leave a hole or overlap at {at}");
        rebuilt.push_str(&src[s.span.range()]);
        at = s.span.end;
        // Only noise lies between places: no ideograph is ever dropped. A
        // marker written twice (`（一）（一）甲`) leaves its copy there.
        if s.kind == SegmentKind::Gap {
            let mut gap = &src[s.span.range()];
            if let Some(p) = previous.filter(|p: &tigang::Segment| p.kind == SegmentKind::Marker) {
                let copy = &src[p.span.range()];
                let lead = gap.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
                if let Some(rest) = lead.strip_prefix(copy) {
                    gap = rest;
                }
            }
            assert!(
                !gap.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "text lost between places at {:?}: {gap:?}",
                s.span
            );
        }
        previous = Some(*s);
    }
    assert_eq!(at, src.len(), "segments stop before the end");
    assert_eq!(rebuilt, src, "segments do not rebuild the input");

    // 3. The tree: levels are depths, spans nest and come in order, and the
    // navigation agrees with itself (children ↔ parent, descendants).
    let mut walked = 0;
    let mut level: Vec<(usize, Option<tigang::Node<'_, '_>>)> = vec![(1, None)];
    let mut lists = vec![doc.children().collect::<Vec<_>>()];
    while let (Some(list), Some((depth, parent))) = (lists.pop(), level.pop()) {
        let mut prev_end = parent.map_or(0, |p| p.span.start);
        for h in list {
            walked += 1;
            assert_eq!(
                h.parent(),
                parent,
                "{} at line {}: parent",
                h.marker,
                h.line
            );
            assert_eq!(
                h.level, depth,
                "{} at line {} has the wrong level",
                h.marker, h.line
            );
            assert_eq!(h.ancestors().count() + 1, depth, "{}: ancestors", h.marker);
            assert!(
                h.span.start >= prev_end,
                "{} at line {} starts before its sibling ends",
                h.marker,
                h.line
            );
            if let Some(p) = parent {
                assert!(
                    p.span.start <= h.span.start && h.span.end <= p.span.end,
                    "{} at line {} is outside its parent",
                    h.marker,
                    h.line
                );
            }
            for inner in [h.marker_span, h.title_span]
                .into_iter()
                .chain(h.body().iter().map(|b| b.span))
            {
                assert!(
                    h.span.start <= inner.start && inner.end <= h.span.end,
                    "{} span does not hold its parts",
                    h.marker
                );
            }
            let below: usize = h.children().map(|c| c.descendants().len()).sum();
            assert_eq!(
                h.descendants().len(),
                below + 1,
                "{}: descendants",
                h.marker
            );
            prev_end = h.span.end;
            lists.push(h.children().collect());
            level.push((depth + 1, Some(h)));
        }
    }
    assert_eq!(
        walked,
        doc.headings().len(),
        "the tree holds every heading once"
    );
}
