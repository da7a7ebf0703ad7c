"""The published files, written into a staging folder (:mod:`.folder` swaps it in whole).

Layout of ``published/``::

    resolutions/A-RES-57-295.ttl   one Turtle file per resolution
    ungakg.ttl                     the whole dataset as Turtle (default graph: the union)
    ungakg.nt.gz                   the same, sorted N-Triples without duplicates, gzipped
    ungakg.trig, ungakg.nq.gz      one named graph per resolution, plus the vocabularies
    ungakg.jsonld                  the named graphs as JSON-LD, compacted with the Turtle prefixes as @context
    vocabularies.ttl               clause verbs, topics and the authority files (mapper.rdf.schemes)
    ontology/ungakg.ttl, .owl      the ontology (Turtle, RDF/XML), ontology/index.html its documentation
    shapes/ungakg-shapes.ttl       the SHACL shapes
    validation.ttl                 the SHACL validation report
    void.ttl                       VoID and DCAT description of the dataset and its downloads
    SHA256SUMS                     checksums of every other file

Everything is deterministic: inputs in sorted order, triples sorted, gzip
without a time stamp, blank nodes of the report labelled by content hash.
Nothing is read back from ``published/`` while writing.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from mapper.publish.store import published_files
from mapper.publish.worker import Built
from mapper.rdf import jsonld
from mapper.rdf.namespaces import PREFIXES, RDF, XSD
from mapper.rdf.resources import resource
from mapper.rdf.terms import serialized
from mapper.rdf.validate import SH, Result


def _body(document: bytes) -> bytes:
    """A Turtle or TriG document without its @prefix lines (they are written once, on top)."""
    lines = document.split(b"\n")
    i = 0
    while i < len(lines) and lines[i].startswith(b"@prefix"):
        i += 1
    return b"\n".join(lines[i:])


def _prefix_header() -> bytes:
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items())).encode()


@contextmanager
def _gzip(path: Path) -> Iterator[gzip.GzipFile]:
    """A gzip writer with no file name and no time stamp in its header: same bytes every time."""
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as z:
        yield z


@dataclass
class Stats:
    """What VoID says of the dataset, counted on the sorted, de-duplicated triples."""

    triples: int = 0
    subjects: int = 0
    properties: Counter = field(default_factory=Counter)
    classes: Counter = field(default_factory=Counter)
    resolutions: list[str] = field(default_factory=list)


class SortedTriples:
    """External merge sort of N-Triples lines, de-duplicated, in bounded memory."""

    def __init__(self, workdir: Path, run_lines: int = 2_000_000):
        self.workdir = workdir
        self.run_lines = run_lines
        self.buffer: list[bytes] = []
        self.runs: list[Path] = []

    def add(self, ntriples: bytes) -> None:
        self.buffer.extend(line for line in ntriples.split(b"\n") if line)
        if len(self.buffer) >= self.run_lines:
            self._flush()

    def _flush(self) -> None:
        if not self.buffer:
            return
        run = self.workdir / f"run-{len(self.runs):05d}.nt"
        run.write_bytes(b"\n".join(sorted(set(self.buffer))) + b"\n")
        self.runs.append(run)
        self.buffer = []

    def merged(self) -> Iterable[bytes]:
        self._flush()
        with ExitStack() as stack:
            files = [stack.enter_context(open(run, "rb")) for run in self.runs]
            last = None
            for line in heapq.merge(*files):
                if line != last:
                    yield line
                    last = line


class DatasetWriter:
    """Writes the dataset files into ``out`` as resolutions arrive (:meth:`add`), then the rest (:meth:`finish`).

    A context manager: the merged files are open from ``with`` to its end. Memory stays flat:
    each resolution's serializations are written and dropped; the sorted N-Triples are merged
    from runs in ``workdir``.
    """

    def __init__(self, out: Path, workdir: Path):
        self.out = out
        self.sorter = SortedTriples(workdir)
        self.stats = Stats()
        self._files = ExitStack()
        self._first = True

    def __enter__(self) -> DatasetWriter:
        (self.out / "resolutions").mkdir(parents=True)
        enter = self._files.enter_context
        self.ttl = enter(open(self.out / "ungakg.ttl", "wb"))
        self.trig = enter(open(self.out / "ungakg.trig", "wb"))
        self.nq = enter(_gzip(self.out / "ungakg.nq.gz"))
        self.jsonld = enter(open(self.out / "ungakg.jsonld", "wb"))
        header = _prefix_header()
        self.ttl.write(header)
        self.trig.write(header)
        self.jsonld.write(jsonld.OPENING)
        return self

    def __exit__(self, *exc: object) -> None:
        self._files.close()

    def add(self, built: Built) -> None:
        """One resolution: its own Turtle file, and its graph in the merged files."""
        self.stats.resolutions.append(built.resolution)
        (self.out / "resolutions" / f"{built.slug}.ttl").write_bytes(built.turtle)
        self._graph(built.graph, built.turtle, built.ntriples, built.jsonld)

    def finish(self, vocabulary: tuple[str, list[ox.Triple]], lineage: tuple[str, list[ox.Triple]]) -> Stats:
        """The graphs made of no one resolution last (the lineage, the vocabularies), each also in a file of its
        own (``lineage.ttl``, ``vocabularies.ttl``), then the sorted N-Triples of the union, counted for VoID."""
        for (graph, triples), name in ((lineage, "lineage.ttl"), (vocabulary, "vocabularies.ttl")):
            turtle = serialized(triples, ox.RdfFormat.TURTLE, PREFIXES)
            g = ox.NamedNode(graph)
            doc = jsonld.named_graph(ox.Quad(t.subject, t.predicate, t.object, g) for t in triples)
            self._graph(graph, turtle, serialized(triples, ox.RdfFormat.N_TRIPLES), doc)
            (self.out / name).write_bytes(turtle)
        self.jsonld.write(jsonld.CLOSING)
        self._files.close()
        stats = self.stats
        with _gzip(self.out / "ungakg.nt.gz") as nt:
            last_subject = None
            for line in self.sorter.merged():
                nt.write(line if line.endswith(b"\n") else line + b"\n")
                stats.triples += 1
                subject, predicate, obj = line.split(b" ", 2)
                if subject != last_subject:
                    stats.subjects += 1
                    last_subject = subject
                stats.properties[predicate.decode()[1:-1]] += 1
                if predicate == _RDF_TYPE:
                    stats.classes[obj.rstrip(b" .\n").decode()[1:-1]] += 1
        return stats

    def _graph(self, graph: str, turtle: bytes, ntriples: bytes, doc: bytes) -> None:
        self.ttl.write(b"\n" + _body(turtle))
        self.trig.write(f"\n<{graph}> {{\n".encode() + _body(turtle) + b"}\n")
        suffix = f" <{graph}> .\n".encode()
        self.nq.write(b"".join(line[:-2] + suffix for line in ntriples.split(b"\n") if line))
        self.jsonld.write((b"" if self._first else b",\n") + doc)
        self._first = False
        self.sorter.add(ntriples)


_RDF_TYPE = f"<{RDF.type.value}>".encode()


def validation_report(results: Iterable[Result]) -> bytes:
    """The SHACL validation report: conforms, and every warning, deterministically labelled."""
    sh = lambda name: ox.NamedNode(SH + name)  # noqa: E731
    rdf_type = RDF.type
    all_results = sorted(set(results), key=lambda r: (r.focus, r.path, r.severity, r.message))
    conforms = not any(r.severity == "Violation" for r in all_results)
    report = ox.BlankNode("report")
    triples = [
        ox.Triple(report, rdf_type, sh("ValidationReport")),
        ox.Triple(report, sh("conforms"), ox.Literal(str(conforms).lower(), datatype=XSD.boolean)),
    ]
    for r in all_results:
        node = ox.BlankNode("r" + hashlib.sha256(repr((r.severity, r.focus, r.path, r.message, r.shape)).encode()).hexdigest()[:16])
        triples += [
            ox.Triple(report, sh("result"), node),
            ox.Triple(node, rdf_type, sh("ValidationResult")),
            ox.Triple(node, sh("resultSeverity"), sh(r.severity)),
            ox.Triple(node, sh("focusNode"), ox.NamedNode(r.focus)),
            ox.Triple(node, sh("resultMessage"), ox.Literal(r.message)),
        ]
        if r.path:
            triples.append(ox.Triple(node, sh("resultPath"), ox.NamedNode(r.path)))
        if r.shape:
            triples.append(ox.Triple(node, sh("sourceShape"), ox.NamedNode(r.shape)))
    return serialized(sorted(triples, key=str), ox.RdfFormat.TURTLE, {"sh": SH})


def copy_artifacts(out: Path) -> None:
    """The ontology (Turtle, RDF/XML, HTML documentation) and the shapes."""
    (out / "ontology").mkdir()
    (out / "shapes").mkdir()
    source = resource("ontology/ungakg.ttl")
    shutil.copyfile(source, out / "ontology" / "ungakg.ttl")
    triples = sorted(set(ox.parse(path=str(source), format=ox.RdfFormat.TURTLE)), key=str)
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
        # RDF/XML of blank nodes carries parser-made labels; canonicalize them first.
        dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        triples = sorted((ox.Triple(q.subject, q.predicate, q.object) for q in dataset), key=str)
    (out / "ontology" / "ungakg.owl").write_bytes(serialized(triples, ox.RdfFormat.RDF_XML, PREFIXES))
    shutil.copyfile(resource("shapes/ungakg-shapes.ttl"), out / "shapes" / "ungakg-shapes.ttl")
    from mapper.publish.docs import ontology_html

    (out / "ontology" / "index.html").write_text(ontology_html(source), encoding="utf-8")


def checksums(out: Path) -> None:
    lines = []
    for path in (p for p in published_files(out) if p.name != "SHA256SUMS"):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(out).as_posix()}\n")
    (out / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")
