from datetime import date, timedelta

import pytest
from django.utils import timezone

from educluster.effectiveness.indicators import Context, Period
from educluster.effectiveness.indicators.market import services as calculate
from educluster.market import selectors
from educluster.market.models import ServiceRequest
from educluster.registry.models import Membership

pytestmark = pytest.mark.django_db


def _context(cluster, start, end):
    members = {
        m.institution_id: m.institution.kind
        for m in Membership.objects.active().filter(cluster=cluster).select_related("institution")
    }
    period = Period("x", "", start, end, start.year)
    return Context(cluster=cluster, period=period, members=members, today=end)


def test_it_counts_confirmed_requests_and_the_mean_rating_per_provider(
    cluster, watercolour, department, school, django_assert_num_queries
):
    today = timezone.localdate()
    ServiceRequest.objects.create(
        service=watercolour,
        requester=school,
        status="confirmed",
        rating=3,
        confirmed_at=timezone.now(),
    )
    ServiceRequest.objects.create(service=watercolour, requester=school, status="delivered")
    ServiceRequest.objects.create(
        service=watercolour,
        requester=school,
        status="confirmed",
        rating=1,
        confirmed_at=timezone.now() - timedelta(days=800),
    )
    ctx = _context(cluster, today - timedelta(days=300), today)
    with django_assert_num_queries(1):
        figures = calculate(ctx)
    uptake = figures["services_uptake"]
    assert uptake[department.pk].value == 2.0  # the demo's 5 and the 3
    assert uptake[department.pk].detail == {"confirmed_requests": 2}
    assert uptake[school.pk].value == 0.0
    satisfaction = figures["services_satisfaction"]
    assert satisfaction[department.pk].value == 4.0
    assert satisfaction[department.pk].detail == {"ratings": 2}
    assert school.pk not in satisfaction
    assert selectors.uptake(cluster, ctx.period.start, today) == {department.pk: 2}
    assert selectors.satisfaction(cluster, ctx.period.start, today) == {department.pk: (4.0, 2)}


def test_it_counts_nothing_outside_the_period(cluster, department):
    ctx = _context(cluster, date(2020, 1, 1), date(2020, 12, 31))
    figures = calculate(ctx)
    assert figures["services_uptake"][department.pk].value == 0.0
    assert figures["services_satisfaction"] == {}
