"""Graduate employment statuses and targeted-training contracts."""

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


@transaction.atomic
def outcome_save(*, actor: Any, outcome: GraduateOutcome) -> GraduateOutcome:
    """The coordinator records or corrects a graduate's status."""
    if outcome._state.adding and not outcome.source:
        outcome.source = GraduateOutcome.Source.COORDINATOR
    if outcome.status == GraduateOutcome.Status.TEACHING_CLUSTER and outcome.institution_id:
        outcome.employer_name = ""
    save(outcome, actor)
    return outcome


@transaction.atomic
def outcome_self_report(
    *,
    actor: Any,
    outcome: GraduateOutcome,
    status: str,
    institution: Any = None,
    employer_name: str = "",
    note: str = "",
) -> GraduateOutcome:
    """The graduate reports their own status; it waits for the employer's confirmation again."""
    if outcome.confirmation == GraduateOutcome.Confirmation.CONFIRMED:
        raise ValidationError(
            _("Your employer has confirmed this record; ask the coordinator to change it.")
        )
    outcome.status = status
    outcome.institution = institution
    outcome.employer_name = employer_name
    outcome.note = note
    outcome.source = GraduateOutcome.Source.SELF_REPORT
    outcome.confirmation = GraduateOutcome.Confirmation.UNCONFIRMED
    outcome.confirmed_by = None
    outcome.confirmed_at = None
    outcome.self_reported_at = timezone.now()
    outcome.measured_on = timezone.localdate()
    save(outcome, actor)
    return outcome


@transaction.atomic
def outcome_confirm(
    *, actor: Any, outcome: GraduateOutcome, confirmed: bool, note: str = ""
) -> GraduateOutcome:
    """The employing institution confirms that the graduate works there, or disputes it."""
    if outcome.institution_id is None:
        raise ValidationError(_("No institution of the cluster is named as the employer."))
    if not confirmed and not note.strip():
        raise ValidationError(_("Say what is wrong when you dispute a record."))
    outcome.confirmation = (
        GraduateOutcome.Confirmation.CONFIRMED
        if confirmed
        else GraduateOutcome.Confirmation.DISPUTED
    )
    outcome.confirmed_by = actor
    outcome.confirmed_at = timezone.now()
    outcome.confirmation_note = note.strip()
    save(outcome, actor)
    return outcome


@transaction.atomic
def outcomes_from_round(
    *, actor: Any, round: PlacementRound, graduation_year: int
) -> tuple[int, int]:
    """Record "teaching in the specialty inside the cluster" for every graduate placed by a
    published employment round who did not decline. Graduates who already have a record for
    that year keep it. Returns (created, skipped)."""
    if round.kind != PlacementRound.Kind.EMPLOYMENT:
        raise ValidationError(_("Only an employment round gives employment statuses."))
    if not round.is_published:
        raise ValidationError(_("The round is not published yet."))
    existing = set(
        GraduateOutcome.objects.filter(
            cluster_id=round.cluster_id, graduation_year=graduation_year
        ).values_list("person_id", flat=True)
    )
    created = skipped = 0
    placed = (
        Assignment.objects.filter(round=round, host__isnull=False)
        .exclude(response=Assignment.Response.DECLINED)
        .select_related("applicant__person", "host__institution")
    )
    for assignment in placed:
        person = assignment.applicant.person
        if person.pk in existing:
            skipped += 1
            continue
        assert assignment.host is not None
        outcome = GraduateOutcome(
            cluster_id=round.cluster_id,
            person=person,
            graduation_year=graduation_year,
            programme=person.programme or assignment.applicant.specialty or "—",
            status=GraduateOutcome.Status.TEACHING_CLUSTER,
            source=GraduateOutcome.Source.ROUND,
            institution=assignment.host.institution,
            assignment=assignment,
        )
        save(outcome, actor)
        created += 1
    return created, skipped


@transaction.atomic
def contract_save(*, actor: Any, contract: TargetedContract) -> TargetedContract:
    save(contract, actor)
    return contract
