"""A stored date survives an unchanged save of every registry edit form, in all three languages.

The browser refuses a date input whose value is not ISO (yyyy-MM-dd): a localised value shows an
empty field, and saving then stored no date (issue 16). The shared widgets in ``core.forms``
render ISO whatever the page's language.
"""

import datetime

import pytest
from django.urls import reverse

from educluster.conftest import SLUG, login
from educluster.registry.models import Cluster, Membership

pytestmark = pytest.mark.browser

FOUNDED = datetime.date(2019, 4, 23)
STARTED = datetime.date(2020, 9, 2)
ENDS = datetime.date(2031, 6, 30)


def _switch(page, language: str) -> None:
    page.select_option("#language-select", language)
    page.click("form.langswitch button")
    page.wait_for_selector(f"html[lang={language}]")


def _save_unchanged(page, url: str, fields: list[str]) -> None:
    page.goto(page.base_url + url)
    for name in fields:
        value = page.input_value(f"input[name={name}]")
        assert value and len(value) == 10 and value[4] == "-", (url, name, value)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert not page.locator(".errorlist").count(), page.inner_text("main")


def test_it_keeps_stored_dates_when_edit_forms_are_saved_unchanged(browser_page):
    cluster = Cluster.objects.get(slug=SLUG)
    Cluster.objects.filter(pk=cluster.pk).update(founded_on=FOUNDED)
    membership = Membership.objects.filter(cluster=cluster).order_by("pk").first()
    Membership.objects.filter(pk=membership.pk).update(start_date=STARTED, end_date=ENDS)
    forms = [
        (reverse("registry:cluster_edit", args=[SLUG]), ["founded_on"]),
        (
            reverse("registry:membership_edit", args=[SLUG, membership.pk]),
            ["start_date", "end_date"],
        ),
    ]
    page = browser_page
    login(page, "coordinator")
    page.wait_for_selector("h1")
    for language in ("uz", "ru", "en"):
        _switch(page, language)
        for url, fields in forms:
            _save_unchanged(page, url, fields)
        cluster.refresh_from_db()
        membership.refresh_from_db()
        assert cluster.founded_on == FOUNDED, language
        assert (membership.start_date, membership.end_date) == (STARTED, ENDS), language
