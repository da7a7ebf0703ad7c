"""Outside clients against a real ``ungakg serve``: Comunica (Node) and headless Chromium.

``.ci/run`` installs both: Comunica 4 with npm into tests/support/clients/node_modules,
Chromium from Debian (driven by Playwright, which uses it rather than a browser
of its own). Screenshots of the pages are kept in test-artifacts/.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.support.paths import CLIENTS, ROOT
from tests.support.servers import copy_published, serve

COMUNICA = CLIENTS / "node_modules" / ".bin" / "comunica-sparql"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


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


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is not installed: apt-get install chromium (.ci/run does)"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


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
    assert "Referenced by" in page.content()
    page.screenshot(path=str(ARTIFACTS / "body-itu.png"), full_page=True)
    assert not errors, errors
    assert not outside, f"the page loaded assets from elsewhere: {outside}"


@pytest.mark.needs_chromium
def test_the_query_page_runs_an_example(server, browser):
    page, errors, outside = _page(browser)
    page.goto(f"{server}/query")
    page.select_option("#example", "igf-meetings.rq")
    assert "igf" in page.input_value("#query").lower()
    page.click("#run")
    page.wait_for_selector("table.results tbody tr", timeout=15_000)
    rows = page.locator("table.results tbody tr")
    assert rows.count() == 20
    first = rows.first.locator("td")
    assert first.nth(0).inner_text() == "1"
    assert "Athens" in rows.first.inner_text()
    assert first.nth(1).locator("a").get_attribute("href") == "/event/igf-1"  # IRIs link to their pages here
    assert "20 rows" in page.inner_text("#status")
    page.screenshot(path=str(ARTIFACTS / "query-igf-meetings.png"), full_page=True)
    # a broken query shows the endpoint's message
    page.fill("#query", "SELECT * WHERE { ?s ?p }")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("pre.error", timeout=15_000)
    assert "syntax error" in page.inner_text("pre.error")
    assert "Error 400" in page.inner_text("#status")
    assert not outside, outside
    assert not [e for e in errors if "400" not in e], errors  # the failed fetch is the only console error


@pytest.mark.needs_chromium
def test_a_javascript_iri_in_a_result_is_no_link(server, browser):
    """An IRI may be anything; on the query page only http(s) IRIs become links, and the policy forbids inline script."""
    page, errors, outside = _page(browser)
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    page.goto(f"{server}/query")
    page.fill("#query", 'SELECT ?x ?y WHERE { BIND(IRI("javascript:alert(document.domain)") AS ?x) '
                        'BIND(IRI("https://undocs.org/A/RES/64/187") AS ?y) }')
    page.click("#run")
    page.wait_for_selector("table.results tbody tr", timeout=15_000)
    cells = page.locator("table.results tbody tr").first.locator("td")
    assert cells.nth(0).locator("a").count() == 0 and "javascript:" in cells.nth(0).inner_text()
    assert cells.nth(1).locator("a").get_attribute("href") == "https://undocs.org/A/RES/64/187"
    assert page.locator('a[href^="javascript:"]').count() == 0
    cells.nth(0).click()
    assert not fired, "a script ran from a result"
    assert not errors, errors
    assert not outside, outside
