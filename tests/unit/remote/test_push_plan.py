"""``ungakg push`` without a store: the update requests, the ledger, credentials, retries, endpoint discovery."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

from mapper.errors import RemoteError
from mapper.publish.readback import NamedGraph
from mapper.rdf.iris import Iris
from mapper.remote.client import ChallengeAuth, Credentials, Retry
from mapper.remote.push import StoreState, ledger_ntriples, update_requests


def test_update_requests_replace_each_graph_in_batches():
    small = NamedGraph("http://x/g1", b'<http://x/a> <http://x/p> "1" .\n<http://x/a> <http://x/p> "2" .\n')
    big = NamedGraph("http://x/g2", b"".join(f'<http://x/a> <http://x/p> "{i}" .\n'.encode() for i in range(5)))
    requests = list(update_requests([small, big], batch=3))
    assert requests[0].startswith("DROP SILENT GRAPH <http://x/g1> ;\nINSERT DATA { GRAPH <http://x/g1>")
    assert sum(r.count('"') for r in requests) == 2 * 7  # every triple once
    for r in requests:  # at most 3 triples in a request
        assert r.count(" .\n") <= 3
    first_big = next(i for i, r in enumerate(requests) if "<http://x/g2>" in r)
    assert "DROP SILENT GRAPH <http://x/g2>" in requests[first_big]  # dropped before its first insert
    store = ox.Store()  # and the requests are valid SPARQL Update that give the graphs
    for r in requests:
        store.update(r)
    assert len(store) == 7 and len(list(store.quads_for_pattern(None, None, None, ox.NamedNode("http://x/g2")))) == 5


def test_a_graph_is_current_only_with_its_digest_and_its_count(published_graphs):
    g = published_graphs[Iris().vocabulary_graph()]
    assert StoreState({g.iri: frozenset({g.digest})}, {g.iri: g.triples}).current(g)
    assert not StoreState({g.iri: frozenset({"sha256:old"})}, {g.iri: g.triples}).current(g)
    assert not StoreState({g.iri: frozenset({g.digest})}, {g.iri: g.triples - 1}).current(g)  # damaged in the store
    assert not StoreState({}, {g.iri: g.triples}).current(g)  # loaded by hand: no ledger entry
    assert ledger_ntriples([("http://x/g", "sha256:ab")]) == b'<http://x/g> <https://w3id.org/ungakg/ontology#contentDigest> "sha256:ab" .\n'


def test_credentials_come_from_the_environment_and_a_prompt_never_from_argv():
    assert Credentials.from_environment({}) == Credentials()
    assert Credentials.from_environment({"UNGAKG_TOKEN": "t0k"}).token == "t0k"
    asked = []
    c = Credentials.from_environment({"UNGAKG_USER": "ann"}, prompt=lambda text: asked.append(text) or "s3cret")
    assert (c.user, c.password, asked) == ("ann", "s3cret", ["Password for ann: "])
    assert "s3cret" not in repr(c) and "t0k" not in repr(Credentials(token="t0k"))
    with pytest.raises(RemoteError, match="UNGAKG_TOKEN or UNGAKG_USER"):
        Credentials.from_environment({"UNGAKG_TOKEN": "t", "UNGAKG_USER": "u"})


def test_backoff_grows_and_honours_retry_after():
    retry = Retry(backoff=0.5, cap=4.0)
    assert all(0.25 <= retry.delay(0, None) <= 0.5 for _ in range(50))
    assert all(2.0 <= retry.delay(3, None) <= 4.0 for _ in range(50))
    assert retry.delay(10, None) <= 4.0 and retry.delay(0, "7") == 7.0
    assert isinstance(ChallengeAuth(Credentials(token="x")), ChallengeAuth)


def test_the_update_endpoint_is_read_from_a_service_description():
    from mapper.remote.client import _described_update, _layout

    description = b"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
        [] a sd:Service ; sd:endpoint <update> ; sd:supportedLanguage sd:SPARQL11Update .
        [] a sd:Service ; sd:endpoint <> ; sd:supportedLanguage sd:SPARQL11Query ."""
    response = httpx.Response(200, headers={"content-type": "text/turtle"}, content=description)
    assert _described_update("http://h/ds/query", response) == "http://h/ds/update"
    query_only = httpx.Response(200, headers={"content-type": "text/turtle"}, content=description.split(b"\n")[0] + description.split(b"\n")[2])
    assert _described_update("http://h/ds/query", query_only) is None
    assert _layout("http://h/ds/query", "Apache Jena Fuseki (5.1.0)") == ("Fuseki", "http://h/ds/update", "http://h/ds/data")
    assert _layout("http://h/sparql", "Virtuoso/07.20.3235 (Linux) x86_64-pc-linux-gnu") == (
        "Virtuoso", "http://h/sparql-auth", "http://h/sparql-graph-crud-auth")
    assert _layout("http://h/sparql", "nginx") is None
