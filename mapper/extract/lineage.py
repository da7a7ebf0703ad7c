"""What changed since last year: resolutions grouped into series, and each paragraph traced to its predecessor.

The Assembly renegotiates many resolutions every year or two from the previous
text: the same title (give or take a word: "communication" became
"communications", "for development" became "for sustainable development") on the
same item, most paragraphs kept, some revised, some new, some dropped.

**Series.** Two resolutions of different sessions are in one series when their
titles are the same once normalized (case, punctuation, plurals, articles), or
when their titles are close (:data:`TITLE_CLOSE` of their words in order) and
the later one cites the earlier by its number (``67/195``) anywhere in its text,
its footnotes included. A series is what these links join; it is ordered by
adoption (then session), and each member's predecessor is the member before it.

**Paragraphs.** Each preambular and operative paragraph of a resolution (with
its sub-paragraphs' text) is matched to at most one paragraph of its
predecessor, one to one:

- *kept*: the same text, word for word and comma for comma, once whitespace,
  quotation marks and dashes are set aside;
- *revised*: the best remaining match whose words, in order, agree to at least
  :data:`REVISED` (difflib's ratio: twice the words in common over all words),
  or which keeps almost all the predecessor's words while adding to them
  (:data:`EXTENDED` of the shorter one's words, for a paragraph of at least
  :data:`MIN_WORDS` words); the best pairs are taken first, nearer positions
  breaking ties;
- *new*: no paragraph of the predecessor matched.

The predecessor's paragraphs that no paragraph took are *dropped*. A paragraph
matches within its own part (preambular with preambular) unless it moved
between parts with its words kept (:data:`MOVED`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

from mapper.core.model import Paragraph, Resolution, Subparagraph
from mapper.core.symbols import ResolutionSymbol

TITLE_CLOSE = 0.75  # share of title words, in order, for a series when the later resolution cites the earlier
REVISED = 0.5  # share of words, in order, for a revised paragraph
EXTENDED = 0.9  # share of the shorter paragraph's words kept in the longer, for a paragraph extended or cut
MIN_WORDS = 8
MOVED = 0.8  # share of words for a paragraph that moved between the preamble and the operative part

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"})
_ARTICLES = frozenset({"the", "a", "an", "of", "on", "and", "in", "for", "to"})


@dataclass(frozen=True, slots=True)
class Outline:
    """What lineage needs of a resolution: its title, dates, paragraphs (with their sub-paragraphs' text), and the
    resolution numbers its text names ("67/195"). Small, to cross process boundaries in a build."""

    symbol: ResolutionSymbol
    title: str
    adopted: date | None
    paragraphs: tuple[tuple[str, str, str], ...]  # (eId, kind, text) of the preambular and operative paragraphs
    numbers: frozenset[str]  # "67/195", every resolution number the text or its footnotes name

    @property
    def session(self) -> int | str:
        return self.symbol.session

    @property
    def number(self) -> int:
        return self.symbol.number

    @classmethod
    def of(cls, r: Resolution) -> Outline:
        paragraphs = tuple((p.id, p.kind, _full_text(p)) for p in r.paragraphs if p.kind in ("preambular", "operative"))
        numbers = frozenset(m.group(0) for u in r.units() for m in _NUMBER.finditer(u.text))
        return cls(r.symbol, r.title or "", r.adopted, paragraphs, numbers)


_NUMBER = re.compile(r"(?<![\d/])(?:(?:E?S-)?\d{1,3})/\d{1,4}(?![\d])")


@dataclass(frozen=True, slots=True)
class Link:
    """A paragraph of a resolution and where it came from in its predecessor."""

    paragraph: str  # its eId
    kind: str  # "kept", "revised", "new"
    predecessor: str | None = None  # the predecessor paragraph's eId (kept, revised)
    similarity: float = 0.0  # 1.0 kept; the ratio for revised; 0 for new


@dataclass(frozen=True, slots=True)
class Succession:
    """A resolution and its predecessor in their series, paragraph by paragraph."""

    resolution: ResolutionSymbol
    predecessor: ResolutionSymbol
    links: tuple[Link, ...]
    dropped: tuple[str, ...]  # eIds of the predecessor's paragraphs not carried on

    def counts(self) -> dict[str, int]:
        tally = {"kept": 0, "revised": 0, "new": 0}
        for link in self.links:
            tally[link.kind] += 1
        return tally | {"dropped": len(self.dropped)}


@dataclass(frozen=True, slots=True)
class Series:
    """Resolutions renegotiated from one another, earliest first; named by the earliest."""

    members: tuple[ResolutionSymbol, ...]
    title: str  # the latest member's title

    @property
    def first(self) -> ResolutionSymbol:
        return self.members[0]


# -- series ------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def title_words(title: str) -> tuple[str, ...]:
    """A title's words for comparison: lower case, no accents or punctuation, plurals folded, no articles."""
    ascii_ = unicodedata.normalize("NFKD", title.lower().translate(_QUOTES)).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_)
    return tuple(_singular(w) for w in words if w not in _ARTICLES)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)  # titles repeat: a series renegotiated for decades has one or two
def _title_ratio(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _order(r: Outline) -> tuple:
    return (r.adopted or date.max, str(r.session).zfill(4), r.number)


def series(resolutions: list[Outline]) -> list[Series]:
    """The series among ``resolutions``: every group spanning two sessions or more, in the order of their first members.

    Resolutions are first grouped by normalized title; two groups are joined when their titles are close and a
    member of one cites an earlier member of the other. The work grows with the number of distinct titles, not
    of resolutions (a title renegotiated for fifty sessions is compared once).
    """
    ordered = sorted(resolutions, key=_order)
    rank = {r.symbol: i for i, r in enumerate(ordered)}
    by_title: dict[tuple[str, ...], list[Outline]] = defaultdict(list)
    for r in ordered:
        words = title_words(r.title)
        if words:
            by_title[words].append(r)
    titles = list(by_title)
    parent = list(range(len(titles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_first: dict[str, list[int]] = defaultdict(list)  # titles that do not start alike are no renegotiations of each other
    for i, t in enumerate(titles):
        by_first[t[0]].append(i)
    for group in by_first.values():
        for x, i in enumerate(group):
            for j in group[x + 1:]:
                if root(i) != root(j) and _title_ratio(titles[i], titles[j]) >= TITLE_CLOSE and (
                        _cites_earlier(by_title[titles[i]], by_title[titles[j]], rank)
                        or _cites_earlier(by_title[titles[j]], by_title[titles[i]], rank)):
                    parent[root(j)] = root(i)
    groups: dict[int, list[Outline]] = defaultdict(list)
    for i, t in enumerate(titles):
        groups[root(i)] += by_title[t]
    out = []
    for members in groups.values():
        members.sort(key=lambda r: rank[r.symbol])
        if len({m.session for m in members}) > 1:
            out.append(Series(tuple(m.symbol for m in members), members[-1].title))
    return sorted(out, key=lambda s: rank[s.first])


def _cites_earlier(earlier: list[Outline], later: list[Outline], rank: dict[ResolutionSymbol, int]) -> bool:
    """Whether a member of ``later`` cites by number a member of ``earlier`` adopted before it, in another session."""
    numbers = {f"{e.session}/{e.number}": e for e in earlier}
    for r in later:
        for n in r.numbers & numbers.keys():
            e = numbers[n]
            if e.session != r.session and rank[e.symbol] < rank[r.symbol]:
                return True
    return False


def predecessors(resolutions: list[Outline], found: list[Series]) -> list[tuple[Outline, Outline]]:
    """(predecessor, successor) for each member of each series after its first: a member of the latest earlier
    session (of several in that session, the one whose title is closest; of those, the latest)."""
    by_symbol = {r.symbol: r for r in resolutions}
    pairs = []
    for s in found:
        sessions: list[list[Outline]] = []  # the members, session by session in order
        for m in (by_symbol[x] for x in s.members):
            if sessions and sessions[-1][0].session == m.session:
                sessions[-1].append(m)
            else:
                sessions.append([m])
        for before, now in pairwise(sessions):
            for later in now:
                words = title_words(later.title)
                best = max(reversed(before), key=lambda m: _title_ratio(title_words(m.title), words))
                pairs.append((best, later))
    return pairs


# -- paragraphs --------------------------------------------------------------------


def _full_text(p: Paragraph | Subparagraph) -> str:
    return " ".join([p.text, *(_full_text(s) for s in p.subparagraphs)])


def words(text: str) -> list[str]:
    """A paragraph's words for comparison: quotation marks and dashes unified, lower case."""
    return re.findall(r"\w+(?:[-'/.]\w+)*", text.translate(_QUOTES).lower())


def align(earlier: Outline, later: Outline) -> Succession:
    """Each paragraph of ``later`` matched to its source in ``earlier`` (or new), and what ``earlier`` lost."""
    old = [(p, words(p[2])) for p in earlier.paragraphs]
    new = [(p, words(p[2])) for p in later.paragraphs]
    taken_old: dict[int, tuple[str, float]] = {}
    taken_new: dict[int, int] = {}
    # kept: the same text, matched in order of position (a repeated paragraph to the first free)
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, (p, _) in enumerate(old):
        by_text[_verbatim(p[2])].append(i)
    for j, (p, _) in enumerate(new):
        for i in by_text.get(_verbatim(p[2]), ()):
            if i not in taken_old:
                taken_old[i], taken_new[j] = ("kept", 1.0), i
                break
    # revised: the best remaining pairs first
    old_sets = [set(w) for _, w in old]
    candidates = []
    for j, (p, w) in enumerate(new):
        if j in taken_new or not w:
            continue
        seen = set(w)
        for i, (q, v) in enumerate(old):
            if i in taken_old or not v:
                continue
            common = len(seen & old_sets[i])
            if common < min(len(seen), len(old_sets[i])) * 0.3:
                continue  # too few words in common to be worth comparing in order
            score = _similarity(v, w)
            same_part = p[1] == q[1]
            if score >= (REVISED if same_part else MOVED):
                distance = abs(i / max(len(old), 1) - j / max(len(new), 1))
                candidates.append((-score, distance, j, i))
    for neg, _, j, i in sorted(candidates):
        if j not in taken_new and i not in taken_old:
            taken_old[i], taken_new[j] = ("revised", round(-neg, 4)), i
    links = []
    for j, (p, _) in enumerate(new):
        if j in taken_new:
            i = taken_new[j]
            kind, score = taken_old[i]
            links.append(Link(p[0], kind, old[i][0][0], score))
        else:
            links.append(Link(p[0], "new"))
    dropped = tuple(p[0] for i, (p, _) in enumerate(old) if i not in taken_old)
    return Succession(later.symbol, earlier.symbol, tuple(links), dropped)


def _verbatim(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


def _similarity(old: list[str], new: list[str]) -> float:
    """How much of ``old`` ``new`` keeps: difflib's ratio, or for a paragraph extended or cut that keeps
    almost all of the shorter one's words in order, that share (scaled to the revised threshold)."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    ratio = matcher.ratio()
    shorter = min(len(old), len(new))
    if ratio < REVISED and shorter >= MIN_WORDS:
        kept = sum(b.size for b in matcher.get_matching_blocks()) / shorter
        if kept >= EXTENDED:
            return REVISED + (1 - REVISED) * ratio  # above the threshold, below any closer match
    return ratio


def diff_words(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff: ``(op, text)`` with op ``=`` (kept), ``-`` (removed), ``+`` (added), in reading order."""
    a, b = re.findall(r"\S+\s*", old), re.findall(r"\S+\s*", new)
    ka, kb = [w.strip().translate(_QUOTES).lower() for w in a], [w.strip().translate(_QUOTES).lower() for w in b]
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", "".join(b[j1:j2])))
        else:
            if i2 > i1:
                out.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", "".join(b[j1:j2])))
    return out
