"""Text that remembers where each of its characters came from.

Every parsing stage works on :class:`MappedText`: a string plus *runs*
``(text_start, source_start, length)`` saying which characters were copied
verbatim from the source text. A character outside every run was made by
cleaning (the single space that joins two lines). Cleaning is expressed as
:meth:`MappedText.rewrite`, which keeps the runs, so a paragraph's characters
can always be traced back to the exact characters of the file.

Invariants (tested with hypothesis in ``tests/unit/core/test_text.py``):

* ``source[s:s + n] == text[t:t + n]`` for every run ``(t, s, n)``;
* runs are increasing and disjoint in both the text and the source, so no
  source character is duplicated;
* rewriting never moves a copied character out of its run.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Run = tuple[int, int, int]  # (text_start, source_start, length)


@dataclass(frozen=True, slots=True)
class MappedText:
    text: str
    runs: tuple[Run, ...] = ()

    # -- construction -------------------------------------------------------

    @classmethod
    def of(cls, source: str, start: int = 0, end: int | None = None) -> MappedText:
        """The slice ``source[start:end]``, every character mapped."""
        end = len(source) if end is None else end
        if end <= start:
            return EMPTY
        return cls(source[start:end], ((0, start, end - start),))

    @classmethod
    def literal(cls, text: str) -> MappedText:
        """Characters made by cleaning, with no source."""
        return cls(text, ()) if text else EMPTY

    @classmethod
    def join(cls, parts: Iterable[MappedText], sep: str = "") -> MappedText:
        """Concatenate in one pass (``+`` in a loop would copy quadratically)."""
        texts: list[str] = []
        runs: list[Run] = []
        pos = 0
        for i, part in enumerate(parts):
            if i and sep:
                texts.append(sep)
                pos += len(sep)
            if not part.text:
                continue
            texts.append(part.text)
            for t, s, n in part.runs:
                if runs:
                    pt, ps, pn = runs[-1]
                    if pt + pn == t + pos and ps + pn == s:  # contiguous in both: merge
                        runs[-1] = (pt, ps, pn + n)
                        continue
                runs.append((t + pos, s, n))
            pos += len(part.text)
        text = "".join(texts)
        return cls(text, tuple(runs)) if text else EMPTY

    # -- sequence protocol --------------------------------------------------

    def __str__(self) -> str:
        return self.text

    def __len__(self) -> int:
        return len(self.text)

    def __add__(self, other: MappedText) -> MappedText:
        return MappedText.join((self, other))

    def __getitem__(self, key: slice) -> MappedText:
        start, stop, step = key.indices(len(self.text))
        if step != 1:
            raise ValueError("MappedText slices take no step")
        if stop <= start:
            return EMPTY
        if start == 0 and stop == len(self.text):
            return self
        runs = []
        first = max(0, bisect_right(self.runs, (start, float("inf"), 0)) - 1)
        for t, s, n in self.runs[first:]:
            if t >= stop:
                break
            a, b = max(t, start), min(t + n, stop)
            if a < b:
                runs.append((a - start, s + a - t, b - a))
        return MappedText(self.text[start:stop], tuple(runs))

    # -- mapping ------------------------------------------------------------

    def source_offset(self, i: int) -> int | None:
        """The source offset of character ``i``, or None if cleaning made it."""
        k = bisect_right(self.runs, (i, float("inf"), 0)) - 1
        if k >= 0:
            t, s, n = self.runs[k]
            if t <= i < t + n:
                return s + i - t
        return None

    def source_span(self, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        """Smallest source range holding the mapped characters of ``text[start:end]``."""
        part = self[start : len(self.text) if end is None else end]
        if not part.runs:
            return None
        first, last = part.runs[0], part.runs[-1]
        return first[1], last[1] + last[2]

    # -- cleaning -------------------------------------------------------------

    def rewrite(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], MappedText | str | None]) -> MappedText:
        """Replace each match of ``pattern`` by ``repl(match)``.

        ``repl`` returns a plain string (characters made by cleaning), a
        MappedText, usually ``self.group(match, n)`` to keep a part of the
        match with its mapping, or None to leave the match as it is.
        """
        pieces: list[MappedText] = []
        pos = 0
        for m in pattern.finditer(self.text):
            r = repl(m)
            if r is None:
                continue
            pieces.append(self[pos : m.start()])
            pieces.append(MappedText.literal(r) if isinstance(r, str) else r)
            pos = m.end()
        if not pieces:
            return self
        pieces.append(self[pos:])
        return MappedText.join(pieces)

    def group(self, match: re.Match[str], group: int | str = 0) -> MappedText:
        """The mapped text of one group of a match found in ``self.text``."""
        a, b = match.span(group)
        return self[a:b] if a >= 0 else EMPTY

    def strip(self, chars: str | None = None) -> MappedText:
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self[left:right] if right > left else EMPTY

    def squeeze(self) -> MappedText:
        """Collapse each run of spaces, tabs and line breaks to one space, and strip.

        A lone space keeps its mapping; any other run becomes one space made
        by cleaning. Idempotent.
        """
        t = self.text
        if "  " not in t and "\t" not in t and "\n" not in t and "\r" not in t:
            return self.strip(_SPACES)  # nothing to collapse: the common case, without a scan by the regex engine
        return self.rewrite(_SPACE_RUN, lambda m: " ").strip(_SPACES)


_SPACES = " \t\r\n"
_SPACE_RUN = re.compile(r"[ \t\r\n]{2,}|[\t\r\n]")

EMPTY = MappedText("", ())
