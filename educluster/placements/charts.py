"""Charts of a round, drawn on the server with matplotlib as SVG.

The SVG is embedded as a ``data:`` image: matplotlib writes inline styles, which the page's
Content-Security-Policy (style-src 'self') would strip from inline SVG, but not from an image.
"""

import base64
from io import BytesIO

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt


def choice_chart(histogram: list[tuple[str, int]], *, title: str, xlabel: str) -> str:
    """A bar chart of how many applicants got their 1st, 2nd … choice (and none), as a
    ``data:image/svg+xml`` URI; empty when there is nothing to draw."""
    if not histogram:
        return ""
    labels = [label for label, _n in histogram]
    values = [n for _label, n in histogram]
    fig, ax = plt.subplots(figsize=(6.4, 2.6), dpi=100)
    try:
        colors = ["#1f5fae"] * len(values)
        if labels and not labels[-1].isdigit():
            colors[-1] = "#b3261e"
        bars = ax.bar(labels, values, color=colors)
        ax.bar_label(bars, fontsize=8)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(xlabel, fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        fig.tight_layout()
        out = BytesIO()
        fig.savefig(out, format="svg")
    finally:
        plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")
