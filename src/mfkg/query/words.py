"""Words of questions and goals: tokens, crude stems, synonyms and numbers written in words.

Everything here runs locally and is deterministic; it is what `mfkg ask` and `mfkg recommend`
match with.
"""

from __future__ import annotations

import re

STOPWORDS = frozenset("""a an the of in on at to for from by with and or is are was were be been being do does did
which what who whom whose how many much there this that these those it its their them they i we you my our your
me us can could should would may might will shall has have had any all each every one some more than most
about into as per if so such not no only also very give show list tell me please find get""".split())

# words that mean the same for routing: each maps to one concept word
SYNONYMS: dict[str, str] = {}
for _concept, _words in {
    "train": "train trained training pretrain pretrained pretraining corpus",
    "model": "model models method methods network networks",
    "large": "large larger largest big bigger biggest size sizes parameter parameters param params",
    "cell": "cell cells",
    "translate": "translate translation translating translated convert conversion",
    "impute": "impute imputation imputing imputed fill missing",
    "integrate": "integrate integration integrating harmonise harmonize combine batch",
    "annotate": "annotate annotation annotating classify classification label labelling labeling",
    "generate": "generate generative generation generating design designing sample",
    "contrastive": "contrastive clip clipstyle clip-style clip-like align alignment aligned",
    "anchor": "anchor anchored anchors anchoring",
    "lineage": "lineage ancestor ancestors descendant descendants derive derives derived parent",
    "licence": "licence license licences licenses licensing commercial commercially",
    "limit": "limit limits limitation limitations weakness weaknesses problem problems",
    "mitigate": "mitigate mitigation mitigations fix fixes remedy",
    "benchmark": "benchmark benchmarks leaderboard leaderboards rank ranking score scores",
    "paper": "paper papers publication publications article articles cite cites cited",
    "year": "year years yearly annual over-time grown grow growth",
    "compare": "compare comparison versus vs side-by-side",
    "token": "token tokens tokenization tokenisation tokenizer tokenizers tokenize",
    "modality": "modality modalities omics omic data-type",
    "multimodal": "multimodal multi-modal multiomic multi-omic multiomics",
    "protein": "protein proteins",
    "dataset": "dataset datasets corpora",
    "disagree": "disagree disagreement disagreements conflict conflicts conflicting differ differs contradict",
    "pattern": "pattern patterns architecture architectures",
    "task": "task tasks",
    "capability": "capability capabilities able ability",
    "variant": "variant variants version versions checkpoint checkpoints release releases released",
    "pathology": "pathology histology histopathology slide slides",
    "vision": "vision image images visual",
    "text": "text language",
    "recommend": "recommend recommendation recommendations suggest advice fit",
}.items():
    for _w in _words.split():
        SYNONYMS[_w] = _concept

_SCALE = {"thousand": 10**3, "k": 10**3, "million": 10**6, "millions": 10**6, "m": 10**6, "mio": 10**6,
          "billion": 10**9, "billions": 10**9, "b": 10**9, "bn": 10**9, "trillion": 10**12, "t": 10**12}
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*(?:e\d+)?)\s*(thousand|millions?|billions?|trillion|mio|bn|[kmbt])?(?![\w])",
                     re.IGNORECASE)


def numbers(text: str) -> list[tuple[int, int, int]]:
    """Whole numbers written in the text, with where they start and end: '30 million' → 30000000.

    >>> [n for n, _, _ in numbers("more than 30 million cells, 1.5B parameters, 2,000 or 1e9 and 7")]
    [30000000, 1500000000, 2000, 1000000000, 7]
    """
    out = []
    for m in _NUMBER.finditer(text):
        digits, scale = m.group(1), (m.group(2) or "").lower()
        if re.fullmatch(r"\d{1,3}(,\d{3})+", digits):
            digits = digits.replace(",", "")
        try:
            value = float(digits.replace(",", "."))
        except ValueError:
            continue
        value *= _SCALE.get(scale, 1)
        out.append((int(round(value)), m.start(), m.end()))
    return out


def stem(word: str) -> str:
    """A crude English stem, enough to make 'models' and 'model', 'uses' and 'use' meet."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix == "ies" else base
    return word


def concepts(text: str) -> list[str]:
    """The words of `text` that carry meaning, each as its synonym concept or its stem.

    >>> concepts("Which models were pretrained on more than N cells?")
    ['model', 'train', '<number>', 'cell']
    """
    out = []
    for raw in re.findall(r"<\w+>|[a-z0-9][a-z0-9+-]*", text.lower()):
        word = raw.strip("-")
        if word in ("n", "<number>") or word.isdigit():
            out.append("<number>")
            continue
        if word.startswith("<"):          # a named entity: its kind counts as the kind's word too
            out += [word, SYNONYMS.get(word[1:-1], word[1:-1])]
            continue
        if word in STOPWORDS or len(word) < 2:
            continue
        if word in SYNONYMS:
            out.append(SYNONYMS[word])
            continue
        if "-" in word:
            parts = [p for p in word.split("-") if p and p not in STOPWORDS]
            out += [SYNONYMS.get(p, stem(p)) for p in parts]
            continue
        out.append(SYNONYMS.get(stem(word), stem(word)))
    return out
