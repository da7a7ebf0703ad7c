"""Stage 3, mapping: the model with its facts in, RDF triples out, and those triples checked against the shapes.

- :mod:`.namespaces`: every namespace and the terms the mapper may use, checked against ``ontology/``;
- :mod:`.iris`: every IRI ungakg mints, in one place, from stable identifiers only;
- :mod:`.terms`: literals, links and small descriptions every mapping module writes the same way;
- :mod:`.resolution`: a resolution, its parts, footnotes and provenance as triples (pure);
- :mod:`.facts`: the facts of each part as triples (pure);
- :mod:`.schemes`: the vocabulary graph, the concept schemes and authority records every graph points into;
- :mod:`.entail`: the standard terms (ELI, schema.org, CiTO ...) the ontology's alignment implies, added to every graph;
- :mod:`.jsonld`: JSON-LD compacted with the project's prefixes as its context;
- :mod:`.validate`: SHACL validation of one graph, with the shapes of ``shapes/``;
- :mod:`.resources`: where ``ontology/`` and ``shapes/`` are.
"""
