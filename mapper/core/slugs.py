"""Names as identifiers: the one rule that turns a name into the slug of an IRI or an authority key."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "ı": "i", "þ": "th",
                          # dashes and hyphens of every kind separate words ("2024–2025", "Non‑Proliferation")
                          "–": "-", "—": "-", "‐": "-", "‑": "-"})


def slugify(text: str) -> str:
    """``"Second Committee"`` -> ``second-committee``; ``"João Pessoa"`` -> ``joao-pessoa``."""
    ascii_ = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
