//! Reading a large Word document (issue 13): a 10 MB `.docx` with 5,000
//! paragraphs, formatted the way Word writes (a run per formatting change,
//! each with its properties), numbered headings, tables and a 9 MB image.
//!
//! ```sh
//! cargo bench --bench docx
//! ```
//!
//! Prints the file's sizes, the best time of `tigang::input::read` over
//! several runs, and the peak RSS of a fresh process that reads the file
//! once (the bench runs itself again for that, so the building of the file
//! is not counted). benches/README.md has recorded runs.

use std::io::Write;
use std::time::Instant;

#[path = "gen/mod.rs"]
mod generator;

const PARAGRAPHS: usize = 5_000;
const IMAGE_BYTES: usize = 9_300_000;

fn main() {
    let path = std::env::temp_dir().join("tigang-bench-large.docx");
    if std::env::var_os("TIGANG_BENCH_READ_ONCE").is_some() {
        let bytes = std::fs::read(&path).unwrap();
        let out = tigang::input::read(bytes, &Default::default()).unwrap();
        std::hint::black_box(&out);
        println!("{}", peak_rss_kb());
        return;
    }
    let (docx, xml_len) = build();
    std::fs::write(&path, &docx).unwrap();
    let mut best = f64::MAX;
    let mut text_len = 0;
    for _ in 0..7 {
        let t = Instant::now();
        let out = tigang::input::read(&docx[..], &Default::default()).unwrap();
        best = best.min(t.elapsed().as_secs_f64());
        text_len = out.text.len();
        assert_eq!(out.map.labels().len(), PARAGRAPHS / 10);
    }
    let exe = std::env::current_exe().unwrap();
    let rss = std::process::Command::new(exe)
        .env("TIGANG_BENCH_READ_ONCE", "1")
        .output()
        .unwrap();
    let rss_kb: f64 = String::from_utf8_lossy(&rss.stdout)
        .trim()
        .parse()
        .unwrap_or(f64::NAN);
    let mb = |n: usize| n as f64 / 1e6;
    println!(
        "docx {:.1} MB, document.xml {:.1} MB, {PARAGRAPHS} paragraphs, text {:.2} MB",
        mb(docx.len()),
        mb(xml_len),
        mb(text_len)
    );
    println!(
        "input::read best of 7: {:.0} ms ({:.0} MB/s of document.xml)",
        best * 1e3,
        mb(xml_len) / best
    );
    println!(
        "peak RSS of a process reading it once: {:.1} MB ({:.2}× document.xml)",
        rss_kb / 1e3,
        rss_kb * 1e3 / xml_len as f64
    );
    let _ = std::fs::remove_file(&path);
}

/// The `.docx` and the size of its `document.xml`.
fn build() -> (Vec<u8>, usize) {
    let text = generator::document(3_000_000, 7);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let run_props = r#"<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:cs="仿宋_GB2312"/><w:color w:val="000000"/><w:kern w:val="0"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>"#;
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for i in 0..PARAGRAPHS {
        let line = lines[i % lines.len()];
        if i % 10 == 0 {
            xml.push_str(r#"<w:p><w:pPr><w:pStyle w:val="2"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>"#);
        } else if i % 97 == 0 {
            xml.push_str("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>单元格</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数据</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p>");
        } else {
            xml.push_str(r#"<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:rPr><w:rFonts w:ascii="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:pPr>"#);
        }
        // Word splits text into runs wherever formatting or revision ids
        // change: a run every ten characters or so.
        let chars: Vec<char> = line.chars().collect();
        for piece in chars.chunks(10) {
            xml.push_str(r#"<w:r w:rsidRPr="00A1B2C3">"#);
            xml.push_str(run_props);
            xml.push_str(r#"<w:t xml:space="preserve">"#);
            for &c in piece {
                match c {
                    '<' => xml.push_str("&lt;"),
                    '&' => xml.push_str("&amp;"),
                    c => xml.push(c),
                }
            }
            xml.push_str("</w:t></w:r>");
        }
        xml.push_str(
            "<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"0\"/></w:p>",
        );
    }
    xml.push_str("<w:sectPr/></w:body></w:document>");
    let numbering = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
    let styles = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default();
    let stored = deflated.compression_method(zip::CompressionMethod::Stored);
    let mut add = |name: &str, bytes: &[u8], o| {
        zip.start_file(name, o).unwrap();
        zip.write_all(bytes).unwrap();
    };
    add("[Content_Types].xml", b"<Types/>", deflated);
    add("word/document.xml", xml.as_bytes(), deflated);
    add("word/numbering.xml", numbering.as_bytes(), deflated);
    add("word/styles.xml", styles.as_bytes(), deflated);
    // A photograph does not compress: pseudo-random bytes stand for it.
    let mut rng = generator::Rng::new(3);
    let image: Vec<u8> = (0..IMAGE_BYTES).map(|_| rng.next_u64() as u8).collect();
    add("word/media/image1.jpeg", &image, stored);
    (zip.finish().unwrap().into_inner(), xml.len())
}

/// VmHWM of this process, in kB.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
