"""Server-rendered SVG charts of how materials spread (matplotlib, no JavaScript).

The pages' Content-Security-Policy allows no inline styles (``style-src 'self'``), while
matplotlib writes colours as ``style`` attributes and a ``<style>`` element: :func:`inline_svg`
rewrites them as SVG presentation attributes, which CSP does not govern.
"""

import re
from html import escape
from io import StringIO

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from educluster.materials.selectors import Spread

_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_FONT = re.compile(
    r"^(?:(?P<weight>bold|normal|\d{3})\s+)?(?P<size>[\d.]+(?:px|pt))\s+(?P<family>.+)$"
)


def _presentation(style: str) -> str:
    attributes = []
    for declaration in style.split(";"):
        name, _sep, value = (part.strip() for part in declaration.partition(":"))
        if not name or not value:
            continue
        if name == "font":
            match = _FONT.match(value)
            if match:
                if match["weight"]:
                    attributes.append(("font-weight", match["weight"]))
                attributes += [("font-size", match["size"]), ("font-family", match["family"])]
        else:
            attributes.append((name, value))
    return "".join(f' {name}="{escape(value, quote=True)}"' for name, value in attributes)


def inline_svg(svg: str, *, label: str) -> str:
    """SVG ready to embed in a page under the CSP: no prolog, metadata or styles; an
    accessible label; scales to its container."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = _STYLE_ATTR.sub(lambda m: _presentation(m.group(1)), svg)
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{escape(label, quote=True)}" '
        'stroke-linejoin="round" stroke-linecap="butt" ',
        1,
    )


def spread_chart(spread: Spread) -> SafeString | None:
    """Median days from publication to first adoption, one bar per kind of member."""
    rows = [r for r in spread.rows if r.median_days is not None]
    if not rows:
        return None
    import matplotlib
    from matplotlib.figure import Figure

    labels = [r.label for r in rows]
    values = [float(r.median_days or 0) for r in rows]
    title = _("median days from publication to first adoption")
    # Text stays text (selectable, in the page's font); ids are the same from run to run.
    with matplotlib.rc_context(
        {"svg.fonttype": "none", "svg.hashsalt": "materials", "font.family": "DejaVu Sans"}
    ):
        figure = Figure(figsize=(7, 0.6 + 0.45 * len(rows)))
        axes = figure.add_subplot()
        bars = axes.barh(labels, values, color="#1f5fae")
        axes.bar_label(bars, labels=[f"{v:g}" for v in values], padding=3, fontsize=9)
        axes.invert_yaxis()
        axes.set_xlabel(title)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        out = StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    # Drawn here from numbers and our own labels, escaped by matplotlib.
    return mark_safe(inline_svg(out.getvalue(), label=title))
