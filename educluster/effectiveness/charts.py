"""The trend of an index over the years, drawn on the server as inline SVG with the workforce
app's chart helpers (CSP-safe, text stays text)."""

from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe

from educluster.workforce.charts import lines_chart


def trend_chart(
    lines: Sequence[tuple[str, Sequence[tuple[str, float | None]]]], *, title: str, prefix: str
) -> SafeString | None:
    """One line per series of (academic year, index); None with fewer than two years."""
    years = sorted({year for _label, points in lines for year, _v in points})
    if len(years) < 2:
        return None
    firsts = [int(y[:4]) for y in years]
    series = []
    for label, points in lines:
        by_year = dict(points)
        series.append((label, [by_year.get(y) for y in years]))
    svg = lines_chart(firsts, series, title=title, ylabel="0–1", prefix=prefix)
    return mark_safe(svg)
