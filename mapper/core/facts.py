"""What a paragraph says, as typed facts: citations, mentions, mandates, topics, figures.

Every fact keeps the characters it was read from: ``span`` is the half-open
range in the text of the paragraph, sub-paragraph or footnote that carries it
(that unit's ``source_map`` leads on to the source file) and ``text`` the
characters themselves, so ``unit.text[span.start:span.end] == fact.text``.

Keys (``body``, ``event``, ``place``, ``topic``, instrument ``target``) are the
stable keys of the authority files in ``mapper/lexicon/data/`` (a place's is its code:
``ukr``, ``ua-43``, ``m49-419``, ``chgva``), or, for a name not in them, a slug of the
name as printed (``known`` is then False). IRIs are minted
from them in :mod:`mapper.rdf.iris` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


CitationKind = Literal["resolution", "decision", "document", "instrument"]
# The citation properties of the ontology (unga:recalls ...): the stance a clause verb takes;
# "anticipates" speaks of a document not adopted yet ("the forthcoming ..."), which no text can cite.
Relation = Literal["recalls", "reaffirms", "endorses", "welcomes", "takesNoteOf", "notes", "cites", "anticipates"]
MandateKind = Literal["request", "invitation", "urging", "call", "encouragement", "decision"]
PlaceKind = Literal["city", "country", "territory", "region"]


@dataclass(frozen=True, slots=True)
class Citation:
    """A resolution, decision, document or instrument that a clause cites.

    ``kind`` is "resolution", "decision", "document" or "instrument"; ``target``
    the normalized symbol (``A/RES/57/238``, ``E/RES/2008/3``,
    ``S/RES/2623 (2022)``, ``A/DEC/77/568``, ``A/64/64-E/2009/10``) or, for an
    instrument (a treaty, declaration, agenda cited by name), its key
    (``tunis-agenda``, ``npt``), with ``name`` its title; ``known`` is False for
    an instrument read by the pattern of titles rather than from the authority
    file, ``anaphoric`` for one named by a short form ("the Treaty"). ``relation`` is the citation property
    the clause verb gives it (``recalls``, ``reaffirms``, ``endorses``,
    ``welcomes``, ``takesNoteOf``, ``notes``; ``cites`` for every other verb);
    ``verb`` that lemma. ``pinpoint`` narrows it: ``("annex",)`` or paragraph
    numbers ``("35", "36", "37")``.
    """

    kind: CitationKind
    target: str
    relation: Relation
    verb: str | None
    span: Span
    text: str
    date: date | None = None
    pinpoint: tuple[str, ...] = ()
    name: str | None = None
    known: bool = True
    anaphoric: bool = False


@dataclass(frozen=True, slots=True)
class BodyMention:
    """A body named in the text; ``anaphoric`` when named by a short form ("the Commission")."""

    body: str
    name: str
    known: bool
    span: Span
    text: str
    anaphoric: bool = False
    verb: str | None = None  # the verb of the clause the mention stands in


@dataclass(frozen=True, slots=True)
class EventMention:
    """An event named in the text: one key per real event across all resolutions.

    ``series`` and ``ordinal`` place an instance in its series (the fourth
    meeting of the IGF: series "igf", ordinal 4); ``start``/``end`` and
    ``year`` are what the text says of its dates; ``places`` the keys of the
    places the text says it was held in.
    """

    event: str
    name: str
    kind: str
    known: bool
    span: Span
    text: str
    series: str | None = None
    ordinal: int | None = None
    year: int | None = None
    start: date | None = None
    end: date | None = None
    places: tuple[str, ...] = ()
    series_name: str | None = None  # "meetings of the Internet Governance Forum"
    body: str | None = None  # whose meeting or session it is
    verb: str | None = None  # the verb of the clause the mention stands in ("welcome")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a unit: a country, territory, region or city of the gazetteer (keyed by its code), or a city
    an event is held in; ``country`` is the key of the country a territory or city belongs to."""

    place: str
    name: str
    kind: PlaceKind
    span: Span
    text: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Mandate:
    """A clause that asks an addressee to act, or a decision of the Assembly.

    ``kind`` follows the verb: "request", "invitation", "urging", "call",
    "encouragement" or "decision". ``addressees`` are body or group keys
    (a decision's addressee is the General Assembly itself), ``addressee`` the
    phrase as printed; ``channel`` the bodies named after "through";
    ``due_session`` a General Assembly session ("at its sixty-fifth session");
    ``due`` an ISO date, year-month or year ("2006-06", "2014") with
    ``due_text`` as printed. ``negated`` when what is asked or decided is not
    to act ("not to recognize", "to refrain from", "Decides not to"); the
    ``action`` then keeps its "not".
    """

    kind: MandateKind
    verb: str
    addressees: tuple[str, ...]
    addressee: str
    action: str
    span: Span
    text: str
    channel: tuple[str, ...] = ()
    due_session: int | None = None
    due: str | None = None
    due_text: str | None = None
    negated: bool = False


@dataclass(frozen=True, slots=True)
class TopicMention:
    """A theme of the topic scheme, with the words that triggered it."""

    topic: str
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A statistic the text states: 24.4 per cent of the population in developing countries in 2011."""

    value: float
    unit: str  # "percent" or "fraction"
    span: Span
    text: str
    population: str | None = None
    measure: str | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    citations: tuple[Citation, ...] = ()
    bodies: tuple[BodyMention, ...] = ()
    events: tuple[EventMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    mandates: tuple[Mandate, ...] = ()
    topics: tuple[TopicMention, ...] = ()
    figures: tuple[Figure, ...] = ()

    def __bool__(self) -> bool:
        return any((self.citations, self.bodies, self.events, self.places, self.mandates, self.topics, self.figures))


NO_FACTS = Facts()
