"""Seed §02 as illustrations: each tokenization strategy applied to its toy example (computed by
`viz.tokens`), with the strategy's definition and the models that use it, both from the graph."""

from __future__ import annotations

import html
from collections.abc import Callable

from mfkg.viz import tokens as T
from mfkg.viz.seed_data import SeedGraph

TOKENS_CSS = """
.tokcards { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 14px; }
.tokcard { border: 1px solid #e2e8f0; border-radius: 10px; padding: 10px 14px; }
.tokcard h3 { margin: 2px 0 6px; font-size: 15px; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; margin: 6px 0; }
.chip { font: 12px ui-monospace, monospace; padding: 2px 6px; border-radius: 6px; background: #fef9c3; border: 1px solid #ca8a04; }
.chip small { color: #475569; margin-left: 3px; }
.toy { font-size: 12px; border-collapse: collapse; width: auto; } .toy td, .toy th { padding: 2px 6px; border-bottom: 1px solid #f1f5f9; }
.patchgrid { display: inline-grid; gap: 6px; } .patch { display: inline-grid; gap: 1px; border: 2px solid #ca8a04; }
.px { width: 9px; height: 9px; }
.usedby { font-size: 12px; color: #334155; }
"""


def _chips(items: list[tuple[str, str]]) -> str:
    return '<div class="chips">' + "".join(
        f'<span class="chip" data-token="{html.escape(t, quote=True)}">{html.escape(t)}{f" <small>{html.escape(s)}</small>" if s else ""}</span>'
        for t, s in items) + "</div>"


def _cell_table() -> str:
    rows = "".join(f"<tr><td>{html.escape(g)}</td><td>{v:g}</td><td>{T.TOY_GENE_MEDIANS[g]:g}</td></tr>" for g, v in T.TOY_CELL.items())
    return ('<table class="toy"><caption>the toy cell</caption><tr><th>gene</th><th>count</th><th>corpus median</th></tr>'
            f"{rows}</table>")


def rank_html() -> str:
    ranked = T.rank_tokens(T.TOY_CELL, T.TOY_GENE_MEDIANS)
    return ("<p>Divide each detected gene's count by its corpus median, sort high to low; the genes in that order are "
            "the tokens (the value itself is dropped).</p>" + _chips([(g, f"{r:.2f}") for g, r in ranked]))


def bins_html() -> str:
    edges, bins = T.value_bins(T.TOY_CELL, 4)
    return (f"<p>Bin edges are the quantiles of this cell's non-zero values: {html.escape(', '.join(f'{e:g}' for e in edges))}. "
            "Zero is bin 0; each gene token carries its bin.</p>" + _chips([(g, f"bin {b}") for g, _, b in bins]))


def projection_html() -> str:
    rows = T.continuous_projection(T.TOY_CELL)
    return ("<p>No vocabulary of values: log1p(count) is projected linearly to an embedding "
            f"(toy weights w = {T.PROJECTION_W}, b = {T.PROJECTION_B}).</p>"
            + _chips([(g, f"{x:g} → ({', '.join(f'{v:g}' for v in e)})") for g, x, e in rows]))


def text_html() -> str:
    rows, cell = T.text_embedding(T.TOY_CELL, T.TOY_GENE_TEXT)
    body = "".join(f"<tr><td>{html.escape(g)}</td><td>{html.escape(d)}</td><td>{html.escape(str(v))}</td></tr>" for g, d, v in rows)
    return ("<p>Each gene is looked up as the embedding of its text description (made once by a language model; here "
            "made-up 3-number vectors); the cell is the expression-weighted mean.</p>"
            f'<table class="toy"><tr><th>gene</th><th>description</th><th>vector</th></tr>{body}</table>'
            + _chips([("cell", str(cell))]))


def protein_html() -> str:
    return f"<p>Toy protein <code>{T.TOY_PROTEIN}</code>: one token per residue.</p>" + _chips(
        [(a, str(i + 1)) for i, a in enumerate(T.amino_acid_tokens(T.TOY_PROTEIN))])


def kmer_html() -> str:
    return (f"<p>Toy DNA <code>{T.TOY_DNA}</code> as overlapping 3-mers (stride 1) and non-overlapping 6-mers.</p>"
            + _chips([(k, "") for k in T.kmer_tokens(T.TOY_DNA, 3)]) + _chips([(k, "") for k in T.kmer_tokens(T.TOY_DNA, 6, 6)]))


def bpe_html() -> str:
    result = T.bpe(T.TOY_DNA, 3)
    merges = ", ".join(f"{a}+{b}" for a, b in result.merges)
    return (f"<p>Byte-pair encoding learnt on <code>{T.TOY_DNA}</code>: merge the most frequent adjacent pair, three times "
            f"({html.escape(merges)}).</p>" + _chips([(t, "") for t in result.tokens]))


def nucleotide_html() -> str:
    return f"<p>Toy DNA <code>{T.TOY_DNA}</code>, one token per base.</p>" + _chips(
        [(b, "") for b in T.single_nucleotide_tokens(T.TOY_DNA)])


def structure_html() -> str:
    toks = T.lfq_tokens(T.TOY_RESIDUE_FEATURES)
    return ("<p>Per-residue structure-encoder outputs are quantised without a codebook look-up: the sign of each of "
            "3 numbers is a bit, and the bits read as a binary number are the token (8 possible tokens).</p>"
            + _chips([(f"{i + 1}: {t}", "".join(map(str, bits))) for i, (bits, t) in enumerate(toks)]))


def patches_html() -> str:
    ps = T.patches(T.TOY_SLIDE, 4)
    cells = []
    for r, c, patch in ps:
        px = "".join(f'<span class="px" style="background:rgb({255 - v * 22},{255 - v * 18},{255 - v * 6})"></span>'
                     for row in patch for v in row)
        cells.append(f'<span class="patch" title="patch {r},{c}" style="grid-template-columns:repeat(4,9px)">{px}</span>')
    return (f"<p>An 8 × 8 toy slide cut into 4 × 4 patches, row by row: {len(ps)} tokens, each flattened and embedded.</p>"
            f'<div class="patchgrid" style="grid-template-columns:repeat(2,auto)">{"".join(cells)}</div>')


# (card id, tokenizer ids in the graph, title, illustration, single-cell group)
CARDS: tuple[tuple[str, tuple[str, ...], str, Callable[[], str], bool], ...] = (
    ("rank", ("rank-value",), "Rank tokens (Geneformer)", rank_html, True),
    ("bins", ("value-binning",), "Value bins (scGPT)", bins_html, True),
    ("projection", ("continuous-projection",), "Continuous projection (scFoundation)", projection_html, True),
    ("text", ("llm-text-embedding",), "Text embedding of gene descriptions (scELMo)", text_html, True),
    ("amino-acid", ("amino-acid",), "Amino-acid tokens", protein_html, False),
    ("kmer", ("kmer-dna",), "k-mer tokens", kmer_html, False),
    ("bpe", ("bpe-dna", "bpe-protein"), "Byte-pair-encoded tokens", bpe_html, False),
    ("nucleotide", ("single-nucleotide",), "Single-nucleotide tokens", nucleotide_html, False),
    ("structure", ("structure-token-lfq", "structure-token-vq", "structure-token-kmeans", "foldseek-3di"),
     "Structure tokens (lookup-free quantisation)", structure_html, False),
    ("patches", ("image-patch",), "Patch tokens of a slide", patches_html, False),
)


def strategies_table(sg: SeedGraph) -> str:
    """Every tokenization strategy in the graph, with what it applies to and the models that use it."""
    rows = []
    for t in sg.by_name(sg.nodes("TokenizationStrategy")):
        models = sg.into(t, "USES_TOKENIZER")
        rows.append(f'<tr data-tokenizer="{html.escape(t, quote=True)}"><td>{sg.link(t, "tokenizers")}</td>'
                    f"<td>{sg.links(sg.out(t, 'APPLIES_TO_MODALITY'), 'modalities')}</td>"
                    f'<td data-sort="{len(models)}">{len(models)}</td><td>{sg.links(models)}</td></tr>')
    return ('<h3>Every strategy in the graph and the models that use it</h3><div class="filters">'
            '<input type="search" placeholder="filter rows…" aria-label="filter strategies"><span class="count"></span></div>'
            '<table class="data" id="table-strategies"><thead><tr><th>strategy</th><th>applies to</th><th>models</th>'
            f'<th>used by</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def tokenization_section(sg: SeedGraph, *, everything: bool = False) -> str:
    cards = []
    for card_id, tok_ids, title, draw, single_cell in CARDS:
        toks = [f"tokenizer/{t}" for t in tok_ids if f"tokenizer/{t}" in sg.g]
        models = sorted({m for t in toks for m in sg.into(t, "USES_TOKENIZER")})
        defs = "".join(f"<p><strong>{sg.link(t, 'tokenizers')}</strong>: {sg.description(t, 'span')}</p>" for t in toks)
        cards.append(f'<article class="tokcard" id="tok-{card_id}" data-card="{card_id}" data-single-cell="{str(single_cell).lower()}">'
                     f"<h3>{html.escape(title)}</h3>{draw()}{defs}"
                     f'<p class="usedby">Used by {len(models)} model(s): {sg.links(models) or "none in the graph"}</p></article>')
    return (f"{_cell_table()}<h3>One cell, four vocabularies</h3>"
            f'<div class="tokcards">{"".join(cards[:4])}</div>'
            f'<h3>Sequences, structures and slides</h3><div class="tokcards">{"".join(cards[4:])}</div>'
            + (strategies_table(sg) if everything else ""))
