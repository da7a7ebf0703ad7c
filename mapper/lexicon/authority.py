"""The authority files of ``mapper/lexicon/data/``, read into typed, frozen entries and checked as they load.

They are data, reviewed like code: bodies (names, acronyms, type, parent),
stakeholder groups, instruments cited by name (treaties, declarations, agendas), events and meeting series,
countries, and the topic scheme. Each file's header says what its fields mean.

An entry's fields are its class's fields: a field the class does not have, a
missing required field, a cross-reference that does not resolve or a key the
code relies on (:data:`REQUIRED`) that a file lacks is an
:class:`~mapper.errors.AuthorityError` naming the file and the entry. The
extraction and the mapping take an :class:`Authorities` value as an argument
(:func:`authorities` loads the packaged files once; :func:`load` any folder).
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from mapper.core.slugs import slugify
from mapper.errors import AuthorityError

# Keys the code relies on by name; :func:`load` fails when a file lacks one.
GENERAL_ASSEMBLY = "general-assembly"
SECRETARY_GENERAL = "secretary-general"
ECONOMIC_AND_SOCIAL_COUNCIL = "ecosoc"
SECURITY_COUNCIL = "security-council"
HUMAN_RIGHTS_COUNCIL = "human-rights-council"
WSIS_GENEVA = "wsis-geneva"  # the two phases of the World Summit on the Information Society
WSIS_TUNIS = "wsis-tunis"
REQUIRED = {
    "bodies": (GENERAL_ASSEMBLY, SECRETARY_GENERAL, ECONOMIC_AND_SOCIAL_COUNCIL, SECURITY_COUNCIL, HUMAN_RIGHTS_COUNCIL),
    "events": (WSIS_GENEVA, WSIS_TUNIS),
}
# The series of the Assembly's own sessions: not an entry of events.toml, since every
# session is known by its number (event ga-session-65 is mapped to session/65).
GA_SESSION = "ga-session"


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


# The kinds of instrument (instruments.toml, "type"); published as dcterms:type of each unga:Instrument.
INSTRUMENT_TYPES = (
    "Treaty", "Convention", "Covenant", "Charter", "Statute", "Protocol", "Agreement", "Memorandum", "FinalAct",
    "Declaration", "ProgrammeOfAction", "Agenda", "Framework", "Code", "Principles", "Guidelines", "Plan", "Strategy",
    "Document", "Recommendation",
)


@dataclass(frozen=True, slots=True)
class Instrument:
    """A treaty, convention, declaration, programme of action ... that resolutions cite by name."""

    key: str
    name: str
    type: str  # a value of INSTRUMENT_TYPES
    variants: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    year: int | None = None
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
    exact: str | None = None  # the IRI of the same concept in another scheme (an SDG's in metadata.un.org/sdg)
    field: bool = False  # one of the main fields of the Assembly's work, which a resolution's subjects are chosen among
    units: bool = True  # tagged on the paragraphs that speak of it (False: a resolution's subject only)


PLACE_SECTIONS = {"countries": "country", "territories": "territory", "regions": "region", "cities": "city"}


@dataclass(frozen=True, slots=True)
class Place:
    """A place of the gazetteer, keyed by its code in lower case: ``ukr`` (ISO 3166-1 alpha-3), ``ua-43``
    (ISO 3166-2), ``m49-419`` (an M49 region), ``chgva`` (UN/LOCODE); a slug only where no code exists
    (``middle-east``)."""

    key: str
    name: str
    kind: str  # country, territory, region, city
    code: str | None  # the standard code as printed by its standard: "UKR", "UA-43", "419", "CHGVA"
    m49: str | None = None
    country: str | None = None  # the key of the country a territory or city belongs to
    variants: tuple[str, ...] = ()
    status: str | None = None  # member or observer, for a State


@dataclass(frozen=True, slots=True, eq=False)
class Authorities:
    """Every authority file, loaded. Compared and hashed by identity, so compiled word lists can be cached per value."""

    bodies: Mapping[str, Body]
    groups: Mapping[str, Group]
    instruments: Mapping[str, Instrument]
    events: Mapping[str, Event]
    countries: Mapping[str, str]  # printed name or variant of a country -> key
    country_names: Mapping[str, str]  # key -> preferred name, of countries
    topics: Mapping[str, Topic]
    places: Mapping[str, Place]  # the whole gazetteer, by key
    place_names: Mapping[str, str]  # printed name or variant of any place -> key

    def city_key(self, name: str) -> str:
        """A city's key: its UN/LOCODE where the gazetteer has it ("chgva"), else the slug of its name."""
        key = self.place_names.get(name)
        return key if key and self.places[key].kind == "city" else slugify(name)


PACKAGED = resources.files("mapper.lexicon").joinpath("data")


@cache
def authorities() -> Authorities:
    """The packaged authority files, loaded once per process."""
    return load(PACKAGED)


def load(folder: Traversable | Path) -> Authorities:
    """The authority files of ``folder`` (``bodies.toml``, ``events.toml`` ...), checked."""
    bodies = _records(folder, "bodies", Body)
    groups = _records(folder, "groups", Group)
    instruments = _records(folder, "instruments", Instrument)
    events = _records(folder, "events", Event, meetings=_meetings)
    topics = _records(folder, "topics", Topic)
    places = _places(_read(folder, "places"))
    countries = {n: p.key for p in places.values() if p.kind == "country" for n in (p.name, *p.variants)}
    country_names = {p.key: p.name for p in places.values() if p.kind == "country"}
    place_names = {n: p.key for p in sorted(places.values(), key=lambda p: p.kind != "country") for n in (p.name, *p.variants)}
    for file, table in (("bodies", bodies), ("events", events)):
        for key in REQUIRED[file]:
            if key not in table:
                raise AuthorityError(f"{file}.toml: no entry [{key}]: the extraction relies on it by name")
    _check(bodies, events, instruments, topics)
    return Authorities(bodies, groups, instruments, events, countries, country_names, topics, places, place_names)


def _places(data: dict[str, Any]) -> dict[str, Place]:
    """The gazetteer's sections ([countries.UKR], [regions."419"] ...) as places keyed by lower-case code."""
    unknown = set(data) - set(PLACE_SECTIONS)
    if unknown:
        raise AuthorityError(f"places.toml: unknown section {sorted(unknown)[0]!r}: expected {', '.join(PLACE_SECTIONS)}")
    out: dict[str, Place] = {}
    for section, kind in PLACE_SECTIONS.items():
        for code, entry in data.get(section, {}).items():
            extra = set(entry) - {"name", "m49", "country", "variants", "status"}
            if extra or "name" not in entry:
                raise AuthorityError(f"places.toml: [{section}.{code}] " + (f"has unknown field {sorted(extra)[0]!r}" if extra else "lacks a name"))
            m49 = entry.get("m49") or None
            key = f"m49-{code}" if kind == "region" and code.isdigit() else code.lower()
            standard = code if ((kind != "region" or code.isdigit()) and not code.islower()) or code.isdigit() else None
            out[key] = Place(key, entry["name"], kind, standard, m49, (entry.get("country") or "").lower() or None,
                             tuple(entry.get("variants", ())), entry.get("status"))
    seen: dict[str, str] = {}
    for p in out.values():
        for name in (p.name, *p.variants):
            if seen.setdefault(name, p.key) != p.key:
                raise AuthorityError(f"places.toml: {name!r} names both [{seen[name]}] and [{p.key}]: a printed name names one place")
        if p.country and p.country not in out:
            raise AuthorityError(f"places.toml: [{p.key}] country {p.country!r} is not a place")
    return out


def _read(folder: Traversable | Path, name: str) -> dict[str, Any]:
    try:
        with folder.joinpath(f"{name}.toml").open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise AuthorityError(f"{name}.toml: not TOML: {e}") from None
    except OSError as e:
        raise AuthorityError(f"{name}.toml: cannot read: {e.strerror or e}") from None


R = TypeVar("R", "Body", "Group", "Instrument", "Event", "Topic")


def _records(folder: Traversable | Path, name: str, cls: type[R], **convert: Any) -> dict[str, R]:
    """One ``cls`` per table of ``name.toml``, keyed by the table's key; fields checked against the class."""
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "key"}
    required = {n for n, f in fields.items() if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    out: dict[str, R] = {}
    for key, entry in _read(folder, name).items():
        if not isinstance(entry, dict):
            raise AuthorityError(f"{name}.toml: {key!r} is not a table: expected [{key}] with fields {', '.join(fields)}")
        unknown = set(entry) - set(fields)
        if unknown:
            raise AuthorityError(f"{name}.toml: [{key}] has unknown field {sorted(unknown)[0]!r}: expected one of {', '.join(fields)}")
        missing = required - set(entry)
        if missing:
            raise AuthorityError(f"{name}.toml: [{key}] lacks field {sorted(missing)[0]!r}")
        values: dict[str, Any] = {n: convert[n](v) if n in convert else tuple(v) if isinstance(v, list) else v for n, v in entry.items()}
        out[key] = cls(key=key, **values)
    return out


def _meetings(table: dict[str, list[Any]]) -> tuple[Meeting, ...]:
    """``meetings = { 1 = [2006, "Athens", "Greece"], ... }`` in order of the ordinal."""
    return tuple(
        Meeting(int(n), y, city or None, country or None)
        for n, (y, city, country) in sorted(table.items(), key=lambda kv: int(kv[0]))
    )


def _check(bodies: Mapping[str, Body], events: Mapping[str, Event], instruments: Mapping[str, Instrument],
           topics: Mapping[str, Topic]) -> None:
    """Cross-references between the files must resolve: a typo is a build error, not a dangling IRI."""
    def fail(message: str) -> None:
        raise AuthorityError(message)

    for b in bodies.values():
        if b.parent and b.parent not in bodies:
            fail(f"bodies.toml: [{b.key}] parent {b.parent!r} is not a body")
        for t in b.topics:
            if t not in topics:
                fail(f"bodies.toml: [{b.key}] topic {t!r} is not a topic")
    for e in events.values():
        if e.part_of and e.part_of not in events:
            fail(f"events.toml: [{e.key}] part_of {e.part_of!r} is not an event")
        if e.body and e.body not in bodies:
            fail(f"events.toml: [{e.key}] body {e.body!r} is not a body")
    for o in instruments.values():
        if o.type not in INSTRUMENT_TYPES:
            fail(f"instruments.toml: [{o.key}] type {o.type!r} is not one of {', '.join(INSTRUMENT_TYPES)}")
        if o.event and o.event not in events:
            fail(f"instruments.toml: [{o.key}] event {o.event!r} is not an event")
        for topic in o.topics:
            if topic not in topics:
                fail(f"instruments.toml: [{o.key}] topic {topic!r} is not a topic")
    for entry in topics.values():
        if entry.broader and entry.broader not in topics:
            fail(f"topics.toml: [{entry.key}] broader {entry.broader!r} is not a topic")
