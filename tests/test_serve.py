"""The local SPARQL endpoint: GET and POST, four result formats, updates refused, a timeout hit by a
pathological query, the row cap, and an offline query page."""

from __future__ import annotations

import csv
import io
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import ROOT
from mfkg.serve import negotiate, start_in_thread

sys.path.insert(0, str(ROOT / "tests" / "support"))
from virtuoso import free_port

Q = "SELECT ?m ?y WHERE { ?m a <https://w3id.org/mfkg/vocab/Model> ; <https://w3id.org/mfkg/vocab/releaseYear> ?y } ORDER BY ?m"
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . "
        "FILTER(STRLEN(CONCAT(STR(?b), STR(?d), STR(?f))) > 0) }")


@pytest.fixture(scope="module")
def endpoint(real_build: Path):  # type: ignore[no-untyped-def]
    port = free_port()
    server, pool, thread = start_in_thread(real_build, host="127.0.0.1", port=port, timeout=3.0, max_rows=40, workers=2)
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()
    pool.close()


def _get(url: str, accept: str = "") -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def _post(url: str, body: bytes, ctype: str, accept: str = "") -> tuple[int, dict, bytes]:
    headers = {"Content-Type": ctype, **({"Accept": accept} if accept else {})}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_default_host_is_loopback(real_build: Path) -> None:
    from mfkg.serve import make_server

    server, pool = make_server(real_build, port=free_port(), workers=1)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()
        pool.close()


def test_get_json(endpoint: str) -> None:
    status, headers, body = _get(f"{endpoint}/sparql?{urllib.parse.urlencode({'query': Q})}")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["m", "y"]
    assert data["results"]["bindings"][0]["y"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


@pytest.mark.parametrize("accept,check", [
    ("application/sparql-results+json", lambda b: json.loads(b)["results"]["bindings"]),
    ("application/sparql-results+xml", lambda b: ElementTree.fromstring(b).findall(".//{http://www.w3.org/2005/sparql-results#}result")),
    ("text/csv", lambda b: list(csv.reader(io.StringIO(b.decode())))[1:]),
    ("text/tab-separated-values", lambda b: b.decode().splitlines()[1:]),
])
def test_post_in_four_formats(endpoint: str, accept: str, check) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = _post(f"{endpoint}/sparql", urllib.parse.urlencode({"query": Q}).encode(),
                                  "application/x-www-form-urlencoded", accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert len(check(body)) == 40   # the row cap


def test_row_cap_is_reported(endpoint: str) -> None:
    status, headers, _ = _post(f"{endpoint}/sparql", Q.encode(), "application/sparql-query")
    assert status == 200 and headers.get("X-MFKG-Truncated") == "true"


def test_updates_are_refused(endpoint: str) -> None:
    for body, ctype in [(b"DROP ALL", "application/sparql-update"),
                        (urllib.parse.urlencode({"update": "DROP ALL"}).encode(), "application/x-www-form-urlencoded"),
                        (b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-query")]:
        status, _, text = _post(f"{endpoint}/sparql", body, ctype)
        assert status in (400, 403), (status, text)
    status, _, _ = _get(f"{endpoint}/sparql?{urllib.parse.urlencode({'update': 'DROP ALL'})}")
    assert status == 403
    status, _, body = _post(f"{endpoint}/sparql", b"SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "application/sparql-query")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 10000   # nothing was dropped


def test_pathological_query_times_out_and_server_recovers(endpoint: str) -> None:
    status, _, body = _post(f"{endpoint}/sparql", SLOW.encode(), "application/sparql-query")
    assert status == 503 and b"timed out" in body
    status, _, _ = _post(f"{endpoint}/sparql", Q.encode(), "application/sparql-query")
    assert status == 200


def test_syntax_error_is_400(endpoint: str) -> None:
    status, _, body = _post(f"{endpoint}/sparql", b"SELECT ?x WHERE { ?x ?y }", "application/sparql-query")
    assert status == 400 and b"syntax error" in body


def test_construct_as_turtle(endpoint: str) -> None:
    q = "CONSTRUCT { ?m <urn:year> ?y } WHERE { ?m <https://w3id.org/mfkg/vocab/releaseYear> ?y } "
    status, headers, body = _post(f"{endpoint}/sparql", q.encode(), "application/sparql-query", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and b"<urn:year>" in body


def test_query_page_is_offline_and_lists_saved_queries(endpoint: str) -> None:
    status, headers, body = _get(f"{endpoint}/")
    text = body.decode()
    assert status == 200 and "Saved queries" in text and "clip-protein-anchor" in text
    assert "<script src" not in text and "https://cdn" not in text and "<link" not in text


def test_negotiation() -> None:
    table = {"application/sparql-results+json": "json", "text/csv": "csv"}
    assert negotiate("text/csv;q=0.5, application/sparql-results+json", table, "json") == "json"
    assert negotiate("text/csv", table, "json") == "csv"
    assert negotiate("*/*", table, "json") == "json"
    assert negotiate("image/png", table, "json") is None


def test_prefixes_are_predeclared_and_format_parameter_is_honoured(endpoint: str) -> None:
    q = urllib.parse.quote("SELECT ?m WHERE { ?m a mfkg:Model ; rdfs:label ?l } ORDER BY ?m LIMIT 3")
    status, headers, body = _get(f"{endpoint}/sparql?query={q}&format=csv", accept="application/sparql-results+json")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(body.decode())))) == 4
    status, _, body = _get(f"{endpoint}/sparql?query={q}&format=png")
    assert status == 406 and b"use one of" in body


def test_syntax_error_at_the_endpoint_is_in_words(endpoint: str) -> None:
    status, _, body = _post(f"{endpoint}/sparql", b"SELECT ?x WHERE { ?x ?y }", "application/sparql-query")
    assert status == 400 and b"line 1, column" in body and b"\\u{" not in body


def test_query_page_binds_names_through_the_resolver(endpoint: str) -> None:
    status, _, body = _get(f"{endpoint}/bind?name=model-lineage&model=ESM%202")
    assert status == 200 and b"<https://w3id.org/mfkg/model/esm2>" in body
    status, _, body = _get(f"{endpoint}/bind?name=model-lineage&model=esmm2")
    assert status == 400 and b"did you mean ESM-2 (model/esm2)" in body
