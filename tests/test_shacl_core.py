"""mfkg's own check of SHACL Core's subset gives pyshacl's results, tuple for tuple.

pyshacl stays the reference: every defect case of test_validate, the edits of test_shacl_delta, the
curated catalogue grown with synthetic models and a graph of edge values (ill-typed and plain literals, language
tags, values a range cannot compare, blank nodes, IRIs under a pattern, subclass instances, literal
targets) go through both engines; shapes beyond the subset are left to pyshacl."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from mfkg.project import DEFAULT_SHAPES
from mfkg.validation import shacl_core
from mfkg.validation.validate import _Locator, _shacl_results, run_shacl
from test_shacl_delta import MUTATIONS
from test_validate import CATALOG, GRAPH

SHAPES = shacl_core.compile_shapes(Graph().parse(DEFAULT_SHAPES, format="turtle"))
PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
"""


def _copy(g: Graph) -> Graph:
    out = Graph()
    out += g
    return out


def test_the_project_shapes_are_within_the_subset() -> None:
    assert SHAPES is not None and len(SHAPES) == 25


def test_the_clean_fixture_gives_the_same_results() -> None:
    assert SHAPES is not None
    assert shacl_core.check(GRAPH, SHAPES) == _shacl_results(GRAPH, DEFAULT_SHAPES)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_defect_gives_the_same_results(name: str) -> None:
    assert SHAPES is not None
    g = _copy(GRAPH)
    MUTATIONS[name](g)
    assert shacl_core.check(g, SHAPES) == _shacl_results(g, DEFAULT_SHAPES)


EDGE_SHAPES = PREFIXES + """
ex:Thing a sh:NodeShape ; sh:targetClass ex:Thing ;
  sh:property [ sh:path ex:int ; sh:datatype xsd:integer ; sh:minExclusive 0 ; sh:maxInclusive 10 ; sh:message "int" ] ;
  sh:property [ sh:path ex:str ; sh:datatype xsd:string ; sh:maxCount 2 ; sh:message "str" ] ;
  sh:property [ sh:path ex:lang ; sh:datatype rdf:langString ; sh:message "lang" ] ;
  sh:property [ sh:path ex:date ; sh:datatype xsd:date ; sh:minInclusive "2020-01-01"^^xsd:date ; sh:message "date" ] ;
  sh:property [ sh:path ex:word ; sh:minInclusive "b" ; sh:maxExclusive "m" ; sh:message "word" ] ;
  sh:property [ sh:path ex:code ; sh:pattern "^ab+c$" ; sh:flags "i" ; sh:message "code" ] ;
  sh:property [ sh:path ex:kind ; sh:in ( ex:a "1"^^xsd:integer "x" ) ; sh:message "kind" ] ;
  sh:property [ sh:path ex:link ; sh:class ex:Target ; sh:minCount 1 ; sh:severity sh:Warning ; sh:message "link" ] ;
  sh:property [ sh:path [ sh:alternativePath ( ex:quote ex:locator ) ] ; sh:minCount 1 ; sh:maxCount 1 ;
                sh:severity sh:Info ; sh:message "either" ] .
ex:Linked2 a sh:NodeShape ; sh:targetObjectsOf ex:link ; sh:class ex:Target ; sh:message "target" .
ex:Linked a sh:NodeShape ; sh:targetObjectsOf ex:points ;
  sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "named" ] .
ex:Subjects a sh:NodeShape ; sh:targetSubjectsOf ex:points ;
  sh:property [ sh:path ex:points ; sh:maxCount 1 ; sh:class ex:Target ; sh:message "points" ] .
"""

EDGE_DATA = PREFIXES + """
ex:Sub rdfs:subClassOf ex:Thing . ex:SubTarget rdfs:subClassOf ex:Target . ex:Loop rdfs:subClassOf ex:Loop .
ex:t1 a ex:Thing ; ex:int 5, 0, 11, "abc"^^xsd:integer, "7", "3"^^xsd:decimal, 2.5 ;
  ex:str "plain", "tagged"@en, "typed"^^xsd:string, 4 ;
  ex:lang "x"@en, "y" ; ex:date "2021-05-01"^^xsd:date, "2019-12-31"^^xsd:date, "not a date"^^xsd:date, "2021" ;
  ex:word "c", "a", "m", "z"@en, 3 ; ex:code "ABC", "abbbc", "abc\\n", "xabc", ex:abc, _:b1 ;
  ex:kind ex:a, ex:b, 1, "01"^^xsd:integer, "x", "x"@en ; ex:link ex:target1, ex:sub1, "lit", ex:nothing ;
  ex:quote "q" ; ex:locator "l" .
ex:t2 a ex:Sub ; ex:link _:b2 ; ex:points ex:target1 .
_:b2 a ex:SubTarget .
ex:t3 a ex:Thing , ex:Sub , ex:Loop ; ex:points ex:target1, ex:sub1 ; ex:quote "only" .
ex:target1 a ex:Target ; ex:name "T" .
ex:sub1 a ex:SubTarget .
ex:t4 ex:points "a literal target" , _:b3 .
"""


def test_edge_values_give_the_same_results(tmp_path: Path) -> None:
    shapes_file = tmp_path / "shapes.ttl"
    shapes_file.write_text(EDGE_SHAPES, encoding="utf-8")
    compiled = shacl_core.compile_shapes(Graph().parse(shapes_file, format="turtle"))
    assert compiled is not None
    data = Graph().parse(data=EDGE_DATA, format="turtle")
    want = _shacl_results(data, shapes_file)
    got = shacl_core.check(data, compiled)
    assert len(want) > 25 and {r[3].split(" ")[0] for r in want} >= {
        "int", "str", "lang", "date", "word", "code", "kind", "link", "either", "named", "points", "target"}
    assert got == want   # the same parse: blank nodes have the same labels in both


@pytest.mark.parametrize("shape", [
    "ex:X a sh:NodeShape ; sh:targetClass ex:M ; sh:or ( [ sh:path ex:q ; sh:minCount 1 ] ) .",
    "ex:X a sh:NodeShape ; sh:targetClass ex:M ; sh:property [ sh:path [ sh:inversePath ex:v ] ; sh:minCount 1 ; sh:message 'm' ] .",
    "ex:X a sh:NodeShape ; sh:targetClass ex:M ; sh:property [ sh:path ex:v ; sh:node ex:Y ; sh:message 'm' ] .",
    "ex:X a sh:NodeShape ; sh:targetNode ex:x ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message 'm' ] .",
    "ex:X a sh:NodeShape ; sh:targetClass ex:M ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",   # no message
    "ex:X a sh:NodeShape ; sh:targetClass ex:M ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message 'a', 'b' ] .",
    "ex:X a sh:NodeShape ; sh:targetClass ex:M ; sh:property [ sh:path ex:p ; sh:minCount 1, 2 ; sh:message 'm' ] .",
    "ex:X a sh:NodeShape ; sh:targetClass ex:M ; sh:minCount 1 ; sh:message 'm' .",
    "ex:X a sh:NodeShape ; sh:targetClass ex:M ; sh:property [ sh:path ex:p ; sh:property [ sh:path ex:q ; "
    "sh:minCount 1 ; sh:message 'm' ] ] .",
    "ex:X a sh:NodeShape , rdfs:Class ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message 'm' ] .",
    "ex:X sh:targetClass ex:M ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message 'm' ] .",
])
def test_shapes_beyond_the_subset_are_left_to_pyshacl(shape: str) -> None:
    assert shacl_core.compile_shapes(Graph().parse(data=PREFIXES + shape, format="turtle")) is None


def test_validation_falls_back_to_pyshacl_beyond_the_subset(tmp_path: Path) -> None:
    shapes_file = tmp_path / "shapes.ttl"
    shapes_file.write_text(DEFAULT_SHAPES.read_text(encoding="utf-8") + """
shape:Extra a sh:NodeShape ; sh:targetClass mfkg:Model ;
    sh:property [ sh:path mfkg:hasVariant ; sh:node shape:ModelVariant ; sh:message "a variant meets its shape" ] .
""", encoding="utf-8")
    assert shacl_core.compile_shapes(Graph().parse(shapes_file, format="turtle")) is None
    own = run_shacl(GRAPH, DEFAULT_SHAPES, _Locator(CATALOG))
    fallback = run_shacl(GRAPH, shapes_file, _Locator(CATALOG))
    assert own == fallback   # the extra shape finds nothing on the clean fixture; pyshacl ran it


@pytest.mark.slow
def test_a_whole_catalogue_gives_the_same_results(tmp_path: Path) -> None:
    """The curated catalogue with synthetic copies of its models added (the copies are the curated
    records, renamed), so both kinds are compared in one run."""
    from mfkg.bench.catalogue import generate_catalogue
    from mfkg.project import DEFAULT_DATA
    from mfkg.rdf.compile import compile_graph

    data = tmp_path / "data"
    generate_catalogue(DEFAULT_DATA, data, 400, seed=7)
    _, graph = compile_graph(data)
    assert SHAPES is not None
    assert shacl_core.check(graph, SHAPES) == _shacl_results(graph, DEFAULT_SHAPES)
