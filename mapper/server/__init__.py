"""``ungakg serve``: the SPARQL endpoint and linked-data server (see ``app`` for the routes)."""

from mapper.server.app import create_app
from mapper.server.config import Settings

__all__ = ["Settings", "create_app"]
