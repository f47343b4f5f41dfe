"""The query workbench: a CodeMirror 6 editor with the SPARQL mode (syntax highlighting, completion
of prefixes, classes, properties and entity names from the graph), the saved questions as a
gallery, results as a table, a bar chart for counts and a graph for CONSTRUCT answers, errors with
line and column, and links that carry the query in their fragment. One offline page.

The editor and the engine are third-party JavaScript from npm, bundled at install time by
`make setup` (web/build.mjs) into `mfkg/viz/vendor/`, which is not committed. When the bundle is
missing the page still works with a plain text box and says so.

Served by `mfkg serve` (queries go to its endpoint) and written into the static site, where queries
run in the page: Oxigraph's WebAssembly build over the graph written beside it (`workbench/`),
loaded on the first run.

A saved question with parameters gets a field per parameter: the served page sends them to the
endpoint's `/saved/NAME`, which resolves entity names and binds the values; the static copy, with no
server to resolve names, runs the defaults written into the query's VALUES line and says so.
"""

from __future__ import annotations

import base64
import gzip
import re
from importlib import resources
from pathlib import Path
from typing import Any

from mfkg.namespaces import PREFIXES
from mfkg.viz.entity import json_for_script

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
CSP_SERVED = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:"
# the static copy also loads its engine and graph scripts from beside it and compiles WebAssembly
CSP_STATIC = ("default-src 'none'; script-src 'unsafe-inline' 'self' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; "
              "img-src data:")
LOCAL_ENGINE = "workbench/engine.js"
LOCAL_GRAPH = "workbench/graph.js"


def vendor_script(name: str) -> str | None:
    """A bundled third-party script (`editor.js`, `engine.js`), or None when `make setup` has not built it."""
    path = resources.files("mfkg.viz").joinpath("vendor", name)
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None


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
        "entities": sorted({(_prefixed(e), lab) for e, lab in ents}, key=lambda x: (x[1].lower(), x)),   # ties by name: the same bytes every run
    }


def workbench_page(saved: Any, completion: dict[str, Any], *, endpoint: str | None, entity_link: str,
                   local: bool = False, max_rows: int = 10_000) -> str:
    """The page; `endpoint` None writes the static version, which runs queries in the page when
    `local` (the engine and graph scripts are written beside it by `write_local_engine`)."""
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
            "local": {"engine": LOCAL_ENGINE, "graph": LOCAL_GRAPH} if local and endpoint is None else None,
            "maxRows": max_rows, "prefixes": "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))}
    editor = vendor_script("editor.js")
    parts = {"__DATA__": json_for_script(data), "__CSP__": CSP_SERVED if endpoint else CSP_STATIC,
             "__EDITOR__": "" if editor is None else "<script>" + editor.replace("</script", "<\\/script") + "</script>"}
    template = resources.files("mfkg.viz").joinpath("workbench.html").read_text(encoding="utf-8")
    return re.sub("__(DATA|CSP|EDITOR)__", lambda m: parts[m.group(0)], template)


def write_local_engine(store: Any, out: Path, entities: list[str] | None = None) -> bool:
    """Write the engine (Oxigraph's WebAssembly build) and the whole graph (N-Quads, gzip, with the
    list of entity pages that result tables link to) as two scripts under `out/workbench/`, so the
    static workbench runs queries offline, from file:// too.
    False (nothing written) when the engine bundle is not installed."""
    from mfkg.rdf.serialise import atomic_write

    engine = vendor_script("engine.js")
    raw = getattr(store, "_store", store)
    if engine is None or not hasattr(raw, "dump"):   # no bundle, or a remote store (nothing to copy)
        return False
    import pyoxigraph as ox

    from mfkg.rdf.oxio import canonical_nquads

    quads = canonical_nquads(raw.dump(format=ox.RdfFormat.N_QUADS))   # the same bytes from every rebuild of the store
    packed = base64.b64encode(gzip.compress(quads, 6, mtime=0)).decode("ascii")
    folder = Path(out) / "workbench"
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(Path(out) / LOCAL_ENGINE, engine.encode("utf-8"))
    from mfkg.query.describe import entity_iris, page_path

    pages = sorted(p for p in (page_path(iri) for iri in (entity_iris(raw) if entities is None else entities)) if p)
    script = f'window.MFKG_GRAPH_GZ="{packed}";\nwindow.MFKG_PAGES={json_for_script(pages)};\n'
    atomic_write(Path(out) / LOCAL_GRAPH, script.encode("utf-8"))
    return True
