"""The workbench's npm bundle in the page (CodeMirror 6, inlined; nothing loaded from the network)
and the static copy's engine and graph: every quad of the store, packed so the page runs queries
offline. Chromium runs them in test_workbench.py; these need no browser."""

from __future__ import annotations

import base64
import gzip
import json
import re
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ROOT
from mfkg.query.saved import SavedQueries
from mfkg.viz import workbench as wb

sys.path.insert(0, str(ROOT / "tests" / "support"))
from endpoint import fixture_build

VENDOR = ROOT / "src" / "mfkg" / "viz" / "vendor"
NO_BUNDLE = "the workbench's npm bundle is missing: run 'make setup' (it runs npm ci and web/build.mjs)"
COMPLETION = {"prefixes": {"mfkg": "https://w3id.org/mfkg/vocab/"}, "classes": [["mfkg:Model", "</script><b>x"]],
              "properties": [], "entities": []}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from mfkg.cli.common import open_store_for

    return open_store_for(fixture_build(tmp_path_factory.mktemp("assets") / "build"))


def test_the_bundle_is_built_from_the_locked_npm_packages() -> None:
    assert (VENDOR / "editor.js").exists() and (VENDOR / "engine.js").exists(), NO_BUNDLE
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    built = json.loads((VENDOR / "versions.json").read_text(encoding="utf-8"))
    for name, version in built.items():
        assert lock[f"node_modules/{name}"]["version"] == version, f"{name}: run 'make setup' to rebuild the bundle"
    assert {"codemirror", "@codemirror/legacy-modes", "oxigraph"} <= set(built)


def test_served_page_inlines_the_editor_and_loads_nothing() -> None:
    assert wb.vendor_script("editor.js") is not None, NO_BUNDLE
    page = wb.workbench_page(SavedQueries.load(), COMPLETION, endpoint="/sparql", entity_link="/")
    assert "MfkgEditor" in page and "cm-editor" in page            # CodeMirror, inlined
    assert not re.search(r"<script[^>]+src\s*=|<link|https?://[^\"' ]*cdn", page, re.I)
    assert "wasm-unsafe-eval" not in page and "'self'" not in page.split("script-src", 1)[1].split(";", 1)[0]
    assert "</script><b>x" not in page                             # a label cannot close the script element
    data = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S).group(1))
    assert data["local"] is None and data["endpoint"] == "/sparql"


def test_placeholders_inside_the_bundle_or_the_data_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wb, "vendor_script", lambda name: "var a='__DATA__ __CSP__ </script>';")
    completion = {**COMPLETION, "classes": [["mfkg:X", "__EDITOR__ __CSP__"]]}
    page = wb.workbench_page(SavedQueries.load(), completion, endpoint=None, entity_link="")
    assert "var a='__DATA__ __CSP__ <\\/script>';" in page
    assert "__EDITOR__ __CSP__" in page and page.count("<script") == 3


def test_without_the_bundle_the_page_still_works_and_the_site_runs_nothing(store, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wb, "vendor_script", lambda name: None)
    assert wb.write_local_engine(store, tmp_path) is False and not (tmp_path / "workbench").exists()
    page = wb.workbench_page(SavedQueries.load(), COMPLETION, endpoint=None, entity_link="", local=False)
    assert "MfkgEditor.create" in page and "make setup" in page     # the fallback and its notice
    assert '"local": null' in page


def test_static_copy_carries_every_quad_of_the_store(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert wb.write_local_engine(store, tmp_path), NO_BUNDLE
    engine = (tmp_path / wb.LOCAL_ENGINE).read_text(encoding="utf-8")
    assert "MfkgOxigraph" in engine and "wasmGz=" in engine
    wasm = gzip.decompress(base64.b64decode(re.search(r'wasmGz="([^"]+)"', engine).group(1)))
    assert wasm[:4] == b"\0asm"
    text = (tmp_path / wb.LOCAL_GRAPH).read_text(encoding="utf-8")
    quads = list(ox.parse(gzip.decompress(base64.b64decode(text.split('"')[1])), format=ox.RdfFormat.N_QUADS))
    pages = json.loads(text.split("window.MFKG_PAGES=", 1)[1].rstrip().rstrip(";"))
    assert "model/scgpt" in pages and all("/" in p and not p.endswith(".html") for p in pages)
    raw = store._store
    assert len(quads) == len(raw) > 1000
    ours, theirs = ox.Dataset(quads), ox.Dataset(raw)   # the same quads, blank nodes named by what they state
    for dataset in (ours, theirs):
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    assert any(isinstance(q.subject, ox.BlankNode) for q in quads)
    assert set(ours) == set(theirs)
    page = wb.workbench_page(SavedQueries.load(), COMPLETION, endpoint=None, entity_link="", local=True)
    assert "'wasm-unsafe-eval'" in page and wb.LOCAL_GRAPH in page


def test_the_static_copy_is_the_same_bytes_from_every_rebuild_of_the_store(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copies = []
    for name in ("a", "b"):   # two stores loaded from the same quads: new blank node identifiers each time
        fresh = ox.Store()
        fresh.load(store._store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        assert wb.write_local_engine(fresh, tmp_path / name), NO_BUNDLE
        copies.append((tmp_path / name / wb.LOCAL_GRAPH).read_bytes())
    assert copies[0] == copies[1]
