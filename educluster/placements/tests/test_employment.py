"""Graduate employment statuses, the employer's confirmation, the indicator, and contracts."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from educluster.placements import selectors, services
from educluster.placements.models import (
    Assignment,
    GraduateOutcome,
    PlacementRound,
    TargetedContract,
)
from educluster.placements.tests._support import applicants, hosts, new_round, publish, run
from educluster.registry.models import District, Institution

pytestmark = pytest.mark.django_db
Status = GraduateOutcome.Status


@pytest.fixture
def coordinator(cast):
    return cast["coordinator"]


def _employment_round(cluster, coordinator):
    rnd = new_round(
        cluster, coordinator, seats=(1, 1), people=3, kind=PlacementRound.Kind.EMPLOYMENT
    )
    services.round_open(actor=coordinator, round=rnd)
    h = hosts(rnd)
    for applicant in applicants(rnd):
        services.preferences_set(
            actor=coordinator, applicant=applicant, host_ids=[h[0].pk, h[1].pk]
        )
    return publish(run(rnd, coordinator), coordinator)


def test_it_records_statuses_from_a_published_employment_round(cluster, coordinator):
    rnd = _employment_round(cluster, coordinator)
    placed = list(Assignment.objects.filter(round=rnd, host__isnull=False).order_by("pk"))
    services.assignment_respond(actor=coordinator, assignment=placed[1], accept=False)
    created, skipped = services.outcomes_from_round(
        actor=coordinator, round=rnd, graduation_year=2031
    )
    assert (created, skipped) == (1, 0)
    outcome = GraduateOutcome.objects.get(graduation_year=2031)
    assert outcome.person == placed[0].applicant.person
    assert outcome.status == Status.TEACHING_CLUSTER and outcome.source == "round"
    assert outcome.institution == placed[0].host.institution and outcome.assignment == placed[0]
    assert services.outcomes_from_round(actor=coordinator, round=rnd, graduation_year=2031) == (
        0,
        1,
    )


def test_it_refuses_statuses_from_a_practice_or_unpublished_round(cluster, coordinator):
    practice = new_round(cluster, coordinator)
    with pytest.raises(ValidationError, match="employment round"):
        services.outcomes_from_round(actor=coordinator, round=practice, graduation_year=2031)
    draft = new_round(cluster, coordinator, kind=PlacementRound.Kind.EMPLOYMENT)
    with pytest.raises(ValidationError, match="not published"):
        services.outcomes_from_round(actor=coordinator, round=draft, graduation_year=2031)


def test_it_lets_the_employer_confirm_or_dispute_and_the_graduate_report(cluster, cast):
    head, student = cast["head"], cast["student"]
    school = Institution.objects.get(code="CHR-SCH-3")
    outcome = services.outcome_save(
        actor=cast["coordinator"],
        outcome=GraduateOutcome(
            cluster=cluster,
            person=student.person,
            graduation_year=2031,
            programme="Tasviriy sanʼat",
            status=Status.TEACHING_CLUSTER,
            institution=school,
        ),
    )
    assert outcome.source == "coordinator"
    with pytest.raises(ValidationError, match="dispute"):
        services.outcome_confirm(actor=head, outcome=outcome, confirmed=False, note=" ")
    services.outcome_confirm(actor=head, outcome=outcome, confirmed=False, note="Bizda ishlamaydi")
    assert outcome.confirmation == "disputed" and outcome.confirmed_by == head
    services.outcome_self_report(
        actor=student, outcome=outcome, status=Status.FURTHER_STUDY, employer_name="ChDPI"
    )
    assert outcome.source == "self_report" and outcome.confirmation == "unconfirmed"
    services.outcome_self_report(
        actor=student, outcome=outcome, status=Status.TEACHING_CLUSTER, institution=school
    )
    services.outcome_confirm(actor=head, outcome=outcome, confirmed=True)
    with pytest.raises(ValidationError, match="confirmed"):
        services.outcome_self_report(actor=student, outcome=outcome, status=Status.NOT_EMPLOYED)
    assert GraduateOutcome.objects.get(pk=outcome.pk).status == Status.TEACHING_CLUSTER
    assert outcome.history.count() >= 5


def test_it_refuses_inconsistent_statuses(cluster, cast):
    with pytest.raises(ValidationError):
        services.outcome_save(
            actor=cast["coordinator"],
            outcome=GraduateOutcome(
                cluster=cluster,
                person=cast["student"].person,
                graduation_year=2031,
                programme="X",
                status=Status.TEACHING_CLUSTER,
            ),
        )


def test_it_computes_the_share_employed_in_the_specialty(cluster, cast):
    people = list(cast[n].person for n in ("student", "faculty", "mentor", "head"))
    statuses = [
        Status.TEACHING_CLUSTER,
        Status.TEACHING_ELSEWHERE,
        Status.OTHER_SECTOR,
        Status.NOT_EMPLOYED,
    ]
    school = Institution.objects.get(code="PAR-SCH-1")
    for person, status in zip(people, statuses, strict=True):
        outcome = services.outcome_save(
            actor=cast["coordinator"],
            outcome=GraduateOutcome(
                cluster=cluster,
                person=person,
                graduation_year=2031,
                programme="Sinov dasturi",
                status=status,
                institution=school if status == Status.TEACHING_CLUSTER else None,
            ),
        )
        if status == Status.TEACHING_CLUSTER:
            GraduateOutcome.objects.filter(pk=outcome.pk).update(confirmation="confirmed")
    row = next(
        r
        for r in selectors.employment_indicator(cluster)
        if (r.programme, r.year) == ("Sinov dasturi", 2031)
    )
    assert (row.graduates, row.in_specialty, row.in_cluster) == (4, 2, 1)
    assert row.share_in_specialty == 0.5 and row.share_confirmed == 0.25


def test_it_measures_the_fulfilment_of_a_targeted_contract(cluster, cast):
    district = District.objects.get(code="boka")
    contract = TargetedContract(
        cluster=cluster,
        person=cast["student"].person,
        district=district,
        admission_year=2020,
        years_required=3,
        status=TargetedContract.Status.WORKING,
    )
    with pytest.raises(ValidationError, match="date work started"):
        services.contract_save(actor=cast["coordinator"], contract=contract)
    contract.work_started_on = timezone.localdate() - timedelta(days=round(365.25 * 1.5))
    contract.work_institution = Institution.objects.get(code="CHR-SCH-3")
    with pytest.raises(ValidationError, match="district"):
        services.contract_save(actor=cast["coordinator"], contract=contract)
    contract.work_institution = Institution.objects.get(code="BOK-SCH-4")
    services.contract_save(actor=cast["coordinator"], contract=contract)
    assert contract.fulfilment_percent == 50
    contract.work_ended_on = contract.work_started_on + timedelta(days=round(365.25 * 3))
    assert contract.fulfilment_percent == 100
    assert contract.years_served(today=date(2000, 1, 1)) == pytest.approx(3, abs=0.01)
