"""The pages' forms: each change through the page, and each refusal shown with nothing
changed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from educluster.placements import services
from educluster.placements.models import Assignment, Host, PlacementRound
from educluster.placements.tests._support import hosts, new_round
from educluster.registry.models import Institution

pytestmark = pytest.mark.django_db


def _post(client, url, data=None) -> list[str]:
    response = client.post(url, data or {}, follow=True)
    assert response.status_code == 200
    return [m.message for m in response.context["messages"] if m.level_tag == "error"]


def test_it_builds_a_round_through_the_pages(cluster, client_as):
    client = client_as("coordinator")
    deadline = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("placements:round_create", args=[cluster.slug]),
        {
            "kind": "practice",
            "title": "Bahorgi amaliyot",
            "method": "stable",
            "preference_deadline": deadline,
            "max_choices": 5,
            "check_subject": "on",
        },
    )
    rnd = PlacementRound.objects.get(title="Bahorgi amaliyot")
    assert response.status_code == 302 and rnd.lottery_seed > 0
    school = Institution.objects.get(code="CHR-SCH-7")
    url = reverse("placements:host_create", args=[rnd.pk])
    bad = client.post(url, {"institution": school.pk, "capacity": -2, "ranking": "priority"})
    assert bad.status_code == 200 and bad.context["form"].errors["capacity"]
    assert not rnd.hosts.exists()
    client.post(url, {"institution": school.pk, "capacity": 4, "ranking": "priority"})
    assert rnd.hosts.get().capacity == 4
    client.post(reverse("placements:applicants", args=[rnd.pk]), {"study_year": 3})
    assert rnd.applicants.count() > 5
    assert not _post(client, reverse("placements:round_open", args=[rnd.pk]))
    rnd.refresh_from_db()
    assert rnd.status == PlacementRound.Status.OPEN


def test_it_shows_a_refused_step_and_changes_nothing(cluster, cast, client_as):
    rnd = new_round(cluster, cast["coordinator"])
    client = client_as("coordinator")
    for step in ("round_publish", "round_review", "round_run", "round_close"):
        assert len(_post(client, reverse(f"placements:{step}", args=[rnd.pk]))) == 1, step
    assert PlacementRound.objects.get(pk=rnd.pk).status == PlacementRound.Status.DRAFT


def test_it_lets_the_student_rank_and_refuses_a_bad_order(cluster, cast, client_as):
    coordinator = cast["coordinator"]
    rnd = new_round(cluster, coordinator, people=0)
    services.applicants_add(actor=coordinator, round=rnd, people=[cast["student"].person])
    services.round_open(actor=coordinator, round=rnd)
    h = [x.pk for x in hosts(rnd)]
    client = client_as("student")
    url = reverse("placements:my_preferences_edit", args=[rnd.pk])
    for host_id in h:
        client.post(url, {"action": "add", "host": host_id})
    client.post(url, {"action": "up", "host": h[2]})
    applicant = rnd.applicants.get()
    mine = list(applicant.preferences.order_by("position").values_list("host_id", flat=True))
    assert mine == [h[0], h[2], h[1]]
    for order in (f"{h[0]},{h[0]}", f"{h[0]},999999", "x,y"):
        assert len(_post(client, url, {"action": "order", "order": order})) == 1, order
    assert not _post(client, url, {"action": "order", "order": f"{h[1]},{h[0]}"})
    mine = list(applicant.preferences.order_by("position").values_list("host_id", flat=True))
    assert mine == [h[1], h[0]]
    page = client.get(reverse("placements:my_preferences", args=[rnd.pk])).content.decode()
    assert 'src="/static/placements/reorder.js"' in page and "<script>" not in page


def test_it_takes_the_students_answer(cluster, client_as):
    practice = PlacementRound.objects.get(cluster=cluster, kind="practice", is_demo=True)
    client = client_as("student")
    client.post(reverse("placements:my_result_respond", args=[practice.pk]), {"answer": "accept"})
    mine = Assignment.objects.get(round=practice, applicant__person__user__username="student")
    assert mine.response == Assignment.Response.ACCEPTED and mine.responded_at


def test_it_lets_the_head_rank_for_their_own_host(cluster, cast, client_as):
    coordinator = cast["coordinator"]
    rnd = new_round(cluster, coordinator, seats=(2,), people=3)
    services.round_open(actor=coordinator, round=rnd)
    host = Host.objects.get(round=rnd, institution__code="CHR-SCH-3")
    for a in rnd.applicants.all():
        services.preferences_set(actor=coordinator, applicant=a, host_ids=[host.pk])
    client = client_as("head")
    url = reverse("placements:host_rank", args=[rnd.pk, host.pk])
    client.post(url, {"action": "mode", "ranking": "explicit"})
    client.post(url, {"action": "fill"})
    host.refresh_from_db()
    assert host.ranking == "explicit" and host.rankings.count() == 3
    page = client.get(reverse("placements:host", args=[rnd.pk, host.pk]))
    assert [a.pk for a in page.context["ranking"]] == list(
        host.rankings.order_by("position").values_list("applicant_id", flat=True)
    )
