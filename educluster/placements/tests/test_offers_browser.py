"""A head on a phone (360 × 740, Chromium) offers practice seats, changes and withdraws them;
no page of the way scrolls sideways."""

from datetime import timedelta

import pytest
from django.utils import timezone

from educluster.accounts.models import Person, Role, RoleAssignment
from educluster.conftest import SLUG, login
from educluster.placements.models import SeatOffer
from educluster.registry.models import Cluster
from educluster.schoollabs.models import Term

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 360, 740


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url} is {width} px wide"


def _click(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def test_it_lets_a_head_offer_seats_on_a_phone(browser_page):
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    cluster = Cluster.objects.get(slug=SLUG)
    school = RoleAssignment.objects.get(user__username="head", role=Role.MEMBER_HEAD).institution
    assert school is not None
    today = timezone.localdate()
    term = Term.objects.create(
        cluster=cluster,
        name="Telefon semestri",
        start_date=today + timedelta(days=20),
        end_date=today + timedelta(days=110),
    )
    mentor = Person.objects.create(
        full_name="Telefon Mentor Oʻqituvchi", kind="teacher", institution=school
    )

    login(page, "head")
    page.wait_for_selector("h1")
    page.goto(page.base_url + school.get_absolute_url())
    _fits(page)
    _click(page, "#seat-offers-link a")
    _fits(page)
    _click(page, "#offer-new")
    _fits(page)
    page.select_option("select[name=term]", str(term.pk))
    page.fill("input[name=subject]", "Tasviriy sanʼat")
    page.fill("input[name=seats]", "3")
    page.select_option("select[name=mentor]", str(mentor.pk))
    page.fill("textarea[name=note]", "Seshanba kunlari")
    button = page.locator("#offer-form button[type=submit]")
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    with page.expect_navigation():
        button.click()
    offer = SeatOffer.objects.get(institution=school, term=term)
    assert (offer.seats, offer.mentor_id, offer.subject) == (3, mentor.pk, "Tasviriy sanʼat")
    page.wait_for_selector("#offer-facts")
    _fits(page)

    _click(page, "#offer-edit")
    page.fill("input[name=seats]", "5")
    _click(page, "#offer-form button[type=submit]")
    offer.refresh_from_db()
    assert offer.seats == 5
    _fits(page)

    _click(page, "#offer-withdraw button")
    assert not SeatOffer.objects.filter(pk=offer.pk).exists()
    page.wait_for_selector("#offer-list")
    _fits(page)
