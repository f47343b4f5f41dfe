"""Verbs that move the graph out and in: export, release, diff, merge, unmerge, push, serve, bench."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mfkg.cli.common import BUILD_DIR_OPTION, DATA_OPTION, fail, int_list
from mfkg.outputs.registry import NAMES
from mfkg.project import BuildFolder


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(list(NAMES)), required=True, help="Export format.")
@click.option("--output", type=click.Path(path_type=Path), default=None, help="File (or folder for neo4j).")
@click.option("--inferred", is_flag=True, help="Include the reasoner's inferred triples.")
@click.option("--no-ontology", is_flag=True, help="Leave the ontology out (data only).")
@BUILD_DIR_OPTION
def export_cmd(fmt: str, output: Path | None, inferred: bool, no_ontology: bool, build_dir: Path) -> None:
    """Export the graph for other knowledge graphs (RDF syntaxes, property graphs, FAIR4ML, SSSOM)."""
    from mfkg.outputs.exporting import export, export_input
    from mfkg.outputs.registry import FORMATS

    f = FORMATS[fmt]
    target = output or build_dir / "export" / ("mfkg-neo4j" if f.extension == "/" else f"mfkg{f.extension}")
    path = export(export_input(build_dir), fmt, target, inferred=inferred, ontology=not no_ontology)
    click.echo(f"wrote {path} ({f.description})")


@click.command("release")
@click.option("--output", type=click.Path(path_type=Path), default=None, help="Release folder.")
@BUILD_DIR_OPTION
def release_cmd(output: Path | None, build_dir: Path) -> None:
    """Write a versioned release: every format, VoID/DCAT description, manifest with sha256 per file."""
    from mfkg._version import __version__
    from mfkg.outputs.release import release

    manifest = release(build_dir, output or BuildFolder(build_dir).releases / __version__)
    click.echo(f"wrote {manifest.parent} (manifest: {manifest})")


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--list", "show_list", is_flag=True, help="Show the merged files and stop.")
@click.option("--allow-remote-context", is_flag=True,
              help="Let a JSON-LD file's remote @context be fetched (an N-Triples copy is then merged).")
@BUILD_DIR_OPTION
def merge(files: tuple[Path, ...], show_list: bool, allow_remote_context: bool, build_dir: Path) -> None:
    """Bring other RDF files in beside the curated graph; queries then run across all of them."""
    from mfkg.query.merge import listed, merge_files

    folder = BuildFolder(build_dir)
    if show_list:
        for name in listed(folder):
            click.echo(name)
        return
    if not files:
        fail("name the RDF files to merge, or pass --list to see the merged ones")
    merged, names = merge_files(folder, list(files), allow_remote_context=allow_remote_context)
    for m in merged:
        via = f" (as {m.listed_as})" if m.listed_as != Path(m.file).resolve() else ""
        click.echo(f"merged {m.file}: {m.triples} triples{via}")
    click.echo(f"{len(names)} extra graph(s) now load beside the curated graph (listed in {folder.extra_graphs})")


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@BUILD_DIR_OPTION
def unmerge(file: Path, build_dir: Path) -> None:
    """Take a merged RDF file off the list; queries then run without it."""
    from mfkg.query.merge import unmerge_file

    folder = BuildFolder(build_dir)
    names = unmerge_file(folder, file)
    click.echo(f"unmerged {file}; {len(names)} extra graph(s) remain")


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--exit-code", is_flag=True, help="Exit 1 when the graphs differ (like git diff --exit-code).")
def diff_cmd(old: Path, new: Path, exit_code: bool) -> None:
    """Triple-level difference between two builds or releases, grouped by entity."""
    from mfkg.outputs.diff import diff, load_any

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


def _require_build(build_dir: Path) -> BuildFolder:
    folder = BuildFolder(build_dir)
    if not folder.is_built():
        fail(f"{folder.graph} does not exist; run 'mfkg build' first")
    return folder


@click.command()
@BUILD_DIR_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=30.0, show_default=True, help="Seconds per query.")
@click.option("--max-rows", type=click.IntRange(1, 10_000_000), default=10000, show_default=True,
              help="Largest SELECT result returned.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Worker processes (default: one per CPU).")
@click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
              help="Allow SERVICE (federated query) to this endpoint; repeat for more. None by default.")
@click.option("--max-query-length", type=click.IntRange(100, 10_000_000), default=100_000, show_default=True,
              help="Longest query accepted, in characters.")
@click.option("--public-url", default="", help="The server's public URL, for its service and VoID descriptions.")
@click.option("--cache-mb", type=click.IntRange(0, 100_000), default=64, show_default=True,
              help="Answers kept per worker, in MB (0: no cache).")
@click.option("--query-threads", type=click.IntRange(1, 256), default=2, show_default=True,
              help="Queries evaluated at once per worker; more wait for a free slot.")
def serve(build_dir: Path, host: str, port: int, timeout: float, max_rows: int, workers: int | None,
          allow_service: tuple[str, ...], max_query_length: int, public_url: str, cache_mb: int,
          query_threads: int) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint with linked-data pages and a query workbench."""
    from mfkg.serve import Limits
    from mfkg.serve import serve as run_server

    _require_build(build_dir)
    click.echo(f"SPARQL endpoint: http://{host}:{port}/sparql  (workbench: http://{host}:{port}/)  Ctrl-C to stop")
    limits = Limits(max_query_chars=max_query_length, max_body_bytes=max(1_000_000, 4 * max_query_length),
                    max_rows=max_rows, allow_service=allow_service)
    try:
        run_server(build_dir, host, port, timeout=timeout, limits=limits, workers=workers, public_base=public_url,
                   cache_mb=cache_mb, query_threads=query_threads)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port")


@click.command()
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
    from mfkg.query.remote import push_graph

    folder = _require_build(build_dir)
    for name, path in ((graph, folder.graph), (inferred_graph, folder.inferred)):
        if path.exists():
            n = push_graph(endpoint, name, path)
            click.echo(f"pushed {path} into <{name}> at {endpoint} ({n} bytes)")


@click.command()
@DATA_OPTION
@BUILD_DIR_OPTION
@click.option("--sizes", default="1000000,5000000", show_default=True,
              help="Scale series (triples): every saved question on Oxigraph and Virtuoso at each size.")
@click.option("--repeat", type=click.IntRange(1, 50), default=5, show_default=True, help="Runs per measurement.")
@click.option("--scale-budget", type=click.FloatRange(0.1, 600), default=2.0, show_default=True,
              help="Seconds one question may spend per engine and size before it stops repeating (it runs once at least).")
@click.option("--query-limit", type=click.FloatRange(1, 3600), default=20.0, show_default=True,
              help="Seconds after which one question of the scale series is stopped and reported as not finished.")
@click.option("--scale-total", type=click.FloatRange(0, 36000), default=720.0, show_default=True,
              help="Seconds for the whole scale series, split between sizes and engines in proportion to the size "
                   "(a part stopped at its share names what it did not measure); 0: no budget but --query-limit.")
@click.option("--virtuoso/--no-virtuoso", default=True, show_default=True, help="Run the scale series on Virtuoso too.")
@click.option("--synthetic", type=click.Choice(["copies", "skeleton"]), default="copies", show_default=True,
              help="The scale series' synthetic part: copies of the curated models with all the build says of them "
                   "(the curated shape), or the minimal skeleton generator (about six times the models per triple).")
@click.option("--html-sizes", default="2000,10000", show_default=True, help="Synthetic explorer sizes (nodes).")
@click.option("--cypher-edges", type=click.IntRange(100, 10_000_000), default=1_000_000, show_default=True)
@click.option("--load-seconds", type=click.FloatRange(0, 600), default=3.0, show_default=True,
              help="Seconds per level of the endpoint load test (0 skips it).")
@click.option("--growth-sizes", default="1000,3000", show_default=True,
              help="Synthetic catalogues (models) for the growth benchmark, beside the curated one (empty: curated only).")
@click.option("--suite-timing", type=click.Path(path_type=Path), default=Path("test-artifacts") / "pytest-junit.xml",
              show_default=True, help="JUnit XML written by `make test`, for the suite's time.")
@click.option("--output", type=click.Path(path_type=Path), default=Path("bench-results") / "bench.json", show_default=True)
def bench(data_dir: Path, build_dir: Path, sizes: str, repeat: int, scale_budget: float, query_limit: float, scale_total: float, virtuoso: bool,
          synthetic: str, html_sizes: str, cypher_edges: int, load_seconds: float, growth_sizes: str, suite_timing: Path,
          output: Path) -> None:
    """Measure speed (printed and written as JSON; never asserted): build, validate, queries,
    scale series on Oxigraph and Virtuoso, Cypher engines, HTML explorer, endpoint under load,
    growth of the whole pipeline, the test suite's last time."""
    from mfkg.bench.report import render
    from mfkg.bench.run import run as run_bench

    report = run_bench(build_dir, data_dir, int_list(sizes), repeat, int_list(html_sizes), cypher_edges, output,
                       load_seconds=load_seconds, scale_budget_s=scale_budget, query_limit_s=query_limit, scale_total_s=scale_total or None, virtuoso=virtuoso,
                       synthetic=synthetic,
                       growth_sizes=tuple(int_list(growth_sizes)), suite_timing=suite_timing,
                       log=lambda m: click.echo(m, err=True))
    click.echo(render(report), nl=False)
    click.echo(f"written: {output}")


COMMANDS = (export_cmd, release_cmd, diff_cmd, merge, unmerge, serve, push, bench)
