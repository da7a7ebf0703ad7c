"""The ASGI application: the SPARQL endpoint, linked-data resources, pages and downloads.

Routes::

    /                      home page (HTML), or the VoID description by content negotiation
    /sparql                SPARQL 1.1 Protocol (GET, POST); a plain GET gives the Service Description
    /query                 the query page for people: YASGUI (vendored in static/yasgui/), a plain form without scripts
    /search?q=...          full-text search of every paragraph (HTML, or JSON by content negotiation)
    /store                 the Graph Store Protocol, read-only: ?graph=IRI or ?default
    /download/             the published files (ETag, gzip); /download/ lists them
    /.well-known/void      the VoID and DCAT description of the dataset
    /ontology              the ontology (HTML documentation, Turtle, RDF/XML)
    /resolution/, /body/, /event/, /session/, /place/, /topic/   index pages for people
    /static/...            the pages' own CSS and JavaScript, YASGUI's included (no CDN)
    /{anything else}       the resource {base}{anything else}: a page or its description

Each request is answered by one ``App``: the build of ``published/`` being
served (``tree.py``); when a build swaps a new tree in, ``create_app`` opens it,
starts its workers and answers every later request from it.

Safety, by default: read-only (updates refused before anything runs); SERVICE
read by the guard as the engine reads it and refused off the allow-list, with
query workers that cannot reach the network anyway (``sandbox.py``); queries in
killable worker processes shared fairly among client addresses, with a time
limit, a queue wait and a row cap (``pool.py``); request heads and bodies bounded
in size and time (``http.py``); nesting bounded; large answers streamed from the
published files; a Content-Security-Policy on every answer; CORS without
credentials; error messages that name the problem and never a traceback.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import logging
import os
import zlib
from collections import OrderedDict
from contextlib import asynccontextmanager
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route, Router
from starlette.staticfiles import StaticFiles

from mapper import __version__
from mapper.errors import NotAcceptable, Refused, RequestError
from mapper.publish.readback import base_of
from mapper.publish.search import FACETS, INDEX, UNITS
from mapper.publish.store import STORE, open_store, published_files
from mapper.rdf.formats import BY_MEDIA_TYPE, DOCUMENTS, GRAPHS, RESULTS
from mapper.rdf.formats import media_type as file_media_type
from mapper.rdf.iris import Iris
from mapper.rdf.namespaces import PREFIXES, UNGA
from mapper.rdf.resources import resource
from mapper.rdf.terms import serialized
from mapper.server import pages
from mapper.server.browse import Catalogue
from mapper.server.config import Settings
from mapper.server.guard import check
from mapper.server.linkeddata import Description, Graph, Terms, value
from mapper.server.middleware import POLICY, Edge, Gzip
from mapper.server.negotiate import choose
from mapper.server.pool import Job, QueryPool
from mapper.server.protocol import ALLOWED_METHODS, read_request
from mapper.server.results import check_rdf_xml, well_formed
from mapper.server.sandbox import Confinement, available, default_memory, targets
from mapper.server.search import Index, search_json
from mapper.server.service import service_description
from mapper.server.tree import Tree

log = logging.getLogger("ungakg.server")
STATIC = Path(__file__).parent / "static"
PAGES_KEPT = 128  # resolution pages kept made, per build
# Every method reaches the SPARQL handler, which answers 405 to those the protocol has no use for.
SPARQL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]
ONTOLOGY_PAGE_POLICY = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
                        "base-uri 'none'; frame-ancestors 'none'")
VOID = "http://rdfs.org/ns/void#"
# The query page runs YASGUI (static/yasgui/, vendored by tools/vendor_yasgui.py): "@zazuko/yasgui 4.6.2" on VERSION's first line.
YASGUI_VERSION = (STATIC / "yasgui" / "VERSION").read_text(encoding="utf-8").split("\n", 1)[0].split()[-1]
# Its policy is the site's, less strict by exactly what YASGUI needs and no more: YASR's table
# (the column-resizer package) inserts two fixed <style> blocks, allowed by their hashes; YASQE's
# tooltip on a syntax error writes one fixed style attribute, allowed by its hash ('unsafe-hashes'
# lets a hash match an attribute; no other inline style, and no 'unsafe-eval', is needed).
# tests/unit/server/test_yasgui.py finds these styles in the vendored bundle; the browser tests
# fail on any violation the page reports.
YASGUI_STYLES = (
    "zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk=",  # the resizer's rules (.grip-resizable{table-layout:fixed;} ...)
    "c0O6TmFAkgpNbHxKAa1BrveWHHopjEtC47i0PzMudxg=",  # *{cursor:col-resize!important} while a column is dragged
)
YASGUI_STYLE_ATTRIBUTES = ("EntWS0hFrz2vH7susM+dPUxvHlL6sBswmM8K80E5oUk=",)  # text-decoration:underline
QUERY_PAGE_POLICY = POLICY.replace(
    "style-src 'self';",
    "style-src 'self' " + " ".join(f"'sha256-{h}'" for h in YASGUI_STYLES) + "; "
    "style-src-attr 'unsafe-hashes' " + " ".join(f"'sha256-{h}'" for h in YASGUI_STYLE_ATTRIBUTES) + ";")


def _text(status: int, message: str, headers: dict | None = None) -> Response:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)


async def _request_error(request: Request, e: Exception) -> Response:
    """Every :class:`~mapper.errors.RequestError` a handler raises, answered as plain text with its status."""
    assert isinstance(e, RequestError)
    return _text(e.status, e.message, e.headers or None)


class App:
    """What the routes share: settings, the store, the worker pool, the site's own graph."""

    def __init__(self, settings: Settings, tree: Tree, confinement: Confinement, examples: list[tuple[str, str, str]]):
        self.settings = settings
        self.tree = tree
        self.root = published = tree.root  # every file of this build is read from here, whatever the build does next
        self.active = 0  # requests being answered from this build (a replaced build closes when none is left)
        self.store = open_store(published)  # builds the store first if missing or stale
        self.base = base_of(published / "void.ttl")
        self.site = ox.Store()
        self.site.load(path=str(published / "void.ttl"), format=ox.RdfFormat.TURTLE)
        self.iris = iris = Iris(self.base)
        self.endpoint = iris.sparql()
        self.site.extend(service_description(self.store, self.endpoint, settings))
        self.graph = Graph(self.store, self.site, self.base, published)
        self.pool = QueryPool(tree.for_workers(f"{STORE}/db"), settings.workers, settings.queue, settings.timeout,
                              queue_wait=settings.queue_wait, per_client=settings.per_client or None, confinement=confinement)
        self.graph_slots = asyncio.Semaphore(settings.workers)
        self.sums = {}
        for line in (published / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
            digest, _, name = line.partition("  ")
            self.sums[name] = digest
        self.examples = examples
        index = published / STORE / INDEX
        self.search_index = Index(index) if index.is_dir() else None
        self.terms = Terms(published / "ontology" / "ungakg.ttl")
        self._ontology_html: str | None = None  # the ontology's documentation in the site's frame, made when first asked
        self._pages: OrderedDict[str, str] = OrderedDict()  # the resolution pages last made (a build never changes)
        self.catalogue = Catalogue(self.store, index / UNITS if index.is_dir() else None, self.base, self.terms.classes)
        self.resolutions = self.graph.count(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?r a <{UNGA.Resolution.value}> }}")
        self.triples = next((int(value(q.object)) for q in self.site.quads_for_pattern(
            ox.NamedNode(iris.dataset()), ox.NamedNode(VOID + "triples"), None)), 0)
        # The classes and properties the build counted (VoID's partitions): the query editor completes them.
        self.classes, self.properties = ([sorted({value(q.object) for q in self.site.quads_for_pattern(None, ox.NamedNode(VOID + kind), None)})
                                          for kind in ("class", "property")])

    # -- SPARQL --------------------------------------------------------------------

    async def sparql(self, request: Request) -> Response:
        try:
            body = await self._body(request)
            if len(request.url.query) > self.settings.max_request_bytes:
                raise Refused(414, f"the query string is over {self.settings.max_request_bytes:,} bytes; POST the query instead")
            q = read_request(request.method, request.url.query.encode(), request.headers.get("content-type"), body)
            if q is None:
                return await self._service_description(request)
            reading = await _off_loop_if_large(check, q.query, self.settings.allow_services)
            offered = GRAPHS if reading.form in ("CONSTRUCT", "DESCRIBE") else RESULTS
            media = choose(offered, request.headers.get("accept"), q.formats)
            job = Job(q.query, media, self.endpoint, q.default_graphs, q.named_graphs, self.settings.row_cap)
            answer = await _unless_gone(request, self.pool.run(job, request.client.host if request.client else ""))
            if answer is None:  # the client hung up: its query was stopped; nobody reads this
                return Response(status_code=499)
        except Refused as e:
            if e.status == 405:
                e.headers["Allow"] = ALLOWED_METHODS
            raise
        headers = {"Vary": "Accept", "X-Query-Seconds": f"{answer.seconds:.4f}"}
        if answer.truncated:
            headers["X-SPARQL-MaxRows"] = str(self.settings.row_cap)
        media = answer.media_type + ("; charset=utf-8" if answer.media_type.startswith("text/") else "")
        return Response(answer.body, media_type=media, headers=headers)

    async def _body(self, request: Request) -> bytes:
        limit = self.settings.max_request_bytes
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise Refused(413, f"the request body is over {limit:,} bytes")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise Refused(413, f"the request body is over {limit:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _service_description(self, request: Request) -> Response:
        media = choose(("text/html",) + GRAPHS, request.headers.get("accept"), request.query_params.get("format"))
        if media == "text/html":
            return RedirectResponse("/query", status_code=303)
        triples = [q.triple for q in self.site.quads_for_pattern(None, None, None, ox.DefaultGraph())
                   if value(q.subject) == self.endpoint or isinstance(q.subject, ox.BlankNode)]
        return _rdf(triples, media, {"Vary": "Accept"})

    # -- pages ---------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        media = choose(("text/html",) + GRAPHS, request.headers.get("accept"), request.query_params.get("format"))
        if media != "text/html":
            return await self.void(request)
        listing = await run_in_threadpool(self._listing)
        html = pages.render("home.html", title="UN General Assembly resolutions", resolutions=self.resolutions,
                            triples=self.triples, listing=listing, endpoint=self.endpoint, base=self.base, formats=[], iri=None)
        return HTMLResponse(html, headers={"Vary": "Accept"})

    def _listing(self) -> list[tuple[str, str, str, str]]:
        """The latest resolutions for the home page: (href, symbol, title, date), from the index pages' list."""
        return [(self.graph.href(r.iri), r.label, r.kind, r.date) for r in self.catalogue.latest(self.settings.listing)]

    async def query_page(self, request: Request) -> Response:
        """YASGUI on this endpoint, set up by a JSON data block (prefixes, examples, the terms to complete);
        without scripts, the form inside the page GETs /sparql itself."""
        query = request.query_params.get("query")
        editor = {"endpoint": "/sparql", "base": self.base, "prefixes": PREFIXES, "classes": self.classes, "properties": self.properties,
                  "examples": [{"name": name, "query": text} for name, _, text in self.examples]}
        html = pages.render("query.html", title="Query", examples=self.examples, query=query or (self.examples[0][2] if self.examples else ""),
                            editor=editor, yasgui=YASGUI_VERSION, timeout=f"{self.settings.timeout:g}", row_cap=self.settings.row_cap,
                            base=self.base, formats=[], iri=None)
        return HTMLResponse(html, headers={"Content-Security-Policy": QUERY_PAGE_POLICY})

    async def resource(self, request: Request) -> Response:
        # The path as sent, percent-escapes kept: IRIs are compared as strings, and ours escape what they must.
        path = request.scope.get("raw_path", request.url.path.encode()).decode("utf-8", "replace").split("?", 1)[0]
        d, suffix_media = await run_in_threadpool(self._find, path)
        if d is None:
            return self._not_found(request, f"{self.graph.iri(path)} is not in this dataset.")
        document = self.graph.local(d.iri) or path
        media = suffix_media or choose(("text/html",) + GRAPHS, request.headers.get("accept"), request.query_params.get("format"))
        formats = [(BY_MEDIA_TYPE[m].label, document + suffix, m) for suffix, m in DOCUMENTS.items()]
        links = ", ".join(f'<{quote(href)}>; rel="alternate"; type="{m}"' for _, href, m in formats)
        headers = {"Vary": "Accept", "Link": links, "Content-Location": quote(document + (BY_MEDIA_TYPE[media].document or ""))}
        if media == "text/html":
            if self.graph.is_resolution(d):
                html = self._pages.get(d.iri)
                if html is None:
                    html = await run_in_threadpool(pages.resolution_page, self.graph, d, formats, self.search_index)
                    self._keep(d.iri, html)
            else:
                page = _bounded(request.query_params.get("page"), 1, 1, 100_000)
                html = await run_in_threadpool(pages.resource_page, self.graph, d, formats, self.terms, page, self.search_index)
            return HTMLResponse(html, headers=headers)
        return _rdf(d.triples, media, headers, graph=d.iri if d.graph else None)

    def _find(self, path: str) -> tuple[Description | None, str | None]:
        candidates = [(path, None)] + [(path[: -len(suffix)], media) for suffix, media in DOCUMENTS.items() if path.endswith(suffix)]
        for candidate, media in candidates:
            try:
                d = self.graph.describe(self.graph.iri(candidate))
            except ValueError:  # not an IRI at all (a space, a bracket): no resource of ours
                continue
            if d is not None:
                return d, media
        return None, None

    def _not_found(self, request: Request, message: str) -> Response:
        if "text/html" in request.headers.get("accept", ""):
            return HTMLResponse(pages.render("error.html", title="Not found", status=404, message=message, formats=[], iri=None), status_code=404)
        return _text(404, message)

    # -- search --------------------------------------------------------------------

    async def search(self, request: Request) -> Response:
        """Full-text search: a page for people, JSON for programs (``Accept: application/json``)."""
        params = request.query_params
        media = choose(("text/html", "application/json"), request.headers.get("accept"), params.get("format"))
        query = params.get("q", "").strip()
        filters = {name: params[name] for name in FACETS if params.get(name)}
        size = _bounded(params.get("limit"), 20, 1, 100) if media == "application/json" else 20
        offset = _bounded(params.get("offset"), 0, 0, 10_000) if "offset" in params else (_bounded(params.get("page"), 1, 1, 500) - 1) * size
        if self.search_index is None:
            raise Refused(503, "this build has no search index; rebuild it with `ungakg build`")
        results = None
        if query:
            async with self.graph_slots:  # as many searches at once as query workers (each takes milliseconds)
                results = await run_in_threadpool(self.search_index.search, query, filters, offset, size)
        elif media == "application/json":
            raise Refused(400, "give the words to search for: /search?q=...")
        if media == "application/json":
            assert results is not None
            return JSONResponse(search_json(results, self.graph.href), headers={"Vary": "Accept"})
        html = pages.search_page(self.graph, query, filters, results, offset, size)
        return HTMLResponse(html, headers={"Vary": "Accept"})

    # -- index pages ---------------------------------------------------------------

    async def browse(self, request: Request) -> Response:
        """``/resolution/``, ``/body/``, ``/event/``, ``/session/``, ``/place/``, ``/topic/``: pages for people.
        ``/topic/`` is also the topic scheme's IRI: a program asking for RDF gets the scheme."""
        kind = request.url.path.strip("/")
        media = choose(("text/html",) + GRAPHS, request.headers.get("accept"), request.query_params.get("format"))
        if media != "text/html":
            return await self.resource(request)
        params = request.query_params
        filters = {k: params[k] for k in pages.BROWSE_FILTERS if params.get(k)} if kind == "resolution" else {}
        page = _bounded(params.get("page"), 1, 1, 100_000)
        html = await run_in_threadpool(pages.browse_page, self.graph, kind, self.catalogue, params.get("sort", ""), page, filters)
        return HTMLResponse(html, headers={"Vary": "Accept"})

    def _keep(self, iri: str, html: str) -> None:
        """Keep a resolution's page for the next visitor: the latest ``PAGES_KEPT`` pages made."""
        self._pages[iri] = html
        self._pages.move_to_end(iri)
        while len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)

    # -- files ---------------------------------------------------------------------

    async def download(self, request: Request) -> Response:
        """A published file, with a strong ETag (its SHA-256, suffixed for the gzipped representation),
        Last-Modified, and 304 for If-None-Match or If-Modified-Since (RFC 9110, section 13)."""
        name = request.path_params["name"]
        if name not in self.sums and name != "SHA256SUMS":
            return self._not_found(request, f"{name} is not a published file; see /download/")
        path = self.root / name
        stat = path.stat()
        compress = "gzip" in request.headers.get("accept-encoding", "") and not name.endswith(".gz") and stat.st_size > 1024
        digest = self.sums.get(name) or hashlib.sha256(path.read_bytes()).hexdigest()
        etag = f'"{digest}-gzip"' if compress else f'"{digest}"'
        headers = {"ETag": etag, "Last-Modified": formatdate(stat.st_mtime, usegmt=True),
                   "Cache-Control": "public, max-age=3600", "Vary": "Accept-Encoding"}
        if _not_modified(request, etag, stat.st_mtime):
            return Response(status_code=304, headers=headers)
        media = "application/gzip" if name.endswith(".gz") else file_media_type(name)
        if name == "SHA256SUMS":
            media = "text/plain"
        media += "; charset=utf-8" if media.startswith("text/") else ""
        if compress:  # compressed as it streams, in a thread: the event loop never holds the file
            return StreamingResponse(_gzipped(path), media_type=media, headers={**headers, "Content-Encoding": "gzip"})
        response = FileResponse(path, media_type=media, filename=Path(name).name if name.endswith(".gz") else None)
        response.headers.update(headers)
        return response

    async def downloads(self, request: Request) -> Response:
        rows = []
        published = self.root
        for path in published_files(published):
            name = path.relative_to(published).as_posix()
            rows.append((name, path.stat().st_size, "application/gzip" if name.endswith(".gz") else file_media_type(name), self.sums.get(name, "")))
        return HTMLResponse(pages.render("downloads.html", title="Downloads", files=rows, formats=[], iri=None))

    async def graph_store(self, request: Request) -> Response:
        """The Graph Store HTTP Protocol, read-only: GET a graph by ``?graph=IRI`` or ``?default``.

        Every graph is streamed from its published file where one holds it in the asked format
        (a resolution's Turtle, the vocabularies, the merge as Turtle or gzipped N-Triples), so
        no request builds a large answer in memory or in the event loop. A named graph in
        another format is one resolution's triples, serialized in a thread; the whole default
        graph comes only in the formats its dumps have.
        """
        if request.method not in ("GET", "HEAD"):
            return _text(405, "this graph store is read-only: GET a graph with ?graph=IRI or ?default", {"Allow": "GET, HEAD"})
        params = request.query_params
        graphs = params.getlist("graph")
        if ("default" in params) == bool(graphs) or len(graphs) > 1:
            return _text(400, "name one graph: ?graph=IRI (a resolution's graph, or the vocabularies) or ?default (the merge)")
        try:
            if not graphs:
                offered = ("text/turtle", "application/n-triples") if (self.root / "ungakg.ttl").is_file() else ("application/n-triples",)
                media = choose(offered, request.headers.get("accept"), params.get("format"))
                return self._dump(request, "ungakg.ttl" if media == "text/turtle" else "ungakg.nt.gz", media)
            media = choose(GRAPHS, request.headers.get("accept"), params.get("format"))
            graph = ox.NamedNode(graphs[0])
        except NotAcceptable as e:
            raise NotAcceptable(e.offered, "; the merged default graph is published as Turtle and N-Triples (see /download/)") from None
        except ValueError:
            return _text(400, f"not an IRI: {graphs[0]}")
        if not self.store.contains_named_graph(graph):
            return _text(404, f"no graph {graphs[0]} in this dataset")
        name = self._graph_file(graphs[0])
        if media == "text/turtle" and name is not None:
            return self._dump(request, name, media)
        async with self.graph_slots:  # at most as many serializations at once as query workers
            body = await run_in_threadpool(self._serialize_graph, graph, media)  # NotXml (406) when RDF/XML cannot
        return Response(body, media_type=media + ("; charset=utf-8" if media.startswith("text/") else ""), headers={"Vary": "Accept"})

    def _graph_file(self, graph: str) -> str | None:
        """The published Turtle file that holds exactly this named graph."""
        try:
            kind, fields = self.iris.parse(graph)
        except ValueError:
            return None
        if kind == "graph":
            return f"resolutions/{fields['slug']}.ttl"
        return {"vocabulary_graph": "vocabularies.ttl", "lineage_graph": "lineage.ttl"}.get(kind)

    def _serialize_graph(self, graph: ox.NamedNode, media: str) -> bytes:
        return _serialize([q.triple for q in self.store.quads_for_pattern(None, None, None, graph)], media, graph.value)

    def _dump(self, request: Request, name: str, media: str) -> Response:
        """A published file streamed as the answer; gzipped N-Triples sent as they are to clients that take gzip."""
        path = self.root / name
        headers = {"Vary": "Accept, Accept-Encoding"}
        charset = "; charset=utf-8" if media.startswith("text/") else ""
        if name.endswith(".gz"):
            if "gzip" in request.headers.get("accept-encoding", ""):
                headers["Content-Encoding"] = "gzip"
                return FileResponse(path, media_type=media + charset, headers=headers)
            return StreamingResponse(_gunzip(path), media_type=media + charset, headers=headers)
        return FileResponse(path, media_type=media + charset, headers=headers)

    async def void(self, request: Request) -> Response:
        """The dataset's VoID and DCAT description: a page for a browser (which asks for HTML by name), RDF for a
        program (Turtle for one that takes anything, ``*/*``)."""
        media = choose(GRAPHS + ("text/html",), request.headers.get("accept"), request.query_params.get("format"))
        if media == "text/html":
            formats = [(BY_MEDIA_TYPE[m].label, f"/.well-known/void?format={BY_MEDIA_TYPE[m].names[0]}", m) for m in GRAPHS
                       if BY_MEDIA_TYPE[m].names]
            html = pages.render("void.html", title="About this dataset", turtle=(self.root / "void.ttl").read_text(encoding="utf-8"),
                                base=self.base, formats=formats, iri=None)
            return HTMLResponse(html, headers={"Vary": "Accept"})
        if media == "text/turtle":
            return FileResponse(self.root / "void.ttl", media_type="text/turtle; charset=utf-8", headers={"Vary": "Accept"})
        triples = list(ox.parse(path=str(self.root / "void.ttl"), format=ox.RdfFormat.TURTLE))
        return _rdf(triples, media, {"Vary": "Accept"})

    async def ontology(self, request: Request) -> Response:
        media = choose(("text/html", "text/turtle", "application/rdf+xml"), request.headers.get("accept"), request.query_params.get("format"))
        name = {"text/html": "index.html", "text/turtle": "ungakg.ttl", "application/rdf+xml": "ungakg.owl"}[media]
        charset = "; charset=utf-8" if media.startswith("text/") else ""
        headers = {"Vary": "Accept"}
        if media == "text/html":  # pyLODE's page in the site's frame; its stylesheet is inline, and it has no script
            if self._ontology_html is None:
                documentation = (self.root / "ontology" / name).read_text(encoding="utf-8")
                self._ontology_html = await run_in_threadpool(pages.ontology_page, documentation)
            return HTMLResponse(self._ontology_html, headers={**headers, "Content-Security-Policy": ONTOLOGY_PAGE_POLICY})
        return FileResponse(self.root / "ontology" / name, media_type=media + charset, headers=headers)


def _bounded(text: str | None, default: int, low: int, high: int) -> int:
    """A number from the query string, within ``low`` and ``high``; Refused (400) when it is no number."""
    if text is None or text == "":
        return default
    if not text.isdigit():
        raise Refused(400, f"not a number: {text[:40]!r}")
    return max(low, min(high, int(text)))


async def _off_loop_if_large(function, query: str, *args):
    """Small queries are read in the event loop (a thread hop costs more); large ones in a thread."""
    if len(query) < 20_000:
        return function(query, *args)
    return await run_in_threadpool(function, query, *args)


async def _unless_gone(request: Request, work):
    """Await ``work``, or cancel it when the client disconnects first (then None): its worker is killed and freed."""
    this = asyncio.current_task()
    assert this is not None  # called from a request's task
    gone = asyncio.ensure_future(_disconnected(request))
    gone.add_done_callback(lambda g: this.cancel() if not g.cancelled() else None)
    try:
        return await work
    except asyncio.CancelledError:
        if gone.done() and not gone.cancelled():  # the client's hang-up, not the server's shutdown
            this.uncancel()
            return None
        raise
    finally:
        gone.cancel()


async def _disconnected(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _not_modified(request: Request, etag: str, mtime: float) -> bool:
    """RFC 9110 13.1.2 and 13.1.3: If-None-Match (weak comparison) decides; else If-Modified-Since."""
    match = request.headers.get("if-none-match")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return "*" in tags or etag.removeprefix("W/") in tags
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return int(mtime) <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):  # not a date: ignored, as the RFC says
            return False
    return False


def _gzipped(path: Path):
    """The file gzipped, chunk by chunk (Starlette iterates this in a thread)."""
    z = zlib.compressobj(6, zlib.DEFLATED, 31)
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            if out := z.compress(chunk):
                yield out
    yield z.flush()


def _gunzip(path: Path):
    """The decompressed bytes of a gzipped file, chunk by chunk, read in a thread."""
    with gzip.open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            yield chunk


def _rdf(triples: list, media: str, headers: dict, graph: str | None = None) -> Response:
    body = _serialize(triples, media, graph)  # NotXml (406) when RDF/XML cannot carry them
    return Response(body, media_type=media + ("; charset=utf-8" if media.startswith("text/") else ""), headers=headers)


def _serialize(triples: list, media: str, graph: str | None = None) -> bytes:
    """The triples in ``media``; NotXml when RDF/XML cannot carry them (never a broken document)."""
    fmt = ox.RdfFormat.from_media_type(media)
    assert fmt is not None, media  # only media types of GRAPHS are offered
    if fmt == ox.RdfFormat.RDF_XML:
        check_rdf_xml(triples)
    if fmt.supports_datasets:
        g = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        items = [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]
    else:
        items = triples
    body = serialized(items, fmt, PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None)
    if fmt == ox.RdfFormat.RDF_XML:
        well_formed(body)
    return body


def _examples() -> list[tuple[str, str, str]]:
    """(file name, question, text) of every query in queries/, the question from its opening comment."""
    try:
        folder = resource("queries/README.md").parent
    except Exception:
        return []
    out = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        question = []
        for line in text.splitlines():
            if not line.startswith("#") or line.strip() == "#":
                break
            question.append(line.lstrip("# ").strip())
        out.append((path.name, " ".join(question) or path.stem, text))
    return out


def create_app(settings: Settings) -> Starlette:
    """The server: routes answered by the build being served, which is replaced whole when a new one is swapped in."""
    confinement = Confinement(targets(settings.allow_services), settings.worker_memory or default_memory(settings.workers))
    available(confinement)  # the workers can be confined here, or the server does not start (SandboxError)
    examples = _examples()
    serving = App(settings, Tree(settings.published), confinement, examples)
    retiring: set[asyncio.Task] = set()  # old builds closing once their last request is answered
    warming: set[asyncio.Task] = set()  # the index pages' lists being read in the background

    async def follow_builds() -> None:
        """Every second: has a build swapped a new tree in? Then open it, start its workers, switch, retire the old."""
        nonlocal serving
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(1)
            if not serving.tree.replaced():
                continue
            try:
                tree = await loop.run_in_executor(None, Tree, settings.published)
                fresh = await loop.run_in_executor(None, App, settings, tree, confinement, examples)
                await fresh.pool.start()
            except Exception:
                log.exception("a new build in %s cannot be served; still serving the one before", settings.published)
                serving.tree.inode = os.stat(settings.published).st_ino  # not again until the next build
                continue
            old, serving = serving, fresh
            log.info("serving the new build of %s (%d resolutions)", settings.published, fresh.resolutions)
            warming.add(task := loop.create_task(_warm(fresh)))
            task.add_done_callback(warming.discard)
            retiring.add(task := loop.create_task(_retire(old)))
            task.add_done_callback(retiring.discard)

    @asynccontextmanager
    async def lifespan(app):
        await serving.pool.start()
        log.info("ungakg %s serving %s (%d resolutions) with %d query workers", __version__, settings.published,
                 serving.resolutions, settings.workers)
        watcher = asyncio.get_running_loop().create_task(follow_builds())
        warming.add(task := asyncio.get_running_loop().create_task(_warm(serving)))
        task.add_done_callback(warming.discard)
        yield
        watcher.cancel()
        await serving.pool.close()

    def answered_by(name: str):
        async def handle(request: Request) -> Response:
            return await getattr(request.scope["ungakg"], name)(request)
        return handle

    async def current(scope, receive, send) -> None:
        """Each request is answered, to its last byte, by the build being served when it arrived."""
        if scope["type"] != "http":
            await router(scope, receive, send)
            return
        app = scope["ungakg"] = serving
        app.active += 1
        try:
            await router(scope, receive, send)
        finally:
            app.active -= 1

    routes = [
        Route("/", answered_by("home")),
        Route("/sparql", answered_by("sparql"), methods=SPARQL_METHODS),
        Route("/sparql/", answered_by("sparql"), methods=SPARQL_METHODS),
        Route("/query", answered_by("query_page")),
        Route("/search", answered_by("search")),
        Route("/store", answered_by("graph_store"), methods=SPARQL_METHODS),
        Route("/download/", answered_by("downloads")),
        Route("/download/{name:path}", answered_by("download")),
        Route("/.well-known/void", answered_by("void")),
        Route("/ontology", answered_by("ontology")),
        *(Route(f"/{kind}/", answered_by("browse")) for kind in pages.BROWSE),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Route("/{path:path}", answered_by("resource")),
    ]
    router = Router(routes=routes)
    middleware = [Middleware(Edge), Middleware(Gzip, minimum_size=1024)]
    app = Starlette(routes=[Mount("/", app=current)], middleware=middleware, lifespan=lifespan,
                    exception_handlers={RequestError: _request_error})
    app.state.serving = lambda: serving
    return app


async def _warm(app: App) -> None:
    """Read the index pages' lists of a build in a thread, once it is served (a failure is logged, the pages read them later)."""
    try:
        await run_in_threadpool(app.catalogue.warm)
    except Exception:
        log.exception("the index pages' lists of %s could not be read ahead", app.settings.published)


async def _retire(old: App) -> None:
    """Close a replaced build once its last request is answered (or after the longest a query may take)."""
    deadline = asyncio.get_running_loop().time() + old.settings.timeout + old.settings.queue_wait + 60
    while old.active and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.1)
    await old.pool.close()
    old.tree.close()
