//! The `tigang` command line: a thin layer over the library.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "tigang",
    version,
    about = "Recover the outline of Chinese documents (一、（一）1.（1）① 一是 第一条 【篇1】…)",
    after_help = "Examples:\n  tigang parse examples/speech.txt\n  tigang parse --format json report.txt > report.json\n  cat report.txt | tigang parse -"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the outline of a document.
    Parse {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Tree)]
        format: Format,
        /// The document (UTF-8 text); `-` reads standard input.
        file: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// The JSON of the spec (§7).
    Json,
    /// A compact indented outline for people and snapshot tests.
    Tree,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse { format, file } => match run_parse(&file, format) {
            Ok(()) => ExitCode::SUCCESS,
            Err(msg) => {
                eprintln!("tigang: {msg}");
                ExitCode::from(2)
            }
        },
    }
}

fn run_parse(file: &Path, format: Format) -> Result<(), String> {
    let text = read_text(file)?;
    let doc = tigang::parse(&text);
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = match format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n")),
        Format::Tree => out.write_all(tigang::render::tree(&doc).as_bytes()),
    };
    match written.and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("cannot write output: {e}")),
        _ => Ok(()),
    }
}

/// Reads a file (or stdin for `-`) as UTF-8, with an error that says what to do.
fn read_text(file: &Path) -> Result<String, String> {
    let name = file.display();
    let bytes = if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        buf
    } else {
        if file.is_dir() {
            return Err(format!("{name}: is a directory; give a text file"));
        }
        std::fs::read(file).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => format!("{name}: no such file"),
            _ => format!("{name}: cannot read: {e}"),
        })?
    };
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        format!(
            "{name}: not valid UTF-8 at byte {at} (line {line}); convert the file to UTF-8 \
             first (e.g. `iconv -f GB18030 -t UTF-8`); other encodings are not read yet"
        )
    })
}
