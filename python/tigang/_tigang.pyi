"""Type stubs of the Rust extension (re-exported by ``tigang``)."""

from __future__ import annotations

import os
from typing import Any, Literal

from ._types import Chunk, Span

__version__: str

def parse(source: str | bytes, *, encoding: str | None = None, lossy: bool = False) -> Document:
    """Parses a document. Never fails on a ``str``.

    ``bytes`` are decoded as the command line decodes files: a BOM, valid
    UTF-8, then GB18030/GBK or Big5 by detection, or ``encoding`` (a WHATWG
    label: ``"gb18030"``, ``"big5"``, ``"utf-16le"``…). A byte that does not
    decode raises :class:`tigang.DecodeError` naming it, unless
    ``lossy=True`` replaces it with U+FFFD (``Document.replacements`` counts
    them). The GIL is released while Rust decodes and parses.
    """

def read(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    lossy: bool = False,
    max_size: int = 1 << 30,
) -> Document:
    """Reads and parses a file: text in any encoding ``parse`` accepts, a Word
    ``.docx`` (with the labels Word's numbering draws) or a web page, decided
    by content, as the command line reads it: a regular file only (a FIFO or
    a device such as ``/dev/zero`` is refused at once, never read), at most
    ``max_size`` bytes (1 GiB, the command line's ``--max-size``), a binary
    refused from its first bytes.

    Raises :class:`tigang.FileNotFound`, :class:`tigang.ReadError`,
    :class:`tigang.DecodeError` or :class:`tigang.UnsupportedFileError`
    (a PDF, an old ``.doc``, an image…) with the command line's message,
    which starts with the path.
    """

def chunks(
    source: str | bytes | Document,
    *,
    max_chars: int | None = None,
    min_chars: int | None = None,
) -> list[Chunk]:
    """Cuts a document into retrieval chunks: one per heading (title and own
    body), after one for the preamble, in document order; never across a
    heading. ``max_chars`` splits a long body at sentence ends (then clause
    marks); ``min_chars`` merges a chunk shorter than that into a neighbour
    inside its own section (a title with no body goes with its first
    sub-heading), never past ``max_chars``. Each dict is a line of
    ``tigang parse --format chunks`` plus ``start``/``end`` in characters.
    """

def check(source: str | bytes | Document) -> list[Diagnostic]:
    """The numbering mistakes of ``tigang check``: ``（五）`` followed by
    ``（八）``, a duplicate ``（三）``, ``四是`` then ``六是``, mixed forms…"""

def fmt(text: str, style: str | None = None) -> str:
    """The text with its numbering fixed (``tigang fmt``): series renumbered,
    marker forms unified (``style="majority"``, the default, or
    ``"gbt9704"`` for 一、（一）1.（1）), doubled delimiters dropped. Only
    marker characters change."""

class Document:
    """The outline of one document: title, table of contents, preamble and
    the heading tree, with the text it was parsed from."""

    @property
    def text(self) -> str:
        """The text offsets refer to (the decoded text for bytes and files)."""
    @property
    def title(self) -> str | None:
        """The document's title (a short line of the preamble)."""
    @property
    def title_range(self) -> tuple[int, int] | None:
        """The title's character offsets into ``text``."""
    @property
    def subtitle(self) -> str | None:
        """The subtitle; ``None`` until the parser recognises one."""
    @property
    def toc(self) -> list[TocEntry]:
        """Table-of-contents entries, kept out of the tree."""
    @property
    def preamble(self) -> list[Paragraph]:
        """Paragraphs before the first heading (the title among them)."""
    @property
    def children(self) -> list[Heading]:
        """The top-level headings."""
    def headings(self) -> list[Heading]:
        """Every heading, depth first (document order)."""
    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Numbering mistakes, in the order of their markers."""
    @property
    def encoding(self) -> str | None:
        """The encoding the text was decoded from (``"UTF-8"`` for a ``str``;
        ``None`` for a Word document)."""
    @property
    def format(self) -> str:
        """What the text was read from: ``"text"``, ``"docx"``, ``"html"`` or
        ``"content_list"`` (a PDF converter's ``*_content_list.json``)."""
    @property
    def replacements(self) -> int:
        """Bytes replaced by U+FFFD under ``lossy=True``."""
    @property
    def path(self) -> str | None:
        """The file given to :func:`tigang.read`."""
    def to_dict(self, *, check: bool = True) -> dict[str, Any]:
        """The JSON of ``tigang parse --format json`` as Python objects; with
        ``check=False`` without ``"diagnostics"`` (``--no-check``)."""
    def to_json(self, *, indent: int | None = 2, check: bool = True) -> str:
        """The JSON of ``tigang parse --format json``, byte for byte (without
        the final line break): indented as with ``--pretty`` (spans on one
        line, ``[60, 900]``), or with ``indent=None`` compact on one line, as
        the CLI prints into a pipe. With ``check=False`` the numbering is not
        checked and ``"diagnostics"`` is left out, as with ``--no-check``
        (about twice as fast on a long document)."""
    def to_markdown(self) -> str:
        """Markdown. Markdown input (ATX headings, images, HTML tables) comes
        back as it was, each heading line at the ``#`` depth of its level and
        the ``#`` taken off lines that are no headings; other text is written
        from the tree: ``#`` title, ``##`` top-level headings, paragraphs."""
    def to_tree(self) -> str:
        """The compact indented outline ``tigang parse`` prints."""
    def report(self, path: str | None = None) -> str:
        """The rustc-style numbering report of ``tigang check``."""
    def chunks(self, *, max_chars: int | None = None, min_chars: int | None = None) -> list[Chunk]:
        """Retrieval chunks of this document: see :func:`tigang.chunks`."""

class Heading:
    """A heading: marker, number, title, level, where it is, its body and its
    place in the tree. Byte spans (``span``, ``marker_span``,
    ``title_span``) are offsets into the UTF-8 text, as in the JSON;
    ``start``/``end``, ``marker_start``… are character offsets into
    ``Document.text``, so ``doc.text[h.title_start:h.title_end] == h.title``."""

    @property
    def kind(self) -> str:
        """``numeral``, ``paren_numeral``, ``digit``, ``ordinal_shi``, ``chapter``, ``article``…"""
    @property
    def marker(self) -> str:
        """The marker as written, with its delimiter: ``一、``, ``（一）``, ``一是``."""
    @property
    def number(self) -> int | None:
        """The marker's value (``十二、`` is 12)."""
    @property
    def title(self) -> str: ...
    @property
    def level(self) -> int:
        """Depth in the tree, 1 at the top."""
    @property
    def page(self) -> int | None:
        """The 1-based page, when the source has pages (a converter's JSON)."""
    @property
    def level_from(self) -> Literal["numbering", "markup", "title"]:
        """What placed the heading at its level: ``numbering`` (its marker and
        the document's order), ``markup`` (a ``#`` depth, HTML or Word level
        that tells levels apart) or ``title`` (its text: a section label or
        another unnumbered line where ``#`` depths carry no level)."""
    @property
    def line(self) -> int:
        """1-based line of the marker."""
    @property
    def column(self) -> int:
        """1-based column of the marker, in characters."""
    @property
    def index(self) -> int:
        """Position in ``Document.headings()``."""
    @property
    def document(self) -> Document: ...
    @property
    def span(self) -> Span:
        """Byte offsets from the heading to the end of its last descendant."""
    @property
    def marker_span(self) -> Span: ...
    @property
    def title_span(self) -> Span: ...
    @property
    def start(self) -> int:
        """Character offset of the heading: ``doc.text[h.start:h.end]``."""
    @property
    def end(self) -> int:
        """Character offset of the end of its last descendant."""
    @property
    def marker_start(self) -> int: ...
    @property
    def marker_end(self) -> int: ...
    @property
    def title_start(self) -> int: ...
    @property
    def title_end(self) -> int: ...
    @property
    def body(self) -> list[Paragraph]:
        """The heading's own paragraphs (not its sub-headings')."""
    @property
    def body_text(self) -> str:
        """The body's paragraphs joined by line breaks."""
    @property
    def children(self) -> list[Heading]: ...
    @property
    def parent(self) -> Heading | None: ...
    @property
    def path(self) -> list[str]:
        """The enclosing headings' labels, outermost first (``["一、提高认识"]``)."""
    @property
    def label(self) -> str:
        """Marker and title: ``一、提高认识``, ``第一章 总则``."""
    @property
    def components(self) -> list[int]:
        """A dotted marker's components (``2.3.1`` is ``[2, 3, 1]``)."""
    def to_dict(self) -> dict[str, Any]:
        """The heading's JSON (spec §7), with body and children."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Paragraph:
    """A body or preamble paragraph: ``doc.text[p.start:p.end] == p.text``."""

    @property
    def text(self) -> str: ...
    @property
    def span(self) -> Span: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def page(self) -> int | None:
        """The 1-based page, when the source has pages (a converter's JSON)."""

class TocEntry:
    """A table-of-contents entry."""

    @property
    def kind(self) -> str: ...
    @property
    def marker(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def marker_span(self) -> Span: ...
    @property
    def title_span(self) -> Span: ...
    @property
    def marker_start(self) -> int: ...
    @property
    def marker_end(self) -> int: ...
    @property
    def title_start(self) -> int: ...
    @property
    def title_end(self) -> int: ...

class Suggestion:
    """A replacement that fixes a diagnostic."""

    @property
    def replacement(self) -> str: ...
    @property
    def span(self) -> Span: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...

class Diagnostic:
    """One finding of ``tigang check``."""

    @property
    def code(self) -> str:
        """``numbering-skip``, ``numbering-duplicate``, ``lonely-ordinal``…"""
    @property
    def severity(self) -> str:
        """``error``, ``warning`` or ``info``."""
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def message(self) -> str:
        """What is wrong, in English (as in the JSON)."""
    @property
    def message_zh(self) -> str:
        """The same in Simplified Chinese."""
    @property
    def help(self) -> str | None:
        """What to do, in English, where there is advice."""
    @property
    def help_zh(self) -> str | None: ...
    @property
    def span(self) -> Span: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def suggestion(self) -> Suggestion | None: ...
    def to_dict(self) -> dict[str, Any]:
        """As ``tigang check --format json --lang en`` prints it."""
