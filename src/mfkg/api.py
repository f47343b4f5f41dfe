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

from mfkg.project import DEFAULT_BUILD_DIR, BuildFolder
from mfkg.query.terms import ResultTable, Term


@dataclass
class KnowledgeGraph:
    """A handle on the built graph: saved queries by name, ad-hoc SPARQL, labels."""

    store: Any
    build_dir: Path | None = None

    def query(self, name: str, **params: Any) -> ResultTable:
        """Run a saved query; keyword arguments are its parameters (bound as values)."""
        from mfkg.query.saved import SavedQueries, run_saved

        return run_saved(self.store, SavedQueries.load().get(name), {k: str(v) for k, v in params.items()})

    def sparql(self, text: str, **bindings: Any) -> ResultTable:
        """Run an ad-hoc SELECT; keyword arguments bind variables to literals (Term for IRIs)."""
        terms = {k: v if isinstance(v, Term) else Term.literal(v) for k, v in bindings.items()}
        table = self.store.select(text, terms)
        table.labels = self.store.labels(t.value for r in table.rows for t in r if t is not None and t.kind == "uri")
        return table

    def queries(self) -> list[str]:
        from mfkg.query.saved import SavedQueries

        return list(SavedQueries.load().queries)


def open(target: str | Path = DEFAULT_BUILD_DIR, *, data: Path | None = None, reason: bool = True) -> KnowledgeGraph:
    """Open the graph built in `target` (building and reasoning first if it is missing),
    or a remote SPARQL endpoint when `target` is an http(s) URL."""
    from mfkg.query.store import open_store

    t = str(target)
    if t.startswith(("http://", "https://")):
        return KnowledgeGraph(open_store(t))
    folder = BuildFolder(Path(t))
    if not folder.is_built():
        from mfkg.pipeline import run_pipeline

        run_pipeline(folder, data_dir=data, validate=False, reason=reason)
    return KnowledgeGraph(open_store(folder.path), folder.path)
