"""Forecast runs: the adapter from reference inputs to the engine, background runs with
progress, engine errors as sentences naming the row and field, and reproducibility."""

import copy
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from educluster.engines.forecast import ForecastInputError
from educluster.registry.models import District
from educluster.workforce import services
from educluster.workforce.forecasting.compute import cells, compute, forecast_input
from educluster.workforce.forecasting.messages import FIELD_LABELS, explain
from educluster.workforce.forecasting.snapshot import build_snapshot
from educluster.workforce.forecasting.version import code_version
from educluster.workforce.models import (
    CurriculumHours,
    ForecastCell,
    ForecastRun,
    Scenario,
    ScenarioOverride,
    StaffRecord,
    Subject,
)


def _district(code: str) -> str:
    return District.objects.get(code=code).name


def _subject(code: str) -> str:
    return Subject.objects.get(code=code).name


@pytest.fixture
def base(cluster):
    return Scenario.objects.get(cluster=cluster, is_base=True)


def test_it_reads_the_reference_inputs_into_a_snapshot(cluster, base):
    snapshot = build_snapshot(cluster=cluster, scenario=base, horizon=5, draws=100, seed=1)
    assert snapshot["base_year"] == 2026
    assert snapshot["districts"] == ["boka", "chirchiq", "parkent", "qibray"]
    assert snapshot["subjects"] == ["fine_arts", "music", "technical_drawing", "technology"]
    promotion = snapshot["pupils"]["promotion"]
    assert all(0 <= p <= 1 for row in promotion for p in row)
    assert 0.7 < promotion[0][8] < 0.8  # many leave after grade 9
    # Teachers in post: current records at member general schools, in full-time posts.
    held = StaffRecord.objects.filter(
        end_date__isnull=True, position__institution__kind="general_school"
    ).select_related("position")
    total = sum(float(r.position.load_fraction) for r in held)
    staff = snapshot["supply"]["staff"]
    assert sum(x for d in staff for s in d for x in s) == pytest.approx(total)
    assert snapshot["demand"]["hours"][5][0] == 1.0  # fine arts, grade 6
    assert forecast_input(snapshot).dims()["age_band"] == 10


def test_it_runs_a_forecast_in_the_background_from_the_page(
    client_as, cluster, base, django_capture_on_commit_callbacks
):
    client = client_as("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workforce:run_start", args=[cluster.slug]),
            {"scenario": base.pk, "horizon": 6, "draws": 100, "seed": 11},
        )
    assert response.status_code == 302
    run = ForecastRun.objects.get(cluster=cluster, horizon=6)
    assert run.status == ForecastRun.Status.DONE and run.progress == 100
    assert run.cells.count() == 7 * 4 * 4
    assert run.code_version == code_version()
    page = client.get(response["Location"])
    body = page.content.decode()
    assert 'id="fan-charts"' in body and 'id="quota-table"' in body
    assert "<svg" in body and ' style="' not in body.split('id="fan-charts"')[1][:20000]
    progress = client.get(response["Location"], {"progress": 1}, headers={"HX-Request": "true"})
    assert progress["HX-Refresh"] == "true"


def test_it_shows_progress_while_a_run_waits(client_as, cluster, base):
    run = services.forecast_run_start(
        actor=None, cluster=cluster, scenario=base, horizon=3, draws=100, seed=3, enqueue=False
    )
    client = client_as("analyst")
    url = reverse("workforce:run", args=[cluster.slug, run.pk])
    assert 'id="run-progress"' in client.get(url).content.decode()
    partial = client.get(url, {"progress": 1}, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in partial.content.decode() and "HX-Refresh" not in partial
    services.forecast_run_execute(run_id=run.pk)
    services.forecast_run_execute(run_id=run.pk)  # a second delivery of the task does nothing
    assert ForecastCell.objects.filter(run=run).count() == 4 * 4 * 4


def test_it_explains_a_scenario_that_breaks_a_rate(client_as, cluster):
    scenario = services.scenario_save(
        actor=None,
        scenario=Scenario(cluster=cluster, name="Mass exodus"),
        overrides=[ScenarioOverride(field="attrition", op="scale", value=Decimal(40))],
    )
    with pytest.raises(ValidationError) as error:
        services.forecast_run_start(
            actor=None, cluster=cluster, scenario=scenario, horizon=5, draws=100
        )
    message = error.value.messages[0]
    # The field, the row (district, subject, age band) and the scenario at fault.
    assert str(FIELD_LABELS["attrition"]) in message
    assert _district("boka") in message and _subject("fine_arts") in message
    assert "20–24" in message and "Mass exodus" in message
    assert not ForecastRun.objects.filter(scenario=scenario).exists()
    response = client_as("coordinator").post(
        reverse("workforce:run_start", args=[cluster.slug]),
        {"scenario": scenario.pk, "horizon": 5, "draws": 100},
    )
    assert response.status_code == 200
    assert escape(message) in response.content.decode()


def test_it_names_row_and_field_of_bad_numbers(cluster, base):
    snapshot = build_snapshot(cluster=cluster, scenario=base, horizon=5, draws=100, seed=1)
    bad = copy.deepcopy(snapshot)
    bad["pupils"]["base_pupils"][2][4] = -5
    with pytest.raises(ForecastInputError) as error:
        forecast_input(bad)
    message = explain(error.value)
    assert str(FIELD_LABELS["base_pupils"]) in message and _district("parkent") in message
    assert "5" in message.split(_district("parkent"))[1]
    bad = copy.deepcopy(snapshot)
    bad["supply"]["employment_rate"][1][3] = 1.3
    with pytest.raises(ForecastInputError) as error:
        forecast_input(bad)
    message = explain(error.value)
    assert str(FIELD_LABELS["employment_rate"]) in message
    assert _district("chirchiq") in message and _subject("technology") in message
    bad = copy.deepcopy(snapshot)
    bad["demand"]["hours"][0][1] = float("nan")
    with pytest.raises(ForecastInputError) as error:
        forecast_input(bad)
    message = explain(error.value)
    assert str(FIELD_LABELS["hours"]) in message and _subject("music") in message


def test_it_fails_a_run_whose_snapshot_is_bad_and_stores_nothing(cluster, base):
    run = services.forecast_run_start(
        actor=None, cluster=cluster, scenario=base, horizon=3, draws=100, seed=3, enqueue=False
    )
    snapshot = copy.deepcopy(run.input_snapshot)
    snapshot["quota"]["completion_rate"] = 2.0
    ForecastRun.objects.filter(pk=run.pk).update(input_snapshot=snapshot)
    run = services.forecast_run_execute(run_id=run.pk)
    assert run.status == ForecastRun.Status.FAILED
    assert str(FIELD_LABELS["completion_rate"]) in run.message
    assert _district("boka") in run.message and _subject("fine_arts") in run.message
    assert not run.cells.exists()


def test_it_refuses_to_run_without_a_curriculum(cluster, base):
    CurriculumHours.objects.filter(cluster=cluster).delete()
    with pytest.raises(ValidationError) as error:
        services.forecast_run_start(
            actor=None, cluster=cluster, scenario=base, horizon=5, draws=100
        )
    assert error.value.messages[0]


def test_it_reproduces_a_stored_run_from_its_snapshot(cluster, base):
    """Re-running the stored input snapshot gives the stored results, to the last bit."""
    run = ForecastRun.objects.get(cluster=cluster, scenario=base)
    assert run.code_version == code_version()
    # The reference inputs change after the run; the snapshot does not.
    StaffRecord.objects.update(age_band="60-64")
    stored = {
        (c.year, c.district.code, c.subject.code): c
        for c in run.cells.select_related("district", "subject")
    }
    again = list(cells(compute(run.input_snapshot)))
    assert len(again) == len(stored)
    for row in again:
        cell = stored[(row["year"], row["district"], row["subject"])]
        for name, value in row.items():
            if name not in ("year", "district", "subject"):
                assert getattr(cell, name) == value, (name, row)


def test_it_publishes_and_withdraws_a_run(client_as, cluster, base):
    run = ForecastRun.objects.get(cluster=cluster, scenario__name__contains="+1")
    client = client_as("coordinator")
    url = reverse("workforce:run_publish", args=[cluster.slug, run.pk])
    client.post(url, {"publish": "1"})
    run.refresh_from_db()
    assert run.is_published and run.published_at
    client.post(url, {"publish": "0"})
    run.refresh_from_db()
    assert not run.is_published
    assert run.history.filter(is_published=True).exists()


def test_it_compares_scenarios(client_as, cluster):
    response = client_as("analyst").get(reverse("workforce:compare", args=[cluster.slug]))
    assert response.status_code == 200
    totals = response.context["totals"]
    assert next(t[0].scenario_name for t in totals) == "Asosiy ssenariy"
    by_name = {run.scenario_name: need for run, _gap, need, _q in totals}
    # One more weekly hour of fine arts needs more teachers than the base.
    assert by_name["Tasviriy sanʼatga +1 soat (5–7-sinflar)"] > by_name["Asosiy ssenariy"]
    assert 'id="compare-table"' in response.content.decode()


def test_it_saves_a_scenario_with_overrides_and_checks_them(client_as, cluster):
    client = client_as("coordinator")
    url = reverse("workforce:scenario_create", args=[cluster.slug])
    data = {
        "name": "Smaller classes",
        "description": "",
        "overrides-TOTAL_FORMS": "2",
        "overrides-INITIAL_FORMS": "0",
        "overrides-MIN_NUM_FORMS": "0",
        "overrides-MAX_NUM_FORMS": "1000",
        "overrides-0-field": "max_class_size",
        "overrides-0-op": "set",
        "overrides-0-value": "25",
        "overrides-1-field": "attrition",
        "overrides-1-op": "scale",
        "overrides-1-value": "1.2",
        "overrides-1-grade_from": "5",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["formset"].forms[1].errors["grade_from"]
    data["overrides-1-grade_from"] = ""
    assert client.post(url, data).status_code == 302
    scenario = Scenario.objects.get(cluster=cluster, name="Smaller classes")
    assert scenario.overrides.count() == 2
