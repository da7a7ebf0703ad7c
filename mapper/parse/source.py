"""Parsing, step 1: bytes to source text, with the checks every input gets first.

The source text is the decoded file, byte-order mark removed; every offset in
the model counts characters of this text. Nothing here guesses an encoding:
a file that is not UTF-8 is refused with the place of the first bad byte and
the encoding it most likely is, and ``--encoding`` reads it on purpose.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from mapper.errors import EncodingError, NotAResolutionError

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def is_resolution_text(path: Path) -> bool:
    """A file a folder of resolutions offers: a text or Markdown file, README files excepted."""
    return path.is_file() and path.suffix.lower() in TEXT_SUFFIXES and not path.name.upper().startswith("README")


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    start: int  # offset of the first character
    end: int  # offset after the last character, line break and \r excluded
    text: str


@dataclass(frozen=True, slots=True)
class SourceText:
    text: str
    sha256: str
    lines: tuple[Line, ...]


def split_lines(text: str) -> tuple[Line, ...]:
    lines = []
    start = 0
    number = 1
    while start <= len(text):
        nl = text.find("\n", start)
        stop = len(text) if nl < 0 else nl
        end = stop - 1 if stop > start and text[stop - 1] == "\r" else stop
        lines.append(Line(number, start, end, text[start:end]))
        if nl < 0:
            break
        start, number = nl + 1, number + 1
    return tuple(lines)


# Control characters that never occur in a text file (tab, LF, CR, FF allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A document-level HTML tag near the start: a saved web page, not a text.
_HTML = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_BOM = b"\xef\xbb\xbf"


def decode(data: bytes, encoding: str | None = None) -> SourceText:
    """Decode ``data`` as UTF-8 (or ``encoding``) and refuse what is not text."""
    if not data.strip(_BOM + b" \t\r\n\f"):
        raise EncodingError("empty file: expected the text of a resolution")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise EncodingError(f"binary file (NUL byte at byte {nul}): expected UTF-8 text")
    if encoding is None:
        try:
            text = data.removeprefix(_BOM).decode("utf-8")
        except UnicodeDecodeError as e:
            raise _not_utf8(data, e) from None
    else:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as e:
            raise EncodingError(f"cannot decode as {encoding}: {e}") from None
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise EncodingError(f"binary file (control character U+{ord(bad.group()):04X}): expected text", line=line)
    if _HTML.match(text):
        raise NotAResolutionError("an HTML page, not a resolution text: save it as plain text or Markdown first", line=1)
    return SourceText(text, hashlib.sha256(data).hexdigest(), split_lines(text))


def _not_utf8(data: bytes, e: UnicodeDecodeError) -> EncodingError:
    line = data.count(b"\n", 0, e.start) + 1
    column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
    byte = data[e.start]
    if _printable_share(data) < 0.9:
        return EncodingError(f"binary file (byte 0x{byte:02X} at byte {e.start} is not UTF-8): expected text")
    guess = "windows-1252" if _is_cp1252_text(data) else "latin-1"
    return EncodingError(
        f"not UTF-8: byte 0x{byte:02X} at column {column}; the text looks like {guess}, "
        f"so convert it to UTF-8 or pass --encoding {guess}",
        line=line,
    )


def _printable_share(data: bytes) -> float:
    sample = data[:65536]
    printable = sum(1 for b in sample if b >= 0x20 or b in b"\t\n\r\f")
    return printable / len(sample)


def _is_cp1252_text(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
