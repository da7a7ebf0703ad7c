"""ungakg: General Assembly resolutions as a knowledge graph.

A chain of pure stages with typed values between them, one package per stage;
each package imports only the packages below it (an import-linter contract)::

    cli                                   the command: arguments in, exit status out
    server | remote                       ungakg serve | ungakg push, ungakg query
    publish                               ungakg build: every file through the stages, published/ swapped in whole
    rdf          Resolution -> triples     stage 3: mapping, and SHACL validation
    extract      Resolution -> Resolution  stage 2: the facts of every unit
    parse        bytes -> Resolution       stage 1: layouts, structure, metadata
    lexicon                               words and authority files, as data
    core                                  the values every stage shares (the model, symbols, mapped text)

One resolution travels: :func:`mapper.parse.parse_bytes` reads its bytes into a
:class:`~mapper.core.model.Resolution`; :func:`mapper.extract.annotate` adds the facts
of each paragraph, sub-paragraph and footnote; :func:`mapper.rdf.resolution.resolution_triples`
maps it to triples, which :func:`mapper.rdf.validate.validate` checks against the shapes;
:mod:`mapper.publish` writes every resolution's graph into the dumps and the store; and
:mod:`mapper.server` answers SPARQL and pages from them. Errors are one hierarchy,
:mod:`mapper.errors`. Files, the network and the environment are touched only by the
edges: the CLI, publishing, the server and the remote stores.
"""

__version__ = "0.1.0"
