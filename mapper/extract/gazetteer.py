"""Finding known phrases in text: one compiled alternation per word list.

Phrases match as whole words, longest first, leftmost first, without
overlaps; spaces match any run of whitespace, apostrophes either form
(' or ’) and hyphens any form (-, the non-breaking ‑ that UN PDFs print in
"Non‑Proliferation", ‐). Case folding is the caller's choice: names are matched without
regard to case, acronyms and anaphoric short forms ("the Commission") with it,
since UN style capitalizes a short form only when it names a specific body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

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


class Gazetteer(Generic[T]):
    """A word list compiled once; ``finditer`` yields the value of each phrase found."""

    def __init__(self, entries: Iterable[tuple[str, T]], *, case: bool) -> None:
        self.case = case
        self.values: dict[str, T] = {}
        for phrase, value in entries:
            self.values.setdefault(normal(phrase, case), value)
        phrases = sorted(self.values, key=len, reverse=True)
        alternation = "|".join(phrase_pattern(p) for p in phrases) or r"(?!)"
        # Not inside a word, a hyphenated word or a symbol ("HLPF" in E/HLPF/2023/6).
        self.regex = re.compile(rf"(?<![\w/-])(?:{alternation})(?![\w/-]|-\w)", 0 if case else re.I)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit[T]]:
        for m in self.regex.finditer(text, start, len(text) if end is None else end):
            yield Hit(m.start(), m.end(), m.group(), self.values[normal(m.group(), self.case)])
