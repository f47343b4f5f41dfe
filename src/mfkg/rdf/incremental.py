"""`mfkg build` with a cache in the build folder: after one file is edited, only that file is parsed,
validated and compiled again; every other file's records and triples come from the cache. The checks
across records (references, lineage cycles, duplicates) run on every build, on the whole catalogue.

The output is the same bytes as a build without the cache (a test checks it): both end in
`serialise.turtle_from_lines`, and every cached unit is keyed by what its triples depend on — its
file's bytes and place, the code (see `curation.filecache`), and, for the units that look across
records, those records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import OWL

from mfkg.curation.filecache import FileCache, NoCache, digest
from mfkg.curation.load import Records, load_or_raise
from mfkg.errors import MfkgError
from mfkg.namespaces import ONTOLOGY_IRI
from mfkg.rdf.oxio import nt_lines
from mfkg.rdf.serialise import canonical_bnode_lines, new_graph, split_bnodes
from mfkg.rdf.stamp import stamp
from mfkg.rdf.triples import _Builder, all_different_modalities, ontology_graph

CACHE_FOLDER = ".cache"
# the units of work that read more than their own records: all of their files form one unit
_WHOLE_KIND_UNITS = ("not-found", "mapping")


def caches(build_dir: Path) -> tuple[FileCache, FileCache]:
    """The record cache (parsed and validated files) and the triple cache of a build folder."""
    root = Path(build_dir) / CACHE_FOLDER
    return FileCache(root, "records"), FileCache(root, "triples")


def _units(catalog: Records) -> Iterator[tuple[str, list]]:
    """The catalogue's records grouped by the file they came from, in catalogue order."""
    groups: dict[tuple[str, str], list] = {}
    for loaded in catalog:
        if loaded.kind.name in _WHOLE_KIND_UNITS:
            continue
        groups.setdefault((loaded.kind.name, loaded.doc.source), []).append(loaded)
    for (kind, _), records in groups.items():
        yield kind, records


class _Triples:
    """What a unit is compiled into: its triples, once each, in a plain dict (an rdflib graph's three
    indexes cost a fifth of a build and are never read here)."""

    def __init__(self) -> None:
        self.items: dict[tuple[Any, Any, Any], None] = {}

    def add(self, triple: tuple[Any, Any, Any]) -> None:
        self.items[triple] = None

    def remove(self, triple: tuple[Any, Any, Any]) -> None:
        """Remove one triple (all three terms given; the builder removes no patterns)."""
        if None in triple:
            raise ValueError("only a whole triple can be removed from a unit")
        self.items.pop(triple, None)

    def __iter__(self) -> Iterator[tuple[Any, Any, Any]]:
        return iter(self.items)


def _unit_lines(triples: _Triples) -> tuple[list[bytes], list[tuple[Any, Any, Any]]]:
    """A unit's lines, and its triples with a blank node (most units have none: kept as a plain list,
    which the cache reads back faster than a graph)."""
    plain, with_bnodes = split_bnodes(triples)
    return nt_lines(plain), list(with_bnodes)


def _in_use(needles: dict[str, bytes], lines: list[bytes]) -> frozenset[str]:
    """The prefixes whose namespace some line names (as `turtle_from_lines` would find them)."""
    blob = b"\n".join(lines)
    return frozenset(prefix for prefix, needle in needles.items() if needle in blob)


def compile_lines(catalog: Records, ontology: Path, cache: FileCache) -> tuple[list[bytes], dict[str, str], bool]:
    """The N-Triples lines of ontology + data + stamp, the prefixes to write them with, and whether
    those are exactly the ones in use (else the writer picks them).

    With a cache, which prefixes are in use is found per unit as it is compiled and kept with its
    lines: looking each of the ontology's sixty-odd prefixes up in the whole output took longer than
    the rest of an incremental build's writing. Without one, the writer looks them up once, which is
    cheaper than doing so per unit."""
    try:
        onto_bytes = Path(ontology).read_bytes()
    except OSError as exc:
        raise MfkgError(f"{ontology}: the ontology cannot be read ({exc.strerror}); pass --ontology with the "
                        "path of the OWL ontology (Turtle)") from None
    onto_key = cache.key("ontology", onto_bytes)
    onto_part = cache.get(onto_key)
    onto: Graph | None = None
    if onto_part is None:
        onto = ontology_graph(ontology)
        plain, _ = split_bnodes(onto)
        prefixes = {prefix: str(ns) for prefix, ns in onto.namespaces() if prefix}
        versions = list(onto.triples((ONTOLOGY_IRI, OWL.versionIRI, None)))
        onto_part = (nt_lines(plain), prefixes, versions)
        cache.put(onto_key, onto_part)
    onto_lines, prefixes, versions = onto_part
    lines = list(onto_lines)
    needles = {prefix: b"<" + ns.encode() for prefix, ns in prefixes.items()}
    prefix_key = digest(*sorted(f"{k}={v}" for k, v in prefixes.items()))
    used: set[str] = set()
    every_unit_known = not isinstance(cache, NoCache)

    builder = _Builder(catalog, Graph())

    def unit(key: str, compile_unit: Callable[[], object]) -> None:
        """One unit's lines from the cache, or compiled into a fresh graph (and cached)."""
        nonlocal every_unit_known
        hit = cache.get(key) if key else None
        if hit is None:
            builder.g = _Triples()   # type: ignore[assignment]
            compile_unit()
            unit_lines, with_bnodes = _unit_lines(builder.g)   # type: ignore[arg-type]
            hit = (unit_lines, with_bnodes, _in_use(needles, unit_lines) if every_unit_known and key else None)
            if key:
                cache.put(key, hit)
        lines.extend(hit[0])
        bnodes.addN((s, p, o, bnodes) for s, p, o in hit[1])
        if hit[2] is None:
            every_unit_known = False
        else:
            used.update(hit[2])

    claims = digest(*sorted(f"{k}={v}" for k, v in builder.claim_kind.items()))
    bnodes = new_graph()
    for kind, records in _units(catalog):
        doc = records[0].doc
        key = cache.key("triples", kind, doc.digest, prefix_key, claims if kind == "seed-claim" else "") if doc.digest else ""
        unit(key, lambda records=records: [builder.record(loaded) for loaded in records])
    for kind, method in (("not-found", builder.not_found_rows), ("mapping", builder.mappings)):
        docs = sorted({x.doc.digest for x in catalog.of(kind)})
        unit(cache.key("triples", kind, prefix_key, *docs) if docs and all(docs) else "", method)

    # the triples with blank nodes (the ontology's axioms, the list of distinct modalities) are labelled
    # together by content, as `serialize_turtle` labels them
    bnode_key = cache.key("bnodes", onto_bytes, *sorted(catalog.ids("modality"))) if not len(bnodes) else ""
    all_different_modalities(catalog, bnodes)
    canonical = cache.get(bnode_key) if bnode_key else None
    if canonical is None:
        onto = onto if onto is not None else ontology_graph(ontology)
        _, onto_bnodes = split_bnodes(onto)
        canonical = canonical_bnode_lines(onto_bnodes + bnodes)
        if bnode_key:
            cache.put(bnode_key, canonical)
    lines += canonical

    stamped = Graph()
    for t in versions:
        stamped.add(t)
    stamp(stamped)
    stamp_lines = nt_lines(stamped)
    if not every_unit_known:
        return lines + stamp_lines, prefixes, False
    used.update(_in_use(needles, onto_lines + canonical + stamp_lines))
    return lines + stamp_lines, {prefix: ns for prefix, ns in prefixes.items() if prefix in used}, True


def compile_cached(data_dir: Path, ontology: Path, build_dir: Path,
                   cache: bool = True) -> tuple[Records, list[bytes], dict[str, str], bool]:
    """Load the data (raising InvalidData with every problem) and compile it, using the build
    folder's cache (or, without `cache`, none)."""
    records, triples = caches(build_dir) if cache else (None, NoCache())
    catalog = load_or_raise(data_dir, records)
    return (catalog, *compile_lines(catalog, ontology, triples))
