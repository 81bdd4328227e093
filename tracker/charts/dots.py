"""Days to respond: one dot per contribution on a day scale, dots of the same day stacked, the median marked."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from statistics import median

from tracker.charts.svg import INK, LEFT, MUTED, RIGHT, WIDTH, empty, esc, frame, num

HEIGHT = 220
BASELINE = 170
DOT = 7


def x_of(days: float, maximum: int) -> float:
    """The x of a number of days on the strip whose scale runs from 0 to `maximum` days."""
    return LEFT + (WIDTH - LEFT - RIGHT) * days / max(maximum, 1)


def scale_max(days: Sequence[int]) -> int:
    """The right end of the day scale: the largest value rounded up to a multiple of 10 (at least 10)."""
    return max(10, -(-max(days) // 10) * 10)


def day_strip(chart_id: str, title: str, desc: str, days: Sequence[int], axis_label: str, median_label: str,
              no_data: str) -> str:
    """The dot strip of `days` with a line at the median, labelled `median_label` (formatted with {median})."""
    if not days:
        return empty(chart_id, title, no_data)
    top = scale_max(days)
    mid = median(days)
    body = [f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{BASELINE}" y2="{BASELINE}" stroke="{INK}"/>']
    step = 5 if top <= 30 else 10 if top <= 100 else 30
    for t in range(0, top + 1, step):
        x = x_of(t, top)
        body.append(f'<line x1="{num(x)}" x2="{num(x)}" y1="{BASELINE}" y2="{BASELINE + 5}" stroke="{INK}"/>'
                    f'<text x="{num(x)}" y="{BASELINE + 18}" text-anchor="middle" fill="{MUTED}">{t}</text>')
    body.append(f'<text x="{num((LEFT + WIDTH - RIGHT) / 2)}" y="{BASELINE + 40}" text-anchor="middle" '
                f'fill="{MUTED}">{esc(axis_label)}</text>')
    stacked: Counter[int] = Counter()
    dots = []
    for d in sorted(days):
        stacked[d] += 1
        cy = BASELINE - DOT - (stacked[d] - 1) * (DOT * 2 - 2)
        dots.append(f'<circle class="dot" cx="{num(x_of(d, top))}" cy="{num(max(cy, 24))}" r="{DOT - 1}" '
                    f'fill="#0b5394" fill-opacity="0.75" stroke="#ffffff"><title>{d}</title></circle>')
    body.append('<g class="dots">' + "".join(dots) + "</g>")
    mx = x_of(mid, top)
    text = median_label.format(median=f"{mid:g}")
    anchor = "start" if mx < WIDTH * 0.7 else "end"
    shift = 4 if anchor == "start" else -4
    body.append(f'<g class="median" data-median="{mid:g}"><line x1="{num(mx)}" x2="{num(mx)}" y1="14" '
                f'y2="{BASELINE}" stroke="#990000" stroke-width="2" stroke-dasharray="5 3"/>'
                f'<text x="{num(mx + shift)}" y="14" text-anchor="{anchor}" fill="#990000" font-weight="600">'
                f'{esc(text)}</text></g>')
    return frame(chart_id, title, desc, body, height=HEIGHT)
