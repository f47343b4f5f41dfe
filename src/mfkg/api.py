"""The Python API: open the graph, run saved or ad-hoc queries, get rows.

>>> import mfkg
>>> kg = mfkg.open()                                            # doctest: +SKIP
>>> kg.query("models-min-cells", min_cells=100_000_000).dicts()[0]["model"]   # doctest: +SKIP
'https://w3id.org/mfkg/model/scprint-2'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .paths import DEFAULT_BUILD_DIR, DEFAULT_DATA
from .terms import ResultTable, Term


@dataclass
class KnowledgeGraph:
    """A handle on the built graph: saved queries by name, ad-hoc SPARQL, labels."""

    store: Any
    build_dir: Path | None = None

    def query(self, name: str, **params: Any) -> ResultTable:
        """Run a saved query; keyword arguments are its parameters (bound as values)."""
        from .queries import Catalogue, run_saved

        return run_saved(self.store, Catalogue.load().get(name), {k: str(v) for k, v in params.items()})

    def sparql(self, text: str, **bindings: Any) -> ResultTable:
        """Run an ad-hoc SELECT; keyword arguments bind variables to literals (Term for IRIs)."""
        terms = {k: v if isinstance(v, Term) else Term.literal(v) for k, v in bindings.items()}
        table = self.store.select(text, terms)
        table.labels = self.store.labels(t.value for r in table.rows for t in r if t is not None and t.kind == "uri")
        return table

    def queries(self) -> list[str]:
        from .queries import Catalogue

        return list(Catalogue.load().queries)


def open(target: str | Path = DEFAULT_BUILD_DIR, *, data: Path = DEFAULT_DATA, reason: bool = True) -> KnowledgeGraph:  # noqa: A001
    """Open the graph built in `target` (building and reasoning first if it is missing),
    or a remote SPARQL endpoint when `target` is an http(s) URL."""
    from .store import open_store

    t = str(target)
    if t.startswith(("http://", "https://")):
        return KnowledgeGraph(open_store(t))
    build_dir = Path(t)
    if not (build_dir / "mfkg.ttl").exists():
        from .build import build

        build(data, build_dir / "mfkg.ttl")
        if reason:
            from .reason import run_reasoner

            run_reasoner(build_dir / "mfkg.ttl", build_dir / "mfkg-inferred.ttl")
    return KnowledgeGraph(open_store(build_dir), build_dir)
