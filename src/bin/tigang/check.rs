//! `tigang check`: report numbering mistakes, rustc style or as JSON.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use tigang::{Code, Severity};

use crate::input;

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
    #[command(flatten)]
    read: input::ReadArgs,
    /// The documents (any encoding `parse` reads); `-` reads standard input.
    #[arg(required = true)]
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

#[derive(serde::Serialize)]
struct FileReport<'a> {
    file: String,
    /// The file name's bytes in hex, when they are not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    file_hex: Option<String>,
    diagnostics: &'a [tigang::Diagnostic],
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let reading = args.read.resolve()?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut reports = Vec::new();
    let mut counts = [0usize; 3];
    let mut denied = false;
    let mut unreadable = false;
    for file in &args.files {
        let input = input::Input::new(file.clone(), file.clone());
        let decoded = input::read_bytes(&input, reading.max_size)
            .and_then(|bytes| input::decode_bytes(&input, bytes, &reading, true));
        let text = match decoded {
            Ok(d) => {
                for note in [input::lossy_note(&input, &d), input::guess_note(&input, &d)] {
                    note.into_iter().for_each(|n| eprintln!("{n}"));
                }
                d.text
            }
            Err(msg) => {
                eprintln!("tigang: {msg}");
                unreadable = true;
                continue;
            }
        };
        let doc = tigang::parse(&text);
        let diags: Vec<_> = tigang::check(&doc)
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
        match args.format {
            Format::Human => {
                let text = tigang::render::diagnostics(&text, &input.shown, &diags);
                write(&mut out, text.as_bytes())?;
            }
            Format::Json => reports.push((input, diags)),
        }
    }
    match args.format {
        Format::Json => {
            let files: Vec<_> = reports
                .iter()
                .map(|(input, diagnostics)| FileReport {
                    file: input.name.clone(),
                    file_hex: input.name_hex(),
                    diagnostics,
                })
                .collect();
            let json = serde_json::to_string_pretty(&files).map_err(|e| e.to_string())?;
            write(&mut out, json.as_bytes())?;
            write(&mut out, b"\n")?;
        }
        Format::Human => {
            let [info, warning, error] = counts;
            if info + warning + error > 0 {
                let summary = format!(
                    "{} {}, {} {}, {} info\n",
                    error,
                    plural(error, "error"),
                    warning,
                    plural(warning, "warning"),
                    info
                );
                write(&mut out, summary.as_bytes())?;
            }
        }
    }
    flush(&mut out)?;
    Ok(if unreadable {
        ExitCode::from(crate::EXIT_USAGE)
    } else if denied {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.into()
    } else {
        format!("{word}s")
    }
}

/// The last write: an error here (a full disk) must not pass for success.
pub fn flush(out: &mut impl Write) -> Result<(), String> {
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("cannot write output: {e}")),
        _ => Ok(()),
    }
}

fn write(out: &mut impl Write, bytes: &[u8]) -> Result<(), String> {
    match out.write_all(bytes) {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("cannot write output: {e}")),
        _ => Ok(()),
    }
}
