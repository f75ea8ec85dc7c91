"""Heads, mentors and students on a phone: every page they use at 360 × 740 in Chromium, with
no horizontal scroll of the page and the main actions on screen. One browser session."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from educluster.accounts.models import Person, Role, RoleAssignment, User
from educluster.agreements.selectors import waiting_for
from educluster.conftest import SLUG, login
from educluster.core.navigation import tab_groups
from educluster.pathways.models import Learner
from educluster.placements.home import seat_offer_url
from educluster.placements.models import Applicant, Host
from educluster.registry.models import Cluster
from educluster.schoollabs.models import Activity, Placement, PracticeLog, SchoolLab

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 360, 740

# What is drawn outside the screen, and how wide the page is (the page must not scroll sideways).
MEASURE = """(selectors) => {
  const out = {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, missing: []};
  for (const selector of selectors) {
    const el = document.querySelector(selector);
    if (!el) { out.missing.push(selector + ' (absent)'); continue; }
    el.scrollIntoView({block: 'center', inline: 'nearest'});
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const shown = box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
    if (!shown || box.left < -1 || box.right > window.innerWidth + 1) {
      out.missing.push(selector + ` (${Math.round(box.left)}..${Math.round(box.right)})`);
    }
  }
  return out;
}"""


def _tab_urls(username: str, cluster: Cluster) -> list[str]:
    user = User.objects.get(username=username)
    return [url for group in tab_groups(user, cluster) for _key, _label, url in group.tabs]


def _pages(cluster: Cluster) -> dict[str, list[tuple[str, list[str]]]]:
    """(url, selectors of the main actions) per account."""
    placement = Placement.objects.select_related("lab").get(student__user__username="student")
    # Something for the mentor to approve on the phone.
    PracticeLog.objects.create(
        placement=placement,
        date=placement.term.start_date + timedelta(days=1),
        hours=Decimal(2),
        description="Telefon sinovi",
    )
    common = [(reverse("home"), []), (reverse("accounts:me"), ["#preferences button"])]
    student = [
        *common,
        (placement.get_absolute_url(), ["#log-hours"]),
        (reverse("schoollabs:hours_create", args=[placement.pk]), ["form.form button"]),
        (reverse("schoollabs:my_practice"), []),
        (reverse("schoollabs:lab", args=[placement.lab_id]), []),
        (reverse("schoollabs:calendar", args=[cluster.slug]), []),
    ]
    for applicant in Applicant.objects.filter(person__user__username="student").select_related(
        "round"
    ):
        student.append((reverse("placements:my_preferences", args=[applicant.round_id]), []))
        if applicant.round.has_result:
            student.append((reverse("placements:my_result", args=[applicant.round_id]), []))
        student.append((applicant.round.get_absolute_url(), []))
    student.append((reverse("schoollabs:trainee", args=[placement.student_id]), []))
    for learner in Learner.objects.filter(person__user__username="student")[:1]:
        student.append((reverse("pathways:learner", args=[learner.pk]), []))
    for activity in Activity.objects.filter(lab=placement.lab).order_by("-date")[:1]:
        student.append((reverse("schoollabs:activity", args=[activity.pk]), []))
    student += [(url, []) for url in _tab_urls("student", cluster)]

    mentor = [
        *common,
        (placement.get_absolute_url(), ["#hour-rows button[value=approve]"]),
        (reverse("schoollabs:evaluation", args=[placement.pk]), ["form button[type=submit]"]),
        (reverse("schoollabs:lab", args=[placement.lab_id]), []),
    ]
    mentor.append((reverse("schoollabs:trainee", args=[placement.student_id]), []))
    mentor += [(url, []) for url in _tab_urls("mentor", cluster)]

    head_user = User.objects.get(username="head")
    school = RoleAssignment.objects.get(user=head_user, role=Role.MEMBER_HEAD).institution
    assert school is not None
    head = [
        *common,
        (school.get_absolute_url(), []),
        (reverse("registry:institutions", args=[cluster.slug]), []),
    ]
    waiting = waiting_for(head_user)
    for report in waiting.to_confirm[:1]:
        head.append((report.occurrence.get_absolute_url(), ["form button[type=submit]"]))
        head.append((report.occurrence.obligation.agreement.get_absolute_url(), []))
    for occurrence in waiting.my_obligations[:1]:
        head.append((occurrence.get_absolute_url(), ["#report-form button[type=submit]"]))
    for host in Host.objects.filter(institution=school).select_related("round")[:2]:
        head.append((host.get_absolute_url(), []))
    head.append((seat_offer_url(cluster.slug), []))  # the seat offers (or the rounds until then)
    for lab in SchoolLab.objects.filter(host=school)[:1]:
        head.append((reverse("schoollabs:lab", args=[lab.pk]), []))
    for person in Person.objects.filter(institution=school)[:1]:
        head.append((person.get_absolute_url(), []))
    head.append((reverse("workforce:quota_plan", args=[cluster.slug]), ["#plan-filter button"]))
    head += [(url, []) for url in _tab_urls("head", cluster)]
    return {"student": student, "mentor": mentor, "head": head}


def test_it_fits_every_page_of_heads_mentors_and_students_on_a_phone(browser_page):
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    cluster = Cluster.objects.get(slug=SLUG)
    problems: list[str] = []
    visited = 0
    for username, pages in _pages(cluster).items():
        page.context.clear_cookies()
        login(page, username)
        page.wait_for_selector("h1")
        wanted: dict[str, list[str]] = {}  # each page once, in order, with all its actions
        for url, actions in pages:
            wanted.setdefault(url, []).extend(actions)
        for url, actions in wanted.items():
            response = page.goto(page.base_url + url)
            assert response is not None
            if response.status != 200:
                problems.append(f"{username} {url}: HTTP {response.status}")
                continue
            visited += 1
            found = page.evaluate(MEASURE, ["main h1", *actions])
            if found["scroll"] > found["inner"]:
                problems.append(f"{username} {url}: page is {found['scroll']} px wide")
            problems += [f"{username} {url}: {what} not on screen" for what in found["missing"]]
    assert not problems, "\n".join(problems)
    assert visited >= 30


def test_it_folds_the_cluster_menu_on_a_phone_without_script(browser_page):
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    login(page, "student")
    page.wait_for_selector("h1")
    page.goto(page.base_url + reverse("schoollabs:practice", args=[SLUG]))
    assert not page.is_visible("#tab-groups")
    assert page.is_visible(".tab-list")  # the current domain's tabs stay in reach
    page.click("label[for=nav-toggle]")
    assert page.is_visible("#tab-groups")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(page.base_url + reverse("schoollabs:practice", args=[SLUG]))
    assert page.is_visible("#tab-groups") and not page.is_visible("label[for=nav-toggle]")
