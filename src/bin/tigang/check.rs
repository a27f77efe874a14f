//! `tigang check`: report numbering mistakes, rustc style or as JSON.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use tigang::render::json;
use tigang::{Code, Severity};

use crate::input;
use crate::report::{self, flush};
use crate::terminal::Speech;

#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with status 1 when a diagnostic at or above this level remains.
    #[arg(long, value_enum, default_value_t = Level::Warning)]
    deny: Level,
    /// Silence a code, e.g. `--allow mixed-width` (repeatable).
    #[arg(long, value_name = "CODE", value_parser = parse_code)]
    allow: Vec<Code>,
    /// With --format json: indent the JSON (the default when standard
    /// output is a terminal; compact, on one line, otherwise).
    #[arg(long)]
    pretty: bool,
    #[command(flatten)]
    read: input::ReadArgs,
    #[command(flatten)]
    speech: Speech,
    /// The documents (text in any encoding `parse` reads, .docx, .html) or
    /// folders (searched for *.txt, *.text, *.md, *.markdown, *.docx, *.html,
    /// *.htm); `-` reads standard input, as does no path at all when
    /// standard input is not a terminal.
    files: Vec<PathBuf>,
}

fn parse_code(s: &str) -> Result<Code, String> {
    s.parse()
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// rustc-style messages with the source line and a caret.
    Human,
    /// One JSON array: `[{"file": …, "diagnostics": […]}]`.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Level {
    /// Fail on any diagnostic.
    Info,
    /// Fail on warnings and errors (the default).
    Warning,
    /// Fail on errors only.
    Error,
    /// Never fail because of diagnostics.
    Never,
}

impl Level {
    fn denies(self, s: Severity) -> bool {
        match self {
            Level::Info => true,
            Level::Warning => s >= Severity::Warning,
            Level::Error => s >= Severity::Error,
            Level::Never => false,
        }
    }
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let reading = args.read.resolve()?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut reports = Vec::new();
    let mut counts = [0usize; 3];
    let mut denied = false;
    let mut unreadable = false;
    let files = input::or_stdin(args.files, "check")?;
    let inputs = input::expand_each(&files, &mut unreadable);
    // The summary speaks as the last report did (the script of the last
    // document, when the language follows the documents).
    let mut summary_lang = args.speech.lang();
    for input in inputs {
        let read = input::read_bytes(&input, reading.max_size)
            .and_then(|bytes| input::read_document(&input, bytes, &reading, true));
        let x = match read {
            Ok(x) => {
                for note in input::read_notes(&input, &x) {
                    eprintln!("{note}");
                }
                x
            }
            Err(msg) => {
                eprintln!("tigang: {msg}");
                unreadable = true;
                continue;
            }
        };
        let (text, map) = (&x.text, &x.map);
        let doc = tigang::parse_with(text, &x.parse_options());
        // Labels Word's numbering drew are not checked: nobody typed them.
        let diags: Vec<_> = tigang::render::check_source(&doc, map)
            .into_iter()
            .filter(|d| !args.allow.contains(&d.code))
            .collect();
        for d in &diags {
            counts[match d.severity {
                Severity::Info => 0,
                Severity::Warning => 1,
                _ => 2,
            }] += 1;
            denied |= args.deny.denies(d.severity);
        }
        let how = args.speech.report(text);
        summary_lang = how.lang;
        match args.format {
            Format::Human => {
                // In slices, so that the rendering never holds more than a
                // few hundred blocks.
                for part in diags.chunks(256) {
                    let shown = tigang::render::report_in(text, &input.shown, part, &how, map);
                    write(&mut out, shown.as_bytes())?;
                }
            }
            Format::Json => reports.push((input, diags, how.lang)),
        }
    }
    match args.format {
        Format::Json => {
            let style = if args.pretty || io::stdout().is_terminal() {
                json::Style::Pretty
            } else {
                json::Style::Compact
            };
            let mut report = json::CheckReport::new(style);
            for (input, diagnostics, lang) in &reports {
                report.file(&input.name, input.name_hex().as_deref(), diagnostics, *lang);
            }
            write(&mut out, report.finish().as_bytes())?;
            write(&mut out, b"\n")?;
        }
        Format::Human => {
            let [info, warning, error] = counts;
            if info + warning + error > 0 {
                let summary = tigang::render::summary(summary_lang, error, warning, info);
                write(&mut out, format!("{summary}\n").as_bytes())?;
            }
        }
    }
    flush(&mut out)?;
    Ok(if unreadable {
        ExitCode::from(report::EXIT_USAGE)
    } else if denied {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write(out: &mut impl Write, bytes: &[u8]) -> Result<(), String> {
    match out.write_all(bytes) {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("cannot write output: {e}")),
        _ => Ok(()),
    }
}
