"""Saved questions run by name on the endpoint: `/saved/NAME?PARAM=VALUE…`, the query page's
parameter fields.

Every entity parameter goes through the one resolver (`query.resolve`) exactly as on the command
line, so "ESM-2", "esm2" and "ESM 2" name the same model; an ambiguous name answers 400 with the
candidates, an unknown one 400 with "did you mean". Text and number parameters are bound as plain
values. Values are always bound engine-side (substitutions), never written into the query text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from mfkg.query.saved import SavedQueries, SavedQuery, make_resolver, needs_resolver
from mfkg.query.store import EmbeddedStore, Source
from mfkg.query.terms import QueryError, Term
from mfkg.serve.guard import Limits, Refused, check_query

GRAPH_FORMS = ("construct", "describe")


class OpenStore(EmbeddedStore):
    """The mfkg store interface (select, labels, the resolver's index) over a store already open."""

    def __init__(self, store: Any):
        self._store = store
        self.sources: list[Source] = []


@dataclass(frozen=True)
class SavedRun:
    """A saved question ready to run: its checked text, its values as RDF terms, the columns to drop."""

    query: SavedQuery
    text: str
    form: str
    capped: bool
    bindings: dict[str, Term]

    @property
    def key(self) -> str:
        """What the answer cache knows this run by: the query and its bound values."""
        values = sorted((k, v.kind, v.value, v.datatype or "", v.lang or "") for k, v in self.bindings.items())
        return f"saved:{self.query.name}:{json.dumps(values)}"


class SavedRunner:
    """The catalogue of saved questions and the resolver for their entity parameters."""

    def __init__(self, store: Any, catalogue: SavedQueries | None = None):
        self.store = OpenStore(store)
        self.catalogue = catalogue or SavedQueries.load()

    def listing(self) -> bytes:
        """The saved questions and their parameters, as the query page and clients read them."""
        return json.dumps([q.describe() for q in self.catalogue.queries.values()], ensure_ascii=False).encode("utf-8")

    def prepare(self, name: str, values: dict[str, str], limits: Limits) -> SavedRun:
        """Resolve the names and bind the values; a name that fits no or several entities is refused (400)."""
        try:
            query = self.catalogue.get(name)
        except QueryError as exc:   # no such saved question: did you mean …
            raise Refused(404, str(exc)) from None
        try:
            bindings = query.bindings(values, make_resolver(self.store) if needs_resolver(query) else None)
        except QueryError as exc:
            raise Refused(400, str(exc)) from None
        checked = check_query(query.text, limits)
        return SavedRun(query, checked.text, checked.form, checked.capped, bindings)


def drop_parameter_columns(body: bytes, names: list[str]) -> bytes:
    """A SPARQL JSON answer without the parameter columns (projected only so the values can be bound)."""
    data = json.loads(body)
    head = data.get("head", {})
    if not names or "vars" not in head:
        return body
    head["vars"] = [v for v in head["vars"] if v not in names]
    for row in data.get("results", {}).get("bindings", []):
        for n in names:
            row.pop(n, None)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


__all__ = ["GRAPH_FORMS", "OpenStore", "SavedRun", "SavedRunner", "drop_parameter_columns"]
