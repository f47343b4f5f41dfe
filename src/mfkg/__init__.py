"""mfkg — a knowledge graph of multimodal biological foundation models.

    import mfkg
    kg = mfkg.open()                       # builds build/ on first use
    kg.query("clip-protein-anchor").dicts()
"""

from __future__ import annotations

from mfkg._version import __version__

__all__ = ["open", "KnowledgeGraph", "__version__"]


def __getattr__(name: str):  # lazy: `import mfkg` stays fast for the CLI
    if name in ("open", "KnowledgeGraph"):
        from mfkg import api

        return getattr(api, name)
    raise AttributeError(name)
