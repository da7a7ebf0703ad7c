"""Places where events are held: "in Sharm el-Sheikh, Egypt," before a date, "in Geneva" after one.

A country is recognized from ``places.toml`` (the UN's short names); a city by
its position only, as the title-case words after "in" that stand just before
the date or ", COUNTRY". Cities are keyed by their name slug; the country,
when the text gives one, is recorded with the city.
"""

from __future__ import annotations

import re

from mapper.core.facts import PlaceMention, Span
from mapper.core.slugs import slugify
from mapper.lexicon.authority import Authorities

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
    city_key = slugify(city)
    out.append(PlaceMention(city_key, city, "city", Span(offset + m.start("city"), offset + m.end("city")), city, country_key))
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
