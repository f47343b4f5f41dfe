"""Warnings before an ad-hoc query runs, so a mistake does not end in a silent empty result:
terms the ontology does not declare (or the graph never uses), entities that are not in the
graph, and plain literals compared with language-tagged values."""

from __future__ import annotations

import difflib
import re
import weakref
from dataclasses import dataclass
from typing import Any

from mfkg.namespaces import PREFIXES
from mfkg.query.resolve import BASE, UnknownName, index_for, split_iri

VOCAB = BASE + "vocab/"
_OWL = "http://www.w3.org/2002/07/owl#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_MASK = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')
_PNAME = re.compile(r"(?<![\w?$<:.-])([A-Za-z][\w-]*)?:((?:[\w-]|\.(?=[\w-]))*)")
_IRI = re.compile(r"<([^<>\"\s]*)>")


@dataclass
class Vocabulary:
    """What the graph declares and uses, fetched once per store."""

    declared: set[str]          # classes and properties the ontology declares
    used: set[str]              # predicates and classes the data uses
    tagged: set[str]            # predicates with language-tagged values
    subjects: set[str]          # entities (IRIs under the project's base) that have triples


_CACHE: weakref.WeakKeyDictionary[Any, Vocabulary] = weakref.WeakKeyDictionary()


def vocabulary(store: Any) -> Vocabulary:
    """What the store's graphs declare and use, fetched once per store object, and kept beside a
    persisted store while it holds the same graphs (`query.kept`)."""
    try:
        return _CACHE[store]
    except (KeyError, TypeError):
        pass
    from mfkg.query.kept import kept

    vocab = kept(store, "vocabulary", Vocabulary, _fetch_vocabulary, ("query/lint.py", "query/resolve.py"))
    try:
        _CACHE[store] = vocab
    except TypeError:
        pass
    return vocab


def _fetch_vocabulary(store: Any) -> Vocabulary:
    kinds = " ".join(f"<{k}>" for k in (_OWL + "Class", _RDFS + "Class", _OWL + "ObjectProperty",
                                          _OWL + "DatatypeProperty", _OWL + "AnnotationProperty", _RDF + "Property"))
    declared = {r[0].value for r in store.select(f"SELECT DISTINCT ?t WHERE {{ VALUES ?k {{ {kinds} }} ?t a ?k }}").rows}
    used = {r[0].value for r in store.select("SELECT DISTINCT ?p WHERE { ?s ?p ?o }").rows}
    used |= {r[0].value for r in store.select("SELECT DISTINCT ?c WHERE { ?s a ?c }").rows if r[0] is not None}
    tagged = {r[0].value for r in store.select("SELECT DISTINCT ?p WHERE { ?s ?p ?o FILTER(LANG(?o) != '') }").rows}
    return Vocabulary(declared, used, tagged, set(index_for(store).entries))


def _mask(text: str) -> str:
    return _MASK.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1]
                     if m.group(0)[0] in "\"'" else " " * len(m.group(0)), text)


def declared_prefixes(text: str) -> dict[str, str]:
    return {p: ns for p, ns in re.findall(r"PREFIX\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>", text, re.IGNORECASE)}


def _short(iri: str, prefixes: dict[str, str]) -> str:
    for p, ns in sorted(prefixes.items(), key=lambda x: -len(x[1])):
        if iri.startswith(ns) and iri != ns:
            return f"{p}:{iri[len(ns):]}"
    return f"<{iri}>"


def check_query(store: Any, text: str) -> list[str]:
    """Sentences about the query's terms that will make it return nothing (empty when all is well)."""
    vocab = vocabulary(store)
    masked = _mask(text)
    prefixes = {**PREFIXES, **declared_prefixes(text)}
    terms: dict[str, str] = {}       # IRI -> as written
    for m in _PNAME.finditer(masked):
        prefix = m.group(1) or ""
        if prefix in prefixes and m.group(2) and not re.match(r"PREFIX\s", masked[max(0, m.start() - 7):m.start()], re.I):
            terms.setdefault(prefixes[prefix] + m.group(2), m.group(0))
    for m in _IRI.finditer(masked):
        if m.group(1).startswith(BASE) and not re.search(r"PREFIX\s+[\w-]*:\s*$", masked[max(0, m.start() - 40):m.start()], re.I):
            terms.setdefault(m.group(1), f"<{m.group(1)}>")
    warnings = []
    for iri, written in terms.items():
        warnings += _check_term(store, vocab, iri, written, prefixes)
    warnings += _check_literals(store, masked, text, prefixes, vocab)
    return warnings


def _check_term(store: Any, vocab: Vocabulary, iri: str, written: str, prefixes: dict[str, str]) -> list[str]:
    if iri.startswith(VOCAB):
        if iri in vocab.declared or iri in vocab.used:
            return []
        names = sorted(t[len(VOCAB):] for t in vocab.declared if t.startswith(VOCAB))
        close = difflib.get_close_matches(iri[len(VOCAB):], names, n=3)
        hint = "did you mean " + " or ".join(f"mfkg:{c}" for c in close) + "?" if close else \
            "the ontology (ontology/mfkg.ttl) lists the classes and properties"
        return [f"{written} is not a class or property the ontology declares, so nothing matches it; {hint}"]
    parts = split_iri(iri)
    if parts and iri not in vocab.subjects and parts[0] in {e.kind for e in index_for(store).entries.values()}:
        try:
            index_for(store).resolve(parts[1], parts[0])
            hint = ""
        except UnknownName as exc:
            hint = str(exc).partition(";")[2].strip()
        return [f"{written} is not in the graph" + (f"; {hint}" if hint else "")]
    known_ns = [ns for p, ns in PREFIXES.items() if not ns.startswith(BASE)]
    if any(iri.startswith(ns) for ns in known_ns) and iri not in vocab.used and iri not in vocab.declared \
            and not iri.startswith("http://www.w3.org/2001/XMLSchema#"):
        return [f"{written} is used nowhere in the graph, so nothing matches it"]
    return []


def _plain_value_exists(store: Any, predicate: str, literal: str) -> bool:
    from mfkg.query.terms import Term

    value = literal[1:-1].encode("utf-8").decode("unicode_escape") if "\\" in literal else literal[1:-1]
    return store.ask(f"ASK {{ ?s <{predicate}> {Term.literal(value).n3()} }}")


def _check_literals(store: Any, masked: str, text: str, prefixes: dict[str, str], vocab: Vocabulary) -> list[str]:
    """A plain "literal" as the object of a predicate with language-tagged values (and no such plain
    value), or compared with `=` to a variable bound by such a predicate."""
    out = []
    tagged_vars: dict[str, tuple[str, str]] = {}
    pred = r"((?:[A-Za-z][\w-]*)?:[\w-]+|<[^<>\s]*>|\ba\b)"
    for m in re.finditer(pred + r"\s+(\"[^\"\n]*\"|\?\w+)", masked):
        iri = _expand(m.group(1), prefixes)
        if iri not in vocab.tagged:
            continue
        obj_start = m.start(2)
        if m.group(2).startswith("?"):
            tagged_vars[m.group(2)[1:]] = (m.group(1), iri)
            continue
        after = masked[m.end(2):m.end(2) + 2]
        lit = text[obj_start:m.end(2)]
        if not after.startswith(("@", "^^")) and not _plain_value_exists(store, iri, lit):
            out.append(f"{m.group(1)} values are language-tagged (\"…\"@en), so the plain literal {lit} matches none "
                       f"of them; write {lit}@en or compare with STR()")
    for m in re.finditer(r"\?(\w+)\s*(?:=|!=)\s*(\"[^\"\n]*\")(?!\s*@)|(\"[^\"\n]*\")(?!\s*@)\s*(?:=|!=)\s*\?(\w+)", masked):
        var = m.group(1) or m.group(4)
        start, end = (m.start(2), m.end(2)) if m.group(1) else (m.start(3), m.end(3))
        lit = text[start:end]
        if var in tagged_vars and not _plain_value_exists(store, tagged_vars[var][1], lit):
            out.append(f"?{var} holds language-tagged values of {tagged_vars[var][0]}, so comparing it with the plain literal "
                       f"{lit} is never true; compare STR(?{var}) = {lit}, or write {lit}@en")
    return out


def _expand(written: str, prefixes: dict[str, str]) -> str:
    if written.startswith("<"):
        return written[1:-1]
    if written == "a":
        return _RDF + "type"
    prefix, _, local = written.partition(":")
    return prefixes.get(prefix, "") + local
