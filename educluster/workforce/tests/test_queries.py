"""List pages run a constant number of SQL queries whatever the data size."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from educluster.registry.models import District, Institution, Language
from educluster.workforce import services
from educluster.workforce.models import (
    PupilCount,
    Scenario,
    ScenarioOverride,
    Subject,
)


def _grow(cluster, actor, n: int) -> None:
    school = Institution.objects.get(code="CHR-SCH-3")
    music, fine_arts = Subject.objects.get(code="music"), Subject.objects.get(code="fine_arts")
    uz = Language.objects.get(code="uz")
    for i in range(n):
        position = services.position_create(
            actor=actor,
            institution=school,
            code=f"X-{i}",
            subject=music if i % 2 else fine_arts,
            language=uz,
            weekly_hours=Decimal(9),
            load_fraction=Decimal("0.5"),
        )
        if i % 3:
            services.staff_add(
                actor=actor,
                position=position,
                qualification_category="first",
                specialty=fine_arts,
                age_band="40-44",
                start_date=date(2020, 9, 2),
            )
        else:
            services.vacancy_open(actor=actor, position=position, language=uz)
        scenario = services.scenario_save(
            actor=actor,
            scenario=Scenario(cluster=cluster, name=f"S{i}"),
            overrides=[
                ScenarioOverride(field="attrition", op="scale", value=Decimal("1.1")),
                ScenarioOverride(field="hours", op="add", value=1, subject=music),
            ],
        )
        services.graduate_upsert(
            actor=actor,
            cluster=cluster,
            specialty=music,
            year=2000 + i,
            graduates=10,
            employment_rate=Decimal("0.5"),
        )
        del scenario
    district = District.objects.get(code="bekobod-tumani")  # no demo rows there
    PupilCount.objects.bulk_create(
        PupilCount(
            cluster=cluster, district=district, year=2010 + i, grade=1, language=uz, pupils=100
        )
        for i in range(n)
    )
    base = Scenario.objects.get(cluster=cluster, is_base=True)
    for seed in range(3):
        services.forecast_run_start(
            actor=None,
            cluster=cluster,
            scenario=base,
            horizon=2,
            draws=100,
            seed=seed,
            enqueue=False,
        )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


PAGES = [
    ("coordinator", "workforce:overview"),
    ("coordinator", "workforce:positions"),
    ("head", "workforce:positions"),
    ("coordinator", "workforce:vacancies"),
    ("student", "workforce:board"),
    ("coordinator", "workforce:reference"),
    ("analyst", "workforce:pupils"),
    ("analyst", "workforce:scenarios"),
    ("analyst", "workforce:runs"),
    ("analyst", "workforce:forecast"),
    ("analyst", "workforce:compare"),
]


@pytest.mark.parametrize(("who", "page"), PAGES)
def test_it_runs_the_same_number_of_queries_for_more_data(who, page, client_as, cluster, cast):
    client = client_as(who)
    url = reverse(page, args=[cluster.slug])
    before = _count(client, url)
    _grow(cluster, cast["coordinator"], 24)
    assert _count(client, url) == before
