"""The ``irkg`` command line: a thin mirror of the ``kg`` API, one module per stage.

Each command parses its options, calls one ``kg`` function, and prints the result. Heavy
libraries (spaCy, pyarrow, rdflib, drivers) are imported inside the commands so that
``irkg --help`` starts fast. ``IrkgError`` is turned into one line on stderr at this single
boundary (``kg.cli.base.cli_errors``); anything else is a bug and keeps its traceback.

The modules register their commands on ``app`` in the order of the flow: ingest (and fetch,
import), annotate (eval, train), build, load (export, store, sparql-serve), query, vocab, demo.
"""

# isort: off
# Importing a module registers its commands; the order is the order `irkg --help` lists them.
from kg.cli.base import app, cli_errors
from kg.cli import ingest, annotate, build, load, query, vocab, demo  # noqa: F401
from kg.cli.ingest import InputFormat

# isort: on

__all__ = ["InputFormat", "app", "cli_errors"]
