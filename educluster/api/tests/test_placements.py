"""Placement rounds and published results: each role reads what the round page shows it."""

import pytest

from educluster.conftest import CAST
from educluster.placements.models import Assignment, PlacementRound
from educluster.placements.selectors import access


@pytest.mark.parametrize("role", CAST)
def test_it_serves_rounds_and_results_as_the_round_page(role, api_as, cast):
    user = cast[role]
    client = api_as(role)
    listed = client.get("/api/v1/placement-rounds/", {"page_size": 200}).json()
    assert {r["id"] for r in listed["results"]} == set(
        access.rounds_for(user).values_list("id", flat=True)
    )
    published = PlacementRound.objects.filter(status="published")
    assert published.exists()
    for rnd in published:
        response = client.get(f"/api/v1/placement-rounds/{rnd.pk}/results/", {"page_size": 200})
        if not access.rounds_for(user).filter(pk=rnd.pk).exists():
            assert response.status_code == 404, role
            continue
        mine = access.round_access(user, rnd)
        results = Assignment.objects.filter(round=rnd)
        if not mine.manages:
            own = results.filter(applicant=mine.applicant) if mine.applicant else results.none()
            results = own | results.filter(host__in=mine.hosts)
        ids = {row["id"] for row in response.json()["results"]}
        assert ids == set(results.values_list("id", flat=True)), role
        if role == "student":
            assert len(ids) <= 1


def test_it_shows_no_results_before_publication(api_as):
    rnd = PlacementRound.objects.exclude(status="published").first()
    if rnd is None:
        pytest.skip("every demo round is published")
    assert api_as("admin").get(f"/api/v1/placement-rounds/{rnd.pk}/results/").status_code == 404
