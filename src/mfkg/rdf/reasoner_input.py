"""What the reasoner sees, taken from the compiled graph (`reasoner_input`): the whole ontology, the object-level assertions about models, modalities,
tokenizers, layer types, patterns, tasks, techniques, trends, limits and seed claims, and the
boolean flags that defined classes test (handlesMissingModality, requiresPairedData). Claims,
publications, datasets and other records no defined class depends on are left out. Other literals
(labels, descriptions, quotes, counts) are left out: HermiT's datatype reasoning over ~5,000
literals takes ~35 s here against ~3 s without them, and their datatypes and ranges are checked
by the SHACL shapes instead (see `validate.py`). Statements by a property that can entail nothing
beyond its domains and ranges (no characteristic or class expression on it or above it: the official
code repositories, modality roles, tokenizers, layer types, families …) are left out when their ends are
stated to be in them (`rdf.inert`), and of the individuals only such statements name, one per class
stands in for the rest (`rdf.stand_ins`: the modality usages, tokenizers, layer types …). On the curated
input that leaves 6,300 of 11,600 lines and about 1,000 fewer individuals to realise; HermiT gives the same
answers (tests compare them) in a third less time (median of six alternated runs: 3.7 -> 2.5 s). Memberships of a defined class
with a qualified minimum cardinality (MultimodalModel) that the input entails directly are stated
beforehand (`cardinality_hints`), so HermiT does not search for them: 40% less work, the same answers.
So are memberships of classes defined by a value or a class of values (PairedDataTask, each pattern's
class, MissingModalityTolerantModel; `definition_hints`): HermiT tested each candidate over the whole
input, and on the curated input now takes 3.5 s of CPU instead of 5.5 s, with the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDFS

from mfkg.namespaces import MFKG
from mfkg.rdf.hints import cardinality_hints, definition_hints
from mfkg.rdf.inert import Stated, inert_properties
from mfkg.rdf.stand_ins import stand_ins

REASONED_LITERAL_PROPERTIES = {MFKG.handlesMissingModality, MFKG.requiresPairedData}
_TBOX_LITERAL_PROPERTIES = {OWL.hasValue, OWL.minQualifiedCardinality, OWL.maxQualifiedCardinality,
                            OWL.qualifiedCardinality, OWL.cardinality, OWL.minCardinality,
                            OWL.maxCardinality}
_KEEP_LITERALS = REASONED_LITERAL_PROPERTIES | _TBOX_LITERAL_PROPERTIES


# Records below these paths take no part in any defined class; leaving them out halves HermiT's
# time. Their types and links are still checked by SHACL and the disjointness/functional checks.
_NOT_REASONED = ("/claim/", "/publication/", "/equation/", "/mitigation/", "/data/", "/dataset/", "/recommendation/",
                 # the catalogue's statements and evaluation records: no defined class reads them
                 "/licence", "/variant/", "/lineage/", "/capability/", "/not-found/", "/conflict/",
                 "/result/", "/benchmark/", "/baseline/", "/assay/", "/seed-section/")


def _reasoned(term: object) -> bool:
    text = str(term)
    if not text.startswith("https://w3id.org/mfkg/") or text.startswith("https://w3id.org/mfkg/vocab/"):
        return True
    return not any(part in text for part in _NOT_REASONED) or text.startswith("https://w3id.org/mfkg/seed-claim/") \
        and "/evidence/" not in text


def reasoner_input(graph: Graph, triples: Iterable[tuple[Any, Any, Any]] | None = None) -> Graph:
    """The part of the graph handed to the reasoner (see module docstring); `triples`: the graph's
    triples as a list, when the caller has them (quicker to go through than the graph)."""
    return reasoner_input_with_stand_ins(graph, triples)[0]


class Reads:
    """Whether a statement can be in the reasoner's input (before `rdf.inert` and `rdf.stand_ins` take
    some out): neither end is a record no defined class reads, and a literal only for the properties
    that keep one. Terms are compared as plain strings (rdflib's own comparison runs in Python), and
    each term is decided once."""

    def __init__(self) -> None:
        self._label, self._literal_properties = str(RDFS.label), {str(p) for p in _KEEP_LITERALS}
        self._reasoned: dict[str, bool] = {}

    def _keep(self, term: object) -> bool:
        text = str(term)
        known = self._reasoned.get(text)
        if known is None:
            known = self._reasoned[text] = _reasoned(text)
        return known

    def __call__(self, t: tuple[Any, Any, Any]) -> bool:
        if isinstance(t[2], Literal):
            if str(t[1]) not in self._literal_properties:
                return False
        elif str(t[1]) == self._label:
            return False
        return self._keep(t[0]) and self._keep(t[2])


def reads_kind(kind: str) -> bool:
    """Whether the reasoner reads the records of a kind (their IRIs are not below a path in `_NOT_REASONED`)."""
    from mfkg.namespaces import entity_iri

    return _reasoned(entity_iri(kind, "any"))


def reasoner_input_with_stand_ins(graph: Graph, triples: Iterable[tuple[Any, Any, Any]] | None = None
                                  ) -> tuple[Graph, dict[str, str]]:
    """`reasoner_input`, and each individual left out of it with the one whose classes it takes
    (`rdf.stand_ins`), as IRIs."""
    out = Graph()
    reads = Reads()
    triples = [t for t in (graph if triples is None else triples) if reads(t)]
    inert = inert_properties(triples)
    if inert:
        stated = Stated(triples)

        def entailed(s: Any, p: Any, o: Any) -> bool:
            said = inert.get(p)
            return said is not None and not said.functional and stated.says(stated.classes(s), said.domains) \
                and stated.says(stated.classes(o), said.ranges)

        triples = [t for t in triples if not entailed(*t)]
        standing_in = stand_ins(triples, inert, stated)
        if standing_in:
            triples = [t for t in triples if t[0] not in standing_in and t[2] not in standing_in]
    else:
        standing_in = {}
    triples += cardinality_hints(triples)
    triples += definition_hints(triples)
    out.addN((s, p, o, out) for s, p, o in triples)
    return out, {str(k): str(v) for k, v in standing_in.items()}
