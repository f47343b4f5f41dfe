"""The `mfkg` command: verbs grouped by what users do; options and printing only, the work is in
the library. Exit codes: 0 ok, 1 invalid data, 2 failure. Heavy modules load inside the verbs, so
`mfkg query` starts fast."""

from __future__ import annotations

import os
import sys

import click

from mfkg.cli import ask, curate, docs, graph, publish
from mfkg.cli.common import fail
from mfkg.errors import EXIT_FAILURE, EXIT_INVALID_DATA, InvalidData, MfkgError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="mfkg")
def cli() -> None:
    """mfkg — a knowledge graph of multimodal biological foundation models."""


for _module in (curate, ask, graph, publish, docs):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning every known error into one sentence and an exit code."""
    from mfkg.gcpolicy import fewer_collections

    try:
        with fewer_collections():   # every verb reads, builds or writes many small objects
            cli.main(args=argv, prog_name="mfkg", standalone_mode=False)
    except InvalidData as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(exc.problems)} problem(s) found; nothing was written.", err=True)
        sys.exit(EXIT_INVALID_DATA)
    except MfkgError as exc:
        fail(str(exc), exc.exit_code)
    except click.exceptions.Abort:
        fail("aborted")
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_FAILURE)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted")
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: keep it to one sentence unless asked
        if os.environ.get("MFKG_DEBUG"):
            raise
        fail(f"internal error ({type(exc).__name__}: {exc}); rerun with MFKG_DEBUG=1 to see the traceback and please report it")
