"""The static site's entity pages: one HTML file per entity at `<kind>/<id>.html` (variants at
`model/<id>/variant/<v>.html`), written in one pass over the store read into memory once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mfkg.query.describe import MemoryIndex, describe, entity_iris, page_path
from mfkg.viz.entity import Links, render_entity, workbench_fragment


def static_links(path: str, pages: set[str]) -> Links:
    root = "../" * path.count("/")

    def page(iri: str) -> str | None:
        target = page_path(iri)
        return f"{root}{target}.html" if target is not None and iri in pages else None

    return Links(page, lambda q: f"{root}workbench.html{workbench_fragment(q)}", f"{root}index.html")


def write_entity_pages(store: Any, out: Path) -> int:
    """Write a page for every entity; returns how many were written."""
    raw = getattr(store, "_store", store)
    iris = entity_iris(raw)
    pages = set(iris)
    index = MemoryIndex(raw)
    made: set[Path] = set()
    for iri in iris:
        path = page_path(iri)
        assert path is not None
        target = out / f"{path}.html"
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(render_entity(describe(index, iri), static_links(path, pages)), encoding="utf-8")
    return len(iris)
