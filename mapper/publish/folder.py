"""Stage 6: the published files, written aside and swapped in whole.

Layout of ``published/``::

    resolutions/A-RES-57-295.ttl   one Turtle file per resolution
    ungakg.ttl                     the whole dataset as Turtle (default graph: the union)
    ungakg.nt.gz                   the same, sorted N-Triples without duplicates, gzipped
    ungakg.trig, ungakg.nq.gz      one named graph per resolution, plus the vocabularies
    ungakg.jsonld                  the named graphs as JSON-LD
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

import ctypes
import errno
import fcntl
import gzip
import hashlib
import heapq
import os
import shutil
import tempfile
from collections import Counter
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterable

import pyoxigraph as ox

from mapper.publish.worker import Built
from mapper.errors import UngakgError
from mapper.rdf.resources import resource
from mapper.publish.store import published_files
from mapper.rdf.validate import SH, Result
from mapper.rdf.namespaces import PREFIXES, RDF, XSD

def _body(document: bytes) -> bytes:
    """A Turtle or TriG document without its @prefix lines (they are written once, on top)."""
    lines = document.split(b"\n")
    i = 0
    while i < len(lines) and lines[i].startswith(b"@prefix"):
        i += 1
    return b"\n".join(lines[i:])


def _prefix_header() -> bytes:
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items())).encode()


def _gzip(path: Path) -> IO[bytes]:
    """A gzip writer with no file name and no time stamp in its header: same bytes every time."""
    raw = open(path, "wb")
    return gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6)


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


def write_dataset(results: Iterable[Built], vocabulary: tuple[str, list[ox.Triple]], out: Path, workdir: Path) -> Stats:
    """Write every dataset file of ``results`` (in order) into ``out``."""
    (out / "resolutions").mkdir(parents=True)
    sorter = SortedTriples(workdir)
    stats = Stats()
    vocab_graph, vocab_triples = vocabulary
    header = _prefix_header()
    with open(out / "ungakg.ttl", "wb") as ttl, open(out / "ungakg.trig", "wb") as trig, \
            _gzip(out / "ungakg.nq.gz") as nq, open(out / "ungakg.jsonld", "wb") as jsonld:
        ttl.write(header)
        trig.write(header)
        jsonld.write(b"[\n")
        first = True
        for built in results:
            stats.resolutions.append(built.resolution)
            (out / "resolutions" / f"{built.slug}.ttl").write_bytes(built.turtle)
            _write_graph(ttl, trig, nq, jsonld, built.graph, built.turtle, built.ntriples, built.jsonld, first)
            first = False
            sorter.add(built.ntriples)
        vocab_turtle = ox.serialize(vocab_triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        vocab_nt = ox.serialize(vocab_triples, format=ox.RdfFormat.N_TRIPLES)
        g = ox.NamedNode(vocab_graph)
        vocab_jsonld = ox.serialize([ox.Quad(t.subject, t.predicate, t.object, g) for t in vocab_triples], format=ox.RdfFormat.JSON_LD)
        _write_graph(ttl, trig, nq, jsonld, vocab_graph, vocab_turtle, vocab_nt, vocab_jsonld, first)
        sorter.add(vocab_nt)
        jsonld.write(b"\n]\n")
    (out / "vocabularies.ttl").write_bytes(vocab_turtle)

    with _gzip(out / "ungakg.nt.gz") as nt:
        last_subject = None
        for line in sorter.merged():
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


_RDF_TYPE = f"<{RDF.type.value}>".encode()


def _write_graph(ttl, trig, nq, jsonld, graph: str, turtle: bytes, ntriples: bytes, doc: bytes, first: bool) -> None:
    ttl.write(b"\n" + _body(turtle))
    trig.write(f"\n<{graph}> {{\n".encode() + _body(turtle) + b"}\n")
    suffix = f" <{graph}> .\n".encode()
    nq.write(b"".join(line[:-2] + suffix for line in ntriples.split(b"\n") if line))
    inner = doc.strip()
    if inner.startswith(b"[") and inner.endswith(b"]"):
        inner = inner[1:-1]
    jsonld.write((b"" if first else b",\n") + inner)


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
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes={"sh": SH})


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
    (out / "ontology" / "ungakg.owl").write_bytes(ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES))
    shutil.copyfile(resource("shapes/ungakg-shapes.ttl"), out / "shapes" / "ungakg-shapes.ttl")
    from mapper.publish.docs import ontology_html

    (out / "ontology" / "index.html").write_text(ontology_html(source), encoding="utf-8")


def checksums(out: Path) -> None:
    lines = []
    for path in (p for p in published_files(out) if p.name != "SHA256SUMS"):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(out).as_posix()}\n")
    (out / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")


RENAME_EXCHANGE = 2  # renameat2(2): swap two paths in one step


def _exchange(a: Path, b: Path) -> bool:
    """Swap the trees at ``a`` and ``b`` atomically; False where the file system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    at_fdcwd = -100
    if libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap(new: Path, target: Path, step: Callable[[str], None] = lambda _: None) -> bool:
    """Put the complete tree ``new`` in place of ``target``, whole: at every instant ``target`` is the
    old tree or the new one. The two are exchanged in one step (``renameat2(RENAME_EXCHANGE)``); the old
    tree is then set aside as ``.{name}.old-*`` and removed, unless a running server still reads it
    (``in_use``): the next build removes what is left. ``step`` is told each step's name (tests kill there).

    Returns False when the file system has no atomic exchange; then the old tree is renamed aside
    before the new one takes its place, and for that instant there is no ``target``.
    """
    suffix = new.name.rsplit("-", 1)[-1]
    old = target.with_name(f".{target.name}.old-{suffix}")
    atomic = True
    if not target.exists():
        os.rename(new, target)
        step("renamed")
    elif _exchange(new, target):
        step("exchanged")
        os.rename(new, old)  # the old tree, now at the staging path, set aside
        step("set aside")
    else:
        atomic = False
        os.rename(target, old)
        step("set aside")
        os.rename(new, target)
        step("renamed")
    remove_leftovers(target)
    step("cleaned")
    return atomic


def in_use(tree: Path) -> bool:
    """Whether a server reads ``tree``: servers hold a shared lock on its SHA256SUMS while they do."""
    try:
        fd = os.open(tree / "SHA256SUMS", os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the staging and old trees that builds left beside ``target`` (killed, or still read then); the ones kept."""
    kept = []
    for tree in sorted(target.parent.glob(f".{target.name}.new-*")) + sorted(target.parent.glob(f".{target.name}.old*")):
        if in_use(tree):
            kept.append(tree)
        else:
            shutil.rmtree(tree, ignore_errors=True)
    return kept


@contextmanager
def building(target: Path):
    """One build at a time into ``target``: an exclusive lock on the folder that holds it (no lock file is
    left behind) for the whole build, or UngakgError."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UngakgError(f"{target}: another `ungakg build` is writing it; wait for it to finish") from None
        yield
    finally:
        os.close(fd)


def staging(target: Path) -> Path:
    """A fresh directory beside ``target`` (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    new.chmod(0o755)  # mkdtemp makes it private; published files are for everyone
    return new
