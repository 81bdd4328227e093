"""Stacked bars: attendance by sector per held session, contributions by status at the end of each month."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from tracker.charts.svg import (
    BOTTOM,
    HEIGHT,
    LEFT,
    MUTED,
    RIGHT,
    TOP,
    WIDTH,
    empty,
    esc,
    fill,
    frame,
    legend,
    nice_max,
    num,
    patterns,
    y_axis,
)


def stacked_bars(chart_id: str, title: str, desc: str, bars: Sequence[tuple[str, Mapping[str, int]]],
                 series: Sequence[tuple[str, str]], axis_label: str, no_data: str) -> str:
    """One stacked bar per (label, counts by series key), series in the order given as (key, label); a bar of
    total 0 is drawn as its label and "0" (a session held with no attendance recorded); a "no data yet" drawing
    when there is no bar."""
    totals = [sum(counts.get(key, 0) for key, _ in series) for _, counts in bars]
    if not bars:
        return empty(chart_id, title, no_data)
    keys = [key for key, _ in series]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = nice_max(max(totals))  # at least 1
    slot = plot_w / len(bars)
    bar_w = max(4.0, min(48.0, slot * 0.7))
    body = [patterns(chart_id, keys), y_axis(TOP, plot_h, top, axis_label)]
    rotate = slot < 60
    for i, ((label, counts), total) in enumerate(zip(bars, totals, strict=True)):
        x = LEFT + slot * i + (slot - bar_w) / 2
        base: float = TOP + plot_h
        parts = [f'<g class="bar" data-total="{total}"><title>{esc(label)}: {total}</title>']
        for key, name in series:
            count = counts.get(key, 0)
            if not count:
                continue
            h = plot_h * count / top
            base -= h
            parts.append(f'<rect x="{num(x)}" y="{num(base)}" width="{num(bar_w)}" height="{num(h)}" '
                         f'fill="{fill(chart_id, key)}" stroke="#ffffff" stroke-width="0.5">'
                         f'<title>{esc(label)}: {esc(name)} {count}</title></rect>')
        parts.append(f'<text x="{num(x + bar_w / 2)}" y="{num(base - 3)}" text-anchor="middle" '
                     f'font-weight="600">{total}</text>')
        cx, cy = x + bar_w / 2, TOP + plot_h + 12
        if rotate:
            parts.append(f'<text x="{num(cx)}" y="{num(cy)}" text-anchor="end" fill="{MUTED}" font-size="12" '
                         f'transform="rotate(-45 {num(cx)} {num(cy)})">{esc(label)}</text>')
        else:
            parts.append(f'<text x="{num(cx)}" y="{num(cy + 2)}" text-anchor="middle" fill="{MUTED}" '
                         f'font-size="12">{esc(label)}</text>')
        parts.append("</g>")
        body.append("".join(parts))
    body.append(legend(chart_id, [(k, n) for k, n in series], HEIGHT - 34))
    return frame(chart_id, title, desc, body)
