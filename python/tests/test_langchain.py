"""tigang.langchain.OutlineTextSplitter, when langchain-text-splitters is
installed (CI installs it; set TIGANG_REQUIRE_LANGCHAIN=1 to fail instead of
skipping without it)."""

from __future__ import annotations

import os

import pytest
from conftest import CORPUS

if os.environ.get("TIGANG_REQUIRE_LANGCHAIN"):
    import langchain_text_splitters  # noqa: F401
else:
    pytest.importorskip("langchain_text_splitters")

from langchain_core.documents import Document
from langchain_text_splitters import TextSplitter

import tigang
from tigang.langchain import OutlineTextSplitter

TEXT = (
    "在全县文化旅游产业发展大会上的讲话\n"
    "同志们：\n"
    "一、回顾成绩\n"
    "（一）旅游市场持续回暖。去年全县共接待游客500万人次。\n"
    "（二）项目建设提速推进\n"
    "一是新开工项目12个；二是续建项目8个。\n"
)


def test_is_a_text_splitter():
    assert isinstance(OutlineTextSplitter(), TextSplitter)


def test_documents_carry_breadcrumb_and_heading():
    splitter = OutlineTextSplitter(chunk_size=500, add_start_index=True)
    docs = splitter.create_documents([TEXT], metadatas=[{"source": "speech.txt"}])
    assert all(isinstance(d, Document) for d in docs)
    by_heading = {d.metadata["heading"]: d for d in docs}
    er = by_heading["二是续建项目8个"]
    assert er.metadata["breadcrumb"] == "一、回顾成绩 › （二）项目建设提速推进"
    assert er.metadata["source"] == "speech.txt"
    assert er.metadata["document_title"] == "在全县文化旅游产业发展大会上的讲话"
    assert (er.metadata["kind"], er.metadata["level"], er.metadata["line"]) == ("ordinal_shi", 3, 6)
    assert TEXT[er.metadata["start_index"] :].startswith("二是续建")
    assert docs[0].metadata["kind"] == "preamble" and docs[0].metadata["heading"] == ""
    for d in docs:
        for v in d.metadata.values():
            assert isinstance(v, (str, int)), "vector stores take scalars only"


def test_split_text_and_split_documents():
    splitter = OutlineTextSplitter(chunk_size=None)
    texts = splitter.split_text(TEXT)
    assert texts == [c["text"].strip() for c in tigang.chunks(TEXT)]
    docs = splitter.split_documents([Document(page_content=TEXT, metadata={"id": 7})])
    assert [d.page_content for d in docs] == texts
    assert all(d.metadata["id"] == 7 for d in docs)


def test_breadcrumb_in_text_and_min_chars():
    splitter = OutlineTextSplitter(chunk_size=500, min_chars=20, breadcrumb_in_text=True)
    docs = splitter.create_documents([TEXT])
    er = next(d for d in docs if d.metadata["heading"].startswith("（二）"))
    assert er.page_content.splitlines()[0] == "一、回顾成绩 › （二）项目建设提速推进"
    assert "一是新开工项目12个" in er.page_content


def test_cuts_no_heading_on_the_corpus():
    # RecursiveCharacterTextSplitter(500) cuts across headings on seed 003;
    # the outline splitter's chunks each hold one heading's text.
    path = sorted((CORPUS / "seeds").glob("003_*.txt"))[0]
    doc = tigang.read(path)
    starts = [h.marker_start for h in doc.headings()]
    docs = OutlineTextSplitter(chunk_size=500, add_start_index=True).create_documents([doc.text])
    for d in docs:
        start = d.metadata["start_index"]
        end = start + len(d.page_content)
        assert not [s for s in starts if start < s < end], d.metadata["heading"]
    assert max(len(d.page_content) for d in docs) <= 500
