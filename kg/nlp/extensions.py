"""The custom attributes irkg components read and write on spaCy objects.

Registered once, idempotently, by every irkg factory, so a component added to anyone's ``nlp``
finds them. Span values are stored by spaCy in ``doc.user_data`` keyed by character offsets, so an
entity in ``doc.ents`` and a candidate span with the same offsets share them; they survive
``Doc.to_bytes`` (tuples come back as lists).

Span:
``ids``        tuple of CURIEs the span is normalised to (empty: recognised, not normalised)
``id_taxa``    the taxon of each id ("" for none), aligned with ``ids`` (read by the species step)
``score``      confidence of the normalisation in [0, 1]
``taxon``      NCBITaxon CURIE for genes (set by the species step), else None
``source``     which step produced the entity: "dictionary", "model", "abbreviation", ...

Doc:
``irkg_abbreviations``  list of ``Abbreviation`` records (short form, long form, offsets); named
                       apart from scispaCy's own ``abbreviations`` so both can run in one nlp
``irkg_species``       ``SpeciesContext`` read from the document (default taxon and its cues)
``relations``          list of ``kg.model.Relation`` (written by the relations step)
``regimens``           list of ``kg.model.Regimen`` (written by the regimen step)

Doc attributes default to None ("the step did not run"); steps assign a fresh list, never append
to the default.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

SPAN_EXTENSIONS: dict[str, object] = {
    "ids": (),
    "id_taxa": (),
    "score": 0.0,
    "taxon": None,
    "source": "",
}
# A mutable default would be one object shared by every Doc, so doc attributes start as None.
DOC_EXTENSIONS: dict[str, object] = {
    "irkg_abbreviations": None,
    "irkg_species": None,
    "relations": None,
    "regimens": None,
}


def register_extensions() -> None:
    """Register irkg's span and doc attributes (safe to call any number of times)."""
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
