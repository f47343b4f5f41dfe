"""The seed's page and its tools in a real headless Chromium: typeset equations, the four single-cell
token illustrations, a diagram for each of the nine seed patterns, the matrix giving the answer of
`mfkg recommend`, and the switch to the seed's Korean words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REAL_DATA, run_cli

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SEED_PATTERNS = sorted((p for p in yaml.safe_load((REAL_DATA / "patterns.yaml").read_text(encoding="utf-8"))
                        if p.get("seed_number")), key=lambda p: p["seed_number"])


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


def _open(browser, path: Path, fragment: str = ""):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri() + fragment)
    page.errors, page.requests = errors, requests   # type: ignore[attr-defined]
    return page


def test_equation_renders_as_mathml_with_the_source_one_click_away(browser, site: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, site / "layer-math.html")
    card = page.locator("#layer-transformer")
    figure = card.locator("figure.equation").first
    assert figure.locator("math mfrac").count() == 1 and figure.locator("math msqrt").count() == 1
    box = figure.locator("math").bounding_box()
    assert box and box["width"] > 150 and box["height"] > 25          # laid out as mathematics
    assert "\\mathrm" not in figure.locator(".mathwrap").inner_text()  # no raw LaTeX shown
    source = figure.locator("details.latex code")
    assert not source.is_visible()
    figure.locator("details.latex summary").click()
    assert source.is_visible() and "\\mathrm{Attn}(Q,K,V)" in source.inner_text()
    assert page.locator("figure.equation math").count() >= 20 and page.locator(".latex-error").count() == 0
    page.screenshot(path=str(artifacts / "seed-layer-math.png"))
    assert page.errors == [] and all(u.startswith(("file:", "data:", "about:")) for u in page.requests)
    page.close()


def test_tokenization_page_shows_the_four_single_cell_illustrations(browser, site: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, site / "tokenization.html")
    cards = page.locator("[data-single-cell=true]")
    assert cards.count() == 4
    assert [cards.nth(i).get_attribute("data-card") for i in range(4)] == ["rank", "bins", "projection", "text"]
    for i in range(4):
        assert cards.nth(i).is_visible() and cards.nth(i).locator(".chip").count() >= 1
    rank = page.locator("#tok-rank .chip").evaluate_all("els => els.map(e => e.getAttribute('data-token'))")
    assert rank == ["CD8A", "CD3E", "NKG7", "LYZ", "ACTB", "IL7R", "GAPDH"]
    assert "bin 0" in page.locator("#tok-bins").inner_text()
    assert "Geneformer" in page.locator("#tok-rank .usedby").inner_text()
    assert "scGPT" in page.locator("#tok-bins .usedby").inner_text()
    for card in ("amino-acid", "kmer", "bpe", "nucleotide", "structure", "patches"):
        assert page.locator(f"#tok-{card}").is_visible()
    assert page.locator("#tok-patches .patch").count() == 4
    page.screenshot(path=str(artifacts / "seed-tokenization.png"), full_page=True)
    assert page.errors == []
    page.close()


def test_each_of_the_nine_seed_patterns_has_a_diagram(browser, site: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    assert len(SEED_PATTERNS) == 9
    for name in ("architectures.html", "seed.html"):
        page = _open(browser, site / name)
        for p in SEED_PATTERNS:
            page.click(f"button[data-show='pattern-{p['id']}']")
            svg = page.locator(f"#pattern-{p['id']} svg.pattern-diagram[data-pattern='{p['id']}']")
            assert svg.is_visible(), (name, p["id"])
            box = svg.bounding_box()
            assert box and box["width"] > 300 and box["height"] > 200
            assert svg.locator("[data-component=fusion_point]").count() == 1
            # the input lanes name real modalities the pattern's models read, and say they are examples
            lanes = svg.locator("[data-component=input]")
            assert lanes.count() == 2 and all(lanes.nth(i).get_attribute("data-modality") for i in range(2)), p["id"]
            note = svg.locator("[data-role=inputs-note] tspan").evaluate_all("ts => ts.map(t => t.textContent).join(' ')")
            assert "not a rule of the pattern" in note and "modality A" not in svg.inner_html(), p["id"]
            if p["id"] == "shared-latent-vae":
                assert [lanes.nth(i).get_attribute("data-modality") for i in range(2)] == ["modality/scrna", "modality/scatac"]
            others = page.locator("section.patternpanel:not([hidden])")
            assert others.count() == 1
            if name == "architectures.html" and p["seed_number"] in (3, 7):
                page.locator(f"#pattern-{p['id']}").screenshot(path=str(artifacts / f"diagram-{p['id']}.png"))
        assert page.errors == []
        page.close()


def _cli_models(*args: str, build: Path) -> list[str]:
    r = run_cli("recommend", *args, "--format", "json", "--build-dir", str(build))
    assert r.code == 0, r.err
    rows = json.loads(r.out)["results"]["bindings"]
    return sorted({m for row in rows for m in row["models"]["value"].split(", ")})


def test_matrix_gives_the_answer_of_mfkg_recommend(browser, site: Path, real_build: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    want = _cli_models("--have", "scrna", "--have", "scatac", "--goal", "translation", build=real_build)
    assert want
    page = _open(browser, site / "matrix.html")
    page.check("input[data-modality=scrna]")
    page.check("input[data-modality=scatac]")
    assert page.locator("#matrix-paired").is_checked()
    page.select_option("#matrix-goal", label="Cross-modal translation")
    shown = sorted(set(page.locator("#matrix-results .models a").all_inner_texts()))
    assert shown == want
    assert "dual-aligned" in page.inner_text("#matrix-results").lower()        # the pattern, with the rationale
    assert page.locator("#matrix-results .recrow li .verdict").count() >= 1     # and the checked evidence
    page.screenshot(path=str(artifacts / "seed-matrix.png"))
    page.select_option("#matrix-goal", value="")
    page.fill("#matrix-goal-text", "translation")
    assert sorted(set(page.locator("#matrix-results .models a").all_inner_texts())) == want
    # a goal with every modality: the same rows as the CLI
    page.fill("#matrix-goal-text", "")
    every = _cli_models("--have", "scrna", "--have", "scatac", build=real_build)
    assert sorted(set(page.locator("#matrix-results .models a").all_inner_texts())) == every
    assert page.errors == []
    page.close()


def _page_models(page) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(set(page.locator("#matrix-results .models a").all_inner_texts()))


def test_matrix_paired_switch_gives_the_answer_of_mfkg_recommend_paired_or_unpaired(browser, site: Path, real_build: Path) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, site / "matrix.html")
    page.check("input[data-modality=scrna]")
    page.check("input[data-modality=scatac]")
    page.fill("#matrix-goal-text", "cross-modal translation")
    for paired, flag in ((True, "--paired"), (False, "--unpaired")):
        page.set_checked("#matrix-paired", paired)
        want = _cli_models("--have", "scrna", "--have", "scatac", "--goal", "cross-modal translation", flag, build=real_build)
        assert _page_models(page) == want, flag
        # the command the page prints is the CLI's, with --unpaired when the switch is off
        assert ("--unpaired" in page.inner_text("#matrix-cli")) is (not paired)
    assert _page_models(page) == [] and page.locator("#matrix-none").is_visible()      # translation needs paired data
    page.set_checked("#matrix-paired", True)
    assert _page_models(page) == ["scButterfly"]
    # any goal: unpaired RNA and ATAC meet only the one-modality row, on the page as in the CLI
    page.fill("#matrix-goal-text", "")
    page.set_checked("#matrix-paired", False)
    unpaired = _cli_models("--have", "scrna", "--have", "scatac", "--unpaired", build=real_build)
    assert unpaired and _page_models(page) == unpaired
    assert unpaired != _cli_models("--have", "scrna", "--have", "scatac", build=real_build)
    assert page.errors == []
    page.close()


def test_switching_to_korean_shows_the_seeds_pattern_names(browser, site: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, site / "seed.html")
    wnn = page.locator("button[data-show='pattern-wnn']")
    assert "Weighted nearest neighbours" in wnn.inner_text() and "Seurat의 WNN" not in wnn.inner_text()
    page.click("button[data-set-lang=ko]")
    assert page.evaluate("document.documentElement.lang") == "ko"
    texts = page.locator(".chooser button").all_inner_texts()
    for p in SEED_PATTERNS:
        if p.get("label_ko"):
            assert any(p["label_ko"] in t for t in texts), p["id"]
    assert "Seurat의 WNN" in wnn.inner_text() and "Weighted nearest neighbours" not in wnn.inner_text()
    assert "토큰화 전략 — 같은 셀, 다른 어휘" in page.locator("#section-02 h2").inner_text()
    # no Korean for an entry: the English stays (fallback)
    assert page.locator("#section-04 .patternpanel").first.is_visible()
    page.screenshot(path=str(artifacts / "seed-korean.png"))
    # the choice travels with the address and back
    page.goto((site / "matrix.html").as_uri() + "?lang=ko")
    page.check("input[data-modality=scrna]")
    page.check("input[data-modality=scatac]")
    page.fill("#matrix-goal-text", "translation")
    assert "cross-modal translation이 주된 목적" in page.inner_text("#matrix-results")
    page.click("button[data-set-lang=en]")
    assert "Cross-modal translation as the main objective" in page.inner_text("#matrix-results")
    page.close()


def test_explorer_panel_typesets_equations_and_switches_to_korean(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page = _open(browser, site / "graph.html", "#focus=layer-type/transformer")
    page.wait_for_selector("#panel-name", timeout=30000)
    assert page.locator("#panel figure.equation math mfrac").count() == 1
    assert "\\mathrm" not in page.locator("#panel .mathwrap").first.inner_text()
    page.locator("#panel details.latex summary").first.click()
    assert "\\mathrm{Attn}" in page.locator("#panel details.latex code").first.inner_text()
    page.goto((site / "patterns.html").as_uri() + "#focus=pattern/wnn&lang=ko")
    page.wait_for_selector("#panel-name", timeout=30000)
    assert page.inner_text("#panel-name") == "Seurat의 WNN"
    page.click("#langswitch button[data-set-lang=en]")
    assert page.inner_text("#panel-name") == "Weighted nearest neighbours (WNN)"
    assert page.errors == []
    page.close()
