"""A real HTTP reverse proxy on loopback, in front of a real store, that misbehaves on purpose.

It forwards every request to the store and can, as a test asks:

- demand credentials (HTTP basic or a bearer token) and answer 401 without them;
- fail the first ``transient`` requests with 503 and ``Retry-After: 0``, and
  drop the connection of the next ``drops`` requests without an answer;
- refuse, with 400, every request whose query string names ``refuse_graph``;
- slow every Graph Store PUT by ``delay`` seconds;
- drop the last line of a PUT body for ``damage_graph`` (the store then holds
  one triple fewer than published).

It records the method, path and query of every request it saw.
"""

from __future__ import annotations

import base64
import http.client
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit


@dataclass
class Faults:
    user: str | None = None
    password: str | None = None
    token: str | None = None
    transient: int = 0
    drops: int = 0
    refuse_graph: str | None = None
    delay: float = 0.0
    damage_graph: str | None = None
    seen: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@contextmanager
def proxy(target: str, faults: Faults) -> Iterator[str]:
    """Serve on a free loopback port; yields the URL that stands for ``target`` (``http://host:port``)."""
    upstream = urlsplit(target)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def _answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _handle(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            query = unquote(urlsplit(self.path).query)
            with faults.lock:
                faults.seen.append((self.command, self.path))
                transient = faults.transient > 0
                faults.transient -= transient
                drop = not transient and faults.drops > 0
                faults.drops -= drop
            if faults.user and self.headers.get("Authorization") != "Basic " + base64.b64encode(f"{faults.user}:{faults.password}".encode()).decode():
                return self._answer(401, b"who are you?", {"WWW-Authenticate": 'Basic realm="proxy"'})
            if faults.token and self.headers.get("Authorization") != f"Bearer {faults.token}":
                return self._answer(401, b"no token", {"WWW-Authenticate": 'Bearer realm="proxy"'})
            if transient:
                return self._answer(503, b"busy, come back", {"Retry-After": "0"})
            if drop:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if faults.refuse_graph and faults.refuse_graph in query:
                return self._answer(400, b"this proxy refuses that graph")
            if self.command == "PUT":
                time.sleep(faults.delay)
                if faults.damage_graph and faults.damage_graph in query:
                    body = b"".join(body.splitlines(keepends=True)[:-1])
            connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "authorization", "connection")}
            connection.request(self.command, self.path, body=body or None, headers=headers)
            response = connection.getresponse()
            data = response.read()
            keep = {k: v for k, v in response.getheaders() if k.lower() in ("content-type", "retry-after", "www-authenticate")}
            connection.close()
            self._answer(response.status, data, keep)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
