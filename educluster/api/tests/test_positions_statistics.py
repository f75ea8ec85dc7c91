"""Workforce positions (as the positions page) and a published round's statistics (as the
round page's figures): scoped per role, 404 outside the scope, never a pupil or applicant."""

import pytest

from educluster.accounts.scoping import clusters_for
from educluster.conftest import CAST
from educluster.placements.models import PlacementRound
from educluster.placements.selectors import access
from educluster.workforce import selectors


@pytest.mark.parametrize("role", CAST)
def test_it_serves_positions_as_the_positions_page(role, api_as, cast, cluster):
    user = cast[role]
    response = api_as(role).get(f"/api/v1/clusters/{cluster.slug}/positions/", {"page_size": 200})
    if not clusters_for(user).filter(pk=cluster.pk).exists():
        assert response.status_code == 404, role
        return
    if not user.has_perm("workforce.view_positions", cluster):
        assert response.status_code == 403, role
        return
    assert response.status_code == 200, response.content
    body = response.json()
    expected = set(selectors.cluster_positions(user, cluster).values_list("id", flat=True))
    assert body["count"] == len(expected)
    assert {row["id"] for row in body["results"]} <= expected
    assert "ETag" in response
    if body["results"]:
        first = body["results"][0]
        detail = api_as(role).get(f"/api/v1/clusters/{cluster.slug}/positions/{first['id']}/")
        assert detail.status_code == 200 and detail.json()["id"] == first["id"]
        assert set(first) >= {"institution", "subject", "status", "weekly_hours"}


def test_it_hides_a_position_outside_the_scope(api_as, cast, cluster):
    user = cast["head"]
    other = selectors.cluster_positions(cast["admin"], cluster).exclude(
        pk__in=selectors.cluster_positions(user, cluster).values("pk")
    )
    position = other.first()
    if position is None:
        pytest.skip("the head manages every position")
    url = f"/api/v1/clusters/{cluster.slug}/positions/{position.pk}/"
    assert api_as("head").get(url).status_code == 404
    assert api_as("outsider").get(url).status_code == 404
    assert api_as("coordinator").get(url).status_code == 200


def test_it_filters_and_orders_positions(api_as, cluster):
    client = api_as("coordinator")
    url = f"/api/v1/clusters/{cluster.slug}/positions/"
    vacant = client.get(url, {"status": "vacant", "page_size": 200}).json()
    assert all(row["status"] == "vacant" for row in vacant["results"])
    ordered = client.get(url, {"ordering": "-id", "page_size": 200}).json()["results"]
    ids = [row["id"] for row in ordered]
    assert ids == sorted(ids, reverse=True)


@pytest.mark.parametrize("role", CAST)
def test_it_serves_statistics_of_published_rounds_to_who_may_read_them(role, api_as, cast):
    user = cast[role]
    client = api_as(role)
    for rnd in PlacementRound.objects.all():
        response = client.get(f"/api/v1/placement-rounds/{rnd.pk}/statistics/")
        visible = access.rounds_for(user).filter(pk=rnd.pk).exists()
        may = visible and rnd.is_published and access.round_access(user, rnd).reads_statistics
        if not may:
            assert response.status_code == 404, (role, rnd.pk)
            continue
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["applicants"] == rnd.stats.get("applicants")
        assert body["matched"] == rnd.stats.get("matched")
        ranks = sum(row["applicants"] for row in body["by_preference_rank"])
        assert ranks == rnd.stats.get("applicants")
        assert "ETag" in response
        text = response.content.decode()
        for applicant in rnd.applicants.select_related("person")[:20]:
            assert applicant.person.full_name not in text  # no applicant is named


def test_it_serves_no_statistics_before_publication(api_as):
    rnd = PlacementRound.objects.exclude(status="published").first()
    if rnd is None:
        pytest.skip("every demo round is published")
    url = f"/api/v1/placement-rounds/{rnd.pk}/statistics/"
    assert api_as("admin").get(url).status_code == 404
