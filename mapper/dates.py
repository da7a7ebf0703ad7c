"""Dates as the texts print them: "21 December 2009", "on 19 December 2023"."""

from __future__ import annotations

import re
from datetime import date

from .lexicon import MONTH_NUMBER, MONTHS

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
