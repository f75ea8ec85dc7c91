from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from educluster.api import services
from educluster.api.models import ApiToken, hash_key
from educluster.api.throttling import TokenRateThrottle


def _bearer(client, key):
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_it_shows_the_token_once_and_stores_only_its_hash(client_as, cast):
    client = client_as("head")
    response = client.post(reverse("api:token_create"), {"name": "District system"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    key = response.context["key"]
    assert key.startswith("ec_") and key in response.content.decode()
    token = ApiToken.objects.get(user=cast["head"])
    assert token.key_hash == hash_key(key)
    assert key not in {token.key_hash, token.prefix, token.name}
    assert key.startswith(token.prefix)
    # The account page lists it by its prefix, never by its text.
    page = client.get(reverse("accounts:me")).content.decode()
    assert token.prefix in page and key not in page


def test_it_authenticates_with_a_token_and_records_last_use(cast, cluster):
    from rest_framework.test import APIClient

    token, key = services.api_token_create(user=cast["coordinator"], name="t")
    assert token.last_used_at is None
    response = _bearer(APIClient(), key).get("/api/v1/clusters/")
    assert response.status_code == 200
    assert response.json()["results"][0]["slug"] == cluster.slug
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("state", ["revoked", "expired", "wrong", "inactive"])
def test_it_refuses_revoked_expired_unknown_tokens(cast, state):
    from rest_framework.test import APIClient

    token, key = services.api_token_create(user=cast["coordinator"], name="t")
    if state == "revoked":
        services.api_token_revoke(user=cast["coordinator"], token=token)
    elif state == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(1))
    elif state == "wrong":
        key = key[:-2] + ("AA" if not key.endswith("AA") else "BB")
    else:
        type(cast["coordinator"]).objects.filter(pk=cast["coordinator"].pk).update(is_active=False)
    response = _bearer(APIClient(HTTP_ACCEPT_LANGUAGE="en"), key).get("/api/v1/clusters/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"] == "The token is invalid, expired or revoked."


def test_it_revokes_from_the_account_page_only_ones_own_tokens(client_as, cast):
    token, _key = services.api_token_create(user=cast["head"], name="t")
    assert (
        client_as("student").post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    )
    token.refresh_from_db()
    assert token.revoked_at is None
    response = client_as("head").post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_refuses_an_expiry_in_the_past(client_as, cast):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    client_as("head").post(reverse("api:token_create"), {"name": "x", "expires_on": yesterday})
    assert not ApiToken.objects.filter(user=cast["head"]).exists()


def test_it_creates_a_token_with_an_expiry(client_as, cast):
    day = timezone.localdate() + timedelta(days=30)
    client_as("head").post(reverse("api:token_create"), {"name": "x", "expires_on": day})
    token = ApiToken.objects.get(user=cast["head"])
    assert timezone.localdate(token.expires_at) == day


def test_it_rate_limits_per_token(cast, monkeypatch):
    from rest_framework.test import APIClient

    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"api_token": "3/min"})
    _first, key1 = services.api_token_create(user=cast["coordinator"], name="a")
    _second, key2 = services.api_token_create(user=cast["coordinator"], name="b")
    a = _bearer(APIClient(HTTP_ACCEPT_LANGUAGE="en"), key1)
    codes = [a.get("/api/v1/clusters/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = a.get("/api/v1/clusters/")
    assert refused["Content-Type"].startswith("application/problem+json")
    assert "Retry-After" in refused
    # Another token of the same account has its own budget.
    assert _bearer(APIClient(), key2).get("/api/v1/clusters/").status_code == 200
