"""A LangChain text splitter that cuts along the document's outline.

Needs ``langchain-text-splitters`` (``pip install 'tigang[langchain]'``)::

    from tigang.langchain import OutlineTextSplitter

    splitter = OutlineTextSplitter(chunk_size=500, min_chars=50)
    docs = splitter.create_documents([text], metadatas=[{"source": "speech.txt"}])
    docs[3].metadata["breadcrumb"]   # '一、回顾成绩 › （二）项目建设提速推进'
    docs[3].metadata["heading"]      # '一是新开工项目12个'

Each chunk is one heading's title and own body (long bodies split at
sentence ends), so no chunk crosses a heading, and every chunk says where
it sits. Metadata values are strings and integers only, as vector stores
require.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

try:
    from langchain_core.documents import Document
    from langchain_text_splitters import TextSplitter
except ImportError as e:  # pragma: no cover - exercised without the extra
    raise ImportError(
        "tigang.langchain needs langchain-text-splitters: "
        "pip install 'tigang[langchain]' (or pip install langchain-text-splitters)"
    ) from e

from . import chunks as _chunks

__all__ = ["OutlineTextSplitter"]

#: Between the labels of a breadcrumb.
SEPARATOR = " › "


class OutlineTextSplitter(TextSplitter):
    """Splits Chinese documents at their headings (``一、`` ``（一）`` ``一是``
    ``第一条``…), then long bodies at sentence ends.

    Args:
        chunk_size: At most this many characters per chunk (a title longer
            than that is kept whole); ``None`` for one chunk per heading.
        min_chars: Merge a chunk shorter than this into a neighbour inside
            its own section (a title with no body goes with its first
            point), never across a heading's end.
        breadcrumb_in_text: Start each chunk's text with its breadcrumb and
            heading on a line of their own, so an embedding sees where the
            text is.
        add_start_index: Put the chunk's character offset into the source
            text in ``metadata["start_index"]``.

    Metadata of each chunk (besides what the source document had):
    ``breadcrumb`` (the enclosing headings, ``"一、… › （一）…"``),
    ``heading`` (this chunk's marker and title; ``""`` for the preamble),
    ``document_title``, ``kind`` (``numeral``, ``ordinal_shi``…,
    ``preamble``), ``level``, ``level_from`` (what placed the heading at its
    level: ``numbering``, ``markup`` or ``title``; ``""`` for the
    preamble), ``line``, ``piece`` and ``pieces``; ``page`` where the source
    has pages (a converter's ``*_content_list.json``).
    """

    def __init__(
        self,
        chunk_size: int | None = 500,
        min_chars: int | None = None,
        *,
        breadcrumb_in_text: bool = False,
        add_start_index: bool = False,
        strip_whitespace: bool = True,
    ) -> None:
        super().__init__(
            chunk_size=chunk_size if chunk_size is not None else 2**62,
            chunk_overlap=0,
            add_start_index=add_start_index,
            strip_whitespace=strip_whitespace,
        )
        self._max_chars = chunk_size
        self._min_chars = min_chars
        self._breadcrumb_in_text = breadcrumb_in_text

    def _records(self, text: str) -> list[dict[str, Any]]:
        return _chunks(text, max_chars=self._max_chars, min_chars=self._min_chars)

    def _content(self, record: dict[str, Any]) -> str:
        content = record["text"]
        if self._strip_whitespace:
            content = content.strip()
        if self._breadcrumb_in_text:
            where = _breadcrumb(record, with_heading=True)
            if where:
                content = f"{where}\n{content}"
        return content

    def split_text(self, text: str) -> list[str]:
        """The chunks' texts, in document order."""
        return [self._content(r) for r in self._records(text)]

    def create_documents(
        self, texts: list[str], metadatas: list[dict[Any, Any]] | None = None
    ) -> list[Document]:
        """One ``Document`` per chunk of each text, with its place in the
        outline in the metadata."""
        metadatas_ = metadatas or [{}] * len(texts)
        out = []
        for text, base in zip(texts, metadatas_):
            for r in self._records(text):
                metadata = copy.deepcopy(base)
                metadata.update(
                    breadcrumb=_breadcrumb(r, with_heading=False),
                    heading=_heading(r),
                    document_title=r["document"] or "",
                    kind=r["kind"],
                    level=r["level"],
                    # Vector stores take scalars only: "" for the preamble.
                    level_from=r["level_from"] or "",
                    line=r["line"],
                    piece=r["piece"],
                    pieces=r["pieces"],
                )
                if "page" in r:
                    metadata["page"] = r["page"]
                if self._add_start_index:
                    metadata["start_index"] = r["start"]
                out.append(Document(page_content=self._content(r), metadata=metadata))
        return out

    def split_documents(self, documents: Iterable[Document]) -> list[Document]:
        """Splits each document's ``page_content``, keeping its metadata."""
        docs = list(documents)
        return self.create_documents(
            [d.page_content for d in docs], metadatas=[d.metadata for d in docs]
        )


def _heading(record: dict[str, Any]) -> str:
    return record["heading"]


def _breadcrumb(record: dict[str, Any], *, with_heading: bool) -> str:
    parts = list(record["path"])
    if with_heading and record["heading"]:
        parts.append(record["heading"])
    return SEPARATOR.join(parts)
