"""Verbs for curators: build, check, validate, reason, and the main job `run`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mfkg.cli.common import BUILD_DIR_OPTION, DATA_OPTION, ONTOLOGY_OPTION, emit, fail
from mfkg.errors import EXIT_INVALID_DATA
from mfkg.project import DEFAULT_BUILD_DIR, BuildFolder


@click.command()
@DATA_OPTION
@ONTOLOGY_OPTION
@click.option("--output", type=click.Path(path_type=Path), default=BuildFolder(DEFAULT_BUILD_DIR).graph,
              show_default=True, help="Where to write the graph (Turtle).")
@click.option("--no-cache", is_flag=True,
              help="Parse and compile every file again (the output is the same bytes as with the cache).")
def build(data_dir: Path, ontology: Path, output: Path, no_cache: bool) -> None:
    """Compile ontology + curated data into one RDF graph, recompiling only the files that changed.

    The output is the same bytes as a build from nothing (--no-cache)."""
    from mfkg.rdf.compile import build as run_build

    result = run_build(data_dir, output, ontology, cache=not no_cache)
    records = ", ".join(f"{n} {k}" for k, n in sorted(result.records.items()))
    click.echo(f"built {result.output}: {result.triples} triples from {records}")


@click.command()
@DATA_OPTION
def check(data_dir: Path) -> None:
    """Check the curated YAML against the schema and references only (fast)."""
    from mfkg.curation.load import check_data

    records, warnings = check_data(data_dir)
    total = sum(len(v) for v in records.items.values())
    for w in warnings:
        click.echo(f"{w.severity}: {w}", err=True)
    if not warnings:
        click.echo(f"ok: {total} records in {data_dir}, no problems")
    else:
        n = len(warnings)
        click.echo(f"ok: {total} records in {data_dir}, no errors, {n} warning{'s' if n != 1 else ''} "
                   "(listed on stderr; warnings do not stop a build, 'mfkg validate' reports them too)")


@click.command()
@BUILD_DIR_OPTION
def reason(build_dir: Path) -> None:
    """Run the OWL reasoner (HermiT): check consistency, write the inferred graph."""
    from mfkg.rdf.reason import run_reasoner

    folder = BuildFolder(build_dir)
    result = run_reasoner(folder.graph, folder.inferred)
    if not result.consistent:
        fail("the ontology and data are inconsistent; run 'mfkg validate' to see which records "
             "break a disjointness or functional-property axiom", EXIT_INVALID_DATA)
    if result.unsatisfiable:
        fail("unsatisfiable classes: " + ", ".join(result.unsatisfiable) + "; fix their definitions in the ontology",
             EXIT_INVALID_DATA)
    counts = ", ".join(f"{k} {v}" for k, v in result.memberships.items())
    click.echo(f"consistent; {len(result.inferred)} inferred triples in {folder.inferred} "
               f"({result.seconds:.1f} s)\ninferred memberships: {counts}")


@click.command()
@DATA_OPTION
@ONTOLOGY_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md", "tsv"]), default="table", show_default=True)
@click.option("--no-reasoner", is_flag=True, help="Skip the OWL reasoner stage.")
@click.option("--all", "show_all", is_flag=True, help="Show every info finding, not the first ten.")
def validate(data_dir: Path, ontology: Path, fmt: str, no_reasoner: bool, show_all: bool) -> None:
    """Check everything: schema, references, SHACL shapes, violation queries, OWL reasoner."""
    from mfkg.validation.validate import render
    from mfkg.validation.validate import validate as run_validate

    report = run_validate(data_dir, ontology=ontology, reasoner=not no_reasoner)
    click.echo(render(report, fmt, limit_info=None if show_all else 10), nl=False)
    if not report.ok:
        sys.exit(EXIT_INVALID_DATA)


@click.command()
@DATA_OPTION
@BUILD_DIR_OPTION
@click.option("--query", "query_name", default="clip-protein-anchor", show_default=True,
              help="The saved query to run at the end.")
def run(data_dir: Path, build_dir: Path, query_name: str) -> None:
    """The main job: build, validate (with the reasoner), run a saved query, write the explorer."""
    from mfkg.pipeline import run_pipeline
    from mfkg.query.saved import SavedQueries, run_saved
    from mfkg.query.store import open_store
    from mfkg.validation.validate import render

    folder = BuildFolder(build_dir)
    result = run_pipeline(folder, data_dir=data_dir)
    click.echo(f"1/4 built {result.build.output} ({result.build.triples} triples)")
    click.echo("2/4 " + render(result.report, "table", limit_info=0).splitlines()[-1])
    if not result.ok:
        click.echo(render(result.report, "table", limit_info=0), nl=False)
        sys.exit(EXIT_INVALID_DATA)
    if result.inferred_triples is not None:
        click.echo(f"    inferred graph: {folder.inferred} ({result.inferred_triples} triples)")
    store = open_store(build_dir)
    q = SavedQueries.load().get(query_name)
    click.echo(f"3/4 query '{q.name}': {q.title}")
    emit(run_saved(store, q), "table")
    from mfkg.propgraph.kept import build_projection
    from mfkg.viz.site import write_site

    site = write_site(store, folder.site, build_projection(build_dir))
    click.echo(f"4/4 explorer written: {site}")
    click.echo("\nwhere everything went:")
    for what, path in (("graph (Turtle)", folder.graph), ("inferred graph", folder.inferred),
                       ("query store", folder.store), ("explorer (open in a browser)", site)):
        click.echo(f"  {what:30} {path.resolve()}")


COMMANDS = (build, check, reason, validate, run)
