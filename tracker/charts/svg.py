"""What every chart shares: the SVG frame with its title and description, escaping, fills that do not rely on
colour alone (each series has a colour and a pattern), a legend, and the "no data yet" drawing."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

#: The drawing's coordinate system (it scales to the page through the viewBox).
WIDTH, HEIGHT = 640, 320
#: Plot margins: left (axis labels), right, top, bottom (bar labels, legend).
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 92
#: Colours dark enough for white marks on them and distinct from each other (Okabe-Ito inspired, darkened).
COLOURS = ("#0b5394", "#b45f06", "#38761d", "#990000", "#674ea7", "#0e7c86", "#5b5b5b", "#7f6000")
#: Marks drawn over the colour so that series differ without colour too.
MARKS = ("", "diagonal", "dots", "horizontal", "cross", "vertical", "backward", "grid")
INK = "#1b1b1b"
MUTED = "#595959"


def esc(text: object) -> str:
    """Text safe inside SVG markup."""
    return escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate with at most one decimal."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _mark(kind: str) -> str:
    stroke = 'stroke="#ffffff" stroke-width="1.5"'
    return {
        "": "",
        "diagonal": f'<path d="M0 8L8 0" {stroke}/>',
        "dots": '<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>',
        "horizontal": f'<path d="M0 4H8" {stroke}/>',
        "cross": f'<path d="M0 8L8 0M0 0L8 8" {stroke}/>',
        "vertical": f'<path d="M4 0V8" {stroke}/>',
        "backward": f'<path d="M0 0L8 8" {stroke}/>',
        "grid": f'<path d="M0 4H8M4 0V8" {stroke}/>',
    }[kind]


def patterns(chart_id: str, keys: Sequence[str]) -> str:
    """One <pattern> per series key: its colour with its own mark over it (ids `<chart_id>-<key>`)."""
    out = []
    for i, key in enumerate(keys):
        colour, mark = COLOURS[i % len(COLOURS)], MARKS[i % len(MARKS)]
        out.append(f'<pattern id="{esc(chart_id)}-{esc(key)}" width="8" height="8" patternUnits="userSpaceOnUse">'
                   f'<rect width="8" height="8" fill="{colour}"/>{_mark(mark)}</pattern>')
    return "<defs>" + "".join(out) + "</defs>"


def fill(chart_id: str, key: str) -> str:
    """The fill attribute value of a series."""
    return f"url(#{esc(chart_id)}-{esc(key)})"


def frame(chart_id: str, title: str, desc: str, body: Iterable[str], height: int = HEIGHT) -> str:
    """The whole SVG: role="img", labelled by its <title> and <desc>, scaling through its viewBox."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{esc(chart_id)}" role="img" '
            f'viewBox="0 0 {WIDTH} {height}" preserveAspectRatio="xMidYMid meet" '
            f'aria-labelledby="{esc(chart_id)}-title {esc(chart_id)}-desc" '
            f'font-family="system-ui, Arial, sans-serif" font-size="12" fill="{INK}">'
            f'<title id="{esc(chart_id)}-title">{esc(title)}</title>'
            f'<desc id="{esc(chart_id)}-desc">{esc(desc)}</desc>' + "".join(body) + "</svg>")


def empty(chart_id: str, title: str, message: str) -> str:
    """The drawing shown when there is nothing to draw yet: a framed box saying so."""
    return frame(chart_id, title, message, [
        f'<rect x="1" y="1" width="{WIDTH - 2}" height="118" fill="#f6f6f6" stroke="{MUTED}" '
        f'stroke-dasharray="6 4"/>',
        f'<text x="{WIDTH // 2}" y="64" text-anchor="middle" font-size="16" fill="{MUTED}" '
        f'class="no-data">{esc(message)}</text>',
    ], height=120)


def legend(chart_id: str, items: Sequence[tuple[str, str]], y: float) -> str:
    """A legend row (wrapping) of (key, label): a swatch with the series' pattern, then its label."""
    out, x, row = [], LEFT, 0
    for key, label in items:
        width = 22 + 7 * len(label) + 14
        if x + width > WIDTH - RIGHT and x > LEFT:
            x, row = LEFT, row + 1
        top = y + row * 18
        out.append(f'<g class="legend-item"><rect x="{num(x)}" y="{num(top)}" width="14" height="14" '
                   f'fill="{fill(chart_id, key)}" stroke="{INK}" stroke-width="0.5"/>'
                   f'<text x="{num(x + 18)}" y="{num(top + 11)}">{esc(label)}</text></g>')
        x += width
    return '<g class="legend">' + "".join(out) + "</g>"


def nice_max(value: int) -> int:
    """A round top for a count axis, at least `value` and at least 1."""
    if value <= 5:
        return max(value, 1)
    for step in (2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if value <= step * 5:
            return -(-value // step) * step
    return value


def y_axis(top: int, plot_height: float, maximum: int, label: str) -> str:
    """Grid lines and count labels on the left, with the axis title."""
    out = []
    ticks = range(0, maximum + 1, max(1, maximum // 5))
    for t in ticks:
        y = TOP + plot_height - plot_height * t / maximum
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{num(y)}" y2="{num(y)}" stroke="#d0d0d0"/>'
                   f'<text x="{LEFT - 6}" y="{num(y + 4)}" text-anchor="end" fill="{MUTED}">{t}</text>')
    out.append(f'<text x="4" y="{TOP - 4}" fill="{MUTED}" font-size="12">{esc(label)}</text>')
    return '<g class="axis">' + "".join(out) + "</g>"
