//! Finding and reading documents: files, folders (searched recursively) and
//! standard input, with errors that say what to do.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

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
    /// How messages and `--jsonl` records name it: the path as found.
    pub name: String,
}

impl Input {
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// What the command line named, expanded to documents in order: each argument
/// in turn, a folder's files sorted by path. Hidden files and folders (`.git`)
/// are skipped inside folders. Also says whether any argument was a folder.
///
/// A path that does not exist or a folder that cannot be listed is an error
/// for the whole run (a typo is better caught before any work).
pub fn expand(args: &[PathBuf]) -> Result<(Vec<Input>, bool), String> {
    let mut out = Vec::new();
    let mut any_dir = false;
    let mut stdin_seen = false;
    for arg in args {
        if arg.as_os_str() == "-" {
            if std::mem::replace(&mut stdin_seen, true) {
                return Err("`-` (standard input) given twice".into());
            }
            out.push(Input {
                path: arg.clone(),
                rel: PathBuf::from("stdin"),
                name: "-".into(),
            });
            continue;
        }
        let meta = std::fs::metadata(arg).map_err(|e| io_message(arg, &e))?;
        if meta.is_dir() {
            any_dir = true;
            let mut found = Vec::new();
            walk(arg, &mut found)?;
            found.sort();
            out.extend(found.into_iter().map(|path| Input {
                rel: path.strip_prefix(arg).unwrap_or(&path).to_path_buf(),
                name: path.display().to_string(),
                path,
            }));
        } else {
            out.push(Input {
                rel: arg.file_name().map_or_else(|| arg.clone(), PathBuf::from),
                name: arg.display().to_string(),
                path: arg.clone(),
            });
        }
    }
    Ok((out, any_dir))
}

/// Collects the text files below `dir`. Symbolic links to folders are not
/// followed, so a link cycle cannot make the walk endless.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_message(dir, &e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io_message(dir, &e))?;
        let name = entry.file_name();
        // Hidden files, and the `~$name.docx` lock files Word leaves beside
        // an open document.
        if name.as_encoded_bytes().first() == Some(&b'.')
            || name.as_encoded_bytes().starts_with(b"~$")
        {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| io_message(&path, &e))?;
        if kind.is_dir() {
            walk(&path, found)?;
        } else if is_text_name(&path) && (kind.is_file() || path.is_file()) {
            found.push(path);
        }
    }
    Ok(())
}

fn is_text_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(e)))
}

/// Reads a document's bytes.
pub fn read_bytes(input: &Input) -> Result<Vec<u8>, String> {
    if input.is_stdin() {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(buf);
    }
    std::fs::read(&input.path).map_err(|e| io_message(&input.path, &e))
}

/// `PATH: reason` for an I/O error, in words rather than an errno.
pub fn io_message(path: &Path, e: &io::Error) -> String {
    let name = path.display();
    match e.kind() {
        io::ErrorKind::NotFound => format!("{name}: no such file"),
        io::ErrorKind::PermissionDenied => format!("{name}: permission denied"),
        io::ErrorKind::IsADirectory => format!("{name}: is a directory"),
        _ => format!("{name}: cannot read: {e}"),
    }
}

/// Reads a document of any kind (text, Word, HTML) with the library's
/// reader; the error names the file.
pub fn read_document(
    input: &Input,
    options: &tigang::input::Options,
) -> Result<tigang::input::Extracted, ReadFailure> {
    let bytes = read_bytes(input).map_err(|message| ReadFailure {
        message,
        not_a_document: false,
    })?;
    tigang::input::read(bytes, options).map_err(|e| ReadFailure {
        message: format!("{}: {e}", input.name),
        not_a_document: matches!(
            e.kind(),
            tigang::input::ErrorKind::NotText | tigang::input::ErrorKind::Unsupported
        ),
    })
}

/// Why a document could not be read, and whether it is no document at all
/// (a PDF, an image, a program: exit 2 when it is the only input).
#[derive(Debug)]
pub struct ReadFailure {
    pub message: String,
    pub not_a_document: bool,
}

/// The [`Input`] for a path given to `check` or `fmt`.
pub fn named(file: &Path) -> Input {
    Input {
        path: file.to_path_buf(),
        rel: file
            .file_name()
            .map_or_else(|| file.to_path_buf(), PathBuf::from),
        name: if file.as_os_str() == "-" {
            "-".into()
        } else {
            file.display().to_string()
        },
    }
}

/// Reads and decodes a text file (or stdin for `-`) for `fmt`, with the
/// encoding detected as `parse` does; `fmt --write` encodes the result back
/// with [`tigang::input::decode::encode`]. Word documents, web pages and
/// files that are no text are refused: fmt only ever rewrites text.
pub fn read_decoded(file: &Path) -> Result<tigang::input::decode::Decoded, String> {
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
        std::fs::read(file).map_err(|e| io_message(file, &e))?
    };
    use tigang::input::sniff::{Kind, sniff};
    match sniff(&bytes) {
        Kind::Text => {}
        kind @ (Kind::Docx | Kind::Html) => {
            return Err(format!(
                "{name}: {}: tigang fmt rewrites text files only and never writes Word documents or web pages; fix the numbering in the document itself (`tigang check {name}` lists the mistakes) (fmt 只改写纯文本文件)",
                kind.describe()
            ));
        }
        _ => {
            let err = tigang::input::read(bytes, &Default::default())
                .err()
                .map_or_else(|| "not a text file".to_owned(), |e| e.to_string());
            return Err(format!("{name}: {err}"));
        }
    }
    tigang::input::decode::decode(bytes, None, false).map_err(|e| format!("{name}: {e}"))
}
