"""A PDF converter's output: flat ``#`` Markdown, ``level_from``, Markdown
in and out, and MinerU's ``*_content_list.json`` with pages."""

from __future__ import annotations

import json

import pytest

import tigang

FLAT = (
    "# 关于做好某项工作的通知\n\n"
    "# 一、总体要求\n\n"
    "正文，**切实**做好。\n\n"
    "# （一）指导思想\n\n"
    "![](images/a.jpg)\n\n"
    "# 图1 流程图\n\n"
    "# 参考文献\n"
)

CONTENT_LIST = json.dumps(
    [
        {"type": "text", "text": "关于做好某项工作的通知", "text_level": 1, "page_idx": 0},
        {"type": "text", "text": "一、总体要求", "text_level": 1, "page_idx": 0},
        {"type": "text", "text": "正文。", "page_idx": 0},
        {"type": "text", "text": "（一）指导思想", "text_level": 1, "page_idx": 1},
        {"type": "text", "text": "内容。", "page_idx": 2},
    ],
    ensure_ascii=False,
)


def test_flat_markdown_gets_its_levels():
    doc = tigang.parse(FLAT)
    assert doc.title == "关于做好某项工作的通知"
    got = [(h.level, h.marker, h.title, h.level_from) for h in doc.headings()]
    assert got == [
        (1, "一、", "总体要求", "numbering"),
        (2, "（一）", "指导思想", "numbering"),
        (1, "", "参考文献", "title"),
    ]


def test_level_from_markup_where_depths_tell_levels_apart():
    doc = tigang.parse("## 一、总体要求\n### 工作目标\n1.甲\n")
    assert [h.level_from for h in doc.headings()] == ["markup", "markup", "numbering"]


def test_markdown_comes_back_with_its_levels():
    md = tigang.parse(FLAT).to_markdown()
    assert md == (
        "# 关于做好某项工作的通知\n\n"
        "## 一、总体要求\n\n"
        "正文，**切实**做好。\n\n"
        "### （一）指导思想\n\n"
        "![](images/a.jpg)\n\n"
        "图1 流程图\n\n"
        "## 参考文献\n"
    )
    again = tigang.parse(md)
    assert [(h.level, h.title) for h in again.headings()] == [
        (h.level, h.title) for h in tigang.parse(FLAT).headings()
    ]


@pytest.mark.parametrize("how", ["str", "bytes", "file"])
def test_content_list_has_pages(how, tmp_path):
    if how == "str":
        doc = tigang.parse(CONTENT_LIST)
    elif how == "bytes":
        doc = tigang.parse(CONTENT_LIST.encode())
    else:
        path = tmp_path / "a_content_list.json"
        path.write_text(CONTENT_LIST, encoding="utf-8")
        doc = tigang.read(path)
    assert doc.format == "content_list"
    assert doc.title == "关于做好某项工作的通知"
    got = [(h.level, h.marker, h.page) for h in doc.headings()]
    assert got == [(1, "一、", 1), (2, "（一）", 2)]
    sub = doc.headings()[1]
    assert [(p.text, p.page) for p in sub.body] == [("内容。", 3)]
    assert [c.get("page") for c in tigang.chunks(doc)] == [1, 1, 2]
    assert json.loads(doc.to_json())["children"][0]["page"] == 1


def test_text_has_no_pages():
    doc = tigang.parse("一、甲\n乙\n")
    assert doc.headings()[0].page is None
    assert doc.headings()[0].body[0].page is None
    assert "page" not in tigang.chunks(doc)[0]


def test_broken_content_list_is_a_damaged_file_error():
    with pytest.raises(tigang.DamagedFileError, match="not well-formed JSON"):
        tigang.parse(b'[{"type": "text", "text": "x", "page_idx": 0')


def test_langchain_metadata_has_page_and_level_from():
    pytest.importorskip("langchain_text_splitters")
    from tigang.langchain import OutlineTextSplitter

    docs = OutlineTextSplitter(chunk_size=None).create_documents([CONTENT_LIST])
    meta = [(d.metadata["heading"], d.metadata.get("page"), d.metadata["level_from"]) for d in docs]
    assert meta == [
        ("", 1, ""),
        ("一、总体要求", 1, "numbering"),
        ("（一）指导思想", 2, "numbering"),
    ]
