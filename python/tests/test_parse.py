"""tigang.parse and the Document/Heading objects."""

from __future__ import annotations

import threading
import time

import pytest

import tigang

SPEECH = (
    "关于做好安全生产工作的讲话\n"
    "同志们：\n"
    "一、提高认识。安全是发展的前提。\n"
    "（一）压实责任。一是明确分工；二是严格考核。\n"
    "（二）加强督查\n"
    "督查要常态化。\n"
    "二、狠抓落实\n"
)


def test_outline_depth_first():
    doc = tigang.parse(SPEECH)
    assert doc.title == "关于做好安全生产工作的讲话"
    assert doc.subtitle is None
    got = [(h.level, h.kind, h.marker, h.number, h.title) for h in doc.headings()]
    assert got == [
        (1, "numeral", "一、", 1, "提高认识"),
        (2, "paren_numeral", "（一）", 1, "压实责任"),
        (3, "ordinal_shi", "一是", 1, "明确分工"),
        (3, "ordinal_shi", "二是", 2, "严格考核"),
        (2, "paren_numeral", "（二）", 2, "加强督查"),
        (1, "numeral", "二、", 2, "狠抓落实"),
    ]
    assert [h.title for h in doc.children] == ["提高认识", "狠抓落实"]
    assert [p.text for p in doc.preamble] == ["关于做好安全生产工作的讲话", "同志们："]


def test_tree_links():
    doc = tigang.parse(SPEECH)
    hs = doc.headings()
    one, yi, yishi, _ershi, er, two = hs
    assert yishi.parent == yi and yi.parent == one and one.parent is None
    assert one.children == [yi, er]
    assert yishi.path == ["一、提高认识", "（一）压实责任"]
    assert yishi.label == "一是明确分工"
    assert [h.index for h in hs] == list(range(6))
    assert len({*hs, *doc.headings()}) == 6, "equal headings hash alike"
    assert yi != er and yi != "（一）"
    assert yishi.document.title == doc.title
    assert [p.text for p in er.body] == ["督查要常态化。"]
    assert one.body_text == "安全是发展的前提。"
    assert two.body == [] and two.body_text == ""


def test_line_column_and_byte_spans():
    doc = tigang.parse(SPEECH)
    yishi = doc.headings()[2]
    assert (yishi.line, yishi.column) == (4, 9)
    raw = SPEECH.encode("utf-8")
    s, e = yishi.marker_span
    assert raw[s:e].decode() == "一是"
    s, e = yishi.title_span
    assert raw[s:e].decode() == "明确分工"


@pytest.mark.parametrize(
    "text",
    [
        SPEECH,
        # Characters outside the BMP (an emoji, CJK Extension B) before and
        # inside headings: one Python character each, four UTF-8 bytes.
        "🙂𠀀标题\n一、𠀾提高认识🙂。正文𡒄。\n（一）压实责任\n🙂正文\n",
        # Latin-1 range, combining marks, U+3000 indents, CRLF.
        "é题目\r\n　　一、café\u0301。正文\r\n　　（一）乙\r\n",
        # ASCII only.
        "1. Goals\n2. Plans\n",
    ],
    ids=["cjk", "astral", "mixed", "ascii"],
)
def test_char_offsets_slice_the_python_string(text):
    doc = tigang.parse(text)
    assert doc.text is text, "the str given is kept, not copied"
    assert doc.headings(), "the text has headings"
    for h in doc.headings():
        assert text[h.marker_start : h.marker_end] == h.marker
        assert text[h.title_start : h.title_end] == h.title
        assert text[h.start : h.end].startswith(h.marker)
        assert len(text[: h.start].encode("utf-8")) == h.span[0]
        assert len(text[: h.end].encode("utf-8")) == h.span[1]
        for p in h.body:
            assert text[p.start : p.end] == p.text
            assert len(text[: p.start].encode("utf-8")) == p.span[0]
    for p in doc.preamble:
        assert text[p.start : p.end] == p.text
    if doc.title is not None:
        start, end = doc.title_range
        assert text[start:end] == doc.title


def test_long_text_offsets():
    # Many blocks of the offset table, and a heading near the end.
    text = ("一、标题🙂\n" + "正文内容，𠀀很长。" * 50 + "\n") * 200
    doc = tigang.parse(text)
    hs = doc.headings()
    assert len(hs) == 200
    for h in [*hs[::37], hs[-1]]:
        assert text[h.title_start : h.title_end] == h.title == "标题🙂"
        assert len(text[: h.end].encode("utf-8")) == h.span[1]
        assert len(text[: h.title_end].encode("utf-8")) == h.title_span[1]


def test_bytes_in_other_encodings():
    text = "關於加強管理的通知\n一、總體要求\n（一）提高認識\n"
    for enc, name in [("gb18030", "GB18030"), ("big5", "Big5"), ("utf-8", "UTF-8")]:
        doc = tigang.parse(text.encode(enc))
        assert doc.encoding == name
        assert doc.text == text
        assert [h.title for h in doc.headings()] == ["總體要求", "提高認識"]
    doc = tigang.parse(b"\xff\xfe" + text.encode("utf-16-le"))
    assert (doc.encoding, doc.text) == ("UTF-16LE", text)
    doc = tigang.parse(text.encode("utf-16-le"), encoding="utf-16le")
    assert doc.text == text
    # bytearray and memoryview are bytes too.
    assert tigang.parse(bytearray(text.encode("gb18030"))).text == text


def test_decode_errors_and_lossy():
    bad = "一、总体要求\n正文".encode("gb18030") + b"\x81"
    with pytest.raises(tigang.DecodeError) as e:
        tigang.parse(bad)
    assert isinstance(e.value, ValueError) and isinstance(e.value, tigang.TigangError)
    assert str(e.value).startswith("not valid GB18030 at byte ")
    assert "use --encoding NAME" in str(e.value)
    assert e.value.offset == len(bad) - 1 and e.value.line == 2
    doc = tigang.parse(bad, lossy=True)
    assert doc.replacements == 1 and doc.text.endswith("\ufffd")
    with pytest.raises(tigang.UnknownEncodingError, match="unknown encoding `klingon`"):
        tigang.parse(b"x", encoding="klingon")
    with pytest.raises(LookupError):
        tigang.parse(b"x", encoding="klingon")
    with pytest.raises(tigang.UsageError, match="applies to bytes"):
        tigang.parse("一、甲", encoding="gbk")
    with pytest.raises(TypeError, match="str or bytes"):
        tigang.parse(42)  # type: ignore[arg-type]


def test_toc_entries():
    text = (
        "目录\n一、总体要求\n二、主要任务\n正文\n"
        "一、总体要求\n要求如下。\n二、主要任务\n任务如下。\n"
    )
    doc = tigang.parse(text)
    assert [(e.marker, e.title, e.line) for e in doc.toc] == [
        ("一、", "总体要求", 2),
        ("二、", "主要任务", 3),
    ]
    e = doc.toc[1]
    assert text[e.title_start : e.title_end] == e.title
    assert text[e.marker_start : e.marker_end] == e.marker
    assert len(doc.children) == 2


def test_empty_and_plain_text():
    assert tigang.parse("").headings() == []
    doc = tigang.parse("没有任何标题的一段话。")
    assert doc.headings() == [] and doc.children == []
    assert doc.to_dict()["children"] == []


def test_renderings():
    doc = tigang.parse(SPEECH)
    assert doc.to_markdown().startswith("# 关于做好安全生产工作的讲话\n")
    assert "## 一、提高认识" in doc.to_markdown()
    assert doc.to_tree().splitlines()[1].startswith("一、 提高认识")
    h = doc.headings()[1].to_dict()
    assert (h["marker"], [c["marker"] for c in h["children"]]) == ("（一）", ["一是", "二是"])
    assert "tigang.Heading" in repr(doc.headings()[0]) and "tigang.Document" in repr(doc)


def test_dotted_components():
    doc = tigang.parse("2.3.1 机房建设\n")
    assert doc.headings()[0].components == [2, 3, 1]
    assert tigang.parse("一、甲\n").headings()[0].components == []


def test_gil_is_released_while_parsing():
    text = ("一、标题\n（一）小标题。一是内容；二是内容。\n" + "正文，正文。" * 40 + "\n") * 20000
    seen: list[float] = []
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            seen.append(time.perf_counter())

    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.05)
    try:
        start = time.perf_counter()
        doc = tigang.parse(text)
        end = time.perf_counter()
    finally:
        stop.set()
        t.join()
    assert len(doc.headings()) == 80000
    # Holding the GIL, the other thread could run at most until Rust starts;
    # released, it runs all along. Look in the middle of the call.
    third = (end - start) / 3
    during = [s for s in seen if start + third < s < end - third]
    assert during, f"no Python ran during a {end - start:.3f} s parse: GIL held"
