"""Two coordinators publishing one round, two graduates accepting one vacancy, at the same
moment and each in its own transaction: exactly one wins, the other is refused clearly, and
nothing is written twice. Runs on SQLite and PostgreSQL alike."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from educluster.core.tests.concurrency import open_vacancy, race, small_cluster
from educluster.placements import services
from educluster.placements.models import Assignment, Host, PlacementRound
from educluster.placements.services import flow
from educluster.telegram import notices
from educluster.workforce.models import Position, StaffRecord, Vacancy

Status = PlacementRound.Status


def _round(world, *, kind: str, host: dict, people: list, title: str) -> PlacementRound:
    """A round with one host taken to "reviewed": run with everyone wanting that host."""
    actor = world.coordinator
    rnd = services.round_create(
        actor=actor,
        cluster=world.cluster,
        kind=kind,
        title=title,
        status=Status.OPEN,
        preference_deadline=timezone.now() + timedelta(days=1),
        check_subject=False,
        check_language=False,
    )
    seats = services.host_save(actor=actor, host=Host(round=rnd, **host))
    services.applicants_add(actor=actor, round=rnd, people=people)
    for applicant in rnd.applicants.all():
        services.preferences_set(actor=actor, applicant=applicant, host_ids=[seats.pk])
    PlacementRound.objects.filter(pk=rnd.pk).update(
        preference_deadline=timezone.now() - timedelta(minutes=1)
    )
    rnd.refresh_from_db()
    services.round_close(actor=actor, round=rnd)
    services.round_run(actor=actor, round=rnd, language="en")
    rnd.refresh_from_db()
    assert rnd.status == Status.RUN, rnd.run_message
    return services.round_review(actor=actor, round=rnd)


def test_it_publishes_a_round_once_when_two_coordinators_publish_at_once(
    transactional_db, monkeypatch
):
    world = small_cluster("pub", schools=1, students=2)
    rnd = _round(
        world,
        kind=PlacementRound.Kind.PRACTICE,
        host={"institution": world.schools[0], "capacity": 1},
        people=world.people,
        title="Concurrent publication",
    )
    published_calls = []
    placed_calls = []
    real_notice, real_place = notices.round_published, flow.practice_placements_create

    def notice(*, round):
        published_calls.append(round.pk)
        real_notice(round=round)

    def place(*, actor, round):
        placed_calls.append(round.pk)
        return real_place(actor=actor, round=round)

    monkeypatch.setattr(notices, "round_published", notice)
    monkeypatch.setattr(flow, "practice_placements_create", place)
    deadline = timezone.now() + timedelta(days=2)

    def publish(actor):
        mine = PlacementRound.objects.get(pk=rnd.pk)  # each tab loaded the reviewed round
        return lambda: services.round_publish(actor=actor, round=mine, response_deadline=deadline)

    other = type(world.coordinator).objects.create_user(username="pub-second", password="x")
    results = race(publish(world.coordinator), publish(other))

    winners = [r for r in results if r.won]
    losers = [r for r in results if not r.won]
    assert len(winners) == 1 and len(losers) == 1, [r.error for r in results]
    assert isinstance(losers[0].error, ValidationError)
    assert losers[0].error.messages[0] in (
        "The round changed meanwhile; reload the page.",
        "The round is already published.",
    )
    rnd.refresh_from_db()
    assert rnd.status == Status.PUBLISHED
    assert rnd.published_by_id == winners[0].value.published_by_id
    assert published_calls == [rnd.pk] and placed_calls == [rnd.pk]  # one notice round
    assert rnd.history.filter(status=Status.PUBLISHED).count() == 1
    assert Assignment.objects.filter(round=rnd).count() == 2  # the result, not duplicated


def test_it_fills_a_vacancy_once_when_two_graduates_accept_it_at_once(transactional_db):
    """Two employment rounds (say a round and another coordinator's round) both placed a
    graduate on the same single vacancy; both accept at the same moment."""
    world = small_cluster("vac", schools=1, students=2)
    vacancy = open_vacancy(world)
    host = {"institution": world.schools[0], "capacity": 1, "vacancy": vacancy}
    first = _round(
        world, kind="employment", host=host, people=world.people[:1], title="First round"
    )
    second = _round(
        world, kind="employment", host=host, people=world.people[1:], title="Second round"
    )
    for rnd in (first, second):
        services.round_publish(
            actor=world.coordinator,
            round=rnd,
            response_deadline=timezone.now() + timedelta(days=2),
        )
    placed = list(Assignment.objects.filter(host__vacancy=vacancy).select_related("applicant"))
    assert len(placed) == 2

    def accept(assignment):
        mine = Assignment.objects.select_related("round", "host").get(pk=assignment.pk)
        return lambda: services.assignment_respond(
            actor=world.coordinator, assignment=mine, accept=True
        )

    results = race(accept(placed[0]), accept(placed[1]))

    assert sorted(r.won for r in results) == [False, True], [r.error for r in results]
    loser = next(r for r in results if not r.won)
    assert isinstance(loser.error, ValidationError)
    assert "is no longer open" in loser.error.messages[0]
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED
    records = StaffRecord.objects.filter(position=vacancy.position)
    assert records.count() == 1 and vacancy.filled_by_id == records.get().pk
    assert Position.objects.get(pk=vacancy.position_id).status == Position.Status.FILLED
    # The loser's acceptance was rolled back whole: still unanswered, no employment record.
    answers = dict(
        Assignment.objects.filter(pk__in=[a.pk for a in placed]).values_list("pk", "response")
    )
    assert sorted(answers.values()) == [Assignment.Response.ACCEPTED, Assignment.Response.PENDING]
