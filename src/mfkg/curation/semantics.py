"""Rules about what the records mean together, checked at build time with the files involved:
no lineage cycle, one record per publication (DOI, arXiv id), one model per name, a claim's
source among its model's sources (a warning), and a variant's size within its model's stated range
(`mfkg.curation.sizes`).

The name rule is owned here rather than by the graph-level check `duplicate-model-names.rq`:
the build refuses such data with both files and lines, so that check only guards graphs that
were not built from curated data.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from mfkg.curation.loaded import Loaded, Records
from mfkg.curation.problems import field_path
from mfkg.curation.sizes import variant_sizes
from mfkg.errors import Problem


def check_semantics(catalog: Records) -> list[Problem]:
    return [*lineage_cycles(catalog), *duplicate_publications(catalog), *duplicate_model_names(catalog),
            *claim_sources(catalog), *variant_sizes(catalog)]


def _where(x: Loaded, *path: str | int) -> str:
    return f"{x.doc.file}:{x.line(*path)}"


def lineage_cycles(catalog: Records) -> Iterator[Problem]:
    """Each cycle of `derived_from` (two or more models) once, at its first model by id."""
    models = {x.id: x for x in catalog.of("model")}
    parents = {mid: [lin.model for lin in x.record.derived_from if lin.model in models and lin.model != mid]
               for mid, x in models.items()}
    reported: set[frozenset[str]] = set()
    for start in sorted(models):
        for cycle in _cycles_from(start, parents):
            key = frozenset(cycle)
            if key in reported:
                continue
            reported.add(key)
            first = min(cycle)
            i = cycle.index(first)
            cycle = cycle[i:] + cycle[:i]
            steps = []
            for a, b in zip(cycle, cycle[1:] + cycle[:1]):
                x = models[a]
                k = next(j for j, lin in enumerate(x.record.derived_from) if lin.model == b)
                steps.append(f"{a} ({_where(x, 'derived_from', k, 'model')})")
            x = models[first]
            k = next(j for j, lin in enumerate(x.record.derived_from) if lin.model == cycle[1 % len(cycle)])
            yield Problem(x.doc.file, x.line("derived_from", k, "model"), f"derived_from[{k}].model",
                          "lineage cycle: " + " derives from ".join(steps) + f" derives from {first} again",
                          "remove the derived_from entry that points the wrong way")


def _cycles_from(start: str, parents: dict[str, list[str]]) -> Iterator[list[str]]:
    """Cycles through `start` whose other members sort after it (so each cycle is found once)."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for parent in parents.get(node, []):
            if parent == start:
                yield path
            elif parent > start and parent not in path and parent not in seen:
                seen.add(parent)
                stack.append((parent, path + [parent]))


def duplicate_publications(catalog: Records) -> Iterator[Problem]:
    """Two publication records for one DOI (journal or preprint) or one arXiv id."""
    first: dict[tuple[str, str], tuple[Loaded, str]] = {}
    for x in catalog.of("publication"):
        for field, scheme in (("doi", "DOI"), ("preprint_doi", "DOI"), ("arxiv", "arXiv id")):
            value = getattr(x.record, field)
            if not value:
                continue
            key = (scheme, value.casefold())
            if key in first and first[key][0].id != x.id:
                other, other_field = first[key]
                yield Problem(x.doc.file, x.line(field), field,
                              f"the {scheme} {value} is also the {other_field} of publication '{other.id}' "
                              f"({_where(other, other_field)}); two records describe one publication",
                              "keep one record and point references at its id")
            first.setdefault(key, (x, field))


def _name_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold().strip()


def duplicate_model_names(catalog: Records) -> Iterator[Problem]:
    """No two models share a label or alias (case-insensitive), so a name finds one model."""
    first: dict[str, tuple[Loaded, tuple[str | int, ...]]] = {}
    for x in catalog.of("model"):
        names: list[tuple[str, tuple[str | int, ...]]] = [(x.record.label, ("label",))]
        names += [(a, ("aliases", i)) for i, a in enumerate(x.record.aliases)]
        for name, path in names:
            key = _name_key(name)
            if key in first and first[key][0].id != x.id:
                other, other_path = first[key]
                yield Problem(x.doc.file, x.line(*path), field_path(path),
                              f"the name '{name}' is also a name of model '{other.id}' ({_where(other, *other_path)})",
                              "rename one of them or merge the two records")
            first.setdefault(key, (x, path))


def claim_sources(catalog: Records) -> Iterator[Problem]:
    """A warning when a model's claim cites a publication the model does not list among its sources."""
    for x in catalog.of("model"):
        m = x.record
        sources = set(m.publications) | {v.source for v in m.variants if v.source} | \
            {lin.source for lin in m.derived_from if lin.source}
        for i, claim in enumerate(m.claims):
            if claim.source not in sources:
                yield Problem(x.doc.file, x.line("claims", i, "source"), f"claims[{i}].source",
                              f"the claim cites '{claim.source}', which is not among the model's publications",
                              f"add '{claim.source}' to `publications` if it describes the model, or check the source",
                              severity="warning")
