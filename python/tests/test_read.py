"""tigang.read: files in any encoding, and errors with the CLI's messages."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import run_cli

import tigang

TEXT = "关于加强管理的通知\n一、总体要求\n（一）提高认识。\n二、主要任务\n"


@pytest.mark.parametrize(
    "encoding,name,bom",
    [
        ("utf-8", "UTF-8", b""),
        ("utf-8", "UTF-8", b"\xef\xbb\xbf"),
        ("gb18030", "GB18030", b""),
        ("utf-16-le", "UTF-16LE", b"\xff\xfe"),
        ("utf-16-be", "UTF-16BE", b"\xfe\xff"),
    ],
)
def test_reads_every_encoding(tmp_path: Path, encoding, name, bom):
    path = tmp_path / "notice.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    doc = tigang.read(path)
    assert (doc.encoding, doc.text, doc.path) == (name, TEXT, str(path))
    assert [h.label for h in doc.headings()] == ["一、总体要求", "（一）提高认识", "二、主要任务"]
    assert tigang.read(str(path)).to_json() == doc.to_json()


def test_big5_and_forced_encoding(tmp_path: Path):
    text = "關於加強管理的通知\n一、總體要求\n（一）提高認識\n"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    assert tigang.read(path).encoding == "Big5"
    assert tigang.read(path, encoding="big5").text == text


def cli_error(path: Path) -> str:
    """What `tigang parse` prints for the file, without its `tigang: ` prefix."""
    done = run_cli("parse", path, check=False)
    assert done.returncode != 0
    line = done.stderr.decode("utf-8").splitlines()[0]
    assert line.startswith("tigang: ")
    return line.removeprefix("tigang: ")


def test_decode_error_message_is_the_clis(tmp_path: Path):
    path = tmp_path / "report.txt"
    path.write_bytes(("一、总体要求\n" * 30).encode("gb18030") + "正".encode("gb18030")[:1])
    with pytest.raises(tigang.DecodeError) as e:
        tigang.read(path)
    assert str(e.value) == cli_error(path)
    assert str(e.value).startswith(f"{path}: not valid GB18030 at byte ")
    assert e.value.filename == str(path)
    assert tigang.read(path, lossy=True).replacements == 1


def test_missing_file(tmp_path: Path):
    path = tmp_path / "nope.txt"
    with pytest.raises(tigang.FileNotFound) as e:
        tigang.read(path)
    assert isinstance(e.value, FileNotFoundError) and isinstance(e.value, tigang.ReadError)
    assert str(e.value) == f"{path}: no such file"
    assert str(e.value) == cli_error(path)
    assert e.value.filename == str(path)


def test_folder_is_not_a_file(tmp_path: Path):
    with pytest.raises(tigang.ReadError, match="is a directory"):
        tigang.read(tmp_path)


@pytest.mark.parametrize(
    "head,what",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "an old Word .doc"),
        (b"\x89PNG\r\n\x1a\n" + bytes(20), "a PNG image"),
    ],
)
def test_binary_files_say_what_they_are(tmp_path: Path, head, what):
    path = tmp_path / "file.txt"
    path.write_bytes(head)
    with pytest.raises(tigang.UnsupportedFileError) as e:
        tigang.read(path)
    assert str(e.value).startswith(f"{path}: {what}")
    assert str(e.value) == cli_error(path)
    with pytest.raises(tigang.UnsupportedFileError):
        tigang.parse(head)


def test_word_documents_go_through_the_librarys_reader():
    from conftest import CORPUS

    path = sorted((CORPUS / "docx").glob("*.docx"))[0]
    doc = tigang.read(path)
    assert (doc.format, doc.encoding) == ("docx", None)
    assert doc.to_dict()["source"]["format"] == "docx"
    assert doc.headings(), "the corpus's Word files have outlines"
    assert tigang.parse(path.read_bytes()).to_json() == doc.to_json()


def test_devices_and_fifos_are_refused_at_once(tmp_path: Path):
    # /dev/zero would grow until memory runs out; a FIFO would block
    # forever: neither is read (issue 23 item 7).
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo):
        start = time.monotonic()
        with pytest.raises(tigang.ReadError, match="not a regular file"):
            tigang.read(path)
        assert time.monotonic() - start < 5


def test_max_size_is_the_clis(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_text(TEXT * 100, encoding="utf-8")
    size = path.stat().st_size
    with pytest.raises(tigang.ReadError, match="larger than max_size") as e:
        tigang.read(path, max_size=size - 1)
    assert str(e.value).startswith(f"{path}: ")
    assert len(tigang.read(path, max_size=size).headings()) == 300


def test_a_large_binary_is_refused_from_its_first_bytes(tmp_path: Path):
    path = tmp_path / "big.pdf"
    with path.open("wb") as f:
        f.write(b"%PDF-1.7\n")
        f.truncate(64 << 20)
    with pytest.raises(tigang.UnsupportedFileError, match="a PDF"):
        tigang.read(path)
