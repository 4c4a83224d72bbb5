"""The names family (NM101-NM105): garbled, misnamed and inconsistent names of people and organisations.

Modules, one idea each (see docs/names.md):

- ``text``: folding, transliteration keys, a sound skeleton, edit distance;
- ``context``: role classes and country cues around a name;
- ``gazetteer``: people, places and organisations, the house rows of the name tables merged in;
- ``runs``: what a run of capitalised words says on its own (cached per run);
- ``candidates``: which prominent people or organisations a name may garble;
- ``article``: one pass over an article's runs; ``analysis``: the evidence weighed per article;
- ``consistency``: in-article inconsistency (NM103) and the gazetteer's variants (NM104);
- ``rules``: the registered detectors NM101-NM104; ``batch``: NM105 across a run's documents.

Nothing here imports the engine, the loader or the CLI.
"""

from auditor.detectors.names import batch, rules

__all__ = ["batch", "rules"]
