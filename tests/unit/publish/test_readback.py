"""Reading the published graphs back, one at a time, with their digests: what ``ungakg push`` sends."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from mapper.publish.readback import read_graphs
from mapper.rdf.iris import Iris
from tests.support.paths import PUBLISHED


def copy_published(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("ungakg.nq.gz", "void.ttl"):
        shutil.copy(PUBLISHED / name, folder / name)
    return folder


def test_graphs_are_read_whole_with_their_digest(published_graphs):
    assert sum(g.triples for g in published_graphs.values()) == gzip.decompress((PUBLISHED / "ungakg.nq.gz").read_bytes()).count(b"\n")
    assert Iris().vocabulary_graph() in published_graphs and Iris().lineage_graph() in published_graphs
    assert len(published_graphs) == 7  # five resolutions, the lineage of their series, the vocabularies
    for g in published_graphs.values():
        lines = g.ntriples.splitlines()
        assert lines == sorted(lines) and all(line.endswith(b" .") for line in lines)
        assert g.digest.startswith("sha256:") and len(g.digest) == 71
    assert len({g.digest for g in published_graphs.values()}) == 7


def test_a_graph_whose_lines_are_scattered_is_refused(tmp_path):
    published = copy_published(tmp_path / "p")
    lines = gzip.decompress((published / "ungakg.nq.gz").read_bytes()).splitlines(keepends=True)
    with gzip.open(published / "ungakg.nq.gz", "wb") as f:
        f.writelines(lines[:10] + lines[-1:] + lines[10:-1])
    with pytest.raises(Exception, match=r"ungakg.nq.gz:1[12]: .*not together"):
        list(read_graphs(published))
