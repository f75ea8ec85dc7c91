"""Security events (issue 15 item 7): sign-ins, failures, lockouts, sign-outs, refused requests
and API tokens, exports of pupils' data; and the administrator's page listing them."""

import logging

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from educluster.conftest import CAST
from educluster.schoollabs.models import Study
from educluster.security.models import SecurityEvent
from educluster.security.services import security_event_record

Kind = SecurityEvent.Kind
PASSWORD = "demo-parol-2026"
LOGIN = "/accounts/login/"


def _kinds(**lookup) -> list[str]:
    return list(SecurityEvent.objects.filter(**lookup).values_list("kind", flat=True))


def test_it_records_a_successful_login(cast):
    response = Client().post(LOGIN, {"username": "coordinator", "password": PASSWORD})
    assert response.status_code == 302
    event = SecurityEvent.objects.get(kind=Kind.LOGIN)
    assert event.user == cast["coordinator"]
    assert event.ip_address == "127.0.0.1"
    assert event.path == LOGIN


def test_it_records_failed_login(cast):
    response = Client().post(LOGIN, {"username": "coordinator", "password": "wrong"})
    assert response.status_code == 200
    event = SecurityEvent.objects.get(kind=Kind.LOGIN_FAILED)
    assert event.username == "coordinator"
    assert event.user is None
    assert event.ip_address == "127.0.0.1"
    assert "wrong" not in str(event.detail)


def test_it_records_a_failed_login_of_an_unknown_name(db):
    Client().post(LOGIN, {"username": "nobody-here", "password": "x"})
    assert SecurityEvent.objects.get(kind=Kind.LOGIN_FAILED).username == "nobody-here"


@pytest.mark.skipif(not settings.AXES_ENABLED, reason="django-axes is off")
def test_it_records_a_lockout(cast):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "head", "password": "wrong"})
    events = SecurityEvent.objects.filter(kind=Kind.LOCKOUT)
    assert events.count() == 1
    assert events.get().username == "head"
    assert events.get().ip_address == "127.0.0.1"
    # Locked out, even the right password is refused, and the attempt is recorded.
    response = client.post(LOGIN, {"username": "head", "password": PASSWORD})
    assert response.status_code in {403, 429}
    assert Kind.LOGIN not in _kinds(username="head")


def test_it_records_a_logout(client_as, cast):
    client = client_as("faculty")
    client.post(reverse("logout"))
    assert _kinds(kind=Kind.LOGOUT, user=cast["faculty"]) == [Kind.LOGOUT]


def test_it_records_an_export_of_pupil_data(client_as, cast):
    study = Study.objects.filter(cluster__slug="tasviriy-sanat-chirchiq").order_by("pk").first()
    assert study is not None
    client = client_as("coordinator")
    response = client.get(reverse("schoollabs:data_export", args=[study.pk]))
    assert response.status_code == 200
    event = SecurityEvent.objects.get(kind=Kind.PUPIL_EXPORT)
    assert event.user == cast["coordinator"]
    assert event.detail["study"] == study.code
    assert event.detail["format"] == "xlsx"
    assert event.ip_address == "127.0.0.1"


def test_it_records_the_study_report_pdf_as_an_export(client_as, cast):
    study = Study.objects.filter(cluster__slug="tasviriy-sanat-chirchiq").order_by("pk").first()
    assert study is not None
    response = client_as("coordinator").get(reverse("schoollabs:report_pdf", args=[study.pk]))
    assert response.status_code == 200
    event = SecurityEvent.objects.get(kind=Kind.PUPIL_EXPORT)
    assert (event.detail["format"], event.path) == ("pdf", response.wsgi_request.path)


def test_it_records_no_export_when_the_export_is_refused(client_as):
    study = Study.objects.filter(cluster__slug="tasviriy-sanat-chirchiq").order_by("pk").first()
    assert study is not None
    response = client_as("outsider").get(reverse("schoollabs:data_export", args=[study.pk]))
    assert response.status_code == 404
    assert not SecurityEvent.objects.filter(kind=Kind.PUPIL_EXPORT).exists()


def test_it_records_a_permission_denial(client_as, cast, cluster):
    # The head sees the cluster, but the pupil data access log is the coordinator's.
    response = client_as("head").get(reverse("schoollabs:access_log", args=[cluster.slug]))
    assert response.status_code == 403
    event = SecurityEvent.objects.get(kind=Kind.DENIED)
    assert event.user == cast["head"]
    assert event.path == response.wsgi_request.path
    assert event.detail == {"method": "GET", "status": 403}


def test_it_does_not_record_a_not_found(client_as, cluster):
    client_as("outsider").get(reverse("registry:cluster", args=[cluster.slug]))
    assert not SecurityEvent.objects.filter(kind=Kind.DENIED).exists()


def test_it_records_a_refused_api_token(db):
    response = Client().get("/api/v1/clusters/", HTTP_AUTHORIZATION="Bearer ec_not-a-real-token")
    assert response.status_code == 401
    event = SecurityEvent.objects.get(kind=Kind.API_AUTH_FAILED)
    assert event.detail == {"reason": "invalid", "prefix": "ec_not-"}
    assert event.path == "/api/v1/clusters/"


def test_it_records_a_malformed_authorization_header(db):
    Client().get("/api/v1/clusters/", HTTP_AUTHORIZATION="Bearer two words")
    assert SecurityEvent.objects.get(kind=Kind.API_AUTH_FAILED).detail == {"reason": "malformed"}


def test_it_writes_each_event_to_the_security_logger(db, caplog):
    with caplog.at_level(logging.INFO, logger="educluster.security"):
        security_event_record(kind=Kind.LOGIN_FAILED, username="someone")
    record = next(r for r in caplog.records if r.name == "educluster.security")
    assert "login_failed user=someone" in record.getMessage()


# --- The administrator's page ------------------------------------------------------------------


def _events_url(**params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("security:events") + (f"?{query}" if query else "")


@pytest.mark.parametrize("name", [n for n in CAST if n != "admin"])
def test_it_hides_the_events_page_from_everyone_but_the_admin(client_as, name):
    assert client_as(name).get(_events_url()).status_code == 404


def test_it_sends_anonymous_visitors_of_the_events_page_to_login(db):
    response = Client().get(_events_url())
    assert response.status_code == 302
    assert LOGIN in response["Location"]


def test_it_lists_the_events_for_the_admin(client_as):
    security_event_record(kind=Kind.LOGIN_FAILED, username="tried-this-name")
    response = client_as("admin").get(_events_url())
    assert response.status_code == 200
    assert "tried-this-name" in response.content.decode()


def test_it_filters_the_events_by_kind_user_and_date(client_as):
    security_event_record(kind=Kind.LOGIN_FAILED, username="first-name")
    security_event_record(kind=Kind.API_AUTH_FAILED, username="second-name")
    client = client_as("admin")
    body = client.get(_events_url(kind="login_failed")).content.decode()
    assert "first-name" in body and "second-name" not in body
    body = client.get(_events_url(user="second")).content.decode()
    assert "second-name" in body and "first-name" not in body
    body = client.get(_events_url(date_to="2000-01-01")).content.decode()
    assert "first-name" not in body and "second-name" not in body


def _page_queries(captured) -> int:
    """The page's own queries, without the session's bookkeeping."""
    return sum(
        1
        for q in captured.captured_queries
        if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    )


def test_it_reads_the_events_page_in_constant_queries(client_as, cast):
    client = client_as("admin")
    security_event_record(kind=Kind.LOGIN, user=cast["head"])
    client.get(_events_url())
    with CaptureQueriesContext(connection) as few:
        assert client.get(_events_url()).status_code == 200
    n_few = _page_queries(few)
    for name in CAST[:-1]:
        for kind in Kind.values:
            security_event_record(kind=kind, user=cast[name], detail={"n": 1})
    with CaptureQueriesContext(connection) as many:
        page = client.get(_events_url())
    assert len(page.context["page"]) > 40
    assert _page_queries(many) == n_few


def test_it_links_the_events_page_for_the_admin_only(client_as):
    url = reverse("security:events")
    assert f'href="{url}"' in client_as("admin").get(reverse("home")).content.decode()
    assert f'href="{url}"' not in client_as("coordinator").get(reverse("home")).content.decode()
