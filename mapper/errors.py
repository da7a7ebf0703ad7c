"""One error hierarchy for the whole package.

Every error that reaches the user names the file, the place (a line, where
one applies) and what was expected; the CLI prints ``str(error)`` as one line.
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

    def with_path(self, path: str) -> "InputError":
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
