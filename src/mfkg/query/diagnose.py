"""Why a saved query answered nothing: which of the values given matched nothing.

Each value the user gave is put back to its default, one at a time; a value whose default
brings rows back is one that matched nothing. Entity values are resolved first, so a name that
does not exist is already an error with "did you mean"."""

from __future__ import annotations

from typing import Any

from mfkg.query.saved import SavedQuery, drop_columns, make_resolver, needs_resolver


def why_empty(store: Any, query: SavedQuery, values: dict[str, str], *, inferred: bool = True) -> list[str]:
    """Sentences naming the parameter values that matched nothing (empty if it cannot tell)."""
    given = {k: v for k, v in values.items() if any(p.name == k for p in query.params)}
    if not given or query.form != "SELECT":
        return []
    resolver = make_resolver(store) if needs_resolver(query) else None
    notes = []
    for name, value in given.items():
        param = next(p for p in query.params if p.name == name)
        if param.default is None or param.default == value:
            continue
        trial = {**given, name: param.default}
        table = drop_columns(store.select(query.text, query.bindings(trial, resolver), inferred=inferred),
                             [p.name for p in query.params])
        if table.rows:
            kind = "text" if param.is_text else param.type
            notes.append(f"{name} = {value!r} matched nothing (with its default {param.default!r} the query answers "
                         f"{len(table.rows)} row{'s' if len(table.rows) != 1 else ''}); {name} is {kind}: "
                         f"{param.description}")
    if not notes:
        shown = ", ".join(f"{k} = {v!r}" for k, v in given.items())
        notes.append(f"nothing matches {shown} together; 'mfkg query show {query.name}' shows what each parameter takes")
    return notes


def run_explained(store: Any, query: SavedQuery, values: dict[str, str] | None = None, *,
                  inferred: bool = True) -> Any:
    """`run_saved`, with `notes` saying which values matched nothing when there are no rows."""
    from mfkg.query.saved import run_saved

    table = run_saved(store, query, values, inferred=inferred)
    if not table.rows and values:
        table.notes += why_empty(store, query, values, inferred=inferred)
    return table
