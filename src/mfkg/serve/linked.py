"""Linked data on the server: entity IRIs answered by content negotiation (HTML for browsers,
Turtle, N-Triples or JSON-LD for clients, by Accept header or file extension), 404 with "did you
mean", the query workbench, the VoID description and the SPARQL Service Description."""

from __future__ import annotations

import html
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from mfkg.namespaces import BASE, PREFIXES
from mfkg.query.describe import StoreIndex, describe, entity_iris, page_path, suggest
from mfkg.serve.engine import negotiate
from mfkg.viz.entity import Links, render_entity, workbench_fragment
from mfkg.viz.workbench import completion_data, workbench_page

SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
ENTITY_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/turtle": "turtle",
                "application/n-triples": "ntriples", "application/ld+json": "jsonld", "application/json": "jsonld"}
EXTENSIONS = {".html": "html", ".ttl": "turtle", ".nt": "ntriples", ".jsonld": "jsonld", ".json": "jsonld"}
MEDIA = {"html": "text/html; charset=utf-8", "turtle": "text/turtle; charset=utf-8",
         "ntriples": "application/n-triples", "jsonld": "application/ld+json"}
VOID_PATHS = ("/void", "/void.ttl", "/.well-known/void", "/dataset")


class LinkedData:
    def __init__(self, store: Any, settings: Any):
        self.store = store
        self.settings = settings
        self.index = StoreIndex(store)
        self.pages = set(entity_iris(store))
        self.paths = sorted(p for p in (page_path(i) for i in self.pages) if p)
        self._workbench: bytes | None = None
        self._void: bytes | None = None

    def links(self) -> Links:
        def page(iri: str) -> str | None:
            path = page_path(iri)
            return f"/{path}" if path is not None and iri in self.pages else None

        return Links(page, lambda q: "/workbench" + workbench_fragment(q), "/")

    def resolve(self, request: Request) -> Response:
        path = request.url.path
        if path in ("/", "/workbench", "/workbench.html", "/index.html"):
            return self.workbench()
        if path in VOID_PATHS:
            return self.void()
        stem, fmt = path, None
        for ext, key in EXTENSIONS.items():
            if path.endswith(ext):
                stem, fmt = path[: -len(ext)], key
                break
        iri = BASE + stem.strip("/")
        if iri not in self.pages:
            return self.not_found(stem, request)
        if fmt is None:
            fmt = negotiate(request.headers.get("accept", ""), ENTITY_TYPES, "html")
            if fmt is None:
                return _text(406, "this entity is available as text/html, text/turtle, application/n-triples "
                                  "or application/ld+json")
        d = describe(self.index, iri)
        headers = {**SECURITY_HEADERS, "Vary": "Accept", "Link": f'<{iri}>; rel="canonical"'}
        if fmt == "html":
            return Response(render_entity(d, self.links()), 200, media_type=MEDIA["html"], headers=headers)
        return Response(self.rdf(d.all_triples(), fmt), 200, media_type=MEDIA[fmt], headers=headers)

    @staticmethod
    def rdf(triples: list[Any], fmt: str) -> bytes:
        import pyoxigraph as ox

        oxfmt = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
        prefixes = PREFIXES if fmt != "ntriples" else None
        return ox.serialize(triples, format=oxfmt, prefixes=prefixes)

    def not_found(self, stem: str, request: Request) -> Response:
        near = suggest(stem, self.paths)
        wants_html = negotiate(request.headers.get("accept", ""), {"text/html": "html", "text/plain": "text"}, "text") == "html"
        if wants_html:
            items = "".join(f'<li><a href="/{html.escape(p)}">/{html.escape(p)}</a></li>' for p in near)
            body = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found — mfkg</title></head>"
                    f"<body><h1>Not found</h1><p>Nothing in the graph has the IRI {html.escape(BASE + stem.strip('/'))}.</p>"
                    + (f"<p>Did you mean:</p><ul>{items}</ul>" if near else "")
                    + '<p><a href="/">Query page</a></p></body></html>')
            return Response(body, 404, media_type=MEDIA["html"], headers=SECURITY_HEADERS)
        hint = f"; did you mean {', '.join('/' + p for p in near)}?" if near else "; see / for the query page"
        return _text(404, f"nothing in the graph has the IRI {BASE + stem.strip('/')}{hint}")

    def workbench(self) -> Response:
        if self._workbench is None:
            from mfkg.query.saved import SavedQueries

            self._workbench = workbench_page(SavedQueries.load(), completion_data(self.store), endpoint="/sparql",
                                             entity_link="/").encode("utf-8")
        return Response(self._workbench, 200, media_type=MEDIA["html"], headers=SECURITY_HEADERS)

    def void(self) -> Response:
        if self._void is None:
            self._void = void_description(self.store, self.settings.public_base)
        return Response(self._void, 200, media_type=MEDIA["turtle"], headers=SECURITY_HEADERS)

    def service_description(self, request: Request) -> Response:
        base = self.settings.public_base or f"{request.url.scheme}://{request.url.netloc}"
        text = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
<{base}/sparql> a sd:Service ;
  sd:endpoint <{base}/sparql> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
    <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
    <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/JSON-LD> ;
  sd:feature sd:UnionDefaultGraph, sd:BasicFederatedQuery ;
  sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ; void:triples {len(self.store)} ] ] ;
  void:rootResource <{BASE}dataset> .
"""
        if not self.settings.limits.allow_service:
            text = text.replace("sd:UnionDefaultGraph, sd:BasicFederatedQuery", "sd:UnionDefaultGraph")
        return Response(text.encode(), 200, media_type=MEDIA["turtle"], headers=SECURITY_HEADERS)


def _text(status: int, message: str) -> Response:
    end = "" if message.endswith((".", "?")) else "."
    return Response(message + end + "\n", status, media_type="text/plain; charset=utf-8", headers=SECURITY_HEADERS)


def void_description(store: Any, public_base: str) -> bytes:
    """VoID: triple and entity counts, class partitions, example resources, vocabularies, the endpoint."""
    rows = list(store.query("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)",
                            use_default_graph_as_union=True))
    entities = len(entity_iris(store))
    parts = "".join(f"  void:classPartition [ void:class <{r['c'].value}> ; void:entities {r['n'].value} ] ;\n"
                    for r in rows if r["c"].value.startswith(BASE))
    endpoint = f"  void:sparqlEndpoint <{public_base}/sparql> ;\n" if public_base else ""
    text = f"""@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{BASE}dataset> a void:Dataset ;
  dcterms:title "mfkg: a knowledge graph of multimodal biological foundation models"@en ;
  dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;
  void:triples {len(store)} ;
  void:entities {entities} ;
  void:uriSpace "{BASE}" ;
{endpoint}  void:exampleResource <{BASE}model/scgpt>, <{BASE}pattern/clip-contrastive>, <{BASE}vocab/CLIPStyleModel> ;
  void:vocabulary <{BASE}vocab/>, <http://www.w3.org/2000/01/rdf-schema#>, <http://www.w3.org/2004/02/skos/core#>,
    <http://purl.org/dc/terms/>, <http://www.w3.org/ns/prov#>, <https://schema.org/> ;
{parts}  void:classes {len(rows)} .
"""
    return text.encode("utf-8")
