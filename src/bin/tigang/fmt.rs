//! `tigang fmt`: renumber series, unify marker forms, drop doubled
//! delimiters; print, check, diff or write the result.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use tigang::Lang;
use tigang::fmt::Style;

use crate::report::{self, shown};
use crate::terminal::Speech;
use crate::{input, write};
use tigang::input::decode;

#[derive(clap::Args)]
pub struct Args {
    /// Change nothing; exit with status 1 if a file would change.
    #[arg(long, conflicts_with_all = ["diff", "write"])]
    check: bool,
    /// Show what would change and exit with status 1 if anything would:
    /// the changed markers with a little of their line (`--diff`), or a
    /// unified diff (`--diff=unified`).
    #[arg(
        long,
        value_enum,
        value_name = "FORM",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "short",
        conflicts_with = "write"
    )]
    diff: Option<DiffForm>,
    /// Replace the files in place, atomically, changing only marker bytes
    /// (README, "Safety": a symbolic link's target is written; hard-linked
    /// files are refused; mode, owner and extended attributes are kept).
    #[arg(long)]
    write: bool,
    /// Which form to write markers in.
    #[arg(long, value_enum, default_value_t = StyleArg::Majority)]
    style: StyleArg,
    /// Instead of renumbering, set the `#` depth of each heading line of a
    /// Markdown file to its level in the outline (a PDF converter's flat
    /// Markdown gets its levels back) and take the `#` off lines that are no
    /// headings (captions, author lines); every other line stays byte for
    /// byte. Files that are not Markdown (*.md, *.markdown, or ATX headings,
    /// images or HTML tables inside) are left as they are.
    #[arg(long, conflicts_with = "style")]
    levels: bool,
    #[command(flatten)]
    read: input::ReadArgs,
    #[command(flatten)]
    speech: Speech,
    /// The documents (UTF-8, GB18030, Big5, UTF-16: written back in the same
    /// encoding) or, with --check, --diff or --write, folders (searched for
    /// *.txt, *.text, *.md, *.markdown); `-` reads standard input (not with
    /// --write), as does no path at all when standard input is not a
    /// terminal.
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffForm {
    /// Only the changed markers: `第7行：（三）→（四）` and the line around each.
    Short,
    /// A unified diff, for patch and review tools.
    Unified,
}

#[derive(Clone, Copy, ValueEnum)]
enum StyleArg {
    /// The form most markers of each kind already have in the document.
    Majority,
    /// GB/T 9704-2012: 一、（一）1.（1）.
    Gbt9704,
}

pub fn run(mut args: Args) -> Result<ExitCode, String> {
    args.files = crate::input::or_stdin(std::mem::take(&mut args.files), "fmt")?;
    let style = match args.style {
        StyleArg::Majority => Style::Majority,
        StyleArg::Gbt9704 => Style::Gbt9704,
    };
    let reading = args.read.resolve()?;
    if args.write && args.files.iter().any(|f| f.as_os_str() == "-") {
        return Err("--write cannot write standard input back; give a file".into());
    }
    if args.write && reading.lossy {
        return Err(
            "--lossy does not go with --write: the bytes it replaces would be lost; \
             print the result (`tigang fmt --lossy FILE`) instead"
                .into(),
        );
    }
    let prints = !args.check && args.diff.is_none() && !args.write;
    if prints && args.files.iter().any(|f| f.is_dir()) {
        return Err(
            "fmt prints one text; to go through a folder use --check, --diff or --write".into(),
        );
    }
    let lang = args.speech.lang();
    let mode = if args.levels {
        Mode::Levels
    } else {
        Mode::Numbering(style)
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut would_change = false;
    let mut failed = false;
    let mut not_markdown = 0usize;
    let mut not_text = 0usize;
    // `--check` and `--diff` write nothing: they pass over Word documents,
    // web pages and content lists, saying how many, and exit by what they
    // found in the rest (issue 26). Printing or writing one is an error.
    let passes_over = args.check || args.diff.is_some();
    for input in input::expand_each(&args.files, &mut failed) {
        let result = if args.write {
            write_one(&input.path, mode, &reading, lang)
        } else {
            fix(&input, mode, &reading, None)
        };
        let fixed = match result {
            Ok(r) => r,
            Err(Unfixed::NotText(_)) if passes_over => {
                not_text += 1;
                continue;
            }
            Err(Unfixed::NotText(msg) | Unfixed::Failed(msg)) => {
                eprintln!("tigang: {msg}");
                failed = true;
                continue;
            }
        };
        if fixed.not_markdown {
            not_markdown += 1;
            if !args.write && !args.check && args.diff.is_none() {
                // Printing: the text as it is.
                emit(&mut out, fixed.new.as_bytes())?;
            }
            continue;
        }
        let changes = fixed.edits.len();
        let name = &fixed.input.shown;
        would_change |= changes > 0;
        if args.check {
            if changes > 0 {
                let line = format!("{}\n", would(lang, mode, name, changes));
                emit(&mut out, line.as_bytes())?;
            }
        } else if let Some(form) = args.diff {
            if changes > 0 {
                let text = &fixed.decoded.text;
                let diff = match form {
                    DiffForm::Unified => tigang::render::unified_diff(text, name, &fixed.edits),
                    DiffForm::Short => {
                        let how = args.speech.report(text);
                        tigang::render::changes(text, name, &fixed.edits, &how)
                    }
                };
                emit(&mut out, diff.as_bytes())?;
            }
        } else if !args.write {
            emit(&mut out, fixed.new.as_bytes())?;
        }
    }
    report::flush(&mut out)?;
    if not_markdown > 0 {
        eprintln!("tigang: {}", left_as_they_are(lang, not_markdown));
    }
    if not_text > 0 {
        eprintln!("tigang: {}", documents_passed_over(lang, not_text));
    }
    Ok(if failed {
        ExitCode::from(report::EXIT_USAGE)
    } else if (args.check || args.diff.is_some()) && would_change {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What fmt changes: the numbering (in a style), or Markdown's heading
/// levels.
#[derive(Clone, Copy)]
enum Mode {
    Numbering(Style),
    Levels,
}

/// Why a document was not fixed.
enum Unfixed {
    /// A Word document, web page or converter's content list: fmt
    /// rewrites text files only.
    NotText(String),
    /// Any other failure, said in the message.
    Failed(String),
}

impl From<String> for Unfixed {
    fn from(msg: String) -> Self {
        Unfixed::Failed(msg)
    }
}

/// One document read and fixed.
struct Fixed {
    input: input::Input,
    decoded: decode::Decoded,
    edits: Vec<tigang::fmt::Edit>,
    new: String,
    /// `--levels` on a text that is not Markdown: nothing to do.
    not_markdown: bool,
}

/// Reads, decodes and fixes one document; `keep` receives a copy of the
/// bytes read (for `--write`, which splices the edits into them).
fn fix(
    input: &input::Input,
    mode: Mode,
    reading: &input::Reading,
    keep: Option<&mut Vec<u8>>,
) -> Result<Fixed, Unfixed> {
    let bytes = input::read_bytes(input, reading.max_size)?;
    use tigang::input::sniff::{Kind, sniff};
    if let kind @ (Kind::Docx | Kind::Html | Kind::Zip) = sniff(&bytes) {
        return Err(Unfixed::NotText(format!(
            "{}: {}: tigang fmt rewrites text files only, never Word documents or web pages; fix the numbering in the document itself (`tigang check` lists the mistakes) / fmt 只改写纯文本文件",
            input.shown,
            kind.describe()
        )));
    }
    // --lossy is refused with --write, so messages advise it only without.
    let writing = keep.is_some();
    if let Some(keep) = keep {
        keep.clone_from(&bytes);
    }
    let decoded = input::decode_bytes(input, bytes, reading, !writing)?;
    if tigang::input::content_list::is_content_list(&decoded.text) {
        return Err(Unfixed::NotText(format!(
            "{}: a converter's content list (*_content_list.json): tigang fmt rewrites text files only; fix the Markdown beside it (`tigang fmt --levels`) / fmt 只改写文本文件",
            input.shown
        )));
    }
    for note in [
        input::lossy_note(input, &decoded),
        input::guess_note(input, &decoded),
    ] {
        note.into_iter().for_each(|n| eprintln!("{n}"));
    }
    let markdown =
        crate::format::is_markdown_name(&input.name) || tigang::render::is_markdown(&decoded.text);
    if matches!(mode, Mode::Levels) && !markdown {
        let new = decoded.text.clone();
        return Ok(Fixed {
            input: input.clone(),
            decoded,
            edits: Vec::new(),
            new,
            not_markdown: true,
        });
    }
    let doc = tigang::parse(&decoded.text);
    let edits = match mode {
        Mode::Numbering(style) => tigang::fmt::edits(&doc, style),
        Mode::Levels => tigang::fmt::levels(&doc),
    };
    // A last guard before anything is shown or written: the whole outline.
    tigang::fmt::verify(&doc, &edits).map_err(|e| {
        format!(
            "{}: {e} (please report this); nothing was changed",
            input.shown
        )
    })?;
    let new = tigang::fmt::apply(&decoded.text, &edits);
    Ok(Fixed {
        input: input.clone(),
        decoded,
        edits,
        new,
        not_markdown: false,
    })
}

/// `--write` for one file: resolved (a symbolic link to its target), read,
/// fixed, the edits spliced into the bytes as read (nothing else is
/// re-encoded), written atomically.
fn write_one(
    file: &Path,
    mode: Mode,
    reading: &input::Reading,
    lang: Lang,
) -> Result<Fixed, Unfixed> {
    let name = shown(file);
    let orig = write::resolve(file)?;
    let target = input::Input::new(orig.path.clone(), orig.path.clone());
    let mut bytes = Vec::new();
    let mut fixed = fix(&target, mode, reading, Some(&mut bytes))?;
    fixed.input = input::Input::new(file.to_path_buf(), file.to_path_buf());
    if fixed.edits.is_empty() || fixed.not_markdown {
        return Ok(fixed);
    }
    if fixed.decoded.confidence == decode::Confidence::Low && reading.encoding.is_none() {
        return Err(Unfixed::Failed(format!(
            "{name}: encoding guessed: {} (low confidence); --write does not write back a guess: \
             give --encoding NAME; nothing was changed",
            fixed.decoded.encoding
        )));
    }
    let spans = fixed
        .edits
        .iter()
        .map(|e| (e.span.range(), e.replacement.as_str()));
    let out = decode::splice(&bytes, &fixed.decoded, spans)
        .map_err(|e| format!("{name}: {e}; nothing was changed"))?;
    drop(bytes);
    for note in write::replace(&orig, &out)? {
        eprintln!("tigang: {note}");
    }
    let changes = fixed.edits.len();
    let link = if orig.via_link {
        format!(" (→ {})", shown(&orig.path))
    } else {
        String::new()
    };
    eprintln!("{}", changed(lang, mode, &format!("{name}{link}"), changes));
    Ok(fixed)
}

/// `a.txt: 3 markers would change`.
fn would(lang: Lang, mode: Mode, name: &str, n: usize) -> String {
    match (lang, mode) {
        (Lang::En, _) => format!("{name}: {n} {} would change", things(mode, n)),
        (Lang::ZhHant, Mode::Levels) => format!("{name}：將修改 {n} 行標題級別"),
        (Lang::ZhHant, _) => format!("{name}：將修改 {n} 處編號"),
        (_, Mode::Levels) => format!("{name}：将修改 {n} 行标题级别"),
        _ => format!("{name}：将修改 {n} 处编号"),
    }
}

/// `a.txt: 3 markers changed`.
fn changed(lang: Lang, mode: Mode, name: &str, n: usize) -> String {
    match (lang, mode) {
        (Lang::En, _) => format!("{name}: {n} {} changed", things(mode, n)),
        (Lang::ZhHant, Mode::Levels) => format!("{name}：已修改 {n} 行標題級別"),
        (Lang::ZhHant, _) => format!("{name}：已修改 {n} 處編號"),
        (_, Mode::Levels) => format!("{name}：已修改 {n} 行标题级别"),
        _ => format!("{name}：已修改 {n} 处编号"),
    }
}

/// `3 files are not Markdown and were left as they are`.
/// Word documents, web pages and content lists that `--check` or `--diff`
/// passed over.
fn documents_passed_over(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "1 file is a Word document, web page or converter's content list and was left as it is: tigang fmt rewrites text files only (`tigang check` lists its mistakes)".into(),
        Lang::En => format!(
            "{n} files are Word documents, web pages or converters' content lists and were left as they are: tigang fmt rewrites text files only (`tigang check` lists their mistakes)"
        ),
        Lang::ZhHant => format!(
            "{n} 個文件是 Word 文檔、網頁或轉換工具的內容列表，未作修改：tigang fmt 只改寫純文本文件（錯誤可用 tigang check 列出）"
        ),
        _ => format!(
            "{n} 个文件是 Word 文档、网页或转换工具的内容列表，未作修改：tigang fmt 只改写纯文本文件（错误可用 tigang check 列出）"
        ),
    }
}

fn left_as_they_are(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => {
            "1 file is not Markdown and was left as it is (--levels changes Markdown only)".into()
        }
        Lang::En => {
            format!(
                "{n} files are not Markdown and were left as they are (--levels changes Markdown only)"
            )
        }
        Lang::ZhHant => format!("{n} 個文件不是 Markdown，未作修改（--levels 只改 Markdown）"),
        _ => format!("{n} 个文件不是 Markdown，未作修改（--levels 只改 Markdown）"),
    }
}

fn things(mode: Mode, n: usize) -> &'static str {
    match (mode, n) {
        (Mode::Levels, 1) => "heading line",
        (Mode::Levels, _) => "heading lines",
        (_, 1) => "marker",
        _ => "markers",
    }
}

fn emit(out: &mut impl Write, bytes: &[u8]) -> Result<(), String> {
    match out.write_all(bytes) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("cannot write output: {e}")),
        _ => Ok(()),
    }
}
