"""Tokenization strategies applied to one toy example each: real computations, small enough to check by hand.

The same toy cell becomes rank tokens (Geneformer), value bins (scGPT), a continuous projection
(scFoundation) and a text-embedding lookup (scELMo); a toy protein and a toy DNA sequence become
amino-acid, k-mer, byte-pair and single-nucleotide tokens; toy residue features become
lookup-free-quantised structure tokens (DPLM-2); a toy slide becomes patch tokens (ViT). The toy
numbers are made up for illustration; the rules are the strategies' published ones, simplified.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

# ---------------------------------------------------------------------------- the toy inputs
# one cell: raw counts per gene (one gene not detected)
TOY_CELL: dict[str, float] = {"CD3E": 12, "MS4A1": 0, "GAPDH": 40, "NKG7": 3, "LYZ": 25, "CD8A": 8, "IL7R": 5, "ACTB": 60}
# each gene's median across a (toy) pretraining corpus: Geneformer divides by it before ranking
TOY_GENE_MEDIANS: dict[str, float] = {"CD3E": 4, "MS4A1": 5, "GAPDH": 50, "NKG7": 2, "LYZ": 20, "CD8A": 2, "IL7R": 5,
                                      "ACTB": 60}
# a one-line description per gene, and a made-up 3-number vector standing in for an LLM's embedding of it
TOY_GENE_TEXT: dict[str, tuple[str, tuple[float, float, float]]] = {
    "CD3E": ("T-cell receptor complex subunit", (1.0, 0.0, 0.0)),
    "MS4A1": ("B-cell surface antigen CD20", (0.0, 1.0, 0.0)),
    "GAPDH": ("glycolytic enzyme, housekeeping", (0.0, 0.0, 1.0)),
    "NKG7": ("granule protein of NK and cytotoxic T cells", (1.0, 0.0, 0.5)),
    "LYZ": ("lysozyme, myeloid antimicrobial enzyme", (0.0, 0.5, 0.5)),
    "CD8A": ("co-receptor of cytotoxic T cells", (1.0, 0.0, 0.0)),
    "IL7R": ("interleukin-7 receptor, naive and memory T cells", (0.5, 0.0, 0.0)),
    "ACTB": ("beta-actin, cytoskeleton, housekeeping", (0.0, 0.0, 1.0)),
}
TOY_PROTEIN = "MKTAYIAKQR"
TOY_DNA = "ATGCGATGCGAT"
# per-residue encoder outputs (3 numbers each) that lookup-free quantisation turns into tokens
TOY_RESIDUE_FEATURES: tuple[tuple[float, float, float], ...] = (
    (0.8, -0.2, 0.1), (-0.5, 0.4, 0.3), (0.2, 0.6, -0.9), (-0.1, -0.3, -0.7), (0.9, 0.9, 0.9), (-0.4, -0.8, 0.2))
# an 8 x 8 grey-level "slide" with a bright region in the lower right
TOY_SLIDE: tuple[tuple[int, ...], ...] = tuple(
    tuple((1 if (r >= 4 and c >= 4) else 0) * 8 + (r + c) % 3 for c in range(8)) for r in range(8))


# ---------------------------------------------------------------------------- single cell
def rank_tokens(cell: dict[str, float], medians: dict[str, float]) -> list[tuple[str, float]]:
    """Geneformer's rank value encoding: drop undetected genes, divide each count by the gene's corpus
    median, order genes by that ratio (highest first; ties by gene name). The tokens are the genes in order.

    >>> [g for g, _ in rank_tokens({"A": 4, "B": 0, "C": 9}, {"A": 1, "B": 1, "C": 3})]
    ['A', 'C']
    """
    ratios = [(g, v / medians[g]) for g, v in cell.items() if v > 0]
    return sorted(ratios, key=lambda gv: (-gv[1], gv[0]))


def quantile(sorted_values: list[float], q: float) -> float:
    """Linear-interpolation quantile of an ascending list (numpy's default method)."""
    pos = (len(sorted_values) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def bin_edges(cell: dict[str, float], n_bins: int) -> list[float]:
    """scGPT's per-cell bin edges: the quantiles 0, 1/B, …, 1 of the cell's non-zero values."""
    nonzero = sorted(v for v in cell.values() if v > 0)
    return [quantile(nonzero, k / n_bins) for k in range(n_bins + 1)]


def value_bins(cell: dict[str, float], n_bins: int = 4) -> tuple[list[float], list[tuple[str, float, int]]]:
    """scGPT's value binning: zero stays bin 0; a non-zero value goes to bin k (1…B) when it lies in
    (edge[k-1], edge[k]], the lowest value in bin 1. Returns the edges and (gene, value, bin) per gene.

    >>> value_bins({"A": 1, "B": 2, "C": 3, "D": 0}, 2)[1]
    [('A', 1, 1), ('B', 2, 1), ('C', 3, 2), ('D', 0, 0)]
    """
    edges = bin_edges(cell, n_bins)
    out = []
    for gene, v in cell.items():
        b = 0 if v <= 0 else max(1, next(k for k in range(1, n_bins + 1) if v <= edges[k] or k == n_bins))
        out.append((gene, v, b))
    return edges, out


PROJECTION_W = (0.5, -0.25, 1.0)   # a toy 1 -> 3 linear projection (learnt in the real model)
PROJECTION_B = (0.0, 0.1, -0.2)


def continuous_projection(cell: dict[str, float]) -> list[tuple[str, float, tuple[float, ...]]]:
    """scFoundation keeps the expression value as a number: log1p(value) is projected linearly to an
    embedding (here 3 numbers: w·log1p(x) + b), no vocabulary of bins. Zeros are kept too."""
    out = []
    for gene, v in cell.items():
        x = math.log1p(v)
        out.append((gene, round(x, 3), tuple(round(w * x + b, 3) for w, b in zip(PROJECTION_W, PROJECTION_B))))
    return out


def text_embedding(cell: dict[str, float], table: dict[str, tuple[str, tuple[float, float, float]]]
                   ) -> tuple[list[tuple[str, str, tuple[float, ...]]], tuple[float, ...]]:
    """scELMo: each gene is looked up as the embedding of its text description (made by an LLM once,
    offline); the cell is the expression-weighted mean of its genes' vectors."""
    rows = [(g, table[g][0], table[g][1]) for g in cell]
    total = sum(v for v in cell.values() if v > 0)
    cell_vec = tuple(round(sum(cell[g] * vec[i] for g, _, vec in rows) / total, 3) for i in range(3))
    return rows, cell_vec


# ---------------------------------------------------------------------------- sequences
def amino_acid_tokens(seq: str) -> list[str]:
    return list(seq)


def single_nucleotide_tokens(seq: str) -> list[str]:
    return list(seq)


def kmer_tokens(seq: str, k: int = 3, stride: int = 1) -> list[str]:
    """k-mers: overlapping with stride 1 (DNABERT), non-overlapping with stride k (Nucleotide Transformer).

    >>> kmer_tokens("ATGCG", 3)
    ['ATG', 'TGC', 'GCG']
    >>> kmer_tokens("ATGCGA", 3, 3)
    ['ATG', 'CGA']
    """
    return [seq[i:i + k] for i in range(0, len(seq) - k + 1, stride)]


@dataclass(frozen=True)
class BpeResult:
    merges: list[tuple[str, str]]
    tokens: list[str]


def bpe(seq: str, n_merges: int = 3) -> BpeResult:
    """A tiny deterministic byte-pair encoding learnt on the sequence itself: start from single
    letters, repeatedly merge the most frequent adjacent pair (ties: the pair seen first).

    >>> bpe("ABABAB", 1).tokens
    ['AB', 'AB', 'AB']
    """
    tokens = list(seq)
    merges: list[tuple[str, str]] = []
    for _ in range(n_merges):
        pairs = Counter(zip(tokens, tokens[1:]))
        if not pairs:
            break
        best_count = max(pairs.values())
        if best_count < 2:
            break
        best = next(p for p in zip(tokens, tokens[1:]) if pairs[p] == best_count)
        merges.append(best)
        merged: list[str] = []
        i = 0
        while i < len(tokens):
            if i + 1 < len(tokens) and (tokens[i], tokens[i + 1]) == best:
                merged.append(tokens[i] + tokens[i + 1])
                i += 2
            else:
                merged.append(tokens[i])
                i += 1
        tokens = merged
    return BpeResult(merges, tokens)


# ---------------------------------------------------------------------------- structure and images
def lfq_tokens(features: tuple[tuple[float, ...], ...]) -> list[tuple[tuple[int, ...], int]]:
    """Lookup-free quantisation (DPLM-2's structure tokens): each feature becomes its sign bit
    (1 when > 0), and the token id is the bits read as a binary number (first feature = highest bit).

    >>> lfq_tokens(((0.3, -1.0, 2.0),))
    [((1, 0, 1), 5)]
    """
    out = []
    for f in features:
        bits = tuple(1 if x > 0 else 0 for x in f)
        out.append((bits, int("".join(map(str, bits)), 2)))
    return out


def patches(image: tuple[tuple[int, ...], ...], size: int) -> list[tuple[int, int, tuple[tuple[int, ...], ...]]]:
    """ViT-style patch tokens: cut the image into size x size squares, row by row; each patch is one
    token (flattened and linearly embedded in the real model). Returns (row, column, patch).

    >>> [(r, c) for r, c, _ in patches(((1, 2), (3, 4)), 1)]
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    h, w = len(image), len(image[0])
    if h % size or w % size:
        raise ValueError(f"a {h}x{w} image does not cut into {size}x{size} patches")
    return [(r, c, tuple(tuple(image[r * size + i][c * size:(c + 1) * size]) for i in range(size)))
            for r in range(h // size) for c in range(w // size)]
