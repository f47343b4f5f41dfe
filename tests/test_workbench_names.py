"""The query page's parameter fields in a real headless Chromium, served by `mfkg serve` on the real
curated data (built without the reasoner): a name typed as people write it ("esm2") runs the saved
question for ESM-2, a misspelled one shows the did-you-mean sentence, and a script typed into the
field stays text."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import REAL_DATA, ROOT

sys.path.insert(0, str(ROOT / "tests" / "support"))
from endpoint import fixture_build, start
from virtuoso import free_port

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
XSS = '<img src=x onerror="window.__xss=1;alert(1)">'


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    s = start(fixture_build(tmp_path_factory.mktemp("workbench-names") / "build", REAL_DATA), free_port(),
              "--workers", "1")
    yield s.url
    s.stop()


@pytest.fixture(scope="module")
def page(server: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run 'make test' (it installs the Debian package)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1300, "height": 900})
        pg.dialogs = []
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        pg.goto(server + "/")
        yield pg
        browser.close()


def _run_with(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.click("#gallery button[data-name='model-card']")
    field = page.locator("#params input[data-param='model']")
    field.wait_for()
    page.wait_for_function("() => document.getElementById('status').textContent.indexOf('running') < 0")
    field.fill("")
    field.type(name, delay=10)
    page.evaluate("document.getElementById('out').textContent = ''; document.getElementById('err').textContent = ''")
    page.click("#run")
    page.wait_for_function("() => document.getElementById('out').textContent.length > 0 || "
                           "document.getElementById('err').textContent.length > 0")


def test_a_name_as_people_write_it_runs_the_saved_question(page) -> None:  # type: ignore[no-untyped-def]
    _run_with(page, "esm2")
    assert page.inner_text("#err") == ""
    cells = page.locator("#out table tr").nth(1).locator("td").all_inner_texts()
    assert cells[0] == "ESM-2" and "2022" in cells
    assert page.inner_text("#status").split(" ")[1] == "rows"
    label = page.inner_text("#params label")
    assert "model name or id" in label


def test_a_misspelled_name_shows_did_you_mean(page) -> None:  # type: ignore[no-untyped-def]
    _run_with(page, "esmm2")
    err = page.inner_text("#err")
    assert err.startswith("no model named 'esmm2'; did you mean") and "ESM-2 (model/esm2)" in err
    assert page.inner_text("#out") == ""


def test_a_script_typed_into_the_field_stays_text(page) -> None:  # type: ignore[no-untyped-def]
    _run_with(page, XSS)
    assert XSS in page.inner_text("#err")
    assert page.locator("#err img").count() == 0 and page.locator("#params img").count() == 0
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None and page.dialogs == []


def test_editing_the_query_drops_the_fields(page) -> None:  # type: ignore[no-untyped-def]
    page.click("#gallery button[data-name='model-card']")
    page.locator("#params input").first.wait_for()
    assert page.locator("#wrap .cm-editor").count() == 1   # the npm editor (CodeMirror) is the one typed into
    page.click("#wrap .cm-content")
    page.keyboard.type(" ")
    assert page.locator("#params input").count() == 0
