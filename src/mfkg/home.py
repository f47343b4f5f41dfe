"""Where the project folder and the default build folder are, as plain strings: `$MFKG_HOME`, else
the copy that ships inside the installed package (`mfkg/_project`), else the source checkout this
package runs from; the build folder is `$MFKG_BUILD_DIR` or `build`. `project.Project` and the console
script's quick path both start here (this module imports nothing heavier than `os`)."""

from __future__ import annotations

import os

_PACKAGE = os.path.dirname(os.path.realpath(__file__))
SHIPPED = os.path.join(_PACKAGE, "_project")
CHECKOUT = os.path.dirname(os.path.dirname(_PACKAGE))


def project_root() -> str:
    """The project folder (with data/, ontology/ and queries/)."""
    env = os.environ.get("MFKG_HOME")
    if env:
        return env
    if os.path.isdir(os.path.join(SHIPPED, "data")):
        return SHIPPED
    return CHECKOUT


def default_build_dir() -> str:
    return os.environ.get("MFKG_BUILD_DIR", "build")


# the names below a build folder that the quick path needs too (`project.BuildFolder` owns the rest)
GRAPH_FILE = "mfkg.ttl"
INFERRED_FILE = "mfkg-inferred.ttl"
STORE_DIR = "store"
EXTRA_GRAPHS_FILE = "extra-graphs.json"
