"""How long rdflib's engine is given per question in the benchmark's comparison with Oxigraph."""

from __future__ import annotations

RDFLIB_QUERY_LIMIT_S = 15.0   # rdflib's engine takes minutes on some questions: each is stopped here (a bound)
RDFLIB_TARGET = 15            # the ratio the benchmark checks: Oxigraph at least this many times faster
RDFLIB_MIN_LIMIT_S = 3.0


def rdflib_limits(oxigraph_ms: dict[str, float], names: tuple[str, ...] | list[str]) -> dict[str, float]:
    """rdflib's limit per question: just over what settles the target (`RDFLIB_TARGET` times Oxigraph's time
    on it, at least `RDFLIB_MIN_LIMIT_S`), at most `RDFLIB_QUERY_LIMIT_S`. Stopped there, rdflib is at least
    that many times slower, which is all the target asks; waiting longer only tightens a bound already met.
    A question Oxigraph did not answer gets the full limit.

    >>> rdflib_limits({"a": 100.0, "b": 680.0, "c": 2000.0}, ["a", "b", "c", "d"])
    {'a': 3.0, 'b': 10.9, 'c': 15.0, 'd': 15.0}
    """
    out = {}
    for name in names:
        ms = oxigraph_ms.get(name)
        need = (RDFLIB_TARGET + 1) * ms / 1000 if ms is not None else RDFLIB_QUERY_LIMIT_S
        out[name] = round(min(RDFLIB_QUERY_LIMIT_S, max(RDFLIB_MIN_LIMIT_S, need)), 1)
    return out
