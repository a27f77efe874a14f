//! `tigang fmt`: renumber series, unify marker forms, drop doubled
//! delimiters; print, check, diff or write the result.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use tigang::fmt::Style;

use crate::{input, write};
use tigang::input::decode;

#[derive(clap::Args)]
pub struct Args {
    /// Change nothing; exit with status 1 if a file would change.
    #[arg(long, conflicts_with_all = ["diff", "write"])]
    check: bool,
    /// Print a unified diff of the changes instead of the text.
    #[arg(long, conflicts_with = "write")]
    diff: bool,
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
    /// The documents (UTF-8, GB18030, Big5, UTF-16: written back in the same
    /// encoding); `-` reads standard input (not with --write).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum StyleArg {
    /// The form most markers of each kind already have in the document.
    Majority,
    /// GB/T 9704-2012: 一、（一）1.（1）.
    Gbt9704,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
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
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut would_change = false;
    let mut failed = false;
    for file in &args.files {
        let result = if args.write {
            write_one(file, style, &reading)
        } else {
            fix(
                &input::Input::new(file.clone(), file.clone()),
                style,
                &reading,
                None,
            )
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
                let line = format!("{name}: {changes} {} would change\n", markers(changes));
                emit(&mut out, line.as_bytes())?;
            }
        } else if args.diff {
            if changes > 0 {
                let diff = similar::TextDiff::from_lines(&fixed.decoded.text, &fixed.new)
                    .unified_diff()
                    .header(&format!("a/{name}"), &format!("b/{name}"))
                    .to_string();
                emit(&mut out, diff.as_bytes())?;
            }
        } else if !args.write {
            emit(&mut out, fixed.new.as_bytes())?;
        }
    }
    crate::check::flush(&mut out)?;
    Ok(if failed {
        ExitCode::from(crate::EXIT_USAGE)
    } else if args.check && would_change {
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
    let new = tigang::fmt::apply(&decoded.text, &edits);
    verify(&doc, &new).map_err(|e| format!("{}: {e}; nothing was changed", input.shown))?;
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
fn write_one(file: &Path, style: Style, reading: &input::Reading) -> Result<Fixed, String> {
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
    eprintln!("{name}{link}: {changes} {} changed", markers(changes));
    Ok(fixed)
}

fn markers(n: usize) -> &'static str {
    if n == 1 { "marker" } else { "markers" }
}

/// A last guard before anything is written: the new text must give the same
/// outline (the same headings, kinds and levels; TOC entries) as the old.
fn verify(old: &tigang::Document<'_>, new: &str) -> Result<(), String> {
    let doc = tigang::parse(new);
    let shape =
        |d: &tigang::Document<'_>| -> (Vec<(usize, tigang::MarkerKind)>, Vec<tigang::MarkerKind>) {
            (
                d.headings().map(|h| (h.level, h.kind)).collect(),
                d.toc.iter().map(|e| e.kind).collect(),
            )
        };
    if shape(old) == shape(&doc) {
        Ok(())
    } else {
        Err("formatting would change how the outline reads (please report this)".into())
    }
}

fn emit(out: &mut impl Write, bytes: &[u8]) -> Result<(), String> {
    match out.write_all(bytes) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("cannot write output: {e}")),
        _ => Ok(()),
    }
}
