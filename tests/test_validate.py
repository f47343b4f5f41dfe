"""Each shape and each violation query catches exactly the defect it is for.

The shapes and checks guard the graph, including graphs merged from elsewhere, so the defects
are made by editing the built fixture graph; the baseline findings of the clean fixture are
subtracted and exactly the expected new findings must remain."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from conftest import FIXTURE_DATA, REAL_DATA, run_cli
from mfkg.namespaces import MFKG, entity_iri
from mfkg.project import DEFAULT_QUERIES, DEFAULT_SHAPES
from mfkg.rdf.compile import compile_graph
from mfkg.validation.validate import Finding, _Locator, run_checks, run_shacl

CATALOG, GRAPH = compile_graph(FIXTURE_DATA)
LOCATOR = _Locator(CATALOG)
SCGPT = entity_iri("model", "scgpt")
GENEFORMER = entity_iri("model", "geneformer")
CLAIM = URIRef(f"{GENEFORMER}/claim/params-v1-10m")
SEED = entity_iri("seed-claim", "scgpt-33m-cells")


def _findings(g: Graph) -> list[Finding]:
    return run_shacl(g, DEFAULT_SHAPES, LOCATOR) + run_checks(g, DEFAULT_QUERIES, LOCATOR)


BASELINE = {(f.severity, f.stage, f.focus, f.field, f.message) for f in _findings(GRAPH)}


def _mutated(mutate: Callable[[Graph], None]) -> list[Finding]:
    g = Graph()
    for prefix, ns in GRAPH.namespaces():
        g.bind(prefix, ns, override=True, replace=True)
    g += GRAPH
    mutate(g)
    return [f for f in _findings(g) if (f.severity, f.stage, f.focus, f.field, f.message) not in BASELINE]


def _set(g: Graph, s: URIRef, p: URIRef, o) -> None:  # type: ignore[no-untyped-def]
    g.remove((s, p, None))
    if o is not None:
        g.add((s, p, o))


def _usage(g: Graph) -> URIRef:
    """scGPT's first modality usage (by IRI)."""
    return sorted(u for u in g.objects(SCGPT, MFKG.hasModalityUsage) if isinstance(u, URIRef))[0]


def _result(g: Graph) -> URIRef:
    """The first benchmark result that is for a model."""
    return sorted(r for r in g.subjects(MFKG.resultModel, None) if isinstance(r, URIRef))[0]


def _baseline(g: Graph) -> URIRef:
    return sorted(b for b in g.subjects(RDF.type, MFKG.Baseline) if isinstance(b, URIRef))[0]


def _recommendation(g: Graph) -> None:
    rec, req = entity_iri("recommendation", "test"), URIRef(str(entity_iri("recommendation", "test")) + "/data/1")
    for t in [(rec, RDF.type, MFKG.Recommendation), (rec, MFKG.identifier, Literal("test")),
              (rec, RDFS.label, Literal("test", lang="en")), (rec, MFKG.hasDataRequirement, req),
              (req, RDF.type, MFKG.DataRequirement), (req, MFKG.requiresModality, entity_iri("modality", "scrna")),
              (rec, MFKG.recommendsPattern, entity_iri("pattern", "wnn")),
              (rec, MFKG.recommendsModel, SCGPT), (rec, MFKG.rationale, Literal("why", lang="en"))]:
        g.add(t)


CASES: dict[str, tuple[Callable[[Graph], None], list[tuple[str, str, str]]]] = {
    # shapes
    "label-missing": (lambda g: _set(g, SCGPT, RDFS.label, None),
                      [("violation", "shacl", "every entity has a label"),
                       ("violation", "check:missing-labels", "has no rdfs:label")]),
    "pattern-missing": (lambda g: _set(g, SCGPT, MFKG.followsPattern, None),
                        [("violation", "shacl", "follows at least one architecture pattern")]),
    "negative-count": (lambda g: g.add((SCGPT, MFKG.parameterCount, Literal(-5, datatype=XSD.integer))),
                       [("violation", "shacl", "parameter counts are positive integers")]),
    "count-as-text": (lambda g: g.add((SCGPT, MFKG.pretrainingCells, Literal("33M"))),
                      [("violation", "shacl", "cell counts are positive integers")]),
    "tokenizer-missing": (lambda g: _set(g, SCGPT, MFKG.usesTokenizer, None),
                          [("violation", "shacl", "uses at least one tokenization strategy")]),
    "claim-source-missing": (lambda g: _set(g, CLAIM, MFKG.claimSource, None),
                             [("violation", "shacl", "every claim has exactly one source"),
                              ("violation", "check:claim-without-source", "has no source")]),
    "claim-two-sources": (lambda g: g.add((CLAIM, MFKG.claimSource, entity_iri("publication", "cui2024scgpt"))),
                          [("violation", "shacl", "every claim has exactly one source"),
                           ("violation", "check:functional-property-violations", "two values for the functional property")]),
    "claim-unquoted": (lambda g: (_set(g, CLAIM, MFKG.quote, None), _set(g, CLAIM, MFKG.locator, None)),
                       [("violation", "shacl", "every claim has a verbatim quote or a locator")]),
    "bad-doi": (lambda g: _set(g, entity_iri("publication", "cui2024scgpt"), MFKG.doi,
                               Literal("doi:10.1038/x")),
                [("violation", "shacl", "a DOI is a bare 10.x/")]),
    "year-out-of-range": (lambda g: _set(g, SCGPT, MFKG.releaseYear, Literal(1800, datatype=XSD.integer)),
                          [("violation", "shacl", "one release year between 1950 and 2030")]),
    "task-flag-missing": (lambda g: _set(g, entity_iri("task", "cell-type-annotation"), MFKG.requiresPairedData, None),
                          [("violation", "shacl", "whether it needs paired data")]),
    "role-not-in-list": (lambda g: _set(g, _usage(g), MFKG.role, URIRef("https://w3id.org/mfkg/role/bogus")),
                         [("violation", "shacl", "has a role: input, output, anchor or conditioning (value: role/bogus)"),
                          ("violation", "check:dangling-references", "is referenced by")]),
    "usage-two-modalities": (lambda g: g.add((_usage(g), MFKG.modality, entity_iri("modality", "protein-sequence"))),
                             [("violation", "shacl", "names exactly one modality"),
                              ("violation", "check:functional-property-violations", "two values for the functional property")]),
    "pattern-of-wrong-class": (lambda g: g.add((SCGPT, MFKG.followsPattern, entity_iri("task", "cell-type-annotation"))),
                               [("violation", "shacl", "follows at least one architecture pattern (value: task/cell-type-annotation)")]),
    "year-as-text": (lambda g: _set(g, SCGPT, MFKG.releaseYear, Literal("2023")),
                     [("violation", "shacl", "one release year between 1950 and 2030 (value: 2023)")]),
    "bad-arxiv-id": (lambda g: _set(g, entity_iri("publication", "cui2024scgpt"), MFKG.arxivId, Literal("arXiv:2301")),
                     [("violation", "shacl", "an arXiv id is a bare")]),
    "seed-section-out-of-range": (lambda g: _set(g, SEED, MFKG.seedSection, Literal(10, datatype=XSD.integer)),
                                  [("violation", "shacl", "names its seed section, 1 to 9 (value: 10)")]),
    "result-for-model-and-baseline": (lambda g: g.add((_result(g), MFKG.resultBaseline, _baseline(g))),
                                      [("violation", "shacl", "a result is for exactly one model or one baseline, not both")]),
    "result-for-neither": (lambda g: _set(g, _result(g), MFKG.resultModel, None),
                           [("violation", "shacl", "a result is for exactly one model or one baseline")]),
    "result-unquoted": (lambda g: (_set(g, _result(g), MFKG.quote, None), _set(g, _result(g), MFKG.locator, None)),
                        [("violation", "shacl", "a result has a quote or a table/figure locator")]),
    "commercial-use-missing": (lambda g: _set(g, GENEFORMER, MFKG.commercialUse, None),
                               [("violation", "shacl", "answers the commercial-use question")]),
    "undeclared-conflict": (lambda g: [g.add(t) for t in [
                                (URIRef(f"{GENEFORMER}/claim/x-params"), MFKG.claimAbout, GENEFORMER),
                                (URIRef(f"{GENEFORMER}/claim/x-params"), MFKG.claimProperty, MFKG.parameterCount),
                                (URIRef(f"{GENEFORMER}/claim/x-params"), MFKG.claimValue, Literal(11, datatype=XSD.integer)),
                                (URIRef(f"{GENEFORMER}/claim/x-params"), MFKG.identifier, Literal("x-params")),
                                (URIRef(f"{GENEFORMER}/claim/x-params"), MFKG.claimSource, entity_iri("publication", "cui2024scgpt")),
                                (URIRef(f"{GENEFORMER}/claim/x-params"), MFKG.quote, Literal("x")),
                                (URIRef(f"{GENEFORMER}/claim/y-params"), MFKG.claimAbout, GENEFORMER),
                                (URIRef(f"{GENEFORMER}/claim/y-params"), MFKG.claimProperty, MFKG.parameterCount),
                                (URIRef(f"{GENEFORMER}/claim/y-params"), MFKG.claimValue, Literal(12, datatype=XSD.integer)),
                                (URIRef(f"{GENEFORMER}/claim/y-params"), MFKG.identifier, Literal("y-params")),
                                (URIRef(f"{GENEFORMER}/claim/y-params"), MFKG.claimSource, entity_iri("publication", "cui2024scgpt")),
                                (URIRef(f"{GENEFORMER}/claim/y-params"), MFKG.quote, Literal("y"))]],
                            [("warning", "check:undeclared-conflicts", "claims 'x-params' (11) and 'y-params' (12) disagree")]),
    "no-claims": (lambda g: _set(g, entity_iri("model", "scvi"), MFKG.hasClaim, None),
                  [("warning", "shacl", "no sourced claim"),
                   ("info", "check:model-without-claims", "has no sourced claim yet")]),
    "commercial-use-not-checked": (lambda g: (_set(g, URIRef(f"{GENEFORMER}/licence/commercial-use"), MFKG.commercialUse,
                                                   URIRef("https://w3id.org/mfkg/commercial-use/unknown")),
                                              _set(g, URIRef(f"{GENEFORMER}/licence/commercial-use"), SKOS.note,
                                                   Literal("not yet checked"))),
                                   [("warning", "check:commercial-use-not-checked", "does not say what was looked at")]),
    # violation queries
    "duplicate-name": (lambda g: g.add((GENEFORMER, SKOS.altLabel, Literal("scGPT", lang="en"))),
                       [("violation", "check:duplicate-model-names", "shares the name 'scGPT'")]),
    "dangling": (lambda g: g.add((SCGPT, MFKG.pretrainedOn, entity_iri("dataset", "nowhere"))),
                 [("violation", "check:dangling-references", "is referenced by")]),
    "undeclared": (lambda g: g.add((SCGPT, URIRef(str(MFKG) + "madeUp"), Literal("x"))),
                   [("violation", "check:undeclared-terms", "not declared")]),
    "orphan": (lambda g: [g.add(t) for t in [
                   (entity_iri("modality", "lonely"), RDF.type, MFKG.Modality),
                   (entity_iri("modality", "lonely"), MFKG.identifier, Literal("lonely")),
                   (entity_iri("modality", "lonely"), RDFS.label, Literal("lonely", lang="en"))]],
               [("warning", "check:orphan-entities", "is not used")]),
    "pattern-without-exemplar": (_recommendation,
                                 [("violation", "check:recommendation-pattern-without-exemplar", "which no model follows"),
                                  ("warning", "check:recommended-model-off-pattern", "follows none of the recommended patterns")]),
    "seed-unchecked": (lambda g: _set(g, SEED, MFKG.checkedAgainst, None),
                       [("violation", "check:seed-claim-unchecked", "has a verdict but no primary claim")]),
    "seed-no-verdict": (lambda g: _set(g, SEED, MFKG.verdict, None),
                        [("violation", "shacl", "every seed claim has exactly one verdict"),
                         ("violation", "check:seed-claim-unchecked", "has no verdict")]),
    "disjoint": (lambda g: g.add((SCGPT, RDF.type, MFKG.Trend)),
                 [("violation", "check:disjoint-types", "is both a Model and a Trend")]),
    "unused-source": (lambda g: [g.add(t) for t in [
                          (entity_iri("publication", "x2020y"), RDF.type, MFKG.Publication),
                          (entity_iri("publication", "x2020y"), MFKG.identifier, Literal("x2020y")),
                          (entity_iri("publication", "x2020y"), RDFS.label, Literal("X")),
                          (entity_iri("publication", "x2020y"), MFKG.publicationYear, Literal(2020, datatype=XSD.integer)),
                          (entity_iri("publication", "x2020y"), MFKG.publicationType, URIRef("https://w3id.org/mfkg/pubtype/method"))]],
                      [("info", "check:unused-sources", "is not cited by any record")]),
}


def test_clean_fixture_has_no_violation() -> None:
    assert not [f for f in BASELINE if f[0] == "violation"], BASELINE


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_defect_gives_exactly_its_finding(case: str) -> None:
    mutate, expected = CASES[case]
    new = _mutated(mutate)
    assert len(new) == len(expected), [(f.severity, f.stage, f.message) for f in new]
    for severity, stage, fragment in expected:
        assert any(f.severity == severity and f.stage == stage and fragment in f.message for f in new), \
            (severity, stage, fragment, [(f.severity, f.stage, f.message) for f in new])


def test_every_shape_constraint_says_what_is_wrong_in_its_own_words() -> None:
    """Every property shape, and every node shape with a constraint of its own (sh:or, sh:xone; none
    now: 'one of two properties' is a property shape on an alternative path, which the engine checks
    at a third of the cost), has an sh:message: findings read the same whatever the engine's wording."""
    from rdflib.namespace import SH

    shapes = Graph().parse(DEFAULT_SHAPES, format="turtle")
    property_shapes = set(shapes.objects(None, SH.property))
    own = {s for p in (SH["or"], SH.xone, SH["and"], SH["not"]) for s in shapes.subjects(p, None)}
    missing = sorted(str(s) if isinstance(s, URIRef) else str(shapes.value(s, SH.path))
                     for s in property_shapes | own if shapes.value(s, SH.message) is None)
    assert property_shapes and not missing, missing


def test_every_check_has_a_case() -> None:
    checks = {p.stem for p in (DEFAULT_QUERIES / "checks").glob("*.rq")}
    covered = {stage.split(":", 1)[1] for _, exp in CASES.values() for _, stage, _ in exp if stage.startswith("check:")}
    assert checks == covered, checks ^ covered


def test_findings_point_at_file_and_line() -> None:
    new = _mutated(lambda g: _set(g, CLAIM, MFKG.claimSource, None))
    shacl = [f for f in new if f.stage == "shacl"][0]
    assert shacl.file == "data/models/geneformer.yaml" and shacl.line > 1 and "claim/params-v1-10m" in shacl.field


def test_validate_real_data_exits_0_and_reports_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # a cache of its own, so every stage runs (a report reused from an earlier test would have no stage timings)
    r = run_cli("validate", "--data", str(REAL_DATA), "--format", "json", env={"MFKG_CACHE_DIR": str(tmp_path)})
    assert r.code == 0, r.out[-2000:] + r.err
    import json

    report = json.loads(r.out)
    assert report["ok"] and report["counts"]["violation"] == 0
    assert set(report["timings_s"]) >= {"schema+references", "shacl", "checks", "reasoner"}


def test_validate_invalid_data_exits_1(fixture_copy) -> None:  # type: ignore[no-untyped-def]
    (fixture_copy / "models" / "scgpt.yaml").write_text("id: scgpt\n", encoding="utf-8")
    r = run_cli("validate", "--data", str(fixture_copy), "--no-reasoner")
    assert r.code == 1 and "required field 'label' is missing" in r.out and "Traceback" not in r.err


def test_a_finding_on_alternative_properties_names_both_the_same_way_every_run() -> None:
    """A path of alternatives is a blank node whose label changes per run; the finding names its properties."""
    runs = [[f.field for f in _mutated(CASES["claim-unquoted"][0]) if f.stage == "shacl"] for _ in range(2)]
    assert runs[0] == runs[1] == ["claim/params-v1-10m quote|locator"], runs
