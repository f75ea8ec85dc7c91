"""In Chromium: the head's council pages fit a 360 px phone, and the coordinator records a
decision whose past due date shows it as overdue at once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from educluster.conftest import SLUG, login
from educluster.council.models import Decision, Meeting, WorkPlan
from educluster.registry.models import Cluster, Institution

pytestmark = pytest.mark.browser

WIDE = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_it_fits_the_council_on_a_phone_and_records_an_overdue_decision(browser_page):
    page = browser_page
    cluster = Cluster.objects.get(slug=SLUG)
    school = Institution.objects.get(code="CHR-SCH-3")
    meeting = Meeting.objects.filter(cluster=cluster).order_by("date").first()
    assert meeting is not None
    decision = Decision.objects.filter(responsible=school, done_at__isnull=True).first()
    assert decision is not None
    plan = WorkPlan.objects.get(cluster=cluster)

    page.set_viewport_size({"width": 360, "height": 740})
    login(page, "head")
    page.wait_for_selector("h1")
    for url in [
        reverse("council:council", args=[cluster.slug]),
        meeting.get_absolute_url(),
        decision.get_absolute_url(),
        plan.get_absolute_url(),
    ]:
        response = page.goto(page.base_url + url)
        assert response is not None and response.status == 200, url
        assert page.evaluate(WIDE) <= 0, f"{url} scrolls sideways"
    page.goto(page.base_url + decision.get_absolute_url())
    assert page.locator("#done-form button[type=submit]").is_visible()

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1200, "height": 900})
    login(page, "coordinator")
    page.wait_for_selector("h1")
    page.goto(page.base_url + meeting.get_absolute_url())
    yesterday = timezone.localdate() - timedelta(days=1)
    page.fill("#decision-form textarea[name=text]", "Brauzer sinovi: koʻrgazma")
    page.select_option("#decision-form select[name=responsible]", str(school.pk))
    page.fill("#decision-form input[name=due_date]", yesterday.isoformat())
    page.click("#decision-form button[type=submit]")
    page.wait_for_selector(".notice, .messages, h1")
    recorded = Decision.objects.get(text="Brauzer sinovi: koʻrgazma")
    row = page.locator(f"#decision-{recorded.pk}")
    assert row.get_attribute("class") == "decision-overdue"
    assert row.locator(".state-overdue").is_visible()
