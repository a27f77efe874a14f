//! `tigang parse`: print the outline of a document.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::input;

#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Tree)]
    format: Format,
    /// The document (UTF-8 text); `-` reads standard input.
    file: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// The JSON of the spec (§7).
    Json,
    /// A compact indented outline for people and snapshot tests.
    Tree,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let text = input::read_text(&args.file)?;
    let doc = tigang::parse(&text);
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n")),
        Format::Tree => out.write_all(tigang::render::tree(&doc).as_bytes()),
    };
    match written.and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("cannot write output: {e}")),
        _ => Ok(ExitCode::SUCCESS),
    }
}
