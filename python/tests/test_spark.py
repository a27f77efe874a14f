"""examples/spark/outlines.py on the corpus, with spark-submit --master
local[2]: as many chunk rows as `tigang parse --format chunks` prints for the
same files, the same records, and each outline equal to the CLI's JSON.
Runs when pyspark is installed (CI installs it; TIGANG_REQUIRE_SPARK=1
fails instead of skipping without it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, FIXTURES, ROOT, run_cli

if os.environ.get("TIGANG_REQUIRE_SPARK"):
    import pyspark  # noqa: F401
else:
    pytest.importorskip("pyspark")

import pyarrow.parquet as pq

JOB = ROOT / "examples" / "spark" / "outlines.py"


def spark_submit() -> str:
    here = Path(sys.executable).parent / "spark-submit"
    found = str(here) if here.exists() else shutil.which("spark-submit")
    if not found:
        pytest.fail("pyspark is installed but spark-submit is not on PATH")
    return found


def test_spark_job_matches_the_cli(tmp_path: Path):
    corpus = CORPUS if CORPUS.is_dir() else FIXTURES
    out = tmp_path / "out"
    # The executors' Python is this one, where tigang is installed.
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    options = ["--max-chars", "300", "--min-chars", "30"]
    done = subprocess.run(
        [spark_submit(), "--master", "local[2]", str(JOB), str(corpus), str(out), *options],
        capture_output=True,
        env=env,
        # Not python/, where the package's sources would shadow the
        # installed extension in the executors.
        cwd=tmp_path,
        timeout=900,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    errors = [line for line in stderr.splitlines() if "Error" in line and "\tat " not in line]
    assert done.returncode == 0, "\n".join(errors[:20]) or stderr[-3000:]
    summary = json.loads(done.stdout.decode().strip().splitlines()[-1])

    cli = run_cli("parse", "--format", "chunks", *options, corpus)
    want = [json.loads(line) for line in cli.stdout.splitlines()]
    rows = pq.read_table(out / "chunks").to_pylist()
    assert len(rows) == len(want) == summary["chunks"]
    assert summary["failed"] == 0 and summary["files"] == len({c["file"] for c in want})

    def key(c: dict) -> tuple:
        # Spark names files by URI (file:/…); the CLI by the path found.
        return (c["file"].removeprefix("file:"), c["span"][0], c["piece"])

    for row in rows:
        row.pop("heading"), row.pop("start"), row.pop("end")
        # Optional fields: a null column where the CLI leaves them out.
        for optional in ("merged", "page"):
            if row[optional] is None:
                row.pop(optional)
    got = sorted(rows, key=key)
    want.sort(key=key)
    for g, w in zip(got, want):
        assert key(g) == key(w)
        g["file"] = w["file"]
        assert g == w

    outlines = pq.read_table(out / "outlines").to_pylist()
    assert len(outlines) == summary["files"]
    for o in outlines:
        path = o["file"].removeprefix("file:")
        assert o["error"] is None
        cli_json = json.loads(run_cli("parse", "--format", "json", path).stdout)
        assert json.loads(o["outline"]) == cli_json, path
        assert o["headings"] > 0 or not cli_json["children"]
