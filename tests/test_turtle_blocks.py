"""Turtle written subject by subject (`rdf.turtle_blocks`) is the Turtle of the whole document, after any
edit, with or without the blocks kept by the last build, and whatever state those are in."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from mfkg.rdf import turtle_blocks
from mfkg.rdf.oxio import turtle_from_nt
from mfkg.rdf.turtle_blocks import PACK, turtle

PREFIXES = {"mfkg": "https://w3id.org/mfkg/vocab/", "model": "https://w3id.org/mfkg/model/",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "owl": "http://www.w3.org/2002/07/owl#"}


@pytest.fixture(scope="module")
def lines(real_build: Path) -> list[bytes]:
    quads = ox.parse(path=str(real_build / "mfkg.ttl"), format=ox.RdfFormat.TURTLE)
    doc = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    return sorted(set(doc.splitlines()))


def _whole(unique: list[bytes], prefixes: dict[str, str] = PREFIXES) -> bytes:
    return turtle_from_nt(b"\n".join(unique) + b"\n", prefixes)


def test_blocks_give_the_whole_documents_bytes_before_and_after_edits(lines: list[bytes], tmp_path: Path) -> None:
    assert len(lines) > 50_000
    first = turtle(lines, PREFIXES, tmp_path)
    assert first == _whole(lines) and (tmp_path / PACK).exists()
    assert turtle(lines, PREFIXES, tmp_path) == first   # every block reused
    edited = sorted(set(lines[:100] + lines[101:] + [
        b'<https://w3id.org/mfkg/model/zzz-new> <http://www.w3.org/2000/01/rdf-schema#label> "New \\"one\\"\\nline" .',
        lines[5000].replace(b'" .', b' edited" .') if lines[5000].endswith(b'" .') else lines[5000] + b" ",
    ]))
    edited = [line for line in edited if line.endswith(b" .")]
    assert turtle(edited, PREFIXES, tmp_path) == _whole(edited)
    fewer = {k: v for k, v in PREFIXES.items() if k != "model"}   # another prefix set: no block is reused
    assert turtle(edited, fewer, tmp_path) == _whole(edited, fewer)
    assert turtle(lines[:10], PREFIXES, tmp_path) == _whole(lines[:10])
    assert turtle([], PREFIXES, tmp_path) == _whole([]) == b""


def test_a_damaged_pack_is_not_used(lines: list[bytes], tmp_path: Path) -> None:
    turtle(lines, PREFIXES, tmp_path)
    (tmp_path / PACK).write_bytes(b"not a pickle")
    assert turtle(lines, PREFIXES, tmp_path) == _whole(lines)
    (tmp_path / PACK).write_bytes(b"\x80\x05N.")   # a pickle of something else
    assert turtle(lines, PREFIXES, tmp_path) == _whole(lines)


def test_blocks_that_do_not_match_the_subjects_fall_back_to_the_whole_document(lines: list[bytes], tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    real = turtle_blocks._split
    monkeypatch.setattr(turtle_blocks, "_split", lambda doc: (real(doc)[0], real(doc)[1][1:]))
    assert turtle(lines, PREFIXES, tmp_path) == _whole(lines)
    assert not (tmp_path / PACK).exists()


def test_blocks_that_do_not_add_up_to_the_document_fall_back_to_it(lines: list[bytes], tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real = turtle_blocks._split

    def lossy(doc: bytes) -> tuple[bytes, list[bytes]]:   # as many blocks as subjects, one of them cut short
        header, blocks = real(doc)
        return header, blocks[:-1] + [blocks[-1][:-1]]

    monkeypatch.setattr(turtle_blocks, "_split", lossy)
    assert turtle(lines, PREFIXES, tmp_path) == _whole(lines)
    assert not (tmp_path / PACK).exists()
