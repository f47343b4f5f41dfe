"""A seeded generator of synthetic graphs with the curated graph's shape, for benchmarks only.

Synthetic models use the curated vocabulary (modalities, tokenizers, layer types, patterns, tasks)
and get modality usages, claims with sources, publications and lineage, so every saved query has
work to do. IRIs live under https://w3id.org/mfkg/synthetic/ and are never mixed into releases.
"""

from __future__ import annotations

import random
from pathlib import Path

V = "https://w3id.org/mfkg/vocab/"
B = "https://w3id.org/mfkg/"
S = B + "synthetic/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD_INT = "<http://www.w3.org/2001/XMLSchema#integer>"
MODALITIES = ["scrna", "scatac", "surface-protein", "protein-sequence", "protein-structure", "dna-sequence",
              "spatial-transcriptomics", "text", "histology-image", "small-molecule"]
TOKENIZERS = ["rank-value", "value-binning", "continuous-projection", "amino-acid", "kmer-dna", "single-nucleotide",
              "text-subword", "image-patch", "cell-token"]
LAYERS = ["transformer", "vae", "discrete-diffusion", "equivariant-gnn", "long-convolution", "cnn"]
PATTERNS = ["concatenation", "wnn", "shared-latent-vae", "dual-aligned", "multi-task-fusion", "condition-token",
            "clip-contrastive", "discrete-diffusion", "geometric-dl", "masked-modeling", "autoregressive"]
TASKS = ["cell-type-annotation", "batch-integration", "perturbation-prediction", "cross-modal-translation",
         "protein-structure-prediction", "variant-effect-prediction", "cell-embedding", "grn-inference"]
FAMILIES = ["single-cell", "protein", "genomic", "spatial", "multimodal"]
ROLES = ["input", "output", "anchor", "conditioning"]


def _iri(x: str) -> str:
    return f"<{x}>"


def model_triples(i: int, rng: random.Random) -> list[str]:
    m = f"{S}model/m{i}"
    pub = f"{S}publication/p{i}"
    t = [f"{_iri(m)} {RDF_TYPE} {_iri(V + 'Model')} .",
         f"{_iri(m)} {RDF_TYPE} {_iri(V + 'FoundationModel')} .",
         f"{_iri(m)} {_iri(V + 'identifier')} \"m{i}\" .",
         f"{_iri(m)} {LABEL} \"Synthetic model {i}\"@en .",
         f"{_iri(m)} {_iri(V + 'releaseYear')} \"{rng.randint(2018, 2026)}\"^^{XSD_INT} .",
         f"{_iri(m)} {_iri(V + 'inFamily')} {_iri(B + 'family/' + rng.choice(FAMILIES))} .",
         f"{_iri(m)} {_iri(V + 'describedIn')} {_iri(pub)} .",
         f"{_iri(m)} {_iri(V + 'primaryPublication')} {_iri(pub)} .",
         f"{_iri(pub)} {RDF_TYPE} {_iri(V + 'Publication')} .",
         f"{_iri(pub)} {LABEL} \"Synthetic paper {i}\" .",
         f"{_iri(pub)} {_iri(V + 'publicationYear')} \"{rng.randint(2018, 2026)}\"^^{XSD_INT} .",
         f"{_iri(pub)} {_iri(V + 'publicationType')} {_iri(B + 'pubtype/foundation-model')} ."]
    mods = rng.sample(MODALITIES, rng.randint(1, 3))
    for j, mod in enumerate(mods):
        u = f"{m}/usage/{mod}"
        t += [f"{_iri(m)} {_iri(V + 'hasModalityUsage')} {_iri(u)} .",
              f"{_iri(u)} {RDF_TYPE} {_iri(V + 'ModalityUsage')} .",
              f"{_iri(u)} {_iri(V + 'modality')} {_iri(B + 'modality/' + mod)} .",
              f"{_iri(u)} {_iri(V + 'role')} {_iri(B + 'role/' + ('anchor' if j == 0 else rng.choice(ROLES)))} .",
              f"{_iri(m)} {_iri(V + 'usesModality')} {_iri(B + 'modality/' + mod)} .",
              f"{_iri(m)} {_iri(V + ('hasAnchorModality' if j == 0 else 'hasInputModality'))} {_iri(B + 'modality/' + mod)} ."]
        tok = rng.choice(TOKENIZERS)
        t += [f"{_iri(u)} {_iri(V + 'tokenizer')} {_iri(B + 'tokenizer/' + tok)} .",
              f"{_iri(m)} {_iri(V + 'usesTokenizer')} {_iri(B + 'tokenizer/' + tok)} ."]
    t.append(f"{_iri(m)} {_iri(V + 'hasLayerType')} {_iri(B + 'layer-type/' + rng.choice(LAYERS))} .")
    t.append(f"{_iri(m)} {_iri(V + 'followsPattern')} {_iri(B + 'pattern/' + rng.choice(PATTERNS))} .")
    for task in rng.sample(TASKS, 2):
        t.append(f"{_iri(m)} {_iri(V + 'addressesTask')} {_iri(B + 'task/' + task)} .")
    for prop, lo, hi in (("parameterCount", 10**6, 10**11), ("pretrainingCells", 10**5, 10**9)):
        c = f"{m}/claim/{prop}"
        value = rng.randint(lo, hi)
        t += [f"{_iri(m)} {_iri(V + 'hasClaim')} {_iri(c)} .",
              f"{_iri(c)} {RDF_TYPE} {_iri(V + 'Claim')} .",
              f"{_iri(c)} {_iri(V + 'claimProperty')} {_iri(V + prop)} .",
              f"{_iri(c)} {_iri(V + 'claimValue')} \"{value}\"^^{XSD_INT} .",
              f"{_iri(c)} {_iri(V + 'claimSource')} {_iri(pub)} .",
              f"{_iri(c)} {_iri(V + 'quote')} \"synthetic quote {i}\" .",
              f"{_iri(m)} {_iri(V + prop)} \"{value}\"^^{XSD_INT} ."]
    if i > 0 and rng.random() < 0.2:
        t.append(f"{_iri(m)} {_iri(V + 'derivesFrom')} {_iri(S + 'model/m' + str(rng.randrange(i)))} .")
    return t


def generate(path: Path, n_triples: int, seed: int = 42) -> tuple[int, int]:
    """Write about `n_triples` synthetic N-Triples to `path`; return the triples and the models written."""
    rng = random.Random(seed)
    written, i = 0, 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < n_triples:
            lines = model_triples(i, rng)
            fh.write("\n".join(lines) + "\n")
            written += len(lines)
            i += 1
    return written, i


def property_graph_csv(folder: Path, n_edges: int, seed: int = 42) -> dict[str, int]:
    """A synthetic property graph for the Cypher engine comparison: Model, Pattern and Task nodes,
    FOLLOWS_PATTERN and ADDRESSES_TASK edges, as CSV files the engines can COPY."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n_models = max(n_edges // 4, 10)
    with open(folder / "Model.csv", "w") as fh:
        for i in range(n_models):
            fh.write(f"m{i},Model {i},{rng.randint(2018, 2026)}\n")
    with open(folder / "Pattern.csv", "w") as fh:
        for p in PATTERNS:
            fh.write(f"{p},{p}\n")
    with open(folder / "Task.csv", "w") as fh:
        for k in range(200):
            fh.write(f"t{k},Task {k}\n")
    follows = addresses = 0
    with open(folder / "FOLLOWS.csv", "w") as f1, open(folder / "ADDRESSES.csv", "w") as f2:
        for i in range(n_models):
            f1.write(f"m{i},{rng.choice(PATTERNS)}\n")
            follows += 1
            for k in rng.sample(range(200), 3):
                f2.write(f"m{i},t{k}\n")
                addresses += 1
    return {"models": n_models, "edges": follows + addresses}
