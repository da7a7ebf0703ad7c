"""Dates as the texts print them: "21 December 2009", "on 19 December 2023"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mapper.lexicon.words import MONTH_NUMBER, MONTHS

MONTH = "|".join(MONTHS)
# Day, month, year; "1st" never occurs in UN style but costs nothing to accept.
DATE = re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTH})\s*,?\s+(?P<year>\d{{4}})(?!\d)")


def parse_date(match: re.Match[str]) -> date | None:
    """The date of a DATE match, or None when the day does not exist."""
    try:
        return date(int(match.group("year")), MONTH_NUMBER[match.group("month").lower()], int(match.group("day")))
    except ValueError:
        return None


def find_date(text: str) -> date | None:
    m = DATE.search(text)
    return parse_date(m) if m else None


@dataclass(frozen=True, slots=True)
class When:
    """A date or date range as printed: "from 15 to 18 November 2009", "in 2012"."""

    start: int  # offsets of the expression in the text
    end: int
    first: date | None
    last: date | None
    year: int


_D = r"(?P<{0}>\d{{1,2}})"
_M = rf"(?P<{{0}}>{MONTH})"
_Y = r"(?P<{0}>\d{{4}})"
# Longest forms first: each is tried at every position, and the first that matches wins.
_RANGES = [
    # from 30 October 2006 to 2 November 2007
    rf"(?:from\s+)?{_D.format('d1')}\s+{_M.format('m1')}\s+{_Y.format('y1')}\s+(?:to|and|-|–)\s+{_D.format('d2')}\s+{_M.format('m2')}\s+{_Y.format('y2')}",
    # from 30 October to 2 November 2006; on 30 November and 1 December 2023
    rf"(?:(?:from|on)\s+)?{_D.format('d1')}\s+{_M.format('m1')}\s+(?:to|and|-|–)\s+{_D.format('d2')}\s+{_M.format('m2')}\s+{_Y.format('y2')}",
    # from 15 to 18 November 2009; on 29 and 30 October 2007; 24 to 27 April 2023; 10-12 December 2003
    rf"(?:(?:from|on)\s+)?{_D.format('d1')}\s*(?:to|and|-|–)\s*{_D.format('d2')}\s+{_M.format('m2')}\s+{_Y.format('y2')}",
    # on 8 September 2000
    rf"(?:on\s+)?{_D.format('d1')}\s+{_M.format('m2')}\s+{_Y.format('y2')}",
    # in May 2010
    rf"(?:in\s+)?{_M.format('m2')}\s+{_Y.format('y2')}",
    # in 2011 and 2012: two years, split by find_whens
    rf"in\s+{_Y.format('y1')}\s+and\s+{_Y.format('y2')}",
    # in 2012
    rf"in\s+{_Y.format('y2')}",
]
WHEN = re.compile("|".join("(?:" + r.replace("(?P<", f"(?P<r{i}_") + ")" for i, r in enumerate(_RANGES)))


def _day(y: str | None, m: str | None, d: str | None) -> date | None:
    if not (y and m and d):
        return None
    try:
        return date(int(y), MONTH_NUMBER[m.lower()], int(d))
    except ValueError:
        return None


def find_whens(text: str, start: int = 0, end: int | None = None) -> list[When]:
    """Every date or date range in ``text[start:end]``, in order."""
    out = []
    for m in WHEN.finditer(text, start, len(text) if end is None else end):
        g = {k.split("_", 1)[1]: v for k, v in m.groupdict().items() if v is not None}
        y2 = g["y2"]
        if "y1" in g and "m1" not in g and "d1" not in g:  # "in 2011 and 2012"
            cut = m.start() + m.group().index(" and ")
            out.append(When(m.start(), cut, None, None, int(g["y1"])))
            out.append(When(cut + 5, m.end(), None, None, int(y2)))
            continue
        last = _day(y2, g.get("m2"), g.get("d1") if "d2" not in g and "d1" in g else g.get("d2"))
        first = _day(g.get("y1", y2), g.get("m1", g.get("m2")), g.get("d1")) if "d1" in g else last
        out.append(When(m.start(), m.end(), first, last, int(g.get("y1", y2))))
    return out
