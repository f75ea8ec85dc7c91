"""Trainee practice: placements within capacity, hours logged and decided, evaluations."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from educluster.accounts.models import Person
from educluster.core.history import history_entries
from educluster.schoollabs import services
from educluster.schoollabs.models import Placement, PracticeLog, Term


def test_it_logs_hours_and_the_mentor_approves_them(own_placement, cast):
    log = services.hours_log(
        actor=cast["student"],
        placement=own_placement,
        date=date(2026, 11, 3),
        hours=Decimal("2.5"),
        description="Darsni kuzatdim",
    )
    assert log.status == PracticeLog.Status.SUBMITTED
    services.hours_decide(actor=cast["mentor"], log=log, approve=True)
    log.refresh_from_db()
    assert log.status == PracticeLog.Status.APPROVED
    assert log.decided_by == cast["mentor"]
    assert history_entries(log)[0].who == cast["mentor"].display_name


def test_it_refuses_a_second_decision(own_placement, cast, submitted_log):
    services.hours_decide(actor=cast["mentor"], log=submitted_log, approve=True)
    stale = PracticeLog.objects.get(pk=submitted_log.pk)
    stale.status = PracticeLog.Status.SUBMITTED  # what a second, stale page still shows
    with pytest.raises(ValidationError):
        services.hours_decide(actor=cast["mentor"], log=stale, approve=False, comment="Yoʻq")
    assert PracticeLog.objects.get(pk=submitted_log.pk).status == PracticeLog.Status.APPROVED


def test_it_needs_a_comment_to_return_hours(cast, submitted_log):
    with pytest.raises(ValidationError) as error:
        services.hours_decide(actor=cast["mentor"], log=submitted_log, approve=False)
    assert "mentor_comment" in error.value.message_dict


def test_it_resubmits_corrected_hours(cast, returned_log):
    services.hours_update(
        actor=cast["student"],
        log=returned_log,
        date=returned_log.date,
        hours=Decimal(3),
        description="5-A sinfda “Natyurmort” mavzusida darsning bir qismini oʻtkazdim",
    )
    returned_log.refresh_from_db()
    assert returned_log.status == PracticeLog.Status.SUBMITTED
    assert returned_log.hours == Decimal(3)


def test_it_refuses_to_change_approved_hours(cast, own_placement):
    approved = own_placement.logs.filter(status=PracticeLog.Status.APPROVED).first()
    with pytest.raises(ValidationError):
        services.hours_update(
            actor=cast["student"],
            log=approved,
            date=approved.date,
            hours=Decimal(1),
            description="x",
        )


@pytest.mark.parametrize(
    ("day", "hours", "field"),
    [
        (date(2026, 8, 1), Decimal(2), "date"),  # before the term
        (None, Decimal("2.3"), "hours"),  # not a half-hour step
        (None, Decimal(13), "hours"),  # more than a day
    ],
)
def test_it_refuses_bad_hours(own_placement, cast, day, hours, field):
    with pytest.raises(ValidationError) as error:
        services.hours_log(
            actor=cast["student"],
            placement=own_placement,
            date=day or date(2026, 11, 2),
            hours=hours,
            description="x",
        )
    assert field in error.value.message_dict


def test_it_refuses_future_dates(own_placement, cast, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2026, 10, 1))
    with pytest.raises(ValidationError) as error:
        services.hours_log(
            actor=cast["student"],
            placement=own_placement,
            date=date(2026, 10, 2),
            hours=Decimal(2),
            description="x",
        )
    assert "date" in error.value.message_dict


def test_it_caps_the_hours_of_one_day(own_placement, cast):
    day = date(2026, 11, 4)
    services.hours_log(
        actor=cast["student"], placement=own_placement, date=day, hours=Decimal(8), description="a"
    )
    with pytest.raises(ValidationError) as error:
        services.hours_log(
            actor=cast["student"],
            placement=own_placement,
            date=day,
            hours=Decimal(5),
            description="b",
        )
    assert "hours" in error.value.message_dict


def test_it_keeps_the_lab_capacity_per_term(lab_par, cast):
    term = lab_par.placements.first().term
    taken = lab_par.placements.filter(term=term).count()
    assert taken == 4 and lab_par.capacity_per_term == 5
    students = Person.objects.filter(kind="student", lab_placements__isnull=True).order_by("pk")
    mentor = Person.objects.get(user__username="mentor")
    services.placement_create(
        actor=cast["coordinator"], lab=lab_par, term=term, student=students[0], mentor=mentor
    )
    with pytest.raises(ValidationError):
        services.placement_create(
            actor=cast["coordinator"], lab=lab_par, term=term, student=students[1], mentor=mentor
        )


def test_it_refuses_a_mentor_of_another_school(lab_par, lab_chr, cast):
    term = Term.objects.first()
    student = Person.objects.filter(kind="student", lab_placements__isnull=True).first()
    other = lab_chr.school_coordinator
    with pytest.raises(ValidationError) as error:
        services.placement_create(
            actor=cast["coordinator"], lab=lab_par, term=term, student=student, mentor=other
        )
    assert "mentor" in error.value.message_dict


def test_it_evaluates_against_the_rubric(own_placement, lab_par, cast):
    rubric = lab_par.evaluation_rubric
    evaluation = services.evaluation_save(
        actor=cast["mentor"], placement=own_placement, instrument=rubric, scores=[5, 4, 3, 4, 5]
    )
    assert evaluation.total == 21
    with pytest.raises(ValidationError):
        services.evaluation_save(
            actor=cast["mentor"], placement=own_placement, instrument=rubric, scores=[6, 4, 3, 4, 5]
        )
    with pytest.raises(ValidationError):
        services.evaluation_save(
            actor=cast["mentor"], placement=own_placement, instrument=rubric, scores=[5, 4]
        )


def test_it_walks_the_pages_from_logging_to_approval(client_as, own_placement):
    student, mentor = client_as("student"), client_as("mentor")
    response = student.post(
        reverse("schoollabs:hours_create", args=[own_placement.pk]),
        {"date": "2026-11-05", "hours": "3", "description": "Toʻgarakda yordam berdim"},
    )
    assert response.status_code == 302
    log = own_placement.logs.get(date=date(2026, 11, 5), description__startswith="Toʻgarak")
    response = mentor.post(
        reverse("schoollabs:hours_decide", args=[own_placement.pk, log.pk]),
        {"decision": "return", "comment": ""},
    )
    log.refresh_from_db()
    assert log.status == PracticeLog.Status.SUBMITTED  # a return needs a comment
    mentor.post(
        reverse("schoollabs:hours_decide", args=[own_placement.pk, log.pk]),
        {"decision": "approve", "comment": "Yaxshi"},
    )
    log.refresh_from_db()
    assert log.status == PracticeLog.Status.APPROVED
    page = student.get(reverse("schoollabs:trainee", args=[own_placement.student_id]))
    assert page.status_code == 200 and own_placement.lab.name in page.content.decode()


def test_it_evaluates_through_the_page(client_as, own_placement):
    data = {f"item_{n}": "4" for n in range(1, 6)} | {"evaluated_on": "2026-11-26"}
    response = client_as("mentor").post(
        reverse("schoollabs:evaluation", args=[own_placement.pk]), data
    )
    assert response.status_code == 302
    assert Placement.objects.get(pk=own_placement.pk).evaluation.total == 20


def test_it_sends_a_student_to_their_own_record(client_as, own_placement):
    response = client_as("student").get(reverse("schoollabs:my_practice"))
    assert response["Location"] == reverse("schoollabs:trainee", args=[own_placement.student_id])
    assert client_as("outsider").get(reverse("schoollabs:my_practice")).status_code == 404


def test_it_counts_pending_hours_for_the_mentor(client_as, cluster):
    page = client_as("mentor").get(reverse("schoollabs:practice", args=[cluster.slug]))
    assert b'id="pending-notice"' in page.content
