"""The `mfkg` command: thin verbs over the library. Exit codes: 0 ok, 1 invalid data, 2 failure.

Heavy modules are imported inside the verbs so that `mfkg query` starts fast.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import NoReturn

import click

from .errors import EXIT_FAILURE, EXIT_INVALID_DATA, InvalidData, MfkgError
from .paths import DEFAULT_BUILD_DIR, DEFAULT_DATA, DEFAULT_ONTOLOGY

DATA_OPTION = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=DEFAULT_DATA,
                           show_default=True, help="Folder of curated YAML records.")
ONTOLOGY_OPTION = click.option("--ontology", type=click.Path(path_type=Path), default=DEFAULT_ONTOLOGY,
                               show_default=True, help="The OWL ontology (Turtle).")


def _fail(message: str, code: int = EXIT_FAILURE) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="mfkg")
def cli() -> None:
    """mfkg — a knowledge graph of multimodal biological foundation models."""


@cli.command()
@DATA_OPTION
@ONTOLOGY_OPTION
@click.option("--output", type=click.Path(path_type=Path), default=DEFAULT_BUILD_DIR / "mfkg.ttl",
              show_default=True, help="Where to write the graph (Turtle).")
def build(data_dir: Path, ontology: Path, output: Path) -> None:
    """Compile ontology + curated data into one RDF graph."""
    from .build import build as run_build

    result = run_build(data_dir, output, ontology)
    records = ", ".join(f"{n} {k}" for k, n in sorted(result.records.items()))
    click.echo(f"built {result.output}: {result.triples} triples from {records}")


@cli.command()
@DATA_OPTION
def check(data_dir: Path) -> None:
    """Check the curated YAML against the schema and references only (fast)."""
    from .load import load_or_raise

    catalog = load_or_raise(data_dir)
    total = sum(len(v) for v in catalog.items.values())
    click.echo(f"ok: {total} records in {data_dir}, no problems")


BUILD_DIR_OPTION = click.option("--build-dir", type=click.Path(path_type=Path), default=DEFAULT_BUILD_DIR,
                                show_default=True, help="Folder of the built graph and its store.")
FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "md"]),
                             default="table", show_default=True, help="Output format (json = SPARQL 1.1 JSON results).")
ENDPOINT_OPTION = click.option("--endpoint", default=None, metavar="URL",
                               help="Run against this SPARQL 1.1 endpoint instead of the embedded store "
                                    "(MFKG_ENDPOINT_GRAPHS: space-separated named graphs to query).")
PARAM_OPTION = click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
                            help="A query parameter, bound as a value (repeatable).")


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            _fail(f"--param {pair!r} is not NAME=VALUE; write for example --param min_cells=10000000")
        out[name.strip()] = value
    return out


def _store(build_dir: Path, endpoint: str | None):  # type: ignore[no-untyped-def]
    from .store import open_store

    graphs = os.environ.get("MFKG_ENDPOINT_GRAPHS", "").split() if endpoint else []
    return open_store(endpoint or build_dir, graphs=graphs)


def _emit(table, fmt: str) -> None:  # type: ignore[no-untyped-def]
    from .formats import FORMATS

    click.echo(FORMATS[fmt](table), nl=False)


@cli.command()
@BUILD_DIR_OPTION
def reason(build_dir: Path) -> None:
    """Run the OWL reasoner (HermiT): check consistency, write the inferred graph."""
    from .reason import run_reasoner

    result = run_reasoner(build_dir / "mfkg.ttl", build_dir / "mfkg-inferred.ttl")
    if not result.consistent:
        _fail("the ontology and data are inconsistent; run 'mfkg validate' to see which records "
              "break a disjointness or functional-property axiom", EXIT_INVALID_DATA)
    if result.unsatisfiable:
        _fail("unsatisfiable classes: " + ", ".join(result.unsatisfiable) + "; fix their definitions in the ontology",
              EXIT_INVALID_DATA)
    counts = ", ".join(f"{k} {v}" for k, v in result.memberships.items())
    click.echo(f"consistent; {len(result.inferred)} inferred triples in {build_dir / 'mfkg-inferred.ttl'} "
               f"({result.seconds:.1f} s)\ninferred memberships: {counts}")


@cli.group()
def query() -> None:
    """Saved questions: list them, show one, run one."""


@query.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--queries", "folder", type=click.Path(path_type=Path), default=None, help="Folder of saved queries.")
def query_list(fmt: str, folder: Path | None) -> None:
    """List the saved queries with their titles and parameters."""
    import json as _json

    from .queries import Catalogue
    from .paths import DEFAULT_QUERIES

    cat = Catalogue.load(folder or DEFAULT_QUERIES)
    if fmt == "json":
        click.echo(_json.dumps([{
            "name": q.name, "title": q.title, "description": q.description, "sections": list(q.sections),
            "parameters": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                           for p in q.params],
            "cypher": q.cypher_path is not None} for q in cat.queries.values()], indent=1, ensure_ascii=False))
        return
    for q in cat.queries.values():
        params = " ".join(f"{p.name}({p.type}){'=' + p.default if p.default else ''}" for p in q.params)
        click.echo(f"{q.name:34} {q.title}" + (f"  [{params}]" if params else ""))


@query.command("show")
@click.argument("name")
@click.option("--lang", type=click.Choice(["sparql", "cypher"]), default="sparql", show_default=True)
def query_show(name: str, lang: str) -> None:
    """Print a saved query's text."""
    from .queries import Catalogue

    q = Catalogue.load().get(name)
    text = q.text if lang == "sparql" else q.cypher
    if text is None:
        _fail(f"query '{name}' has no Cypher twin")
    click.echo(text, nl=False)


@query.command("run")
@click.argument("name")
@PARAM_OPTION
@FORMAT_OPTION
@BUILD_DIR_OPTION
@ENDPOINT_OPTION
@click.option("--lang", type=click.Choice(["sparql", "cypher"]), default="sparql", show_default=True,
              help="Run the SPARQL form or its Cypher twin.")
@click.option("--asserted-only", is_flag=True, help="Ignore the inferred graph.")
def query_run(name: str, params: tuple[str, ...], fmt: str, build_dir: Path, endpoint: str | None,
              lang: str, asserted_only: bool) -> None:
    """Run a saved query, with parameters bound as values."""
    from .queries import Catalogue, run_saved

    q = Catalogue.load().get(name)
    values = _parse_params(params)
    if lang == "cypher":
        from .cypher import run_saved_cypher

        table = run_saved_cypher(build_dir, q, values)
    else:
        table = run_saved(_store(build_dir, endpoint), q, values, inferred=not asserted_only)
    _emit(table, fmt)


@query.command("snapshot")
@click.argument("names", nargs=-1)
@BUILD_DIR_OPTION
def query_snapshot(names: tuple[str, ...], build_dir: Path) -> None:
    """Record the current answers of saved queries as their expected answers (curators only)."""
    from .build import atomic_write
    from .expected import to_tsv
    from .paths import DEFAULT_QUERIES
    from .queries import Catalogue, run_saved

    cat = Catalogue.load()
    store = _store(build_dir, None)
    for name in names or tuple(cat.queries):
        q = cat.get(name)
        if q.form != "SELECT":
            continue
        table = run_saved(store, q)
        atomic_write(DEFAULT_QUERIES / "expected" / f"{q.name}.tsv", to_tsv(table).encode("utf-8"))
        click.echo(f"{q.name}: {len(table)} rows")


@cli.command()
@click.argument("text", required=False)
@click.option("--file", "file", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help="Read the query from a file.")
@PARAM_OPTION
@click.option("--iri", "iris", multiple=True, metavar="NAME=IRI", help="Bind a variable to an IRI (repeatable).")
@FORMAT_OPTION
@BUILD_DIR_OPTION
@ENDPOINT_OPTION
def sparql(text: str | None, file: Path | None, params: tuple[str, ...], iris: tuple[str, ...], fmt: str,
           build_dir: Path, endpoint: str | None) -> None:
    """Run an ad-hoc SPARQL SELECT query (prefixes mfkg:, rdfs:, skos: … are predeclared)."""
    from .namespaces import PREFIXES
    from .terms import Term

    if (text is None) == (file is None):
        _fail("give the query either as an argument or with --file (exactly one of the two)")
    query_text = file.read_text(encoding="utf-8") if file else str(text)
    declared = set(re.findall(r"PREFIX\s+([A-Za-z0-9_-]*):", query_text, re.IGNORECASE))
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared)
    bindings = {k: Term.literal(v) for k, v in _parse_params(params).items()}
    bindings.update({k: Term.uri(v) for k, v in _parse_params(iris).items()})
    store = _store(build_dir, endpoint)
    try:
        table = store.select(header + query_text, bindings)
    except Exception as exc:
        from .store import QuerySyntaxError

        if isinstance(exc, QuerySyntaxError):
            _fail(_locate_syntax_error(str(exc), header), EXIT_FAILURE)
        raise
    table.labels = store.labels(t.value for row in table.rows for t in row if t is not None and t.kind == "uri")
    _emit(table, fmt)


def _locate_syntax_error(message: str, header: str) -> str:
    """Shift 'line N' in the engine's message back to the user's own lines (we prepend prefixes)."""
    shift = header.count("\n")

    def fix(m: "re.Match[str]") -> str:
        return f"line {max(int(m.group(1)) - shift, 1)}, column {m.group(2)}"

    return re.sub(r"at (\d+):(\d+)", fix, message, count=1).replace("error line", "error at line") + \
        " — fix the query at that position"


@cli.command()
@click.argument("models", nargs=-1, required=True)
@FORMAT_OPTION
@BUILD_DIR_OPTION
def compare(models: tuple[str, ...], fmt: str, build_dir: Path) -> None:
    """Compare models side by side (ids or names): modalities, tokenizers, layers, patterns, sizes."""
    from .queries import Catalogue, make_resolver, run_saved

    store = _store(build_dir, None)
    resolve = make_resolver(store)
    ids = [resolve("model", m).rsplit("/", 1)[-1] for m in models]
    table = run_saved(store, Catalogue.load().get("compare-models"), {"models": " ".join(ids)})
    _emit(table, fmt)


@cli.command()
@click.option("--have", "have", multiple=True, required=True, metavar="MODALITY",
              help="A modality you have data for (repeatable), e.g. --have scrna --have scatac.")
@click.option("--goal", default="", help="Words of the goal or a task id, e.g. 'translation'.")
@FORMAT_OPTION
@BUILD_DIR_OPTION
def recommend(have: tuple[str, ...], goal: str, fmt: str, build_dir: Path) -> None:
    """Recommend patterns and models for a goal, given the modalities you have."""
    from .queries import Catalogue, make_resolver, run_saved

    store = _store(build_dir, None)
    resolve = make_resolver(store)
    mods = [resolve("modality", h).rsplit("/", 1)[-1] for h in have]
    table = run_saved(store, Catalogue.load().get("recommend"), {"have": " ".join(mods), "goal": goal or "*"})
    if not table.rows:
        click.echo("no recommendation matches those modalities and goal; try fewer words in --goal", err=True)
    _emit(table, fmt)


@cli.command()
@DATA_OPTION
@ONTOLOGY_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md", "tsv"]), default="table", show_default=True)
@click.option("--no-reasoner", is_flag=True, help="Skip the OWL reasoner stage.")
@click.option("--all", "show_all", is_flag=True, help="Show every info finding, not the first ten.")
def validate(data_dir: Path, ontology: Path, fmt: str, no_reasoner: bool, show_all: bool) -> None:
    """Check everything: schema, references, SHACL shapes, violation queries, OWL reasoner."""
    from .validate import render, validate as run_validate

    report = run_validate(data_dir, ontology=ontology, reasoner=not no_reasoner)
    click.echo(render(report, fmt, limit_info=None if show_all else 10), nl=False)
    if not report.ok:
        sys.exit(EXIT_INVALID_DATA)


@cli.command()
@DATA_OPTION
@BUILD_DIR_OPTION
@click.option("--query", "query_name", default="clip-protein-anchor", show_default=True,
              help="The saved query to run at the end.")
def run(data_dir: Path, build_dir: Path, query_name: str) -> None:
    """The main job: build, validate (with the reasoner), run a saved query, write the explorer."""
    from .build import atomic_write, build as run_build, serialize_turtle
    from .queries import Catalogue, run_saved
    from .store import open_store
    from .validate import render, validate as run_validate

    result = run_build(data_dir, build_dir / "mfkg.ttl")
    click.echo(f"1/4 built {result.output} ({result.triples} triples)")
    report = run_validate(data_dir)
    click.echo("2/4 " + render(report, "table", limit_info=0).splitlines()[-1])
    if not report.ok:
        click.echo(render(report, "table", limit_info=0), nl=False)
        sys.exit(EXIT_INVALID_DATA)
    inferred_path = build_dir / "mfkg-inferred.ttl"
    if report.inferred is not None:
        atomic_write(inferred_path, serialize_turtle(report.inferred))
        click.echo(f"    inferred graph: {inferred_path} ({len(report.inferred)} triples)")
    store = open_store(build_dir)
    q = Catalogue.load().get(query_name)
    table = run_saved(store, q)
    click.echo(f"3/4 query '{q.name}': {q.title}")
    _emit(table, "table")
    outputs = [("graph (Turtle)", build_dir / "mfkg.ttl"), ("inferred graph", inferred_path),
               ("query store", build_dir / "store")]
    try:
        from .viz.site import write_site
    except ImportError:  # pragma: no cover - the explorer is optional in a partial install
        write_site = None
    if write_site is not None:
        site = write_site(store, build_dir / "site")
        click.echo(f"4/4 explorer written: {site}")
        outputs.append(("explorer (open in a browser)", site))
    click.echo("\nwhere everything went:")
    for what, path in outputs:
        click.echo(f"  {what:30} {path.resolve()}")


@cli.command()
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
    """Write interactive HTML: a view (graph, patterns, modalities, tokenizers, tasks, limits),
    an entity's neighbourhood (--focus), a query's result (--query), or the whole site (--site)."""
    from .propgraph import project, store_triples
    from .viz import render, site as site_mod
    from .viz.views import VIEWS

    store = _store(build_dir, None)
    out_dir = build_dir / "site"
    if site:
        click.echo(f"wrote {site_mod.write_site(store, output or out_dir)}")
        return
    chosen = [x for x in (view, focus, query_name) if x]
    if len(chosen) > 1:
        _fail("give one of VIEW, --focus or --query")
    pg = project(store_triples(store))
    if focus:
        node = _resolve_node(pg, focus)
        path = site_mod.write_focus(pg, node, depth, output or out_dir / f"focus-{node.replace('/', '-')}.html")
    elif query_name:
        from .queries import Catalogue

        q = Catalogue.load().get(query_name)
        sub = _query_subgraph(store, pg, q, _parse_params(params))
        data = render.page_data(pg, sub, q.title, q.description, site=False)
        path = render.write_page(output or out_dir / f"query-{q.name}.html", data)
    else:
        name = view or "graph"
        if name not in VIEWS:
            _fail(f"no view named '{name}'; choose one of {', '.join(VIEWS)}")
        path = site_mod.write_view(pg, name, output or out_dir / f"{name}.html", site=False)
    click.echo(f"wrote {path}")


def _resolve_node(pg, text: str) -> str:  # type: ignore[no-untyped-def]
    import difflib

    from .propgraph import HIDDEN_LABELS

    if text in pg.graph:
        return text
    wanted = text.strip().lower()
    names: dict[str, str] = {}
    for n, d in pg.graph.nodes(data=True):
        if d.get("label") in HIDDEN_LABELS:
            continue
        aliases = d.get("aliases") or []
        for cand in (n, n.split("/", 1)[-1], str(d.get("name", "")), *(aliases if isinstance(aliases, list) else [aliases])):
            names.setdefault(str(cand).lower(), n)
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, sorted(names), n=1)
    _fail(f"no entity named '{text}'" + (f"; did you mean '{close[0]}'?" if close else ""))


def _query_subgraph(store, pg, q, values: dict[str, str]):  # type: ignore[no-untyped-def]
    import networkx as nx

    from .propgraph import node_id, rel_type
    from .queries import make_resolver

    sub = nx.MultiDiGraph()
    if q.form == "CONSTRUCT":
        triples = store.construct(q.text, q.bindings(values, make_resolver(store)))
        for s, p, o in triples:
            for t in (s, o):
                if t.kind == "uri" and node_id(t.value) in pg.graph:
                    sub.add_node(node_id(t.value), label=pg.labels[node_id(t.value)])
            if s.kind == o.kind == "uri" and node_id(s.value) in sub and node_id(o.value) in sub:
                sub.add_edge(node_id(s.value), node_id(o.value), key=rel_type(p.value), type=rel_type(p.value))
        return sub
    from .queries import run_saved

    table = run_saved(store, q, values)
    for row in table.rows:
        for t in row:
            if t is not None and t.kind == "uri" and node_id(t.value) in pg.graph:
                sub.add_node(node_id(t.value), label=pg.labels[node_id(t.value)])
    for u, v, k, d in pg.graph.subgraph(list(sub.nodes)).edges(keys=True, data=True):
        sub.add_edge(u, v, key=k, type=d["type"])
    return sub


@cli.command()
@click.argument("text", required=False)
@click.option("--file", "file", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help="Read the query from a file.")
@PARAM_OPTION
@FORMAT_OPTION
@BUILD_DIR_OPTION
def cypher(text: str | None, file: Path | None, params: tuple[str, ...], fmt: str, build_dir: Path) -> None:
    """Run a Cypher query over the property graph (LadybugDB); --param values are Cypher parameters."""
    from .cypher import _strip_header, engine_for_build

    if (text is None) == (file is None):
        _fail("give the query either as an argument or with --file (exactly one of the two)")
    query_text = _strip_header(file.read_text(encoding="utf-8") if file else str(text))
    values: dict[str, object] = {}
    for k, v in _parse_params(params).items():
        try:
            values[k] = int(v)
        except ValueError:
            try:
                values[k] = float(v)
            except ValueError:
                values[k] = v
    _emit(engine_for_build(build_dir).run(query_text, values), fmt)


def _analytics_graph(build_dir: Path):  # type: ignore[no-untyped-def]
    from .analytics import entity_graph
    from .propgraph import project, store_triples

    pg = project(store_triples(_store(build_dir, None)))
    return pg, entity_graph(pg)


@cli.command()
@click.argument("source")
@click.argument("target")
@BUILD_DIR_OPTION
def path(source: str, target: str, build_dir: Path) -> None:
    """How are two entities connected? The shortest path between them (e.g. mfkg path ESM-2 scGPT)."""
    from .analytics import shortest_path

    pg, g = _analytics_graph(build_dir)
    a, b = _resolve_node(pg, source), _resolve_node(pg, target)
    steps = shortest_path(pg, g, a, b)
    if steps is None:
        _fail(f"no path between {a} and {b}", EXIT_INVALID_DATA)
    click.echo(f"{len(steps) - 1} step(s):")
    for node, rel in steps:
        name = pg.graph.nodes[node].get("name", node)
        click.echo(f"  {name} [{node}]" + (f"\n    --{rel}--" if rel else ""))


@cli.command()
@click.argument("entity")
@click.option("--depth", type=click.IntRange(1, 4), default=1, show_default=True)
@FORMAT_OPTION
@BUILD_DIR_OPTION
def neighbours(entity: str, depth: int, fmt: str, build_dir: Path) -> None:
    """The entities around one entity, with their distance and kind."""
    from .analytics import neighbourhood

    pg, g = _analytics_graph(build_dir)
    _emit(neighbourhood(pg, g, _resolve_node(pg, entity), depth), fmt)


@cli.command()
@click.option("--kind", default="Model", show_default=True,
              help="Entity kind to rank (Model, ArchitecturePattern, Task, Modality, …) or 'all'.")
@click.option("--measure", type=click.Choice(["degree", "betweenness", "pagerank"]), default="degree", show_default=True)
@click.option("--top", type=click.IntRange(1, 10000), default=15, show_default=True)
@FORMAT_OPTION
@BUILD_DIR_OPTION
def centrality(kind: str, measure: str, top: int, fmt: str, build_dir: Path) -> None:
    """Which models, patterns or tasks are most central in the graph?"""
    from .analytics import centrality as rank

    pg, g = _analytics_graph(build_dir)
    _emit(rank(pg, g, kind, measure, top), fmt)


@cli.command()
@FORMAT_OPTION
@BUILD_DIR_OPTION
def components(fmt: str, build_dir: Path) -> None:
    """Connected components of the entity graph: is anything cut off from the rest?"""
    from .analytics import components as comps

    pg, g = _analytics_graph(build_dir)
    _emit(comps(pg, g), fmt)


def _format_names() -> list[str]:
    from .export_registry import NAMES

    return list(NAMES)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(_format_names()), required=True, help="Export format.")
@click.option("--output", type=click.Path(path_type=Path), default=None, help="File (or folder for neo4j).")
@click.option("--inferred", is_flag=True, help="Include the reasoner's inferred triples.")
@click.option("--no-ontology", is_flag=True, help="Leave the ontology out (data only).")
@BUILD_DIR_OPTION
def export_cmd(fmt: str, output: Path | None, inferred: bool, no_ontology: bool, build_dir: Path) -> None:
    """Export the graph for other knowledge graphs (RDF syntaxes, property graphs, FAIR4ML, SSSOM)."""
    from .export import FORMATS, export, export_input

    f = FORMATS[fmt]
    target = output or build_dir / "export" / ("mfkg-neo4j" if f.extension == "/" else f"mfkg{f.extension}")
    path = export(export_input(build_dir), fmt, target, inferred=inferred, ontology=not no_ontology)
    click.echo(f"wrote {path} ({f.description})")


@cli.command("release")
@click.option("--output", type=click.Path(path_type=Path), default=None, help="Release folder.")
@BUILD_DIR_OPTION
def release_cmd(output: Path | None, build_dir: Path) -> None:
    """Write a versioned release: every format, VoID/DCAT description, manifest with sha256 per file."""
    from . import __version__
    from .export import release

    manifest = release(build_dir, output or build_dir / "release" / __version__)
    click.echo(f"wrote {manifest.parent} (manifest: {manifest})")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@BUILD_DIR_OPTION
def merge(files: tuple[Path, ...], build_dir: Path) -> None:
    """Bring other RDF files in beside the curated graph; queries then run across all of them."""
    import json as _json

    from .export import load_any

    registry = build_dir / "extra-graphs.json"
    listed = _json.loads(registry.read_text()) if registry.exists() else []
    for f in files:
        g = load_any(f)   # fails with one sentence if the file is not RDF
        path = str(Path(f).resolve())
        if path not in listed:
            listed.append(path)
        click.echo(f"merged {f}: {len(g)} triples")
    from .build import atomic_write

    atomic_write(registry, (_json.dumps(sorted(listed), indent=1) + "\n").encode())
    click.echo(f"{len(listed)} extra graph(s) now load beside the curated graph (listed in {registry})")


@cli.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--exit-code", is_flag=True, help="Exit 1 when the graphs differ (like git diff --exit-code).")
def diff_cmd(old: Path, new: Path, exit_code: bool) -> None:
    """Triple-level difference between two builds or releases, grouped by entity."""
    from .export import diff, load_any

    changes = diff(load_any(old), load_any(new))
    added = sum(len(v["added"]) for v in changes.values())
    removed = sum(len(v["removed"]) for v in changes.values())
    for entity, v in changes.items():
        click.echo(entity)
        for t in v["removed"]:
            click.echo(f"  - {t}")
        for t in v["added"]:
            click.echo(f"  + {t}")
    click.echo(f"{added} added, {removed} removed, in {len(changes)} entities")
    if exit_code and changes:
        sys.exit(1)


@cli.command()
@BUILD_DIR_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=30.0, show_default=True, help="Seconds per query.")
@click.option("--max-rows", type=click.IntRange(1, 10_000_000), default=10000, show_default=True,
              help="Largest SELECT result returned.")
def serve(build_dir: Path, host: str, port: int, timeout: float, max_rows: int) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint with an offline query page."""
    from .serve import serve as run_server

    if not (build_dir / "mfkg.ttl").exists():
        _fail(f"{build_dir / 'mfkg.ttl'} does not exist; run 'mfkg build' first")
    click.echo(f"SPARQL endpoint: http://{host}:{port}/sparql  (query page: http://{host}:{port}/)  Ctrl-C to stop")
    try:
        run_server(build_dir, host, port, timeout, max_rows)
    except OSError as exc:
        _fail(f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port")


@cli.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL (Virtuoso: http://HOST:PORT/sparql-graph-crud-auth).")
@click.option("--graph", default="https://w3id.org/mfkg/graph/asserted", show_default=True,
              help="Named graph to replace with the build.")
@click.option("--inferred-graph", default="https://w3id.org/mfkg/graph/inferred", show_default=True,
              help="Named graph for the inferred triples (if the build has them).")
@BUILD_DIR_OPTION
def push(endpoint: str, graph: str, inferred_graph: str, build_dir: Path) -> None:
    """Load the built graph into named graphs of a remote store (Graph Store Protocol, PUT).
    Credentials come from MFKG_ENDPOINT_USER / MFKG_ENDPOINT_PASSWORD or a file named by
    MFKG_ENDPOINT_CREDENTIALS (one line: user:password) — never from the command line."""
    from .remote import push_graph

    if not (build_dir / "mfkg.ttl").exists():
        _fail(f"{build_dir / 'mfkg.ttl'} does not exist; run 'mfkg build' first")
    for name, path in ((graph, build_dir / "mfkg.ttl"), (inferred_graph, build_dir / "mfkg-inferred.ttl")):
        if path.exists():
            n = push_graph(endpoint, name, path)
            click.echo(f"pushed {path} into <{name}> at {endpoint} ({n} bytes)")


def _int_list(text: str) -> list[int]:
    try:
        return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]
    except ValueError:
        _fail(f"'{text}' is not a comma-separated list of whole numbers")


@cli.command()
@DATA_OPTION
@BUILD_DIR_OPTION
@click.option("--sizes", default="10000,100000,1000000,5000000", show_default=True, help="Scale series (triples).")
@click.option("--repeat", type=click.IntRange(1, 50), default=5, show_default=True, help="Runs per measurement.")
@click.option("--html-sizes", default="2000,10000", show_default=True, help="Synthetic explorer sizes (nodes).")
@click.option("--cypher-edges", type=click.IntRange(100, 10_000_000), default=1_000_000, show_default=True)
@click.option("--output", type=click.Path(path_type=Path), default=Path("bench-results") / "bench.json", show_default=True)
def bench(data_dir: Path, build_dir: Path, sizes: str, repeat: int, html_sizes: str, cypher_edges: int, output: Path) -> None:
    """Measure speed (printed and written as JSON; never asserted): build, validate, queries,
    scale series, engines side by side, Cypher engines, HTML explorer."""
    from .bench import render, run as run_bench

    report = run_bench(build_dir, data_dir, _int_list(sizes), repeat, _int_list(html_sizes), cypher_edges, output,
                       log=lambda m: click.echo(m, err=True))
    click.echo(render(report), nl=False)
    click.echo(f"written: {output}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning every known error into one sentence and an exit code."""
    try:
        cli.main(args=argv, prog_name="mfkg", standalone_mode=False)
    except InvalidData as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(exc.problems)} problem(s) found; nothing was written.", err=True)
        sys.exit(EXIT_INVALID_DATA)
    except MfkgError as exc:
        _fail(str(exc), exc.exit_code)
    except click.exceptions.Abort:
        _fail("aborted")
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_FAILURE)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted")
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: keep it to one sentence unless asked
        if os.environ.get("MFKG_DEBUG"):
            raise
        _fail(f"internal error ({type(exc).__name__}: {exc}); rerun with MFKG_DEBUG=1 to see the traceback and please report it")


if __name__ == "__main__":  # pragma: no cover
    main()
