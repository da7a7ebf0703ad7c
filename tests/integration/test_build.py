"""``ungakg build``: deterministic, all or nothing, and every dump says the same graph."""

import gzip
import hashlib
import io
import shutil
import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from mapper.extract import read
from mapper.extract.lineage import Outline
from mapper.publish.pipeline import lineage_graph, run
from mapper.publish.store import published_files
from mapper.publish.worker import vocabulary_graph
from mapper.rdf.iris import DEFAULT_BASE, Iris
from mapper.rdf.resolution import resolution_triples
from tests.support.paths import CORPUS, ROOT

PUBLISHED = ROOT / "published"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "published"
    assert run(CORPUS, out, DEFAULT_BASE, jobs=2, log=io.StringIO()) == 0
    return out


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in published_files(root)}


def test_published_is_what_the_build_makes(built):
    """published/ is committed; a fresh build must give it back byte for byte."""
    got, committed = _files(built), _files(PUBLISHED)
    assert sorted(got) == sorted(committed), "files differ: run `ungakg build` and commit published/"
    changed = [name for name in got if got[name] != committed[name]]
    assert not changed, f"{changed} differ from a fresh build: run `ungakg build` and commit published/"


def test_same_input_same_bytes(built, tmp_path):
    again = tmp_path / "again"
    assert run(CORPUS, again, DEFAULT_BASE, jobs=1, log=io.StringIO()) == 0
    assert _files(again) == _files(built)


@pytest.fixture(scope="module")
def expected_graph() -> rdflib.Graph:
    """The graph the build must publish, made in process from the corpus (once for the module)."""
    iris = Iris()
    triples, outlines = [], []
    for path in sorted(CORPUS.glob("A-RES-*.txt")):
        resolution = read(path.read_bytes(), path.name)
        triples += resolution_triples(resolution, iris)
        outlines.append(Outline.of(resolution))
    triples += vocabulary_graph(iris.base)[1]
    triples += lineage_graph(outlines, iris)[1]  # the series of the corpus, made from all of it
    return rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")


@pytest.mark.parametrize("name, fmt", [
    ("ungakg.ttl", "turtle"), ("ungakg.nt.gz", "nt"), ("ungakg.trig", "trig"), ("ungakg.nq.gz", "nquads"), ("ungakg.jsonld", "json-ld"),
])
def test_every_dump_parses_to_the_built_graph(built, expected_graph, name, fmt):
    data = (built / name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    want = expected_graph
    # rdflib: the union of the named graphs is the dataset's default graph.
    if fmt in ("trig", "nquads", "json-ld"):
        ds = rdflib.Dataset()
        ds.parse(data=data, format=fmt)
        got = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            got.add((s, p, o))
    else:
        got = rdflib.Graph().parse(data=data, format=fmt)
    assert isomorphic(got, want), name
    # pyoxigraph, the other parser.
    ox_format = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
                 "nquads": ox.RdfFormat.N_QUADS, "json-ld": ox.RdfFormat.JSON_LD}[fmt]
    triples = {(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox_format)}
    assert len(triples) == len(want)
    assert ox.serialize([ox.Triple(*t) for t in sorted(triples, key=str)], format=ox.RdfFormat.N_TRIPLES).count(b"\n") == len(want)


def test_named_graph_per_resolution(built):
    ds = ox.Dataset(ox.parse(gzip.decompress((built / "ungakg.nq.gz").read_bytes()), format=ox.RdfFormat.N_QUADS))
    graphs = sorted({q.graph_name.value for q in ds})
    assert graphs == sorted(
        [f"{DEFAULT_BASE}graph/resolution/{p.stem}" for p in CORPUS.glob("A-RES-*.txt")]
        + [f"{DEFAULT_BASE}graph/vocabularies", f"{DEFAULT_BASE}graph/lineage"]
    )
    for p in CORPUS.glob("A-RES-*.txt"):
        per_file = rdflib.Graph().parse(built / "resolutions" / f"{p.stem}.ttl")
        in_graph = [q for q in ds if q.graph_name.value.endswith(p.stem)]
        assert len(per_file) == len(in_graph)


def test_sorted_ntriples(built):
    lines = gzip.decompress((built / "ungakg.nt.gz").read_bytes()).splitlines()
    assert lines == sorted(set(lines))


def test_checksums_and_void(built, expected_graph):
    sums = (built / "SHA256SUMS").read_text().splitlines()
    listed = {}
    for line in sums:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((built / name).read_bytes()).hexdigest() == digest, name
        listed[name] = digest
    assert set(listed) == {n for n in _files(built) if n != "SHA256SUMS"}

    void = ox.Store()
    void.load(path=str(built / "void.ttl"), format=ox.RdfFormat.TURTLE)
    q = """PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX spdx: <http://spdx.org/rdf/terms#>
           PREFIX dcterms: <http://purl.org/dc/terms/>
           SELECT ?name ?size ?sum ?media WHERE { ?ds dcat:distribution ?d . ?d dcterms:title ?name ; dcat:byteSize ?size ;
             dcat:mediaType ?media ; spdx:checksum/spdx:checksumValue ?sum }"""
    described = {row["name"].value: (int(row["size"].value), row["sum"].value, row["media"].value) for row in void.query(q)}
    assert set(described) == set(listed) - {"void.ttl"}
    for name, (size, digest, _media) in described.items():
        assert size == (built / name).stat().st_size and digest == listed[name], name
    assert described["ungakg.nt.gz"][2].endswith("application/n-triples")
    total = next(iter(void.query("PREFIX void: <http://rdfs.org/ns/void#> SELECT ?n WHERE { ?ds void:triples ?n }")))["n"].value
    assert int(total) == len(expected_graph)
    resolutions = next(iter(void.query("""PREFIX void: <http://rdfs.org/ns/void#>
        SELECT ?n WHERE { ?ds void:classPartition [ void:class <https://w3id.org/ungakg/ontology#Resolution> ; void:entities ?n ] }""")))["n"].value
    assert int(resolutions) == 5
    assert len(list(void.query("PREFIX void: <http://rdfs.org/ns/void#> SELECT ?e WHERE { ?ds void:exampleResource ?e }"))) == 3


def test_validation_report_conforms(built):
    report = rdflib.Graph().parse(built / "validation.ttl")
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert list(report.objects(None, SH.conforms)) == [rdflib.Literal(True)]


def test_a_bad_file_fails_the_build_and_leaves_published_untouched(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "published"
    assert run(corpus, out, DEFAULT_BASE, log=io.StringIO()) == 0
    before = _files(out)
    (corpus / "A-RES-99-1.txt").write_bytes(b"")
    log = io.StringIO()
    assert run(corpus, out, DEFAULT_BASE, log=log) == 1
    assert "error: A-RES-99-1.txt: empty file" in log.getvalue()
    assert "left as it was" in log.getvalue()
    assert _files(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "the staging folder was not cleaned up"


def test_a_shacl_violation_fails_the_build(tmp_path):
    strict = (ROOT / "shapes" / "ungakg-shapes.ttl").read_bytes() + b"""
ungash:NoSubparagraphs a sh:NodeShape ; sh:targetClass unga:Subparagraph ;
    sh:property [ sh:path unga:label ; sh:maxCount 0 ; sh:message "test: no sub-paragraph may have a label." ] .
"""
    out = tmp_path / "published"
    log = io.StringIO()
    assert run(CORPUS, out, DEFAULT_BASE, log=log, shapes=strict) == 1
    assert "A-RES-57-295.txt: SHACL Violation: <https://w3id.org/ungakg/resolution/A-RES-57-295/para_3_list_point_a>" in log.getvalue()
    assert not out.exists()


def test_cli_build_with_base(tmp_path):
    out = tmp_path / "pub"
    result = subprocess.run(
        [sys.executable, "-m", "mapper.cli", "build", "--out", str(out), "--base", "http://127.0.0.1:8000/", "-j", "1"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "built 5 resolutions" in result.stderr
    text = (out / "resolutions" / "A-RES-57-295.ttl").read_text()
    assert "<http://127.0.0.1:8000/resolution/A-RES-57-295>" in text
    bad = subprocess.run([sys.executable, "-m", "mapper.cli", "build", "--base", "nope"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "--base" in bad.stderr


def test_two_files_of_one_resolution_fail_the_build(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    shutil.copyfile(corpus / "A-RES-57-295.txt", corpus / "copy-of-57-295.txt")
    log = io.StringIO()
    assert run(corpus, tmp_path / "published", DEFAULT_BASE, log=log) == 1
    assert "copy-of-57-295.txt: the text is A-RES-57-295, as is A-RES-57-295.txt: one resolution, two files" in log.getvalue()
