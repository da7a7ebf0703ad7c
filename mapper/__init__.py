"""ungakg: General Assembly resolutions as a knowledge graph.

The pipeline is a chain of pure stages, one module per concern:

    bytes --source--> SourceText --layouts--> Draft --structure--> Resolution (model)

``mapper.parse.parse_bytes`` runs the whole chain for one file; the CLI
(``mapper.cli``) is the only place that reads files or the environment.
"""

__version__ = "0.1.0"
