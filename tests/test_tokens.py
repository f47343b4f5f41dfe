"""The tokenization illustrations compute what the strategies do; answers worked out by hand."""

from __future__ import annotations

import pytest

from mfkg.viz.tokens import (
    TOY_CELL,
    TOY_DNA,
    TOY_GENE_MEDIANS,
    TOY_GENE_TEXT,
    TOY_PROTEIN,
    TOY_RESIDUE_FEATURES,
    TOY_SLIDE,
    amino_acid_tokens,
    bin_edges,
    bpe,
    continuous_projection,
    kmer_tokens,
    lfq_tokens,
    patches,
    rank_tokens,
    single_nucleotide_tokens,
    text_embedding,
    value_bins,
)


def test_rank_order_divides_by_the_corpus_median_and_drops_zeros() -> None:
    # ratios: CD8A 8/2=4, CD3E 12/4=3, NKG7 3/2=1.5, LYZ 25/20=1.25, ACTB 60/60=1, IL7R 5/5=1, GAPDH 40/50=0.8
    ranked = rank_tokens(TOY_CELL, TOY_GENE_MEDIANS)
    assert [g for g, _ in ranked] == ["CD8A", "CD3E", "NKG7", "LYZ", "ACTB", "IL7R", "GAPDH"]
    assert ranked[0][1] == 4 and ranked[-1][1] == pytest.approx(0.8)
    assert "MS4A1" not in dict(ranked)   # not detected: no token


def test_bin_edges_are_the_quantiles_of_the_non_zero_values() -> None:
    # non-zero values 3 5 8 12 25 40 60; quantile positions 6q: 0, 1.5, 3, 4.5, 6
    assert bin_edges(TOY_CELL, 4) == [3, 6.5, 12, 32.5, 60]


def test_value_bins_put_zero_in_bin_0_and_each_value_in_its_interval() -> None:
    edges, bins = value_bins(TOY_CELL, 4)
    assert edges == [3, 6.5, 12, 32.5, 60]
    assert {g: b for g, _, b in bins} == {"CD3E": 2, "MS4A1": 0, "GAPDH": 4, "NKG7": 1, "LYZ": 3, "CD8A": 2,
                                          "IL7R": 1, "ACTB": 4}


def test_continuous_projection_is_linear_in_log1p_and_keeps_zero() -> None:
    out = {g: (x, e) for g, x, e in continuous_projection(TOY_CELL)}
    assert out["MS4A1"] == (0.0, (0.0, 0.1, -0.2))          # zero projects to the bias
    x, e = out["GAPDH"]
    assert x == pytest.approx(3.714, abs=1e-3)              # log(41)
    assert e == pytest.approx((0.5 * x, 0.1 - 0.25 * x, x - 0.2), abs=1e-3)


def test_text_embedding_is_a_lookup_and_the_cell_an_expression_weighted_mean() -> None:
    rows, cell = text_embedding(TOY_CELL, TOY_GENE_TEXT)
    assert [g for g, _, _ in rows] == list(TOY_CELL)
    assert rows[0][1] == "T-cell receptor complex subunit"
    # total 153; dim 0: 12+3+8+2.5 = 25.5; dim 1: 12.5; dim 2: 40+1.5+12.5+60 = 114
    assert cell == (round(25.5 / 153, 3), round(12.5 / 153, 3), round(114 / 153, 3))


def test_sequence_tokens() -> None:
    assert amino_acid_tokens(TOY_PROTEIN) == list("MKTAYIAKQR")
    assert single_nucleotide_tokens("ACGT") == ["A", "C", "G", "T"]
    assert kmer_tokens(TOY_DNA, 3)[:4] == ["ATG", "TGC", "GCG", "CGA"] and len(kmer_tokens(TOY_DNA, 3)) == 10
    assert kmer_tokens(TOY_DNA, 6, 6) == ["ATGCGA", "TGCGAT"]


def test_bpe_merges_the_most_frequent_pair_first() -> None:
    # AT occurs 3 times; then (AT, G) and (ATG, C) twice each, first seen first
    result = bpe(TOY_DNA, 3)
    assert result.merges == [("A", "T"), ("AT", "G"), ("ATG", "C")]
    assert result.tokens == ["ATGC", "G", "ATGC", "G", "AT"]
    assert "".join(result.tokens) == TOY_DNA
    assert bpe("ABCD", 3).merges == []   # no pair repeats: nothing to merge


def test_lfq_structure_tokens_are_sign_bits_read_as_binary() -> None:
    assert [t for _, t in lfq_tokens(TOY_RESIDUE_FEATURES)] == [5, 3, 6, 0, 7, 1]


def test_patching_cuts_row_by_row() -> None:
    ps = patches(TOY_SLIDE, 4)
    assert [(r, c) for r, c, _ in ps] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert ps[0][2][0] == (0, 1, 2, 0) and ps[0][2][3] == (0, 1, 2, 0)
    assert min(v for row in ps[3][2] for v in row) >= 8 > max(v for row in ps[0][2] for v in row)
    assert len(patches(TOY_SLIDE, 2)) == 16
    with pytest.raises(ValueError, match="does not cut"):
        patches(TOY_SLIDE, 3)
