"""Verbs for asking: saved questions, ad-hoc SPARQL, compare, recommend."""

from __future__ import annotations

import json
from pathlib import Path

import click

from mfkg.cli.common import (
    BUILD_DIR_OPTION,
    ENDPOINT_OPTION,
    FORMAT_OPTION,
    PARAM_OPTION,
    QUERY_TEXT_OPTION,
    emit,
    emit_any,
    fail,
    open_store_for,
    parse_params,
    query_text,
    warn,
)


@click.group()
def query() -> None:
    """Saved questions: list them, show one, run one."""


@query.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--queries", "folder", type=click.Path(path_type=Path), default=None, help="Folder of saved queries.")
def query_list(fmt: str, folder: Path | None) -> None:
    """List the saved queries with their titles and parameters."""
    from mfkg.project import PROJECT
    from mfkg.query.saved import SavedQueries

    saved = SavedQueries.load(PROJECT.require(folder or PROJECT.queries))
    if fmt == "json":
        click.echo(json.dumps([q.describe() for q in saved.queries.values()], indent=1, ensure_ascii=False))
        return
    for q in saved.queries.values():
        params = "; ".join(f"{p.name}: {p.shown_type()}{' = ' + p.default if p.default else ''}" for p in q.params)
        click.echo(f"{q.name:34} {q.title}" + (f"  [{params}]" if params else ""))
    click.echo("(text parameters are matched as words; entity parameters take an id, a name or an alias)")


@query.command("show")
@click.argument("name")
@click.option("--lang", type=click.Choice(["sparql", "cypher"]), default="sparql", show_default=True)
def query_show(name: str, lang: str) -> None:
    """Print a saved query's text."""
    from mfkg.query.saved import SavedQueries

    q = SavedQueries.load().get(name)
    text = q.text if lang == "sparql" else q.cypher
    if text is None:
        fail(f"query '{name}' has no Cypher twin")
    click.echo(text, nl=False)
    for p in q.params:
        takes = "text, matched as words" if p.is_text else p.shown_type()
        click.echo(f"parameter {p.name}: {takes}" + (f" (default {p.default})" if p.default else "")
                   + (f" — {p.description}" if p.description else ""), err=True)


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
    """Run a saved query, with parameters bound as values (CONSTRUCT queries print Turtle)."""
    from mfkg.query.diagnose import run_explained
    from mfkg.query.saved import SavedQueries, run_saved_graph

    q = SavedQueries.load().get(name)
    values = parse_params(params)
    if lang == "cypher":
        from mfkg.propgraph.cypher import run_saved_cypher

        emit(run_saved_cypher(build_dir, q, values), fmt)
    elif q.form in ("CONSTRUCT", "DESCRIBE"):
        emit_any(run_saved_graph(open_store_for(build_dir, endpoint), q, values, inferred=not asserted_only), fmt)
    else:
        emit(run_explained(open_store_for(build_dir, endpoint), q, values, inferred=not asserted_only), fmt)


@query.command("snapshot")
@click.argument("names", nargs=-1)
@BUILD_DIR_OPTION
def query_snapshot(names: tuple[str, ...], build_dir: Path) -> None:
    """Record the current answers of saved queries as their expected answers (curators only)."""
    from mfkg.project import PROJECT
    from mfkg.query.expected import snapshot
    from mfkg.query.saved import SavedQueries

    for name, n in snapshot(open_store_for(build_dir), SavedQueries.load(), names, PROJECT.queries / "expected"):
        click.echo(f"{name}: {n} rows")


@click.command()
@click.argument("text", required=False)
@QUERY_TEXT_OPTION
@PARAM_OPTION
@click.option("--iri", "iris", multiple=True, metavar="NAME=IRI", help="Bind a variable to an IRI (repeatable).")
@FORMAT_OPTION
@BUILD_DIR_OPTION
@ENDPOINT_OPTION
def sparql(text: str | None, file: Path | None, params: tuple[str, ...], iris: tuple[str, ...], fmt: str,
           build_dir: Path, endpoint: str | None) -> None:
    """Run an ad-hoc SPARQL query (prefixes mfkg:, rdfs:, skos: … are predeclared; CONSTRUCT prints Turtle)."""
    from mfkg.query.adhoc import check_sparql, run_any
    from mfkg.query.terms import Term

    bindings = {k: Term.literal(v) for k, v in parse_params(params).items()}
    bindings.update({k: Term.uri(v) for k, v in parse_params(iris).items()})
    text = query_text(text, file)
    store = open_store_for(build_dir, endpoint)
    warn(check_sparql(store, text))
    emit_any(run_any(store, text, bindings), fmt)


@click.command()
@click.argument("models", nargs=-1, required=True)
@FORMAT_OPTION
@BUILD_DIR_OPTION
def compare(models: tuple[str, ...], fmt: str, build_dir: Path) -> None:
    """Compare models side by side (ids or names): modalities, tokenizers, layers, patterns, sizes."""
    from mfkg.query.saved import SavedQueries, run_saved

    emit(run_saved(open_store_for(build_dir), SavedQueries.load().get("compare-models"), {"models": ", ".join(models)}), fmt)


@click.command()
@click.option("--have", "have", multiple=True, metavar="MODALITY",
              help="A modality you have data for, by id, name or alias (repeatable), e.g. --have RNA --have ATAC.")
@click.option("--goal", default="", help="The goal in words, e.g. 'RNA to ATAC', 'translation', 'impute protein from RNA'.")
@click.option("--paired/--unpaired", default=True, show_default=True,
              help="Whether the modalities were measured in the same cells. Unpaired data meets only the data "
                   "requirements of one modality (the matrix page's 'paired' switch).")
@click.option("--list", "show_list", is_flag=True, help="List the modalities and goals the recommendations know, "
                                                        "with the needs that ask for paired data.")
@click.option("--fitting", is_flag=True, help="Print only the catalogued models that fit the matching rows, with why.")
@FORMAT_OPTION
@BUILD_DIR_OPTION
def recommend(have: tuple[str, ...], goal: str, paired: bool, show_list: bool, fitting: bool, fmt: str, build_dir: Path) -> None:
    """Recommend patterns and models for a goal, given the modalities you have (paired or not)."""
    from mfkg.query import recommend as rec

    store = open_store_for(build_dir)
    if show_list:
        click.echo(rec.listing(store), nl=False)
        return
    if not have:
        fail("give the modalities you have with --have (e.g. --have RNA --have ATAC); 'mfkg recommend --list' shows them")
    table, notes = rec.recommend(store, list(have), goal, paired=paired)
    table.notes += notes
    models = rec.fitting_models(store, list(have), table, paired=paired) if table.rows else None
    if fitting:
        emit(models if models is not None else table, fmt)
        return
    emit(table, fmt)
    if models is not None and models.rows and fmt in ("table", "md"):
        click.echo("\nmodels in the catalogue that fit these rows, and why (--fitting for this table alone):")
        emit(models, fmt)


@click.command()
@click.argument("benchmark", required=False)
@click.option("--metric", default="*", help="Only this metric (id or name).")
@click.option("--setting", default="*", help="Only this setting: zero-shot, linear probe, fine-tuned, trained on the task, few-shot.")
@FORMAT_OPTION
@BUILD_DIR_OPTION
def leaderboard(benchmark: str | None, metric: str, setting: str, fmt: str, build_dir: Path) -> None:
    """Benchmarks (task, metrics, number of results), or one benchmark's results ranked, with who reported each."""
    from mfkg.query.saved import SavedQueries, run_saved

    store = open_store_for(build_dir)
    saved = SavedQueries.load()
    if benchmark is None:
        emit(run_saved(store, saved.get("benchmarks")), fmt)
        return
    table = run_saved(store, saved.get("leaderboard"), {"benchmark": benchmark, "only_metric": metric, "only_setting": setting})
    if not table.rows:
        fail(f"no results for '{benchmark}' with metric {metric!r} and setting {setting!r}; "
             f"run 'mfkg leaderboard' to see the benchmarks and 'mfkg leaderboard {benchmark}' for all its results")
    emit(table.with_rank("metric"), fmt)


@click.command()
@click.argument("question", nargs=-1, required=True)
@FORMAT_OPTION
@BUILD_DIR_OPTION
def ask(question: tuple[str, ...], fmt: str, build_dir: Path) -> None:
    """Answer a question in plain words with the saved question or verb that fits it (e.g. mfkg ask "compare ESM-2 and ProtT5").

    The routing is printed first (answered by `NAME` with PARAM = VALUE, or by `mfkg VERB ARGS` for a
    comparison, a recommendation, a connection or "tell me about" something other than a model);
    when nothing fits well, the three closest saved questions are listed instead."""
    from mfkg.query.diagnose import run_explained
    from mfkg.query.resolve import index_for
    from mfkg.query.route import Router
    from mfkg.query.saved import SavedQueries, run_saved_graph

    store = open_store_for(build_dir)
    routing = Router(SavedQueries.load(), index_for(store)).route(" ".join(question))
    if routing.verb is not None:
        click.echo(routing.verb.explain(), err=True)
        _run_verb(routing.verb.verb, routing.verb.args, fmt, build_dir)
        return
    if routing.best is None:
        click.echo(routing.closest_text())
        return
    click.echo(routing.best.explain(), err=True)
    q, values = routing.best.query, routing.best.values
    if q.form in ("CONSTRUCT", "DESCRIBE"):
        emit_any(run_saved_graph(store, q, values), fmt)
    else:
        emit(run_explained(store, q, values), fmt)


def _run_verb(verb: str, args: list[str], fmt: str, build_dir: Path) -> None:
    """Run the verb a question was routed to, with the arguments the routing printed."""
    from mfkg.cli.graph import neighbours, path

    ctx = click.get_current_context()
    if verb == "path":
        ctx.invoke(path, source=args[0], target=args[1], build_dir=build_dir)
    elif verb == "compare":
        ctx.invoke(compare, models=tuple(args), fmt=fmt, build_dir=build_dir)
    elif verb == "neighbours":
        ctx.invoke(neighbours, entity=args[0], depth=1, fmt=fmt, build_dir=build_dir)
    elif verb == "recommend":
        have = tuple(a for flag, a in zip(args, args[1:]) if flag == "--have")
        goal = args[args.index("--goal") + 1] if "--goal" in args else ""
        ctx.invoke(recommend, have=have, goal=goal, show_list=False, fitting=False, fmt=fmt, build_dir=build_dir)
    else:
        fail(f"the question was routed to 'mfkg {verb}', which 'mfkg ask' cannot run; run it yourself")


COMMANDS = (ask, query, sparql, compare, recommend, leaderboard)
