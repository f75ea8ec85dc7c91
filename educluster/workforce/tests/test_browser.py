"""End to end in a real Chromium: a coordinator runs a forecast and watches it finish; a
student reads the vacancy board."""

import pytest

from educluster.conftest import login
from educluster.workforce import services
from educluster.workforce.models import ForecastRun, Scenario

pytestmark = pytest.mark.browser

SLUG = "tasviriy-sanat-chirchiq"


def test_it_runs_a_forecast_and_shows_the_fan_chart_and_quotas(browser_page, settings):
    # The worker is a separate process in production: here nothing runs the task until the
    # test does, so the page really waits on its progress indicator.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    page = browser_page
    login(page, "coordinator")
    page.wait_for_selector("h1")
    page.goto(f"{page.base_url}/clusters/{SLUG}/workforce/forecast/runs/")
    scenario = Scenario.objects.get(name__contains="+1 soat")
    page.select_option("#run-form select[name=scenario]", str(scenario.pk))
    page.fill("#run-form input[name=horizon]", "8")
    page.fill("#run-form input[name=draws]", "300")
    page.fill("#run-form input[name=seed]", "42")
    page.click("#run-form button[type=submit]")
    page.wait_for_selector("#run-progress progress")
    run = ForecastRun.objects.get(horizon=8, seed=42)
    assert run.status == ForecastRun.Status.QUEUED

    services.forecast_run_execute(run_id=run.pk)  # what the worker does

    page.wait_for_selector("#fan-charts svg", timeout=20_000)
    assert page.locator("#fan-charts svg").count() == 2
    rows = page.locator("#quota-table tbody tr")
    assert rows.count() == 9  # base year and eight projection years
    assert "2026" in rows.first.inner_text()
    page.select_option("#id_district", label="Parkent tumani")
    page.click("#result-filter button[type=submit]")
    page.wait_for_selector("#quota-table")
    assert "Parkent tumani" in page.inner_text("main h2")


def test_it_shows_a_student_the_vacancy_board(browser_page):
    page = browser_page
    login(page, "student")
    page.wait_for_selector("h1")
    page.goto(f"{page.base_url}/clusters/{SLUG}/workforce/vacancy-board/")
    page.wait_for_selector("#vacancy-table")
    table = page.inner_text("#vacancy-table")
    assert "Parkent tumani" in table and "Tasviriy sanʼat" in table
    page.select_option("#id_subject", label="Musiqa madaniyati")
    page.wait_for_function(
        "() => !document.querySelector('#vacancy-table').innerText.includes('Tasviriy')"
    )
    assert "Musiqa madaniyati" in page.inner_text("#vacancy-table")
    page.click("#vacancy-table a >> nth=0")
    page.wait_for_selector("dl.facts")
    assert "Musiqa madaniyati" in page.inner_text("dl.facts")
