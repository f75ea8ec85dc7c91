"""On a phone (360 × 740, Chromium) a head reads the cluster page, its own member page with
the trend chart and the "why?" trace, and the coordinator starts a recomputation: every page
fits the width (tables scroll inside themselves)."""

import pytest

from educluster.accounts.models import Role, RoleAssignment
from educluster.conftest import SLUG, login

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 360, 740


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url} is {width} px wide"


def test_it_fits_a_phone_for_the_head_and_the_coordinator(browser_page):
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    school = RoleAssignment.objects.get(user__username="head", role=Role.MEMBER_HEAD).institution
    login(page, "head")
    page.wait_for_selector("h1")
    page.goto(f"{page.base_url}/clusters/{SLUG}/effectiveness/")
    page.wait_for_selector("#cluster-index")
    _fits(page)
    page.goto(f"{page.base_url}/clusters/{SLUG}/effectiveness/members/{school.pk}/")
    page.wait_for_selector("#member-indicators")
    assert page.locator("svg.wf-chart").count() == 1
    _fits(page)
    page.click("#member-index a")
    page.wait_for_selector("#trace")
    _fits(page)

    page.context.clear_cookies()
    login(page, "coordinator")
    page.wait_for_selector("h1")
    page.goto(f"{page.base_url}/clusters/{SLUG}/effectiveness/")
    _fits(page)
    assert page.locator("#recompute").count() == 1
