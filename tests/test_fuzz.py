"""Property-based: no mutation of a valid record ever produces a traceback, only located problems."""

from __future__ import annotations

import atexit
import io
import os
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_DATA
from mfkg.cli import main
from mfkg.curation.load import load_catalog

MODEL = yaml.safe_load((FIXTURE_DATA / "models" / "scgpt.yaml").read_text(encoding="utf-8"))

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.dates())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=8)


def _paths(obj: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += _paths(v, prefix + (i,))
    return out


PATHS = [p for p in _paths(MODEL) if p]


def _mutate(obj: Any, path: tuple, op: str, value: Any) -> Any:
    import copy

    obj = copy.deepcopy(obj)
    parent = obj
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if op == "delete":
        del parent[last]
    elif op == "replace":
        parent[last] = value
    elif op == "add" and isinstance(parent, dict):
        parent[f"x{abs(hash(str(value))) % 97}"] = value
    return obj


def _check(data_dir: Path) -> None:
    load_catalog(data_dir)   # must not raise
    err, out = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stderr(err), redirect_stdout(out):
        try:
            main(["check", "--data", str(data_dir)])
        except SystemExit as exc:
            code = int(exc.code or 0)
    assert code in (0, 1), (code, err.getvalue())
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue(), err.getvalue()
    if code == 1:
        assert "data/models/scgpt.yaml" in err.getvalue() or "data/" in err.getvalue()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), op=st.sampled_from(["delete", "replace", "add"]), value=values)
def test_structural_mutations_never_crash(path: tuple, op: str, value: Any) -> None:
    mutated = _mutate(MODEL, path, op, value)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(FIXTURE_DATA, data)
        (data / "models" / "scgpt.yaml").write_text(yaml.safe_dump(mutated, allow_unicode=True), encoding="utf-8")
        _check(data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pos=st.integers(min_value=0, max_value=4000), junk=st.text(min_size=1, max_size=5))
@example(pos=0, junk="0[")          # a key with '[' once crashed the error locator (found by this test)
@example(pos=0, junk="function-")
def test_textual_corruption_never_crashes(pos: int, junk: str) -> None:
    text = (FIXTURE_DATA / "models" / "scgpt.yaml").read_text(encoding="utf-8")
    pos = pos % (len(text) + 1)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(FIXTURE_DATA, data)
        (data / "models" / "scgpt.yaml").write_text(text[:pos] + junk + text[pos:], encoding="utf-8")
        _check(data)


# ---------------------------------------------------------------- mutations of every kind, bounded in time
BOUND_SECONDS = 30
REF_IDS = ["scvi", "totalvi", "geneformer", "scgpt", "nowhere", "scrna", "cui2024scgpt", "", "a" * 300, "../x", "SCVI"]
REF_PATHS = [("publications", 0), ("patterns", 0), ("tasks", 0), ("modalities", 0, "modality"),
             ("claims", 0, "source"), ("layer_types", 0)]


def _with(obj: dict, path: tuple, value: Any) -> dict:
    return _mutate(obj, path, "replace", value) if path else obj


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)   # libyaml: the 30,000-item lists are dumped in a blink


def _dump(obj: Any) -> str:
    return yaml.dump(obj, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


awkward_text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=("Cs",)),
                       max_size=40)
sizes = st.sampled_from([19_999, 20_000, 20_001, 100_000])


def _get(obj: Any, path: tuple) -> Any:
    for part in path:
        obj = obj[part]
    return obj


def _has(obj: Any, path: tuple) -> bool:
    try:
        _get(obj, path)
        return True
    except (KeyError, IndexError, TypeError):
        return False


def _nest(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = [value]
    return value


def _encoded(how: str) -> bytes:
    text = _dump({**MODEL, "note": "Größe — 한국어"})
    if how in ("utf-16", "latin-1", "utf-8-sig"):
        return text.encode(how, "replace")
    if how == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if how == "invalid":
        return text.encode("utf-8").replace(b"Gr", b"Gr\xff\xfe", 1)
    if how == "nul":
        return text.encode("utf-8").replace(b"Gr", b"G\x00r", 1)
    return text.replace("Gr", "G\ud800r", 1).encode("utf-8", "surrogatepass")


def _yaml_feature(what: str) -> bytes:
    text = _dump(MODEL)
    extra = {"anchor": "x_a: &a [1, 2]\nx_b: *a\n", "tag": "note: !!str 12\n",
             "python": "note: !!python/object/apply:os.system ['true']\n", "documents": "---\nid: other\n",
             "binary": "note: !!binary aGVsbG8=\n", "merge": "x_m: &m {a: 1}\nx_n: {<<: *m}\n"}[what]
    return (text.replace("\nnote:", "\nx_note:") + extra).encode("utf-8")


file_bytes = st.one_of(
    # types: any value anywhere
    st.tuples(st.sampled_from(PATHS), values).map(lambda pv: _dump(_with(MODEL, *pv)).encode("utf-8")),
    # text with any code point (control characters, NUL, RTL marks, non-NFC names) in any string field
    st.tuples(st.sampled_from([p for p in PATHS if isinstance(_get(MODEL, p), str)]), awkward_text)
    .map(lambda pv: _dump(_with(MODEL, *pv)).encode("utf-8")),
    # sizes: long texts, long lists, deep nesting
    st.tuples(st.sampled_from(["description", "label", "note"]), sizes)
    .map(lambda fs: _dump({**MODEL, fs[0]: "x" * fs[1]}).encode("utf-8")),
    st.integers(min_value=1, max_value=30_000).map(lambda n: _dump({**MODEL, "species": ["mouse"] * n}).encode("utf-8")),
    st.integers(min_value=1, max_value=60).map(lambda d: _dump({**MODEL, "species": _nest(d)}).encode("utf-8")),
    # references: unknown, wrong kind, self, cycles
    st.tuples(st.sampled_from(REF_PATHS), st.sampled_from(REF_IDS))
    .map(lambda pv: _dump(_with(MODEL, *pv) if _has(MODEL, pv[0]) else MODEL).encode("utf-8")),
    st.sampled_from(REF_IDS).map(lambda m: _dump({**MODEL, "derived_from": [{"model": m, "kind": "successor-of"}]})
                                 .encode("utf-8")),
    # encodings: UTF-16, Latin-1, a BOM, CRLF, invalid bytes, raw NUL
    st.sampled_from(["utf-16", "latin-1", "utf-8-sig", "crlf", "invalid", "nul", "surrogate"]).map(_encoded),
    # YAML features curated data does not use
    st.sampled_from(["anchor", "tag", "python", "documents", "binary", "merge"]).map(_yaml_feature),
)


class _Timeout(Exception):
    pass


def _build_bounded(data_dir: Path, out: Path) -> tuple[int, str]:
    """`mfkg build` in this process, stopped by an alarm if it runs past BOUND_SECONDS."""
    import signal

    def alarm(*_: Any) -> None:
        raise _Timeout

    err = io.StringIO()
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(BOUND_SECONDS)
    code = 0
    try:
        with redirect_stderr(err), redirect_stdout(io.StringIO()):
            try:
                main(["build", "--data", str(data_dir), "--output", str(out)])
            except SystemExit as exc:
                code = int(exc.code or 0)
    except _Timeout:
        raise AssertionError(f"the build ran past its bound of {BOUND_SECONDS} s") from None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, err.getvalue()


_EARLIER: dict[str, Any] = {}


def _records_cache() -> Any:
    """A records cache of this module's own, in a folder removed at exit (not the user's cache)."""
    from mfkg.curation.filecache import FileCache

    if "records" not in _EARLIER:
        holder = tempfile.mkdtemp(prefix="mfkg-fuzz-records-")
        atexit.register(shutil.rmtree, holder, ignore_errors=True)
        _EARLIER["records"] = FileCache(Path(holder), "records")
    return _EARLIER["records"]


def _earlier_build(root: Path) -> Path:
    """An earlier build of the fixture data, with the build folder's cache of every unchanged file (built
    once, copied into each case): each case's build then parses and compiles only the mutated file, as
    after a user's edit. That the cached path writes what a build from nothing writes is
    test_incremental's job."""
    if "folder" not in _EARLIER:
        from mfkg.rdf.compile import build

        holder = tempfile.mkdtemp(prefix="mfkg-fuzz-earlier-")
        atexit.register(shutil.rmtree, holder, ignore_errors=True)
        template = Path(holder) / "build"
        build(FIXTURE_DATA, template / "mfkg.ttl")
        _EARLIER["folder"] = template
        _EARLIER["ttl"] = (template / "mfkg.ttl").read_bytes()
        from rdflib import Graph

        whole = Graph().parse(template / "mfkg.ttl", format="turtle")
        _carry(whole)   # the unchanged triples, carried once
        _EARLIER["triples"] = set(whole)
    # linked, not copied: mfkg replaces its files by renaming new ones into place, never writes into them
    shutil.copytree(_EARLIER["folder"], root / "build", copy_function=os.link)
    return root / "build" / "mfkg.ttl"


def _run_mutation(content: bytes, *, carry: bool) -> None:
    """Refused: `mfkg build` says where, in sentences, and leaves the earlier build. Accepted: with
    `carry`, it is built and must serialise everywhere (building every accepted case is slow)."""
    from mfkg.curation.load import violations

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data"
        # linked, not copied (the fixture is never written through a link: the mutated file is a new one)
        shutil.copytree(FIXTURE_DATA, data, copy_function=os.link)
        mutated = data / "models" / "scgpt.yaml"
        mutated.unlink()
        mutated.write_bytes(content)
        # the unchanged files' records come from a cache kept across cases, as in a curator's session
        refused = bool(violations(load_catalog(data, _records_cache())[1]))
        if not refused and not carry:
            return
        out = _earlier_build(root)
        code, err = _build_bounded(data, out)
        assert code == (1 if refused else 0), (code, err)
        assert "Traceback" not in err and "internal error" not in err, err
        if code == 1:
            assert out.read_bytes() == _EARLIER["ttl"], "a refused build changed the earlier output"
            lines = [x for x in err.splitlines() if x.startswith("error: ")]
            assert lines and all(x.startswith("error: data/") for x in lines), err
        else:   # accepted: every later stage must carry it (the XML syntaxes are the strictest)
            _assert_exports_carry(out)


def _assert_exports_carry(out: Path) -> None:
    """rdflib reads the whole graph; what the mutation added is written as N-Triples, RDF/XML and JSON-LD and
    read back without losing a triple. The triples of the unchanged files were carried the same way once, when
    the earlier build was made: every failure of these writers is one term's (a predicate RDF/XML cannot
    name, a character XML cannot hold), so the added triples are where a case can fail."""
    from rdflib import Graph

    g = Graph().parse(out, format="turtle")
    added = Graph(namespace_manager=g.namespace_manager)
    for triple in set(g) - _EARLIER["triples"]:
        added.add(triple)
    _carry(added)


def _carry(g: Any) -> None:
    import pyoxigraph as ox

    for fmt, ox_fmt in (("nt", ox.RdfFormat.N_TRIPLES), ("xml", ox.RdfFormat.RDF_XML), ("json-ld", ox.RdfFormat.JSON_LD)):
        data = g.serialize(format=fmt, encoding="utf-8")
        assert len({(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox_fmt)}) == len(g), fmt


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(content=file_bytes)
def test_random_mutations_are_refused_in_place_or_carried(content: bytes) -> None:
    """Types, text, sizes, references, encodings and YAML features: refused with located sentences and
    the earlier build untouched, or built; never a traceback, never past the bound."""
    _run_mutation(content, carry=False)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(content=file_bytes)
def test_random_mutations_that_are_accepted_serialise_everywhere(content: bytes) -> None:
    """The same mutations, a few hundred cases; an accepted one must also serialise as N-Triples,
    RDF/XML and JSON-LD and parse back with the store's parser without losing a triple."""
    _run_mutation(content, carry=True)
