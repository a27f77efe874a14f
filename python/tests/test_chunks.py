"""tigang.chunks: records with breadcrumbs and character offsets; min_chars
merges inside a section only; fmt and check on plain text."""

from __future__ import annotations

import functools
import operator

import pytest
from conftest import CORPUS

import tigang

REPORT = (
    "一、工作回顾\n"
    "（二）改革推进\n"
    "医改有序推进。\n"
    "（三）增强医疗机构服务能力，提升群众就医体验\n"
    "一是县医院通过三级综合评审验收。二是承办了全国妇幼保健院院长会议。\n"
    "（四）加强职业病防治\n"
    "完成职业病防治任务。\n"
)


def test_records_carry_the_breadcrumb():
    chunks = tigang.chunks(REPORT)
    assert [c["heading"] for c in chunks][:3] == [
        "一、工作回顾",
        "（二）改革推进",
        "（三）增强医疗机构服务能力，提升群众就医体验",
    ]
    san = chunks[2]
    assert san["path"] == ["一、工作回顾"]
    assert (san["kind"], san["level"], san["line"], san["chars"]) == ("paren_numeral", 2, 4, 19)
    assert san["file"] is None and san["document"] is None
    assert REPORT[san["start"] : san["end"]] == "（三）增强医疗机构服务能力，提升群众就医体验"
    yishi = chunks[3]
    assert yishi["path"] == ["一、工作回顾", "（三）增强医疗机构服务能力，提升群众就医体验"]


def test_min_chars_merges_within_a_section():
    plain = tigang.chunks(REPORT)
    merged = tigang.chunks(REPORT, min_chars=20)
    assert len(merged) < len(plain)
    assert [c["text"] for c in merged] == [
        "工作回顾\n（二）改革推进\n医改有序推进。",
        "增强医疗机构服务能力，提升群众就医体验\n一是县医院通过三级综合评审验收\n二是承办了全国妇幼保健院院长会议",
        "加强职业病防治\n完成职业病防治任务。",
    ]
    assert merged[1]["merged"] == [
        "一是县医院通过三级综合评审验收",
        "二是承办了全国妇幼保健院院长会议",
    ]
    assert "merged" not in merged[2]
    # The merged chunk's offsets run from its marker to the end of its text.
    c = merged[1]
    assert REPORT[c["start"] : c["end"]].startswith("（三）增强")
    assert REPORT[c["start"] : c["end"]].endswith("院长会议")


def test_max_chars_and_min_chars_together():
    body = "要提高认识。要压实责任。要狠抓落实。好。"
    chunks = tigang.chunks("一、总体要求\n" + body + "\n", max_chars=12, min_chars=5)
    assert [c["text"] for c in chunks] == [
        "总体要求\n要提高认识。",
        "要压实责任。",
        "要狠抓落实。好。",
    ]
    assert all(c["chars"] <= 12 for c in chunks)
    assert [(c["piece"], c["pieces"]) for c in chunks] == [(1, 3), (2, 3), (3, 3)]


def test_chunks_of_bytes_and_documents_agree():
    doc = tigang.parse(REPORT.encode("gb18030"))
    assert tigang.chunks(doc) == doc.chunks() == tigang.chunks(REPORT.encode("gb18030"))
    assert [c["text"] for c in tigang.chunks(doc)] == [c["text"] for c in tigang.chunks(REPORT)]


@pytest.mark.parametrize("path", sorted((CORPUS / "seeds").glob("*.txt")), ids=lambda p: p.name)
@pytest.mark.parametrize("max_chars", [None, 500])
def test_no_chunk_crosses_a_heading(path, max_chars):
    doc = tigang.read(path)
    text = doc.text
    starts = sorted(h.marker_start for h in doc.headings())
    for c in doc.chunks(max_chars=max_chars):
        inside = [s for s in starts if c["start"] < s < c["end"]]
        assert not inside, f"{c['heading']} runs over {text[inside[0] : inside[0] + 10]}"
        if max_chars:
            assert c["chars"] <= max_chars or c["text"] == c["title"]


def test_every_character_once():
    doc = tigang.read(sorted((CORPUS / "seeds").glob("003_*.txt"))[0])
    for min_chars in (None, 50):
        chunks = doc.chunks(max_chars=300, min_chars=min_chars)
        joined = "".join(c["text"].replace("\n", "") for c in chunks)
        want = "".join(p.text for p in doc.preamble)
        for h in doc.headings():
            want += h.title + "".join(p.text for p in h.body)
        # Merged headings are written with their markers.
        merged = functools.reduce(operator.iadd, (c.get("merged", []) for c in chunks), [])
        assert len(joined) == len(want) + sum(len(m) for m in merged) - sum(
            len(h.title) for h in doc.headings() if h.label in merged
        )


def test_check_and_fmt_on_text():
    text = "一、甲\n（一）子\n（三）丑\n（三）寅\n"
    codes = [(d.code, d.severity, d.line) for d in tigang.check(text)]
    # The second （三） is right once the first becomes （二）: one finding.
    assert codes == [("numbering-skip", "warning", 3)]
    d = tigang.check(text)[0]
    assert text[d.start : d.end] == "（三）"
    assert d.suggestion is not None and d.suggestion.replacement == "（二）"
    assert text[d.suggestion.start : d.suggestion.end] == "（三）"
    assert "（一） is followed by （三）; expected （二）" in str(d)
    assert d.message_zh == "（一）之后是（三），缺少（二）"
    assert tigang.fmt(text) == "一、甲\n（一）子\n（二）丑\n（三）寅\n"
    assert tigang.fmt("一．甲\n(一)子\n１、天\n", style="gbt9704") == "一、甲\n（一）子\n1.天\n"
    with pytest.raises(tigang.UsageError, match="unknown style `fancy`"):
        tigang.fmt(text, style="fancy")
    report = tigang.parse(text).report("draft.txt")
    assert "--> draft.txt:3:1" in report and "warning[numbering-skip]" in report
