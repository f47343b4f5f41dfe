"""The labelled property graph projection of the RDF graph — defined once, used by the explorer,
the Cypher engine, graph analytics and the Neo4j/GraphML exports.

Rules (also in README, "Property graph"):
- A **node** is every IRI typed with one of the ontology's asserted classes listed in `NODE_CLASSES`
  (models, modalities, …, claims, modality usages, equations, mitigations, data requirements).
  Its **label** is that class's local name; a model also gets `FoundationModel` or `Method`.
  Classes the reasoner infers (CLIPStyleModel, ProteinAnchoredModel, …) go in the list property
  `classes`, so they can be matched without changing the schema.
- An **edge** is every triple whose predicate is an mfkg object property and whose subject and
  object are both nodes; its **type** is the property's local name in UPPER_SNAKE_CASE
  (followsPattern → FOLLOWS_PATTERN).
- An object that is not a node (closed vocabularies: roles, families, verdicts, publication
  types) becomes a string property holding its label (verdict: "partially agrees").
- **Literals** become properties named after the predicate's local name in snake_case
  (releaseYear → release_year; rdfs:label → name; dcterms:description → description).
  Integers stay integers, decimals become floats, booleans booleans.
  Single-valued stays a scalar, multi-valued becomes a sorted list.
  English or untagged text keeps the name; other languages add a suffix (rationale_ko).
- **Provenance** is kept as nodes: every Claim is a node with value, quote and locator,
  linked by HAS_CLAIM from its entity and CLAIM_SOURCE to its Publication.
- The node `id` property is the IRI's path below https://w3id.org/mfkg/ (model/scgpt).
- **The seed's sections** are `SeedSection` nodes (number in `seed_section`, the seed's heading in
  `name_ko`). The RDF graph places an entity or a checked figure in a section by number, not by a
  link (`mfkg:seedSection 2` on a tokenizer; a pattern's `seedNumber` is its number in §04); the
  projection turns each placement into an `IN_SEED_SECTION` edge to the section with that number
  (`SEED_SECTION_RULES`), so "which sections mention pattern X" is one MATCH. It is the one edge
  type not named after an object property (`DERIVED_REL_TYPES`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import networkx as nx

from mfkg.namespaces import BASE
from mfkg.query.terms import Term

VOCAB = BASE + "vocab/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ENTITY_LABELS = ("Model", "ModelVariant", "Modality", "TokenizationStrategy", "LayerType", "ArchitecturePattern",
                 "Task", "Technique", "Trend", "Dataset", "Assay", "Capability", "Baseline", "Benchmark",
                 "Publication", "Recommendation", "Limitation", "OpenDirection", "BenchmarkResult")
# nodes that are parts of another entity (its claims, statements, usages) or of the seed page (its
# sections): shown in panels, not as nodes of their own in views and analytics. The one list every consumer uses.
PART_LABELS = ("SeedSection", "SeedClaim", "Claim", "ModalityUsage", "Equation", "Mitigation", "DataRequirement", "Metric",
               "LicenceStatement", "LicenceTerm", "CommercialUseStatement", "LineageStatement",
               "CapabilityStatement", "ValueConflict", "NotFoundStatement", "Evidence")
NODE_CLASSES = ENTITY_LABELS + PART_LABELS
HIDDEN_LABELS = frozenset(PART_LABELS) - {"SeedClaim", "SeedSection"}
IN_SEED_SECTION = "IN_SEED_SECTION"
DERIVED_REL_TYPES = (IN_SEED_SECTION,)
# (label, property that marks the node as the seed's) -> the section the seed names it in, for kinds the
# graph numbers by their own scheme; any node with a `seed_section` number is placed by that number too.
SEED_SECTION_RULES = {("Task", "seed_column"): 3, ("ArchitecturePattern", "seed_number"): 4, ("Trend", "name_ko"): 5,
                      ("Recommendation", "seed_row"): 7, ("Limitation", "seed_number"): 8, ("OpenDirection", "name_ko"): 8}
EXTRA_LABELS = ("FoundationModel", "Method")
PROPERTY_NAMES = {
    "http://www.w3.org/2000/01/rdf-schema#label": "name",
    "http://purl.org/dc/terms/description": "description",
    "http://purl.org/dc/terms/title": "title",
    "http://www.w3.org/2004/02/skos/core#altLabel": "aliases",
    "http://www.w3.org/2004/02/skos/core#note": "note",
    "http://www.w3.org/2004/02/skos/core#definition": "definition",
}
# mappings to external vocabularies are outbound IRIs: kept as string properties
IRI_PROPERTIES = {
    "http://www.w3.org/2004/02/skos/core#exactMatch": "exact_match",
    "http://www.w3.org/2004/02/skos/core#closeMatch": "close_match",
    "http://www.w3.org/2004/02/skos/core#broadMatch": "broad_match",
    "http://www.w3.org/2004/02/skos/core#narrowMatch": "narrow_match",
    "http://www.w3.org/2004/02/skos/core#relatedMatch": "related_match",
}
LIST_PROPERTIES = {"aliases", "species", "hugging_face_id", "classes", "exact_match", "close_match",
                   "broad_match", "narrow_match", "related_match", "role", "parameter_count",
                   "pretraining_cells", "pretraining_spatial_cells", "pretraining_sequences", "pretraining_tokens",
                   "context_length", "embedding_dim", "layer_count", "vocabulary_size", "result", "other_claim",
                   "pretraining_species", "fusion_point", "encoders", "latent", "decoders", "losses", "checkpoint"}


@lru_cache(maxsize=65536)   # called per triple with a few hundred distinct names
def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


_LABELS_UPPER = frozenset(x.upper() for x in NODE_CLASSES + ("FoundationModel", "Method"))


def rel_type(predicate: str) -> str:
    """The relationship type of an object property: its local name in UPPER_SNAKE_CASE, with FOR_ in
    front when it would equal a node label (Cypher engines match names case-insensitively).

    >>> rel_type("https://w3id.org/mfkg/vocab/followsPattern"), rel_type("https://w3id.org/mfkg/vocab/modality")
    ('FOLLOWS_PATTERN', 'FOR_MODALITY')
    """
    return _rel_type(predicate)


@lru_cache(maxsize=65536)
def _rel_type(predicate: str) -> str:
    name = snake(predicate.rsplit("/", 1)[-1]).upper()
    return f"FOR_{name}" if name in _LABELS_UPPER else name


def node_id(iri: str) -> str:
    return iri[len(BASE):] if iri.startswith(BASE) else iri


@lru_cache(maxsize=65536)
def local(iri: str) -> str:
    return re.split(r"[/#]", iri)[-1]


@dataclass
class PropertyGraph:
    """A networkx MultiDiGraph plus the schema facts a Cypher engine needs."""

    graph: nx.MultiDiGraph
    labels: dict[str, str] = field(default_factory=dict)          # node id -> primary label
    property_types: dict[str, dict[str, str]] = field(default_factory=dict)   # label -> prop -> type
    # what readers compute from the graph once (the explorer's node panels); the graph is not changed after projection
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def nodes_with_label(self, label: str) -> list[str]:
        return sorted(n for n, lab in self.labels.items() if lab == label)


def project(triples: Iterable[tuple[Term, Term, Term]]) -> PropertyGraph:
    """Project RDF triples (asserted and, if given, inferred) onto a labelled property graph."""
    triples = list(triples)
    types: dict[str, set[str]] = {}
    for s, p, o in triples:
        if p.value == RDF_TYPE and s.kind == "uri" and o.kind == "uri" and o.value.startswith(VOCAB):
            types.setdefault(s.value, set()).add(local(o.value))
    g = nx.MultiDiGraph()
    labels: dict[str, str] = {}
    for iri, classes in types.items():
        if not iri.startswith(BASE) or iri.startswith(VOCAB):
            continue
        primary = next((c for c in NODE_CLASSES if c in classes), None)
        if primary is None:
            continue
        if primary == "Claim" and "SeedClaim" in classes:
            primary = "SeedClaim"
        extra = [c for c in EXTRA_LABELS if c in classes]
        inferred = sorted(c for c in classes if c not in NODE_CLASSES and c not in EXTRA_LABELS and c != "Entity")
        nid = node_id(iri)
        labels[nid] = primary
        g.add_node(nid, label=primary, labels=[primary, *extra], iri=iri, classes=inferred)
    enum_labels = {s.value: o.value for s, p, o in triples
                   if p.value == "http://www.w3.org/2000/01/rdf-schema#label" and o.kind == "literal"
                   and (o.lang in (None, "en")) and s.kind == "uri"}
    props: dict[str, dict[str, list[Any]]] = {}
    for s, p, o in triples:
        if s.kind != "uri" or p.value == RDF_TYPE:
            continue
        sid = node_id(s.value)
        if sid not in labels:
            continue
        if o.kind == "literal":
            name = PROPERTY_NAMES.get(p.value) or snake(local(p.value))
            if o.lang and o.lang != "en":
                name = f"{name}_{o.lang}"
            props.setdefault(sid, {}).setdefault(name, []).append(o.python())
        elif o.kind == "uri":
            oid = node_id(o.value)
            if p.value in IRI_PROPERTIES:
                props.setdefault(sid, {}).setdefault(IRI_PROPERTIES[p.value], []).append(o.value)
            elif oid in labels and p.value.startswith(VOCAB):
                g.add_edge(sid, oid, key=rel_type(p.value), type=rel_type(p.value))
            elif p.value.startswith(VOCAB) and o.value.startswith(BASE) and not o.value.startswith(VOCAB):
                # closed vocabulary (role, family, verdict, publication type): its label
                props.setdefault(sid, {}).setdefault(snake(local(p.value)), []).append(
                    enum_labels.get(o.value, local(o.value)))
            elif p.value.startswith(VOCAB) and o.value.startswith(VOCAB) and o.value in enum_labels:
                # a term of the vocabulary (a claim's property): its label
                props.setdefault(sid, {}).setdefault(snake(local(p.value)), []).append(enum_labels[o.value])
            elif p.value.startswith(VOCAB):   # outbound IRI (repository, landing page, DOI IRI)
                props.setdefault(sid, {}).setdefault(snake(local(p.value)), []).append(o.value)
    property_types: dict[str, dict[str, str]] = {}
    # integers stay integers: where one scalar property holds integers on some nodes of a label and
    # decimals or text on others, the non-integers move to <name>_decimal / <name>_text.
    kinds: dict[tuple[str, str], set[str]] = {}
    for sid, d in props.items():
        for name, values in d.items():
            if name not in LIST_PROPERTIES and len(set(values)) == 1:
                kinds.setdefault((labels[sid], name), set()).add(_type_of(values[0]))
    for sid, d in props.items():
        for name, values in d.items():
            values = sorted(set(values), key=lambda v: (str(type(v)), v))
            value: Any = values if (name in LIST_PROPERTIES or len(values) > 1) else values[0]
            key = name
            seen = kinds.get((labels[sid], name), set())
            if not isinstance(value, list) and "INT64" in seen and len(seen) > 1 and _type_of(value) != "INT64":
                key = f"{name}_{'decimal' if _type_of(value) == 'DOUBLE' else 'text'}"
            g.nodes[sid][key] = value
    _link_seed_sections(g, labels)
    for nid, data in g.nodes(data=True):
        types_for = property_types.setdefault(labels[nid], {})
        for name, value in data.items():
            if name in ("label", "labels"):
                continue
            types_for[name] = _merge_type(types_for.get(name), _type_of(value))
    return PropertyGraph(g, labels, property_types)


def _link_seed_sections(g: nx.MultiDiGraph, labels: dict[str, str]) -> None:
    """IN_SEED_SECTION edges from every node the seed places in a section to that section's node."""
    sections = {d["seed_section"]: n for n, d in g.nodes(data=True)
                if labels[n] == "SeedSection" and isinstance(d.get("seed_section"), int)}
    if not sections:
        return
    for n, d in list(g.nodes(data=True)):
        if labels[n] == "SeedSection":
            continue
        numbers = {d["seed_section"]} if isinstance(d.get("seed_section"), int) else set()
        numbers |= {number for (label, marker), number in SEED_SECTION_RULES.items()
                    if labels[n] == label and d.get(marker) not in (None, "", [])}
        for number in sorted(numbers):
            if number in sections:
                g.add_edge(n, sections[number], key=IN_SEED_SECTION, type=IN_SEED_SECTION)


def _type_of(value: Any) -> str:
    if isinstance(value, list):
        inner = {_type_of(v) for v in value} or {"STRING"}
        return f"{inner.pop() if len(inner) == 1 else 'STRING'}[]"
    if isinstance(value, bool):
        return "BOOLEAN"
    if isinstance(value, int):
        return "INT64"
    if isinstance(value, float):
        return "DOUBLE"
    return "STRING"


def _merge_type(a: str | None, b: str) -> str:
    if a is None or a == b:
        return b
    la, lb = a.endswith("[]"), b.endswith("[]")
    base_a, base_b = a.rstrip("[]"), b.rstrip("[]")
    base = base_a if base_a == base_b else ("DOUBLE" if {base_a, base_b} == {"INT64", "DOUBLE"} else "STRING")
    return base + ("[]" if la or lb else "")


def store_triples(store: Any, *, inferred: bool = True) -> list[tuple[Term, Term, Term]]:
    """All triples of a store (asserted, plus inferred unless told otherwise)."""
    return store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", inferred=inferred)
