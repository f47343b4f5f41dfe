"""The SPARQL endpoint as a real process on the fixture data: the protocol in four formats, updates
refused, the row cap, a timeout hit by a pathological query, syntax errors with line and column,
and a query workbench that loads nothing from the network."""

from __future__ import annotations

import csv
import io
import json
import socket
import sys
import urllib.parse
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import ROOT
from mfkg.serve import negotiate

sys.path.insert(0, str(ROOT / "tests" / "support"))
from endpoint import Server, fixture_build, get, post, query_url, start
from virtuoso import free_port

Q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?t ?h "
        "FILTER(STRLEN(CONCAT(STR(?b), STR(?d), STR(?f), STR(?h))) > 0) }")


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_build(tmp_path_factory.mktemp("serve") / "build")


@pytest.fixture(scope="module")
def endpoint(build: Path):  # type: ignore[no-untyped-def]
    server = start(build, free_port(), "--timeout", "2", "--max-rows", "40", "--workers", "2", "--cache-mb", "0")
    yield server.url
    server.stop()


def test_get_json(endpoint: str) -> None:
    q = "SELECT ?m ?y WHERE { ?m mfkg:releaseYear ?y } ORDER BY ?m"
    status, headers, body = get(query_url(endpoint, q))
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json"), body
    data = json.loads(body)
    assert data["head"]["vars"] == ["m", "y"]
    assert data["results"]["bindings"][0]["y"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


@pytest.mark.parametrize("accept,check", [
    ("application/sparql-results+json", lambda b: json.loads(b)["results"]["bindings"]),
    ("application/sparql-results+xml", lambda b: ElementTree.fromstring(b).findall(".//{http://www.w3.org/2005/sparql-results#}result")),
    ("text/csv", lambda b: list(csv.reader(io.StringIO(b.decode())))[1:]),
    ("text/tab-separated-values", lambda b: b.decode().splitlines()[1:]),
])
def test_post_in_four_formats_with_the_row_cap(endpoint: str, accept: str, check) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = post(f"{endpoint}/sparql", urllib.parse.urlencode({"query": Q}).encode(),
                                 "application/x-www-form-urlencoded", accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert len(check(body)) == 40
    assert headers.get("X-MFKG-Truncated") == "true"


def test_no_truncation_flag_below_the_cap(endpoint: str) -> None:
    status, headers, body = post(f"{endpoint}/sparql", b"SELECT ?s WHERE { ?s ?p ?o } LIMIT 5", "application/sparql-query")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5
    assert "X-MFKG-Truncated" not in headers


def test_updates_are_refused(endpoint: str) -> None:
    for body, ctype in [(b"DROP ALL", "application/sparql-update"),
                        (urllib.parse.urlencode({"update": "DROP ALL"}).encode(), "application/x-www-form-urlencoded"),
                        (b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-query")]:
        status, _, text = post(f"{endpoint}/sparql", body, ctype)
        assert status in (400, 403), (status, text)
    status, _, _ = get(f"{endpoint}/sparql?{urllib.parse.urlencode({'update': 'DROP ALL'})}")
    assert status == 403
    status, _, body = post(f"{endpoint}/sparql", b"SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "application/sparql-query")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 1000   # nothing was dropped


def test_pathological_query_times_out_and_server_recovers(endpoint: str) -> None:
    status, _, body = post(f"{endpoint}/sparql", SLOW.encode(), "application/sparql-query")
    assert status == 503 and b"timed out" in body
    for _ in range(3):   # the worker that ran it is replaced; the others answer meanwhile
        status, _, _ = post(f"{endpoint}/sparql", b"ASK { ?s ?p ?o }", "application/sparql-query")
        assert status == 200


def test_syntax_error_is_400_with_line_and_column(endpoint: str) -> None:
    status, _, body = post(f"{endpoint}/sparql", b"SELECT ?x WHERE {\n  ?x ?y }", "application/sparql-query")
    assert status == 400 and b"syntax error" in body and b"line 2, column" in body


def test_construct_as_turtle_and_json_ld(endpoint: str) -> None:
    q = "CONSTRUCT { ?m <urn:year> ?y } WHERE { ?m mfkg:releaseYear ?y }"
    status, headers, body = post(f"{endpoint}/sparql", q.encode(), "application/sparql-query", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and b"<urn:year>" in body
    status, headers, body = post(f"{endpoint}/sparql", q.encode(), "application/sparql-query", "application/ld+json")
    assert status == 200 and isinstance(json.loads(body), (list, dict))


def test_workbench_is_offline_and_lists_saved_queries(endpoint: str) -> None:
    status, headers, body = get(f"{endpoint}/")
    text = body.decode()
    assert status == 200 and "Examples" in text and "clip-protein-anchor" in text
    assert "<script src" not in text and "https://cdn" not in text and "<link" not in text


def test_negotiation() -> None:
    table = {"application/sparql-results+json": "json", "text/csv": "csv"}
    assert negotiate("text/csv;q=0.5, application/sparql-results+json", table, "json") == "json"
    assert negotiate("text/csv", table, "json") == "csv"
    assert negotiate("*/*", table, "json") == "json"
    assert negotiate("image/png", table, "json") is None


def test_prefixes_are_predeclared_and_format_parameter_is_honoured(endpoint: str) -> None:
    q = urllib.parse.quote("SELECT ?m WHERE { ?m a mfkg:Model ; rdfs:label ?l } ORDER BY ?m LIMIT 3")
    status, headers, body = get(f"{endpoint}/sparql?query={q}&format=csv", accept="application/sparql-results+json")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(body.decode())))) == 4
    status, _, body = get(f"{endpoint}/sparql?query={q}&format=png")
    assert status == 406 and b"use one of" in body


def test_syntax_error_at_the_endpoint_is_in_words(endpoint: str) -> None:
    status, _, body = post(f"{endpoint}/sparql", b"SELECT ?x WHERE { ?x ?y }", "application/sparql-query")
    assert status == 400 and b"line 1, column" in body and b"\\u{" not in body


# ------------------------------------------------------------------------------ malformed requests
def _raw(url: str, data: bytes) -> bytes:
    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(data)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                raise AssertionError("the server reset the connection") from None
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("body,ctype,expected", [
    (b"query=%ZZ%C3", "application/x-www-form-urlencoded", 400),
    (b"query=%FF%FE", "application/x-www-form-urlencoded", 400),
    (b"\xff\xfe not utf-8", "application/sparql-query", 400),
    (b"", "application/sparql-query", 400),
    (b"hello", "text/plain", 415),
    (b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 200_000, "application/sparql-query", 413),
    (b"x" * 1_100_000, "application/sparql-query", 413),
])
def test_malformed_requests_get_a_sentence(endpoint: str, body: bytes, ctype: str, expected: int) -> None:
    status, headers, text = post(f"{endpoint}/sparql", body, ctype)
    assert status == expected, text
    assert headers["Content-Type"].startswith("text/plain") and text.strip().endswith(b".")


def test_garbage_on_the_socket_gets_400_not_a_reset(endpoint: str) -> None:
    reply = _raw(endpoint, b"THIS IS NOT HTTP\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 400")
    reply = _raw(endpoint, b"GET /sparql?query=%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 400")


def test_server_stops_helper_is_not_needed_twice(build: Path) -> None:
    """Two servers on one store at once: both read-only, both answer."""
    a, b = start(build, free_port(), "--workers", "1"), start(build, free_port(), "--workers", "1")
    try:
        for s in (a, b):
            assert get(query_url(s.url, "ASK { ?s ?p ?o }"))[0] == 200
    finally:
        Server.stop(a)
        Server.stop(b)
