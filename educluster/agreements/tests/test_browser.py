"""End to end in Chromium: report with evidence → dispute → answer → confirm → compliance."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from educluster.accounts.models import User
from educluster.agreements import services
from educluster.conftest import login
from educluster.registry.management.commands.seed_demo import SLUG
from educluster.registry.models import Cluster, Institution

pytestmark = pytest.mark.browser
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _occurrence():
    coordinator = User.objects.get(username="coordinator")
    cluster = Cluster.objects.get(slug=SLUG)
    inst = {i.code: i for i in Institution.objects.filter(code__in=["CHDPI-TSA", "CHR-SCH-3"])}
    today = timezone.localdate()
    agreement = services.agreement_create(
        actor=coordinator,
        cluster=cluster,
        parties=[inst["CHDPI-TSA"], inst["CHR-SCH-3"]],
        number="B-1",
        title="Browser agreement",
        valid_from=today - timedelta(days=60),
        valid_to=today + timedelta(days=300),
    )
    obligation = services.obligation_create(
        actor=coordinator,
        agreement=agreement,
        party=agreement.parties.get(institution__code="CHR-SCH-3"),
        counterpart=agreement.parties.get(institution__code="CHDPI-TSA"),
        area="practice_employment",
        description="Host eight trainees",
        recurrence="once",
        due_date=today - timedelta(days=1),
        target_value=Decimal(8),
        target_unit="students",
    )
    services.agreement_transition(
        actor=coordinator, agreement=agreement, to="signed", signed_on=today - timedelta(days=61)
    )
    services.agreement_transition(actor=coordinator, agreement=agreement, to="active")
    return obligation.occurrences.get()


def _logout(page):
    page.context.clear_cookies()


def test_it_runs_mutual_control_in_the_browser(browser_page, tmp_path):
    page = browser_page
    occurrence = _occurrence()
    url = page.base_url + occurrence.get_absolute_url()
    evidence = tmp_path / "buyruq.pdf"
    evidence.write_bytes(PDF_BYTES)

    login(page, "head")
    page.wait_for_selector("#my-obligations")
    assert "Host eight trainees" in page.inner_text("#my-obligations")
    page.goto(url)
    page.fill("#report-form input[name=value_achieved]", "5")
    page.fill("#report-form textarea[name=text]", "5 nafar talaba qabul qilindi")
    page.set_input_files("#report-form input[name=evidence]", str(evidence))
    page.click("#report-form button[type=submit]")
    page.wait_for_selector(".report")
    assert "buyruq.pdf" in page.inner_text(".report")

    _logout(page)
    login(page, "coordinator")
    page.goto(url)
    page.select_option("select[name=decision]", "dispute")
    page.fill("textarea[name=comment]", "Shartnomada 8 nafar")
    page.click(".report form button[type=submit]")
    page.wait_for_selector(".decision-disputed")

    _logout(page)
    login(page, "head")
    page.goto(url)
    page.fill("#report-form input[name=value_achieved]", "8")
    page.fill("#report-form textarea[name=text]", "Yana 3 nafar talaba qabul qilindi")
    page.click("#report-form button[type=submit]")
    page.wait_for_selector("#report-form", state="detached")

    _logout(page)
    login(page, "coordinator")
    page.goto(url)
    page.select_option("select[name=decision]", "confirm")
    page.click(".report:last-of-type form button[type=submit]")
    page.wait_for_selector("#occurrence-state .state-confirmed")

    page.goto(page.base_url + f"/clusters/{SLUG}/compliance/")
    row = page.locator("#compliance-agreements tr", has_text="B-1")
    cells = row.locator("td").all_inner_texts()
    assert cells[1:4] == ["1", "1", "0%"]  # due 1, confirmed 1 (late: after the due date)
    assert cells[6] == "0"  # no longer overdue
    assert cells[7] == "1"  # one dispute raised
