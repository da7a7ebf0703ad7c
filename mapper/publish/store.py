"""The embedded store the server reads: a pyoxigraph (RocksDB) folder built from the dumps.

It lives in ``published/.store/``, beside the files it is made from, so the
build writes it and swaps it into place together with them: the dumps and the
store never disagree. It is not committed (it is not byte-for-byte
reproducible) and not published; a clone without it gets it from the dumps
on the first ``ungakg serve`` (seconds for the corpus).

What it holds:

- one named graph per resolution, plus the vocabularies graph (``ungakg.nq.gz``);
- the default graph: the merge of them all without duplicates (``ungakg.nt.gz``),
  so a query without ``GRAPH`` sees each triple once, as the SPARQL RDF merge says,
  and answers as the merged dump does;
- beside the database, the full-text index of its units (the folder ``search``, :mod:`.search`).

``STAMP`` records the digest of the ``SHA256SUMS`` it was built from: a store
built from other dumps (an older build, another checkout) is rebuilt, not served.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from mapper.errors import UngakgError
from mapper.publish.search import INDEX, UNITS, build_index

STORE = ".store"
STAMP = "STAMP"


def published_files(published: Path) -> list[Path]:
    """Every published file, sorted; the store and other dot-folders are not published."""
    return sorted(
        p for p in published.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(published).parts)
    )


def _digest(published: Path) -> str:
    sums = published / "SHA256SUMS"
    if not sums.is_file():
        raise UngakgError(f"{published}: no SHA256SUMS; is it a folder written by `ungakg build`?")
    return hashlib.sha256(sums.read_bytes()).hexdigest()


def build_store(published: Path) -> Path:
    """Load the dumps of ``published`` into a fresh ``published/.store`` (replacing any old one)."""
    digest = _digest(published)
    work = Path(tempfile.mkdtemp(prefix=".store.new-", dir=published))
    try:
        store = ox.Store(str(work / "db"))
        with gzip.open(published / "ungakg.nq.gz") as quads:
            store.bulk_load(cast(IO[bytes], quads), format=ox.RdfFormat.N_QUADS)
        with gzip.open(published / "ungakg.nt.gz") as triples:
            store.bulk_load(cast(IO[bytes], triples), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
        store.optimize()
        store.flush()
        build_index(store, work / INDEX)  # the full-text index, of exactly what the store holds
        del store
        gc.collect()  # RocksDB closes when the Store is dropped
        (work / STAMP).write_text(digest + "\n", encoding="ascii")
        target = published / STORE
        if target.exists():
            shutil.rmtree(target)
        work.rename(target)
        return target
    finally:
        if work.exists():
            shutil.rmtree(work)


def is_current(published: Path) -> bool:
    stamp = published / STORE / STAMP
    return stamp.is_file() and stamp.read_text(encoding="ascii").strip() == _digest(published) and (published / STORE / INDEX / UNITS).is_file()


def open_store(published: Path) -> ox.Store:
    """The store of ``published``, read-only; built first if missing or made from other dumps."""
    if not is_current(published):
        build_store(published)
    try:
        return ox.Store.read_only(str(published / STORE / "db"))
    except OSError as e:
        raise UngakgError(f"{published / STORE}: cannot open the store ({e}); delete it and run `ungakg serve` again") from e
