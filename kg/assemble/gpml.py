"""Parsing one WikiPathways GPML document (GPML 2013a, the format of the release zips).

Only what the graph needs is read: the pathway's name, version (``WP4961_r137993``), organism
and description; DataNodes (label, type, Xref database and id, group); Groups (``GraphId`` ->
``GroupId``, nesting); States (attached to a DataNode); Anchors (points on a line that other
lines end on); Interactions (first and last ``Point``: ``GraphRef`` and ``ArrowHead``).
Resolving references and mapping identifiers is ``kg.assemble.wikipathways``'s job.

A document that is not well-formed XML or not GPML raises ``InputError(name, "line:col",
reason)``; the importer reports it and goes on with the next pathway.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from kg.errors import InputError

SUPPORTED_NAMESPACES = (
    "http://pathvisio.org/GPML/2013a",
    "http://genmapp.org/GPML/2010a",
    "http://genmapp.org/GPML/2008a",
)
_VERSION = re.compile(r"(WP\d+)_(r?\d+)$")


@dataclass(frozen=True, slots=True)
class DataNode:
    graph_id: str
    label: str
    type: str  # GeneProduct, Protein, Rna, Metabolite, Pathway, Complex, ... ("" when absent)
    database: str  # Xref Database as written ("Entrez Gene", "Ensembl", "ChEBI", ...)
    identifier: str
    group_ref: str | None


@dataclass(frozen=True, slots=True)
class Interaction:
    graph_id: str
    source: str | None  # GraphRef of the first point
    target: str | None  # GraphRef of the last point
    source_head: str  # ArrowHead drawn at the first point ("" when none)
    target_head: str  # ArrowHead drawn at the last point


@dataclass(frozen=True, slots=True)
class GpmlPathway:
    """The parts of one GPML document the importer uses."""

    name: str
    wpid: str  # "WP4961" from Version, "" when the document does not say
    revision: str  # "r137993" from Version, "" when the document does not say
    organism: str
    description: str
    nodes: dict[str, DataNode]
    groups: dict[str, str]  # Group GraphId -> GroupId
    group_parents: dict[str, str]  # GroupId -> the GroupId it is nested in
    states: dict[str, str]  # State GraphId -> the DataNode GraphId it belongs to
    anchors: dict[str, str]  # Anchor GraphId -> the Interaction GraphId it sits on
    interactions: tuple[Interaction, ...]
    other_ids: frozenset[str]  # Labels, Shapes: drawing elements an interaction may touch


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _interaction(element: ET.Element, ns: str, anchors: dict[str, str], index: int) -> Interaction:
    graph_id = element.get("GraphId") or f"_interaction{index}"
    points = element.findall(f"{{{ns}}}Graphics/{{{ns}}}Point")
    for anchor in element.findall(f"{{{ns}}}Graphics/{{{ns}}}Anchor"):
        if anchor.get("GraphId"):
            anchors[anchor.get("GraphId", "")] = graph_id
    if len(points) < 2:
        return Interaction(graph_id, None, None, "", "")
    first, last = points[0], points[-1]
    return Interaction(
        graph_id,
        first.get("GraphRef") or None,
        last.get("GraphRef") or None,
        first.get("ArrowHead") or "",
        last.get("ArrowHead") or "",
    )


def parse_gpml(data: bytes, name: str) -> GpmlPathway:
    """Parse a GPML document; ``name`` (file or zip member) is used in error messages."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(name, f"{line}:{column}", f"not well-formed XML ({exc.msg})") from None
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    if _local(root.tag) != "Pathway" or ns not in SUPPORTED_NAMESPACES:
        raise InputError(
            name, "1", f"not a GPML pathway (root {_local(root.tag)!r} in namespace {ns!r})"
        )
    match = _VERSION.search(root.get("Version", ""))
    wpid, revision = (match.group(1), match.group(2)) if match else ("", "")
    if revision and not revision.startswith("r"):
        revision = "r" + revision
    nodes: dict[str, DataNode] = {}
    groups: dict[str, str] = {}
    group_parents: dict[str, str] = {}
    states: dict[str, str] = {}
    anchors: dict[str, str] = {}
    interactions: list[Interaction] = []
    other: set[str] = set()
    description = ""
    for index, element in enumerate(root):
        tag = _local(element.tag)
        graph_id = element.get("GraphId") or ""
        if tag == "DataNode" and graph_id:
            xref = element.find(f"{{{ns}}}Xref")
            nodes[graph_id] = DataNode(
                graph_id=graph_id,
                label=_clean(element.get("TextLabel")),
                type=element.get("Type") or "",
                database=(xref.get("Database") or "").strip() if xref is not None else "",
                identifier=(xref.get("ID") or "").strip() if xref is not None else "",
                group_ref=element.get("GroupRef") or None,
            )
        elif tag == "Group":
            group_id = element.get("GroupId") or ""
            if graph_id and group_id:
                groups[graph_id] = group_id
            if group_id and element.get("GroupRef"):
                group_parents[group_id] = element.get("GroupRef", "")
        elif tag == "State" and graph_id and element.get("GraphRef"):
            states[graph_id] = element.get("GraphRef", "")
        elif tag == "Interaction":
            interactions.append(_interaction(element, ns, anchors, index))
        elif tag in ("Label", "Shape", "GraphicalLine") and graph_id:
            other.add(graph_id)
        elif tag == "Comment" and element.get("Source") == "WikiPathways-description":
            description = _clean(element.text)
    return GpmlPathway(
        name=_clean(root.get("Name")),
        wpid=wpid,
        revision=revision,
        organism=_clean(root.get("Organism")),
        description=description,
        nodes=nodes,
        groups=groups,
        group_parents=group_parents,
        states=states,
        anchors=anchors,
        interactions=tuple(interactions),
        other_ids=frozenset(other),
    )
