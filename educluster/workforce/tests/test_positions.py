"""Positions, staff records and vacancies: the status always agrees with the staff record."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from educluster.core.history import history_entries
from educluster.registry.models import Institution
from educluster.workforce import selectors, services
from educluster.workforce.models import Position, StaffRecord, Subject, Vacancy


@pytest.fixture
def school(db):
    return Institution.objects.get(code="CHR-SCH-7")


@pytest.fixture
def fine_arts(db):
    return Subject.objects.get(code="fine_arts")


def _new_position(actor, school, subject, **extra) -> Position:
    return services.position_create(
        actor=actor,
        institution=school,
        code=extra.pop("code", "NEW-1"),
        subject=subject,
        weekly_hours=Decimal(18),
        load_fraction=Decimal(1),
        **extra,
    )


def _staff(subject, **extra):
    return {
        "qualification_category": "first",
        "specialty": subject,
        "age_band": "30-34",
        "start_date": date(2024, 9, 2),
        **extra,
    }


def test_it_walks_a_position_through_its_lifecycle(cast, school, fine_arts):
    actor = cast["coordinator"]
    position = _new_position(actor, school, fine_arts)
    assert position.status == Position.Status.VACANT
    vacancy = services.vacancy_open(
        actor=actor,
        position=position,
        language=school.languages.first(),
        opened_on=date(2026, 9, 1),
    )
    assert vacancy.status == Vacancy.Status.OPEN
    record = services.vacancy_fill(
        actor=actor, vacancy=vacancy, **_staff(fine_arts, start_date=date(2026, 10, 11))
    )
    position.refresh_from_db()
    vacancy.refresh_from_db()
    assert position.status == Position.Status.FILLED
    assert vacancy.status == Vacancy.Status.FILLED and vacancy.filled_by == record
    assert vacancy.time_to_fill == 40
    services.staff_end(actor=actor, record=record, end_date=date(2026, 11, 1))
    position.refresh_from_db()
    assert position.status == Position.Status.VACANT
    entries = history_entries(
        position, related=[StaffRecord.history.filter(position_id=position.pk)]
    )
    assert any(e.who == actor.display_name for e in entries)


def test_it_replaces_an_interim_teacher_when_the_vacancy_is_filled(cast, school, fine_arts):
    actor = cast["coordinator"]
    position = _new_position(actor, school, fine_arts)
    interim = services.staff_add(
        actor=actor, position=position, interim=True, **_staff(fine_arts, age_band="60-64")
    )
    position.refresh_from_db()
    assert position.status == Position.Status.INTERIM
    vacancy = services.vacancy_open(
        actor=actor,
        position=position,
        language=school.languages.first(),
        opened_on=date(2026, 9, 1),
    )
    services.staff_add(
        actor=actor, position=position, **_staff(fine_arts, start_date=date(2026, 10, 1))
    )
    interim.refresh_from_db()
    vacancy.refresh_from_db()
    assert interim.end_date == date(2026, 9, 30)
    assert vacancy.status == Vacancy.Status.FILLED
    assert position.staff_records.filter(end_date__isnull=True).count() == 1


def test_it_refuses_inconsistent_statuses(cast, school, fine_arts):
    actor = cast["coordinator"]
    with pytest.raises(ValidationError):
        _new_position(actor, school, fine_arts, status=Position.Status.FILLED)
    position = _new_position(actor, school, fine_arts)
    with pytest.raises(ValidationError):
        services.position_update(actor=actor, position=position, status=Position.Status.FILLED)
    services.staff_add(actor=actor, position=position, **_staff(fine_arts))
    with pytest.raises(ValidationError):
        services.staff_add(actor=actor, position=position, **_staff(fine_arts))
    with pytest.raises(ValidationError):
        services.position_update(actor=actor, position=position, status=Position.Status.VACANT)
    with pytest.raises(ValidationError):  # a held post is not advertised
        services.vacancy_open(actor=actor, position=position, language=school.languages.first())


def test_it_refuses_a_second_open_vacancy_and_closing_twice(cast, school, fine_arts):
    actor = cast["coordinator"]
    position = _new_position(actor, school, fine_arts)
    language = school.languages.first()
    vacancy = services.vacancy_open(actor=actor, position=position, language=language)
    with pytest.raises(ValidationError):
        services.vacancy_open(actor=actor, position=position, language=language)
    services.vacancy_withdraw(actor=actor, vacancy=vacancy)
    with pytest.raises(ValidationError):
        services.vacancy_withdraw(actor=actor, vacancy=vacancy)
    with pytest.raises(ValidationError):
        services.vacancy_fill(actor=actor, vacancy=vacancy, **_staff(fine_arts))


def test_it_refuses_a_future_start_date(cast, school, fine_arts):
    position = _new_position(cast["coordinator"], school, fine_arts)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.staff_add(
            actor=cast["coordinator"], position=position, **_staff(fine_arts, start_date=tomorrow)
        )
    assert "start_date" in error.value.message_dict
    assert not position.staff_records.exists()


def test_it_lets_a_head_add_a_position_only_at_their_school(client_as, cluster, fine_arts):
    own = Institution.objects.get(code="CHR-SCH-3")
    other = Institution.objects.get(code="PAR-SCH-12")
    url = reverse("workforce:position_create", args=[cluster.slug])
    data = {
        "code": "TSA-9",
        "subject": fine_arts.pk,
        "weekly_hours": "9",
        "load_fraction": "0.5",
        "status": "vacant",
    }
    client = client_as("head")
    response = client.post(url, {**data, "institution": other.pk})
    assert response.status_code == 200 and "institution" in response.context["form"].errors
    response = client.post(url, {**data, "institution": own.pk})
    assert response.status_code == 302
    assert Position.objects.filter(institution=own, code="TSA-9").exists()


def test_it_fills_a_vacancy_through_the_page(client_as, cluster):
    vacancy = Vacancy.objects.get(position__institution__code="CHR-SCH-3", status="open")
    response = client_as("head").post(
        reverse("workforce:vacancy_fill", args=[vacancy.pk]),
        {
            "start_date": timezone.localdate().isoformat(),
            "qualification_category": "specialist",
            "specialty": vacancy.position.subject_id,
            "age_band": "20-24",
        },
    )
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == "filled" and vacancy.position.status == "filled"
    board = client_as("student").get(reverse("workforce:board", args=[cluster.slug]))
    assert vacancy not in list(board.context["page"])


def test_it_shows_students_the_open_vacancies_with_filters(client_as, cluster):
    client = client_as("student")
    url = reverse("workforce:board", args=[cluster.slug])
    everything = list(client.get(url).context["page"])
    assert everything and all(v.status == "open" for v in everything)
    music = Subject.objects.get(code="music")
    filtered = list(client.get(url, {"subject": music.pk}).context["page"])
    assert filtered and all(v.position.subject == music for v in filtered)
    assert len(filtered) < len(everything)
    rows = client.get(url, {"subject": music.pk}, headers={"HX-Request": "true"})
    assert "vacancy-table" in rows.content.decode() and "<html" not in rows.content.decode()


def test_it_scopes_positions_to_what_a_user_manages(cast, cluster):
    head_positions = selectors.cluster_positions(cast["head"], cluster)
    assert set(head_positions.values_list("institution__code", flat=True)) == {"CHR-SCH-3"}
    assert not selectors.cluster_positions(cast["analyst"], cluster).exists()
    assert not selectors.cluster_positions(cast["student"], cluster).exists()
    everything = selectors.cluster_positions(cast["coordinator"], cluster).count()
    assert everything == Position.objects.count()
