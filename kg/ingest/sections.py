"""The closed vocabulary of passage sections, and the one place that maps labels onto it.

Every reader names its passages with a ``Section``: BioC ``section_type``/``type`` infons, JATS
``sec-type`` attributes, section headings ("2. Materials and Methods") and Markdown headings all
go through ``section_of``. Later stages can then rely on a small, fixed set (e.g. skip
``references``, weigh ``abstract`` and ``results`` sentences) whatever the input format was.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Section(StrEnum):
    """Where in a paper a passage comes from."""

    TITLE = "title"
    ABSTRACT = "abstract"
    INTRODUCTION = "introduction"
    METHODS = "methods"
    RESULTS = "results"
    DISCUSSION = "discussion"
    CONCLUSION = "conclusion"
    FIGURE_CAPTION = "figure_caption"
    TABLE_CAPTION = "table_caption"
    BODY = "body"  # running text whose section is unknown (plain text, unlabelled sections)
    REFERENCES = "references"
    OTHER = "other"  # acknowledgements, supplements, keywords, footnotes, ...


# Exact labels (lower case, punctuation folded to spaces) seen in BioC infons (PMC ``section_type``
# codes and passage ``type`` values), JATS ``sec-type`` values and PubTator passage kinds.
_EXACT: dict[str, Section] = {
    "t": Section.TITLE,
    "title": Section.TITLE,
    "front": Section.TITLE,
    "article title": Section.TITLE,
    "a": Section.ABSTRACT,
    "abstract": Section.ABSTRACT,
    "abstract title": Section.ABSTRACT,
    "intro": Section.INTRODUCTION,
    "introduction": Section.INTRODUCTION,
    "background": Section.INTRODUCTION,
    "methods": Section.METHODS,
    "method": Section.METHODS,
    "materials": Section.METHODS,
    "materials methods": Section.METHODS,
    "subjects": Section.METHODS,
    "results": Section.RESULTS,
    "results discussion": Section.RESULTS,
    "patients methods": Section.METHODS,
    "material methods": Section.METHODS,
    "methods materials": Section.METHODS,
    "discussion conclusion": Section.DISCUSSION,
    "discussion conclusions": Section.DISCUSSION,
    "result": Section.RESULTS,
    "cases": Section.RESULTS,
    "case": Section.RESULTS,
    "discuss": Section.DISCUSSION,
    "discussion": Section.DISCUSSION,
    "concl": Section.CONCLUSION,
    "conclusion": Section.CONCLUSION,
    "conclusions": Section.CONCLUSION,
    "fig": Section.FIGURE_CAPTION,
    "figure": Section.FIGURE_CAPTION,
    "fig caption": Section.FIGURE_CAPTION,
    "fig title caption": Section.FIGURE_CAPTION,
    "figure caption": Section.FIGURE_CAPTION,
    "table caption": Section.TABLE_CAPTION,
    "table title caption": Section.TABLE_CAPTION,
    "table footnote": Section.TABLE_CAPTION,
    "table": Section.OTHER,  # BioC "table" passages hold cell contents, not a caption
    "paragraph": Section.BODY,
    "body": Section.BODY,
    "ref": Section.REFERENCES,
    "refs": Section.REFERENCES,
    "references": Section.REFERENCES,
    "bibliography": Section.REFERENCES,
    "literature cited": Section.REFERENCES,
}

# Heading keywords; the one that occurs first in a heading wins ("Results and discussion" ->
# results, "Patients and methods" -> methods, "Discussion and conclusions" -> discussion).
_KEYWORDS: tuple[tuple[re.Pattern[str], Section], ...] = tuple(
    (re.compile(pattern), section)
    for pattern, section in (
        (r"\babstract\b", Section.ABSTRACT),
        (r"\b(introduction|background)\b", Section.INTRODUCTION),
        (
            r"\b(methods?|methodology|materials?|experimental procedures?|study design)\b",
            Section.METHODS,
        ),
        (r"\b(results?|findings)\b", Section.RESULTS),
        (r"\bdiscussion\b", Section.DISCUSSION),
        (r"\b(conclusions?|concluding remarks)\b", Section.CONCLUSION),
        (r"\b(references|bibliography|literature cited)\b", Section.REFERENCES),
    )
)

_NUMBERING = re.compile(r"^\s*(?:[0-9]+(?:\.[0-9]+)*|[ivxlc]+|[a-z])[.)]\s+|^\s*[0-9]+\s+")


_FILLERS = frozenset({"and", "the", "of", "s"})


def _fold(label: str) -> str:
    text = _NUMBERING.sub("", label.strip().lower())
    return " ".join(w for w in re.sub(r"[^a-z]+", " ", text).split() if w not in _FILLERS)


def section_of(label: str | None, *, heading: bool = False) -> Section | None:
    """Map a section label to a ``Section``, or None when it says nothing we recognise.

    ``label`` is an infon or attribute value (``INTRO``, ``materials|methods``, ``fig_caption``)
    or, with ``heading=True``, a free-text heading, where keywords are searched as well.
    """
    if not label:
        return None
    folded = _fold(label)
    if not folded:
        return None
    exact = _EXACT.get(folded)
    if exact is not None:
        return exact
    if "|" in label or "_" in label:  # "materials|methods", "results_discussion"
        parts = [section_of(part) for part in re.split(r"[|_]", label)]
        for part in parts:
            if part is not None and part not in (Section.TITLE, Section.BODY):
                return part
    if not heading or len(folded) > 80:
        return None
    best: tuple[int, Section] | None = None
    for pattern, section in _KEYWORDS:
        match = pattern.search(folded)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), section)
    return best[1] if best else None
