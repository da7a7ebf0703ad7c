"""The server's pure parts, without a server: the protocol reader, content negotiation, the query guard, the RDF it writes."""

from __future__ import annotations

import pytest

from mapper.errors import NotAcceptable, Refused
from mapper.rdf.formats import GRAPHS, RESULTS
from mapper.server.guard import check, read
from mapper.server.negotiate import choose
from mapper.server.protocol import QueryRequest, read_request

# -- protocol -----------------------------------------------------------------------


def test_get_post_form_and_post_direct_read_the_same_query():
    q = "SELECT * { ?s ?p ?o }"
    expected = QueryRequest(q, ("http://g/1", "http://g/2"), ("http://n/1",))
    dataset = b"default-graph-uri=http%3A%2F%2Fg%2F1&default-graph-uri=http%3A%2F%2Fg%2F2&named-graph-uri=http%3A%2F%2Fn%2F1"
    assert read_request("GET", b"query=SELECT+*+%7B+%3Fs+%3Fp+%3Fo+%7D&" + dataset, None, b"") == expected
    assert read_request("POST", b"", "application/x-www-form-urlencoded", b"query=SELECT+*+%7B+%3Fs+%3Fp+%3Fo+%7D&" + dataset) == expected
    assert read_request("POST", dataset, "application/sparql-query; charset=UTF-8", q.encode()) == expected


def test_a_plain_get_has_no_query():
    assert read_request("GET", b"", None, b"") is None


@pytest.mark.parametrize("method, qs, content_type, body, status", [
    ("GET", b"query=ASK+%7B%7D&query=ASK+%7B%7D", None, b"", 400),
    ("GET", b"update=CLEAR+ALL", None, b"", 403),
    ("POST", b"", "application/sparql-update", b"CLEAR ALL", 403),
    ("POST", b"", "application/x-www-form-urlencoded", b"update=CLEAR+ALL&update=CLEAR+ALL", 403),
    ("POST", b"", "text/plain", b"ASK {}", 415),
    ("POST", b"", None, b"ASK {}", 415),
    ("POST", b"", "application/sparql-query; charset=UTF-16", "ASK {}".encode("utf-16"), 415),
    ("POST", b"", "application/sparql-query", b"ASK { \xff }", 400),
    ("POST", b"", "application/x-www-form-urlencoded", b"query=%FF", 400),
    ("POST", b"", "application/x-www-form-urlencoded", b"nothing=here", 400),
    ("POST", b"query=ASK+%7B%7D", "application/sparql-query", b"ASK {}", 400),
    ("PUT", b"query=ASK+%7B%7D", None, b"", 405),
    ("GET", b"query=+++", None, b"", 400),
])
def test_protocol_errors(method, qs, content_type, body, status):
    with pytest.raises(Refused) as e:
        read_request(method, qs, content_type, body)
    assert e.value.status == status and e.value.message


# -- negotiation --------------------------------------------------------------------


@pytest.mark.parametrize("offered, accept, fmt, expected", [
    (RESULTS, None, (), "application/sparql-results+json"),
    (RESULTS, "*/*", (), "application/sparql-results+json"),
    (RESULTS, "application/sparql-results+xml, application/sparql-results+json;q=0.5", (), "application/sparql-results+xml"),
    (RESULTS, "text/*", (), "text/csv"),
    (RESULTS, "text/tab-separated-values;q=1, text/csv;q=0.9", (), "text/tab-separated-values"),
    (RESULTS, "application/json", (), "application/sparql-results+json"),
    (GRAPHS, "application/json", (), "application/ld+json"),
    (GRAPHS, "application/xml", (), "application/rdf+xml"),
    (GRAPHS, "text/html;q=0.9, text/turtle", (), "text/turtle"),
    (GRAPHS, "text/turtle;q=0.1, application/n-triples;q=0.2", (), "application/n-triples"),
    (RESULTS, "application/sparql-results+xml", ("csv",), "text/csv"),
    (RESULTS, None, ("json", "json"), "application/sparql-results+json"),
    (GRAPHS, None, ("text/turtle",), "text/turtle"),
    (("text/html",) + GRAPHS, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", (), "text/html"),
])
def test_choose(offered, accept, fmt, expected):
    assert choose(offered, accept, fmt) == expected


@pytest.mark.parametrize("accept, fmt", [("image/png", ()), ("text/turtle", ()), ("application/sparql-results+json;q=0", ()), (None, ("png",))])
def test_not_acceptable(accept, fmt):
    with pytest.raises(NotAcceptable):
        choose(RESULTS, accept, fmt)


# -- the guard ----------------------------------------------------------------------


@pytest.mark.parametrize("text, form, update", [
    ("SELECT * { ?s ?p ?o }", "SELECT", None),
    ("PREFIX s: <http://x/> ASK { ?s s:select ?o }", "ASK", None),
    ("# SELECT in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", None),
    ("DESCRIBE <http://x/>", "DESCRIBE", None),
    ("BASE <http://x/> INSERT DATA { <a> <b> <c> }", None, "INSERT"),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", None, "WITH"),
    ("LOAD <file:///etc/passwd>", None, "LOAD"),
    ("SELECT * { ?s ?p 'INSERT' }", "SELECT", None),
])
def test_form_and_update(text, form, update):
    r = read(text)
    assert (r.form, r.update) == (form, update)


@pytest.mark.parametrize("text, targets", [
    ("SELECT * { SERVICE <http://a/sparql> { ?s ?p ?o } }", ("http://a/sparql",)),
    ("PREFIX e: <http://a/> SELECT * { SERVICE SILENT e:sparql { ?s ?p ?o } }", ("http://a/sparql",)),
    ("BASE <http://a/b/> SELECT * { SERVICE <../sparql> { ?s ?p ?o } }", ("http://a/sparql",)),
    ("SELECT * { ?s ?p 'SERVICE <http://a/>' }", ()),
    ("SELECT * { ?s <http://x/SERVICE> ?o }", ()),
    ("PREFIX SERVICE: <http://x/> SELECT * { ?s SERVICE:p ?o }", ()),
    ("SELECT * { ?s ?p '''a'' SERVICE''' }", ()),
    ("SELECT * { ?s ?p '''a'''' . SERVICE <http://a/sparql> { } }", ("http://a/sparql",)),
])
def test_service_targets(text, targets):
    assert read(text).services == targets


def test_codepoint_escapes_outside_strings_and_iris_are_refused():
    # Oxigraph reads \u only in strings and IRIs (a syntax error elsewhere); the guard refuses it, never decodes it
    with pytest.raises(Refused) as e:
        read("SELECT * { SERVI\\u0043E <http://a/sparql> { ?s ?p ?o } }")
    assert e.value.status == 400


def test_check_refuses_what_is_not_allowed():
    allowed = frozenset({"http://a/sparql"})
    check("SELECT * { SERVICE <http://a/sparql> { ?s ?p ?o } }", allowed)
    for text in ("SELECT * { SERVICE <http://b/sparql> { ?s ?p ?o } }", "SELECT * { SERVICE ?x { ?s ?p ?o } }",
                 "INSERT DATA { <a:a> <a:a> <a:a> }"):
        with pytest.raises(Refused) as e:
            check(text, allowed)
        assert e.value.status == 403
    with pytest.raises(Refused) as e:
        check("SELECT * { SERVICE u:x { } }", allowed)
    assert e.value.status == 400 and "u:" in e.value.message


# -- RDF answers -----------------------------------------------------------------------


def test_json_ld_answers_are_compacted():
    """CONSTRUCT answers (written in the query workers) and resources and graphs (written by the app) are JSON-LD
    compacted with the prefixes, and expand to exactly the triples they answer with."""
    import json

    import pyoxigraph as ox

    from mapper.rdf.jsonld import CONTEXT
    from mapper.server.app import _serialize
    from mapper.server.pool import Job, execute
    from tests.support.paths import GOLDEN

    store = ox.Store()
    store.load(path=str(GOLDEN / "rdf" / "A-RES-57-295.ttl"), format=ox.RdfFormat.TURTLE)
    triples = [q.triple for q in store]  # as the store keeps them (xsd:nonNegativeInteger as xsd:integer: README)
    out = execute(store, Job("CONSTRUCT WHERE { ?s ?p ?o }", "application/ld+json"))
    assert json.loads(out.body)["@context"] == CONTEXT and out.rows == len(triples)
    assert set(ox.parse(out.body, format=ox.RdfFormat.JSON_LD)) == {ox.Quad(t.subject, t.predicate, t.object) for t in triples}
    graph = ox.NamedNode("https://w3id.org/ungakg/graph/resolution/A-RES-57-295")
    body = _serialize(triples, "application/ld+json", graph.value)
    doc = json.loads(body)
    assert doc["@context"] == CONTEXT and doc["@id"] == graph.value
    assert set(ox.parse(body, format=ox.RdfFormat.JSON_LD)) == {ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples}
