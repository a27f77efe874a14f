"""The package prints what the command line prints: the JSON byte for byte,
the chunk records, the diagnostics and the fixed text, on every fixture and
corpus text (spec §7: JSON produced by the library's serialisation)."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

import tigang


def test_json_equals_the_cli(document_path):
    # Into a pipe the CLI prints compact JSON; --pretty (or a terminal)
    # indents it as to_json() does by default. Both byte for byte.
    cli = run_cli("parse", "--format", "json", document_path).stdout
    doc = tigang.read(document_path)
    assert (doc.to_json(indent=None) + "\n").encode("utf-8") == cli
    assert cli.count(b"\n") == 1
    assert doc.to_dict() == json.loads(cli)
    pretty = run_cli("parse", "--format", "json", "--pretty", document_path).stdout
    assert (doc.to_json() + "\n").encode("utf-8") == pretty
    assert json.loads(pretty) == json.loads(cli)


def test_unchecked_json_equals_the_cli(document_path):
    cli = run_cli("parse", "--format", "json", "--no-check", document_path).stdout
    doc = tigang.read(document_path)
    assert (doc.to_json(indent=None, check=False) + "\n").encode("utf-8") == cli
    unchecked = doc.to_dict(check=False)
    assert "diagnostics" not in unchecked
    checked = doc.to_dict()
    checked.pop("diagnostics")
    assert unchecked == checked


def test_one_line_json_equals_jsonl(document_path):
    line = json.loads(run_cli("parse", "--jsonl", document_path).stdout)
    assert line.pop("file") == str(document_path)
    doc = tigang.read(document_path)
    assert json.loads(doc.to_json(indent=None)) == line
    assert "\n" not in doc.to_json(indent=None)


@pytest.mark.parametrize("max_chars,min_chars", [(None, None), (300, None), (None, 50), (200, 40)])
def test_chunks_equal_the_cli(document_path, max_chars, min_chars):
    args = ["parse", "--format", "chunks"]
    if max_chars:
        args += ["--max-chars", str(max_chars)]
    if min_chars:
        args += ["--min-chars", str(min_chars)]
    cli = [json.loads(line) for line in run_cli(*args, document_path).stdout.splitlines()]
    doc = tigang.read(document_path)
    ours = doc.chunks(max_chars=max_chars, min_chars=min_chars)
    text = doc.text
    stripped = []
    merged: set[str] = set()
    for c in ours:
        start, end, heading = c.pop("start"), c.pop("end"), c.pop("heading")
        # Character offsets slice the text the byte span covers.
        assert len(text[:start].encode("utf-8")) == c["span"][0]
        assert len(text[:end].encode("utf-8")) == c["span"][1]
        # A heading's first chunk starts at its marker, unless its start was
        # merged into the chunk of a heading it lies in.
        if c["piece"] == 1 and c["kind"] != "preamble" and heading not in merged:
            assert text[start:].startswith(c["marker"])
        merged.update(c.get("merged", []))
        assert (heading == "") == (c["kind"] == "preamble")
        stripped.append(c)
    assert stripped == cli


def test_check_equals_the_cli(document_path):
    out = run_cli(
        "check", "--format", "json", "--lang", "en", "--deny", "never", document_path
    ).stdout
    (report,) = json.loads(out)
    doc = tigang.read(document_path)
    assert [d.to_dict() for d in tigang.check(doc)] == report["diagnostics"]
    raw = doc.text.encode("utf-8")
    for d in doc.diagnostics:
        assert doc.text[d.start : d.end].encode("utf-8") == raw[d.span[0] : d.span[1]]
        assert d.message == d.to_dict()["message"]


def test_fmt_equals_the_cli(document_path):
    if document_path.suffix in (".docx", ".json"):
        # fmt refuses Word documents and converters' content lists (the CLI
        # too); the others are text.
        return
    cli = run_cli("fmt", document_path).stdout.decode("utf-8")
    doc = tigang.read(document_path)
    if doc.encoding != "UTF-8":
        pytest.fail(f"{document_path} is {doc.encoding}; fmt prints UTF-8 text only")
    assert tigang.fmt(doc.text) == cli
    cli = run_cli("fmt", "--style", "gbt9704", document_path).stdout.decode("utf-8")
    assert tigang.fmt(doc.text, style="gbt9704") == cli
