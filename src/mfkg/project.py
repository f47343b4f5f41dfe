"""Where things are: the project (curated data, ontology, shapes, saved queries) and the build folder.

A `Project` is found in this order: `$MFKG_HOME`; the copy that ships inside the installed
package (`mfkg/_project`, put there by the wheel build); the source checkout this package runs
from. A `BuildFolder` owns every file name below a build folder, so no other module spells one.

>>> from pathlib import Path
>>> BuildFolder(Path("build")).graph.as_posix()
'build/mfkg.ttl'
>>> Project(Path("/p")).queries.as_posix()
'/p/queries'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mfkg.errors import MfkgError
from mfkg.home import EXTRA_GRAPHS_FILE, GRAPH_FILE, INFERRED_FILE, STORE_DIR, default_build_dir, project_root


@dataclass(frozen=True)
class Project:
    """A project folder: `data/`, `ontology/mfkg.ttl`, `ontology/shapes.ttl`, `queries/`."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def ontology(self) -> Path:
        return self.root / "ontology" / "mfkg.ttl"

    @property
    def shapes(self) -> Path:
        return self.root / "ontology" / "shapes.ttl"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def checks(self) -> Path:
        return self.queries / "checks"

    @classmethod
    def locate(cls) -> Project:
        """`$MFKG_HOME`, else the copy shipped in the package, else the source checkout (see `home`)."""
        return cls(Path(project_root()))

    def require(self, what: Path) -> Path:
        """`what` if it exists, else one sentence saying which folder is missing and how to point at one."""
        if not what.exists():
            raise MfkgError(f"{what} does not exist; set MFKG_HOME to a project folder (with data/, ontology/ "
                            f"and queries/) or pass --data / --queries")
        return what


@dataclass(frozen=True)
class BuildFolder:
    """The files a build writes, by role."""

    path: Path

    @property
    def graph(self) -> Path:
        """The asserted graph (Turtle)."""
        return self.path / GRAPH_FILE

    @property
    def inferred(self) -> Path:
        """What the reasoner adds (Turtle)."""
        return self.path / INFERRED_FILE

    @property
    def store(self) -> Path:
        """The persisted Oxigraph store."""
        return self.path / STORE_DIR

    @property
    def extra_graphs(self) -> Path:
        """The list of files merged in beside the curated graph."""
        return self.path / EXTRA_GRAPHS_FILE

    @property
    def merged_copies(self) -> Path:
        """N-Triples copies of merged files that needed converting (JSON-LD with a remote @context)."""
        return self.path / "merged"

    @property
    def lock(self) -> Path:
        """Held while a process writes into the build folder."""
        return self.path / ".mfkg.lock"

    @property
    def site(self) -> Path:
        return self.path / "site"

    @property
    def releases(self) -> Path:
        return self.path / "release"

    @property
    def info(self) -> Path:
        """Which data and ontology the graph was built from (read by exports)."""
        return self.path / "build-info.json"

    def is_built(self) -> bool:
        return self.graph.exists()

    def write_info(self, data: Path, ontology: Path) -> None:
        import json

        from mfkg.files import atomic_write

        doc = {"data": str(Path(data).resolve()), "ontology": str(Path(ontology).resolve())}
        atomic_write(self.info, (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode("utf-8"))

    def read_info(self) -> BuildInfo:
        import json

        if not self.info.exists():
            return BuildInfo(PROJECT.data, PROJECT.ontology)
        doc = json.loads(self.info.read_text(encoding="utf-8"))
        return BuildInfo(Path(doc["data"]), Path(doc["ontology"]))


@dataclass(frozen=True)
class BuildInfo:
    data: Path
    ontology: Path


PROJECT = Project.locate()
DEFAULT_BUILD_DIR = Path(default_build_dir())
# the defaults every verb and function starts from (a --data / --ontology option overrides them)
DEFAULT_DATA = PROJECT.data
DEFAULT_ONTOLOGY = PROJECT.ontology
DEFAULT_SHAPES = PROJECT.shapes
DEFAULT_QUERIES = PROJECT.queries
HOME = PROJECT.root
