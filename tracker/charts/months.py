"""Months with and without a session: one cell per month, filled when a session was held, outlined (dashed)
when one is only scheduled, crossed when there was none; each cell also says so in its text."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from tracker.charts.svg import INK, LEFT, MUTED, RIGHT, WIDTH, empty, esc, frame, num

HEIGHT = 150
STATES = ("held", "scheduled", "none")


def _cell(x: float, y: float, w: float, state: str, label: str, name: str) -> str:
    h = 36
    tip = f"<title>{esc(label)}: {esc(name)}</title>"
    if state == "held":
        shape = (f'<rect x="{num(x)}" y="{y}" width="{num(w)}" height="{h}" fill="#38761d" stroke="{INK}"/>'
                 f'<path d="M{num(x + w / 2 - 6)} {y + 18}l5 6l9 -12" fill="none" stroke="#ffffff" '
                 f'stroke-width="2.5"/>')
    elif state == "scheduled":
        shape = (f'<rect x="{num(x)}" y="{y}" width="{num(w)}" height="{h}" fill="#ffffff" stroke="#0b5394" '
                 f'stroke-width="2" stroke-dasharray="4 3"/>'
                 f'<circle cx="{num(x + w / 2)}" cy="{y + 18}" r="5" fill="none" stroke="#0b5394" stroke-width="2"/>')
    else:
        shape = (f'<rect x="{num(x)}" y="{y}" width="{num(w)}" height="{h}" fill="#f3f3f3" stroke="{MUTED}"/>'
                 f'<path d="M{num(x + w / 2 - 6)} {y + 12}l12 12m0 -12l-12 12" stroke="#990000" '
                 f'stroke-width="2.5"/>')
    return f'<g class="month month-{state}">{tip}{shape}</g>'


def month_strip(chart_id: str, title: str, desc: str, months: Sequence[tuple[str, str]],
                names: Mapping[str, str], no_data: str) -> str:
    """A strip of (label, state) months, state one of STATES; `names` are the states' words for the legend."""
    if not months:
        return empty(chart_id, title, no_data)
    slot = (WIDTH - LEFT - RIGHT) / len(months)
    w = max(6.0, slot - 4)
    body = []
    for i, (label, state) in enumerate(months):
        x = LEFT + slot * i + 2
        body.append(_cell(x, 16, w, state, label, names[state]))
        month, _, year = label.partition(" ")  # "ene 26": the month, and its year under it, legible on a phone
        body.append(f'<text x="{num(x + w / 2)}" y="68" text-anchor="middle" font-size="12" fill="{MUTED}">'
                    f'{esc(month)}<tspan x="{num(x + w / 2)}" dy="14">{esc(year)}</tspan></text>')
    x = LEFT
    for state in STATES:
        body.append(_cell(x, 98, 26, state, names[state], names[state]).replace('class="month ', 'class="key '))
        body.append(f'<text x="{x + 32}" y="120">{esc(names[state])}</text>')
        x += 40 + 7 * len(names[state]) + 16
    return frame(chart_id, title, desc, body, height=HEIGHT)
