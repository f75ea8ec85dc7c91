"""Plan against reality: the forecast's quotas against contracts signed and graduates placed."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from educluster.accounts.models import Person
from educluster.placements.models import TargetedContract
from educluster.registry.models import District, Institution
from educluster.workforce import plan
from educluster.workforce.models import ForecastRun, Subject
from educluster.workforce.selectors import Area

EVERYWHERE = Area(all_districts=True)


def _contract(cluster, district, subject, year, **fields) -> TargetedContract:
    department = Institution.objects.get(code="CHDPI-TSA")
    person = Person.objects.create(full_name=f"Sinov Talaba {year}", institution=department)
    return TargetedContract.objects.create(
        cluster=cluster,
        person=person,
        district=district,
        subject=subject,
        admission_year=year,
        **fields,
    )


def _row(result, district_code, subject_code, year):
    (row,) = [
        r
        for r in result.rows
        if r.district.code == district_code
        and (r.subject.code if r.subject else None) == subject_code
        and r.year == year
    ]
    return row


@pytest.fixture
def base_run(cluster):
    return ForecastRun.objects.get(cluster=cluster, scenario__is_base=True)


def test_it_defaults_to_the_published_forecast(cluster, base_run):
    assert base_run.is_published
    assert plan.plan_run(cluster) == base_run


def test_it_compares_the_quota_with_contracts_signed_and_graduates_placed(cluster, base_run):
    parkent = District.objects.get(code="parkent")
    music = Subject.objects.get(code="music")
    year = base_run.base_year + 1
    cell = base_run.cells.get(district=parkent, subject=music, year=year)
    cell.quota = 3.4  # shown as 3: the gap is counted in whole admissions
    cell.save()
    _contract(cluster, parkent, music, year)
    _contract(cluster, parkent, music, year, status=TargetedContract.Status.RELEASED)
    school = Institution.objects.filter(district=parkent, kind="general_school").first()
    _contract(
        cluster,
        parkent,
        music,
        year,
        status=TargetedContract.Status.WORKING,
        work_institution=school,
        work_started_on=date(year + 4, 9, 1),
    )
    result = plan.quota_plan(cluster=cluster, run=base_run, area=EVERYWHERE, year=year)
    row = _row(result, "parkent", "music", year)
    assert (row.recommended, row.signed, row.placed, row.released) == (3.4, 3, 1, 1)
    assert row.gap == 0  # 3 signed against round(3.4) = 3
    assert row.to_place == 1  # the released one is not waited for


def test_it_lists_contracts_of_years_the_forecast_does_not_plan(cluster, base_run):
    """The demo's older cohorts were admitted before the forecast's base year: they appear
    with no recommendation and no gap, and subject-less contracts get a row of their own."""
    boka = District.objects.get(code="boka")
    _contract(cluster, boka, None, 2019)
    result = plan.quota_plan(cluster=cluster, run=base_run, area=EVERYWHERE)
    row = _row(result, "boka", None, 2019)
    assert row.recommended is None and row.gap is None and row.signed == 1
    older = _row(result, "boka", "fine_arts", base_run.base_year - 2)
    assert older.recommended is None and older.signed >= 1
    assert result.totals["signed"] >= result.totals["signed_planned"]


def test_it_cuts_the_plan_to_the_readers_area(client_as, cluster):
    """The head of a Chirchiq school sees Chirchiq's plan only."""
    response = client_as("head").get(reverse("workforce:quota_plan", args=[cluster.slug]))
    assert response.status_code == 200
    assert {r.district.code for r in response.context["plan"].rows} == {"chirchiq"}
    everything = client_as("analyst").get(reverse("workforce:quota_plan", args=[cluster.slug]))
    assert len({r.district.code for r in everything.context["plan"].rows}) == 4


def test_it_filters_by_district_subject_year_and_run(client_as, cluster, base_run):
    parkent = District.objects.get(code="parkent")
    fine_arts = Subject.objects.get(code="fine_arts")
    other = ForecastRun.objects.filter(cluster=cluster, status="done").exclude(pk=base_run.pk)[0]
    response = client_as("coordinator").get(
        reverse("workforce:quota_plan", args=[cluster.slug]),
        {"run": other.pk, "district": parkent.pk, "subject": fine_arts.pk, "year": 2026},
    )
    result = response.context["plan"]
    assert result.run == other
    assert [(r.district.code, r.subject.code, r.year) for r in result.rows] == [
        ("parkent", "fine_arts", 2026)
    ]


def test_it_shows_the_demo_admissions_of_this_year_against_the_plan(client_as, cluster):
    cast_user = client_as("coordinator")
    response = cast_user.get(reverse("workforce:quota_plan", args=[cluster.slug]), {"year": 2026})
    body = response.content.decode()
    assert 'id="plan-table"' in body
    row = _row(response.context["plan"], "boka", "fine_arts", 2026)
    assert row.signed == 2 and row.recommended is not None


def test_it_exports_the_rows_on_screen(client_as, cluster, cast):
    cast["coordinator"].preferred_language = "en"
    cast["coordinator"].save()
    url = reverse("workforce:quota_plan_export", args=[cluster.slug])
    response = client_as("coordinator").get(url, {"year": 2026})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == (
        "District",
        "Subject",
        "Admission year",
        "Recommended admissions",
        "Contracts signed",
    )
    name = District.objects.get(code="boka").name_en
    boka = [r for r in rows[1:] if r[0] == name and r[2] == 2026 and r[4] == 2]
    assert len(boka) == 1


def test_it_runs_a_constant_number_of_queries(client_as, cluster):
    url = reverse("workforce:quota_plan", args=[cluster.slug])
    client = client_as("coordinator")
    client.get(url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    music = Subject.objects.get(code="music")
    for i, district in enumerate(District.objects.filter(code__in=["parkent", "qibray"])):
        for year in range(2000, 2012):
            _contract(cluster, district, music if i else None, year)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(response.context["plan"].rows) >= 24
    assert len(large) == len(small)
