"""The `mfkg` console script. `mfkg query run NAME` — the call made most often, from shells and
scripts — is answered without loading the command-line framework, whose start-up costs more than
the query itself; every other command line, and any `query run` with options this path does not
read, goes to `mfkg.cli` unchanged. Both paths print the same bytes (a test compares them).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_FORMATS = ("table", "csv", "tsv", "json", "md")


def _parse(argv: list[str]) -> dict | None:
    """The options of a plain `query run NAME …`, or None when the full CLI should read them."""
    if len(argv) < 3 or argv[0] != "query" or argv[1] != "run":
        return None
    opts: dict = {"name": None, "params": {}, "fmt": "table", "wide": False, "inferred": True, "build_dir": None}
    rest = argv[2:]
    i = 0
    while i < len(rest):
        arg = rest[i]
        flag, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")

        def value() -> str | None:
            nonlocal i
            if eq:
                return inline
            i += 1
            return rest[i] if i < len(rest) else None

        if not arg.startswith("-"):
            if opts["name"] is not None:
                return None
            opts["name"] = arg
        elif flag == "--param":
            pair = value()
            if pair is None:
                return None
            name, sep, val = pair.partition("=")
            if not sep or not name.strip():
                return None   # the full CLI explains the mistake
            opts["params"][name.strip()] = val
        elif flag == "--format":
            fmt = value()
            if fmt not in _FORMATS:
                return None
            opts["fmt"] = fmt
        elif flag == "--build-dir":
            folder = value()
            if not folder:
                return None
            opts["build_dir"] = Path(folder)
        elif arg == "--wide":
            opts["wide"] = True
        elif arg == "--asserted-only":
            opts["inferred"] = False
        else:
            return None   # --endpoint, --lang, --help, …
        i += 1
    return opts if opts["name"] else None


def _run_fast(opts: dict) -> int:
    from mfkg.errors import EXIT_FAILURE, MfkgError

    try:
        from mfkg.project import DEFAULT_BUILD_DIR
        from mfkg.query.saved import SavedQueries

        q = SavedQueries.load().get(opts["name"])
        if q.form != "SELECT":
            return -1
        from mfkg.query.diagnose import run_explained
        from mfkg.query.results import FORMATS
        from mfkg.query.store import open_store

        table = run_explained(open_store(opts["build_dir"] or DEFAULT_BUILD_DIR), q, opts["params"],
                              inferred=opts["inferred"])
        fmt = "wide" if opts["wide"] and opts["fmt"] == "table" else opts["fmt"]
        for note in getattr(table, "notes", []):
            sys.stderr.write(f"note: {note}\n")
        sys.stdout.write(FORMATS[fmt](table))
        sys.stdout.flush()
        return 0
    except MfkgError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return EXIT_FAILURE
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one sentence unless asked, as in the full CLI
        if os.environ.get("MFKG_DEBUG"):
            raise
        sys.stderr.write(f"error: internal error ({type(exc).__name__}: {exc}); rerun with MFKG_DEBUG=1 "
                         "to see the traceback and please report it\n")
        return EXIT_FAILURE


def main() -> None:
    opts = _parse(sys.argv[1:])
    if opts is not None:
        code = _run_fast(opts)
        if code >= 0:
            sys.exit(code)
    from mfkg.cli import main as full_cli

    full_cli()
