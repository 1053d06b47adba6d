"""A plain-SVG stacked bar chart: opt-outs per day by reason. No charting library, so nothing
extra to load; only the scheduled report job imports this module."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from optout.models import Reason

# One fixed colour per reason, so charts of different days compare at a glance.
COLOURS = {
    Reason.KEYWORD.value: "#4e79a7",
    Reason.INTENT.value: "#f28e2b",
    Reason.FUZZY.value: "#e15759",
    Reason.CARRIER.value: "#76b7b2",
    Reason.FAILED_DELIVERY.value: "#59a14f",
    Reason.MANUAL.value: "#edc948",
    Reason.IMPORT.value: "#b07aa1",
    Reason.API.value: "#9c755f",
    Reason.REVIEW.value: "#ff9da7",
}
_OTHER = "#bab0ac"
WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 48, 150, 36, 48


def opt_outs_chart(days: Sequence[dict[str, Any]], *, title: str) -> str:
    """One bar per day (`<g class="bar">`), one segment per reason (`<rect class="segment">`).

    `days` are summary rows: {"date": ..., "opt_outs": {"total": n, "by_reason": {...}}}.
    """
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    peak = max((d["opt_outs"]["total"] for d in days), default=0) or 1
    step = plot_w / max(len(days), 1)
    bar_w = max(step * 0.75, 1.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#333"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">{peak}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end">0</text>',
    ]
    seen: list[str] = []
    for index, day in enumerate(days):
        x = LEFT + index * step + (step - bar_w) / 2
        total = day["opt_outs"]["total"]
        parts.append(f'<g class="bar" data-date="{escape(day["date"])}" data-total="{total}">')
        parts.append(f"<title>{escape(day['date'])}: {total} opt-outs</title>")
        y = TOP + plot_h
        for reason, count in sorted(day["opt_outs"]["by_reason"].items()):
            if not count:
                continue
            if reason not in seen:
                seen.append(reason)
            height = plot_h * count / peak
            y -= height
            parts.append(
                f'<rect class="segment" data-reason="{escape(reason)}" x="{x:.1f}" y="{y:.1f}" '
                f'width="{bar_w:.1f}" height="{height:.1f}" fill="{COLOURS.get(reason, _OTHER)}"/>'
            )
        parts.append("</g>")
        if index % 7 == 0 or index == len(days) - 1:  # a date label each week, and the last day
            label_x = x + bar_w / 2
            parts.append(
                f'<text x="{label_x:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">{escape(day["date"][5:])}</text>'
            )
    for row, reason in enumerate(sorted(seen)):
        y = TOP + row * 18
        parts.append(f'<rect x="{WIDTH - RIGHT + 16}" y="{y}" width="12" height="12" fill="{COLOURS.get(reason, _OTHER)}"/>')
        parts.append(f'<text x="{WIDTH - RIGHT + 34}" y="{y + 10}">{escape(reason)}</text>')
    if not seen:
        parts.append(f'<text x="{LEFT + plot_w / 2}" y="{TOP + plot_h / 2}" text-anchor="middle">No opt-outs</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
