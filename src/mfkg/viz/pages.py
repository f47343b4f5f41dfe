"""The static site's entity pages: one HTML file per entity at `<kind>/<id>.html` (variants at
`model/<id>/variant/<v>.html`), written in one pass over the store read into memory once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mfkg.forked import forked_map
from mfkg.query.describe import MemoryIndex, describe, page_path
from mfkg.viz.entity import Links, render_entity, workbench_fragment


def static_links(path: str, pages: dict[str, str | None]) -> Links:
    """Links from the page at `path`; `pages`: every IRI that has a page, with its path (`page_path`)."""
    root = "../" * path.count("/")

    def page(iri: str) -> str | None:
        target = pages.get(iri)
        return f"{root}{target}.html" if target is not None else None

    return Links(page, lambda q: f"{root}workbench.html{workbench_fragment(q)}", f"{root}index.html")


class EntityPages:
    """Every entity's page, ready to write: the store read into memory once and the folders made, so
    that `write(iri)` touches neither the store nor the folder tree and can run in a forked copy of
    this process (`mfkg.forked`)."""

    def __init__(self, store: Any, out: Path, index: MemoryIndex | None = None):
        """`index`: the store's `MemoryIndex`, when the caller has read it already."""
        self.index = index if index is not None else MemoryIndex(getattr(store, "_store", store))
        self.iris = self.index.entity_iris()
        self.pages = {iri: page_path(iri) for iri in self.iris}
        self.targets: dict[str, Path] = {}
        for iri in self.iris:
            path = self.pages[iri]
            assert path is not None
            self.targets[iri] = out / f"{path}.html"
        for folder in sorted({t.parent for t in self.targets.values()}):
            folder.mkdir(parents=True, exist_ok=True)

    def write(self, iri: str) -> None:
        path = self.pages[iri]
        assert path is not None
        page = render_entity(describe(self.index, iri), static_links(path, self.pages))
        self.targets[iri].write_text(page, encoding="utf-8")


def write_entity_pages(store: Any, out: Path) -> int:
    """Write a page for every entity, on every core (`forked_map`); returns how many were written."""
    pages = EntityPages(store, out)
    forked_map(pages.write, pages.iris)
    return len(pages.iris)
