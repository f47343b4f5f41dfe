"""mfkg writes the usual terms as N-Triples itself; the lines must be Oxigraph's, byte for byte (the
build sorts them, and both build paths and every cache key depend on them), and what Oxigraph refuses
must still be refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef

from mfkg.rdf.oxio import nt_lines, to_ox

XSD = "http://www.w3.org/2001/XMLSchema#"
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["", "a\"b", "back\\slash", "line\nbreak", "tab\there", "\x00\x01\x7f", "\u2028\ufeff", "é中😀", "a b", "x>y"])
_IRI = st.builds(lambda rest: "https://w3id.org/mfkg/" + rest, _TEXT) | st.sampled_from(
    ["http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", XSD + "string", XSD + "integer", "urn:x", "bad iri"])
_TERM = st.one_of(
    st.builds(URIRef, _IRI),
    st.builds(lambda t: Literal(t), _TEXT),
    st.builds(lambda t, lang: Literal(t, lang=lang), _TEXT, st.sampled_from(["en", "ko", "en-GB", "EN", "x-y1"])),
    st.builds(lambda t, dt: Literal(t, datatype=URIRef(dt)), _TEXT, _IRI),
    st.builds(BNode, st.sampled_from(["b1", "N0a9", "t" + "f" * 31, "with-dash", "x_y"])),
    st.builds(lambda t, lang: Literal(t, lang=lang), _TEXT, st.sampled_from(["abcdefghi", "en-abcdefghi", "i-klingon"])),
)


def _reference(s, p, o) -> bytes:  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    return f"{ox.Triple(to_ox(s), to_ox(p), to_ox(o))} .".encode()


@settings(max_examples=400, deadline=None)
@given(_TERM, st.builds(URIRef, _IRI), _TERM)
def test_lines_are_oxigraphs_or_refused_alike(s, p, o) -> None:  # type: ignore[no-untyped-def]
    try:
        expected: bytes | type[Exception] = _reference(s, p, o)
    except (ValueError, SyntaxError, TypeError) as exc:
        expected = type(exc)
    if isinstance(expected, bytes):
        assert nt_lines([(s, p, o)]) == [expected]
    else:
        with pytest.raises(expected):
            nt_lines([(s, p, o)])


def test_the_usual_terms_are_written_without_oxigraph(monkeypatch: pytest.MonkeyPatch) -> None:
    import mfkg.rdf.oxio as oxio

    monkeypatch.setattr(oxio, "to_ox", lambda term: pytest.fail(f"{term!r} went through Oxigraph"))
    s, p = URIRef("https://w3id.org/mfkg/model/scgpt"), URIRef("https://w3id.org/mfkg/vocab/parameterCount")
    assert oxio.nt_lines([(s, p, Literal(51_000_000)), (s, p, Literal("scGPT", lang="en")), (s, p, Literal("x"))]) == [
        b'<https://w3id.org/mfkg/model/scgpt> <https://w3id.org/mfkg/vocab/parameterCount> '
        b'"51000000"^^<http://www.w3.org/2001/XMLSchema#integer> .',
        b'<https://w3id.org/mfkg/model/scgpt> <https://w3id.org/mfkg/vocab/parameterCount> "scGPT"@en .',
        b'<https://w3id.org/mfkg/model/scgpt> <https://w3id.org/mfkg/vocab/parameterCount> "x" .']
