"""The built graph passes two independent RDF parsers with no error and no warning."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.validators import jena_available, rapper_validate, riot_validate


def test_jena_and_raptor_are_installed() -> None:
    # `make test` installs them (scripts/system-deps.sh); a missing validator is a failure, not a skip.
    assert jena_available(), "Apache Jena is missing: run 'make test' (it installs libapache-jena-java)"
    assert shutil.which("rapper"), "Raptor is missing: run 'make test' (it installs raptor2-utils)"


def test_built_graph_passes_jena_riot(real_build: Path) -> None:
    for name in ("mfkg.ttl", "mfkg-inferred.ttl"):
        result = riot_validate(real_build / name)
        assert result.ok, result.output


def test_built_graph_passes_rapper(real_build: Path) -> None:
    result = rapper_validate(real_build / "mfkg.ttl")
    assert result.ok, result.output


def test_riot_catches_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> \"unterminated .\n", encoding="utf-8")
    assert not riot_validate(bad).ok
    assert not rapper_validate(bad).ok
