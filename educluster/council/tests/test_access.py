"""Every council page as each role of the cast, and as an outsider (404)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from educluster.council.models import Decision
from educluster.council.tests.support import decision_of, head_school, meeting, plan

pytestmark = pytest.mark.django_db

READERS = ["coordinator", "head", "analyst", "admin"]
HIDDEN = ["faculty", "student", "mentor", "outsider"]


def _urls(cluster) -> list[str]:
    m = meeting(cluster)
    d = decision_of(head_school())
    return [
        reverse("council:council", args=[cluster.slug]),
        reverse("council:meeting", args=[m.pk]),
        reverse("council:meeting_history", args=[m.pk]),
        reverse("council:minutes_docx", args=[m.pk]),
        reverse("council:minutes_pdf", args=[m.pk]),
        reverse("council:decision", args=[d.pk]),
        reverse("council:decision_history", args=[d.pk]),
        reverse("council:plan", args=[plan(cluster).pk]),
    ]


@pytest.mark.parametrize("name", READERS)
def test_it_shows_every_council_page_to_its_readers(cluster, client_as, name):
    client = client_as(name)
    for url in _urls(cluster):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("name", HIDDEN)
def test_it_hides_every_council_page_from_others(cluster, client_as, name):
    client = client_as(name)
    for url in _urls(cluster):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("name", HIDDEN)
def test_it_hides_the_forms_posts_from_others(cluster, client_as, name):
    client = client_as(name)
    m = meeting(cluster)
    d = decision_of(head_school())
    for url in [
        reverse("council:decision_create", args=[m.pk]),
        reverse("council:meeting_minutes", args=[m.pk]),
        reverse("council:decision_done", args=[d.pk]),
        reverse("council:plan_item_create", args=[plan(cluster).pk]),
        reverse("council:meeting_create", args=[cluster.slug]),
    ]:
        assert client.post(url, {}).status_code == 404, url


def test_it_asks_anonymous_users_to_sign_in(cluster, client_as):
    response = client_as("anonymous").get(reverse("council:council", args=[cluster.slug]))
    assert response.status_code == 302


def test_it_lets_the_coordinator_record_a_decision_through_the_form(cluster, client_as):
    m = meeting(cluster)
    school = head_school()
    url = reverse("council:decision_create", args=[m.pk])
    due = timezone.localdate() - timezone.timedelta(days=1)
    response = client_as("coordinator").post(
        url, {"text": "Koʻrgazma oʻtkazish", "responsible": school.pk, "due_date": due.isoformat()}
    )
    assert response.status_code == 302
    d = Decision.objects.get(text="Koʻrgazma oʻtkazish")
    page = client_as("coordinator").get(reverse("council:council", args=[cluster.slug]))
    assert f'id="decision-{d.pk}" class="decision-overdue"' in page.content.decode()
    overdue = client_as("head").get(
        reverse("council:council", args=[cluster.slug]) + "?status=overdue"
    )
    assert "Koʻrgazma oʻtkazish" in overdue.content.decode()
    done = client_as("head").get(reverse("council:council", args=[cluster.slug]) + "?status=done")
    assert "Koʻrgazma oʻtkazish" not in done.content.decode()


def test_it_refuses_the_decision_form_to_a_head_and_names_bad_fields(cluster, client_as):
    m = meeting(cluster)
    url = reverse("council:decision_create", args=[m.pk])
    assert client_as("head").post(url, {}).status_code == 403
    response = client_as("coordinator").post(
        url, {"text": "x", "responsible": head_school().pk, "due_date": "2000-01-01"}
    )
    assert response.status_code == 400
    assert response.context["decision_form"].errors["due_date"]
    assert not Decision.objects.filter(text="x").exists()


def test_it_lets_the_responsible_head_mark_done_and_no_other_head(cluster, client_as):
    d = decision_of(head_school())
    d.done_at = None
    d.save()
    url = reverse("council:decision_done", args=[d.pk])
    page = client_as("head").get(reverse("council:decision", args=[d.pk]))
    assert 'id="done-form"' in page.content.decode()
    other = Decision.objects.exclude(responsible=head_school()).filter(done_at__isnull=True).first()
    assert (
        client_as("head")
        .post(reverse("council:decision_done", args=[other.pk]), {"done_note": "x"})
        .status_code
        == 403
    )
    assert client_as("head").post(url, {"done_note": ""}).status_code == 400
    assert client_as("head").post(url, {"done_note": "Bajarildi"}).status_code == 302
    d.refresh_from_db()
    assert d.done_at is not None


def test_it_shows_open_and_overdue_decisions_on_the_home_page(cluster, client_as):
    for name in ["coordinator", "head"]:
        page = client_as(name).get(reverse("home")).content.decode()
        assert 'id="home-council"' in page
    overdue = Decision.objects.overdue().get(meeting__cluster=cluster)
    coordinator_home = client_as("coordinator").get(reverse("home")).content.decode()
    assert overdue.get_absolute_url() in coordinator_home
    assert 'id="home-council"' not in client_as("faculty").get(reverse("home")).content.decode()


def test_it_shows_the_plan_by_month_with_members_and_goals(cluster, client_as):
    page = client_as("head").get(reverse("council:plan", args=[plan(cluster).pk])).content
    text = page.decode()
    assert 'id="month-2026-09"' in text and 'id="month-2027-06"' in text
    assert "Maktab-laboratoriyalarda ochiq darslar haftaligi" in text


def test_it_shows_the_council_tab_in_the_community_group(cluster, cast):
    from educluster.core.navigation import tab_groups

    groups = {g.key: [t[0] for t in g.tabs] for g in tab_groups(cast["head"], cluster)}
    assert "council" in groups["community"]
    faculty = {g.key: [t[0] for t in g.tabs] for g in tab_groups(cast["faculty"], cluster)}
    assert "council" not in faculty.get("community", [])
