"""``ungakg serve``: the SPARQL endpoint and linked-data server, over a published folder.

In: the settings (:class:`~.config.Settings`, made by the CLI or by tests) and a
``published/`` tree with its store. Out: an ASGI application (:func:`create_app`)
that uvicorn runs behind the limits of :mod:`.http`. A request goes:

- :mod:`.http`: the head and body read within their sizes and times (408, 414, 431);
- :mod:`.middleware`: CORS, security headers, errors that never leak, gzip;
- :mod:`.app`: the routes, answered by the build being served (:mod:`.tree`);
- for SPARQL, :mod:`.protocol` reads the request, :mod:`.guard` reads the query text
  (updates, SERVICE targets, nesting) and :mod:`.negotiate` the media type; the query
  runs in a confined worker (:mod:`.sandbox`) of :mod:`.pool`, shared fairly among
  clients, with :mod:`.search`'s ``search:score``, and :mod:`.results` writes the answer;
- for a resource, :mod:`.linkeddata` reads what the store says of it and :mod:`.pages`
  renders it for people; :mod:`.service` is the Service Description;
- ``/search`` asks :mod:`.search` (the full-text index beside the store), the index pages
  ``/resolution/`` ... ask :mod:`.browse`.

Errors are :class:`~mapper.errors.RequestError`\\ s, answered with their status by one handler.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mapper.server.config import Settings

if TYPE_CHECKING:
    from mapper.server.app import create_app

__all__ = ["Settings", "create_app"]


def __getattr__(name: str) -> Any:  # the application (Starlette, uvicorn, the store) loads only when asked for
    if name == "create_app":
        from mapper.server.app import create_app

        return create_app
    raise AttributeError(name)
