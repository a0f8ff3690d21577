"""irkg: a knowledge graph of immunoradiotherapy entities built from papers.

The stages, one package each: ``kg.ingest`` -> ``kg.nlp`` (with ``kg.lexicon``) -> ``kg.assemble``
-> ``kg.loaders`` -> ``kg.queries``. Importing ``kg`` has no side effects and loads nothing heavy.
"""

__version__ = "0.1.0"
