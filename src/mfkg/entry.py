"""The `mfkg` console script. `mfkg query run NAME` — the call made most often, from shells and
scripts — is answered by `query.quick` without loading the command-line framework, rdflib, `re`,
`json` or even `dataclasses`, whose start-up costs more than the query itself (the pinned pip writes
a console script that does not import `re` either); every other command line, any
`query run` with options this path does not read, and anything `query.quick` leaves to the full path
(errors included) goes to `mfkg.cli` unchanged. Both paths print the same bytes (a test compares
them, and another that the quick path imports nothing heavy).
"""

from __future__ import annotations

import os
import sys

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
            opts["build_dir"] = folder
        elif arg == "--wide":
            opts["wide"] = True
        elif arg == "--asserted-only":
            opts["inferred"] = False
        else:
            return None   # --endpoint, --lang, --help, …
        i += 1
    return opts if opts["name"] else None


def _run_fast(opts: dict) -> int:
    """The exit code, or -1 when the full CLI must answer (nothing has been printed then)."""
    try:
        from mfkg.home import default_build_dir
        from mfkg.query.quick import run_quick

        table = run_quick(opts["name"], opts["params"], opts["build_dir"] or default_build_dir(),
                          inferred=opts["inferred"])
        if table is None:
            return -1
        from mfkg.query.results import FORMATS

        fmt = "wide" if opts["wide"] and opts["fmt"] == "table" else opts["fmt"]
        text = FORMATS[fmt](table)
    except KeyboardInterrupt:
        from mfkg.errors import EXIT_FAILURE

        sys.stderr.write("error: interrupted\n")
        return EXIT_FAILURE
    except Exception:  # anything unexpected: the full CLI answers (and words it) as it always has
        if os.environ.get("MFKG_DEBUG"):
            raise
        return -1
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return 0


def main() -> None:
    opts = _parse(sys.argv[1:])
    if opts is not None:
        code = _run_fast(opts)
        if code >= 0:
            sys.exit(code)
    from mfkg.cli import main as full_cli

    full_cli()
