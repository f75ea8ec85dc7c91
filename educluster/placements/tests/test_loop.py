"""The loop between modules: hosts generated from School-Labs, seat offers and vacancies;
published practice rounds place trainees at the labs; accepted employment placements fill the
vacancy, open the graduate's record and link the contract; stuck runs are reset."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from educluster.accounts.models import Person
from educluster.placements import services
from educluster.placements.models import (
    Assignment,
    GraduateOutcome,
    Host,
    PlacementRound,
    SeatOffer,
    TargetedContract,
)
from educluster.placements.tests._support import pass_deadline, publish
from educluster.registry.models import District, Institution
from educluster.schoollabs.models import Placement, PracticeLog, SchoolLab, Term
from educluster.workforce.models import Vacancy


@pytest.fixture(autouse=True)
def _english(cast):
    """These tests read the messages in English: the cast reads pages in English."""
    from educluster.accounts.models import User

    User.objects.filter(pk__in=[u.pk for u in cast.values()]).update(preferred_language="en")


pytestmark = pytest.mark.django_db
Status = PlacementRound.Status


def _term(cluster, name="Sinov semestri") -> Term:
    today = timezone.localdate()
    return Term.objects.create(
        cluster=cluster,
        name=name,
        start_date=today - timedelta(days=20),
        end_date=today + timedelta(days=60),
    )


def _practice(cluster, actor, term, **fields) -> PlacementRound:
    fields.setdefault("preference_deadline", timezone.now() + timedelta(days=3))
    return services.round_create(
        actor=actor,
        cluster=cluster,
        kind=PlacementRound.Kind.PRACTICE,
        title="Amaliyot sinovi",
        lab_term=term,
        check_subject=False,
        check_language=False,
        **fields,
    )


def _employment(cluster, actor) -> PlacementRound:
    return services.round_create(
        actor=actor,
        cluster=cluster,
        kind=PlacementRound.Kind.EMPLOYMENT,
        title="Ishga taqsimlash sinovi",
        term=f"{timezone.localdate().year}-yil bitiruvchilari",
        preference_deadline=timezone.now() + timedelta(days=3),
        check_subject=False,
        check_language=False,
    )


def _open_vacancies(cluster):
    return Vacancy.objects.filter(
        status="open", position__institution__memberships__cluster=cluster
    ).distinct()


def _offer(cluster, term, code="CHR-SCH-7", seats=4) -> SeatOffer:
    school = Institution.objects.get(code=code)
    return SeatOffer.objects.create(
        cluster=cluster, institution=school, term=term, subject="Tasviriy sanʼat", seats=seats
    )


def _run_and_publish(rnd, actor, lists):
    """Open, fill the lists ({person: [hosts]}), close, run, review, publish."""
    services.round_open(actor=actor, round=rnd)
    for person, chosen in lists.items():
        applicant = rnd.applicants.get(person=person)
        services.preferences_set(actor=actor, applicant=applicant, host_ids=[h.pk for h in chosen])
    pass_deadline(rnd)
    services.round_close(actor=actor, round=rnd)
    services.round_run(actor=actor, round=rnd, language="en")
    rnd.refresh_from_db()
    assert rnd.status == Status.RUN, rnd.run_message
    return publish(rnd, actor)


def _students(n: int, exclude=()) -> list[Person]:
    return list(
        Person.objects.filter(kind="student", institution__code="CHDPI-TSA")
        .exclude(pk__in=[p.pk for p in exclude])
        .order_by("pk")[:n]
    )


# --- host generation ---------------------------------------------------------------------------


def test_it_generates_practice_hosts_from_labs_and_offers_minus_used_seats(cluster, cast):
    coordinator = cast["coordinator"]
    term = _term(cluster)
    lab = SchoolLab.objects.get(cluster=cluster, host__code="PAR-SCH-1")
    Placement.objects.create(
        lab=lab,
        term=term,
        student=_students(1)[0],
        mentor=lab.school_coordinator,
    )
    offer = _offer(cluster, term)
    rnd = _practice(cluster, coordinator, term)
    result = services.round_hosts_generate(actor=coordinator, round=rnd)
    labs = SchoolLab.objects.filter(cluster=cluster, status="active")
    assert result.created == labs.count() + 1
    by_lab = {h.lab_id: h for h in rnd.hosts.filter(lab__isnull=False)}
    assert by_lab[lab.pk].capacity == lab.capacity_per_term - 1
    assert by_lab[lab.pk].term_id == term.pk
    # The mentor who has mentored most trainees at the lab (the demo mentor at Parkent).
    assert by_lab[lab.pk].mentor.user.username == "mentor"
    from_offer = rnd.hosts.get(offer=offer)
    assert from_offer.capacity == 4 and from_offer.subject == "Tasviriy sanʼat"

    # Again: nothing duplicated; a changed offer updates its host; a new offer adds one.
    offer.seats = 6
    offer.save()
    _offer(cluster, term, code="BOK-SCH-9", seats=2)
    again = services.round_hosts_generate(actor=coordinator, round=rnd)
    assert (again.created, again.updated) == (1, 1)
    assert rnd.hosts.count() == labs.count() + 2
    assert rnd.hosts.get(offer=offer).capacity == 6


def test_it_generates_employment_hosts_from_open_vacancies(cluster, cast):
    coordinator = cast["coordinator"]
    rnd = _employment(cluster, coordinator)
    services.host_save(
        actor=coordinator,
        host=Host(
            round=rnd,
            institution=Institution.objects.get(code="CHR-SCH-3"),
            capacity=1,
            link="Xususiy maktab",
        ),
    )
    open_count = _open_vacancies(cluster).count()
    assert open_count > 0
    result = services.round_hosts_generate(actor=coordinator, round=rnd)
    assert result.created == open_count
    generated = rnd.hosts.filter(vacancy__isnull=False).select_related("vacancy__position")
    for host in generated:
        assert host.capacity == 1
        assert host.institution_id == host.vacancy.position.institution_id
        assert host.language_id == host.vacancy.language_id
        assert host.subject == host.vacancy.position.subject.name_uz
    # A vacancy withdrawn meanwhile: its host goes, unless somebody listed it.
    first, second = list(generated.order_by("pk")[:2])
    services.round_open(actor=coordinator, round=rnd)
    applicant_person = _students(1)[0]
    services.applicants_add(actor=coordinator, round=rnd, people=[applicant_person])
    services.preferences_set(
        actor=coordinator, applicant=rnd.applicants.get(), host_ids=[second.pk]
    )
    Vacancy.objects.filter(pk__in=[first.vacancy_id, second.vacancy_id]).update(
        status="withdrawn", closed_on=date(2026, 12, 1)
    )
    again = services.round_hosts_generate(actor=coordinator, round=rnd)
    assert again.created == 0 and again.removed == 1 and len(again.kept) == 1
    assert not rnd.hosts.filter(pk=first.pk).exists()
    assert rnd.hosts.filter(pk=second.pk).exists()
    assert rnd.hosts.filter(link="Xususiy maktab").exists()  # hand-typed hosts stay


def test_it_refuses_to_generate_without_a_term_or_after_the_run(cluster, cast):
    coordinator = cast["coordinator"]
    rnd = _practice(cluster, coordinator, None)
    with pytest.raises(ValidationError, match="School-Lab term"):
        services.round_hosts_generate(actor=coordinator, round=rnd)
    published = PlacementRound.objects.filter(cluster=cluster, status="published").first()
    with pytest.raises(ValidationError):
        services.round_hosts_generate(actor=coordinator, round=published)


def test_it_refuses_a_capacity_above_the_seats_left_and_saves_nothing(cluster, cast):
    coordinator = cast["coordinator"]
    term = _term(cluster)
    lab = SchoolLab.objects.get(cluster=cluster, host__code="PAR-SCH-1")
    Placement.objects.create(
        lab=lab, term=term, student=_students(1)[0], mentor=lab.school_coordinator
    )
    rnd = _practice(cluster, coordinator, term)
    services.round_hosts_generate(actor=coordinator, round=rnd)
    host = rnd.hosts.get(lab=lab)
    host.capacity = lab.capacity_per_term
    with pytest.raises(ValidationError) as error:
        services.host_save(actor=coordinator, host=host)
    assert "capacity" in error.value.message_dict
    assert "1 are used already" in error.value.message_dict["capacity"][0]
    host.refresh_from_db()
    assert host.capacity == lab.capacity_per_term - 1


def test_it_shows_the_generate_error_on_the_field_of_the_host_form(cluster, cast, client_as):
    coordinator = cast["coordinator"]
    term = _term(cluster)
    rnd = _practice(cluster, coordinator, term)
    services.round_hosts_generate(actor=coordinator, round=rnd)
    host = rnd.hosts.filter(lab__isnull=False).select_related("lab").first()
    response = client_as("coordinator").post(
        reverse("placements:host_edit", args=[rnd.pk, host.pk]),
        {
            "institution": host.institution_id,
            "label": host.label,
            "capacity": host.lab.capacity_per_term + 5,
            "ranking": "priority",
        },
    )
    assert response.status_code == 200
    assert "seats are left" in response.content.decode()
    host.refresh_from_db()
    assert host.capacity == host.lab.capacity_per_term


# --- results flow on ---------------------------------------------------------------------------


def test_it_places_matched_trainees_at_the_lab_when_the_round_is_published(cluster, cast):
    coordinator = cast["coordinator"]
    term = _term(cluster)
    _offer(cluster, term, code="CHR-SCH-7", seats=2)
    rnd = _practice(cluster, coordinator, term)
    services.round_hosts_generate(actor=coordinator, round=rnd)
    me = Person.objects.get(user__username="student")
    other = _students(1, exclude=[me])[0]
    services.applicants_add(actor=coordinator, round=rnd, people=[me, other])
    lab_host = rnd.hosts.get(lab__host__code="PAR-SCH-1")
    offer_host = rnd.hosts.get(offer__isnull=False)
    rnd = _run_and_publish(rnd, coordinator, {me: [lab_host], other: [offer_host]})
    mine = Assignment.objects.get(round=rnd, applicant__person=me)
    assert mine.lab_placement is not None
    placement = mine.lab_placement
    assert (placement.lab_id, placement.term_id, placement.student_id) == (
        lab_host.lab_id,
        term.pk,
        me.pk,
    )
    assert placement.mentor.user.username == "mentor"
    # The offer's school has no School-Lab: the result says why there is no lab placement.
    theirs = Assignment.objects.get(round=rnd, applicant__person=other)
    assert theirs.lab_placement is None and "no School-Lab" in theirs.placement_note
    # Idempotent.
    assert services.flow.practice_placements_create(actor=coordinator, round=rnd) == 0
    assert Placement.objects.filter(term=term, student=me).count() == 1

    # Declining withdraws the placement (no hours were logged).
    services.assignment_respond(actor=me.user, assignment=mine, accept=False)
    placement.refresh_from_db()
    assert placement.status == Placement.Status.WITHDRAWN


def test_it_keeps_a_placement_with_hours_when_the_trainee_declines(cluster, cast):
    coordinator = cast["coordinator"]
    term = _term(cluster)
    rnd = _practice(cluster, coordinator, term)
    services.round_hosts_generate(actor=coordinator, round=rnd)
    me = Person.objects.get(user__username="student")
    services.applicants_add(actor=coordinator, round=rnd, people=[me])
    lab_host = rnd.hosts.get(lab__host__code="PAR-SCH-1")
    rnd = _run_and_publish(rnd, coordinator, {me: [lab_host]})
    mine = Assignment.objects.get(round=rnd, applicant__person=me)
    PracticeLog.objects.create(
        placement=mine.lab_placement, date=timezone.localdate(), hours=2, description="Dars"
    )
    services.assignment_respond(actor=me.user, assignment=mine, accept=False)
    mine.refresh_from_db()
    assert mine.lab_placement.status == Placement.Status.ACTIVE
    assert "Hours are logged" in mine.placement_note


def _employment_result(cluster, coordinator, person):
    rnd = _employment(cluster, coordinator)
    services.round_hosts_generate(actor=coordinator, round=rnd)
    host = (
        rnd.hosts.filter(vacancy__isnull=False)
        .select_related("institution", "vacancy__position")
        .order_by("pk")
        .first()
    )
    services.applicants_add(actor=coordinator, round=rnd, people=[person])
    rnd = _run_and_publish(rnd, coordinator, {person: [host]})
    return rnd, host, Assignment.objects.get(round=rnd, applicant__person=person)


def test_it_fills_the_vacancy_and_opens_the_record_when_a_graduate_accepts(cluster, cast):
    coordinator = cast["coordinator"]
    me = Person.objects.get(user__username="student")
    _rnd, host, mine = _employment_result(cluster, coordinator, me)
    contract = TargetedContract.objects.create(
        cluster=cluster,
        person=me,
        district=host.institution.district,
        subject=host.vacancy.position.subject,
        admission_year=2022,
    )
    services.assignment_respond(actor=me.user, assignment=mine, accept=True)
    vacancy = Vacancy.objects.get(pk=host.vacancy_id)
    assert vacancy.status == "filled" and vacancy.time_to_fill is not None
    assert vacancy.filled_by.specialty_id == vacancy.position.subject_id
    outcome = GraduateOutcome.objects.get(cluster=cluster, person=me, assignment=mine)
    assert outcome.status == GraduateOutcome.Status.TEACHING_CLUSTER
    assert outcome.source == GraduateOutcome.Source.ROUND
    assert outcome.institution_id == host.institution_id
    assert outcome.confirmation == GraduateOutcome.Confirmation.UNCONFIRMED
    assert outcome.graduation_year == timezone.localdate().year
    contract.refresh_from_db()
    assert contract.assignment_id == mine.pk
    assert contract.status == TargetedContract.Status.WORKING
    assert contract.placement_fit == (True, True)


def test_it_refuses_a_second_acceptance_and_changes_nothing(cluster, cast):
    coordinator = cast["coordinator"]
    me = Person.objects.get(user__username="student")
    _rnd, host, mine = _employment_result(cluster, coordinator, me)
    services.assignment_respond(actor=me.user, assignment=mine, accept=True)
    staff = Vacancy.objects.get(pk=host.vacancy_id).filled_by_id
    stale = Assignment.objects.get(pk=mine.pk)
    stale.response = Assignment.Response.PENDING  # a second tab still shows "pending"
    with pytest.raises(ValidationError, match="already recorded"):
        services.assignment_respond(actor=me.user, assignment=stale, accept=True)
    with pytest.raises(ValidationError, match="already accepted"):
        services.assignment_respond(
            actor=me.user, assignment=Assignment.objects.get(pk=mine.pk), accept=True
        )
    assert Vacancy.objects.get(pk=host.vacancy_id).filled_by_id == staff
    assert GraduateOutcome.objects.filter(person=me, assignment=mine).count() == 1


def test_it_refuses_to_accept_a_vacancy_filled_by_someone_else(cluster, cast):
    from educluster.workforce.services.positions import vacancy_fill

    coordinator = cast["coordinator"]
    me = Person.objects.get(user__username="student")
    _rnd, host, mine = _employment_result(cluster, coordinator, me)
    vacancy = Vacancy.objects.get(pk=host.vacancy_id)
    vacancy_fill(
        actor=None,
        vacancy=vacancy,
        qualification_category="specialist",
        specialty=vacancy.position.subject,
        age_band="30-34",
    )
    with pytest.raises(ValidationError, match="no longer open"):
        services.assignment_respond(actor=me.user, assignment=mine, accept=True)
    mine.refresh_from_db()
    assert mine.response == Assignment.Response.PENDING
    assert not GraduateOutcome.objects.filter(assignment=mine).exists()


# --- stuck rounds ------------------------------------------------------------------------------


def _running(cluster, coordinator, minutes_ago: int) -> PlacementRound:
    rnd = _practice(cluster, coordinator, None)
    then = timezone.now() - timedelta(minutes=minutes_ago)
    PlacementRound.objects.filter(pk=rnd.pk).update(
        status=Status.RUNNING, run_started_at=then, progress_at=then
    )
    rnd.refresh_from_db()
    return rnd


def test_it_resets_a_stuck_round_and_records_who_and_why(cluster, cast, client_as, settings):
    settings.PLACEMENT_RUN_STALE_MINUTES = 15
    coordinator = cast["coordinator"]
    fresh = _running(cluster, coordinator, 2)
    assert not fresh.is_stuck
    with pytest.raises(ValidationError, match="stuck only after 15 minutes"):
        services.round_reset(actor=coordinator, round=fresh)
    rnd = _running(cluster, coordinator, 40)
    assert rnd.is_stuck
    page = client_as("coordinator").get(rnd.get_absolute_url())
    assert b'id="round-stuck"' in page.content
    response = client_as("coordinator").post(
        reverse("placements:round_reset", args=[rnd.pk]), {"reason": "server restarted"}
    )
    assert response.status_code == 302
    rnd.refresh_from_db()
    assert rnd.status == Status.CLOSED
    assert "server restarted" in rnd.run_message and "Reset by" in rnd.run_message
    last = rnd.history.order_by("-history_date").first()
    assert last.history_user == coordinator and last.status == Status.CLOSED
    # A worker that wakes up late finds the round no longer running and stores nothing.
    services.round_execute(round_id=rnd.pk)
    rnd.refresh_from_db()
    assert rnd.status == Status.CLOSED and not rnd.assignments.exists()


# --- access and queries ------------------------------------------------------------------------


def test_it_hides_the_new_actions_from_outsiders(cluster, cast, client_as):
    coordinator = cast["coordinator"]
    rnd = _running(cluster, coordinator, 40)
    for name in ("placements:hosts_generate", "placements:round_reset"):
        url = reverse(name, args=[rnd.pk])
        assert client_as("outsider").post(url).status_code == 404, name
        assert client_as("student").post(url).status_code in (403, 404), name
    rnd.refresh_from_db()
    assert rnd.status == Status.RUNNING


def test_it_generates_hosts_from_the_hosts_page(cluster, cast, client_as):
    coordinator = cast["coordinator"]
    rnd = _employment(cluster, coordinator)
    client = client_as("coordinator")
    page = client.get(reverse("placements:hosts", args=[rnd.pk])).content.decode()
    assert "Generate hosts from open vacancies" in page
    response = client.post(reverse("placements:hosts_generate", args=[rnd.pk]), follow=True)
    assert "hosts added" in response.content.decode()
    assert rnd.hosts.filter(vacancy__isnull=False).count() == _open_vacancies(cluster).count()


def test_it_lists_generated_hosts_with_the_same_number_of_queries(cluster, cast, client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coordinator = cast["coordinator"]
    term = _term(cluster)
    rnd = _practice(cluster, coordinator, term)
    services.round_hosts_generate(actor=coordinator, round=rnd)
    client = client_as("coordinator")
    url = reverse("placements:hosts", args=[rnd.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for code in ("CHR-SCH-7", "BOK-SCH-9", "QIB-SCH-11"):
        _offer(cluster, term, code=code)
    services.round_hosts_generate(actor=coordinator, round=rnd)
    assert count() == before


def test_it_shows_whether_a_contract_was_fulfilled_where_it_was_meant(cluster, cast, client_as):
    coordinator = cast["coordinator"]
    me = Person.objects.get(user__username="student")
    _rnd, host, mine = _employment_result(cluster, coordinator, me)
    other = District.objects.exclude(pk=host.institution.district_id).first()
    contract = TargetedContract.objects.create(
        cluster=cluster, person=me, district=other, admission_year=2022
    )
    services.assignment_respond(actor=me.user, assignment=mine, accept=True)
    contract.refresh_from_db()
    assert contract.assignment_id == mine.pk
    assert contract.placement_fit == (False, None)
    page = client_as("coordinator").get(reverse("placements:contracts", args=[cluster.slug]))
    assert "district not matched" in page.content.decode()
