"""Entity IRIs and ids: which IRIs name top-level entities (`split_iri`), and the one case of the
resolver the console script's quick path answers without building the resolver's index — a name
that is an entity's exact id, or its `kind/id`, for exactly one entity of the kinds asked.

`resolve.EntityIndex` is the resolver; `exact_entity` gives the IRI it would give for such a name
(its first two steps: the IRI or `kind/id`, then the exact id) and None for every other name, which
then goes to the resolver itself (a test checks the two agree on every entity). Light: no imports.

>>> split_iri("https://w3id.org/mfkg/model/esm2"), split_iri("https://w3id.org/mfkg/vocab/Model")
(('model', 'esm2'), None)
"""

from __future__ import annotations

TYPE_CHECKING = False   # `typing` is not imported at run time (see the module's docstring)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

BASE = "https://w3id.org/mfkg/"
VOCAB = BASE + "vocab/"
IDENTIFIER = VOCAB + "identifier"
VARIANT_OF = VOCAB + "variantOf"

# what the resolver's index lists as entities: an identifier and not a variant of a model (variants are
# names of their model); by id, and whether one IRI is one (a bound variable must be projected)
_BY_ID = (f"SELECT DISTINCT ?s ?text WHERE {{ ?s <{IDENTIFIER}> ?id . FILTER(STR(?id) = STR(?text)) "
          f"FILTER NOT EXISTS {{ ?s <{VARIANT_OF}> ?parent }} }}")
_IS_ENTITY = f"SELECT ?s WHERE {{ ?s <{IDENTIFIER}> ?id . FILTER NOT EXISTS {{ ?s <{VARIANT_OF}> ?parent }} }} LIMIT 1"


def split_iri(iri: str) -> tuple[str, str] | None:
    """(kind, id) of a top-level entity IRI; None for vocabulary terms and parts of entities."""
    if not iri.startswith(BASE) or iri.startswith(VOCAB):
        return None
    kind, _, rest = iri[len(BASE):].partition("/")
    if not rest or "/" in rest:
        return None
    return kind, rest


def exact_entity(store: Any, text: str, kinds: Sequence[str]) -> str | None:
    """The IRI of the one entity of `kinds` whose IRI, `kind/id` or exact id is `text`; None when the
    name is anything else or fits several (the resolver then says what it means)."""
    from mfkg.query.terms import Term

    text = text.strip()
    if "/" in text:   # an IRI or kind/id: the resolver's first step
        iri = text if text.startswith(BASE) else BASE + text
        parts = split_iri(iri)
        if parts is None or parts[0] not in kinds:
            return None
        return iri if store.select(_IS_ENTITY, {"s": Term.uri(iri)}).rows else None
    rows = store.select(_BY_ID, {"text": Term.literal(text)}).rows
    hits = [r[0].value for r in rows if r[0] is not None and r[0].kind == "uri"
            and (split_iri(r[0].value) or ("",))[0] in kinds]
    return hits[0] if len(hits) == 1 else None
