"""`mfkg recommend`: modalities by any of their names, goals in words matched against the
recommendations' goals, their tasks and the tasks' synonyms, whether the data is paired, and what
the matrix knows (`--list`).

Paired or not: a data requirement of two or more modalities asks for them measured in the same cells;
unpaired data meets only requirements of one modality (`needs_pairing`, `meets`). The matrix page
(`mfkg.viz.matrix`) carries `needs_pairing` of every requirement in its data, so its "paired" switch
and `mfkg recommend --unpaired` apply this one rule."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mfkg.query.resolve import index_for, split_iri
from mfkg.query.saved import SavedQueries, run_saved
from mfkg.query.terms import ResultTable
from mfkg.query.words import concepts

V = "https://w3id.org/mfkg/vocab/"
L = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"


@dataclass
class Goal:
    iri: str
    text: str
    tasks: list[str] = field(default_factory=list)             # task labels
    needs: list[set[str]] = field(default_factory=list)        # alternative sets of modality ids

    def words(self) -> set[str]:
        task_ids = [t.replace("-", " ") for t in self.tasks]
        return set(concepts(" ".join([self.text, *self.tasks, *task_ids])))


def needs_pairing(requirement: Iterable[str]) -> bool:
    """Whether a data requirement asks for its modalities measured in the same cells: it names two or more.

    >>> needs_pairing(["scrna", "scatac"]), needs_pairing(["scrna"])
    (True, False)
    """
    return len(set(requirement)) > 1


def meets(requirement: Iterable[str], have: Iterable[str], *, paired: bool = True) -> bool:
    """Whether data of the modalities `have` (paired or not) meets a data requirement.

    >>> meets({"scrna", "scatac"}, ["scrna", "scatac"]), meets({"scrna", "scatac"}, ["scrna", "scatac"], paired=False)
    (True, False)
    >>> meets({"scrna"}, ["scrna", "scatac"], paired=False)
    True
    """
    req = set(requirement)
    return req <= set(have) and (paired or not needs_pairing(req))


def goals(store: Any) -> list[Goal]:
    """The rows of the recommendation matrix: goal, tasks and the data each needs."""
    rows = store.select(f"""SELECT ?r ?goal ?task ?req ?mod WHERE {{
        ?r a <{V}Recommendation> ; <{V}goal> ?goal ; <{V}seedRow> ?row . FILTER(LANG(?goal) = "en")
        OPTIONAL {{ ?r <{V}forGoalTask> ?t . ?t <{L}> ?task }}
        OPTIONAL {{ ?r <{V}hasDataRequirement> ?req . ?req <{V}requiresModality>/<{V}identifier> ?mod }}
    }} ORDER BY ?row""").rows
    out: dict[str, Goal] = {}
    needs: dict[tuple[str, str], set[str]] = {}
    for r, goal, task, req, mod in rows:
        g = out.setdefault(r.value, Goal(r.value, goal.value))
        if task is not None and task.value not in g.tasks:
            g.tasks.append(task.value)
        if req is not None and mod is not None:
            needs.setdefault((r.value, req.value), set()).add(mod.value)
    for (r, _), mods in needs.items():
        if mods not in out[r].needs:
            out[r].needs.append(mods)
    return list(out.values())


def modalities(store: Any) -> ResultTable:
    """Every modality with its names, and whether a recommendation asks for it."""
    return store.select(f"""SELECT ?id ?name (GROUP_CONCAT(DISTINCT ?alias; separator=", ") AS ?aliases)
        (EXISTS {{ ?req <{V}requiresModality> ?m }} AS ?in_matrix) WHERE {{
        ?m a <{V}Modality> ; <{V}identifier> ?id ; <{L}> ?name . FILTER(LANG(?name) = "en")
        OPTIONAL {{ ?m <{ALT}> ?alias }} }} GROUP BY ?m ?id ?name ORDER BY DESC(?in_matrix) ?id""")


def match_goal(store: Any, goal: str) -> tuple[list[Goal], list[str]]:
    """The recommendations whose goal the words mean, best first, and how the words were read.

    'RNA to ATAC' and 'protein from RNA' (two modalities joined by to/from/into) mean a
    cross-modal goal; the other words meet goals and tasks through stems and synonyms."""
    index = index_for(store)
    mentioned = index.mentions(goal, ["modality"])
    words = set(concepts(goal))
    read: list[str] = []
    if len(mentioned) >= 2 and re.search(r"\b(to|from|into|→|->)\b", goal, re.IGNORECASE):
        words |= {"cross", "modal", "translate"}
        read.append(f"{mentioned[0][2].label} ↔ {mentioned[1][2].label}: a cross-modal goal")
    for _, _, entry in mentioned:
        words -= set(concepts(entry.label)) | set(concepts(" ".join(entry.names)))
    if not words:
        return [], read
    scored = []
    total = sum(_weight(w) for w in words)
    for g in goals(store):
        shared = words & g.words()
        if shared:
            scored.append((sum(_weight(w) for w in shared) / total, g))
    if not scored:
        return [], read
    best = max(s for s, _ in scored)
    return [g for s, g in sorted(scored, key=lambda x: -x[0]) if s >= best * 0.75], read


ACTIONS = frozenset({"impute", "translate", "integrate", "annotate", "generate", "embed", "predict", "retrieval",
                     "explain", "explainability", "query", "fine-tune", "design"})


def _weight(word: str) -> float:
    """What a goal asks to do counts more than what it is about."""
    return 2.0 if word in ACTIONS else 1.0


def resolve_modalities(store: Any, names: list[str]) -> list[str]:
    """Modality ids for names such as 'RNA', 'scATAC-seq' or 'surface-protein'."""
    index = index_for(store)
    out = []
    for name in names:
        parts = split_iri(index.resolve(name, "modality"))
        out.append(parts[1] if parts else name)
    return out


def recommend(store: Any, have: list[str], goal: str, *, paired: bool = True) -> tuple[ResultTable, list[str]]:
    """The recommendation rows for these modalities and goal, and notes on how they were read or
    why nothing fits (the modalities or the goal). Unpaired data keeps only the rows with a
    requirement it meets (`meets`)."""
    mods = resolve_modalities(store, have)
    query = SavedQueries.load().get("recommend")
    notes: list[str] = []
    matched: list[Goal] = []
    if goal.strip() and goal.strip() != "*":
        matched, read = match_goal(store, goal)
        notes += read
        if matched:
            notes.append(f"goal '{goal}' read as: " + "; ".join(g.text for g in matched))
    table = run_saved(store, query, {"have": " ".join(mods), "goal": "*" if matched or not goal.strip() else goal})
    if matched:
        keep = {g.iri for g in matched}
        table = ResultTable(table.variables, [r for r in table.rows if r[0] is not None and r[0].value in keep], table.labels)
    if not paired:
        dropped = len(table.rows)
        table = _only_met(table, store, mods, paired=False)
        dropped -= len(table.rows)
        notes.append("unpaired data: only requirements of one modality can be met"
                     + (f" ({dropped} row(s) that need paired data left out)" if dropped else ""))
    if not table.rows:
        notes.append(_why_nothing(store, mods, goal, matched, paired=paired))
    return table, notes


def _only_met(table: ResultTable, store: Any, mods: list[str], *, paired: bool) -> ResultTable:
    ok = {g.iri for g in goals(store) if any(meets(n, mods, paired=paired) for n in g.needs)}
    return ResultTable(table.variables, [r for r in table.rows if r[0] is not None and r[0].value in ok], table.labels)


def fitting_models(store: Any, have: list[str], recommendations: ResultTable, *, paired: bool = True) -> ResultTable:
    """The catalogued models that fit the given recommendation rows — a model follows one of the row's
    patterns, addresses one of its goal tasks and reads every modality of a data requirement you meet —
    with why, and whether the seed names it (the saved question `recommend-models`). With unpaired
    data the saved question is asked once per requirement met (`meets`), so a model fits only through
    a requirement unpaired data meets."""
    mods = resolve_modalities(store, have)
    query = SavedQueries.load().get("recommend-models")
    keep = {r[0].value for r in recommendations.rows if r[0] is not None}
    if paired:
        table = run_saved(store, query, {"have": " ".join(mods), "goal": "*"})
        return ResultTable(table.variables, [r for r in table.rows if r[0] is not None and r[0].value in keep], table.labels)
    met = sorted({" ".join(sorted(n)) for g in goals(store) if g.iri in keep for n in g.needs if meets(n, mods, paired=False)})
    merged: dict[tuple[str, str], list[Any]] = {}
    variables: list[str] = []
    labels: dict[str, str] = {}
    for need in met or [" ".join(mods)]:
        part = run_saved(store, query, {"have": need, "goal": "*"})
        variables = part.variables
        labels.update(part.labels)
        for r in part.rows if met else []:
            if r[0] is None or r[0].value not in keep:
                continue
            merged.setdefault((r[0].value, r[1].value if r[1] is not None else ""), list(r))
    rank = {g.iri: i for i, g in enumerate(goals(store))}
    rows = sorted(merged.values(), key=lambda r: (rank.get(r[0].value, 0), str(r[3].value if r[3] else "") != "yes",
                                                 r[2].python() if r[2] is not None else 0, r[1].value if r[1] else ""))
    return ResultTable(variables, [tuple(r) for r in rows], labels)


def _need_text(need: set[str]) -> str:
    return " + ".join(sorted(need)) + (" (paired)" if needs_pairing(need) else "")


def _why_nothing(store: Any, mods: list[str], goal: str, matched: list[Goal], *, paired: bool = True) -> str:
    have = set(mods)
    all_goals = goals(store)
    if not paired and any(meets(n, have) for g in (matched or all_goals) for n in g.needs):
        return ("with unpaired data no row fits: the rows whose data you have need it paired (measured in the same "
                "cells); drop --unpaired if it is, or see 'mfkg recommend --list'")
    if not any(any(need <= have for need in g.needs) for g in all_goals):
        sets = sorted({" + ".join(sorted(n)) for g in all_goals for n in g.needs})
        return (f"no recommendation needs only the data you have ({', '.join(mods)}); the matrix asks for one of: "
                f"{'; '.join(sets[:8])}{' …' if len(sets) > 8 else ''} — see 'mfkg recommend --list'")
    if matched:
        needs = sorted({_need_text(n) for g in matched for n in g.needs})
        return f"the goal matches, but it needs one of: {'; '.join(needs)}; you have {', '.join(mods)}"
    return (f"no goal matches '{goal}'; try other words or a task name, or see the goals with "
            "'mfkg recommend --list'")


def listing(store: Any) -> str:
    """What `mfkg recommend --list` prints: the modalities by every name, then the goals and their tasks."""
    lines = ["modalities (give any of the names to --have; * = asked for by a recommendation):"]
    for mid, name, aliases, in_matrix in modalities(store).rows:
        names = ", ".join(x for x in [name.value, aliases.value if aliases else ""] if x)
        star = "*" if in_matrix is not None and in_matrix.value in ("true", "1") else " "
        lines.append(f" {star} {mid.value:28} {names}")
    lines.append("")
    lines.append("goals (give words of a goal or task to --goal, e.g. 'RNA to ATAC', 'translation'); a need of two or")
    lines.append("more modalities is marked (paired): it asks for them measured in the same cells, so --unpaired data")
    lines.append("meets only the needs of one modality, as unticking 'paired' on the matrix page does:")
    for g in goals(store):
        needs = " or ".join(_need_text(n) for n in g.needs)
        lines.append(f"  {g.text}")
        lines.append(f"      tasks: {', '.join(g.tasks) or '—'}; needs: {needs or '—'}")
    return "\n".join(lines) + "\n"

