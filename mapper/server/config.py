"""The server's settings: one frozen value, made by the CLI (``ungakg serve --help``) or by tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    published: Path = Path("published")
    timeout: float = 10.0  # seconds a query may run before its worker is killed
    row_cap: int = 10_000  # solutions or triples in one answer; more are cut, and the answer says so
    workers: int = 2  # queries running at once, each in its own process
    queue: int = 32  # queries waiting for a worker; past that, 503 at once
    queue_wait: float = 5.0  # seconds a query may wait for a worker before a 503 (apart from the time limit)
    per_client: int = 0  # queries one client address may run at once (0: half the workers, at least 1)
    max_request_bytes: int = 1_000_000  # a request body (or query string) larger than this is refused (413 / 414)
    worker_memory: int = 0  # bytes of data a query worker may hold (0: the machine's memory shared among the workers)
    allow_services: frozenset[str] = field(default_factory=frozenset)  # SERVICE targets a query may call
    listing: int = 200  # resolutions listed on the home page
