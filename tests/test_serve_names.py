"""Saved questions run by name on the endpoint (`/saved/NAME?PARAM=VALUE`, what the query page's
parameter fields send), over HTTP against a real `mfkg serve` process on the fixture data: entity
names resolve through the one resolver as on the command line, an ambiguous name and an unknown
one answer 400 with the sentence the CLI prints, and every value is bound, never pasted."""

from __future__ import annotations

import json
import sys
import urllib.parse

import pytest

from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "tests" / "support"))
from endpoint import fixture_build, get, start
from virtuoso import free_port

# a dataset named like a model: 'scGPT' is then ambiguous where a parameter takes models or datasets
EXTRA = ('<https://w3id.org/mfkg/dataset/scgpt-corpus> a <https://w3id.org/mfkg/vocab/Dataset> ;\n'
         '  <https://w3id.org/mfkg/vocab/identifier> "scgpt-corpus" ;\n'
         '  <http://www.w3.org/2000/01/rdf-schema#label> "scGPT"@en .\n')


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("serve-names")
    build = fixture_build(root / "build")
    (root / "extra.ttl").write_text(EXTRA, encoding="utf-8")
    r = run_cli("merge", str(root / "extra.ttl"), "--build-dir", str(build))
    assert r.code == 0, r.err
    server = start(build, free_port(), "--workers", "1", "--max-rows", "40")
    yield server.url
    server.stop()


def _saved(endpoint: str, name: str, **values: str) -> tuple[int, bytes]:
    status, _, body = get(f"{endpoint}/saved/{name}?{urllib.parse.urlencode(values)}")
    return status, body


def _rows(body: bytes) -> list[dict[str, str]]:
    data = json.loads(body)
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


def test_entity_names_resolve_alike(endpoint: str) -> None:
    answers = set()
    for name in ("totalVI", "total VI", "TOTAL-VI", "model/totalvi", "https://w3id.org/mfkg/model/totalvi"):
        status, body = _saved(endpoint, "model-lineage", model=name)
        assert status == 200, body
        answers.add(body)
    assert len(answers) == 1
    rows = _rows(answers.pop())
    assert {"relation": "ancestor", "other": "https://w3id.org/mfkg/model/scvi"}.items() <= rows[0].items()
    status, body = _saved(endpoint, "compare-models", models="SC GPT, Total-VI")
    assert status == 200 and {r["model"].rsplit("/", 1)[1] for r in _rows(body)} == {"scgpt", "totalvi"}


def test_parameter_columns_are_not_in_the_answer(endpoint: str) -> None:
    status, body = _saved(endpoint, "model-lineage", model="scVI")
    assert status == 200 and "model" not in json.loads(body)["head"]["vars"]


def test_an_ambiguous_name_lists_the_candidates(endpoint: str) -> None:
    status, body = _saved(endpoint, "claim-sources", about="scGPT")
    assert status == 400
    assert body.decode() == ("'scGPT' could mean 2 entities: scGPT (dataset/scgpt-corpus), scGPT (model/scgpt); "
                             "name one by its kind/id, e.g. 'dataset/scgpt-corpus'.\n")
    status, body = _saved(endpoint, "claim-sources", about="model/scgpt")
    assert status == 200 and _rows(body)


def test_an_unknown_name_says_did_you_mean(endpoint: str) -> None:
    status, body = _saved(endpoint, "model-lineage", model="totalvii")
    assert status == 400 and body.decode() == "no model named 'totalvii'; did you mean totalVI (model/totalvi)?\n"
    status, body = _saved(endpoint, "model-lineage", modle="scvi")
    assert status == 400 and b"has no parameter 'modle' (its parameters: model)" in body
    status, body = _saved(endpoint, "model-lineag")
    assert status == 404 and b"did you mean 'model-lineage'?" in body


def test_text_and_numbers_are_bound_as_values(endpoint: str) -> None:
    hostile = '*" } UNION { ?s ?p ?o } #'
    status, body = _saved(endpoint, "leaderboard", benchmark="Fixture batch-integration benchmark",
                          only_metric=hostile)
    assert status == 200 and _rows(body) == []          # a value that matches no metric, not a query
    status, body = _saved(endpoint, "leaderboard", benchmark="Fixture batch-integration benchmark")
    assert status == 200 and len(_rows(body)) == 2      # the same question with its default: the rows are there
    status, body = _saved(endpoint, "models-min-cells", min_cells="30,000,000")
    assert status == 200 and {r["model"].rsplit("/", 1)[1] for r in _rows(body)} == {"scgpt", "geneformer"}
    status, body = _saved(endpoint, "models-min-cells", min_cells="30 million } #")
    assert status == 400 and b"must be an integer" in body
    status, body = _saved(endpoint, "model-lineage", model="scvi> } UNION { ?s ?p ?o } #")
    assert status == 400 and body.startswith(b"no model named")


def test_a_construct_question_answers_a_graph(endpoint: str) -> None:
    status, headers, body = get(f"{endpoint}/saved/lineage-graph", accept="application/n-triples")
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert b"<https://w3id.org/mfkg/model/totalvi> <https://w3id.org/mfkg/vocab/derivesFrom>" in body


def test_the_listing_and_the_query_page_say_what_each_parameter_takes(endpoint: str) -> None:
    status, _, body = get(f"{endpoint}/saved")
    listing = {q["name"]: q for q in json.loads(body)}
    assert status == 200 and listing["model-lineage"]["parameters"][0]["accepts"] == "model name or id"
    assert listing["recommend"]["parameters"][1]["accepts"] == "text"
    status, _, page = get(f"{endpoint}/")
    assert status == 200 and b'"savedEndpoint": "/saved/"' in page and b'"accepts": "model name or id"' in page


def test_the_static_workbench_has_the_fields_but_no_endpoint() -> None:
    from mfkg.query.saved import SavedQueries
    from mfkg.viz.workbench import workbench_page

    page = workbench_page(SavedQueries.load(), {"prefixes": {}, "classes": [], "properties": [], "entities": []},
                          endpoint=None, entity_link="")
    assert '"savedEndpoint": null' in page and '"entity": true' in page
