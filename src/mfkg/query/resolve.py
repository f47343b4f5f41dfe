"""The one entity resolver: a name as people write it → the entity's IRI.

Every verb, every entity parameter of a saved query, the Python API and the endpoint's query page
go through `EntityIndex.resolve`. A name may be the id (`esm2`), `kind/id` (`model/esm2`), the
label (`ESM-2`), an alias (skos:altLabel) or the name of one of a model's variants; case, spaces
and punctuation do not count, so "esm2", "ESM-2" and "ESM 2" are the same name.

>>> index = EntityIndex()
>>> index.add("https://w3id.org/mfkg/model/esm2", "esm2", ["ESM-2"])
>>> index.add("https://w3id.org/mfkg/model/esm3", "esm3", ["ESM3"])
>>> [index.resolve(n) for n in ("esm2", "ESM-2", "ESM 2")] == ["https://w3id.org/mfkg/model/esm2"] * 3
True
>>> index.resolve("ESM-4")
Traceback (most recent call last):
...
mfkg.query.resolve.UnknownName: no entity named 'ESM-4'; did you mean ESM3 (model/esm3) or ESM-2 (model/esm2)?
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mfkg.query.ids import BASE, split_iri
from mfkg.query.ids import VOCAB as _VOCAB
from mfkg.query.terms import QueryError

__all__ = ["BASE", "AmbiguousName", "EntityIndex", "Entry", "ResolveError", "UnknownName", "index_for", "normalise",
           "resolve", "split_iri"]
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"


class ResolveError(QueryError):
    """A name does not pick out exactly one entity."""


class UnknownName(ResolveError):
    """No entity has this name."""


class AmbiguousName(ResolveError):
    """Several entities have this name."""

    def __init__(self, message: str, candidates: list[str]):
        super().__init__(message)
        self.candidates = candidates


def normalise(text: str) -> str:
    """The key a name is compared by: lower case, letters and digits only.

    >>> normalise("ESM-2"), normalise("esm 2"), normalise("Évo 2")
    ('esm2', 'esm2', 'evo2')
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    key = re.sub(r"[^0-9a-z]+", "", folded.lower())
    return key or text.strip().lower()


@dataclass
class Entry:
    iri: str
    kind: str
    id: str
    label: str
    names: list[str] = field(default_factory=list)

    @property
    def ref(self) -> str:
        """kind/id, the form that is never ambiguous."""
        return f"{self.kind}/{self.id}"

    def show(self) -> str:
        return f"{self.label} ({self.ref})" if self.label and self.label != self.id else self.ref


class EntityIndex:
    """Names of the graph's entities, by normalised key."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.by_key: dict[str, set[str]] = {}
        self.by_id: dict[str, set[str]] = {}
        self.by_variant: dict[str, set[str]] = {}   # variant names, asked only when nothing else fits

    def add(self, iri: str, id_: str, names: Iterable[str] = (), kind: str | None = None) -> None:
        """Register an entity (or more names for one already known)."""
        parts = split_iri(iri)
        entry = self.entries.get(iri)
        if entry is None:
            entry = Entry(iri, kind or (parts[0] if parts else ""), id_, "")
            self.entries[iri] = entry
            self.by_id.setdefault(id_, set()).add(iri)
            self.by_key.setdefault(normalise(id_), set()).add(iri)
        for name in names:
            if not name:
                continue
            if not entry.label:
                entry.label = name
            if name not in entry.names:
                entry.names.append(name)
            self.by_key.setdefault(normalise(name), set()).add(iri)

    # ------------------------------------------------------------------ building
    @classmethod
    def from_store(cls, store: Any) -> EntityIndex:
        """Ids, English labels first, aliases and variant names of every entity in a store."""
        # only top-level entity IRIs (kind/id) and variants can be named: the others are left out before
        # their names are looked up (in a merged graph of 5M triples most identified nodes are neither)
        entity = "^" + re.escape(BASE).replace("\\", "\\\\") + "[^/]+/[^/]+$"
        q = (f"SELECT ?s ?id ?label ?alias ?parent WHERE {{ "
             f"{{ ?s <{_VOCAB}identifier> ?id . FILTER(isIRI(?s) && REGEX(STR(?s), \"{entity}\")) "
             f"FILTER NOT EXISTS {{ ?s <{_VOCAB}variantOf> ?any }} }} "
             f"UNION {{ ?s <{_VOCAB}variantOf> ?parent ; <{_VOCAB}identifier> ?id . }} "
             f"OPTIONAL {{ ?s <{_LABEL}> ?label }} OPTIONAL {{ ?s <{_ALT}> ?alias }} }} "
             "ORDER BY ?s DESC(LANG(?label) = 'en') ?label ?alias")
        index = cls()
        variants: list[tuple[str, str]] = []
        for s, id_, label, alias, parent in store.select(q).rows:
            if s is None or id_ is None or s.kind != "uri":
                continue
            names = [t.value for t in (label, alias) if t is not None]
            if parent is not None:
                variants += [(parent.value, n) for n in [*names, id_.value]]
            elif split_iri(s.value):
                index.add(s.value, id_.value, names)
        index._add_variants(variants)
        return index

    @classmethod
    def from_nodes(cls, nodes: Iterable[tuple[str, dict[str, Any]]]) -> EntityIndex:
        """The same index over property-graph nodes (id 'kind/id', properties 'name', 'aliases')."""
        index = cls()
        variants: list[tuple[str, str]] = []
        for node, data in nodes:
            names = [str(data.get("name") or "")]
            aliases = data.get("aliases") or []
            names += [str(a) for a in (aliases if isinstance(aliases, list) else [aliases])]
            iri = BASE + node
            if data.get("label") == "ModelVariant" and "/variant/" in node:
                parent = BASE + node.split("/variant/", 1)[0]
                variants += [(parent, n) for n in names if n] + [(parent, node.rsplit("/", 1)[-1])]
            elif split_iri(iri):
                index.add(iri, node.split("/", 1)[1], names)
        index._add_variants(variants)
        return index

    def _add_variants(self, variants: list[tuple[str, str]]) -> None:
        for parent, name in variants:
            if parent in self.entries:
                self.by_variant.setdefault(normalise(name), set()).add(parent)

    # ------------------------------------------------------------------ resolving
    def find(self, text: str, kinds: Sequence[str] | None = None) -> list[Entry]:
        """Every entity the name may mean (best matches only): IRI, kind/id, exact id, then the key."""
        text = text.strip()

        def pool(e: Entry) -> bool:
            return not kinds or e.kind in kinds

        for iri in (text, BASE + text):
            if iri in self.entries and pool(self.entries[iri]):
                return [self.entries[iri]]
        key = normalise(text)
        for source in (self.by_id.get(text, set()), self.by_key.get(key, set()), self.by_variant.get(key, set())):
            hits = sorted((self.entries[i] for i in source if pool(self.entries[i])), key=lambda e: e.ref)
            if hits:
                return hits
        return []

    def resolve(self, text: str, kinds: Sequence[str] | str | None = None) -> str:
        """The IRI the name means, or a sentence saying what it could mean or might have meant."""
        kinds = [kinds] if isinstance(kinds, str) else kinds
        what = " or ".join(kinds) if kinds else "entity"
        hits = self.find(text, kinds)
        if len(hits) == 1:
            return hits[0].iri
        if hits:
            listed = ", ".join(e.show() for e in hits)
            raise AmbiguousName(f"'{text}' could mean {len(hits)} entities: {listed}; name one by its kind/id, "
                                f"e.g. '{hits[0].ref}'", [e.ref for e in hits])
        raise UnknownName(f"no {what} named '{text}'" + self._did_you_mean(text, kinds))

    def _did_you_mean(self, text: str, kinds: Sequence[str] | None) -> str:
        keys: dict[str, set[str]] = {}
        for key, iris in self.by_key.items():
            for iri in iris:
                if not kinds or self.entries[iri].kind in kinds:
                    keys.setdefault(key, set()).add(iri)
        close = difflib.get_close_matches(normalise(text), list(keys), n=3, cutoff=0.6)
        seen: list[Entry] = []
        for key in close:
            for iri in sorted(keys[key]):
                if self.entries[iri] not in seen:
                    seen.append(self.entries[iri])
        if not seen:
            hint = "'mfkg query run catalog'" if kinds and "model" in kinds else "'mfkg neighbours' or the explorer"
            return f"; see {hint} for the names it knows"
        return "; did you mean " + " or ".join(e.show() for e in seen[:3]) + "?"

    def of_kind(self, kind: str) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.kind == kind), key=lambda e: e.id)

    def mentions(self, text: str, kinds: Sequence[str], common: frozenset[str] = frozenset()) -> list[tuple[int, int, Entry]]:
        """Entities of these kinds named in free text (longest names first), with where they start and end.

        Used to fill a question's parameters: every run of 1–5 words is looked up by its key; then
        runs of two or more words that are part of exactly one entity's name ('perturbation
        prediction' in 'Genetic and chemical perturbation prediction') and not made only of `common` words."""
        words = [(m.start(), m.group(0)) for m in re.finditer(r"[^\s,;:?!()\"']*[^\s,;:?!()\"'.]", text)]
        found: list[tuple[int, int, Entry]] = []
        taken: set[int] = set()
        names = [(key, iri) for key, iris in self.by_key.items() for iri in iris if self.entries[iri].kind in kinds]
        for partial in (False, True):
            for size in range(min(5, len(words)), 1 if partial else 0, -1):
                for i in range(len(words) - size + 1):
                    if taken & set(range(i, i + size)):
                        continue
                    end = words[i + size - 1][0] + len(words[i + size - 1][1])
                    phrase = text[words[i][0]: end]
                    key = normalise(phrase)
                    if len(key) < (8 if partial else 2) or key.isdigit():
                        continue
                    if partial and all(w.lower() in common for w in re.findall(r"[\w-]+", phrase)):
                        continue
                    if partial:
                        iris = {iri for name, iri in names if key in name}
                    else:
                        iris = self.by_key.get(key, set()) | self.by_id.get(phrase, set())
                    hits = [self.entries[x] for x in iris if self.entries[x].kind in kinds]
                    if len(hits) == 1:
                        found.append((words[i][0], end, hits[0]))
                        taken |= set(range(i, i + size))
        return sorted(found, key=lambda f: f[0])


_CACHE: weakref.WeakKeyDictionary[Any, EntityIndex] = weakref.WeakKeyDictionary()


def index_for(store: Any) -> EntityIndex:
    """The index of a store, built once per store object, and kept beside a persisted store while it holds
    the same graphs (`query.kept`)."""
    try:
        return _CACHE[store]
    except (KeyError, TypeError):
        pass
    from mfkg.query.kept import kept

    index = kept(store, "names", EntityIndex, EntityIndex.from_store, ("query/resolve.py",))
    try:
        _CACHE[store] = index
    except TypeError:
        pass
    return index


def resolve(store: Any, text: str, kinds: Sequence[str] | str | None = None) -> str:
    """The IRI of the entity named `text` in `store` (see `EntityIndex.resolve`)."""
    return index_for(store).resolve(text, kinds)
