"""Topics: the themes of ``topics.toml`` a text unit speaks of, with the words that say so, and a resolution's subjects.

One mention per topic and unit, at its first trigger; the patterns are data,
reviewed with the scheme they belong to. The names of known bodies and named
instruments are masked first (the Commission on Science and Technology
for Development is not a statement on science); a body or document dedicated
to a theme (``topics`` in ``bodies.toml`` and ``instruments.toml``: the Internet
Governance Forum, the 2030 Agenda) triggers it by being named.
"""

from __future__ import annotations

import re
from functools import cache

import ahocorasick

from mapper.core.facts import BodyMention, Citation, Span, TopicMention
from mapper.lexicon.authority import Authorities


def _anchor(pattern: str) -> str | None:
    """A lower-case string every match of ``pattern`` contains; None when none is certain.

    Whatever may be absent (optional groups and characters, lookarounds,
    character classes) becomes a break, then the longest literal run is
    taken; an alternation at the top level has no single anchor.
    """
    plain = pattern
    while (stripped := re.sub(r"\((?:\?:)?[^()]*\)[?*]", "\0", plain)) != plain:
        plain = stripped
    plain = re.sub(r"\(\?<?[!=][^()]*\)", "\0", plain)
    plain = re.sub(r"\[[^\]]*\][?*+]?", "\0", plain)
    plain = re.sub(r"[^()\0][?*]", "\0", plain)
    if "|" in re.sub(r"\([^()]*\)", "", plain):
        return None
    plain = re.sub(r"\([^()]*\)[+]?", "\0", plain)
    runs = re.findall(r"[A-Za-z0-9][A-Za-z0-9 ,-]*[A-Za-z0-9]", plain)
    best = max(runs, key=len, default="")
    return best.lower() if len(best) >= 3 else None


@cache
def _patterns(tables: Authorities) -> tuple[tuple[str, tuple[str, ...] | None, re.Pattern[str]], ...]:
    """Each topic's regex, with the words one of which a text must contain to be worth searching."""
    out = []
    for t in tables.topics.values():
        anchors = [_anchor(p) for p in t.patterns]
        out.append((
            t.key,
            None if None in anchors else tuple(a for a in anchors if a),
            re.compile(rf"(?<![\w-])(?:{'|'.join(t.patterns)})(?![\w-])", re.I),
        ))
    return tuple(out)


@cache
def _anchors(tables: Authorities) -> tuple[ahocorasick.Automaton, frozenset[str]]:
    """One automaton of every topic's anchors, to the keys of the topics they anchor; and the topics without one,
    searched always. A unit is scanned once for all anchors instead of once per topic."""
    automaton = ahocorasick.Automaton()
    keys: dict[str, set[str]] = {}
    always = set()
    for key, anchors, _ in _patterns(tables):
        if anchors is None:
            always.add(key)
        for a in anchors or ():
            keys.setdefault(a, set()).add(key)
    for a, ks in keys.items():
        automaton.add_word(a, frozenset(ks))
    automaton.make_automaton()
    return automaton, frozenset(always)


def _candidates(lowered: str, tables: Authorities) -> set[str]:
    """The topics whose anchors ``lowered`` contains, and those without an anchor."""
    automaton, always = _anchors(tables)
    found = set(always)
    for _, ks in automaton.iter(lowered):
        found |= ks
    return found


def topics(text: str, tables: Authorities, bodies: tuple[BodyMention, ...] = (), instruments: tuple[Citation, ...] = ()) -> tuple[TopicMention, ...]:
    named = [b for b in bodies if b.known and not b.anaphoric]
    chars = list(text)
    for span in [b.span for b in named] + [c.span for c in instruments]:
        chars[span.start:span.end] = "\0" * (span.end - span.start)
    masked = "".join(chars)
    candidates = _candidates(masked.lower(), tables)
    first: dict[str, TopicMention] = {}
    for key, _, pattern in _patterns(tables):
        if key not in candidates or not tables.topics[key].units:
            continue
        m = pattern.search(masked)
        if m:
            first[key] = TopicMention(key, Span(m.start(), m.end()), text[m.start():m.end()])
    dedicated = [(b.span, b.text, tables.bodies[b.body].topics) for b in named]
    dedicated += [(c.span, c.text, tables.instruments[c.target].topics) for c in instruments if c.known]
    for span, words, keys in dedicated:
        for key in keys:
            if key not in first or span.start < first[key].span.start:
                first[key] = TopicMention(key, span, words)
    return tuple(sorted(first.values(), key=lambda t: (t.span.start, t.topic)))


@cache
def _fields(tables: Authorities) -> frozenset[str]:
    return frozenset(k for k, t in tables.topics.items() if t.field)


@cache
def _named_fields(tables: Authorities, name: str) -> frozenset[str]:
    """The fields a body's or instrument's own name speaks of ("the Conference on Disarmament", "the Treaty on the
    Non-Proliferation of Nuclear Weapons"): naming it speaks of them, as naming a body dedicated to a theme does."""
    return frozenset(key for key, _, pattern in _patterns(tables) if key in _fields(tables) and pattern.search(name))


def fields(text: str, tables: Authorities, bodies: tuple[BodyMention, ...] = (), instruments: tuple[Citation, ...] = ()) -> frozenset[str]:
    """The main fields of the Assembly's work a unit speaks of: in its own words, or by naming a body or an instrument
    whose name states one."""
    candidates = _candidates(text.lower(), tables) & _fields(tables)
    found = {key for key, _, pattern in _patterns(tables) if key in candidates and pattern.search(text)}
    for b in bodies:
        if b.known and not b.anaphoric:
            found |= _named_fields(tables, b.name)
    for c in instruments:
        if c.name:
            found |= _named_fields(tables, c.name)
    return frozenset(found)


def subjects(title: str | None, units: list[frozenset[str]], tables: Authorities, most: int = 3) -> tuple[str, ...]:
    """What a resolution is about: the main fields (``field = true`` in topics.toml) its title speaks of, then those
    that at least a fifth of its units (and two) speak of; at most ``most``, the title's first, then the most spoken
    of. A passing mention makes no subject."""
    counts: dict[str, int] = {}
    for found in units:
        for f in found:
            counts[f] = counts.get(f, 0) + 1
    named = fields(title or "", tables)
    threshold = max(2, len(units) / 5)
    chosen = [f for f in sorted(_fields(tables)) if f in named or counts.get(f, 0) >= threshold]
    chosen.sort(key=lambda f: (f not in named, -counts.get(f, 0), f))
    return tuple(chosen[:most])
