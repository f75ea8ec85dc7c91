"""Results flow on into the other modules.

* Publishing a practice round places every matched trainee at the School-Lab of their host
  (``schoollabs.services.placement_create``), so the mentor sees them at once and hours and
  evaluations start; the placement is linked to the result. A host without a lab (a seat offer
  of a school that has none, a host typed by hand) gives no School-Lab placement: the result
  says so.
* Declining withdraws that placement when no hours were logged on it.
* Accepting an employment placement fills the host's vacancy (time to fill recorded on the
  vacancy), opens the graduate's employment record (to be confirmed by the employer a year on),
  links the graduate's targeted-training contract, and writes the pathway stages.

Everything runs inside the transaction of the step that triggers it: a refusal changes nothing.
"""

import re
from importlib import import_module
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.placements.models import (
    Assignment,
    GraduateOutcome,
    PlacementRound,
    TargetedContract,
)
from educluster.placements.services._common import save
from educluster.schoollabs.models import Placement, PracticeLog, SchoolLab
from educluster.workforce.models import QualificationCategory, Vacancy
from educluster.workforce.models.reference import AgeBand

# A new graduate: the youngest band (the round knows no birth dates).
GRADUATE_AGE_BAND = AgeBand.A20


def _note(assignment: Assignment, text: str) -> None:
    assignment.placement_note = text[:300]


def _lab_for(assignment: Assignment, labs: dict[int, SchoolLab]) -> SchoolLab | None:
    host = assignment.host
    assert host is not None
    if host.lab is not None:
        return host.lab
    # A seat offer (or a hand-typed host) at a school that has a School-Lab: place it there.
    return labs.get(host.institution_id)


def _mentor(assignment: Assignment, lab: SchoolLab) -> Any:
    host = assignment.host
    assert host is not None
    mentor = host.mentor
    if mentor is not None and mentor.kind == "teacher" and mentor.institution_id == lab.host_id:
        return mentor
    return lab.school_coordinator


def _place(actor: Any, assignment: Assignment, lab: SchoolLab, term: Any) -> None:
    from educluster.schoollabs.services.practice import placement_create, placement_update

    student = assignment.applicant.person
    existing = Placement.objects.filter(term=term, student=student).select_related("lab").first()
    if existing is not None:
        linked = Assignment.objects.filter(lab_placement=existing).exclude(pk=assignment.pk)
        if existing.lab_id == lab.pk and not linked.exists():
            if existing.status == Placement.Status.WITHDRAWN:
                placement_update(actor=actor, placement=existing, status=Placement.Status.ACTIVE)
            assignment.lab_placement = existing
            _note(assignment, "")
            return
        if existing.status != Placement.Status.WITHDRAWN or existing.logs.exists():
            _note(
                assignment,
                _("Already placed at %(lab)s for %(term)s; no second School-Lab placement.")
                % {"lab": existing.lab, "term": term},
            )
            return
        # A withdrawn placement without hours in the same term moves to the new lab.
        try:
            with transaction.atomic():
                placement_update(
                    actor=actor,
                    placement=existing,
                    lab=lab,
                    mentor=_mentor(assignment, lab),
                    status=Placement.Status.ACTIVE,
                )
        except ValidationError as error:
            _note(assignment, " ".join(error.messages))
            return
        assignment.lab_placement = existing
        _note(assignment, "")
        return
    try:
        with transaction.atomic():
            assignment.lab_placement = placement_create(
                actor=actor, lab=lab, term=term, student=student, mentor=_mentor(assignment, lab)
            )
        _note(assignment, "")
    except ValidationError as error:
        assignment.lab_placement = None
        _note(assignment, " ".join(error.messages))


def practice_placements_create(*, actor: Any, round: PlacementRound) -> int:
    """Create the School-Lab placements of a published practice round; return how many results
    got one. Idempotent: results already linked are skipped."""
    if round.kind != PlacementRound.Kind.PRACTICE:
        return 0
    labs = {
        lab.host_id: lab
        for lab in SchoolLab.objects.filter(
            cluster_id=round.cluster_id, status=SchoolLab.Status.ACTIVE
        ).select_related("school_coordinator")
    }
    pending = (
        Assignment.objects.filter(round=round, host__isnull=False, lab_placement__isnull=True)
        .exclude(response=Assignment.Response.DECLINED)
        .select_related(
            "applicant__person", "host__lab__school_coordinator", "host__term", "host__mentor"
        )
        .order_by("pk")
    )
    placed = 0
    for assignment in pending:
        host = assignment.host
        assert host is not None
        lab = _lab_for(assignment, labs)
        term = host.term or round.lab_term
        if lab is None:
            _note(
                assignment,
                _(
                    "%(host)s has no School-Lab: the practice is recorded on this result, "
                    "not as a School-Lab placement."
                )
                % {"host": host.institution},
            )
        elif term is None:
            _note(assignment, _("The round names no School-Lab term; no placement was made."))
        else:
            _place(actor, assignment, lab, term)
        placed += assignment.lab_placement_id is not None
        save(assignment, actor)
    return placed


def practice_placement_release(*, actor: Any, assignment: Assignment) -> None:
    """The trainee declined: their School-Lab placement is withdrawn if no hours were logged."""
    placement = assignment.lab_placement
    if placement is None or placement.status == Placement.Status.WITHDRAWN:
        return
    if PracticeLog.objects.filter(placement=placement).exists():
        assignment.placement_note = _(
            "Hours are logged at the School-Lab, so the placement stays; the lab withdraws it."
        )
        return
    from educluster.schoollabs.services.practice import placement_update

    placement_update(actor=actor, placement=placement, status=Placement.Status.WITHDRAWN)


def graduation_year(round: PlacementRound) -> int:
    """The year in the round's term text ("2025-yil bitiruvchilari"), else this year."""
    found = re.search(r"(19|20)\d\d", round.term or "")
    return int(found.group(0)) if found else timezone.localdate().year


def _record_stages(actor: Any, outcome: GraduateOutcome, round: PlacementRound) -> None:
    """Graduation and employment on the graduate's pathway, with the outcome as their source."""
    # Looked up at run time: the pathways app writes automatic stages when it is installed.
    record = getattr(import_module("educluster.pathways.services"), "pathway_record_stage", None)
    if record is None:
        return
    record(
        cluster=round.cluster,
        person=outcome.person,
        kind="graduation",
        year=outcome.graduation_year,
        source=outcome,
        detail=outcome.programme,
        actor=actor,
    )
    record(
        cluster=round.cluster,
        person=outcome.person,
        kind="employment",
        year=timezone.localdate().year,
        source=outcome,
        institution=outcome.institution,
        detail=str(round),
        actor=actor,
    )


def _open_outcome(actor: Any, assignment: Assignment) -> GraduateOutcome:
    rnd = assignment.round
    host = assignment.host
    assert host is not None
    person = assignment.applicant.person
    year = graduation_year(rnd)
    outcome = GraduateOutcome.objects.filter(
        cluster_id=rnd.cluster_id, person=person, graduation_year=year
    ).first()
    if outcome is not None and outcome.confirmation == GraduateOutcome.Confirmation.CONFIRMED:
        return outcome  # the employer confirmed another record: keep it
    outcome = outcome or GraduateOutcome(cluster_id=rnd.cluster_id, person=person)
    outcome.graduation_year = year
    outcome.programme = outcome.programme or person.programme or assignment.applicant.specialty
    outcome.programme = outcome.programme or "—"
    outcome.status = GraduateOutcome.Status.TEACHING_CLUSTER
    outcome.source = GraduateOutcome.Source.ROUND
    outcome.institution = host.institution
    outcome.employer_name = ""
    outcome.assignment = assignment
    outcome.confirmation = GraduateOutcome.Confirmation.UNCONFIRMED
    outcome.measured_on = timezone.localdate()
    outcome.is_demo = rnd.is_demo
    save(outcome, actor)
    return outcome


def _link_contract(actor: Any, assignment: Assignment) -> None:
    host = assignment.host
    assert host is not None
    contract = (
        TargetedContract.objects.filter(
            cluster_id=assignment.round.cluster_id,
            person=assignment.applicant.person,
            status__in=[TargetedContract.Status.STUDYING, TargetedContract.Status.WORKING],
        )
        .order_by("-admission_year", "-pk")
        .first()
    )
    if contract is None:
        return
    contract.assignment = assignment
    if contract.district_id == host.institution.district_id and not contract.work_started_on:
        contract.status = TargetedContract.Status.WORKING
        contract.work_institution = host.institution
        contract.work_started_on = timezone.localdate()
    save(contract, actor)


def _fill_vacancy(actor: Any, assignment: Assignment) -> None:
    from educluster.workforce.services.positions import vacancy_fill

    host = assignment.host
    assert host is not None and host.vacancy_id is not None
    # Lock the vacancy row (PostgreSQL); the status check below is the compare-and-swap guard.
    vacancy = Vacancy.objects.select_for_update().select_related("position").get(pk=host.vacancy_id)
    if vacancy.status != Vacancy.Status.OPEN:
        raise ValidationError(
            _(
                "The vacancy at %(institution)s is no longer open (%(status)s); "
                "your answer was not recorded. Contact the coordinator."
            )
            % {"institution": host.institution, "status": vacancy.get_status_display()}
        )
    vacancy_fill(
        actor=actor,
        vacancy=vacancy,
        start_date=max(timezone.localdate(), vacancy.opened_on),
        qualification_category=QualificationCategory.SPECIALIST,
        specialty=vacancy.position.subject,
        age_band=GRADUATE_AGE_BAND,
    )


def employment_accept(*, actor: Any, assignment: Assignment) -> GraduateOutcome | None:
    """The graduate accepted an employment placement: fill the vacancy, open the employment
    record, link the contract, write the pathway stages."""
    rnd = assignment.round
    host = assignment.host
    if rnd.kind != PlacementRound.Kind.EMPLOYMENT or host is None:
        return None
    if host.vacancy_id is not None:
        _fill_vacancy(actor, assignment)
    outcome = _open_outcome(actor, assignment)
    _link_contract(actor, assignment)
    _record_stages(actor, outcome, rnd)
    return outcome


__all__ = [
    "employment_accept",
    "graduation_year",
    "practice_placement_release",
    "practice_placements_create",
]
