"""``ungakg serve``: the SPARQL endpoint and linked-data server (see ``app`` for the routes)."""

from .app import create_app
from .config import Settings

__all__ = ["Settings", "create_app"]
