"""Engine-neutral RDF terms and result tables (the shape of SPARQL 1.1 JSON results).

The embedded store, a remote endpoint and the Cypher engine all return `ResultTable`s, so
formatting, comparison and tests do not care where an answer came from.
"""

from __future__ import annotations

from mfkg.errors import MfkgError
from mfkg.frozen import FrozenRecord

TYPE_CHECKING = False   # `typing` is not imported at run time: the console script's quick path uses this module
if TYPE_CHECKING:
    from typing import Any

_set = object.__setattr__

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class QueryError(MfkgError):
    """A query, its parameters or a name given for an entity is wrong."""


class Term(FrozenRecord):
    """An RDF term: kind is 'uri', 'literal' or 'bnode'. Immutable; equal, hashed and ordered by
    (kind, value, datatype, lang)."""

    __slots__ = ("kind", "value", "datatype", "lang")
    kind: str
    value: str
    datatype: str | None
    lang: str | None

    def __init__(self, kind: str, value: str, datatype: str | None = None, lang: str | None = None) -> None:
        _set(self, "kind", kind)   # on the hot path of every result cell: no loop
        _set(self, "value", value)
        _set(self, "datatype", datatype)
        _set(self, "lang", lang)

    def _fields(self) -> tuple[object, ...]:
        return (self.kind, self.value, self.datatype, self.lang)

    @staticmethod
    def uri(value: str) -> Term:
        return Term("uri", value)

    @staticmethod
    def literal(value: Any, datatype: str | None = None, lang: str | None = None) -> Term:
        if lang:
            return Term("literal", str(value), None, lang)
        if datatype is None:
            if isinstance(value, bool):
                return Term("literal", "true" if value else "false", XSD + "boolean")
            if isinstance(value, int):
                return Term("literal", str(value), XSD + "integer")
            if isinstance(value, float):
                return Term("literal", repr(value), XSD + "decimal")
        if datatype == XSD + "string":
            datatype = None
        return Term("literal", str(value), datatype)

    def python(self) -> Any:
        """The value as Python: int, float, bool or str (IRIs stay strings)."""
        if self.kind != "literal" or not self.datatype:
            return self.value
        local = self.datatype.removeprefix(XSD)
        try:
            if local in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger", "short"):
                return int(self.value)
            if local in ("decimal", "double", "float"):
                return float(self.value)
        except ValueError:
            return self.value
        if local == "boolean":
            return self.value in ("true", "1")
        return self.value

    def n3(self) -> str:
        """N-Triples syntax, escaped; safe to place in query text as a constant."""
        if self.kind == "uri":
            return f"<{_escape_iri(self.value)}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        text = '"' + _escape_literal(self.value) + '"'
        if self.lang:
            return f"{text}@{self.lang}"
        if self.datatype:
            return f"{text}^^<{_escape_iri(self.datatype)}>"
        return text

    def to_json(self) -> dict[str, str]:
        if self.kind == "uri":
            return {"type": "uri", "value": self.value}
        if self.kind == "bnode":
            return {"type": "bnode", "value": self.value}
        out = {"type": "literal", "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype:
            out["datatype"] = self.datatype
        return out

    @staticmethod
    def from_json(obj: dict[str, str]) -> Term:
        typ = obj.get("type")
        if typ == "uri":
            return Term.uri(obj["value"])
        if typ == "bnode":
            return Term("bnode", obj["value"])
        lang = obj.get("xml:lang")
        dt = obj.get("datatype")
        if dt == XSD + "string" or dt == RDF_LANGSTRING:
            dt = None
        value = obj["value"]
        if dt == XSD + "boolean" and value in ("1", "0"):
            value = "true" if value == "1" else "false"   # Virtuoso writes booleans as 1/0; canonical form
        return Term("literal", value, dt, lang)   # 'typed-literal' (Virtuoso) lands here too


def _escape_literal(s: str) -> str:
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def _escape_iri(s: str) -> str:
    bad = set('<>"{}|^`\\ ')
    return "".join(f"\\u{ord(c):04X}" if c in bad or ord(c) <= 0x20 else c for c in s)


class ResultTable:
    """SELECT results: variable names and rows of terms (None = unbound); `labels` maps IRIs to the
    labels shown for them, `notes` says what a reader should know (why no rows, …)."""

    def __init__(self, variables: list[str], rows: list[tuple[Term | None, ...]] | None = None,
                 labels: dict[str, str] | None = None, notes: list[str] | None = None) -> None:
        self.variables = variables
        self.rows = [] if rows is None else rows
        self.labels = {} if labels is None else labels
        self.notes = [] if notes is None else notes

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.variables, self.rows, self.labels, self.notes) == (
            other.variables, other.rows, other.labels, other.notes)  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"ResultTable(variables={self.variables!r}, rows={self.rows!r}, labels={self.labels!r}, "
                f"notes={self.notes!r})")

    def __len__(self) -> int:
        return len(self.rows)

    def to_json(self) -> dict[str, Any]:
        """SPARQL 1.1 Query Results JSON."""
        bindings = []
        for row in self.rows:
            bindings.append({v: t.to_json() for v, t in zip(self.variables, row) if t is not None})
        return {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}

    def display(self, term: Term | None) -> str:
        if term is None:
            return ""
        if term.kind == "uri":
            return self.labels.get(term.value, term.value)
        return term.value

    def display_rows(self) -> list[tuple[str, ...]]:
        return [tuple(self.display(t) for t in row) for row in self.rows]

    def with_rank(self, group: str) -> "ResultTable":
        """The same rows with a first column `rank`: 1, 2, … restarting whenever `group` changes
        (the rows must already be in rank order).

        >>> t = ResultTable(["metric", "v"], [(Term.literal("a"), Term.literal(1)), (Term.literal("a"), Term.literal(2)),
        ...                                  (Term.literal("b"), Term.literal(3))])
        >>> [r[0].value for r in t.with_rank("metric").rows]
        ['1', '2', '1']
        """
        i = self.variables.index(group)
        rows, previous, n = [], object(), 0
        for row in self.rows:
            n = n + 1 if row[i] == previous else 1
            previous = row[i]
            rows.append((Term.literal(n), *row))
        return ResultTable(["rank", *self.variables], rows, self.labels)

    def dicts(self, labels: bool = True) -> list[dict[str, Any]]:
        """Rows as dicts of Python values (IRIs as strings); beside each IRI column `x` whose IRIs
        have labels, `x_label` holds the label the CLI shows.

        >>> t = ResultTable(["m", "n"], [(Term.uri("urn:a"), Term.literal(3))], {"urn:a": "A"})
        >>> t.dicts()
        [{'m': 'urn:a', 'm_label': 'A', 'n': 3}]
        """
        labelled = {v for i, v in enumerate(self.variables)
                    if labels and any(r[i] is not None and r[i].kind == "uri" and r[i].value in self.labels
                                      for r in self.rows)} - {f"{v}_label" for v in self.variables}
        out = []
        for row in self.rows:
            d: dict[str, Any] = {}
            for v, t in zip(self.variables, row):
                d[v] = t.python() if t is not None else None
                if v in labelled:
                    d[f"{v}_label"] = self.labels.get(t.value) if t is not None and t.kind == "uri" else None
            out.append(d)
        return out

    def df(self, labels: bool = True) -> Any:
        """The rows as a pandas DataFrame (pandas is imported only here; `pip install 'mfkg[dataframe]'`)."""
        try:
            import pandas as pd
        except ImportError:
            raise MfkgError("pandas is not installed; install it with pip install 'mfkg[dataframe]' "
                            "(or use .dicts())") from None
        columns = list(self.dicts(labels)[0]) if self.rows else list(self.variables)
        return pd.DataFrame(self.dicts(labels), columns=columns)


def drop_columns(table: ResultTable, names: list[str]) -> ResultTable:
    """Remove parameter columns: parameters are projected only so the engine can substitute them."""
    keep = [i for i, v in enumerate(table.variables) if v not in names]
    if len(keep) == len(table.variables):
        return table
    return ResultTable([table.variables[i] for i in keep],
                       [tuple(row[i] for i in keep) for row in table.rows], table.labels)
