"""``ungakg build`` from end to end: build every file, then publish all or nothing."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

from mapper.publish.worker import Built, build_all, vocabulary_graph
from mapper.publish.void import describe
from mapper.rdf.iris import Iris
from mapper.parse.source import is_resolution_text
from mapper.publish.store import build_store
from mapper.publish.folder import building, checksums, copy_artifacts, remove_leftovers, staging, swap, validation_report, write_dataset
from mapper.rdf.validate import shapes_bytes, validate

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
        results: list[Built] = []
        failed: list[Built] = []
        seen: dict[str, str] = {}

        def collect():
            for built in build_all(files, iris.base, shapes or shapes_bytes(), jobs):
                if built.slug in seen and not built.error:
                    built = Built(built.name, error=f"{built.name}: the text is {built.slug}, as is {seen[built.slug]}: one resolution, two files")
                if built.error or built.violations:
                    failed.append(built)
                    continue
                seen[built.slug] = built.name
                results.append(_slim(built))
                yield built

        vocabulary = vocabulary_graph(iris.base)
        checked = validate(vocabulary[1], shapes or shapes_bytes())  # the vocabularies are data too
        if any(r.severity == "Violation" for r in checked):
            failed.append(Built("vocabularies (mapper/lexicon/words.py, mapper/lexicon/data/)", results=checked))
        with tempfile.TemporaryDirectory(dir=new) as work:
            stats = write_dataset(collect(), vocabulary, new, Path(work))
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


def _slim(built: Built) -> Built:
    """Keep only what the report needs once a resolution is written: not its serializations."""
    return Built(name=built.name, slug=built.slug, resolution=built.resolution, graph=built.graph, results=built.results,
                 triples=built.triples, seconds=built.seconds)
