"""A small map drawn as SVG on the server: points placed by latitude and longitude, no tiles.

Plain data in (points with coordinates, a kind, a label, a link and a size; the layers that say
how each kind is drawn), an SVG string out. Nothing is fetched and no script runs, so the map
works under the pages' Content-Security-Policy (presentation attributes only, no ``style``).

Projection: equirectangular, scaled to the bounding box of the points. A degree of longitude is
shorter than a degree of latitude by cos(latitude), so x uses ``lon · cos(φ0)`` with φ0 the
middle latitude of the box; that keeps a small region (a province, a country) in shape.

    x = pad + ox + (lon − lon_min) · cos(φ0) · k
    y = pad + oy + (lat_max − lat) · k

where ``k`` is the largest scale that fits the box into the drawing area and ``ox``/``oy``
centre it. Example: points at (41, 69) and (42, 70) in a 480-wide map with 40 of padding:
cos(41.5°) ≈ 0.749, so the box is 0.749 × 1 "degrees"; the height limits k, and the two points
land on the left-bottom and right-top corners of a box 0.749·k wide, centred horizontally.

Sizes: a *scaled* layer (district gaps) draws circles whose **area** is proportional to
``|size|`` — radius from ``R_MIN`` to ``R_MAX`` by the square root of ``|size| / max|size|`` — so
a gap twice as large looks twice as large, not four times.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as _html_escape

WIDTH = 480
PAD = 34  # room for the largest circle (R_MAX) and the vacancy marks' offset
R_MIN, R_MAX = 5.0, 28.0
MARK = 5.5  # half-size of a point mark
LEGEND_ROW = 24
LEGEND_FONT = 15
MAP_MIN_HEIGHT, MAP_MAX_HEIGHT = 220, 520

SHAPES = ("circle", "square", "triangle", "diamond", "ring")


@dataclass(frozen=True)
class MapPoint:
    """One thing on the map: a member, a School-Lab, a vacancy, a district's gap."""

    lat: float
    lon: float
    kind: str  # a Layer.kind
    label: str  # the tooltip (<title>)
    link: str = ""  # where a click goes; empty: no link
    size: float = 0.0  # for scaled layers: the value the circle's area stands for


@dataclass(frozen=True)
class Layer:
    """How the points of one kind are drawn, and their line in the legend."""

    kind: str
    label: str
    shape: str = "circle"  # one of SHAPES
    colour: str = "#1f5fae"
    scaled: bool = False  # circle area ∝ |size|
    offset: tuple[float, float] = (0.0, 0.0)  # shift (px) so marks at one place do not hide
    mark: float = MARK  # half-size of the mark (a ring drawn around a dot is larger)


@dataclass(frozen=True)
class Mark:
    """A point placed in the drawing: centre (x, y) and its radius / half-size ``r``."""

    point: MapPoint
    layer: Layer
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Layout:
    width: float
    height: float  # the whole viewBox, legend included
    map_height: float
    marks: list[Mark]
    legend: list[tuple[Layer, int]]  # the layers that have points, with their counts


def _scale(
    points: Sequence[MapPoint], width: float, height: float, pad: float
) -> tuple[float, float, float, float, float, float]:
    """(k, cos φ0, lon_min, lat_max, ox, oy) of the projection."""
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    lat_min, lat_max = min(lats), max(lats)
    lon_min, lon_max = min(lons), max(lons)
    cos0 = math.cos(math.radians((lat_min + lat_max) / 2))
    span_x = (lon_max - lon_min) * cos0
    span_y = lat_max - lat_min
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    candidates = []
    if span_x > 1e-12:
        candidates.append(inner_w / span_x)
    if span_y > 1e-12:
        candidates.append(inner_h / span_y)
    k = min(candidates) if candidates else 0.0
    ox = (inner_w - span_x * k) / 2
    oy = (inner_h - span_y * k) / 2
    return k, cos0, lon_min, lat_max, ox, oy


def map_height(points: Sequence[MapPoint], width: float = WIDTH, pad: float = PAD) -> float:
    """The drawing's height: the box's shape at the given width, within sensible bounds."""
    if len(points) < 2:
        return float(MAP_MIN_HEIGHT)
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    cos0 = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = (max(lons) - min(lons)) * cos0
    span_y = max(lats) - min(lats)
    if span_x <= 1e-12:
        return float(MAP_MAX_HEIGHT)
    wanted = (width - 2 * pad) * span_y / span_x + 2 * pad
    return float(min(MAP_MAX_HEIGHT, max(MAP_MIN_HEIGHT, wanted)))


def project(
    points: Sequence[MapPoint], width: float, height: float, pad: float = PAD
) -> list[tuple[float, float]]:
    """(x, y) of each point in a ``width`` × ``height`` drawing with ``pad`` on every side."""
    if not points:
        return []
    k, cos0, lon_min, lat_max, ox, oy = _scale(points, width, height, pad)
    return [
        (pad + ox + (p.lon - lon_min) * cos0 * k, pad + oy + (lat_max - p.lat) * k) for p in points
    ]


def layout(points: Sequence[MapPoint], layers: Sequence[Layer], *, width: float = WIDTH) -> Layout:
    """Place the points of known layers; unknown kinds and non-finite coordinates are left out."""
    by_kind = {layer.kind: layer for layer in layers}
    shown = [
        p
        for p in points
        if p.kind in by_kind
        and math.isfinite(p.lat)
        and math.isfinite(p.lon)
        and -90 <= p.lat <= 90
        and -180 <= p.lon <= 180
    ]
    height = map_height(shown, width)
    sizes = [abs(p.size) for p in shown if by_kind[p.kind].scaled and math.isfinite(p.size)]
    biggest = max(sizes, default=0.0)
    marks = []
    for point, (x, y) in zip(shown, project(shown, width, height), strict=True):
        layer = by_kind[point.kind]
        if layer.scaled:
            size = abs(point.size) if math.isfinite(point.size) else 0.0
            share = math.sqrt(size / biggest) if biggest > 0 else 0.0
            r = R_MIN + (R_MAX - R_MIN) * share
        else:
            r = max(1.0, min(layer.mark, R_MAX))
        # An offset never pushes a mark out of the padding around the drawing.
        limit = PAD - r - 1
        dx, dy = (max(-limit, min(limit, d)) for d in layer.offset)
        marks.append(Mark(point, layer, x + dx, y + dy, r))
    # Big circles first, so that the small marks stay on top and clickable.
    marks.sort(key=lambda m: (not m.layer.scaled, -m.r if m.layer.scaled else 0))
    counts: dict[str, int] = {}
    for point in shown:
        counts[point.kind] = counts.get(point.kind, 0) + 1
    legend = [(layer, counts[layer.kind]) for layer in layers if layer.kind in counts]
    total = height + (len(legend) * LEGEND_ROW + 12 if legend else 0)
    return Layout(width, total, height, marks, legend)


# Characters XML 1.0 does not allow even escaped (control characters, lone surrogates): a label
# holding one would make the whole drawing unreadable, so they are dropped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escape(text: str) -> str:
    return _html_escape(_NOT_XML.sub("", str(text)), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _shape(shape: str, x: float, y: float, r: float, colour: str, scaled: bool) -> str:
    if scaled:
        return (
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{colour}" '
            f'fill-opacity="0.28" stroke="{colour}" stroke-width="1.5"/>'
        )
    if shape == "square":
        return (
            f'<rect x="{_num(x - r)}" y="{_num(y - r)}" width="{_num(2 * r)}" '
            f'height="{_num(2 * r)}" fill="{colour}" stroke="#fff" stroke-width="1"/>'
        )
    if shape == "triangle":
        points = f"{_num(x)},{_num(y - r)} {_num(x + r)},{_num(y + r)} {_num(x - r)},{_num(y + r)}"
        return f'<polygon points="{points}" fill="{colour}" stroke="#fff" stroke-width="1"/>'
    if shape == "diamond":
        points = (
            f"{_num(x)},{_num(y - r)} {_num(x + r)},{_num(y)} "
            f"{_num(x)},{_num(y + r)} {_num(x - r)},{_num(y)}"
        )
        return f'<polygon points="{points}" fill="{colour}" stroke="#fff" stroke-width="1"/>'
    if shape == "ring":
        return (
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="none" '
            f'stroke="{colour}" stroke-width="2.5"/>'
        )
    return (
        f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{colour}" '
        f'stroke="#fff" stroke-width="1"/>'
    )


def render(
    points: Sequence[MapPoint],
    layers: Sequence[Layer],
    *,
    title: str,
    empty_text: str = "",
    width: float = WIDTH,
    id_prefix: str = "map",
) -> str:
    """The map as an ``<svg>`` element: scalable (viewBox, width 100 %), with a legend,
    a ``<title>`` tooltip on every mark and links where points have them."""
    plan = layout(points, layers, width=width)
    e = escape
    # A picture is an "img"; but an img's children are presentational, so a map whose marks
    # are links is a labelled "group" (else screen readers and the keyboard lose the links).
    role = "group" if any(mark.point.link for mark in plan.marks) else "img"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(plan.width)} '
        f'{_num(plan.height)}" width="100%" role="{role}" aria-label="{e(title)}" '
        f'class="svgmap" id="{e(id_prefix)}" font-family="sans-serif">',
        f"<title>{e(title)}</title>",
        f'<rect x="0" y="0" width="{_num(plan.width)}" height="{_num(plan.map_height)}" '
        f'fill="#f4f6f9" stroke="#d5dae3"/>',
    ]
    if not plan.marks:
        out.append(
            f'<text x="{_num(plan.width / 2)}" y="{_num(plan.map_height / 2)}" '
            f'text-anchor="middle" font-size="{LEGEND_FONT}" fill="#5b6474">{e(empty_text)}</text>'
        )
    for layer in layers:
        group = [m for m in plan.marks if m.layer.kind == layer.kind]
        if not group:
            continue
        out.append(f'<g data-layer="{e(layer.kind)}">')
        for mark in group:
            shape = _shape(layer.shape, mark.x, mark.y, mark.r, layer.colour, layer.scaled)
            body = f"<title>{e(mark.point.label)}</title>{shape}"
            if mark.point.link:
                out.append(f'<a href="{e(mark.point.link)}">{body}</a>')
            else:
                out.append(f"<g>{body}</g>")
        out.append("</g>")
    y = plan.map_height + 12
    for layer, count in plan.legend:
        cy = y + LEGEND_ROW / 2
        radius = 8.0 if layer.scaled else min(layer.mark, 9.0)
        out.append(
            '<g class="legend">'
            + _shape(layer.shape, 16, cy, radius, layer.colour, layer.scaled)
            + f'<text x="32" y="{_num(cy + 5)}" font-size="{LEGEND_FONT}" fill="#1d2430">'
            f"{e(layer.label)} ({count})</text></g>"
        )
        y += LEGEND_ROW
    out.append("</svg>")
    return "".join(out)
