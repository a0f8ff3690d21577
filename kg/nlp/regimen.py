"""Radiotherapy regimens: modality plus dose and fractionation, read per sentence.

The modality comes from the recogniser: radiotherapy terms (SBRT, FLASH, proton, carbon ion,
LDRT, spatially fractionated, IMRT, brachytherapy, conventional) are lexicon entries of type
``Radiotherapy`` with ``irkg:``/``MESH:`` CURIEs. This component adds what a dictionary cannot:
dose and fractionation written in the many ways papers write them ("8 Gy × 3", "3 × 8 Gy",
"8Gyx3", "24 Gy in 3 fractions", "20 Gy/5 fx", "2 Gy/fraction", "a single dose of 20 Gy"), and
ties each dose to the nearest modality in its sentence. Dose rates ("≥40 Gy/s") are not doses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.model import EntityType, Regimen
from kg.nlp.relation_doc import register_extensions, sentences_with_entities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_NUM = r"(\d+(?:[.·]\d+)?)"
_INT = r"(\d{1,2})"
_GY = r"\s*((?-i:c?Gy))(?:\s*\(RBE\)|\s*\[RBE\]|-?RBE|E)?"
_TIMES = r"\s*[x×✕X*]\s*"
_FX = r"(?:fractions?|fxs?|fr)\b"
_NOT_RATE = r"(?!\s*/\s*(?:s|sec|min|h|hr)\b)(?![\w/]*\s*per\s+(?:second|minute))"

# (name, pattern, what each group means) tried in order; earlier patterns win on overlap
_PATTERNS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE), groups)
    for name, pattern, groups in (
        ("range", rf"{_NUM}\s*[-–]\s*{_NUM}{_GY}", ("skip", "skip", "unit")),
        ("dose_x_n", rf"{_NUM}{_GY}{_TIMES}{_INT}(?:\s*{_FX})?(?![\d.])", ("per", "unit", "n")),
        ("n_x_dose", rf"(?<![\d.]){_INT}{_TIMES}{_NUM}{_GY}", ("n", "per", "unit")),
        ("n_fx_of_dose", rf"{_INT}\s*{_FX}\s+of\s+{_NUM}{_GY}", ("n", "per", "unit")),
        (
            "per_to_total",
            rf"{_NUM}{_GY}\s*(?:/|per)\s*{_FX}\s+to\s+(?:a\s+total\s+(?:dose\s+)?of\s+)?"
            rf"{_NUM}{_GY}",
            ("per", "unit", "total", "unit"),
        ),
        (
            "total_in_per",
            rf"{_NUM}{_GY}\s+in\s+{_NUM}(?:\s*|-){_GY}\s+(?:(?:daily|weekly)\s+)?fractions\b",
            ("total", "unit", "per", "unit"),
        ),
        (
            "total_in_n",
            rf"{_NUM}{_GY}\s*(?:in|/|over|given\s+in|delivered\s+in)\s*{_INT}\s*"
            rf"(?:(?:daily|consecutive|weekly)\s+)?{_FX}",
            ("total", "unit", "n"),
        ),
        (
            "per_fraction",
            rf"{_NUM}(?:\s*|-){_GY}\s*(?:/|per|each|a)\s*{_FX}|{_NUM}(?:\s*|-){_GY}\s+"
            rf"(?:(?:daily|weekly)\s+)?fractions\b",
            ("per", "unit", "per", "unit"),
        ),
        (
            "single",
            rf"single\s+(?:dose|fraction)\s+of\s+{_NUM}{_GY}|{_NUM}{_GY}\s+(?:in\s+a\s+|as\s+a\s+)?"
            rf"single\s+(?:dose|fraction)",
            ("total", "unit", "total", "unit"),
        ),
        ("dose", rf"(?<![\d.]){_NUM}{_GY}{_NOT_RATE}", ("total", "unit")),
    )
)


@dataclass(frozen=True, slots=True)
class Dose:
    """A dose statement found in text, before it is tied to a modality."""

    start: int
    end: int
    text: str
    total_dose_gy: float | None = None
    fractions: int | None = None
    dose_per_fraction_gy: float | None = None


def _number(value: str, unit: str) -> float:
    gray = float(value.replace("·", "."))
    return round(gray / 100.0, 4) if unit.lower() == "cgy" else gray


def _dose(name: str, match: re.Match[str], groups: tuple[str, ...], offset: int) -> Dose | None:
    values: dict[str, str] = {}
    unit = "Gy"
    for meaning, value in zip(groups, match.groups(), strict=True):
        if value is None:
            continue
        if meaning == "unit":
            unit = value
        else:
            values[meaning] = value
    if name == "range":
        return None
    total = _number(values["total"], unit) if "total" in values else None
    per = _number(values["per"], unit) if "per" in values else None
    n = int(values["n"]) if "n" in values else (1 if name == "single" else None)
    if n is not None and n <= 0:
        return None
    if total is None and per is not None and n is not None:
        total = round(per * n, 4)
    if n is None and total is not None and per:
        whole = total / per
        n = round(whole) if abs(whole - round(whole)) < 1e-6 else None
    if per is None and total is not None and n is not None:
        per = round(total / n, 4)
    start, end = match.span()
    return Dose(offset + start, offset + end, match.group(0), total, n, per)


def find_doses(text: str, offset: int = 0) -> list[Dose]:
    """Every dose statement in ``text``, left to right, without overlaps (offsets + ``offset``)."""
    taken: list[tuple[int, int]] = []
    found: list[Dose] = []
    for name, pattern, groups in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            dose = _dose(name, match, groups, offset)
            if dose is not None:
                found.append(dose)
    return sorted(found, key=lambda d: d.start)


def _modality(span: Span) -> str:
    ids = span._.ids or ()
    return ids[0] if ids else ""


def sentence_regimens(sentence: Span, ents: Iterable[Span]) -> Iterator[Regimen]:
    """Regimens of one sentence: each dose tied to the nearest radiotherapy mention, then every
    radiotherapy mention left without a dose as a modality-only regimen."""
    modalities = [e for e in ents if e.label_ == EntityType.RADIOTHERAPY.value and _modality(e)]
    used: set[int] = set()
    for dose in find_doses(sentence.text, sentence.start_char):
        modality = ""
        if modalities:
            nearest = min(
                modalities,
                key=lambda e: (max(e.start_char - dose.end, dose.start - e.end_char, 0), e.start),
            )
            used.add(nearest.start)
            modality = _modality(nearest)
        yield Regimen(
            modality=modality,
            text=dose.text,
            start=dose.start,
            end=dose.end,
            total_dose_gy=dose.total_dose_gy,
            fractions=dose.fractions,
            dose_per_fraction_gy=dose.dose_per_fraction_gy,
        )
    for ent in modalities:
        if ent.start not in used:
            yield Regimen(_modality(ent), ent.text, ent.start_char, ent.end_char)


def regimen_label(regimen: Regimen) -> str:
    """What evidence records carry for a regimen: modality CURIE and dose, e.g.
    ``irkg:SBRT 24 Gy/3 fx (8 Gy/fx)``; either part may be missing."""
    return " ".join(part for part in (regimen.modality, regimen.label) if part)


class RegimenExtractor:
    """spaCy component: fills ``doc._.regimens`` with the regimens of every sentence.

    Needs sentence boundaries and, for modalities, ``Radiotherapy`` entities in ``doc.ents``.
    """

    def __init__(self, *, name: str = "irkg_regimens") -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Regimen]:
        """Read regimens without changing the Doc."""
        return [
            regimen
            for sentence, ents in sentences_with_entities(doc)
            for regimen in sentence_regimens(sentence, ents)
        ]

    def set_annotations(self, doc: Doc, regimens: list[Regimen]) -> None:
        doc._.regimens = regimens
