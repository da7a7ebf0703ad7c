"""The published dumps in other stores: bulk loaded, queried, and federated with our endpoint.

Three real servers on loopback, each its own process: ``ungakg serve``, the
Oxigraph server and Virtuoso. Each store gets the dumps through its own bulk
loader; every query of ``queries/`` goes to all three through ``ungakg query``
(SPARQLWrapper) and must get the same answers, order aside; and each store
runs a federated query whose SERVICE clause is our endpoint.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal

import httpx
import pytest

from mapper.publish.readback import read_graphs
from tests.support.paths import ROOT
from tests.support.servers import free_port, serve
from tests.support.stores import graph_counts as counts
from tests.support.stores import oxigraph, oxigraph_load, virtuoso, virtuoso_load

PUBLISHED = ROOT / "published"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {f"{XSD}{t}" for t in ("integer", "positiveInteger", "nonNegativeInteger", "negativeInteger", "nonPositiveInteger",
                                 "int", "long", "short", "byte", "unsignedInt", "unsignedLong", "decimal", "double", "float")}


@pytest.fixture(scope="module")
def ours():
    with serve(PUBLISHED) as url:
        yield f"{url}/sparql"


@pytest.fixture(scope="module")
def oxi(tmp_path_factory):
    location = tmp_path_factory.mktemp("oxigraph") / "db"
    oxigraph_load(location, PUBLISHED / "ungakg.nq.gz")
    with oxigraph(location) as store:
        yield store


@pytest.fixture(scope="module")
def virt(tmp_path_factory):
    with virtuoso(tmp_path_factory.mktemp("virtuoso"), allowed=(PUBLISHED,)) as store:
        virtuoso_load(store, PUBLISHED, "ungakg.nq.gz")
        yield store


def query(endpoint: str, file, fmt: str = "json") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mapper.cli", "query", "--endpoint", endpoint, "--format", fmt, str(file)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def term(value: dict | None, separator: str | None = None):
    """A term as the answers are compared, by value where SPARQL leaves the form open.

    Numbers by value (Oxigraph stores xsd:positiveInteger as xsd:integer), booleans
    by value (Virtuoso writes true as "1"), language tags in lower case, xsd:string as
    a plain literal. For a GROUP_CONCAT (``separator`` given): its parts in any order
    (SPARQL does not order them), and "" the same as no value (GROUP_CONCAT over an
    empty group is "" by the standard, which Virtuoso follows; Oxigraph leaves it unbound).
    """
    if value is None:
        return None if separator is None else ("concat", ())
    kind = value["type"]
    if kind == "uri":
        return ("uri", value["value"])
    if kind == "bnode":
        return ("bnode",)
    datatype = value.get("datatype")
    if separator is not None:
        return ("concat", tuple(sorted(value["value"].split(separator))) if value["value"] else ())
    if datatype in NUMERIC:
        return ("number", Decimal(value["value"]))
    if datatype == f"{XSD}boolean":
        return ("boolean", value["value"] in ("true", "1"))
    if "xml:lang" in value:
        return ("literal", value["value"], "@" + value["xml:lang"].lower())
    return ("literal", value["value"], None if datatype in (None, f"{XSD}string") else datatype)


def concatenated(text: str) -> dict[str, str]:
    """The variables a query binds with GROUP_CONCAT, and their separators."""
    pattern = r'GROUP_CONCAT\s*\([^;)]*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)'
    return {name: separator for separator, name in re.findall(pattern, text, re.IGNORECASE)}


def answers(result: subprocess.CompletedProcess, separators: dict[str, str] | None = None) -> Counter:
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)
    if "boolean" in results:
        return Counter([results["boolean"]])
    names = results["head"]["vars"]
    separators = separators or {}
    return Counter(tuple(term(row.get(v), separators.get(v)) for v in names) for row in results["results"]["bindings"])


@pytest.mark.needs_oxigraph_server
@pytest.mark.needs_virtuoso
def test_each_store_bulk_loads_every_graph_with_its_published_count(ours, oxi, virt):
    published = {g.iri: g.triples for g in read_graphs(PUBLISHED)}
    assert counts(oxi.query) == published
    assert counts(virt.query) == published
    assert counts(ours) == published


@pytest.mark.needs_oxigraph_server
@pytest.mark.needs_virtuoso
@pytest.mark.parametrize("file", QUERIES, ids=[q.stem for q in QUERIES])
def test_every_example_query_gets_the_same_answers_from_each_store(ours, oxi, virt, file):
    separators = concatenated(file.read_text(encoding="utf-8"))
    expected = answers(query(ours, file), separators)
    assert sum(expected.values()) > 0
    assert answers(query(oxi.query, file), separators) == expected, "Oxigraph"
    assert answers(query(virt.query, file), separators) == expected, "Virtuoso"


def test_ungakg_query_prints_a_table_and_names_a_bad_query(ours):
    table = query(ours, ROOT / "queries" / "igf-meetings.rq", "table")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["ordinal", "meeting", "year"] and lines[-1].endswith("rows)")
    assert "Athens" in table.stdout
    csv = query(ours, ROOT / "queries" / "igf-meetings.rq", "csv")
    assert csv.stdout.startswith("ordinal,meeting,year")
    bad = subprocess.run([sys.executable, "-m", "mapper.cli", "query", "--endpoint", ours, "-"], input="SELECT ?x WHERE { ?x ",
                         cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert bad.returncode == 1 and bad.stderr.startswith("error: -: ") and "badly formed: " in bad.stderr
    assert "b'" not in bad.stderr and 'b"' not in bad.stderr  # the endpoint's words as text, not a Python bytes value
    assert "Warning" not in bad.stderr
    gone = query("http://127.0.0.1:9/sparql", ROOT / "queries" / "igf-meetings.rq")
    assert gone.returncode == 1 and "cannot reach it" in gone.stderr


FEDERATED = """\
PREFIX unga: <https://w3id.org/ungakg/ontology#>
SELECT ?symbol ?label WHERE {
  GRAPH <urn:test:watchlist> { ?r <http://example.org/watched> "yes" }
  SERVICE <%s> { ?r unga:symbol ?symbol ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }
}"""
WATCH = 'INSERT DATA { GRAPH <urn:test:watchlist> { <https://w3id.org/ungakg/resolution/A-RES-57-295> <http://example.org/watched> "yes" } }'
EXPECTED = Counter({("A/RES/57/295", "A/RES/57/295: Information and communication technologies for development"): 1})


def federated_answer(store_query: str, ours: str) -> Counter:
    """A join of the store's own watch list with what our endpoint knows of each resolution on it."""
    response = httpx.post(store_query, data={"query": FEDERATED % ours}, headers={"Accept": "application/sparql-results+json"}, timeout=120)
    assert response.status_code == 200, response.text[:500]
    return Counter((row["symbol"]["value"], row["label"]["value"]) for row in response.json()["results"]["bindings"])


@pytest.mark.needs_oxigraph_server
def test_a_federated_query_from_oxigraph_joins_its_data_with_our_endpoint(ours, oxi):
    httpx.post(oxi.update, data={"update": WATCH}).raise_for_status()
    assert federated_answer(oxi.query, ours) == EXPECTED
    # the store does not answer the SERVICE part from its own copy: an endpoint that is down gives nothing
    # (Oxigraph streams: the failure comes after the 200, in the body)
    down = httpx.post(oxi.query, data={"query": FEDERATED % f"http://127.0.0.1:{free_port()}/sparql"}, timeout=60)
    assert "A/RES/57/295" not in down.text


@pytest.mark.needs_virtuoso
def test_a_federated_query_from_virtuoso_joins_its_data_with_our_endpoint(ours, virt):
    # Virtuoso lets SPARQL users call out only with these grants (README: "Working with other stores")
    virt.isql('GRANT SPARQL_LOAD_SERVICE_DATA TO "SPARQL"', 'GRANT SPARQL_SPONGE TO "SPARQL"', f"SPARQL {WATCH}")
    assert federated_answer(virt.query, ours) == EXPECTED
