"""Every IRI ungakg mints, in one place, from stable identifiers only.

IRIs come from the symbol, the Akoma Ntoso eId of a part, session and
meeting numbers and names, never from counters or processing order. The
base is configurable (``--base``); the default is a w3id.org permanent
identifier, which redirects to wherever the data is served::

    {base}resolution/A-RES-57-295                      the resolution (work)
    {base}resolution/A-RES-57-295/eng                  its English expression
    {base}resolution/A-RES-57-295/eng/source/{sha256}  the source file it was read from
    {base}resolution/A-RES-57-295/para_3_list_point_a  a part, by its eId
    {base}resolution/A-RES-57-295/para_3/marker_1      a footnote marker in a part
    {base}session/57, {base}session/ES-11              General Assembly sessions
    {base}session/57/plenary-meeting/79                a plenary meeting
    {base}session/57/agenda-item/32                    an agenda item
    {base}document/A/64/417                            any other document, by symbol
    {base}body/second-committee                        a body
    {base}clause-verb/recall                           a concept of the clause verbs
    {base}clause-modifier/with-great-concern           a concept of the clause modifiers
    {base}graph/resolution/A-RES-57-295                the named graph of a resolution
    {base}dataset, {base}download/ungakg.nt.gz         the dataset, its downloads
    {base}sparql                                       the SPARQL endpoint

The ontology's namespace does not move with the base: it is
``https://w3id.org/ungakg/ontology#``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from .symbols import ResolutionSymbol

DEFAULT_BASE = "https://w3id.org/ungakg/"
ONTOLOGY = "https://w3id.org/ungakg/ontology"
UNDOCS = "https://undocs.org/"


def slugify(text: str) -> str:
    """``"Second Committee"`` -> ``second-committee``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class Iris:
    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not re.match(r"^https?://[^\s/]+(/[^\s?#]*)?$", self.base) or not self.base.endswith("/"):
            raise ValueError(f"base IRI must be an http(s) IRI ending with '/': {self.base!r}")

    # -- resolutions and their parts ---------------------------------------------

    def resolution(self, symbol: ResolutionSymbol) -> str:
        return f"{self.base}resolution/{symbol.slug}"

    def expression(self, symbol: ResolutionSymbol) -> str:
        return f"{self.resolution(symbol)}/eng"

    def source_file(self, symbol: ResolutionSymbol, sha256: str) -> str:
        return f"{self.expression(symbol)}/source/{sha256}"

    def part(self, symbol: ResolutionSymbol, eid: str) -> str:
        """A paragraph, sub-paragraph or footnote, by its Akoma Ntoso eId."""
        return f"{self.resolution(symbol)}/{eid}"

    def marker(self, symbol: ResolutionSymbol, eid: str, index: int) -> str:
        return f"{self.part(symbol, eid)}/marker_{index}"

    def graph(self, symbol: ResolutionSymbol) -> str:
        return f"{self.base}graph/resolution/{symbol.slug}"

    # -- the Assembly at work ------------------------------------------------------

    def session(self, session: int | str) -> str:
        return f"{self.base}session/{session}"

    def plenary_meeting(self, session: int | str, number: int) -> str:
        return f"{self.session(session)}/plenary-meeting/{number}"

    def agenda_item(self, session: int | str, number: int) -> str:
        return f"{self.session(session)}/agenda-item/{number}"

    def document(self, symbol: str) -> str:
        """A document by its symbol; a General Assembly resolution gets its resolution IRI."""
        if symbol.startswith("A/RES/"):
            try:
                return self.resolution(ResolutionSymbol.parse(symbol))
            except ValueError:
                pass
        return f"{self.base}document/{quote(symbol, safe='/.-')}"

    def body(self, name: str) -> str:
        return f"{self.base}body/{slugify(name)}"

    # -- vocabularies and provenance -----------------------------------------------

    def clause_verb(self, lemma: str) -> str:
        return f"{self.base}clause-verb/{slugify(lemma)}"

    def clause_verbs(self) -> str:
        return f"{self.base}clause-verb/"

    def clause_modifier(self, modifier: str) -> str:
        return f"{self.base}clause-modifier/{slugify(modifier)}"

    def clause_modifiers(self) -> str:
        return f"{self.base}clause-modifier/"

    def vocabulary_graph(self) -> str:
        return f"{self.base}graph/clause-verbs"

    def agent(self, version: str) -> str:
        return f"{self.base}agent/ungakg/{version}"

    def dataset(self) -> str:
        return f"{self.base}dataset"

    def dataset_partition(self, kind: str, local: str) -> str:
        """A VoID class or property partition: kind is "class-partition" or "property-partition"."""
        return f"{self.dataset()}/{kind}/{local}"

    def distribution(self, name: str) -> str:
        return f"{self.dataset()}/distribution/{name}"

    def download(self, name: str) -> str:
        """Where the server offers a file of published/."""
        return f"{self.base}download/{name}"

    def sparql(self) -> str:
        return f"{self.base}sparql"

    # -- parsing back ----------------------------------------------------------------

    def parse(self, iri: str) -> tuple[str, dict[str, str]]:
        """What an IRI minted here names: ``("part", {"slug": ..., "eid": ...})``.

        Raises ValueError for an IRI not under the base or of no known form.
        """
        if not iri.startswith(self.base):
            raise ValueError(f"not under {self.base}: {iri}")
        path = iri[len(self.base):]
        for kind, pattern in _FORMS:
            m = pattern.fullmatch(path)
            if m:
                return kind, {k: unquote(v) for k, v in m.groupdict().items()}
        raise ValueError(f"not an IRI ungakg mints: {iri}")


_SLUG = r"(?P<slug>A-RES-[A-Za-z0-9()-]+)"
_FORMS = [
    ("resolution", re.compile(rf"resolution/{_SLUG}")),
    ("expression", re.compile(rf"resolution/{_SLUG}/eng")),
    ("source_file", re.compile(rf"resolution/{_SLUG}/eng/source/(?P<sha256>[0-9a-f]{{64}})")),
    ("marker", re.compile(rf"resolution/{_SLUG}/(?P<eid>[a-z0-9_]+)/marker_(?P<index>\d+)")),
    ("part", re.compile(rf"resolution/{_SLUG}/(?P<eid>(?:preamble|para|footnote)_[a-z0-9_]+)")),
    ("session", re.compile(r"session/(?P<session>(?:E?S-)?\d+)")),
    ("plenary_meeting", re.compile(r"session/(?P<session>(?:E?S-)?\d+)/plenary-meeting/(?P<number>\d+)")),
    ("agenda_item", re.compile(r"session/(?P<session>(?:E?S-)?\d+)/agenda-item/(?P<number>\d+)")),
    ("document", re.compile(r"document/(?P<symbol>.+)")),
    ("body", re.compile(r"body/(?P<slug>[a-z0-9-]+)")),
    ("clause_verb", re.compile(r"clause-verb/(?P<slug>[a-z0-9-]+)")),
    ("clause_modifier", re.compile(r"clause-modifier/(?P<slug>[a-z0-9-]+)")),
    ("graph", re.compile(rf"graph/resolution/{_SLUG}")),
    ("vocabulary_graph", re.compile(r"graph/clause-verbs")),
    ("agent", re.compile(r"agent/ungakg/(?P<version>[0-9A-Za-z.+-]+)")),
    ("dataset", re.compile(r"dataset")),
    ("dataset_partition", re.compile(r"dataset/(?P<kind>class-partition|property-partition)/(?P<local>[^/]+)")),
    ("distribution", re.compile(r"dataset/distribution/(?P<name>.+)")),
    ("download", re.compile(r"download/(?P<name>.+)")),
    ("sparql", re.compile(r"sparql")),
]
