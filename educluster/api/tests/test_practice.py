"""Logging practice hours through the API: the page's form and service, the same history."""

from datetime import timedelta

import pytest
from django.utils import timezone

from educluster.conftest import CAST
from educluster.schoollabs import selectors
from educluster.schoollabs.models import Placement, PracticeLog


@pytest.fixture
def placement(cast):
    return Placement.objects.filter(student__user=cast["student"], status="active").first()


def test_it_logs_hours_as_the_trainee_for_the_mentor(api_as, placement, cast):
    assert placement is not None
    day = timezone.localdate() - timedelta(days=1)
    response = api_as("student").post(
        f"/api/v1/placements/{placement.pk}/hours/",
        {"date": day.isoformat(), "hours": "3.5", "description": "Observed two lessons."},
        format="json",
    )
    assert response.status_code == 201, response.content
    log = PracticeLog.objects.get(pk=response.json()["id"])
    assert log.status == "submitted" and log.placement == placement
    # Recorded in the history by the trainee, as the page does.
    assert log.history.first().history_user == cast["student"]
    listed = api_as("mentor").get(f"/api/v1/placements/{placement.pk}/hours/").json()
    assert log.pk in [row["id"] for row in listed["results"]]


def test_it_refuses_hours_the_form_refuses(api_as, placement):
    response = api_as("student").post(
        f"/api/v1/placements/{placement.pk}/hours/",
        {"date": timezone.localdate().isoformat(), "hours": "30", "description": ""},
        format="json",
    )
    assert response.status_code == 400
    fields = {e.get("field") for e in response.json()["errors"]}
    assert {"hours", "description"} <= fields


@pytest.mark.parametrize("role", CAST)
def test_it_lets_only_the_trainee_log_hours(role, api_as, placement, cast):
    day = (timezone.localdate() - timedelta(days=2)).isoformat()
    response = api_as(role).post(
        f"/api/v1/placements/{placement.pk}/hours/",
        {"date": day, "hours": "1", "description": "x"},
        format="json",
    )
    visible = selectors.placements_for(cast[role]).filter(pk=placement.pk).exists()
    may = cast[role].has_perm("schoollabs.log_hours", placement)  # the page's rule
    expected = 201 if may else (403 if visible else 404)
    assert response.status_code == expected, role
    if role == "outsider":
        assert response.status_code == 404
    if role in {"mentor", "head", "coordinator", "faculty", "analyst"}:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("role", CAST)
def test_it_lists_the_placements_the_pages_show(role, api_as, cast):
    response = api_as(role).get("/api/v1/placements/", {"page_size": 200})
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == set(selectors.placements_for(cast[role]).values_list("id", flat=True))
