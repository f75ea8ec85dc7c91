"""Reading agreements: who sees what, compliance figures, reminder lists."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from educluster.accounts.models import Role
from educluster.accounts.scoping import scope_for
from educluster.agreements.models import (
    Agreement,
    AgreementParty,
    AgreementScan,
    AuditEvent,
    EvidenceFile,
    FulfilmentReport,
    Obligation,
    Occurrence,
)
from educluster.agreements.models.obligations import Area
from educluster.agreements.rules import acts_for_counterpart, acts_for_party
from educluster.registry.models import Institution

# Staff of a party institution read its agreements; students do not.
_PARTY_READER_ROLES = {Role.MEMBER_HEAD, Role.FACULTY, Role.MENTOR}


def agreements_for(user: Any) -> QuerySet[Agreement]:
    """Parties' staff, the cluster's coordinators and analysts, and responsible people."""
    scope = scope_for(user)
    qs = Agreement.objects.select_related("cluster", "cluster__lead_institution")
    if scope.sees_everything:
        return qs
    whole_clusters = scope.coordinated_cluster_ids | scope.analyst_cluster_ids
    party_institutions = [
        inst for inst, roles in scope.institution_roles.items() if roles & _PARTY_READER_ROLES
    ]
    condition = Q(cluster_id__in=whole_clusters) | Q(
        pk__in=AgreementParty.objects.filter(institution_id__in=party_institutions).values(
            "agreement_id"
        )
    )
    if scope.user_id:
        condition |= Q(
            pk__in=Obligation.objects.filter(responsible__user_id=scope.user_id).values(
                "agreement_id"
            )
        )
    return qs.filter(condition)


def _get(qs: QuerySet, **lookup: Any) -> Any:
    try:
        return qs.get(**lookup)
    except (qs.model.DoesNotExist, ValueError):
        raise Http404 from None


def agreement_for_user(user: Any, pk: int) -> Agreement:
    return _get(agreements_for(user), pk=pk)


def occurrence_for_user(user: Any, pk: int) -> Occurrence:
    return _get(
        Occurrence.objects.select_related(
            "obligation__agreement__cluster__lead_institution",
            "obligation__party__institution",
            "obligation__counterpart__institution",
            "obligation__responsible",
        ).filter(obligation__agreement__in=agreements_for(user)),
        pk=pk,
    )


def report_for_user(user: Any, pk: int) -> FulfilmentReport:
    return _get(
        FulfilmentReport.objects.select_related(
            "occurrence__obligation__agreement__cluster__lead_institution",
            "occurrence__obligation__party__institution",
            "occurrence__obligation__counterpart__institution",
            "occurrence__obligation__responsible",
            "submitted_by",
        ).filter(occurrence__obligation__agreement__in=agreements_for(user)),
        pk=pk,
    )


def evidence_for_user(user: Any, pk: int) -> EvidenceFile:
    return _get(
        EvidenceFile.objects.filter(
            report__occurrence__obligation__agreement__in=agreements_for(user)
        ),
        pk=pk,
    )


def scan_for_user(user: Any, pk: int) -> AgreementScan:
    return _get(AgreementScan.objects.filter(agreement__in=agreements_for(user)), pk=pk)


def agreement_detail(agreement: Agreement) -> Agreement:
    """The agreement with everything its page shows, in a constant number of queries."""
    reports = FulfilmentReport.objects.select_related(
        "submitted_by", "decided_by"
    ).prefetch_related("evidence")
    occurrences = Occurrence.objects.prefetch_related(Prefetch("reports", queryset=reports))
    obligations = Obligation.objects.select_related(
        "party__institution", "counterpart__institution", "responsible"
    ).prefetch_related(Prefetch("occurrences", queryset=occurrences))
    return (
        Agreement.objects.select_related("cluster", "predecessor")
        .prefetch_related(
            Prefetch("parties", queryset=AgreementParty.objects.select_related("institution")),
            Prefetch("obligations", queryset=obligations),
            "goals",
            "scans",
        )
        .get(pk=agreement.pk)
    )


def agreement_events(agreement: Agreement) -> QuerySet[AuditEvent]:
    return agreement.events.select_related("actor").order_by("-id")


# --- Compliance -------------------------------------------------------------------------------


@dataclass
class Compliance:
    """Obligation occurrences by state, for an agreement, a member or a matrix cell.

    *due*: due today or earlier; *confirmed on time*: confirmed by the due date (local day);
    *overdue*: past its due date and not confirmed; *open*: open and not yet past due;
    *disputes raised*: reports disputed by the counterpart.
    on-time rate = occurrences confirmed by their due date ÷ occurrences already due.
    """

    total: int = 0
    due: int = 0
    confirmed: int = 0
    confirmed_on_time: int = 0
    reported: int = 0
    disputed: int = 0
    overdue: int = 0
    open: int = 0
    disputes_raised: int = 0

    @property
    def on_time_rate(self) -> int | None:
        return round(100 * self.confirmed_on_time / self.due) if self.due else None


@dataclass
class ClusterCompliance:
    by_agreement: dict[int, Compliance] = field(default_factory=lambda: defaultdict(Compliance))
    by_member: dict[int, Compliance] = field(default_factory=lambda: defaultdict(Compliance))
    matrix: dict[tuple[int, str], Compliance] = field(
        default_factory=lambda: defaultdict(Compliance)
    )
    members: dict[int, Any] = field(default_factory=dict)
    agreements: dict[int, Agreement] = field(default_factory=dict)
    areas: list[tuple[str, Any]] = field(default_factory=list)
    total: Compliance = field(default_factory=Compliance)

    def matrix_rows(self) -> list[tuple[Any, Compliance, list[Compliance | None]]]:
        rows = []
        for member_id, institution in sorted(self.members.items(), key=lambda kv: str(kv[1])):
            cells = [self.matrix.get((member_id, key)) for key, _label in self.areas]
            rows.append((institution, self.by_member[member_id], cells))
        return rows


def compliance(agreements: QuerySet[Agreement], *, today: date | None = None) -> ClusterCompliance:
    """Compliance per agreement, per obliged member and per member × area, counted by the
    database: one row per (agreement, member, area) with the state counts, one for the disputes
    raised, then the members and agreements named (the figures
    of :class:`Compliance`; at national scale a cluster has tens of thousands of them)."""
    today = today or timezone.localdate()
    keys = ("obligation__agreement_id", "obligation__party__institution_id", "obligation__area")
    confirmed = Q(state=Occurrence.State.CONFIRMED)
    counts = (
        Occurrence.objects.filter(obligation__agreement__in=agreements)
        .order_by()
        .values(*keys)
        .annotate(
            total=Count("pk"),
            due=Count("pk", filter=Q(due_date__lte=today)),
            confirmed=Count("pk", filter=confirmed),
            # Confirmed on or before the due date, in the local time zone (as the model says).
            confirmed_on_time=Count(
                "pk",
                filter=confirmed
                & Q(confirmed_at__isnull=False, due_date__gte=TruncDate("confirmed_at")),
            ),
            overdue=Count("pk", filter=~confirmed & Q(due_date__lt=today)),
            reported=Count("pk", filter=Q(state=Occurrence.State.REPORTED)),
            disputed=Count("pk", filter=Q(state=Occurrence.State.DISPUTED)),
            open=Count("pk", filter=Q(state=Occurrence.State.OPEN, due_date__gte=today)),
        )
    )
    disputes = {
        tuple(row[f"occurrence__{k}"] for k in keys): row["n"]
        for row in FulfilmentReport.objects.filter(
            occurrence__obligation__agreement__in=agreements,
            decision=FulfilmentReport.Decision.DISPUTED,
        )
        .order_by()
        .values(*(f"occurrence__{k}" for k in keys))
        .annotate(n=Count("pk"))
    }
    result = ClusterCompliance()
    figures = [f.name for f in fields(Compliance)]
    for row in counts:
        agreement_id, member_id, area = (row[k] for k in keys)
        cell = Compliance(
            **{name: row[name] for name in figures if name != "disputes_raised"},
            disputes_raised=disputes.get((agreement_id, member_id, area), 0),
        )
        for target in (
            result.by_agreement[agreement_id],
            result.by_member[member_id],
            result.matrix[(member_id, area)],
            result.total,
        ):
            for name in figures:
                setattr(target, name, getattr(target, name) + getattr(cell, name))
        result.members[member_id] = None
        result.agreements[agreement_id] = None  # type: ignore[assignment]
    members = Institution.objects.in_bulk(list(result.members))
    result.members = {pk: members[pk] for pk in result.members}
    named = Agreement.objects.in_bulk(list(result.agreements))
    result.agreements = {pk: named[pk] for pk in result.agreements}
    areas_seen = {area for _member, area in result.matrix}
    result.areas = [(key, label) for key, label in Area.choices if key in areas_seen]
    return result


# --- What waits for a person ------------------------------------------------------------------

REMINDER_DAYS = 14


@dataclass(frozen=True)
class Waiting:
    my_obligations: list[Occurrence]
    to_confirm: list[FulfilmentReport]

    def __bool__(self) -> bool:
        return bool(self.my_obligations or self.to_confirm)


def waiting_for(user: Any, *, today: date | None = None) -> Waiting:
    """Occurrences the user must report (due within 14 days or overdue) and reports the user
    must confirm or dispute."""
    today = today or timezone.localdate()
    visible = agreements_for(user).filter(status=Agreement.Status.ACTIVE)
    candidates = (
        Occurrence.objects.filter(
            obligation__agreement__in=visible,
            state__in=[Occurrence.State.OPEN, Occurrence.State.DISPUTED],
            due_date__lte=today + timedelta(days=REMINDER_DAYS),
        )
        .select_related(
            "obligation__agreement__cluster",
            "obligation__party__institution",
            "obligation__counterpart__institution",
            "obligation__responsible",
        )
        .order_by("due_date")
    )
    mine = [occ for occ in candidates if acts_for_party(user, occ.obligation)]
    pending = (
        FulfilmentReport.objects.filter(
            decision=FulfilmentReport.Decision.PENDING,
            occurrence__obligation__agreement__in=visible,
        )
        .exclude(submitted_by_id=getattr(user, "pk", None))
        .select_related(
            "occurrence__obligation__agreement__cluster",
            "occurrence__obligation__party__institution",
            "occurrence__obligation__counterpart__institution",
            "occurrence__obligation__responsible",
        )
        .order_by("submitted_at")
    )
    to_confirm = [r for r in pending if acts_for_counterpart(user, r.occurrence.obligation)]
    return Waiting(my_obligations=mine, to_confirm=to_confirm)


def counts_by_state(occurrences: list[Occurrence]) -> Counter[str]:
    return Counter(o.display_state for o in occurrences)
