"""List pages run a constant number of SQL queries whatever the data size."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from educluster.accounts.models import Person
from educluster.schoollabs import services
from educluster.schoollabs.models import Activity, PracticeLog, StudyGroup, Wave


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(cluster, lab, study, actor, n: int) -> None:
    students = Person.objects.filter(kind="student", lab_placements__isnull=True)[:2]
    lab.capacity_per_term = 50
    lab.save()
    term = cluster.lab_terms.first()
    teacher = lab.school_coordinator
    for i in range(n):
        services.activity_save(
            actor=actor,
            activity=Activity(
                lab=lab, kind="club_session", topic=f"Toʻgarak {i}", date=date(2026, 10, 1 + i % 28)
            ),
            faculty=[lab.supervisor],
            students=list(students),
            teachers=[teacher],
            class_counts=[(f"{5 + i % 4}-A", 20)],
        )
    for student in Person.objects.filter(kind="student", lab_placements__isnull=True)[: n // 3]:
        placement = services.placement_create(
            actor=actor, lab=lab, term=term, student=student, mentor=teacher
        )
        PracticeLog.objects.create(
            placement=placement,
            date=date(2026, 10, 5),
            hours=Decimal(2),
            description="x",
        )
    group = study.groups.get(arm=StudyGroup.Arm.EXPERIMENTAL)
    services.results_save(
        actor=None,
        study=study,
        rows=[
            services.ResultRow(f"GROW-{i:03d}", group, Wave.PRE, [3, 3, 3, 3, 3]) for i in range(n)
        ],
    )
    for i in range(n // 3):
        services.pupil_data_logged(actor=actor, study=study, action="view_results", detail=str(i))


@pytest.mark.parametrize(
    ("page", "by"),
    [
        ("schoollabs:labs", "slug"),
        ("schoollabs:activities", "slug"),
        ("schoollabs:calendar", "slug"),
        ("schoollabs:practice", "slug"),
        ("schoollabs:studies", "slug"),
        ("schoollabs:access_log", "slug"),
        ("schoollabs:instruments", "slug"),
        ("schoollabs:lab", "lab"),
        ("schoollabs:results", "study"),
        ("schoollabs:study", "study"),
        ("schoollabs:placement", "placement"),
    ],
)
def test_it_runs_the_same_number_of_queries_for_more_data(
    page, by, client_as, cluster, cast, lab_chr, study, chr_placement
):
    client = client_as("coordinator")
    arg = {
        "slug": cluster.slug,
        "lab": lab_chr.pk,
        "study": study.pk,
        "placement": chr_placement.pk,
    }[by]
    url = reverse(page, args=[arg])
    if page == "schoollabs:calendar":
        url += "?month=2026-10"
    # Every list starts non-empty: an empty page skips its row query.
    services.pupil_data_logged(actor=cast["coordinator"], study=study, action="view_results")
    client.get(url)  # warm the per-process caches (content types, permissions)
    before = _count(client, url)
    _grow(cluster, lab_chr, study, cast["coordinator"], 30)
    for n in range(5):
        PracticeLog.objects.create(
            placement=chr_placement, date=date(2026, 10, 10 + n), hours=Decimal(1), description="y"
        )
    assert _count(client, url) == before
