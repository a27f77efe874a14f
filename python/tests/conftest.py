"""Shared fixtures: the documents to test on and the command line to compare
with. The CLI is ``$TIGANG_BIN`` or the repository's ``target/debug/tigang``
(``cargo build`` makes it; CI runs ``cargo test`` first)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"


def text_documents() -> list[Path]:
    """Every fixture, the example speech and the corpus (text and Word, when
    ../shared is there): the documents the JSON and chunks must match the
    CLI on."""
    docs = [*sorted(FIXTURES.glob("*.txt")), ROOT / "examples" / "speech.txt"]
    for folder in ("seeds", "real"):
        docs += sorted((CORPUS / folder).glob("*.txt"))
    # Word documents, read by the library's reader as the CLI reads them.
    docs += sorted((CORPUS / "docx").glob("*.docx"))
    # A PDF converter's Markdown and its content list (with pages).
    docs += sorted((CORPUS / "converted").glob("*.md"))
    docs += sorted((CORPUS / "converted").glob("*_content_list.json"))
    docs += sorted((CORPUS / "converted").glob("*.content_list.json"))
    return docs


def cli_path() -> Path:
    env = os.environ.get("TIGANG_BIN")
    path = Path(env) if env else ROOT / "target" / "debug" / "tigang"
    if not path.is_file():
        pytest.fail(f"no tigang binary at {path}: run `cargo build` or set TIGANG_BIN")
    return path


def run_cli(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Runs the CLI; its output as bytes."""
    return subprocess.run(
        [str(cli_path()), *map(str, args)], capture_output=True, check=check, timeout=120
    )


@pytest.fixture(params=text_documents(), ids=lambda p: p.name)
def document_path(request: pytest.FixtureRequest) -> Path:
    return request.param
