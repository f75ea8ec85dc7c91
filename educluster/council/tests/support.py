"""Helpers the council tests share: the demo council's rows."""

from educluster.council.models import Decision, Meeting, WorkPlan
from educluster.registry.models import Institution


def head_school() -> Institution:
    return Institution.objects.get(code="CHR-SCH-3")


def meeting(cluster) -> Meeting:
    return Meeting.objects.filter(cluster=cluster).order_by("date").first()  # type: ignore[return-value]


def decision_of(institution: Institution) -> Decision:
    return Decision.objects.filter(responsible=institution).order_by("pk").first()  # type: ignore[return-value]


def plan(cluster) -> WorkPlan:
    return WorkPlan.objects.get(cluster=cluster, academic_year="2026/2027")
