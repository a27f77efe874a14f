//! Markdown in, Markdown out (docs/format.md §7): `render::markdown_levels`
//! gives a Markdown document back with every line that is not a heading
//! line unchanged byte for byte, heading lines at the `#` depth of their
//! level, the `#` taken off lines that are no headings, and parsing the
//! result gives the same outline. Held on every fixture, on the converters'
//! Markdown of the shared corpus and on generated converter-style text.

use crate::common;

use proptest::prelude::*;
use tigang::Document;

/// One heading as a reader compares it: level, kind, marker, number, title.
type Head = (usize, String, String, Option<u32>, String);

/// What a reader compares: each heading's place and text, and the title.
fn outline(doc: &Document<'_>) -> (Option<String>, Vec<Head>) {
    let title = doc.title.as_ref().map(|t| t.text.to_string());
    let heads = doc
        .headings()
        .map(|h| {
            (
                h.level,
                h.kind.as_str().to_string(),
                h.marker.to_string(),
                h.number,
                h.title.to_string(),
            )
        })
        .collect();
    (title, heads)
}

/// Splits at `\n`, `\r\n` and `\r`, keeping each line's break.
fn lines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                out.push(&s[start..i + 2]);
                i += 2;
                start = i;
            }
            b'\n' | b'\r' => {
                out.push(&s[start..=i]);
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// A line's text after its `#` run and the blanks after it.
fn without_hashes(line: &str) -> &str {
    let t = line.trim_start_matches([' ', '\t', '\u{3000}', '>']);
    let rest = t.trim_start_matches('#');
    if rest.len() < t.len() && rest.starts_with([' ', '\t']) {
        rest.trim_start_matches([' ', '\t'])
    } else {
        line
    }
}

/// The checks of the module docs on one text; returns the output.
fn check_levels(name: &str, src: &str) -> String {
    let doc = tigang::parse(src);
    let out = tigang::render::markdown_levels(&doc);
    // 1. Line for line: a heading line may only change its leading noise,
    // any other line only loses a `#` run.
    let starts: std::collections::HashSet<usize> = doc.headings().map(|h| h.line).collect();
    let (a, b) = (lines(src), lines(&out));
    assert_eq!(a.len(), b.len(), "{name}: the line count changed:\n{out}");
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        if x == y {
            continue;
        }
        let heading = starts.contains(&(i + 1));
        // The title's line keeps one `#`.
        let title = doc.title.as_ref().is_some_and(|t| {
            let at: usize = a[..i].iter().map(|l| l.len()).sum();
            at <= t.span.start && t.span.start < at + x.len()
        });
        let toc = doc.toc.iter().any(|e| e.line == i + 1);
        assert!(
            !toc,
            "{name}: line {} of the table of contents changed",
            i + 1
        );
        if heading || title {
            let content = without_hashes(y).trim_start_matches('>').trim_start();
            assert!(
                x.ends_with(content),
                "{name}: line {} lost text: {x:?} -> {y:?}",
                i + 1
            );
        } else {
            assert_eq!(
                without_hashes(x),
                *y,
                "{name}: line {} is no heading line but changed",
                i + 1
            );
        }
    }
    // 2. The same outline.
    let again = tigang::parse(&out);
    common::check(&out, &again);
    assert_eq!(
        outline(&doc),
        outline(&again),
        "{name}: the re-levelled text reads as another outline:\n{out}"
    );
    // 3. Done once, it is done.
    assert_eq!(
        tigang::render::markdown_levels(&again),
        out,
        "{name}: re-levelling is not idempotent"
    );
    out
}

#[test]
fn every_fixture_keeps_its_outline() {
    for (name, src) in common::documents() {
        check_levels(&name, &src);
    }
}

#[test]
fn flat_headings_get_their_depth() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/converted_flat_numeral.txt"
    ))
    .unwrap();
    let out = check_levels("converted_flat_numeral", &src);
    let hashes: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.split_once(' ').map_or(l, |(h, _)| h))
        .collect();
    assert_eq!(
        hashes,
        [
            "#", "##", "###", "###", "##", "###", "####", "####", "###", "##"
        ],
        "{out}"
    );
    // Images, tables, emphasis and list items come back as they were; a
    // caption marked `#` loses its `#`.
    for kept in [
        "![](images/3f1c9a2e7b.jpg)\n",
        "<table><tr><td>街道</td>",
        "坚持政府主导、社会参与，**切实**把",
        "- 开展养老护理员职业技能培训；\n",
        "\n图1 社区养老服务网络示意\n",
    ] {
        assert!(out.contains(kept), "{kept:?} missing from\n{out}");
    }
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus (build.rs decides; CI always has it)"
)]
fn converters_markdown_keeps_its_outline() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/converted");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("the converted corpus") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "md") {
            let src = std::fs::read_to_string(&path).unwrap();
            check_levels(&path.display().to_string(), &src);
            seen += 1;
        }
    }
    assert!(seen >= 4, "only {seen} converted files");
}

/// One heading of a generated outline: its level (1-based) and marker.
#[derive(Clone, Debug)]
struct Gen {
    level: usize,
    marker: String,
}

/// The numbering ladders documents use, outermost first.
const LADDERS: &[&[&str]] = &[
    &["一、", "（一）", "1.", "（1）", "①"],
    &["D", "D.D", "D.D.D", "（1）"],
    &["第一章", "第一条", "（一）"],
    &["一、", "1.", "（1）"],
    &["第一部分", "一、", "（一）"],
];

/// The marker of item `n` (1-based) of rung `rung`, under the dotted path
/// `path` (for `D.D` markers).
fn marker(rung: &str, n: usize, path: &[usize], article: &mut usize) -> String {
    const CN: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    const CIRCLED: [char; 10] = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩'];
    let cn = CN[n - 1];
    match rung {
        "一、" => format!("{cn}、"),
        "（一）" => format!("（{cn}）"),
        "1." => format!("{n}."),
        "（1）" => format!("（{n}）"),
        "①" => CIRCLED[n - 1].to_string(),
        "第一章" => format!("第{cn}章"),
        "第一部分" => format!("第{cn}部分"),
        "第一条" => {
            *article += 1;
            format!("第{}条", CN[(*article - 1).min(9)])
        }
        _ => {
            // `D`, `D.D`, `D.D.D`: the path down to this item.
            let mut parts: Vec<String> = path.iter().map(usize::to_string).collect();
            parts.push(n.to_string());
            parts.join(".")
        }
    }
}

/// A document in a converter's style whose outline is known: headings from
/// one ladder, the upper rungs on `#` lines (a converter's one depth), the
/// lower ones paragraphs that open with their marker; body text, inline
/// points, captions, author lines, images and tables between them.
fn converted() -> impl Strategy<Value = (String, Vec<Gen>)> {
    (
        0..LADDERS.len(),
        1usize..5,
        prop::collection::vec(0usize..6, 1..30),
        prop::bool::ANY,
        prop::collection::vec(0usize..12, 64),
    )
        .prop_map(|(ladder, cut, moves, title, noise)| {
            let ladder = LADDERS[ladder];
            // A converter marks the rungs it takes for headings the same way
            // all through: those above `cut` are `#` lines, the others
            // paragraphs that open with their marker.
            let cut = cut.min(ladder.len());
            let mut src = String::new();
            let mut gold = Vec::new();
            if title {
                src.push_str("# 关于做好某项工作的通知\n\n# 张三1 李四2\n\n");
            }
            // Each move goes one level deeper (0), back up (1, 2) or on at
            // the same level; the counters number each level's items.
            let mut counts: Vec<usize> = Vec::new();
            let mut article = 0;
            for (k, mv) in moves.into_iter().enumerate() {
                match mv {
                    0 if counts.len() < ladder.len() => counts.push(0),
                    1 | 2 if counts.len() > 1 => {
                        counts.truncate(counts.len() - mv.min(counts.len() - 1));
                    }
                    _ if counts.is_empty() => counts.push(0),
                    _ => {}
                }
                let depth = counts.len() - 1;
                if counts[depth] == 9 {
                    continue;
                }
                counts[depth] += 1;
                let n = counts[depth];
                let m = marker(ladder[depth], n, &counts[..depth], &mut article);
                gold.push(Gen {
                    level: depth + 1,
                    marker: m.clone(),
                });
                let extra = noise[k % noise.len()];
                if depth >= cut {
                    // A paragraph that opens with a point; a number is set
                    // off from its text by a space.
                    let gap = if m.ends_with(|c: char| c.is_ascii_digit()) {
                        " "
                    } else {
                        ""
                    };
                    // Titles differ (repeated runs of titles make a TOC).
                    src.push_str(&format!("{m}{gap}落实第{k}项任务。具体要求另行通知。\n\n"));
                } else {
                    src.push_str(&format!("# {m}做好第{k}项工作\n\n"));
                }
                match extra {
                    0 => src.push_str("正文段落，说明情况。\n\n"),
                    // Points in the paragraph, under a heading that ranks
                    // above them (the same kind would close it, rule 1).
                    1 if !matches!(ladder[depth], "（1）" | "①") => {
                        src.push_str("主要包括：（1）甲；（2）乙。\n\n");
                        for p in ["（1）", "（2）"] {
                            gold.push(Gen {
                                level: depth + 2,
                                marker: p.to_string(),
                            });
                        }
                    }
                    2 => src.push_str("# 图1 流程图\n\n"),
                    3 => src.push_str("![](images/a.jpg)\n\n"),
                    4 => src.push_str("<table><tr><td>1.</td></tr></table>\n\n"),
                    5 => src.push_str("**强调**的文字。\n\n"),
                    _ => {}
                }
            }
            (src, gold)
        })
}

proptest! {
    /// The outline of a converter's flat Markdown is the numbering's, and
    /// re-levelling gives a text that reads the same.
    #[test]
    fn generated_converter_text_keeps_its_outline((src, gold) in converted()) {
        let doc = tigang::parse(&src);
        let got: Vec<(usize, String)> =
            doc.headings().map(|h| (h.level, h.marker.to_string())).collect();
        let want: Vec<(usize, String)> =
            gold.iter().map(|g| (g.level, g.marker.clone())).collect();
        prop_assert_eq!(&got, &want, "{}", src);
        // Markdown has six levels; an outline deeper than that cannot come
        // back whole.
        let shift = usize::from(doc.title.is_some());
        prop_assume!(doc.headings().all(|h| h.level + shift <= 6));
        check_levels("generated", &src);
    }
}
