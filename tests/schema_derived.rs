//! `schema/` is derived from the records' one description
//! (`tigang::render::record`): this test writes each schema from the
//! [`Record`] tables and fails when the committed file differs, so a field
//! added to a record reaches the schema (and `tests/schema.rs` then checks
//! the schema against real output). After changing a record:
//!
//! ```sh
//! TIGANG_REGENERATE=1 cargo test --test all schema_derived
//! ```

use std::fmt::Write;

use tigang::render::record::{self, Field, Presence, Record, Ty};

/// A JSON value with its members in the order written.
enum J {
    Str(String),
    Num(u64),
    Null,
    Arr(Vec<J>),
    Obj(Vec<(&'static str, J)>),
}

fn s(v: &str) -> J {
    J::Str(v.to_string())
}

/// Laid out as `serde_json`'s pretty printer lays it out.
fn write(out: &mut String, v: &J, depth: usize) {
    let pad = |out: &mut String, d: usize| out.push_str(&"  ".repeat(d));
    match v {
        J::Str(x) => out.push_str(&serde_json::to_string(x).unwrap()),
        J::Num(n) => write!(out, "{n}").unwrap(),
        J::Null => out.push_str("null"),
        J::Arr(items) if items.is_empty() => out.push_str("[]"),
        J::Arr(items) => {
            out.push_str("[\n");
            for (i, x) in items.iter().enumerate() {
                pad(out, depth + 1);
                write(out, x, depth + 1);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(out, depth);
            out.push(']');
        }
        J::Obj(members) => {
            out.push_str("{\n");
            for (i, (k, x)) in members.iter().enumerate() {
                pad(out, depth + 1);
                write!(out, "{}: ", serde_json::to_string(k).unwrap()).unwrap();
                write(out, x, depth + 1);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            pad(out, depth);
            out.push('}');
        }
    }
}

fn reference(name: &str) -> J {
    J::Obj(vec![("$ref", J::Str(format!("#/$defs/{name}")))])
}

fn strings<'a>(names: impl IntoIterator<Item = &'a str>, null: bool) -> J {
    let mut v: Vec<J> = names.into_iter().map(s).collect();
    if null {
        v.push(J::Null);
    }
    J::Arr(v)
}

/// `{"type": t}`, or `{"type": [t, "null"]}` when the field may be null.
fn typed(t: &str, null: bool) -> (&'static str, J) {
    if null {
        ("type", strings([t, "null"], false))
    } else {
        ("type", s(t))
    }
}

/// The schema of one field's value; `own` is the record it belongs to.
fn field(f: &Field, own: &Record, defs: &mut Vec<&'static Record>) -> J {
    let null = f.presence == Presence::Nullable;
    let mut m: Vec<(&'static str, J)> = Vec::new();
    if !f.doc.is_empty() {
        m.push(("description", s(f.doc)));
    }
    let mut list = |m: &mut Vec<(&'static str, J)>, r: &'static Record, min: u64| {
        if !defs.iter().any(|d| std::ptr::eq(*d, r)) {
            defs.push(r);
        }
        m.push(("type", s("array")));
        m.push(("items", reference(r.name)));
        if min > 0 {
            m.push(("minItems", J::Num(min)));
        }
    };
    let or_null = |m: &mut Vec<(&'static str, J)>, r: J| {
        if null {
            m.push(("oneOf", J::Arr(vec![r, J::Obj(vec![("type", s("null"))])])));
        } else {
            m.extend(match r {
                J::Obj(v) => v,
                _ => unreachable!(),
            });
        }
    };
    match f.ty {
        Ty::Str => m.push(typed("string", null)),
        Ty::Pattern(p) => {
            m.push(typed("string", null));
            m.push(("pattern", s(p)));
        }
        Ty::Uint(min) => {
            m.push(typed("integer", null));
            m.push(("minimum", J::Num(min)));
        }
        Ty::Const(json) => {
            let v: serde_json::Value = serde_json::from_str(json).unwrap();
            let c = match v {
                serde_json::Value::Number(n) => J::Num(n.as_u64().unwrap()),
                serde_json::Value::String(x) => J::Str(x),
                other => panic!("a const of {other}"),
            };
            m.push(("const", c));
        }
        Ty::Enum(names) => m.push(("enum", strings(names.iter().copied(), null))),
        Ty::Kind => or_null(&mut m, reference("kind")),
        Ty::ChunkKind => m.push((
            "enum",
            strings(
                std::iter::once("preamble").chain(tigang::MarkerKind::ALL.map(|k| k.as_str())),
                null,
            ),
        )),
        Ty::LevelFrom => m.push((
            "enum",
            strings(tigang::LevelFrom::ALL.map(|l| l.as_str()), null),
        )),
        Ty::Format => m.push((
            "enum",
            strings(tigang::input::Format::ALL.map(|f| f.as_str()), null),
        )),
        Ty::Span => or_null(&mut m, reference("span")),
        Ty::Uints => {
            m.push(("type", s("array")));
            let item = vec![("type", s("integer")), ("minimum", J::Num(0))];
            m.push(("items", J::Obj(item)));
            m.push(("minItems", J::Num(1)));
        }
        Ty::Strings => {
            m.push(("type", s("array")));
            m.push(("items", J::Obj(vec![("type", s("string"))])));
        }
        Ty::List(r, min) => list(&mut m, r, min),
        Ty::ListOfSelf => {
            m.push(("type", s("array")));
            m.push(("items", reference(own.name)));
        }
        Ty::Object(r) => {
            if !defs.iter().any(|d| std::ptr::eq(*d, r)) {
                defs.push(r);
            }
            or_null(&mut m, reference(r.name));
        }
        _ => panic!("a type the schema generator does not know: {:?}", f.ty),
    }
    J::Obj(m)
}

/// `type`, `required` and `properties` of a record.
fn object(r: &'static Record, defs: &mut Vec<&'static Record>) -> Vec<(&'static str, J)> {
    let required = r
        .fields
        .iter()
        .filter(|f| f.presence != Presence::Optional)
        .map(|f| f.name);
    let properties = r
        .fields
        .iter()
        .map(|f| (f.name, field(f, r, defs)))
        .collect();
    vec![
        ("type", s("object")),
        ("required", strings(required, false)),
        ("properties", J::Obj(properties)),
    ]
}

/// The schema of `root` and every record it holds.
fn schema(root: &'static Record, file: &str, title: &str) -> String {
    let mut defs = Vec::new();
    let mut top = vec![
        ("$schema", s("https://json-schema.org/draft/2020-12/schema")),
        (
            "$id",
            J::Str(format!("https://github.com/tigang/tigang/schema/{file}")),
        ),
        ("title", s(title)),
        ("description", s(root.doc)),
    ];
    top.extend(object(root, &mut defs));
    let mut d = vec![
        (
            "span",
            J::Obj(vec![
                (
                    "description",
                    s("[start, end) byte offsets into the decoded text."),
                ),
                ("type", s("array")),
                (
                    "prefixItems",
                    J::Arr(
                        (0..2)
                            .map(|_| J::Obj(vec![("type", s("integer")), ("minimum", J::Num(0))]))
                            .collect(),
                    ),
                ),
                ("minItems", J::Num(2)),
                ("maxItems", J::Num(2)),
            ]),
        ),
        (
            "kind",
            J::Obj(vec![(
                "enum",
                strings(tigang::MarkerKind::ALL.map(|k| k.as_str()), false),
            )]),
        ),
    ];
    // Records found while describing others are described in turn.
    let mut i = 0;
    while i < defs.len() {
        let r = defs[i];
        let mut m = vec![("description", s(r.doc))];
        m.extend(object(r, &mut defs));
        d.push((r.name, J::Obj(m)));
        i += 1;
    }
    top.push(("$defs", J::Obj(d)));
    let mut out = String::new();
    write(&mut out, &J::Obj(top), 0);
    out.push('\n');
    out
}

fn check(root: &'static Record, file: &str, title: &str) {
    let fresh = schema(root, file, title);
    let path = format!("{}/schema/{file}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("TIGANG_REGENERATE").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == fresh,
        "schema/{file} differs from what the records of tigang::render::record describe; \
         regenerate it with `TIGANG_REGENERATE=1 cargo test --test all schema_derived`"
    );
}

#[test]
fn document_schema_is_derived_from_the_records() {
    check(
        &record::DOCUMENT,
        "tigang.schema.json",
        "tigang outline (schema 2)",
    );
}

#[test]
fn chunk_schema_is_derived_from_the_records() {
    check(
        &record::CHUNK,
        "chunk.schema.json",
        "tigang retrieval chunk",
    );
}

#[test]
fn check_report_schema_is_derived_from_the_records() {
    check(
        &record::CHECK_FILE,
        "check.schema.json",
        "tigang check report entry",
    );
}

#[test]
fn every_field_is_in_the_schema() {
    let text = schema(&record::DOCUMENT, "x", "x");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let heading = &v["$defs"]["heading"]["properties"];
    for f in record::HEADING.fields {
        assert!(heading.get(f.name).is_some(), "{} missing", f.name);
    }
}
