"""Every list endpoint runs a constant number of SQL queries, whatever the number of rows."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from educluster.accounts.models import Person
from educluster.agreements.models import (
    Agreement,
    AgreementParty,
    EvidenceFile,
    FulfilmentReport,
    Obligation,
    Occurrence,
)
from educluster.materials.models import Material
from educluster.projects.models import Project
from educluster.registry.models import Goal, Indicator, Institution, Membership
from educluster.schoollabs.models import Activity
from educluster.workforce.models import Position, Vacancy


def _grow(cluster, agreement, cast, n):
    """n more rows behind every list: agreements with parties, occurrences with reports and
    evidence, members, goals with indicators."""
    institutions = Institution.objects.bulk_create(
        Institution(
            name=f"Grown {n}-{i}", kind="general_school", district=cluster.lead_institution.district
        )
        for i in range(n)
    )
    Membership.objects.bulk_create(Membership(cluster=cluster, institution=i) for i in institutions)
    agreements = Agreement.objects.bulk_create(
        Agreement(
            cluster=cluster,
            number=f"G{n}-{i}",
            title="grown",
            valid_from=agreement.valid_from,
            valid_to=agreement.valid_to,
        )
        for i in range(n)
    )
    parties = AgreementParty.objects.bulk_create(
        AgreementParty(agreement=a, institution=i)
        for a, i in zip(agreements, institutions, strict=True)
    )
    leads = AgreementParty.objects.bulk_create(
        AgreementParty(agreement=a, institution=cluster.lead_institution) for a in agreements
    )
    Obligation.objects.bulk_create(
        Obligation(
            agreement=a,
            party=p,
            counterpart=c,
            area="research",
            description="grown",
            due_date=a.valid_from,
            target_value=Decimal(1),
            target_unit="x",
            responsible=Person.objects.filter(institution=cluster.lead_institution).first(),
        )
        for a, p, c in zip(agreements, parties, leads, strict=True)
    )
    for a in agreements:
        a.goals.set(cluster.goals.all()[:2])
    obligation = agreement.obligations.first()
    last = obligation.occurrences.order_by("-due_date").first().due_date
    occurrences = Occurrence.objects.bulk_create(
        Occurrence(obligation=obligation, due_date=last + timedelta(days=1 + i + n * 100))
        for i in range(n)
    )
    reports = FulfilmentReport.objects.bulk_create(
        FulfilmentReport(
            occurrence=o,
            value_achieved=Decimal(1),
            text="grown",
            submitted_by=cast["head"],
            decided_by=cast["coordinator"],
            decision="confirmed",
        )
        for o in occurrences
    )
    EvidenceFile.objects.bulk_create(
        EvidenceFile(report=r, file="agreements/evidence/x.pdf", original_name="x.pdf")
        for r in reports
    )
    goals = Goal.objects.bulk_create(
        Goal(cluster=cluster, number=100 + n + i, title="grown") for i in range(n)
    )
    Indicator.objects.bulk_create(
        Indicator(goal=g, name="grown", target_value=Decimal(1)) for g in goals for _ in range(2)
    )


def _clone(queryset, n, **changes):
    """n copies of the first row (new primary keys), with ``changes`` applied per copy index."""
    first = queryset.first()
    copies = []
    for i in range(n):
        copy = type(first).objects.get(pk=first.pk)
        copy.pk = None
        copy.id = None
        for name, make in changes.items():
            setattr(copy, name, make(i))
        copies.append(copy)
    type(first).objects.bulk_create(copies)


def _grow_domains(cluster, n):
    stamp = f"{n}-{Activity.objects.count()}"
    _clone(Activity.objects.filter(cluster=cluster), n, topic=lambda i: f"grown {stamp}-{i}")
    _clone(Project.objects.filter(cluster=cluster), n, title=lambda i: f"grown {stamp}-{i}")
    _clone(
        Material.objects.filter(cluster=cluster, status="published"),
        n,
        title=lambda i: f"grown {stamp}-{i}",
    )
    vacancy = Vacancy.objects.filter(status="open").select_related("position").first()
    for i in range(n):
        position = Position.objects.get(pk=vacancy.position_id)
        position.pk = position.id = None
        position.code = f"G{stamp}-{i}"
        position.save()
        copy = Vacancy.objects.get(pk=vacancy.pk)
        copy.pk = copy.id = None
        copy.position = position
        copy.save()


DOMAIN_URLS = [
    "/api/v1/labs/",
    "/api/v1/activities/",
    "/api/v1/projects/",
    "/api/v1/materials/",
    "/api/v1/vacancies/",
    "/api/v1/clusters/{slug}/vacancy-board/",
    "/api/v1/clusters/{slug}/terms/",
    "/api/v1/clusters/{slug}/positions/",
]


@pytest.mark.parametrize("url", DOMAIN_URLS)
def test_it_runs_constant_queries_per_domain_list(url, api_as, cluster):
    client = api_as("admin")
    url = url.format(slug=cluster.slug)
    client.get("/api/v1/clusters/")
    _grow_domains(cluster, 2)
    small, _rows = _count(client, url)
    _grow_domains(cluster, 8)
    large, _rows = _count(client, url)
    assert small == large, url


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": 200})
    assert response.status_code == 200, response.content
    return len(captured), response.json()["count"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/clusters/",
        "/api/v1/clusters/{slug}/members/",
        "/api/v1/clusters/{slug}/goals/",
        "/api/v1/indicators/",
        "/api/v1/agreements/",
        "/api/v1/agreements/{agreement}/events/",
        "/api/v1/obligations/",
        "/api/v1/occurrences/",
        "/api/v1/reports/",
    ],
)
def test_it_runs_constant_queries_per_list(url, api_as, cluster, agreement, cast):
    client = api_as("coordinator")
    url = url.format(slug=cluster.slug, agreement=agreement.pk)
    client.get("/api/v1/clusters/")  # the token's first use records its time (one UPDATE)
    _grow(cluster, agreement, cast, 2)
    small, small_rows = _count(client, url)
    _grow(cluster, agreement, cast, 8)
    large, large_rows = _count(client, url)
    if "events" not in url and not url.endswith("/v1/clusters/"):
        assert large_rows > small_rows, url
    assert small == large, url
