"""``ungakg build`` from end to end: build every file, then publish all or nothing.

Each file goes through :mod:`.worker` (on ``--jobs`` processes) and, if it parsed and
its graph conforms to the shapes, into the :class:`~.dumps.DatasetWriter`; then the
series among them and their paragraphs' lineage (:mod:`mapper.extract.lineage`) make
one more graph. Only when
every file passed are the report, the ontology, VoID, the checksums and the store
written and the staging folder swapped in (:mod:`.folder`); else ``published/`` is
left as it was.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from mapper.extract.lineage import Outline, align, predecessors, series
from mapper.parse.source import is_resolution_text
from mapper.publish.dumps import DatasetWriter, checksums, copy_artifacts, validation_report
from mapper.publish.folder import building, remove_leftovers, staging, swap
from mapper.publish.store import build_store
from mapper.publish.void import describe
from mapper.publish.worker import Built, build_all, vocabulary_graph
from mapper.rdf.iris import Iris
from mapper.rdf.lineage import lineage_triples
from mapper.rdf.validate import shapes_bytes, validate


def lineage_graph(resolutions: list[Outline], iris: Iris) -> tuple[str, list[ox.Triple]]:
    """The series among ``resolutions`` and each member's paragraphs traced to its predecessor's."""
    found = series(resolutions)
    return iris.lineage_graph(), lineage_triples(found, [align(a, b) for a, b in predecessors(resolutions, found)], iris)


def corpus_files(corpus: Path) -> list[tuple[str, str]]:
    """(path, name relative to the corpus) of every resolution text, sorted; README files excepted."""
    files = sorted(p for p in corpus.rglob("*") if is_resolution_text(p))
    return [(str(p), p.relative_to(corpus).as_posix()) for p in files]


def run(corpus: Path, out: Path, base: str, jobs: int = 1, log: TextIO = sys.stderr, shapes: bytes | None = None) -> int:
    """Build ``corpus`` into ``out``. Returns the exit status: 0, or 1 with ``out`` untouched.

    ``shapes`` replaces the shapes of ``shapes/`` (tests use stricter ones).
    """
    iris = Iris(base)
    files = corpus_files(corpus)
    if not files:
        print(f"error: {corpus}: no resolution texts (.txt, .md) found", file=log)
        return 1
    started = time.perf_counter()
    with building(out):
        remove_leftovers(out)  # what killed builds left, and old trees no server reads any more
        return _run(files, out, iris, jobs, log, shapes, started)


def _run(files: list[tuple[str, str]], out: Path, iris: Iris, jobs: int, log: TextIO, shapes: bytes | None, started: float) -> int:
    new = staging(out)
    try:
        tally = _Tally()
        vocabulary = vocabulary_graph(iris.base)
        checked = validate(vocabulary[1], shapes or shapes_bytes())  # the vocabularies are data too
        with tempfile.TemporaryDirectory(dir=new) as work, DatasetWriter(new, Path(work)) as writer:
            for built in build_all(files, iris.base, shapes or shapes_bytes(), jobs):
                if tally.admit(built):
                    writer.add(built)
            lineage = lineage_graph([b.outline for b in tally.written if b.outline is not None], iris)
            checked += validate(lineage[1], shapes or shapes_bytes())
            if any(r.severity == "Violation" for r in checked):
                tally.failed.append(Built("the vocabularies or the lineage of series", results=checked))
            stats = writer.finish(vocabulary, lineage)
        results, failed = tally.written, tally.failed
        if failed:
            for built in failed:
                if built.error:
                    print(f"error: {built.error}", file=log)
                for r in built.violations:
                    print(f"error: {built.name}: SHACL {r}", file=log)
            print(f"build failed: {len(failed)} of {len(files)} files; {out} is left as it was", file=log)
            return 1
        (new / "validation.ttl").write_bytes(validation_report([r for b in results for r in b.results] + list(checked)))
        copy_artifacts(new)
        (new / "void.ttl").write_bytes(describe(new, stats, iris))
        checksums(new)
        build_store(new)  # the server's store, swapped in with the files it is made of
        if not swap(new, out):
            print(f"note: this file system cannot exchange two folders in one step; {out} was missing for an instant", file=log)
    finally:
        if new.exists():
            shutil.rmtree(new)
    warnings = sum(len(b.results) for b in results)
    print(
        f"built {len(results)} resolutions, {stats.triples:,} triples, {warnings} SHACL warnings, "
        f"into {out} in {time.perf_counter() - started:.1f} s",
        file=log,
    )
    return 0


@dataclass
class _Tally:
    """What the build made of each file as it arrives: the resolutions written, the files that failed."""

    written: list[Built] = field(default_factory=list)  # slimmed: counts and results, not serializations
    failed: list[Built] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # slug -> the file it was read from

    def admit(self, built: Built) -> bool:
        """Whether ``built`` is written; if not, it is recorded as failed (an error, a violation, a second file of one resolution)."""
        if built.slug in self.files and not built.error:
            built = Built(built.name, error=f"{built.name}: the text is {built.slug}, as is {self.files[built.slug]}: one resolution, two files")
        if built.error or built.violations:
            self.failed.append(built)
            return False
        self.files[built.slug] = built.name
        self.written.append(_slim(built))
        return True


def _slim(built: Built) -> Built:
    """Keep only what the report needs once a resolution is written: not its serializations."""
    return Built(name=built.name, slug=built.slug, resolution=built.resolution, graph=built.graph, results=built.results,
                 triples=built.triples, seconds=built.seconds, outline=built.outline)
