"""The record types, one per entity kind, gathered in one place (the loader and the field table
use `schema.<Type>`). Each lives in the module of its family:

- `types`: field types (ids, references, DOIs, closed vocabularies) and the base records;
- `vocabulary`: modalities, tokenizers, layer types, patterns, tasks, …, assays, capabilities, baselines;
- `claims`: claims, evidence, seed claims and a model's facets (licence, variants, lineage, …);
- `records`: models, publications, datasets, mappings;
- `evaluation`: benchmarks, metrics and results.

Unknown keys are rejected and types are strict: a count written as "33M" is an error.
"""

from mfkg.curation.claims import *
from mfkg.curation.evaluation import *
from mfkg.curation.records import *
from mfkg.curation.types import *
from mfkg.curation.vocabulary import *
