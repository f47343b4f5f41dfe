"""Verbs over the property graph: views, Cypher, paths, neighbours, centrality, components."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from mfkg.cli.common import (
    BUILD_DIR_OPTION,
    FORMAT_OPTION,
    PARAM_OPTION,
    QUERY_TEXT_OPTION,
    emit,
    fail,
    open_store_for,
    parse_params,
    query_text,
)
from mfkg.errors import EXIT_INVALID_DATA
from mfkg.project import BuildFolder


@click.command()
@click.argument("view", required=False)
@click.option("--output", type=click.Path(path_type=Path), default=None, help="Where to write the HTML file.")
@click.option("--focus", default=None, metavar="ENTITY", help="Draw the neighbourhood of an entity (id, kind/id or name).")
@click.option("--depth", type=click.IntRange(0, 5), default=1, show_default=True, help="Steps around --focus.")
@click.option("--query", "query_name", default=None, metavar="NAME", help="Draw a saved query's result.")
@PARAM_OPTION
@BUILD_DIR_OPTION
@click.option("--site", is_flag=True, help="Write the whole explorer site (index and every view).")
def viz(view: str | None, output: Path | None, focus: str | None, depth: int, query_name: str | None,
        params: tuple[str, ...], build_dir: Path, site: bool) -> None:
    """Write interactive HTML: a view (graph, patterns, modalities, lineage, tokenizers, tasks, limits),
    an entity's neighbourhood (--focus), a query's result (--query), or the whole site (--site)."""
    from mfkg.propgraph.kept import build_projection
    from mfkg.propgraph.resolve import query_subgraph, resolve_node
    from mfkg.viz import render
    from mfkg.viz import site as site_mod
    from mfkg.viz.views import VIEWS

    store = open_store_for(build_dir)
    out_dir = BuildFolder(build_dir).site
    if site:
        click.echo(f"wrote {site_mod.write_site(store, output or out_dir, build_projection(build_dir))}")
        return
    if len([x for x in (view, focus, query_name) if x]) > 1:
        fail("give one of VIEW, --focus or --query")
    if not (focus or query_name) and (view or "graph") not in VIEWS:
        fail(f"no view named '{view}'; choose one of {', '.join(VIEWS)}")
    pg = build_projection(build_dir)
    if focus:
        node = resolve_node(pg, focus)
        path = site_mod.write_focus(pg, node, depth, output or out_dir / f"focus-{node.replace('/', '-')}.html")
    elif query_name:
        from mfkg.query.saved import SavedQueries

        q = SavedQueries.load().get(query_name)
        data = render.page_data(pg, query_subgraph(store, pg, q, parse_params(params)), q.title, q.description, site=False)
        path = render.write_page(output or out_dir / f"query-{q.name}.html", data)
    else:
        name = view or "graph"
        if name not in VIEWS:
            fail(f"no view named '{name}'; choose one of {', '.join(VIEWS)}")
        path = site_mod.write_view(pg, name, output or out_dir / f"{name}.html", site=False)
    click.echo(f"wrote {path}")


@click.command()
@click.argument("text", required=False)
@QUERY_TEXT_OPTION
@PARAM_OPTION
@FORMAT_OPTION
@BUILD_DIR_OPTION
@click.option("--schema", is_flag=True, help="Print the node labels with their properties, and the relationship types.")
def cypher(text: str | None, file: Path | None, params: tuple[str, ...], fmt: str, build_dir: Path, schema: bool) -> None:
    """Run a Cypher query over the property graph (LadybugDB); --param values are Cypher parameters."""
    from mfkg.propgraph.cypher import engine_for_build, schema_text, strip_header, typed_params

    if schema:
        click.echo(schema_text(engine_for_build(build_dir)), nl=False)
        return
    emit(engine_for_build(build_dir).run(strip_header(query_text(text, file)), typed_params(parse_params(params))), fmt)


def _analytics_graph(build_dir: Path) -> tuple[Any, Any]:
    from mfkg.propgraph.analytics import entity_graph
    from mfkg.propgraph.kept import build_projection

    pg = build_projection(build_dir)
    return pg, entity_graph(pg)


@click.command()
@click.argument("source")
@click.argument("target")
@BUILD_DIR_OPTION
def path(source: str, target: str, build_dir: Path) -> None:
    """How are two entities connected? The shortest path between them (e.g. mfkg path ESM-2 scGPT)."""
    from mfkg.propgraph.analytics import shortest_path
    from mfkg.propgraph.resolve import resolve_node

    pg, g = _analytics_graph(build_dir)
    a, b = resolve_node(pg, source), resolve_node(pg, target)
    steps = shortest_path(pg, g, a, b)
    if steps is None:
        fail(f"no path between {a} and {b}", EXIT_INVALID_DATA)
    click.echo(f"{len(steps) - 1} step(s):")
    for node, rel in steps:
        name = pg.graph.nodes[node].get("name", node)
        click.echo(f"  {name} [{node}]" + (f"\n    --{rel}--" if rel else ""))


@click.command()
@click.argument("entity")
@click.option("--depth", type=click.IntRange(1, 4), default=1, show_default=True)
@FORMAT_OPTION
@BUILD_DIR_OPTION
def neighbours(entity: str, depth: int, fmt: str, build_dir: Path) -> None:
    """The entities around one entity, with their distance and kind."""
    from mfkg.propgraph.analytics import neighbourhood
    from mfkg.propgraph.resolve import resolve_node

    pg, g = _analytics_graph(build_dir)
    emit(neighbourhood(pg, g, resolve_node(pg, entity), depth), fmt)


@click.command()
@click.option("--kind", default="Model", show_default=True,
              help="Entity kind to rank (Model, ArchitecturePattern, Task, Modality, …) or 'all'.")
@click.option("--measure", type=click.Choice(["degree", "betweenness", "pagerank"]), default="degree", show_default=True)
@click.option("--top", type=click.IntRange(1, 10000), default=15, show_default=True)
@FORMAT_OPTION
@BUILD_DIR_OPTION
def centrality(kind: str, measure: str, top: int, fmt: str, build_dir: Path) -> None:
    """Which models, patterns or tasks are most central in the graph?"""
    from mfkg.propgraph.analytics import centrality as rank

    pg, g = _analytics_graph(build_dir)
    emit(rank(pg, g, kind, measure, top), fmt)


@click.command()
@FORMAT_OPTION
@BUILD_DIR_OPTION
def components(fmt: str, build_dir: Path) -> None:
    """Connected components of the entity graph: is anything cut off from the rest?"""
    from mfkg.propgraph.analytics import components as comps

    pg, g = _analytics_graph(build_dir)
    emit(comps(pg, g), fmt)


COMMANDS = (viz, cypher, path, neighbours, centrality, components)
