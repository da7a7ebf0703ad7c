"""``ungakg build``: parse, map and validate every text, then publish.

Each resolution goes through the whole chain in a worker process (parse ->
map -> validate -> serialize) and comes back as bytes and counts, so memory
stays flat and the work spreads over the cores. Publishing (mapper.publish.folder)
happens only when every file parsed and no graph breaks a shape: the build
is all or nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from mapper import __version__
from mapper.errors import InputError
from mapper.extract import read
from mapper.extract.lineage import Outline
from mapper.lexicon.authority import authorities
from mapper.rdf.iris import Iris
from mapper.rdf.jsonld import named_graph
from mapper.rdf.namespaces import PREFIXES
from mapper.rdf.resolution import resolution_triples
from mapper.rdf.schemes import vocabulary_triples
from mapper.rdf.terms import serialized
from mapper.rdf.validate import Result, validate


@dataclass(frozen=True)
class Built:
    """One resolution, built: what publishing needs, as bytes and counts."""

    name: str  # the file name, relative to the corpus
    slug: str = ""
    resolution: str = ""  # IRI of the resolution
    graph: str = ""  # IRI of its named graph
    error: str | None = None  # parse error, one line
    results: tuple[Result, ...] = ()
    turtle: bytes = b""  # the resolution's graph as Turtle, prefixes included
    ntriples: bytes = b""  # sorted N-Triples
    jsonld: bytes = b""  # its named graph as a compacted JSON-LD graph object, without the @context the dump states once
    triples: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    outline: Outline | None = None  # what the lineage of series needs (mapper.extract.lineage)

    @property
    def violations(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.severity == "Violation")


def _vocabulary_subset(triples: list[ox.Triple], vocabulary: list[ox.Triple]) -> list[ox.Triple]:
    """The vocabulary triples about what a graph points to (to check sh:class), not the whole graph."""
    used = {t.object for t in triples}
    return [t for t in vocabulary if t.subject in used]


def build_one(path: str, name: str, base: str, shapes: bytes, version: str = __version__) -> Built:
    """Parse, map, validate and serialize one file. Never raises for bad input."""
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        return Built(name, error=f"{name}: cannot read: {e.strerror or e}")
    try:
        resolution = read(data, name, tables=authorities())
    except InputError as e:
        return Built(name, error=str(e))
    seconds["parse"] = time.perf_counter() - t

    t = time.perf_counter()
    iris = Iris(base)
    triples = sorted(set(resolution_triples(resolution, iris, version, tables=authorities())), key=str)
    seconds["map"] = time.perf_counter() - t

    t = time.perf_counter()
    results = validate(triples + _vocabulary_subset(triples, _vocabulary(base)), shapes)
    seconds["validate"] = time.perf_counter() - t

    t = time.perf_counter()
    graph = ox.NamedNode(iris.graph(resolution.symbol))
    turtle = serialized(triples, ox.RdfFormat.TURTLE, PREFIXES)
    ntriples = serialized(triples, ox.RdfFormat.N_TRIPLES)
    jsonld = named_graph(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    seconds["serialize"] = time.perf_counter() - t
    return Built(
        name=name,
        slug=resolution.symbol.slug,
        resolution=iris.resolution(resolution.symbol),
        graph=graph.value,
        results=results,
        turtle=turtle,
        ntriples=ntriples,
        jsonld=jsonld,
        triples=len(triples),
        seconds=seconds,
        outline=Outline.of(resolution),
    )


_VOCABULARY: dict[str, list[ox.Triple]] = {}


def _vocabulary(base: str) -> list[ox.Triple]:
    if base not in _VOCABULARY:
        _VOCABULARY[base] = vocabulary_triples(Iris(base))
    return _VOCABULARY[base]


def _build_job(job: tuple[str, str, str, bytes]) -> Built:
    return build_one(*job)


def build_all(files: Sequence[tuple[str, str]], base: str, shapes: bytes, jobs: int = 1) -> Iterator[Built]:
    """Build ``(path, name)`` pairs in order, on ``jobs`` processes."""
    work = [(path, name, base, shapes) for path, name in files]
    if jobs <= 1 or len(work) < 2:
        yield from map(_build_job, work)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_build_job, work, chunksize=max(1, min(32, len(work) // (jobs * 8) or 1)))


def vocabulary_graph(base: str) -> tuple[str, list[ox.Triple]]:
    iris = Iris(base)
    return iris.vocabulary_graph(), sorted(set(vocabulary_triples(iris)), key=str)

