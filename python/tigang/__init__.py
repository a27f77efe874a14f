"""tigang (提纲): the outline of Chinese documents.

Chinese speeches, work reports, plans and regulations number their structure
in the text: ``一、`` › ``（一）`` › ``1.`` › ``（1）`` › ``①``, inline points
``一是…二是…``, regulations' ``第一章`` › ``第一条``. tigang recovers that
outline as a typed heading tree, cuts it into chunks for retrieval that
never cross a heading, and reports numbering mistakes.

>>> import tigang
>>> doc = tigang.parse("关于安全生产的讲话\\n一、提高认识\\n（一）压实责任。一是明确分工。\\n")
>>> doc.title
'关于安全生产的讲话'
>>> [(h.level, h.marker, h.title) for h in doc.headings()]
[(1, '一、', '提高认识'), (2, '（一）', '压实责任'), (3, '一是', '明确分工')]
>>> h = doc.headings()[1]
>>> doc.text[h.title_start:h.title_end]
'压实责任'

The work is done in Rust with the GIL released; offsets are given both as
byte spans into the UTF-8 text (``span``, as in the JSON) and as character
offsets into the Python ``str`` (``start``, ``end``, ``title_start``, …).
"""

from __future__ import annotations

from ._errors import (
    DamagedFileError,
    DecodeError,
    FileNotFound,
    ReadError,
    TigangError,
    UnknownEncodingError,
    UnsupportedFileError,
    UsageError,
)
from ._tigang import (
    Diagnostic,
    Document,
    Heading,
    Paragraph,
    Suggestion,
    TocEntry,
    __version__,
    check,
    chunks,
    fmt,
    parse,
    read,
)
from ._types import Chunk

__all__ = [
    "Chunk",
    "DamagedFileError",
    "DecodeError",
    "Diagnostic",
    "Document",
    "FileNotFound",
    "Heading",
    "Paragraph",
    "ReadError",
    "Suggestion",
    "TigangError",
    "TocEntry",
    "UnknownEncodingError",
    "UnsupportedFileError",
    "UsageError",
    "__version__",
    "check",
    "chunks",
    "fmt",
    "parse",
    "read",
]
