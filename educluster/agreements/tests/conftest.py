from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from educluster.agreements import services
from educluster.registry.models import Institution


@pytest.fixture
def inst(db):
    return {i.code: i for i in Institution.objects.filter(code__isnull=False)}


@pytest.fixture
def agreement(cluster, cast, inst):
    """An active agreement: the head's school must host trainees (checked by the department);
    the department must give open lessons (checked by the school)."""
    today = timezone.localdate()
    coordinator = cast["coordinator"]
    a = services.agreement_create(
        actor=coordinator,
        cluster=cluster,
        parties=[inst["CHDPI-TSA"], inst["CHR-SCH-3"]],
        goals=cluster.goals.all()[:1],
        number="T-1",
        title="Test agreement",
        valid_from=today - timedelta(days=200),
        valid_to=today + timedelta(days=500),
    )
    school = a.parties.get(institution__code="CHR-SCH-3")
    department = a.parties.get(institution__code="CHDPI-TSA")
    services.obligation_create(
        actor=coordinator,
        agreement=a,
        party=school,
        counterpart=department,
        area="practice_employment",
        description="Host trainees",
        recurrence="once",
        due_date=today - timedelta(days=10),
        target_value=Decimal(8),
        target_unit="students",
    )
    services.obligation_create(
        actor=coordinator,
        agreement=a,
        party=department,
        counterpart=school,
        area="educational_methodological",
        description="Open lessons",
        recurrence="once",
        due_date=today + timedelta(days=7),
        target_value=Decimal(4),
        target_unit="lessons",
    )
    services.agreement_transition(
        actor=coordinator, agreement=a, to="signed", signed_on=today - timedelta(days=201)
    )
    services.agreement_transition(actor=coordinator, agreement=a, to="active")
    return a


@pytest.fixture
def school_occurrence(agreement):
    return agreement.obligations.get(description="Host trainees").occurrences.get()


@pytest.fixture
def department_occurrence(agreement):
    return agreement.obligations.get(description="Open lessons").occurrences.get()
