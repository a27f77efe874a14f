"""Types of the records tigang returns as plain dicts."""

from __future__ import annotations

from typing import List, Optional, Tuple, TypedDict

# typing.List/Optional keep this importable on Python 3.9 at run time.


class _ChunkRecord(TypedDict):
    file: Optional[str]
    document: Optional[str]
    path: List[str]
    kind: str
    marker: str
    title: str
    level: int
    level_from: Optional[str]
    text: str
    span: List[int]
    line: int
    chars: int
    piece: int
    pieces: int
    heading: str
    start: int
    end: int


class Chunk(_ChunkRecord, total=False):
    """One chunk of :func:`tigang.chunks`: the record of
    ``tigang parse --format chunks`` (``file`` is ``None`` for a text given
    directly), plus ``heading``, the heading's marker and title as the
    breadcrumb writes them (``""`` for the preamble), and ``start``/``end``,
    the character offsets of ``span`` into ``Document.text``.

    ``path`` is the breadcrumb of enclosing headings, outermost first
    (``["一、提高认识", "（一）压实责任"]``); ``kind`` is ``"preamble"`` for
    the text before the first heading. ``merged`` (only with
    ``min_chars``) lists the headings inside this one whose start was
    merged into the chunk. ``page`` (only where the source has pages: a
    converter's ``*_content_list.json``) is the page the chunk starts on.
    """

    merged: List[str]
    page: int


Span = Tuple[int, int]
