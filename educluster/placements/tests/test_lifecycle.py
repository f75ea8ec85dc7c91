"""A round from draft to publication, answers, a second round and a correction."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from educluster.placements import services
from educluster.placements.models import Applicant, Assignment, PlacementRound, Preference
from educluster.placements.tests._support import (
    applicants,
    hosts,
    new_round,
    pass_deadline,
    publish,
    run,
)

pytestmark = pytest.mark.django_db
Status = PlacementRound.Status


def _lists(rnd, actor, lists):
    h = hosts(rnd)
    for applicant, choices in zip(applicants(rnd), lists, strict=True):
        services.preferences_set(
            actor=actor, applicant=applicant, host_ids=[h[i].pk for i in choices]
        )


def test_it_runs_a_round_through_its_whole_timeline(cluster, cast):
    coordinator = cast["coordinator"]
    rnd = new_round(cluster, coordinator, seats=(1, 1, 1), people=3)
    assert rnd.status == Status.DRAFT and rnd.lottery_seed > 0
    services.round_open(actor=coordinator, round=rnd)
    assert rnd.status == Status.OPEN and rnd.preferences_open
    # Everybody wants host 0 first; the priority rule (grades) decides.
    a = applicants(rnd)
    for applicant, grade in zip(a, ["4.9", "4.5", "3.9"], strict=True):
        Applicant.objects.filter(pk=applicant.pk).update(grade_average=grade)
    _lists(rnd, coordinator, [[0, 1], [0, 1, 2], [0, 2]])
    rnd = run(rnd, coordinator)
    assert rnd.status == Status.RUN
    assert rnd.stats["matched"] == 3 and rnd.stats["blocking_pairs"] == 0
    assert rnd.stats["share_first_choice"] == pytest.approx(1 / 3)
    h = hosts(rnd)
    result = {x.applicant_id: x for x in Assignment.objects.filter(round=rnd)}
    assert result[a[0].pk].host_id == h[0].pk and result[a[0].pk].choice_position == 1
    assert result[a[1].pk].host_id == h[1].pk and result[a[1].pk].choice_position == 2
    assert result[a[2].pk].host_id == h[2].pk
    why = result[a[1].pk].explanation
    assert why == [
        {
            "host": h[0].pk,
            "position": 1,
            "reason": "below_cutoff",
            "rank": 2,
            "cutoff": 1,
            "capacity": 1,
            "admitted": 1,
        }
    ]
    assert h[0].admitted_count == 1 and h[0].cutoff_rank == 1
    # Every result row has its history row, written by the same bulk path.
    created = Assignment.history.filter(round_id=rnd.pk, history_type="+")
    assert created.count() == 3 and {x.history_user_id for x in created} == {coordinator.pk}

    services.round_review(actor=coordinator, round=rnd)
    deadline = timezone.now() + timedelta(days=2)
    services.round_publish(actor=coordinator, round=rnd, response_deadline=deadline)
    assert rnd.status == Status.PUBLISHED and rnd.published_by == coordinator
    assert rnd.history.filter(status=Status.PUBLISHED).exists()

    declined = result[a[2].pk]
    services.assignment_respond(actor=coordinator, assignment=declined, accept=False)
    services.assignment_respond(actor=coordinator, assignment=result[a[0].pk], accept=True)
    declined.refresh_from_db()
    assert declined.response == Assignment.Response.DECLINED


def test_it_opens_a_second_round_for_the_unmatched_and_the_unfilled(cluster, cast):
    coordinator = cast["coordinator"]
    rnd = new_round(cluster, coordinator, seats=(1, 2, 1), people=4)
    services.round_open(actor=coordinator, round=rnd)
    _lists(rnd, coordinator, [[0], [0], [1], [0]])
    rnd = publish(run(rnd, coordinator), coordinator)
    placed = Assignment.objects.filter(round=rnd, host__isnull=False)
    assert placed.count() == 2
    first = placed.first()
    services.assignment_respond(actor=coordinator, assignment=first, accept=False)
    with pytest.raises(ValidationError, match="answer window"):
        services.round_second(actor=coordinator, round=rnd)
    PlacementRound.objects.filter(pk=rnd.pk).update(response_deadline=timezone.now())
    rnd.refresh_from_db()
    second = services.round_second(actor=coordinator, round=rnd)
    assert second.origin == rnd and second.origin_kind == "second_round"
    assert second.status == Status.DRAFT
    # Two unmatched and one who declined; the declined seat and the unfilled ones are back.
    assert second.applicants.count() == 3
    seats = {h.institution.code: h.capacity for h in second.hosts.select_related("institution")}
    assert sum(seats.values()) == 4 - 1
    # Lists are carried over for the hosts that still have seats.
    assert Preference.objects.filter(applicant__round=second).exists()
    assert (
        not Preference.objects.filter(applicant__round=second).exclude(host__round=second).exists()
    )
    with pytest.raises(ValidationError, match="already exists"):
        services.round_second(actor=coordinator, round=rnd)


def test_it_corrects_a_round_with_a_new_round_that_records_why(cluster, cast):
    coordinator = cast["coordinator"]
    rnd = new_round(cluster, coordinator, seats=(1, 1), people=2)
    services.round_open(actor=coordinator, round=rnd)
    _lists(rnd, coordinator, [[0, 1], [0]])
    rnd = run(rnd, coordinator)
    services.round_review(actor=coordinator, round=rnd)
    with pytest.raises(ValidationError):
        services.round_correct(actor=coordinator, round=rnd, reason="  ")
    fix = services.round_correct(
        actor=coordinator, round=rnd, reason="Maktab 3 oʻrinlar sonini notoʻgʻri bergan"
    )
    assert (
        fix.origin == rnd and fix.origin_kind == "correction" and "notoʻgʻri" in fix.origin_reason
    )
    assert fix.status == Status.CLOSED
    assert fix.applicants.count() == 2 and fix.hosts.count() == 2
    assert sorted(len(a.preferences.all()) for a in fix.applicants.all()) == [1, 2]
    # The corrected round keeps its result but can no longer be published.
    with pytest.raises(ValidationError, match="corrected"):
        services.round_publish(
            actor=coordinator, round=rnd, response_deadline=timezone.now() + timedelta(days=1)
        )
    assert PlacementRound.objects.get(pk=rnd.pk).status == Status.REVIEWED
    services.round_run(actor=coordinator, round=fix, language="en")
    fix.refresh_from_db()
    assert fix.status == Status.RUN and Assignment.objects.filter(round=fix).count() == 2


def test_it_keeps_the_lists_as_they_stand_at_the_deadline(cluster, cast):
    coordinator = cast["coordinator"]
    rnd = new_round(cluster, coordinator)
    services.round_open(actor=coordinator, round=rnd)
    applicant = applicants(rnd)[0]
    services.preference_edit(
        actor=coordinator, applicant=applicant, action="add", host_id=hosts(rnd)[0].pk
    )
    pass_deadline(rnd)
    applicant.round.refresh_from_db()
    with pytest.raises(ValidationError, match="deadline"):
        services.preference_edit(
            actor=coordinator, applicant=applicant, action="add", host_id=hosts(rnd)[1].pk
        )
    assert list(applicant.preferences.values_list("host_id", flat=True)) == [hosts(rnd)[0].pk]
