"""The effectiveness calculator "decisions_on_time": a worked example."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from educluster.council.models import Decision, Meeting
from educluster.effectiveness.indicators import Context, Period
from educluster.effectiveness.indicators.council import decisions_on_time
from educluster.registry.models import Institution

pytestmark = pytest.mark.django_db


def test_it_shares_decisions_done_by_their_due_date(cluster):
    Decision.objects.filter(meeting__cluster=cluster).delete()
    school = Institution.objects.get(code="CHR-SCH-3")
    other = Institution.objects.get(code="PAR-SCH-1")
    period = Period("2030/2031", "", date(2030, 9, 1), date(2031, 8, 31), 2030)
    m = Meeting.objects.create(cluster=cluster, date=date(2030, 9, 5), agenda="a")
    due = date(2030, 10, 1)

    def at(day):
        return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))

    Decision.objects.create(meeting=m, text="1", responsible=school, due_date=due, done_at=at(due))
    Decision.objects.create(
        meeting=m, text="2", responsible=school, due_date=due, done_at=at(due + timedelta(days=1))
    )
    Decision.objects.create(meeting=m, text="3", responsible=other, due_date=due)
    # due after the period: not counted
    Decision.objects.create(meeting=m, text="4", responsible=other, due_date=date(2031, 9, 2))
    ctx = Context(cluster, period, {school.pk: "general_school"}, today=date(2031, 12, 1))
    figures = decisions_on_time(ctx)["decisions_on_time"]
    assert figures[school.pk].value == 0.5
    assert figures[school.pk].detail == {"done_on_time": 1, "due": 2}
    assert other.pk not in figures  # not a member of the period
    assert figures[None].value == pytest.approx(1 / 3)
    empty = Context(cluster, period, {}, today=date(2030, 9, 2))
    assert decisions_on_time(empty)["decisions_on_time"][None].value is None
