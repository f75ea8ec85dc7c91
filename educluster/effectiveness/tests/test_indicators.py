"""Each calculator on the demo data, checked against a plain per-row recomputation, plus
hand-worked examples."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from educluster.agreements.models import Occurrence
from educluster.effectiveness import services
from educluster.effectiveness.demo import academic_years
from educluster.effectiveness.indicators import Context, calculators
from educluster.effectiveness.indicators import agreements as agreements_calc
from educluster.effectiveness.indicators import materials as materials_calc
from educluster.effectiveness.indicators import placements as placements_calc
from educluster.effectiveness.indicators import schoollabs as schoollabs_calc
from educluster.effectiveness.indicators import workforce as workforce_calc
from educluster.materials.models import Adoption
from educluster.schoollabs.models import Activity, PracticeLog
from educluster.workforce.models import Vacancy


def _ctx(cluster, year: str) -> Context:
    period = services.period_of(year)
    return Context(
        cluster=cluster,
        period=period,
        members=services.period_members(cluster, period),
        today=timezone.localdate(),
    )


@pytest.fixture
def current(cluster) -> Context:
    return _ctx(cluster, academic_years(timezone.localdate())[-1])


def _values(figures, code):
    return {k: f.value for k, f in figures[code].items()}


def test_it_counts_activities_per_term_like_a_plain_loop(current):
    expected: dict[int, int] = defaultdict(int)
    for a in Activity.objects.filter(cluster=current.cluster):
        if (
            current.period.start <= a.date <= current.period.end
            and a.institution_id in current.members
        ):
            expected[a.institution_id] += 1
    got = _values(schoollabs_calc.lab_activities(current), "lab_activities_per_term")
    assert sum(expected.values()) > 0
    for member in current.members:
        assert got[member] == expected.get(member, 0) / 2


def test_it_sums_only_approved_hours_per_term(current):
    expected: dict[int, float] = defaultdict(float)
    for log in PracticeLog.objects.select_related("placement__lab"):
        if log.status == "approved" and current.period.start <= log.date <= current.period.end:
            expected[log.placement.lab.host_id] += float(log.hours)
    got = _values(schoollabs_calc.trainee_hours(current), "trainee_hours_per_term")
    assert any(v > 0 for v in got.values())
    for host, value in got.items():
        assert value == pytest.approx(expected.get(host, 0.0) / 2)


def test_it_counts_adoptions_and_their_median_speed(current):
    count: dict[int, int] = defaultdict(int)
    days: dict[int, list[int]] = defaultdict(list)
    for a in Adoption.objects.select_related("material"):
        if (
            current.period.start <= a.adopted_on <= current.period.end
            and a.institution_id in current.members
        ):
            count[a.institution_id] += 1
            if a.material.published_on and a.adopted_on >= a.material.published_on:
                days[a.institution_id].append((a.adopted_on - a.material.published_on).days)
    figures = materials_calc.adoptions(current)
    adopted, speed = _values(figures, "materials_adopted"), _values(figures, "adoption_days")
    assert sum(count.values()) > 0
    assert {m: v for m, v in adopted.items() if v} == {m: float(n) for m, n in count.items()}
    assert speed == {m: float(median(d)) for m, d in days.items()}


def test_it_computes_fill_rate_and_time_to_fill_like_a_plain_loop(current):
    start, end = current.period.start, current.period.end
    open_in: dict[int, int] = defaultdict(int)
    filled: dict[int, int] = defaultdict(int)
    for v in Vacancy.objects.select_related("position"):
        member = v.position.institution_id
        if member not in current.members or v.status == "withdrawn" or v.opened_on > end:
            continue
        if v.closed_on and v.closed_on < start:
            continue
        open_in[member] += 1
        filled[member] += bool(v.status == "filled" and v.closed_on and v.closed_on <= end)
    got = _values(workforce_calc.vacancies(current), "vacancy_fill_rate")
    assert got == {m: filled[m] / n for m, n in open_in.items()}


def test_it_shares_practice_coverage_and_first_choices(current):
    figures = placements_calc.practice(current)
    coverage = figures["practice_coverage"][None]
    first = figures["practice_first_choice"][None]
    assert coverage.detail["applicants"] > 0
    assert coverage.value == coverage.detail["placed"] / coverage.detail["applicants"]
    assert first.value == first.detail["first_choice"] / first.detail["placed"]


def test_it_counts_obligations_confirmed_by_their_due_date(cluster, current):
    """Worked example: two occurrences of one party due in the period, one confirmed the day
    before it was due, one confirmed a week late -> 1 / 2 = 0.5 for that party."""
    occurrence = (
        Occurrence.objects.filter(obligation__agreement__cluster=cluster)
        .select_related("obligation__party")
        .first()
    )
    party = occurrence.obligation.party.institution_id
    Occurrence.objects.filter(obligation__party__institution_id=party).delete()
    due = current.period.start + timedelta(days=20)
    obligation = occurrence.obligation
    tz = timezone.get_current_timezone()
    on_time = timezone.datetime(due.year, due.month, due.day, 18, tzinfo=tz) - timedelta(days=1)
    Occurrence.objects.create(
        obligation=obligation, due_date=due, state="confirmed", confirmed_at=on_time
    )
    Occurrence.objects.create(
        obligation=obligation,
        due_date=due + timedelta(days=1),
        state="confirmed",
        confirmed_at=on_time + timedelta(days=8),
    )
    figure = agreements_calc.obligations_on_time(current)["obligations_on_time"][party]
    assert (figure.value, figure.detail) == (0.5, {"confirmed_on_time": 1, "due": 2})


def test_it_runs_a_constant_number_of_queries_per_calculator(cluster):
    """Every calculator's query count is the same for a period with data and one without."""
    current = _ctx(cluster, academic_years(timezone.localdate())[-1])
    empty = Context(cluster, services.period_of("2010/2011"), current.members, current.today)
    for _codes, function in calculators():
        counts = []
        for ctx in (current, empty):
            with CaptureQueriesContext(connection) as queries:
                function(ctx)
            counts.append(len(queries))
        assert counts[0] == counts[1] <= 3, function.__name__


def test_it_stores_values_with_history_and_no_data_for_unmeasured_members(cluster, current):
    services.indicator_values_compute(cluster=cluster, year=current.period.year)
    from educluster.effectiveness.models import IndicatorValue

    values = IndicatorValue.objects.filter(cluster=cluster, year=current.period.year)
    assert values.filter(definition__code="study_effect_size", value__isnull=True).exists()
    row = values.filter(definition__code="lab_activities_per_term").first()
    assert row.history.count() >= 1
    # Recomputing with unchanged data changes no value and records no new history.
    before = row.history.count()
    services.indicator_values_compute(cluster=cluster, year=current.period.year)
    assert row.history.count() == before


def test_it_measures_a_running_period_only_up_to_today(cluster):
    ctx = _ctx(cluster, academic_years(timezone.localdate())[-1])
    assert ctx.measured_until == min(ctx.period.end, timezone.localdate())
    assert services.period_of("2025/2026", "1").end == date(2026, 1, 31)
    assert Decimal("0.5") == services._decimal(0.5)
