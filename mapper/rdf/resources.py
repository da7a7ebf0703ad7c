"""Where the ontology and the shapes are: the project's own folders, not copies.

In a checkout (or an editable install) they sit beside the package; after a
plain ``pip install .`` the command runs from the project folder, as it reads
``corpus/`` from there too.
"""

from __future__ import annotations

from pathlib import Path

from mapper.errors import UngakgError

_CHECKOUT = Path(__file__).resolve().parents[2]


def resource(relative: str) -> Path:
    """``ontology/ungakg.ttl`` or ``shapes/ungakg-shapes.ttl``, from the checkout, else the working folder."""
    for root in (_CHECKOUT, Path.cwd()):
        path = root / relative
        if path.is_file():
            return path
    raise UngakgError(f"{relative} not found: run ungakg from the project folder (where corpus/, ontology/ and shapes/ are)")
