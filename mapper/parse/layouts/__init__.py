"""Parsing, step 2: detect a text's layout and cut it into a :class:`~mapper.parse.draft.Draft`.

Layouts (see ``corpus/README.md``):

``ods``
    The Official Document System's plain-text export: tab-led paragraphs,
    footnotes listed after the closing lines, a trailer with ``<<ODS ...>>`` tags.
``plain``
    Plain text, one paragraph per line (blank lines between them or not),
    footnotes listed after the closing lines or absent.
``plain-inline-footnotes``
    Plain text whose footnote texts are pasted right after their markers.
``markdown``
    Markdown converted from the official PDF: italic lead phrases, ``<sup>``
    markers, ``[77/150](#)`` links, page breaks (``---``) followed by that
    page's footnotes, often in the middle of a paragraph.
``pdf``
    Text extracted from the official PDF (PyMuPDF and the like): front matter,
    the masthead, page furniture left in the text, markers in every form,
    footnotes collected at the end as ``[^n]:`` or left inline, annexes.

The user never names the layout: :func:`detect` scores the signs of each.
"""

from __future__ import annotations

import re

from mapper.parse.draft import Draft
from mapper.parse.layouts import markdown, pdf, plain
from mapper.parse.source import SourceText

_MD_SIGNS = (
    re.compile(r"<sup>\d+</sup>|\[\^\d+\]"),  # footnote markers
    re.compile(r"^\s*(?:\d+\.\s+)?[*_][A-Z][a-z]+(?: [a-z]+)*[*_]", re.M),  # italic lead phrases
    re.compile(r"\[[^\]\n]+\]\([^)\s]*\)"),  # links
    re.compile(r"^(?:-{3,}|\*{3,}|_{3,})\s*$", re.M),  # page breaks
    re.compile(r"\*\*[^*\n]+\*\*"),  # bold
)
_ODS_SIGNS = (
    re.compile(r"<<ODS [A-Z ]+\d?>>"),
    re.compile(r"^\t\d{1,3}\.\t", re.M),
    re.compile(r"^\t(?:Recalling|Noting|Recognizing|Reaffirming|Welcoming|Taking|Bearing|Having|Aware|Concerned|Convinced)\b", re.M),
)


# Italic lead phrases are what a Markdown conversion has and a text extraction never has.
_ITALIC_LEAD = _MD_SIGNS[1]


def detect(source: SourceText) -> str:
    """``pdf``, ``markdown``, ``ods`` or ``plain`` (refined to ``plain-inline-footnotes`` by the reader)."""
    text = source.text
    md = sum(1 for sign in _MD_SIGNS if sign.search(text))
    ods = sum(1 for sign in _ODS_SIGNS if sign.search(text))
    if pdf.signs(text) >= 2 and not _ITALIC_LEAD.search(text) and not ods:
        return "pdf"
    if md >= 2 and md > ods:
        return "markdown"
    if ods:
        return "ods"
    return "plain"


def read(source: SourceText) -> Draft:
    layout = detect(source)
    if layout == "pdf":
        return pdf.read(source)
    if layout == "markdown":
        return markdown.read(source)
    return plain.read(source, ods=layout == "ods")
