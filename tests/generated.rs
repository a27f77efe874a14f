//! The benchmark documents (benches/gen) keep every invariant of spec §6 and
//! hold every marker kind, so the throughput figures measure real work.

use crate::common;

use crate::generator;

use std::collections::HashSet;

#[test]
fn generated_documents_rebuild() {
    for seed in 1..=6 {
        let src = generator::document(60_000, seed);
        let doc = tigang::parse(&src);
        common::check(&src, &doc);
        let _ = tigang::render::tree(&doc);
        #[cfg(feature = "serde")]
        serde_json::to_string(&doc).expect("serialise");
        let md = generator::markdown(&doc);
        assert!(
            md.len() > src.len() / 2,
            "the Markdown rendering keeps the text"
        );
    }
}

#[test]
fn generated_documents_hold_every_kind() {
    let src = generator::document(1_000_000, 1);
    let doc = tigang::parse(&src);
    let kinds: HashSet<String> = doc
        .headings()
        .map(|h| format!("{:?}", h.kind.as_str()))
        .collect();
    for k in [
        "part",
        "chapter",
        "article",
        "capital_numeral",
        "numeral",
        "paren_numeral",
        "digit",
        "dotted",
        "paren_digit",
        "circled",
        "ordinal_shi",
        "ordinal_yao",
        "ordinal_di",
        "sequence",
    ] {
        assert!(
            kinds.contains(&format!("\"{k}\"")),
            "the 1 MB benchmark document has no {k} heading (found {kinds:?})"
        );
    }
    // Inline ordinals after a sentence end, not only at line starts.
    assert!(
        doc.headings()
            .any(|h| h.kind == tigang::MarkerKind::OrdinalShi && h.column > 3),
        "inline 一是 after 。；："
    );
    assert!(doc.toc.is_empty(), "unique titles: no accidental TOC");
}

#[test]
fn the_tree_borrows_the_text_never_copies_it() {
    // Issue 5, §4: every text field is a slice of the input itself (the same
    // bytes in memory), not a copy that happens to be equal.
    let src = generator::document(200_000, 3);
    let doc = tigang::parse(&src);
    let range = src.as_bytes().as_ptr_range();
    let inside = |s: &str, what: &str| {
        let p = s.as_ptr();
        assert!(
            s.is_empty() || (range.start <= p && p < range.end),
            "{what} {s:?} is not borrowed from the input"
        );
    };
    for h in doc.headings() {
        inside(h.marker, "marker");
        inside(&h.title, "title");
        for b in h.body() {
            inside(b.text, "body");
        }
    }
    for p in &doc.preamble {
        inside(p.text, "preamble");
    }
    for e in &doc.toc {
        inside(e.marker, "toc marker");
        inside(e.title, "toc title");
    }
    assert!(doc.headings().count() > 100);
}

/// `n` in Chinese numerals as codes write article numbers (`一千二百六十`,
/// `一千零四`, `九千九百九十九`), 1..=9999.
fn chinese(n: u32) -> String {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const U: [&str; 4] = ["千", "百", "十", ""];
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // `十二`, not `一十二`, when ten is the first unit.
        if !(i == 2 && d == 1 && out.is_empty()) {
            out.push(D[d as usize]);
        }
        out.push_str(U[i]);
    }
    out
}

/// A code of `articles` articles, `per_chapter` to a chapter, each marker
/// written by `article`.
fn code(articles: u32, per_chapter: u32, article: impl Fn(&str) -> String) -> String {
    let mut src = String::from("全国某某事务管理法典\n");
    for n in 1..=articles {
        if (n - 1) % per_chapter == 0 {
            let c = (n - 1) / per_chapter + 1;
            src.push_str(&format!("第{}章　第{c}部分\n", chinese(c)));
        }
        src.push_str(&format!(
            "{}　本条规定第{n}项事务。\n",
            article(&chinese(n))
        ));
    }
    src
}

/// Every article of a long code is a heading, whatever the length of its
/// numeral (issue 24 item 1: `第一千一百一十一条`, nine characters, was
/// lost), in Simplified and Traditional script and with spaces inside.
#[test]
fn every_article_of_a_long_code_is_found() {
    type Article = fn(&str) -> String;
    let cases: [(u32, u32, Article); 3] = [
        (1260, 60, |n| format!("第{n}条")),
        (9999, 100, |n| format!("第{n}條")),
        (1260, 60, |n| format!("第 {n} 條")),
    ];
    for (articles, per_chapter, article) in cases {
        let src = code(articles, per_chapter, article);
        let doc = tigang::parse(&src);
        let found: Vec<(u32, u32)> = doc
            .headings()
            .filter(|h| h.kind == tigang::MarkerKind::Article)
            .map(|h| {
                (
                    h.number.unwrap(),
                    h.parent().map_or(0, |p| p.number.unwrap()),
                )
            })
            .collect();
        let want: Vec<(u32, u32)> = (1..=articles)
            .map(|n| (n, (n - 1) / per_chapter + 1))
            .collect();
        assert_eq!(found.len(), want.len(), "{}", article("…"));
        assert_eq!(found, want, "{}", article("…"));
    }
    assert_eq!(chinese(1111), "一千一百一十一");
    assert_eq!(chinese(1004), "一千零四");
    assert_eq!(chinese(1260), "一千二百六十");
    assert_eq!(chinese(12), "十二");
}
