//! The library's records (`tigang::render::record`) as Python dictionaries:
//! the same fields in the same order as the command line's JSON, walked
//! from the one description, with keys and names interned once.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use tigang::render::record::{
    self, DiagnosticIn, Emit, Field, HeadingIn, Presence, Record, TextIn, Value,
};

/// What [`PyEmit`] keeps for one record of the description.
struct Slot<'py> {
    record: &'static Record,
    /// Each field's key, interned once.
    keys: Vec<Bound<'py, PyString>>,
    /// Each field's last string value: its bytes and the Python string.
    last: Vec<Option<(*const u8, usize, Bound<'py, PyString>)>>,
}

/// Builds one dictionary per record emitted, nested records inside.
pub struct PyEmit<'py> {
    py: Python<'py>,
    /// The records being built, innermost last, each with its slot.
    open: Vec<(Bound<'py, PyDict>, usize)>,
    /// The last record finished.
    done: Option<Bound<'py, PyDict>>,
    /// What is kept per record written: its keys, and the last string of
    /// each field.
    slots: Vec<Slot<'py>>,
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
            slots: Vec::new(),
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

    /// `s` as the value of field `i` of the innermost record: the string
    /// made last time when `s` is the same slice of the same text (a chunk's
    /// `document` is made once, not once per chunk).
    fn str(&mut self, i: usize, s: &str) -> Bound<'py, PyString> {
        let slot = self.open.last().expect("inside a record").1;
        let last = &mut self.slots[slot].last[i];
        match last {
            Some((p, l, obj)) if *p == s.as_ptr() && *l == s.len() => obj.clone(),
            _ => {
                let obj = PyString::new(self.py, s);
                *last = Some((s.as_ptr(), s.len(), obj.clone()));
                obj
            }
        }
    }

    fn value(&mut self, i: usize, v: Value<'_>) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        Ok(match v {
            Value::Str(s) => self.str(i, s).into_any(),
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

    fn begin(&mut self, record: &'static Record) -> PyResult<()> {
        let d = PyDict::new(self.py);
        if let Some((k, v)) = self.first.take() {
            d.set_item(k, v)?;
        }
        let slot = match self
            .slots
            .iter()
            .position(|s| std::ptr::eq(s.record, record))
        {
            Some(i) => i,
            None => {
                let py = self.py;
                self.slots.push(Slot {
                    record,
                    keys: record
                        .fields
                        .iter()
                        .map(|f| PyString::intern(py, f.name))
                        .collect(),
                    last: vec![None; record.fields.len()],
                });
                self.slots.len() - 1
            }
        };
        self.open.push((d, slot));
        Ok(())
    }

    fn field(&mut self, f: &'static Field, value: Option<Value<'_>>) -> PyResult<()> {
        let slot = self.open.last().expect("inside a record").1;
        // The field's place in its record's table.
        let fields = self.slots[slot].record.fields;
        let i = (f as *const Field as usize - fields.as_ptr() as usize) / size_of::<Field>();
        let v = match value {
            Some(v) => self.value(i, v)?,
            None if f.presence == Presence::Nullable => self.py.None().into_bound(self.py),
            None => return Ok(()),
        };
        let (d, slot) = self.open.last().expect("inside a record");
        d.set_item(&self.slots[*slot].keys[i], v)
    }

    fn end(&mut self, _: &'static Record) -> PyResult<()> {
        self.done = self.open.pop().map(|(d, _)| d);
        Ok(())
    }
}
