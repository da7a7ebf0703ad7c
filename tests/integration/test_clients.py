"""Outside clients against a real ``ungakg serve``: Comunica (Node) and headless Chromium.

``.ci/run`` installs both: Comunica 4 with npm into tests/support/clients/node_modules,
Chromium from Debian (driven by Playwright, which uses it rather than a browser
of its own). Screenshots of the pages are kept in test-artifacts/. The query page's own tests,
YASGUI's, are in test_query_page.py (they share the browser fixture).
"""

from __future__ import annotations

import gzip
import json
import subprocess

import pyoxigraph as ox
import pytest

from tests.integration.conftest import ARTIFACTS
from tests.support.paths import CLIENTS, ROOT
from tests.support.servers import copy_published, serve

COMUNICA = CLIENTS / "node_modules" / ".bin" / "comunica-sparql"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    published = copy_published(tmp_path_factory.mktemp("clients") / "published")
    with serve(published) as url:
        yield url


def _bag(bindings: list[dict]) -> list[str]:
    """Rows as sorted JSON strings, GROUP_CONCAT words sorted: the same answers, order aside."""
    rows = []
    for b in bindings:
        row = {}
        for var, term in b.items():
            term = dict(term)
            if term["type"] == "literal" and "datatype" not in term and "xml:lang" not in term:
                term["value"] = " ".join(sorted(term["value"].split(" ")))
            row[var] = {k: term[k] for k in sorted(term)}
        rows.append(json.dumps(row, sort_keys=True))
    return sorted(rows)


@pytest.mark.needs_node
@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_comunica_gets_the_same_answers(server, path):
    assert COMUNICA.exists(), "Comunica is not installed: run `npm ci --prefix tests/support/clients` (.ci/run does)"
    run = subprocess.run([str(COMUNICA), f"sparql@{server}/sparql", "-f", str(path), "-t", "application/sparql-results+json"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)["results"]["bindings"]
    store = ox.Store()
    store.load(gzip.decompress((ROOT / "published" / "ungakg.nt.gz").read_bytes()), format=ox.RdfFormat.N_TRIPLES)
    expected = json.loads(store.query(path.read_text()).serialize(format=ox.QueryResultsFormat.JSON))["results"]["bindings"]
    assert got and _bag(got) == _bag(expected)


def _page(browser):
    page = browser.new_page(viewport={"width": 1200, "height": 1600})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
    return page, errors, outside


@pytest.mark.needs_chromium
def test_a_resolution_page_in_chromium(server, browser):
    page, errors, outside = _page(browser)
    page.goto(f"{server}/resolution/A-RES-64-187")
    assert page.title().startswith("A/RES/64/187")
    assert page.locator("ol.operative > li").count() >= 10
    assert page.locator("ol.preamble > li").count() >= 10
    assert page.locator(".footnotes li").count() >= 8
    link = page.locator('a.fact[href="/resolution/A-RES-60-252"]').first
    assert link.is_visible()
    ld = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
    assert ld["@type"] == "Legislation"
    page.screenshot(path=str(ARTIFACTS / "resolution-A-RES-64-187.png"), full_page=True)
    # a footnote call leads to its footnote
    page.locator("sup.fn a").first.click()
    assert page.url.endswith("#footnote_1")
    # following a link in the text opens the cited resolution's description
    page.goto(f"{server}/body/itu")
    assert "Named in" in page.content()
    page.screenshot(path=str(ARTIFACTS / "body-itu.png"), full_page=True)
    assert not errors, errors
    assert not outside, f"the page loaded assets from elsewhere: {outside}"
