"""The exceptions tigang raises. Every one is a :class:`TigangError`, and also
the built-in exception a Python program would expect for the same problem,
so ``except ValueError`` or ``except FileNotFoundError`` work too. Messages
are the command line's (``tigang parse``)."""

from __future__ import annotations


class TigangError(Exception):
    """Base class of every error tigang raises."""


class DecodeError(TigangError, ValueError):
    """The bytes are not valid in the encoding found (or given): the message
    names the first bad byte and its line. ``encoding``, ``offset`` (a byte
    offset into the input, BOM included) and ``line`` say where; pass
    ``encoding=`` to choose another encoding or ``lossy=True`` to replace bad
    bytes with U+FFFD."""

    encoding: str
    offset: int
    line: int
    filename: str | None = None


class UnknownEncodingError(TigangError, LookupError):
    """``encoding=`` names no encoding (WHATWG labels: ``gb18030``, ``gbk``,
    ``big5``, ``utf-16le``, ``utf-8``, …)."""


class ReadError(TigangError, OSError):
    """A file could not be read (``filename`` says which)."""

    def __str__(self) -> str:
        # OSError would print "[Errno None] None: 'path'" once `filename` is set.
        return str(self.args[0]) if self.args else ""


class FileNotFound(ReadError, FileNotFoundError):
    """The file does not exist."""


class UnsupportedFileError(TigangError, ValueError):
    """The file is not a document tigang reads (a PDF, an old ``.doc``, an
    image, an archive, a program): the message says what it is."""


class DamagedFileError(TigangError, ValueError):
    """A damaged Word document: a part that does not unpack, is missing or
    is not well-formed XML, or one that unpacks to more than 200 MB (a
    possible ZIP bomb). The message says which part and what to do."""


class UsageError(TigangError, ValueError):
    """An argument tigang does not accept (an unknown ``style``, ``encoding=``
    with a ``str``)."""
