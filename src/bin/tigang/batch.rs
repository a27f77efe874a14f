//! Running `parse` over many files: in parallel (rayon), results written in
//! input order, a progress bar on a terminal, failures reported as they come
//! while the rest go on, and a summary line at the end.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::format::{self, Format, Style};
use crate::input::{self, Input};

/// Where results go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    Stdout,
    /// One file per input below this folder.
    Dir(PathBuf),
}

/// Everything a run needs besides the list of inputs.
#[derive(Debug)]
pub struct Job {
    pub style: Style,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub lossy: bool,
    pub dest: Dest,
    /// Write `==> name <==` before each document on stdout.
    pub headers: bool,
    /// Several documents (or `-o`/`--jsonl`): show progress and a summary.
    pub batch: bool,
    pub quiet: bool,
    pub jobs: Option<NonZeroUsize>,
}

impl Job {
    /// How the library reads each input.
    fn options(&self) -> tigang::input::Options {
        tigang::input::Options::default()
            .encoding(self.encoding)
            .lossy(self.lossy)
    }
}

/// What became of one input.
struct Outcome {
    /// The rendered result, for stdout (empty when written to a file).
    output: Result<Vec<u8>, String>,
    headings: usize,
    encoding: &'static str,
    replaced: usize,
}

/// The file `rel` is written to under `-o dir`: same relative path, the
/// format's extension.
pub fn output_path(dir: &Path, rel: &Path, format: Format) -> PathBuf {
    dir.join(rel).with_extension(format.extension())
}

/// Reads, decodes, parses and renders one input; writes it when the
/// destination is a folder. Runs on a worker thread.
fn process(input: &Input, job: &Job) -> Outcome {
    let mut outcome = Outcome {
        output: Ok(Vec::new()),
        headings: 0,
        encoding: "",
        replaced: 0,
    };
    let decoded = match input::read_document(input, &job.options()) {
        Ok(d) => d,
        Err(e) => {
            outcome.output = Err(e.message);
            return outcome;
        }
    };
    outcome.encoding = decoded.source.encoding.unwrap_or("");
    outcome.replaced = decoded.replaced;
    let doc = tigang::parse(&decoded.text);
    outcome.headings = doc.headings().count();
    let meta = format::Meta {
        file: &input.name,
        extracted: &decoded,
    };
    let mut out = Vec::with_capacity(decoded.text.len() * 2);
    if job.headers {
        out.extend_from_slice(format!("==> {} <==\n", input.name).as_bytes());
    }
    // Writing into memory cannot fail.
    let _ = format::render(&doc, &meta, job.style, &mut out);
    if let Dest::Dir(dir) = &job.dest {
        let path = output_path(dir, &input.rel, job.style.format);
        outcome.output = write_file(input, &path, &out).map(|()| Vec::new());
    } else {
        outcome.output = Ok(out);
    }
    outcome
}

fn write_file(input: &Input, path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = path.display();
    if !input.is_stdin() && same_file(&input.path, path) {
        return Err(format!(
            "{}: the result would overwrite the input ({shown}); choose another -o folder",
            input.name
        ));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("{}: cannot create folder: {e}", parent.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{shown}: cannot write: {e}"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether to colour stderr: a terminal, and NO_COLOR unset or empty
/// (<https://no-color.org>).
fn colour() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn progress_bar(len: usize, job: &Job, colour: bool) -> ProgressBar {
    if !job.batch || job.quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let template = if colour {
        "{spinner:.green} {elapsed_precise} [{bar:40.cyan/blue}] {pos}/{len} files, eta {eta}"
    } else {
        "{spinner} {elapsed_precise} [{bar:40}] {pos}/{len} files, eta {eta}"
    };
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Runs the job over `inputs` and reports. Exit status 0 when every file was
/// done, 1 when some failed, 2 (an `Err`) when the output cannot be written.
pub fn run(inputs: &[Input], job: &Job) -> Result<ExitCode, String> {
    if let ([input], false, Dest::Stdout) = (inputs, job.batch, &job.dest) {
        return single(input, job);
    }
    let started = Instant::now();
    let colour = colour();
    let bar = progress_bar(inputs.len(), job, colour);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(job.jobs.map_or(0, NonZeroUsize::get))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;

    let stop = AtomicBool::new(false);
    // Bounded, so workers cannot run far ahead of a slow reader of stdout.
    let (tx, rx) = mpsc::sync_channel::<(usize, Outcome)>(4 * pool.current_num_threads().max(1));
    let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut files_failed = 0usize;
    let mut headings = 0usize;
    let mut replaced = 0usize;
    let mut write_error: Option<io::Error> = None;

    std::thread::scope(|s| {
        let stop = &stop;
        s.spawn(move || {
            pool.install(|| {
                // `par_bridge` hands out inputs in order, so results arrive
                // roughly in order and the reorder buffer below stays small.
                inputs
                    .iter()
                    .enumerate()
                    .par_bridge()
                    .for_each_with(tx, |tx, (i, input)| {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        let _ = tx.send((i, process(input, job)));
                    });
            });
        });

        let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
        let mut next = 0;
        for (i, outcome) in rx {
            bar.inc(1);
            pending.insert(i, outcome);
            while let Some(o) = pending.remove(&next) {
                next += 1;
                headings += o.headings;
                replaced += o.replaced;
                match o.output {
                    Ok(bytes) => {
                        if o.replaced > 0 {
                            let name = &inputs[next - 1].name;
                            bar.suspend(|| {
                                eprintln!(
                                    "tigang: {name}: {} undecodable byte sequence(s) of {} replaced with U+FFFD (--lossy)",
                                    o.replaced, o.encoding
                                )
                            });
                        }
                        if write_error.is_none() {
                            if let Err(e) = stdout.write_all(&bytes) {
                                write_error = Some(e);
                                stop.store(true, Ordering::Relaxed);
                            }
                        }
                    }
                    Err(reason) => {
                        files_failed += 1;
                        bar.suspend(|| eprintln!("{}{reason}", prefix(colour)));
                    }
                }
            }
        }
    });
    let flushed = match write_error {
        Some(e) => Err(e),
        None => stdout.flush(),
    };
    bar.finish_and_clear();
    match flushed {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(format!("cannot write output: {e}")),
        Ok(()) => {}
    }

    if job.batch && !job.quiet {
        let secs = started.elapsed().as_secs_f64();
        let failed = if files_failed > 0 && colour {
            format!("\x1b[31m{files_failed} failed\x1b[0m")
        } else {
            format!("{files_failed} failed")
        };
        let mut line = format!(
            "tigang: {} file{}, {headings} headings, {failed}",
            inputs.len(),
            if inputs.len() == 1 { "" } else { "s" }
        );
        if replaced > 0 {
            line.push_str(&format!(", {replaced} replacements"));
        }
        if let Dest::Dir(dir) = &job.dest {
            line.push_str(&format!(", written to {}", dir.display()));
        }
        line.push_str(&format!(", {secs:.2} s"));
        eprintln!("{line}");
    }
    Ok(if files_failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One document to standard output, rendered straight into it: the JSON of a
/// 20 MB document is never held in memory as a whole.
fn single(input: &Input, job: &Job) -> Result<ExitCode, String> {
    let decoded = match input::read_document(input, &job.options()) {
        Ok(d) => d,
        Err(failure) => {
            eprintln!("{}{}", prefix(colour()), failure.message);
            // A PDF, an image or a program given alone is a usage error.
            let code = if failure.not_a_document {
                crate::EXIT_USAGE
            } else {
                1
            };
            return Ok(ExitCode::from(code));
        }
    };
    if decoded.replaced > 0 {
        eprintln!(
            "tigang: {}: {} undecodable byte sequence(s) of {} replaced with U+FFFD (--lossy)",
            input.name,
            decoded.replaced,
            decoded.source.encoding.unwrap_or("")
        );
    }
    let doc = tigang::parse(&decoded.text);
    let meta = format::Meta {
        file: &input.name,
        extracted: &decoded,
    };
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = if job.headers {
        out.write_all(format!("==> {} <==\n", input.name).as_bytes())
    } else {
        Ok(())
    }
    .and_then(|()| format::render(&doc, &meta, job.style, &mut out))
    .and_then(|()| out.flush());
    match written {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(format!("cannot write output: {e}")),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

/// `tigang: ` before a failure, in red on a colour terminal.
pub fn prefix(colour: bool) -> &'static str {
    if colour {
        "\x1b[1;31mtigang:\x1b[0m "
    } else {
        "tigang: "
    }
}
