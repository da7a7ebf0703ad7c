"""The guard against the grammar-aware fuzzer, in process: decoys are no SERVICE, the reported forms are found.

The fuzzer is ``tests/support/sparql_fuzz.py``; with the engine as oracle (a canary
server hears what Oxigraph calls) it runs in ``tests/integration/test_guard_oracle.py``.
"""

from __future__ import annotations

from hypothesis import assume, given, settings

from mapper.server.guard import read
from tests.support.sparql_fuzz import HOST, TARGET, decoys, valid


@settings(max_examples=200)
@given(decoys())
def test_decoys_are_not_services(query):
    assume(valid(query))
    assert read(query).services == (), query


def test_the_issue_forms_are_found():
    """The forms reported to have slipped past the old guard, each as Oxigraph reads it."""
    for query in [
        f"SELECT * WHERE {{ SERVICESILENT<{TARGET}> {{ ?s ?p ?o }} }}",
        f"PREFIX c: <{HOST}> SELECT * WHERE {{ SERVICEc:sparql {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://e/> SELECT * WHERE {{ BIND(ex:p\\# AS ?x) SERVICE <{TARGET}> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://e/> SELECT * WHERE {{ BIND(ex:a\\' AS ?o) SERVICE <{TARGET}> {{ ?s ?p ?q }} FILTER(?o != \"'\") }} # \"",
        f"SELECT * WHERE {{ BIND(\"\\u0022\" AS ?x) SERVICE <{TARGET}> {{ ?s ?p ?o }} BIND(\"\"\"x\"\"\" AS ?y) }}",
        f"PREFIX : <{HOST}> SELECT * WHERE {{ service:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p trueSERVICE <{TARGET}> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p 1SERVICE <{TARGET}> {{ ?a ?b ?c }} }}",
        f"PREFIXc:<{HOST}> SELECT * WHERE {{ SERVICE c:sparql {{ ?a ?b ?c }} }}",
        f"BASE<{HOST}> SELECT * WHERE {{ SERVICE <sparql> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<?p#>'''\n) SERVICE <{TARGET}> {{ ?a ?b ?c }} BIND('''x''' AS ?y) }}",
        f"SELECT * WHERE {{ ?s a (?x <http://x/'''#>) SERVICE <{TARGET}> {{ ?a ?b ?c }} }}",
        # found by attack after the first rewrite: Oxigraph's local names hold one run of dots only
        f"PREFIX ex: <http://e/> SELECT * WHERE {{ ?s a ex:a.b.SERVICE<{TARGET}>{{ }} }}",
        f"PREFIX w: <http://www.> SELECT ?s WHERE {{ ?s a w:w3.org\\/2004\\/02\\/skos\\/core\\#Concept.SERVICE <{TARGET}>{{ }} }} LIMIT 1",
    ]:
        assert valid(query), query
        assert TARGET in read(query).services, query
