"""The query workbench and the entity pages in a real headless Chromium, served by `mfkg serve` on
the fixture data: a class name completes, a saved example runs and draws a bar chart, results and
completions keep an XSS payload in a label as text, and entity pages run no injected script."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, ROOT

sys.path.insert(0, str(ROOT / "tests" / "support"))
from endpoint import fixture_build, start
from virtuoso import free_port

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
XSS = '<img src=x onerror="window.__xss=1;alert(1)">'


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("workbench")
    data = root / "data"
    shutil.copytree(FIXTURE_DATA, data)
    model = data / "models" / "geneformer.yaml"
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace("label: Geneformer", "label: '" + XSS.replace("'", "''") + "'", 1), encoding="utf-8")
    s = start(fixture_build(root / "build", data), free_port(), "--workers", "1")
    yield s.url
    s.stop()


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run 'make test' (it installs the Debian package)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _page(browser, url: str):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    return page


def test_workbench_completes_a_class_name(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser, server + "/")
    page.fill("#q", "")
    page.type("#q", "SELECT * WHERE { ?m a mfkg:CLIPSt", delay=10)
    page.wait_for_selector("#menu li")
    assert "mfkg:CLIPStyleModel" in page.inner_text("#menu")
    page.keyboard.press("Enter")
    assert page.input_value("#q").endswith("mfkg:CLIPStyleModel")
    page.close()


def test_workbench_runs_a_saved_example_and_draws_a_bar_chart(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser, server + "/")
    page.click("#gallery button[data-name='catalog-by-family']")
    page.wait_for_selector("#out table")
    page.wait_for_selector("#chart svg rect.bar")
    assert page.locator("#chart svg rect.bar").count() >= 1
    assert "#query=" in page.url          # the query travels in the link
    shared = page.url
    page.close()
    again = _page(browser, shared)
    assert "n_models" in again.input_value("#q")
    again.close()


def test_workbench_shows_syntax_errors_with_line_and_column(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser, server + "/")
    page.fill("#q", "SELECT ?x WHERE {\n  ?x ?y }")
    page.click("#run")
    page.wait_for_function("document.getElementById('err').textContent.length > 0")
    assert "line 3" in page.inner_text("#err") or "line 2" in page.inner_text("#err")
    assert page.locator("#hl .errline").count() == 1
    page.close()


def test_xss_in_a_label_stays_text_in_workbench_and_entity_page(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser, server + "/")
    page.fill("#q", "SELECT ?label WHERE { ?m a mfkg:Model ; rdfs:label ?label } ORDER BY ?label")
    page.click("#run")
    page.wait_for_selector("#out table")
    assert XSS in page.inner_text("#out")
    page.fill("#q", "")
    page.type("#q", "SELECT * WHERE { model:genef", delay=10)
    page.wait_for_selector("#menu li")
    assert XSS in page.inner_text("#menu")         # the entity's label, shown as text beside its name
    page.goto(server + "/model/geneformer")
    assert page.inner_text("h1") == XSS
    page.goto(server + "/model/scgpt")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None and page.dialogs == []
    page.close()
