"""Dereferenceable IRIs and entity pages: content negotiation at /model/scgpt (HTML, Turtle,
N-Triples, JSON-LD, by Accept header and by extension), 404 with "did you mean", the service and
VoID descriptions, and a static page for every entity with every text escaped."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import FIXTURE_DATA, ROOT
from mfkg.query.describe import entity_iris, page_path

sys.path.insert(0, str(ROOT / "tests" / "support"))
from endpoint import fixture_build, get, start
from virtuoso import free_port

SCGPT = "https://w3id.org/mfkg/model/scgpt"
XSS = '<img src=x onerror="window.__xss=1">'


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_build(tmp_path_factory.mktemp("linked") / "build")


@pytest.fixture(scope="module")
def server(build: Path):  # type: ignore[no-untyped-def]
    s = start(build, free_port(), "--workers", "1")
    yield s.url
    s.stop()


def _triples(body: bytes, fmt: ox.RdfFormat) -> list[ox.Quad]:
    return list(ox.parse(body, format=fmt))


@pytest.mark.parametrize("accept,fmt", [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                        ("application/ld+json", ox.RdfFormat.JSON_LD)])
def test_model_answers_rdf_by_accept(server: str, accept: str, fmt: ox.RdfFormat) -> None:
    status, headers, body = get(f"{server}/model/scgpt", accept)
    assert status == 200 and headers["Content-Type"].startswith(accept) and "Accept" in headers["Vary"]
    triples = _triples(body, fmt)
    subjects = {t.subject.value for t in triples}
    assert SCGPT in subjects
    assert any(s.startswith(SCGPT + "/claim/") for s in subjects)                  # its claims
    assert any(t.predicate.value.endswith("claimSource") for t in triples)         # and their sources
    assert any(t.predicate.value.endswith("doiIri") for t in triples)


def test_model_answers_html_to_browsers(server: str) -> None:
    status, headers, body = get(f"{server}/model/scgpt",
                                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    text = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<h1>scGPT</h1>" in text and "Claims and their sources" in text and 'type="application/ld+json"' in text


@pytest.mark.parametrize("ext,ctype", [(".ttl", "text/turtle"), (".nt", "application/n-triples"),
                                       (".jsonld", "application/ld+json"), (".html", "text/html")])
def test_extension_chooses_the_format(server: str, ext: str, ctype: str) -> None:
    status, headers, _ = get(f"{server}/model/scgpt{ext}")
    assert status == 200 and headers["Content-Type"].startswith(ctype)


def test_vocabulary_and_pattern_iris_dereference(server: str) -> None:
    for path in ("/vocab/CLIPStyleModel", "/vocab/Model", "/pattern/concatenation"):
        status, _, body = get(server + path, "text/turtle")
        assert status == 200 and body, path


def test_misspelled_path_is_404_with_a_suggestion(server: str) -> None:
    status, _, body = get(f"{server}/model/scgtp")
    assert status == 404 and b"did you mean" in body and b"/model/scgpt" in body
    status, _, body = get(f"{server}/model/scgtp", "text/html")
    assert status == 404 and b'href="/model/scgpt"' in body


def test_service_and_void_descriptions(server: str) -> None:
    status, headers, body = get(f"{server}/sparql", "text/turtle")
    sd = _triples(body, ox.RdfFormat.TURTLE)
    assert status == 200 and any(t.object.value == "http://www.w3.org/ns/sparql-service-description#Service" for t in sd)
    assert not any(t.object.value.endswith("#BasicFederatedQuery") for t in sd)      # SERVICE is off
    status, headers, body = get(f"{server}/void")
    void = _triples(body, ox.RdfFormat.TURTLE)
    preds = {t.predicate.value.rsplit("#", 1)[-1] for t in void}
    assert status == 200 and {"triples", "entities", "classPartition", "exampleResource", "vocabulary"} <= preds


def test_a_static_page_for_every_entity(build: Path) -> None:
    from mfkg.query.store import open_store
    from mfkg.viz.pages import write_entity_pages

    store = open_store(build)
    out = build / "pages"
    n = write_entity_pages(store, out)
    iris = entity_iris(store._store)
    assert n == len(iris) > 50
    missing = [i for i in iris if not (out / f"{page_path(i)}.html").exists()]
    assert missing == []
    kinds = {page_path(i).split("/")[0] for i in iris}
    assert {"model", "pattern", "task", "tokenizer", "layer-type", "modality", "assay", "dataset", "publication",
            "benchmark", "vocab"} <= kinds
    assert any("/variant/" in page_path(i) for i in iris)
    page = (out / "model" / "scgpt.html").read_text()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert data["@id"] == SCGPT and data["@context"] == "https://schema.org"
    assert 'href="../pattern/' in page and "workbench.html#query=" in page


def test_labels_stay_text_on_entity_pages(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    model = data / "models" / "scgpt.yaml"
    model.write_text(model.read_text().replace("label: scGPT", "label: '" + XSS.replace("'", "''") + "'", 1))
    build = fixture_build(tmp_path / "build", data)
    from mfkg.query.store import open_store
    from mfkg.viz.pages import write_entity_pages

    write_entity_pages(open_store(build), tmp_path / "site")
    pages = [p for p in (tmp_path / "site").rglob("*.html") if "__xss" in p.read_text()]
    assert tmp_path / "site" / "model" / "scgpt.html" in pages and len(pages) > 3   # its page and its neighbours'
    for page in pages:
        text = page.read_text()
        assert XSS not in text and "<img" not in text, page
        assert "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;" in text, page
