"""Other stores: ``ungakg push`` and ``ungakg query``, over the SPARQL 1.1 Protocol and Graph Store Protocol.

- :mod:`.client`: where another store's endpoints are, who we are to it, and trying again;
- :mod:`.push`: the published dataset sent graph by graph, with a ledger of what the store holds;
- :mod:`.query`: a SPARQL query file run against any endpoint, through SPARQLWrapper.
"""
