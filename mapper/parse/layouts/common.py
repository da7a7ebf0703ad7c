"""Landmarks that every layout shares: the enacting formula, closing lines, furniture."""

from __future__ import annotations

import re

from mapper.errors import NotAResolutionError
from mapper.parse.source import Line

# "The General Assembly," ends its line; in Markdown it may close a line of
# glued heading segments ("...development***The General Assembly,*").
ENACTING = re.compile(r"(?:^|(?<=[*_\s]))The\s+General\s+Assembly\s*,?[\s*_]*$")
# Other organs' texts, refused with a clear word rather than misread.
OTHER_ORGAN = re.compile(
    r"^[\s*_]*The\s+(?P<organ>Security\s+Council|Economic\s+and\s+Social\s+Council|Human\s+Rights\s+Council"
    r"|Trusteeship\s+Council|Conference|Commission\s+[a-z]+[A-Za-z ]*)\s*,[\s*_]*$"
)
# Lines of page furniture that PDF and ODS conversions leave inside the body:
# a symbol alone, "2/8" page counters, bare page numbers, job numbers
# ("09-47305", "*0947305*"), "Please recycle", form feeds.
FURNITURE = re.compile(
    r"^[\s*_]*(?:A/RES/\S+|\d{1,3}/\d{1,3}|[-–]?\s*\d{1,3}\s*[-–]?|\d{2}-\d{5}|\*?\d{7}\*?|Please\s+recycle.*|\f)?[\s*_]*$"
)


def find_enacting(lines: tuple[Line, ...]) -> tuple[int, int]:
    """The index of the line holding "The General Assembly," and the formula's column."""
    for i, line in enumerate(lines):
        m = ENACTING.search(line.text)
        if m:
            return i, m.start()
    for line in lines:
        other = OTHER_ORGAN.match(line.text)
        if other:
            organ = " ".join(other.group("organ").split())
            raise NotAResolutionError(
                f"a text of the {organ}, not of the General Assembly: expected the enacting formula 'The General Assembly,'",
                line=line.number,
            )
    raise NotAResolutionError("not a General Assembly resolution: no enacting formula 'The General Assembly,' on a line of its own")


def is_furniture(text: str) -> bool:
    return FURNITURE.match(text) is not None
