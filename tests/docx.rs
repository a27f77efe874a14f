//! The Word reader, one phenomenon per test, on small `.docx` files built
//! here (tests/docx_kit): numbering drawn as Word draws it, heading styles,
//! tables, tracked changes, fields, what is left out, damaged files.

#![cfg(feature = "docx")]

use crate::common;
use crate::docx_kit;

use docx_kit::*;
use tigang::input::{ErrorKind, Format, Options};

/// Every format of spec §8 (and the others Word offers), numbered from
/// `start` for three paragraphs.
#[test]
fn every_num_fmt_is_drawn_as_word_draws_it() {
    let cases: &[(&str, u32, [&str; 3])] = &[
        ("decimal", 1, ["1", "2", "3"]),
        ("decimal", 9, ["9", "10", "11"]),
        ("decimalZero", 9, ["09", "10", "11"]),
        ("decimalFullWidth", 9, ["９", "１０", "１１"]),
        ("decimalHalfWidth", 1, ["1", "2", "3"]),
        ("decimalEnclosedCircle", 19, ["⑲", "⑳", "21"]),
        ("decimalEnclosedCircleChinese", 1, ["①", "②", "③"]),
        ("decimalEnclosedFullstop", 1, ["⒈", "⒉", "⒊"]),
        ("decimalEnclosedParen", 1, ["⑴", "⑵", "⑶"]),
        ("ideographEnclosedCircle", 1, ["㊀", "㊁", "㊂"]),
        ("chineseCounting", 9, ["九", "十", "十一"]),
        ("chineseCounting", 99, ["九十九", "一〇〇", "一〇一"]),
        ("chineseCountingThousand", 9, ["九", "十", "十一"]),
        (
            "chineseCountingThousand",
            109,
            ["一百零九", "一百一十", "一百一十一"],
        ),
        ("chineseLegalSimplified", 9, ["玖", "壹拾", "壹拾壹"]),
        ("ideographLegalTraditional", 1, ["壹", "貳", "參"]),
        ("taiwaneseCounting", 19, ["十九", "二十", "二十一"]),
        (
            "taiwaneseCountingThousand",
            100,
            ["一百", "一百零一", "一百零二"],
        ),
        ("japaneseCounting", 99, ["九十九", "百", "百一"]),
        ("ideographDigital", 9, ["九", "一〇", "一一"]),
        ("ideographTraditional", 9, ["壬", "癸", "甲"]),
        ("ideographZodiac", 1, ["子", "丑", "寅"]),
        ("upperLetter", 25, ["Y", "Z", "AA"]),
        ("lowerLetter", 1, ["a", "b", "c"]),
        ("upperRoman", 3, ["III", "IV", "V"]),
        ("lowerRoman", 8, ["viii", "ix", "x"]),
        ("ordinal", 1, ["1st", "2nd", "3rd"]),
    ];
    for &(fmt, start, want) in cases {
        let x = read(
            &Docx::new()
                .numbering(&list(0, 1, &[lvl(0, start, fmt, "%1")]))
                .body(&[p_num(1, 0, "甲"), p_num(1, 0, "乙"), p_num(1, 0, "丙")].concat())
                .build(),
        );
        assert_eq!(labels(&x), want, "{fmt} from {start}");
    }
}

#[test]
fn bullets_and_none_draw_no_marker() {
    let numbering = [
        list(0, 1, &[lvl(0, 1, "bullet", "\u{F06C}")]),
        list(1, 2, &[lvl(0, 1, "none", "")]),
    ]
    .concat();
    let x = read(
        &Docx::new()
            .numbering(&numbering)
            .body(&[p_num(1, 0, "要点"), p_num(2, 0, "无编号")].concat())
            .build(),
    );
    assert_eq!(x.text, "•\t要点\n无编号\n");
    assert!(labels(&x).is_empty());
}

#[test]
fn lvl_text_with_several_levels_mixes_their_formats() {
    let levels = [
        lvl(0, 1, "chineseCounting", "第%1章"),
        lvl(1, 1, "decimal", "%1.%2"),
        lvl(2, 1, "decimal", "%1.%2.%3"),
    ];
    let x = read(
        &Docx::new()
            .numbering(&list(0, 1, &levels))
            .body(
                &[
                    p_num(1, 0, "总则"),
                    p_num(1, 1, "目的"),
                    p_num(1, 2, "范围"),
                    p_num(1, 2, "对象"),
                    p_num(1, 1, "原则"),
                    p_num(1, 0, "组织"),
                    p_num(1, 1, "机构"),
                ]
                .concat(),
            )
            .build(),
    );
    assert_eq!(
        labels(&x),
        [
            "第一章",
            "一.1",
            "一.1.1",
            "一.1.2",
            "一.2",
            "第二章",
            "二.1"
        ]
    );
}

#[test]
fn is_lgl_writes_every_level_in_decimal() {
    let levels = [
        lvl(0, 1, "chineseCounting", "%1、"),
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:isLgl/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl>".to_owned(),
    ];
    let x = read(
        &Docx::new()
            .numbering(&list(0, 1, &levels))
            .body(&[p_num(1, 0, "甲"), p_num(1, 1, "子"), p_num(1, 1, "丑")].concat())
            .build(),
    );
    assert_eq!(labels(&x), ["一、", "1.1", "1.2"]);
}

#[test]
fn start_and_restart_under_the_parent_level() {
    let levels = [
        lvl(0, 3, "chineseCountingThousand", "%1、"),
        lvl(1, 1, "chineseCountingThousand", "（%2）"),
    ];
    let x = read(
        &Docx::new()
            .numbering(&list(0, 1, &levels))
            .body(
                &[
                    p_num(1, 0, "甲"),
                    p_num(1, 1, "子"),
                    p_num(1, 1, "丑"),
                    p_num(1, 0, "乙"),
                    p_num(1, 1, "寅"),
                ]
                .concat(),
            )
            .build(),
    );
    assert_eq!(labels(&x), ["三、", "（一）", "（二）", "四、", "（一）"]);
}

#[test]
fn lvl_restart_zero_counts_on_across_the_parent() {
    let levels = [
        lvl(0, 1, "chineseCounting", "第%1章"),
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:lvlRestart w:val=\"0\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"第%2条\"/></w:lvl>".to_owned(),
    ];
    let x = read(
        &Docx::new()
            .numbering(&list(0, 1, &levels))
            .body(
                &[
                    p_num(1, 0, "总则"),
                    p_num(1, 1, "甲"),
                    p_num(1, 1, "乙"),
                    p_num(1, 0, "附则"),
                    p_num(1, 1, "丙"),
                ]
                .concat(),
            )
            .build(),
    );
    assert_eq!(
        labels(&x),
        ["第一章", "第一条", "第二条", "第二章", "第三条"]
    );
}

/// Counters belong to the abstract numbering: two `w:num`s of one list
/// continue one sequence, and a `startOverride` restarts it the first time
/// its `w:num` is used (d01 restarts `（一）` under each `一、` this way).
#[test]
fn nums_share_counters_and_start_override_restarts_once() {
    let numbering = format!(
        "{}<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
        list(0, 1, &[lvl(0, 1, "chineseCountingThousand", "（%1）")])
    );
    let x = read(
        &Docx::new()
            .numbering(&numbering)
            .body(
                &[
                    p_num(1, 0, "甲"),
                    p_num(2, 0, "乙"),
                    p_num(3, 0, "丙"),
                    p_num(3, 0, "丁"),
                    p_num(1, 0, "戊"),
                ]
                .concat(),
            )
            .build(),
    );
    assert_eq!(
        labels(&x),
        ["（一）", "（二）", "（一）", "（二）", "（三）"]
    );
}

/// Numbering set on a style reaches paragraphs through `w:basedOn`; the
/// level comes from the style, or from the `w:lvl` that names the style.
#[test]
fn numbering_on_styles_through_based_on() {
    let styles = [
        heading_styles(),
        style(
            "2",
            "heading 2",
            "<w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"1\"/>",
            Some("a"),
        ),
        style("my", "My Heading", "", Some("2")),
        style(
            "list",
            "List Number",
            "<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr>",
            Some("a"),
        ),
    ]
    .concat();
    let levels = [
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCountingThousand\"/><w:pStyle w:val=\"2\"/><w:lvlText w:val=\"%1、\"/></w:lvl>".to_owned(),
        lvl(1, 1, "decimal", "%2."),
    ];
    let x = read(
        &Docx::new()
            .styles(&styles)
            .numbering(&list(0, 1, &levels))
            .body(
                &[
                    p_style("2", "总体要求"),
                    p_style("list", "第一点"),
                    p_style("my", "主要任务"),
                    p_style("list", "第二点"),
                ]
                .concat(),
            )
            .build(),
    );
    assert_eq!(labels(&x), ["一、", "1.", "二、", "1."]);
    assert_eq!(
        x.text,
        "## 一、\t总体要求\n1.\t第一点\n## 二、\t主要任务\n1.\t第二点\n"
    );
}

/// WPS writes the numbering on the heading style and on each paragraph;
/// the paragraph's wins, and `numId` 0 switches the style's off.
#[test]
fn paragraph_numbering_wins_over_the_style() {
    let styles = [
        heading_styles(),
        style(
            "2",
            "heading 2",
            "<w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"1\"/>",
            Some("a"),
        ),
    ]
    .concat();
    let numbering = [
        list(0, 1, &[lvl(0, 1, "decimal", "%1.")]),
        list(1, 2, &[lvl(0, 1, "chineseCountingThousand", "%1、")]),
    ]
    .concat();
    let body = [
        p_with(
            &format!("<w:pStyle w:val=\"2\"/>{}", num_pr(2, Some(0))),
            &r("总则"),
        ),
        p_with(
            &format!("<w:pStyle w:val=\"2\"/>{}", num_pr(0, None)),
            &r("不编号"),
        ),
        p_style("2", "按样式"),
    ]
    .concat();
    let x = read(
        &Docx::new()
            .styles(&styles)
            .numbering(&numbering)
            .body(&body)
            .build(),
    );
    assert_eq!(labels(&x), ["一、", "1."]);
    assert_eq!(x.text, "## 一、\t总则\n## 不编号\n## 1.\t按样式\n");
}

/// `numStyleLink` sends a list to the numbering a numbering style uses
/// (Word's multilevel list styles), counters shared with it.
#[test]
fn num_style_link_follows_the_numbering_style() {
    let styles = [
        heading_styles(),
        "<w:style w:type=\"numbering\" w:styleId=\"ls\"><w:name w:val=\"My List\"/><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>".to_owned(),
    ]
    .concat();
    let numbering = format!(
        "<w:abstractNum w:abstractNumId=\"0\"><w:styleLink w:val=\"ls\"/>{}</w:abstractNum><w:abstractNum w:abstractNumId=\"1\"><w:numStyleLink w:val=\"ls\"/></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>",
        lvl(0, 1, "chineseCountingThousand", "（%1）")
    );
    let x = read(
        &Docx::new()
            .styles(&styles)
            .numbering(&numbering)
            .body(&[p_num(2, 0, "甲"), p_num(1, 0, "乙"), p_num(2, 0, "丙")].concat())
            .build(),
    );
    assert_eq!(labels(&x), ["（一）", "（二）", "（三）"]);
}

#[test]
fn suffixes_and_hidden_labels() {
    let levels = [
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:suff w:val=\"space\"/><w:lvlText w:val=\"%1\"/></w:lvl>".to_owned(),
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:suff w:val=\"nothing\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl>".to_owned(),
        "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3)\"/><w:rPr><w:vanish/></w:rPr></w:lvl>".to_owned(),
    ];
    let x = read(
        &Docx::new()
            .numbering(&list(0, 1, &levels))
            .body(
                &[
                    p_num(1, 0, "概述"),
                    p_num(1, 1, "目标"),
                    p_num(1, 2, "隐去"),
                ]
                .concat(),
            )
            .build(),
    );
    assert_eq!(x.text, "1 概述\n1.1目标\n隐去\n");
}

/// A numbered paragraph with no text draws its label alone on the line
/// (the parser then takes the title from the next line).
#[test]
fn empty_numbered_paragraph_keeps_its_label() {
    let x = read(
        &Docx::new()
            .numbering(&list(0, 1, &[lvl(0, 1, "decimal", "%1.")]))
            .body(&[p_num(1, 0, "甲"), p_with(&num_pr(1, Some(0)), ""), p("乙")].concat())
            .build(),
    );
    assert_eq!(x.text, "1.\t甲\n2.\n乙\n");
}

#[test]
fn heading_styles_become_atx_lines() {
    let styles = [
        heading_styles(),
        style("b1", "标题 1", "", Some("a")),
        style("ti", "Title", "<w:jc w:val=\"center\"/>", Some("a")),
    ]
    .concat();
    let body = [
        p_style("ti", "关于做好安全生产工作的通知"),
        p_style("1", "工作目标"),
        p_style("2", "  主要任务  "),
        p_style("b1", "总结"),
        p_with("<w:outlineLvl w:val=\"2\"/>", &r("大纲级别三")),
        p_with(
            "<w:pStyle w:val=\"1\"/><w:outlineLvl w:val=\"9\"/>",
            &r("正文级别"),
        ),
        p_style("2", "这是一个完整的句子。"),
        p_style("3", ""),
        p("正文。"),
    ]
    .concat();
    let x = read(&Docx::new().styles(&styles).body(&body).build());
    assert_eq!(
        x.text,
        "关于做好安全生产工作的通知\n# 工作目标\n## 主要任务\n# 总结\n### 大纲级别三\n正文级别\n这是一个完整的句子。\n\n正文。\n"
    );
}

#[test]
fn tables_are_rows_of_tab_separated_cells() {
    let cell = |t: &str| {
        format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"2000\"/></w:tcPr>{}</w:tc>",
            p(t)
        )
    };
    let body = [
        p("前言"),
        format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"0\"/></w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>{}{}</w:tr><w:tr>{}<w:tc>{}{}</w:tc></w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("序号"),
            cell("名称"),
            cell("一、"),
            p("第一段"),
            p("第二段"),
            cell(""),
            cell("")
        ),
        p("后记"),
    ]
    .concat();
    let x = read(&Docx::new().body(&body).build());
    assert_eq!(x.text, "前言\n序号\t名称\n一、\t第一段 第二段\n后记\n");
    // Paragraphs inside the table count: 前言 0, cells 1–7, 后记 8.
    let paragraphs: Vec<_> = (1..=4).map(|l| x.map.paragraph(l)).collect();
    assert_eq!(paragraphs, [Some(0), Some(1), Some(3), Some(8)]);
    let rows: Vec<_> = (1..=4).map(|l| x.map.is_table_row(l)).collect();
    assert_eq!(rows, [false, true, true, false]);
}

#[test]
fn tracked_deletions_are_out_and_insertions_in() {
    let body = [
        format!(
            "<w:p>{}<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>删去的</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"a\">{}</w:ins><w:moveFrom w:id=\"3\">{}</w:moveFrom></w:p>",
            r("保留"),
            r("插入的"),
            r("移走的")
        ),
        format!("<w:p><w:moveTo w:id=\"4\">{}</w:moveTo></w:p>", r("移来的")),
        // A deleted paragraph mark joins the paragraph to the next one.
        p_with("<w:rPr><w:del w:id=\"5\" w:author=\"a\"/></w:rPr>", &r("前半")),
        p("后半"),
    ]
    .concat();
    let x = read(&Docx::new().body(&body).build());
    assert_eq!(x.text, "保留插入的\n移来的\n前半后半\n");
}

#[test]
fn fields_show_their_result_not_their_code() {
    let body = [
        format!(
            "<w:p>{}<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>{}</w:p>",
            r("第"),
            r("3"),
            r("页")
        ),
        format!("<w:p><w:fldSimple w:instr=\" DATE \">{}</w:fldSimple></w:p>", r("2024年1月1日")),
        // A field whose code holds another field.
        format!(
            "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:instrText> = 1 \"是\" \"否\"</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
            r("1"),
            r("是")
        ),
    ]
    .concat();
    let x = read(&Docx::new().body(&body).build());
    assert_eq!(x.text, "第3页\n2024年1月1日\n是\n");
}

#[test]
fn footnotes_comments_text_boxes_and_hidden_text_are_left_out() {
    let body = format!(
        "<w:p>{}<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r><w:commentRangeStart w:id=\"0\"/>{}<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp=\"wp\"><a:graphic xmlns:a=\"a\"><a:graphicData><wps:wsp xmlns:wps=\"wps\"><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing/></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v=\"v\"><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:ruby><w:rt>{}</w:rt><w:rubyBase>{}</w:rubyBase></w:ruby></w:p>",
        r("正文"),
        r("批注处"),
        p("文本框"),
        p("文本框备用"),
        r("pīn"),
        r("拼")
    );
    let x = read(
        &Docx::new()
            .body(&body)
            .part("word/footnotes.xml", "<w:footnotes><w:footnote w:id=\"1\"><w:p><w:r><w:t>脚注</w:t></w:r></w:p></w:footnote></w:footnotes>".as_bytes())
            .part("word/header1.xml", "<w:hdr><w:p><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr>".as_bytes())
            .build(),
    );
    assert_eq!(x.text, "正文批注处拼\n");
}

#[test]
fn breaks_tabs_and_entities() {
    let body = [
        format!(
            "<w:p>{}<w:r><w:br/></w:r>{}<w:r><w:tab/><w:t>&lt;&amp;&#x4E00;</w:t></w:r></w:p>",
            r("第一行"),
            r("第二行")
        ),
        format!("<w:p><w:r><w:br w:type=\"page\"/></w:r>{}</w:p>", r("新页")),
    ]
    .concat();
    let x = read(&Docx::new().body(&body).build());
    assert_eq!(x.text, "第一行\n第二行\t<&一\n新页\n");
    assert_eq!(
        (x.map.paragraph(1), x.map.paragraph(2), x.map.paragraph(3)),
        (Some(0), Some(0), Some(1))
    );
}

#[test]
fn source_and_drawn_labels_in_the_map() {
    let x = read(
        &Docx::new()
            .numbering(&list(0, 1, &[lvl(0, 1, "chineseCounting", "%1、")]))
            .body(&[p("标题"), p_num(1, 0, "总则"), p("四、附则")].concat())
            .build(),
    );
    assert_eq!(x.source.format, Format::Docx);
    assert_eq!(x.source.encoding, None);
    let label = x.map.labels()[0];
    assert_eq!((&x.text[label.span.range()], label.paragraph), ("一、", 1));
    let doc = tigang::parse(&x.text);
    let drawn: Vec<_> = doc
        .headings()
        .map(|h| x.map.is_drawn(h.marker_span))
        .collect();
    assert_eq!(drawn, [true, false]);
    common::check(&x.text, &doc);
}

#[test]
fn damaged_files_say_which_part() {
    let good = Docx::new().body(&p("正文")).build();
    let err = tigang::input::read(&good[..good.len() / 2], &Default::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadZip, "{err}");
    assert!(err.to_string().contains("save it again"), "{err}");

    let no_body = Docx::new().build_with_document(b"");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", o).unwrap();
    std::io::Write::write_all(&mut zip, b"<Types/>").unwrap();
    zip.start_file("word/styles.xml", o).unwrap();
    std::io::Write::write_all(&mut zip, b"<w:styles/>").unwrap();
    let missing = zip.finish().unwrap().into_inner();
    let err = tigang::input::read(&missing[..], &Default::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingPart, "{err}");
    assert_eq!(err.part(), Some("word/document.xml"));
    assert!(
        err.to_string().contains("word/document.xml is missing"),
        "{err}"
    );

    let err = tigang::input::read(&no_body[..], &Default::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MalformedXml, "{err}");

    let bad_xml = Docx::new().build_with_document(
        br#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>x</w:r></w:p></w:body></w:document>"#,
    );
    let err = tigang::input::read(&bad_xml[..], &Default::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MalformedXml, "{err}");
    assert!(
        err.to_string()
            .contains("word/document.xml is not well-formed XML"),
        "{err}"
    );

    let truncated = Docx::new()
        .build_with_document(br#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>x</w:t>"#);
    let err = tigang::input::read(&truncated[..], &Default::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MalformedXml, "{err}");
    assert!(err.to_string().contains("truncated"), "{err}");
}

#[test]
fn zip_bombs_are_refused_past_the_limit() {
    // 3 MB of one repeated paragraph deflates to a few KB.
    let body = p("重复的段落").repeat(30_000);
    let docx = Docx::new().body(&body).build();
    assert!(docx.len() < 100_000, "{}", docx.len());
    let options = Options::default().max_unpacked(1_000_000);
    let err = tigang::input::read(&docx[..], &options).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert_eq!(err.part(), Some("word/document.xml"));
    assert!(err.to_string().contains("more than 1 MB"), "{err}");
    assert!(err.to_string().contains("ZIP bomb"), "{err}");
    // The default limit (200 MB) reads it.
    assert_eq!(read(&docx).text.lines().count(), 30_000);
}

#[test]
fn a_docx_is_known_by_content_not_name() {
    // Media before the document: beyond what the first bytes show.
    let docx = Docx::new().body(&p("正文")).stored().build();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/media/image1.png", o).unwrap();
    std::io::Write::write_all(&mut zip, &vec![0u8; 100_000]).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&docx[..])).unwrap();
    for i in 0..archive.len() {
        let f = archive.by_index(i).unwrap();
        zip.raw_copy_file(f).unwrap();
    }
    let late = zip.finish().unwrap().into_inner();
    assert_eq!(read(&late).text, "正文\n");
}

/// `check` on a Word document locates a mistake as Word shows it: by
/// paragraph and its first words, not by a line of the extracted text
/// (issue 24 item 9).
#[test]
fn diagnostics_of_a_word_document_name_the_paragraph() {
    let body = [
        p("关于做好防汛工作的通知"),
        p(""),
        p("一、提高认识"),
        p("（一）压实责任。"),
        p("（三）加强值守。"),
    ]
    .concat();
    let docx = Docx::new().body(&body).build();
    let x = read(&docx);
    let doc = tigang::parse_with(&x.text, &x.parse_options());
    let d = tigang::render::check_source(&doc, &x.map);
    assert_eq!(d.len(), 1, "{d:?}");
    // The fifth paragraph, counted from 1 with the empty one as Word counts.
    assert_eq!(x.map.paragraph(d[0].line), Some(4));
    let para = 5;
    let how = tigang::render::Report::default();
    let out = tigang::render::report_in(&x.text, "a.docx", &d, &how, &x.map);
    assert!(
        out.contains(&format!(
            " --> a.docx: paragraph {para} (“（三）加强值守。”)"
        )),
        "{out}"
    );
    assert!(out.contains(&format!("{para} | （三）加强值守。")), "{out}");
    let zh = how.lang(tigang::Lang::Zh);
    let out = tigang::render::report_in(&x.text, "a.docx", &d, &zh, &x.map);
    assert!(
        out.contains(&format!("a.docx：第 {para} 段（“（三）加强值守。”）")),
        "{out}"
    );
}
