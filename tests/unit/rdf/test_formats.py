"""One table of formats: negotiation, resource documents and published files agree with it."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from mapper.rdf.formats import ALIASES, BY_MEDIA_TYPE, DOCUMENTS, FORMAT_NAMES, FORMATS, GRAPHS, RESULTS, media_type
from mapper.server.negotiate import choose


def test_every_graph_format_is_one_pyoxigraph_writes_and_every_result_format_one_the_server_writes():
    from mapper.server.results import WRITERS

    for media in GRAPHS:
        assert ox.RdfFormat.from_media_type(media) is not None, media
    assert set(RESULTS) == set(WRITERS)


def test_media_types_labels_names_and_suffixes_are_unique_where_they_must_be():
    assert len({f.media_type for f in FORMATS}) == len(FORMATS)
    assert len({f.label for f in FORMATS}) == len(FORMATS)
    suffixes = [s for f in FORMATS for s in f.files] + [f.document for f in FORMATS if f.document]
    assert len(set(suffixes)) == len(suffixes) - sum(1 for f in FORMATS if f.document in f.files)


@pytest.mark.parametrize(("name", "expected"), [
    ("ungakg.ttl", "text/turtle"), ("ungakg.nt.gz", "application/n-triples"), ("ungakg.nq.gz", "application/n-quads"),
    ("ungakg.trig", "application/trig"), ("ungakg.jsonld", "application/ld+json"), ("ontology/ungakg.owl", "application/rdf+xml"),
    ("ontology/index.html", "text/html"), ("SHA256SUMS", "text/plain"),
])
def test_the_media_type_of_each_published_file(name, expected):
    assert media_type(name) == expected


def test_names_and_aliases_mean_what_the_table_says():
    assert FORMAT_NAMES["json"] == ("application/sparql-results+json", "application/ld+json")  # results first, then graphs
    assert ALIASES["text/plain"] == ("application/n-triples",)
    assert choose(GRAPHS, "application/json", None) == "application/ld+json"
    assert choose(RESULTS, None, "json") == "application/sparql-results+json"
    assert DOCUMENTS == {".html": "text/html", ".ttl": "text/turtle", ".jsonld": "application/ld+json",
                         ".nt": "application/n-triples", ".rdf": "application/rdf+xml"}
    assert BY_MEDIA_TYPE["text/turtle"].label == "Turtle"
