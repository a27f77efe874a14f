"""Seeds for the `read` fuzz target (fuzz/README.md): each Word document of
the shared corpus as its three XML parts joined by b"\\xff\\xfe\\xfd" after
the mode byte 1, each web page of tests/fixtures after the mode byte 0.

    python3 seed_read.py ../../shared/corpus/docx ../tests/fixtures corpus/read-seeds
"""

import pathlib
import sys
import zipfile

MAX = 65536


def main(docx_dir, html_dir, out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(pathlib.Path(docx_dir).glob("*.docx")):
        with zipfile.ZipFile(path) as z:
            names = {n.lower(): n for n in z.namelist()}
            parts = [
                z.read(names[p]) if p in names else b""
                for p in ("word/document.xml", "word/numbering.xml", "word/styles.xml")
            ]
        seed = b"\x01" + b"\xff\xfe\xfd".join(p[: MAX // 3] for p in parts)
        (out / (path.stem + ".docx.seed")).write_bytes(seed)
    for path in sorted(pathlib.Path(html_dir).glob("*.htm*")):
        (out / (path.name + ".seed")).write_bytes(b"\x00" + path.read_bytes()[:MAX])


if __name__ == "__main__":
    main(*sys.argv[1:4])
