"""Practice placements, their hours, placement rounds and a round's published results are read
in a constant number of SQL queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from educluster.accounts.models import Person
from educluster.placements.models import Applicant, Assignment, PlacementRound
from educluster.schoollabs.models import Placement, PracticeLog


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": 200})
    assert response.status_code == 200, response.content
    return len(captured), response.json()["count"]


def _copy(obj, **changes):
    copy = type(obj).objects.get(pk=obj.pk)
    copy.pk = copy.id = None
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


def _people(like, n, stamp):
    """n new people like ``like`` (no account), e.g. trainees or applicants."""
    return Person.objects.bulk_create(
        _copy(like, user=None, full_name=f"Grown {stamp}-{i}") for i in range(n)
    )


@pytest.fixture
def placement(cast):
    """The trainee's active placement, with logs, visible to the mentor."""
    found = Placement.objects.filter(student__user=cast["student"], status="active").first()
    assert found is not None and found.logs.exists()
    return found


@pytest.fixture
def published(db):
    """A published round with results."""
    rnd = PlacementRound.objects.filter(status="published", assignments__isnull=False).first()
    assert rnd is not None
    return rnd


def _grow_placements(placement, n, stamp):
    students = _people(placement.student, n, f"placement {stamp}")
    Placement.objects.bulk_create(_copy(placement, student=s) for s in students)
    PracticeLog.objects.bulk_create(
        _copy(placement.logs.first(), description=f"grown {stamp}-{i}") for i in range(n)
    )


def _grow_rounds(rnd, n, stamp):
    PlacementRound.objects.bulk_create(
        _copy(rnd, title=f"Grown {stamp}-{i}", origin=None) for i in range(n)
    )
    assignment = Assignment.objects.filter(round=rnd, host__isnull=False).first()
    applicant = assignment.applicant
    people = _people(applicant.person, n, f"applicant {stamp}")
    applicants = Applicant.objects.bulk_create(_copy(applicant, person=p) for p in people)
    Assignment.objects.bulk_create(
        _copy(assignment, applicant=a, lab_placement=None) for a in applicants
    )


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("coordinator", "/api/v1/placements/"),
        ("mentor", "/api/v1/placements/"),
        ("student", "/api/v1/placements/{placement}/hours/"),
        ("mentor", "/api/v1/placements/{placement}/hours/"),
    ],
)
def test_it_reads_placements_and_hours_in_constant_queries(role, url, api_as, placement):
    client = api_as(role)
    url = url.format(placement=placement.pk)
    client.get("/api/v1/clusters/")  # the token's first use records its time (one UPDATE)
    _grow_placements(placement, 2, "a")
    small, small_rows = _count(client, url)
    _grow_placements(placement, 8, "b")
    large, large_rows = _count(client, url)
    assert large_rows > small_rows, (role, url)  # the grown trainees are the mentor's too
    assert small == large, (role, url)


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("admin", "/api/v1/placement-rounds/"),
        ("coordinator", "/api/v1/placement-rounds/"),
        ("admin", "/api/v1/placement-rounds/{round}/results/"),
        ("coordinator", "/api/v1/placement-rounds/{round}/results/"),
    ],
)
def test_it_reads_rounds_and_results_in_constant_queries(role, url, api_as, published, cast):
    client = api_as(role)
    url = url.format(round=published.pk)
    client.get("/api/v1/clusters/")
    _grow_rounds(published, 2, "a")
    small, small_rows = _count(client, url)
    _grow_rounds(published, 8, "b")
    large, large_rows = _count(client, url)
    assert large_rows > small_rows, (role, url)
    assert small == large, (role, url)
