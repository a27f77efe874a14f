//! `tigang fmt`: renumber series, unify marker forms, drop doubled
//! delimiters; print, check, diff or write the result.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use tigang::Lang;
use tigang::fmt::Style;

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
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut would_change = false;
    let mut failed = false;
    for input in crate::check::expand(&args.files, &mut failed) {
        let result = if args.write {
            write_one(&input.path, style, &reading, lang)
        } else {
            fix(&input, style, &reading, None)
        };
        let fixed = match result {
            Ok(r) => r,
            Err(msg) => {
                eprintln!("tigang: {msg}");
                failed = true;
                continue;
            }
        };
        let changes = fixed.edits.len();
        let name = &fixed.input.shown;
        would_change |= changes > 0;
        if args.check {
            if changes > 0 {
                let line = format!("{}\n", would(lang, name, changes));
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
    crate::check::flush(&mut out)?;
    Ok(if failed {
        ExitCode::from(crate::EXIT_USAGE)
    } else if (args.check || args.diff.is_some()) && would_change {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// One document read and fixed.
struct Fixed {
    input: input::Input,
    decoded: decode::Decoded,
    edits: Vec<tigang::fmt::Edit>,
    new: String,
}

/// Reads, decodes and fixes one document; `keep` receives a copy of the
/// bytes read (for `--write`, which splices the edits into them).
fn fix(
    input: &input::Input,
    style: Style,
    reading: &input::Reading,
    keep: Option<&mut Vec<u8>>,
) -> Result<Fixed, String> {
    let bytes = input::read_bytes(input, reading.max_size)?;
    use tigang::input::sniff::{Kind, sniff};
    if let kind @ (Kind::Docx | Kind::Html | Kind::Zip) = sniff(&bytes) {
        return Err(format!(
            "{}: {}: tigang fmt rewrites text files only, never Word documents or web pages; fix the numbering in the document itself (`tigang check` lists the mistakes) / fmt 只改写纯文本文件",
            input.shown,
            kind.describe()
        ));
    }
    // --lossy is refused with --write, so messages advise it only without.
    let writing = keep.is_some();
    if let Some(keep) = keep {
        keep.clone_from(&bytes);
    }
    let decoded = input::decode_bytes(input, bytes, reading, !writing)?;
    for note in [
        input::lossy_note(input, &decoded),
        input::guess_note(input, &decoded),
    ] {
        note.into_iter().for_each(|n| eprintln!("{n}"));
    }
    let doc = tigang::parse(&decoded.text);
    let edits = tigang::fmt::edits(&doc, style);
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
    })
}

/// `--write` for one file: resolved (a symbolic link to its target), read,
/// fixed, the edits spliced into the bytes as read (nothing else is
/// re-encoded), written atomically.
fn write_one(
    file: &Path,
    style: Style,
    reading: &input::Reading,
    lang: Lang,
) -> Result<Fixed, String> {
    let name = input::shown(file);
    let orig = write::resolve(file)?;
    let target = input::Input::new(orig.path.clone(), orig.path.clone());
    let mut bytes = Vec::new();
    let mut fixed = fix(&target, style, reading, Some(&mut bytes))?;
    fixed.input = input::Input::new(file.to_path_buf(), file.to_path_buf());
    if fixed.edits.is_empty() {
        return Ok(fixed);
    }
    if fixed.decoded.confidence == decode::Confidence::Low && reading.encoding.is_none() {
        return Err(format!(
            "{name}: encoding guessed: {} (low confidence); --write does not write back a guess: \
             give --encoding NAME; nothing was changed",
            fixed.decoded.encoding
        ));
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
        format!(" (→ {})", input::shown(&orig.path))
    } else {
        String::new()
    };
    eprintln!("{}", changed(lang, &format!("{name}{link}"), changes));
    Ok(fixed)
}

/// `a.txt: 3 markers would change`.
fn would(lang: Lang, name: &str, n: usize) -> String {
    match lang {
        Lang::En => format!("{name}: {n} {} would change", markers(n)),
        Lang::ZhHant => format!("{name}：將修改 {n} 處編號"),
        _ => format!("{name}：将修改 {n} 处编号"),
    }
}

/// `a.txt: 3 markers changed`.
fn changed(lang: Lang, name: &str, n: usize) -> String {
    match lang {
        Lang::En => format!("{name}: {n} {} changed", markers(n)),
        Lang::ZhHant => format!("{name}：已修改 {n} 處編號"),
        _ => format!("{name}：已修改 {n} 处编号"),
    }
}

fn markers(n: usize) -> &'static str {
    if n == 1 { "marker" } else { "markers" }
}

fn emit(out: &mut impl Write, bytes: &[u8]) -> Result<(), String> {
    match out.write_all(bytes) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("cannot write output: {e}")),
        _ => Ok(()),
    }
}
