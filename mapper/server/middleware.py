"""What every response passes through: CORS, errors that never leak, compression when asked for.

Pure ASGI and minimal, because every request pays for it (Starlette's own CORS
and GZip middlewares wrap every response, whether or not the client asked).
"""

from __future__ import annotations

import logging
import secrets

from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import ClientDisconnect
from starlette.responses import PlainTextResponse, Response

log = logging.getLogger("ungakg.server")

ALLOW_METHODS = b"GET, HEAD, POST, OPTIONS"
ALLOW_HEADERS = b"Accept, Content-Type"
EXPOSE = b"X-SPARQL-MaxRows, X-Query-Seconds, Content-Location, Link, ETag"
# Every answer: nothing but this server's own scripts, styles and images; no framing; no type sniffing.
# (The pages' JSON-LD and settings are data blocks, which script-src does not govern.)
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class Edge:
    """CORS for browsers without credentials (``*``, never ``Allow-Credentials``), the security headers
    (``SECURITY``: a Content-Security-Policy and nosniff on every answer), and any error a route
    did not answer turned into a 500 with an id: the log has the traceback, the client only the id.
    A client that hangs up during its upload is one line in the log."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if scope["method"] == "OPTIONS" and b"origin" in headers and b"access-control-request-method" in headers:
            await Response(status_code=204, headers={
                "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": ALLOW_METHODS.decode(),
                "Access-Control-Allow-Headers": ALLOW_HEADERS.decode(), "Access-Control-Max-Age": "86400",
            })(scope, receive, send)
            return
        started = False

        async def send_with_cors(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                own = {name.lower() for name, _ in headers}  # a route may set a policy of its own (the ontology's page)
                message["headers"] = headers + [(b"access-control-allow-origin", b"*"), (b"access-control-expose-headers", EXPOSE),
                                                *(h for h in SECURITY if h[0] not in own)]
            await send(message)

        try:
            await self.app(scope, receive, send_with_cors)
        except ClientDisconnect:  # the client went away mid-upload: nobody to answer, nothing to debug
            client = scope.get("client")
            log.info("%s hung up during its %s %s upload", f"{client[0]}:{client[1]}" if client else "a client", scope["method"], scope["path"])
        except Exception:
            error_id = secrets.token_hex(6)
            log.exception("internal error %s on %s %s", error_id, scope["method"], scope["path"])
            if not started:
                response = PlainTextResponse(f"internal error (id {error_id}); the server's log has the details\n", status_code=500)
                await response(scope, receive, send_with_cors)


class Gzip(GZipMiddleware):
    """Starlette's GZip, out of the way of clients that do not ask for it."""

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and b"gzip" not in dict(scope["headers"]).get(b"accept-encoding", b""):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)
