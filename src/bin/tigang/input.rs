//! Finding and reading documents: files, folders (searched recursively) and
//! standard input, with errors that say what to do. Only regular files are
//! read (a FIFO or a device named on the command line is refused, without
//! blocking), never more than `--max-size` bytes, and a binary file is
//! refused from its first bytes.

use std::ffi::OsStr;
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use tigang::input::decode::{self, DecodeError, Decoded};
use tigang::input::sniff;

use crate::report::{io_message, plural, shown};

/// File name endings read from a folder (compared without case). Files named
/// on the command line are read whatever their name (what they are is told
/// by their content).
pub const TEXT_EXTENSIONS: [&str; 7] = ["txt", "text", "md", "markdown", "docx", "html", "htm"];

/// One document to read.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where to read it; `-` is standard input.
    pub path: PathBuf,
    /// Its path below the folder it was found in (its file name when named
    /// directly; `stdin` for standard input): where its result goes under `-o DIR`.
    pub rel: PathBuf,
    /// How JSON names it: the path as found (U+FFFD for bytes that are not
    /// UTF-8; [`Input::name_hex`] has them).
    pub name: String,
    /// How messages name it on a terminal: control characters escaped.
    pub shown: String,
    /// Its path with every symbolic link resolved, when the folder walk
    /// already knows it (a plain file below a resolved folder); else None.
    pub real: Option<PathBuf>,
}

impl Input {
    /// The input for a path as given.
    pub fn new(path: PathBuf, rel: PathBuf) -> Input {
        let (name, shown) = if path.as_os_str() == "-" {
            ("-".to_string(), "-".to_string())
        } else {
            (path.to_string_lossy().into_owned(), shown(&path))
        };
        Input {
            path,
            rel,
            name,
            shown,
            real: None,
        }
    }

    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// The name's bytes in hex when they are not UTF-8 (`--jsonl`'s
    /// `file_hex`): `name` alone could not give them back.
    pub fn name_hex(&self) -> Option<String> {
        name_hex(self.path.as_os_str())
    }
}

/// A path's bytes in lower-case hex when they are not UTF-8.
pub fn name_hex(name: &OsStr) -> Option<String> {
    if name.to_str().is_some() {
        return None;
    }
    Some(
        name.as_encoded_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
}

/// What the command line named, expanded to documents in order: each argument
/// in turn, a folder's files sorted by path. Hidden files and folders (`.git`)
/// are skipped inside folders. Also returns the folders given.
///
/// A path that does not exist or a folder that cannot be listed is an error
/// for the whole run (a typo is better caught before any work).
pub fn expand(args: &[PathBuf]) -> Result<(Vec<Input>, Vec<PathBuf>), String> {
    let mut out = Vec::new();
    let mut dirs = Vec::new();
    let mut stdin_seen = false;
    for arg in args {
        if arg.as_os_str() == "-" {
            if std::mem::replace(&mut stdin_seen, true) {
                return Err("`-` (standard input) given twice".into());
            }
            out.push(Input::new(arg.clone(), PathBuf::from("stdin")));
            continue;
        }
        let meta = std::fs::metadata(arg).map_err(|e| io_message(arg, &e))?;
        if meta.is_dir() {
            dirs.push(arg.clone());
            let mut found = Vec::new();
            walk(arg, &mut found)?;
            found.sort();
            // The walk enters no linked folder, so a plain file's resolved
            // path is the folder's joined with the rest: one resolution for
            // the folder instead of one per file (`-o` checks, parse.rs).
            let real_dir = std::fs::canonicalize(arg).ok();
            out.extend(found.into_iter().map(|(path, plain)| {
                let rel = path.strip_prefix(arg).unwrap_or(&path).to_path_buf();
                let real = real_dir.as_ref().filter(|_| plain).map(|d| d.join(&rel));
                Input {
                    real,
                    ..Input::new(path, rel)
                }
            }));
        } else {
            let rel = arg.file_name().map_or_else(|| arg.clone(), PathBuf::from);
            out.push(Input::new(arg.clone(), rel));
        }
    }
    Ok((out, dirs))
}

/// The documents the arguments name, each argument expanded on its own: a
/// path that cannot be found is reported and the others go on (the run then
/// exits with 2), where [`expand`] stops at the first.
pub fn expand_each(args: &[PathBuf], failed: &mut bool) -> Vec<Input> {
    let mut out = Vec::new();
    for arg in args {
        match expand(std::slice::from_ref(arg)) {
            Ok((found, _)) => out.extend(found),
            Err(msg) => {
                eprintln!("tigang: {msg}");
                *failed = true;
            }
        }
    }
    out
}

/// The paths given, or `-` (standard input) when none is given and standard
/// input is not a terminal (`cat FILE | tigang parse`). With a terminal and
/// no path there is nothing to read: a usage error.
pub fn or_stdin(paths: Vec<PathBuf>, command: &str) -> Result<Vec<PathBuf>, String> {
    use std::io::IsTerminal;
    if !paths.is_empty() {
        return Ok(paths);
    }
    if io::stdin().is_terminal() {
        return Err(format!(
            "{command}: no input: give a file or folder, or pipe text into it (`cat FILE | tigang {command}`) / 请给出文件或目录，或经管道输入文本"
        ));
    }
    Ok(vec![PathBuf::from("-")])
}

/// A count of at least 1 (`--max-chars`, `--min-chars`, `--jobs`), with a
/// message that says so instead of clap's "number would be zero for
/// non-zero type".
pub fn at_least_one(s: &str) -> Result<std::num::NonZeroUsize, String> {
    let n: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a whole number / 须为正整数"))?;
    std::num::NonZeroUsize::new(n).ok_or_else(|| "must be at least 1 / 至少为 1".to_string())
}

/// Collects the text files below `dir`. Symbolic links to folders are not
/// followed, so a link cycle cannot make the walk endless; FIFOs, devices
/// and sockets are not text files and are left out. Each file comes with
/// whether it is a plain file (not a link).
fn walk(dir: &Path, found: &mut Vec<(PathBuf, bool)>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_message(dir, &e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io_message(dir, &e))?;
        let name = entry.file_name();
        // Hidden files, and the `~$name.docx` lock files Word leaves beside
        // an open document.
        let bytes = name.as_encoded_bytes();
        if bytes.first() == Some(&b'.') || bytes.starts_with(b"~$") {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| io_message(&path, &e))?;
        if kind.is_dir() {
            walk(&path, found)?;
        } else if is_text_name(&path) && (kind.is_file() || path.is_file()) {
            found.push((path, kind.is_file()));
        }
    }
    Ok(())
}

fn is_text_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(e)))
}

/// How to read: the options `parse`, `check` and `fmt` share.
#[derive(clap::Args, Debug, Clone)]
pub struct ReadArgs {
    /// Decode input as NAME (utf-8, gb18030, gbk, big5, utf-16le, utf-16be, …)
    /// instead of detecting it.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Replace bytes that do not decode with U+FFFD (and say how many) instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Refuse inputs larger than SIZE (bytes, or with K, M, G: `--max-size 4G`);
    /// the default is 1 GiB.
    #[arg(long, value_name = "SIZE", default_value = "1G", value_parser = parse_size)]
    pub max_size: u64,
}

/// How to read, resolved.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub lossy: bool,
    pub max_size: u64,
}

impl ReadArgs {
    pub fn resolve(&self) -> Result<Reading, String> {
        let encoding = match &self.encoding {
            Some(name) => Some(decode::encoding_for_label(name).ok_or_else(|| {
                format!(
                    "unknown encoding `{name}`; try utf-8, gb18030, gbk, big5, utf-16le or utf-16be"
                )
            })?),
            None => None,
        };
        Ok(Reading {
            encoding,
            lossy: self.lossy,
            max_size: self.max_size,
        })
    }
}

/// `1048576`, `512K`, `100M`, `1G`, `2GiB` (powers of 1024).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size: give bytes, or a number with K, M or G"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return Err(format!("`{s}`: unknown unit; use K, M or G")),
    };
    if n == 0 {
        return Err("must be at least 1 byte / 至少为 1 字节".into());
    }
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("`{s}` is too large a size"))
}

/// A size for messages: `1 GiB`, `300 MiB`, `12345 bytes`.
pub fn size_text(n: u64) -> String {
    for (shift, unit) in [(40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if n >= 1 << shift && n % (1 << shift) == 0 {
            return format!("{} {unit}", n >> shift);
        }
    }
    format!("{n} bytes")
}

/// How much of a file is read before the rest, to refuse a binary at once.
const HEAD: usize = 64 * 1024;

/// Reads a document's bytes: standard input, or a regular file of at most
/// `max` bytes. Messages start with the document's name.
pub fn read_bytes(input: &Input, max: u64) -> Result<Vec<u8>, String> {
    read_from(input, max, None)
}

/// Regular files at least this large are mapped into memory rather than
/// read ([`read_text`]): reading a 20 MB file into a fresh buffer spent half
/// its time in the kernel clearing the buffer's pages.
const MAP_AT: u64 = 1 << 20;

/// A document read for `parse`: what the reader gave, and its text, which
/// is mapped from the file (a large regular file of plain UTF-8 text) or
/// the reader's own.
pub struct Text {
    pub extracted: tigang::input::Extracted,
    mapped: Option<memmap2::Mmap>,
}

impl Text {
    /// The text every span of the parse refers to.
    pub fn text(&self) -> &str {
        match &self.mapped {
            // SAFETY: `read_text` validated these bytes as UTF-8. The file
            // is mapped, not copied: a file rewritten while it is parsed can
            // break that (as for ripgrep, which maps files the same way), a
            // file cut short ends the process with SIGBUS. `fmt --write` and
            // `check` never map.
            Some(map) => unsafe { std::str::from_utf8_unchecked(map) },
            None => &self.extracted.text,
        }
    }
}

/// [`read_bytes`] then [`read_document`], except that a regular file of at
/// least [`MAP_AT`] bytes is mapped into memory, and parsed where it lies
/// when it is plain UTF-8 text (`tigang::input::read_borrowed`, validated by
/// SIMD); FIFOs, devices, standard input and small files are read.
pub fn read_text(input: &Input, reading: &Reading) -> Result<Text, String> {
    let max = reading.max_size;
    if input.is_stdin() {
        return read_document(input, read_bytes(input, max)?, reading, true).map(owned);
    }
    let file = open_regular(&input.path)?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > max {
        return Err(too_big(input, max));
    }
    if len < MAP_AT {
        return read_document(input, read_from(input, max, Some(file))?, reading, true).map(owned);
    }
    // SAFETY: a mapping of a file another process may change; see `Text::text`.
    let map = match unsafe { memmap2::Mmap::map(&file) } {
        Ok(map) => map,
        Err(_) => {
            return read_document(input, read_from(input, max, Some(file))?, reading, true)
                .map(owned);
        }
    };
    if map.len() as u64 > max {
        return Err(too_big(input, max));
    }
    let kind = sniff::sniff(&map[..map.len().min(HEAD)]);
    if kind.is_binary() && kind != sniff::Kind::Zip {
        return Err(format!("{}: {}", input.shown, not_text(kind)));
    }
    let options = tigang::input::Options::default()
        .encoding(reading.encoding)
        .lossy(reading.lossy);
    if let Some((_, extracted)) = tigang::input::read_borrowed(&map, &options) {
        return Ok(Text {
            extracted,
            mapped: Some(map),
        });
    }
    read_document(input, map.to_vec(), reading, true).map(owned)
}

fn owned(extracted: tigang::input::Extracted) -> Text {
    Text {
        extracted,
        mapped: None,
    }
}

fn too_big(input: &Input, max: u64) -> String {
    format!(
        "{}: larger than --max-size {}; give a larger --max-size to read it",
        input.shown,
        size_text(max)
    )
}

/// [`read_bytes`], from `file` when it is open already.
fn read_from(input: &Input, max: u64, file: Option<File>) -> Result<Vec<u8>, String> {
    let too_big = || {
        format!(
            "{}: larger than --max-size {}; give a larger --max-size to read it",
            input.shown,
            size_text(max)
        )
    };
    let mut buf = Vec::new();
    let mut reader: Box<dyn Read> = if input.is_stdin() {
        Box::new(io::stdin().lock())
    } else {
        let file = match file {
            Some(f) => f,
            None => open_regular(&input.path)?,
        };
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        if len > max {
            return Err(too_big());
        }
        buf.reserve_exact(len as usize);
        Box::new(file)
    };
    let failed = |e: io::Error| {
        if input.is_stdin() {
            format!("cannot read standard input: {e}")
        } else {
            io_message(&input.path, &e)
        }
    };
    // The first bytes alone tell a binary (a PDF, /dev/zero behind `-`).
    (&mut reader)
        .take(HEAD as u64)
        .read_to_end(&mut buf)
        .map_err(failed)?;
    let kind = sniff::sniff(&buf);
    // A ZIP may be a .docx whose document part comes late: the reader
    // looks at its entries.
    if kind.is_binary() && kind != sniff::Kind::Zip {
        return Err(format!("{}: {}", input.shown, not_text(kind)));
    }
    reader
        .take((max + 1).saturating_sub(buf.len() as u64))
        .read_to_end(&mut buf)
        .map_err(failed)?;
    if buf.len() as u64 > max {
        return Err(too_big());
    }
    Ok(buf)
}

/// What to say about a file that is not text: what it is and what to do
/// (`a PDF, not text: extract its text first, e.g. pdftotext -layout …`).
pub fn not_text(kind: sniff::Kind) -> String {
    tigang::input::ReadError::not_text(kind).to_string()
}

/// Whether a message of [`read_bytes`] or [`read_document`] is about a
/// file that is no document at all (exit 2 when it is the only input).
pub fn is_not_a_document(message: &str, input: &Input) -> bool {
    [
        sniff::Kind::Pdf,
        sniff::Kind::Ole,
        sniff::Kind::Rtf,
        sniff::Kind::Png,
        sniff::Kind::Jpeg,
        sniff::Kind::Gif,
        sniff::Kind::Zip,
        sniff::Kind::Archive,
        sniff::Kind::Executable,
        sniff::Kind::Binary,
    ]
    .into_iter()
    .any(|k| message == format!("{}: {}", input.shown, not_text(k)))
}

/// Opens `path` for reading if it is a regular file. The open does not
/// block (a FIFO with no writer would wait forever); what it opened is
/// checked, not what the name pointed to a moment before.
fn open_regular(path: &Path) -> Result<File, String> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| io_message(path, &e))?;
    let meta = file.metadata().map_err(|e| io_message(path, &e))?;
    let kind = meta.file_type();
    let what = if meta.is_file() {
        return Ok(file);
    } else if meta.is_dir() {
        return Err(format!("{}: is a directory; give a text file", shown(path)));
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    };
    Err(format!(
        "{}: is {what}, not a regular file; to read a stream give `-` and redirect it (`tigang parse - < {}`)",
        shown(path),
        shown(path)
    ))
}

/// Decodes a document's bytes as `reading` says; the message of a failure
/// names the file and advises only options the command has (`lossy`:
/// whether it takes `--lossy`).
pub fn decode_bytes(
    input: &Input,
    bytes: Vec<u8>,
    reading: &Reading,
    lossy_allowed: bool,
) -> Result<Decoded, String> {
    decode::decode(bytes, reading.encoding, reading.lossy)
        .map_err(|e| format!("{}: {}", input.shown, advice(&e, lossy_allowed)))
}

/// A decoding error with what to do about it.
pub fn advice(e: &DecodeError, lossy_allowed: bool) -> String {
    match e {
        DecodeError::NotText { kind } => not_text(*kind),
        DecodeError::Malformed(m) if m.damage.is_some() => {
            if lossy_allowed {
                format!("{e}; --lossy replaces the bad bytes with U+FFFD")
            } else {
                format!("{e}; repair the file first")
            }
        }
        _ if lossy_allowed => format!(
            "{e}; use --encoding NAME to choose another encoding or --lossy to replace bad bytes"
        ),
        _ => format!("{e}; use --encoding NAME to choose another encoding"),
    }
}

/// Reads a document of any kind (text, Word, HTML) from its bytes with the
/// library's reader; a message names the file and, for text that does not
/// decode, advises as [`advice`] does.
pub fn read_document(
    input: &Input,
    bytes: Vec<u8>,
    reading: &Reading,
    lossy_allowed: bool,
) -> Result<tigang::input::Extracted, String> {
    let options = tigang::input::Options::default()
        .encoding(reading.encoding)
        .lossy(reading.lossy);
    tigang::input::read(bytes, &options).map_err(|e| match e.decode_error() {
        Some(d) => format!("{}: {}", input.shown, advice(d, lossy_allowed)),
        None => format!("{}: {e}", input.shown),
    })
}

/// The stderr notes of a document read by [`read_document`]: `--lossy`
/// replacements and a guessed encoding.
pub fn read_notes(input: &Input, x: &tigang::input::Extracted) -> Vec<String> {
    let encoding = x.source.encoding.unwrap_or("");
    let mut notes = Vec::new();
    if x.replaced > 0 {
        notes.push(format!(
            "tigang: {}: {} of {encoding} replaced with U+FFFD (--lossy)",
            input.shown,
            plural(x.replaced, "undecodable byte sequence")
        ));
    }
    if x.guessed {
        notes.push(format!(
            "tigang: {}: encoding guessed: {encoding} (low confidence); give --encoding NAME if the text is wrong",
            input.shown
        ));
    }
    notes
}

/// The stderr note for `--lossy` replacements, if there were any.
pub fn lossy_note(input: &Input, d: &Decoded) -> Option<String> {
    (d.replaced > 0).then(|| {
        format!(
            "tigang: {}: {} of {} replaced with U+FFFD (--lossy)",
            input.shown,
            plural(d.replaced, "undecodable byte sequence"),
            d.encoding
        )
    })
}

/// The stderr note for a guessed encoding, if the guess was a weak one.
pub fn guess_note(input: &Input, d: &Decoded) -> Option<String> {
    (d.confidence == decode::Confidence::Low).then(|| {
        format!(
            "tigang: {}: encoding guessed: {} (low confidence); give --encoding NAME if the text is wrong",
            input.shown, d.encoding
        )
    })
}
