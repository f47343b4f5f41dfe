"""Records -> RDF. IRIs are minted from record ids; no blank node stands for an entity."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS, XSD

from mfkg.curation import schema
from mfkg.curation.load import Loaded, Records
from mfkg.namespaces import COMMERCIAL, MFKG, ONTOLOGY_IRI, entity_iri, expand_curie
from mfkg.project import DEFAULT_ONTOLOGY
from mfkg.rdf.fields import CLAIM_PROPERTIES, LINEAGE_PROPERTIES, MAPS, NOT_FOUND_FIELDS, ROLE_PROPERTIES, F, NodeMap
from mfkg.rdf.oxio import read_rdf
from mfkg.rdf.serialise import new_graph

# modality category -> OWL class the modality is typed into
CATEGORY_CLASSES: dict[str, URIRef] = {
    "cell": MFKG.CellModality, "bulk": MFKG.BulkModality, "epigenome": MFKG.EpigenomeModality,
    "spatial": MFKG.SpatialModality, "protein": MFKG.ProteinModality,
    "molecular": MFKG.MolecularStructureModality, "dna": MFKG.DNAModality,
    "rna": MFKG.RNASequenceModality, "image": MFKG.ImageModality, "text": MFKG.TextModality,
    "chemical": MFKG.ChemicalModality, "perturbation": MFKG.PerturbationModality,
    "network": MFKG.NetworkModality, "physiology": MFKG.PhysiologyModality,
}


def literal(value: Any, f: F) -> Literal:
    if f.lang:
        return Literal(str(value), lang=f.lang)
    if f.datatype == XSD.string:
        return Literal(str(value))   # RDF 1.1: a plain literal is an xsd:string; one canonical form
    if f.datatype is not None:
        return Literal(value, datatype=f.datatype)
    if isinstance(value, bool):
        return Literal(value, datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(Decimal(repr(value)), datatype=XSD.decimal)
    return Literal(str(value))


class _Builder:
    def __init__(self, catalog: Records, graph: Graph | None = None):
        self.catalog = catalog
        self.g = graph if graph is not None else new_graph()
        self.claim_kind = {f"{x.id}/{c.id}": "model" for x in catalog.of("model") for c in x.record.claims}
        self.claim_kind.update({f"{x.id}/{c.id}": "dataset" for x in catalog.of("dataset") for c in x.record.claims})

        self.owner: URIRef = URIRef(MFKG)   # the record whose nested nodes are being built

    def add(self, s: URIRef, p: URIRef, o: Any) -> None:
        self.g.add((s, p, o))

    def node(self, subject: URIRef, record: Any, nmap: NodeMap) -> None:
        self.add(subject, RDF.type, nmap.rdf_type)
        for f in nmap.fields:
            value = record if f.field == "" else getattr(record, f.field, None)
            if value is None:
                continue
            single = not isinstance(value, list)
            values = [value] if single else value
            for i, v in enumerate(values):
                if f.as_ == "inline":
                    assert f.node is not None
                    for sub in f.node.fields:
                        inner = getattr(v, sub.field, None)
                        if inner is not None:
                            self.add(subject, sub.predicate, literal(inner, sub))
                elif f.as_ == "node":
                    assert f.node is not None
                    if single and not f.node.key:
                        child = URIRef(f"{subject}/{f.node.segment}")
                    else:
                        key = getattr(v, f.node.key) if f.node.key else str(i + 1)
                        child = URIRef(f"{subject}/{f.node.segment}/{key}")
                    self.add(subject, f.predicate, child)
                    self.node(child, v, f.node)
                elif f.as_ == "ref":
                    self.add(subject, f.predicate, entity_iri(f.target or "", v))
                elif f.as_ == "enum":
                    self.add(subject, f.predicate, URIRef(f"{f.target}{v}"))
                elif f.as_ == "iri":
                    self.add(subject, f.predicate, URIRef(v))
                elif f.as_ == "variant":
                    self.add(subject, f.predicate, URIRef(f"{self.owner}/variant/{v}"))
                elif f.as_ == "claim":
                    self.add(subject, f.predicate, URIRef(f"{self.owner}/claim/{v}"))
                elif f.as_ == "doi":
                    self.add(subject, f.predicate, URIRef(f"https://doi.org/{v}"))
                else:
                    self.add(subject, f.predicate, literal(v, f))

    def claim_iri(self, qualified: str) -> URIRef:
        entity, _, claim = qualified.partition("/")
        return URIRef(f"{entity_iri(self.claim_kind[qualified], entity)}/claim/{claim}")

    def record(self, loaded: Loaded) -> None:
        kind = loaded.kind.name
        if kind not in MAPS:
            return
        subject = entity_iri(kind, loaded.id)
        self.owner = subject
        self.node(subject, loaded.record, MAPS[kind])
        self.add(subject, MFKG.sourceFile, Literal(loaded.doc.source))
        extra = EXTRAS.get(kind)
        if extra:
            extra(self, subject, loaded.record)

    def not_found_rows(self) -> None:
        """Looked-for-and-not-found statements about vocabulary entries and publications."""
        counters: dict[str, int] = {}
        for loaded in self.catalog.of("not-found"):
            row: schema.NotFoundRow = loaded.record
            kind, _, id_ = row.about.partition("/")
            about = entity_iri(kind, id_)
            counters[row.about] = n = counters.get(row.about, 0) + 1
            node = URIRef(f"{about}/not-found/{n}")
            self.owner = about
            self.add(about, MFKG.hasNotFoundStatement, node)
            self.node(node, row, NodeMap(MFKG.NotFoundStatement, NOT_FOUND_FIELDS))
            self.add(node, MFKG.notFoundAbout, about)
            self.add(node, MFKG.sourceFile, Literal(loaded.doc.source))

    def mappings(self) -> None:
        for loaded in self.catalog.of("mapping"):
            row: schema.MappingRow = loaded.record
            kind, _, id_ = row.subject.partition("/")
            pred = SKOS[row.predicate.split(":", 1)[1]]
            self.add(entity_iri(kind, id_), pred, expand_curie(row.object))


# --- rules that are not field -> predicate ---------------------------------------------------
def _model(b: _Builder, s: URIRef, m: schema.Model) -> None:
    b.add(s, RDF.type, MFKG.FoundationModel if m.kind == "foundation-model" else MFKG.Method)
    if m.publications:
        b.add(s, MFKG.primaryPublication, entity_iri("publication", m.publications[0]))
    _claims(b, s, m.claims)
    _facets(b, s, m)
    for use in m.modalities:
        mod = entity_iri("modality", use.modality)
        for role in use.roles:
            b.add(s, ROLE_PROPERTIES[role], mod)
        b.add(s, MFKG.usesModality, mod)
        if use.tokenizer:
            b.add(s, MFKG.usesTokenizer, entity_iri("tokenizer", use.tokenizer))
    for lin in m.derived_from:
        parent = entity_iri("model", lin.model)
        b.add(s, MFKG.derivesFrom, parent)
        b.add(s, LINEAGE_PROPERTIES[lin.kind], parent)
        b.add(URIRef(f"{s}/lineage/{lin.model}"), MFKG.childModel, s)
    for v in m.variants:
        b.add(URIRef(f"{s}/variant/{v.id}"), MFKG.variantOf, s)
    for cap in m.capabilities:
        b.add(s, MFKG.hasCapability, entity_iri("capability", cap.capability))
        if cap.capability == "generates" and cap.modality:
            b.add(s, MFKG.generatesModality, entity_iri("modality", cap.modality))
    for use in m.assays:
        b.add(s, MFKG.trainedOnAssay if use.use == "training" else MFKG.evaluatedOnAssay,
              entity_iri("assay", use.assay))
    lic = m.licence
    b.add(s, MFKG.commercialUse, URIRef(f"{COMMERCIAL}{lic.commercial_use.answer}"))
    for term in (lic.code, lic.weights):
        if term is not None and term.spdx:
            b.add(s, DCTERMS.license, URIRef(f"https://spdx.org/licenses/{term.spdx}"))


def _facets(b: _Builder, s: URIRef, rec: Any) -> None:
    """Back-links from the nested statements to the record they are about."""
    for i, _ in enumerate(rec.not_found):
        b.add(URIRef(f"{s}/not-found/{i + 1}"), MFKG.notFoundAbout, s)


def _claims(b: _Builder, s: URIRef, claims: list[schema.Claim]) -> None:
    for c in claims:
        claim = URIRef(f"{s}/claim/{c.id}")
        prop = CLAIM_PROPERTIES[c.property]
        b.add(claim, MFKG.claimProperty, prop)
        b.add(claim, MFKG.claimAbout, s)
        # a claim about a released variant asserts its value on the variant, never on the model
        holder = URIRef(f"{s}/variant/{c.variant}") if getattr(c, "variant", None) else s
        if c.property == "other":
            if c.statement:
                b.add(holder, prop, Literal(c.statement, lang="en"))
        elif c.value is not None:
            b.add(holder, prop, literal(c.value, F("value", prop)))


def _dataset(b: _Builder, s: URIRef, d: schema.Dataset) -> None:
    _claims(b, s, d.claims)
    _facets(b, s, d)


def _assay(b: _Builder, s: URIRef, a: schema.Assay) -> None:
    for x in a.xrefs:
        b.add(s, SKOS.exactMatch, expand_curie(x))


def _result(b: _Builder, s: URIRef, r: schema.Result) -> None:
    bench = entity_iri("benchmark", r.benchmark)
    b.add(s, MFKG.resultMetric, URIRef(f"{bench}/metric/{r.metric}"))
    if r.model and r.variant:
        b.add(s, MFKG.resultVariant, URIRef(f"{entity_iri('model', r.model)}/variant/{r.variant}"))


def _modality(b: _Builder, s: URIRef, m: schema.Modality) -> None:
    b.add(s, RDF.type, CATEGORY_CLASSES[m.category])
    for x in m.xrefs:
        b.add(s, SKOS.exactMatch, expand_curie(x))


def _limit(b: _Builder, s: URIRef, lim: schema.Limit) -> None:
    if lim.open_direction:
        b.g.remove((s, RDF.type, MFKG.Limitation))
        b.add(s, RDF.type, MFKG.OpenDirection)
    for mit in lim.mitigations:
        for kind, ids in (("pattern", mit.patterns), ("model", mit.models),
                          ("tokenizer", mit.tokenizers), ("layer-type", mit.layer_types)):
            for id_ in ids:
                b.add(s, MFKG.mitigatedBy, entity_iri(kind, id_))


def _seed_claim(b: _Builder, s: URIRef, c: schema.SeedClaim) -> None:
    kind, _, id_ = c.about.partition("/")
    b.add(s, MFKG.claimAbout, entity_iri(kind, id_))
    b.add(s, MFKG.claimSource, entity_iri("publication", "seed-wiki"))
    for target in c.checked_against:
        b.add(s, MFKG.checkedAgainst, b.claim_iri(target))


EXTRAS: dict[str, Callable[[_Builder, URIRef, Any], None]] = {
    "model": _model, "dataset": _dataset, "modality": _modality, "limit": _limit,
    "seed-claim": _seed_claim, "assay": _assay, "result": _result,
}


def data_graph(catalog: Records, into: Graph | None = None) -> Graph:
    """The curated records as RDF (without the ontology), added to `into` when given."""
    b = _Builder(catalog, into)
    for loaded in catalog:
        b.record(loaded)
    b.not_found_rows()
    b.mappings()
    all_different_modalities(catalog, b.g)
    return b.g


class StagedBuild:
    """`build_graph` in two stages, so that the reasoner can start on the first while the second is
    built. First (on creation): the ontology, the stamp, the records of the kinds `reads_kind` says yes
    to (by default those the reasoner reads, `rdf.reasoner_input.reads_kind`), the mappings and the
    distinct modalities; then (`rest`) every other record. The same statements as `build_graph`'s."""

    def __init__(self, catalog: Records, ontology: Path = DEFAULT_ONTOLOGY,
                 reads_kind: Callable[[str], bool] | None = None):
        from mfkg.rdf.reasoner_input import reads_kind as reasoner_reads
        from mfkg.rdf.stamp import stamp

        reads_kind = reads_kind or reasoner_reads

        self.graph = ontology_graph(ontology)
        self._builder = _Builder(catalog, self.graph)
        self._later: list[Loaded] = []
        self._done = False
        for loaded in catalog:
            if reads_kind(loaded.kind.name):
                self._builder.record(loaded)
            else:
                self._later.append(loaded)
        self._builder.mappings()
        all_different_modalities(catalog, self.graph)
        stamp(self.graph)

    def rest(self, watch: Callable[[tuple[Any, Any, Any]], bool] = lambda t: False) -> bool:
        """Add the other records; whether `watch` said yes to any statement they added (False when they
        were added before)."""
        if self._done:
            return False
        self._done = True
        builder, graph, seen = self._builder, self.graph, False

        def add(s: URIRef, p: URIRef, o: Any) -> None:
            nonlocal seen
            seen = seen or watch((s, p, o))
            graph.add((s, p, o))

        builder.add = add   # type: ignore[method-assign]
        for loaded in self._later:
            builder.record(loaded)
        builder.not_found_rows()
        self._later = []
        return seen


def all_different_modalities(catalog: Records, g: Graph) -> None:
    """No unique-name assumption in OWL: say the modalities are distinct, so that "uses two or more
    modalities" can be inferred."""
    modalities = sorted(entity_iri("modality", m) for m in catalog.ids("modality"))
    if len(modalities) > 1:
        from rdflib import BNode
        from rdflib.collection import Collection

        node = URIRef(str(ONTOLOGY_IRI) + "/all-different-modalities")
        lst = BNode("modalities")
        g.add((node, RDF.type, OWL.AllDifferent))
        g.add((node, OWL.distinctMembers, lst))
        Collection(g, lst, modalities)


def ontology_graph(path: Path = DEFAULT_ONTOLOGY) -> Graph:
    g = new_graph()
    read_rdf(path, graph=g, fix="correct the ontology's Turtle at that line, or pass --ontology with the right file")
    return g


def build_graph(catalog: Records, ontology: Path = DEFAULT_ONTOLOGY) -> Graph:
    """Ontology + data, one graph, stamped with the dataset's version IRI and licence."""
    from mfkg.rdf.stamp import stamp

    g = ontology_graph(ontology)
    data_graph(catalog, into=g)   # straight into the one graph: copying 90,000 triples costs seconds
    stamp(g)
    return g
