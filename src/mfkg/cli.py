"""The `mfkg` command: thin verbs over the library. Exit codes: 0 ok, 1 invalid data, 2 failure.

Heavy modules are imported inside the verbs so that `mfkg query` starts fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

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


def register(command: Any) -> None:
    cli.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    main()
