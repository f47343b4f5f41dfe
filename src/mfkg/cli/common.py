"""What every verb shares: options, parameter parsing, the store, printing and failing."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from mfkg.errors import EXIT_FAILURE
from mfkg.project import DEFAULT_BUILD_DIR, DEFAULT_DATA, DEFAULT_ONTOLOGY

RESULT_FORMATS = ["table", "csv", "tsv", "json", "md"]

DATA_OPTION = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=DEFAULT_DATA,
                           show_default=True, help="Folder of curated YAML records.")
ONTOLOGY_OPTION = click.option("--ontology", type=click.Path(path_type=Path), default=DEFAULT_ONTOLOGY,
                               show_default=True, help="The OWL ontology (Turtle).")
BUILD_DIR_OPTION = click.option("--build-dir", type=click.Path(path_type=Path), default=DEFAULT_BUILD_DIR,
                                show_default=True, help="Folder of the built graph and its store.")
_FORMAT = click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True,
                       help="Output format (json = SPARQL 1.1 JSON results; numbers are exact in csv, tsv and json).")
_WIDE = click.option("--wide", is_flag=True, help="Tables: show long cells whole instead of cutting them at 80 characters.")


def FORMAT_OPTION(f: Any) -> Any:   # named like the other option constants
    """--format and --wide; the verb sees one `fmt` ('wide' when --wide is given with the table format)."""

    @functools.wraps(f)
    def inner(*args: Any, wide: bool = False, **kwargs: Any) -> Any:
        if wide and kwargs.get("fmt") == "table":
            kwargs["fmt"] = "wide"
        return f(*args, **kwargs)

    return _FORMAT(_WIDE(inner))
ENDPOINT_OPTION = click.option("--endpoint", default=None, metavar="URL",
                               help="Run against this SPARQL 1.1 endpoint instead of the embedded store "
                                    "(MFKG_ENDPOINT_GRAPHS: space-separated named graphs to query).")
PARAM_OPTION = click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
                            help="A query parameter, bound as a value (repeatable).")
QUERY_TEXT_OPTION = click.option("--file", "file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
                                 default=None, help="Read the query from a file.")


def fail(message: str, code: int = EXIT_FAILURE) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            fail(f"--param {pair!r} is not NAME=VALUE; write for example --param min_cells=10000000")
        out[name.strip()] = value
    return out


def query_text(text: str | None, file: Path | None) -> str:
    if (text is None) == (file is None):
        fail("give the query either as an argument or with --file (exactly one of the two)")
    from mfkg.query.adhoc import bounded_query

    return bounded_query(text, file)


def open_store_for(build_dir: Path, endpoint: str | None = None) -> Any:
    from mfkg.query.store import open_store

    graphs = os.environ.get("MFKG_ENDPOINT_GRAPHS", "").split() if endpoint else []
    return open_store(endpoint or build_dir, graphs=graphs)


def emit(table: Any, fmt: str) -> None:
    """Print a result table; its notes (why no rows, how names were read) go to stderr."""
    from mfkg.query.results import FORMATS

    for note in getattr(table, "notes", []):
        click.echo(f"note: {note}", err=True)
    click.echo(FORMATS[fmt](table), nl=False)


def emit_any(result: Any, fmt: str) -> None:
    """Print a table, CONSTRUCT triples (as Turtle) or an ASK answer."""
    if isinstance(result, bool):
        click.echo("true" if result else "false")
    elif isinstance(result, list):
        from mfkg.query.results import as_turtle

        click.echo(as_turtle(result), nl=False)
    else:
        emit(result, fmt)


def warn(messages: list[str]) -> None:
    for m in messages:
        click.echo(f"warning: {m}", err=True)


def int_list(text: str) -> list[int]:
    try:
        return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]
    except ValueError:
        fail(f"'{text}' is not a comma-separated list of whole numbers")
