"""The series of resolutions and the lineage of their paragraphs as RDF (:mod:`mapper.extract.lineage`).

In the graph ``{base}graph/lineage``::

    series/A-RES-57-295  a unga:ResolutionSeries ; rdfs:label "Information and ... (series)" .
    resolution/A-RES-67-195  unga:inResolutionSeries series/A-RES-57-295 ;
                             unga:succeeds resolution/A-RES-64-187 .
    resolution/A-RES-67-195/para_1  unga:lineage "revised" ; unga:similarity 0.8431 ;
                                    unga:predecessor resolution/A-RES-64-187/para_1 ;
                                    prov:wasRevisionOf resolution/A-RES-64-187/para_1 .
    resolution/A-RES-67-195/para_2  unga:lineage "kept" ; unga:similarity 1.0 ;
                                    unga:predecessor resolution/A-RES-64-187/para_3 ;
                                    prov:wasDerivedFrom resolution/A-RES-64-187/para_3 .
    resolution/A-RES-67-195/para_9  unga:lineage "new" .
    resolution/A-RES-64-187/para_12 unga:droppedBy resolution/A-RES-67-195 .

``unga:predecessor`` is the direct link any query follows; the PROV term beside it
says how (a revision, or a paragraph carried over word for word). The standard terms
the ontology implies are added as in every graph (:mod:`mapper.rdf.entail`:
``schema:isPartOf`` beside ``unga:inResolutionSeries`` ...).
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Triple

from mapper.extract.lineage import Series, Succession
from mapper.rdf.entail import with_entailed
from mapper.rdf.iris import Iris
from mapper.rdf.namespaces import PROV, RDF, RDFS, UNGA, XSD
from mapper.rdf.terms import en, string


def lineage_triples(found: list[Series], successions: list[Succession], iris: Iris) -> list[Triple]:
    out: list[Triple] = []
    for s in found:
        node = NamedNode(iris.series(s.first))
        out += [Triple(node, RDF.type, UNGA.ResolutionSeries), Triple(node, RDFS.label, en(f"{s.title} (series)"))]
        out += [Triple(NamedNode(iris.resolution(m)), UNGA.inResolutionSeries, node) for m in s.members]
    for succession in successions:
        later, earlier = succession.resolution, succession.predecessor
        out.append(Triple(NamedNode(iris.resolution(later)), UNGA.succeeds, NamedNode(iris.resolution(earlier))))
        for link in succession.links:
            p = NamedNode(iris.part(later, link.paragraph))
            out.append(Triple(p, UNGA.lineage, string(link.kind)))
            if link.predecessor is None:
                continue
            source = NamedNode(iris.part(earlier, link.predecessor))
            how = PROV.wasRevisionOf if link.kind == "revised" else PROV.wasDerivedFrom
            out += [Triple(p, UNGA.similarity, Literal(f"{link.similarity:.4f}", datatype=XSD.decimal)),
                    Triple(p, UNGA.predecessor, source), Triple(p, how, source)]
        out += [Triple(NamedNode(iris.part(earlier, d)), UNGA.droppedBy, NamedNode(iris.resolution(later))) for d in succession.dropped]
    return sorted(set(with_entailed(out)), key=str)
