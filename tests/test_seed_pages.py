"""The seed's page regenerated from the graph, without a browser: diagrams from pattern components,
the matrix's data, Korean beside English, sections in the seed's order, everything escaped."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURE_DATA, REAL_DATA
from mfkg.propgraph.projection import project, store_triples
from mfkg.query.recommend import needs_pairing
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
    assert row["requirements"] and all(isinstance(m, str) for req in row["requirements"] for m in req["modalities"])
    assert {m["id"] for m in data["modalities"]} >= {m for r in data["rows"] for req in r["requirements"] for m in req["modalities"]}
    # whether a requirement needs paired data is the CLI's rule, carried in the data the page's switch reads
    assert all(req["needs_pairing"] is needs_pairing(req["modalities"]) for r in data["rows"] for req in r["requirements"])
    by_row = {r["row"]: r["requirements"] for r in data["rows"]}
    assert by_row[5] == [{"modalities": ["scrna"], "needs_pairing": False}]
    assert all(req["needs_pairing"] for req in by_row[3])
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


def _toy_graph() -> SeedGraph:
    """A pattern followed by four models; a matrix row recommends it for modalities a + c."""
    import networkx as nx

    from mfkg.propgraph.projection import PropertyGraph

    g = nx.MultiDiGraph()
    g.add_node("pattern/p", label="ArchitecturePattern", name="P", fusion_stage="intermediate (latent)",
               encoders=["one encoder per modality"], decoders=["one decoder per modality"])
    for m, name in (("modality/a", "Alpha"), ("modality/b", "Beta"), ("modality/c", "Gamma")):
        g.add_node(m, label="Modality", name=name)
    reads = {"model/m1": "ab", "model/m2": "abc", "model/m3": "ac", "model/m4": "c"}
    for model, mods in reads.items():
        g.add_node(model, label="Model", name=model.upper())
        g.add_edge(model, "pattern/p", key="FOLLOWS_PATTERN", type="FOLLOWS_PATTERN")
        for x in mods:
            g.add_edge(model, f"modality/{x}", key="HAS_INPUT_MODALITY", type="HAS_INPUT_MODALITY")
    g.add_node("recommendation/r", label="Recommendation", name="R")
    g.add_node("recommendation/r/data/0", label="DataRequirement")
    g.add_edge("recommendation/r", "pattern/p", key="RECOMMENDS_PATTERN", type="RECOMMENDS_PATTERN")
    g.add_edge("recommendation/r", "recommendation/r/data/0", key="HAS_DATA_REQUIREMENT", type="HAS_DATA_REQUIREMENT")
    for x in "ca":
        g.add_edge("recommendation/r/data/0", f"modality/{x}", key="REQUIRES_MODALITY", type="REQUIRES_MODALITY")
    return SeedGraph(PropertyGraph(g, {n: d["label"] for n, d in g.nodes(data=True)}))


def test_diagram_inputs_are_the_commonest_pair_of_the_patterns_models() -> None:
    from mfkg.viz.pattern_inputs import pattern_inputs

    sg = _toy_graph()
    # pairs: a+b read by m1, m2; a+c by m2, m3; b+c by m2 — a tie the seed's matrix (a + c) breaks
    inputs = pattern_inputs(sg, "pattern/p")
    assert inputs.lane_ids == ["modality/a", "modality/c"] and inputs.lanes == ["Alpha", "Gamma"]
    assert inputs.lane_counts == [3, 3] and (inputs.together, inputs.total) == (2, 4)
    assert inputs.examples == ["MODEL/M2", "MODEL/M3"] and inputs.others == [("Alpha + Beta", 2), ("Beta + Gamma", 1)]
    assert "not a rule of the pattern" in inputs.note() and "2 of 4" in inputs.note()
    svg = pattern_svg("p", sg.attrs("pattern/p"), inputs)
    assert re.findall(r'data-component="input" data-modality="([^"]+)"', svg) == ["modality/a", "modality/c"]
    assert ">input: Alpha<" in svg and ">encoders Gamma<" in svg and ">decoders Alpha<" in svg
    assert "modality A" not in svg and 'data-role="inputs-note"' in svg
    # without the matrix row the tie goes to the names: a + b
    sg.g.remove_node("recommendation/r")
    assert pattern_inputs(sg, "pattern/p").lane_ids == ["modality/a", "modality/b"]


def test_diagram_of_a_pattern_no_model_follows_keeps_placeholders() -> None:
    from mfkg.viz.pattern_inputs import pattern_inputs

    sg = _toy_graph()
    for m in [n for n in sg.g if n.startswith("model/")]:
        sg.g.remove_node(m)
    inputs = pattern_inputs(sg, "pattern/p")
    assert not inputs.from_data and "placeholders" in inputs.note()
    svg = pattern_svg("p", sg.attrs("pattern/p"), inputs)
    assert ">modality A<" in svg and ">modality B<" in svg and "data-modality" not in svg


@pytest.mark.slow
def test_the_seed_patterns_diagrams_draw_modalities_their_models_read(real_seed_graph: SeedGraph) -> None:
    from mfkg.viz.pattern_inputs import pattern_inputs

    sg = real_seed_graph
    vae = pattern_inputs(sg, "pattern/shared-latent-vae")
    assert vae.lane_ids == ["modality/scrna", "modality/scatac"] and vae.together >= 5
    assert pattern_inputs(sg, "pattern/discrete-diffusion").lane_ids == ["modality/protein-sequence", "modality/protein-structure"]
    for p in sg.nodes("ArchitecturePattern"):
        if sg.attrs(p).get("seed_number"):
            inputs = pattern_inputs(sg, p)
            assert inputs.from_data and len(inputs.lanes) == 2, p
            for m in inputs.lane_ids:   # every lane is read by a model of the pattern
                assert any(m in sg.out(model, "HAS_INPUT_MODALITY") for model in sg.into(p, "FOLLOWS_PATTERN"))
