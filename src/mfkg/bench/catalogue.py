"""Seeded synthetic catalogues for the growth benchmark: a data folder shaped like `data/`, grown to a
given number of models by copying models of the base catalogue (drawn with replacement, so the
distribution of modalities, claims, variants, lineage and benchmark results per model is the base's).

Each copy gets a new id (`<id>-s<k>`), new names, its own copies of its primary publications (new
ids, DOIs under the test prefix 10.99999, no arXiv id) and its own copies of the base model's
benchmark results, in `results/synthetic-<k>.yaml`. Everything else (vocabularies, datasets,
benchmarks, the base's own models) is copied unchanged, so the folder passes `mfkg check`.
Same base, size and seed give byte-identical files.
"""

from __future__ import annotations

import copy
import random
import shutil
from pathlib import Path
from typing import Any

import yaml


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:   # curated YAML may not use anchors or aliases
        return True


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _rename_sources(node: Any, renamed: dict[str, str]) -> Any:
    """Point every `source`/`publications` reference to a copied publication at its copy."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "source" and isinstance(v, str):
                out[k] = renamed.get(v, v)
            elif k == "publications" and isinstance(v, list):
                out[k] = [renamed.get(x, x) if isinstance(x, str) else x for x in v]
            else:
                out[k] = _rename_sources(v, renamed)
        return out
    if isinstance(node, list):
        return [_rename_sources(x, renamed) for x in node]
    return node


def _results_by_model(base: Path) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    folder = base / "results"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        for row in _load(path) or []:
            if isinstance(row, dict) and row.get("model"):
                out.setdefault(row["model"], []).append(row)
    return out


def generate_catalogue(base: Path, out: Path, models: int, seed: int = 42) -> dict[str, int]:
    """Copy `base` to `out` and add copies of its models until there are `models` in all
    (fewer than the base has: the base unchanged). Returns counts of what was written."""
    base, out = Path(base), Path(out)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(base, out)
    model_files = sorted((base / "models").glob("*.yaml"))
    pubs = {p.stem: p for p in sorted((base / "publications").glob("*.yaml"))}
    results = _results_by_model(base)
    cache: dict[Path, Any] = {}

    def load(path: Path) -> Any:
        if path not in cache:
            cache[path] = _load(path)
        return copy.deepcopy(cache[path])

    rng = random.Random(seed)
    added = {"models": 0, "publications": 0, "results": 0}
    for k in range(max(0, models - len(model_files))):
        src = rng.choice(model_files)
        m = load(src)
        new_id = f"{m['id']}-s{k}"
        renamed = {p: f"{p}-s{k}" for p in m.get("publications", []) if p in pubs}
        for old, new in renamed.items():
            p = load(pubs[old])
            p["id"] = new
            p["title"] = f"{p['title']} (synthetic copy {k})"
            p.pop("arxiv", None)
            p.pop("preprint_doi", None)
            if p.get("doi"):
                p["doi"] = f"10.99999/mfkg-synthetic.{new}"
            elif p.get("type") != "wiki" and not p.get("url"):
                p["url"] = f"https://example.org/mfkg-synthetic/{new}"
            _dump(out / "publications" / f"{new}.yaml", p)
            added["publications"] += 1
        m = _rename_sources(m, renamed)
        m["id"] = new_id
        m["label"] = f"{m['label']} s{k}"
        m["aliases"] = [f"{a} s{k}" for a in m.get("aliases", [])]
        if not m["aliases"]:
            m.pop("aliases")
        m.pop("huggingface", None)
        _dump(out / "models" / f"{new_id}.yaml", m)
        added["models"] += 1
        rows = []
        for r in results.get(src.stem, []):
            r = _rename_sources(copy.deepcopy(r), renamed)
            r["id"] = f"{r['id']}-s{k}"
            r["model"] = new_id
            rows.append(r)
        if rows:
            _dump(out / "results" / f"synthetic-{k}.yaml", rows)
            added["results"] += len(rows)
    added["total_models"] = max(models, len(model_files))
    return added
