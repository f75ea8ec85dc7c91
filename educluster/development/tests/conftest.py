from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from educluster.development import services
from educluster.development.models import DevelopmentEvent
from educluster.registry.models import Institution


@pytest.fixture
def seminar(cluster):
    return DevelopmentEvent.objects.get(cluster=cluster, kind="seminar", is_demo=True)


@pytest.fixture
def open_event(cluster):
    now = timezone.now()
    return services.event_create(
        actor=None,
        cluster=cluster,
        organiser=Institution.objects.get(code="PAR-SCH-1"),
        kind="seminar",
        title="Test seminar",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=3),
        hours=Decimal(4),
        capacity=2,
    )
