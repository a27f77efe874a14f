//! The `tigang` command line: a thin layer over the library. Each subcommand
//! lives in its own module; `input` finds and reads documents (the library's
//! `tigang::input` turns bytes into text), `format` renders, `batch` runs many files in parallel.
//! `report` holds the messages they all share; imports point down, from
//! `main` to the subcommands to `batch`, `input` and `write`, to `report`,
//! `terminal` and `format` (`.ci/modules.py`).

mod batch;
mod check;
mod fmt;
mod format;
mod input;
mod memory;
mod parse;
mod report;
mod terminal;
mod write;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

#[global_allocator]
static ALLOCATOR: memory::Guarded = memory::Guarded;

#[derive(Parser)]
#[command(
    name = "tigang",
    version,
    propagate_version = true,
    about = "Recover the outline of Chinese documents (一、（一）1.（1）① 一是 第一条 【篇1】…)",
    after_help = "Examples:\n  tigang parse examples/speech.txt\n  tigang parse --format json report.txt > report.json\n  cat report.txt | tigang parse\n  tigang parse --format markdown speeches/ -o md/\n  tigang parse --format chunks --max-chars 500 speeches/ > chunks.jsonl\n  tigang check report.txt\n  tigang fmt --diff report.txt\n\nSee `tigang parse --help` for formats, encodings and exit statuses."
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Examples:\n  tigang completions bash > ~/.local/share/bash-completion/completions/tigang\n  tigang completions zsh > ~/.zfunc/_tigang\n  tigang completions fish > ~/.config/fish/completions/tigang.fish"
    )]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `tigang man | man -l -`, `tigang man parse`.
    Man {
        /// A subcommand whose page to print (parse, check, fmt, …).
        subcommand: Option<String>,
    },
}

/// `tigang completions SHELL`: the script on stdout.
fn completions(shell: clap_complete::Shell) -> Result<ExitCode, String> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "tigang", &mut out);
    write_stdout(&out)
}

/// `tigang man [SUBCOMMAND]`: the manual page of tigang or of one subcommand.
fn man(sub: Option<String>) -> Result<ExitCode, String> {
    let mut cmd = Cli::command();
    cmd.build();
    let page = match &sub {
        None => cmd,
        Some(name) => {
            let found = cmd.find_subcommand(name).cloned().ok_or_else(|| {
                format!("man: no subcommand `{name}`; try parse, check, fmt, lsp, completions")
            })?;
            found.name(format!("tigang-{name}").leak() as &str)
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .map_err(|e| format!("cannot render the manual page: {e}"))?;
    write_stdout(&out)
}

fn write_stdout(bytes: &[u8]) -> Result<ExitCode, String> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(format!("cannot write output: {e}")),
    }
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Check(args) => check::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Lsp => lsp(),
        Command::Completions { shell } => completions(shell),
        Command::Man { subcommand } => man(subcommand),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("tigang: {msg}");
            ExitCode::from(report::EXIT_USAGE)
        }
    }
}
