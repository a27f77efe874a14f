//! The `tigang` command line: a thin layer over the library. Each subcommand
//! lives in its own module; `input` finds and reads documents (the library's
//! `tigang::input` turns bytes into text), `format` renders, `batch` runs many files in parallel.

mod batch;
mod check;
mod fmt;
mod format;
mod input;
mod parse;
mod terminal;
mod write;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "tigang",
    version,
    about = "Recover the outline of Chinese documents (一、（一）1.（1）① 一是 第一条 【篇1】…)",
    after_help = "Examples:\n  tigang parse examples/speech.txt\n  tigang parse --format json report.txt > report.json\n  cat report.txt | tigang parse -\n  tigang parse --format markdown speeches/ -o md/\n  tigang parse --format chunks --max-chars 500 speeches/ > chunks.jsonl\n  tigang check report.txt\n  tigang fmt --diff report.txt\n\nSee `tigang parse --help` for formats, encodings and exit statuses."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the outline of documents (files, folders or standard input).
    Parse(parse::Args),
    /// Report numbering mistakes: skipped, repeated or backward numbers, mixed forms…
    Check(check::Args),
    /// Fix numbering: renumber every series, unify marker forms.
    Fmt(fmt::Args),
    /// Serve editors: a Language Server on stdin/stdout (README, "Editors").
    Lsp,
}

/// `tigang lsp`: the library's server on stdin/stdout. Exit status 1 when
/// it stops other than by `shutdown` and `exit`, as LSP asks.
fn lsp() -> Result<ExitCode, String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        eprintln!(
            "tigang lsp: 这是供编辑器启动的语言服务器，经标准输入输出收发 JSON-RPC；配置方法见 README 的 Editors 一节。\n\
             tigang lsp: a language server for editors, speaking JSON-RPC on stdin/stdout; README, \"Editors\", shows how to set one up."
        );
    }
    match tigang::lsp::stdio() {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("tigang lsp: {e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Exit status for usage and I/O errors.
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Check(args) => check::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Lsp => lsp(),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("tigang: {msg}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
