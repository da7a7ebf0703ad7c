"""General Assembly resolution symbols: one class that both parses and prints them.

Forms, per the UN's document symbol conventions:

* ``A/RES/57/295``: session 57, resolution 295 (since the thirty-first session, 1976);
* ``A/RES/57/270 B``: part B of a resolution adopted in parts;
* ``A/RES/S-13/2``, ``A/RES/ES-11/1``: special and emergency special sessions;
* ``2625 (XXV)``, ``217 A (III)``: before 1976, the number then the session in roman
  numerals (printed ``A/RES/2625 (XXV)`` here).

Dash-encoded symbols (``A-RES-57-295``) are the usual file names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

_ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90),
          ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman_to_int(roman: str) -> int:
    value, rest = 0, roman.upper()
    for letters, n in _ROMAN:
        while rest.startswith(letters):
            value, rest = value + n, rest[len(letters):]
    if rest or not roman:
        raise ValueError(f"not a roman numeral: {roman!r}")
    return value


def int_to_roman(n: int) -> str:
    out = []
    for letters, value in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


# The parts of a symbol as printed in running text and headings.
_SESSION = r"(?P<session>(?:E?S-)?\d{1,3})"
_NUMBER = r"(?P<number>\d{1,4})"
_PART = r"(?:\s?(?P<part>[A-Z]{1,2})(?![A-Za-z]))?"  # "57/270 B", "53/77 AA"
MODERN = re.compile(rf"(?:A/RES/)?{_SESSION}/{_NUMBER}{_PART}")
# "2625 (XXV)", "217 A (III)", "A/RES/217(III) A"
OLD = re.compile(r"(?:A/RES/)?(?P<number>\d{1,4})\s?(?:(?P<part>[A-Z])\s)?\((?P<roman>[IVXL]{1,6})\)(?:\s(?P<part2>[A-Z])\b)?")
# File names: A-RES-57-295, A_RES_ES-11_1, A-RES-57-270B, ARES57295 is too ambiguous to accept.
FILE_NAME = re.compile(
    r"^A[-_ ]RES[-_ ](?P<session>(?:E?S[-_])?\d{1,3})[-_ ](?P<number>\d{1,4})(?:[-_ ]?(?P<part>[A-Z]))?$", re.I
)


@dataclass(frozen=True, slots=True, order=True)
class ResolutionSymbol:
    session: int | str  # 57, or "ES-11" / "S-13" for (emergency) special sessions
    number: int
    part: str | None = None  # "B" of 57/270 B
    roman: bool = False  # printed in the pre-1976 form "2625 (XXV)"

    @classmethod
    def parse(cls, text: str) -> ResolutionSymbol:
        """Parse a symbol as printed; raise ValueError if ``text`` is not one."""
        text = text.strip()
        m = MODERN.fullmatch(text)
        if m:
            return cls(_session(m.group("session")), int(m.group("number")), m.group("part"))
        m = OLD.fullmatch(text)
        if m:
            return cls(roman_to_int(m.group("roman")), int(m.group("number")), m.group("part") or m.group("part2"), True)
        raise ValueError(f"not a General Assembly resolution symbol: {text!r}")

    @classmethod
    def from_file_name(cls, path: str) -> ResolutionSymbol | None:
        """``A-RES-65-141.txt`` -> A/RES/65/141; None when the name is not a symbol."""
        m = FILE_NAME.match(PurePath(path).name.split(".")[0])
        if not m:
            return None
        session = m.group("session").upper().replace("_", "-")
        part = m.group("part")
        return cls(_session(session), int(m.group("number")), part.upper() if part else None)

    @property
    def short(self) -> str:
        """The form used in running text: ``57/295``, ``ES-11/1``, ``2625 (XXV)``."""
        part = f" {self.part}" if self.part else ""
        if self.roman:
            return f"{self.number}{part} ({int_to_roman(int(self.session))})"
        return f"{self.session}/{self.number}{part}"

    @property
    def slug(self) -> str:
        """Dash-encoded, safe in file names and IRI path segments: ``A-RES-57-270B``."""
        if self.roman:
            return f"A-RES-{self.number}{self.part or ''}-{int_to_roman(int(self.session))}"
        return f"A-RES-{self.session}-{self.number}{self.part or ''}"

    def __str__(self) -> str:
        return f"A/RES/{self.short}"


def _session(text: str) -> int | str:
    return text.upper() if "S-" in text.upper() else int(text)


# Document symbols in headings and footnotes: A/64/417, A/57/L.71, A/C.2/59/3,
# E/CN.16/2018/CRP.3, A/64/64-E/2009/10, TD/B/EDE/6/4. A symbol is a series of
# "/"-separated elements, the first an organ code of capitals. A document issued in
# parts or volumes carries the part in brackets, and its corrigenda after it:
# NPT/CONF.2000/28 (Parts I and II), NPT/CONF.2010/50 (Vol. I), NPT/CONF.1995/32 (Part I)/Corr.2.
_ELEMENTS = r"(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)"
_VOLUME = r"(?:\s\((?:Parts?|Vols?\.)\s[IVXL\d]+(?:\s*(?:,|and|to|-|–)\s*[IVXL\d]+)*\)(?:/[A-Z][a-z]*\.\d+)*)"
DOCUMENT = re.compile(rf"\b[A-Z][A-Z0-9]{{0,5}}(?:\.\d+)?{_ELEMENTS}+{_VOLUME}?")
# "and Add.1", "and Corr.1", "and Add.1-3": a part of the symbol just before.
DOCUMENT_SUFFIX = re.compile(r"\s*(?:,\s*|\s+and\s+)(?P<kind>Add|Corr|Rev)\.(?P<n>\d+)(?:\s*(?:-|–|and)\s*(?P<to>\d+))?")


# The "-" that joins the symbols of one document issued by two organs: A/64/64-E/2009/10.
_JOINT = re.compile(r"-(?=[A-Z][A-Z0-9.]*/)")


def find_documents(text: str):
    """``(symbol, start, end)`` of every document symbol in ``text``, in order.

    "and Add.1" gives the addendum as a symbol of its own, spanning those
    words; a joint symbol stays one document and its addendum gets the suffix
    on each part (A/67/66-E/2012/49 and Add.1 -> A/67/66/Add.1-E/2012/49/Add.1).
    """
    for m in DOCUMENT.finditer(text):
        symbol = m.group().rstrip(".-")
        end = m.start() + len(symbol)
        yield symbol, m.start(), end
        pos = end
        while s := DOCUMENT_SUFFIX.match(text, pos):
            first, last = int(s.group("n")), int(s.group("to") or s.group("n"))
            for n in range(first, last + 1):
                suffix = f"/{s.group('kind')}.{n}"
                yield "-".join(p + suffix for p in _JOINT.split(symbol)), s.start("kind"), s.end()
            pos = s.end()


def is_draft(symbol: str) -> bool:
    """Whether a document symbol is of limited distribution, as drafts are: an ``L.`` element
    (``A/60/L.50``, ``A/C.2/64/L.35/Rev.1``, ``A/HRC/55/L.12``, ``E/2023/L.5/Add.1``)."""
    return re.search(r"(?:^|/)L\.\d", symbol) is not None


def document_symbols(text: str) -> list[str]:
    """Every document symbol in ``text``, with "and Add.1" expanded: A/57/L.71/Add.1."""
    return [symbol for symbol, _, _ in find_documents(text)]
