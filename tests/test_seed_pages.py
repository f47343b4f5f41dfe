"""The seed's page regenerated from the graph, without a browser: diagrams from pattern components,
the matrix's data, Korean beside English, sections in the seed's order, everything escaped."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURE_DATA, REAL_DATA
from mfkg.propgraph.projection import project, store_triples
from mfkg.query.store import MemoryStore
from mfkg.rdf.compile import compile_graph
from mfkg.viz.diagrams import pattern_svg
from mfkg.viz.matrix import matrix_data
from mfkg.viz.seed_data import SeedGraph
from mfkg.viz.seedpage import seed_page, tool_page


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    data = tmp_path_factory.mktemp("seed") / "data"
    shutil.copytree(FIXTURE_DATA, data)
    shutil.copy(REAL_DATA / "seed_sections.yaml", data / "seed_sections.yaml")   # the seed's own headings
    _, graph = compile_graph(data)
    store = MemoryStore.from_graph(graph)
    return SeedGraph(project(store_triples(store))), store


def test_diagram_draws_each_component_once_per_modality_when_the_data_says_so() -> None:
    attrs = {"name": "VAE", "fusion_stage": "intermediate (latent)", "encoders": ["one encoder per modality"],
             "fusion_point": ["the shared latent posterior"], "latent": ["shared Gaussian latent z"],
             "decoders": ["one likelihood model per modality"], "losses": ["multimodal ELBO <KL>"],
             "missing_modality_handling": "Variational marginalisation", "handles_missing_modality": True}
    svg = pattern_svg("shared-latent-vae", attrs)
    assert svg.count('data-component="encoders"') == 2 and svg.count('data-component="decoders"') == 2
    assert svg.count('data-component="fusion_point"') == 1 and "shared Gaussian latent z" in svg
    assert "multimodal ELBO &lt;KL&gt;" in svg and "<KL>" not in svg
    assert "missing modality: handled" in svg and 'marker id="head-shared-latent-vae"' in svg


def test_diagram_of_a_shared_encoder_and_no_decoder() -> None:
    attrs = {"fusion_stage": "early", "encoders": ["one shared encoder over the concatenated features"],
             "fusion_point": ["input"], "latent": ["joint embedding"], "decoders": ["none"], "losses": ["task loss"],
             "missing_modality_handling": "Not handled", "handles_missing_modality": False}
    svg = pattern_svg("concatenation", attrs)
    assert svg.count('data-component="input"') == 2 and svg.count('data-component="encoders"') == 1
    decoder = re.search(r'data-component="decoders"><rect[^>]*>', svg).group(0)
    assert "stroke-dasharray" in decoder
    assert "missing modality: not handled" in svg


@pytest.fixture(scope="module")
def real_seed_graph() -> SeedGraph:
    _, graph = compile_graph(REAL_DATA)
    return SeedGraph(project(store_triples(MemoryStore.from_graph(graph))))


@pytest.mark.slow
def test_matrix_data_has_requirements_tasks_and_evidence(real_seed_graph: SeedGraph) -> None:
    data = matrix_data(real_seed_graph)
    assert len(data["rows"]) == 10
    assert data["rows"] and [r["row"] for r in data["rows"]] == sorted(r["row"] for r in data["rows"])
    row = data["rows"][0]
    assert row["requirements"] and all(isinstance(m, str) for req in row["requirements"] for m in req)
    assert {m["id"] for m in data["modalities"]} >= {m for r in data["rows"] for req in r["requirements"] for m in req}
    assert all(m["id"].startswith("model/") for r in data["rows"] for m in r["models"])


def test_seed_page_has_the_nine_sections_in_order_and_links_entities(fixture_site) -> None:  # type: ignore[no-untyped-def]
    sg, store = fixture_site
    page = seed_page(sg, store)
    found = re.findall(r'<section class="seed" id="section-(\d\d)"', page)
    assert found == [f"{n:02d}" for n in range(1, 10)]
    assert 'href="graph.html#focus=model/scgpt"' in page
    assert "<math" in page and "\\mathrm{Attn}" in page    # typeset, with the source one click away
    assert '<span lang="ko">토큰화 전략 — 같은 셀, 다른 어휘</span>' in page          # headings from the graph
    assert "rank · bin · projection · text · epigenome · perturbation" in page
    assert 'id="matrix-data"' in page and 'type="application/json"' in page


def test_tool_pages_render(fixture_site) -> None:  # type: ignore[no-untyped-def]
    sg, store = fixture_site
    arch = tool_page(sg, store, 4, "Architecture patterns")
    assert arch.count('<svg class="pattern-diagram"') == len(sg.nodes("ArchitecturePattern"))
    tokens = tool_page(sg, store, 2, "Tokenization")
    assert tokens.count('data-single-cell="true"') == 4


def test_korean_label_is_shown_beside_english_and_escaped(fixture_site) -> None:  # type: ignore[no-untyped-def]
    sg, _ = fixture_site
    node = sg.nodes("ArchitecturePattern")[0]
    sg.g.nodes[node]["name_ko"] = "<b>패턴</b>"
    try:
        html_ = sg.label(node)
    finally:
        del sg.g.nodes[node]["name_ko"]
    assert '<span lang="ko">&lt;b&gt;패턴&lt;/b&gt;</span>' in html_ and 'class="l10n"' in html_


@pytest.mark.slow
def test_the_nine_seed_patterns_carry_the_seeds_korean_names(real_seed_graph: SeedGraph) -> None:
    sg = real_seed_graph
    seed = {sg.attrs(p)["seed_number"]: sg.attrs(p).get("name_ko") for p in sg.nodes("ArchitecturePattern")
            if sg.attrs(p).get("seed_number")}
    assert sorted(seed) == list(range(1, 10)) and all(seed.values())
    assert seed[2] == "Seurat의 WNN" and seed[8] == "DPLM-2의 discrete diffusion"
    seed_text = (REAL_DATA.parent.parent / "shared" / "seed" / "multimodal-fm-methodology.txt")
    if seed_text.exists():   # every Korean label is the seed's own words
        text = seed_text.read_text(encoding="utf-8")
        for kind in ("ArchitecturePattern", "Task", "Limitation", "OpenDirection", "Trend", "Recommendation"):
            for n in sg.nodes(kind):
                for key in ("name_ko", "description_ko"):
                    if sg.attrs(n).get(key):
                        assert sg.attrs(n)[key] in text, (n, key)


def test_tokenization_page_lists_every_strategy_with_its_models(fixture_site) -> None:  # type: ignore[no-untyped-def]
    sg, store = fixture_site
    page = tool_page(sg, store, 2, "Tokenization")
    strategies = sg.nodes("TokenizationStrategy")
    assert page.count("<tr data-tokenizer=") == len(strategies) > 0
    row = re.search(r'<tr data-tokenizer="tokenizer/value-binning">.*?</tr>', page).group(0)
    assert 'href="graph.html#focus=model/scgpt"' in row


def test_sections_without_headings_in_the_graph_fall_back_to_numbers() -> None:
    _, graph = compile_graph(FIXTURE_DATA)
    store = MemoryStore.from_graph(graph)
    page = seed_page(SeedGraph(project(store_triples(store))), store)
    assert "Section 05" in page and len(re.findall(r'<section class="seed"', page)) == 9
