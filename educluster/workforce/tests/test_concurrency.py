"""Two hires into the same single vacancy, or onto the same vacant post, at the same moment
and each in its own transaction: exactly one teacher gets the post, the other is refused with
the reason (not a database error), and the post and vacancy agree. SQLite and PostgreSQL."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from educluster.core.tests.concurrency import open_vacancy, race, small_cluster
from educluster.workforce.models import Position, QualificationCategory, StaffRecord, Vacancy
from educluster.workforce.models.reference import AgeBand
from educluster.workforce.services import positions as services


@pytest.fixture(autouse=True)
def english():
    """The services' messages in English, in the racing threads too (``race`` passes it on)."""
    with translation.override("en"):
        yield


def _teacher(vacancy: Vacancy) -> dict:
    return {
        "qualification_category": QualificationCategory.FIRST,
        "specialty": vacancy.position.subject,
        "age_band": AgeBand.A25,
        "start_date": timezone.localdate(),
    }


def _one_won(results, *messages: str) -> None:
    assert sorted(r.won for r in results) == [False, True], [r.error for r in results]
    loser = next(r for r in results if not r.won)
    assert isinstance(loser.error, ValidationError), repr(loser.error)
    assert loser.error.messages[0] in messages


def _loaded(vacancy: Vacancy) -> Vacancy:
    # What each head's page loaded: the vacancy, still open.
    return Vacancy.objects.select_related("position__subject").get(pk=vacancy.pk)


def test_it_fills_a_vacancy_once_when_two_hires_arrive_at_once(transactional_db):
    world = small_cluster("hire", schools=1)
    vacancy = open_vacancy(world)
    a, b = _loaded(vacancy), _loaded(vacancy)
    results = race(
        lambda: services.vacancy_fill(actor=world.coordinator, vacancy=a, **_teacher(a)),
        lambda: services.vacancy_fill(actor=world.coordinator, vacancy=b, **_teacher(b)),
    )
    _one_won(results, "Only an open vacancy can be filled.")
    vacancy.refresh_from_db()
    record = StaffRecord.objects.get(position=vacancy.position)  # exactly one
    assert vacancy.status == Vacancy.Status.FILLED and vacancy.filled_by_id == record.pk
    assert Position.objects.get(pk=vacancy.position_id).status == Position.Status.FILLED
    assert vacancy.history.filter(status=Vacancy.Status.FILLED).count() == 1


def test_it_puts_one_teacher_on_a_vacant_post_when_two_are_added_at_once(transactional_db):
    """Through ``staff_add`` (the position's "add teacher" form), with and without a vacancy."""
    world = small_cluster("post", schools=1)
    vacancy = open_vacancy(world)
    plain = services.position_create(
        actor=world.coordinator,
        institution=world.schools[0],
        code="CC-2",
        subject=vacancy.position.subject,
        weekly_hours=9,
        load_fraction="0.5",
    )
    fields = _teacher(vacancy)
    taken = "The position already has a teacher; end that record first."
    for position, messages in (
        # The second finds the vacancy filled, or (if it looks later) no vacancy but a teacher.
        (vacancy.position, ("Only an open vacancy can be filled.", taken)),
        (plain, (taken,)),
    ):
        a, b = (Position.objects.get(pk=position.pk) for _ in range(2))
        results = race(
            lambda a=a: services.staff_add(actor=world.coordinator, position=a, **fields),
            lambda b=b: services.staff_add(actor=world.coordinator, position=b, **fields),
        )
        _one_won(results, *messages)
        assert StaffRecord.objects.filter(position=position).count() == 1
        assert Position.objects.get(pk=position.pk).status == Position.Status.FILLED
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED


def test_it_lets_either_the_hire_or_the_withdrawal_win_never_both(transactional_db):
    world = small_cluster("wdr", schools=1)
    vacancy = open_vacancy(world)
    a, b = _loaded(vacancy), _loaded(vacancy)
    results = race(
        lambda: services.vacancy_fill(actor=world.coordinator, vacancy=a, **_teacher(a)),
        lambda: services.vacancy_withdraw(actor=world.coordinator, vacancy=b),
    )
    assert sorted(r.won for r in results) == [False, True], [r.error for r in results]
    loser = next(r for r in results if not r.won)
    assert isinstance(loser.error, ValidationError), repr(loser.error)
    vacancy.refresh_from_db()
    records = StaffRecord.objects.filter(position=vacancy.position).count()
    if results[0].won:
        assert vacancy.status == Vacancy.Status.FILLED and records == 1
    else:
        assert vacancy.status == Vacancy.Status.WITHDRAWN and records == 0
        assert Position.objects.get(pk=vacancy.position_id).status == Position.Status.VACANT
