"""Stage 2, extraction: a parsed resolution in, the same resolution with its facts out.

Pure: ``annotate(resolution)`` returns a copy whose paragraphs,
sub-paragraphs and footnotes carry :class:`mapper.core.facts.Facts`. Units are read
in document order (preamble, operative part, footnotes) because short forms
("the Commission", "the Summit") refer back to what was named before. A
footnote's citations take the verb of the clause its first marker stands in:
footnote 1 of "Recalling its resolution ...,1" recalls what it lists.

One module per kind of fact: :mod:`.citations` (by symbol), :mod:`.instruments`
(by name), :mod:`.bodies`, :mod:`.events`, :mod:`.places`, :mod:`.mandates`,
:mod:`.topics` (and a resolution's subjects), :mod:`.figures`; :mod:`.gazetteer`
finds the phrases of the word lists and authority data of ``mapper/lexicon/data/``.
Facts found by pattern say ``known=False``, by a short form ``anaphoric``, and
those of a unit the parser repaired sit in a unit that says ``repaired``.

Across resolutions, :mod:`.lineage` groups them into series and traces each paragraph
of a member to its predecessor's (what changed since last year).
"""

from mapper.extract.reader import annotate, read

__all__ = ["annotate", "read"]
