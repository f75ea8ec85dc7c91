"""Two controllers deciding the same report at the same moment: exactly one wins."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from educluster.accounts.models import Role, RoleAssignment, User
from educluster.agreements import services
from educluster.agreements.models import FulfilmentReport
from educluster.core.tests.concurrency import race, small_cluster


def test_it_lets_exactly_one_decision_win_on_either_database(transactional_db):
    """On a cluster of three rows rather than the demo (no demo reload), so it runs on SQLite
    (where the IMMEDIATE writers queue) as well as PostgreSQL."""

    world = small_cluster("agr", schools=1)
    university, school = world.university, world.schools[0]
    head = User.objects.create_user(username="agr-head", password="x")
    RoleAssignment.objects.create(user=head, role=Role.MEMBER_HEAD, institution=school)
    second = User.objects.create_user(username="agr-coordinator-2", password="x")
    RoleAssignment.objects.create(user=second, role=Role.COORDINATOR, cluster=world.cluster)
    coordinator, today = world.coordinator, timezone.localdate()
    agreement = services.agreement_create(
        actor=coordinator,
        cluster=world.cluster,
        parties=[university, school],
        number="C-2",
        title="Concurrency",
        valid_from=today - timedelta(days=30),
        valid_to=today + timedelta(days=300),
    )
    obligation = services.obligation_create(
        actor=coordinator,
        agreement=agreement,
        party=agreement.parties.get(institution=school),
        counterpart=agreement.parties.get(institution=university),
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
    mine, theirs = (FulfilmentReport.objects.get(pk=report.pk) for _ in range(2))

    results = race(
        lambda: services.report_decide(actor=coordinator, report=mine, confirm=True),
        lambda: services.report_decide(actor=second, report=theirs, confirm=False, comment="no"),
    )

    assert sorted(r.won for r in results) == [False, True], [r.error for r in results]
    loser = next(r for r in results if not r.won)
    assert isinstance(loser.error, services.AlreadyDecided), repr(loser.error)
    final = FulfilmentReport.objects.get(pk=report.pk)
    winner = 0 if results[0].won else 1
    assert final.decision == ("confirmed", "disputed")[winner]
    events = agreement.events.filter(action__in=["report_confirmed", "report_disputed"])
    assert events.count() == 1
