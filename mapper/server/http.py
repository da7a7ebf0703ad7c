"""The HTTP edge: how much of a request the server reads, and for how long, before the app sees it.

uvicorn's httptools protocol, with the limits a public server needs and it
does not have (https://www.rfc-editor.org/rfc/rfc9110#name-status-codes):

- a request's head (request line and headers) must arrive within ``head_seconds``
  of its first byte (or of the connection, for the first request): slowloris
  connections that trickle a header every few seconds are closed with 408;
- the head may hold at most ``url_bytes`` of request target (else 414, as the
  SPARQL Protocol says for a query string too long) and ``header_bytes`` of
  headers (else 431), counted as the bytes arrive, before httptools buffers them;
- a request's body must arrive within ``body_seconds`` of its head (else 408):
  a stalled upload holds no memory for long. Its size is bounded by the app (413).

The app itself never sees a request that breaks these. These answers, and uvicorn's own 400
for a request httptools cannot read, carry the security headers of every answer.
"""

from __future__ import annotations

import asyncio
import logging

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from mapper.server.middleware import SECURITY

log = logging.getLogger("ungakg.server")

REASONS = {400: b"Bad Request", 408: b"Request Timeout", 414: b"URI Too Long", 431: b"Request Header Fields Too Large"}


def limited(url_bytes: int, header_bytes: int = 32_768, head_seconds: float = 10.0, body_seconds: float = 30.0) -> type:
    """The protocol class for uvicorn (``Config(http=...)``), with these limits."""

    class Limited(_Limited):
        pass

    Limited.url_bytes, Limited.header_bytes = url_bytes, header_bytes
    Limited.head_seconds, Limited.body_seconds = head_seconds, body_seconds
    return Limited


class _Limited(HttpToolsProtocol):
    url_bytes = 1_000_000
    header_bytes = 32_768
    head_seconds = 10.0
    body_seconds = 30.0

    def connection_made(self, transport):
        super().connection_made(transport)
        self._head: int | None = 0  # bytes of the current request's head received so far; None once the head is complete
        self._url = self._fields = 0
        self._timer: asyncio.TimerHandle | None = self.loop.call_later(self.head_seconds, self._too_slow, "head")

    def connection_lost(self, exc):
        self._cancel()
        super().connection_lost(exc)

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def data_received(self, data: bytes) -> None:
        if self.transport.is_closing():  # refused: nothing more is read
            return
        if self._head is None:
            super().data_received(data)
            return
        self._head += len(data)
        super().data_received(data)  # httptools counts the request target as it parses it (on_url)
        # What is not the target is headers: checked after each chunk, before httptools has buffered much more.
        if self._head is not None and not self.transport.is_closing() and self._head - self._url > self.header_bytes:
            self._refuse(431, f"the request's headers are over {self.header_bytes} bytes")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._url = self._fields = 0
        if self._head is None:  # the next request on a kept-alive connection: its head has its own deadline
            self._head = 0
            self._cancel()
            self._timer = self.loop.call_later(self.head_seconds, self._too_slow, "head")

    def on_url(self, url: bytes) -> None:
        if self.transport.is_closing():
            return
        self._url += len(url)
        if self._url > self.url_bytes:
            self._refuse(414, f"the request target is over {self.url_bytes} bytes; POST the query instead")
            return
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._fields += len(name) + len(value) + 4
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if self.transport.is_closing():  # refused while the head was parsed: the app never sees it
            return
        if self._fields > self.header_bytes:  # a whole head that came in one chunk
            self._refuse(431, f"the request's headers are over {self.header_bytes} bytes")
            return
        self._head = None
        self._cancel()
        self._timer = self.loop.call_later(self.body_seconds, self._too_slow, "body")
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self.transport.is_closing():
            super().on_body(body)

    def on_message_complete(self) -> None:
        self._cancel()
        if not self.transport.is_closing():
            super().on_message_complete()

    def _too_slow(self, part: str) -> None:
        self._timer = None
        if self.transport.is_closing():
            return
        if part == "head" and not self._head:  # an idle connection that never started a request: just close it
            self.transport.close()
            return
        seconds = self.head_seconds if part == "head" else self.body_seconds
        log.info("%s: the request's %s did not arrive within %g s; connection closed", _peer(self.client), part, seconds)
        if self.cycle is not None and part == "body":
            self.cycle.disconnected = True  # the app's receive() says http.disconnect
            self.cycle.message_event.set()
        self._refuse(408, f"the request's {part} did not arrive within {seconds:g} s", started=part == "body")

    def _refuse(self, status: int, message: str, started: bool = False) -> None:
        """Answer ``status`` and close, unless a response has begun (then only close)."""
        if self.transport.is_closing():
            return
        if not (started and self.cycle is not None and self.cycle.response_started):
            self.transport.write(_answer(status, message))
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a request httptools cannot read, with the headers every answer carries."""
        self.transport.write(_answer(400, msg))
        self.transport.close()


def _answer(status: int, message: str) -> bytes:
    body = (message + "\n").encode()
    head = b"".join(b"%s: %s\r\n" % h for h in SECURITY)
    return (b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: %d\r\n%sconnection: close\r\n\r\n%s"
            % (status, REASONS[status], len(body), head, body))


def _peer(client) -> str:
    return f"{client[0]}:{client[1]}" if client else "a client"
