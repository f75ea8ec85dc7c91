import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from educluster.accounts.models import Person
from educluster.effectiveness import services
from educluster.effectiveness.indicators import Context
from educluster.effectiveness.indicators.development import pd_hours_per_teacher
from educluster.projects.selectors import academic_year

pytestmark = pytest.mark.django_db


def test_it_divides_credited_hours_by_the_members_teachers(cluster, seminar):
    first, _last = academic_year(timezone.localtime(seminar.starts_at).date())
    period = services.period_of(f"{first.year}/{first.year + 1}")
    ctx = Context(cluster, period, services.period_members(cluster, period), timezone.localdate())
    with CaptureQueriesContext(connection) as queries:
        figures = pd_hours_per_teacher(ctx)["pd_hours_per_teacher"]
    assert len(queries) == 2
    mentor = Person.objects.get(user__username="mentor")
    school = mentor.institution_id
    teachers = Person.objects.filter(institution_id=school, kind__in=["teacher", "faculty"])
    hours = sum(
        float(r.certificate.hours)
        for r in seminar.registrations.filter(attended=True, person__institution_id=school)
    )
    assert figures[school].value == round(hours / teachers.count(), 2)
    assert figures[school].detail["teachers"] == teachers.count()
