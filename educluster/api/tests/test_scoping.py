"""Every endpoint, for every role of the named cast: the API serves exactly what the pages'
selectors give that user; the outsider gets empty lists and 404 on every object."""

import pytest

from educluster.accounts.scoping import clusters_for
from educluster.agreements import selectors as agreement_selectors
from educluster.agreements.models import EvidenceFile, FulfilmentReport, Obligation, Occurrence
from educluster.conftest import CAST
from educluster.registry.models import Indicator

ROLES = CAST


def _ids(client, url, **params):
    params.setdefault("page_size", 200)
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] <= 200
    return {row["id"] for row in body["results"]}


def _expected(kind, user, cluster):
    agreements = agreement_selectors.agreements_for(user)
    return {
        "clusters": set(clusters_for(user).values_list("id", flat=True)),
        "agreements": set(agreements.values_list("id", flat=True)),
        "obligations": set(
            Obligation.objects.filter(agreement__in=agreements).values_list("id", flat=True)
        ),
        "occurrences": set(
            Occurrence.objects.filter(obligation__agreement__in=agreements).values_list(
                "id", flat=True
            )
        ),
        "reports": set(
            FulfilmentReport.objects.filter(
                occurrence__obligation__agreement__in=agreements
            ).values_list("id", flat=True)
        ),
        "indicators": set(
            Indicator.objects.filter(goal__cluster__in=clusters_for(user)).values_list(
                "id", flat=True
            )
        ),
    }[kind]


KINDS = ["clusters", "agreements", "obligations", "occurrences", "reports", "indicators"]


@pytest.mark.parametrize("role", ROLES)
def test_it_serves_each_role_what_its_pages_show(role, api_as, cast, cluster):
    client = api_as(role)
    for kind in KINDS:
        expected = _expected(kind, cast[role], cluster)
        assert _ids(client, f"/api/v1/{kind}/") == expected, kind
        if role == "outsider":
            assert expected == set(), kind
    sees_cluster = cluster.pk in _expected("clusters", cast[role], cluster)
    for nested in ("members", "goals"):
        response = client.get(f"/api/v1/clusters/{cluster.slug}/{nested}/")
        assert response.status_code == (200 if sees_cluster else 404), (role, nested)
    detail = client.get(f"/api/v1/clusters/{cluster.slug}/")
    assert detail.status_code == (200 if sees_cluster else 404)


def test_the_cast_covers_every_kind_of_scope(cast, cluster):
    """Guards the test above: the demo gives the named roles different, non-empty views."""
    seen = {role: _expected("agreements", cast[role], cluster) for role in ROLES}
    assert seen["coordinator"] and seen["head"] and seen["analyst"] and seen["admin"]
    assert seen["outsider"] == set() and seen["student"] == set()
    assert seen["head"] < seen["coordinator"] or seen["head"] == seen["coordinator"]


@pytest.mark.parametrize("role", ROLES)
def test_it_answers_404_for_objects_outside_the_scope(role, api_as, cast, cluster):
    client = api_as(role)
    visible = agreement_selectors.agreements_for(cast[role])
    # Every object of the demo: its detail is 200 when the pages let the role see it, else 404.
    checks = [
        (
            "agreements",
            [a.pk for a in cluster.agreements.all()],
            set(visible.values_list("id", flat=True)),
        ),
        (
            "reports",
            list(FulfilmentReport.objects.values_list("id", flat=True)),
            _expected("reports", cast[role], cluster),
        ),
        (
            "occurrences",
            list(Occurrence.objects.values_list("id", flat=True)[:10]),
            _expected("occurrences", cast[role], cluster),
        ),
    ]
    for kind, ids, allowed in checks:
        for pk in ids:
            code = client.get(f"/api/v1/{kind}/{pk}/").status_code
            assert code == (200 if pk in allowed else 404), (role, kind, pk)
    for agreement_id in [a.pk for a in cluster.agreements.all()]:
        code = client.get(f"/api/v1/agreements/{agreement_id}/events/").status_code
        assert code == (200 if agreement_id in visible.values_list("id", flat=True) else 404)
    evidence = EvidenceFile.objects.first()
    if evidence is not None:
        allowed = _expected("reports", cast[role], cluster)
        code = client.get(f"/api/v1/evidence/{evidence.pk}/download/").status_code
        assert code == (200 if evidence.report_id in allowed else 404)
    indicator = Indicator.objects.filter(goal__cluster=cluster).first()
    code = client.get(f"/api/v1/indicators/{indicator.pk}/values/").status_code
    assert code == (200 if role != "outsider" else 404)
