"""Every rule of the issue: a clear error and nothing changed."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from educluster.placements import services
from educluster.placements.models import Assignment, Host, PlacementRound, Preference
from educluster.placements.tests._support import applicants, hosts, new_round, publish, run
from educluster.registry.models import Institution

pytestmark = pytest.mark.django_db
Status = PlacementRound.Status


@pytest.fixture
def coordinator(cast):
    return cast["coordinator"]


@pytest.fixture
def open_round(cluster, coordinator):
    rnd = new_round(cluster, coordinator)
    services.round_open(actor=coordinator, round=rnd)
    return rnd


def _list(applicant):
    return list(applicant.preferences.order_by("position").values_list("host_id", flat=True))


def test_it_refuses_a_host_ranked_twice_and_changes_nothing(open_round, coordinator):
    applicant = applicants(open_round)[0]
    h = hosts(open_round)
    services.preferences_set(actor=coordinator, applicant=applicant, host_ids=[h[0].pk, h[1].pk])
    with pytest.raises(ValidationError, match="twice"):
        services.preferences_set(
            actor=coordinator, applicant=applicant, host_ids=[h[2].pk, h[0].pk, h[2].pk]
        )
    with pytest.raises(ValidationError, match="already ranked"):
        services.preference_edit(
            actor=coordinator, applicant=applicant, action="add", host_id=h[1].pk
        )
    assert _list(applicant) == [h[0].pk, h[1].pk]


def test_it_refuses_an_unknown_host_and_changes_nothing(cluster, open_round, coordinator):
    applicant = applicants(open_round)[0]
    h = hosts(open_round)
    services.preferences_set(actor=coordinator, applicant=applicant, host_ids=[h[0].pk])
    other = new_round(cluster, coordinator, seats=(1,))
    foreign = hosts(other)[0].pk
    for bad in ([h[1].pk, foreign], [999_999]):
        with pytest.raises(ValidationError, match="not part of this round"):
            services.preferences_set(actor=coordinator, applicant=applicant, host_ids=bad)
    with pytest.raises(ValidationError, match="not part of this round"):
        services.preference_edit(
            actor=coordinator, applicant=applicant, action="add", host_id=foreign
        )
    assert _list(applicant) == [h[0].pk]


def test_it_refuses_a_list_longer_than_the_round_allows(open_round, coordinator):
    PlacementRound.objects.filter(pk=open_round.pk).update(max_choices=2)
    applicant = applicants(open_round)[0]
    applicant.round.refresh_from_db()
    with pytest.raises(ValidationError, match="at most 2"):
        services.preferences_set(
            actor=coordinator, applicant=applicant, host_ids=[h.pk for h in hosts(open_round)]
        )
    assert _list(applicant) == []


def test_it_moves_and_removes_hosts_on_the_list(open_round, coordinator):
    applicant = applicants(open_round)[0]
    h = [x.pk for x in hosts(open_round)]
    for host_id in h:
        services.preference_edit(
            actor=coordinator, applicant=applicant, action="add", host_id=host_id
        )
    services.preference_edit(actor=coordinator, applicant=applicant, action="up", host_id=h[2])
    assert _list(applicant) == [h[0], h[2], h[1]]
    services.preference_edit(actor=coordinator, applicant=applicant, action="up", host_id=h[0])
    services.preference_edit(actor=coordinator, applicant=applicant, action="down", host_id=h[0])
    assert _list(applicant) == [h[2], h[0], h[1]]
    services.preference_edit(actor=coordinator, applicant=applicant, action="remove", host_id=h[0])
    assert _list(applicant) == [h[2], h[1]]
    with pytest.raises(ValidationError):
        services.preference_edit(actor=coordinator, applicant=applicant, action="up", host_id=h[0])


def test_it_refuses_a_capacity_below_zero_and_changes_nothing(open_round, coordinator):
    host = hosts(open_round)[0]
    host.capacity = -1
    with pytest.raises(ValidationError) as error:
        services.host_save(actor=coordinator, host=host)
    assert "below zero" in str(error.value)
    assert Host.objects.get(pk=host.pk).capacity == 1
    new = Host(round=open_round, institution=Institution.objects.get(code="CHR-SCH-7"), capacity=-3)
    with pytest.raises(ValidationError, match="below zero"):
        services.host_save(actor=coordinator, host=new)
    assert open_round.hosts.count() == 3


def test_it_refuses_a_host_outside_the_cluster(open_round, coordinator):
    from educluster.registry import services as registry

    stranger = registry.institution_create(
        actor=coordinator,
        name="Samarqand shahar 1-maktab",
        kind="general_school",
        district=Institution.objects.get(code="CHR-SCH-3").district,
    )
    with pytest.raises(ValidationError, match="not a member"):
        services.host_save(
            actor=coordinator, host=Host(round=open_round, institution=stranger, capacity=2)
        )


def test_it_refuses_to_run_a_round_twice(open_round, coordinator):
    applicant = applicants(open_round)[0]
    services.preferences_set(
        actor=coordinator, applicant=applicant, host_ids=[hosts(open_round)[0].pk]
    )
    rnd = run(open_round, coordinator)
    stats, results = rnd.stats, list(Assignment.objects.filter(round=rnd).values())
    for _attempt in range(2):
        with pytest.raises(ValidationError, match="already been run"):
            services.round_run(actor=coordinator, round=rnd)
    rnd.refresh_from_db()
    assert rnd.status == Status.RUN and rnd.stats == stats
    assert list(Assignment.objects.filter(round=rnd).values()) == results
    # The background task is idempotent too: run again, nothing changes.
    services.round_execute(round_id=rnd.pk)
    assert list(Assignment.objects.filter(round=rnd).values()) == results


def test_it_refuses_to_run_before_the_preferences_are_closed(open_round, coordinator):
    with pytest.raises(ValidationError, match="Close the preferences"):
        services.round_run(actor=coordinator, round=open_round)
    with pytest.raises(ValidationError, match="not passed yet"):
        services.round_close(actor=coordinator, round=open_round)
    assert PlacementRound.objects.get(pk=open_round.pk).status == Status.OPEN


def test_it_refuses_to_publish_before_the_run(open_round, coordinator):
    later = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError, match="not been run"):
        services.round_publish(actor=coordinator, round=open_round, response_deadline=later)
    with pytest.raises(ValidationError, match="not been run"):
        services.round_review(actor=coordinator, round=open_round)
    rnd = run(open_round, coordinator)
    with pytest.raises(ValidationError, match="Review"):
        services.round_publish(actor=coordinator, round=rnd, response_deadline=later)
    services.round_review(actor=coordinator, round=rnd)
    with pytest.raises(ValidationError, match="future"):
        services.round_publish(
            actor=coordinator, round=rnd, response_deadline=timezone.now() - timedelta(hours=1)
        )
    rnd.refresh_from_db()
    assert rnd.status == Status.REVIEWED and rnd.published_at is None


def test_it_refuses_to_open_without_a_deadline_in_the_future(cluster, coordinator):
    rnd = new_round(cluster, coordinator, preference_deadline=None)
    with pytest.raises(ValidationError, match="deadline"):
        services.round_open(actor=coordinator, round=rnd)
    assert PlacementRound.objects.get(pk=rnd.pk).status == Status.DRAFT


def test_it_never_changes_a_published_round(open_round, coordinator, cast):
    h = hosts(open_round)
    a = applicants(open_round)
    services.preferences_set(actor=coordinator, applicant=a[0], host_ids=[h[0].pk])
    rnd = publish(run(open_round, coordinator), coordinator)
    student = cast["student"].person
    attempts = [
        lambda: services.round_update(actor=coordinator, round=rnd, title="Boshqa"),
        lambda: services.host_save(actor=coordinator, host=Host.objects.get(pk=h[0].pk)),
        lambda: services.host_remove(actor=coordinator, host=h[1]),
        lambda: services.host_set_ranking(actor=coordinator, host=h[0], ranking="explicit"),
        lambda: services.host_ranking_set(actor=coordinator, host=h[0], applicant_ids=[]),
        lambda: services.applicants_add(actor=coordinator, round=rnd, people=[student]),
        lambda: services.applicant_update(actor=coordinator, applicant=a[1], specialty="X"),
        lambda: services.applicant_remove(actor=coordinator, applicant=a[1]),
        lambda: services.preferences_set(actor=coordinator, applicant=a[1], host_ids=[h[1].pk]),
        lambda: services.round_open(actor=coordinator, round=rnd),
        lambda: services.round_run(actor=coordinator, round=rnd),
    ]
    before = (
        list(PlacementRound.objects.filter(pk=rnd.pk).values()),
        list(Host.objects.filter(round=rnd).values()),
        list(rnd.applicants.values()),
        list(Preference.objects.filter(applicant__round=rnd).values()),
        list(Assignment.objects.filter(round=rnd).values()),
    )
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    after = (
        list(PlacementRound.objects.filter(pk=rnd.pk).values()),
        list(Host.objects.filter(round=rnd).values()),
        list(rnd.applicants.values()),
        list(Preference.objects.filter(applicant__round=rnd).values()),
        list(Assignment.objects.filter(round=rnd).values()),
    )
    assert after == before


def test_it_closes_the_answers_at_the_deadline_and_keeps_a_decline_final(open_round, coordinator):
    a = applicants(open_round)
    h = hosts(open_round)
    services.preferences_set(actor=coordinator, applicant=a[0], host_ids=[h[0].pk])
    rnd = publish(run(open_round, coordinator), coordinator)
    mine = Assignment.objects.get(applicant=a[0])
    services.assignment_respond(actor=coordinator, assignment=mine, accept=False)
    with pytest.raises(ValidationError, match="already declined"):
        services.assignment_respond(actor=coordinator, assignment=mine, accept=True)
    nobody = Assignment.objects.get(applicant=a[1])
    with pytest.raises(ValidationError, match="not matched"):
        services.assignment_respond(actor=coordinator, assignment=nobody, accept=True)
    PlacementRound.objects.filter(pk=rnd.pk).update(response_deadline=timezone.now())
    mine.refresh_from_db()
    mine.round.refresh_from_db()
    with pytest.raises(ValidationError, match="deadline has passed"):
        services.assignment_respond(actor=coordinator, assignment=mine, accept=True)
    assert Assignment.objects.get(pk=mine.pk).response == Assignment.Response.DECLINED


def test_it_ranks_applicants_on_the_host_side_once_each(open_round, coordinator):
    h = hosts(open_round)
    a = applicants(open_round)
    for applicant in a[:2]:
        services.preferences_set(actor=coordinator, applicant=applicant, host_ids=[h[0].pk])
    services.host_set_ranking(actor=coordinator, host=h[0], ranking="explicit")
    services.host_ranking_edit(actor=coordinator, host=h[0], action="add", applicant_id=a[1].pk)
    with pytest.raises(ValidationError, match="already ranked"):
        services.host_ranking_edit(actor=coordinator, host=h[0], action="add", applicant_id=a[1].pk)
    with pytest.raises(ValidationError, match="twice"):
        services.host_ranking_set(actor=coordinator, host=h[0], applicant_ids=[a[0].pk, a[0].pk])
    with pytest.raises(ValidationError, match="listed this host"):
        services.host_ranking_set(actor=coordinator, host=h[0], applicant_ids=[a[2].pk])
    services.host_ranking_edit(actor=coordinator, host=h[0], action="fill", applicant_id=None)
    assert list(h[0].rankings.order_by("position").values_list("applicant_id", flat=True)) == [
        a[1].pk,
        a[0].pk,
    ]
