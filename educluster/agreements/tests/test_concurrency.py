"""Two controllers deciding the same report at the same moment: exactly one wins."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.utils import timezone

from educluster.accounts.models import User
from educluster.agreements import services
from educluster.agreements.models import FulfilmentReport
from educluster.registry.management.commands.seed_demo import SLUG
from educluster.registry.models import Cluster, Institution


@pytest.mark.postgres
def test_it_lets_exactly_one_concurrent_decision_win(demo_transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent transactions; runs in the PostgreSQL leg of CI")
    coordinator = User.objects.get(username="coordinator")
    head = User.objects.get(username="head")
    admin = User.objects.get(username="admin")
    cluster = Cluster.objects.get(slug=SLUG)
    inst = {i.code: i for i in Institution.objects.filter(code__in=["CHDPI-TSA", "CHR-SCH-3"])}
    today = timezone.localdate()
    agreement = services.agreement_create(
        actor=coordinator,
        cluster=cluster,
        parties=[inst["CHDPI-TSA"], inst["CHR-SCH-3"]],
        number="C-1",
        title="Concurrency",
        valid_from=today - timedelta(days=30),
        valid_to=today + timedelta(days=300),
    )
    school = agreement.parties.get(institution__code="CHR-SCH-3")
    department = agreement.parties.get(institution__code="CHDPI-TSA")
    obligation = services.obligation_create(
        actor=coordinator,
        agreement=agreement,
        party=school,
        counterpart=department,
        area="research",
        description="x",
        recurrence="once",
        due_date=today,
        target_value=Decimal(1),
        target_unit="x",
    )
    services.agreement_transition(
        actor=coordinator, agreement=agreement, to="signed", signed_on=today - timedelta(days=31)
    )
    services.agreement_transition(actor=coordinator, agreement=agreement, to="active")
    report = services.report_submit(
        actor=head, occurrence=obligation.occurrences.get(), value_achieved=Decimal(1), text="done"
    )

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(actor: User, confirm: bool) -> None:
        try:
            mine = FulfilmentReport.objects.get(pk=report.pk)
            barrier.wait(timeout=10)
            services.report_decide(actor=actor, report=mine, confirm=confirm, comment="no")
            outcomes.append("won")
        except services.AlreadyDecided:
            outcomes.append("already decided")
        finally:
            connections.close_all()

    # Two coordinators of the integrator act for the department at the same moment.
    threads = [
        threading.Thread(target=decide, args=(coordinator, True)),
        threading.Thread(target=decide, args=(admin, False)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["already decided", "won"]
    final = FulfilmentReport.objects.get(pk=report.pk)
    assert final.decision in ("confirmed", "disputed")
    events = agreement.events.filter(action__in=["report_confirmed", "report_disputed"])
    assert events.count() == 1
