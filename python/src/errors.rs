//! Python exceptions. The classes are defined in `tigang/_errors.py` (so
//! that they can also derive from `ValueError`, `LookupError` or
//! `OSError`); this module raises them with the command line's messages.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyModule, PyType};

use tigang::input::decode::DecodeError;

use crate::source::LoadError;

/// A class of `tigang._errors`, looked up once.
fn class<'py>(py: Python<'py>, name: &'static str) -> PyResult<Bound<'py, PyType>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module =
        MODULE.get_or_try_init(py, || Ok::<_, PyErr>(py.import("tigang._errors")?.unbind()))?;
    Ok(module.bind(py).getattr(name)?.cast_into()?)
}

/// Builds the exception for `e`; `name` (a path, or `None` for bytes given
/// directly) goes before the message as on the command line.
pub fn load_error(py: Python<'_>, e: &LoadError, name: Option<&str>) -> PyErr {
    let message = match name {
        Some(name) => format!("{name}: {e}"),
        None => e.to_string(),
    };
    let made = (|| -> PyResult<PyErr> {
        let class = class(py, e.class_name())?;
        let err = class.call1((message.as_str(),))?;
        if let Some(DecodeError::Malformed(m)) = match e {
            LoadError::Read(r) => r.decode_error(),
            _ => None,
        } {
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
    match class(py, "UsageError") {
        Ok(class) => match class.call1((message,)) {
            Ok(err) => PyErr::from_value(err),
            Err(e) => e,
        },
        Err(e) => e,
    }
}
