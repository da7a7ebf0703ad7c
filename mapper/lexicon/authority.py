"""The authority files of ``mapper/lexicon/data/``, read once into typed, frozen entries.

They are data, reviewed like code: bodies (names, acronyms, type, parent),
stakeholder groups, named outcome documents, events and meeting series,
countries, and the topic scheme. Each file's header says what its fields mean.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from mapper.core.slugs import slugify


def _load(name: str) -> dict[str, Any]:
    with resources.files("mapper.lexicon").joinpath("data", f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True, slots=True)
class Body:
    key: str
    name: str
    type: str
    acronyms: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    parent: str | None = None
    relation: str | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    key: str
    label: str
    patterns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    key: str
    name: str
    variants: tuple[str, ...] = ()
    requires: str | None = None
    event: str | None = None
    resolution: str | None = None
    annex: bool = False
    document: str | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Meeting:
    ordinal: int
    year: int
    city: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class Event:
    key: str
    name: str
    type: str
    variants: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    part_of: str | None = None
    city: str | None = None
    country: str | None = None
    start: date | None = None
    end: date | None = None
    series: str | None = None  # "meeting", "session" or "year"
    body: str | None = None
    meetings: tuple[Meeting, ...] = ()

    def meeting(self, ordinal: int | None = None, year: int | None = None) -> Meeting | None:
        for m in self.meetings:
            if m.ordinal == ordinal or (ordinal is None and m.year == year):
                return m
        return None


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    label: str
    definition: str
    patterns: tuple[str, ...]
    broader: str | None = None
    sdg: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Authorities:
    bodies: dict[str, Body]
    groups: dict[str, Group]
    outcomes: dict[str, Outcome]
    events: dict[str, Event]
    countries: dict[str, str]  # printed name or variant -> key
    country_names: dict[str, str]  # key -> preferred name
    topics: dict[str, Topic]


def _tuple(entry: dict[str, Any], field: str) -> tuple[str, ...]:
    return tuple(entry.get(field, ()))


@cache
def authorities() -> Authorities:
    bodies = {
        k: Body(k, v["name"], v["type"], _tuple(v, "acronyms"), _tuple(v, "variants"), _tuple(v, "short"),
                v.get("parent"), v.get("relation"), _tuple(v, "topics"))
        for k, v in _load("bodies").items()
    }
    groups = {k: Group(k, v["label"], _tuple(v, "patterns")) for k, v in _load("groups").items()}
    outcomes = {
        k: Outcome(k, v["name"], _tuple(v, "variants"), v.get("requires"), v.get("event"), v.get("resolution"),
                   bool(v.get("annex")), v.get("document"), _tuple(v, "topics"))
        for k, v in _load("outcomes").items()
    }
    events = {}
    for k, v in _load("events").items():
        meetings = tuple(
            Meeting(int(n), y, city or None, country or None)
            for n, (y, city, country) in sorted(v.get("meetings", {}).items(), key=lambda kv: int(kv[0]))
        )
        events[k] = Event(k, v["name"], v["type"], _tuple(v, "variants"), _tuple(v, "acronyms"), _tuple(v, "short"),
                          v.get("part_of"), v.get("city"), v.get("country"), v.get("start"), v.get("end"),
                          v.get("series"), v.get("body"), meetings)
    places = _load("places")
    country_names = {slugify(n): n for n in places["countries"]}
    countries = {n: slugify(n) for n in places["countries"]}
    countries.update({variant: slugify(name) for variant, name in places["variants"].items()})
    topics = {
        k: Topic(k, v["label"], v["definition"], _tuple(v, "patterns"), v.get("broader"), _tuple(v, "sdg"))
        for k, v in _load("topics").items()
    }
    _check(bodies, events, outcomes, topics)
    return Authorities(bodies, groups, outcomes, events, countries, country_names, topics)


def _check(bodies: dict[str, Body], events: dict[str, Event], outcomes: dict[str, Outcome], topics: dict[str, Topic]) -> None:
    """Cross-references between the files must resolve: a typo is a build error, not a dangling IRI."""
    for b in bodies.values():
        if b.parent and b.parent not in bodies:
            raise ValueError(f"bodies.toml: [{b.key}] parent {b.parent!r} is not a body")
        for t in b.topics:
            if t not in topics:
                raise ValueError(f"bodies.toml: [{b.key}] topic {t!r} is not a topic")
    for e in events.values():
        if e.part_of and e.part_of not in events:
            raise ValueError(f"events.toml: [{e.key}] part_of {e.part_of!r} is not an event")
        if e.body and e.body not in bodies:
            raise ValueError(f"events.toml: [{e.key}] body {e.body!r} is not a body")
    for o in outcomes.values():
        if o.event and o.event not in events:
            raise ValueError(f"outcomes.toml: [{o.key}] event {o.event!r} is not an event")
    for t in topics.values():
        if t.broader and t.broader not in topics:
            raise ValueError(f"topics.toml: [{t.key}] broader {t.broader!r} is not a topic")
