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
    {base}body/second-committee                        a body (mapper/lexicon/data/bodies.toml)
    {base}group/member-states                          a stakeholder group (groups.toml)
    {base}event/wsis-geneva, {base}event/igf-4         an event, or a series (event/igf)
    {base}instrument/npt, .../npt/article_vi, .../tunis-agenda/para_35  an instrument (instruments.toml), a part of it
    {base}place/ukr, {base}place/ua-43, {base}place/chgva  a place by its code (places.toml): ISO 3166, M49 (m49-419), UN/LOCODE
    {base}topic/broadband                              a concept of the topic scheme ({base}topic/)
    {base}resolution/A-RES-64-187/para_19/mandate/0    a fact, by the offset it starts at in its part:
        .../citation/12, .../body/40, .../event/7, .../place/61, .../figure/90,
        .../topic/broadband (the evidence of a topic)
    {base}clause-verb/recall                           a concept of the clause verbs
    {base}clause-modifier/with-great-concern           a concept of the clause modifiers
    {base}graph/resolution/A-RES-57-295                the named graph of a resolution
    {base}graph/vocabularies                           clause verbs, topics and the authority files
    {base}series/A-RES-57-295                          a series of resolutions, by its earliest member here
    {base}graph/lineage                                the series and the lineage of their paragraphs
    {base}graph/push-ledger                            in another store: what `ungakg push` sent there
    {base}dataset, {base}download/ungakg.nt.gz         the dataset, its downloads
    {base}sparql                                       the SPARQL endpoint

The ontology's namespace does not move with the base: it is
``https://w3id.org/ungakg/ontology#``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from mapper.core.slugs import slugify
from mapper.core.symbols import ResolutionSymbol

DEFAULT_BASE = "https://w3id.org/ungakg/"
# The kinds of fact read from a part's text, as they appear in fact IRIs.
FACT_KINDS = ("citation", "body", "event", "place", "mandate", "figure")
ONTOLOGY = "https://w3id.org/ungakg/ontology"
UNDOCS = "https://undocs.org/"


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
        """A paragraph, sub-paragraph, heading, annex or footnote, by its Akoma Ntoso eId; the parts
        of an annex below it (``annex_1__para_3`` is ``.../annex_1/para_3``)."""
        return f"{self.resolution(symbol)}/{eid.replace('__', '/')}"

    def correction(self, symbol: ResolutionSymbol, index: int) -> str:
        """What the parser removed from or restored to the text it read, the ``index``-th in order."""
        return f"{self.expression(symbol)}/correction_{index}"

    def marker(self, symbol: ResolutionSymbol, eid: str, index: int) -> str:
        return f"{self.part(symbol, eid)}/marker_{index}"

    def graph(self, symbol: ResolutionSymbol) -> str:
        return self.graph_of(self.resolution(symbol))

    def graph_of(self, resolution: str) -> str:
        """The named graph of the resolution IRI ``resolution`` (one minted by ``resolution()``)."""
        _, fields = self.parse(resolution)
        return f"{self.base}graph/resolution/{fields['slug']}"

    def series(self, first: ResolutionSymbol) -> str:
        """A series of resolutions renegotiated from one another, named by its earliest member in the dataset."""
        return f"{self.base}series/{first.slug}"

    def lineage_graph(self) -> str:
        """The named graph of the series and the paragraphs' lineage (the only graph made from several resolutions)."""
        return f"{self.base}graph/lineage"

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

    def group(self, key: str) -> str:
        return f"{self.base}group/{slugify(key)}"

    def event(self, key: str) -> str:
        """An event by its key; the Assembly's sessions keep their session IRIs (ga-session-65 -> session/65)."""
        m = re.fullmatch(r"ga-session-(\d+)", key)
        if m:
            return self.session(int(m.group(1)))
        return f"{self.base}event/{slugify(key)}"

    def instrument(self, key: str) -> str:
        return f"{self.base}instrument/{slugify(key)}"

    def instrument_part(self, key: str, part: str) -> str:
        """A part of an instrument: paragraph "35" -> .../para_35; "article VI" -> .../article_vi;
        "article 2, paragraph 4" -> .../article_2/para_4."""
        if part.isdigit():
            return f"{self.instrument(key)}/para_{part}"
        steps = [slugify(p).replace("-", "_").replace("paragraph_", "para_") for p in part.split(", ")]
        return f"{self.instrument(key)}/" + "/".join(steps)

    def place(self, key: str) -> str:
        return f"{self.base}place/{slugify(key)}"

    def topic(self, key: str) -> str:
        return f"{self.base}topic/{slugify(key)}"

    def topics(self) -> str:
        return f"{self.base}topic/"

    # -- facts read from the text --------------------------------------------------

    def fact(self, symbol: ResolutionSymbol, eid: str, kind: str, start: int, index: int = 0) -> str:
        """A citation, mention (of a body, event or place), mandate or figure, by where it starts in its part's text.

        ``index`` tells apart facts of one kind starting at one offset (the items
        of an expanded range "68/1 to 68/3").
        """
        if kind not in FACT_KINDS:
            raise ValueError(f"not a kind of fact: {kind!r}")
        return f"{self.part(symbol, eid)}/{kind}/{start}" + (f"-{index}" if index else "")

    def topic_evidence(self, symbol: ResolutionSymbol, eid: str, key: str) -> str:
        return f"{self.part(symbol, eid)}/topic/{slugify(key)}"

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
        return f"{self.base}graph/vocabularies"

    def push_ledger(self) -> str:
        """The graph in which ``ungakg push`` records, in another store, the digest of each graph it sent."""
        return f"{self.base}graph/push-ledger"

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
                return kind, {k: unquote(v) for k, v in m.groupdict().items() if v is not None}
        raise ValueError(f"not an IRI ungakg mints: {iri}")


_SLUG = r"(?P<slug>A-RES-[A-Za-z0-9()-]+)"
_FORMS = [
    ("resolution", re.compile(rf"resolution/{_SLUG}")),
    ("expression", re.compile(rf"resolution/{_SLUG}/eng")),
    ("source_file", re.compile(rf"resolution/{_SLUG}/eng/source/(?P<sha256>[0-9a-f]{{64}})")),
    ("marker", re.compile(rf"resolution/{_SLUG}/(?P<eid>[a-z0-9_]+)/marker_(?P<index>\d+)")),
    ("fact", re.compile(rf"resolution/{_SLUG}/(?P<eid>[a-z0-9_]+)/(?P<kind>{'|'.join(FACT_KINDS)})/(?P<start>\d+)(?:-(?P<index>\d+))?")),
    ("topic_evidence", re.compile(rf"resolution/{_SLUG}/(?P<eid>[a-z0-9_]+)/topic/(?P<key>[a-z0-9-]+)")),
    ("part", re.compile(rf"resolution/{_SLUG}/(?P<eid>(?:preamble|para|footnote)_[a-z0-9_]+)")),
    ("session", re.compile(r"session/(?P<session>(?:E?S-)?\d+)")),
    ("plenary_meeting", re.compile(r"session/(?P<session>(?:E?S-)?\d+)/plenary-meeting/(?P<number>\d+)")),
    ("agenda_item", re.compile(r"session/(?P<session>(?:E?S-)?\d+)/agenda-item/(?P<number>\d+)")),
    ("document", re.compile(r"document/(?P<symbol>.+)")),
    ("body", re.compile(r"body/(?P<slug>[a-z0-9-]+)")),
    ("group", re.compile(r"group/(?P<key>[a-z0-9-]+)")),
    ("event", re.compile(r"event/(?P<key>[a-z0-9-]+)")),
    ("instrument", re.compile(r"instrument/(?P<key>[a-z0-9-]+)")),
    ("instrument_part", re.compile(r"instrument/(?P<key>[a-z0-9-]+)/(?P<part>(?:para|article|annex|protocol|section|chapter)_[0-9a-z_]+(?:/para_[0-9a-z]+)?)")),
    ("place", re.compile(r"place/(?P<key>[a-z0-9-]+)")),
    ("topic", re.compile(r"topic/(?P<key>[a-z0-9-]+)")),
    ("topics", re.compile(r"topic/")),
    ("clause_verb", re.compile(r"clause-verb/(?P<slug>[a-z0-9-]+)")),
    ("clause_modifier", re.compile(r"clause-modifier/(?P<slug>[a-z0-9-]+)")),
    ("graph", re.compile(rf"graph/resolution/{_SLUG}")),
    ("vocabulary_graph", re.compile(r"graph/vocabularies")),
    ("lineage_graph", re.compile(r"graph/lineage")),
    ("series", re.compile(rf"series/{_SLUG}")),
    ("push_ledger", re.compile(r"graph/push-ledger")),
    ("agent", re.compile(r"agent/ungakg/(?P<version>[0-9A-Za-z.+-]+)")),
    ("dataset", re.compile(r"dataset")),
    ("dataset_partition", re.compile(r"dataset/(?P<kind>class-partition|property-partition)/(?P<local>[^/]+)")),
    ("distribution", re.compile(r"dataset/distribution/(?P<name>.+)")),
    ("download", re.compile(r"download/(?P<name>.+)")),
    ("sparql", re.compile(r"sparql")),
]
