"""Finding things without SPARQL, against a real ``ungakg serve``: search (page, JSON, SPARQL function) and browsing.

The server is a process on a loopback port; pages are read by headless Chromium
(Playwright), JSON by httpx, SPARQL by SPARQLWrapper.
"""

from __future__ import annotations

import httpx
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from mapper.server.pages import SEARCH_EXAMPLE
from tests.integration.conftest import ARTIFACTS
from tests.integration.test_clients import _page
from tests.support.servers import copy_published, serve

BASE = "https://w3id.org/ungakg/"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    published = copy_published(tmp_path_factory.mktemp("find") / "published")
    with serve(published) as url:
        yield url


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


# -- browsing ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["resolution", "body", "event", "session", "place", "topic"])
def test_every_index_page_lists_and_links(server, kind):
    r = httpx.get(f"{server}/{kind}/", headers={"Accept": "text/html"})
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    links = re_links(r.text, f"/{kind}/")
    assert links, f"/{kind}/ links to no {kind}"
    for href in links[:3]:
        assert httpx.get(server + href, headers={"Accept": "text/html"}).status_code == 200


def re_links(html: str, prefix: str) -> list[str]:
    import re

    return [h for h in re.findall(r'href="([^"?#]+)"', html) if h.startswith(prefix) and h != prefix]


def test_the_topic_scheme_s_iri_still_answers_programs(server):
    r = httpx.get(f"{server}/topic/", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle") and "ConceptScheme" in r.text


@pytest.mark.needs_chromium
def test_browsing_from_the_home_page_in_chromium(server, browser):
    page, errors, outside = _page(browser)
    page.goto(f"{server}/")
    page.click("text=resolutions")
    assert page.url == f"{server}/resolution/"
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 5
    dates = [rows.nth(i).locator("td").nth(2).inner_text() for i in range(5)]
    assert dates == sorted(dates, reverse=True)  # newest first
    page.click("text=symbol")
    assert [rows.nth(i).locator("td").first.inner_text() for i in range(5)] == [
        "A/RES/57/295", "A/RES/60/252", "A/RES/64/187", "A/RES/67/195", "A/RES/78/132"]
    page.locator("table.list a", has_text="Without reference to a Main Committee").first.click()
    assert page.locator("table.list tbody tr").count() == 2  # 57/295 and 60/252
    # events: the IGF's meetings in the series' order, not alphabetically
    page.goto(f"{server}/event/")
    igf = page.locator("section.series", has_text="meetings of the Internet Governance Forum")
    names = igf.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert names[:3] == ["first meeting of the Internet Governance Forum", "second meeting of the Internet Governance Forum",
                         "third meeting of the Internet Governance Forum"]
    assert names.index("tenth meeting of the Internet Governance Forum") == 9
    page.screenshot(path=str(ARTIFACTS / "events.png"), full_page=True)
    # bodies by the number of resolutions naming them
    page.goto(f"{server}/body/?sort=count")
    counts = [int(c) for c in page.locator("table.list tbody tr td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 4
    assert not errors, errors
    assert not outside, outside


@pytest.mark.needs_chromium
def test_a_resolution_page_shows_contents_cited_by_and_changes_in_chromium(server, browser):
    page, errors, outside = _page(browser)
    page.goto(f"{server}/resolution/A-RES-60-252")
    cited_by = page.locator("section.cited-by li").all_inner_texts()
    for symbol in ("A/RES/64/187", "A/RES/67/195", "A/RES/78/132"):
        assert any(line.startswith(symbol) for line in cited_by), (symbol, cited_by)
    facts = page.inner_text("dl.facts")
    assert "adopted without reference to a Main Committee" in facts
    assert "Draft\nA/60/L.50" in facts and "Report" not in facts
    # footnote calls where they stand, one link for each event a span names, no id twice
    p5 = page.locator("#para_5")
    assert p5.locator(".names a").count() == 2
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    # the whole graph, not only the top node
    turtle = page.locator("dd.data a", has_text="Turtle").get_attribute("href")
    body = httpx.get(server + turtle).text
    assert "A-RES-60-252/para_5" in body and "schema:text" in body

    page.goto(f"{server}/resolution/A-RES-78-132")
    toc = page.locator("nav.toc a")
    assert toc.count() >= 5
    page.locator("nav.toc a", has_text="What changed since A/RES/67/195").click()
    assert page.url.endswith("#changes") and page.locator("#changes").is_visible()
    assert page.locator("section.cited-by li", has_text="A/RES/79/").count() == 0  # nothing cites it here but later ones
    revised = page.locator("details.lineage.revised").first
    revised.locator("summary").click()
    assert revised.locator("p.diff del, p.diff ins").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "resolution-A-RES-78-132-changes.png"), full_page=False)
    page.goto(f"{server}/resolution/A-RES-64-187")
    # each footnote call stands where the text has it, also inside a linked name: "... 2003,²  as endorsed ..."
    before = page.evaluate("""() => { const t = document.querySelector('#preamble_3 > .text'); const s = t.querySelector('sup.fn');
        const r = document.createRange(); r.setStart(t, 0); r.setEndBefore(s); return r.toString(); }""")
    assert before.endswith("10 to 12 December 2003,"), before[-60:]
    assert page.locator("#preamble_3 sup.fn").all_inner_texts() == ["2", "3", "4", "5"]
    assert not errors, errors
    assert not outside, outside


@pytest.mark.needs_chromium
def test_body_and_ontology_pages_read_for_people_in_chromium(server, browser):
    page, errors, outside = _page(browser)
    page.goto(f"{server}/body/itu")
    named = page.locator("section.named-in")
    assert named.count() >= 3
    first = named.first.locator("li a").all_inner_texts()
    numbers = [int(t.rsplit(" ", 1)[-1]) for t in first if t.startswith("preambular paragraph")]
    assert numbers == sorted(numbers)  # numeric order: 6 before 44
    assert named.first.locator("mark").count() >= 1
    html = page.content()
    assert "is unga:" not in html and "true</span><span class=\"datatype\">boolean" not in html
    page.goto(f"{server}/ontology")
    assert page.locator("header.site nav a", has_text="Resolutions").is_visible()  # the site's frame
    assert page.locator("text=legal resource").count() >= 1
    assert not errors, errors
    assert not outside, outside


# -- standard terms, asked by a SPARQL client ------------------------------------------------


@pytest.mark.parametrize(("question", "at_least"), [
    ("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a eli:LegalResource , schema:Legislation ; dcterms:title ?t }", 5),
    ("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?r a eli:LegalResource ; eli:has_part ?p . ?p eli:is_part_of ?r }", 200),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?p cito:cites ?x ; eli:cites ?x }", 100),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?p prov:wasRevisionOf ?q . ?q eli:is_part_of/dcterms:title ?t }", 38),  # 24 + 14 revised
])
def test_questions_in_the_standard_vocabularies_get_answers(server, question, at_least):
    w = SPARQLWrapper(f"{server}/sparql")
    w.setQuery("""PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX schema: <https://schema.org/>
        PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX cito: <http://purl.org/spar/cito/> PREFIX prov: <http://www.w3.org/ns/prov#>
        """ + question)
    w.setReturnFormat(JSON)
    n = int(w.query().convert()["results"]["bindings"][0]["n"]["value"])
    assert n >= at_least, (question, n)
