"""Talking to another SPARQL 1.1 store: where its endpoints are, who we are, and trying again.

- **Endpoints.** The query URL is given. The update and Graph Store URLs are
  given, or read from the store's service description (``sd:endpoint`` with
  ``sd:supportedLanguage sd:SPARQL11Update``), or else taken from the known
  layout of the server that answered (its ``Server`` header): Oxigraph
  (``/query``, ``/update``, ``/store``), Virtuoso (``/sparql``,
  ``/sparql-auth``, ``/sparql-graph-crud-auth``), Fuseki (``/ds/query``,
  ``/ds/update``, ``/ds/data``). ``Endpoints.found`` says which.
- **Credentials** come from the environment, never from the command line
  (where other users of the machine see them in the process list):
  ``UNGAKG_TOKEN`` (a bearer token), or ``UNGAKG_USER`` and
  ``UNGAKG_PASSWORD`` (HTTP basic or digest, whichever the store asks for);
  with ``UNGAKG_USER`` and no password, the password is asked for at a prompt
  when there is a terminal. Without either, ``~/.netrc`` is used if it names
  the host.
- **Retries.** A transient failure (the connection refused, reset or timed
  out; 408, 425, 429, 502, 503, 504; a 500 that names a deadlock or a
  timeout) is tried again after an exponential backoff with jitter,
  honouring ``Retry-After``. Anything else is permanent and raised as
  RemoteError with the store's own message.
"""

from __future__ import annotations

import getpass
import json
import os
import random
import re
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from mapper.errors import RemoteError

TRANSIENT_STATUS = frozenset({408, 425, 429, 502, 503, 504})
_TRANSIENT_500 = re.compile(r"deadlock|40001|timed? ?out|try again|temporarily", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Credentials:
    user: str | None = None
    password: str | None = None
    token: str | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ, prompt: Callable[[str], str] | None = None) -> Credentials:
        """Read ``UNGAKG_TOKEN`` or ``UNGAKG_USER``/``UNGAKG_PASSWORD``; ask for a missing password at a terminal."""
        token = environ.get("UNGAKG_TOKEN") or None
        user = environ.get("UNGAKG_USER") or None
        password = environ.get("UNGAKG_PASSWORD")
        if token and user:
            raise RemoteError("set UNGAKG_TOKEN or UNGAKG_USER, not both")
        if user and password is None:
            if prompt is None and sys.stdin.isatty():
                prompt = getpass.getpass
            if prompt is None:
                raise RemoteError("UNGAKG_USER is set but UNGAKG_PASSWORD is not, and there is no terminal to ask for it")
            password = prompt(f"Password for {user}: ")
        return cls(user, password, token)

    def __repr__(self) -> str:  # never print a secret
        return f"Credentials(user={self.user!r}, password={'***' if self.password else None}, token={'***' if self.token else None})"


class ChallengeAuth(httpx.Auth):
    """A bearer token; or a user and password sent as the store's 401 challenge asks (basic or digest).

    Not thread-safe (the digest nonce count): give each thread its own.
    """

    def __init__(self, credentials: Credentials):
        self.credentials = credentials
        self._scheme: str | None = None
        self._digest = httpx.DigestAuth(credentials.user or "", credentials.password or "")
        self._basic = httpx.BasicAuth(credentials.user or "", credentials.password or "")

    def auth_flow(self, request: httpx.Request):
        c = self.credentials
        if c.token:
            request.headers["Authorization"] = f"Bearer {c.token}"
            yield request
            return
        if c.user is None:
            yield request
            return
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        schemes = {h.split(" ", 1)[0].lower() for h in response.headers.get_list("www-authenticate")}
        if "digest" in schemes:
            self._scheme = "digest"
            yield from self._digest.auth_flow(request)
        elif "basic" in schemes or not schemes:
            self._scheme = "basic"
            yield from self._basic.auth_flow(request)


@dataclass(frozen=True, slots=True)
class Endpoints:
    query: str
    update: str | None = None
    store: str | None = None
    found: str = "given"  # how update and store were found


@dataclass(frozen=True, slots=True)
class Retry:
    attempts: int = 6          # tries in all, the first included
    backoff: float = 0.5       # seconds before the second try; doubles each time
    cap: float = 30.0          # the longest wait between two tries
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), 2 * self.cap)
        return min(self.cap, self.backoff * 2 ** attempt) * random.uniform(0.5, 1.0)


class Remote:
    """One store: SPARQL queries, updates and Graph Store requests, each tried again on transient failures.

    Thread-safe: each thread gets its own connection pool and authentication state.
    """

    def __init__(self, endpoints: Endpoints, credentials: Credentials = Credentials(), *,
                 retry: Retry = Retry(), timeout: float = 300.0, on_retry: Callable[[str], None] | None = None):
        self.endpoints = endpoints
        self.credentials = credentials
        self.retry = retry
        self.timeout = timeout
        self.on_retry = on_retry
        self._local = threading.local()
        self._clients: list[httpx.Client] = []
        self._lock = threading.Lock()

    def _client(self) -> httpx.Client:
        client = getattr(self._local, "client", None)
        if client is None:
            client = httpx.Client(auth=_auth(self.credentials), timeout=httpx.Timeout(self.timeout, connect=10.0),
                                  headers={"User-Agent": f"ungakg/{_version()}"}, follow_redirects=True)
            self._local.client = client
            with self._lock:
                self._clients.append(client)
        return client

    def close(self) -> None:
        with self._lock:
            for client in self._clients:
                client.close()
            self._clients.clear()

    def __enter__(self) -> Remote:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the requests ----------------------------------------------------------------

    def send(self, method: str, url: str, *, what: str, ok: tuple[int, ...] = (), **kwargs) -> httpx.Response:
        """One request, tried again on transient failures; returns a 2xx response or one whose status is in ``ok``."""
        for attempt in range(self.retry.attempts):
            last = attempt == self.retry.attempts - 1
            try:
                response = self._client().request(method, url, **kwargs)
            except httpx.TransportError as error:
                if last:
                    raise RemoteError(f"{what}: {method} {url}: {_reason(error)} (after {self.retry.attempts} tries)") from None
                self._wait(attempt, None, f"{what}: {_reason(error)}")
                continue
            if response.is_success or response.status_code in ok:
                return response
            if _transient(response) and not last:
                self._wait(attempt, response.headers.get("retry-after"), f"{what}: {response.status_code} {response.reason_phrase}")
                continue
            raise RemoteError(f"{what}: {method} {url} answered {response.status_code} {response.reason_phrase}{_message(response)}"
                              + (f" (after {self.retry.attempts} tries)" if _transient(response) else ""), response.status_code)
        raise AssertionError("unreachable")

    def _wait(self, attempt: int, retry_after: str | None, why: str) -> None:
        delay = self.retry.delay(attempt, retry_after)
        if self.on_retry:
            self.on_retry(f"{why}; trying again in {delay:.1f} s")
        self.retry.sleep(delay)

    def select(self, query: str) -> list[dict[str, str]]:
        """A SELECT query's rows as {variable: value} (the lexical form of every term)."""
        response = self.send("POST", self.endpoints.query, what="query", data={"query": query},
                             headers={"Accept": "application/sparql-results+json"})
        try:
            results = json.loads(response.content)
            return [{k: v["value"] for k, v in row.items()} for row in results["results"]["bindings"]]
        except (ValueError, KeyError, TypeError) as error:
            raise RemoteError(f"query: {self.endpoints.query} did not answer SPARQL JSON results ({error}): {response.text[:200]!r}") from None

    def select_all(self, query: str, key: str, page: int = 5_000) -> list[dict[str, str]]:
        """Every row of a SELECT whose rows each have a distinct IRI in ``?{key}``, page by page.

        Stores cap the rows of one answer (Virtuoso at 10,000, OFFSET included), so
        pages are read by key, not by offset: ``query`` must hold the placeholder
        ``#AFTER`` where a FILTER on ``?{key}`` may go, and must not be ordered.
        """
        rows: list[dict[str, str]] = []
        after = ""
        while True:
            condition = f'FILTER(STR(?{key}) > "{_escape(after)}")' if after else ""
            batch = self.select(f"{query.replace('#AFTER', condition)}\nORDER BY ?{key}\nLIMIT {page}")
            rows += batch
            if len(batch) < page:
                return rows
            after = batch[-1][key]

    def update(self, text: str, what: str) -> None:
        if not self.endpoints.update:
            raise RemoteError(f"{what}: no SPARQL Update endpoint; give --update")
        self.send("POST", self.endpoints.update, what=what, data={"update": text})

    def put(self, graph: str, turtle: bytes, what: str) -> None:
        self._store("PUT", graph, turtle, what)

    def post(self, graph: str, turtle: bytes, what: str) -> None:
        self._store("POST", graph, turtle, what)

    def delete(self, graph: str, what: str) -> None:
        self._store("DELETE", graph, None, what, ok=(404,))

    def _store(self, method: str, graph: str, body: bytes | None, what: str, ok: tuple[int, ...] = ()) -> None:
        if not self.endpoints.store:
            raise RemoteError(f"{what}: no Graph Store endpoint; give --store")
        headers = {"Content-Type": "text/turtle; charset=utf-8"} if body is not None else {}
        self.send(method, self.endpoints.store, what=what, ok=ok, params={"graph": graph}, content=body, headers=headers)


def discover(query: str, update: str | None = None, store: str | None = None, credentials: Credentials = Credentials(),
             timeout: float = 30.0) -> Endpoints:
    """The store's endpoints: those given, else from its service description, else from its server's known layout."""
    if update and store:
        return Endpoints(query, update, store)
    found = []
    try:
        with httpx.Client(auth=_auth(credentials), timeout=timeout, follow_redirects=True) as client:
            response = client.get(query, headers={"Accept": "text/turtle, application/rdf+xml;q=0.8"})
    except httpx.TransportError as error:
        raise RemoteError(f"cannot reach {query}: {_reason(error)}") from None
    if response.status_code in (401, 403):
        raise RemoteError(f"{query} answered {response.status_code}: set UNGAKG_USER and UNGAKG_PASSWORD, or UNGAKG_TOKEN")
    described = _described_update(query, response)
    if described and not update:
        update = described
        found.append("update from the service description")
    layout = _layout(query, response.headers.get("server", ""))
    if layout:
        name, layout_update, layout_store = layout
        if not update and layout_update:
            update = layout_update
            found.append(f"update from {name}'s layout")
        if not store and layout_store:
            store = layout_store
            found.append(f"Graph Store from {name}'s layout")
    if not update and not store:
        raise RemoteError(f"{query}: found no update or Graph Store endpoint (no service description names one, and the "
                          f"server {response.headers.get('server', '(unnamed)')!r} is not one whose layout is known); give --update or --store")
    return Endpoints(query, update, store, "; ".join(found) or "given")


def _described_update(query: str, response: httpx.Response) -> str | None:
    if not response.is_success or "turtle" not in response.headers.get("content-type", ""):
        return None
    import pyoxigraph as ox  # only here, with the namespace: the service description is small, the CLI starts without them

    from mapper.rdf.namespaces import SD
    try:
        triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE, base_iri=query))
    except SyntaxError:
        return None
    services = {t.subject for t in triples if t.predicate == SD.supportedLanguage and t.object == SD.SPARQL11Update}
    for t in triples:
        if t.subject in services and t.predicate == SD.endpoint and isinstance(t.object, ox.NamedNode):
            return t.object.value
    return None


def _layout(query: str, server: str) -> tuple[str, str | None, str | None] | None:
    path = urlsplit(query).path
    if server.startswith("Oxigraph") and path.endswith("/query"):
        return "Oxigraph", urljoin(query, "update"), urljoin(query, "store")
    if server.startswith("Virtuoso") and path.endswith("/sparql"):
        return "Virtuoso", urljoin(query, "sparql-auth"), urljoin(query, "sparql-graph-crud-auth")
    if "Fuseki" in server and path.endswith(("/query", "/sparql")):
        return "Fuseki", urljoin(query, "update"), urljoin(query, "data")
    return None


def _auth(credentials: Credentials) -> httpx.Auth | None:
    if credentials.token or credentials.user:
        return ChallengeAuth(credentials)
    return httpx.NetRCAuth() if os.path.isfile(os.path.expanduser("~/.netrc")) else None


def _transient(response: httpx.Response) -> bool:
    if response.status_code in TRANSIENT_STATUS:
        return True
    return response.status_code == 500 and bool(_TRANSIENT_500.search(response.text[:2000]))


def _message(response: httpx.Response) -> str:
    text = response.text[:2000]
    if "html" in response.headers.get("content-type", ""):
        text = re.sub(r"<[^>]+>", " ", text)  # an HTML error page: its words
    text = re.sub(r"\s+", " ", text).strip()
    return f": {text[:400]}" if text else ""


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _version() -> str:
    from mapper import __version__
    return __version__
