"""`mfkg validate`: schema -> references -> SHACL -> violation queries -> reasoner, one report.

Each finding names the record (file and line where it can be traced), the field and the fix.
Exit status: 0 when there is no violation, 1 when there is one (warnings and infos never fail).
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mfkg.gcpolicy import bulk
from mfkg.project import DEFAULT_DATA, DEFAULT_ONTOLOGY, DEFAULT_QUERIES, DEFAULT_SHAPES
from mfkg.validation.findings import SEVERITIES, Finding, Report

__all__ = ["SEVERITIES", "Finding", "Report", "render", "schema_report", "validate", "validate_graph"]

if TYPE_CHECKING:   # imported where used: a reused report needs neither the loader nor rdflib
    from rdflib import Graph

    from mfkg.curation.load import Records
    from mfkg.errors import Problem
    from mfkg.rdf.serialise import GraphText

SH = "http://www.w3.org/ns/shacl#"
BASE = "https://w3id.org/mfkg/"   # mfkg.namespaces.BASE, which imports rdflib (checked by a test)


class _Locator:
    """Maps an IRI of the graph back to the YAML record (and line) it came from."""

    def __init__(self, catalog: Records):
        from mfkg.namespaces import entity_iri

        self.records: dict[str, tuple[str, int, Any]] = {}
        for loaded in catalog:
            if loaded.kind.entity and loaded.id:
                iri = str(entity_iri(loaded.kind.name, loaded.id))
                self.records[iri] = (loaded.doc.file, loaded.line("id"), loaded)

    def locate(self, iri: str) -> tuple[str, int, str]:
        probe = iri
        while probe.startswith(BASE):
            if probe in self.records:
                file, line, loaded = self.records[probe]
                rest = iri[len(probe):].strip("/")
                if rest:   # a nested node: claim/<id>, usage/<modality>, …
                    line = _nested_line(loaded, rest) or line
                return file, line, rest
            probe = probe.rsplit("/", 1)[0]
        return "", 0, ""


def _nested_line(loaded: Any, rest: str) -> int:
    segment, _, key = rest.partition("/")
    field_name = {"claim": "claims", "usage": "modalities", "equation": "equations",
                  "mitigation": "mitigations", "data": "available_data", "evidence": "evidence"}.get(segment)
    items = getattr(loaded.record, field_name, None) if field_name else None
    if not items:
        return 0
    for i, item in enumerate(items):
        ident = getattr(item, "id", None) or getattr(item, "modality", None) or str(i + 1)
        if ident == key:
            return loaded.line(field_name, i)
    return 0


def _short(iri: str) -> str:
    return iri.replace(BASE, "") if iri.startswith(BASE) else iri


def _problems_to_findings(problems: list[Problem]) -> list[Finding]:
    return [Finding(p.severity, "schema", p.file, p.field, p.message, p.fix, p.file, p.line) for p in problems]


def schema_report(problems: list[Problem]) -> Report:
    """A report holding the loader's problems, for the later stages to add to."""
    return Report(findings=_problems_to_findings(problems))


def _shacl_results(graph: Graph, shapes: Path, focus: list[Any] | None = None) -> list[tuple[str, str, str | None, str]]:
    """SHACL's results as (focus, severity, path, message), in a stable order; on the `focus` nodes
    only when it is given (and not empty)."""
    import pyshacl
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF

    shapes_graph = Graph().parse(shapes, format="turtle")
    if not graph.store.context_aware:   # pyshacl wraps the data in a ConjunctiveGraph: mfkg's graphs have no contexts
        copied = Graph()
        copied += graph
        graph = copied
    # inplace: no inference runs, so the data graph is not changed and need not be copied for that
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph, inference="none", inplace=True,
                                     abort_on_first=False, allow_warnings=True, advanced=True,
                                     focus_nodes=focus or None)
    out: list[tuple[str, str, str | None, str]] = []
    for result in sorted(results.subjects(RDF.type, URIRef(SH + "ValidationResult")), key=str):
        def val(p: str) -> Any:
            return results.value(result, URIRef(SH + p))

        path = val("resultPath")
        message = str(val("resultMessage") or "does not conform to its shape")
        value = val("value")
        if value is not None:
            message += f" (value: {_short(str(value))})"
        out.append((str(val("focusNode")), str(val("resultSeverity")).rsplit("#", 1)[-1].lower(),
                    None if path is None else _path_text(results, path), message))
    return sorted(out, key=lambda r: (r[0], r[2] or "", r[3], r[1]))


def _path_text(results: Graph, path: Any) -> str:
    """A result's path as text: a property's IRI, or alternatives as IRIs joined by '|' (a blank
    node's own label changes from run to run, so it is never shown)."""
    from rdflib import BNode, URIRef

    if isinstance(path, BNode):
        alternatives = results.value(path, URIRef(SH + "alternativePath"))
        if alternatives is not None:
            return "|".join(str(item) for item in results.items(alternatives))
        return "(a path)"
    return str(path)


def _cached(kind: str, graph_key: str, inputs: list[Path], compute: Any) -> Any:
    """`compute()`, or its answer from the user's cache for the same graph and input files."""
    from mfkg.curation.filecache import user_cache

    cache = user_cache("validation")
    key = cache.key(kind, graph_key, *(p.name.encode() + p.read_bytes() for p in inputs)) if cache and graph_key else ""
    hit = cache.get(key) if cache and key else None
    if hit is None:
        hit = compute()
        if cache and key:
            cache.put(key, hit)
    return hit


def run_shacl(graph: Graph, shapes: Path, locator: _Locator, lines: Any = None,
              report: Report | None = None) -> list[Finding]:
    """SHACL's findings. With `lines` (the graph's lines, see `validate_graph`) and the user's cache,
    only the focus nodes a change since the last run on the same data folder can reach are checked
    again (`shacl_delta`); the others keep their results. Shapes within `shacl_core`'s subset (all of
    ontology/shapes.ttl) are checked there instead of by pyshacl, in a tenth of the time, whole."""
    from rdflib import Graph as RdfGraph

    from mfkg.validation import shacl_core

    compiled = shacl_core.compile_shapes(RdfGraph().parse(shapes, format="turtle"))
    if compiled is not None:
        results = shacl_core.check(graph, compiled)
        if report is not None:
            report.stats["shacl_engine"] = "mfkg"
    elif lines is None:
        results = _shacl_results(graph, shapes)
    else:
        from mfkg.curation.filecache import user_cache
        from mfkg.validation.report_cache import _source_fingerprint
        from mfkg.validation.shacl_delta import shacl_results

        plain, bnodes, place = lines
        results, rechecked = shacl_results(graph, plain, bnodes, shapes=Path(shapes), cache=user_cache("validation"),
                                           place=place, full=lambda focus: _shacl_results(graph, shapes, focus),
                                           fingerprint=_source_fingerprint())
        if report is not None:
            report.stats["shacl_rechecked"] = "all" if rechecked is None else rechecked
    out: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for focus, severity, path, message in results:
        key = (focus, str(path), message)
        if key in seen:   # one finding per failed constraint message (datatype and range fail together)
            continue
        seen.add(key)
        file, line, nested = locator.locate(focus)
        named = "|".join(_short(part).split("/")[-1] for part in path.split("|")) if path is not None else ""
        fieldname = (nested + " " if nested else "") + named
        out.append(Finding(severity if severity in SEVERITIES else "violation", "shacl", _short(focus),
                           fieldname.strip(), message, "correct the record so it meets the shape in ontology/shapes.ttl",
                           file, line))
    return out


def _check_rows(graph: Graph, queries_dir: Path, ntriples: bytes | None = None) -> list[tuple[str, str, str | None]]:
    """Every violation query's rows as (check name, focus, message); `ntriples`: the graph as
    N-Triples when the caller has them already."""
    from mfkg.query.saved import SavedQueries
    from mfkg.query.store import MemoryStore

    store = MemoryStore(ntriples) if ntriples is not None else MemoryStore.from_graph(graph)
    out: list = []
    for check in SavedQueries(Path(queries_dir)).checks():
        table = store.select(check.text)
        for row in table.rows:
            values = dict(zip(table.variables, row))
            focus, message = values.get("focus"), values.get("message")
            out.append((check.name, focus.value if focus is not None else "",
                        message.value if message is not None else None))
    return out


def run_checks(graph: Graph, queries_dir: Path, locator: _Locator, graph_key: str = "",
               ntriples: Any = None) -> list[Finding]:
    """The violation queries' findings; `ntriples()`, when given, gives the graph as N-Triples."""
    from mfkg.query.saved import SavedQueries

    checks = {c.name: c for c in SavedQueries(Path(queries_dir)).checks()}
    files = sorted((Path(queries_dir) / "checks").glob("*")) if (Path(queries_dir) / "checks").is_dir() else []
    rows = _cached("checks", graph_key, [p for p in files if p.is_file()],
                   lambda: _check_rows(graph, queries_dir, ntriples() if ntriples is not None else None))
    out: list[Finding] = []
    for name, focus_s, message in rows:
        check = checks[name]
        file, line, _ = locator.locate(focus_s)
        out.append(Finding(check.severity, f"check:{check.name}", _short(focus_s), "",
                           message if message is not None else check.title, check.description, file, line))
    return out


def _inconsistency_culprits(graph: Graph) -> list[str]:
    """Name the records behind an inconsistency, using the disjointness and functional-property checks."""
    from mfkg.query.saved import parse_query_file
    from mfkg.query.store import MemoryStore

    store = MemoryStore.from_graph(graph)
    out = []
    for name in ("disjoint-types", "functional-property-violations"):
        q = parse_query_file(DEFAULT_QUERIES / "checks" / f"{name}.rq")
        for focus, message in store.select(q.text).rows:
            if focus is not None and message is not None:
                out.append(f"{_short(focus.value)} {message.value}")
    return sorted(out)


def run_reasoner_stage(graph: Graph) -> tuple[list[Finding], Any]:
    from mfkg.rdf.reason import reason

    result = reason(graph)
    return reasoner_findings(graph, result), result


def reasoner_findings(graph: Graph, result: Any) -> list[Finding]:
    """The reasoner's answer as findings: an inconsistency (naming its records) and unsatisfiable classes."""
    findings: list[Finding] = []
    if not result.consistent:
        culprits = _inconsistency_culprits(graph)
        named = "; ".join(culprits[:5]) if culprits else "no single record could be named"
        findings.append(Finding("violation", "reasoner", "ontology+data", "",
                                f"the ontology and data are logically inconsistent ({named})",
                                "give each record one kind and each functional property one value"))
    for cls in result.unsatisfiable:
        findings.append(Finding("violation", "reasoner", _short(cls), "", "the class is unsatisfiable (it can have no members)",
                                "fix its definition in ontology/mfkg.ttl"))
    return findings


@bulk
def validate(data_dir: Path = DEFAULT_DATA, *, ontology: Path = DEFAULT_ONTOLOGY, shapes: Path = DEFAULT_SHAPES,
             queries_dir: Path = DEFAULT_QUERIES, reasoner: bool = True) -> Report:
    """Load, compile and check the data in `data_dir` (every stage, one report). A report made before
    from the same inputs (every file's bytes, the code) is reused from the user's cache."""
    from mfkg.validation import report_cache

    t = time.perf_counter()
    key = report_cache.inputs_key(Path(data_dir), ontology, shapes, queries_dir, reasoner)
    saved = report_cache.reused_report(key, t)
    if saved is not None:
        return saved
    report = _validate(data_dir, ontology=ontology, shapes=shapes, queries_dir=queries_dir, reasoner=reasoner)
    report_cache.keep_report(key, report)
    return report


def _validate(data_dir: Path, *, ontology: Path, shapes: Path, queries_dir: Path, reasoner: bool) -> Report:
    from mfkg.curation.filecache import user_cache
    from mfkg.curation.load import load_catalog
    from mfkg.rdf.reason import reason_while_building
    from mfkg.rdf.triples import StagedBuild

    report = Report()
    t = time.perf_counter()
    # each file's parsed and checked records are reused while its bytes are unchanged (see curation.filecache)
    catalog, problems = load_catalog(Path(data_dir), user_cache("records"))
    report.timings["schema+references"] = time.perf_counter() - t
    report.findings += _problems_to_findings(problems)
    if any(p.severity == "violation" for p in problems):
        return report   # the graph cannot be trusted until the records load
    t = time.perf_counter()
    staged = StagedBuild(catalog, ontology)   # HermiT starts on the records it reads, compiled first
    pending = reason_while_building(staged, reasoner)
    report.timings["graph"] = time.perf_counter() - t
    return validate_graph(catalog, staged.graph, shapes=shapes, queries_dir=queries_dir, reasoner=reasoner,
                          report=report, reasoning=pending)


@bulk
def validate_graph(catalog: Any, graph: Graph, *, shapes: Path = DEFAULT_SHAPES, queries_dir: Path = DEFAULT_QUERIES,
                   reasoner: bool = True, report: Report | None = None, reasoning: Any = None,
                   text: GraphText | None = None) -> Report:
    """Check a compiled graph: SHACL shapes, violation queries and (at the same time) the OWL reasoner.

    `reasoning` is a reasoner already started on `graph` (`rdf.reason.Reasoning`); without it and
    with `reasoner`, one is started here. HermiT runs in a child process on the other core while
    SHACL and the checks run here; its findings are added after theirs, so the report is stable.
    The child is ended on every way out of here. `text`: the graph's `rdf.serialise.GraphText`, when
    the caller has it (made here otherwise)."""
    from mfkg.rdf import serialise
    from mfkg.rdf.reason import Reasoning

    text = text if text is not None else serialise.GraphText(graph)
    report = report or Report()
    report.stats["triples"] = len(text)
    locator = _Locator(catalog)
    t_reason = time.perf_counter()
    pending = reasoning if reasoning is not None else Reasoning(graph, text=text) if reasoner else None
    try:
        from mfkg.curation.filecache import user_cache

        graph_key, lines = "", None
        ntriples = text.ntriples   # for the checks' store
        if user_cache("validation") is not None:   # the checks' (and pyshacl's) answers are kept by what the graph states
            from mfkg.rdf.serialise import graph_lines, lines_digest

            t = time.perf_counter()
            plain, bnode_lines, _ = graph_lines(graph, text)
            graph_key = lines_digest(plain, bnode_lines)
            place = str(Path(catalog.data_dir).resolve()) if getattr(catalog, "data_dir", None) else ""
            lines = (plain, lines_digest([], bnode_lines), place)
            report.timings["graph digest"] = time.perf_counter() - t
        t = time.perf_counter()
        from mfkg.validation.latex import latex_findings

        report.findings += latex_findings(catalog)
        report.findings += run_shacl(graph, shapes, locator, lines, report)
        report.timings["shacl"] = time.perf_counter() - t
        t = time.perf_counter()
        report.findings += run_checks(graph, queries_dir, locator, graph_key, ntriples)
        report.timings["checks"] = time.perf_counter() - t
        if pending is not None:
            t = time.perf_counter()
            result = pending.result()
            report.findings += reasoner_findings(graph, result)
            report.stats["inferred"] = len(result.inferred)
            report.stats["memberships"] = result.memberships
            report.inferred = result.inferred if result.consistent else None
            report.timings["reasoner"] = result.seconds
            report.timings["reasoner (waited for)"] = time.perf_counter() - t
            report.timings["reasoner (wall, in parallel)"] = time.perf_counter() - t_reason
    finally:
        if pending is not None:
            pending.stop()
    return report


# ---------------------------------------------------------------------------- rendering
def _rows(report: Report) -> list[dict[str, Any]]:
    return [asdict(f) for f in report.sorted()]


def render(report: Report, fmt: str = "table", *, limit_info: int | None = 10) -> str:
    if fmt == "json":
        return json.dumps({"ok": report.ok, "counts": {s: report.count(s) for s in SEVERITIES},
                           "timings_s": {k: round(v, 3) for k, v in report.timings.items()},
                           "stats": report.stats, "findings": _rows(report)}, indent=1, ensure_ascii=False) + "\n"
    if fmt == "tsv":
        cols = ["severity", "stage", "file", "line", "focus", "field", "message", "fix"]
        lines = ["\t".join(cols)]
        for r in _rows(report):
            lines.append("\t".join(str(r[c]).replace("\t", " ").replace("\n", " ") for c in cols))
        return "\n".join(lines) + "\n"
    out: list[str] = []
    md = fmt == "md"
    for sev in SEVERITIES:
        items = [f for f in report.sorted() if f.severity == sev]
        if not items:
            continue
        out.append(f"## {sev}s ({len(items)})" if md else f"{sev.upper()}S ({len(items)})")
        shown = items if (sev != "info" or limit_info is None) else items[:limit_info]
        for f in shown:
            where = f"{f.file}:{f.line}" if f.file and f.line else (f.file or f.focus)
            field = f" [{f.field}]" if f.field else ""
            text = f"{where}{field} ({f.stage}): {f.focus + ' ' if f.focus and f.focus != f.file else ''}{f.message}"
            if f.fix and sev == "violation":
                text += f" — fix: {f.fix}"
            out.append(f"- {text}" if md else f"  {text}")
        if len(shown) < len(items):
            out.append(f"  … {len(items) - len(shown)} more (use --format json or tsv for all)")
    timing = ", ".join(f"{k} {v:.2f}s" for k, v in report.timings.items())
    summary = (f"{'ok' if report.ok else 'FAILED'}: {report.count('violation')} violations, "
               f"{report.count('warning')} warnings, {report.count('info')} infos ({timing})")
    out.append(summary)
    return "\n".join(out) + "\n"
