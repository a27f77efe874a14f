//! `tigang parse`: the outline of one document or of many.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::num::NonZeroUsize;
use std::path::{Component, Path, PathBuf};

use crate::batch::{self, Dest, Job};
use crate::format::{Format, Style};
use crate::input;
use crate::report::shown;

const EXAMPLES: &str = "\
Examples:
  tigang parse speech.txt                          the outline as an indented tree
  tigang parse --format json speech.txt            the JSON (docs/format.md, section JSON)
  tigang parse --format json speech.txt -o a.json  one input to one file, written atomically
  tigang parse report.docx                         a Word document, numbering as Word draws it
  tigang parse --format text page.html             the text read from a web page
  cat speech.txt | tigang parse                    standard input (also `-`)
  tigang parse --format markdown speeches/ -o md/  a folder to Markdown files, same relative paths
  tigang parse --jsonl speeches/ > outlines.jsonl  one JSON document per line
  tigang parse --format chunks --max-chars 500 speeches/ > chunks.jsonl
  tigang parse --format chunks --max-chars 500 --min-chars 50 speech.txt
  tigang parse --encoding big5 old.txt             force an encoding

Word documents (.docx, also from WPS) and web pages are read as their readers
see them, Word's automatic numbering included; what a file is, is told by its
content. `--format text` prints the text read, which spans refer to. A PDF,
an old .doc/.wps, an image or a program is refused with what to do instead.

Encodings: UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised;
files without a BOM that are not UTF-8 are detected (GB18030/GBK, Big5, …).
UTF-16 without a BOM is recognised from its NUL bytes. A byte that does not
decode is an error naming the file and the byte offset; a guess from little
text is reported (`encoding guessed: GB18030 (low confidence)`).
Binary files, FIFOs and devices are refused; `-` reads standard input, and
so does no path at all when standard input is not a terminal.

-o FILE with one input file writes that file; -o DIR (a folder given, several
inputs, a name ending in `/` or an existing folder) writes one file per input.
Both write atomically and refuse an output that would replace an input or lie
inside a folder being read, and symbolic links below DIR.

Folders are searched recursively for *.txt, *.text, *.md, *.markdown, *.docx,
*.html and *.htm (hidden files and Word's ~$ lock files skipped).
A progress bar shows on a terminal; NO_COLOR turns colour off.
Exit status: 0 all files done, 1 some files failed (or the one input could
not be read or decoded), 2 usage or I/O error (an output that cannot be
written, a single input that is no document: a PDF, an image).";

#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files or folders to read; `-` reads standard input, as does no path
    /// at all when standard input is not a terminal.
    #[arg(value_name = "FILE_OR_DIR")]
    inputs: Vec<PathBuf>,
    /// Output format [default: tree, or json with --jsonl].
    #[arg(long, short, value_enum)]
    format: Option<Format>,
    /// Write the result to FILE (one input file), or one file per input
    /// under DIR (a folder given, several inputs, or a name ending in `/` or
    /// naming a folder: same relative path, extension .txt/.json/.md/.jsonl
    /// by format); `-` is standard output (the default).
    #[arg(long, short, value_name = "FILE|DIR")]
    output: Option<PathBuf>,
    /// Print one JSON document per line to standard output, with its "file".
    #[arg(long)]
    jsonl: bool,
    /// With --format json: indent the JSON (the default when standard
    /// output is a terminal; compact, on one line, into a pipe or a file).
    #[arg(long)]
    pretty: bool,
    /// With --format json or --jsonl: leave the numbering unchecked and the
    /// "diagnostics" field out (the outline alone, about twice as fast on a
    /// long document; `tigang check` reports the numbering).
    #[arg(long)]
    no_check: bool,
    #[command(flatten)]
    read: input::ReadArgs,
    /// With --format chunks: split bodies longer than N characters at sentence ends.
    #[arg(long, value_name = "N", value_parser = input::at_least_one)]
    max_chars: Option<NonZeroUsize>,
    /// With --format chunks: merge a chunk shorter than N characters into a
    /// neighbour in its own section (a title with no body of its own goes with
    /// its first sub-heading), never across a heading's end.
    #[arg(long, value_name = "N", value_parser = input::at_least_one)]
    min_chars: Option<NonZeroUsize>,
    /// Number of files parsed at once [default: one per core; at most four per core].
    #[arg(long, short, value_name = "N", value_parser = input::at_least_one)]
    jobs: Option<NonZeroUsize>,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(mut args: Args) -> Result<std::process::ExitCode, String> {
    args.inputs = input::or_stdin(std::mem::take(&mut args.inputs), "parse")?;
    let reading = args.read.resolve()?;
    let format = match (args.format, args.jsonl) {
        (None, true) => Format::Json,
        (Some(f @ (Format::Tree | Format::Markdown | Format::Text)), true) => {
            let name = match f {
                Format::Tree => "tree",
                Format::Markdown => "markdown",
                _ => "text",
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
    let (inputs, dirs) = input::expand(&args.inputs)?;
    let any_dir = !dirs.is_empty();
    let dest = match &args.output {
        Some(out) if out.as_os_str() != "-" => {
            if args.jsonl {
                return Err("--jsonl prints to standard output; it does not go with -o".into());
            }
            if one_file(out, inputs.len(), any_dir) {
                check_file_output(&inputs[0], out)?;
                Dest::File(out.clone())
            } else {
                Dest::Dir(out.clone())
            }
        }
        _ => Dest::Stdout,
    };
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
        check_outputs_apart(&inputs, &dirs, dir, format)?;
    }
    let to_dir = matches!(dest, Dest::Dir(_));
    let job = Job {
        style: Style {
            format,
            jsonl: args.jsonl,
            pretty: args.pretty || (!to_dir && std::io::stdout().is_terminal()),
            alongside: false,
            check: !args.no_check,
            max_chars: args.max_chars,
            min_chars: args.min_chars,
        },
        reading,
        dest,
        // `==> name <==` before each document when several texts share stdout.
        headers: several
            && !to_dir
            && matches!(format, Format::Tree | Format::Markdown | Format::Text),
        batch: several || to_dir || args.jsonl,
        quiet: args.quiet,
        jobs: args.jobs,
    };
    batch::run(&inputs, &job)
}

/// Whether `-o OUT` names one output file: one input that is a file (not a
/// folder), and `OUT` neither ends in `/` nor names an existing folder.
fn one_file(out: &Path, inputs: usize, any_dir: bool) -> bool {
    let slash = out.as_os_str().as_encoded_bytes().last() == Some(&b'/');
    inputs == 1 && !any_dir && !slash && !out.is_dir()
}

/// `-o FILE` must not replace its own input.
fn check_file_output(input: &input::Input, out: &Path) -> Result<(), String> {
    if input.is_stdin() {
        return Ok(());
    }
    if let Ok(real) = std::fs::canonicalize(&input.path) {
        if resolved(out) == real {
            return Err(format!(
                "-o {}: would replace the input {}; choose another output file / 输出会覆盖输入文件",
                shown(out),
                input.shown
            ));
        }
    }
    Ok(())
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
                "{} and {} would both be written to {}",
                shown(Path::new(other)),
                i.shown,
                shown(&out)
            ));
        }
    }
    Ok(())
}

/// No output may replace an input or lie inside a folder being read (the
/// results would mix with the inputs, and `-o` inside the input folder
/// overwrote inputs of the same name). Paths are compared resolved:
/// symbolic links, `..` and relative paths cannot hide an overlap.
fn check_outputs_apart(
    inputs: &[input::Input],
    dirs: &[PathBuf],
    out: &Path,
    format: Format,
) -> Result<(), String> {
    let folders: Vec<(PathBuf, &PathBuf)> = dirs
        .iter()
        .filter_map(|d| std::fs::canonicalize(d).ok().map(|c| (c, d)))
        .collect();
    let files: HashMap<PathBuf, &input::Input> = inputs
        .iter()
        .filter(|i| !i.is_stdin())
        .filter_map(|i| {
            let real = i
                .real
                .clone()
                .or_else(|| std::fs::canonicalize(&i.path).ok());
            real.map(|c| (c, i))
        })
        .collect();
    let out_real = resolved(out);
    if let Some((_, given)) = folders.iter().find(|(f, _)| out_real.starts_with(f)) {
        return Err(format!(
            "-o {}: inside the input folder {}, so results would be written among the inputs; \
             choose an output folder outside it / 输出目录不能位于输入目录之内",
            shown(out),
            shown(given)
        ));
    }
    for i in inputs {
        let planned = batch::output_path(&out_real, &i.rel, format);
        if let Some(src) = files.get(&planned) {
            return Err(format!(
                "{}: its result {} would replace the input {}; choose another -o folder / 输出会覆盖输入文件",
                i.shown,
                shown(&batch::output_path(out, &i.rel, format)),
                src.shown
            ));
        }
        if let Some((_, given)) = folders.iter().find(|(f, _)| planned.starts_with(f)) {
            return Err(format!(
                "{}: its result {} would be written inside the input folder {}; choose another -o folder",
                i.shown,
                shown(&batch::output_path(out, &i.rel, format)),
                shown(given)
            ));
        }
    }
    Ok(())
}

/// `path` made absolute with its longest existing ancestor resolved
/// (symbolic links followed) and the rest, which does not exist yet and so
/// holds no link, appended as written.
fn resolved(path: &Path) -> PathBuf {
    let abs = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    for ancestor in abs.ancestors() {
        let Ok(mut real) = std::fs::canonicalize(ancestor) else {
            continue;
        };
        for part in abs
            .strip_prefix(ancestor)
            .unwrap_or(Path::new(""))
            .components()
        {
            match part {
                Component::ParentDir => {
                    real.pop();
                }
                Component::Normal(p) => real.push(p),
                _ => {}
            }
        }
        return real;
    }
    abs
}
