"""The SVG map: projection of known points, sizes, markup, and every mark inside the viewBox."""

import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from educluster.core import svgmap
from educluster.core.svgmap import Layer, MapPoint

SVG = "{http://www.w3.org/2000/svg}"
LAYERS = [
    Layer("gap", "District gap", scaled=True, colour="#b3261e"),
    Layer("member", "Member", shape="circle"),
    Layer("lab", "School-Lab", shape="ring", colour="#2e7d32", mark=40),
    Layer("vacancy", "Open vacancy", shape="triangle", colour="#d9822b", offset=(8, -8)),
]


def _pt(lat: float, lon: float, kind: str = "member", **kw) -> MapPoint:
    return MapPoint(lat=lat, lon=lon, kind=kind, label=kw.pop("label", "x"), **kw)


def test_it_projects_two_known_points_onto_the_corners_of_the_centred_box():
    # Worked example: (41°N, 69°E) and (42°N, 70°E) in 480 × 520 with 34 of padding.
    # cos(41.5°) = 0.748956; box 0.748956 × 1; k = min(412 / 0.748956, 452 / 1) = 452;
    # the box is 338.53 wide, centred: ox = (412 − 338.53) / 2 = 36.73.
    (x1, y1), (x2, y2) = svgmap.project([_pt(41, 69), _pt(42, 70)], 480, 520, 34)
    cos0 = math.cos(math.radians(41.5))
    assert cos0 == pytest.approx(0.748956, abs=1e-6)
    ox = (412 - cos0 * 452) / 2
    assert (x1, y1) == pytest.approx((34 + ox, 34 + 452))
    assert (x2, y2) == pytest.approx((34 + ox + cos0 * 452, 34))
    assert x2 - x1 == pytest.approx(338.53, abs=0.01)


def test_it_shortens_a_degree_of_longitude_by_the_cosine_of_the_latitude():
    # Three points: a degree east and a degree north of (60°N, 10°E). At 60° a degree of
    # longitude is half a degree of latitude: the east leg is half the north leg on the map.
    a, east, north = svgmap.project([_pt(60, 10), _pt(60, 11), _pt(61, 10)], 400, 400, 0)
    # φ0 = 60.5°, not 60°: the middle of the box.
    ratio = (east[0] - a[0]) / (a[1] - north[1])
    assert ratio == pytest.approx(math.cos(math.radians(60.5)))
    assert north[0] == pytest.approx(a[0]) and east[1] == pytest.approx(a[1])


def test_it_puts_a_single_point_and_a_line_of_points_in_the_middle():
    [(x, y)] = svgmap.project([_pt(41.5, 69.6)], 480, 220, 34)
    assert (x, y) == pytest.approx((240, 110))
    # Points on one parallel: a horizontal line across the drawing, centred vertically.
    line = svgmap.project([_pt(41, 69), _pt(41, 70), _pt(41, 69.5)], 480, 300, 34)
    assert [p[1] for p in line] == pytest.approx([150, 150, 150])
    assert [p[0] for p in line] == pytest.approx([34, 446, 240])


def test_it_scales_the_area_of_gap_circles_with_the_gap():
    plan = svgmap.layout(
        [_pt(41, 69, "gap", size=4), _pt(42, 70, "gap", size=-1), _pt(41.5, 69.5, "gap")],
        LAYERS,
    )
    radii = sorted(m.r for m in plan.marks)
    assert radii == pytest.approx([svgmap.R_MIN, (svgmap.R_MIN + svgmap.R_MAX) / 2, svgmap.R_MAX])
    # Big circles are drawn first so that smaller ones stay on top.
    assert [m.r for m in plan.marks] == sorted(radii, reverse=True)


def test_it_draws_shapes_titles_links_and_a_legend_with_counts():
    points = [
        _pt(41.47, 69.58, label="ChDPI", link="/institutions/1/"),
        _pt(41.48, 69.57, "lab", label="Lab <3>", link="/labs/2/"),
        _pt(41.48, 69.57, "vacancy", label='Fine arts "0.5"'),
        _pt(41.35, 69.70, "gap", label="Parkent: gap 3.5", size=3.5),
        _pt(41.40, 69.60, "unknown"),
    ]
    svg = svgmap.render(points, LAYERS, title="Members & gaps")
    root = ET.fromstring(svg)
    # Its marks are links: a labelled group (an img's children would be hidden from assistive tech).
    assert root.get("role") == "group" and root.get("aria-label") == "Members & gaps"
    assert root.get("width") == "100%" and root.get("viewBox", "").startswith("0 0 480 ")
    assert "style=" not in svg  # the pages' CSP forbids inline styles
    titles = [t.text for t in root.iter(SVG + "title")]
    assert titles[0] == "Members & gaps"
    assert {"ChDPI", "Lab <3>", 'Fine arts "0.5"', "Parkent: gap 3.5"} <= set(titles)
    assert [a.get("href") for a in root.iter(SVG + "a")] == ["/institutions/1/", "/labs/2/"]
    layers = [g.get("data-layer") for g in root.iter(SVG + "g") if g.get("data-layer")]
    assert layers == ["gap", "member", "lab", "vacancy"]  # the unknown kind is left out
    assert len(list(root.iter(SVG + "polygon"))) == 2  # the vacancy and its legend mark
    legend = [t.text for g in root.iter(SVG + "g") if g.get("class") == "legend" for t in g]
    assert [t for t in legend if t] == [
        "District gap (1)",
        "Member (1)",
        "School-Lab (1)",
        "Open vacancy (1)",
    ]


def test_it_says_so_when_there_is_nothing_to_place():
    svg = svgmap.render([], LAYERS, title="Map", empty_text="No coordinates")
    root = ET.fromstring(svg)
    assert [t.text for t in root.iter(SVG + "text")] == ["No coordinates"]
    assert not list(root.iter(SVG + "circle"))


def _inside(root: ET.Element) -> list[str]:
    _x0, _y0, width, height = (float(v) for v in root.get("viewBox", "").split())
    bad = []
    for el in root.iter():
        tag = el.tag.removeprefix(SVG)
        if tag == "circle":
            cx, cy, r = (float(el.get(a, "0")) for a in ("cx", "cy", "r"))
            boxes = [(cx - r, cy - r), (cx + r, cy + r)]
        elif tag == "rect":
            x, y, w, h = (float(el.get(a, "0")) for a in ("x", "y", "width", "height"))
            boxes = [(x, y), (x + w, y + h)]
        elif tag == "polygon":
            pairs = [p.split(",") for p in el.get("points", "").split()]
            boxes = [(float(x), float(y)) for x, y in pairs]
        else:
            continue
        for x, y in boxes:
            if not (-0.05 <= x <= width + 0.05 and -0.05 <= y <= height + 0.05):
                bad.append(f"{tag} at ({x}, {y}) outside {width} × {height}")
    return bad


POINTS = st.lists(
    st.builds(
        MapPoint,
        lat=st.floats(-89, 89, allow_nan=False),
        lon=st.floats(-179.9, 179.9, allow_nan=False),
        kind=st.sampled_from([layer.kind for layer in LAYERS]),
        label=st.text(max_size=20),
        link=st.sampled_from(["", "/a/?b=1&c=2"]),
        size=st.floats(-1e6, 1e6, allow_nan=False),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(points=POINTS, spread=st.sampled_from([1e-6, 0.01, 1.0, 100.0]))
def test_it_keeps_every_mark_inside_the_view_box(points, spread):
    # Shrink the cloud around its first point too: near-identical coordinates are common.
    if points:
        lat0, lon0 = points[0].lat, points[0].lon
        points = [
            MapPoint(
                lat=max(-90, min(90, lat0 + (p.lat - lat0) * spread / 100)),
                lon=max(-180, min(180, lon0 + (p.lon - lon0) * spread / 100)),
                kind=p.kind,
                label=p.label,
                link=p.link,
                size=p.size,
            )
            for p in points
        ]
    plan = svgmap.layout(points, LAYERS)
    for mark in plan.marks:
        assert mark.r <= svgmap.R_MAX
        assert mark.x - mark.r >= 0 and mark.x + mark.r <= plan.width
        assert mark.y - mark.r >= 0 and mark.y + mark.r <= plan.map_height
    svg = svgmap.render(points, LAYERS, title="t")
    root = ET.fromstring(svg)  # well-formed whatever the labels hold
    assert _inside(root) == []
    assert len(plan.marks) == len(points)


def test_it_draws_a_map_without_links_as_an_image():
    svg = svgmap.render([_pt(41.47, 69.58, label="ChDPI")], LAYERS, title="Members")
    assert ET.fromstring(svg).get("role") == "img"
