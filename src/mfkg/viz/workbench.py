"""The query workbench: a small editor (syntax highlighting, completion of prefixes, classes,
properties and entity names from the graph), the saved questions as a gallery, results as a table,
a bar chart for counts and a graph for CONSTRUCT answers, errors with line and column, and links
that carry the query in their fragment. One offline page; no third-party script.

Served by `mfkg serve` (where it runs queries) and written into the static site (where it edits,
shares and shows the saved questions; running needs the server).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from mfkg.namespaces import PREFIXES
from mfkg.viz.entity import json_for_script

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _prefixed(iri: str) -> str:
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            rest = iri[len(ns):]
            if rest and all(c.isalnum() or c in "-_." for c in rest):
                best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else f"<{iri}>"


def completion_data(store: Any) -> dict[str, Any]:
    """Prefixes, classes, properties and entity names the editor completes, read from the graph."""
    raw = getattr(store, "_store", store)

    def column(query: str) -> list[tuple[str, str]]:
        rows = raw.query(query, use_default_graph_as_union=True)
        return [(r[0].value, r[1].value if r[1] is not None else "") for r in rows]

    classes = column("SELECT DISTINCT ?c (SAMPLE(?l) AS ?lab) WHERE { { ?c a <http://www.w3.org/2002/07/owl#Class> } "
                     f"UNION {{ ?s a ?c }} OPTIONAL {{ ?c <{LABEL}> ?l }} FILTER(isIRI(?c)) }} GROUP BY ?c")
    props = column("SELECT DISTINCT ?p (SAMPLE(?l) AS ?lab) WHERE { ?s ?p ?o OPTIONAL { ?p <" + LABEL + "> ?l } } GROUP BY ?p")
    ents = column("SELECT ?e (SAMPLE(?l) AS ?lab) WHERE { ?e <" + LABEL + "> ?l ; a ?c "
                  "FILTER(STRSTARTS(STR(?e), \"https://w3id.org/mfkg/\") && !STRSTARTS(STR(?e), \"https://w3id.org/mfkg/vocab/\")) "
                  "} GROUP BY ?e")
    return {
        "prefixes": dict(sorted(PREFIXES.items())),
        "classes": sorted({(_prefixed(c), lab) for c, lab in classes}),
        "properties": sorted({(_prefixed(p), lab) for p, lab in props}),
        "entities": sorted({(_prefixed(e), lab) for e, lab in ents}, key=lambda x: x[1].lower()),
    }


def workbench_page(saved: Any, completion: dict[str, Any], *, endpoint: str | None, entity_link: str) -> str:
    """The page; `endpoint` None writes the static version (edit, share, browse; no run)."""
    gallery = []
    for q in saved.queries.values():
        text = q.text
        if q.params:
            from mfkg.query.store import RemoteStore

            text = RemoteStore.with_values(q.text, q.bindings({}))
        params = [{"name": p.name, "accepts": p.shown_type(), "default": p.default or "", "entity": bool(p.kinds)}
                  for p in q.params]
        gallery.append({"name": q.name, "title": q.title, "description": q.description, "text": text, "params": params})
    runs = endpoint.rsplit("/", 1)[0] + "/saved/" if endpoint else None   # saved questions run by name, values bound
    data = {"saved": gallery, "completion": completion, "endpoint": endpoint, "savedEndpoint": runs, "entityLink": entity_link,
            "prefixes": "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))}
    template = resources.files("mfkg.viz").joinpath("workbench.html").read_text(encoding="utf-8")
    return template.replace("__DATA__", json_for_script(data))
