"""Where members stand: the points of a cluster map (or of every cluster), from stored coordinates.

What a reader sees here is what they may see elsewhere: the cluster's active members (the
cluster page counts them for everyone who sees the cluster), its School-Labs (``labs_for``),
open vacancies only with the vacancy board's permission, and district gaps only within the
reader's workforce area (``workforce_area``). A district's position is the mean of its member
institutions' coordinates; its gap is the published forecast's gap in the forecast's last year,
summed over subjects (positive: teachers missing; negative: a surplus).

Every function runs a fixed number of queries whatever the number of members or clusters.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Avg, Count, F, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from educluster.core.svgmap import Layer, MapPoint, render
from educluster.registry.models import Cluster, District, Institution, Membership
from educluster.workforce.models import ForecastCell, ForecastRun, Vacancy
from educluster.workforce.selectors import Area, board_vacancies, workforce_area

K = Institution.Kind
#: Member kinds grouped into the map's layers: (layer, label, shape, colour, kinds).
MEMBER_GROUPS: list[tuple[str, Any, str, str, tuple[str, ...]]] = [
    (
        "university",
        gettext_lazy("Universities"),
        "diamond",
        "#1d3f72",
        (K.UNIVERSITY, K.DEPARTMENT),
    ),
    ("school", gettext_lazy("General schools"), "circle", "#1f5fae", (K.GENERAL_SCHOOL,)),
    (
        "art_school",
        gettext_lazy("Art schools and colleges"),
        "circle",
        "#7b3fa0",
        (K.MUSIC_ART_SCHOOL, K.ART_COLLEGE),
    ),
    ("preschool", gettext_lazy("Preschools"), "circle", "#0f8a8a", (K.PRESCHOOL,)),
    (
        "authority",
        gettext_lazy("Education authorities and centres"),
        "square",
        "#5b6474",
        (K.DISTRICT_DEPARTMENT, K.REGIONAL_AUTHORITY, K.TRAINING_CENTRE),
    ),
    (
        "other",
        gettext_lazy("Employers and other members"),
        "square",
        "#8a5a2b",
        (K.EMPLOYER, K.MUSEUM_UNION, K.OTHER),
    ),
]
_GROUP_OF = {kind: key for key, _l, _s, _c, kinds in MEMBER_GROUPS for kind in kinds}

#: From this many members on, the national map draws one mark per district and kind of member
#: (about 200 districts x 6 kinds for the whole country) instead of one per institution:
#: 10,000 schools as marks and table rows weigh megabytes and hide each other anyway.
GROUP_BY_DISTRICT_FROM = 1000


def layers() -> list[Layer]:
    """The map's layers in drawing order (big gap circles under the marks), labels translated."""
    return [
        Layer("gap", _("District gap (teachers missing)"), colour="#b3261e", scaled=True),
        Layer("surplus", _("District surplus (teachers)"), colour="#2e7d32", scaled=True),
        *[
            Layer(key, str(label), shape=shape, colour=colour)
            for key, label, shape, colour, _k in MEMBER_GROUPS
        ],
        Layer("lab", _("School-Labs"), shape="ring", colour="#2e7d32", mark=9.5),
        Layer("vacancy", _("Open vacancies"), shape="triangle", colour="#d9822b", offset=(8, -8)),
    ]


@dataclass(frozen=True)
class MapRow:
    """One line of the table under the map (the map's text alternative)."""

    layer: str
    name: str
    district: str
    detail: str
    link: str
    lat: float | None
    lon: float | None
    size: float = 0.0
    layer_label: str = ""

    @property
    def placed(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class MapView:
    svg: str
    rows: list[MapRow]
    layer_labels: dict[str, str]
    by_district: bool = False  # one mark per district and kind of member, not per institution

    @property
    def unplaced(self) -> int:
        return sum(1 for r in self.rows if not r.placed)


def _f(value: Any) -> float | None:
    return None if value is None else float(value)


def published_runs(cluster_ids: Iterable[int]) -> dict[int, int]:
    """Per cluster, the run its published forecast is: the newest published, base first."""
    chosen: dict[int, int] = {}
    rows = (
        ForecastRun.objects.filter(
            cluster_id__in=list(cluster_ids), status=ForecastRun.Status.DONE, is_published=True
        )
        .order_by("-scenario__is_base", "-created_at", "-pk")
        .values_list("cluster_id", "pk")
    )
    for cluster_id, run_id in rows:
        chosen.setdefault(cluster_id, run_id)
    return chosen


def last_year_gaps(
    run_ids: Iterable[int], area: Area | None = None
) -> dict[tuple[int, int], float]:
    """(run, district) → the gap in the run's last year, summed over subjects (one query)."""
    cells = ForecastCell.objects.filter(
        run_id__in=list(run_ids), year=F("run__base_year") + F("run__horizon")
    )
    if area is not None:
        cells = area.filter(cells)
    return {
        (r["run_id"], r["district_id"]): r["gap"] or 0.0
        for r in cells.values("run_id", "district_id").annotate(gap=Sum("gap"))
    }


def _member_rows(
    memberships: Sequence[Membership], *, name_cluster: bool = False
) -> tuple[list[MapRow], dict]:
    """Rows of the members (one per institution) and the coordinates per (cluster, district)."""
    seen: dict[int, MapRow] = {}
    clusters_of: dict[int, list[str]] = defaultdict(list)
    coords: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for m in memberships:
        inst = m.institution
        lat, lon = _f(inst.latitude), _f(inst.longitude)
        if lat is not None and lon is not None:
            coords[(m.cluster_id, inst.district_id)].append((lat, lon))
        clusters_of[inst.pk].append(m.cluster.name)
        if inst.pk not in seen:
            seen[inst.pk] = MapRow(
                layer=_GROUP_OF.get(inst.kind, "other"),
                name=inst.name,
                district=inst.district.name,
                detail=inst.get_kind_display(),
                link=inst.get_absolute_url(),
                lat=lat,
                lon=lon,
            )
    rows = list(seen.values())
    if name_cluster:  # on the national map: which clusters each member belongs to
        rows = [
            replace(r, detail=f"{r.detail} · {', '.join(clusters_of[pk])}")
            for pk, r in seen.items()
        ]
    return rows, coords


def _gap_rows(
    gaps: dict[tuple[int, int], float],
    run_cluster: dict[int, Cluster],
    coords: dict[tuple[int, int], list[tuple[float, float]]],
    districts: dict[int, District],
    *,
    name_cluster: bool,
) -> list[MapRow]:
    rows = []
    for (run_id, district_id), gap in sorted(gaps.items()):
        cluster = run_cluster[run_id]
        here = coords.get((cluster.pk, district_id), [])
        lat = sum(p[0] for p in here) / len(here) if here else None
        lon = sum(p[1] for p in here) / len(here) if here else None
        district = districts.get(district_id)
        name = district.name if district else str(district_id)
        if name_cluster:
            name = f"{name} · {cluster.name}"
        detail = (
            _("%(n)s teachers missing") % {"n": f"{gap:.1f}"}
            if gap >= 0
            else _("%(n)s teachers more than needed") % {"n": f"{-gap:.1f}"}
        )
        rows.append(
            MapRow(
                layer="gap" if gap >= 0 else "surplus",
                name=name,
                district=district.name if district else "",
                detail=detail,
                link="",
                lat=lat,
                lon=lon,
                size=gap,
            )
        )
    return rows


def _district_member_rows(cluster_ids: list[int]) -> tuple[list[MapRow], dict]:
    """Members counted per district and layer, placed at their mean position (three queries).

    Also the mean position per (cluster, district), where the district gap circles stand.
    """
    active = Membership.objects.active().filter(cluster_id__in=cluster_ids)
    located = Q(institution__latitude__isnull=False, institution__longitude__isnull=False)
    groups = active.values("institution__district_id", "institution__kind").annotate(
        n=Count("institution", distinct=True),
        placed=Count("institution", filter=located, distinct=True),
        lat=Avg("institution__latitude"),
        lon=Avg("institution__longitude"),
    )
    merged: dict[tuple[int, str], dict[str, Any]] = {}
    for g in groups:
        key = (g["institution__district_id"], _GROUP_OF.get(g["institution__kind"], "other"))
        acc = merged.setdefault(key, {"n": 0, "placed": 0, "lat": 0.0, "lon": 0.0})
        acc["n"] += g["n"]
        if g["placed"]:  # a position-weighted mean over the kinds merged into one layer
            acc["lat"] += float(g["lat"]) * g["placed"]
            acc["lon"] += float(g["lon"]) * g["placed"]
            acc["placed"] += g["placed"]
    names = {d.pk: d.name for d in District.objects.filter(pk__in={k[0] for k in merged})}
    rows = [
        MapRow(
            layer=layer,
            name=names[district],
            district=names[district],
            detail=ngettext("%(n)s member", "%(n)s members", acc["n"]) % {"n": acc["n"]},
            link="",
            lat=acc["lat"] / acc["placed"] if acc["placed"] else None,
            lon=acc["lon"] / acc["placed"] if acc["placed"] else None,
        )
        for (district, layer), acc in merged.items()
    ]
    coords: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for c in (
        active.filter(located)
        .values("cluster_id", "institution__district_id")
        .annotate(lat=Avg("institution__latitude"), lon=Avg("institution__longitude"))
    ):
        coords[(c["cluster_id"], c["institution__district_id"])] = [
            (float(c["lat"]), float(c["lon"]))
        ]
    return rows, coords


def _view(rows: list[MapRow], title: str, id_prefix: str, *, by_district: bool = False) -> MapView:
    labels = {layer.kind: layer.label for layer in layers()}
    points = [
        MapPoint(
            lat=r.lat,
            lon=r.lon,
            kind=r.layer,
            label=f"{r.name} — {r.detail}" if r.detail else r.name,
            link=r.link,
            size=r.size,
        )
        for r in rows
        if r.lat is not None and r.lon is not None
    ]
    svg = render(
        points,
        layers(),
        title=title,
        empty_text=_("No coordinates are stored for these places yet."),
        id_prefix=id_prefix,
    )
    order = {key: i for i, key in enumerate(labels)}
    rows = sorted(
        (replace(r, layer_label=labels.get(r.layer, r.layer)) for r in rows),
        key=lambda r: (order.get(r.layer, 99), r.district, r.name),
    )
    return MapView(svg=svg, rows=rows, layer_labels=labels, by_district=by_district)


def _memberships(cluster_ids: list[int] | None, limit: int | None = None) -> list[Membership]:
    qs = Membership.objects.active().select_related(
        "cluster", "institution", "institution__district"
    )
    if cluster_ids is not None:
        qs = qs.filter(cluster_id__in=cluster_ids)
    qs = qs.order_by("institution__name", "cluster__name")
    return list(qs[:limit] if limit is not None else qs)


def _runs_and_districts(
    chosen: dict[int, int], gaps: dict[tuple[int, int], float], clusters: dict[int, Cluster]
) -> tuple[dict[int, Cluster], dict[int, District]]:
    run_cluster = {run_id: clusters[cluster_id] for cluster_id, run_id in chosen.items()}
    districts = {d.pk: d for d in District.objects.filter(pk__in={d for _r, d in gaps})}
    return run_cluster, districts


def cluster_map(
    cluster: Cluster, *, labs: Any, vacancies: Any | None, area: Area | None
) -> MapView:
    """The map of one cluster: its active members, ``labs`` (a queryset already scoped to the
    reader), ``vacancies`` (the board's queryset, or None when the reader may not see the board)
    and the published forecast's district gaps within ``area`` (None: no gaps for this reader)."""
    memberships = _memberships([cluster.pk])
    rows, coords = _member_rows(memberships)
    for lab in labs.exclude(status="closed").select_related("host", "host__district"):
        rows.append(
            MapRow(
                layer="lab",
                name=lab.name,
                district=lab.host.district.name,
                detail=str(lab.host),
                link=lab.get_absolute_url(),
                lat=_f(lab.host.latitude),
                lon=_f(lab.host.longitude),
            )
        )
    if vacancies is not None:
        for v in vacancies.filter(status=Vacancy.Status.OPEN):
            inst = v.position.institution
            rows.append(
                MapRow(
                    layer="vacancy",
                    name=f"{v.position.subject} · {inst}",
                    district=inst.district.name,
                    detail=_("%(load)s post, %(language)s")
                    % {"load": f"{v.position.load_fraction:g}", "language": v.language},
                    link=v.get_absolute_url(),
                    lat=_f(inst.latitude),
                    lon=_f(inst.longitude),
                )
            )
    if area:
        chosen = published_runs([cluster.pk])
        gaps = last_year_gaps(chosen.values(), area) if chosen else {}
        run_cluster, districts = _runs_and_districts(chosen, gaps, {cluster.pk: cluster})
        rows += _gap_rows(gaps, run_cluster, coords, districts, name_cluster=False)
    title = _("Map of the cluster %(name)s") % {"name": cluster.name}
    return _view(rows, title, f"map-{cluster.slug}")


def cluster_map_for_user(user: Any, cluster: Cluster) -> MapView:
    """The cluster's map cut to what ``user`` may see on the cluster's other pages."""
    from educluster.schoollabs.selectors import labs_for

    board = user.has_perm("workforce.view_vacancy_board", cluster)
    return cluster_map(
        cluster,
        labs=labs_for(user).filter(cluster=cluster),
        vacancies=board_vacancies(cluster) if board else None,
        area=workforce_area(user, cluster) or None,
    )


def platform_map(clusters: Sequence[Cluster]) -> MapView:
    """Every cluster's members and district gaps (analysts' and administrators' view)."""
    by_id = {c.pk: c for c in clusters}
    # One more than the limit tells whether the country is too large to draw member by member.
    memberships = _memberships(list(by_id), limit=GROUP_BY_DISTRICT_FROM + 1)
    by_district = len(memberships) > GROUP_BY_DISTRICT_FROM
    if by_district:
        rows, coords = _district_member_rows(list(by_id))
    else:
        rows, coords = _member_rows(memberships, name_cluster=len(by_id) > 1)
    chosen = published_runs(by_id)
    gaps = last_year_gaps(chosen.values()) if chosen else {}
    run_cluster, districts = _runs_and_districts(chosen, gaps, by_id)
    rows += _gap_rows(gaps, run_cluster, coords, districts, name_cluster=len(by_id) > 1)
    title = _("Members and district gaps of every cluster")
    return _view(rows, title, "map-national", by_district=by_district)


__all__ = [
    "MapRow",
    "MapView",
    "cluster_map",
    "cluster_map_for_user",
    "last_year_gaps",
    "platform_map",
    "published_runs",
]
