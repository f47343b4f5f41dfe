"""The explorer in a real headless Chromium: views render, search, filter, click, and no XSS."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, run_cli

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
XSS_LABEL = '<img src=x onerror="window.__xss=1;alert(1)">'
XSS_DESCRIPTION = "<script>window.__xss=2;alert(2)</script> & \"quotes\" 'too'"


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run 'make test' (it installs the Debian package)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(real_site: Path) -> Path:
    return real_site


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("xss")
    data = root / "data"
    shutil.copytree(FIXTURE_DATA, data)
    model = data / "models" / "scgpt.yaml"
    text = model.read_text(encoding="utf-8")
    text = text.replace("label: scGPT", "label: '" + XSS_LABEL.replace("'", "''") + "'", 1)
    text = re.sub(r"^description: .*$", "description: '" + XSS_DESCRIPTION.replace("'", "''") + "'", text, count=1, flags=re.M)
    model.write_text(text, encoding="utf-8")
    build = root / "build"
    r = run_cli("build", "--data", str(data), "--output", str(build / "mfkg.ttl"))
    assert r.code == 0, r.err
    r = run_cli("viz", "--site", "--build-dir", str(build))
    assert r.code == 0, r.err
    return build / "site"


def _open(browser, path: Path, fragment: str = ""):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri() + fragment)
    page.wait_for_selector("body[data-drawn=true]", timeout=30000)
    page.dialogs, page.requests = dialogs, requests   # type: ignore[attr-defined]
    return page


VIEWS = ["graph", "patterns", "modalities", "lineage", "tokenizers", "tasks", "limits"]


@pytest.mark.parametrize("view", VIEWS)
def test_view_renders_nodes(view: str, browser, site: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, site / f"{view}.html")
    n = page.evaluate("window.mfkgNodes.length")
    assert n > 5
    assert page.locator("#network canvas").count() == 1
    page.screenshot(path=str(artifacts / f"view-{view}.png"))
    # the canvas is not blank: some pixels differ from the background
    colours = page.evaluate("""() => { const c = document.querySelector('#network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; const s = new Set();
        for (let i = 0; i < d.length; i += 4 * 97) s.add(d[i] + ',' + d[i+1] + ',' + d[i+2]); return s.size; }""")
    assert colours > 5
    assert all(u.startswith(("file:", "data:", "about:")) for u in page.requests), page.requests
    page.close()


def test_search_finds_a_node(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, site / "graph.html")
    page.fill("#search", "nichefor")
    page.wait_for_selector("#results button")
    first = page.locator("#results button").first
    assert first.inner_text().startswith("Nicheformer")
    first.click()
    assert page.inner_text("#panel-name") == "Nicheformer"
    page.close()


def test_class_filter_hides_nodes(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, site / "graph.html")
    models = page.evaluate("window.mfkgNodes.get({filter: n => n.id.startsWith('model/')}).length")
    page.uncheck("input[data-kind=Model]")
    hidden = page.evaluate("window.mfkgNodes.get({filter: n => n.hidden === true}).length")
    assert hidden == models > 0
    page.fill("#search", "scGPT")
    found = page.locator("#results button").all_inner_texts()
    assert found and not [t for t in found if t.endswith("· model")]   # hidden kinds are not found
    page.close()


def test_clicking_a_node_opens_its_panel(browser, site: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, site / "graph.html")
    page.evaluate("window.mfkgNetwork.moveTo({position: window.mfkgNetwork.getPositions(['model/geneformer'])['model/geneformer'], scale: 1.5, animation: false})")
    xy = page.evaluate("""() => { const n = window.mfkgNetwork; const p = n.getPositions(['model/geneformer'])['model/geneformer'];
        const d = n.canvasToDOM(p); const r = document.querySelector('#network').getBoundingClientRect();
        return [d.x + r.left, d.y + r.top]; }""")
    page.mouse.click(xy[0], xy[1])
    page.wait_for_selector("#panel-name")
    assert page.inner_text("#panel-name") == "Geneformer"
    panel = page.inner_text("#panel").lower()
    assert "sourced claims" in panel and "sources" in panel and "neighbours" in panel
    assert page.locator("#panel a[href^='https://doi.org/10.1038/s41586-023-06139-9']").count() >= 1
    page.screenshot(path=str(artifacts / "panel-geneformer.png"))
    page.close()


def test_focus_fragment_selects_the_entity(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, site / "patterns.html", "#focus=pattern/clip-contrastive")
    page.wait_for_selector("#panel-name")
    assert page.inner_text("#panel-name") == "CLIP-style contrastive alignment"
    page.close()


def test_xss_payload_shows_as_text_and_runs_nothing(browser, xss_site: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("graph.html", "index.html", "seed.html", "tokenization.html"):
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto((xss_site / name).as_uri())
        page.wait_for_timeout(500)
        if name == "graph.html":
            page.wait_for_selector("body[data-drawn=true]")
            page.evaluate("window.mfkgSelect('model/scgpt')")
            assert page.inner_text("#panel-name") == XSS_LABEL
            assert XSS_DESCRIPTION in page.inner_text("#panel")
            page.fill("#search", "onerror")
            page.wait_for_selector("#results button")
            page.hover("#network")
            page.screenshot(path=str(artifacts / "xss-graph.png"))
        else:
            assert XSS_LABEL in page.inner_text("body")
        assert page.evaluate("window.__xss === undefined")
        assert dialogs == []
        assert page.locator("img[src=x]").count() == 0
        page.close()


def test_index_page_tables_sort_and_filter(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    rows = page.locator("#table-catalog tbody tr")
    total = rows.count()
    assert total >= 60
    page.select_option("#catalog select[data-col='2']", label="protein")   # family
    visible = page.locator("#table-catalog tbody tr:not([hidden])").count()
    assert 0 < visible < total
    page.click("#table-catalog th:nth-child(2)")   # year
    years = page.locator("#table-catalog tbody tr:not([hidden]) td:nth-child(2)").all_inner_texts()
    assert years == sorted(years)
    link = page.locator("#table-catalog tbody tr:not([hidden]) td:first-child a").first.get_attribute("href")
    assert link.startswith("graph.html#focus=model/")
    page.close()


def test_no_generated_html_loads_external_code_or_style(site: Path, xss_site: Path) -> None:
    pattern = re.compile(r"<script[^>]+src\s*=|<link[^>]+href\s*=\s*[\"']?https?:|@import|url\(\s*[\"']?https?:", re.I)
    pages = list(site.glob("*.html")) + list(xss_site.glob("*.html"))
    assert len(pages) >= 7
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not pattern.search(text), page
        assert "default-src 'none'" in text


def test_viz_cli_views_focus_and_query(real_build: Path, tmp_path: Path) -> None:
    for args in (["viz", "modalities"], ["viz", "--focus", "scGPT", "--depth", "2"],
                 ["viz", "--query", "lineage-graph"], ["viz", "--query", "clip-protein-anchor"]):
        out = tmp_path / "x.html"
        r = run_cli(*args, "--output", str(out), "--build-dir", str(real_build))
        assert r.code == 0, r.err
        assert out.stat().st_size > 100_000
    r = run_cli("viz", "nosuchview", "--build-dir", str(real_build))
    assert r.code == 2 and "choose one of" in r.err


def test_benchmark_page_renders_sorts_and_links(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    """A leaderboard page: a bar chart, a sortable table, links to the models' pages and to the sources."""
    page = browser.new_page()
    page.goto((site / "benchmark-norman2019-gears-simulation-split.html").as_uri())
    assert page.locator("svg.bars rect").count() >= 3
    assert page.locator("svg.bars rect.baseline").count() >= 1          # the linear and forest baselines
    rows = page.locator("#table-results tbody tr")
    assert rows.count() >= 10
    page.click("#table-results th:nth-child(4)")                          # value, ascending
    values = [float(v) for v in page.locator("#table-results tbody tr td:nth-child(4)").all_inner_texts()]
    assert values == sorted(values)
    models = page.locator("#table-results tbody td:nth-child(2) a").first.get_attribute("href")
    assert models.startswith("graph.html#focus=")
    index = browser.new_page()
    index.goto((site / "benchmarks.html").as_uri())
    assert index.locator("#table-benchmarks tbody tr").count() >= 20
    page.close()
    index.close()


def test_workbench_completion_orders_entities_of_one_name_by_iri() -> None:
    """Thirty metrics all named "accuracy": the completion list puts them in IRI order, not in the order
    of a set (which changes with the process's hash seed, and with it the site's bytes)."""
    import pyoxigraph as ox

    from mfkg.viz.workbench import completion_data

    store = ox.Store()
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    metric = ox.NamedNode("https://w3id.org/mfkg/vocab/Metric")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for i in range(30):
        iri = ox.NamedNode(f"https://w3id.org/mfkg/benchmark/b{i:02d}/metric/accuracy")
        store.add(ox.Quad(iri, label, ox.Literal("accuracy")))
        store.add(ox.Quad(iri, rdf_type, metric))
    entities = completion_data(store)["entities"]
    assert len(entities) == 30
    assert entities == sorted(entities)
