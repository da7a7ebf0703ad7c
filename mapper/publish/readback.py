"""The published dataset read back graph by graph, for sending it to other stores.

``ungakg.nq.gz`` holds one named graph per resolution and the vocabularies
graph, each graph's lines together and sorted (``publish.py`` writes it so).
It is streamed: one graph is in memory at a time, whatever the size of the
dataset.

Each graph carries its **content digest**: the SHA-256 of its triples as sorted
N-Triples lines, written ``sha256:{hex}``. Two builds that give a resolution
the same triples give it the same digest; any change to any triple changes it.
``ungakg push`` records the digest of each graph it sends, and sends again only
graphs whose digest changed (``push.py``).
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from mapper.errors import DatasetError
from mapper.rdf.namespaces import RDF, VOID

QUADS = "ungakg.nq.gz"


@dataclass(frozen=True)
class NamedGraph:
    iri: str
    ntriples: bytes  # sorted N-Triples lines, each ending in "\n"; also valid Turtle

    @cached_property
    def triples(self) -> int:
        return self.ntriples.count(b"\n")

    @cached_property
    def digest(self) -> str:
        return "sha256:" + hashlib.sha256(self.ntriples).hexdigest()


def base_of(void: Path) -> str:
    """The base IRI the dataset was built with: its VoID dataset is ``{base}dataset``."""
    try:
        for triple in ox.parse(path=str(void), format=ox.RdfFormat.TURTLE):
            if triple.predicate == RDF.type and triple.object == VOID.Dataset and triple.subject.value.endswith("/dataset"):
                return triple.subject.value[: -len("dataset")]
    except (OSError, SyntaxError) as error:
        raise DatasetError(f"{void}: cannot read the VoID description: {error}") from None
    raise DatasetError(f"{void}: no void:Dataset named {{base}}dataset")


def read_graphs(published: Path, progress: Callable[[int], None] | None = None) -> Iterator[NamedGraph]:
    """The named graphs of ``published/ungakg.nq.gz``, in file order.

    ``progress(bytes)`` is told how many compressed bytes were read so far.
    Raises DatasetError naming the file and line for a line that is not a quad
    in a named graph, or for a graph whose lines are not together.
    """
    path = published / QUADS
    if not path.is_file():
        raise DatasetError(f"{path}: not found; is {published} a folder written by `ungakg build`?")
    with open(path, "rb") as raw:
        yield from _graphs(path, raw, progress)


def _graphs(path: Path, raw: BinaryIO, progress: Callable[[int], None] | None) -> Iterator[NamedGraph]:
    seen: set[bytes] = set()
    current: bytes | None = None  # the graph term of the lines being gathered, as bytes: no decoding per line
    lines: list[bytes] = []

    def graph() -> NamedGraph:
        if progress:
            progress(raw.tell())
        lines.sort()  # already sorted when `ungakg build` wrote the file: a linear pass
        assert current is not None  # called once a graph's lines are gathered
        return NamedGraph(current[1:-1].decode(), b"".join(lines))

    with gzip.open(raw) as quads:
        for number, line in enumerate(quads, 1):
            if line[-1:] != b"\n":  # the last line, without its newline
                line += b"\n"
            cut = line.rfind(b" <")
            term = line[cut + 1: -3]  # "<graph>" of "<s> <p> o <graph> .\n"
            if cut < 0 or not line.endswith(b"> .\n"):
                if not line.strip():
                    continue
                raise DatasetError(f"{path}:{number}: expected a quad in a named graph (`<s> <p> o <graph> .`), got {line[:120]!r}")
            if term != current:
                if current is not None:
                    yield graph()
                if term in seen:
                    raise DatasetError(f"{path}:{number}: the lines of graph {term.decode()} are not together; was the file written by `ungakg build`?")
                seen.add(term)
                current, lines = term, []
            lines.append(line[:cut] + b" .\n")
    if current is not None:
        yield graph()
