//! The library's records (`tigang::render::record`) as Python dictionaries:
//! the same fields in the same order as the command line's JSON, walked
//! from the one description, with keys and names interned once.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use tigang::render::record::{
    self, DiagnosticIn, Emit, Field, HeadingIn, Presence, Record, TextIn, Value,
};

/// Builds one dictionary per record emitted, nested records inside.
pub struct PyEmit<'py> {
    py: Python<'py>,
    /// The records being built, innermost last.
    open: Vec<Bound<'py, PyDict>>,
    /// The last record finished.
    done: Option<Bound<'py, PyDict>>,
    /// Interned keys, by field.
    keys: Vec<(&'static Field, Bound<'py, PyString>)>,
    /// The last string of each field, by field: a string that every record
    /// repeats (a chunk's `document`) is made once.
    last: Vec<(&'static Field, *const u8, usize, Bound<'py, PyString>)>,
    /// Each heading's label, made once (by heading index).
    labels: Vec<Option<Bound<'py, PyString>>>,
    /// An item the next record starts with (a field of Python's own).
    first: Option<(Bound<'py, PyString>, Bound<'py, PyAny>)>,
}

impl<'py> PyEmit<'py> {
    /// A writer for a document of `headings` headings.
    pub fn new(py: Python<'py>, headings: usize) -> Self {
        PyEmit {
            py,
            open: Vec::new(),
            done: None,
            keys: Vec::new(),
            last: Vec::new(),
            labels: vec![None; headings],
            first: None,
        }
    }

    /// Makes `key: value` the first item of the next record.
    pub fn first_item(&mut self, key: Bound<'py, PyString>, value: Bound<'py, PyAny>) {
        self.first = Some((key, value));
    }

    /// The dictionary of the record `emit` writes.
    pub fn dict(
        &mut self,
        emit: impl FnOnce(&mut Self) -> PyResult<()>,
    ) -> PyResult<Bound<'py, PyDict>> {
        emit(self)?;
        Ok(self.done.take().expect("a record was emitted"))
    }

    /// The interned key of `f`.
    pub fn key(&mut self, f: &'static Field) -> Bound<'py, PyString> {
        if let Some((_, k)) = self.keys.iter().find(|(g, _)| std::ptr::eq(*g, f)) {
            return k.clone();
        }
        let k = PyString::intern(self.py, f.name);
        self.keys.push((f, k.clone()));
        k
    }

    /// The label of heading `n` (`tigang::render::label`), made once.
    pub fn label(&mut self, n: tigang::Node<'_, '_>) -> Bound<'py, PyString> {
        let py = self.py;
        self.labels[n.index()]
            .get_or_insert_with(|| PyString::new(py, &tigang::render::label(&n)))
            .clone()
    }

    /// A list of the records `each` emits, one per item.
    fn list<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut each: impl FnMut(&mut Self, T) -> PyResult<()>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let list = PyList::empty(self.py);
        for item in items {
            let d = self.dict(|e| each(e, item))?;
            list.append(d)?;
        }
        Ok(list.into_any())
    }

    /// `s` as the value of `f`: the string made for `f` last time when `s`
    /// is the same slice of the same text.
    fn str(&mut self, f: &'static Field, s: &str) -> Bound<'py, PyString> {
        let (ptr, len) = (s.as_ptr(), s.len());
        match self.last.iter_mut().find(|(g, ..)| std::ptr::eq(*g, f)) {
            Some((_, p, l, obj)) if *p == ptr && *l == len => obj.clone(),
            Some(entry) => {
                let obj = PyString::new(self.py, s);
                (entry.1, entry.2, entry.3) = (ptr, len, obj.clone());
                obj
            }
            None => {
                let obj = PyString::new(self.py, s);
                self.last.push((f, ptr, len, obj.clone()));
                obj
            }
        }
    }

    fn value(&mut self, f: &'static Field, v: Value<'_>) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        Ok(match v {
            Value::Str(s) => self.str(f, s).into_any(),
            Value::Name(s) => PyString::intern(py, s).into_any(),
            Value::String(s) => PyString::new(py, &s).into_any(),
            Value::Uint(n) => n.into_pyobject(py)?.into_any(),
            // A list, as `json.loads` of the CLI's line gives.
            Value::Span(s) => PyList::new(py, [s.start, s.end])?.into_any(),
            Value::Path(p) => PyList::new(py, p)?.into_any(),
            Value::Labels(nodes) => {
                let list = PyList::empty(py);
                for n in nodes {
                    list.append(self.label(*n))?;
                }
                list.into_any()
            }
            Value::Texts(texts, pages) => {
                self.list(texts, |e, text| record::text(e, TextIn { text, pages }))?
            }
            Value::Headings(children, sourced) => self.list(children, |e, node| {
                record::heading(e, HeadingIn { node, sourced })
            })?,
            Value::Toc(entries) => self.list(entries, record::toc_entry)?,
            Value::Diagnostics(diags, lang) => self.list(diags.iter(), |e, d| {
                record::diagnostic(e, DiagnosticIn { d, lang })
            })?,
            Value::Source(s) => self.dict(|e| record::source(e, s))?.into_any(),
            Value::Suggestion(s) => self.dict(|e| record::suggestion(e, s))?.into_any(),
            Value::Edits(edits) => self.list(edits, record::edit)?,
            _ => py.None().into_bound(py),
        })
    }
}

impl Emit for PyEmit<'_> {
    type Error = PyErr;

    fn begin(&mut self, _: &'static Record) -> PyResult<()> {
        let d = PyDict::new(self.py);
        if let Some((k, v)) = self.first.take() {
            d.set_item(k, v)?;
        }
        self.open.push(d);
        Ok(())
    }

    fn field(&mut self, f: &'static Field, value: Option<Value<'_>>) -> PyResult<()> {
        let v = match value {
            Some(v) => self.value(f, v)?,
            None if f.presence == Presence::Nullable => self.py.None().into_bound(self.py),
            None => return Ok(()),
        };
        let k = self.key(f);
        self.open.last().expect("inside a record").set_item(k, v)
    }

    fn end(&mut self, _: &'static Record) -> PyResult<()> {
        self.done = self.open.pop();
        Ok(())
    }
}
