"""SPARQL 1.1 Protocol conformance, driven by the W3C manifest copied unchanged into tests/data/w3c.

Each test of the manifest is a sequence of HTTP requests with the status,
result format and boolean expected. The manifest's data (data1.nt ...) is
served by a real ``ungakg serve`` process, each file as the named graph the
manifest gives it. Query tests must pass as written; update tests must be
refused with a 4xx status and a message, as a read-only endpoint should.
"""

from __future__ import annotations

import http.client
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from tests.support.paths import W3C as W3C_DATA
from tests.support.servers import publish_quads, serve

W3C = W3C_DATA / "sparql11-protocol"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
HT = "http://www.w3.org/2011/http#"
CNT = "http://www.w3.org/2011/content#"
UT = "http://www.w3.org/2009/sparql/tests/test-update#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


@dataclass
class Step:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]  # "2xx", "4xx" ...
    format: str | None
    boolean: bool | None


@dataclass
class Case:
    name: str
    steps: list[Step]
    graphs: dict[str, str]  # graph IRI -> data file


def _list(g: rdflib.Graph, head) -> list:
    out = []
    while head and head != rdflib.RDF.nil:
        out.append(g.value(head, rdflib.RDF.first))
        head = g.value(head, rdflib.RDF.rest)
    return out


def manifest() -> list[Case]:
    g = rdflib.Graph().parse(W3C / "manifest.ttl", publicID=(W3C / "manifest.ttl").as_uri())
    m = rdflib.Namespace(MF)
    ht = rdflib.Namespace(HT)
    cases = []
    root = next(g.subjects(rdflib.RDF.type, m.Manifest))
    for test in _list(g, g.value(root, m.entries)):
        action = g.value(test, m.action)
        steps = []
        for request in _list(g, g.value(action, ht.requests)):
            body = g.value(request, ht.body)
            chars, encoding = (g.value(body, rdflib.URIRef(CNT + "chars")), g.value(body, rdflib.URIRef(CNT + "characterEncoding"))) if body else (None, None)
            headers = {str(g.value(h, ht.fieldName)): str(g.value(h, ht.fieldValue)) for h in _list(g, g.value(request, ht.headers))}
            response = g.value(request, ht.resp)
            boolean = g.value(response, m.expectedBoolean)
            steps.append(Step(
                method=str(g.value(request, ht.methodName)),
                path=str(g.value(request, ht.absolutePath)),
                headers=headers,
                body=str(chars).encode(str(encoding) if encoding else "utf-8") if chars is not None else None,
                statuses={str(s).rsplit("StatusCode", 1)[1].lower() for s in g.objects(response, m.expectedStatus)},
                format=str(g.value(response, m.expectedFormat)) if g.value(response, m.expectedFormat) else None,
                boolean=boolean.toPython() if boolean is not None else None,
            ))
        graphs = {}
        for data in g.objects(test, rdflib.URIRef(UT + "graphData")):
            graphs[str(g.value(data, rdflib.URIRef(RDFS + "label")))] = Path(str(g.value(data, rdflib.URIRef(UT + "graph")))).name
        cases.append(Case(str(test).rsplit("#", 1)[1], steps, graphs))
    return cases


CASES = manifest()


def test_the_manifest_is_read_whole():
    assert len(CASES) == 34
    assert sum(1 for c in CASES if "update" in c.name) == 14


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    quads = []
    for case in CASES:
        for graph, name in case.graphs.items():
            for t in ox.parse(path=str(W3C / name), format=ox.RdfFormat.N_TRIPLES):
                quads.append(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph)))
    published = publish_quads(tmp_path_factory.mktemp("w3c") / "published", sorted(set(quads), key=str))
    with serve(published) as url:
        yield url


def _send(url: str, step: Step) -> tuple[int, str, bytes]:
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    path = "/sparql" + step.path[len("/sparql/"):]  # the manifest's /sparql/ is our /sparql
    connection.request(step.method, path, body=step.body, headers=step.headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader("content-type", ""), body


def _boolean(content_type: str, body: bytes) -> bool:
    if "json" in content_type:
        return json.loads(body)["boolean"]
    root = ET.fromstring(body)
    return root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


def _check_format(expected: str, content_type: str, body: bytes) -> None:
    media = content_type.split(";", maxsplit=1)[0].strip()
    if expected == "boolean":
        assert media in ("application/sparql-results+json", "application/sparql-results+xml"), media
        _boolean(content_type, body)
    elif expected == "tabular":
        assert media in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"), media
        if "json" in media:
            assert "bindings" in json.loads(body)["results"]
    elif expected == "RDF":
        fmt = ox.RdfFormat.from_media_type(media)
        assert fmt is not None, media
        list(ox.parse(body, format=fmt))  # parses
    else:
        raise AssertionError(f"unknown expected format {expected}")


@pytest.mark.parametrize("case", [c for c in CASES if "update" not in c.name], ids=lambda c: c.name)
def test_query_conformance(endpoint, case):
    for step in case.steps:
        status, content_type, body = _send(endpoint, step)
        assert f"{status // 100}xx" in step.statuses, f"{case.name}: {step.method} {step.path} gave {status}: {body[:300]!r}"
        if status >= 400:
            assert body.strip(), "an error carries a message"
            assert b"Traceback" not in body
            continue
        if step.format:
            _check_format(step.format, content_type, body)
        if step.boolean is not None:
            assert _boolean(content_type, body) is step.boolean, case.name


@pytest.mark.parametrize("case", [c for c in CASES if "update" in c.name], ids=lambda c: c.name)
def test_updates_are_refused(endpoint, case):
    """A read-only endpoint refuses every update request with a 4xx and says why; queries in the sequence still work."""
    refused = 0
    for step in case.steps:
        status, _, body = _send(endpoint, step)
        is_query = step.headers.get("content-type") == "application/sparql-query"
        if not is_query:
            assert 400 <= status < 500, f"{case.name}: an update got {status}"
            assert body.strip() and b"Traceback" not in body
            media = step.headers.get("content-type", "")
            if "charset" not in media and ("sparql-update" in media or ("form" in media and step.body and b"update=" in step.body)):
                assert b"read-only" in body, body
            refused += 1
        else:  # the ASK that checks the update's effect: answered, and false, since nothing was written
            assert status == 200, body
    assert refused >= 1
