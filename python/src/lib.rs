//! `tigang._tigang`: the Python extension over the tigang library. The
//! Python package (`python/tigang/`) re-exports it with stubs and adds the
//! exceptions and the LangChain splitter.
//!
//! Every function parses, decodes, chunks or formats with the GIL released:
//! the Python `str` is copied into Rust once, then other Python threads run
//! while Rust works.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};

mod document;
mod errors;
mod offsets;
mod records;
mod source;

use document::{
    Diagnostic, Document, Heading, Origin, Paragraph, Source, Suggestion, TocEntry, options,
};

/// Parses a document: a ``str``, or ``bytes`` decoded as the command line
/// decodes files (a BOM, valid UTF-8, then GB18030/GBK or Big5 by
/// detection, or ``encoding``, a label such as ``"gb18030"``). A byte that
/// does not decode raises ``tigang.DecodeError`` naming it, unless
/// ``lossy=True`` replaces it with U+FFFD. Never fails on a ``str``. The GIL
/// is released while Rust decodes and parses.
///
/// >>> doc = tigang.parse("一、提高认识\n（一）压实责任\n")
/// >>> [h.label for h in doc.headings()]
/// ['一、提高认识', '（一）压实责任']
#[pyfunction]
#[pyo3(signature = (source, *, encoding = None, lossy = false))]
fn parse(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    encoding: Option<String>,
    lossy: bool,
) -> PyResult<Py<Document>> {
    if let Ok(s) = source.cast::<PyString>() {
        if encoding.is_some() {
            return Err(errors::usage(
                py,
                "encoding= applies to bytes; a str is already decoded".into(),
            ));
        }
        let text = Source::from_str(s)?;
        // A converter's content list is read as the Markdown it stands for,
        // with pages; its text is that Markdown.
        if tigang::input::content_list::is_content_list(text.as_str()) {
            let bytes = text.as_str().as_bytes().to_vec();
            let doc = py.detach(|| {
                source::load(bytes, None, false).map(|mut x| {
                    let origin = Origin::read(&mut x, None);
                    Document::new(Source::Owned(x.text), origin)
                })
            });
            let doc = doc.map_err(|e| errors::load_error(py, &e, None))?;
            return Py::new(py, doc);
        }
        let origin = Origin::text();
        let doc = py.detach(|| Document::new(text, origin));
        return Py::new(py, doc.with_str(py, s.clone().unbind()));
    }
    let bytes: Vec<u8> = match source.cast::<PyBytes>() {
        Ok(b) => b.as_bytes().to_vec(),
        Err(_) => source.extract().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "parse() takes a str or bytes, not {}",
                source
                    .get_type()
                    .name()
                    .map_or("?".into(), |n| n.to_string())
            ))
        })?,
    };
    let doc = py.detach(|| {
        source::load(bytes, encoding.as_deref(), lossy).map(|mut x| {
            let origin = Origin::read(&mut x, None);
            Document::new(Source::Owned(x.text), origin)
        })
    });
    let doc = doc.map_err(|e| errors::load_error(py, &e, None))?;
    Py::new(py, doc)
}

/// Reads and parses a file: text in any encoding ``parse`` accepts. Errors
/// (``tigang.FileNotFound``, ``ReadError``, ``DecodeError``,
/// ``UnsupportedFileError`` for a PDF, an old ``.doc``, an image…) carry the
/// command line's message, which starts with the path. As the command line
/// reads it: a regular file only (a FIFO or a device is refused, never
/// read), at most ``max_size`` bytes (1 GiB), a binary refused from its
/// first bytes.
#[pyfunction]
#[pyo3(signature = (path, *, encoding = None, lossy = false, max_size = source::MAX_SIZE))]
fn read(
    py: Python<'_>,
    path: PathBuf,
    encoding: Option<String>,
    lossy: bool,
    max_size: u64,
) -> PyResult<Py<Document>> {
    let name = path.display().to_string();
    let doc = py.detach(|| {
        let bytes = source::read_file(&path, max_size)?;
        source::load(bytes, encoding.as_deref(), lossy).map(|mut x| {
            let origin = Origin::read(&mut x, Some(name.clone()));
            Document::new(Source::Owned(x.text), origin)
        })
    });
    let doc = doc.map_err(|e| errors::load_error(py, &e, Some(&name)))?;
    Py::new(py, doc)
}

/// A `Document`, or the document of a `str`/`bytes` parsed now.
fn document<'py>(py: Python<'py>, source: &Bound<'py, PyAny>) -> PyResult<Bound<'py, Document>> {
    match source.cast::<Document>() {
        Ok(d) => Ok(d.clone()),
        Err(_) => Ok(parse(py, source, None, false)?.into_bound(py)),
    }
}

/// Cuts a text (or a ``Document``) into retrieval chunks: one per heading,
/// its title and own body, after one for the preamble; never across a
/// heading. ``max_chars`` splits long bodies at sentence ends, then clause
/// marks. ``min_chars`` merges a chunk shorter than that into a neighbour
/// inside its own section (a title with no body goes with its first
/// sub-heading), never past ``max_chars``. Each dict is a line of
/// ``tigang parse --format chunks`` plus ``heading`` (marker and title) and
/// ``start``/``end``, character offsets into ``Document.text``.
#[pyfunction]
#[pyo3(signature = (source, *, max_chars = None, min_chars = None))]
fn chunks<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    max_chars: Option<usize>,
    min_chars: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let doc = document(py, source)?;
    doc.get().chunk_dicts(py, options(max_chars, min_chars))
}

/// The numbering mistakes ``tigang check`` reports: a skipped number, a
/// duplicate, one out of order, a lonely ``一是``, mixed forms…
#[pyfunction]
fn check<'py>(py: Python<'py>, source: &Bound<'py, PyAny>) -> PyResult<Vec<Diagnostic>> {
    let doc = document(py, source)?;
    let d = doc.get();
    Ok(d.checked()
        .iter()
        .map(|x| Diagnostic::from_lib(d, x))
        .collect())
}

/// The text with its numbering fixed, as ``tigang fmt`` prints it: series
/// renumbered, marker forms unified (``style="majority"``, the default, or
/// ``"gbt9704"`` for 一、（一）1.（1）), doubled delimiters dropped. Only
/// marker characters change.
#[pyfunction]
#[pyo3(signature = (text, style = None))]
fn fmt(py: Python<'_>, text: String, style: Option<String>) -> PyResult<String> {
    let style = match style.as_deref() {
        None | Some("majority") => tigang::fmt::Style::Majority,
        Some("gbt9704") => tigang::fmt::Style::Gbt9704,
        Some(other) => {
            return Err(errors::usage(
                py,
                format!("unknown style `{other}`; possible values: majority, gbt9704"),
            ));
        }
    };
    Ok(py.detach(|| tigang::fmt::format(&text, style)))
}

/// For the benchmarks (`python/benches/speed.py`): seconds of each of
/// `repeat` runs of `tigang::parse` and a walk over its headings, in Rust on
/// the same text, without the GIL; the baseline `tigang.parse(text)` +
/// `headings()` is compared with.
#[pyfunction]
fn _time_rust_parse(py: Python<'_>, text: String, repeat: usize) -> Vec<f64> {
    py.detach(|| {
        (0..repeat)
            .map(|_| {
                let t = std::time::Instant::now();
                let doc = tigang::parse(std::hint::black_box(&text));
                std::hint::black_box(doc.headings().count());
                drop(doc);
                t.elapsed().as_secs_f64()
            })
            .collect()
    })
}

#[pymodule]
fn _tigang(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(chunks, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(fmt, m)?)?;
    m.add_function(wrap_pyfunction!(_time_rust_parse, m)?)?;
    m.add_class::<Document>()?;
    m.add_class::<Heading>()?;
    m.add_class::<Paragraph>()?;
    m.add_class::<TocEntry>()?;
    m.add_class::<Diagnostic>()?;
    m.add_class::<Suggestion>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
