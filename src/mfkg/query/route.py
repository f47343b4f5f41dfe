"""`mfkg ask`: route a question in plain words to the saved question that answers it.

Matching is lexical, on this machine only: the question's words (stemmed, folded onto synonym
concepts, names of entities and numbers replaced by placeholders) against each saved query's
title, description and declared example phrasings. Parameters are filled from the names in the
question (through the one resolver) and from numbers written in words ("30 million").
Questions with a recognisable shape — a connection, a comparison, a lineage, a recommendation,
"tell me about X" — go first to the verb or saved question that answers them (`intents`).
When nothing fits well the router says so and offers the closest saved questions.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from mfkg.query.intents import NAMED_KINDS, shape_of
from mfkg.query.resolve import EntityIndex, Entry, normalise
from mfkg.query.saved import SavedQueries, SavedQuery
from mfkg.query.words import STOPWORDS, SYNONYMS, concepts, numbers

THRESHOLD = 0.34
COMMON = frozenset(SYNONYMS) | STOPWORDS   # words a name found inside a longer name must not consist of only


@dataclass
class Route:
    query: SavedQuery
    score: float
    values: dict[str, str] = field(default_factory=dict)

    def explain(self) -> str:
        """The routing as a sentence: answered by `name` with p = v."""
        filled = ", ".join(f"{k} = {v}" for k, v in self.values.items())
        return f"answered by `{self.query.name}` ({self.query.title})" + (f" with {filled}" if filled else "")


@dataclass
class VerbRoute:
    """A question a verb answers better than any saved question: 'how is ESM-2 connected to scGPT?'."""

    verb: str
    args: list[str]

    def explain(self) -> str:
        shown = " ".join(f'"{a}"' if re.search(r"[\s\"']", a) else a for a in self.args)
        return f"answered by `mfkg {self.verb} {shown}`"


@dataclass
class Routing:
    question: str
    best: Route | None
    closest: list[Route]
    verb: VerbRoute | None = None

    def closest_text(self) -> str:
        lines = [f"no saved question fits \"{self.question}\" well; the closest are:"]
        for r in self.closest:
            lines.append(f"  mfkg query run {r.query.name:32} {r.query.title}")
        lines.append("ask again in other words, or run one of them ('mfkg query list' shows all)")
        return "\n".join(lines)


@dataclass
class _Text:
    words: list[str]
    key: str
    mentions: list[Entry]
    numbers: list[int]


class Router:
    """Saved questions indexed by their words; `index` (the entity names) fills parameters."""

    def __init__(self, saved: SavedQueries, index: EntityIndex | None = None):
        self.index = index
        self.queries = [q for q in saved.queries.values()]
        self.phrasings: dict[str, list[list[str]]] = {}
        self.documents: dict[str, list[str]] = {}
        self.exact: dict[str, str] = {}   # a declared phrasing, word for word, wins its ties
        for q in self.queries:
            phrasings = [self._read(t).words for t in (q.title, *q.examples)]
            self.exact.update({normalise(t): q.name for t in (q.title, *q.examples)})
            self.phrasings[q.name] = phrasings
            self.documents[q.name] = self._read(q.description).words + [w for p in phrasings for w in p]
        df: Counter[str] = Counter()
        for doc in self.documents.values():
            df.update(set(doc))
        n = len(self.documents) or 1
        self.idf = {w: math.log(1 + n / c) for w, c in df.items()}
        self.unknown_idf = math.log(1 + n / 0.5)

    def _read(self, text: str) -> _Text:
        mentions = self.index.mentions(text, NAMED_KINDS, COMMON) if self.index else []
        nums = numbers(text)
        spans = sorted([(start, end, f" <{e.kind}> ") for start, end, e in mentions]
                       + [(s, end, " <number> ") for _, s, end in nums])
        out, last = [], 0
        for start, end, token in spans:
            if start < last:
                continue
            out += [text[last:start], token]
            last = end
        out.append(text[last:])
        return _Text(concepts("".join(out)), normalise(text), [e for _, _, e in mentions], [n for n, _, _ in nums])

    def _weight(self, w: str) -> float:
        return self.idf.get(w, self.unknown_idf)

    def _similarity(self, question: list[str], phrase: list[str]) -> float:
        q, p = set(question), set(phrase)
        if not q or not p:
            return 0.0
        inter = sum(self._weight(w) for w in q & p)
        union = sum(self._weight(w) for w in q | p)
        cover = inter / sum(self._weight(w) for w in q)
        return 0.5 * inter / union + 0.5 * cover

    def _score(self, q: SavedQuery, text: _Text) -> float:
        best = max((self._similarity(text.words, p) for p in self.phrasings[q.name]), default=0.0)
        doc = 0.7 * self._similarity(text.words, self.documents[q.name])
        score = max(best, doc)
        if self.exact.get(text.key) == q.name:
            score += 0.05
        kinds = {k for p in q.params for k in p.kinds}
        if any(e.kind in kinds for e in text.mentions):
            score += 0.1
        if text.numbers and any(p.type in ("integer", "decimal") for p in q.params):
            score += 0.1
        return score

    def route(self, question: str) -> Routing:
        text = self._read(question)
        shape = shape_of(question, self.index) if self.index else None
        if shape is not None:
            by_name = {q.name: q for q in self.queries}
            best = Route(by_name[shape.query], 1.0, shape.values) if shape.query in by_name else None
            if best is not None or shape.verb:
                return Routing(question, best, [best] if best else [],
                               VerbRoute(shape.verb, shape.args) if shape.verb else None)
        ranked = sorted((Route(q, self._score(q, text)) for q in self.queries), key=lambda r: (-r.score, r.query.name))
        if not ranked or ranked[0].score < THRESHOLD:
            return Routing(question, None, ranked[:3])
        best = ranked[0]
        best.values = self._fill(best.query, text)
        return Routing(question, best, ranked[:3])

    @staticmethod
    def _fill(q: SavedQuery, text: _Text) -> dict[str, str]:
        values: dict[str, str] = {}
        nums = list(text.numbers)
        used: set[str] = set()
        for p in q.params:
            if p.type in ("integer", "decimal") and nums:
                values[p.name] = str(nums.pop(0))
            elif p.kinds:
                hits = [e for e in text.mentions if e.kind in p.kinds and e.iri not in used]
                if not hits:
                    continue
                chosen = hits if p.type.endswith(" ids") else hits[:1]
                used.update(e.iri for e in chosen)
                values[p.name] = ", ".join(e.id for e in chosen)
        return values
