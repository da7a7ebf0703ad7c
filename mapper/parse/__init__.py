"""Stage 1, parsing: a file's bytes in, a :class:`~mapper.core.model.Resolution` out (structure and metadata, no facts).

The chain, one module per step (:func:`parse_bytes` runs it):

1. :mod:`.source`: bytes to :class:`~.source.SourceText`, refused early if not UTF-8 text;
2. :mod:`.layouts`: the layout detected (ODS export, plain text, Markdown from the PDF, text extracted from the PDF)
   and the text cut into a :class:`~.draft.Draft` of heading, paragraph pieces, footnote texts, closing lines,
   annexes and lettered parts, joined by :mod:`.draft`'s rules (a PDF extraction's by :mod:`.grammar`, after
   :mod:`.furniture` took out the page furniture), with footnote markers carried as sentinels (:mod:`.footnotes`);
3. :mod:`.heading`: the heading, closing lines and trailer read into metadata;
4. :mod:`.structure`: the draft's paragraphs become preambular and operative paragraphs, headings, sub-paragraphs,
   annexes and footnotes, each traced to its source characters.

:mod:`.json` writes the model (with its facts, once :mod:`mapper.extract` has read them) as the JSON of
``ungakg parse --json``. Errors are :class:`~mapper.errors.InputError`\\ s naming the file and line.
"""

from mapper.parse.chain import parse_bytes

__all__ = ["parse_bytes"]
