"""Outlines and retrieval chunks of a folder of documents, with Spark.

Reads every text file below INPUT (binaryFile, recursively), parses each one
with tigang inside the executors (mapInArrow: Arrow batches in, Arrow
batches out, no pandas), and writes two Parquet tables under OUTPUT:

- ``OUTPUT/chunks``: one row per chunk, the fields of
  ``tigang parse --format chunks`` (``file`` is the file's path) plus
  ``heading`` and the character offsets ``start``/``end``;
- ``OUTPUT/outlines``: one row per file: path, size, encoding, title,
  heading, chunk and diagnostic counts, the document's JSON
  (``tigang parse --format json``), and ``error`` for a file that could not
  be read (its message, as the command line prints it).

Runs as it is on one machine and on a cluster::

    spark-submit --master local[2] examples/spark/outlines.py CORPUS_DIR OUT_DIR
    spark-submit --master yarn --archives tigang-env.tar.gz#env \\
        --conf spark.pyspark.python=./env/bin/python \\
        examples/spark/outlines.py hdfs:///archive/speeches hdfs:///out/speeches

(README, "Python": how to ship tigang to the executors.)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator

import pyarrow as pa
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

#: The files read in a folder, as `tigang parse` finds them: text, Word and
#: web pages (a Hadoop glob; Spark skips names starting with `.` or `_`, and
#: `_documents` skips Word's `~$` lock files, as tigang does).
GLOB = "*.{txt,text,md,markdown,docx,html,htm,TXT,MD,DOCX,HTML,HTM}"

CHUNK = T.StructType(
    [
        T.StructField("file", T.StringType()),
        T.StructField("document", T.StringType()),
        T.StructField("path", T.ArrayType(T.StringType())),
        T.StructField("kind", T.StringType()),
        T.StructField("marker", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("level", T.IntegerType()),
        T.StructField("level_from", T.StringType()),
        T.StructField("text", T.StringType()),
        T.StructField("span", T.ArrayType(T.LongType())),
        T.StructField("line", T.IntegerType()),
        T.StructField("page", T.IntegerType()),
        T.StructField("chars", T.IntegerType()),
        T.StructField("piece", T.IntegerType()),
        T.StructField("pieces", T.IntegerType()),
        T.StructField("merged", T.ArrayType(T.StringType())),
        T.StructField("heading", T.StringType()),
        T.StructField("start", T.LongType()),
        T.StructField("end", T.LongType()),
    ]
)

OUTLINE = T.StructType(
    [
        T.StructField("file", T.StringType()),
        T.StructField("bytes", T.LongType()),
        T.StructField("encoding", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("headings", T.IntegerType()),
        T.StructField("chunks", T.IntegerType()),
        T.StructField("diagnostics", T.IntegerType()),
        T.StructField("outline", T.StringType()),
        T.StructField("error", T.StringType()),
    ]
)


def _documents(batches: Iterator[pa.RecordBatch]) -> Iterator[tuple[str, int, object]]:
    """Each file of the batches: its path, size, and its tigang Document or
    the error message (the command line's, path first)."""
    import tigang  # imported where it runs: the executors' Python

    for batch in batches:
        paths = batch.column("path").to_pylist()
        for path, content in zip(paths, batch.column("content").to_pylist()):
            if path.rsplit("/", 1)[-1].startswith("~$"):
                continue
            try:
                yield path, len(content), tigang.parse(content)
            except tigang.TigangError as e:
                yield path, len(content), f"{path}: {e}"


def _arrow(schema: T.StructType) -> pa.Schema:
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(schema)


def chunk_batches(
    batches: Iterator[pa.RecordBatch], max_chars: int | None, min_chars: int | None
) -> Iterator[pa.RecordBatch]:
    """Runs in the executors: files to chunk rows (a file that fails has none)."""
    schema = _arrow(CHUNK)
    rows: list[dict] = []
    for path, _, doc in _documents(batches):
        if isinstance(doc, str):
            continue
        for c in doc.chunks(max_chars=max_chars, min_chars=min_chars):
            c["file"] = path
            rows.append(c)
        if len(rows) >= 10_000:
            yield pa.RecordBatch.from_pylist(rows, schema=schema)
            rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def outline_batches(
    batches: Iterator[pa.RecordBatch], max_chars: int | None, min_chars: int | None
) -> Iterator[pa.RecordBatch]:
    """Runs in the executors: one outline row per file."""
    schema = _arrow(OUTLINE)
    rows: list[dict] = []
    for path, size, doc in _documents(batches):
        if isinstance(doc, str):
            rows.append({"file": path, "bytes": size, "error": doc})
        else:
            rows.append(
                {
                    "file": path,
                    "bytes": size,
                    "encoding": doc.encoding,
                    "title": doc.title,
                    "headings": len(doc.headings()),
                    "chunks": len(doc.chunks(max_chars=max_chars, min_chars=min_chars)),
                    "diagnostics": len(doc.diagnostics),
                    "outline": doc.to_json(indent=None),
                }
            )
        if len(rows) >= 1_000:
            yield pa.RecordBatch.from_pylist(rows, schema=schema)
            rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="folder of documents (any Hadoop file system)")
    ap.add_argument("output", help="folder for the chunks/ and outlines/ Parquet tables")
    ap.add_argument("--max-chars", type=int, help="split bodies longer than N characters")
    ap.add_argument("--min-chars", type=int, help="merge chunks shorter than N characters")
    ap.add_argument("--glob", default=GLOB, help=f"file names to read (default {GLOB})")
    args = ap.parse_args(argv)

    spark = SparkSession.builder.appName("tigang outlines").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    began = time.perf_counter()
    files = (
        spark.read.format("binaryFile")
        .option("pathGlobFilter", args.glob)
        .option("recursiveFileLookup", "true")
        .load(args.input)
        .select("path", "content")
    )
    max_chars, min_chars = args.max_chars, args.min_chars
    # Two passes over the files, one per table, with flat rows: parsing is a
    # small part of the job, and one cached nested table split in two was
    # 2.5x slower and held every chunk in executor memory.
    listed = time.perf_counter()
    outline_rows = files.mapInArrow(lambda b: outline_batches(b, max_chars, min_chars), OUTLINE)
    outline_rows.write.mode("overwrite").parquet(f"{args.output}/outlines")
    wrote_outlines = time.perf_counter()
    chunk_rows = files.mapInArrow(lambda b: chunk_batches(b, max_chars, min_chars), CHUNK)
    chunk_rows.write.mode("overwrite").parquet(f"{args.output}/chunks")
    wrote_chunks = time.perf_counter()

    outlines = spark.read.parquet(f"{args.output}/outlines")
    totals = outlines.agg(
        F.count("*").alias("files"),
        F.count("error").alias("failed"),
        F.sum("chunks").alias("chunks"),
        F.sum("bytes").alias("bytes"),
    ).first()
    seconds = time.perf_counter() - began
    for row in outlines.where(F.col("error").isNotNull()).select("error").collect():
        print(f"tigang: {row.error}", file=sys.stderr)
    summary = {
        "files": totals.files,
        "failed": totals.failed,
        "chunks": totals.chunks or 0,
        "bytes": totals.bytes or 0,
        "seconds": round(seconds, 2),
        "stages_s": {
            "list": round(listed - began, 2),
            "outlines": round(wrote_outlines - listed, 2),
            "chunks": round(wrote_chunks - wrote_outlines, 2),
            "summary": round(seconds - (wrote_chunks - began), 2),
        },
        "files_per_s": round(totals.files / seconds, 1),
        "mb_per_s": round((totals.bytes or 0) / 1e6 / seconds, 2),
        "output": args.output,
    }
    print(json.dumps(summary))
    spark.stop()
    return 1 if totals.failed else 0


if __name__ == "__main__":
    sys.exit(main())
