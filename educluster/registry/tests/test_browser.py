"""End to end in a real Chromium: the coordinator's first session with EduCluster."""

import pytest
from openpyxl import Workbook, load_workbook

from educluster.conftest import login
from educluster.registry.models import Institution

pytestmark = pytest.mark.browser


def _filled_template(template_path: str, rows: list[list[object]], out_path) -> str:
    headers = [c.value for c in load_workbook(template_path).worksheets[0][1]]
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(out_path)
    return str(out_path)


def test_it_logs_in_switches_language_and_searches(browser_page):
    page = browser_page
    login(page, "coordinator")
    page.click(".card h2 a")  # home lists the coordinator's clusters and obligations
    page.wait_for_selector("nav.tabs")
    assert "Tasviriy sanʼat" in page.inner_text("h1")
    assert "Umumiy maʼlumot" in page.inner_text("nav.tabs")

    page.select_option("#language-select", "ru")
    page.click("form.langswitch button")
    page.wait_for_selector("html[lang=ru]")
    assert "Учреждения" in page.inner_text("nav.tabs")

    page.click("nav.tabs >> text=Учреждения")
    page.fill("#id_q", "Parkent")
    page.wait_for_function(
        "() => !document.querySelector('#institution-rows').innerText.includes('Chirchiq shahar 3')"
    )
    rows = page.inner_text("#institution-rows")
    assert "Parkent tumani 12-sonli" in rows and "Chirchiq shahar 3-sonli" not in rows
    assert "q=Parkent" in page.url  # the search is in the address, so it can be shared

    page.select_option("#language-select", "uz")
    page.click("form.langswitch button")
    page.wait_for_selector("html[lang=uz]")
    assert "Muassasalar" in page.inner_text("nav.tabs")


def test_it_imports_institutions_with_a_bad_row_then_fixed(browser_page, tmp_path):
    page = browser_page
    login(page, "coordinator")
    page.wait_for_selector("h1")
    page.goto(page.base_url + "/imports/clusters/tasviriy-sanat-chirchiq/institutions/")
    with page.expect_download() as download:
        page.click("text=XLSX")
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)

    good = ["PAR-SCH-41", "Parkent tumani 41-sonli maktab", "", "general_school", "parkent"]
    bad = ["QIB-SCH-42", "Qibray tumani 42-sonli maktab", "", "general_school", "Atlantis"]
    page.set_input_files(
        "input[type=file]", _filled_template(template, [good, bad], tmp_path / "a.xlsx")
    )
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#import-errors")
    errors = page.inner_text("#import-errors")
    assert "3" in errors and "Tuman" in errors and "Atlantis" in errors
    assert not Institution.objects.filter(code="PAR-SCH-41").exists()

    bad[4] = "qibray"
    page.set_input_files(
        "input[type=file]", _filled_template(template, [good, bad], tmp_path / "b.xlsx")
    )
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#import-preview")
    assert "Qibray tumani 42-sonli maktab" in page.inner_text("#import-preview")
    page.click("text=Yuklashni tasdiqlash")
    page.wait_for_selector(".notice.success")
    assert Institution.objects.filter(code__in=["PAR-SCH-41", "QIB-SCH-42"]).count() == 2
