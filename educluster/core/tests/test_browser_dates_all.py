"""A stored date survives an unchanged save of the edit forms of every domain, in all three
languages (issue 16; the registry's own forms are in registry/tests/test_browser_dates.py).

Each form is opened in Chromium, its date and date-time inputs must show the stored value in
ISO form (the browser empties anything else), it is saved as it is, and the row's dates must be
the same afterwards.
"""

import pytest
from django.db import models
from django.urls import reverse

from educluster.agreements.models import Agreement, Obligation
from educluster.conftest import SLUG, login
from educluster.placements.models import PlacementRound, TargetedContract
from educluster.projects.models import Milestone, Project
from educluster.schoollabs.models import Activity, Term
from educluster.workforce.models import StaffRecord, Vacancy

pytestmark = pytest.mark.browser

READ_DATES = """() => Array.from(document.querySelectorAll(
  'main form input[type=date], main form input[type=datetime-local]'
)).map(el => [el.name, el.value])"""


def _switch(page, language: str) -> None:
    page.select_option("#language-select", language)
    page.click("form.langswitch button")
    page.wait_for_selector(f"html[lang={language}]")


def _dates(obj: models.Model) -> dict[str, object]:
    """The row's stored dates, date-times to the minute (a datetime-local input has no seconds)."""
    out: dict[str, object] = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(field, models.DateTimeField) and value is not None:
            out[field.name] = value.replace(second=0, microsecond=0)
        elif isinstance(field, models.DateField) and value is not None:
            out[field.name] = value
    return out


def _forms():
    agreement = Agreement.objects.filter(signed_on__isnull=False).order_by("pk").first()
    obligation = Obligation.objects.filter(due_date__isnull=False).order_by("pk").first()
    term = Term.objects.order_by("pk").first()
    activity = Activity.objects.order_by("pk").first()
    project = Project.objects.filter(status="running").order_by("pk").first()
    milestone = Milestone.objects.filter(project__status="running").order_by("pk").first()
    rnd = PlacementRound.objects.filter(status="draft").order_by("pk").first() or (
        PlacementRound.objects.order_by("pk").first()
    )
    contract = TargetedContract.objects.filter(work_started_on__isnull=False).first()
    staff = StaffRecord.objects.filter(end_date__isnull=True).order_by("pk").first()
    vacancy = Vacancy.objects.filter(status="open").order_by("pk").first()
    cases = [
        (reverse("agreements:edit", args=[agreement.pk]), agreement),
        (
            reverse("agreements:obligation_edit", args=[obligation.agreement_id, obligation.pk]),
            obligation,
        ),
        (reverse("schoollabs:term_edit", args=[SLUG, term.pk]), term),
        (reverse("schoollabs:activity_edit", args=[activity.pk]), activity),
        (reverse("projects:edit", args=[project.pk]), project),
        (reverse("projects:milestone_edit", args=[milestone.project_id, milestone.pk]), milestone),
        (reverse("placements:round_edit", args=[rnd.pk]), rnd),
        (reverse("placements:contract_edit", args=[contract.pk]), contract),
        (reverse("workforce:staff_edit", args=[staff.pk]), staff),
        (reverse("workforce:vacancy_edit", args=[vacancy.pk]), vacancy),
    ]
    return cases


def test_it_keeps_stored_dates_on_every_domains_edit_form(browser_page):
    page = browser_page
    forms = _forms()
    before = {url: _dates(obj) for url, obj in forms}
    login(page, "admin")
    page.wait_for_selector("h1")
    for language in ("uz", "ru", "en"):
        _switch(page, language)
        for url, obj in forms:
            page.goto(page.base_url + url)
            shown = dict(page.evaluate(READ_DATES))
            assert shown, (url, "no date input")
            for name, value in shown.items():
                if before[url].get(name) is not None:
                    assert value and value[4] == "-", (language, url, name, value)
            page.click("main form button[type=submit]")
            page.wait_for_load_state()
            assert not page.locator(".errorlist").count(), (language, url, page.inner_text("main"))
            obj.refresh_from_db()
            after = _dates(obj)
            for name in shown:
                assert after.get(name) == before[url].get(name), (language, url, name)
