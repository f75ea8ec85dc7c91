"""Study charts drawn with matplotlib on the server, as SVG text for the page and the PDF.

The same SVG string goes inline into the report page and into the WeasyPrint PDF. The page's
Content-Security-Policy forbids inline styles (``style-src 'self'``), so matplotlib's
``<style>`` element and ``style="…"`` attributes are rewritten as SVG presentation attributes;
ids get a per-chart prefix so that two charts on one page never share one.
"""

import io
import re
from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")
import numpy as np
from matplotlib.figure import Figure

COLOURS = {1: "#1f5fae", 0: "#b8651b"}  # experimental: blue, control: orange
_PRESENTATION = {
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "stroke-dashoffset",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "clip-path",
}
_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_ID_ATTR = re.compile(r'\sid="([^"]+)"')


def _attributes(match: re.Match[str]) -> str:
    parts = []
    for declaration in match.group(1).split(";"):
        if ":" not in declaration:
            continue
        name, value = (x.strip() for x in declaration.split(":", 1))
        if name in _PRESENTATION and '"' not in value:
            parts.append(f' {name}="{value}"')
    return "".join(parts)


def clean_svg(svg: str, prefix: str, title: str) -> str:
    """matplotlib's SVG made safe to inline under the CSP, with unique ids and a title."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = re.sub(r"<defs>\s*</defs>", "", svg)
    svg = _STYLE_ATTR.sub(_attributes, svg)
    ids = _ID_ATTR.findall(svg)
    for old in sorted(set(ids), key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
    escaped = title.replace("&", "&amp;").replace("<", "&lt;")
    # What the <style> element said, as attributes the root passes on to every path.
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{escaped.replace(chr(34), "&quot;")}" '
        'stroke-linejoin="round" stroke-linecap="butt" ',
        1,
    ).replace(">", f"><title>{escaped}</title>", 1)


def _svg(fig: Figure, prefix: str, title: str) -> str:
    out = io.StringIO()
    # A fixed salt makes the ids (and so the whole SVG) the same each time a chart is drawn.
    with matplotlib.rc_context({"svg.hashsalt": prefix}):
        fig.savefig(out, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return clean_svg(out.getvalue(), prefix, title)


def _figure(width: float = 7.0, height: float = 3.6) -> Figure:
    fig = Figure(figsize=(width, height), dpi=96)
    fig.set_layout_engine("constrained")
    return fig


def distribution_chart(
    samples: Mapping[tuple[int, int], np.ndarray],
    waves: Sequence[tuple[int, str]],
    arms: Sequence[tuple[int, str]],
    *,
    y_label: str,
    title: str,
) -> str:
    """Box plots of the scores of each group at each wave, with the mean as a diamond."""
    fig = _figure()
    ax = fig.add_subplot()
    width = 0.34
    for offset, (arm, label) in zip((-0.2, 0.2), arms, strict=True):
        positions, data = [], []
        for index, (wave, _name) in enumerate(waves):
            values = samples.get((arm, wave))
            if values is not None and values.size:
                positions.append(index + offset)
                data.append(values)
        if not data:
            continue
        colour = COLOURS[arm]
        ax.boxplot(
            data,
            positions=positions,
            widths=width,
            patch_artist=True,
            showmeans=True,
            boxprops={"facecolor": colour + "40", "edgecolor": colour},
            medianprops={"color": colour, "linewidth": 2},
            whiskerprops={"color": colour},
            capprops={"color": colour},
            flierprops={"markeredgecolor": colour, "markersize": 4},
            meanprops={"marker": "D", "markerfacecolor": colour, "markeredgecolor": "white"},
        )
        ax.plot([], [], color=colour, linewidth=8, alpha=0.5, label=label)
    ax.set_xticks(range(len(waves)), [name for _w, name in waves])
    ax.set_xlim(-0.6, len(waves) - 0.4)
    ax.set_ylabel(y_label)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="best", frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _svg(fig, "dist", title)


def means_chart(
    means: Mapping[tuple[int, int], tuple[float, float, float]],
    waves: Sequence[tuple[int, str]],
    arms: Sequence[tuple[int, str]],
    *,
    y_label: str,
    title: str,
) -> str:
    """Each group's mean per wave with its confidence interval; ``means`` maps (arm, wave) to
    (mean, ci_low, ci_high)."""
    fig = _figure()
    ax = fig.add_subplot()
    for offset, (arm, label) in zip((-0.05, 0.05), arms, strict=True):
        xs, ys, lows, highs = [], [], [], []
        for index, (wave, _name) in enumerate(waves):
            if (arm, wave) in means:
                mean, low, high = means[arm, wave]
                xs.append(index + offset)
                ys.append(mean)
                lows.append(mean - low)
                highs.append(high - mean)
        if not xs:
            continue
        ax.errorbar(
            xs,
            ys,
            yerr=[lows, highs],
            color=COLOURS[arm],
            marker="o",
            capsize=5,
            linewidth=2,
            label=label,
        )
    ax.set_xticks(range(len(waves)), [name for _w, name in waves])
    ax.set_xlim(-0.4, len(waves) - 0.6)
    ax.set_ylabel(y_label)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="best", frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _svg(fig, "means", title)
