"""Writes a partner system needs beyond reports: recording an activity, deciding practice hours
— each through the page's form, rules and service, recorded in the same history."""

from datetime import timedelta

import pytest
from django.utils import timezone

from educluster.conftest import CAST
from educluster.schoollabs import selectors
from educluster.schoollabs.models import LAB_KINDS, Activity, PracticeLog, SchoolLab


@pytest.fixture
def lab(db):
    """Chirchiq school No. 3: supervised by ``faculty``, its school headed by ``head``."""
    return SchoolLab.objects.get(host__code="CHR-SCH-3")


@pytest.fixture
def submitted(cast):
    log = PracticeLog.objects.filter(
        placement__student__user=cast["student"], status=PracticeLog.Status.SUBMITTED
    ).first()
    assert log is not None
    return log


def _activity_body(lab, **extra):
    body = {
        "lab": lab.pk,
        "kind": Activity.Kind.EXPERIMENTAL_LESSON,
        "topic": "Fractions with paper strips",
        "date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "start_time": "10:00",
        "end_time": "10:45",
        "class_counts": [{"class_label": "5A", "pupils": 24}],
    }
    body.update(extra)
    return body


def test_it_records_an_activity_at_a_lab_with_history(api_as, lab, cast):
    response = api_as("faculty").post("/api/v1/activities/", _activity_body(lab), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["pupils"] == 24 and data["lab"] == lab.pk
    activity = Activity.objects.get(pk=data["id"])
    assert activity.cluster_id == lab.cluster_id and activity.institution_id == lab.host_id
    assert activity.created_by == cast["faculty"]
    assert activity.history.first().history_user == cast["faculty"]
    assert list(activity.class_counts.values_list("class_label", "pupils")) == [("5A", 24)]


def test_it_refuses_an_activity_the_form_refuses(api_as, lab):
    before = Activity.objects.count()
    response = api_as("faculty").post(
        "/api/v1/activities/", _activity_body(lab, topic="", kind="nonsense"), format="json"
    )
    assert response.status_code == 400
    fields = {e.get("field") for e in response.json()["errors"]}
    assert {"topic", "kind"} <= fields
    assert Activity.objects.count() == before


def test_it_refuses_a_class_named_twice_and_writes_nothing(api_as, lab):
    before = Activity.objects.count()
    body = _activity_body(
        lab, class_counts=[{"class_label": "5A", "pupils": 3}, {"class_label": "5A", "pupils": 4}]
    )
    response = api_as("faculty").post("/api/v1/activities/", body, format="json")
    assert response.status_code == 400
    assert Activity.objects.count() == before


@pytest.mark.parametrize("role", CAST)
def test_it_lets_only_the_labs_managers_record_there(role, api_as, lab, cast):
    response = api_as(role).post("/api/v1/activities/", _activity_body(lab), format="json")
    visible = selectors.labs_for(cast[role]).filter(pk=lab.pk).exists()
    may = cast[role].has_perm("schoollabs.manage_lab", lab)  # the page's rule
    expected = 201 if may else (403 if visible else 404)
    assert response.status_code == expected, (role, response.content)
    if role in {"outsider"}:
        assert response.status_code == 404
    if role in {"student", "mentor", "analyst"}:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("role", CAST)
def test_it_lets_only_the_coordinator_record_without_a_lab(role, api_as, lab, cast):
    body = _activity_body(lab, cluster=lab.cluster.slug, institution=lab.host_id)
    body["lab"] = None
    body["kind"] = next(k for k in Activity.Kind.values if k not in {str(x) for x in LAB_KINDS})
    response = api_as(role).post("/api/v1/activities/", body, format="json")
    may = cast[role].has_perm("schoollabs.create_activity", lab.cluster)
    if may:
        assert response.status_code == 201, response.content
    elif role == "outsider":
        assert response.status_code == 404
    else:
        assert response.status_code in (403, 404), role


def test_it_lets_the_mentor_approve_hours_with_history(api_as, submitted, cast):
    url = f"/api/v1/placements/{submitted.placement_id}/hours/{submitted.pk}/approve/"
    response = api_as("mentor").post(url, {}, format="json")
    assert response.status_code == 200, response.content
    submitted.refresh_from_db()
    assert submitted.status == PracticeLog.Status.APPROVED
    assert submitted.decided_by == cast["mentor"]
    assert submitted.history.first().history_user == cast["mentor"]
    # Decided once: a second decision is refused.
    again = api_as("mentor").post(url, {}, format="json")
    assert again.status_code == 400


def test_it_returns_hours_only_with_a_comment(api_as, submitted):
    url = f"/api/v1/placements/{submitted.placement_id}/hours/{submitted.pk}/return/"
    response = api_as("mentor").post(url, {"comment": "  "}, format="json")
    assert response.status_code == 400
    assert "mentor_comment" in {e.get("field") for e in response.json()["errors"]}
    submitted.refresh_from_db()
    assert submitted.status == PracticeLog.Status.SUBMITTED
    response = api_as("mentor").post(url, {"comment": "Add the lesson plan."}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "returned"
    assert response.json()["mentor_comment"] == "Add the lesson plan."


@pytest.mark.parametrize("role", CAST)
def test_it_lets_only_the_mentor_decide_hours(role, api_as, submitted, cast):
    url = f"/api/v1/placements/{submitted.placement_id}/hours/{submitted.pk}/approve/"
    response = api_as(role).post(url, {}, format="json")
    placement = submitted.placement
    visible = selectors.placements_for(cast[role]).filter(pk=placement.pk).exists()
    may = cast[role].has_perm("schoollabs.decide_hours", placement)
    expected = 200 if may else (403 if visible else 404)
    assert response.status_code == expected, role
    if not may:
        submitted.refresh_from_db()
        assert submitted.status == PracticeLog.Status.SUBMITTED
    if role == "outsider":
        assert response.status_code == 404
