"""Registry workflows. Each is atomic and records its author in the history."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from educluster.registry.models import (
    Cluster,
    Goal,
    Indicator,
    Institution,
    Language,
    Membership,
)


def _save(obj: Any, actor: Any) -> None:
    # Tasks and commands have no request, so the author is set on the row for the history.
    obj._history_user = actor
    obj.full_clean()
    obj.save()


@transaction.atomic
def institution_create(
    *,
    actor: Any,
    languages: Iterable[Language] = (),
    cluster: Cluster | None = None,
    role: str = Membership.Role.PARTNER,
    **fields: Any,
) -> Institution:
    """Create an institution and, when a cluster is given, make it a member from today."""
    institution = Institution(**fields)
    _save(institution, actor)
    institution.languages.set(list(languages))
    if cluster is not None:
        membership_add(actor=actor, cluster=cluster, institution=institution, role=role)
    return institution


@transaction.atomic
def institution_update(
    *,
    actor: Any,
    institution: Institution,
    languages: Iterable[Language] | None = None,
    **fields: Any,
) -> Institution:
    for name, value in fields.items():
        setattr(institution, name, value)
    _save(institution, actor)
    if languages is not None:
        wanted = {lang.pk for lang in languages}
        if wanted != set(institution.languages.values_list("pk", flat=True)):
            institution.languages.set(list(wanted))
    return institution


@transaction.atomic
def cluster_create(*, actor: Any, **fields: Any) -> Cluster:
    """Create a cluster; its lead institution becomes its integrator member."""
    cluster = Cluster(**fields)
    _save(cluster, actor)
    membership_add(
        actor=actor,
        cluster=cluster,
        institution=cluster.lead_institution,
        role=Membership.Role.INTEGRATOR,
        start_date=cluster.founded_on or timezone.localdate(),
    )
    return cluster


@transaction.atomic
def cluster_update(*, actor: Any, cluster: Cluster, **fields: Any) -> Cluster:
    for name, value in fields.items():
        setattr(cluster, name, value)
    _save(cluster, actor)
    return cluster


@transaction.atomic
def membership_add(
    *,
    actor: Any,
    cluster: Cluster,
    institution: Institution,
    role: str = Membership.Role.PARTNER,
    start_date: date | None = None,
    note: str = "",
) -> Membership:
    """Add an institution to a cluster, or reopen its ended membership."""
    membership = Membership.objects.filter(cluster=cluster, institution=institution).first()
    if membership is None:
        membership = Membership(cluster=cluster, institution=institution)
    membership.role = role
    membership.start_date = start_date or timezone.localdate()
    membership.end_date = None
    membership.note = note
    _save(membership, actor)
    return membership


@transaction.atomic
def membership_update(*, actor: Any, membership: Membership, **fields: Any) -> Membership:
    for name, value in fields.items():
        setattr(membership, name, value)
    _save(membership, actor)
    return membership


@transaction.atomic
def membership_end(*, actor: Any, membership: Membership, end_date: date | None = None) -> None:
    membership.end_date = end_date or timezone.localdate()
    _save(membership, actor)


@transaction.atomic
def goal_save(*, actor: Any, goal: Goal) -> Goal:
    if goal.number is None:
        last = Goal.objects.filter(cluster=goal.cluster).order_by("-number").first()
        goal.number = (last.number + 1) if last else 1
    _save(goal, actor)
    return goal


@transaction.atomic
def goal_delete(*, actor: Any, goal: Goal) -> None:
    goal._history_user = actor  # type: ignore[attr-defined]
    goal.delete()


@transaction.atomic
def indicator_save(*, actor: Any, indicator: Indicator) -> Indicator:
    _save(indicator, actor)
    return indicator


@transaction.atomic
def indicator_delete(*, actor: Any, indicator: Indicator) -> None:
    indicator._history_user = actor  # type: ignore[attr-defined]
    indicator.delete()
