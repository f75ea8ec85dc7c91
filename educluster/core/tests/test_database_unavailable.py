"""The database briefly out of reach: a 503 page with Retry-After (problem+json for the API),
never a stack trace. In-process with the cursor failing, and in a fresh process whose database
setting points at nothing (a closed port on PostgreSQL, a missing directory on SQLite)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, override_settings
from django.utils import translation

ROOT = Path(__file__).resolve().parents[3]
MESSAGE = "The service is briefly unavailable, try again in a minute."


@pytest.fixture(autouse=True)
def english(cast):
    for user in cast.values():
        user.preferred_language = "en"
        user.save(update_fields=["preferred_language"])
    with translation.override("en"):
        yield


def _signed_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _database_down(error: type[Exception] = OperationalError):
    """Every query fails from now on, as when the server has gone away."""

    def fail(*args, **kwargs):
        raise error("connection to server at 127.0.0.1 failed: Connection refused")

    return mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=fail)


@override_settings(DEBUG=False)
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_it_shows_a_503_page_when_the_database_is_unreachable(cast, error):
    client = _signed_in(cast["coordinator"])
    with _database_down(error):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    body = response.content.decode()
    assert MESSAGE in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert "connection to server" not in body  # no internals shown


@override_settings(DEBUG=False)
def test_it_answers_the_api_with_problem_details_when_the_database_is_unreachable(cast):
    client = _signed_in(cast["coordinator"])
    with _database_down():
        response = client.get("/api/v1/clusters/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "60"
    problem = json.loads(response.content)
    assert problem["status"] == 503
    assert problem["title"] == MESSAGE
    assert "connection to server" not in json.dumps(problem)


@override_settings(DEBUG=False)
def test_it_keeps_other_server_errors_a_plain_500(cast):
    client = _signed_in(cast["coordinator"])
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=ZeroDivisionError
    ):
        response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = "a" * 32          # a session to look up: the database is asked
page = client.get("/")
client.defaults["HTTP_AUTHORIZATION"] = "Bearer ect_xxxxxxxxxxxxxxxxxxxx"
api = client.get("/api/v1/clusters/")
print(json.dumps({
    "page": [page.status_code, page.get("Retry-After"), page.content.decode()],
    "api": [api.status_code, api.get("Content-Type"), api.content.decode()],
}))
"""


def test_it_shows_the_503_page_with_a_real_unreachable_database(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "EDUCLUSTER_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 50,
        "LOG_LEVEL": "CRITICAL",
    }
    env.pop("REDIS_URL", None)
    if connection.vendor == "postgresql":
        # Nothing listens on port 1: the connection is refused at once.
        env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:1/educluster"
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(tmp_path / "missing" / "db.sqlite3")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    status, retry_after, body = seen["page"]
    assert (status, retry_after) == (503, "60"), body[:500]
    assert "Traceback" not in body
    status, content_type, body = seen["api"]
    assert (status, content_type) == (503, "application/problem+json"), body[:500]
    assert json.loads(body)["status"] == 503
