"""SHACL Core's constraints that ontology/shapes.ttl uses, checked straight off the graph's indexes.

pyshacl builds every constraint of a property shape again for each focus node and looks each
predicate up in a list: on the curated catalogue that is 46,000 shape validations and most of
`mfkg validate`'s time. The shapes here use a small subset of SHACL Core (the one `shacl_delta.plan`
accepts), and that subset is a few dictionary look-ups per focus node: targets by class (SHACL
instances: `rdf:type/rdfs:subClassOf*`), by subject of or by object of a property; property shapes
on a property or on alternatives of properties; `sh:minCount`, `sh:maxCount`, `sh:class`,
`sh:datatype`, `sh:in`, `sh:pattern` (with `sh:flags`) and the four value ranges.

Each check follows pyshacl 0.40's own code (the results are the same tuples, value for value, which
a test compares over every defect case and synthetic catalogues): rdflib's terms and comparisons,
Python's `re.search` for patterns, pyshacl's rule for ill-typed literals and for values a range
cannot compare. Shapes outside the subset, or a constraint-bearing shape without exactly one
`sh:message`, make `compile_shapes` answer None, and validation runs pyshacl instead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph

SH = "http://www.w3.org/ns/shacl#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_CONSTRAINTS = ("minCount", "maxCount", "class", "datatype", "in", "pattern",
                "minExclusive", "minInclusive", "maxExclusive", "maxInclusive")
_SHAPE_ONLY = {"targetClass", "targetSubjectsOf", "targetObjectsOf", "property"}
_RANGES = {"minExclusive": lambda c: c > 0, "minInclusive": lambda c: c >= 0,
           "maxExclusive": lambda c: c < 0, "maxInclusive": lambda c: c <= 0}
_VALUE_TYPES: dict[str, type | tuple[type, ...]] = {   # pyshacl's check of a typed literal's parsed value
    _XSD + "string": (str, bytes), "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString": (str, bytes),
    _XSD + "integer": int, _XSD + "float": float, _XSD + "decimal": Decimal, _XSD + "boolean": bool,
    _XSD + "date": date, _XSD + "time": time, _XSD + "dateTime": datetime}

Result = tuple[str, str, "str | None", str]   # (focus, severity, path, message), as validate sorts them


@dataclass(frozen=True)
class Rule:
    """One property shape (or a node shape's own constraints, `path` empty): where its values come from,
    its constraints, and what its results say."""

    path: tuple[Any, ...]          # the property, or the alternatives, in the shape's order
    path_text: str | None          # as a result shows it (`validate._path_text`)
    severity: str
    message: str
    constraints: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Shape:
    classes: tuple[Any, ...]
    subjects_of: tuple[Any, ...]
    objects_of: tuple[Any, ...]
    rules: tuple[Rule, ...]


def compile_shapes(shapes: Graph) -> list[Shape] | None:
    """The node shapes of `shapes` ready to check, or None when one goes beyond this module's subset."""
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    from mfkg.validation.shacl_delta import plan

    if plan(shapes) is None:
        return None
    sh = {name: URIRef(SH + name) for name in (*_CONSTRAINTS, *_SHAPE_ONLY, "path", "alternativePath", "message",
                                                 "severity", "flags", "NodeShape", "Violation")}
    property_shapes = set(shapes.objects(None, sh["property"]))

    def rule(node: Any, path: tuple[Any, ...], path_text: str | None) -> Rule | None:
        """The node's rule (with no constraints when it has none), or None when it cannot be checked here."""
        constraints: list[tuple[str, Any]] = []
        for name in _CONSTRAINTS:
            values = list(shapes.objects(node, sh[name]))
            if len(values) > 1 or (values and name in ("minCount", "maxCount")
                                   and not (isinstance(values[0], Literal) and isinstance(values[0].value, int))):
                return None
            if not values:
                continue
            value = values[0]
            if name == "in":
                value = frozenset(shapes.items(value))
            elif name == "pattern":
                flags = list(shapes.objects(node, sh["flags"]))
                if len(flags) > 1 or not isinstance(value, Literal):
                    return None
                text = str(value.value) if value.value is not None and len(value.value) > 1 else str(value)
                wanted = str(flags[0].value).lower() if flags else ""
                value = re.compile(text, (re.I if "i" in wanted else 0) | (re.M if "m" in wanted else 0))
            elif name in _RANGES and not isinstance(value, Literal):
                return None
            elif name in ("minCount", "maxCount"):
                value = value.value
            constraints.append((name, value))
        if not constraints:
            return Rule(path, path_text, "", "", ())
        messages = list(shapes.objects(node, sh["message"]))
        severities = list(shapes.objects(node, sh["severity"]))
        if len(messages) != 1 or len(severities) > 1:
            return None
        severity = str(severities[0] if severities else sh["Violation"]).rsplit("#", 1)[-1].lower()
        return Rule(path, path_text, severity, str(messages[0]), tuple(constraints))

    out: list[Shape] = []
    for node in sorted(set(shapes.subjects(RDF.type, sh["NodeShape"])), key=str):
        if node in property_shapes or (node, RDF.type, RDFS.Class) in shapes or shapes.value(node, sh["path"]):
            return None
        rules: list[Rule] = []
        own = rule(node, (), None)
        if own is None or any(name in ("minCount", "maxCount") for name, _ in own.constraints):
            return None
        if own.constraints:
            rules.append(own)
        for prop in sorted(shapes.objects(node, sh["property"]), key=str):
            if set(shapes.objects(prop, sh["property"])) or (prop, RDF.type, sh["NodeShape"]) in shapes:
                return None
            raw = shapes.value(prop, sh["path"])
            if raw is None:
                return None
            if isinstance(raw, BNode):
                path = tuple(shapes.items(shapes.value(raw, sh["alternativePath"])))
                text = "|".join(str(p) for p in path)
            else:
                path, text = (raw,), str(raw)
            made = rule(prop, path, text)
            if made is None:
                return None
            if made.constraints:
                rules.append(made)
        targets = [tuple(sorted(shapes.objects(node, sh[t]), key=str))
                   for t in ("targetClass", "targetSubjectsOf", "targetObjectsOf")]
        out.append(Shape(*targets, rules=tuple(rules)))
    untyped = property_shapes - {p for s in shapes.subjects(RDF.type, sh["NodeShape"])
                                 for p in shapes.objects(s, sh["property"])}
    if untyped or set(shapes.subjects(sh["targetClass"], None)) - set(shapes.subjects(RDF.type, sh["NodeShape"])):
        return None   # property shapes on something that is not a node shape, or untyped targets: pyshacl
    return out


class _Index:
    """The look-ups the checks need, each built once from the graph: the objects of every property
    a shape's path names, each node's classes with their superclasses, and each class's instances."""

    def __init__(self, graph: Graph, shapes: list[Shape]):
        from rdflib.namespace import RDF, RDFS

        self.graph = graph
        props = {p for s in shapes for r in s.rules for p in r.path} | {p for s in shapes for p in s.subjects_of}
        self.objects: dict[Any, dict[Any, list[Any]]] = {}
        for p in props:
            by_subject: dict[Any, list[Any]] = defaultdict(list)
            for s, o in graph.subject_objects(p):
                by_subject[s].append(o)
            self.objects[p] = by_subject
        parents: dict[Any, set[Any]] = defaultdict(set)
        for c, parent in graph.subject_objects(RDFS.subClassOf):
            parents[c].add(parent)
        closure: dict[Any, frozenset[Any]] = {}

        def supers(c: Any) -> frozenset[Any]:   # c and every class above it (cycles allowed)
            if c not in closure:
                seen, todo = {c}, [c]
                while todo:
                    for parent in parents.get(todo.pop(), ()):
                        if parent not in seen:
                            seen.add(parent)
                            todo.append(parent)
                closure[c] = frozenset(seen)
            return closure[c]

        self.classes: dict[Any, set[Any]] = defaultdict(set)
        self.instances: dict[Any, set[Any]] = defaultdict(set)
        for s, t in graph.subject_objects(RDF.type):
            above = supers(t)
            self.classes[s] |= above
            for c in above:
                self.instances[c].add(s)

    def values(self, focus: Any, path: tuple[Any, ...]) -> list[Any]:
        if len(path) == 1:
            return list(dict.fromkeys(self.objects[path[0]].get(focus, ())))
        return list(dict.fromkeys(v for p in path for v in self.objects[p].get(focus, ())))

    def focus_nodes(self, shape: Shape) -> set[Any]:
        nodes: set[Any] = set()
        for c in shape.classes:
            nodes |= self.instances.get(c, set())
        for p in shape.subjects_of:
            nodes.update(self.objects[p])
        for p in shape.objects_of:
            nodes.update(self.graph.objects(None, p))
        return nodes


def _datatype_ok(value: Any, datatype: Any) -> bool:
    """pyshacl's sh:datatype: a literal of that datatype that is not ill-typed (a plain literal is an
    xsd:string, a language-tagged one an rdf:langString)."""
    from rdflib import Literal

    if not isinstance(value, Literal):
        return False
    wanted = str(datatype)
    if value.datatype == datatype:
        if getattr(value, "ill_typed", None) is True:
            return False
    elif wanted == "http://www.w3.org/2000/01/rdf-schema#Literal":
        return True
    elif wanted == "http://www.w3.org/2000/01/rdf-schema#Datatype" and value.datatype:
        return True
    elif not ((value.datatype is None and value.language is None and wanted == _XSD + "string")
              or (wanted.endswith("#langString") and value.language)):
        return False
    kind = _VALUE_TYPES.get(wanted)
    return kind is None or isinstance(value.value, kind)


def _order(a: Any, b: Any) -> int:
    """pyshacl's order of two literals (`rdfutil.compare.compare_literal`): 0 when rdflib finds them
    equal, 1 when `a` is greater, else -1; datetimes and times are compared by their values."""
    if a.eq(b):
        return 0
    if type(a.value) in (datetime, time):
        return 0 if a.value == b.value else 1 if a.value > b.value else -1
    return 1 if a > b else -1


def _in_range(value: Any, bound: Any, test: Any) -> bool:
    """pyshacl's value ranges: only literals compare, never a string with a non-string."""
    from rdflib import Literal

    if not isinstance(value, Literal) or isinstance(value.value, str) != isinstance(bound.value, str):
        return False
    try:
        return bool(test(_order(value, bound)))
    except (TypeError, NotImplementedError):
        return False


def _pattern_ok(value: Any, pattern: re.Pattern[str]) -> bool:
    from rdflib import BNode, Literal
    from rdflib.namespace import RDF, XSD

    if isinstance(value, BNode):
        return False
    text = str(value)
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, RDF.langString, XSD.string):
        text = str(value.value)
    return pattern.search(text) is not None


def _ok(name: str, arg: Any, value: Any, index: _Index) -> bool:
    from rdflib import Literal

    if name == "class":
        return not isinstance(value, Literal) and arg in index.classes.get(value, ())
    if name == "datatype":
        return _datatype_ok(value, arg)
    if name == "in":
        return value in arg
    if name == "pattern":
        return _pattern_ok(value, arg)
    return _in_range(value, arg, _RANGES[name])


def check(graph: Graph, shapes: list[Shape]) -> list[Result]:
    """Every result of `shapes` on `graph`, sorted as `validate._shacl_results` sorts pyshacl's."""
    from mfkg.namespaces import BASE

    def _short(iri: str) -> str:   # as `validate._short`
        return iri.replace(BASE, "") if iri.startswith(BASE) else iri

    index = _Index(graph, shapes)
    out: list[Result] = []
    for shape in shapes:
        nodes = index.focus_nodes(shape)
        for rule in shape.rules:
            for node in nodes:
                values = index.values(node, rule.path) if rule.path else [node]
                for name, arg in rule.constraints:
                    if name == "minCount":
                        if len(values) < arg:
                            out.append((str(node), rule.severity, rule.path_text, rule.message))
                    elif name == "maxCount":
                        if len(values) > arg:
                            out.append((str(node), rule.severity, rule.path_text, rule.message))
                    else:
                        out.extend((str(node), rule.severity, rule.path_text, f"{rule.message} (value: {_short(str(v))})")
                                   for v in values if not _ok(name, arg, v, index))
    return sorted(out, key=lambda r: (r[0], r[2] or "", r[3], r[1]))

