"""Schemathesis in-process against our own schema: every GET operation, as a cast member with a
token, must never give a server error and must match its documented response schema; the same
case as the outsider must never return anything (lists empty, objects 404)."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from educluster.api import services

_raw = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
schema = schemathesis.openapi.from_dict(_raw)
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True, scope="module")
def keep_the_test_connection():
    """The WSGI handler closes the database connection when a request starts and ends (Django's test
    client turns that off; schemathesis calls the application directly). On PostgreSQL that
    would end the test's transaction, so keep the connection while these cases run."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(db, cast):
    keys: dict[str, str] = {}  # one token per account for all the generated cases

    def make(name):
        if name not in keys:
            _token, keys[name] = services.api_token_create(user=cast[name], name="schemathesis")
        return {"Authorization": f"Bearer {keys[name]}", "Accept-Language": "en"}

    return make


@pytest.mark.django_db
@schema.include(method="GET").parametrize()
@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_it_conforms_to_its_schema(case, bearer, throttle_cache):
    if case.method.upper() != "GET":  # schemathesis' coverage probes (OPTIONS etc.)
        return
    case.call_and_validate(
        headers=bearer("admin"), checks=[not_a_server_error, response_schema_conformance]
    )
    outsider = case.call(headers=bearer("outsider"))
    assert outsider.status_code != 500
    if outsider.status_code == 200:
        body = outsider.json()
        assert isinstance(body, dict) and body.get("count") == 0 and body["results"] == []
