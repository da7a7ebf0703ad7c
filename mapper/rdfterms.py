"""Literals and links every mapping module writes the same way."""

from __future__ import annotations

from datetime import date

from pyoxigraph import Literal, NamedNode

from .iris import UNDOCS
from .lexicon import ORDINAL_NAMES
from .vocab import XSD


def string(value: str) -> Literal:
    return Literal(value)


def en(value: str) -> Literal:
    return Literal(value, language="en")


def integer(value: int, datatype: NamedNode = XSD.positiveInteger) -> Literal:
    return Literal(str(value), datatype=datatype)


def day(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD.boolean)


def official_text(symbol: str) -> NamedNode:
    """Where undocs.org serves the official text of a symbol."""
    return NamedNode(UNDOCS + symbol.replace(" ", ""))


def session_label(session: int | str) -> str:
    if isinstance(session, str):
        kind, n = session.split("-")
        word = ORDINAL_NAMES.get(int(n), n)
        return f"{word} {'emergency special' if kind == 'ES' else 'special'} session of the General Assembly"
    return f"{ORDINAL_NAMES.get(session, str(session))} session of the General Assembly"
