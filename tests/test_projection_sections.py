"""The seed's sections in the property graph: every RDF node class is projected (SeedSection too), each
section carries its English and Korean heading, and IN_SEED_SECTION links what the seed places in a section
to it, so Cypher can ask which sections mention a pattern. Runs on the small fixture data, no build needed."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from conftest import FIXTURE_DATA, REAL_DATA
from mfkg.namespaces import BASE
from mfkg.outputs.property_graphs import write_graphml, write_neo4j_csv
from mfkg.propgraph.cypher import LadybugEngine, allowed_relationship_types, schema_text
from mfkg.propgraph.neo4j import read_neo4j_csv
from mfkg.propgraph.projection import IN_SEED_SECTION, NODE_CLASSES, PropertyGraph, project, store_triples
from mfkg.query.store import MemoryStore
from mfkg.rdf.compile import compile_graph

VOCAB = BASE + "vocab/"


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    data = tmp_path_factory.mktemp("sections") / "data"
    shutil.copytree(FIXTURE_DATA, data)
    shutil.copy(REAL_DATA / "seed_sections.yaml", data / "seed_sections.yaml")   # the seed's own headings
    return compile_graph(data)[1]


@pytest.fixture(scope="module")
def store(graph: Graph) -> MemoryStore:
    return MemoryStore.from_graph(graph)


@pytest.fixture(scope="module")
def pg(store: MemoryStore) -> PropertyGraph:
    return project(store_triples(store))


def test_every_node_class_of_the_rdf_graph_is_in_the_property_graph(store: MemoryStore, pg: PropertyGraph) -> None:
    values = " ".join(f"<{VOCAB}{c}>" for c in NODE_CLASSES)
    typed = {r[0].value for r in store.select(f"SELECT DISTINCT ?s WHERE {{ VALUES ?c {{ {values} }} ?s a ?c }}").rows
             if r[0].value.startswith(BASE)}
    sections = {r[0].value for r in store.select(f"SELECT ?s WHERE {{ ?s a <{VOCAB}SeedSection> }}").rows}
    assert len(sections) == 9 and sections <= typed
    assert {d["iri"] for _, d in pg.graph.nodes(data=True)} == typed


def test_sections_carry_both_languages_and_their_number(pg: PropertyGraph) -> None:
    s = pg.graph.nodes["seed-section/tokenization"]
    assert s["label"] == "SeedSection" and s["seed_section"] == 2
    assert s["name"] == "Tokenization strategies — the same cell, different vocabularies"
    assert s["name_ko"] == "토큰화 전략 — 같은 셀, 다른 어휘" and s["description_ko"]
    assert pg.property_types["SeedSection"]["name_ko"] == "STRING"


def _sections(pg: PropertyGraph, node: str) -> list[int]:
    return sorted(pg.graph.nodes[t]["seed_section"] for _, t, d in pg.graph.out_edges(node, data=True)
                  if d["type"] == IN_SEED_SECTION)


def test_what_the_seed_places_in_a_section_links_to_it(pg: PropertyGraph) -> None:
    assert _sections(pg, "pattern/shared-latent-vae") == [4, 8]      # numbered in §04, named again in §08
    assert _sections(pg, "pattern/wnn") == [4]
    assert _sections(pg, "pattern/masked-modeling") == []             # not one of the seed's nine
    assert _sections(pg, "tokenizer/value-binning") == [2]
    claim = next(n for n, d in pg.graph.nodes(data=True) if d["label"] == "SeedClaim")
    assert _sections(pg, claim) == [pg.graph.nodes[claim]["seed_section"]]
    tasks = [n for n, d in pg.graph.nodes(data=True) if d["label"] == "Task" and d.get("seed_column")]
    assert tasks and all(_sections(pg, t) == [3] for t in tasks)


def test_cypher_answers_which_sections_mention_a_pattern(pg: PropertyGraph) -> None:
    assert IN_SEED_SECTION in allowed_relationship_types()
    engine = LadybugEngine(pg)
    rows = engine.run("MATCH (p:ArchitecturePattern {id: $p})-[:IN_SEED_SECTION]->(s:SeedSection) "
                      "RETURN s.seed_section AS n, s.name AS en, s.name_ko AS ko ORDER BY n",
                      {"p": "pattern/dual-aligned"}).rows
    assert [r[0].python() for r in rows] == [4, 8]
    assert rows[0][2].value == "아키텍처 패턴 — 어떻게 modality를 묶을 것인가"
    assert "IN_SEED_SECTION: (ArchitecturePattern)-[:IN_SEED_SECTION]->(SeedSection)" in schema_text(engine)
    assert "SeedSection: " in schema_text(engine) and "name_ko" in schema_text(engine).split("SeedSection: ")[1].split("\n")[0]


def test_sections_survive_the_neo4j_and_graphml_files(graph: Graph, tmp_path: Path) -> None:
    from mfkg.outputs.export_graph import ExportGraph

    graph = ExportGraph.from_graph(graph)   # type: ignore[assignment]
    write_neo4j_csv(graph, None, tmp_path / "neo4j")   # type: ignore[arg-type]   # the writers ignore the input
    back = read_neo4j_csv(tmp_path / "neo4j")
    assert back.graph.nodes["seed-section/limits"]["name_ko"] == "한계와 미래 — AIVC를 향한 길"
    assert back.graph.has_edge("pattern/dual-aligned", "seed-section/limits", key=IN_SEED_SECTION)
    write_graphml(graph, None, tmp_path / "g.graphml")   # type: ignore[arg-type]
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.nodes["seed-section/limits"]["name_ko"] == "한계와 미래 — AIVC를 향한 길"
    assert any(d["type"] == IN_SEED_SECTION for _, _, d in g.edges(data=True))


def test_neighbours_of_a_section_say_where_to_look_instead_of_failing(pg: PropertyGraph) -> None:
    from mfkg.errors import MfkgError
    from mfkg.propgraph.analytics import entity_graph, neighbourhood

    g = entity_graph(pg)
    assert "seed-section/limits" not in g           # sections are about the source, not paths between entities
    with pytest.raises(MfkgError, match=r"seed-section/limits is a SeedSection.*mfkg cypher"):
        neighbourhood(pg, g, "seed-section/limits", 1)
