"""The Python figures of benches/README.md, measured in one run:

1. ``tigang.parse(text)`` + ``doc.headings()`` on the 20 MB benchmark
   document against the Rust library's ``tigang::parse`` + a walk over the
   headings on the same text in the same process (target: <= 1.5x);
2. ``tigang.chunks(text, max_chars=500)`` against LangChain's
   ``RecursiveCharacterTextSplitter(chunk_size=500)`` on the same text
   (target: >= 10x faster), and how many chunks of each cross a heading;
3. with ``--spark``, the Spark job on generated files, 2 local cores.

    cargo run --release --example gen 20MB 1 > /tmp/speech-20MB.txt
    pip install ./python langchain-text-splitters    # release build
    python python/benches/speed.py /tmp/speech-20MB.txt
    python python/benches/speed.py /tmp/speech-20MB.txt --spark 2000  # gen: target/release/examples
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tigang
from tigang import _tigang


def best(times: list[float]) -> str:
    return f"best {min(times) * 1e3:.1f} ms, median {statistics.median(times) * 1e3:.1f} ms"


def parse_figures(text: str, repeat: int) -> None:
    rust = _tigang._time_rust_parse(text, repeat)
    python = []
    headings = 0
    for _ in range(repeat):
        start = time.perf_counter()
        doc = tigang.parse(text)
        hs = doc.headings()
        python.append(time.perf_counter() - start)
        headings = len(hs)
        del doc, hs
    mb = len(text.encode("utf-8")) / 1e6
    print(f"text: {mb:.2f} MB, {len(text):,} characters, {headings:,} headings")
    print(f"Rust  tigang::parse + headings:     {best(rust)}  ({mb / min(rust):.0f} MB/s)")
    print(f"Python tigang.parse + headings():   {best(python)}  ({mb / min(python):.0f} MB/s)")
    print(
        f"Python / Rust: {min(python) / min(rust):.2f}x best, "
        f"{statistics.median(python) / statistics.median(rust):.2f}x median (target <= 1.5x)"
    )


def crossing(chunks: list[tuple[int, int]], heading_starts: list[int]) -> int:
    """Chunks (start, end in characters) with a heading's marker inside them
    (not at their start): text of two sections in one chunk."""
    n = 0
    for start, end in chunks:
        i = bisect.bisect_right(heading_starts, start)
        if i < len(heading_starts) and heading_starts[i] < end:
            n += 1
    return n


def chunk_figures(text: str, repeat: int) -> None:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    ours = []
    for _ in range(repeat):
        start = time.perf_counter()
        chunks = tigang.chunks(text, max_chars=500)
        ours.append(time.perf_counter() - start)
    splitter = RecursiveCharacterTextSplitter(chunk_size=500, add_start_index=True)
    start = time.perf_counter()
    theirs = splitter.create_documents([text])
    lc = time.perf_counter() - start

    doc = tigang.parse(text)
    heads = sorted(h.marker_start for h in doc.headings())
    ours_cross = crossing([(c["start"], c["end"]) for c in chunks], heads)
    lc_spans = [
        (d.metadata["start_index"], d.metadata["start_index"] + len(d.page_content)) for d in theirs
    ]
    lc_cross = crossing(lc_spans, heads)
    print(
        f"tigang.chunks(max_chars=500): {best(ours)}, {len(chunks):,} chunks, "
        f"{ours_cross} cross a heading, longest {max(c['chars'] for c in chunks)} chars"
    )
    print(
        f"RecursiveCharacterTextSplitter(chunk_size=500), add_start_index: {lc * 1e3:.0f} ms, "
        f"{len(theirs):,} chunks, {lc_cross:,} cross a heading"
    )
    print(f"speed-up: {lc / min(ours):.1f}x (target >= 10x)")


def spark_figures(files: int, gen: str, job: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        total = 0
        for i in range(files):
            size = 4_000 + (i * 7_919) % 60_000  # 4-64 kB, like speeches and reports
            data = subprocess.run([gen, str(size), str(i + 1)], capture_output=True, check=True)
            (folder / f"{i:05}.txt").write_bytes(data.stdout)
            total += len(data.stdout)
        env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
        submit = Path(sys.executable).parent / "spark-submit"
        start = time.perf_counter()
        done = subprocess.run(
            [str(submit), "--master", "local[2]", str(job), str(folder), f"{tmp}/out"],
            capture_output=True,
            env=env,
            check=True,
        )
        wall = time.perf_counter() - start
        summary = json.loads(done.stdout.decode().strip().splitlines()[-1])
        print(f"spark: {files} files, {total / 1e6:.1f} MB, {summary['chunks']:,} chunks")
        print(
            f"  in the job (read, parse, write both tables): {summary['seconds']:.1f} s, "
            f"{summary['files_per_s']} files/s, {summary['mb_per_s']} MB/s"
        )
        print(
            f"  spark-submit wall clock (JVM start included): {wall:.1f} s, "
            f"{files / wall:.1f} files/s, {total / 1e6 / wall:.2f} MB/s"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("document", help="the benchmark document (examples/gen 20MB 1)")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--spark", type=int, metavar="FILES", help="also run the Spark job")
    ap.add_argument("--gen", default="target/release/examples/gen", help="the gen example")
    args = ap.parse_args()
    # newline="": the text exactly as in the file (no \r\n translation).
    with open(args.document, encoding="utf-8", newline="") as f:
        text = f.read()
    print(f"tigang {tigang.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    parse_figures(text, args.repeat)
    chunk_figures(text, max(3, args.repeat // 2))
    if args.spark:
        job = Path(__file__).resolve().parents[2] / "examples" / "spark" / "outlines.py"
        spark_figures(args.spark, args.gen, job)


if __name__ == "__main__":
    main()
