"""The council's workflows and the open / overdue / done status of a decision."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from educluster.accounts.models import Person
from educluster.council import services
from educluster.council.models import CouncilMember, Decision, Meeting
from educluster.council.tests.support import decision_of, head_school, meeting, plan
from educluster.registry.models import Goal, Institution

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_council(cluster):
    assert CouncilMember.objects.filter(cluster=cluster).count() == 5
    assert CouncilMember.objects.get(cluster=cluster, role="chair").institution == (
        cluster.lead_institution
    )
    assert Meeting.objects.filter(cluster=cluster).exclude(minutes="").count() == 2
    today = timezone.localdate()
    statuses = sorted(d.status_on(today) for d in Decision.objects.filter(meeting__cluster=cluster))
    assert statuses == ["done", "open", "open", "overdue"]
    assert Decision.objects.filter(meeting__cluster=cluster, goal__isnull=False).exists()
    assert plan(cluster).items.count() == 6


def test_it_computes_the_status_from_the_given_today(cluster):
    d = Decision(meeting=meeting(cluster), due_date=date(2026, 3, 10))
    assert d.status_on(date(2026, 3, 10)) == "open"
    assert d.status_on(date(2026, 3, 11)) == "overdue"
    d.done_at = timezone.make_aware(timezone.datetime(2026, 3, 12, 10))
    assert d.status_on(date(2026, 3, 11)) == "done"
    assert d.status_on(date(2030, 1, 1)) == "done"
    assert not d.done_on_time


def test_it_filters_decisions_by_status_on_a_given_day(cluster):
    qs = Decision.objects.filter(meeting__cluster=cluster)
    today = timezone.localdate()
    assert qs.overdue(today).count() == 1
    assert qs.open(today).count() == 2
    assert qs.done().count() == 1
    # a year later every not-done decision is overdue
    assert qs.overdue(today + timedelta(days=365)).count() == 3


def test_it_records_a_decision_and_marks_it_done(cluster, cast):
    m = meeting(cluster)
    goal = Goal.objects.filter(cluster=cluster).first()
    d = services.decision_create(
        user=cast["coordinator"],
        meeting=m,
        text="Рабочая группа готовит методические рекомендации",
        responsible=head_school(),
        due_date=timezone.localdate() + timedelta(days=10),
        goal=goal,
    )
    assert d.status == "open"
    with pytest.raises(PermissionDenied):
        services.decision_mark_done(user=cast["faculty"], decision=d, note="x")
    services.decision_mark_done(user=cast["head"], decision=d, note="Tayyorlandi")
    d.refresh_from_db()
    assert d.status == "done" and d.done_by == cast["head"] and d.done_on_time
    assert d.history.count() == 2
    with pytest.raises(ValidationError):
        services.decision_mark_done(user=cast["head"], decision=d, note="again")


def test_it_lets_only_the_coordinator_manage_the_council(cluster, cast):
    for name in ["head", "faculty", "analyst", "outsider"]:
        with pytest.raises(PermissionDenied):
            services.meeting_create(
                user=cast[name], cluster=cluster, date=timezone.localdate(), agenda="x"
            )


def test_it_rejects_bad_input_naming_the_field(cluster, cast):
    m = meeting(cluster)
    outsider_school = Institution.objects.exclude(
        pk__in=cluster.memberships.values("institution_id")
    ).first()
    before = Decision.objects.count()
    if outsider_school is not None:
        with pytest.raises(ValidationError) as error:
            services.decision_create(
                user=cast["coordinator"],
                meeting=m,
                text="x",
                responsible=outsider_school,
                due_date=m.date,
            )
        assert "responsible" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.decision_create(
            user=cast["coordinator"],
            meeting=m,
            text="x",
            responsible=head_school(),
            due_date=m.date - timedelta(days=1),
        )
    assert "due_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            user=cast["coordinator"], cluster=cluster, date=timezone.localdate(), agenda="  "
        )
    assert "agenda" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.plan_item_create(
            user=cast["coordinator"],
            plan=plan(cluster),
            title="x",
            due_date=date(2028, 1, 1),
            responsible=head_school(),
        )
    assert "due_date" in error.value.message_dict
    assert Decision.objects.count() == before


def test_it_adds_members_meetings_minutes_and_plan_items(cluster, cast):
    coordinator = cast["coordinator"]
    school = head_school()
    person = Person.objects.filter(institution=school).first()
    with pytest.raises(ValidationError) as error:
        services.council_member_add(
            user=coordinator, cluster=cluster, institution=school, person=person, role="chair"
        )
    assert "role" in error.value.message_dict
    member = services.council_member_add(
        user=coordinator, cluster=cluster, institution=school, person=person
    )
    assert member.role == "member"
    m = services.meeting_create(
        user=coordinator,
        cluster=cluster,
        date=timezone.localdate(),
        place="Parkent",
        agenda="Birinchi masala\n\nIkkinchi masala",
    )
    assert m.agenda_items == ["Birinchi masala", "Ikkinchi masala"]
    services.meeting_record_minutes(user=coordinator, meeting=m, minutes="Qaror", approve=True)
    assert m.minutes_approved_at is not None
    item = services.plan_item_create(
        user=coordinator,
        plan=plan(cluster),
        title="Seminar",
        due_date=date(2026, 10, 5),
        responsible=school,
    )
    assert item.plan.items.count() == 7
    assert decision_of(school) is not None
