"""The query workbench and the entity pages in a real headless Chromium, on the fixture data: served
by `mfkg serve` and as the static site's copy opened from file:// (where queries run in the page,
on Oxigraph's WebAssembly build). In both: the editor is CodeMirror 6 from npm (not the fallback
text box), a class name completes, a saved example runs and draws a bar chart, syntax errors are
marked at their line, and an XSS payload in a label stays text in results and completions."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, ROOT, run_cli

sys.path.insert(0, str(ROOT / "tests" / "support"))
from endpoint import fixture_build, start
from virtuoso import free_port

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
XSS = '<img src=x onerror="window.__xss=1;alert(1)">'
NO_BUNDLE = "the workbench's npm bundle is missing: run 'make setup' (it runs npm ci and web/build.mjs)"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workbench")
    data = root / "data"
    shutil.copytree(FIXTURE_DATA, data)
    model = data / "models" / "geneformer.yaml"
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace("label: Geneformer", "label: '" + XSS.replace("'", "''") + "'", 1), encoding="utf-8")
    out = fixture_build(root / "build", data)
    r = run_cli("viz", "--site", "--build-dir", str(out))
    assert r.code == 0, r.err
    return out


@pytest.fixture(scope="module")
def server(build: Path):  # type: ignore[no-untyped-def]
    s = start(build, free_port(), "--workers", "1")
    yield s.url
    s.stop()


@pytest.fixture(params=["served", "static"])
def workbench(request: pytest.FixtureRequest, build: Path) -> str:
    """The workbench's URL: served by `mfkg serve`, or the static site's file."""
    if request.param == "served":
        return str(request.getfixturevalue("server")) + "/"
    return (build / "site" / "workbench.html").as_uri()


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
    page.requests = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(url)
    return page


def _editor(page) -> None:  # type: ignore[no-untyped-def]
    """The npm editor is the one in use: CodeMirror's DOM, the SPARQL mode's tokens, no fallback notice."""
    assert page.locator("#wrap .cm-editor .cm-content[contenteditable=true]").count() == 1, NO_BUNDLE
    assert not page.is_visible("#q") and page.inner_text("#notice") == ""
    assert page.evaluate("() => window.MfkgEditor.version") == "codemirror-6"


def _text(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.evaluate("() => window.mfkgWorkbench.editor.get()"))


def _type(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.click("#wrap .cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text, delay=10)


def _ran(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector("#status:has-text('rows'), #status:has-text('triples'), #err:not(:empty)", timeout=60000)


def _completions_show(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until the completion list shows ``text``.

    The list can first appear for a prefix typed on the way (``model:`` before ``model:genef``) and
    is then refiltered as the remaining keys arrive, so its first contents are not the answer.
    """
    page.wait_for_function(
        """t => { const el = document.querySelector('.cm-tooltip-autocomplete');
                  return el !== null && el.innerText.includes(t); }""",
        arg=text, timeout=30000)
    assert text in page.inner_text(".cm-tooltip-autocomplete")


def test_workbench_editor_completes_a_class_name(browser, workbench: str) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser, workbench)
    _editor(page)
    _type(page, "SELECT * WHERE { ?m a mfkg:CLIPSt")
    _completions_show(page, "mfkg:CLIPStyleModel")
    page.wait_for_timeout(300)   # CodeMirror ignores an Enter within 75 ms of the list appearing
    page.keyboard.press("Enter")
    assert "?m a mfkg:CLIPStyleModel" in _text(page)
    assert page.locator(".cm-content .cm-line span[class]").count() > 0   # the SPARQL mode's highlighted tokens
    page.close()


def test_workbench_runs_a_saved_example_and_draws_a_bar_chart(browser, workbench: str) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser, workbench)
    _editor(page)
    page.click("#gallery button[data-name='catalog-by-family']")
    _ran(page)
    assert page.inner_text("#err") == ""
    page.wait_for_selector("#out table")
    assert page.locator("#chart svg rect.bar").count() >= 1
    link = page.get_attribute("#out a[href*='family/single-cell']", "href")   # rows link to the entity pages
    assert link in ("/family/single-cell", "family/single-cell.html")
    assert "#query=" in page.url          # the query travels in the link
    assert not [u for u in page.requests if u.startswith("http") and not u.startswith("http://127.0.0.1")]
    shared = page.url
    page.close()
    again = _page(browser, shared)
    _editor(again)
    assert "n_models" in _text(again)
    again.close()


def test_workbench_shows_syntax_errors_with_line_and_column(browser, workbench: str) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser, workbench)
    _editor(page)
    page.evaluate("t => window.mfkgWorkbench.editor.set(t)", "SELECT ?x WHERE {\n  ?x ?y }")
    page.click("#run")
    page.wait_for_selector("#err:not(:empty)", timeout=60000)
    assert "line 2, column" in page.inner_text("#err")     # on the user's lines, not counting predeclared prefixes
    page.wait_for_selector(".cm-lintRange-error")
    assert page.locator(".cm-lintRange-error").count() == 1
    page.close()


def test_xss_in_a_label_stays_text_in_workbench_and_entity_page(browser, workbench: str, build: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser, workbench)
    _editor(page)
    page.evaluate("t => window.mfkgWorkbench.editor.set(t)",
                  "SELECT ?label WHERE { ?m a mfkg:Model ; rdfs:label ?label } ORDER BY ?label")
    page.click("#run")
    _ran(page)
    page.wait_for_selector("#out table")
    assert XSS in page.inner_text("#out")
    _type(page, "SELECT * WHERE { model:genef")
    _completions_show(page, XSS)   # the entity's label, shown as text beside its name
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__xss") is None and page.dialogs == []
    if workbench.startswith("http"):
        page.goto(workbench + "model/geneformer")
        assert page.inner_text("h1") == XSS
        page.goto(workbench + "model/scgpt")
    else:
        page.goto((build / "site" / "model" / "geneformer.html").as_uri())
        assert page.inner_text("h1") == XSS
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__xss") is None and page.dialogs == []
    page.close()


def test_static_copy_says_parameters_need_the_server_and_runs_the_defaults(browser, build: Path) -> None:  # type: ignore[no-untyped-def]
    """No server resolves names in the static copy: a saved question with parameters shows them with
    their defaults and a note instead of fields, and runs in the page with the defaults bound."""
    page = _page(browser, (build / "site" / "workbench.html").as_uri())
    _editor(page)
    page.click("#gallery button[data-name='model-card']")
    _ran(page)
    note = page.inner_text("#params")
    assert "model (model name or id, default geneformer)" in note and "mfkg serve" in note
    assert page.locator("#params input").count() == 0
    assert page.inner_text("#err") == "" and page.inner_text("#status").split(" ")[1] == "rows"
    assert "VALUES (?model) { (<https://w3id.org/mfkg/model/geneformer>) }" in _text(page)
    page.close()


def test_workbench_without_the_npm_bundle_is_a_plain_text_box_and_says_so(browser, build: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from mfkg.query.saved import SavedQueries
    from mfkg.viz import workbench as wb

    monkeypatch.setattr(wb, "vendor_script", lambda name: None)
    completion = {"prefixes": {"mfkg": "https://w3id.org/mfkg/vocab/"}, "classes": [], "properties": [], "entities": []}
    path = tmp_path / "workbench.html"
    path.write_text(wb.workbench_page(SavedQueries.load(), completion, endpoint=None, entity_link=""), encoding="utf-8")
    page = _page(browser, path.as_uri())
    assert page.locator(".cm-editor").count() == 0
    assert page.is_visible("#q") and "make setup" in page.inner_text("#notice")
    page.fill("#q", "SELECT * WHERE { ?s ?p ?o }")
    page.click("#run")
    assert "cannot run queries" in page.inner_text("#status")
    assert page.dialogs == []
    page.close()


def test_static_copy_answers_every_saved_question_as_the_server_does(browser, build: Path, server: str) -> None:  # type: ignore[no-untyped-def]
    """The page's engine (Oxigraph's WebAssembly build from npm) and the server's (pyoxigraph) give the
    same number of rows for every example in the gallery, on the same graph and predeclared prefixes."""
    import json
    import re
    import time

    from endpoint import post

    page = _page(browser, (build / "site" / "workbench.html").as_uri())
    _editor(page)
    saved = json.loads(page.inner_text("#data"))["saved"]
    assert len(saved) >= 40
    differ = []
    for s in saved:
        page.click(f"#gallery button[data-name='{s['name']}']")
        deadline = time.time() + 60
        while time.time() < deadline:
            status, err = page.inner_text("#status"), page.inner_text("#err")
            if err or re.match(r"\d+ (rows|triples)|true|false", status):
                break
            page.wait_for_timeout(50)
        graph = re.search(r"(?im)^\s*(CONSTRUCT|DESCRIBE)\b", s["text"]) is not None
        code, _, body = post(server + "/sparql", s["text"].encode(), "application/sparql-query",
                             "application/n-triples" if graph else "application/sparql-results+json")
        assert code == 200, (s["name"], body[:200])
        if graph:
            expected = f"{len([ln for ln in body.decode().splitlines() if ln.strip()])} triples"
        else:
            answer = json.loads(body)
            expected = str(answer["boolean"]).lower() if "boolean" in answer else f"{len(answer['results']['bindings'])} rows"
        if err or not status.startswith(expected):
            differ.append((s["name"], err or status, expected))
    assert not differ
    assert page.dialogs == []
    page.close()
