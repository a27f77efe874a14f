//! `tigang parse`: the outline of one document or of many.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use crate::batch::{self, Dest, Job};
use crate::format::{Format, Style};
use crate::input;
use tigang::input::decode;

const EXAMPLES: &str = "\
Examples:
  tigang parse speech.txt                          the outline as an indented tree
  tigang parse --format json speech.txt            the JSON of the spec (§7)
  cat speech.txt | tigang parse -                  standard input
  tigang parse --format markdown speeches/ -o md/  a folder to Markdown files, same relative paths
  tigang parse --jsonl speeches/ > outlines.jsonl  one JSON document per line
  tigang parse --format chunks --max-chars 500 speeches/ > chunks.jsonl
  tigang parse --format chunks --max-chars 500 --min-chars 50 speech.txt
  tigang parse --encoding big5 old.txt             force an encoding

Encodings: UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised;
files without a BOM that are not UTF-8 are detected (GB18030/GBK, Big5, …).
A byte that does not decode is an error naming the file and the byte offset.

Folders are searched recursively for *.txt, *.text, *.md and *.markdown.
A progress bar shows on a terminal; NO_COLOR turns colour off.
Exit status: 0 all files done, 1 some files failed, 2 usage or I/O error.";

#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files or folders to read; `-` reads standard input.
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    inputs: Vec<PathBuf>,
    /// Output format [default: tree, or json with --jsonl].
    #[arg(long, short, value_enum)]
    format: Option<Format>,
    /// Write one file per input under DIR (same relative path, extension
    /// .txt/.json/.md/.jsonl by format); `-` is standard output (the default).
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Print one JSON document per line to standard output, with its "file".
    #[arg(long)]
    jsonl: bool,
    /// Decode input as NAME (utf-8, gb18030, gbk, big5, utf-16le, utf-16be, …)
    /// instead of detecting it.
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
    /// Replace bytes that do not decode with U+FFFD (and say how many) instead of failing.
    #[arg(long)]
    lossy: bool,
    /// With --format chunks: split bodies longer than N characters at sentence ends.
    #[arg(long, value_name = "N")]
    max_chars: Option<NonZeroUsize>,
    /// With --format chunks: merge a chunk shorter than N characters into a
    /// neighbour in its own section (a title with no body of its own goes with
    /// its first sub-heading), never across a heading's end.
    #[arg(long, value_name = "N")]
    min_chars: Option<NonZeroUsize>,
    /// Number of files parsed at once [default: one per core].
    #[arg(long, short, value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: Args) -> Result<std::process::ExitCode, String> {
    let forced = match &args.encoding {
        Some(name) => Some(decode::encoding_for_label(name).ok_or_else(|| {
            format!(
                "unknown encoding `{name}`; try utf-8, gb18030, gbk, big5, utf-16le or utf-16be"
            )
        })?),
        None => None,
    };
    let format = match (args.format, args.jsonl) {
        (None, true) => Format::Json,
        (Some(f @ (Format::Tree | Format::Markdown)), true) => {
            let name = if f == Format::Tree {
                "tree"
            } else {
                "markdown"
            };
            return Err(format!(
                "--jsonl prints JSON; it does not go with --format {name}"
            ));
        }
        (f, _) => f.unwrap_or(Format::Tree),
    };
    if args.max_chars.is_some() && format != Format::Chunks {
        return Err("--max-chars applies to --format chunks only".into());
    }
    if args.min_chars.is_some() && format != Format::Chunks {
        return Err("--min-chars applies to --format chunks only".into());
    }
    let dest = match &args.output {
        Some(dir) if dir.as_os_str() != "-" => {
            if args.jsonl {
                return Err("--jsonl prints to standard output; it does not go with -o DIR".into());
            }
            Dest::Dir(dir.clone())
        }
        _ => Dest::Stdout,
    };

    let (inputs, any_dir) = input::expand(&args.inputs)?;
    if inputs.is_empty() {
        let exts = input::TEXT_EXTENSIONS.map(|e| format!("*.{e}")).join(", ");
        return Err(format!("no text files ({exts}) in the folders given"));
    }
    let several = inputs.len() > 1 || any_dir;
    if several && dest == Dest::Stdout && format == Format::Json && !args.jsonl {
        return Err(
            "several documents: use --jsonl for one JSON document per line, or -o DIR for one file each"
                .into(),
        );
    }
    if let Dest::Dir(dir) = &dest {
        check_distinct_outputs(&inputs, dir, format)?;
    }
    let to_dir = matches!(dest, Dest::Dir(_));
    let job = Job {
        style: Style {
            format,
            jsonl: args.jsonl,
            max_chars: args.max_chars,
            min_chars: args.min_chars,
        },
        encoding: forced,
        lossy: args.lossy,
        dest,
        // `==> name <==` before each document when several texts share stdout.
        headers: several && !to_dir && matches!(format, Format::Tree | Format::Markdown),
        batch: several || to_dir || args.jsonl,
        quiet: args.quiet,
        jobs: args.jobs,
    };
    batch::run(&inputs, &job)
}

/// Two inputs must not write the same output file (`a.txt` and `a.md` both
/// giving `a.json`); better said before anything is written.
fn check_distinct_outputs(
    inputs: &[input::Input],
    dir: &std::path::Path,
    format: Format,
) -> Result<(), String> {
    let mut seen: HashMap<PathBuf, &str> = HashMap::with_capacity(inputs.len());
    for i in inputs {
        let out = batch::output_path(dir, &i.rel, format);
        if let Some(other) = seen.insert(out.clone(), &i.name) {
            return Err(format!(
                "{other} and {} would both be written to {}",
                i.name,
                out.display()
            ));
        }
    }
    Ok(())
}
