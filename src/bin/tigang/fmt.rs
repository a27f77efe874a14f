//! `tigang fmt`: renumber series, unify marker forms, drop doubled
//! delimiters; print, check, diff or write the result.

use std::io::{self, Write};
use std::path::PathBuf;
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
    /// Replace the files in place (atomically: a temporary file beside each
    /// is written, flushed and renamed over it).
    #[arg(long)]
    write: bool,
    /// Which form to write markers in.
    #[arg(long, value_enum, default_value_t = StyleArg::Majority)]
    style: StyleArg,
    #[command(flatten)]
    speech: Speech,
    /// The documents (UTF-8, GB18030, Big5, UTF-16 with a BOM: written back in
    /// the same encoding) or, with --check, --diff or --write, folders
    /// (searched for *.txt, *.text, *.md, *.markdown); `-` reads standard
    /// input (not with --write).
    #[arg(required = true)]
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

pub fn run(args: Args) -> Result<ExitCode, String> {
    let style = match args.style {
        StyleArg::Majority => Style::Majority,
        StyleArg::Gbt9704 => Style::Gbt9704,
    };
    if args.write && args.files.iter().any(|f| f.as_os_str() == "-") {
        return Err("--write cannot write standard input back; give a file".into());
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
    let (inputs, _) = crate::check::expand(&args.files, &mut failed);
    for input in &inputs {
        let file = &input.path;
        let name = input.name.clone();
        let result = input::read_decoded(file).and_then(|decoded| {
            let doc = tigang::parse(&decoded.text);
            let edits = tigang::fmt::edits(&doc, style);
            // A last guard before anything is shown or written.
            tigang::fmt::verify(&doc, &edits)
                .map_err(|e| format!("{name}: {e} (please report this); nothing was changed"))?;
            Ok((decoded, edits))
        });
        let (decoded, edits) = match result {
            Ok(r) => r,
            Err(msg) => {
                eprintln!("tigang: {msg}");
                failed = true;
                continue;
            }
        };
        let changes = edits.len();
        would_change |= changes > 0;
        if args.check {
            if changes > 0 {
                let line = format!("{}\n", would(lang, &name, changes));
                emit(&mut out, line.as_bytes())?;
            }
        } else if let Some(form) = args.diff {
            if changes > 0 {
                let diff = match form {
                    DiffForm::Unified => tigang::render::unified_diff(&decoded.text, &name, &edits),
                    DiffForm::Short => {
                        let how = args.speech.report(&decoded.text);
                        tigang::render::changes(&decoded.text, &name, &edits, &how)
                    }
                };
                emit(&mut out, diff.as_bytes())?;
            }
        } else if args.write {
            if changes > 0 {
                let new = tigang::fmt::apply(&decoded.text, &edits);
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
                eprintln!("{}", changed(lang, &name, changes));
            }
        } else {
            let new = tigang::fmt::apply(&decoded.text, &edits);
            emit(&mut out, new.as_bytes())?;
        }
    }
    let _ = out.flush();
    Ok(if failed {
        ExitCode::from(crate::EXIT_USAGE)
    } else if (args.check || args.diff.is_some()) && would_change {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
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
