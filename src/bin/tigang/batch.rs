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
use crate::input::{self, Input, Reading};
use crate::report::{self, plural};
use crate::write;

/// Where results go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    Stdout,
    /// One file per input below this folder.
    Dir(PathBuf),
    /// The one input's result to this file (`-o FILE`).
    File(PathBuf),
}

/// Everything a run needs besides the list of inputs.
#[derive(Debug)]
pub struct Job {
    pub style: Style,
    pub reading: Reading,
    pub dest: Dest,
    /// Write `==> name <==` before each document on stdout.
    pub headers: bool,
    /// Several documents (or `-o`/`--jsonl`): show progress and a summary.
    pub batch: bool,
    pub quiet: bool,
    pub jobs: Option<NonZeroUsize>,
}

/// Worker threads at most, per core: more only adds memory and switching
/// (`-j 100000` would start a hundred thousand threads).
const JOBS_PER_CORE: usize = 4;

/// What became of one input.
struct Outcome {
    /// The rendered result, for stdout (empty when written to a file).
    output: Result<Vec<u8>, String>,
    /// The result could not be written under `-o` (exit status 2).
    write_failed: bool,
    /// A note for stderr (a guessed encoding).
    note: Option<String>,
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
        write_failed: false,
        note: None,
        headings: 0,
        encoding: "",
        replaced: 0,
    };
    let decoded = input::read_text(input, &job.reading);
    let read = match decoded {
        Ok(t) => t,
        Err(e) => {
            outcome.output = Err(e);
            return outcome;
        }
    };
    let (text, decoded) = (read.text(), &read.extracted);
    outcome.encoding = decoded.source.encoding.unwrap_or("");
    outcome.replaced = decoded.replaced;
    // The --lossy note is the loop's; the guess is said here.
    outcome.note = input::read_notes(input, decoded)
        .into_iter()
        .find(|n| n.contains("encoding guessed"));
    let doc = tigang::parse_with(text, &decoded.parse_options());
    outcome.headings = doc.headings().count();
    let hex = input.name_hex();
    let meta = meta(input, decoded, text, hex.as_deref());
    let mut out = Vec::with_capacity(text.len() * 2);
    if job.headers {
        out.extend_from_slice(format!("==> {} <==\n", input.shown).as_bytes());
    }
    // Writing into memory cannot fail.
    let _ = format::render(&doc, &meta, job.style, &mut out);
    if let Dest::Dir(dir) = &job.dest {
        let path = output_path(dir, &input.rel, job.style.format);
        outcome.output = write::create(dir, &path, &out, true).map(|()| Vec::new());
        outcome.write_failed = outcome.output.is_err();
    } else {
        outcome.output = Ok(out);
    }
    outcome
}

fn meta<'m>(
    input: &'m Input,
    extracted: &'m tigang::input::Extracted,
    text: &'m str,
    hex: Option<&'m str>,
) -> format::Meta<'m> {
    format::Meta {
        file: &input.name,
        file_hex: hex,
        extracted,
        text,
    }
}

/// `-j N` (default: one per core), at most [`JOBS_PER_CORE`] per core and
/// never more than there are inputs.
fn threads(jobs: Option<NonZeroUsize>, inputs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    jobs.map_or(cores, NonZeroUsize::get)
        .min(cores * JOBS_PER_CORE)
        .min(inputs.max(1))
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
    if let ([input], false, Dest::Stdout | Dest::File(_)) = (inputs, job.batch, &job.dest) {
        return single(input, job);
    }
    let started = Instant::now();
    let colour = colour();
    let bar = progress_bar(inputs.len(), job, colour);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads(job.jobs, inputs.len()))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let stop = AtomicBool::new(false);
    let mut collector = Collector {
        stdout: io::BufWriter::with_capacity(1 << 16, io::stdout().lock()),
        bar: &bar,
        colour,
        stop: &stop,
        write_error: None,
        tally: Tally::default(),
    };
    std::thread::scope(|s| {
        let results = start_workers(s, pool, inputs, job, &stop);
        collector.in_order(results, inputs);
    });
    // The outputs' folders, synced once for the whole batch.
    write::sync_folders();
    let flushed = collector.flush();
    bar.finish_and_clear();
    match flushed {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(format!("cannot write output: {e}")),
        Ok(()) => {}
    }
    let tally = &collector.tally;
    if job.batch && !job.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!("{}", summary(inputs.len(), tally, &job.dest, colour, secs));
    }
    exit_status(tally)
}

/// What a batch's outcomes add up to.
#[derive(Default)]
struct Tally {
    /// Inputs that could not be read, decoded or written.
    files_failed: usize,
    headings: usize,
    /// U+FFFD replacements (`--lossy`), all files together.
    replaced: usize,
    /// Results that could not be written under `-o DIR` (exit status 2).
    writes_failed: usize,
}

/// Starts the workers on `pool`, inside `scope`: each input is processed and
/// its outcome sent with its index; they stop taking inputs once `stop` is
/// set. The receiver gets the outcomes as they are done.
fn start_workers<'s>(
    scope: &'s std::thread::Scope<'s, '_>,
    pool: rayon::ThreadPool,
    inputs: &'s [Input],
    job: &'s Job,
    stop: &'s AtomicBool,
) -> mpsc::Receiver<(usize, Outcome)> {
    // Bounded, so workers cannot run far ahead of a slow reader of stdout.
    let (tx, rx) = mpsc::sync_channel::<(usize, Outcome)>(4 * pool.current_num_threads().max(1));
    scope.spawn(move || {
        pool.install(|| {
            // `par_bridge` hands out inputs in order, so results arrive
            // roughly in order and the reorder buffer of `in_order` stays small.
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
    rx
}

/// Takes the outcomes in input order, on the main thread: writes their
/// results to stdout, says their notes and failures above the progress bar,
/// and counts.
struct Collector<'r> {
    stdout: io::BufWriter<io::StdoutLock<'static>>,
    bar: &'r ProgressBar,
    colour: bool,
    /// Set on the first failed write to stdout: the workers stop.
    stop: &'r AtomicBool,
    /// That failed write's error; later results are not written.
    write_error: Option<io::Error>,
    tally: Tally,
}

impl Collector<'_> {
    /// Takes every outcome from `results`, holding back those that come
    /// before an earlier input's.
    fn in_order(&mut self, results: mpsc::Receiver<(usize, Outcome)>, inputs: &[Input]) {
        let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
        let mut next = 0;
        for (i, outcome) in results {
            self.bar.inc(1);
            pending.insert(i, outcome);
            while let Some(o) = pending.remove(&next) {
                self.take(&inputs[next].shown, o);
                next += 1;
            }
        }
    }

    /// One input's outcome (`name` as messages show it).
    fn take(&mut self, name: &str, o: Outcome) {
        self.tally.headings += o.headings;
        self.tally.replaced += o.replaced;
        self.tally.writes_failed += usize::from(o.write_failed);
        if let Some(note) = &o.note {
            self.bar.suspend(|| eprintln!("{note}"));
        }
        match o.output {
            Ok(bytes) => {
                if o.replaced > 0 {
                    self.bar.suspend(|| {
                        eprintln!(
                            "tigang: {name}: {} of {} replaced with U+FFFD (--lossy)",
                            plural(o.replaced, "undecodable byte sequence"),
                            o.encoding
                        )
                    });
                }
                if self.write_error.is_none() {
                    if let Err(e) = self.stdout.write_all(&bytes) {
                        self.write_error = Some(e);
                        self.stop.store(true, Ordering::Relaxed);
                    }
                }
            }
            Err(reason) => {
                self.tally.files_failed += 1;
                let prefix = prefix(self.colour);
                self.bar.suspend(|| eprintln!("{prefix}{reason}"));
            }
        }
    }

    /// The end of stdout: the first write's error, or the last flush's.
    fn flush(&mut self) -> io::Result<()> {
        match self.write_error.take() {
            Some(e) => Err(e),
            None => self.stdout.flush(),
        }
    }
}

/// The summary line of a batch: files, headings, failures (red on a colour
/// terminal), replacements, where the results went, time.
fn summary(files: usize, tally: &Tally, dest: &Dest, colour: bool, secs: f64) -> String {
    let failed = tally.files_failed;
    let failed = if failed > 0 && colour {
        format!("\x1b[31m{failed} failed\x1b[0m")
    } else {
        format!("{failed} failed")
    };
    let mut line = format!(
        "tigang: {}, {}, {failed}",
        plural(files, "file"),
        plural(tally.headings, "heading")
    );
    if tally.replaced > 0 {
        line.push_str(&format!(", {}", plural(tally.replaced, "replacement")));
    }
    if let Dest::Dir(dir) = dest {
        line.push_str(&format!(", written to {}", report::shown(dir)));
    }
    line.push_str(&format!(", {secs:.2} s"));
    line
}

/// 2 (an `Err`) when results could not be written, 1 when files failed, 0
/// otherwise.
fn exit_status(tally: &Tally) -> Result<ExitCode, String> {
    if tally.writes_failed > 0 {
        return Err(format!(
            "{} could not be written",
            plural(tally.writes_failed, "result")
        ));
    }
    Ok(if tally.files_failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One document to standard output, rendered straight into it: the JSON of a
/// 20 MB document is never held in memory as a whole.
fn single(input: &Input, job: &Job) -> Result<ExitCode, String> {
    let decoded = input::read_text(input, &job.reading);
    let read = match decoded {
        Ok(t) => t,
        Err(reason) => {
            eprintln!("{}{reason}", prefix(colour()));
            // A PDF, an image or a program given alone is a usage error.
            let usage = input::is_not_a_document(&reason, input);
            return Ok(ExitCode::from(if usage { report::EXIT_USAGE } else { 1 }));
        }
    };
    let (text, decoded) = (read.text(), &read.extracted);
    for note in input::read_notes(input, decoded) {
        eprintln!("{note}");
    }
    let doc = tigang::parse_with(text, &decoded.parse_options());
    let hex = input.name_hex();
    let meta = meta(input, decoded, text, hex.as_deref());
    if let Dest::File(path) = &job.dest {
        // Rendered in memory, then written atomically (README, "Safety").
        let mut bytes = Vec::with_capacity(text.len() * 2);
        let _ = format::render(&doc, &meta, job.style, &mut bytes);
        let root = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        write::create(root, path, &bytes, false)?;
        return Ok(ExitCode::SUCCESS);
    }
    // One document: its checks may take the second core while the
    // outline is written.
    let spare = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    let style = format::Style {
        alongside: spare,
        ..job.style
    };
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = if job.headers {
        out.write_all(format!("==> {} <==\n", input.shown).as_bytes())
    } else {
        Ok(())
    }
    .and_then(|()| format::render(&doc, &meta, style, &mut out))
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
