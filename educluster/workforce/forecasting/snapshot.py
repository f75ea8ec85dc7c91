"""Reading a cluster's reference inputs into a forecast snapshot (plain JSON numbers).

What goes in, and how it is derived (each a documented assumption):

* **districts** — every district with pupil numbers in the base year, the latest year entered;
* **subjects** — every subject with weekly hours in the cluster's curriculum table;
* **pupils** — base-year pupils per district and grade, summed over languages of instruction;
* **promotion** — apparent cohort survival from the pupil history, the mean over the years of
  ``pupils[g+1, t] / pupils[g, t−1]`` (UNESCO EPSSim's apparent promotion rate when repetition
  is not recorded), capped to ``1 − repetition``; ``1 − repetition`` with no history;
* **grade-1 intake growth** — the district norm when given, else the geometric mean yearly
  growth of grade 1 over the history (0 with a single year);
* **class size** — where the base year gives the number of classes, the observed average
  class size (so the base-year class count is reproduced), else the district's or cluster's
  norm;
* **teachers in post** — current staff records on positions at member *general schools*
  (the curriculum drives their demand), counted in full-time posts (the position's load), by
  the district of the school, the position's subject and the teacher's age band;
* **graduates** — per projection year, the cohort entered for that year if any, else the
  latest cohort of the specialty, times the district's share of graduates; the employment rate
  is the graduate-weighted mean of the historic rates of the specialty (of all specialties
  when the specialty has none, 1 when nothing is known). Targeted-training students are bound
  to their district, so the share entering the district is 1 and the quota divides the hiring
  need by completion × employment only.
"""

from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from educluster.registry.models import Cluster, District, Institution, Membership
from educluster.workforce import reference
from educluster.workforce.forecasting.version import SNAPSHOT_FORMAT
from educluster.workforce.models import (
    AttritionRate,
    CurriculumHours,
    DistrictNorm,
    GraduateCohort,
    PupilCount,
    Scenario,
    StaffRecord,
    WorkforceSettings,
)

GRADES = list(reference.GRADES)
QUANTILES = [0.1, 0.5, 0.9]


def settings_for(cluster: Cluster) -> WorkforceSettings:
    """The cluster's settings, or the documented defaults when none were saved."""
    found = WorkforceSettings.objects.filter(cluster=cluster).first()
    return found if found is not None else WorkforceSettings(cluster=cluster)


def _pupil_tables(cluster: Cluster) -> tuple[int, dict, dict]:
    """Base year, pupils[(district_id, year)][grade], classes[(district_id, year)][grade]."""
    pupils: dict[tuple[int, int], dict[int, float]] = defaultdict(lambda: defaultdict(float))
    classes: dict[tuple[int, int], dict[int, float | None]] = defaultdict(dict)
    rows = PupilCount.objects.filter(cluster=cluster).values_list(
        "district_id", "year", "grade", "pupils", "classes"
    )
    years: set[int] = set()
    for district_id, year, grade, count, n_classes in rows:
        key = (district_id, year)
        years.add(year)
        pupils[key][grade] += count
        known = classes[key].get(grade, 0.0)
        # A grade's classes are known only when every language row gives them.
        classes[key][grade] = None if known is None or n_classes is None else known + n_classes
    if not years:
        raise ValidationError(
            _("Enter the pupil numbers of at least one district before running a forecast.")
        )
    return max(years), pupils, classes


def _promotion(history: dict[int, dict[int, float]], years: list[int], repetition: float):
    cap = 1.0 - repetition
    out = []
    for grade in GRADES:
        ratios = [
            history[year][grade + 1] / history[year - 1][grade]
            for year in years
            if year - 1 in history and grade < 11 and history[year - 1].get(grade, 0) > 0
        ]
        value = sum(ratios) / len(ratios) if ratios else cap
        out.append(min(max(value, 0.0), cap))
    return out


def _intake_growth(history: dict[int, dict[int, float]], years: list[int]) -> float:
    known = [(y, history[y].get(1, 0.0)) for y in years if history[y].get(1, 0.0) > 0]
    if len(known) < 2:
        return 0.0
    (first_year, first), (last_year, last) = known[0], known[-1]
    growth = (last / first) ** (1.0 / (last_year - first_year)) - 1.0
    return min(max(growth, -0.5), 0.5)


def build_snapshot(
    *, cluster: Cluster, scenario: Scenario | None, horizon: int, draws: int, seed: int
) -> dict[str, Any]:
    """Read everything a run needs into a JSON-ready dict (see the module docstring).

    Raises ``ValidationError`` with a plain sentence when an input is missing altogether.
    """
    settings = settings_for(cluster)
    repetition = float(settings.repetition_rate)
    base_year, pupils, classes = _pupil_tables(cluster)

    curriculum = [
        c
        for c in CurriculumHours.objects.filter(cluster=cluster).select_related("subject")
        if c.weekly_hours > 0
    ]
    subjects = sorted({c.subject for c in curriculum}, key=lambda s: (s.order, s.code))
    if not subjects:
        raise ValidationError(
            _("The curriculum table has no weekly hours; fill it in before running a forecast.")
        )
    subject_index = {s.pk: i for i, s in enumerate(subjects)}
    hours = [[0.0] * len(subjects) for _g in GRADES]
    for c in curriculum:
        hours[c.grade - 1][subject_index[c.subject_id]] = float(c.weekly_hours)

    district_ids = {d for (d, year) in pupils if year == base_year}
    districts = sorted(District.objects.filter(pk__in=district_ids), key=lambda d: d.code)
    norms = {n.district_id: n for n in DistrictNorm.objects.filter(cluster=cluster)}
    default_size = float(settings.default_class_size)

    base_pupils, promotion, growth, class_size, shares = [], [], [], [], []
    for district in districts:
        history = {y: pupils[(district.pk, y)] for (d, y) in pupils if d == district.pk}
        years = sorted(history)
        base = history[base_year]
        base_pupils.append([float(base.get(g, 0.0)) for g in GRADES])
        promotion.append(_promotion(history, years, repetition))
        norm = norms.get(district.pk)
        growth.append(
            float(norm.intake_growth)
            if norm is not None and norm.intake_growth is not None
            else _intake_growth(history, years)
        )
        size = float(norm.max_class_size) if norm and norm.max_class_size else default_size
        sizes = []
        for g in GRADES:
            n_classes = classes[(district.pk, base_year)].get(g)
            count = base.get(g, 0.0)
            sizes.append(count / n_classes if n_classes and count > 0 else size)
        class_size.append(sizes)
        shares.append(float(norm.graduate_share) if norm is not None else 0.0)

    staff, staff_used = _staff(cluster, districts, subjects)
    graduates, employment, graduate_years = _graduates(cluster, subjects, base_year, horizon)
    attrition_rows = dict(
        AttritionRate.objects.filter(cluster=cluster).values_list("age_band", "rate")
    )
    attrition = [
        float(attrition_rows.get(band, reference.DEFAULT_ATTRITION[band]))
        for band in reference.AGE_BANDS
    ]
    n_d = len(districts)
    return {
        "format": SNAPSHOT_FORMAT,
        "cluster": cluster.slug,
        "base_year": base_year,
        "horizon": horizon,
        "districts": [d.code for d in districts],
        "subjects": [s.code for s in subjects],
        "grades": GRADES,
        "pupils": {
            "base_pupils": base_pupils,
            "promotion": promotion,
            "repetition": repetition,
            "intake_growth": growth,
        },
        "demand": {
            "max_class_size": class_size,
            "hours": hours,
            "load_norm": float(settings.load_norm),
            "class_rounding": settings.class_rounding,
        },
        "supply": {
            "staff": staff,
            "attrition": attrition,
            "graduates": [[[g * share for g in row] for share in shares] for row in graduates],
            "employment_rate": [list(employment) for _d in range(n_d)],
            "share_entering": 1.0,
            "age_band_edges": list(reference.AGE_BAND_EDGES),
            "retirement_age": int(settings.retirement_age),
        },
        "quota": {
            "programme_length": int(settings.programme_length),
            "completion_rate": float(settings.completion_rate),
        },
        "scenario": _scenario(scenario),
        "uncertain": _uncertain(settings, n_d),
        "draws": draws,
        "seed": seed,
        "quantiles": QUANTILES,
        "sources": {
            "pupil_years": sorted({y for (_d, y) in pupils}),
            "staff_records": staff_used,
            "graduate_years": graduate_years,
        },
    }


def _staff(cluster: Cluster, districts: list[District], subjects: list) -> tuple[list, int]:
    d_index = {d.pk: i for i, d in enumerate(districts)}
    s_index = {s.pk: i for i, s in enumerate(subjects)}
    a_index = {band: i for i, band in enumerate(reference.AGE_BANDS)}
    staff = [[[0.0] * len(a_index) for _s in subjects] for _d in districts]
    schools = Membership.objects.filter(
        cluster=cluster, institution__kind=Institution.Kind.GENERAL_SCHOOL
    ).values("institution_id")
    used = 0
    rows = StaffRecord.objects.filter(
        end_date__isnull=True, position__institution_id__in=schools
    ).values_list(
        "position__institution__district_id",
        "position__subject_id",
        "age_band",
        "position__load_fraction",
    )
    for district_id, subject_id, band, load in rows:
        if district_id in d_index and subject_id in s_index:
            staff[d_index[district_id]][s_index[subject_id]][a_index[band]] += float(load)
            used += 1
    return staff, used


def _graduates(
    cluster: Cluster, subjects: list, base_year: int, horizon: int
) -> tuple[list[list[float]], list[float], list[int]]:
    cohorts: dict[int, dict[int, tuple[int, float]]] = defaultdict(dict)
    for specialty_id, year, count, rate in GraduateCohort.objects.filter(
        cluster=cluster
    ).values_list("specialty_id", "year", "graduates", "employment_rate"):
        cohorts[specialty_id][year] = (count, float(rate))
    employed_all = sum(
        c * r for years in cohorts.values() for y, (c, r) in years.items() if y <= base_year
    )
    total_all = sum(
        c for years in cohorts.values() for y, (c, _r) in years.items() if y <= base_year
    )
    overall = employed_all / total_all if total_all else 1.0
    graduates = [[0.0] * len(subjects) for _t in range(horizon)]
    employment = []
    for i, subject in enumerate(subjects):
        known = cohorts.get(subject.pk, {})
        past = {y: v for y, v in known.items() if y <= base_year}
        total = sum(c for c, _r in past.values())
        employment.append(sum(c * r for c, r in past.values()) / total if total else overall)
        latest = past[max(past)][0] if past else 0
        for t in range(horizon):
            year = base_year + 1 + t
            graduates[t][i] = float(known[year][0] if year in known else latest)
    years = sorted({y for years in cohorts.values() for y in years})
    return graduates, employment, years


def _scenario(scenario: Scenario | None) -> dict[str, Any]:
    if scenario is None:
        return {"name": "", "overrides": []}
    overrides = []
    for o in scenario.overrides.select_related("district", "subject").order_by("id"):
        value: float | int = float(o.value)
        grades = o.grades()
        if o.field in ("retirement_age", "programme_length"):
            value = int(o.value)
        overrides.append(
            {
                "field": o.field,
                "op": o.op,
                "value": value,
                "district": o.district.code if o.district else None,
                "subject": o.subject.code if o.subject else None,
                "grade": list(grades) if grades else None,
            }
        )
    return {"name": scenario.name, "overrides": overrides}


def _uncertain(settings: WorkforceSettings, n_districts: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if settings.attrition_uncertainty > 0:
        out.append(
            {
                "field": "attrition",
                "distribution": "lognormal",
                "median": 1.0,
                "sigma": float(settings.attrition_uncertainty),
                "mode": "scale",
            }
        )
    if settings.intake_growth_uncertainty > 0:
        out.append(
            {
                "field": "intake_growth",
                "distribution": "normal",
                "mean": [0.0] * n_districts,
                "sd": [float(settings.intake_growth_uncertainty)] * n_districts,
                "mode": "add",
            }
        )
    if settings.employment_uncertainty > 0:
        out.append(
            {
                "field": "employment_rate",
                "distribution": "lognormal",
                "median": 1.0,
                "sigma": float(settings.employment_uncertainty),
                "mode": "scale",
            }
        )
    return out
