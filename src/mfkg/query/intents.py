"""Questions recognised by their shape before any word matching: the shape says which verb (or
which one saved question) answers, the names in the question say with what.

    how is ESM-2 connected to scGPT?             → mfkg path model/esm2 model/scgpt
    compare ESM-2 and ProtT5                     → mfkg compare model/esm2 model/prottrans
    what is scGPT derived from?                  → model-lineage with model = scgpt
    which pattern should I use to translate RNA to ATAC?
                                                 → mfkg recommend --have scrna --have scatac --goal "translate RNA to ATAC"
    tell me about Geneformer                     → model-card with model = geneformer (another kind: mfkg neighbours)

A shape needs its names: a comparison needs two models, a lineage question one, a recommendation
at least one modality, and "tell me about X" an X that is exactly one entity. Names are found and
filled through the one resolver (`query.resolve`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mfkg.query.resolve import EntityIndex, Entry, ResolveError

NAMED_KINDS = ("model", "pattern", "task", "modality", "assay", "benchmark", "capability", "dataset", "tokenizer",
               "layer-type")

_CONNECTED = re.compile(r"\b(connected|connect|connection|related|relate|relationship|path|link|linked)\b", re.I)
_COMPARE = re.compile(r"\b(compare[sd]?|comparing|comparison|versus|vs\.?|differ|differs|difference|differences|"
                      r"side[- ]by[- ]side)(?!\w)", re.I)
_LINEAGE = re.compile(r"\b(lineage|ancestors?|ancestry|descendants?|descends|descended|predecessors?|successors?|"
                      r"derives from|fine-?tuned from|parent models?)\b", re.I)
# words that ask for a lineage only when the model is their subject: "what was totalVI built on?"
_ORIGIN = r"\s+(?:derived|based|built|builds|build|come|comes|came|grew|originate[sd]?)\b"
_SUBJECT = r"\b(?:does|did|do|is|was|were|are|has|had)\s+"
_RECOMMEND = re.compile(r"\b(should (?:i|we) use|recommend\w*|suggest\w*|"
                        r"(?:which|what) (?:pattern|architecture|approach|method|model)s? (?:should|to use|fits?|suits?|"
                        r"works? best|is best|are best|for)|"
                        r"how (?:should|do|can|could) (?:i|we) (?:translate|integrate|impute|combine|predict|map))\b", re.I)
# what comes before the goal in a recommendation question: "which pattern should I use to | for …"
_GOAL_LEAD = re.compile(r"^.*?\b(?:use|recommend\w*|suggest\w*|fits?|suits?|best|should (?:i|we))\b"
                        r"(?:\s+(?:a|an|the|me|us))?(?:\s+(?:pattern|architecture|approach|method|model)s?)?"
                        r"\s+(?:to|for|if (?:i|we) want to)\s+", re.I)
_ABOUT = re.compile(r"^\s*(?:please\s+)?(?:tell me (?:everything |more )?about|describe|what is|what's|what are|"
                    r"who is|show(?: me)?|explain|info(?:rmation)? (?:on|about)|details (?:of|on|about)|"
                    r"what do you know about|what does the graph (?:know|say) about)\s+(?P<name>.+?)\s*[?.!]*\s*$", re.I)


@dataclass
class Shape:
    """What a question's shape asks for: a verb with its arguments, a saved question with its values, or both
    (a verb that runs that saved question)."""

    verb: str | None = None
    args: list[str] = field(default_factory=list)
    query: str | None = None
    values: dict[str, str] = field(default_factory=dict)


def _named(index: EntityIndex, question: str, kinds: tuple[str, ...]) -> list[Entry]:
    seen: list[Entry] = []
    for _, _, e in index.mentions(question, kinds):
        if e not in seen:
            seen.append(e)
    return seen


def _is_subject_of_origin(question: str, index: EntityIndex, model: Entry) -> bool:
    """Whether the question asks where the model came from ("what is scGPT derived from?"), not where
    something about it came from ("where do the numbers about scGPT come from?")."""
    for start, end, e in index.mentions(question, ("model",)):
        if e == model and re.search(_SUBJECT + r"$", question[:start], re.I) and re.match(_ORIGIN, question[end:], re.I):
            return True
    return False


def goal_words(question: str) -> str:
    """The goal in a recommendation question: what follows "use … to / for".

    >>> goal_words("Which pattern should I use to translate RNA to ATAC?")
    'translate RNA to ATAC'
    >>> goal_words("recommend a model for imputing protein from RNA")
    'imputing protein from RNA'
    """
    rest = _GOAL_LEAD.sub("", question, count=1)
    return rest.strip().rstrip("?.! ").strip() or question.strip().rstrip("?.! ")


def shape_of(question: str, index: EntityIndex) -> Shape | None:
    """The verb or saved question a question's shape calls for, with its names filled; None when no shape fits."""
    if _CONNECTED.search(question):
        named = _named(index, question, NAMED_KINDS)
        if len(named) == 2:
            return Shape("path", [e.ref for e in named])
    models = _named(index, question, ("model",))
    if _COMPARE.search(question) and len(models) >= 2:
        return Shape("compare", [e.ref for e in models], "compare-models", {"models": ", ".join(e.id for e in models)})
    if len(models) == 1 and (_LINEAGE.search(question) or _is_subject_of_origin(question, index, models[0])):
        return Shape(query="model-lineage", values={"model": models[0].id})
    if _RECOMMEND.search(question):
        have = _named(index, question, ("modality",))
        if have:
            goal = goal_words(question)
            args = [a for e in have for a in ("--have", e.id)] + ["--goal", goal]
            return Shape("recommend", args, "recommend", {"have": " ".join(e.id for e in have), "goal": goal})
    about = _ABOUT.match(question)
    if about:
        name = re.sub(r"^(?:the|a|an)\s+", "", about.group("name").strip(), flags=re.I)
        try:
            iri = index.resolve(name)
        except ResolveError:
            return None
        entry = index.entries[iri]
        if entry.kind == "model":
            return Shape(query="model-card", values={"model": entry.id})
        return Shape("neighbours", [entry.ref])
    return None
