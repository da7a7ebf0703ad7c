"""Page furniture: what a PDF prints on every page and an extraction leaves in the text.

A resolution's PDF prints, around the text of each page, a running header (the
title, or its first line), the symbol (``A/RES/80/16``), a page counter
(``2/4``), and on the first page a job number (``25-15106 (E)``) and a barcode
(``*2515106*``). A text extraction keeps them as lines of their own, wherever
the page broke: between two paragraphs, or in the middle of one. They are
never part of what the Assembly said.

A line is furniture when it is made only of such pieces. A running header is
known by its match with the printed title: the whole title, or the words it
opens with (three or more, as far as the header's line reaches), alone on its
line, with the title's capitals. The first words alone may be a line of a
paragraph that names the title: they are a header when the symbol or the page
counter is on their line, when the line is short where the text's lines fill
the measure, or when the next line does not go on with the title's next word
(a wrapped line of a paragraph does). A header that is not the title is known by the
symbol or the page counter printed on its line, on two pages or more.
Repetition alone proves nothing: a hard-wrapped text repeats a line whenever
a long name ("Combat and Eradicate the Illicit Trade in Small Arms") wraps the
same way, three times in one resolution.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from mapper.core.model import CorrectionKind

_SYMBOL = r"A/RES/(?:E?S-)?\d{1,3}/\d{1,4}(?:\s?[A-Z]\b)?"
_COUNTER = r"\d{1,3}\s?/\s?\d{1,3}"
_JOB = r"\d{2}-\d{5}(?:\s?\([A-Z]\))?"
_BARCODE = r"\*\d{7}\*|\d{7}"
_PIECES: tuple[tuple[CorrectionKind, str], ...] = (
    ("symbol-line", _SYMBOL),
    ("page-number", _COUNTER),
    ("job-number", _JOB),
    ("barcode", _BARCODE),
    ("page-number", r"Page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|[-–]\s?\d{1,3}\s?[-–]"),
    ("barcode", r"Please\s+recycle\s*♲?|♲"),
)
_PIECE = re.compile("|".join(f"(?P<p{i}>{p})" for i, (_, p) in enumerate(_PIECES)))
_ONLY_PIECES = re.compile(rf"^\s*(?:(?:{_PIECE.pattern})\s*)+$")
_ENDS_SENTENCE = re.compile(r"[.,;:!?”’\"')\]]\s*$")


_LONGEST = 240  # a header with the symbol and the counter on its line is shorter


@dataclass(frozen=True, slots=True)
class Found:
    kind: CorrectionKind
    text: str


class Furniture:
    """Tells the furniture lines of one text: built from its title and the lines of its body."""

    def __init__(self, title: str | None, lines: Iterable[str]) -> None:
        self._title = title.split() if title else []
        lines = list(lines)
        lengths = sorted(len(line.strip()) for line in lines if line.strip())
        # The measure: how long the lines of the text run (the 90th percentile); a hard-wrapped line fills it.
        self._measure = lengths[int(len(lengths) * 0.9)] if lengths else 0
        counts = Counter(" ".join(line.split()) for line in lines if len(line) <= _LONGEST)
        self._repeated = frozenset(
            _strip_pieces(text) for text, n in counts.items() if n >= 2 and _strip_pieces(text) != text and _header_like(_strip_pieces(text))
        )

    def find(self, line: str, following: str = "") -> Found | None:
        """What furniture ``line`` is (the first kind found in it), or None when it is text; ``following`` is
        the next line of text, which tells a header from a wrapped line that names the title."""
        if len(line) > _LONGEST:
            return None  # a line of text: furniture is short
        text = " ".join(line.split())
        if not text:
            return None
        if _ONLY_PIECES.match(text):
            return Found(_kind(text), text)
        rest = _strip_pieces(text)
        if rest in self._repeated:
            return Found("running-header", text)
        opens = self._opens_title(rest)
        if opens == "whole" or (opens == "first words" and (
            rest != text  # the symbol or the counter on its line
            or len(text) < 0.7 * self._measure  # short, where the text's lines fill the measure
            or not self._title_goes_on(rest, following)
        )):
            return Found("running-header", text)
        return None

    def _opens_title(self, text: str) -> str | None:
        """"whole" when ``text`` is the title, "first words" when it opens it (three words or more), else None."""
        words = text.split()
        n = len(words)
        if n < min(3, len(self._title)) or words != self._title[:n]:
            return None
        return "whole" if n == len(self._title) else "first words"

    def _title_goes_on(self, text: str, following: str) -> bool:
        """Does the next line go on with the title's next word, as a wrapped line that names the title does?"""
        n = len(text.split())
        nxt = following.split()[:1]
        return [w.rstrip(",;:.!?)”’\"'") for w in nxt] == self._title[n : n + 1]


_EDGE = re.compile(rf"^(?:(?:{_SYMBOL}|{_COUNTER}|{_JOB})\s+)+|(?:\s+(?:{_SYMBOL}|{_COUNTER}|{_JOB}))+$")


def _strip_pieces(text: str) -> str:
    """``text`` without the symbol, counter and job number a header line may carry at either end."""
    return _EDGE.sub("", text)


def _kind(text: str) -> CorrectionKind:
    m = _PIECE.search(text)
    assert m is not None and m.lastgroup is not None
    return _PIECES[int(m.lastgroup[1:])][0]


# A repeated line may be a header only if it reads like one: short, no final
# punctuation, not opening like a paragraph (a number, a label) or a footnote.
_OPENS = re.compile(r"^(?:\d{1,3}\.?\s|\(\w{1,5}\)\s|\[\^)")


def _header_like(text: str) -> bool:
    return 3 <= len(text) <= 100 and not _ENDS_SENTENCE.search(text) and not _OPENS.match(text) and text[0].isupper()
