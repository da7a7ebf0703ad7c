"""Finding known phrases in text: one Aho-Corasick automaton per word list (pyahocorasick).

Phrases match as whole words, longest first, leftmost first, without
overlaps; spaces match any run of whitespace, apostrophes either form
(' or ’) and hyphens any form (-, the non-breaking ‑ that UN PDFs print in
"Non‑Proliferation", ‐). Case folding is the caller's choice: names are matched without
regard to case, acronyms and anaphoric short forms ("the Commission") with it,
since UN style capitalizes a short form only when it names a specific body.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

import ahocorasick

T = TypeVar("T")


def phrase_pattern(phrase: str) -> str:
    """The regex of one phrase: flexible spaces and apostrophes, literal otherwise."""
    out: list[str] = []
    for ch in phrase:
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        elif ch in "\"“”":
            out.append("[\"“”]")
        elif ch in "-‐‑":
            out.append("[-‐‑]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def normal(phrase: str, case: bool) -> str:
    key = " ".join(phrase.replace("’", "'").replace("“", '"').replace("”", '"').replace("‑", "-").replace("‐", "-").split())
    return key if case else key.lower()


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    start: int
    end: int
    text: str
    value: T


# The one form of each character a phrase may be printed in: apostrophes, quotes, hyphens.
_FOLD = str.maketrans({"’": "'", "“": '"', "”": '"', "‑": "-", "‐": "-"})
_NEEDS_FOLD = re.compile("[’“”‑‐]")
_SPACES = re.compile(r"\s{2,}|[^\S ]")  # what folding changes: runs of white space, and any white space but a space


@lru_cache(maxsize=256)
def _folded(text: str, case: bool) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """``text`` as phrases are keyed (:func:`normal`, without the strip), with where its collapsed runs of white space
    were: folded offset ``i`` is original offset ``i + shifts[k]`` for the last ``k`` with ``starts[k] <= i``.

    Every unit is searched by a dozen word lists; it is folded once for all of them."""
    t = text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text
    if not case:
        lowered = t.lower()
        t = lowered if len(lowered) == len(t) else "".join(c.lower() if len(c.lower()) == 1 else c for c in t)
    if not _SPACES.search(t):
        return t, (0,), (0,)  # the common case: a unit's text has single spaces only
    starts, shifts, parts, at, shift = [0], [0], [], 0, 0
    for m in _SPACES.finditer(t):
        parts.append(t[at:m.start()])
        parts.append(" ")
        folded_after = m.start() - shift + 1
        shift += m.end() - m.start() - 1
        starts.append(folded_after)
        shifts.append(shift)
        at = m.end()
    parts.append(t[at:])
    return "".join(parts), tuple(starts), tuple(shifts)


def _original(i: int, starts: tuple[int, ...], shifts: tuple[int, ...]) -> int:
    return i + shifts[bisect_right(starts, i) - 1]


def _word(ch: str) -> bool:
    """A character that continues a word, a hyphenated word or a symbol ("HLPF" in E/HLPF/2023/6)."""
    return ch.isalnum() or ch in "_/-‑‐"


class Gazetteer(Generic[T]):
    """A word list compiled once into an Aho-Corasick automaton; ``finditer`` yields the value of each phrase found.

    One pass over the folded text finds every phrase at once, however long the list (the authority files hold
    thousands of names); the hits are then kept as an alternation of the phrases, longest first, would keep them:
    leftmost, longest, whole words, no overlaps."""

    def __init__(self, entries: Iterable[tuple[str, T]], *, case: bool) -> None:
        self.case = case
        self.values: dict[str, T] = {}
        for phrase, value in entries:
            self.values.setdefault(normal(phrase, case), value)
        self._automaton = ahocorasick.Automaton()
        for key in self.values:
            if key:
                self._automaton.add_word(key, key)
        if self.values:
            self._automaton.make_automaton()

    def __contains__(self, phrase: str) -> bool:
        """Whether ``phrase`` is one of the list's phrases (as printed in any of its forms)."""
        return normal(phrase, self.case) in self.values

    def get(self, phrase: str) -> T | None:
        """The value of ``phrase`` if it is one of the list's phrases, else None."""
        return self.values.get(normal(phrase, self.case))

    @lru_cache(maxsize=512)  # noqa: B019 - word lists live as long as the process; a unit is searched again by its finders
    def _matches(self, text: str) -> tuple[tuple[int, int, str, bool, bool], ...]:
        """Every occurrence of a phrase in ``text`` that starts a word, overlapping or not, sorted leftmost and longest
        first: (start, end, key, starts a word, ends a word)."""
        if not self.values:
            return ()
        folded, starts, shifts = _folded(text, self.case)
        found = []
        for last, key in self._automaton.iter(folded):
            a = _original(last + 1 - len(key), starts, shifts)
            if a > 0 and _word(text[a - 1]):
                continue
            b = _original(last, starts, shifts) + 1
            found.append((a, b, key, True, b >= len(text) or not _word(text[b])))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        return tuple(found)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit[T]]:
        """The phrases in ``text[start:end]``, leftmost and longest, without overlaps; a phrase ending at ``end``
        may be followed by anything."""
        stop = len(text) if end is None else end
        at = start
        for a, b, key, _, ends_word in self._matches(text):
            if a >= at and b <= stop and (ends_word or b == stop):
                yield Hit(a, b, text[a:b], self.values[key])
                at = b
