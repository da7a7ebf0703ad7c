"""Stage 4, publishing: the I/O of ``ungakg build``, from a corpus folder to a complete ``published/`` tree.

- :mod:`.pipeline`: the command from end to end, all or nothing;
- :mod:`.worker`: one file through parse, extract, map, validate and serialize, in a worker process;
- :mod:`.folder`: the dumps written aside (Turtle, N-Triples, N-Quads, JSON-LD), checksums, and the new tree swapped in whole;
- :mod:`.void`: the dataset's VoID and DCAT description;
- :mod:`.store`: the embedded store the server reads, built from the dumps;
- :mod:`.docs`: the ontology's documentation page;
- :mod:`.readback`: the published dataset read back graph by graph, for the server and for other stores.
"""
