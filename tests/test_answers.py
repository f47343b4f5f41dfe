"""Answers without friction: one resolver for every verb and the API, no silent empty results,
questions in plain words, readable errors and output people read. Built from the small fixture
data (no reasoner) unless a test names the real build."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURE_DATA, run_cli, run_cli_here
from mfkg.query.resolve import AmbiguousName, EntityIndex, UnknownName
from mfkg.query.route import Router
from mfkg.query.saved import SavedQueries

CATALOGUE = SavedQueries.load()
NAMES = ("scGPT", "scgpt", "SC GPT", "sc-gpt")


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data built (without the reasoner) and loaded into a store."""
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder
    from mfkg.query.store import open_store

    out = tmp_path_factory.mktemp("fx")
    run_pipeline(BuildFolder(out), data_dir=FIXTURE_DATA, validate=False, reason=False)
    open_store(out)
    return out


def _cli(*args: str) -> tuple[int, str, str]:
    """Run a verb in this process (fast); errors come back as they would from `mfkg`."""
    result = CliRunner().invoke(_Main(), list(args), catch_exceptions=True)  # type: ignore[arg-type]
    return result.exit_code, result.stdout, result.stderr


class _Main:
    """Adapts `mfkg.cli.main` (which turns errors into sentences) to CliRunner."""

    name = "mfkg"

    def main(self, args: list[str], prog_name: str | None = None, **kwargs: object) -> None:
        from mfkg.cli import main

        main(args)


# ------------------------------------------------------------------------------ the resolver
def _index() -> EntityIndex:
    index = EntityIndex()
    index.add("https://w3id.org/mfkg/model/esm2", "esm2", ["ESM-2"])
    index.add("https://w3id.org/mfkg/model/esm3", "esm3", ["ESM 3"])
    index.add("https://w3id.org/mfkg/model/tape-transformer", "tape-transformer", ["TAPE"])
    index.add("https://w3id.org/mfkg/benchmark/tape", "tape", ["TAPE"])
    return index


def test_name_variants_resolve_to_one_entity() -> None:
    index = _index()
    assert {index.resolve(n) for n in ("ESM-2", "esm2", "ESM 2", "esm-2", "model/esm2")} == \
        {"https://w3id.org/mfkg/model/esm2"}


def test_ambiguous_name_lists_the_candidates() -> None:
    with pytest.raises(AmbiguousName) as exc:
        _index().resolve("Tape")
    assert str(exc.value).startswith("'Tape' could mean 2 entities: TAPE (benchmark/tape), TAPE (model/tape-transformer)")
    assert "kind/id" in str(exc.value)
    assert _index().resolve("TAPE", "model").endswith("/model/tape-transformer")   # a kind settles it


def test_unknown_name_says_did_you_mean() -> None:
    with pytest.raises(UnknownName, match=r"no model named 'ESM-22'; did you mean ESM-2 \(model/esm2\)"):
        _index().resolve("ESM-22", "model")


# ------------------------------------------------------------------------------ every verb
@pytest.mark.parametrize("verb", [
    ("path", "{name}", "geneformer"), ("neighbours", "{name}"), ("compare", "{name}", "geneformer"),
    ("query", "run", "model-lineage", "--param", "model={name}"),
    ("query", "run", "claim-sources", "--param", "about={name}"),
    ("query", "run", "compare-models", "--param", "models={name}, Geneformer"),
    ("query", "run", "model-lineage", "--lang", "cypher", "--param", "model={name}"),
])
def test_every_verb_resolves_name_variants_alike(fx: Path, verb: tuple[str, ...]) -> None:
    outputs = set()
    for name in NAMES:
        code, out, err = _cli(*[a.format(name=name) for a in verb], "--build-dir", str(fx))
        assert code == 0, (name, err)
        outputs.add(out)
    assert len(outputs) == 1, f"{verb[0]} answered differently for {NAMES}"
    assert "scGPT" in outputs.pop() or verb[:3] == ("query", "run", "model-lineage")


def test_viz_focus_resolves_name_variants(fx: Path, tmp_path: Path) -> None:
    for name in NAMES:
        code, out, err = _cli("viz", "--focus", name, "--build-dir", str(fx), "--output", str(tmp_path / "f.html"))
        assert code == 0, err


def test_the_api_resolves_name_variants_alike(fx: Path) -> None:
    from mfkg.api import KnowledgeGraph
    from mfkg.query.store import open_store

    kg = KnowledgeGraph(open_store(fx), fx)
    assert {kg.resolve(n) for n in NAMES} == {"https://w3id.org/mfkg/model/scgpt"}
    answers = [kg.query("claim-sources", about=n).dicts() for n in NAMES]
    assert answers[0] and all(a == answers[0] for a in answers)


def test_unknown_name_in_a_verb_is_one_sentence(fx: Path) -> None:
    code, _, err = _cli("path", "scgtp", "geneformer", "--build-dir", str(fx))
    assert code == 2 and "no entity named 'scgtp'; did you mean scGPT (model/scgpt)" in err
    code, _, err = _cli("query", "run", "model-lineage", "--param", "model=Genformer", "--build-dir", str(fx))
    assert code == 2 and "no model named 'Genformer'; did you mean Geneformer (model/geneformer)" in err


def test_ambiguous_name_in_a_verb_lists_candidates(fx: Path, tmp_path: Path) -> None:
    build = tmp_path / "b"
    shutil.copytree(fx, build, ignore=shutil.ignore_patterns("store"))
    extra = tmp_path / "extra.ttl"
    extra.write_text('<https://w3id.org/mfkg/dataset/scgpt-corpus> a <https://w3id.org/mfkg/vocab/Dataset> ;\n'
                     '  <https://w3id.org/mfkg/vocab/identifier> "scgpt-corpus" ;\n'
                     '  <http://www.w3.org/2000/01/rdf-schema#label> "scGPT"@en .\n', encoding="utf-8")
    assert _cli("merge", str(extra), "--build-dir", str(build))[0] == 0
    code, _, err = _cli("neighbours", "scGPT", "--build-dir", str(build))
    assert code == 2
    assert "'scGPT' could mean 2 entities: scGPT (dataset/scgpt-corpus), scGPT (model/scgpt)" in err
    assert _cli("neighbours", "model/scgpt", "--build-dir", str(build))[0] == 0
    assert _cli("query", "run", "model-lineage", "--param", "model=scGPT", "--build-dir", str(build))[0] == 0


def test_parameters_say_whether_they_take_text_or_names() -> None:
    code, out, _ = _cli("query", "list")
    assert "goal: text" in out and "model: model name or id" in out and "have: modality names or ids" in out
    code, _, err = _cli("query", "show", "recommend")
    assert "parameter goal: text, matched as words" in err


# ------------------------------------------------------------------------------ no silent empties
def test_undeclared_predicate_is_named_in_a_warning(fx: Path) -> None:
    r = run_cli("sparql", "SELECT ?m WHERE { ?m mfkg:parameterCont ?n }", "--build-dir", str(fx))
    assert r.code == 0, r.err
    assert "warning: mfkg:parameterCont is not a class or property the ontology declares" in r.err
    assert "did you mean mfkg:parameterCount" in r.err
    code, _, err = _cli("sparql", "SELECT ?m WHERE { ?m a mfkg:Modle }", "--build-dir", str(fx))
    assert code == 0 and "mfkg:Modle is not a class or property the ontology declares" in err and "mfkg:Model" in err


def test_plain_literal_against_tagged_labels_warns(fx: Path) -> None:
    code, _, err = _cli("sparql", 'SELECT ?m WHERE { ?m rdfs:label "scGPT" }', "--build-dir", str(fx))
    assert code == 0 and 'the plain literal "scGPT" matches none of them; write "scGPT"@en' in err
    code, _, err = _cli("sparql", 'SELECT ?m WHERE { ?m rdfs:label ?l FILTER(?l = "scGPT") }', "--build-dir", str(fx))
    assert "?l holds language-tagged values of rdfs:label" in err
    code, _, err = _cli("sparql", 'SELECT ?m WHERE { ?m rdfs:label "scGPT"@en ; mfkg:identifier "scgpt" }', "--build-dir", str(fx))
    assert code == 0 and "warning" not in err


def test_a_saved_query_with_no_rows_names_the_value_that_matched_nothing(fx: Path) -> None:
    code, out, err = _cli("query", "run", "models-min-cells", "--param", "min_cells=1000000000000", "--build-dir", str(fx))
    assert code == 0 and "(0 rows)" in out
    assert "note: min_cells = '1000000000000' matched nothing (with its default '50000000' the query answers" in err


# ------------------------------------------------------------------------------ readable errors
@pytest.mark.parametrize("text,expected", [
    ("SELEC ?m WHERE { ?m ?p ?o }", "the query starts with 'SELEC'; only SELECT, CONSTRUCT and ASK queries are run here "
                                    "(did you mean SELECT?)"),
    ('INSERT DATA { model:x rdfs:label "x" }', "'INSERT' would change the graph; only SELECT, CONSTRUCT and ASK"),
    ("SELECT ?m WHERE { ?m foo:bar ?o }", "unknown prefix foo:; the prefixes known without a PREFIX line are mfkg:, rdf:"),
    ("SELECT ?m\nWHERE { ?m ?p ?o", "SPARQL syntax error at line 2, column 17: expected ',', '.', ';'"),
])
def test_sparql_errors_in_words(fx: Path, text: str, expected: str) -> None:
    code, _, err = _cli("sparql", text, "--build-dir", str(fx))
    assert code == 2 and expected in err, err
    assert "\\u{" not in err and "..=" not in err


def test_cypher_errors_list_the_schema(fx: Path) -> None:
    code, _, err = _cli("cypher", "MATCH (m:Model) RETURN m.label", "--build-dir", str(fx))
    assert code == 2 and "Model has no property 'label'; did you mean name?" in err and "in_family" in err
    code, _, err = _cli("cypher", "MATCH (m:Modle) RETURN m", "--build-dir", str(fx))
    assert "unknown node label 'Modle'; did you mean Model" in err
    code, _, err = _cli("cypher", "MATCH (m)-[:FOLLOWS]->(p) RETURN m", "--build-dir", str(fx))
    assert "did you mean FOLLOWS_PATTERN" in err and "the relationship types are:" in err
    code, out, _ = _cli("cypher", "--schema", "--build-dir", str(fx))
    assert code == 0 and "  Model: " in out and "in_family" in out and "FOLLOWS_PATTERN" in out


def test_every_listed_query_runs(real_build: Path) -> None:
    failed = {}
    for name in sorted(CATALOGUE.queries):
        code, out, err = _cli("query", "run", name, "--build-dir", str(real_build))
        if code != 0 or (CATALOGUE.get(name).form == "CONSTRUCT" and "@prefix mfkg:" not in out):
            failed[name] = err
    assert not failed


def test_lineage_graph_runs_as_turtle(fx: Path) -> None:
    code, out, err = _cli("query", "run", "lineage-graph", "--build-dir", str(fx))
    assert code == 0, err
    assert "model:totalvi mfkg:derivesFrom model:scvi" in out


# ------------------------------------------------------------------------------ ask
@pytest.mark.parametrize("name", sorted(CATALOGUE.queries))
def test_every_example_phrasing_routes_to_its_query(name: str) -> None:
    q = CATALOGUE.get(name)
    assert len(q.examples) >= 2, f"{name} declares fewer than two '# examples:' phrasings"
    router = Router(CATALOGUE)
    for example in q.examples:
        routing = router.route(example)
        assert routing.best is not None and routing.best.query.name == name, (example, routing.closest)


def test_example_phrasings_route_with_names_resolved(fx: Path) -> None:
    from mfkg.query.resolve import index_for
    from mfkg.query.store import open_store

    router = Router(CATALOGUE, index_for(open_store(fx)))
    for q in CATALOGUE.queries.values():
        for example in q.examples:
            routing = router.route(example)
            assert routing.best is not None and routing.best.query.name == q.name, example


def test_ask_fills_numbers_and_names(fx: Path) -> None:
    code, out, err = _cli("ask", "models trained on more than 30 million cells", "--build-dir", str(fx))
    assert code == 0 and "answered by `models-min-cells`" in err and "with min_cells = 30000000" in err
    assert "scGPT" in out
    code, out, err = _cli("ask", "what are the sources for the claims about SC-GPT?", "--build-dir", str(fx))
    assert "answered by `claim-sources`" in err and "with about = scgpt" in err


def test_ask_lists_the_closest_instead_of_guessing(fx: Path) -> None:
    code, out, err = _cli("ask", "what is the weather in Paris tomorrow", "--build-dir", str(fx))
    assert code == 0 and "no saved question fits" in out and out.count("mfkg query run ") == 3


# ------------------------------------------------------------------------------ output people read
def test_tables_say_what_they_cut_and_numbers_are_short(fx: Path) -> None:
    code, out, _ = _cli("query", "run", "claim-sources", "--param", "about=scgpt", "--build-dir", str(fx))
    assert "characters not shown — see them all with --wide or --format md" in out
    assert "33 M" in out and "33000000" not in out
    code, wide, _ = _cli("query", "run", "claim-sources", "--param", "about=scgpt", "--wide", "--build-dir", str(fx))
    assert "not shown" not in wide and "…" not in wide
    code, csv, _ = _cli("query", "run", "claim-sources", "--param", "about=scgpt", "--format", "csv", "--build-dir", str(fx))
    assert "33000000" in csv
    code, md, _ = _cli("query", "run", "claim-sources", "--param", "about=scgpt", "--format", "md", "--build-dir", str(fx))
    assert "33,000,000" in md


def test_the_api_gives_labels_beside_iris_and_dataframes(fx: Path) -> None:
    from mfkg.api import KnowledgeGraph
    from mfkg.query.store import open_store

    kg = KnowledgeGraph(open_store(fx), fx)
    row = kg.query("models-min-cells", min_cells=30_000_000).dicts()[0]
    assert row["model"].startswith("https://w3id.org/mfkg/model/") and row["model_label"] in ("scGPT", "Geneformer")
    import pandas as pd  # in the test extra: a missing install must fail, not skip
    df = kg.query("models-min-cells", min_cells=30_000_000).df()
    assert isinstance(df, pd.DataFrame) and {"model", "model_label", "cells"} <= set(df.columns)
    assert df["cells"].dtype.kind == "i"
    table = kg.sparql("SELECT ?m WHERE { ?m mfkg:parameterCont ?n }")
    assert any("mfkg:parameterCont" in n for n in table.notes)
    answer = kg.ask("models trained on more than 30 million cells")
    assert answer.notes[0].startswith("answered by `models-min-cells`") and "min_cells = 30000000" in answer.notes[0]
    assert {r["model_label"] for r in answer.dicts()} == {"scGPT", "Geneformer"}


# ------------------------------------------------------------------------------ the real graph
def test_ask_on_the_real_graph(real_build: Path) -> None:
    r = run_cli("ask", "which CLIP-style models use a protein anchor?", "--build-dir", str(real_build))
    assert r.code == 0 and "answered by `clip-protein-anchor`" in r.err and "ProteinAligner" in r.out
    r = run_cli("ask", "models trained on more than 30 million cells", "--build-dir", str(real_build))
    assert r.code == 0 and "answered by `models-min-cells`" in r.err and "min_cells = 30000000" in r.err


def test_esm2_names_resolve_alike_on_the_real_graph(real_store, real_build: Path) -> None:  # type: ignore[no-untyped-def]
    from mfkg.query.resolve import index_for

    index = index_for(real_store)
    assert {index.resolve(n) for n in ("ESM-2", "esm2", "ESM 2")} == {"https://w3id.org/mfkg/model/esm2"}
    outs = {run_cli_here("path", n, "scGPT", "--build-dir", str(real_build)).out for n in ("ESM-2", "esm2", "ESM 2")}
    assert len(outs) == 1 and "[model/esm2]" in outs.pop()
    r = run_cli_here("query", "run", "lineage-graph", "--build-dir", str(real_build))
    assert r.code == 0 and "mfkg:derivesFrom" in r.out


def test_recommend_by_names_and_goals_in_words(real_build: Path) -> None:
    r = run_cli_here("recommend", "--have", "RNA", "--have", "ATAC", "--goal", "RNA to ATAC", "--build-dir", str(real_build))
    assert r.code == 0 and "Cross-modal translation" in r.out, r.err
    r = run_cli_here("recommend", "--have", "scRNA-seq", "--have", "ADT", "--goal", "impute protein from RNA",
                "--build-dir", str(real_build))
    assert r.code == 0 and "(0 rows)" not in r.out
    r = run_cli_here("recommend", "--have", "dna-sequence", "--goal", "translation", "--build-dir", str(real_build))
    assert "no recommendation needs only the data you have (dna-sequence)" in r.err
    r = run_cli_here("recommend", "--list", "--build-dir", str(real_build))
    assert "scatac" in r.out and "ATAC" in r.out and "Cross-modal translation as the main objective" in r.out


def test_recommend_with_paired_or_unpaired_data(real_build: Path) -> None:
    def rows(*args: str) -> list[str]:
        r = run_cli_here("recommend", "--have", "RNA", "--have", "ATAC", *args, "--format", "csv", "--build-dir", str(real_build))
        assert r.code == 0, r.err
        return [row[0] for row in list(csv.reader(io.StringIO(r.out)))[1:]]

    assert rows("--goal", "cross-modal translation") == ["Cross-modal translation as the main objective"]
    assert rows("--goal", "cross-modal translation", "--paired") == rows("--goal", "cross-modal translation")
    assert rows("--goal", "cross-modal translation", "--unpaired") == []
    r = run_cli_here("recommend", "--have", "RNA", "--have", "ATAC", "--goal", "cross-modal translation", "--unpaired",
                "--build-dir", str(real_build))
    assert "need it paired" in r.err and "drop --unpaired" in r.err
    # unpaired RNA and ATAC meet only the one-modality requirement (scRNA alone: row 5)
    assert rows("--unpaired") == ["Use a large RNA-only corpus, then fine-tune on multi-omic data"]
    assert len(rows()) > 1
    r = run_cli_here("recommend", "--list", "--build-dir", str(real_build))
    assert "scatac + scrna (paired)" in r.out and "--unpaired" in r.out
    assert "--paired / --unpaired" in run_cli_here("recommend", "--help").out


def test_ask_routes_a_connection_question_to_the_path_verb(fx: Path) -> None:
    code, out, err = _cli("ask", "how is SC-GPT connected to Geneformer?", "--build-dir", str(fx))
    assert code == 0 and "answered by `mfkg path model/scgpt model/geneformer`" in err and "step(s)" in out


def test_names_inside_longer_names_fill_parameters_but_common_words_do_not(fx: Path) -> None:
    from mfkg.query.resolve import index_for
    from mfkg.query.store import open_store

    router = Router(CATALOGUE, index_for(open_store(fx)))
    routing = router.route("models for perturbation prediction")
    assert routing.best is not None and routing.best.query.name == "models-for-task"
    assert routing.best.values == {"task": "perturbation-prediction"}
    routing = router.route("list the multimodal models")
    assert routing.best is not None and routing.best.query.name == "multimodal-models" and not routing.best.values


# ------------------------------------------------------------------------------ ask: questions by their shape
def test_ask_routes_a_comparison_to_the_compare_verb(fx: Path) -> None:
    code, out, err = _cli("ask", "compare SC-GPT and total VI", "--build-dir", str(fx))
    assert code == 0 and "answered by `mfkg compare model/scgpt model/totalvi`" in err, err
    assert "scGPT" in out and "totalVI" in out and "Geneformer" not in out


def test_ask_routes_a_lineage_question_to_model_lineage(fx: Path) -> None:
    code, out, err = _cli("ask", "what was totalVI built on?", "--build-dir", str(fx))
    assert code == 0 and "answered by `model-lineage`" in err and "with model = totalvi" in err, err
    assert "ancestor" in out and "scVI" in out
    code, out, err = _cli("ask", "what is total-VI derived from", "--build-dir", str(fx))
    assert "answered by `model-lineage`" in err and "with model = totalvi" in err
    # a question about where something else about a model comes from is not a lineage question
    code, out, err = _cli("ask", "where do the numbers about scGPT come from?", "--build-dir", str(fx))
    assert "answered by `claim-sources`" in err


def test_ask_routes_a_recommendation_question_to_the_recommend_verb(fx: Path) -> None:
    from mfkg.query.resolve import index_for
    from mfkg.query.store import open_store

    routing = Router(CATALOGUE, index_for(open_store(fx))).route("which pattern should I use to translate RNA to ATAC")
    assert routing.verb is not None
    assert routing.verb.explain() == 'answered by `mfkg recommend --have scrna --have scatac --goal "translate RNA to ATAC"`'
    code, _, err = _cli("ask", "which pattern should I use to translate RNA to ATAC", "--build-dir", str(fx))
    assert code == 0 and 'answered by `mfkg recommend --have scrna --have scatac --goal "translate RNA to ATAC"`' in err
    assert "a cross-modal goal" in err   # the verb read the goal, not the saved query's word match


def test_ask_routes_tell_me_about_to_the_model_card_or_the_neighbours(fx: Path) -> None:
    code, out, err = _cli("ask", "tell me about Gene-former", "--build-dir", str(fx))
    assert code == 0 and "answered by `model-card`" in err and "with model = geneformer" in err, err
    assert out.splitlines()[0].startswith("label") and "Geneformer" in out
    code, out, err = _cli("ask", "tell me about the Shared-latent (joint) VAE", "--build-dir", str(fx))
    assert code == 0 and "answered by `mfkg neighbours pattern/shared-latent-vae`" in err, err
    assert "totalVI" in out


def test_the_api_answers_shaped_questions(fx: Path) -> None:
    from mfkg.api import KnowledgeGraph
    from mfkg.query.store import open_store

    kg = KnowledgeGraph(open_store(fx), fx)
    answer = kg.ask("compare scGPT and Geneformer")
    assert answer.notes[0] == "answered by `mfkg compare model/scgpt model/geneformer`"
    assert {r["model_label"] for r in answer.dicts()} == {"scGPT", "Geneformer"}
    answer = kg.ask("which models is totalVI derived from?")
    assert answer.notes[0].startswith("answered by `model-lineage`") and "scVI" in {r["other_label"] for r in answer.dicts()}


def test_ask_recommends_on_the_real_graph(real_build: Path) -> None:
    r = run_cli_here("ask", "which pattern should I use to translate RNA to ATAC", "--build-dir", str(real_build))
    assert r.code == 0 and "answered by `mfkg recommend" in r.err and "Cross-modal translation" in r.out, r.err
    r = run_cli_here("ask", "compare ESM-2 and ProtT5", "--build-dir", str(real_build))
    assert r.code == 0 and "answered by `mfkg compare model/esm2 model/prottrans`" in r.err and "ESM-2" in r.out
