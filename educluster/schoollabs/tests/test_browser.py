"""End to end in a real Chromium: a trainee logs hours, the mentor approves them, the
coordinator reads the study's effect; a results import with one bad row."""

import re

import pytest
from openpyxl import Workbook, load_workbook

from educluster.conftest import login
from educluster.schoollabs.models import Placement, PracticeLog, PupilResult, Study

pytestmark = pytest.mark.browser


def _switch_user(page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)
    page.wait_for_selector("h1")


def test_it_logs_hours_gets_them_approved_and_shows_the_study_effect(browser_page):
    page = browser_page
    placement = Placement.objects.get(student__user__username="student")
    study = Study.objects.get(code="RASM-2026")

    login(page, "student")
    page.wait_for_selector("h1")
    page.goto(page.base_url + "/practice/mine/")
    page.click(f"#record-rows a[href='/placements/{placement.pk}/']")
    page.click("#log-hours")
    page.fill("#id_date", "2026-11-18")
    page.fill("#id_hours", "3")
    page.fill("#id_description", "“Galereya sayri” usulida 6-A sinfda dars oʻtkazdim")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#hour-rows")
    log = PracticeLog.objects.get(placement=placement, date="2026-11-18")
    row = f"#log-{log.pk}"
    assert page.get_attribute(row, "data-status") == "submitted"
    assert "Galereya sayri" in page.inner_text(row)

    _switch_user(page, "mentor")
    page.goto(page.base_url + f"/placements/{placement.pk}/")
    page.click(f"{row} button[value=approve]")
    page.wait_for_selector(f"{row}[data-status=approved]")
    log.refresh_from_db()
    assert log.status == "approved" and log.decided_by.username == "mentor"

    _switch_user(page, "coordinator")
    page.goto(page.base_url + f"/clusters/{study.cluster.slug}/studies/")
    page.click(f"#study-rows a[href='/studies/{study.pk}/']")
    page.click("#open-report")
    page.wait_for_selector("#did")
    estimate = page.inner_text("#did tbody td:nth-child(2)")
    interval = page.inner_text("#did tbody td:nth-child(4)")
    assert re.fullmatch(r"3[.,]\d\d", estimate), estimate  # the simulated effect: 3 points
    low, high = (float(x.replace(",", ".")) for x in re.findall(r"-?\d+[.,]\d+", interval))
    assert 0 < low < 3 < high
    assert page.is_visible("#chart-distribution svg") and page.is_visible("#chart-means svg")
    assert page.inner_text("#interpretation").count(interval.strip("[]").split(";")[0]) >= 1


def _filled(template_path, rows, out_path) -> str:
    headers = [c.value for c in load_workbook(template_path).worksheets[0][1]]
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(out_path)
    return str(out_path)


def test_it_imports_results_and_shows_the_bad_row(browser_page, tmp_path):
    page = browser_page
    study = Study.objects.get(code="RASM-2026")
    login(page, "faculty")
    page.wait_for_selector("h1")
    page.goto(page.base_url + f"/studies/{study.pk}/")
    page.click(f"a[href='/imports/clusters/{study.cluster.slug}/pupil-results/']")
    with page.expect_download() as download:
        page.click("a[href$='template.xlsx']")
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)

    good = ["RASM-2026", "post", "E1", "CH3A-401", "m", 2015, "2026-11-20", 4, 4, 3, 5, 4]
    bad = ["RASM-2026", "post", "E1", "Aziza Karimova", "f", 2015, "2026-11-20", 3, 3, 3, 3, 3]
    page.set_input_files("input[type=file]", _filled(template, [good, bad], tmp_path / "a.xlsx"))
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#import-errors")
    errors = page.inner_text("#import-errors")
    assert "3" in errors and "Aziza Karimova" in errors
    assert not PupilResult.objects.filter(pupil__code="CH3A-401").exists()

    bad[3] = "CH3A-402"
    page.set_input_files("input[type=file]", _filled(template, [good, bad], tmp_path / "b.xlsx"))
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#import-preview")
    page.click("form[action$='/confirm/'] button")
    page.wait_for_selector(".notice.success")
    assert PupilResult.objects.filter(pupil__code__in=["CH3A-401", "CH3A-402"]).count() == 2
