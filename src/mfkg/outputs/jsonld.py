"""Compact JSON-LD written straight from the sorted triples: one node object per subject, IRIs as
prefixed names of mfkg's context, every set sorted. JSON-LD 1.0 and 1.1 processors read it back to
exactly the same triples (no @list, no native numbers, no coercion in the context)."""

from __future__ import annotations

import json
from typing import Any

from mfkg.errors import MfkgError
from mfkg.namespaces import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_GEN_DELIMS = tuple(":/?#[]@")


def jsonld_context() -> dict:
    return {"@context": dict(PREFIXES)}   # JSON-LD 1.0-compatible: no 1.1 features are used


class _Compactor:
    """IRI -> prefixed name when that expands back to the same IRI, else the IRI itself."""

    def __init__(self, prefixes: dict[str, str]):
        # a prefix only when its namespace ends in a delimiter (JSON-LD 1.1 expands only those); longest first
        self.prefixes = sorted(((ns, p) for p, ns in prefixes.items() if ns.endswith(_GEN_DELIMS)),
                               key=lambda x: -len(x[0]))
        self.names = set(prefixes)
        self.memo: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        out = self.memo.get(iri)
        if out is None:
            out = self.memo[iri] = self._compact(iri)
        return out

    def _compact(self, iri: str) -> str:
        for ns, prefix in self.prefixes:
            if iri.startswith(ns):
                local = iri[len(ns):]
                if not local.startswith("//"):   # "p://x" would be read as an absolute IRI
                    return f"{prefix}:{local}"
        if iri.partition(":")[0] in self.names:
            raise MfkgError(f"the IRI <{iri}> has a scheme that is also a prefix of mfkg's JSON-LD context, so "
                            "JSON-LD cannot state it; change the IRI in the data (or export another syntax)")
        return iri


def _value(term: Any, compact: _Compactor) -> Any:
    kind = term.__class__.__name__
    if kind == "NamedNode":
        return {"@id": compact(term.value)}
    if kind == "BlankNode":
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@language": term.language, "@value": term.value}
    datatype = term.datatype.value
    if datatype == XSD_STRING:
        return term.value
    return {"@type": compact(datatype), "@value": term.value}


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def compact_document(triples: list[Any], prefixes: dict[str, str] = PREFIXES) -> dict[str, Any]:
    """{"@context": mfkg's prefixes, "@graph": a node object per subject, sorted by @id}; a property
    with one value has it bare, with more a sorted array."""
    compact = _Compactor(prefixes)
    nodes: dict[str, dict[str, list[Any]]] = {}
    for t in triples:
        s = t.subject
        sid = f"_:{s.value}" if s.__class__.__name__ == "BlankNode" else compact(s.value)
        node = nodes.setdefault(sid, {})
        p, o = t.predicate.value, t.object
        if p == RDF_TYPE and o.__class__.__name__ == "NamedNode":
            node.setdefault("@type", []).append(compact(o.value))
        else:
            node.setdefault(compact(p), []).append(_value(o, compact))
    graph = []
    for sid in sorted(nodes):
        obj: dict[str, Any] = {"@id": sid}
        for key, values in nodes[sid].items():
            values = sorted(values, key=_key) if len(values) > 1 else values
            obj[key] = values[0] if len(values) == 1 else values
        graph.append(obj)
    return {**jsonld_context(), "@graph": graph}


def jsonld_bytes(triples: list[Any]) -> bytes:
    doc = compact_document(triples)
    return json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False).encode("utf-8")
