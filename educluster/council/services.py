"""The council's workflows: each checks the rule, validates, and writes in one transaction."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.accounts.models import Person
from educluster.council.models import CouncilMember, Decision, Meeting, PlanItem, WorkPlan
from educluster.registry.models import Cluster, Goal, Institution, Membership


def _require(user, perm: str, obj) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _check_member(cluster: Cluster, institution: Institution, field: str) -> None:
    if not Membership.objects.active().filter(cluster=cluster, institution=institution).exists():
        raise ValidationError({field: _("This institution is not a member of the cluster.")})


def _check_goal(cluster: Cluster, goal: Goal | None) -> None:
    if goal is not None and goal.cluster_id != cluster.pk:
        raise ValidationError({"goal": _("This goal belongs to another cluster.")})


@transaction.atomic
def council_member_add(
    *,
    user,
    cluster: Cluster,
    institution: Institution,
    person: Person,
    role: str = CouncilMember.Role.MEMBER,
    since: date | None = None,
) -> CouncilMember:
    _require(user, "council.manage", cluster)
    _check_member(cluster, institution, "institution")
    if person.institution_id != institution.pk:
        raise ValidationError(
            {"person": _("The person must work at the institution they represent.")}
        )
    if role in (CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY) and (
        CouncilMember.objects.filter(cluster=cluster, role=role, until__isnull=True).exists()
    ):
        raise ValidationError({"role": _("The council already has a member in this role.")})
    member = CouncilMember(
        cluster=cluster,
        institution=institution,
        person=person,
        role=role,
        since=since or timezone.localdate(),
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def meeting_create(*, user, cluster: Cluster, date: date, place: str = "", agenda: str) -> Meeting:
    _require(user, "council.manage", cluster)
    if not agenda.strip():
        raise ValidationError({"agenda": _("The agenda needs at least one item.")})
    meeting = Meeting(
        cluster=cluster, date=date, place=place.strip(), agenda=agenda.strip(), created_by=user
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_record_minutes(
    *, user, meeting: Meeting, minutes: str, approve: bool = False
) -> Meeting:
    _require(user, "council.manage", meeting.cluster)
    if not minutes.strip():
        raise ValidationError({"minutes": _("The minutes cannot be empty.")})
    if meeting.date > timezone.localdate():
        raise ValidationError({"minutes": _("Minutes are recorded after the meeting is held.")})
    meeting.minutes = minutes.strip()
    if approve and meeting.minutes_approved_at is None:
        meeting.minutes_approved_at = timezone.now()
    meeting.save()
    return meeting


@transaction.atomic
def decision_create(
    *,
    user,
    meeting: Meeting,
    text: str,
    responsible: Institution,
    due_date: date,
    goal: Goal | None = None,
) -> Decision:
    _require(user, "council.manage", meeting.cluster)
    if not text.strip():
        raise ValidationError({"text": _("Write what was decided.")})
    _check_member(meeting.cluster, responsible, "responsible")
    _check_goal(meeting.cluster, goal)
    if due_date < meeting.date:
        raise ValidationError({"due_date": _("The due date cannot be before the meeting.")})
    decision = Decision(
        meeting=meeting, text=text.strip(), responsible=responsible, due_date=due_date, goal=goal
    )
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def decision_mark_done(*, user, decision: Decision, note: str = "", when=None) -> Decision:
    """The responsible institution's head, or the coordinator, records the decision as done."""
    _require(user, "council.mark_done", decision)
    if decision.done_at is not None:
        raise ValidationError(_("This decision is already marked done."))
    if not note.strip():
        raise ValidationError({"done_note": _("Say briefly what was done.")})
    decision.done_at = when or timezone.now()
    decision.done_note = note.strip()
    decision.done_by = user
    decision.save()
    return decision


@transaction.atomic
def work_plan_get_or_create(*, user, cluster: Cluster, academic_year: str) -> WorkPlan:
    _require(user, "council.manage", cluster)
    parts = academic_year.split("/")
    if (
        len(parts) != 2
        or not all(p.isdigit() and len(p) == 4 for p in parts)
        or (int(parts[1]) != int(parts[0]) + 1)
    ):
        raise ValidationError({"academic_year": _("Write the academic year as 2026/2027.")})
    plan, _created = WorkPlan.objects.get_or_create(cluster=cluster, academic_year=academic_year)
    return plan


@transaction.atomic
def plan_item_create(
    *,
    user,
    plan: WorkPlan,
    title: str,
    due_date: date,
    responsible: Institution,
    goal: Goal | None = None,
) -> PlanItem:
    _require(user, "council.manage", plan.cluster)
    if not title.strip():
        raise ValidationError({"title": _("Give the plan item a title.")})
    _check_member(plan.cluster, responsible, "responsible")
    _check_goal(plan.cluster, goal)
    first = int(plan.academic_year[:4])
    if not date(first, 9, 1) <= due_date <= date(first + 1, 8, 31):
        raise ValidationError(
            {
                "due_date": _("The date must fall within the academic year %(year)s.")
                % {"year": plan.academic_year}
            }
        )
    item = PlanItem(
        plan=plan, title=title.strip(), due_date=due_date, responsible=responsible, goal=goal
    )
    item.full_clean()
    item.save()
    return item
