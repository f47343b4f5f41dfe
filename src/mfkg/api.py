"""The Python API: open the graph, run saved or ad-hoc queries, get rows.

>>> import mfkg
>>> kg = mfkg.open()                                            # doctest: +SKIP
>>> kg.query("models-min-cells", min_cells=100_000_000).dicts()[0]["model"]   # doctest: +SKIP
'https://w3id.org/mfkg/model/scprint-2'
>>> kg.query("model-lineage", model="ESM 2").df()                                # doctest: +SKIP
>>> kg.resolve("esm2"), kg.ask("models trained on more than 30 million cells")   # doctest: +SKIP

Rows carry labels beside IRIs (`model` and `model_label` in `.dicts()` and `.df()`), as the CLI shows.
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
        from mfkg.query.diagnose import run_explained
        from mfkg.query.saved import SavedQueries

        return run_explained(self.store, SavedQueries.load().get(name), {k: str(v) for k, v in params.items()})

    def sparql(self, text: str, **bindings: Any) -> ResultTable:
        """Run an ad-hoc SELECT (the CLI's prefixes predeclared); keyword arguments bind variables to
        literals (Term for IRIs). Warnings about undeclared terms are in the result's `notes`."""
        from mfkg.query.adhoc import check_sparql, run_sparql

        terms = {k: v if isinstance(v, Term) else Term.literal(v) for k, v in bindings.items()}
        warnings = check_sparql(self.store, text)
        table = run_sparql(self.store, text, terms)
        table.notes = warnings + table.notes
        return table

    def resolve(self, name: str, kind: str | None = None) -> str:
        """The IRI of the entity called `name` (id, label, alias or variant name; any case or punctuation)."""
        from mfkg.query.resolve import resolve

        return resolve(self.store, name, kind)

    def ask(self, question: str) -> ResultTable:
        """Answer a question in plain words with the saved question it routes to (see `mfkg ask`);
        the routing is the first of the result's `notes`."""
        from mfkg.errors import MfkgError
        from mfkg.query.diagnose import run_explained
        from mfkg.query.resolve import index_for
        from mfkg.query.route import Router
        from mfkg.query.saved import SavedQueries

        routing = Router(SavedQueries.load(), index_for(self.store)).route(question)
        if routing.verb is not None and routing.verb.verb == "recommend" and routing.best is not None:
            from mfkg.query.recommend import recommend

            values = routing.best.values
            table, notes = recommend(self.store, values["have"].split(), values.get("goal", ""))
            table.notes[:0] = [routing.verb.explain(), *notes]
            return table
        if routing.verb is not None and routing.best is None:
            raise MfkgError(f"{routing.verb.explain()}; that verb runs on the command line")
        if routing.best is None:
            raise MfkgError(routing.closest_text().replace("\n", " "))
        if routing.best.query.form != "SELECT":
            raise MfkgError(f"{routing.best.explain()}, which builds a graph; run it with 'mfkg query run'")
        table = run_explained(self.store, routing.best.query, routing.best.values)
        table.notes.insert(0, routing.verb.explain() if routing.verb else routing.best.explain())
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
