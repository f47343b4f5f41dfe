"""The static site's entity pages: one HTML file per entity at `<kind>/<id>.html` (variants at
`model/<id>/variant/<v>.html`), written in one pass over the store read into memory once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mfkg.query.describe import MemoryIndex, describe, entity_iris, page_path
from mfkg.viz.entity import Links, render_entity, workbench_fragment


def static_links(path: str, pages: dict[str, str | None]) -> Links:
    """Links from the page at `path`; `pages`: every IRI that has a page, with its path (`page_path`)."""
    root = "../" * path.count("/")

    def page(iri: str) -> str | None:
        target = pages.get(iri)
        return f"{root}{target}.html" if target is not None else None

    return Links(page, lambda q: f"{root}workbench.html{workbench_fragment(q)}", f"{root}index.html")


def write_entity_pages(store: Any, out: Path) -> int:
    """Write a page for every entity; returns how many were written."""
    raw = getattr(store, "_store", store)
    iris = entity_iris(raw)
    pages = {iri: page_path(iri) for iri in iris}
    index = MemoryIndex(raw)
    made: set[Path] = set()
    for iri in iris:
        path = pages[iri]
        assert path is not None
        target = out / f"{path}.html"
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(render_entity(describe(index, iri), static_links(path, pages)), encoding="utf-8")
    return len(iris)
