"""The explorer site: an index page that mirrors the seed's sections, built from saved queries,
and one HTML file per view. Nothing here is hand-written content: every row comes from a query."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mfkg.gcpolicy import bulk
from mfkg.propgraph.projection import PropertyGraph, project
from mfkg.query.saved import SavedQueries, run_saved
from mfkg.rdf.serialise import atomic_write
from mfkg.viz.render import focus_subgraph, page_data, view_subgraph, write_page
from mfkg.viz.tables import page_shell, table_html
from mfkg.viz.views import VIEWS

# index sections: (seed section, heading, saved query, view page that rows link into, filter columns)
SECTIONS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("§06", "Model catalogue", "catalog", "graph", ("family", "anchor", "modalities", "patterns", "layer_types", "year")),
    ("§07", "Goal → pattern → why", "recommendation-matrix", "patterns", ()),
    ("§04", "Architecture patterns", "patterns-overview", "patterns", ()),
    ("§03", "Tasks: one modality or paired data", "task-split", "tasks", ("seed_column",)),
    ("§08", "Limits and mitigations", "limits-mitigations", "limits", ()),
    ("§02", "Tokenization strategies", "tokenizer-usage", "tokenizers", ()),
    ("§01", "Layer math", "layer-equations", "graph", ()),
    ("§05", "Trends 2024–2026", "trends", "graph", ("trend",)),
    ("§09", "Paper catalogue", "paper-catalog", "graph", ("type", "year")),
    ("check", "The seed's figures, checked", "seed-claims", "graph", ("verdict",)),
)

def write_index(store: Any, out: Path, views: list[str]) -> Path:
    cat = SavedQueries.load()
    parts = []
    nav = []
    for section, heading, query_name, view, filters in SECTIONS:
        q = cat.get(query_name)
        table = run_saved(store, q)
        anchor = query_name
        nav.append(f'<a href="#{anchor}">{html.escape(heading)}</a>')
        parts.append(f'<section id="{anchor}"><h2>{html.escape(section)} · {html.escape(heading)}</h2>'
                     f'<p>{html.escape(q.description)} <small>(saved query <code>{html.escape(q.name)}</code>)</small></p>'
                     + table_html(table, view, filters, anchor) + "</section>")
    view_links = "".join(f'<a href="{html.escape(v)}.html">{html.escape(VIEWS[v].title)}</a>' for v in views)
    page = page_shell("mfkg — multimodal foundation models",
                      "<h1>Multimodal foundation models: the knowledge graph</h1>"
                      "<p>Every table below is the answer of a saved SPARQL query over the graph; every row links into the graph views.</p>"
                      '<p class="views"><strong>The seed\'s page, regenerated:</strong> <a href="seed.html">sections 01–09 (English / 한국어)</a> · '
                      '<a href="layer-math.html">Layer math, typeset</a> · <a href="tokenization.html">Tokenization, shown</a> · '
                      '<a href="architectures.html">Architecture diagrams</a> · <a href="matrix.html">The matrix as a tool</a></p>'
                                            f'<p class="views"><strong>Graph views:</strong> {view_links} · <a href="benchmarks.html">Benchmarks and leaderboards</a>'
                      ' · <a href="workbench.html">Query workbench</a> · every entity has a page, e.g. '
                      '<a href="model/scgpt.html">scGPT</a></p>'
                      f'<nav>{"".join(nav)}</nav>' + "".join(parts))
    path = out / "index.html"
    atomic_write(path, page.encode("utf-8"))
    return path


def write_view(pg: PropertyGraph, name: str, out: Path, *, site: bool = True) -> Path:
    v = VIEWS[name]
    sub = view_subgraph(pg, v.labels, v.edges, keep_isolated=() if v.layout == "layers" else v.labels[:1])
    return write_page(out, page_data(pg, sub, v.title, v.description, site=site, split_by=v.split_by,
                                     arrange=v.layout, hub_kinds=v.hub_kinds))


def write_focus(pg: PropertyGraph, node: str, depth: int, out: Path) -> Path:
    if node not in pg.graph:
        raise KeyError(node)
    name = pg.graph.nodes[node].get("name", node)
    sub = focus_subgraph(pg, node, depth)
    return write_page(out, page_data(pg, sub, f"Around {name}", f"Everything within {depth} step(s) of {name}.", site=False))


@bulk
def write_site(store: Any, out: Path, pg: PropertyGraph | None = None) -> Path:
    """The whole explorer into `out`; `pg` is the store's property graph when the caller has it."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    views = list(VIEWS)
    from mfkg.forked import forked_map
    from mfkg.query.describe import MemoryIndex
    from mfkg.query.held import in_memory
    from mfkg.viz.benchmarks import write_benchmark_pages
    from mfkg.viz.pages import EntityPages
    from mfkg.viz.seedpage import write_seed_pages

    # the site reads the whole store and asks it hundreds of questions: from an in-memory copy
    # (`query.held`), in a fraction of the time the store on disk takes
    store = in_memory(store)
    # the store is read once, for the entity pages and (when the caller has none) the property graph
    index = MemoryIndex(getattr(store, "_store", store))
    pg = pg if pg is not None else project(index_triples(index))
    # once the entity pages are prepared, the views and the entity pages need neither the store nor
    # new folders: forked copies of this process write them while this one writes what asks the store
    pages = EntityPages(store, out, index)

    def write(job: tuple[str, str]) -> None:
        kind, name = job
        if kind == "view":
            write_view(pg, name, out / f"{name}.html")
        else:
            pages.write(name)

    def from_the_store() -> None:
        write_benchmark_pages(store, out)
        write_workbench(store, out, pages.iris)
        write_seed_pages(pg, store, out)

    forked_map(write, [("view", v) for v in views] + [("page", iri) for iri in pages.iris], beside=from_the_store)
    return write_index(store, out, views)


def index_triples(index: Any) -> list[Any]:
    """The triples a `MemoryIndex` read, as `Term` triples (what `store_triples` gives), each term converted once."""
    from mfkg.query.oxstore import _converter

    term = _converter()
    return [(term(t.subject), term(t.predicate), term(t.object)) for t in index.triples]


def write_workbench(store: Any, out: Path, entities: list[str] | None = None) -> Path:
    """`entities`: the IRIs that have pages, when the caller knows them."""
    from mfkg.viz.workbench import completion_data, workbench_page, write_local_engine

    local = write_local_engine(store, out, entities)
    page = workbench_page(SavedQueries.load(), completion_data(store), endpoint=None, entity_link="", local=local)
    path = out / "workbench.html"
    atomic_write(path, page.encode("utf-8"))
    return path
