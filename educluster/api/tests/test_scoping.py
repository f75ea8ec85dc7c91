"""Every endpoint, for every role of the named cast: the API serves exactly what the pages'
selectors give that user; the outsider gets empty lists and 404 on every object."""

import pytest

from educluster.accounts.scoping import clusters_for
from educluster.agreements import selectors as agreement_selectors
from educluster.agreements.models import EvidenceFile, FulfilmentReport, Obligation, Occurrence
from educluster.conftest import CAST
from educluster.materials.selectors import materials_for
from educluster.projects.selectors import projects_for
from educluster.registry.models import Indicator
from educluster.schoollabs import selectors as lab_selectors
from educluster.workforce import selectors as workforce_selectors

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
        "labs": set(lab_selectors.labs_for(user).values_list("id", flat=True)),
        "activities": set(lab_selectors.activities_for(user).values_list("id", flat=True)),
        "projects": set(projects_for(user).values_list("id", flat=True)),
        "materials": set(materials_for(user).values_list("id", flat=True)),
        "vacancies": set(workforce_selectors.vacancies_for(user).values_list("id", flat=True)),
        "indicators": set(
            Indicator.objects.filter(goal__cluster__in=clusters_for(user)).values_list(
                "id", flat=True
            )
        ),
    }[kind]


KINDS = [
    "clusters",
    "agreements",
    "obligations",
    "occurrences",
    "reports",
    "indicators",
    "labs",
    "activities",
    "projects",
    "materials",
    "vacancies",
]


@pytest.mark.parametrize("role", ROLES)
def test_it_serves_each_role_what_its_pages_show(role, api_as, cast, cluster):
    client = api_as(role)
    for kind in KINDS:
        expected = _expected(kind, cast[role], cluster)
        assert _ids(client, f"/api/v1/{kind}/") == expected, kind
        if role == "outsider":
            assert expected == set(), kind
    sees_cluster = cluster.pk in _expected("clusters", cast[role], cluster)
    for nested in ("members", "goals", "terms"):
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


@pytest.mark.parametrize("role", ROLES)
def test_it_serves_the_vacancy_board_as_its_page(role, api_as, client_as, cluster):
    page = client_as(role).get(f"/clusters/{cluster.slug}/workforce/vacancy-board/")
    api = api_as(role).get(f"/api/v1/clusters/{cluster.slug}/vacancy-board/", {"page_size": 200})
    assert api.status_code == page.status_code, role
    if page.status_code == 200:
        from educluster.workforce.selectors import board_vacancies

        ids = {row["id"] for row in api.json()["results"]}
        assert ids == set(board_vacancies(cluster).values_list("id", flat=True))


@pytest.mark.parametrize("kind", ["labs", "activities", "projects", "materials", "vacancies"])
def test_it_hides_every_object_from_the_outsider(kind, api_as, cast, cluster):
    ids = _expected(kind, cast["admin"], cluster)
    assert ids, kind
    client = api_as("outsider")
    for pk in sorted(ids)[:5]:
        assert client.get(f"/api/v1/{kind}/{pk}/").status_code == 404
    first = sorted(ids)[0]
    assert api_as("admin").get(f"/api/v1/{kind}/{first}/").status_code == 200
