"""One error hierarchy: every exception class ungakg defines is in mapper.errors, under UngakgError."""

from __future__ import annotations

import ast
import inspect
import pickle
from pathlib import Path

import pytest

import mapper
from mapper import errors

PACKAGE = Path(mapper.__file__).parent
CLASSES = [c for _, c in inspect.getmembers(errors, inspect.isclass) if c.__module__ == errors.__name__]


def test_every_error_is_an_ungakg_error_and_drawn_in_the_docstring():
    assert CLASSES
    for cls in CLASSES:
        assert issubclass(cls, errors.UngakgError), cls
        assert cls.__doc__, cls
        assert cls.__name__ in errors.__doc__, f"{cls.__name__} is not in the hierarchy drawn in mapper/errors.py"


def test_no_module_defines_an_exception_of_its_own():
    """A class deriving from an exception anywhere else in the package breaks the one hierarchy."""
    names = {c.__name__ for c in CLASSES} | {"Exception", "ValueError", "RuntimeError", "OSError", "BaseException"}
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "errors.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                if bases & names:
                    found.append(f"{path.relative_to(PACKAGE)}: {node.name}")
    assert found == []


@pytest.mark.parametrize("error", [
    errors.Refused(403, "read-only"),
    errors.NotAcceptable(("text/turtle", "application/n-triples"), "; see /download/"),
    errors.NotXml("U+0001 cannot be carried"),
    errors.QueryFailed(503, "busy", retry_after=1),
])
def test_request_errors_carry_their_status_through_a_pipe(error):
    """Query workers send them to the server pickled: status, message and headers must survive."""
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and isinstance(back, errors.RequestError)
    assert (back.status, back.message, back.headers) == (error.status, error.message, error.headers)


def test_the_statuses_and_headers():
    assert errors.NotAcceptable(("text/turtle",)).status == 406 and errors.NotXml("x").status == 406
    assert errors.QueryFailed(503, "busy", retry_after=2).headers == {"Retry-After": "2"}
    assert errors.QueryFailed(400, "syntax").headers == {}
    assert "text/turtle" in errors.NotAcceptable(("text/turtle",)).message


def test_an_input_error_names_the_file_and_the_line():
    e = errors.StructureError("expected 3, found 4", line=12).with_path("corpus/A-RES-1-1.txt")
    assert isinstance(e, errors.StructureError) and str(e) == "corpus/A-RES-1-1.txt:12: expected 3, found 4"
