"""Small line charts drawn as SVG on the server: no chart library, no script."""

from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 320, 120, 22, 18, 8


def line_chart(label: str, points: list[tuple[date, float | None]], top: float) -> SafeString:
    """A polyline per run of days with an answer; gaps stay gaps, never zero."""
    n = max(len(points) - 1, 1)
    plot_w, plot_h = WIDTH - PAD_LEFT - 4, HEIGHT - PAD_TOP - PAD_BOTTOM

    def xy(i: int, value: float) -> str:
        x = PAD_LEFT + plot_w * i / n
        y = PAD_TOP + plot_h * (1 - value / top)
        return f"{x:.1f},{y:.1f}"

    runs, run = [], []
    for i, (_, value) in enumerate(points):
        if value is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(xy(i, value))
    if run:
        runs.append(run)
    def draw(run: list[str]) -> str:
        if len(run) > 1:
            return f'<polyline class="series" points="{" ".join(run)}"/>'
        x, y = run[0].split(",")
        return f'<circle class="series-dot" cx="{x}" cy="{y}" r="2.5"/>'

    lines = "".join(draw(r) for r in runs)
    grid = "".join(
        f'<line class="grid" x1="{PAD_LEFT}" x2="{WIDTH - 4}" y1="{y}" y2="{y}"/>'
        f'<text class="axis" x="{PAD_LEFT - 6}" y="{y + 4}" text-anchor="end">{v:g}</text>'
        for v in (0, top / 2, top) for y in [PAD_TOP + plot_h * (1 - v / top)])
    first, last = points[0][0], points[-1][0]
    axis = (f'<text class="axis" x="{PAD_LEFT}" y="{HEIGHT - 4}">{first:%d %b}</text>'
            f'<text class="axis" x="{WIDTH - 4}" y="{HEIGHT - 4}" text-anchor="end">'
            f'{last:%d %b}</text>')
    answered = [v for _, v in points if v is not None]
    summary = (f"{escape(label)}, {first:%d %b} to {last:%d %b}: "
               + (f"lowest {min(answered):g}, highest {max(answered):g}" if answered
                  else "no answers"))
    return mark_safe(  # noqa: S308 - only numbers, dates and an escaped label go in
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{summary}">{grid}{axis}{lines}</svg>')
