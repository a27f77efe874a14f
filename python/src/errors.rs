//! Python exceptions. The classes are defined in `tigang/_errors.py` (so
//! that they can also derive from `ValueError`, `LookupError` or
//! `OSError`); this module raises them with the command line's messages.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use tigang::input::decode::DecodeError;

use crate::source::LoadError;

macro_rules! class {
    ($fn:ident, $name:literal) => {
        fn $fn(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
            static CELL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
            CELL.import(py, "tigang._errors", $name)
        }
    };
}

class!(decode_error, "DecodeError");
class!(unknown_encoding_error, "UnknownEncodingError");
class!(read_error, "ReadError");
class!(not_found_error, "FileNotFound");
class!(unsupported_error, "UnsupportedFileError");
class!(usage_error, "UsageError");

/// Builds the exception for `e`; `name` (a path, or `None` for bytes given
/// directly) goes before the message as on the command line.
pub fn load_error(py: Python<'_>, e: &LoadError, name: Option<&str>) -> PyErr {
    let message = match name {
        Some(name) => format!("{name}: {e}"),
        None => e.to_string(),
    };
    let made = (|| -> PyResult<PyErr> {
        let class = match e {
            LoadError::UnknownEncoding(_) => unknown_encoding_error(py)?,
            LoadError::Decode(DecodeError::NotText { .. }) => unsupported_error(py)?,
            LoadError::Decode(_) => decode_error(py)?,
            LoadError::Io(reason) if reason == "no such file" => not_found_error(py)?,
            LoadError::Io(_) => read_error(py)?,
        };
        let err = class.call1((message.as_str(),))?;
        if let LoadError::Decode(DecodeError::Malformed(m)) = e {
            err.setattr("encoding", m.encoding)?;
            err.setattr("offset", m.offset)?;
            err.setattr("line", m.line)?;
        }
        if let Some(name) = name {
            err.setattr("filename", name)?;
        }
        Ok(PyErr::from_value(err))
    })();
    made.unwrap_or_else(|err| err)
}

/// A bad argument (`style="…"`, `encoding=` with a `str`).
pub fn usage(py: Python<'_>, message: String) -> PyErr {
    match usage_error(py) {
        Ok(class) => match class.call1((message,)) {
            Ok(err) => PyErr::from_value(err),
            Err(e) => e,
        },
        Err(e) => e,
    }
}
