"""Draw ranked paths as SVG (hand-written, no drawing library): one row per path, entities as
boxes coloured by category, each step an arrow labelled with its predicate, sign and belief,
the weakest step drawn red and dashed, and the pathway the goal belongs to at the end.

``--png`` converts the SVG with cairosvg when it is installed (it is not a dependency).
"""

from __future__ import annotations

from html import escape
from pathlib import Path as FilePath
from typing import TYPE_CHECKING

from kg.errors import ConfigError

if TYPE_CHECKING:
    from kg.query.paths import Path, PathSearch

FONT = 12
CHAR_W = 7.2  # average glyph width of the sans-serif font at 12 px
BOX_H, GAP, ROW_H, MARGIN = 30, 150, 96, 20
COLOURS = {
    "Drug": "#fde2e4", "ChemicalEntity": "#fde2e4", "Gene": "#e2ecfd", "Disease": "#fff1c1",
    "CellLine": "#e4f7e4", "Procedure": "#efe2fd", "Pathway": "#d9f2f2",
}  # fmt: skip


def _box(x: float, y: float, text: str, fill: str) -> tuple[str, float]:
    width = max(60.0, len(text) * CHAR_W + 16)
    svg = (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{BOX_H}" rx="6" '
        f'fill="{fill}" stroke="#555"/>'
        f'<text x="{x + width / 2:.1f}" y="{y + BOX_H / 2 + FONT / 3:.1f}" '
        f'text-anchor="middle">{escape(text)}</text>'
    )
    return svg, width


def _arrow(x1: float, x2: float, y: float, label: str, note: str, forward: bool, weak: bool) -> str:
    colour, dash = ("#c0392b", ' stroke-dasharray="6 4"') if weak else ("#333", "")
    start, end = (x1, x2) if forward else (x2, x1)
    mid = (x1 + x2) / 2
    return (
        f'<line x1="{start:.1f}" y1="{y:.1f}" x2="{end:.1f}" y2="{y:.1f}" stroke="{colour}" '
        f'stroke-width="{3 if weak else 1.5}"{dash} marker-end="url(#head{"w" if weak else ""})"/>'
        f'<text x="{mid:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="10">'
        f"{escape(label)}</text>"
        f'<text x="{mid:.1f}" y="{y + 14:.1f}" text-anchor="middle" font-size="10" '
        f'fill="{colour}">{escape(note)}</text>'
    )


def _row(path: Path, number: int, y: float, target: str) -> tuple[str, float]:
    parts = [
        f'<text x="{MARGIN}" y="{y - 8:.1f}" font-weight="bold">#{number}  score '
        f"{path.score:.3f}  ({path.hops} steps)</text>"
    ]
    x, mid_y = float(MARGIN), y + BOX_H / 2
    weakest = path.weakest if path.hops > 1 else None
    for i, node in enumerate(path.nodes):
        kind = (node.category or "").removeprefix("biolink:")
        svg, width = _box(x, y, node.label, COLOURS.get(kind, "#f4f4f4"))
        parts.append(svg)
        if i < len(path.steps):
            step = path.steps[i]
            sign = {1: " (+)", -1: " (-)"}.get(step.sign, "")
            note = f"belief {step.belief:.2f}, {step.papers} paper{'s' if step.papers != 1 else ''}"
            parts.append(
                _arrow(
                    x + width,
                    x + width + GAP,
                    mid_y,
                    f"{step.predicate}{sign}",
                    note,
                    step.forward,
                    i == weakest,
                )
            )
        x += width + (GAP if i < len(path.steps) else 0)
    if path.goal_is_member:
        parts.append(
            f'<line x1="{x:.1f}" y1="{mid_y:.1f}" x2="{x + 60:.1f}" y2="{mid_y:.1f}" '
            'stroke="#2a7f7f" stroke-dasharray="2 3" marker-end="url(#head)"/>'
        )
        svg, width = _box(x + 60, y, target, COLOURS["Pathway"])
        parts.append(svg)
        x += 60 + width
    return "".join(parts), x


def path_svg(search: PathSearch) -> str:
    """The search's paths as a standalone SVG document (an explanatory line when none)."""
    rows, widest = [], 400.0
    y = MARGIN + 30.0
    for number, path in enumerate(search.paths, start=1):
        svg, right = _row(path, number, y, search.target.name or search.target.id)
        rows.append(svg)
        widest = max(widest, right)
        y += ROW_H
    if not search.paths:
        rows.append(f'<text x="{MARGIN}" y="{y:.1f}">no path within {search.max_hops} steps</text>')
        y += ROW_H
    title = f"{search.source.label} -> {search.target.label}"
    width, height = widest + MARGIN, y
    heads = "".join(
        f'<marker id="head{k}" markerWidth="10" markerHeight="8" refX="9" refY="4" '
        f'orient="auto"><path d="M0,0 L10,4 L0,8 z" fill="{c}"/></marker>'
        for k, c in (("", "#333"), ("w", "#c0392b"))
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" font-size="{FONT}">'
        f"<title>{escape(title)}</title><defs>{heads}</defs>"
        f'<rect width="100%" height="100%" fill="white"/>'
        f'<text x="{MARGIN}" y="{MARGIN + 4}" font-size="14" font-weight="bold">'
        f"{escape(title)}</text>{''.join(rows)}</svg>\n"
    )


def write_svg(search: PathSearch, path: FilePath) -> None:
    FilePath(path).write_text(path_svg(search), encoding="utf-8")


def write_png(search: PathSearch, path: FilePath) -> None:
    """PNG through cairosvg, which irkg does not depend on (ConfigError when absent)."""
    try:
        import cairosvg
    except ImportError:
        raise ConfigError(
            "--png needs the cairosvg package (pip install cairosvg); --svg FILE works without it"
        ) from None
    cairosvg.svg2png(bytestring=path_svg(search).encode("utf-8"), write_to=str(path))
