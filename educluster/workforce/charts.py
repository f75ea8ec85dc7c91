"""Fan charts of a forecast, drawn by matplotlib on the server as inline SVG.

The pages' Content-Security-Policy allows no inline styles (``style-src 'self'``), and
matplotlib writes every colour as a ``style`` attribute; :func:`csp_safe_svg` turns those into
SVG presentation attributes (``fill="…"``), which CSP does not govern, and prefixes the ids so
that several charts can share a page. The same SVG serves PDFs.
"""

import re
from collections.abc import Sequence
from html import escape
from io import StringIO
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

BLUE, ORANGE, GREY, RED = "#1f5fae", "#d9822b", "#5b6474", "#b3261e"
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_FONT = re.compile(
    r"^(?:(?P<style>italic|oblique|normal)\s+)?(?:(?P<weight>\d{3}|bold|normal)\s+)?"
    r"(?P<size>[\d.]+(?:px|pt))\s+(?P<family>.+)$"
)
_ROOT_SIZE = re.compile(r'<svg([^>]*?)\swidth="[^"]*"\s+height="[^"]*"')
#: Text stays text (small, selectable, translatable); ids are stable between runs.
RC: Any = {
    "svg.fonttype": "none",
    "svg.hashsalt": "educluster",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
}


def _attributes(style: str) -> str:
    out = []
    for declaration in style.split(";"):
        name, _sep, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if not name or not value:
            continue
        if name == "font":
            match = _FONT.match(value)
            if not match:
                continue
            if match["style"]:
                out.append(("font-style", match["style"]))
            if match["weight"]:
                out.append(("font-weight", match["weight"]))
            out.append(("font-size", match["size"]))
            out.append(("font-family", match["family"]))
        else:
            out.append((name, value))
    return "".join(f' {name}="{escape(value, quote=True)}"' for name, value in out)


def csp_safe_svg(svg: str, *, prefix: str, label: str) -> str:
    """Inline-ready SVG: no XML prologue, metadata or style element/attributes; ids prefixed;
    scalable (no fixed width/height); an accessible label."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = _STYLE.sub(lambda m: _attributes(m.group(1)), svg)
    svg = re.sub(r'\sid="([^"]+)"', rf' id="{prefix}-\1"', svg)
    svg = svg.replace("url(#", f"url(#{prefix}-").replace('href="#', f'href="#{prefix}-')
    svg = _ROOT_SIZE.sub(
        rf'<svg\1 class="wf-chart" role="img" aria-label="{escape(label, quote=True)}"'
        r' stroke-linejoin="round" stroke-linecap="butt"',
        svg,
        count=1,
    )
    return svg


def _figure() -> tuple[Figure, Axes]:
    figure = Figure(figsize=(7.2, 3.2))
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#d8dde6", linewidth=0.6)
    axes.set_axisbelow(True)
    return figure, axes


def _render(figure: Figure, prefix: str, label: str) -> str:
    out = StringIO()
    with matplotlib.rc_context(RC):
        figure.tight_layout()
        figure.savefig(out, format="svg", metadata={"Date": None})
    return csp_safe_svg(out.getvalue(), prefix=prefix, label=label)


Series = Sequence[float | None]


def _values(series: Series) -> list[float]:
    return [float("nan") if v is None else float(v) for v in series]


def fan_chart(
    years: Sequence[int],
    bands: Sequence[tuple[str, str, Series, Series, Series]],
    *,
    title: str,
    ylabel: str,
    prefix: str,
    zero_line: bool = False,
) -> str:
    """A fan chart: for each ``(label, colour, p10, p50, p90)`` a shaded P10–P90 band and a P50
    line. Returns inline SVG."""
    figure, axes = _figure()
    for label, colour, p10, p50, p90 in bands:
        axes.fill_between(years, _values(p10), _values(p90), color=colour, alpha=0.18, lw=0)
        axes.plot(years, _values(p50), color=colour, linewidth=2, label=label)
    if zero_line:
        axes.axhline(0, color=GREY, linewidth=0.8)
    axes.set_title(title, fontsize=11, loc="left")
    axes.set_ylabel(ylabel, fontsize=9)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(labelsize=8)
    if len(bands) > 1:
        axes.legend(fontsize=8, frameon=False, loc="best")
    return _render(figure, prefix, title)


def lines_chart(
    years: Sequence[int],
    lines: Sequence[tuple[str, Series]],
    *,
    title: str,
    ylabel: str,
    prefix: str,
) -> str:
    """One line per scenario (e.g. the gap), for the scenario comparison."""
    figure, axes = _figure()
    palette = [BLUE, ORANGE, "#1e7b3a", RED, "#6b3fa0", GREY]
    for i, (label, values) in enumerate(lines):
        axes.plot(years, _values(values), linewidth=2, color=palette[i % len(palette)], label=label)
    axes.axhline(0, color=GREY, linewidth=0.8)
    axes.set_title(title, fontsize=11, loc="left")
    axes.set_ylabel(ylabel, fontsize=9)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(labelsize=8)
    axes.legend(fontsize=8, frameon=False, loc="best")
    return _render(figure, prefix, title)
