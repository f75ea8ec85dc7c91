"""Schemathesis in-process against the write operations: filing a fulfilment report, confirming
or disputing one, logging practice hours, approving or returning them, recording an activity.

Each operation runs as the cast member who may perform it, against a real object of the demo
(the path's ids are those of an object the account may write to; a generated ``lab`` or
``cluster`` that has the right type is replaced by a real one, so valid bodies reach the
service). Positive and negative bodies alike must never give a server error, and a success must
match its documented schema; bad input is a 400 that names the field. Every case runs in a
savepoint that is rolled back, so each starts from the same state."""

from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from educluster.agreements import services as agreement_services
from educluster.api.tests import test_schemathesis as reads
from educluster.schoollabs.models import PracticeLog, SchoolLab

schema = reads.schema  # the same schema and application as the reads
bearer = reads.bearer  # fixtures shared with the reads
keep_the_test_connection = reads.keep_the_test_connection

#: Who performs each write (the page's rule lets them) in the demo cast.
ROLES = {
    "/api/v1/occurrences/{id}/reports/": "coordinator",
    "/api/v1/reports/{id}/decision/": "coordinator",
    "/api/v1/placements/{placement_pk}/hours/": "student",
    "/api/v1/placements/{placement_pk}/hours/{id}/approve/": "mentor",
    "/api/v1/placements/{placement_pk}/hours/{id}/return/": "mentor",
    "/api/v1/activities/": "coordinator",
}


@pytest.fixture
def targets(school_occurrence, department_occurrence, cast, cluster):
    """The path parameters and body replacements of each operation: the department's open
    occurrence (its coordinator reports), the school's report pending for the coordinator, the
    trainee's placement and a submitted log of it, a School-Lab of the cluster."""
    pending = agreement_services.report_submit(
        actor=cast["head"],
        occurrence=school_occurrence,
        value_achieved=Decimal(8),
        text="Eight trainees hosted.",
    )
    log = PracticeLog.objects.filter(
        placement__student__user=cast["student"],
        placement__status="active",
        status=PracticeLog.Status.SUBMITTED,
    ).first()
    assert log is not None
    lab = SchoolLab.objects.get(host__code="CHR-SCH-3")
    coordinator = cast["coordinator"]
    assert coordinator.has_perm("agreements.decide_report", school_occurrence.obligation)
    assert coordinator.has_perm("agreements.report_obligation", department_occurrence.obligation)
    return {
        "/api/v1/occurrences/{id}/reports/": ({"id": department_occurrence.pk}, {}),
        "/api/v1/reports/{id}/decision/": ({"id": pending.pk}, {}),
        "/api/v1/placements/{placement_pk}/hours/": ({"placement_pk": log.placement_id}, {}),
        "/api/v1/placements/{placement_pk}/hours/{id}/approve/": (
            {"placement_pk": log.placement_id, "id": log.pk},
            {},
        ),
        "/api/v1/placements/{placement_pk}/hours/{id}/return/": (
            {"placement_pk": log.placement_id, "id": log.pk},
            {},
        ),
        "/api/v1/activities/": ({}, {"lab": (int, lab.pk), "cluster": (str, cluster.slug)}),
    }


def _fix_body(case, replacements):
    body = case.body
    if not isinstance(body, dict):
        return
    for name, (kind, value) in replacements.items():
        if isinstance(body.get(name), kind) and not isinstance(body.get(name), bool):
            body[name] = value


@pytest.mark.django_db
@schema.include(method="POST").parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_it_never_fails_on_a_write(case, bearer, targets, throttle_cache):
    if case.method.upper() != "POST":
        return
    path = case.operation.path
    role = ROLES[path]
    parameters, replacements = targets[path]
    case.path_parameters = {**(case.path_parameters or {}), **parameters}
    _fix_body(case, replacements)
    headers = bearer(role)  # outside the savepoint: the token outlives the case
    with transaction.atomic():
        response = case.call(headers=headers)
        transaction.set_rollback(True)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
    if response.status_code == 400:  # problem details; a field's error names the field
        body = response.json()
        assert body["status"] == 400 and body["detail"], body
        assert all(e.get("field") or "pointer" not in e for e in body.get("errors", [])), body
    assert response.status_code != 404 or not parameters, (path, response.text)


def test_it_knows_every_write(targets):
    """Every write operation of the schema has a role and a target here."""
    writes = {
        op.path
        for op in (result.ok() for result in schema.get_all_operations())
        if op.method.upper() in ("POST", "PUT", "PATCH", "DELETE")
    }
    assert writes == set(ROLES) == set(targets)


def test_it_refuses_a_lab_that_is_not_a_number_naming_the_field(api_as):
    response = api_as("coordinator").post(
        "/api/v1/activities/",
        {"lab": "abc", "kind": "experimental_lesson", "topic": "x", "date": "2026-01-01"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert [e["field"] for e in response.json()["errors"]] == ["lab"]


def test_it_refuses_hours_in_a_body_that_is_not_an_object(api_as, targets):
    (parameters, _replacements) = targets["/api/v1/placements/{placement_pk}/hours/"]
    response = api_as("student").post(
        f"/api/v1/placements/{parameters['placement_pk']}/hours/", [1, 2], format="json"
    )
    assert response.status_code == 400, response.content


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": ["2026-01-01"], "hours": "1", "description": "x"}, "date"),
        ({"date": 20260101, "hours": "1", "description": "x"}, "date"),
        ({"date": "2026-01-01", "hours": {"h": 1}, "description": "x"}, "hours"),
    ],
)
def test_it_refuses_hours_of_the_wrong_shape_naming_the_field(body, field, api_as, targets):
    (parameters, _replacements) = targets["/api/v1/placements/{placement_pk}/hours/"]
    response = api_as("student").post(
        f"/api/v1/placements/{parameters['placement_pk']}/hours/", body, format="json"
    )
    assert response.status_code == 400, response.content
    assert [e["field"] for e in response.json()["errors"]] == [field]


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"end_time": [None, None]}, "end_time"), ({"faculty": "1"}, "faculty")],
)
def test_it_refuses_an_activity_of_the_wrong_shape_naming_the_field(extra, field, api_as, cluster):
    body = {"cluster": cluster.slug, "kind": "open_lesson", "topic": "x", "date": "2026-01-01"}
    response = api_as("coordinator").post("/api/v1/activities/", {**body, **extra}, format="json")
    assert response.status_code == 400, response.content
    assert field in [e["field"] for e in response.json()["errors"]]
