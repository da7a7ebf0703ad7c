"""The server's settings: one frozen value, made by the CLI (``ungakg serve --help``) or by tests.

The fields are also the table of ``ungakg serve``'s options: each field that has an
:class:`Option` becomes ``--field-name``, with its help, its metavar and its default,
so the defaults and the help text are written once, here.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("expected 1 or more")
    return n


def positive_float(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {value!r}") from None
    if not x > 0:
        raise argparse.ArgumentTypeError("expected more than 0")
    return x


@dataclass(frozen=True)
class Option:
    """How ``ungakg serve`` offers a setting."""

    help: str
    metavar: str
    parse: Callable[[str], Any]
    shown: str | None = None  # the default as --help words it, where the field's value would mislead
    cli_default: Callable[[], Any] | None = None  # the command's default, where it is not the field's
    unit: int = 1  # the setting holds the option's value times this (MB -> bytes)
    flag: str | None = None  # the option's name, where it is not --field-name
    repeated: bool = False  # given once per value (a frozenset of them)


def _option(default: Any, help: str, metavar: str, parse: Callable[[str], Any], **more: Any) -> Any:
    return field(default=default, metadata={"option": Option(help, metavar, parse, **more)})


def cores() -> int:
    return max(2, os.cpu_count() or 2)


@dataclass(frozen=True)
class Settings:
    published: Path = _option(Path("published"), "folder written by `ungakg build`", "DIR", Path)
    timeout: float = _option(10.0, "seconds a query may run before it is stopped", "S", positive_float)
    row_cap: int = _option(10_000, "most rows or triples in one answer; more are cut, and the answer says so", "N", positive_int)
    workers: int = _option(2, "queries run at once, each in its own process", "N", positive_int,
                           shown="the number of cores, at least 2", cli_default=cores)
    queue: int = _option(32, "queries that may wait for a worker; more get 503 at once", "N", positive_int)
    queue_wait: float = _option(5.0, "seconds a query may wait for a worker, apart from the time limit, before it gets 503", "S",
                                positive_float)
    per_client: int = _option(0, "queries one client address may run at once", "N", positive_int,
                              shown="half the workers, at least 1")
    worker_memory: int = _option(0, "memory a query worker may hold; past it the query fails with 500", "MB", positive_int,
                                 shown="the machine's memory divided by the workers plus two", unit=1 << 20)
    max_request_bytes: int = _option(1_000_000, "largest request body or query string; larger gets 413 or 414", "N", positive_int)
    header_timeout: float = _option(10.0, "seconds a request's line and headers may take to arrive; slower gets 408", "S",
                                    positive_float)
    body_timeout: float = _option(30.0, "seconds a request's body may take to arrive after its headers; slower gets 408", "S",
                                  positive_float)
    allow_services: frozenset[str] = _option(frozenset(), "an endpoint that SERVICE clauses may call; repeat it for more", "URL", str,
                                             shown="none, SERVICE is refused", flag="--allow-service", repeated=True)
    listing: int = 200  # resolutions listed on the home page
