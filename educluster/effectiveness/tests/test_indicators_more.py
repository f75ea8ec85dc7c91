"""The remaining calculators on the demo data: each agrees with the owning app's own figure or
with a plain recomputation."""

from collections import defaultdict

import numpy as np
import pytest
from django.utils import timezone

from educluster.effectiveness import services
from educluster.effectiveness.demo import academic_years
from educluster.effectiveness.indicators import Context
from educluster.effectiveness.indicators import agreements as agreements_calc
from educluster.effectiveness.indicators import materials as materials_calc
from educluster.effectiveness.indicators import pathways as pathways_calc
from educluster.effectiveness.indicators import placements as placements_calc
from educluster.effectiveness.indicators import schoollabs as schoollabs_calc
from educluster.engines.stats.compare import hedges_g
from educluster.placements.models import GraduateOutcome, TargetedContract
from educluster.schoollabs.models import PupilResult


def _ctx(cluster, year: str) -> Context:
    period = services.period_of(year)
    return Context(cluster, period, services.period_members(cluster, period), timezone.localdate())


@pytest.fixture
def years():
    return academic_years(timezone.localdate())


def test_it_takes_the_effect_size_of_the_gain_experimental_against_control(cluster, years):
    ctx = _ctx(cluster, years[-1])
    got = schoollabs_calc.study_effect_size(ctx)["study_effect_size"]
    assert got, "the demo has a completed study"
    host, figure = next(iter(got.items()))
    pre, post, arm = {}, {}, {}
    for r in PupilResult.objects.filter(pupil__study__lab__host_id=host).select_related(
        "pupil__group"
    ):
        (post if r.wave == 1 else pre if r.wave == 0 else {})[r.pupil_id] = r.total
        arm[r.pupil_id] = r.pupil.group.arm
    gains = defaultdict(list)
    for pupil in pre.keys() & post.keys():
        gains[arm[pupil]].append(post[pupil] - pre[pupil])
    expected = hedges_g(np.array(gains[1]), np.array(gains[0])).g
    assert figure.value == pytest.approx(expected) and figure.detail["studies"] == 1


def test_it_agrees_with_the_projects_share_of_students_in_research(cluster, years):
    from educluster.projects.selectors import student_research_share

    ctx = _ctx(cluster, years[-1])
    figure = schoollabs_calc.student_research_share(ctx)["student_research_share"][None]
    share = student_research_share(cluster, on=ctx.period.start).share
    assert figure.value is not None and round(figure.value * 100, 1) == float(share)


def test_it_agrees_with_the_pathways_continuity_shares(cluster, years):
    from educluster.pathways.selectors import continuity_indicators

    rows = {r.year: r for r in continuity_indicators(cluster).rows}
    for year in years:
        ctx = _ctx(cluster, year)
        got = pathways_calc.continuity(ctx)["continuity_teachers_trained_here"][None].value
        row = rows.get(ctx.period.first_year)
        assert got == (row.share_teachers_trained_here if row else None)


def test_it_shares_graduates_teaching_in_their_specialty(cluster, years):
    for year in years:
        ctx = _ctx(cluster, year)
        outcomes = [
            o
            for o in GraduateOutcome.objects.filter(
                cluster=cluster, graduation_year=ctx.period.first_year
            )
            if o.confirmation != "disputed"
        ]
        teaching = sum(o.status in ("teaching_cluster", "teaching_elsewhere") for o in outcomes)
        figure = placements_calc.graduates(ctx)["graduates_in_specialty"][None]
        assert figure.value == (teaching / len(outcomes) if outcomes else None)


def test_it_shares_targeted_contracts_kept_per_sponsor_and_cluster(cluster, years):
    ctx = _ctx(cluster, years[-1])
    settled = [
        c
        for c in TargetedContract.objects.filter(
            cluster=cluster, graduation_year__lte=ctx.period.first_year
        )
        if c.status in ("working", "fulfilled", "breached")
    ]
    kept = sum(c.status in ("working", "fulfilled") for c in settled)
    figures = placements_calc.targeted_contracts(ctx)
    assert figures["targeted_contracts_kept_cluster"][None].value == (
        kept / len(settled) if settled else None
    )
    for sponsor, figure in figures["targeted_contracts_kept"].items():
        mine = [c for c in settled if c.sponsor_id == sponsor]
        assert figure.value == sum(c.status != "breached" for c in mine) / len(mine)


def test_it_shares_disputed_reports_among_decided_ones(cluster, years):
    from educluster.agreements.models import FulfilmentReport

    ctx = _ctx(cluster, years[-1])
    expected: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for r in FulfilmentReport.objects.select_related("occurrence__obligation__party"):
        day = timezone.localdate(r.submitted_at)
        if r.decision == "pending" or not ctx.period.start <= day <= ctx.period.end:
            continue
        counts = expected[r.occurrence.obligation.party.institution_id]
        counts[0] += 1
        counts[1] += r.decision == "disputed"
    got = agreements_calc.disputes_share(ctx)["disputes_share"]
    assert {k: f.value for k, f in got.items()} == {k: d / n for k, (n, d) in expected.items()}


def test_it_counts_materials_once_per_author_institution(cluster, years):
    from educluster.materials.models import Material

    ctx = _ctx(cluster, years[-2])
    expected: dict[int, int] = defaultdict(int)
    for m in Material.objects.filter(cluster=cluster, status="published").prefetch_related(
        "authors"
    ):
        if m.published_on and ctx.period.start <= m.published_on <= ctx.period.end:
            for institution in {a.institution_id for a in m.authors.all()} & set(ctx.members):
                expected[institution] += 1
    got = materials_calc.materials_published(ctx)["materials_published"]
    assert sum(expected.values()) > 0
    assert {k: f.value for k, f in got.items() if f.value} == {
        k: float(v) for k, v in expected.items()
    }
