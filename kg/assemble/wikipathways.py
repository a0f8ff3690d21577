"""WikiPathways GPML release zips -> pathway nodes, membership and signed interaction edges.

    result = import_wikipathways(zip_path, mapper=MemberMapper(index, lexicon))   # demo subset
    result = import_wikipathways(zip_path, mapper=..., pathways=None)             # all pathways
    result.nodes, result.edges, result.labels, result.report

Streaming over the zip (the official ``wikipathways-<date>-gpml-<Organism>.zip``: one
``WPnnnn.gpml`` per pathway, older releases ``Hs_<Title>_WPnnnn_<rev>.gpml``), one pathway at a
time. A GPML that cannot be read is reported as ``member: reason`` and the rest go on.

- Pathway nodes ``wikipathways:WPnnnn`` (title, organism, description); every edge names
  ``wikipathways:WPnnnn@<revision>`` as its source, licence CC0-1.0.
- Members: DataNodes mapped to NCBIGene/MESH by their Xref (``kg.assemble.xrefs``), else by
  label through the lexicon, ``biolink:participates_in`` the pathway; unmapped ones are counted
  per Xref database.
- Interactions: ArrowHeads give direction and sign (``ARROWHEADS``); GraphRefs to Groups fan
  out to the group's members, to States to their DataNode, to an Anchor (a line ending on
  another line: "X inhibits the conversion A -> B") to that line's target B. A line that starts
  on an anchor, has no arrowhead or ends on a drawing element is counted and skipped.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.assemble.edgeset import EdgeSet, curated_edge
from kg.assemble.gpml import DataNode, GpmlPathway, Interaction, parse_gpml
from kg.assemble.lexmatch import Status, match_name
from kg.assemble.xrefs import XrefIndex, namespace
from kg.errors import InputError
from kg.model import Edge, EntityType, Node, Qualifiers, Sign

if TYPE_CHECKING:
    from kg.lexicon import Lexicon

LICENSE = "CC0-1.0"
PRIMARY_SOURCE = "infores:wikipathways"
# The demo's default selection: cGAS-STING, cytosolic DNA sensing, PD-1 and CTLA-4 blockade,
# type I IFN signalling, T cell receptor signalling and the DNA damage response.
DEMO_PATHWAYS = (
    "WP4961",
    "WP4655",
    "WP4585",
    "WP4582",
    "WP585",
    "WP4558",
    "WP69",
    "WP2583",
    "WP707",
)
TAXA = {"Homo sapiens": "NCBITaxon:9606", "Mus musculus": "NCBITaxon:10090"}
# ArrowHead -> (predicate, sign). Heads not listed (mim-catalysis, mim-modification, mim-cleavage,
# ...) assert an effect without a sign; purely graphical heads are treated as no arrowhead.
ARROWHEADS: dict[str, tuple[str, Sign]] = {
    "Arrow": ("biolink:affects", Sign.POSITIVE),
    "mim-conversion": ("biolink:affects", Sign.POSITIVE),
    "mim-stimulation": ("biolink:affects", Sign.POSITIVE),
    "mim-necessary-stimulation": ("biolink:affects", Sign.POSITIVE),
    "mim-transcription-translation": ("biolink:affects", Sign.POSITIVE),
    "TBar": ("biolink:affects", Sign.NEGATIVE),
    "mim-inhibition": ("biolink:affects", Sign.NEGATIVE),
    "mim-binding": ("biolink:directly_physically_interacts_with", Sign.NONE),
}
UNSIGNED = ("biolink:affects", Sign.NONE)
GRAPHICAL_HEADS = frozenset({"", "Line", "mim-branching-left", "mim-branching-right", "mim-gap"})
LABEL_TYPES = {
    "GeneProduct": EntityType.GENE,
    "Protein": EntityType.GENE,
    "Rna": EntityType.GENE,
    "RNA": EntityType.GENE,
    "Metabolite": EntityType.CHEMICAL,
}
NOT_MEMBERS = frozenset({"Pathway", "Event", "Key Event", "BiologicalProcess", "CellularComponent"})
# WP4961.gpml (2023+ releases) or Hs_<Title>_WP254_111111.gpml (older: revision in the name)
_MEMBER = re.compile(r"(WP\d+)(?:_(\d+))?\.gpml$")


@dataclass
class WikiPathwaysReport:
    """What the import read, mapped, emitted and skipped (printed by the build)."""

    pathways: int = 0
    failed: list[str] = field(default_factory=list)  # "member: reason"
    members: Counter[str] = field(default_factory=Counter)  # xref / label / unmapped / ambiguous
    unmapped_by_database: Counter[str] = field(default_factory=Counter)
    interactions: int = 0
    edges: Counter[str] = field(default_factory=Counter)  # predicate[sign] -> count
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> interactions
    merged: int = 0

    def lines(self) -> list[str]:
        mapped = self.members["xref"] + self.members["label"]
        total = mapped + self.members["unmapped"] + self.members["ambiguous"]
        out = [
            f"wikipathways: {self.pathways} pathways, {len(self.failed)} unreadable",
            f"  members: {mapped}/{total} mapped ({self.members['xref']} by xref, "
            f"{self.members['label']} by label), {self.members['unmapped']} unmapped, "
            f"{self.members['ambiguous']} ambiguous",
            f"  interactions: {self.interactions}; edges: "
            + ", ".join(f"{k} {v}" for k, v in sorted(self.edges.items())),
        ]
        if self.skipped:
            out.append("  skipped: " + ", ".join(f"{k} {v}" for k, v in self.skipped.most_common()))
        if self.unmapped_by_database:
            common = self.unmapped_by_database.most_common(8)
            out.append(
                "  unmapped by xref database: "
                + ", ".join(f"{k or '(none)'} {v}" for k, v in common)
            )
        out.extend(f"  {problem}" for problem in self.failed)
        return out


@dataclass(frozen=True)
class WikiPathwaysImport:
    nodes: tuple[Node, ...]  # one Pathway node per imported pathway
    edges: tuple[Edge, ...]
    labels: dict[str, str]  # CURIE -> a GPML label naming it (fallback node names)
    report: WikiPathwaysReport


class MemberMapper:
    """DataNode -> CURIE: by Xref through the index, else by label through the lexicon."""

    def __init__(self, index: XrefIndex | None = None, lexicon: Lexicon | None = None) -> None:
        self.index = index or XrefIndex()
        self.lexicon = lexicon
        self._labels: dict[tuple[str, EntityType, str | None], tuple[str | None, str]] = {}

    def map(self, node: DataNode, taxon: str | None) -> tuple[str | None, str]:
        """(CURIE or None, how: "xref" / "label" / "unmapped" / "ambiguous")."""
        ns = namespace(node.database)
        if ns and node.identifier:
            curie = self.index.resolve(ns, node.identifier)
            if curie is not None:
                return curie, "xref"
        wanted = LABEL_TYPES.get(node.type)
        if self.lexicon is None or wanted is None or not node.label:
            return None, "unmapped"
        key = (node.label, wanted, taxon if wanted is EntityType.GENE else None)
        if key not in self._labels:
            match = match_name(self.lexicon, *key)
            how = "label" if match.status is Status.MAPPED else str(match.status)
            self._labels[key] = (match.curie, how)
        return self._labels[key]


class _Resolver:
    """GraphRef -> DataNode GraphIds within one pathway."""

    def __init__(self, pathway: GpmlPathway) -> None:
        self.pw = pathway
        self.by_id = {i.graph_id: i for i in pathway.interactions}
        self.children: dict[str, list[str]] = {}
        for node in pathway.nodes.values():
            if node.group_ref:
                self.children.setdefault(node.group_ref, []).append(node.graph_id)
        self.subgroups: dict[str, list[str]] = {}
        for child, parent in pathway.group_parents.items():
            self.subgroups.setdefault(parent, []).append(child)

    def _group(self, group_id: str, depth: int) -> list[str]:
        members = list(self.children.get(group_id, ()))
        if depth < 8:
            for sub in self.subgroups.get(group_id, ()):
                members += self._group(sub, depth + 1)
        return members

    def endpoints(self, ref: str | None, role: str, depth: int = 0) -> tuple[list[str], str]:
        """(DataNode ids, "") or ([], reason) for the element a line end touches."""
        pw = self.pw
        if ref is None:
            return [], "unconnected line end"
        if ref in pw.nodes:
            return [ref], ""
        if ref in pw.groups:
            members = self._group(pw.groups[ref], 0)
            return (members, "") if members else ([], "empty group")
        if ref in pw.states:
            return ([pw.states[ref]], "") if pw.states[ref] in pw.nodes else ([], "dangling state")
        if ref in pw.anchors:
            if role == "source":
                return [], "line starts on an anchor"
            line = self.by_id.get(pw.anchors[ref])
            if line is None or depth > 4:
                return [], "unresolvable anchor"
            return self.endpoints(_downstream(line), "target", depth + 1)
        if ref in pw.other_ids:
            return [], "ends on a label or shape"
        return [], "dangling reference"


def _downstream(line: Interaction) -> str | None:
    """The end of a line its arrow points to (the target, or the source of a reversed line)."""
    if line.source_head not in GRAPHICAL_HEADS and line.target_head in GRAPHICAL_HEADS:
        return line.source
    return line.target


def _directions(line: Interaction) -> list[tuple[str | None, str | None, str]]:
    out = []
    if line.target_head not in GRAPHICAL_HEADS:
        out.append((line.source, line.target, line.target_head))
    if line.source_head not in GRAPHICAL_HEADS:
        out.append((line.target, line.source, line.source_head))
    return out


class _PathwayImport:
    """Turns one parsed pathway into edges, writing into shared accumulators."""

    def __init__(
        self,
        pw: GpmlPathway,
        wpid: str,
        mapper: MemberMapper,
        sink: EdgeSet,
        labels: dict[str, str],
        report: WikiPathwaysReport,
    ) -> None:
        self.pw, self.wpid, self.sink, self.labels, self.report = pw, wpid, sink, labels, report
        self.curie = f"wikipathways:{wpid}"
        self.source = f"{self.curie}@{pw.revision}" if pw.revision else self.curie
        self.taxon = TAXA.get(pw.organism)
        self.mapped: dict[str, str] = {}
        for node in pw.nodes.values():
            curie, how = mapper.map(node, self.taxon)
            if node.type not in NOT_MEMBERS:
                report.members[how] += 1
                if curie is None:
                    report.unmapped_by_database[node.database] += 1
            if curie is not None:
                self.mapped[node.graph_id] = curie
                labels.setdefault(curie, node.label)

    def edge(self, subject: str, predicate: str, object: str, sign: Sign = Sign.NONE) -> None:
        q = Qualifiers(sign=sign, pathway=self.curie)
        self.sink.add(
            curated_edge(
                subject,
                predicate,
                object,
                q,
                sources=(self.source,),
                license=LICENSE,
                primary_source=PRIMARY_SOURCE,
            )
        )

    def run(self) -> None:
        for graph_id, curie in sorted(self.mapped.items()):
            if self.pw.nodes[graph_id].type not in NOT_MEMBERS and curie != self.curie:
                self.edge(curie, "biolink:participates_in", self.curie)
        resolver = _Resolver(self.pw)
        for line in self.pw.interactions:
            self.report.interactions += 1
            self.interaction(line, resolver)

    def interaction(self, line: Interaction, resolver: _Resolver) -> None:
        """Edges for each drawn direction of a line; a direction that yields none is counted."""
        directions = _directions(line)
        if not directions:
            self.report.skipped["no arrowhead"] += 1
        for start, end, head in directions:
            sources, why = resolver.endpoints(start, "source")
            targets, why_t = resolver.endpoints(end, "target") if sources else ([], "")
            if not sources or not targets:
                self.report.skipped[why or why_t] += 1
                continue
            subjects = {self.mapped[s] for s in sources if s in self.mapped}
            objects = {self.mapped[t] for t in targets if t in self.mapped}
            if subjects & objects:
                # a complex converted into (part of) itself: a state change, not an effect
                self.report.skipped["complex state change"] += 1
                continue
            pairs = {(s, t) for s in subjects for t in objects}
            if not pairs:
                self.report.skipped["endpoint unmapped"] += 1
                continue
            predicate, sign = ARROWHEADS.get(head, UNSIGNED)
            for subject, object in sorted(pairs):
                self.edge(subject, predicate, object, sign)
                self.report.edges[f"{predicate.removeprefix('biolink:')}[{sign.name.lower()}]"] += 1


def _members(archive: zipfile.ZipFile, wanted: set[str] | None) -> Iterator[tuple[str, str, str]]:
    """(member name, WP id, revision from the name or "") of the selected GPML members."""
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        match = _MEMBER.search(Path(info.filename).name)
        if match and (wanted is None or match.group(1) in wanted):
            yield info.filename, match.group(1), f"r{match.group(2)}" if match.group(2) else ""


def import_wikipathways(
    zip_path: Path,
    *,
    mapper: MemberMapper,
    pathways: Collection[str] | None = DEMO_PATHWAYS,
    progress: bool = False,
) -> WikiPathwaysImport:
    """Import the selected pathways (``None``: all) of a GPML release zip."""
    report = WikiPathwaysReport()
    sink = EdgeSet()
    labels: dict[str, str] = {}
    nodes: list[Node] = []
    try:
        archive = zipfile.ZipFile(zip_path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(zip_path, None, f"not a readable zip archive ({exc})") from None
    with archive:
        members = list(_members(archive, None if pathways is None else set(pathways)))
        for member, wpid, revision in _progress(members, progress):
            try:
                pw = parse_gpml(archive.read(member), f"{zip_path.name}!{member}")
            except InputError as exc:
                report.failed.append(str(exc))
                continue
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                report.failed.append(f"{zip_path.name}!{member}: unreadable member ({exc})")
                continue
            report.pathways += 1
            if not pw.revision and revision:
                pw = replace(pw, revision=revision)
            job = _PathwayImport(pw, pw.wpid or wpid, mapper, sink, labels, report)
            job.run()
            nodes.append(
                Node(
                    id=job.curie,
                    category="biolink:Pathway",
                    name=pw.name or wpid,
                    taxon=job.taxon,
                    sources=(job.source,),
                    description=pw.description,
                )
            )
    report.merged = sum(sink.merged.values())
    return WikiPathwaysImport(
        tuple(sorted(nodes, key=lambda n: n.id)), sink.edges(), labels, report
    )


def _progress(items: list[tuple[str, str, str]], show: bool) -> Iterator[tuple[str, str, str]]:
    if not show:
        yield from items
        return
    from rich.progress import track

    yield from track(items, description="WikiPathways", total=len(items))
