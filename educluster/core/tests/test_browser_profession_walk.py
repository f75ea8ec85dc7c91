"""In Chromium, the "Done when" walk of the profession and cluster-life modules (#14).

The coordinator creates a seminar; the mentor (a school teacher) registers and checks in from a
360 px phone page; the coordinator closes the attendance; the mentor downloads the certificate
(a PDF with their name) and an anonymous visitor verifies it by its code, while a forged code is
refused; the head's school requests a service of the department, the department's faculty
member accepts and delivers it, and the head confirms and rates it from a phone page; the
council records a decision whose due date has passed and it shows as overdue.
"""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from educluster.accounts.models import Person
from educluster.conftest import SLUG, login
from educluster.council.models import Decision, Meeting
from educluster.development.models import Certificate, DevelopmentEvent
from educluster.market.models import Service, ServiceRequest
from educluster.registry.models import Cluster, Institution

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1200, "height": 900}
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"
TITLE = "Brauzer sinovi: raqamli rangtasvir seminari"


def _fits_phone(page, what: str) -> None:
    assert page.evaluate(SCROLL_WIDTH) <= PHONE["width"], f"{what} scrolls sideways on a phone"


def _as(page, username: str, viewport=DESK) -> None:
    page.context.clear_cookies()
    page.set_viewport_size(viewport)
    login(page, username)
    page.wait_for_selector("h1")


def _development(page, cluster: Cluster) -> None:
    department = cluster.lead_institution
    mentor = Person.objects.get(user__username="mentor")

    # The organiser creates the seminar.
    _as(page, "coordinator")
    page.goto(page.base_url + reverse("development:list", args=[cluster.slug]))
    page.click("#event-create")
    page.wait_for_selector("form.form")
    start = timezone.localtime().replace(second=0, microsecond=0) + timedelta(hours=1)
    page.select_option("select[name=kind]", DevelopmentEvent.Kind.SEMINAR)
    page.fill("input[name=title]", TITLE)
    page.select_option("select[name=organiser]", str(department.pk))
    page.fill("input[name=starts_at]", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=ends_at]", (start + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=place]", "ChDPI, 2-bino")
    page.fill("input[name=hours]", "4")
    page.fill("input[name=capacity]", "25")
    page.click("#save")
    page.wait_for_selector("#attendance-close")
    event = DevelopmentEvent.objects.get(title=TITLE)
    event_url = page.base_url + event.get_absolute_url()
    checkin_url = page.get_attribute("#checkin-link", "href")
    assert checkin_url

    # The teacher registers and checks in from a phone.
    _as(page, "mentor", PHONE)
    page.goto(event_url)
    _fits_phone(page, "the event page")
    page.click("#register")
    page.wait_for_selector("#my-registration")
    page.goto(checkin_url)
    page.wait_for_selector("#checkin-done")
    _fits_phone(page, "the check-in page")
    registration = event.registrations.get(person=mentor)
    assert registration.attended and registration.checked_in_at is not None

    # The organiser closes the attendance: the certificate is issued.
    _as(page, "coordinator")
    page.goto(event_url)
    page.click("#attendance-close")
    page.wait_for_selector("#attendance-state")
    assert not page.locator("#attendance-close").count()
    certificate = Certificate.objects.get(registration=registration)

    # The teacher downloads the certificate: a PDF with their name.
    _as(page, "mentor", PHONE)
    page.goto(event_url)
    _fits_phone(page, "the event page with the certificate")
    with page.expect_download() as info:
        page.click("#my-certificate")
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert mentor.full_name.split()[0] in text
    assert certificate.code in text

    # An anonymous visitor verifies the code; a forged one is refused.
    page.context.clear_cookies()
    response = page.goto(page.base_url + reverse("development:verify"))
    assert response is not None and response.status == 200
    page.fill("input[name=code]", certificate.code.lower())
    page.click("#verify")
    page.wait_for_selector("#verify-result")
    shown = page.inner_text("#verify-result")
    assert mentor.full_name in shown and TITLE in shown
    assert mentor.institution.name not in shown  # name, event, hours and date only
    first = "Y" if certificate.code[0] == "X" else "X"
    forged = first + certificate.code[1:]
    response = page.goto(page.base_url + reverse("development:verify_code", args=[forged]))
    assert response is not None and response.status == 404
    assert page.locator("#verify-unknown").is_visible()
    assert not page.locator("#verify-result").count()


def _market(page, cluster: Cluster) -> None:
    school = Institution.objects.get(code="CHR-SCH-3")
    department = cluster.lead_institution
    service = (
        Service.objects.filter(cluster=cluster, provider=department, is_active=True)
        .exclude(requests__requester=school)
        .order_by("pk")
        .first()
    )
    assert service is not None

    # The school's head requests the service from a phone.
    _as(page, "head", PHONE)
    page.goto(page.base_url + service.get_absolute_url())
    _fits_phone(page, "the service page")
    page.select_option("#request-form select[name=requester]", str(school.pk))
    page.fill("#request-form textarea[name=message]", "Brauzer sinovi: 12 oʻqituvchi uchun")
    wanted = timezone.localdate() + timedelta(days=14)
    page.fill("#request-form input[name=wanted_date]", wanted.isoformat())
    page.click("#send-request")
    page.wait_for_selector("#service-requests")
    row = ServiceRequest.objects.get(service=service, requester=school)
    assert row.status == ServiceRequest.Status.REQUESTED and row.wanted_date == wanted

    # The university accepts and delivers.
    _as(page, "faculty")
    page.goto(page.base_url + reverse("market:requests", args=[cluster.slug, department.pk]))
    page.click(f"#accept-{row.pk}")
    page.wait_for_selector(f"#request-{row.pk}[data-status=accepted]")
    page.click(f"#deliver-{row.pk}")
    page.wait_for_selector(f"#request-{row.pk}[data-status=delivered]")

    # The school confirms and rates, from a phone.
    _as(page, "head", PHONE)
    page.goto(page.base_url + reverse("market:requests", args=[cluster.slug, school.pk]))
    _fits_phone(page, "the school's requests page")
    form = page.locator(f"#confirm-{row.pk}")
    form.locator("select[name=rating]").select_option("4")
    form.locator("textarea[name=comment]").fill("Foydali va amaliy mashgʻulot")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"#request-{row.pk}[data-status=confirmed]")
    _fits_phone(page, "the school's requests page after confirming")
    row.refresh_from_db()
    assert row.status == ServiceRequest.Status.CONFIRMED and row.rating == 4


def _council(page, cluster: Cluster) -> None:
    school = Institution.objects.get(code="CHR-SCH-3")
    meeting = Meeting.objects.filter(cluster=cluster).order_by("date").first()
    assert meeting is not None
    _as(page, "coordinator")
    page.goto(page.base_url + meeting.get_absolute_url())
    yesterday = timezone.localdate() - timedelta(days=1)
    page.fill("#decision-form textarea[name=text]", "Brauzer sinovi: hisobot topshirish")
    page.select_option("#decision-form select[name=responsible]", str(school.pk))
    page.fill("#decision-form input[name=due_date]", yesterday.isoformat())
    page.click("#decision-form button[type=submit]")
    page.wait_for_selector("h1")
    decision = Decision.objects.get(text="Brauzer sinovi: hisobot topshirish")
    assert decision.due_date == yesterday and decision.done_at is None
    row = page.locator(f"#decision-{decision.pk}")
    assert "decision-overdue" in (row.get_attribute("class") or "")
    assert row.locator(".state-overdue").is_visible()

    # The responsible school's head sees it overdue too, on a phone.
    _as(page, "head", PHONE)
    response = page.goto(page.base_url + decision.get_absolute_url())
    assert response is not None and response.status == 200
    _fits_phone(page, "the decision page")


def test_it_walks_development_market_and_council(browser_page):
    page = browser_page
    cluster = Cluster.objects.get(slug=SLUG)
    _development(page, cluster)
    _market(page, cluster)
    _council(page, cluster)
