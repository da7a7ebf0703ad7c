"""Values every stage shares, and nothing else: no I/O, no rdflib, no rules of reading (those are in parse and extract).

- :mod:`.text`: :class:`~.text.MappedText`, text that remembers which source character each of its characters came from;
- :mod:`.symbols`: :class:`~.symbols.ResolutionSymbol` and document symbols, parsed and printed by one class;
- :mod:`.model`: the typed model of a resolution (:class:`~.model.Resolution`, its paragraphs, sub-paragraphs and
  footnotes), what :mod:`mapper.parse` yields and every later stage reads;
- :mod:`.facts`: what a unit's text says (citations, mentions, mandates, topics, figures), filled in by :mod:`mapper.extract`;
- :mod:`.slugs`: the one way a name becomes an identifier (``"Second Committee"`` -> ``second-committee``).
"""
