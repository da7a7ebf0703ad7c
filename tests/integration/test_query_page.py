"""The query page in headless Chromium against a real ``ungakg serve``: YASGUI, served by the server itself.

Every test is a browser session of its own (a fresh context: nothing kept in localStorage), and
each one ends by checking what the whole session did: every request the page made went to the
test server's origin, the page reported no Content-Security-Policy violation (the
``securitypolicyviolation`` events, and Chromium's console), and no script error. Screenshots
are kept in test-artifacts/.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from tests.integration.conftest import ARTIFACTS
from tests.support.paths import QUERIES
from tests.support.servers import copy_published, serve

pytestmark = pytest.mark.needs_chromium
EXAMPLES = sorted(p.name for p in QUERIES.glob("*.rq"))
PROJECT_PREFIX = "unga: <https://w3id.org/ungakg/ontology#>"
# Seen by the page before any of its scripts: the policy's violations, as the browser reports them to the page.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || "")));
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    published = copy_published(tmp_path_factory.mktemp("query-page") / "published")
    with serve(published) as url:
        yield url


class Session:
    """A page in a context of its own, and what it did: requests, console errors, policy violations."""

    def __init__(self, browser, server: str, javascript: bool = True):
        self.server = server
        self.javascript = javascript
        self.context = browser.new_context(viewport={"width": 1280, "height": 1500}, java_script_enabled=javascript)
        self.context.add_init_script(WATCH_VIOLATIONS)
        self.page = page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.violations: list[str] = []
        self.tolerated: set[str] = set()  # console errors a test expects
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.violations.append(message.text)
        elif message.type == "error":
            self.errors.append(message.text)

    def _harvest(self) -> None:
        """The violations the document reported to itself (each document has its own list)."""
        if self.javascript and self.page.url.startswith(self.server):
            self.violations += self.page.evaluate("() => window.__violations || []")

    def open(self, path: str = "/query") -> None:
        self._harvest()
        self.page.goto(self.server + path)
        if self.javascript and path.startswith("/query"):
            self.page.wait_for_selector(".yasgui .tabPanel.active .CodeMirror", timeout=15_000)

    def editor(self, script: str):
        """Run ``script`` with ``cm``, the active tab's CodeMirror (YASQE) instance."""
        return self.page.evaluate(f"() => {{ const cm = document.querySelector('.yasgui .tabPanel.active .CodeMirror').CodeMirror; {script} }}")

    def value(self) -> str:
        return self.editor("return cm.getValue();")

    def run(self) -> None:
        self.page.click(".yasgui .tabPanel.active .yasqe_queryButton")
        self.page.wait_for_selector(".yasgui .tabPanel.active .yasr table.dataTable tbody tr", timeout=15_000)

    def rows(self):
        return self.page.locator(".yasgui .tabPanel.active .yasr table.dataTable tbody tr")

    def close(self) -> None:
        """The checks every session ends with."""
        self._harvest()
        self.context.close()
        outside = [u for u in self.requests if not u.startswith(self.server + "/")]
        assert not outside, f"the page made requests to other origins: {outside}"
        assert not self.violations, f"the page reported Content-Security-Policy violations: {self.violations}"
        errors = [e for e in self.errors if e not in self.tolerated]
        assert not errors, errors


@pytest.fixture
def session(browser, server):
    s = Session(browser, server)
    yield s
    s.close()


def test_a_first_visit_opens_the_editor_on_an_example(session):
    session.open()
    page = session.page
    assert page.locator("#query-form").is_hidden()  # the plain form gives way to the editor
    assert page.locator(".yasgui .tabsList .tab").all_inner_texts()[0].startswith(EXAMPLES[0].removesuffix(".rq"))
    assert session.value() == (QUERIES / EXAMPLES[0]).read_text(encoding="utf-8")
    assert page.locator(".yasgui .yasqe_queryButton").is_visible()
    # the page's information stays: the limits and the Service Description
    note = page.inner_text("article.query")
    assert "Queries stop after" in note and "rows" in note
    assert page.get_attribute("#service-description", "href") == "/sparql?format=turtle"
    page.screenshot(path=str(ARTIFACTS / "query-first-visit.png"), full_page=True)


def test_an_example_loads_and_runs_to_a_table(session):
    session.open()
    page = session.page
    page.click('a.example[data-name="igf-meetings.rq"]')
    assert session.value() == (QUERIES / "igf-meetings.rq").read_text(encoding="utf-8")
    assert "igf-meetings" in page.inner_text(".yasgui .tabsList .tab.active")
    posted: list[str] = []
    page.on("request", lambda r: posted.append(r.method) if r.url == session.server + "/sparql" else None)
    session.run()
    rows = session.rows()
    assert rows.count() == 20
    assert "Athens" in rows.first.inner_text()
    assert posted == ["POST"]
    # an IRI of the dataset links to its page on this server; others keep their own address
    assert page.locator('.yasr a.iri[href="/event/igf-1"]').count() == 1
    assert page.locator('.yasr a.iri[href^="https://w3id.org/"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "query-igf-meetings.png"), full_page=True)
    # the same example again selects its tab rather than opening another
    tabs = page.locator(".yasgui .tabsList .tab").count()
    page.click('a.example[data-name="igf-meetings.rq"]')
    assert page.locator(".yasgui .tabsList .tab").count() == tabs


def test_prefixes_classes_and_properties_complete_from_this_dataset(session):
    session.open()
    page = session.page
    page.click(".yasgui .addTab")
    blank = session.value()
    assert PROJECT_PREFIX in blank and "PREFIX eli: <http://data.europa.eu/eli/ontology#>" in blank  # predeclared in a new tab
    session.editor("cm.setValue(''); cm.focus();")
    page.keyboard.type("PREFIX ung")
    page.wait_for_selector(".CodeMirror-hints li", timeout=5_000)
    assert page.locator(".CodeMirror-hints li").all_inner_texts() == [PROJECT_PREFIX]
    page.keyboard.press("Enter")
    assert session.value().strip() == "PREFIX " + PROJECT_PREFIX
    # classes after "a", properties in a predicate's place: the dataset's own (VoID's partitions), no remote service
    session.editor("cm.setValue('PREFIX ' + " + json.dumps(PROJECT_PREFIX) + " + '\\nSELECT * WHERE { ?r a unga:Resol'); cm.focus(); cm.setCursor(cm.lineCount(), 0);")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints li", timeout=5_000)
    assert page.locator(".CodeMirror-hints li").all_inner_texts() == ["unga:Resolution", "unga:ResolutionExpression", "unga:ResolutionSeries"]
    page.keyboard.press("Escape")
    session.editor("cm.setValue('PREFIX ' + " + json.dumps(PROJECT_PREFIX) + " + '\\nSELECT * WHERE { ?r unga:symb'); cm.focus(); cm.setCursor(cm.lineCount(), 0);")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints li", timeout=5_000)
    assert page.locator(".CodeMirror-hints li").all_inner_texts() == ["unga:symbol"]
    page.keyboard.press("Escape")


def test_a_query_in_the_address_opens_and_runs(session):
    query = "PREFIX unga: <https://w3id.org/ungakg/ontology#>\nSELECT ?symbol WHERE { ?r a unga:Resolution ; unga:symbol ?symbol } ORDER BY ?symbol LIMIT 3"
    session.open("/query?query=" + quote(query))
    page = session.page
    assert session.value() == query
    page.wait_for_selector(".yasgui .tabPanel.active .yasr table.dataTable tbody tr", timeout=15_000)
    assert session.rows().count() == 3 and "A/RES/" in session.rows().first.inner_text()
    assert page.url == session.server + "/query"  # read, then taken out of the address
    # the kept tabs come back on the next visit, and the same link selects its tab again
    tabs = page.locator(".yasgui .tabsList .tab").count()
    session.open("/query?query=" + quote(query))
    assert session.value() == query and page.locator(".yasgui .tabsList .tab").count() == tabs
    session.open("/query")
    assert page.locator(".yasgui .tabsList .tab").count() == tabs


def test_a_whole_session_stays_on_this_server(session):
    """What YASGUI draws beyond the table (tooltips, the resizer, the raw response, a graph, share links)
    asks nothing of another host and nothing the policy refuses."""
    session.open()
    page = session.page
    session.run()
    grip = page.locator(".yasr .grip-handle .grip-resizable").nth(1)  # a column dragged wider
    box = grip.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + 80, box["y"] + 5, steps=4)
    page.mouse.up()
    page.click(".yasr .select_response")
    page.wait_for_selector(".yasr .CodeMirror", timeout=5_000)
    page.click(".yasr .select_table")
    session.editor("cm.setValue('SELECT * WHERE { ?s ?p }');")  # a syntax error, and its tooltip
    page.locator(".parseErrorIcon").first.hover()
    assert "Expected" in page.locator(".yasqe_tooltip").first.inner_text()
    session.editor("cm.setValue('CONSTRUCT WHERE { ?r a <https://w3id.org/ungakg/ontology#Resolution> } LIMIT 5');")
    session.run()
    assert session.rows().count() == 5
    session.editor("cm.setValue('ASK { ?r a <https://w3id.org/ungakg/ontology#Resolution> }');")
    page.click(".yasgui .tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(".yasr .booleanResult", timeout=15_000)
    page.click(".yasgui .tabPanel.active .yasqe_share")
    link = page.locator(".yasqe_sharePopup input, .yasqe_sharePopup textarea").first.input_value()
    assert link.startswith(session.server + "/query#")
    page.screenshot(path=str(ARTIFACTS / "query-session.png"), full_page=True)
    session.open("/")  # a share link opens its query (and only its query: the endpoint stays this one)
    session.open(link.removeprefix(session.server).replace("endpoint=", "endpoint=https%3A%2F%2Fexample.org%2Fsparql&x="))
    assert session.value() == "ASK { ?r a <https://w3id.org/ungakg/ontology#Resolution> }"
    page.wait_for_selector(".yasr .booleanResult", timeout=15_000)


def test_a_javascript_iri_in_a_result_is_no_link(session):
    """An IRI may be anything; YASR's table makes links of http(s) IRIs only, and the policy forbids inline script."""
    fired: list[str] = []
    session.page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    query = 'SELECT ?x ?y WHERE { BIND(IRI("javascript:alert(document.domain)") AS ?x) BIND(IRI("https://undocs.org/A/RES/64/187") AS ?y) }'
    session.open("/query?query=" + quote(query))
    page = session.page
    page.wait_for_selector(".yasgui .tabPanel.active .yasr table.dataTable tbody tr", timeout=15_000)
    assert page.locator('.yasr a[href^="javascript:"]').count() == 0
    assert page.locator('.yasr a[href="https://undocs.org/A/RES/64/187"]').count() == 1
    page.locator(".yasr table.dataTable tbody tr td", has_text="javascript:").first.click()
    assert not fired, "a script ran from a result"


def test_the_plain_form_works_without_javascript(browser, server):
    s = Session(browser, server, javascript=False)
    page = s.page
    s.open("/query")
    assert page.locator("#query-form").is_visible()
    assert page.input_value("#query") == (QUERIES / EXAMPLES[0]).read_text(encoding="utf-8")
    # an example is a link that opens the page with it in the form
    page.click('a.example[data-name="igf-meetings.rq"]')
    assert page.input_value("#query") == (QUERIES / "igf-meetings.rq").read_text(encoding="utf-8")
    page.fill("#query", "SELECT ?symbol WHERE { ?r <https://w3id.org/ungakg/ontology#symbol> ?symbol } ORDER BY ?symbol LIMIT 2")
    page.select_option("#format", "json")
    with page.expect_response(lambda r: r.url.startswith(server + "/sparql?")) as answer:
        page.click("#run")
    response = answer.value
    assert response.status == 200 and response.request.method == "GET"
    data = json.loads(response.body())
    assert len(data["results"]["bindings"]) == 2
    # Showing the endpoint's JSON, a document with no icon of its own, Chromium asks this server for /favicon.ico, which it has not
    s.tolerated.add("Failed to load resource: the server responded with a status of 404 (Not Found)")
    s.close()
