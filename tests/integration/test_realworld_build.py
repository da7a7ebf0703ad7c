"""The twenty real PDF extractions through the whole chain: ``ungakg build`` validates them, ``ungakg serve``
serves them, and their pages show the annexes and headings the parser found (read in headless Chromium)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from tests.support.paths import ROOT
from tests.support.realworld import REALWORLD
from tests.support.servers import serve


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("realworld") / "published"
    ran = subprocess.run([sys.executable, "-m", "mapper.cli", "build", "--corpus", str(REALWORLD), "--out", str(out), "--jobs", "2"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stderr
    assert re.search(r"built 20 resolutions, [\d,]+ triples, 0 SHACL warnings", ran.stdout + ran.stderr), ran.stdout + ran.stderr
    return out


@pytest.fixture(scope="module")
def server(built):
    with serve(built) as url:
        yield url


def _select(url: str, query: str) -> list[dict]:
    client = SPARQLWrapper(f"{url}/sparql")
    client.setQuery("PREFIX unga: <https://w3id.org/ungakg/ontology#>\nPREFIX schema: <https://schema.org/>\n" + query)
    client.setReturnFormat(JSON)
    return client.queryAndConvert()["results"]["bindings"]


def test_the_annex_and_its_headings_are_in_the_graph(server):
    rows = _select(server, """
        SELECT (COUNT(?p) AS ?n) ?by WHERE {
          <https://w3id.org/ungakg/resolution/A-RES-80-3> unga:annex ?a .
          ?a unga:annexParagraph ?p ; unga:annexedBy ?by .
        } GROUP BY ?by""")
    assert [(int(r["n"]["value"]), r["by"]["value"]) for r in rows] == [(23, "https://w3id.org/ungakg/resolution/A-RES-80-3/para_1")]
    rows = _select(server, """
        SELECT ?heading (MIN(?n) AS ?first) WHERE {
          ?p unga:inSection ?s ; unga:number ?n . ?s unga:heading ?heading .
          <https://w3id.org/ungakg/resolution/A-RES-80-11> unga:section ?s .
        } GROUP BY ?heading ORDER BY ?first""")
    assert [(r["heading"]["value"], int(r["first"]["value"])) for r in rows] == [
        ("Peacebuilding Commission", 1), ("Peacebuilding financing", 13),
        ("Department of Political and Peacebuilding Affairs/Peacebuilding Support Office", 24),
    ]


def test_what_the_parser_removed_is_in_the_graph(server):
    rows = _select(server, """
        SELECT ?kind ?line WHERE {
          <https://w3id.org/ungakg/resolution/A-RES-80-16/eng> unga:correction ?c .
          ?c unga:correctionKind ?kind ; unga:sourceLine ?line .
        } ORDER BY ?line""")
    assert ("running-header", "36") in [(r["kind"]["value"], r["line"]["value"]) for r in rows]
    assert ("title-incomplete", "22") in [(r["kind"]["value"], r["line"]["value"]) for r in rows]


@pytest.mark.needs_chromium
def test_pages_show_annexes_and_headings(server, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 1600})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/resolution/A-RES-80-3")
    annex = page.locator("section.annex#annex_1")
    assert annex.locator("h2").inner_text() == "Annex"
    assert annex.locator("ol.annex > li.annex").count() == 23
    headings = annex.locator("li.heading").all_inner_texts()
    assert headings[0] == "I. Global context and shared commitments" and headings[-1] == "III. Conclusion and call to action"
    assert annex.locator("li.heading.level-2").all_inner_texts() == ["Partnerships and support mechanisms",
                                                                     "Governance, accountability and monitoring"]
    # the paragraph that endorses the annex leads to it, and back
    page.locator("#para_1 a.annexed").click()
    assert page.url.endswith("#annex_1")
    assert annex.locator("p.annexed-by a").get_attribute("href") == "#para_1"
    assert annex.locator(".footnotes li").count() == 16
    ids = Counter(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
    assert not [i for i, n in ids.items() if n > 1]
    page.goto(f"{server}/resolution/A-RES-80-11")
    items = page.locator("ol.operative > li").evaluate_all("els => els.map(e => e.className + ':' + (e.id || ''))")
    assert items.index("heading level-1:hcontainer_2") == items.index("operative:para_13") - 1
    assert page.locator("ol.preamble li.heading").count() == 0
    ld = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
    assert ld["legislationIdentifier"] == "A/RES/80/11"
    assert not errors
    page.close()
