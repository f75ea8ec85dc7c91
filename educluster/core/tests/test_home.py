"""Each person's next steps on the home page, with a link to where each is done, in a fixed
number of queries whatever the data."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from educluster.accounts.models import Person, Role, RoleAssignment
from educluster.agreements.models import Agreement, Occurrence
from educluster.imports.models import ImportJob
from educluster.placements.home import seat_offer_url
from educluster.placements.models import Applicant, Assignment, Host, PlacementRound, SeatOffer
from educluster.registry.models import Institution
from educluster.schoollabs.models import Placement, PracticeLog, Term


def _sections(html: str) -> set[str]:
    return set(re.findall(r'id="(home-[a-z]+|my-obligations|to-confirm)"', html))


def _home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        _home(client)
    return len(queries)


@pytest.fixture
def practice(cast) -> Placement:
    """The ``student`` account's placement, mentored by the ``mentor`` account."""
    return Placement.objects.select_related("term", "lab").get(student__user=cast["student"])


def _add_logs(placement: Placement, n: int, status=PracticeLog.Status.SUBMITTED) -> None:
    day = placement.term.start_date
    PracticeLog.objects.bulk_create(
        PracticeLog(
            placement=placement,
            date=day + timedelta(days=i % 20),
            hours=Decimal(2),
            description=f"Dars {i}",
            status=status,
        )
        for i in range(n)
    )


def _add_trainees(placement: Placement, n: int) -> None:
    for i in range(n):
        student = Person.objects.create(
            full_name=f"Sinov Talaba {i}",
            kind=Person.Kind.STUDENT,
            institution=placement.student.institution,
            study_level="bachelor",
            study_year=3,
        )
        other = Placement.objects.create(
            lab=placement.lab, term=placement.term, student=student, mentor=placement.mentor
        )
        _add_logs(other, 2)


def _published_result(cluster, cast, n: int) -> None:
    """``n`` published rounds in which the ``student`` got a seat."""
    person = Person.objects.get(user=cast["student"])
    school = Institution.objects.get(code="PAR-SCH-1")
    for i in range(n):
        rnd = PlacementRound.objects.create(
            cluster=cluster,
            kind=PlacementRound.Kind.PRACTICE,
            title=f"Natija {i}",
            status=PlacementRound.Status.PUBLISHED,
            published_at=timezone.now(),
            response_deadline=timezone.now() + timedelta(days=3),
        )
        host = Host.objects.create(round=rnd, institution=school, capacity=1)
        applicant = Applicant.objects.create(round=rnd, person=person)
        Assignment.objects.create(round=rnd, applicant=applicant, host=host, choice_position=1)


def _waiting_rounds(cluster, n: int) -> None:
    long_ago = timezone.now() - timedelta(hours=2)
    for i in range(n):
        for status in ("run", "reviewed", "running"):
            PlacementRound.objects.create(
                cluster=cluster,
                kind=PlacementRound.Kind.PRACTICE,
                title=f"Raund {status} {i}",
                status=status,
                run_started_at=long_ago,
            )


def _imports(cluster, user, n: int) -> None:
    for i in range(n):
        ImportJob.objects.create(
            kind="people",
            cluster=cluster,
            created_by=user,
            file="imports/x.xlsx",
            original_name=f"odamlar-{i}.xlsx",
            status=ImportJob.Status.VALID,
            total_rows=3,
        )


def _overdue(n: int) -> None:
    occurrence = (
        Occurrence.objects.overdue(timezone.localdate())
        .filter(obligation__agreement__status=Agreement.Status.ACTIVE)
        .first()
    )
    assert occurrence is not None
    start = occurrence.due_date - timedelta(days=400)
    Occurrence.objects.bulk_create(
        (
            Occurrence(obligation=occurrence.obligation, due_date=start + timedelta(days=i))
            for i in range(n)
        ),
        ignore_conflicts=True,
    )


# --- what each role sees ----------------------------------------------------------------------


def test_it_shows_the_student_the_result_with_its_explanation_and_the_hours_to_log(
    client_as, cluster, cast, practice
):
    _published_result(cluster, cast, 1)
    html = _home(client_as("student"))
    assert {"home-placements", "home-practice"} <= _sections(html)
    rnd = PlacementRound.objects.get(title="Natija 0")
    assert reverse("placements:my_result", args=[rnd.pk]) + "#explanation" in html
    assert reverse("schoollabs:hours_create", args=[practice.pk]) in html


def test_it_shows_the_mentor_the_hours_and_evaluations_to_do(client_as, practice):
    _add_logs(practice, 1)
    Placement.objects.filter(pk=practice.pk).update(planned_hours=1)
    PracticeLog.objects.filter(placement=practice).update(status=PracticeLog.Status.APPROVED)
    _add_logs(practice, 1)
    if hasattr(practice, "evaluation"):
        practice.evaluation.delete()
    html = _home(client_as("mentor"))
    assert "home-practice" in _sections(html)
    assert practice.get_absolute_url() + "#hour-rows" in html
    assert reverse("schoollabs:evaluation", args=[practice.pk]) in html


def test_it_shows_the_head_reports_to_confirm_and_seats_to_offer(client_as, cluster, cast):
    html = _home(client_as("head"))
    assert {"to-confirm", "home-hosts"} <= _sections(html)
    assert f'href="{seat_offer_url(cluster.slug)}"' in html
    # Once the school has offered seats for every open term, the item goes away.
    school = RoleAssignment.objects.get(user=cast["head"], role=Role.MEMBER_HEAD).institution
    for term in Term.objects.filter(cluster=cluster, end_date__gte=timezone.localdate()):
        SeatOffer.objects.create(cluster=cluster, institution=school, term=term, seats=2)
    html = _home(client_as("head"))
    assert f'href="{seat_offer_url(cluster.slug)}"' not in html


def test_it_shows_the_coordinator_rounds_imports_and_overdue_obligations(client_as, cluster, cast):
    _waiting_rounds(cluster, 1)
    _imports(cluster, cast["coordinator"], 1)
    html = _home(client_as("coordinator"))
    assert {"home-overdue", "home-rounds", "home-imports"} <= _sections(html)
    for status in ("run", "reviewed", "running"):
        rnd = PlacementRound.objects.get(title=f"Raund {status} 0")
        assert rnd.get_absolute_url() in html
    assert ImportJob.objects.get(original_name="odamlar-0.xlsx").get_absolute_url() in html


def test_it_does_not_call_a_running_round_stuck_while_it_reports_progress(client_as, cluster):
    PlacementRound.objects.create(
        cluster=cluster,
        kind=PlacementRound.Kind.PRACTICE,
        title="Hozir ishlayapti",
        status=PlacementRound.Status.RUNNING,
        run_started_at=timezone.now(),
    )
    assert "Hozir ishlayapti" not in _home(client_as("coordinator"))


def test_it_keeps_other_peoples_imports_off_my_home(client_as, cluster, cast):
    _imports(cluster, cast["head"], 1)
    assert "home-imports" not in _sections(_home(client_as("coordinator")))


# --- a fixed number of queries ----------------------------------------------------------------


@pytest.mark.parametrize("role", ["student", "mentor", "head", "coordinator"])
def test_it_runs_the_same_number_of_queries_for_more_data(client_as, cluster, cast, practice, role):
    def grow(n: int) -> None:
        _published_result(cluster, cast, n)
        _add_logs(practice, n)
        _add_trainees(practice, n)
        _waiting_rounds(cluster, n)
        _imports(cluster, cast[role], n)
        _overdue(n)

    grow(1)
    client = client_as(role)
    _home(client)  # warm the caches of the first request
    before = _queries(client)
    grow(8)
    after = _queries(client)
    assert after == before, f"{role}: {before} queries with little data, {after} with more"
