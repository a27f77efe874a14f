//! `tigang fmt`: renumber series, unify marker forms, drop doubled
//! delimiters; print, check, diff or write the result.

use std::io::{self, Write};
use std::path::PathBuf;
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
    /// Replace the files in place (atomically: a temporary file beside each
    /// is written, flushed and renamed over it).
    #[arg(long)]
    write: bool,
    /// Which form to write markers in.
    #[arg(long, value_enum, default_value_t = StyleArg::Majority)]
    style: StyleArg,
    /// The documents (UTF-8, GB18030, Big5, UTF-16 with a BOM: written back in
    /// the same encoding); `-` reads standard input (not with --write).
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
    if args.write && args.files.iter().any(|f| f.as_os_str() == "-") {
        return Err("--write cannot write standard input back; give a file".into());
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut would_change = false;
    let mut failed = false;
    for file in &args.files {
        let name = file.display().to_string();
        let result = input::read_decoded(file).and_then(|decoded| {
            let doc = tigang::parse(&decoded.text);
            let edits = tigang::fmt::edits(&doc, style);
            let new = tigang::fmt::apply(&decoded.text, &edits);
            verify(&doc, &new).map_err(|e| format!("{name}: {e}; nothing was changed"))?;
            let changes = edits.len();
            Ok((decoded, new, changes))
        });
        let (decoded, new, changes) = match result {
            Ok(r) => r,
            Err(msg) => {
                eprintln!("tigang: {msg}");
                failed = true;
                continue;
            }
        };
        would_change |= changes > 0;
        if args.check {
            if changes > 0 {
                let line = format!("{name}: {changes} {} would change\n", markers(changes));
                emit(&mut out, line.as_bytes())?;
            }
        } else if args.diff {
            if changes > 0 {
                let diff = similar::TextDiff::from_lines(&decoded.text, &new)
                    .unified_diff()
                    .header(&format!("a/{name}"), &format!("b/{name}"))
                    .to_string();
                emit(&mut out, diff.as_bytes())?;
            }
        } else if args.write {
            if changes > 0 {
                // The bytes written are the input's with markers replaced:
                // its line endings, encoding and BOM are kept as they were.
                let written = decode::encode(&new, decoded.source, decoded.bom)
                    .map_err(|e| format!("{name}: {e}; nothing was changed"))
                    .and_then(|bytes| write::replace_atomically(file, &bytes));
                if let Err(msg) = written {
                    eprintln!("tigang: {msg}");
                    failed = true;
                    continue;
                }
                eprintln!("{name}: {changes} {} changed", markers(changes));
            }
        } else {
            emit(&mut out, new.as_bytes())?;
        }
    }
    let _ = out.flush();
    Ok(if failed {
        ExitCode::from(crate::EXIT_USAGE)
    } else if args.check && would_change {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
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
