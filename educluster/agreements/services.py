"""Agreement workflows. Each is atomic and appends to the tamper-evident event log."""

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.agreements.audit import record_event
from educluster.agreements.models import (
    Agreement,
    AgreementParty,
    AgreementScan,
    EvidenceFile,
    FulfilmentReport,
    Obligation,
    Occurrence,
)
from educluster.agreements.rules import acts_for_counterpart, acts_for_party
from educluster.agreements.schedule import occurrence_dates
from educluster.core.files import EVIDENCE_KINDS, IMAGE_KINDS, PDF, validate_upload
from educluster.registry.models import Cluster, Goal, Institution, Membership
from educluster.telegram import notices as telegram


class AlreadyDecided(ValidationError):
    """Someone else confirmed or disputed the report first."""


def _event(actor: Any, action: str, obj: Any, agreement: Agreement, **payload: Any) -> None:
    record_event(
        cluster_id=agreement.cluster_id,
        agreement_id=agreement.pk,
        actor=actor,
        action=action,
        obj=obj,
        payload={k: (str(v) if v is not None else None) for k, v in payload.items()},
    )


def _save(obj: Any, actor: Any) -> None:
    obj._history_user = actor
    obj.full_clean()
    obj.save()


def _check_parties(cluster: Cluster, institutions: Sequence[Institution]) -> None:
    if len({i.pk for i in institutions}) < 2:
        raise ValidationError({"parties": _("An agreement needs at least two parties.")})
    members = set(
        Membership.objects.filter(cluster=cluster, institution__in=institutions).values_list(
            "institution_id", flat=True
        )
    )
    strangers = [str(i) for i in institutions if i.pk not in members]
    if strangers:
        raise ValidationError(
            {
                "parties": _("Not members of the cluster: %(names)s.")
                % {"names": ", ".join(strangers)}
            }
        )


@transaction.atomic
def agreement_create(
    *,
    actor: Any,
    cluster: Cluster,
    parties: Sequence[Institution],
    goals: Iterable[Goal] = (),
    signatories: dict[int, str] | None = None,
    **fields: Any,
) -> Agreement:
    """Draft an agreement between member institutions of the cluster."""
    _check_parties(cluster, parties)
    agreement = Agreement(
        cluster=cluster, created_by=actor, status=Agreement.Status.DRAFT, **fields
    )
    _save(agreement, actor)
    for institution in parties:
        party = AgreementParty(
            agreement=agreement,
            institution=institution,
            signatory=(signatories or {}).get(institution.pk, ""),
        )
        _save(party, actor)
    goal_list = [g for g in goals if g.cluster_id == cluster.pk]
    agreement.goals.set(goal_list)
    _event(
        actor,
        "agreement_created",
        agreement,
        agreement,
        number=agreement.number,
        parties=", ".join(str(i) for i in parties),
    )
    return agreement


_EDITABLE = ["number", "title", "signed_on", "valid_from", "valid_to"]


@transaction.atomic
def agreement_update(
    *,
    actor: Any,
    agreement: Agreement,
    goals: Iterable[Goal] | None = None,
    parties: Sequence[Institution] | None = None,
    **fields: Any,
) -> Agreement:
    """Change an agreement's terms. Parties change only while it is a draft, and a term may not
    shrink past an obligation's due date."""
    changed = {k: v for k, v in fields.items() if k in _EDITABLE and getattr(agreement, k) != v}
    for name, value in changed.items():
        setattr(agreement, name, value)
    _save(agreement, actor)
    outside = Occurrence.objects.filter(obligation__agreement=agreement).exclude(
        due_date__range=(agreement.valid_from, agreement.valid_to)
    )
    if outside.filter(reports__isnull=False).exists():
        raise ValidationError({"valid_to": _("Reports were filed for dates outside the new term.")})
    outside.delete()
    if parties is not None:
        current = {p.institution_id for p in agreement.parties.all()}
        wanted = {i.pk for i in parties}
        if current != wanted:
            if agreement.status != Agreement.Status.DRAFT:
                raise ValidationError({"parties": _("Parties change only while it is a draft.")})
            _check_parties(agreement.cluster, parties)
            if agreement.obligations.exclude(party__institution_id__in=wanted).exists() or (
                agreement.obligations.exclude(counterpart__institution_id__in=wanted).exists()
            ):
                raise ValidationError(
                    {"parties": _("Remove the obligations of a party before removing it.")}
                )
            agreement.parties.exclude(institution_id__in=wanted).delete()
            for institution in parties:
                if institution.pk not in current:
                    _save(AgreementParty(agreement=agreement, institution=institution), actor)
            changed["parties"] = ", ".join(str(i) for i in parties)
    if goals is not None:
        goal_ids = {g.pk for g in goals if g.cluster_id == agreement.cluster_id}
        if goal_ids != set(agreement.goals.values_list("pk", flat=True)):
            agreement.goals.set(goal_ids)
            changed["goals"] = ", ".join(str(g) for g in agreement.goals.all())
    if changed:
        _event(actor, "agreement_updated", agreement, agreement, **changed)
    return agreement


@transaction.atomic
def agreement_transition(
    *,
    actor: Any,
    agreement: Agreement,
    to: str,
    signed_on: date | None = None,
    reason: str = "",
) -> Agreement:
    """Move along the lifecycle draft → signed → active → expired | terminated."""
    current = Agreement.Status(agreement.status)
    target = Agreement.Status(to)
    if target not in Agreement.TRANSITIONS[current]:
        raise ValidationError(
            {
                "status": _("An agreement cannot go from “%(from)s” to “%(to)s”.")
                % {"from": current.label, "to": target.label}
            }
        )
    if target == Agreement.Status.SIGNED:
        if signed_on is None:
            raise ValidationError({"signed_on": _("Give the signing date.")})
        if signed_on > timezone.localdate():
            raise ValidationError({"signed_on": _("The signing date is in the future.")})
        if not agreement.obligations.exists():
            raise ValidationError({"status": _("Add the parties' obligations before signing.")})
        agreement.signed_on = signed_on
    if target == Agreement.Status.TERMINATED and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for termination.")})
    if target == Agreement.Status.EXPIRED and agreement.valid_to >= timezone.localdate():
        raise ValidationError({"status": _("The term has not ended yet.")})
    agreement.status = target
    agreement.termination_reason = reason.strip() if target == Agreement.Status.TERMINATED else ""
    _save(agreement, actor)
    _event(
        actor,
        f"agreement_{target.value}",
        agreement,
        agreement,
        signed_on=agreement.signed_on,
        reason=reason.strip() or None,
    )
    return agreement


@transaction.atomic
def agreement_renew(
    *, actor: Any, agreement: Agreement, number: str, valid_from: date, valid_to: date
) -> Agreement:
    """Draft the successor of an agreement: same parties, goals and obligations, a new term."""
    if hasattr(agreement, "successor"):
        raise ValidationError({"number": _("This agreement was already renewed.")})
    if valid_from <= agreement.valid_from:
        raise ValidationError({"valid_from": _("The renewal must start after the original.")})
    parties = [p.institution for p in agreement.parties.select_related("institution")]
    successor = agreement_create(
        actor=actor,
        cluster=agreement.cluster,
        parties=parties,
        goals=agreement.goals.all(),
        signatories={p.institution_id: p.signatory for p in agreement.parties.all()},
        number=number,
        title=agreement.title,
        valid_from=valid_from,
        valid_to=valid_to,
        predecessor=agreement,
    )
    new_party = {p.institution_id: p for p in successor.parties.all()}
    shift = valid_from - agreement.valid_from
    for old in agreement.obligations.select_related("party", "counterpart"):
        due = old.due_date + shift if old.due_date else None
        if due is not None and not successor.within_term(due):
            due = valid_to
        obligation_create(
            actor=actor,
            agreement=successor,
            party=new_party[old.party.institution_id],
            counterpart=new_party[old.counterpart.institution_id],
            area=old.area,
            description=old.description,
            recurrence=old.recurrence,
            due_date=due,
            target_value=old.target_value,
            target_unit=old.target_unit,
            evidence_required=old.evidence_required,
            responsible=old.responsible,
        )
    _event(actor, "agreement_renewed", agreement, agreement, successor=successor.number)
    return successor


@transaction.atomic
def scan_add(*, actor: Any, agreement: Agreement, upload: Any) -> AgreementScan:
    validate_upload(upload, kinds=(PDF, *IMAGE_KINDS))
    scan = AgreementScan(agreement=agreement, original_name=upload.name[:255], uploaded_by=actor)
    scan.file.save(upload.name, upload, save=False)
    scan.save()
    _event(actor, "scan_added", scan, agreement, file=scan.original_name)
    return scan


def _expand(obligation: Obligation) -> None:
    """Create the occurrences the schedule asks for; drop open ones it no longer has."""
    agreement = obligation.agreement
    wanted = set(
        occurrence_dates(
            obligation.recurrence,
            start=agreement.valid_from,
            end=agreement.valid_to,
            due=obligation.due_date,
        )
    )
    existing = {o.due_date: o for o in obligation.occurrences.all()}
    for day, occurrence in existing.items():
        removable = occurrence.state == Occurrence.State.OPEN and not occurrence.reports.exists()
        if day not in wanted and removable:
            occurrence.delete()
    Occurrence.objects.bulk_create(
        [Occurrence(obligation=obligation, due_date=day) for day in sorted(wanted - set(existing))]
    )


@transaction.atomic
def obligation_create(*, actor: Any, agreement: Agreement, **fields: Any) -> Obligation:
    if agreement.status in (Agreement.Status.EXPIRED, Agreement.Status.TERMINATED):
        raise ValidationError(_("The agreement is no longer in force."))
    obligation = Obligation(agreement=agreement, **fields)
    _save(obligation, actor)
    _expand(obligation)
    _event(
        actor,
        "obligation_created",
        obligation,
        agreement,
        party=obligation.party,
        area=obligation.area,
        target=f"{obligation.target_value} {obligation.target_unit}",
        recurrence=obligation.recurrence,
        due_date=obligation.due_date,
    )
    return obligation


@transaction.atomic
def obligation_update(*, actor: Any, obligation: Obligation, **fields: Any) -> Obligation:
    changed = {k: v for k, v in fields.items() if getattr(obligation, k) != v}
    for name, value in changed.items():
        setattr(obligation, name, value)
    _save(obligation, actor)
    _expand(obligation)
    if changed:
        _event(actor, "obligation_updated", obligation, obligation.agreement, **changed)
    return obligation


@transaction.atomic
def report_submit(
    *,
    actor: Any,
    occurrence: Occurrence,
    value_achieved: Decimal,
    text: str,
    files: Sequence[Any] = (),
) -> FulfilmentReport:
    """The obliged party reports an occurrence as met, with evidence; the counterpart decides.

    A report may be filed while nothing waits for a decision: on an open occurrence, or as the
    answer to a disputed one (the next version).
    """
    obligation = occurrence.obligation
    if not acts_for_party(actor, obligation):
        raise PermissionDenied
    if obligation.agreement.status != Agreement.Status.ACTIVE:
        raise ValidationError(_("Reports are filed only under an active agreement."))
    if value_achieved is None or value_achieved < 0:
        raise ValidationError({"value_achieved": _("The value achieved cannot be negative.")})
    if not text.strip():
        raise ValidationError({"text": _("Describe what was done.")})
    for upload in files:  # every file is checked before anything is written
        validate_upload(upload, kinds=EVIDENCE_KINDS)
    claimed = Occurrence.objects.filter(
        pk=occurrence.pk, state__in=[Occurrence.State.OPEN, Occurrence.State.DISPUTED]
    ).update(state=Occurrence.State.REPORTED)
    if not claimed:
        raise ValidationError(_("A report for this date is already waiting for a decision."))
    version = (
        occurrence.reports.order_by("-version").values_list("version", flat=True).first() or 0
    ) + 1
    report = FulfilmentReport(
        occurrence=occurrence,
        version=version,
        value_achieved=value_achieved,
        text=text.strip(),
        submitted_by=actor,
    )
    report.full_clean()
    report.save()
    for upload in files:
        evidence = EvidenceFile(report=report, original_name=upload.name[:255])
        evidence.file.save(upload.name, upload, save=False)
        evidence.save()
    occurrence.state = Occurrence.State.REPORTED
    _event(
        actor,
        "report_submitted" if version == 1 else "report_resubmitted",
        report,
        obligation.agreement,
        occurrence=occurrence.due_date,
        version=version,
        value=value_achieved,
        files=len(files),
    )
    telegram.report_submitted(report=report)
    return report


@transaction.atomic
def report_decide(
    *, actor: Any, report: FulfilmentReport, confirm: bool, comment: str = ""
) -> FulfilmentReport:
    """The counterpart confirms or disputes a report. The first decision wins; a second,
    concurrent one is refused with :class:`AlreadyDecided` and changes nothing."""
    obligation = report.occurrence.obligation
    if report.submitted_by_id == actor.pk:
        raise ValidationError(_("Nobody confirms their own report."))
    if not acts_for_counterpart(actor, obligation):
        raise PermissionDenied
    if not confirm and not comment.strip():
        raise ValidationError({"comment": _("Say what is disputed.")})
    decision = (
        FulfilmentReport.Decision.CONFIRMED if confirm else FulfilmentReport.Decision.DISPUTED
    )
    now = timezone.now()
    # Compare-and-swap: only a still-pending report can be decided. Works on both databases;
    # on PostgreSQL the row lock taken by UPDATE makes the loser wait and then see 0 rows.
    won = FulfilmentReport.objects.filter(
        pk=report.pk, decision=FulfilmentReport.Decision.PENDING
    ).update(decision=decision, decided_by=actor, decided_at=now, decision_comment=comment.strip())
    if not won:
        raise AlreadyDecided(_("This report was already decided by someone else."))
    Occurrence.objects.filter(pk=report.occurrence_id).update(
        state=Occurrence.State.CONFIRMED if confirm else Occurrence.State.DISPUTED,
        confirmed_at=now if confirm else None,
    )
    report.refresh_from_db()
    _event(
        actor,
        "report_confirmed" if confirm else "report_disputed",
        report,
        obligation.agreement,
        occurrence=report.occurrence.due_date,
        version=report.version,
        comment=comment.strip() or None,
    )
    telegram.report_decided(report=report)
    return report


@transaction.atomic
def agreements_expire(*, today: date | None = None) -> int:
    """Mark active agreements whose term has ended as expired (run by the daily job)."""
    today = today or timezone.localdate()
    expired = 0
    for agreement in Agreement.objects.filter(status=Agreement.Status.ACTIVE, valid_to__lt=today):
        agreement_transition(actor=None, agreement=agreement, to=Agreement.Status.EXPIRED)
        expired += 1
    return expired
