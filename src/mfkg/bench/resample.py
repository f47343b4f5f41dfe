"""A synthetic graph of the curated graph's own shape, for the scale series: copies of the curated models,
drawn with replacement (seeded), each with everything the build says of it.

A model's part of the build is every triple (asserted or inferred) whose subject is the model or an IRI under
it (claims, variants, modality usages, statements), its benchmark results (`resultModel`), the publications it
is described in, and what the reasoner adds about it from outside (the inverse edges, such as a task's
`addressedBy`). Curated triples from outside that name the model (a recommendation, a limit's example) are not
copied, as a copied model file would not get them either. Copies are renamed as `mfkg.bench.catalogue` renames
copied model files: the model, its results and its publications get `-s<k>` ids under
https://w3id.org/mfkg/synthetic/, the model's label and aliases a ` s<k>` suffix, a publication's title
`(synthetic copy <k>)` and a DOI under the test prefix 10.99999; Hugging Face ids and arXiv ids are left out.
So the graph has the curated distribution of modalities, claims, variants, results and publications per model
(about 265 triples per model, median 161) where `mfkg.bench.synthetic` writes about 47, each with a parameter count and a
cell count. Same build, size and seed give byte-identical files.
"""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox

from mfkg.project import BuildFolder
from mfkg.rdf.oxio import ox_triples

B = "https://w3id.org/mfkg/"
V = B + "vocab/"
S = B + "synthetic/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
MARK = "\ue000"   # where a copy's number goes in a model's template (a private-use character: never in the data)
LABELS = {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel"}
TITLES = {"http://www.w3.org/2000/01/rdf-schema#label", "http://purl.org/dc/terms/title"}
PUB_DROPPED = {V + "arxivId", V + "preprintDoi", V + "preprintDoiIri"}
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, Term]


def _root(iri: str) -> str:
    """`https://w3id.org/mfkg/<kind>/<id>` of an IRI under it."""
    return "/".join(iri.split("/", 6)[:6])


def _new(root: str) -> str:
    """The copy's IRI for a root it renames."""
    kind, ident = root[len(B):].split("/", 1)
    return f"{S}{kind}/{ident}-s{MARK}"


def _read(build_dir: Path) -> tuple[list[Triple], set[int]]:
    """The build's asserted and inferred triples, and the positions of the inferred ones."""
    folder = BuildFolder(Path(build_dir))
    triples: list[Triple] = []
    inferred: set[int] = set()
    for path, is_inferred in ((folder.graph, False), (folder.inferred, True)):
        for t in ox_triples(path) if path.exists() else ():
            if is_inferred:
                inferred.add(len(triples))
            triples.append((t.subject, t.predicate, t.object))
    return triples, inferred


def templates(build_dir: Path) -> list[str]:
    """One N-Triples template per curated model (sorted by IRI), with MARK where a copy's number goes."""
    triples, inferred = _read(build_dir)
    models = sorted({s.value for s, p, o in triples if p.value == RDF_TYPE and isinstance(o, ox.NamedNode)
                     and o.value == V + "Model" and s.value.startswith(B + "model/")})
    belongs: dict[str, list[str]] = {m: [m] for m in models}     # root IRI -> the models whose part it is in
    model_set = set(models)
    for s, p, o in triples:   # a result belongs to its model; a publication to every model described in it
        if p.value == V + "resultModel" and o.value in model_set and s.value.startswith(B + "result/"):
            holders, m = belongs.setdefault(_root(s.value), []), o.value
        elif p.value == V + "describedIn" and s.value in model_set and o.value.startswith(B + "publication/"):
            holders, m = belongs.setdefault(_root(o.value), []), s.value
        else:
            continue
        if m not in holders:
            holders.append(m)
    roots: dict[str, set[str]] = {m: set() for m in models}
    for root, holders in belongs.items():
        for m in holders:
            roots[m].add(root)
    lines: dict[str, set[str]] = {m: set() for m in models}
    for i, (s, p, o) in enumerate(triples):
        holders = belongs.get(_root(s.value)) if isinstance(s, ox.NamedNode) else None
        for m in holders or ():
            line = _line(s, p, o, roots[m])
            if line:
                lines[m].add(line)
        if not holders and i in inferred and isinstance(o, ox.NamedNode) and _root(o.value) in model_set:
            m = _root(o.value)   # what the reasoner adds from outside, such as a task's addressedBy
            lines[m].add(f"{s} {p} <{_new(m)}{o.value[len(m):]}> .\n")
    return ["".join(sorted(lines[m])) for m in models]


def _line(s: ox.NamedNode, p: ox.NamedNode, o: Term, roots: set[str]) -> str:
    """The template line of one triple of a model's part ('' for one a copy leaves out)."""
    root = _root(s.value)
    kind = root[len(B):].split("/", 1)[0]
    own = s.value == root   # a statement about the model, result or publication itself
    subj = f"<{_new(root)}{s.value[len(root):]}>"
    if isinstance(o, ox.NamedNode):
        oroot = _root(o.value)
        if own and kind == "publication" and p.value == V + "doiIri":
            return f"{subj} {p} <https://doi.org/10.99999/mfkg-synthetic.{_new(root).rsplit('/', 1)[1]}> .\n"
        obj = f"<{_new(oroot)}{o.value[len(oroot):]}>" if oroot in roots else str(o)
        return f"{subj} {p} {obj} .\n"
    if not isinstance(o, ox.Literal) or not own:
        return f"{subj} {p} {o} .\n"
    value = o.value
    if p.value == V + "identifier":
        value = _new(root).rsplit("/", 1)[1]
    elif kind == "model" and p.value == V + "huggingFaceId":
        return ""
    elif kind == "model" and p.value in LABELS:
        value = f"{value} s{MARK}"
    elif kind == "publication" and p.value in PUB_DROPPED:
        return ""
    elif kind == "publication" and p.value in TITLES:
        value = f"{value} (synthetic copy {MARK})"
    elif kind == "publication" and p.value == V + "doi":
        value = f"10.99999/mfkg-synthetic.{_new(root).rsplit('/', 1)[1]}"
    lit = o if value == o.value else ox.Literal(value, language=o.language) if o.language else ox.Literal(value, datatype=o.datatype)
    return f"{subj} {p} {lit} .\n"


def resample(build_dir: Path, path: Path, n_triples: int, seed: int = 42) -> tuple[int, int]:
    """Write about `n_triples` triples of copies of the curated models to `path` (N-Triples); return the triples
    and the models written. Copy k of a model drawn at random is its template with k in place of MARK."""
    parts = templates(build_dir)
    if not parts:
        raise ValueError(f"{build_dir} holds no model to copy: run `mfkg build` first")
    counts = [t.count("\n") for t in parts]
    rng = random.Random(seed)
    written, k = 0, 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < n_triples:
            j = rng.randrange(len(parts))
            fh.write(parts[j].replace(MARK, str(k)))
            written += counts[j]
            k += 1
    return written, k
