"""Council pages run a constant number of SQL queries whatever the data size."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from educluster.accounts.models import Person
from educluster.council.models import CouncilMember, Decision, Meeting, PlanItem
from educluster.council.tests.support import head_school, plan
from educluster.registry.models import Goal

pytestmark = pytest.mark.django_db


def _grow(cluster, n: int) -> None:
    today = timezone.localdate()
    school = head_school()
    person = Person.objects.filter(institution=school).first()
    assert person is not None
    goal = Goal.objects.filter(cluster=cluster).first()
    for i in range(n):
        CouncilMember.objects.create(
            cluster=cluster, institution=school, person=person, until=today
        )
        m = Meeting.objects.create(cluster=cluster, date=today - timedelta(days=i), agenda="a")
        for k in range(2):
            Decision.objects.create(
                meeting=m,
                text=f"Qaror {i}-{k}",
                responsible=school,
                due_date=today + timedelta(days=k * 10 - 5),
                goal=goal,
            )
        PlanItem.objects.create(
            plan=plan(cluster), title=f"Tadbir {i}", due_date=today, responsible=school, goal=goal
        )


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["coordinator", "head"])
def test_it_runs_a_constant_number_of_queries(cluster, client_as, name):
    client = client_as(name)
    first_meeting = Meeting.objects.filter(cluster=cluster).order_by("date").first()
    urls = [
        reverse("council:council", args=[cluster.slug]),
        reverse("council:council", args=[cluster.slug]) + "?status=overdue",
        reverse("council:meeting", args=[first_meeting.pk]),
        reverse("council:plan", args=[plan(cluster).pk]),
        reverse("home"),
    ]
    client.get(urls[0])  # warm the session and caches
    before = [_count(client, url) for url in urls]
    _grow(cluster, 8)
    for k in range(6):
        Decision.objects.create(
            meeting=first_meeting,
            text=f"Yana {k}",
            responsible=head_school(),
            due_date=timezone.localdate() - timedelta(days=1),
        )
    after = [_count(client, url) for url in urls]
    assert after == before
