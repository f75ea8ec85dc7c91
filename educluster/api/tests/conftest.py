import pytest
from rest_framework.test import APIClient

from educluster.agreements.tests.conftest import (  # noqa: F401 - shared fixtures
    agreement,
    department_occurrence,
    inst,
    school_occurrence,
)
from educluster.api import services


@pytest.fixture(autouse=True)
def throttle_cache(monkeypatch):
    """A fresh rate-limit memory per test: token ids repeat between tests (rolled back), and
    the shared file cache would carry one test's requests into the next."""
    from django.core.cache.backends.locmem import LocMemCache

    from educluster.api.throttling import TokenRateThrottle

    cache = LocMemCache(f"api-tests-{id(monkeypatch)}", {})
    monkeypatch.setattr(TokenRateThrottle, "cache", cache)
    return cache


@pytest.fixture
def token_for(cast):
    def make(name: str) -> str:
        _token, key = services.api_token_create(user=cast[name], name=f"{name} system")
        return key

    return make


@pytest.fixture
def api_as(token_for):
    """An API client authenticated by a personal token of the named cast member, in English."""

    def make(name: str, *, language: str = "en") -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        if name != "anonymous":
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(name)}")
        return client

    return make
