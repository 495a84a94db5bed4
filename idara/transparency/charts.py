"""Charts drawn on the server as SVG: readable without JavaScript, light on a slow connection,
and each given a title; the page puts the same figures in a table beside it for screen readers."""

from django.utils.html import escape

WIDTH, HEIGHT, MARGIN = 600, 220, 28


def bar_chart(title: str, labels: list[str], series: list[tuple[str, list[float], str]]) -> str:
    """Grouped bars: `series` is [(name, values, colour)], one value per label."""
    top = max([v for _n, values, _c in series for v in values] + [1])
    slot = (WIDTH - 2 * MARGIN) / max(len(labels), 1)
    bar = slot * 0.8 / max(len(series), 1)
    parts = [_frame(title)]
    for i, label in enumerate(labels):
        x0 = MARGIN + i * slot + slot * 0.1
        for j, (_name, values, colour) in enumerate(series):
            h = (HEIGHT - 2 * MARGIN) * values[i] / top
            parts.append(
                f'<rect x="{x0 + j * bar:.1f}" y="{HEIGHT - MARGIN - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{colour}"/>'
            )
        parts.append(_label(x0 + slot * 0.4, HEIGHT - 10, label))
    parts.append(_legend(series))
    return "".join(parts) + "</svg>"


def line_chart(title: str, labels: list[str], values: list[float | None], colour: str) -> str:
    """A line of rates (0 to 1); a month without a value leaves a gap."""
    slot = (WIDTH - 2 * MARGIN) / max(len(labels) - 1, 1)
    parts, points = [_frame(title)], []
    for i, value in enumerate(values):
        if value is None:
            parts.append(_polyline(points, colour))
            points = []
            continue
        points.append((MARGIN + i * slot, HEIGHT - MARGIN - (HEIGHT - 2 * MARGIN) * value))
    parts.append(_polyline(points, colour))
    for y, text in ((MARGIN, "100%"), (HEIGHT - MARGIN, "0%")):
        parts.append(_label(2, y - 4, text, anchor="start"))
    for i, label in enumerate(labels):
        parts.append(_label(MARGIN + i * slot, HEIGHT - 10, label))
    return "".join(parts) + "</svg>"


def _frame(title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="chart" focusable="false" direction="ltr"><title>{escape(title)}</title>'
        f'<line x1="{MARGIN}" y1="{HEIGHT - MARGIN}" x2="{WIDTH - MARGIN}" '
        f'y2="{HEIGHT - MARGIN}" stroke="#444"/>'
    )


def _label(x: float, y: float, text: str, anchor: str = "middle") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="11" text-anchor="{anchor}" '
        f'fill="#222">{escape(text)}</text>'
    )


def _legend(series) -> str:
    parts = []
    for j, (name, _values, colour) in enumerate(series):
        x = MARGIN + j * 160
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
        parts.append(_label(x + 18, 14, name, anchor="start"))
    return "".join(parts)


def _polyline(points, colour: str) -> str:
    if not points:
        return ""
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in points)
    return f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>{dots}'
