"""A measure's scores over time as a small SVG drawn on the server, bands shaded behind.
The table beside it carries the same numbers for anyone who can't see the chart."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from between.measures.library import Measure, shown

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 320, 140, 26, 6, 8, 18


def trend_chart(measure: Measure, points: list) -> SafeString:
    """Points placed by date; each band a pale strip, darker as it gets worse."""
    lo, hi = float(measure.low), float(measure.high)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - lo) / (hi - lo))

    strips = []
    edges = [float(b.start) for b in measure.bands] + [hi]
    for n in range(len(measure.bands)):
        shade = n if measure.higher_is_worse else len(measure.bands) - 1 - n
        top, bottom = y(edges[n + 1]), y(edges[n])
        strips.append(f'<rect class="band band-{min(shade, 5)}" x="{LEFT}" y="{top:.1f}" '
                      f'width="{plot_w}" height="{bottom - top:.1f}"/>')
    ticks = "".join(f'<text class="axis" x="{LEFT - 4}" y="{y(v) + 4:.1f}" '
                    f'text-anchor="end">{v:g}</text>' for v in (lo, (lo + hi) / 2, hi))
    dots, summary = "", f"{escape(measure.name)}: no scores yet"
    if points:
        first, last = points[0].response.completed_at, points[-1].response.completed_at
        span = (last - first).total_seconds() or 1

        def x(p) -> float:
            if len(points) == 1:
                return LEFT + plot_w / 2
            return LEFT + plot_w * (p.response.completed_at - first).total_seconds() / span

        xy = [f"{x(p):.1f},{y(float(p.total)):.1f}" for p in points]
        line = f'<polyline class="series" points="{" ".join(xy)}"/>' if len(xy) > 1 else ""
        dots = line + "".join(f'<circle class="series-dot" cx="{c.split(",")[0]}" '
                              f'cy="{c.split(",")[1]}" r="3"/>' for c in xy)
        dots += (f'<text class="axis" x="{LEFT}" y="{HEIGHT - 4}">{first:%d %b}</text>'
                 f'<text class="axis" x="{WIDTH - RIGHT}" y="{HEIGHT - 4}" '
                 f'text-anchor="end">{last:%d %b}</text>')
        summary = (f"{escape(measure.name)}, {len(points)} score"
                   f"{'s' if len(points) != 1 else ''} from {first:%d %b} to {last:%d %b}: "
                   f"first {shown(points[0].total)}, latest {shown(points[-1].total)} "
                   f"({escape(points[-1].band)})")
    return mark_safe(  # noqa: S308 - numbers, dates and escaped names only
        f'<svg class="chart measure-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{summary}">{"".join(strips)}{ticks}{dots}</svg>')
