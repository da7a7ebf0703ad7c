"""Finding things without SPARQL, against a real ``ungakg serve``: search (page, JSON, SPARQL function) and browsing.

The server is a process on a loopback port; pages are read by headless Chromium
(Playwright), JSON by httpx, SPARQL by SPARQLWrapper.
"""

from __future__ import annotations

import httpx
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from mapper.server.pages import SEARCH_EXAMPLE
from tests.integration.test_clients import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, _page
from tests.support.servers import copy_published, serve

BASE = "https://w3id.org/ungakg/"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    published = copy_published(tmp_path_factory.mktemp("find") / "published")
    with serve(published) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


# -- search ------------------------------------------------------------------------


def test_search_answers_programs_in_json(server):
    r = httpx.get(f"{server}/search", params={"q": '"Internet Governance Forum"', "limit": 3}, headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    data = r.json()
    assert data["total"] > 3 and len(data["hits"]) == 3
    hit = data["hits"][0]
    assert set(hit) >= {"iri", "resolution", "symbol", "eId", "snippet", "score"}
    assert hit["iri"] == hit["resolution"] + "/" + hit["eId"]  # the paragraph's own IRI
    assert "<mark>Internet Governance Forum</mark>" in hit["snippet"]
    assert {"session", "year", "committee", "part", "verb", "body", "topic"} <= set(data["facets"])
    assert sum(f["count"] for f in data["facets"]["part"]) == data["total"]
    # the hit's IRI answers as a resource of this server
    assert httpx.get(server + "/" + hit["iri"].removeprefix(BASE), headers={"Accept": "text/turtle"}).status_code == 200
    narrowed = httpx.get(f"{server}/search", params={"q": '"Internet Governance Forum"', "part": "operative", "session": "78"},
                         headers={"Accept": "application/json"}).json()
    assert 0 < narrowed["total"] < data["total"] and all(h["symbol"] == "A/RES/78/132" for h in narrowed["hits"])


@pytest.mark.parametrize(("params", "status"), [({"q": "-only"}, 400), ({}, 400), ({"q": "x", "limit": "many"}, 400),
                                                 ({"q": "x" * 600}, 400)])
def test_a_bad_search_gets_a_reason(server, params, status):
    r = httpx.get(f"{server}/search", params=params, headers={"Accept": "application/json"})
    assert r.status_code == status and r.text.strip() and "Traceback" not in r.text


def test_the_search_function_in_sparql(server):
    w = SPARQLWrapper(f"{server}/sparql")
    w.setQuery(SEARCH_EXAMPLE)
    w.setReturnFormat(JSON)
    rows = w.query().convert()["results"]["bindings"]
    assert rows, "operative paragraphs that request the Secretary-General and name the IGF"
    assert all("Internet Governance Forum" in r["text"]["value"] for r in rows)
    scores = [float(r["score"]["value"]) for r in rows]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.needs_chromium
def test_a_person_searches_narrows_and_pages_in_chromium(server, browser):
    page, errors, outside = _page(browser)
    page.goto(f"{server}/")
    page.fill("header.site form.search input", "digital divide")  # every page has the box
    page.keyboard.press("Enter")
    page.wait_for_selector("li.hit")
    assert page.url.startswith(f"{server}/search?q=digital+divide")
    assert page.locator("li.hit").count() == 20
    assert page.locator("li.hit mark").count() >= 20
    total = int(page.inner_text("p.total").split()[0].replace(",", ""))
    page.screenshot(path=str(ARTIFACTS / "search-digital-divide.png"), full_page=True)
    # narrow by a facet, then remove the filter
    page.locator('section.facet[data-facet="part"] a', has_text="operative").click()
    page.wait_for_selector("p.filters")
    narrowed = int(page.inner_text("p.total").split()[0].replace(",", ""))
    assert 0 < narrowed < total
    page.locator("p.filters a").first.click()
    page.wait_for_selector("li.hit")
    assert int(page.inner_text("p.total").split()[0].replace(",", "")) == total
    # the next page, and a hit opens its paragraph on its resolution's page
    page.click("a[rel=next]")
    page.wait_for_selector("li.hit")
    assert page.locator("ol.hits").get_attribute("start") == "21"
    href = page.locator("li.hit a.where").first.get_attribute("href")
    page.locator("li.hit a.where").first.click()
    page.wait_for_load_state()
    eid = href.split("#", 1)[1]
    assert page.locator(f'[id="{eid}"]').count() == 1
    assert not errors, errors
    assert not outside, outside
