"""The reasoner derives what nobody typed, and names an inconsistency."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from conftest import FIXTURE_DATA
from mfkg.namespaces import MFKG, entity_iri
from mfkg.project import DEFAULT_ONTOLOGY
from mfkg.rdf.compile import compile_graph
from mfkg.rdf.reason import reason
from mfkg.validation.validate import run_reasoner_stage

ONTOLOGY = Graph().parse(DEFAULT_ONTOLOGY)
DEFINED = sorted({s for s in ONTOLOGY.subjects(OWL.equivalentClass, None) if isinstance(s, URIRef)})


def test_there_are_defined_classes() -> None:
    names = {str(c).rsplit("/", 1)[-1] for c in DEFINED}
    assert {"MultimodalModel", "ProteinAnchoredModel", "CellAnchoredModel", "DNAAnchoredModel", "SpatialModel",
            "CLIPStyleModel", "GenerativeModel", "MissingModalityTolerantModel", "PairedDataTask"} <= names
    patterns = [c for c in names if c.endswith("Model") and c not in {"MultimodalModel", "GenerativeModel"}]
    assert len(patterns) >= 9


@pytest.fixture(scope="module")
def real_graphs(real_build: Path) -> tuple[Graph, Graph]:
    """The real build's asserted and inferred graphs, parsed once for the tests below."""
    from mfkg.rdf.oxio import read_rdf

    return read_rdf(real_build / "mfkg.ttl"), read_rdf(real_build / "mfkg-inferred.ttl")


@pytest.mark.parametrize("cls", DEFINED, ids=lambda c: str(c).rsplit("/", 1)[-1])
def test_every_defined_class_has_an_inferred_member(cls: URIRef, real_graphs: tuple[Graph, Graph]) -> None:
    asserted, inferred = real_graphs
    members = set(inferred.subjects(RDF.type, cls))
    assert members, f"no member inferred for {cls}"
    assert not set(asserted.subjects(RDF.type, cls)), "members of defined classes must not be asserted"


def test_lineage_is_transitive_and_inverses_are_materialised(real_build: Path) -> None:
    inferred = Graph().parse(real_build / "mfkg-inferred.ttl")
    assert (entity_iri("pattern", "clip-contrastive"), MFKG.patternOf, entity_iri("model", "proteinaligner")) in inferred
    assert (entity_iri("task", "cross-modal-translation"), MFKG.addressedBy, entity_iri("model", "scbutterfly")) in inferred


def test_fixture_is_consistent() -> None:
    _, g = compile_graph(FIXTURE_DATA)
    result = reason(g)
    assert result.consistent and not result.unsatisfiable
    assert (entity_iri("model", "protst"), RDF.type, MFKG.CLIPStyleModel) in result.inferred


def test_inconsistent_fixture_is_reported_by_name() -> None:
    _, g = compile_graph(FIXTURE_DATA)
    g.add((entity_iri("model", "scgpt"), RDF.type, MFKG.Publication))   # a model cannot be a publication
    findings, result = run_reasoner_stage(g)
    assert not result.consistent
    assert len(findings) == 1 and findings[0].severity == "violation"
    assert "model/scgpt is both a Model and a Publication" in findings[0].message


def test_unsatisfiable_class_is_named() -> None:
    _, g = compile_graph(FIXTURE_DATA)
    bad = URIRef(str(MFKG) + "ImpossibleThing")
    g.add((bad, RDF.type, OWL.Class))
    g.add((bad, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), MFKG.Model))
    g.add((bad, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), MFKG.Publication))
    findings, result = run_reasoner_stage(g)
    assert result.consistent
    assert [f.focus for f in findings] == ["vocab/ImpossibleThing"]


def test_the_reasoners_answer_is_reused_for_the_same_input_and_only_for_it(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import mfkg.rdf.reason as reasoning

    monkeypatch.setenv("MFKG_CACHE_DIR", str(tmp_path / "cache"))
    _, graph = compile_graph(FIXTURE_DATA)
    fresh = reason(graph, cached=False)
    first = reason(graph)
    assert set(first.inferred) == set(fresh.inferred) and first.unsatisfiable == fresh.unsatisfiable
    assert list((tmp_path / "cache" / "reasoner").rglob("*")), "nothing was cached"

    calls: list[int] = []
    real = reasoning._start_hermit
    monkeypatch.setattr(reasoning, "_start_hermit", lambda *a, **k: calls.append(1) or real(*a, **k))
    _, again = compile_graph(FIXTURE_DATA)   # parsed anew: other blank-node labels, same axioms
    assert set(reason(again).inferred) == set(fresh.inferred)
    assert calls == [], "the same input ran HermiT again"
    again.add((entity_iri("model", "scgpt"), MFKG.followsPattern, entity_iri("pattern", "clip-contrastive")))
    changed = reason(again)
    assert calls == [1], "a changed input was answered from the cache"
    assert (entity_iri("model", "scgpt"), RDF.type, MFKG.CLIPStyleModel) in changed.inferred


# ------------------------------------------------------------------------------ reasoning by modules
def _model_lines(n: int, linked: tuple[tuple[int, int], ...] = ()) -> list[bytes]:
    base = "https://w3id.org/mfkg/"
    lines = [f"<{base}vocab/Model> <{RDF.type}> <{OWL.Class}> .".encode(),
             f"<{base}modality/scrna> <{RDF.type}> <{base}vocab/Modality> .".encode()]
    for i in range(n):
        lines.append(f"<{base}model/m{i:03d}> <{RDF.type}> <{base}vocab/Model> .".encode())
        lines.append(f"<{base}model/m{i:03d}> <{base}vocab/readsModality> <{base}modality/scrna> .".encode())
    for a, b in linked:
        lines.append(f"<{base}model/m{a:03d}> <{base}vocab/derivesFrom> <{base}model/m{b:03d}> .".encode())
    return lines


def test_modules_share_the_vocabulary_keep_linked_models_together_and_are_balanced() -> None:
    from mfkg.rdf.hermit import modules

    lines = _model_lines(100, linked=((3, 97), (97, 50)))
    parts = modules(lines, per_module=30)
    assert len(parts) == 3
    for part in parts:
        assert {0, 1} <= set(part), "the shared lines go into every module"
    owners = {}
    for n, part in enumerate(parts):
        for i in part:
            for m in re.findall(rb"model/(m\d+)", lines[i]):
                owners.setdefault(m, set()).add(n)
    assert all(len(v) == 1 for v in owners.values()), "a model's statements are split across modules"
    assert owners[b"m003"] == owners[b"m097"] == owners[b"m050"], "linked models are apart"
    sizes = sorted(len({m for i in part for m in re.findall(rb"model/(m\d+)", lines[i])}) for part in parts)
    assert sizes[-1] - sizes[0] <= 3, sizes
    assert modules(lines, per_module=1000) == [list(range(len(lines)))]


def test_inputs_whose_axioms_could_cross_modules_are_reasoned_whole() -> None:
    from mfkg.rdf.hermit import modular, modules

    owl, base = "http://www.w3.org/2002/07/owl#", "https://w3id.org/mfkg/"
    lines = _model_lines(100)
    assert modular(lines) and len(modules(lines, per_module=30)) == 3
    universal = f"_:r <{owl}allValuesFrom> <{base}vocab/Model> .".encode()
    assert not modular([*lines, universal]) and len(modules([*lines, universal], per_module=30)) == 1
    functional = [f"<{base}vocab/bestOf> <{RDF.type}> <{owl}FunctionalProperty> .".encode(),
                  f"<{base}modality/scrna> <{base}vocab/bestOf> <{base}model/m001> .".encode()]
    assert not modular([*lines, *functional])
    transitive = [f"<{base}vocab/derivesFrom> <{RDF.type}> <{owl}TransitiveProperty> .".encode(),
                  f"<{base}vocab/sourceOf> <{owl}inverseOf> <{base}vocab/derivesFrom> .".encode(),
                  f"<{base}modality/scrna> <{base}vocab/sourceOf> <{base}model/m001> .".encode()]
    assert not modular([*lines, *transitive]) and modular([*lines, *transitive[:2]])


def test_editing_one_model_changes_one_module() -> None:
    from mfkg.rdf.hermit import modules

    lines = _model_lines(90)
    before = [sorted(lines[i] for i in part) for part in modules(lines, per_module=30)]
    lines[41] = lines[41].replace(b"modality/scrna", b"modality/scatac")
    after = [sorted(lines[i] for i in part) for part in modules(lines, per_module=30)]
    assert sum(a != b for a, b in zip(before, after)) == 1


@pytest.fixture(scope="module")
def curated_whole_answer(real_build: Path) -> tuple[Graph, tuple]:
    """The curated catalogue's reasoner input, and HermiT's answer on it as one module (no cache): run once
    for the two tests below that compare other runs with it."""
    import functools

    import mfkg.rdf.hermit as hermit
    import mfkg.rdf.reason as reasoning
    from mfkg.rdf.oxio import read_rdf
    from mfkg.rdf.reasoner_input import reasoner_input

    source = reasoner_input(read_rdf(real_build / "mfkg.ttl"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(hermit, "modules", functools.partial(hermit.modules, per_module=10**9))
        return source, reasoning._hermit(source, None)


def test_reasoning_by_modules_gives_the_whole_inputs_answer_on_the_curated_catalogue(
        curated_whole_answer: tuple[Graph, tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    """The completeness argument of `rdf.hermit`, checked: small modules (so that lineage links cross
    many of them) give exactly HermiT's answer on the whole input."""
    import functools

    import mfkg.rdf.hermit as hermit
    import mfkg.rdf.reason as reasoning

    source, whole = curated_whole_answer
    real = hermit.modules
    monkeypatch.setattr(hermit, "modules", functools.partial(real, per_module=60))
    assert len(real(reasoning.input_lines(source)[0], per_module=60)) >= 5
    by_modules = reasoning._hermit(source, None)
    assert whole[0] and by_modules == whole


def test_an_edited_model_reasons_one_module_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import functools

    import mfkg.rdf.hermit as hermit
    from mfkg.curation.filecache import user_cache

    monkeypatch.setenv("MFKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(hermit, "modules", functools.partial(hermit.modules, per_module=2))
    import mfkg.rdf.reason as reasoning
    from mfkg.rdf.reasoner_input import reasoner_input

    def started(graph: Graph) -> tuple[list[tuple[str, ...]], tuple]:
        run = reasoning._start_hermit(reasoner_input(graph), user_cache("reasoner"))
        try:
            return run.jobs, run.answer()
        finally:
            run.stop()

    _, graph = compile_graph(FIXTURE_DATA)
    ran, first = started(graph)
    assert ran.count(("-c", "-I")) >= 2 and ("-k",) in ran
    graph.add((entity_iri("model", "scgpt"), MFKG.followsPattern, entity_iri("pattern", "clip-contrastive")))
    ran, second = started(graph)
    assert ran.count(("-c", "-I")) == 1 and ("-k",) in ran, ran
    assert "https://w3id.org/mfkg/vocab/CLIPStyleModel" in second[2]["https://w3id.org/mfkg/model/scgpt"]
    assert first[2] != second[2]


def test_an_interrupted_run_leaves_no_java_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    import mfkg.rdf.hermit as hermit

    started: list[subprocess.Popen] = []
    real = subprocess.Popen

    def popen(*a, **k):  # type: ignore[no-untyped-def]
        proc = real(*a, **k)
        started.append(proc)
        return proc

    def interrupted(*a: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(hermit.subprocess, "Popen", popen)
    monkeypatch.setattr(hermit, "_answer", interrupted)
    lines = _model_lines(4)
    text = b"\n".join(lines) + b"\n"
    with pytest.raises(KeyboardInterrupt):
        hermit.run_jobs([(("-c", "-I"), text), (("-c", "-I"), text), (("-k",), text)], workers=2)
    assert len(started) == 2 and all(p.poll() is not None for p in started)


INERT = """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
ex:repo a owl:ObjectProperty ; rdfs:domain ex:Model ; rdfs:subPropertyOf ex:anyRepo .
ex:anyRepo a owl:ObjectProperty .
ex:ranged a owl:ObjectProperty ; rdfs:range ex:Thing .
ex:either a owl:ObjectProperty ; rdfs:domain [ a owl:Class ; owl:unionOf ( ex:Model ex:Tool ) ] .
ex:above a owl:ObjectProperty ; a owl:FunctionalProperty .
ex:below a owl:ObjectProperty ; rdfs:subPropertyOf ex:above .
ex:alone a owl:ObjectProperty , owl:FunctionalProperty ; rdfs:range ex:Thing .
ex:restricted a owl:ObjectProperty .
ex:twisted a owl:ObjectProperty ; rdfs:range [ a owl:Restriction ; owl:onProperty ex:x ; owl:someValuesFrom ex:Thing ] .
ex:C owl:equivalentClass [ a owl:Restriction ; owl:onProperty ex:restricted ; owl:someValuesFrom ex:Thing ] .
ex:Special rdfs:subClassOf ex:Thing .
ex:m1 a ex:Model ; ex:repo ex:r1 ; ex:ranged ex:t , ex:s ; ex:below ex:b ; ex:restricted ex:x ; ex:either ex:e ;
    ex:alone ex:s ; ex:twisted ex:w .
ex:s a ex:Special .
ex:m2 ex:repo ex:r2 ; ex:either ex:e .
"""


def test_statements_that_entail_nothing_new_are_left_to_shacl() -> None:
    """A statement by a property with no characteristic, inverse or class expression (on it or above it),
    whose domains and ranges are classes or unions of classes, is left out of HermiT's input when its
    subject is stated to be in the domains and its object in the ranges (told subclasses count); a
    functional one is kept (its subject can be left out only whole); every other statement is kept."""
    from mfkg.rdf.inert import Inert, inert_properties
    from mfkg.rdf.reasoner_input import reasoner_input

    g = Graph().parse(data=INERT, format="turtle")
    ex = "http://example.org/"
    got = {str(p): v for p, v in inert_properties(list(g)).items()}
    model, thing = frozenset({URIRef(ex + "Model")}), frozenset({URIRef(ex + "Thing")})
    assert got == {ex + "repo": Inert(frozenset({model}), frozenset()),   # of the properties used in statements
                   ex + "ranged": Inert(frozenset(), frozenset({thing})),
                   ex + "either": Inert(frozenset({frozenset({URIRef(ex + "Model"), URIRef(ex + "Tool")})}),
                                        frozenset()),
                   ex + "alone": Inert(frozenset(), frozenset({thing}), functional=True)}
    kept = {(str(s), str(p), str(o)) for s, p, o in reasoner_input(g)}
    left_out = {(ex + "m1", ex + "repo", ex + "r1"),       # m1 is stated to be a Model
                (ex + "m1", ex + "ranged", ex + "s"),      # s is a Special, below Thing
                (ex + "m1", ex + "either", ex + "e")}      # a Model is in the union
    assert not left_out & kept
    assert (ex + "m2", ex + "repo", ex + "r2") in kept    # m2 is not: the domain would say it
    assert (ex + "m2", ex + "either", ex + "e") in kept
    for p, o in (("ranged", "t"), ("below", "b"), ("restricted", "x"), ("alone", "s"), ("twisted", "w")):
        assert (ex + "m1", ex + p, ex + o) in kept


def test_what_the_curated_input_leaves_out_entails_nothing_new(real_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every statement left out of HermiT's input is by an inert property with its domains and ranges stated
    for both ends, or names an individual another stands in for; the code repositories are all left out."""
    import mfkg.rdf.reasoner_input as reasoning
    from mfkg.rdf.inert import Stated, inert_properties
    from mfkg.rdf.oxio import read_rdf

    graph = read_rdf(real_build / "mfkg.ttl")
    pruned, standing_in = reasoning.reasoner_input_with_stand_ins(graph)
    monkeypatch.setattr(reasoning, "inert_properties", lambda triples: {})
    whole = set(reasoning.reasoner_input(graph))
    triples = list(whole)
    inert, stated = inert_properties(triples), Stated(triples)
    left_out = whole - set(pruned)
    assert len(left_out) > 3_000 and len({p for _, p, _ in left_out}) >= 5
    for s, p, o in left_out:
        said = inert.get(p)
        assert str(s) in standing_in or str(o) in standing_in or (
            said is not None and not said.functional and stated.says(stated.classes(s), said.domains)
            and stated.says(stated.classes(o), said.ranges)), (s, p, o)
    assert sum(1 for t in left_out if t[1] == MFKG.codeRepository) > 300


def test_the_input_taken_from_the_graphs_lines_is_the_input_taken_from_the_graph(real_build: Path) -> None:
    from mfkg.rdf.oxio import read_rdf
    from mfkg.rdf.reasoner_input import reasoner_input
    from mfkg.rdf.serialise import GraphText

    graph = read_rdf(real_build / "mfkg.ttl")
    from_lines = set(reasoner_input(graph, GraphText(graph).triples()))
    assert len(from_lines) > 5_000 and from_lines == set(reasoner_input(graph))


HINTS = """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Model a owl:Class .  ex:FoundationModel rdfs:subClassOf ex:Model .
ex:Modality a owl:Class .  ex:CellModality rdfs:subClassOf ex:Modality .
ex:Multi owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( ex:Model
    [ a owl:Restriction ; owl:onProperty ex:uses ; owl:minQualifiedCardinality "2"^^xsd:nonNegativeInteger ;
      owl:onClass ex:Modality ] ) ] .
ex:distinct a owl:AllDifferent ; owl:distinctMembers ( ex:rna ex:atac ex:protein ) .
ex:rna a ex:CellModality .  ex:atac a ex:CellModality .  ex:protein a ex:Modality .  ex:loose a ex:Modality .
ex:two a ex:FoundationModel ; ex:uses ex:rna , ex:atac .
ex:one a ex:Model ; ex:uses ex:rna .
ex:undeclared a ex:Model ; ex:uses ex:rna , ex:loose .
ex:untyped ex:uses ex:rna , ex:atac .
ex:untyped-values a ex:Model ; ex:uses ex:unknown1 , ex:unknown2 .
ex:stated a ex:Model , ex:Multi ; ex:uses ex:rna , ex:protein .
"""


def test_entailed_memberships_are_stated_for_the_reasoner_and_only_those() -> None:
    """X ≡ C ⊓ ≥n P.D: X(a) is given to HermiT exactly when a is stated to be a C (or of a subclass) with
    n P-values stated to be D's that an owl:AllDifferent keeps apart, so it is entailed."""
    from mfkg.rdf.hints import cardinality_hints

    g = Graph().parse(data=HINTS, format="turtle")
    ex = "http://example.org/"
    got = {(str(s), str(o)) for s, _, o in cardinality_hints(list(g))}
    # not: one value; a value no AllDifferent names; no type; values of no known type; already stated
    assert got == {(ex + "two", ex + "Multi")}
    broken = HINTS.replace('"2"^^xsd:nonNegativeInteger', '"two"^^xsd:nonNegativeInteger')
    assert cardinality_hints(list(Graph().parse(data=broken, format="turtle"))) == []   # no number, no statement


DEFINITIONS = """
@prefix ex: <http://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Tolerant owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( ex:Pattern
    [ a owl:Restriction ; owl:onProperty ex:handles ; owl:hasValue true ] ) ] .
ex:TolerantModel owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( ex:Model
    [ a owl:Restriction ; owl:onProperty ex:follows ; owl:someValuesFrom ex:Tolerant ] ) ] .
ex:WnnModel owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( ex:Model
    [ a owl:Restriction ; owl:onProperty ex:follows ; owl:hasValue ex:wnn ] ) ] .
ex:Odd owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( ex:Model ex:Other
    [ a owl:Restriction ; owl:onProperty ex:follows ; owl:hasValue ex:wnn ] ) ] .
ex:Both owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( ex:Model
    [ a owl:Restriction ; owl:onProperty ex:follows ; owl:hasValue ex:wnn ; owl:someValuesFrom ex:Tolerant ] ) ] .
ex:SubPattern rdfs:subClassOf ex:Pattern . ex:FoundationModel rdfs:subClassOf ex:Model .
ex:p1 a ex:SubPattern ; ex:handles true .
ex:p2 a ex:Pattern ; ex:handles false .
ex:p3 ex:handles true .
ex:wnn a ex:Pattern .
ex:m1 a ex:FoundationModel ; ex:follows ex:p1 .
ex:m2 a ex:Model ; ex:follows ex:p2 , ex:p3 .
ex:m3 a ex:Model , ex:WnnModel ; ex:follows ex:wnn .
ex:m4 a ex:Model ; ex:follows ex:wnn .
ex:m5 ex:follows ex:p1 , ex:wnn .
"""


def test_memberships_entailed_by_a_definition_are_stated_and_only_those() -> None:
    """X ≡ C ⊓ (P value v) and X ≡ C ⊓ ∃P.D: X(a) is given to HermiT exactly when a is stated to be a C (or of
    a subclass) with the value, or with a P-value stated or found to be a D; found memberships chain."""
    from mfkg.rdf.hints import definition_hints

    ex = "http://example.org/"
    got = {(str(s), str(o)) for s, _, o in definition_hints(list(Graph().parse(data=DEFINITIONS, format="turtle")))}
    # p1 by value through a subclass, m1 through p1's found membership, m4 by value; not: p2 (false),
    # p3 (no type), m2 (its patterns are not tolerant), m3 (already stated), m5 (no type), Odd and Both
    # (not one named class and one restriction of one kind)
    assert got == {(ex + "p1", ex + "Tolerant"), (ex + "m1", ex + "TolerantModel"), (ex + "m4", ex + "WnnModel")}


def test_the_reasoners_answer_is_the_same_with_and_without_the_stated_memberships(
        real_build: Path, curated_whole_answer: tuple[Graph, tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    """The memberships stated beforehand (both kinds) are entailed, so HermiT's answer on the curated input
    does not change; there are such memberships (else the test would compare nothing)."""
    import mfkg.rdf.reason as reasoning
    import mfkg.rdf.reasoner_input as taking
    from mfkg.rdf.oxio import read_rdf

    graph = read_rdf(real_build / "mfkg.ttl")
    hinted, hinted_answer = curated_whole_answer
    assert set(hinted) == set(taking.reasoner_input(graph))
    monkeypatch.setattr(taking, "cardinality_hints", lambda triples: [])
    by_definition = taking.reasoner_input(graph)
    monkeypatch.setattr(taking, "definition_hints", lambda triples: [])
    plain = taking.reasoner_input(graph)
    assert len(set(hinted) - set(by_definition)) > 100 and len(set(by_definition) - set(plain)) > 100
    assert set(plain) <= set(by_definition) <= set(hinted)
    assert hinted_answer[0] and hinted_answer == reasoning._hermit(plain, None)


def test_the_reasoners_time_is_its_own_not_the_callers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`validate` asks for the answer after SHACL and the checks: the time reported for the reasoner ends
    when its answer was there (from the cache at once; from HermiT when its last process ended), not
    when the caller asked for it."""
    import time

    from mfkg.rdf.reason import Reasoning

    monkeypatch.setenv("MFKG_CACHE_DIR", str(tmp_path / "cache"))
    _, graph = compile_graph(FIXTURE_DATA)
    started = time.perf_counter()
    with Reasoning(graph) as pending:
        running = pending._running
        assert running is not None, "nothing was cached yet: HermiT runs"
        while running.finished_at() is None:
            time.sleep(0.05)
        hermit_done = time.perf_counter() - started
        time.sleep(1.5)   # the caller's other work: longer than the second allowed below
        ran = pending.result()
    started = time.perf_counter()
    with Reasoning(graph) as pending:   # the same input: answered from the cache
        looked_up = time.perf_counter() - started
        time.sleep(1.5)
        cached = pending.result()
    assert ran.consistent and cached.consistent and set(ran.inferred) == set(cached.inferred)
    assert ran.seconds < hermit_done + 1, (ran.seconds, hermit_done)
    assert cached.seconds < looked_up + 1, (cached.seconds, looked_up)
    # every module answered from its own cache (the whole input's answer was not kept): no process runs
    import mfkg.rdf.reason as reasoning

    whole_answers = tmp_path / "cache" / "reasoner"
    monkeypatch.setattr(reasoning, "_cache_key", lambda source, cache: "")
    started = time.perf_counter()
    with Reasoning(graph) as pending:
        looked_up = time.perf_counter() - started
        assert pending._running is not None and pending._running.jobs == [], "a module ran HermiT again"
        time.sleep(1.5)
        by_modules = pending.result()
    assert whole_answers.exists() and set(by_modules.inferred) == set(ran.inferred)
    assert by_modules.seconds < looked_up + 1, (by_modules.seconds, looked_up)


def test_hermit_leaves_a_core_to_a_busy_caller_until_it_asks_for_the_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """While the caller builds and checks the graph, HermiT runs on one core fewer (the caller is the longer
    path); once the caller waits for the answers, on every core. Without a busy caller, on every core at once."""
    import subprocess

    from mfkg.rdf import hermit

    alive: list[subprocess.Popen[bytes]] = []
    at_start: list[int] = []   # how many HermiT processes ran as each one started, itself included
    real = subprocess.Popen

    def popen(*args, **kwargs):  # type: ignore[no-untyped-def]
        at_start.append(1 + sum(p.poll() is None for p in alive))
        alive.append(real(*args, **kwargs))
        return alive[-1]

    monkeypatch.setattr(hermit.subprocess, "Popen", popen)
    tiny = b"<http://example.org/A> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#Class> .\n"
    jobs = [(("-k",), tiny)] * 3
    run = hermit.Hermit(jobs, hermit.hermit_folder(), workers=2, caller_busy=True)
    try:
        assert at_start == [1] and len(run.pids()) == 1
        answers = run.answers()   # the first process still starts its JVM: the second starts beside it
    finally:
        run.stop()
    assert len(answers) == 3 and all(a.consistent for a in answers)
    assert at_start[1] == 2, at_start
    at_start.clear()
    run = hermit.Hermit(jobs, hermit.hermit_folder(), workers=2)
    try:
        assert at_start == [1, 2]
        assert len(run.answers()) == 3
    finally:
        run.stop()
