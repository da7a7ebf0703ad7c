"""Events named in the text, with their dates and places, one key per real event.

Four kinds of mention, found in this order:

1. names of ``events.toml`` (the 2005 World Summit, Habitat III ...), and its
   short forms ("the Summit") once the event has been named in the resolution;
2. the phases of the WSIS: "at its first phase", "the Geneva and Tunis phases",
   "the summits held in Geneva and Tunis", wherever the WSIS is in context;
3. instances of a series named by year ("the WSIS Forum 2009", "the Connect
   Africa summits held in Kigali on 29 and 30 October 2007 and in Cairo from
   12 to 15 May 2008"): one instance per year stated after the name;
4. names missing from the file that read like an event's (title-case words
   with a head noun such as Summit, Conference, Congress, Week), when a date
   follows: keyed by the name's slug and the year;
5. meetings and sessions of a body, by ordinal ("the fourth meeting of the
   Internet Governance Forum", "its sixty-fifth session", "the twelfth session
   of the Commission") or by the dates that follow ("the meetings of the Forum,
   held in Athens in 2006, in Rio de Janeiro, Brazil, in 2007 ..."); "its" is
   the body named last before it, else the Assembly.

Keys: the authority key (``wsis-geneva``); ``{series}-{year}`` for a series by
year (``wsis-forum-2009``); ``{series}-{n}`` for a body's meetings and
sessions (``igf-4``, ``cstd-session-12``, ``ga-session-65``). A meeting
series in the authority file maps years to ordinals (the IGF of 2009 is the
fourth), so both ways of naming an instance reach one key.

The text after a name, up to the next event or the end of the sentence, gives
the dates ("from 15 to 18 November 2009") and places ("in Sharm el-Sheikh,
Egypt,") of the instances; with several instances ("respectively") they are
paired in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mapper.core.facts import BodyMention, EventMention, PlaceMention, Span
from mapper.core.slugs import slugify
from mapper.extract.bodies import headed, last_match, title_spans
from mapper.extract.gazetteer import Gazetteer, Hit
from mapper.extract.places import place_after, place_before
from mapper.lexicon.authority import GA_SESSION, GENERAL_ASSEMBLY, WSIS_GENEVA, WSIS_TUNIS, Authorities, Event
from mapper.lexicon.dates import When, find_whens
from mapper.lexicon.words import ORDINAL_PATTERN, instance_name, ordinal_value, series_label


@dataclass(frozen=True, slots=True)
class _Trigger:
    start: int
    end: int
    text: str
    event: Event | None  # a named event or series
    body: str | None = None  # or a body whose meetings/sessions these are
    noun: str | None = None  # "meeting" or "session"
    ordinals: tuple[int, ...] = ()
    phases: tuple[str, ...] = ()
    generic: str | None = None  # the head noun of a title-case event name missing from events.toml


@dataclass(frozen=True, slots=True)
class _Instance:
    """What a trigger names: one event, before the date and places around it are read."""

    key: str
    name: str
    kind: str
    known: bool
    series: str | None = None
    ordinal: int | None = None
    year: int | None = None
    series_name: str | None = None
    body: str | None = None


@cache
def _names(tables: Authorities) -> Gazetteer[str]:
    events = tables.events.values()
    return Gazetteer(((n, e.key) for e in events for n in (e.name, *e.variants) if not e.body), case=False)


@cache
def _exact(tables: Authorities) -> Gazetteer[str]:
    """Acronyms (to the event's key) and short forms (to themselves: they resolve by recency)."""
    events = tables.events.values()
    return Gazetteer([(a, e.key) for e in events for a in e.acronyms] + [(s, s) for e in events for s in e.short], case=True)


_ORDINAL = ORDINAL_PATTERN
_ORDLIST = rf"(?P<ords>{_ORDINAL}(?:(?:,\s*|,?\s+and\s+){_ORDINAL})*)"
# "the fourth meeting of", "first and second meetings of", "its sixty-fifth session", "the twelfth session"
_ORDINAL_NOUN = re.compile(
    rf"(?P<its>\bits\s+)?\b{_ORDLIST}\s+(?:annual\s+|regular\s+|special\s+)?(?P<noun>meeting|session)s?(?P<of>\s+of\s+)?",
    re.I,
)
_NOUN = re.compile(r"\b(?:meeting|session)s?\b", re.I)
_PLAIN_NOUN = re.compile(r"\b(?P<noun>meeting)s(?P<of>\s+of\s+)", re.I)
_PHASE = re.compile(
    r"\b(?:(?P<one>first|second|Geneva|Tunis)\s+phase"
    r"|(?P<both>Geneva\s+and\s+(?:the\s+)?Tunis\s+phases|two\s+phases|summits\s+held\s+in\s+Geneva\s+and\s+Tunis))\b"
)
# Head nouns of event names ("Fourteenth United Nations Congress on Crime Prevention ...").
_EVENT_HEAD = re.compile(r"\b(?:Summit|Conference|Congress|Meeting|Week|Dialogue|Symposium|Expo)\b")
_PHASE_KEY = {"first": WSIS_GENEVA, "geneva": WSIS_GENEVA, "second": WSIS_TUNIS, "tunis": WSIS_TUNIS}


def _body_after(m: re.Match[str], bodies: tuple[BodyMention, ...]) -> str | None:
    """The body named right after "of" ("of the Commission" resolves through the short form)."""
    for b in bodies:
        if b.span.start in (m.end(), m.end() + 4) and b.span.start >= m.end():
            return b.body
    return None


def _series(tables: Authorities, body: str, noun: str) -> Event | None:
    for e in tables.events.values():
        if e.body == body and e.series == noun:
            return e
    return None


class EventFinder:
    """Finds events in the units of one resolution, read in order (short forms look back)."""

    def __init__(self, tables: Authorities) -> None:
        self.tables = tables
        self.named: set[str] = set()
        self.recent: dict[str, str] = {}

    def find(
        self, text: str, bodies: tuple[BodyMention, ...], named: tuple[Hit[str], ...], documents: tuple[tuple[int, int], ...] = ()
    ) -> tuple[tuple[EventMention, ...], tuple[PlaceMention, ...]]:
        """``named`` are the hits of :func:`event_names` on ``text`` (found once, masked by other finders too);
        ``documents`` the spans of instruments named, which are no events ("the Final Act of the Conference on
        Security and Cooperation in Europe")."""
        triggers = self._triggers(text, bodies, named, documents)
        names = {b.body: b.name for b in bodies}
        events: list[EventMention] = []
        places: list[PlaceMention] = []
        for i, t in enumerate(triggers):
            stop = triggers[i + 1].start if i + 1 < len(triggers) else len(text)
            semicolon = text.find(";", t.end, stop)
            window = (t.end, semicolon if semicolon >= 0 else stop)
            for mention, where in self._instances(text, t, window, names):
                events.append(mention)
                places += where
        return tuple(events), tuple(places)

    # -- finding the triggers --------------------------------------------------------

    def _triggers(self, text: str, bodies: tuple[BodyMention, ...], named: tuple[Hit[str], ...],
                  documents: tuple[tuple[int, int], ...] = ()) -> list[_Trigger]:
        table = self.tables.events
        found: list[_Trigger] = []

        def free(start: int, end: int) -> bool:
            return not any(t.start < end and start < t.end for t in found)

        for hit in named:
            found.append(_Trigger(hit.start, hit.end, hit.text, table[hit.value]))
        for hit in _exact(self.tables).finditer(text):
            if not free(hit.start, hit.end):
                continue
            if hit.text.isupper():  # an acronym ("WSIS") names its event outright
                found.append(_Trigger(hit.start, hit.end, hit.text, table[hit.value]))
                continue
            # A short form ("the Summit") names the latest event with that form named before it.
            before = [(t.start, t.event) for t in found if t.event and hit.text in t.event.short and t.start < hit.start]
            key = max(before, key=lambda b: b[0])[1].key if before else self.recent.get(hit.text)
            if key:
                found.append(_Trigger(hit.start, hit.end, hit.text, table[key]))
        if "wsis" in self.named or any(t.event and t.event.key.startswith("wsis") for t in found):
            for m in _PHASE.finditer(text):
                if free(m.start(), m.end()):
                    keys = (_PHASE_KEY[m.group("one").lower()],) if m.group("one") else (WSIS_GENEVA, WSIS_TUNIS)
                    found.append(_Trigger(m.start(), m.end(), m.group(), None, phases=keys))
        for m in _ORDINAL_NOUN.finditer(text) if _NOUN.search(text) else ():
            if not free(m.start(), m.end()):
                continue
            body = self._body_of(m, bodies)
            if body:
                ordinals = tuple(ordinal_value(w) or 0 for w in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group("ords")))
                end = m.start("of") if m.group("of") else m.end()
                found.append(_Trigger(m.start(), end, text[m.start():end], None, body, m.group("noun").lower(), ordinals))
        for m in _PLAIN_NOUN.finditer(text):
            body = _body_after(m, bodies)
            if body and free(m.start(), m.end()) and _series(self.tables, body, "meeting"):
                end = m.start("of")
                found.append(_Trigger(m.start(), end, text[m.start():end], None, body, "meeting"))
        masks = [(t.start, t.end) for t in found] + [(b.span.start, b.span.end) for b in bodies] + list(documents)
        for start, end, name in title_spans(text, masks):
            head = last_match(_EVENT_HEAD.finditer(name))
            if head and headed(name, _EVENT_HEAD):
                found.append(_Trigger(start, end, name, None, generic=head.group()))
        found.sort(key=lambda t: t.start)
        for t in found:
            if t.event:
                self.named.add(t.event.key)
                for short in t.event.short:
                    self.recent[short] = t.event.key
                if t.event.part_of:
                    self.named.add(t.event.part_of)
                    for short in table[t.event.part_of].short:
                        self.recent[short] = t.event.part_of
        return found

    def _body_of(self, m: re.Match[str], bodies: tuple[BodyMention, ...]) -> str | None:
        """Whose meeting or session: the body named right after "of", else the last one before."""
        if m.group("of"):
            return _body_after(m, bodies)
        before = [b for b in bodies if b.span.end <= m.start()]
        if m.group("its") or m.group("noun").lower() == "session":
            # The body named last before "its", passing over offices and departments (the Secretary-General holds no sessions).
            table = self.tables.bodies
            for b in reversed(before):
                if b.body not in table or table[b.body].type not in ("Office", "Department"):
                    return b.body
            return GENERAL_ASSEMBLY if m.group("its") else None
        return None

    # -- from trigger to instances ----------------------------------------------------

    def _instances(self, text: str, t: _Trigger, window: tuple[int, int], names: dict[str, str]):
        whens = find_whens(text, *window)
        if t.generic:  # a name missing from events.toml: an event only with a date
            if whens:
                w = whens[0]
                kind = {"Summit": "Summit", "Conference": "Conference", "Congress": "Conference"}.get(t.generic, "Meeting")
                yield self._mention(text, t, _Instance(f"{slugify(t.text)}-{w.year}", t.text, kind, False, year=w.year), [w])
            return
        if t.phases:
            table = self.tables.events
            for key in t.phases:
                yield self._mention(text, t, _Instance(key, table[key].name, "Summit", True), whens[:1] if len(t.phases) == 1 else [])
            return
        if t.event and not t.event.series:
            yield self._mention(text, t, _Instance(t.event.key, t.event.name, t.event.type, True), whens[:1])
            return
        if t.event:  # a series by year: "WSIS Forum 2009", "Connect Africa summits held in ... 2007 and ... 2008"
            own_year = re.match(r"\s+(\d{4})\b", text[t.end:window[1]])
            if own_year:
                year = int(own_year.group(1))
                yield self._mention(text, t, _Instance(f"{t.event.key}-{year}", f"{t.event.name} {year}", t.event.type, True,
                                                       series=t.event.key, year=year), whens[:1])
                return
            plural = re.search(r"\b(?:summits|assemblies|forums|fora|meetings|conferences|sessions|weeks)\b", t.text, re.I)
            for w in whens if plural else whens[:1]:
                yield self._mention(text, t, _Instance(f"{t.event.key}-{w.year}", f"{t.event.name} {w.year}", t.event.type, True,
                                                       series=t.event.key, year=w.year), [w])
            return
        # meetings or sessions of a body
        assert t.body and t.noun
        series = _series(self.tables, t.body, t.noun)
        prefix = GA_SESSION if t.body == GENERAL_ASSEMBLY and t.noun == "session" else (
            series.key if series else f"{t.body}-{t.noun}")
        body_name = names.get(t.body) or self.tables.bodies[t.body].name
        series_name = series_label(t.noun, body_name)
        if t.ordinals:
            paired = whens if len(whens) == len(t.ordinals) else (whens[:1] if len(t.ordinals) == 1 else [])
            for i, n in enumerate(t.ordinals):
                meeting = series.meeting(ordinal=n) if series else None
                dated = paired[i:i + 1]
                instance = _Instance(f"{prefix}-{n}", instance_name(n, t.noun, body_name),
                                     "Session" if t.noun == "session" else "Meeting",
                                     series is not None or t.body == GENERAL_ASSEMBLY, series=prefix, ordinal=n,
                                     year=(dated[0].year if dated else meeting.year if meeting else None),
                                     series_name=series_name, body=t.body)
                yield self._mention(text, t, instance, dated)
            return
        for w in whens:
            meeting = series.meeting(year=w.year) if series else None
            if meeting:
                instance = _Instance(f"{prefix}-{meeting.ordinal}", instance_name(meeting.ordinal, t.noun, body_name),
                                     "Meeting", True, series=prefix, ordinal=meeting.ordinal, year=w.year,
                                     series_name=series_name, body=t.body)
                yield self._mention(text, t, instance, [w])

    def _mention(self, text: str, t: _Trigger, i: _Instance, whens: list[When]) -> tuple[EventMention, tuple[PlaceMention, ...]]:
        """The event ``t`` names, dated by the first of ``whens`` and placed by the words around that date."""
        w = whens[0] if whens else None
        places = tuple(place_before(text, w.start, self.tables) or place_after(text, w.end, self.tables)) if w else ()
        events = self.tables.events
        mention = EventMention(
            event=i.key, name=i.name, kind=i.kind, known=i.known, span=Span(t.start, t.end), text=t.text,
            series=i.series, ordinal=i.ordinal, year=i.year if i.year is not None else (w.year if w else None),
            start=w.first if w else None, end=w.last if w else None, places=tuple(p.place for p in places),
            series_name=i.series_name or (events[i.series].name if i.series and i.series in events else None),
            body=i.body,
        )
        self.named.add(i.key)
        return mention, places


def event_names(text: str, tables: Authorities) -> tuple[Hit[str], ...]:
    """Where ``text`` names an event of the authority file."""
    return tuple(_names(tables).finditer(text))
