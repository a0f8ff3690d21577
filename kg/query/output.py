"""Query results and path searches as text: a rich table, JSON, CSV or TSV; paths as prose.

CSV follows RFC 4180 (the csv module's quoting); a list cell is written as a JSON array so
values with commas or semicolons survive. TSV escapes backslash, tab, newline and carriage
return as ``\\\\``, ``\\t``, ``\\n``, ``\\r`` (one record per line, like SPARQL TSV results).
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from kg.errors import QueryError

if TYPE_CHECKING:
    from kg.query.overview import EntityCard
    from kg.query.paths import Path, PathSearch
    from kg.query.run import QueryResult

FORMATS = ("table", "json", "csv", "tsv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _tsv(value: Any) -> str:
    text = _cell(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def format_result(result: QueryResult, fmt: str = "json") -> str:
    """The result as JSON (a list of objects), CSV or TSV text (header line first)."""
    if fmt == "json":
        return json.dumps(list(result.rows), ensure_ascii=False, indent=2)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_cell(row.get(c)) for c in result.columns] for row in result.rows)
        return out.getvalue().rstrip("\n")
    if fmt == "tsv":
        lines = ["\t".join(result.columns)]
        lines += ["\t".join(_tsv(row.get(c)) for c in result.columns) for row in result.rows]
        return "\n".join(lines)
    raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def result_table(result: QueryResult, title: str | None = None) -> Any:
    """A rich Table of the result (lists joined with ', ')."""
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        cells = []
        for column in result.columns:
            value = row.get(column)
            cells.append(", ".join(map(str, value)) if isinstance(value, list) else _cell(value))
        table.add_row(*cells)
    return table


# --------------------------------------------------------------------------- paths


def render_path(path: Path, number: int, target_label: str) -> list[str]:
    """One ranked path as lines: a header, one line per step, the sentence behind each."""
    weakest = path.weakest
    lines = [
        f"#{number}  score {path.score:.3f}  {path.hops} step{'s' if path.hops != 1 else ''}, "
        f"{path.papers} paper{'s' if path.papers != 1 else ''}"
        + (f"  (weakest: step {weakest + 1})" if weakest is not None and path.hops > 1 else "")
    ]
    for i, step in enumerate(path.steps):
        mark = "  <- weakest" if i == weakest and path.hops > 1 else ""
        lines.append(
            f"  {i + 1}. {step.source.label} {step.arrow} {step.target.label}   "
            f"belief {step.belief:.2f}, {step.papers} paper{'s' if step.papers != 1 else ''}"
            f"{mark}"
        )
        if step.sentence:
            lines.append(f'       "{" ".join(step.sentence.split())}"')
        elif step.provenance or step.references:
            shown = "; ".join(step.references[:3]) or step.provenance
            more = f" and {len(step.references) - 3} more" if len(step.references) > 3 else ""
            lines.append(f"       (curated: {shown}{more})")
        else:
            lines.append("       (no sentence, no source)")
    if path.goal_is_member:
        where = (
            f" (position {path.member_position} of its chain)"
            if path.member_position is not None
            else ""
        )
        lines.append(f"  => {path.goal.label} is a member of {target_label}{where}")
    return lines


def render_search(search: PathSearch, why_not: list[str] | None = None) -> str:
    """The whole search as text, best path first; ``why_not`` lines when nothing was found."""
    head = (
        f"{search.source.label} -> {search.target.label}: "
        f"{search.found}{'+' if search.truncated else ''} "
        f"path{'s' if search.found != 1 else ''} within {search.max_hops} "
        f"steps ({search.store}, {search.seconds * 1000:.0f} ms)"
    )
    lines = [head]
    if search.paths and not search.mechanistic:
        lines.append(
            "no mechanistic path (activation, inhibition, binding, targets, orthology) within "
            f"{search.max_hops} steps; these go through co-mention or clinical use: leads to "
            "read, not mechanisms"
        )
    if search.truncated:
        lines.append(
            f"the search stopped after {search.found} shortest "
            f"path{'s' if search.found != 1 else ''} and more exist: the best shown are the "
            "best of those read"
        )
    if search.found > len(search.paths):
        lines.append(f"showing the best {len(search.paths)}, ranked by evidence")
    for number, path in enumerate(search.paths, start=1):
        lines += ["", *render_path(path, number, search.target.label)]
    if not search.paths:
        lines.append("no path found" + ("; why:" if why_not else " (--why-not explains)"))
        lines += [f"  - {line}" for line in why_not or ()]
    return "\n".join(lines)


def search_json(search: PathSearch, why_not: list[str] | None = None) -> str:
    """The search as JSON (every step with its evidence)."""

    def step(s: Any) -> dict[str, Any]:
        return {
            "edge_id": s.edge_id, "predicate": s.predicate, "from": s.source.id,
            "to": s.target.id, "forward": s.forward, "sign": s.sign, "belief": s.belief,
            "papers": s.papers, "sentence": s.sentence, "source": s.provenance,
            "references": list(s.references),
        }  # fmt: skip

    data = {
        "source": search.source.id,
        "target": search.target.id,
        "max_hops": search.max_hops,
        "found": search.found,
        "truncated": search.truncated,
        "tier": search.tier,
        "paths": [
            {
                "score": p.score,
                "hops": p.hops,
                "weakest_step": p.weakest,
                "nodes": [{"id": n.id, "name": n.name} for n in p.nodes],
                "steps": [step(s) for s in p.steps],
                "member_position": p.member_position,
            }
            for p in search.paths
        ],
        "why_not": why_not or [],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_card(card: EntityCard) -> str:
    """An entity's card: its properties, then one line per neighbour with its evidence."""
    lines = [f"{card.entity.label}  [matched by {card.entity.matched_by}]"]
    for key, value in card.properties.items():
        if value not in (None, [], "") and key != "id":
            lines.append(f"  {key:<12} {', '.join(value) if isinstance(value, list) else value}")
    lines.append(f"neighbours ({len(card.neighbours)} strongest):" if card.neighbours.rows else
                 "no neighbours (only papers mention it)")  # fmt: skip
    for row in card.neighbours.rows:
        sign = {1: "(+)", -1: "(-)"}.get(row["sign"] or 0, "")
        arrow = f"-[{row['predicate']}{sign}]->"
        if row["direction"] == "in":
            arrow = f"<-[{row['predicate']}{sign}]-"
        papers = row["papers"] or 0
        lines.append(
            f"  {arrow} {row['neighbour_name'] or ''} ({row['neighbour_id']})   "
            f"belief {row['belief'] if row['belief'] is not None else 1.0:.2f}, "
            f"{papers} paper{'s' if papers != 1 else ''}"
        )
        if row["best_sentence"]:
            lines.append(f'       "{" ".join(row["best_sentence"].split())}"')
    return "\n".join(lines)
