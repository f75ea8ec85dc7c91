"""Home page section of School-Lab practice: the trainee's hours to log, the mentor's hours
and evaluations to do. One query for the person, one for their active placements."""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from educluster.accounts.models import Person
from educluster.accounts.scoping import scope_for
from educluster.schoollabs.models import Placement, PracticeLog

# The mentor is asked for the evaluation this many days before the term ends.
EVALUATION_NOTICE_DAYS = 14


@dataclass
class PracticeItems:
    trainee: list[Placement] = field(default_factory=list)  # mine to log hours in
    to_approve: list[Placement] = field(default_factory=list)  # hours submitted to me
    to_evaluate: list[Placement] = field(default_factory=list)  # trainees awaiting my rubric

    def __bool__(self) -> bool:
        return bool(self.trainee or self.to_approve or self.to_evaluate)


def practice_section(user: Any) -> tuple[str, dict] | None:
    uid = scope_for(user).user_id
    if uid is None:
        return None
    person_id = Person.objects.filter(user_id=uid).values_list("pk", flat=True).first()
    if person_id is None:
        return None
    today = timezone.localdate()
    placements = (
        Placement.objects.filter(status=Placement.Status.ACTIVE)
        .filter(Q(student_id=person_id) | Q(mentor_id=person_id))
        .select_related("lab", "term", "student", "mentor", "evaluation")
        .annotate(
            approved_hours=Sum("logs__hours", filter=Q(logs__status=PracticeLog.Status.APPROVED)),
            submitted_count=Count("logs", filter=Q(logs__status=PracticeLog.Status.SUBMITTED)),
            returned_count=Count("logs", filter=Q(logs__status=PracticeLog.Status.RETURNED)),
        )
        .order_by("term__end_date", "student__full_name", "pk")
    )
    items = PracticeItems()
    for placement in placements[:100]:
        approved = placement.approved_hours or Decimal(0)
        if placement.student_id == person_id:
            items.trainee.append(placement)
            continue
        if placement.submitted_count:
            items.to_approve.append(placement)
        evaluated = hasattr(placement, "evaluation")
        due = approved >= placement.planned_hours or placement.term.end_date <= today + timedelta(
            days=EVALUATION_NOTICE_DAYS
        )
        if not evaluated and due:
            items.to_evaluate.append(placement)
    if not items:
        return None
    return ("schoollabs/_home_practice.html", {"items": items})
