"""One error hierarchy for the whole package.

Every error that reaches the user names the file, the place (a line, where
one applies) and what was expected; the CLI prints ``str(error)`` as one line,
and the server answers a :class:`RequestError` with its status and message::

    UngakgError
    ├── InputError            a source file that cannot be read as a resolution (path, line)
    │   ├── EncodingError         not UTF-8 text
    │   ├── NotAResolutionError   readable, but not a General Assembly resolution
    │   ├── TruncatedError        stops before the resolution ends
    │   └── StructureError        breaks a rule of a resolution's structure
    ├── AuthorityError        an authority file of mapper/lexicon/data/ breaks its own rules
    ├── DatasetError          a published folder that cannot be read back
    ├── RemoteError           another store refused, or kept failing after every retry (status)
    ├── SandboxError          the query workers cannot be confined on this machine
    └── RequestError          a request the server answers with an error (status, headers)
        ├── Refused               asks what the endpoint does not do, or more than it gives (400, 403, 405, 413, 414, 415, 429, 503)
        ├── NotAcceptable         no offered media type is acceptable (406)
        ├── NotXml                an answer that XML 1.0 cannot carry (406)
        └── QueryFailed           the query could not be answered (400, 406, 429, 500, 503)

Errors below the CLI and the server know no paths: :meth:`InputError.with_path`
locates them.
"""

from __future__ import annotations


class UngakgError(Exception):
    """Base of every error ungakg raises on purpose."""


class InputError(UngakgError):
    """A source file that cannot be read as a resolution text."""

    def __init__(self, message: str, *, path: str = "<input>", line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def with_path(self, path: str) -> InputError:
        """The same error, located in ``path`` (stages below the CLI know no paths)."""
        return type(self)(self.message, path=path, line=self.line)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class EncodingError(InputError):
    """The bytes are not UTF-8 text (empty, binary, or another encoding)."""


class NotAResolutionError(InputError):
    """The text is readable but is not a General Assembly resolution."""


class TruncatedError(InputError):
    """The text stops before the resolution ends."""


class StructureError(InputError):
    """The text breaks a rule of a resolution's structure (numbering, order)."""


class AuthorityError(UngakgError):
    """An authority file of ``mapper/lexicon/data/`` that breaks its own rules (a field, a key, a cross-reference)."""


class DatasetError(UngakgError):
    """A published folder that cannot be read back (its VoID description, its dumps)."""


class RemoteError(UngakgError):
    """A permanent failure of another store: it refused, or kept failing after every retry."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class SandboxError(UngakgError):
    """The query workers cannot be confined on this machine; the message says why and what to do."""


class RequestError(UngakgError):
    """A request the server answers with ``status``, ``message`` as plain text, and ``headers``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

    def __reduce__(self):  # sent from a query worker through a pipe
        return type(self), (self.status, self.message, self.headers)


class Refused(RequestError):
    """The request asks what this endpoint does not do (an update, a SERVICE call, too much)."""


class NotAcceptable(RequestError):
    """None of the media types the client accepts can be given; ``offered`` are those that can."""

    def __init__(self, offered: tuple[str, ...], hint: str = ""):
        super().__init__(406, "none of the requested media types can be given; this resource is available as "
                         + ", ".join(offered) + hint)
        self.offered = offered
        self.hint = hint

    def __reduce__(self):
        return NotAcceptable, (self.offered, self.hint)


class NotXml(RequestError):
    """An answer that XML 1.0 cannot carry (a character, a predicate that ends in no XML name); says which formats can."""

    def __init__(self, message: str):
        super().__init__(406, message)

    def __reduce__(self):
        return NotXml, (self.message,)


class QueryFailed(RequestError):
    """The query could not be answered: a syntax error, a result the format cannot carry, a limit reached."""

    def __init__(self, status: int, message: str, retry_after: int | None = None):
        super().__init__(status, message, {"Retry-After": str(retry_after)} if retry_after else None)
        self.retry_after = retry_after

    def __reduce__(self):
        return QueryFailed, (self.status, self.message, self.retry_after)
