"""Places: every place a unit names, and where its events are held.

:func:`mentions` finds the places of the gazetteer (``places.toml``: Member and
observer States, territories, regions, cities, keyed by ISO 3166 / M49 /
UN/LOCODE codes) wherever a unit names them by name or variant, exact case,
outside the names of bodies, instruments and events ("the African Union", "the
Treaty of Pelindaba" and "the Tunis Agenda" name no place): "Ukraine",
"Crimea", "the Middle East", "Latin America and the Caribbean".

:func:`place_before` and :func:`place_after` read where an event is held: "in
Sharm el-Sheikh, Egypt," before a date, "in Geneva" after one. A city missing
from the gazetteer is recognized there by its position only, as the title-case
words after "in" just before the date or ", COUNTRY", and keyed by its name's
slug; the country, when the text gives one, is recorded with the city.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from mapper.core.facts import PlaceKind, PlaceMention, Span
from mapper.extract.gazetteer import Gazetteer
from mapper.lexicon.authority import Authorities

# Names too common inside other names to stand for a place by themselves ("World Summit", "World Bank").
_NOT_ALONE = {"m49-001"}
_LONGER_NAME = re.compile(r"\s+[A-Z][a-z]")


@cache
def _gazetteer(tables: Authorities) -> Gazetteer[str]:
    return Gazetteer(((n, k) for n, k in tables.place_names.items() if k not in _NOT_ALONE), case=True)


# The title of a conference's report, as footnotes cite it: "Report of the Fourth World Conference on Women, Beijing,
# 4–15 September 1995": its place is part of the title.
_REPORT_TITLE = re.compile(r"\b(?:Report|Proceedings|Outcome) of the [A-Z][^;()]{5,250}?(?:,\s+[A-Z][\w’'\s-]+){1,2},\s+\d")


def mentions(text: str, tables: Authorities, masked: Iterable[tuple[int, int]] = ()) -> list[PlaceMention]:
    """The places of the gazetteer ``text`` names, outside the ``masked`` spans (names of bodies, instruments, events)
    and the titles of reports."""
    spans = list(masked) + [m.span() for m in _REPORT_TITLE.finditer(text)]
    out = []
    for hit in _gazetteer(tables).finditer(text):
        if any(s < hit.end and hit.start < e for s, e in spans):
            continue
        p = tables.places[hit.value]
        if p.kind in ("city", "region") and _LONGER_NAME.match(text, hit.end):
            continue  # "Victoria Falls", "Pacific Islands Forum": part of a longer name
        kind: PlaceKind = p.kind  # type: ignore[assignment]  # the sections of places.toml are the kinds
        out.append(PlaceMention(p.key, p.name, kind, Span(hit.start, hit.end), hit.text, p.country))
    return out


_NAME = r"[A-Z][\w'’-]*(?:\s+(?:(?:de|da|do|del|el|al|es|of|the)[\s-]+)?[A-Z][\w'’-]*)*|[A-Z][\w'’]*-[a-z]+-[A-Z][\w'’]*"
_BEFORE = re.compile(rf"\bin\s+(?P<city>{_NAME})(?:,\s+(?P<country>{_NAME}(?:\s+\([^)]*\))?))?,?\s*$")
_AFTER = re.compile(rf"^,?\s+in\s+(?P<city>{_NAME})(?:,\s+(?P<country>{_NAME}(?:\s+\([^)]*\))?))?")


def _mentions(m: re.Match[str], offset: int, tables: Authorities) -> list[PlaceMention]:
    countries = tables.countries
    names = tables.country_names
    city, country = m.group("city"), m.group("country")
    if country and country not in countries:
        return []
    if not country and city in countries:  # "in Saudi Arabia in 2024": a country alone
        key = countries[city]
        return [PlaceMention(key, names[key], "country", Span(offset + m.start("city"), offset + m.end("city")), city)]
    out = []
    country_key = countries[country] if country else None
    out.append(PlaceMention(tables.city_key(city), city, "city", Span(offset + m.start("city"), offset + m.end("city")), city, country_key))
    if country and country_key:
        out.append(PlaceMention(country_key, names[country_key], "country",
                                Span(offset + m.start("country"), offset + m.end("country")), country))
    return out


def place_before(text: str, position: int, tables: Authorities) -> list[PlaceMention]:
    start = max(0, position - 80)
    m = _BEFORE.search(text[start:position])
    return _mentions(m, start, tables) if m else []


def place_after(text: str, position: int, tables: Authorities) -> list[PlaceMention]:
    m = _AFTER.match(text[position:position + 80])
    return _mentions(m, position, tables) if m else []
