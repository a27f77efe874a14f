"""Outlines and retrieval chunks of a folder of documents, with Spark.

Reads every text file below INPUT (binaryFile, recursively), parses each one
with tigang inside the executors (mapInArrow: Arrow batches in, Arrow
batches out, no pandas), and writes two Parquet tables under OUTPUT:

- ``OUTPUT/chunks``: one row per chunk, the fields of
  ``tigang parse --format chunks`` (``file`` is the file's path) plus
  ``heading`` and the character offsets ``start``/``end``;
- ``OUTPUT/outlines``: one row per file: path, size, encoding, title,
  heading and chunk counts, numbering diagnostics, the document's JSON
  (``tigang parse --format json``), and ``error`` for a file that could not
  be read (its message, as the command line prints it).

Each file is parsed once. Runs as it is on one machine and on a cluster::

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

#: The files read in a folder, as `tigang parse` finds them (a Hadoop glob;
#: names starting with `.` or `_` are skipped by Spark, hidden ones by tigang).
GLOB = "*.{txt,text,md,markdown,TXT,MD}"

CHUNK = T.StructType(
    [
        T.StructField("file", T.StringType()),
        T.StructField("document", T.StringType()),
        T.StructField("path", T.ArrayType(T.StringType())),
        T.StructField("kind", T.StringType()),
        T.StructField("marker", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("level", T.IntegerType()),
        T.StructField("text", T.StringType()),
        T.StructField("span", T.ArrayType(T.LongType())),
        T.StructField("line", T.IntegerType()),
        T.StructField("chars", T.IntegerType()),
        T.StructField("piece", T.IntegerType()),
        T.StructField("pieces", T.IntegerType()),
        T.StructField("merged", T.ArrayType(T.StringType())),
        T.StructField("heading", T.StringType()),
        T.StructField("start", T.LongType()),
        T.StructField("end", T.LongType()),
    ]
)

PARSED = T.StructType(
    [
        T.StructField("file", T.StringType()),
        T.StructField("bytes", T.LongType()),
        T.StructField("encoding", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("headings", T.IntegerType()),
        T.StructField("diagnostics", T.IntegerType()),
        T.StructField("outline", T.StringType()),
        T.StructField("error", T.StringType()),
        T.StructField("chunks", T.ArrayType(CHUNK)),
    ]
)


def parse_batches(
    batches: Iterator[pa.RecordBatch], max_chars: int | None, min_chars: int | None
) -> Iterator[pa.RecordBatch]:
    """Runs in the executors: each file's bytes to its outline and chunks."""
    import tigang  # imported where it runs: the executors' Python

    arrow_schema = None
    for batch in batches:
        rows = []
        for path, content in zip(
            batch.column("path").to_pylist(), batch.column("content").to_pylist()
        ):
            row = {"file": path, "bytes": len(content), "chunks": []}
            try:
                doc = tigang.parse(content)
            except tigang.TigangError as e:
                # The command line's message, with the file first.
                row["error"] = f"{path}: {e}"
                rows.append(row)
                continue
            chunks = doc.chunks(max_chars=max_chars, min_chars=min_chars)
            for c in chunks:
                c["file"] = path
            row.update(
                encoding=doc.encoding,
                title=doc.title,
                headings=len(doc.headings()),
                diagnostics=len(doc.diagnostics),
                outline=doc.to_json(indent=None),
                chunks=chunks,
            )
            rows.append(row)
        if arrow_schema is None:
            from pyspark.sql.pandas.types import to_arrow_schema

            arrow_schema = to_arrow_schema(PARSED)
        yield pa.RecordBatch.from_pylist(rows, schema=arrow_schema)


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
    parsed = files.mapInArrow(
        lambda batches: parse_batches(batches, max_chars, min_chars), PARSED
    ).persist()

    outlines = parsed.select(
        *[c for c in parsed.columns if c != "chunks"], F.size("chunks").alias("chunk_count")
    )
    outlines.write.mode("overwrite").parquet(f"{args.output}/outlines")
    chunks = parsed.select(F.explode("chunks").alias("c")).select("c.*")
    chunks.write.mode("overwrite").parquet(f"{args.output}/chunks")

    totals = parsed.agg(
        F.count("*").alias("files"),
        F.count("error").alias("failed"),
        F.sum(F.size("chunks")).alias("chunks"),
        F.sum("bytes").alias("bytes"),
    ).first()
    seconds = time.perf_counter() - began
    for row in parsed.where(F.col("error").isNotNull()).select("error").collect():
        print(f"tigang: {row.error}", file=sys.stderr)
    summary = {
        "files": totals.files,
        "failed": totals.failed,
        "chunks": totals.chunks or 0,
        "bytes": totals.bytes or 0,
        "seconds": round(seconds, 2),
        "files_per_s": round(totals.files / seconds, 1),
        "mb_per_s": round((totals.bytes or 0) / 1e6 / seconds, 2),
        "output": args.output,
    }
    print(json.dumps(summary))
    parsed.unpersist()
    spark.stop()
    return 1 if totals.failed else 0


if __name__ == "__main__":
    sys.exit(main())
