"""End to end in a real Chromium: a student ranks hosts with the up/down buttons (and by
dragging), the coordinator closes, runs, reviews and publishes, and the student reads the
result with its explanation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from educluster.accounts.models import Person, User
from educluster.conftest import SLUG, login
from educluster.placements import services
from educluster.placements.models import Applicant, Assignment, Host, PlacementRound
from educluster.registry.models import Cluster, Institution

pytestmark = pytest.mark.browser


def _round() -> PlacementRound:
    coordinator = User.objects.get(username="coordinator")
    rnd = services.round_create(
        actor=coordinator,
        cluster=Cluster.objects.get(slug=SLUG),
        kind=PlacementRound.Kind.PRACTICE,
        title="Brauzer sinovi",
        preference_deadline=timezone.now() + timedelta(hours=1),
        check_subject=False,
        check_language=False,
    )
    hosts = {}
    for code in ("CHR-SCH-3", "PAR-SCH-1", "BOK-SCH-4"):
        hosts[code] = services.host_save(
            actor=coordinator,
            host=Host(round=rnd, institution=Institution.objects.get(code=code), capacity=1),
        )
    me = Person.objects.get(user__username="student")
    better = list(
        Person.objects.filter(
            kind="student", institution__code="CHDPI-TSA", targeted_contracts__isnull=True
        )
        .exclude(pk=me.pk)
        .order_by("pk")[:2]
    )
    services.applicants_add(actor=coordinator, round=rnd, people=[me, *better])
    Applicant.objects.filter(round=rnd, person=me).update(grade_average="3.50")
    Applicant.objects.filter(round=rnd, person__in=better).update(grade_average="4.90")
    services.round_open(actor=coordinator, round=rnd)
    for person, code in zip(better, ("BOK-SCH-4", "CHR-SCH-3"), strict=True):
        services.preferences_set(
            actor=coordinator,
            applicant=Applicant.objects.get(round=rnd, person=person),
            host_ids=[hosts[code].pk],
        )
    return rnd


def _click(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def _order(page) -> list[str]:
    return [t.split()[0] for t in page.locator("#my-list li .rank-name").all_inner_texts()]


def test_it_ranks_runs_publishes_and_explains(browser_page):
    page = browser_page
    rnd = _round()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    login(page, "student")
    page.wait_for_selector("h1")
    page.goto(f"{page.base_url}/rounds/{rnd.pk}/my-list/")
    for name in ("3-maktab", "1-maktab", "4-maktab"):
        _click(page, page.locator("#available-hosts li", has_text=name).locator("button"))
    assert _order(page) == ["3-maktab", "1-maktab", "4-maktab"]
    for _i in range(2):
        _click(page, page.locator("#my-list li", has_text="4-maktab").locator("button.move-up"))
    assert _order(page) == ["4-maktab", "3-maktab", "1-maktab"]
    _click(page, page.locator("#my-list li", has_text="3-maktab").locator("button.move-down"))
    assert _order(page) == ["4-maktab", "1-maktab", "3-maktab"]
    # Drag to reorder (the small script of the app; no inline script, CSP intact).
    with page.expect_navigation():
        page.drag_and_drop("#my-list li:nth-child(3)", "#my-list li:nth-child(2)")
    assert _order(page) == ["4-maktab", "3-maktab", "1-maktab"]
    assert not [e for e in errors if "Content Security Policy" in e], errors

    # The common deadline passes.
    PlacementRound.objects.filter(pk=rnd.pk).update(
        preference_deadline=timezone.now() - timedelta(minutes=1)
    )
    page.context.clear_cookies()
    login(page, "coordinator")
    page.wait_for_selector("h1")
    page.goto(f"{page.base_url}/rounds/{rnd.pk}/")
    _click(page, page.locator("#close-round"))
    _click(page, page.locator("#run-round"))
    page.wait_for_selector("#review-round")
    assert page.locator("#round-statistics").is_visible()
    _click(page, page.locator("#review-round"))
    deadline = timezone.localtime(timezone.now() + timedelta(days=3))
    page.fill("input[name=response_deadline]", deadline.strftime("%Y-%m-%dT%H:%M"))
    _click(page, page.locator("#publish-round"))
    rnd.refresh_from_db()
    assert rnd.status == PlacementRound.Status.PUBLISHED

    page.context.clear_cookies()
    login(page, "student")
    page.wait_for_selector("h1")
    page.goto(f"{page.base_url}/rounds/{rnd.pk}/my-result/")
    summary = page.inner_text("#result-summary")
    assert "1-maktab" in summary and "3" in summary
    rows = page.locator("#explanation tbody tr")
    assert rows.count() == 2
    first = rows.nth(0).inner_text()
    assert "4-maktab" in first and "2" in first and "1" in first  # your rank 2, cut-off 1
    mine = Assignment.objects.get(round=rnd, applicant__person__user__username="student")
    assert mine.host.institution.code == "PAR-SCH-1" and mine.choice_position == 3
    assert [e["reason"] for e in mine.explanation] == ["below_cutoff", "below_cutoff"]
