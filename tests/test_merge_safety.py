"""`mfkg merge` is transactional and safe: a file is read by the store's own parser within bounds
before it is listed, a failed merge leaves the list as it was, nothing is fetched from the network
unless allowed, RDF/XML with a DOCTYPE is refused; `merge --list` and `unmerge` manage the list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from mfkg.errors import MfkgError
from mfkg.project import BuildFolder
from mfkg.query import merge as merge_module
from mfkg.query.merge import listed, merge_files, unmerge_file

GOOD = '<https://w3id.org/mfkg/model/scgpt> <http://example.org/cites> "external fact" .\n'
DOCTYPE = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           '<rdf:Description rdf:about="http://example.org/x"><rdf:value>&b;</rdf:value></rdf:Description></rdf:RDF>\n')
REMOTE = '{"@context": "https://example.org/context.jsonld", "@id": "http://example.org/x", "name": "x"}\n'


def _file(tmp_path: Path, name: str, text: str) -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def test_a_failed_merge_leaves_the_list_as_it_was(fixture_folder: BuildFolder, tmp_path: Path) -> None:
    good = _file(tmp_path, "good.nt", GOOD)
    merge_files(fixture_folder, [good])
    before = fixture_folder.extra_graphs.read_bytes()
    bad = _file(tmp_path, "bad.ttl", "<http://a> <http://b> ")
    other = _file(tmp_path, "other.nt", GOOD.replace("external", "other"))
    with pytest.raises(MfkgError, match=r"bad.ttl: not valid turtle for the store"):
        merge_files(fixture_folder, [other, bad])   # one good and one bad file: neither is listed
    assert fixture_folder.extra_graphs.read_bytes() == before
    assert listed(fixture_folder) == [str(good.resolve())]


def test_doctype_is_refused_in_one_sentence(fixture_folder: BuildFolder, tmp_path: Path) -> None:
    f = _file(tmp_path, "entities.rdf", DOCTYPE)
    r = run_cli("merge", str(f), "--build-dir", str(fixture_folder.path))
    assert r.code == 2 and "Traceback" not in r.err
    assert r.err.strip() == (f"error: {f}: the RDF/XML file has a DOCTYPE (entity declarations), which mfkg does not "
                             "read; remove the DOCTYPE and write the entities out in full")
    assert not fixture_folder.extra_graphs.exists()


def test_remote_context_is_not_fetched_unless_allowed(fixture_folder: BuildFolder, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import urllib.request

    def no_network(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the network was used")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    f = _file(tmp_path, "remote.jsonld", REMOTE)
    with pytest.raises(MfkgError, match=r"remote document https://example.org/context.jsonld, which mfkg does not fetch unless "
                                        r"you pass --allow-remote-context"):
        merge_files(fixture_folder, [f])
    assert not fixture_folder.extra_graphs.exists()


def test_allowed_remote_context_lists_a_local_copy(fixture_folder: BuildFolder, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from rdflib import Graph, Literal, URIRef

    def fake_load_jsonld(text: str, path: Path) -> Graph:   # stands in for the fetch of the remote context
        g = Graph()
        g.add((URIRef("http://example.org/x"), URIRef("https://example.org/name"), Literal("x")))
        return g

    monkeypatch.setattr("mfkg.rdf.read.load_jsonld", fake_load_jsonld)
    f = _file(tmp_path, "remote.jsonld", REMOTE)
    merged, names = merge_files(fixture_folder, [f], allow_remote_context=True)
    copy = merged[0].listed_as
    assert copy.parent == fixture_folder.merged_copies and copy.suffix == ".nt" and names == [str(copy)]
    assert unmerge_file(fixture_folder, f) == [] and not copy.exists()


def test_limits_on_merged_files(fixture_folder: BuildFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merge_module, "MAX_TRIPLES", 2)
    three = _file(tmp_path, "three.nt", "".join(GOOD.replace("fact", f"fact {i}") for i in range(3)))
    with pytest.raises(MfkgError, match="more than 2 triples"):
        merge_files(fixture_folder, [three])
    monkeypatch.setattr(merge_module, "MAX_LITERAL", 5)
    with pytest.raises(MfkgError, match="is 13 characters long, more than 5"):
        merge_files(fixture_folder, [_file(tmp_path, "long.nt", GOOD)])
    monkeypatch.setattr(merge_module, "MAX_FILE_BYTES", 10)
    with pytest.raises(MfkgError, match="bytes, more than the 10 a merged file may hold"):
        merge_files(fixture_folder, [_file(tmp_path, "big.nt", GOOD)])
    assert not fixture_folder.extra_graphs.exists()


def test_list_and_unmerge(fixture_folder: BuildFolder, tmp_path: Path) -> None:
    good = _file(tmp_path, "good.nt", GOOD)
    b = str(fixture_folder.path)
    assert run_cli("merge", str(good), "--build-dir", b).code == 0
    r = run_cli("merge", "--list", "--build-dir", b)
    assert r.code == 0 and r.out.splitlines() == [str(good.resolve())]
    r = run_cli("sparql", "SELECT ?o WHERE { model:scgpt <http://example.org/cites> ?o }", "--build-dir", b)
    assert r.code == 0 and "external fact" in r.out
    r = run_cli("unmerge", str(good), "--build-dir", b)
    assert r.code == 0 and "0 extra graph(s) remain" in r.out
    assert json.loads(fixture_folder.extra_graphs.read_text(encoding="utf-8")) == []
    r = run_cli("sparql", "SELECT ?o WHERE { model:scgpt <http://example.org/cites> ?o }", "--build-dir", b)
    assert r.code == 0 and "external fact" not in r.out
    r = run_cli("unmerge", str(good), "--build-dir", b)
    assert r.code == 2 and "is not merged" in r.err and "Traceback" not in r.err


def test_a_broken_list_is_one_sentence(fixture_folder: BuildFolder) -> None:
    fixture_folder.extra_graphs.write_text("{not json", encoding="utf-8")
    r = run_cli("merge", "--list", "--build-dir", str(fixture_folder.path))
    assert r.code == 2 and "is not a JSON list of files; delete it" in r.err and "Traceback" not in r.err


def test_query_text_is_bounded(fixture_folder: BuildFolder, tmp_path: Path) -> None:
    from mfkg.query.adhoc import MAX_QUERY_CHARS

    q = tmp_path / "huge.rq"
    q.write_text("SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_QUERY_CHARS, encoding="utf-8")
    r = run_cli("sparql", "--file", str(q), "--build-dir", str(fixture_folder.path))
    assert r.code == 2 and f"more than {MAX_QUERY_CHARS:,}" in r.err and "Traceback" not in r.err
